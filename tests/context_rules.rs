//! Every context rule of `data/context.toml` and of `data/parts.tsv` applies to its own example: the unit it names (or the part
//! of a word, on the card's parts line) shows, first, what the rule says (its sense, the slang entry, or
//! the name). Every fixed cut of `data/cuts.tsv` is made.

mod common;

use common::{engine, span_text};
use redlens::Kinds;
use redlens::compile::context::{Shows, examples, part_examples};

#[test]
fn every_rule_applies_to_its_example() {
    // The rules of data/ (or of another rules file, for a dictionary built from it: $REDLENS_CONTEXT).
    let (mut rules, parts) = match std::env::var("REDLENS_CONTEXT") {
        Ok(path) => (examples(&std::fs::read_to_string(path).unwrap()).expect("the rules parse"), Vec::new()),
        Err(_) => {
            let data = concat!(env!("CARGO_MANIFEST_DIR"), "/data/");
            let rules = std::fs::read_to_string(format!("{data}context.toml")).unwrap();
            let parts = std::fs::read_to_string(format!("{data}parts.tsv")).unwrap();
            (examples(&rules).expect("data/context.toml parses"), part_examples(&parts).expect("data/parts.tsv parses"))
        }
    };
    // The senses of characters in words are tried first, as the build tries them.
    assert!(std::env::var("REDLENS_CONTEXT").is_ok() || parts.len() > 1000, "data/parts.tsv has its lines");
    rules.splice(0..0, parts);
    assert!(!rules.is_empty());
    let mut failures = Vec::new();
    for rule in &rules {
        let spans = engine().annotate(&rule.example);
        let unit = spans.iter().find(|s| {
            let t = span_text(&rule.example, s.start, s.end);
            if rule.words.is_empty() { s.kinds.contains(Kinds::NAME) } else { rule.words.contains(&t) }
        });
        // A rule may be for a part of a word, between the word's other parts (略 in 战略).
        let part = || {
            spans.iter().find_map(|s| {
                let hover = engine().lookup_at(&rule.example, s.start as usize).ok()??;
                let part = hover.parts.into_iter().find(|p| rule.words.contains(&p.text))?;
                Some((part.text, part.entries.into_iter().next()))
            })
        };
        let (unit, entry) = match unit {
            Some(s) => (Some(span_text(&rule.example, s.start, s.end)), s.entry.and_then(|id| engine().entry(id))),
            None => part().map_or((None, None), |(text, entry)| (Some(text), entry)),
        };
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
                unit,
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

#[test]
fn every_fixed_cut_is_made() {
    // A part no layer explains is shown as its dictionary parts (度电 as 度 + 电), so a unit may be
    // smaller than a part, but none may cross from one part into the next.
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/cuts.tsv")).unwrap();
    let mut failures = Vec::new();
    let lines: Vec<&str> = text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()).collect();
    assert!(!lines.is_empty());
    for line in lines {
        let parts: Vec<&str> = line.split(' ').collect();
        let sequence = parts.concat();
        let mut ends = Vec::new();
        let mut at = 0;
        for p in &parts {
            at += p.encode_utf16().count();
            ends.push(at);
        }
        let part_of = |offset: usize| ends.iter().position(|&e| offset < e);
        let spans = engine().annotate(&sequence);
        let crossing: Vec<String> = spans
            .iter()
            .filter(|s| part_of(s.start as usize) != part_of(s.end as usize - 1))
            .map(|s| span_text(&sequence, s.start, s.end))
            .collect();
        if !crossing.is_empty() {
            failures.push(format!("{line}: the units {crossing:?} cross its parts"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn rules_read_the_phrase_a_reader_reads() {
    // 还是's rules look along the phrase: back to 是 across an English word, not back past a comma,
    // and not on to 了 (the action happened: no advice).
    let first_line = |text: &str| {
        let span = engine().annotate(text).into_iter().find(|s| span_text(text, s.start, s.end) == "还是").unwrap();
        engine().entry(span.entry.unwrap()).unwrap().senses[0].clone()
    };
    assert!(first_line("你是坐uber还是打车").starts_with("or"), "{}", first_line("你是坐uber还是打车"));
    assert!(first_line("是我，你还是早点睡吧").starts_with("had better"), "{}", first_line("是我，你还是早点睡吧"));
    assert!(first_line("你最后还是买了吧").starts_with("still"), "{}", first_line("你最后还是买了吧"));
}
