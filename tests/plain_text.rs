//! `plain_text`: what a translator is given. Every slang term of the layer is replaced by its plain form
//! in its own example sentence, and the map of replacements leads back to the original exactly, with
//! UTF-16 offsets that stay right around emoji and characters outside the BMP.

mod common;

use common::{engine, span_text};
use redlens::{Entry, Plain};

/// The original text, rebuilt from the plain text and its replacements.
fn rebuilt(original: &str, plain: &Plain) -> String {
    let out: Vec<u16> = plain.text.encode_utf16().collect();
    let src: Vec<u16> = original.encode_utf16().collect();
    let mut back = Vec::new();
    let mut at = 0;
    for r in &plain.replacements {
        back.extend_from_slice(&out[at..r.out_start]);
        back.extend_from_slice(&src[r.start..r.end]);
        at = r.out_end;
    }
    back.extend_from_slice(&out[at..]);
    String::from_utf16(&back).expect("whole characters")
}

fn layer() -> Vec<Entry> {
    let dict = engine().dictionary();
    (0..dict.entry_count()).filter_map(|id| engine().entry(id)).filter(|e| e.slang.is_some()).collect()
}

#[test]
fn every_example_has_its_term_replaced_and_the_map_leads_back() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for e in layer() {
        let s = e.slang.as_ref().unwrap();
        let Some(plain_form) = &s.plain else { continue };
        let x = e.explanation().expect("an English explanation");
        let plain = engine().plain_text(&x.example_zh);
        assert_eq!(rebuilt(&x.example_zh, &plain), x.example_zh, "{}: the map leads back", e.simplified);
        let spellings: Vec<String> = std::iter::once(&e.simplified)
            .chain(&s.variants)
            .chain(std::iter::once(&e.traditional))
            .map(|v| v.to_lowercase())
            .collect();
        let mine = plain.replacements.iter().find(|r| r.entry == e.id);
        let Some(r) = mine else {
            // A sense that waits for its context is replaced only where its rule applies.
            if engine().lookup(&e.simplified).first().map(|f| f.id) == Some(e.id) {
                failures.push(format!("{}: not replaced in {:?} → {:?}", e.simplified, x.example_zh, plain.text));
            }
            continue;
        };
        checked += 1;
        let was = span_text(&x.example_zh, r.start as u32, r.end as u32).to_lowercase();
        let now = span_text(&plain.text, r.out_start as u32, r.out_end as u32);
        if !spellings.contains(&was) || now != *plain_form {
            failures.push(format!("{}: {was:?} → {now:?} in {:?}", e.simplified, plain.text));
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    assert!(checked > 0);
}

#[test]
fn offsets_stay_right_around_emoji_and_astral_characters() {
    let text = "😂𠀀姐妹们𠀁这家店yyds👍🏻！[笑哭R]";
    let plain = engine().plain_text(text);
    assert_eq!(rebuilt(text, &plain), text);
    for r in &plain.replacements {
        let was = span_text(text, r.start as u32, r.end as u32);
        let entry = engine().entry(r.entry).expect("the entry");
        let spellings = std::iter::once(&entry.simplified).chain(&entry.slang.as_ref().unwrap().variants);
        assert!(spellings.map(|v| v.to_lowercase()).any(|v| v == was.to_lowercase()), "{was} for {}", entry.simplified);
        assert_eq!(
            span_text(&plain.text, r.out_start as u32, r.out_end as u32),
            *entry.slang.unwrap().plain.as_ref().unwrap()
        );
    }
    // Text without slang, and empty text, come back as they are.
    for t in ["今天下雨了。", "", "🙂 ok!", "\u{1}\u{7f}"] {
        let p = engine().plain_text(t);
        assert_eq!((p.text.as_str(), p.replacements.len()), (t, 0));
    }
}
