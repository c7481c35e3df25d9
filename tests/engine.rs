//! The engine against the real dictionary: lookups, the hover in context, annotation, search, and
//! bad dictionary files.

mod common;

use common::{engine, engine_without_segmenter, offset_of, span_text};
use redlens::{Engine, Found, Kinds, LoadError, Match, Source, SpanEntries};

#[test]
fn lookup_finds_simplified_and_traditional_headwords() {
    let simplified = engine().lookup("学习");
    let traditional = engine().lookup("學習");
    assert!(!simplified.is_empty());
    assert_eq!(simplified, traditional, "both scripts reach the same entries");
    assert_eq!(simplified[0].pinyin, "xue2 xi2");
    assert_eq!(simplified[0].pinyin_marks(), "xué xí");
    assert_eq!(simplified[0].hsk, Some(1));
    assert!(engine().lookup("這是一個不存在的詞語吧").is_empty());
}

#[test]
fn slang_sense_comes_before_cedict_senses() {
    for word in ["集美", "凡尔赛", "安利", "躺平"] {
        let entries = engine().lookup(word);
        assert!(entries.len() >= 2, "{word}: our entry and CC-CEDICT's");
        assert_eq!(entries[0].source, Source::RedLens, "{word}: the slang sense first");
        assert!(entries[0].kinds.contains(Kinds::SLANG));
        assert!(entries[1..].iter().any(|e| e.source == Source::Cedict), "{word}: CC-CEDICT's senses kept");
        let x = entries[0].explanation().expect("our entries carry an explanation");
        assert!(!x.meaning.is_empty() && x.example_zh.contains(word));
    }
}

#[test]
fn a_word_is_marked_slang_only_where_the_sense_shown_first_is() {
    let kinds_of = |text: &str, word: &str| {
        let spans = engine().annotate(text);
        let span = spans.iter().find(|s| span_text(text, s.start, s.end) == word);
        span.unwrap_or_else(|| panic!("{word} is a unit of {text}")).kinds
    };
    // CC-CEDICT gives these a slang sense after an ordinary one (机场: a proxy service; 小姐: a sex worker),
    // or only a slang sense where our sense table puts the everyday one first (绿绿, 几号): marked as
    // slang, they would be flagged in every note that mentions an airport.
    for (text, word) in
        [("机场离市区很远", "机场"), ("这位小姐很客气", "小姐"), ("一座绿绿的山", "绿绿"), ("你几号到上海", "几号")]
    {
        assert!(!kinds_of(text, word).contains(Kinds::SLANG), "{word} in {text}");
    }
    // Slang first stays slang: CC-CEDICT's 我去 (what the…!), and our layer's 集美.
    assert!(kinds_of("我去，这也太好看了", "我去").contains(Kinds::SLANG));
    assert!(kinds_of("集美们冲", "集美").contains(Kinds::SLANG));
}

#[test]
fn a_rule_can_ask_for_an_exclamation_mark_after_the_word() {
    let first_sense = |text: &str| {
        let spans = engine().annotate(text);
        let span = spans.iter().find(|s| span_text(text, s.start, s.end) == "沙发").expect("沙发 is a unit");
        engine().entry(span.entry.expect("沙发 has entries")).expect("its entry").senses[0].clone()
    };
    // 沙发！ opening a comment claims the first reply; the sofa of a list or of a sentence stays a sofa.
    assert!(first_sense("沙发！坐等博主回复").starts_with("first!"));
    for text in ["客厅，沙发，茶几都换了", "这个沙发！太舒服了", "沙发。"] {
        assert!(first_sense(text).contains("sofa"), "{text}");
    }
}

#[test]
fn abbreviations_match_in_any_letter_case() {
    for spelling in ["yyds", "YYDS", "YYdS"] {
        let entries = engine().lookup(spelling);
        assert_eq!(entries.first().map(|e| e.simplified.as_str()), Some("yyds"), "{spelling}");
        assert!(entries[0].kinds.contains(Kinds::ABBREVIATION));
        assert_eq!(entries[0].slang.as_ref().and_then(|s| s.full.as_deref()), Some("永远的神"));
    }
}

#[test]
fn polyphones_standing_alone_show_their_common_reading_first() {
    for (ch, reading) in [("还", "hai2"), ("行", "xing2"), ("了", "le5"), ("长", "chang2"), ("得", "de5")] {
        assert_eq!(engine().lookup(ch)[0].pinyin, reading, "{ch}");
    }
    // One simplified character, two traditional words with the same reading: alone, 才 is 纔 "only then".
    assert_eq!(engine().lookup("才")[0].traditional, "纔");
}

#[test]
fn a_sense_table_gloss_goes_to_the_entry_the_card_shows_first() {
    // 考, 后, 双, 里 each have another entry with the same reading (the variant 攷, 后 "empress", …).
    // A table line that names no traditional form means the entry the card shows first: its gloss must
    // be that entry's first line, not a line of the variant listed earlier in the file.
    let table = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/senses.tsv")).unwrap();
    for word in ["考", "后", "双", "里"] {
        let entries = engine().lookup(word);
        let table_line = table
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{word}\t")).map(|rest| rest.split('\t').nth(1).unwrap().to_string()))
            .unwrap();
        assert_eq!(entries[0].senses[0], table_line, "{word}");
    }
}

#[test]
fn idioms_carry_a_character_by_character_gloss() {
    let e = &engine().lookup("画蛇添足")[0];
    assert!(e.kinds.contains(Kinds::IDIOM));
    let gloss = e.gloss.as_deref().expect("idioms are glossed");
    let parts: Vec<&str> = gloss.split(" · ").collect();
    assert_eq!(parts.len(), 4, "{gloss}");
    assert!(parts[1].contains("snake"), "{gloss}");
    assert!(!gloss.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "English only: {gloss}");
}

#[test]
fn cross_references_are_resolved() {
    // 花甲's last sense is "see 花蛤[hua1 ge2]".
    let e = &engine().lookup("花甲")[0];
    let target = engine().entry(e.refs[0]).expect("the reference resolves");
    assert_eq!(target.simplified, "花蛤");
    assert!(target.senses[0].contains("clam"));
}

#[test]
fn a_sense_that_only_points_elsewhere_gives_way_to_the_meaning_it_points_to() {
    // CC-CEDICT's 集美 (the place) and 杭州 only say "see 集美區|集美区[Ji2 mei3 Qu1]", "see 杭州市[…]".
    let place = engine().lookup("集美").into_iter().find(|e| e.kinds.contains(Kinds::NAME)).expect("the place name");
    assert!(place.senses[0].contains("Xiamen"), "{:?}", place.senses);
    assert!(place.refs.is_empty(), "the target is not shown a second time");
    let city = &engine().lookup("杭州")[0];
    assert!(city.senses[0].starts_with("Hangzhou"), "{:?}", city.senses);
}

#[test]
fn hover_brings_the_targets_of_see_senses() {
    let text = "今晚去吃花甲";
    let h = engine().lookup_at(text, offset_of(text, "花甲")).unwrap().unwrap();
    assert_eq!(h.word.text, "花甲");
    assert!(h.word.references.iter().any(|e| e.simplified == "花蛤" && e.senses[0].contains("clam")));
}

#[test]
fn hover_picks_the_word_in_context() {
    let e = engine();
    // 研究生命: "to study life", not 研究生 "graduate student".
    let text = "我们研究生命的起源";
    let h = e.lookup_at(text, offset_of(text, "生")).unwrap().unwrap();
    assert_eq!(h.word.text, "生命");
    let text = "他是研究生";
    let h = e.lookup_at(text, offset_of(text, "生")).unwrap().unwrap();
    assert_eq!(h.word.text, "研究生");
    assert_eq!(h.parts.iter().map(|p| p.text.as_str()).collect::<Vec<_>>(), ["研究", "生"]);
}

#[test]
fn hover_keeps_memes_whole_and_reports_their_parts() {
    let text = "宝子们，尊嘟假嘟？这个口红也太绝绝子了";
    let h = engine().lookup_at(text, offset_of(text, "假")).unwrap().unwrap();
    assert_eq!(h.word.text, "尊嘟假嘟");
    assert!(h.word.kinds.contains(Kinds::SLANG));
    assert_eq!(h.word.entries[0].source, Source::RedLens);
    assert_eq!(h.parts.len(), 4, "one part per character: {:?}", h.parts);
    let h = engine().lookup_at(text, offset_of(text, "绝绝子") + 2).unwrap().unwrap();
    assert_eq!(h.word.text, "绝绝子");
}

#[test]
fn hover_reports_a_longer_idiom_that_covers_the_word() {
    // The segmenter may keep 不明觉厉 whole or split it; either way the card reaches the phrase.
    let text = "虽然看不懂但是不明觉厉";
    let h = engine().lookup_at(text, offset_of(text, "觉")).unwrap().unwrap();
    let reached = h.word.text == "不明觉厉" || h.longer.iter().any(|f| f.text == "不明觉厉");
    assert!(reached, "{:?} / {:?}", h.word.text, h.longer.iter().map(|f| &f.text).collect::<Vec<_>>());
}

#[test]
fn hover_by_ids_agrees_with_the_decoded_hover_and_with_the_windowed_path() {
    let post = "家人们谁懂啊，这家店的奶茶yyds！虽然看不懂但是不明觉厉，绝绝子[笑哭R]，银行520快乐";
    // Past 16 KiB a text is segmented in a window around the offset rather than cached whole.
    let padding = "。".repeat(6000);
    let long = format!("{padding}{post}");
    let shift = padding.encode_utf16().count();
    let found = |f: &Found| (f.start, f.end, f.kinds, f.entries.iter().map(|e| e.id).collect::<Vec<_>>());
    let span = |s: &SpanEntries, by: usize| (s.start - by, s.end - by, s.kinds, s.entries.clone());
    let mut hovered = 0;
    for i in 0..post.encode_utf16().count() {
        let full = engine().lookup_at(post, i).unwrap();
        let ids = engine().hover_ids(post, i).unwrap();
        let windowed = engine().hover_ids(&long, shift + i).unwrap();
        let (Some(full), Some(ids), Some(windowed)) = (full, ids, windowed) else {
            assert!(engine().hover_ids(post, i).unwrap().is_none() && engine().lookup_at(post, i).unwrap().is_none());
            continue;
        };
        hovered += 1;
        for (by, h) in [(0, &ids), (shift, &windowed)] {
            assert_eq!(span(&h.word, by), found(&full.word), "word at {i}");
            let longer: Vec<_> = h.longer.iter().map(|s| span(s, by)).collect();
            assert_eq!(longer, full.longer.iter().map(found).collect::<Vec<_>>(), "longer at {i}");
            let parts: Vec<_> = h.parts.iter().map(|s| span(s, by)).collect();
            assert_eq!(parts, full.parts.iter().map(found).collect::<Vec<_>>(), "parts at {i}");
        }
    }
    assert!(hovered > 30, "most of the post is explained: {hovered}");
}

#[test]
fn hover_falls_back_to_longest_match_before_the_segmenter_is_ready() {
    let e = engine_without_segmenter();
    assert!(!e.segmenter_ready());
    let text = "我们研究生命的起源";
    let h = e.lookup_at(text, offset_of(text, "生")).unwrap().unwrap();
    assert!(!h.segmented);
    assert_eq!(h.word.text, "生命", "longest match starting at the offset");
    let text = "这个真的YYDS啊";
    let h = e.lookup_at(text, offset_of(text, "D")).unwrap().unwrap();
    assert_eq!(h.word.text, "YYDS", "a pointer inside an abbreviation finds the whole abbreviation");
}

#[test]
fn offsets_are_utf16_code_units_around_emoji() {
    // 😂 and 𠮷 are outside the BMP: two UTF-16 code units each.
    let text = "😂😂𠮷今天yyds了";
    let start = offset_of(text, "yyds");
    assert_eq!(start, 8);
    let h = engine().lookup_at(text, start + 1).unwrap().unwrap();
    assert_eq!((h.word.start, h.word.end, h.word.text.as_str()), (8, 12, "yyds"));
    // An offset on the second half of an emoji is that emoji: nothing to explain, and no error.
    assert!(engine().lookup_at(text, 1).unwrap().is_none());
    let spans = engine().annotate(text);
    let yyds = spans.iter().find(|s| span_text(text, s.start, s.end) == "yyds").expect("yyds is annotated");
    assert_eq!((yyds.start, yyds.end), (8, 12));
}

#[test]
fn offsets_past_the_end_are_an_error() {
    assert!(engine().lookup_at("你好", 2).is_err());
    assert!(engine().lookup_at("", 0).is_err());
    assert!(engine().lookup_at("你好", usize::MAX).is_err());
}

#[test]
fn nothing_to_explain_is_none() {
    for (text, offset) in [("你好，世界", 2), ("hello world", 1), ("   ", 0), ("😂", 0)] {
        assert!(engine().lookup_at(text, offset).unwrap().is_none(), "{text:?} at {offset}");
    }
}

#[test]
fn number_slang_only_where_the_number_stands_alone() {
    let slang = |text: &str, number: &str| {
        engine()
            .annotate(text)
            .iter()
            .any(|s| span_text(text, s.start, s.end) == number && s.kinds.contains(Kinds::NUMBER))
    };
    assert!(slang("今天520，祝大家幸福", "520"));
    assert!(slang("这波操作666", "666"));
    assert!(slang("先下了886", "886"));
    for (text, number) in [
        ("这支口红520元", "520"),
        ("¥666包邮", "666"),
        ("5月20日见", "20"),
        ("我等了520天", "520"),
        ("第520名", "520"),
        ("电话15205201314", "520"),
        ("99.520", "520"),
    ] {
        assert!(!slang(text, number), "{text}: {number} is a quantity here");
    }
}

#[test]
fn annotating_a_long_text_gives_the_units_of_its_lines() {
    // Past 64 KiB a text is annotated a piece at a time; the result must not show where. (Lines of 29
    // bytes put the 64 KiB mark inside `yyds`, so a cut there would split it.)
    let line = "尊嘟假嘟不明觉厉yyds\n";
    assert_eq!((line.len(), 65536 % line.len()), (29, 25));
    let text = line.repeat(8000);
    let whole = engine().annotate(&text);
    let mut expected = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        expected.extend(engine().annotate(line).into_iter().map(|s| redlens::Span {
            start: s.start + offset,
            end: s.end + offset,
            ..s
        }));
        offset += line.encode_utf16().count() as u32;
    }
    assert_eq!(whole, expected);
}

#[test]
fn annotate_marks_kinds_across_scripts() {
    let text = "姐妹们，这家店YYDS！[笑哭R]不明觉厉，xswl 🤣 hello";
    let spans = engine().annotate(text);
    let kinds_of = |word: &str| {
        spans.iter().find(|s| span_text(text, s.start, s.end) == word).map(|s| s.kinds).unwrap_or_else(|| {
            panic!(
                "{word} not annotated: {:?}",
                spans.iter().map(|s| span_text(text, s.start, s.end)).collect::<Vec<_>>()
            )
        })
    };
    assert!(kinds_of("YYDS").contains(Kinds::ABBREVIATION));
    assert!(kinds_of("xswl").contains(Kinds::ABBREVIATION));
    assert!(kinds_of("[笑哭R]").contains(Kinds::EMOJI));
    assert!(kinds_of("不明觉厉").contains(Kinds::SLANG));
    assert!(kinds_of("店").contains(Kinds::WORD));
    assert!(!spans.iter().any(|s| span_text(text, s.start, s.end) == "hello"), "plain English is not annotated");
    for s in &spans {
        let id = s.entry.expect("every unit of this text is in the dictionary");
        assert!(engine().entry(id).is_some());
    }
}

#[test]
fn latin_abbreviations_are_not_found_inside_english_words() {
    // "emo" and "xs" are slang, but not inside "memory" or "boxes".
    let text = "my memory of boxes";
    assert!(engine().annotate(text).is_empty());
}

#[test]
fn search_understands_each_kind_of_query() {
    let first = |q: &str| engine().search(q, 5).into_iter().next().map(|h| (h.matched, h.entry.simplified));
    for q in ["tangping", "tang3ping2", "tang3 ping2", "tǎng píng", "TangPing"] {
        assert_eq!(first(q).map(|(_, w)| w).as_deref(), Some("躺平"), "{q}");
    }
    assert_eq!(first("yyds"), Some((Match::Headword, "yyds".to_string())));
    assert_eq!(first("躺平").map(|(m, _)| m), Some(Match::Headword));
    let lie_flat = engine().search("lie flat", 10);
    assert!(lie_flat.iter().any(|h| h.entry.simplified == "躺平"), "reverse lookup from English");
    let lu = engine().search("lü4", 20);
    assert!(lu.iter().any(|h| h.entry.simplified == "绿"), "ü with a tone number");
    assert!(lu.iter().all(|h| h.entry.pinyin.ends_with('4')), "the tone filters");
}

#[test]
fn search_ranks_exact_before_prefix_and_common_before_rare() {
    let hits = engine().search("学", 10);
    assert_eq!(hits[0].entry.simplified, "学");
    assert!(hits[1..].iter().all(|h| h.matched == Match::HeadwordPrefix));
    let freq: Vec<u32> = hits[1..].iter().map(|h| h.entry.frequency).collect();
    assert!(freq.windows(2).all(|w| w[0] >= w[1]), "common words first: {freq:?}");
    assert!(engine().search("", 10).is_empty());
    assert!(engine().search("学", 0).is_empty());
}

#[test]
fn bad_dictionary_files_get_typed_errors() {
    let good = common::dict_bytes();
    let err = |bytes: Vec<u8>| Engine::from_bytes(bytes).expect_err("must be refused");
    assert_eq!(err(Vec::new()), LoadError::Empty);
    assert!(matches!(err(good[..good.len() / 2].to_vec()), LoadError::Truncated { .. }));
    assert!(matches!(err(good[..20].to_vec()), LoadError::Truncated { .. }));
    let mut corrupt = good.to_vec();
    let middle = corrupt.len() / 2;
    corrupt[middle] ^= 0x40;
    assert_eq!(err(corrupt), LoadError::ChecksumMismatch);
    assert_eq!(err(b"\x1f\x8b\x08\x00 a gzip file, not a dictionary".to_vec()), LoadError::NotADictionary);
    let mut newer = good.to_vec();
    newer[8..12].copy_from_slice(&99u32.to_le_bytes());
    assert_eq!(err(newer), LoadError::UnsupportedVersion { found: 99, supported: redlens::format::VERSION });
    let mut random = vec![0u8; 4096];
    let mut x: u32 = 0x2545_F491;
    for b in &mut random {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        *b = x as u8;
    }
    assert_eq!(err(random), LoadError::NotADictionary);
    for e in [LoadError::Empty, LoadError::ChecksumMismatch, LoadError::NotADictionary] {
        assert!(!e.to_string().is_empty());
    }
}

#[test]
fn a_hover_shows_no_kind_the_dictionary_keeps_for_itself() {
    // The compiler marks postings with kinds of its own (which headwords have context rules); the word,
    // the longer units and the parts of a hover carry only the kinds a reader is shown.
    let shown = [
        Kinds::WORD,
        Kinds::IDIOM,
        Kinds::SLANG,
        Kinds::ABBREVIATION,
        Kinds::NUMBER,
        Kinds::EMOJI,
        Kinds::NAME,
        Kinds::UNKNOWN,
        Kinds::COMPOSED,
    ]
    .into_iter()
    .fold(0, |all, k| all | k.0);
    let engine = engine();
    for line in include_str!("bench/xhs-sample.txt").lines() {
        for offset in 0..line.encode_utf16().count() {
            let Ok(Some(hover)) = engine.hover_ids(line, offset) else { continue };
            for span in std::iter::once(&hover.word).chain(&hover.longer).chain(&hover.parts) {
                assert_eq!(span.kinds.0 & !shown, 0, "{line:?} at {offset}: kinds {:#x}", span.kinds.0);
            }
        }
    }
}
