//! Every context rule of `data/context.toml` applies to its own example: the unit it names shows, first,
//! what the rule says (its sense, the slang entry, or the name).

mod common;

use common::{engine, span_text};
use redlens::Kinds;
use redlens::compile::context::{Shows, examples};

#[test]
fn every_rule_applies_to_its_example() {
    // The rules of data/ (or of another rules file, for a dictionary built from it: $REDLENS_CONTEXT).
    let path = std::env::var("REDLENS_CONTEXT")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/data/context.toml").to_string());
    let text = std::fs::read_to_string(path).unwrap();
    let rules = examples(&text).expect("data/context.toml parses");
    assert!(!rules.is_empty());
    let mut failures = Vec::new();
    for rule in &rules {
        let spans = engine().annotate(&rule.example);
        let unit = spans.iter().find(|s| {
            let t = span_text(&rule.example, s.start, s.end);
            if rule.words.is_empty() { s.kinds.contains(Kinds::NAME) } else { rule.words.contains(&t) }
        });
        let entry = unit.and_then(|s| s.entry).and_then(|id| engine().entry(id));
        let right = entry.as_ref().is_some_and(|e| match &rule.shows {
            Shows::Reading(pinyin, sense) => {
                e.pinyin.eq_ignore_ascii_case(pinyin) && sense.as_ref().is_none_or(|s| e.senses.first() == Some(s))
            }
            Shows::Slang => e.slang.is_some(),
            Shows::Name => e.kinds.contains(Kinds::NAME),
        });
        if !right {
            failures.push(format!(
                "{:?} in {:?}: the unit is {:?}, its first entry {:?}",
                rule.words,
                rule.example,
                unit.map(|s| span_text(&rule.example, s.start, s.end)),
                entry.map(|e| (e.pinyin, e.senses.first().cloned()))
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} rules do not apply to their examples:\n{}",
        failures.len(),
        rules.len(),
        failures.join("\n")
    );
}
