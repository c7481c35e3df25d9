//! Segmentation and reading quality on graded sentences with gold tokens and pinyin (a quarter of the
//! HSK sentence set, vendored in tests/data with its license note). The figures are printed (run with
//! `--nocapture`) and guarded from regressing below what was measured when the guard was set.

mod common;

use common::{engine, span_text};
use serde_json::Value;

struct Sentence {
    text: String,
    /// Gold tokens with their UTF-16 spans and tone-marked pinyin.
    tokens: Vec<(u32, u32, String, String)>,
}

fn sentences() -> Vec<Sentence> {
    include_str!("data/hsk-sentences.jsonl")
        .lines()
        .map(|line| {
            let v: Value = serde_json::from_str(line).expect("valid JSON line");
            let text = v["text"].as_str().expect("text").to_string();
            let mut tokens = Vec::new();
            let mut from = 0;
            for t in v["tokens"].as_array().expect("tokens") {
                let word = t[0].as_str().expect("word");
                // Gold tokens come in order; find each after the previous one.
                let Some(byte) = text[from..].find(word).map(|b| b + from) else { continue };
                let start = text[..byte].encode_utf16().count() as u32;
                let end = start + word.encode_utf16().count() as u32;
                tokens.push((start, end, word.to_string(), t[1].as_str().expect("pinyin").to_string()));
                from = byte + word.len();
            }
            Sentence { text, tokens }
        })
        .collect()
}

fn plain(pinyin: &str) -> String {
    pinyin.chars().filter(|c| !c.is_whitespace() && *c != '\'').flat_map(char::to_lowercase).collect()
}

#[test]
fn segmentation_agrees_with_gold_tokens_and_readings_are_right() {
    let (mut gold_n, mut ours_n, mut agree) = (0usize, 0usize, 0usize);
    let (mut readings, mut right) = (0usize, 0usize);
    let mut wrong_examples = Vec::new();
    for s in sentences() {
        let spans = engine().annotate(&s.text);
        let gold: std::collections::HashSet<(u32, u32)> = s.tokens.iter().map(|t| (t.0, t.1)).collect();
        gold_n += gold.len();
        ours_n += spans.len();
        agree += spans.iter().filter(|sp| gold.contains(&(sp.start, sp.end))).count();
        for sp in &spans {
            let Some(t) = s.tokens.iter().find(|t| (t.0, t.1) == (sp.start, sp.end)) else { continue };
            let Some(entry) = sp.entry.and_then(|id| engine().entry(id)) else { continue };
            readings += 1;
            if plain(&entry.pinyin_marks()) == plain(&t.3) {
                right += 1;
            } else if wrong_examples.len() < 15 {
                wrong_examples.push(format!(
                    "{} {} (gold {})",
                    span_text(&s.text, sp.start, sp.end),
                    entry.pinyin_marks(),
                    t.3
                ));
            }
        }
    }
    let precision = agree as f64 / ours_n as f64;
    let recall = agree as f64 / gold_n as f64;
    let f1 = 2.0 * precision * recall / (precision + recall);
    let accuracy = right as f64 / readings as f64;
    println!("segmentation vs gold: precision {precision:.4}, recall {recall:.4}, F1 {f1:.4} ({gold_n} gold tokens)");
    println!("reading accuracy on agreed tokens: {accuracy:.4} ({right}/{readings})");
    println!("some readings that differ: {wrong_examples:#?}");
    assert!(f1 >= F1_FLOOR, "segmentation F1 fell to {f1:.3}");
    assert!(accuracy >= READING_FLOOR, "reading accuracy fell to {accuracy:.3}");
}

/// Measured when the guard was set, minus a small margin for data changes.
const F1_FLOOR: f64 = 0.925;
const READING_FLOOR: f64 = 0.975;
