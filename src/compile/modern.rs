//! Reads the modern vocabulary layer, `data/modern/*.tsv`: everyday words that CC-CEDICT lacks
//! (冰美式, 遮瑕, 到手价), one file per domain, one word per line:
//!
//! ```text
//! word<TAB>numbered pinyin<TAB>gloss
//! ```
//!
//! Checked against the dictionary: a word CC-CEDICT or the slang layer already has belongs elsewhere
//! (the sense table or the layer), and each Han character's syllable must be one of that character's
//! readings in CC-CEDICT (alone or in a word), so a slip in the pinyin cannot reach a card.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::{BuildError, Problem, read_text};
use crate::entry::{Entry, Source};
use crate::pinyin;
use crate::script::is_han;

/// The longest gloss accepted, in characters.
const MAX_GLOSS: usize = 90;

/// One word of the layer.
#[derive(Debug, Clone)]
pub struct ModernWord {
    /// The word, simplified.
    pub word: String,
    /// Numbered pinyin.
    pub pinyin: String,
    /// Our gloss.
    pub gloss: String,
    /// The domain: the file's name.
    pub domain: String,
    /// Its line in the file, for messages.
    pub line: usize,
}

/// Reads every `*.tsv` of `dir` in file-name order. A missing folder is an empty layer.
pub fn read_dir(dir: &Path, problems: &mut Vec<Problem>) -> Result<Vec<ModernWord>, BuildError> {
    let Ok(listing) = std::fs::read_dir(dir) else { return Ok(Vec::new()) };
    let mut files: Vec<PathBuf> = listing
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let domain = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        for (i, line) in read_text(&path)?.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut problem = |message: String| {
                problems.push(Problem { file: path.display().to_string(), line: Some(i + 1), message });
            };
            let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
            let [word, reading, gloss] = fields[..] else {
                problem("expected `word<TAB>numbered pinyin<TAB>gloss`".into());
                continue;
            };
            if word.is_empty() || gloss.is_empty() || gloss.chars().count() > MAX_GLOSS {
                problem(format!("{word}: a word and a gloss of at most {MAX_GLOSS} characters are needed"));
                continue;
            }
            let toned = pinyin::syllables(reading).iter().filter(|s| s.tone != 0).count();
            if toned != word.chars().filter(|&c| is_han(c)).count() {
                problem(format!("{word}: pinyin {reading:?} has {toned} toned syllables"));
                continue;
            }
            out.push(ModernWord {
                word: word.to_string(),
                pinyin: reading.split_whitespace().collect::<Vec<_>>().join(" "),
                gloss: gloss.to_string(),
                domain: domain.clone(),
                line: i + 1,
            });
        }
    }
    Ok(out)
}

/// Checks the words against the entries already made (CC-CEDICT and the slang layer, whose keys are
/// `taken`) and makes their entries, ids from `entries.len()` on. Problems carry the domain's file.
pub fn entries(
    dir: &Path,
    words: &[ModernWord],
    entries: &[Entry],
    taken: &HashSet<String>,
    problems: &mut Vec<Problem>,
) -> Vec<Entry> {
    // Each character's readings (letters and tone, lower case), the traditional forms of words, and how
    // often each character is written each traditional way, from every entry that is a word of its own
    // (not a "variant of" pointer, which would teach rare forms: 春 as 旾).
    let mut readings: HashMap<char, HashSet<(String, u8)>> = HashMap::new();
    let mut traditional: HashMap<&str, &str> = HashMap::new();
    let mut votes: HashMap<CharReading, HashMap<char, u32>> = HashMap::new();
    for e in entries.iter().filter(|e| e.source == Source::Cedict) {
        // A character's readings: those of its own entries and those it has in words (钥 is yào in 钥匙).
        let chars: Vec<char> = e.simplified.chars().collect();
        let syllables = pinyin::syllables(&e.pinyin);
        if chars.len() == syllables.len() {
            for (c, s) in chars.iter().zip(&syllables) {
                readings.entry(*c).or_default().insert((s.letters.to_lowercase(), s.tone));
            }
        }
        let own_word = !e.senses.iter().all(|s| super::is_pointer_sense(s));
        if own_word && chars.len() == e.traditional.chars().count() {
            for (i, (s, t)) in chars.iter().zip(e.traditional.chars()).enumerate() {
                let reading = syllables.get(i).filter(|_| syllables.len() == chars.len());
                let key = (*s, reading.map(|r| (r.letters.to_lowercase(), r.tone)));
                *votes.entry(key).or_default().entry(t).or_default() += 1;
                *votes.entry((*s, None)).or_default().entry(t).or_default() += 1;
            }
            if chars.len() > 1 {
                traditional.entry(e.simplified.as_str()).or_insert(e.traditional.as_str());
            }
        }
    }
    let by_char: HashMap<CharReading, char> = votes
        .into_iter()
        .filter_map(|(s, ts)| ts.into_iter().max_by_key(|&(t, n)| (n, std::cmp::Reverse(t))).map(|(t, _)| (s, t)))
        .collect();
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for w in words {
        let mut problem = |message: String| {
            let file = dir.join(format!("{}.tsv", w.domain)).display().to_string();
            problems.push(Problem { file, line: Some(w.line), message });
        };
        if taken.contains(&w.word.to_lowercase()) {
            problem(format!("{} is in the dictionary already: its first line belongs in data/senses.tsv", w.word));
            continue;
        }
        if !seen.insert(w.word.clone()) {
            problem(format!("{} is listed twice", w.word));
            continue;
        }
        let han: Vec<char> = w.word.chars().filter(|&c| is_han(c)).collect();
        let toned: Vec<_> = pinyin::syllables(&w.pinyin).into_iter().filter(|s| s.tone != 0).collect();
        let unknown: Vec<String> = han
            .iter()
            .zip(&toned)
            .filter(|(c, s)| {
                let known = readings.get(c);
                let letters = s.letters.to_lowercase();
                // A neutral tone is how a syllable is said in a word, not a reading of its own.
                known.is_some_and(|r| !r.iter().any(|(l, t)| *l == letters && (*t == s.tone || s.tone == 5)))
            })
            .map(|(c, s)| format!("{c} {}{}", s.letters, s.tone))
            .collect();
        if !unknown.is_empty() {
            problem(format!("{}: {} not a reading CC-CEDICT knows", w.word, unknown.join(", ")));
            continue;
        }
        let id = (entries.len() + out.len()) as u32;
        let traditional_form = to_traditional(&w.word, &toned, &traditional, &by_char);
        out.push(super::our_word(id, &w.word, traditional_form, &w.pinyin, &w.gloss));
    }
    out
}

/// A character, with one of its readings (letters and tone) or none.
type CharReading = (char, Option<(String, u8)>);

/// The traditional form of `word` (whose Han characters read `syllables`): by longest match over
/// CC-CEDICT's words of two or more characters (发 in 头发 is 髮, in 发货 發), else each character as
/// CC-CEDICT's words most often write it with that reading (fà: 髮), or with any reading (后: 後).
fn to_traditional(
    word: &str,
    syllables: &[pinyin::Syllable],
    words: &HashMap<&str, &str>,
    by_char: &HashMap<CharReading, char>,
) -> String {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let mut reading_of = Vec::new();
    let mut next = syllables.iter();
    for &(_, c) in &chars {
        reading_of.push(if is_han(c) { next.next().map(|s| (s.letters.to_lowercase(), s.tone)) } else { None });
    }
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let found = (i + 2..=chars.len()).rev().find_map(|j| {
            let end = chars.get(j).map_or(word.len(), |&(b, _)| b);
            words.get(&word[chars[i].0..end]).map(|t| (j, *t))
        });
        match found {
            Some((j, t)) => {
                out.push_str(t);
                i = j;
            }
            None => {
                let c = chars[i].1;
                let t = by_char.get(&(c, reading_of[i].clone())).or_else(|| by_char.get(&(c, None)));
                out.push(t.copied().unwrap_or(c));
                i += 1;
            }
        }
    }
    out
}
