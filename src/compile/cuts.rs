//! The fixed cuts (`data/cuts.tsv`): sequences the segmenter cuts wrong, each with the cut it must make
//! (很大方 is 很 + 大方 "generous", not 很大 "very big" + 方 "square").
//!
//! A cut is reached through the segmenter's own word frequencies where it can be: each word of two or
//! more characters in the wanted cut is made more frequent, doubling, until jieba cuts the sequence that
//! way, which also mends the same words in other text. A cut that frequency cannot give (one that needs
//! a word made rarer, as 月考 in 这个月考了, or a single character made more frequent) keeps the
//! frequencies it had and becomes a recut (see [`crate::recut`]): the segmenter's tokens of that exact
//! sequence are replaced by its parts, and no other text moves.

use std::collections::BTreeMap;
use std::path::Path;

use super::{Problem, problem};

/// One line: the parts the sequence must be cut into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    /// The parts, in order: the sequence is their concatenation.
    pub parts: Vec<String>,
}

/// The most doublings tried for one line: past a frequency 2¹² times what the word had, a cut that
/// still does not come is one that frequency cannot give without taking over other text.
const MAX_DOUBLINGS: u32 = 12;

/// Reads `cuts.tsv`: one cut a line, its parts separated by spaces; `#` starts a comment line.
pub fn parse(path: &Path, text: &str, problems: &mut Vec<Problem>) -> Vec<Cut> {
    let mut out: Vec<Cut> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        // Latin is matched lower-cased, as the segmenter reads it.
        let parts: Vec<String> = line.split(' ').map(str::to_lowercase).collect();
        if parts.len() < 2 || parts.iter().any(|p| p.is_empty() || p.chars().any(char::is_whitespace)) {
            problems.push(problem(path, i + 1, "expected the parts of a cut, two or more, separated by one space"));
        } else if out.iter().any(|c| c.parts.concat() == parts.concat()) {
            problems.push(problem(path, i + 1, &format!("{} is cut twice", parts.concat())));
        } else {
            out.push(Cut { parts });
        }
    }
    out
}

/// Makes the words of each cut frequent enough in `words` that jieba, with its HMM as the segmenter
/// runs it, cuts each sequence as written; returns the cuts that frequency cannot give, as recuts, with
/// `words` as it was for them. Costs one jieba build over the word list, plus a cut per doubling.
pub fn apply<'a>(cuts: &'a [Cut], words: &mut BTreeMap<String, u64>) -> Vec<&'a Cut> {
    if cuts.is_empty() {
        return Vec::new();
    }
    let mut jieba = super::jieba_of(words);
    let mut recuts = Vec::new();
    for cut in cuts {
        let sequence = cut.parts.concat();
        let raisable: Vec<&String> = cut.parts.iter().filter(|p| p.chars().count() > 1).collect();
        let before: Vec<Option<u64>> = raisable.iter().map(|p| words.get(*p).copied()).collect();
        let mut doublings = 0;
        loop {
            let got = jieba.cut(&sequence, true);
            if got.iter().map(|t| t.word).eq(cut.parts.iter().map(String::as_str)) {
                break;
            }
            if doublings == MAX_DOUBLINGS || raisable.is_empty() {
                // Put the frequencies back: a recut needs none of them.
                for (part, freq) in raisable.iter().zip(&before) {
                    match freq {
                        Some(f) => words.insert(part.to_string(), *f),
                        None => words.remove(part.as_str()),
                    };
                }
                // jieba cannot forget a word: the next lines are cut by the list as it now is.
                jieba = super::jieba_of(words);
                recuts.push(cut);
                break;
            }
            for part in &raisable {
                let freq = words.get(*part).copied().unwrap_or(1).max(1) * 2;
                jieba.add_word(part, Some(freq as usize), None);
                words.insert(part.to_string(), freq);
            }
            doublings += 1;
        }
    }
    recuts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[(&str, u64)]) -> BTreeMap<String, u64> {
        list.iter().map(|(w, f)| (w.to_string(), *f)).collect()
    }

    #[test]
    fn a_cut_is_reached_by_making_its_words_more_frequent() {
        let path = Path::new("cuts.tsv");
        let mut problems = Vec::new();
        let cuts = parse(path, "# a comment\n很 大方\n", &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        let mut list = words(&[("很", 10_000), ("大", 10_000), ("方", 5_000), ("很大", 5_000), ("大方", 10)]);
        assert!(apply(&cuts, &mut list).is_empty());
        assert!(list["大方"] > 10, "大方 was made more frequent");
        assert_eq!(list["很大"], 5_000, "no other word moves");
    }

    #[test]
    fn a_cut_frequency_cannot_give_is_a_recut_and_malformed_lines_are_refused() {
        let path = Path::new("cuts.tsv");
        let mut problems = Vec::new();
        let cuts = parse(path, "这个月 考 了\n这个  月\n很大方\n很 大方\n很大 方\n", &mut problems);
        let messages: Vec<String> = problems.iter().map(|p| format!("{}: {}", p.line.unwrap(), p.message)).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].starts_with("2: expected the parts"), "{messages:?}");
        assert!(messages[1].starts_with("3: expected the parts"), "{messages:?}");
        assert!(messages[2].starts_with("5: 很大方 is cut twice"), "{messages:?}");
        // 月考 is a frequent word: no frequency of 这个月 takes its 月 back, so the line is a recut,
        // and the frequencies tried on the way are put back.
        let mut list = words(&[
            ("这", 10_000),
            ("个", 10_000),
            ("这个", 100_000),
            ("月", 10_000),
            ("考", 10_000),
            ("了", 10_000),
            ("月考", 1_000_000_000),
        ]);
        let recuts = apply(&cuts[..1], &mut list);
        assert_eq!(recuts.len(), 1);
        assert_eq!(recuts[0].parts, ["这个月", "考", "了"]);
        assert!(!list.contains_key("这个月"), "{list:?}");
        assert_eq!(list["月考"], 1_000_000_000);
    }
}
