//! Any search query over the real dictionary (see `bodies::search`).
#![no_main]

#[path = "../bodies.rs"]
mod bodies;
mod engine;

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::search(engine::engine(), data));
