//! jieba's hidden Markov model, for the runs of characters the segmenter's route leaves single (words
//! no list has: names, new coinages). Each character is labelled the beginning, middle or end of a
//! word, or a word alone, by the most probable sequence of labels (Viterbi over four states), and the
//! run is cut along the labels. The model is jieba's (`data/jieba/hmm.model`, MIT), compiled into static
//! tables by `build.rs`; a run is cut exactly as jieba-rs's `cut` with HMM cuts it, which the
//! segmenter's tests hold it to.
//!
//! Cost: a table lookup and eight additions per character, and a byte of scratch per state.

use std::ops::Range;

include!(concat!(env!("OUT_DIR"), "/hmm_tables.rs"));

/// The labels, in the model's order: the index of each is its row and column in the tables.
const B: usize = 0;
const E: usize = 1;
const M: usize = 2;
const S: usize = 3;

/// The labels that may stand before each label, in increasing order: where both give the same
/// probability, the second wins, as in jieba.
const BEFORE: [[usize; 2]; 4] = [[E, S], [B, M], [B, M], [E, S]];

/// The log probability of what the model never saw.
const FLOOR: f64 = -3.14e100;

/// Working memory for [`Hmm::cut`], kept between runs so that cutting allocates only to grow it.
#[derive(Debug, Default)]
pub struct Hmm {
    /// The run's characters (byte offset in the run, character).
    chars: Vec<(usize, char)>,
    /// For each character after the first and each label, the best label before it.
    back: Vec<[u8; 4]>,
    /// The best labels, one per character.
    labels: Vec<u8>,
}

impl Hmm {
    /// Cuts `run` (a run of segmenter block characters: Han characters, ASCII letters and digits,
    /// `+#&._%-`) into tokens, calling `token` with each one's byte range, in order. Characters the model
    /// covers are labelled in runs of their own; every other stretch is cut as jieba cuts it: runs of
    /// ASCII letters and digits (joined by `.`, `_` or `-` between two of them, and a `%` after) are
    /// tokens, and so is each stretch between them.
    pub fn cut(&mut self, run: &str, mut token: impl FnMut(Range<usize>)) {
        self.chars.clear();
        self.chars.extend(run.char_indices());
        let mut i = 0;
        while i < self.chars.len() {
            let modelled = covered(self.chars[i].1);
            let j =
                (i + 1..self.chars.len()).find(|&j| covered(self.chars[j].1) != modelled).unwrap_or(self.chars.len());
            let end = self.chars.get(j).map_or(run.len(), |&(b, _)| b);
            let start = self.chars[i].0;
            if !modelled {
                cut_outside(run, start..end, &mut token);
            } else if j - i == 1 {
                token(start..end);
            } else {
                self.label(i..j);
                let mut begin = start;
                let mut last = start;
                for (k, &label) in self.labels.iter().enumerate() {
                    let at = self.chars[i + k].0;
                    let next = self.chars.get(i + k + 1).map_or(run.len(), |&(b, _)| b).min(end);
                    match usize::from(label) {
                        B => begin = at,
                        E => {
                            token(begin..next);
                            last = next;
                        }
                        S => {
                            token(at..next);
                            last = next;
                        }
                        _ => {}
                    }
                }
                if last < end {
                    token(last..end);
                }
            }
            i = j;
        }
    }

    /// Labels characters `run` of `self.chars` (two or more, all covered), into `self.labels`.
    fn label(&mut self, run: Range<usize>) {
        let chars = &self.chars[run];
        self.back.clear();
        let first = emission(chars[0].1);
        let mut best: [f64; 4] = std::array::from_fn(|y| START[y] + first[y]);
        for &(_, c) in &chars[1..] {
            let emit = emission(c);
            let mut back = [0u8; 4];
            let next: [f64; 4] = std::array::from_fn(|y| {
                let [a, b] = BEFORE[y];
                let via_a = best[a] + TRANS[a][y] + emit[y];
                let via_b = best[b] + TRANS[b][y] + emit[y];
                let (p, from) = if via_a > via_b { (via_a, a) } else { (via_b, b) };
                back[y] = from as u8;
                p
            });
            self.back.push(back);
            best = next;
        }
        // A run ends a word: its last label is an end or a word alone.
        let mut label = if best[E] > best[S] { E } else { S };
        self.labels.clear();
        self.labels.resize(chars.len(), 0);
        for k in (0..chars.len()).rev() {
            self.labels[k] = label as u8;
            if k > 0 {
                label = usize::from(self.back[k - 1][label]);
            }
        }
    }
}

/// Whether the model labels `c`.
fn covered(c: char) -> bool {
    (HAN_FIRST..=HAN_LAST).contains(&c)
}

/// The log probabilities of `c` in each label.
fn emission(c: char) -> [f64; 4] {
    let row = (c as u32).checked_sub(EMIT_FIRST).and_then(|i| EMIT_ROW.get(i as usize));
    match row {
        Some(&r) if r != u16::MAX => EMIT[usize::from(r)],
        _ => [FLOOR; 4],
    }
}

/// Cuts a stretch of `run` the model does not cover: each run of ASCII letters and digits (with `.`,
/// `_` or `-` joining two of them, and a `%` after) is a token, and so is each stretch between them.
fn cut_outside(run: &str, range: Range<usize>, token: &mut impl FnMut(Range<usize>)) {
    let bytes = &run.as_bytes()[..range.end];
    let mut gap = range.start;
    let mut at = range.start;
    while at < range.end {
        if !bytes[at].is_ascii_alphanumeric() {
            at += 1;
            continue;
        }
        let mut end = at;
        loop {
            while end < range.end && bytes[end].is_ascii_alphanumeric() {
                end += 1;
            }
            let joined = end + 1 < range.end && matches!(bytes[end], b'.' | b'_' | b'-');
            if joined && bytes[end + 1].is_ascii_alphanumeric() {
                end += 1;
            } else {
                break;
            }
        }
        if end < range.end && bytes[end] == b'%' {
            end += 1;
        }
        if gap < at {
            token(gap..at);
        }
        token(at..end);
        gap = end;
        at = end;
    }
    if gap < range.end {
        token(gap..range.end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::in_jieba_block;

    /// Every run of block characters in the graded sentences, and runs made to reach each branch (two
    /// characters outside the model's range, ASCII joined by connectors or not, a `%`, a single covered
    /// character between others), is cut as jieba-rs's `cut` with HMM and no words cuts it: over no
    /// words, jieba's route leaves every character single, so its whole cut is the HMM's.
    #[test]
    fn runs_are_cut_as_jieba_rs_cuts_them() {
        let sentences = include_str!("../tests/data/hsk-sentences.jsonl");
        let mut runs: Vec<String> =
            sentences.split(|c: char| !in_jieba_block(c)).filter(|r| !r.is_empty()).map(str::to_string).collect();
        assert!(runs.len() > 500, "{}", runs.len());
        runs.extend(
            [
                "㐀㐁中文分词",
                "我们c++很好",
                "版本v1.2.3-beta发布",
                "3.5%的人",
                "abc-",
                "a-",
                "-a",
                "a..b",
                "x_y_z",
                "中",
                "中a国",
                "a中",
                "𠀀𠀁上海",
                "豈更中国",
                "鿿中国人",
                "+#&",
                "今天天气真不错啊朋友们",
                "100%纯棉",
            ]
            .map(str::to_string),
        );
        let jieba = jieba_rs::Jieba::empty();
        let mut hmm = Hmm::default();
        for run in &runs {
            let theirs: Vec<&str> = jieba.cut(run, true).iter().map(|t| t.word).collect();
            let mut ours = Vec::new();
            hmm.cut(run, |r| ours.push(&run[r]));
            assert_eq!(ours, theirs, "in {run}");
        }
    }
}
