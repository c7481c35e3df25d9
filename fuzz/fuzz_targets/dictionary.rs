//! Any bytes as a dictionary file (see `bodies::dictionary`).
#![no_main]

#[path = "../bodies.rs"]
mod bodies;

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::dictionary(data));
