//! Recuts: sequences the segmenter's frequencies cannot cut right, each with the cut it must make
//! where it stands on the segmenter's own token boundaries (这个月考了 is 这个月 + 考 + 了, where 月考
//! "monthly exam" would take 月). The dictionary's `CUTS` section holds them, one a line, parts
//! separated by spaces; `data/cuts.tsv` is where they are written (see `compile::cuts`).
//!
//! A recut is local by design: it changes the tokens of that exact sequence and nothing else, where a
//! change of a word's frequency moves the cut of every text that has the word.

use std::ops::Range;

use rustc_hash::FxHashMap;

/// One recut: the sequence, and the byte offsets inside it where its parts end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recut {
    /// The text the recut applies to.
    pub sequence: String,
    /// Where each part ends, in bytes of `sequence`; the last is its length.
    pub ends: Vec<usize>,
}

impl Recut {
    /// The byte ranges of its parts, for the sequence standing at `start` of a text.
    pub fn parts(&self, start: usize) -> impl Iterator<Item = Range<usize>> + '_ {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts.zip(&self.ends).map(move |(a, &b)| start + a..start + b)
    }
}

/// Every recut of a dictionary, found by the first two characters of its sequence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recuts {
    /// By the first two characters (see [`pair`]), longest first.
    by_start: FxHashMap<u64, Vec<Recut>>,
    /// A bit per character of the Basic Multilingual Plane that starts a sequence: the test made at
    /// every token, where nearly all tokens start none (a shift and a mask, not a hash probe).
    starts: Vec<u64>,
}

impl Recuts {
    /// Parses the `CUTS` section: lines of two or more parts separated by single spaces. Lines that are
    /// not (a damaged section) are skipped. Costs one pass over the section, at the first text cut.
    pub fn parse(bytes: &[u8]) -> Recuts {
        let mut by_start: FxHashMap<u64, Vec<Recut>> = FxHashMap::default();
        for line in String::from_utf8_lossy(bytes).lines() {
            let parts: Vec<&str> = line.split(' ').collect();
            if parts.len() < 2 || parts.iter().any(|p| p.is_empty()) {
                continue;
            }
            let ends = parts.iter().scan(0, |end, p| {
                *end += p.len();
                Some(*end)
            });
            let recut = Recut { sequence: parts.concat(), ends: ends.collect() };
            let start = pair(&recut.sequence).expect("two non-empty parts");
            by_start.entry(start).or_default().push(recut);
        }
        // The longest sequence first, so that it wins over one it contains.
        for list in by_start.values_mut() {
            list.sort_by_key(|r| std::cmp::Reverse(r.sequence.len()));
        }
        let mut starts = vec![0u64; 0x1_0000 / 64];
        for c in by_start.values().filter_map(|l| l[0].sequence.chars().next()).filter(|&c| (c as u32) < 0x1_0000) {
            starts[c as usize / 64] |= 1 << (c as usize % 64);
        }
        Recuts { by_start, starts }
    }

    /// The section's bytes for these lines of parts (what [`Recuts::parse`] reads).
    pub fn encode<'a>(lines: impl Iterator<Item = &'a [String]>) -> Vec<u8> {
        lines.map(|parts| parts.join(" ") + "\n").collect::<String>().into_bytes()
    }

    /// Whether there are none (a text's tokens are then never looked at).
    pub fn is_empty(&self) -> bool {
        self.by_start.is_empty()
    }

    /// The recuts whose sequence starts `text`, longest first.
    pub fn starting(&self, text: &str) -> impl Iterator<Item = &Recut> {
        let first = text.chars().next().is_some_and(|c| match self.starts.get(c as usize / 64) {
            Some(bits) => bits & (1 << (c as usize % 64)) != 0,
            None => true, // outside the plane: the map decides
        });
        let list = if first { pair(text).and_then(|p| self.by_start.get(&p)) } else { None };
        list.into_iter().flatten().filter(move |r| text.starts_with(r.sequence.as_str()))
    }
}

/// The first two characters of `text` as one key, if it has two.
fn pair(text: &str) -> Option<u64> {
    let mut chars = text.chars();
    let (a, b) = (chars.next()?, chars.next()?);
    Some(u64::from(a) << 32 | u64::from(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_become_recuts_found_by_their_start_and_damaged_lines_are_skipped() {
        let recuts = Recuts::parse("这个月 考 了\n很\n温水 泡\n大方  向\n这个月 考\n".as_bytes());
        let found: Vec<&str> = recuts.starting("这个月考了三次").map(|r| r.sequence.as_str()).collect();
        assert_eq!(found, ["这个月考了", "这个月考"], "longest first");
        assert_eq!(recuts.starting("大方向").count(), 0, "a line with an empty part is skipped");
        assert_eq!(recuts.starting("这个人").count(), 0);
        let warm = recuts.starting("温水泡脚").next().expect("温水泡");
        assert_eq!(warm.parts(10).collect::<Vec<_>>(), [10..16, 16..19]);
        assert!(Recuts::parse(b"").is_empty());
        let lines = [vec!["温水".to_string(), "泡".to_string()]];
        assert_eq!(
            Recuts::parse(&Recuts::encode(lines.iter().map(Vec::as_slice))),
            Recuts::parse("温水 泡".as_bytes())
        );
    }
}
