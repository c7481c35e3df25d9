//! Reads the sense-preference table, `data/senses.tsv`: for the most frequent words with more than one
//! entry or sense, which reading comes first and which meaning its first line gives, for a reader of
//! today's social media. One line per word:
//!
//! ```text
//! word<TAB>numbered pinyin<TAB>first line[<TAB>traditional]
//! ```
//!
//! The first line is `=` (the entry's first sense is right as it is), `?` (not reviewed: only the
//! reading is preferred) or our own short gloss, which the compiler puts before the entry's senses. A
//! gloss written `+gloss` is for a reading CC-CEDICT lacks (穿着 chuān zhe "wearing", where it has only
//! chuān zhuó "attire"): the compiler makes an entry of our own with it. The traditional form picks one
//! of several entries with the same reading (才: 才 "talent", 纔 "only then").

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
    /// The reading is one CC-CEDICT lacks: an entry of ours carries it (the gloss is written `+gloss`).
    pub adds_reading: bool,
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
        // CC-CEDICT reads a Latin headword as its own letters (T [T], DNA [D N A]): taken as written.
        let letters = word.chars().all(|c| c.is_ascii_alphabetic()) && reading.replace(' ', "") == *word;
        let syllables = pinyin::syllables(reading);
        if !letters && (syllables.is_empty() || syllables.iter().any(|s| s.tone == 0)) {
            problem(i + 1, format!("{word}: {reading:?} is not numbered pinyin"));
            continue;
        }
        let (adds_reading, first) = match first.strip_prefix('+') {
            Some(gloss) => (true, gloss.trim()),
            None => (false, *first),
        };
        let gloss = match first {
            "=" | "?" if adds_reading => {
                problem(i + 1, format!("{word}: a reading of our own needs a gloss after the +"));
                continue;
            }
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
        let preferred = Preferred {
            pinyin: reading.to_string(),
            traditional: rest.first().map(|t| t.to_string()),
            gloss,
            adds_reading,
        };
        if out.insert(word.to_string(), preferred).is_some() {
            problem(i + 1, format!("{word} is listed twice"));
        }
    }
    out
}

/// Puts each gloss first among the senses of the entry its line prefers, and drops the senses it
/// repeats; makes an entry of ours for each reading the table adds, at the end of `entries`. A line
/// whose word has no entry with its reading, or that adds a reading the word has, is reported.
pub fn apply(path: &Path, table: &HashMap<String, Preferred>, entries: &mut Vec<Entry>, problems: &mut Vec<Problem>) {
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
    let mut added: Vec<Entry> = Vec::new();
    let mut words: Vec<(&String, &Preferred)> = table.iter().collect();
    words.sort_by_key(|(w, _)| w.as_str()); // reports in a fixed order
    for (word, p) in words {
        // Of several entries the line picks (one reading, no traditional form given: 考 and its variant
        // 攷), the gloss goes to the one the card shows first among them, not to the first in the file.
        let pick = by_word.get(word.as_str()).and_then(|ids| {
            ids.iter().filter(|&&i| p.picks(&entries[i])).min_by_key(|&&i| super::prominence(&entries[i]))
        });
        let report = |message: String| Problem { file: path.display().to_string(), line: None, message };
        match (pick, &p.gloss) {
            (Some(_), _) if p.adds_reading => {
                problems.push(report(format!("{word}: CC-CEDICT reads it {} already: drop the +", p.pinyin)))
            }
            (Some(&i), Some(g)) => found.push((i, g.clone())),
            (Some(_), None) => {}
            (None, Some(g)) if p.adds_reading => {
                let id = (entries.len() + added.len()) as u32;
                let traditional = p.traditional.clone().unwrap_or_else(|| word.clone());
                added.push(super::our_word(id, word, traditional, &p.pinyin, g));
            }
            (None, _) => problems.push(report(format!(
                "{word}: no entry reads {} (write the first line +gloss to add a reading of our own)",
                p.pinyin
            ))),
        }
    }
    entries.extend(added);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entry::Source;

    fn cedict(id: u32, word: &str, pinyin: &str, sense: &str) -> Entry {
        Entry { source: Source::Cedict, ..super::super::our_word(id, word, word.into(), pinyin, sense) }
    }

    #[test]
    fn a_line_adds_a_reading_cedict_lacks_only_when_it_says_so() {
        let path = Path::new("senses.tsv");
        let mut problems = Vec::new();
        let table = parse(path, "穿着\tchuan1 zhe5\t+wearing; dressed in\n", &mut problems);
        let mut entries = vec![cedict(0, "穿着", "chuan1 zhuo2", "attire; clothes; dress")];
        apply(path, &table, &mut entries, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        let ours = &entries[1];
        assert_eq!((ours.id, ours.pinyin.as_str(), ours.source), (1, "chuan1 zhe5", Source::RedLens));
        assert_eq!(ours.senses, ["wearing; dressed in"]);
        assert!(table["穿着"].picks(ours) && !table["穿着"].picks(&entries[0]));

        // Without the +, an unknown reading is a mistake (a typo in the pinyin) and is reported.
        let table = parse(path, "穿着\tchuan1 zhe5\twearing\n", &mut problems);
        let mut entries = vec![cedict(0, "穿着", "chuan1 zhuo2", "attire")];
        apply(path, &table, &mut entries, &mut problems);
        assert_eq!(entries.len(), 1);
        assert!(problems.iter().any(|p| p.message.contains("no entry reads chuan1 zhe5")), "{problems:?}");

        // A + for a reading CC-CEDICT has is reported too.
        problems.clear();
        let table = parse(path, "穿着\tchuan1 zhuo2\t+attire\n", &mut problems);
        apply(path, &table, &mut entries, &mut problems);
        assert_eq!(entries.len(), 1);
        assert!(problems.iter().any(|p| p.message.contains("drop the +")), "{problems:?}");
    }

    #[test]
    fn a_latin_headword_is_read_as_its_letters_and_other_unnumbered_pinyin_is_refused() {
        let path = Path::new("senses.tsv");
        let mut problems = Vec::new();
        let table = parse(path, "T\tT\tT-shirt; the letter T\n好\thao\tgood\nT\tX\tten\n", &mut problems);
        assert!(table.contains_key("T"));
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages, ["好: \"hao\" is not numbered pinyin", "T: \"X\" is not numbered pinyin"]);
        let mut entries = vec![cedict(0, "T", "T", "(slang) butch")];
        problems.clear();
        apply(path, &table, &mut entries, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(entries[0].senses, ["T-shirt; the letter T", "(slang) butch"]);
    }
}
