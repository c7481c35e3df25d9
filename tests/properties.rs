//! Properties that hold for any text: `annotate` and `lookup_at` never panic, and spans are ordered,
//! non-overlapping and on character boundaries.

mod common;

use common::engine;
use proptest::prelude::*;

/// Text built from the pieces social-media posts are made of, plus hostile ones: Han characters,
/// slang, Latin letters in any case, digits, emoji (outside the BMP), brackets of emoji codes, full-width
/// punctuation, control characters and the replacement character (what a lone surrogate becomes).
fn post_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("尊嘟假嘟".to_string()),
        Just("yyds".to_string()),
        Just("YYDS".to_string()),
        Just("520".to_string()),
        Just("[笑哭R]".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("不明觉厉".to_string()),
        Just("😂".to_string()),
        Just("👩‍👩‍👧".to_string()),
        Just("𠮷".to_string()),
        Just("\u{FFFD}".to_string()),
        Just("\u{0}\u{7}\r\n\t".to_string()),
        Just("，。！？".to_string()),
        Just("元".to_string()),
        "[\u{4e00}-\u{9fa5}]{1,6}",
        "[a-zA-Z0-9]{1,5}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

fn utf16_boundaries(text: &str) -> Vec<usize> {
    let mut b = vec![0];
    for c in text.chars() {
        b.push(b.last().unwrap() + c.len_utf16());
    }
    b
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn annotate_spans_are_ordered_and_on_boundaries(text in post_text()) {
        let spans = engine().annotate(&text);
        let boundaries = utf16_boundaries(&text);
        let mut last_end = 0;
        for s in &spans {
            prop_assert!(s.start < s.end);
            prop_assert!(s.start as usize >= last_end, "overlap in {:?}", text);
            prop_assert!(boundaries.binary_search(&(s.start as usize)).is_ok());
            prop_assert!(boundaries.binary_search(&(s.end as usize)).is_ok());
            if let Some(id) = s.entry {
                prop_assert!(engine().entry(id).is_some());
            }
            last_end = s.end as usize;
        }
    }

    #[test]
    fn lookup_at_answers_every_offset(text in post_text()) {
        let len = text.encode_utf16().count();
        for offset in 0..len {
            let hover = engine().lookup_at(&text, offset).expect("offsets inside the text are valid");
            if let Some(h) = hover {
                prop_assert!(h.word.start <= offset && offset < h.word.end, "{:?} at {}", text, offset);
                for f in h.parts.iter().chain(&h.longer) {
                    prop_assert!(f.start < f.end && f.end <= len);
                }
            }
        }
        prop_assert!(engine().lookup_at(&text, len).is_err());
    }

    #[test]
    fn search_never_panics(query in post_text(), limit in 0usize..20) {
        prop_assert!(engine().search(&query, limit).len() <= limit);
    }
}

#[test]
fn megabyte_text_is_annotated_whole() {
    let paragraph = "家人们谁懂啊，这家店的奶茶yyds！价格才520元😂[笑哭R]\n";
    let text = paragraph.repeat(1 << 20 >> 6);
    let spans = engine().annotate(&text);
    let per_paragraph = engine().annotate(paragraph).len();
    assert_eq!(spans.len(), per_paragraph * (1 << 20 >> 6));
    let last_yyds = text[..text.rfind("yyds").unwrap()].encode_utf16().count();
    let h = engine().lookup_at(&text, last_yyds + 1).unwrap().expect("the hover works deep into the text");
    assert_eq!(h.word.text, "yyds");
}
