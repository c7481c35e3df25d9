//! Any text as a slang category file (see `bodies::slang`).
#![no_main]

#[path = "../bodies.rs"]
mod bodies;

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::slang(data));
