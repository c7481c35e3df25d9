//! What each fuzz target does with its input. Shared by the targets (`fuzz/fuzz_targets/`) and by the
//! test that replays the saved corpus (`tests/fuzz_corpus.rs`): whatever the bytes, nothing panics,
//! and what comes back keeps the promises checked here.
#![allow(dead_code)] // each includer uses some of the bodies

use std::path::Path;

use redlens::Engine;

/// Opens any bytes as a dictionary, then reads whatever opened. An input whose first byte is odd is
/// sealed first (its length and checksum written into its header), so that mutations get past those
/// checks to the section readers behind them; the maps must then still pass `fst`'s own checksum
/// (`verify_maps`), as the `fst` crate reads only maps it wrote.
pub fn dictionary(data: &[u8]) {
    let mut image = data.get(1..).unwrap_or_default().to_vec();
    let sealed = data.first().is_some_and(|b| b & 1 == 1);
    if sealed {
        redlens::format::seal(&mut image);
    }
    let Ok(mut engine) = Engine::from_bytes(image) else { return };
    if sealed && engine.dictionary().verify_maps().is_err() {
        return;
    }
    for text in ["这家店的奶茶yyds，好喝", "画蛇添足 xswl 520", ""] {
        text_with(&engine, text, 3);
        let _ = engine.lookup(text);
        let _ = engine.search(text, 5);
    }
    engine.build_segmenter();
    text_with(&engine, "这家店的奶茶yyds，好喝", 5);
    for id in 0..engine.dictionary().entry_count().min(64) {
        let _ = engine.entry(id);
    }
}

/// Annotates any text and asks what is at an offset of it (the first two bytes; past the end too).
pub fn annotate(engine: &Engine, data: &[u8]) {
    let offset = data.get(..2).map_or(0, |b| usize::from(u16::from_le_bytes([b[0], b[1]])));
    let text = String::from_utf8_lossy(data.get(2..).unwrap_or_default());
    text_with(engine, &text, offset);
}

/// Searches for any query.
pub fn search(engine: &Engine, data: &[u8]) {
    let query = String::from_utf8_lossy(data);
    let hits = engine.search(&query, 20);
    assert!(hits.len() <= 20, "more hits than asked for");
}

/// Parses any text as a slang category file.
pub fn slang(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut problems = Vec::new();
    let entries = redlens::compile::slang::parse_file(Path::new("fuzz.toml"), &text, &mut problems);
    for e in &entries {
        assert!(!e.keys().any(str::is_empty), "an entry with an empty key");
    }
}

fn text_with(engine: &Engine, text: &str, offset: usize) {
    let len = text.encode_utf16().count();
    let mut previous_end = 0;
    for span in engine.annotate(text) {
        let (start, end) = (span.start as usize, span.end as usize);
        assert!(
            previous_end <= start && start < end && end <= len,
            "span {start}..{end} of {len} after {previous_end}"
        );
        previous_end = end;
    }
    for at in [offset, offset % (len + 1)] {
        let looked = engine.lookup_at(text, at);
        let ids = engine.hover_ids(text, at);
        assert_eq!(looked.is_err(), at >= len, "offset {at} of {len}");
        assert_eq!(ids.is_err(), at >= len, "offset {at} of {len}");
        if let Ok(Some(hover)) = looked {
            assert!(hover.word.start <= at && at < hover.word.end.max(at + 1), "the word covers the offset");
        }
    }
}
