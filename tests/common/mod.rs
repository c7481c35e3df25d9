//! Shared by the integration tests: the real dictionary, built by `./build.sh` from `data/`.
#![allow(dead_code)]

use std::sync::OnceLock;

use redlens::Engine;

/// Where `./build.sh` writes the dictionary (or `$REDLENS_DICT`).
pub fn dict_path() -> String {
    std::env::var("REDLENS_DICT").unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/target/redlens.dict").into())
}

/// The dictionary's bytes.
pub fn dict_bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let path = dict_path();
        std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}; run ./build.sh first"))
    })
}

/// One engine with its segmenter built, shared by the tests of a binary.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let mut e = Engine::from_bytes(dict_bytes().to_vec()).expect("the built dictionary loads");
        e.build_segmenter();
        e
    })
}

/// An engine whose segmenter is not built: lookups fall back to longest match.
pub fn engine_without_segmenter() -> Engine {
    Engine::from_bytes(dict_bytes().to_vec()).expect("the built dictionary loads")
}

/// The UTF-16 offset of the first occurrence of `needle` in `text`.
pub fn offset_of(text: &str, needle: &str) -> usize {
    let byte = text.find(needle).unwrap_or_else(|| panic!("{needle:?} is not in {text:?}"));
    text[..byte].encode_utf16().count()
}

/// The text of a UTF-16 span of `text`.
pub fn span_text(text: &str, start: u32, end: u32) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start as usize..end as usize]).expect("spans fall on character boundaries")
}
