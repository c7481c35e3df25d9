//! What the OCR tests share: the models, and character accuracy.

#![allow(dead_code)]

use std::path::PathBuf;

use redlens_ocr::Ocr;

/// The models folder: `$REDLENS_OCR_MODELS`, else `target/ocr` of the workspace, where `./build.sh`
/// puts them.
pub fn models_dir() -> PathBuf {
    std::env::var_os("REDLENS_OCR_MODELS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/ocr"))
}

pub fn ocr() -> Ocr {
    let dir = models_dir();
    Ocr::from_dir(&dir).unwrap_or_else(|e| panic!("the OCR models: {e} (./build.sh copies them to target/ocr)"))
}

/// The characters compared: spaces dropped, full-width ASCII forms folded to ASCII and ￥ to ¥, so that
/// "！" and "!" (both in the models' list, and drawn almost alike) count as the same.
pub fn normalise(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap_or(c),
            0xFFE5 => '¥',
            _ => c,
        })
        .collect()
}

/// Levenshtein distance between two character sequences.
pub fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}
