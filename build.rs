//! Compiles jieba's hidden Markov model (`data/jieba/hmm.model`) into static tables for `src/hmm.rs`:
//! start and transition log probabilities, and each character's emission log probabilities for the
//! four states, indexed directly by code point over the range the model is used on. Tables in the
//! binary cost no start-up time and no heap.

use std::fmt::Write;

/// The characters the model labels (jieba's range): any other character never reaches it.
const HAN: std::ops::RangeInclusive<u32> = 0x4E00..=0x9FD5;

fn main() {
    let path = "data/jieba/hmm.model";
    println!("cargo::rerun-if-changed={path}");
    let model = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let lines: Vec<&str> = model.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
    assert!(lines.len() >= 9, "{path}: start, four transition and four emission lines expected");
    let probs = |line: &str| -> Vec<f64> {
        line.split_whitespace().map(|p| p.parse().unwrap_or_else(|e| panic!("{path}: {p}: {e}"))).collect()
    };
    let start = probs(lines[0]);
    let trans: Vec<Vec<f64>> = lines[1..5].iter().map(|l| probs(l)).collect();
    assert!(start.len() == 4 && trans.iter().all(|t| t.len() == 4), "{path}: four states expected");
    // By character: its log probability in each state (B, E, M, S); absent: the model's floor.
    let mut emit: std::collections::BTreeMap<u32, [f64; 4]> = Default::default();
    for (state, line) in lines[5..9].iter().enumerate() {
        for pair in line.split(',') {
            let (c, p) = pair.split_once(':').unwrap_or_else(|| panic!("{path}: {pair}"));
            let mut chars = c.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else { panic!("{path}: {c} is not one character") };
            let row = emit.entry(c as u32).or_insert([FLOOR; 4]);
            row[state] = p.parse().unwrap_or_else(|e| panic!("{path}: {p}: {e}"));
        }
    }
    emit.retain(|c, _| HAN.contains(c));
    let first = *emit.keys().next().expect("the model covers Han characters");
    let last = *emit.keys().next_back().expect("the model covers Han characters");
    let mut index = vec![u16::MAX; (last - first + 1) as usize];
    for (row, c) in emit.keys().enumerate() {
        index[(c - first) as usize] = u16::try_from(row).expect("fewer rows than u16::MAX");
    }
    let mut out = String::new();
    let f = |x: f64| format!("{x:?}");
    let row = |r: &[f64]| format!("[{}]", r.iter().map(|&x| f(x)).collect::<Vec<_>>().join(", "));
    writeln!(out, "const HAN_FIRST: char = '\\u{{{:X}}}';", HAN.start()).unwrap();
    writeln!(out, "const HAN_LAST: char = '\\u{{{:X}}}';", HAN.end()).unwrap();
    writeln!(out, "const START: [f64; 4] = {};", row(&start)).unwrap();
    let trans: Vec<String> = trans.iter().map(|t| row(t)).collect();
    writeln!(out, "const TRANS: [[f64; 4]; 4] = [{}];", trans.join(", ")).unwrap();
    writeln!(out, "const EMIT_FIRST: u32 = {first};").unwrap();
    let index: Vec<String> = index.iter().map(u16::to_string).collect();
    writeln!(out, "static EMIT_ROW: [u16; {}] = [{}];", index.len(), index.join(",")).unwrap();
    let rows: Vec<String> = emit.values().map(|r| row(r)).collect();
    writeln!(out, "static EMIT: [[f64; 4]; {}] = [{}];", rows.len(), rows.join(",\n")).unwrap();
    let dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(format!("{dir}/hmm_tables.rs"), out).expect("OUT_DIR is writable");
}

/// The log probability the model gives what it never saw (jieba's).
const FLOOR: f64 = -3.14e100;
