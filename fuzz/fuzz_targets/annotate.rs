//! Any text annotated, and looked up at any offset, over the real dictionary (see `bodies::annotate`).
#![no_main]

#[path = "../bodies.rs"]
mod bodies;
mod engine;

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::annotate(engine::engine(), data));
