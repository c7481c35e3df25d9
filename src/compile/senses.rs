//! Reads the sense-preference table, `data/senses.tsv`: for the most frequent words with more than one
//! entry or sense, which reading comes first and which meaning its first line gives, for a reader of
//! today's social media. One line per word:
//!
//! ```text
//! word<TAB>numbered pinyin<TAB>first line[<TAB>traditional]
//! ```
//!
//! The first line is `=` (the entry's first sense is right as it is), `?` (not reviewed: only the
//! reading is preferred) or our own short gloss, which the compiler puts before the entry's senses. The
//! traditional form picks one of several entries with the same reading (才: 才 "talent", 纔 "only then").

use std::collections::HashMap;
use std::path::Path;

use super::Problem;
use crate::entry::Entry;
use crate::pinyin;

/// The longest gloss accepted, in characters: a first line, not an essay.
const MAX_GLOSS: usize = 90;

/// What the table prefers for one word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preferred {
    /// The reading that comes first, numbered pinyin as the entry writes it.
    pub pinyin: String,
    /// Of several entries with that reading, the one with this traditional form.
    pub traditional: Option<String>,
    /// Our first line, where the entry's own first sense is not the one a reader needs.
    pub gloss: Option<String>,
}

impl Preferred {
    /// Whether `e` is the entry this line prefers. The reading is compared exactly: a name (`Chen2`)
    /// and a word (`chen2`) differ only in case.
    pub fn picks(&self, e: &Entry) -> bool {
        e.pinyin == self.pinyin && self.traditional.as_ref().is_none_or(|t| *t == e.traditional)
    }
}

/// Parses the table. Every malformed line is reported; the good ones are returned.
pub fn parse(path: &Path, text: &str, problems: &mut Vec<Problem>) -> HashMap<String, Preferred> {
    let mut out = HashMap::new();
    let mut problem = |line: usize, message: String| {
        problems.push(Problem { file: path.display().to_string(), line: Some(line), message });
    };
    for (i, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
        let [word, reading, first, rest @ ..] = &fields[..] else {
            problem(i + 1, "expected `word<TAB>pinyin<TAB>first line[<TAB>traditional]`".into());
            continue;
        };
        if word.is_empty() || rest.len() > 1 {
            problem(i + 1, "expected `word<TAB>pinyin<TAB>first line[<TAB>traditional]`".into());
            continue;
        }
        let syllables = pinyin::syllables(reading);
        if syllables.is_empty() || syllables.iter().any(|s| s.tone == 0) {
            problem(i + 1, format!("{word}: {reading:?} is not numbered pinyin"));
            continue;
        }
        let gloss = match *first {
            "=" | "?" => None,
            "" => {
                problem(i + 1, format!("{word}: the first line is empty (write = to keep the entry's own)"));
                continue;
            }
            g if g.chars().count() > MAX_GLOSS => {
                problem(i + 1, format!("{word}: the gloss is longer than {MAX_GLOSS} characters"));
                continue;
            }
            g => Some(g.to_string()),
        };
        let preferred =
            Preferred { pinyin: reading.to_string(), traditional: rest.first().map(|t| t.to_string()), gloss };
        if out.insert(word.to_string(), preferred).is_some() {
            problem(i + 1, format!("{word} is listed twice"));
        }
    }
    out
}

/// Puts each gloss first among the senses of the entry its line prefers, and drops the senses it
/// repeats. A line whose word has no entry with its reading is reported.
pub fn apply(path: &Path, table: &HashMap<String, Preferred>, entries: &mut [Entry], problems: &mut Vec<Problem>) {
    let mut by_word: HashMap<&str, Vec<usize>> = HashMap::new();
    // A headword lists the entries of that simplified form, then those of that traditional form.
    for (i, e) in entries.iter().enumerate() {
        if table.contains_key(&e.simplified) {
            by_word.entry(e.simplified.as_str()).or_default().push(i);
        }
    }
    for (i, e) in entries.iter().enumerate() {
        if e.traditional != e.simplified && table.contains_key(&e.traditional) {
            by_word.entry(e.traditional.as_str()).or_default().push(i);
        }
    }
    let mut found: Vec<(usize, String)> = Vec::new();
    let mut words: Vec<(&String, &Preferred)> = table.iter().collect();
    words.sort_by_key(|(w, _)| w.as_str()); // reports in a fixed order
    for (word, p) in words {
        // Of several entries the line picks (one reading, no traditional form given: 考 and its variant
        // 攷), the gloss goes to the one the card shows first among them, not to the first in the file.
        let pick = by_word.get(word.as_str()).and_then(|ids| {
            ids.iter().filter(|&&i| p.picks(&entries[i])).min_by_key(|&&i| super::prominence(&entries[i]))
        });
        match (pick, &p.gloss) {
            (Some(&i), Some(g)) => found.push((i, g.clone())),
            (Some(_), None) => {}
            (None, _) => problems.push(Problem {
                file: path.display().to_string(),
                line: None,
                message: format!("{word}: no entry reads {}", p.pinyin),
            }),
        }
    }
    for (i, gloss) in found {
        let repeated = |s: &String| {
            let s = s.trim().to_lowercase();
            gloss.split("; ").any(|part| part.trim().to_lowercase() == s)
        };
        let senses = &mut entries[i].senses;
        senses.retain(|s| !repeated(s));
        senses.insert(0, gloss);
    }
}
