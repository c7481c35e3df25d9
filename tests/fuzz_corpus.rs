//! Replays the fuzzers' saved inputs (`fuzz/corpus/<target>/`, and any crash kept in
//! `fuzz/regressions/<target>/`) through the same bodies the fuzz targets run (`fuzz/bodies.rs`), so
//! that `./build.sh test` holds every input the fuzzers ever found interesting, without nightly.

#[path = "../fuzz/bodies.rs"]
mod bodies;
mod common;

use std::path::Path;

/// The saved inputs of `target`, at least `min` of them.
fn inputs(target: &str, min: usize) -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut out = Vec::new();
    for dir in [root.join("corpus").join(target), root.join("regressions").join(target)] {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        out.extend(paths.iter().map(|p| std::fs::read(p).expect("readable input")));
    }
    assert!(out.len() >= min, "{target}: {} saved inputs, expected at least {min}", out.len());
    out
}

#[test]
fn dictionary_inputs_open_or_fail_cleanly() {
    for data in inputs("dictionary", 2) {
        bodies::dictionary(&data);
    }
}

/// The seed dictionary as this build writes it, whole and then damaged at one byte in every 97, each
/// as it is and sealed again: whatever opens is read, nothing panics.
#[test]
fn a_small_dictionary_damaged_byte_by_byte_opens_or_fails_cleanly() {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seed-data");
    let (image, _) =
        redlens::compile::build(&redlens::compile::Sources::in_dir(&seed)).expect("the seed data compiles");
    let mut opened = 0;
    for at in (0..image.len()).step_by(97).chain([usize::MAX]) {
        let mut damaged = image.clone();
        if let Some(b) = damaged.get_mut(at) {
            *b ^= 0x5A;
        }
        for prefix in [0u8, 1] {
            let input: Vec<u8> = std::iter::once(prefix).chain(damaged.iter().copied()).collect();
            bodies::dictionary(&input);
            opened += usize::from(redlens::Engine::from_bytes(damaged.clone()).is_ok());
        }
    }
    assert!(opened >= 2, "the undamaged seed opens");
}

#[test]
fn annotate_inputs_keep_their_promises() {
    let engine = common::engine();
    for data in inputs("annotate", 5) {
        bodies::annotate(engine, &data);
    }
}

#[test]
fn search_inputs_keep_their_promises() {
    let engine = common::engine();
    for data in inputs("search", 5) {
        bodies::search(engine, &data);
    }
}

#[test]
fn slang_inputs_parse_or_report_problems() {
    for data in inputs("slang", 1) {
        bodies::slang(&data);
    }
}
