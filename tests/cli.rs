//! The `redlens` command as a user runs it: output contract, JSON shape, errors, and the dictionary
//! compiler's determinism and error reports.

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn redlens(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_redlens"))
        .args(args)
        .env("REDLENS_DICT", common::dict_path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the CLI starts");
    let mut pipe = child.stdin.take().expect("stdin");
    pipe.write_all(stdin.unwrap_or("").as_bytes()).expect("stdin takes the input");
    drop(pipe);
    child.wait_with_output().expect("the CLI finishes")
}

fn json_lines(out: &Output) -> Vec<Value> {
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect()
}

#[test]
fn lookup_json_carries_the_entry_contract() {
    let lines = json_lines(&redlens(&["lookup", "--json", "YYDS", "學習"], None));
    assert_eq!(lines.len(), 2, "JSON Lines: one object per query");
    let yyds = &lines[0]["entries"][0];
    for field in ["simplified", "traditional", "pinyin", "pinyin_marks", "senses", "kinds", "hsk", "source"] {
        assert!(yyds.get(field).is_some(), "missing {field}");
    }
    assert_eq!(yyds["pinyin_marks"], "yǒng yuǎn de shén");
    assert_eq!(yyds["source"], "redlens");
    let x = &yyds["explanation"];
    for field in ["meaning", "literal", "usage", "example_zh", "example_en", "origin"] {
        assert!(x.get(field).is_some(), "explanation lacks {field}");
    }
    assert!(x["example_zh"].as_str().unwrap().to_lowercase().contains("yyds"));
    let xuexi = &lines[1]["entries"][0];
    assert_eq!(xuexi["simplified"], "学习");
    assert_eq!(xuexi["hsk"], 1);
    assert!(xuexi["explanation"].is_null());
}

#[test]
fn lookup_reads_words_from_stdin() {
    let lines = json_lines(&redlens(&["lookup", "--json", "-"], Some("躺平\n\n绝绝子\n")));
    assert_eq!(lines.iter().map(|l| l["query"].as_str().unwrap()).collect::<Vec<_>>(), ["躺平", "绝绝子"]);
    let out = redlens(&["lookup", "躺平"], None);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("tǎng píng") && !text.contains('\x1b'), "readable, no colour when piped: {text}");
}

#[test]
fn at_gives_the_hover_as_the_browser_would() {
    // Offset 8 is in "yyds" after two emoji (four UTF-16 units).
    let lines = json_lines(&redlens(&["at", "--json", "😂😂今天yyds了", "8"], None));
    let word = &lines[0]["hover"]["word"];
    assert_eq!(
        (word["start"].as_u64(), word["end"].as_u64(), word["text"].as_str()),
        (Some(6), Some(10), Some("yyds"))
    );
    assert_eq!(word["entries"][0]["simplified"], "yyds");
}

#[test]
fn annotate_reads_stdin_and_gives_spans() {
    let lines = json_lines(&redlens(&["annotate", "--json", "-"], Some("姐妹们，尊嘟假嘟？这个价格520元")));
    let spans = lines[0]["spans"].as_array().unwrap();
    let meme = spans.iter().find(|s| s["text"] == "尊嘟假嘟").expect("the meme is one span");
    assert!(meme["kinds"].as_array().unwrap().contains(&Value::from("slang")));
    assert_eq!(meme["entry"]["source"], "redlens");
    assert!(!spans.iter().any(|s| s["text"] == "520"), "a price is not number slang");
}

#[test]
fn search_and_stats() {
    let lines = json_lines(&redlens(&["search", "--json", "tang3ping2", "--limit", "3"], None));
    let results = lines[0]["results"].as_array().unwrap();
    assert!(results.len() <= 3);
    assert_eq!(results[0]["entry"]["simplified"], "躺平");
    assert_eq!(results[0]["match"], "pinyin");
    let stats = &json_lines(&redlens(&["stats", "--json"], None))[0];
    assert!(stats["by_source"]["cc-cedict"].as_u64().unwrap() > 120_000);
    assert!(stats["by_source"]["redlens"].as_u64().unwrap() > 0);
    assert_eq!(stats["meta"]["cedict.date"], "2026-09-10T07:14:51Z");
    for section in ["HEAD", "JSTA", "PINY", "ENGL", "POST", "ENTX", "ENTR", "SYLL", "SENS", "LEXI", "META"] {
        assert!(stats["sections"][section].as_u64().unwrap() > 0, "{section}");
    }
}

/// An error is one clear line on stderr and a non-zero exit, never a panic.
fn assert_clean_error(out: &Output, mentions: &str) {
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains(mentions), "{err:?} should mention {mentions:?}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn errors_are_one_clear_line() {
    assert_clean_error(&redlens(&["at", "你好", "9"], None), "outside the text");
    assert_clean_error(&redlens(&["at", "你好", "-1"], None), "not a whole number");
    assert_clean_error(
        &redlens(&["lookup", "--dict", "/nonexistent/redlens.dict", "好"], None),
        "cannot read the dictionary",
    );
    let dir = std::env::temp_dir().join(format!("redlens-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.dict");
    let good = common::dict_bytes();
    std::fs::write(&bad, &good[..good.len() - 100]).unwrap();
    assert_clean_error(&redlens(&["lookup", "--dict", bad.to_str().unwrap(), "好"], None), "truncated");
    let mut damaged = good.to_vec();
    damaged[good.len() / 3] ^= 1;
    std::fs::write(&bad, &damaged).unwrap();
    assert_clean_error(&redlens(&["stats", "--dict", bad.to_str().unwrap()], None), "checksum");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn build_dict_is_deterministic_and_matches_the_built_file() {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/data");
    let (bytes, report) =
        redlens::compile::build(&redlens::compile::Sources::in_dir(data.as_ref())).expect("data/ builds");
    assert_eq!(report.cedict_skipped, 0);
    assert_eq!(bytes, common::dict_bytes(), "the same inputs give the same bytes as ./build.sh wrote");
}

#[test]
fn build_dict_reports_invalid_lines_with_file_and_line() {
    let root = std::env::temp_dir().join(format!("redlens-bad-data-{}", std::process::id()));
    let data = root.join("data");
    std::fs::create_dir_all(data.join("slang")).unwrap();
    let real = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for part in ["cedict", "hsk", "jieba", "senses.tsv", "context.toml"] {
        std::os::unix::fs::symlink(real.join(part), data.join(part)).unwrap();
    }
    let entry = |term: &str, example: &str| {
        format!(
            "[[entry]]\nterm = \"{term}\"\npinyin = \"ce4 shi4\"\n\n[entry.en]\nmeaning = \"a test\"\nexample_zh = \"{example}\"\nexample_en = \"a test\"\n\n"
        )
    };
    let body = format!("{}{}{}", entry("测试", "测试一下"), entry("测试", "再测试"), entry("考验", "没有这个词"));
    std::fs::write(data.join("slang/meme.toml"), body).unwrap();
    let out = redlens(
        &["build-dict", "--data", data.to_str().unwrap(), "--out", root.join("x.dict").to_str().unwrap()],
        None,
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("meme.toml:11:") && err.contains("already defined at"), "duplicate with its line: {err}");
    assert!(
        err.contains("meme.toml:20:") && err.contains("example_zh contains neither"),
        "bad example with its line: {err}"
    );
    assert!(!root.join("x.dict").exists(), "nothing is written when the input is invalid");
    std::fs::write(data.join("slang/meme.toml"), "[[entry]\nterm = ").unwrap();
    let err =
        String::from_utf8_lossy(&redlens(&["build-dict", "--data", data.to_str().unwrap()], None).stderr).into_owned();
    assert!(err.contains("meme.toml:1:"), "TOML syntax errors have a line: {err}");
    std::fs::remove_dir_all(&root).ok();
}
