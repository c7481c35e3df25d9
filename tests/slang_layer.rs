//! Quality gates of the slang, meme and idiom layer (data/slang), over every entry: each variant
//! reaches its entry first, each example sentence keeps the term whole with its kind, and each category
//! keeps its minimum size. (Parsing, required fields, duplicates and examples that contain the term are
//! checked by the compiler, which refuses to build otherwise.)

mod common;

use std::collections::HashSet;

use common::{engine, span_text};
use redlens::compile::context::{Shows, examples};
use redlens::{Entry, Kinds};

/// Every entry of the slang layer.
fn layer() -> Vec<Entry> {
    let dict = engine().dictionary();
    (0..dict.entry_count()).filter_map(|id| engine().entry(id)).filter(|e| e.slang.is_some()).collect()
}

/// The terms of the layer's entries that wait for a context rule (`first = false`): the ordinary
/// entries of their headwords come first.
fn waiting() -> HashSet<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/slang");
    let mut problems = Vec::new();
    let mut out = HashSet::new();
    for file in std::fs::read_dir(&dir).unwrap() {
        let path = file.unwrap().path();
        if path.extension().is_some_and(|x| x == "toml") {
            let text = std::fs::read_to_string(&path).unwrap();
            let entries = redlens::compile::slang::parse_file(&path, &text, &mut problems);
            out.extend(entries.into_iter().filter(|e| e.context_only).map(|e| e.term));
        }
    }
    assert!(problems.is_empty(), "{problems:?}");
    out
}

#[test]
fn every_waiting_entry_has_a_rule_that_picks_it() {
    let rules = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/context.toml")).unwrap();
    let picked: HashSet<String> = examples(&rules)
        .expect("data/context.toml parses")
        .into_iter()
        .filter(|r| r.shows == Shows::Slang)
        .flat_map(|r| r.words)
        .collect();
    let missing: Vec<String> = waiting().into_iter().filter(|t| !picked.contains(t)).collect();
    assert!(missing.is_empty(), "entries with `first = false` that no rule picks: {missing:?}");
}

#[test]
fn every_spelling_reaches_its_entry_first() {
    let mut failures = Vec::new();
    let waiting = waiting();
    for e in layer().into_iter().filter(|e| !waiting.contains(&e.simplified)) {
        let s = e.slang.as_ref().expect("layer entries carry their slang data");
        let spellings = std::iter::once(&e.simplified).chain(&s.variants).chain(std::iter::once(&e.traditional));
        for spelling in spellings {
            let mut forms = vec![spelling.clone(), spelling.to_uppercase(), spelling.to_lowercase()];
            forms.dedup();
            for form in forms {
                if engine().lookup(&form).first().map(|f| f.id) != Some(e.id) {
                    failures.push(format!("{form} (for {})", e.simplified));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} spellings do not reach their entry first: {failures:?}", failures.len());
}

#[test]
fn every_example_keeps_its_term_whole() {
    let mut failures = Vec::new();
    let waiting = waiting();
    let layer: Vec<Entry> = layer().into_iter().filter(|e| !waiting.contains(&e.simplified)).collect();
    for e in &layer {
        let x = e.explanation().expect("an English explanation");
        let s = e.slang.as_ref().unwrap();
        let spellings: Vec<String> = std::iter::once(&e.simplified)
            .chain(&s.variants)
            .chain(std::iter::once(&e.traditional))
            .map(|v| v.to_lowercase())
            .collect();
        let spans = engine().annotate(&x.example_zh);
        let whole = spans.iter().any(|sp| {
            spellings.contains(&span_text(&x.example_zh, sp.start, sp.end).to_lowercase())
                && sp.kinds.intersects(Kinds::SLANG | Kinds::EMOJI)
        });
        if !whole {
            let units: Vec<String> = spans.iter().map(|sp| span_text(&x.example_zh, sp.start, sp.end)).collect();
            failures.push(format!("{}: {}", e.simplified, units.join("/")));
        }
    }
    let share = failures.len() as f64 / layer.len() as f64;
    assert!(
        failures.is_empty(),
        "{} of {} examples split their term ({share:.1}%):\n{}",
        failures.len(),
        layer.len(),
        failures.join("\n")
    );
}

#[test]
fn categories_keep_their_minimum_sizes() {
    let mut counts = std::collections::BTreeMap::<String, usize>::new();
    for e in layer() {
        *counts.entry(e.slang.unwrap().category).or_default() += 1;
    }
    let minimums = [
        ("abbreviation", 120),
        ("number", 40),
        ("platform", 150),
        ("meme", 300),
        ("pun", 80),
        ("mixed", 60),
        ("phrase", 60),
        ("fandom", 100),
        ("emoji", 30),
        ("regional", 40),
        ("colloquial", 400),
        ("comment", 150),
        ("trading", 120),
        ("crosstalk", 50),
        ("workplace", 80),
    ];
    for (category, min) in minimums {
        let n = counts.get(category).copied().unwrap_or(0);
        assert!(n >= min, "{category}: {n} entries, at least {min} wanted");
    }
    assert!(counts.values().sum::<usize>() >= 2000, "{counts:?}");
}

#[test]
fn every_entry_has_a_plain_form() {
    let missing: Vec<String> = layer()
        .into_iter()
        .filter(|e| e.slang.as_ref().is_none_or(|s| s.plain.as_deref().is_none_or(|p| p.trim().is_empty())))
        .map(|e| e.simplified)
        .collect();
    assert!(missing.is_empty(), "entries without `plain`: {missing:?}");
}
