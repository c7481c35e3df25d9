//! The dictionary compiler behind `redlens build-dict` (native builds only): reads CC-CEDICT, the
//! project's slang layer, the HSK 3.0 list, the sense preferences and jieba's word list, and writes
//! one `redlens.dict` image. The same inputs always give the same bytes.

pub mod cedict;
pub mod context;
pub mod cuts;
pub mod modern;
pub mod senses;
pub mod slang;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use fst::MapBuilder;

use crate::dict::{Postings, section};
use crate::entry::{Entry, Kinds, Source};
use crate::format::FileWriter;
use crate::shared::SharedWriter;
use crate::{english, pinyin};
use senses::Preferred;

/// The least frequency a unit of the slang layer gets in the segmenter's word list. Chosen by measuring:
/// it keeps every layer example whole without lowering the agreement with gold segmentation on the HSK
/// sentences (tests/hsk_sentences.rs); a higher floor (3,000 until the layer grew to 2,200 entries) let
/// a slang suffix win over an ordinary word (说服了 read as 说 + 服了).
const LAYER_FREQUENCY_FLOOR: u64 = 300;

/// The least frequency a word of the modern vocabulary layer gets in the segmenter's word list. Chosen
/// by measuring, as for the slang layer: the words stay whole in running text, and the agreement with
/// gold segmentation on the HSK sentences does not fall.
const MODERN_FREQUENCY_FLOOR: u64 = 0;

/// The frequency the segmenter gives a dictionary word that jieba's list lacks. Chosen by measuring: 1
/// unit more of the sense evaluation's targets whole than without them, with the HSK agreement kept.
const DICTIONARY_WORD_FREQUENCY: u64 = 1;

/// Words of jieba's list rarer than this are kept only if the dictionary has them. Chosen by
/// measuring segmenter build time against the HSK agreement (tests/hsk_sentences.rs).
const MIN_WORD_FREQUENCY: u64 = 20;

/// Where the inputs are. [`Sources::in_dir`] gives the repository's layout.
#[derive(Debug, Clone)]
pub struct Sources {
    /// CC-CEDICT, plain or gzip-compressed.
    pub cedict: PathBuf,
    /// The folder of slang category files (`*.toml`).
    pub slang_dir: PathBuf,
    /// HSK 3.0 word list, `word<TAB>level` with a header line.
    pub hsk: PathBuf,
    /// jieba's word list, `word freq [tag]` per line, plain or gzip-compressed.
    pub words: PathBuf,
    /// The sense-preference table (see [`senses`]).
    pub senses: PathBuf,
    /// The context rules (see [`context`]).
    pub context: PathBuf,
    /// The folder of the modern vocabulary layer (see [`modern`]).
    pub modern_dir: PathBuf,
    /// The fixed cuts (see [`cuts`]); none if the file is missing.
    pub cuts: PathBuf,
    /// The senses of characters inside words (see [`context::parse_parts`]); none if the file is missing.
    pub parts: PathBuf,
}

impl Sources {
    /// The inputs as laid out in the repository's `data/` folder.
    pub fn in_dir(data: &Path) -> Sources {
        Sources {
            cedict: data.join("cedict/cedict_ts.u8.gz"),
            slang_dir: data.join("slang"),
            hsk: data.join("hsk/hsk30_words.tsv"),
            words: data.join("jieba/dict.txt.gz"),
            senses: data.join("senses.tsv"),
            context: data.join("context.toml"),
            modern_dir: data.join("modern"),
            cuts: data.join("cuts.tsv"),
            parts: data.join("parts.tsv"),
        }
    }
}

/// A problem in an input file, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file.
    pub file: String,
    /// The 1-based line, where known.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file, line, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Why the dictionary could not be built.
#[derive(Debug)]
pub enum BuildError {
    /// An input could not be read.
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        error: std::io::Error,
    },
    /// Inputs have invalid lines; every one is listed.
    Invalid(Vec<Problem>),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Io { path, error } => write!(f, "cannot read {}: {error}", path.display()),
            BuildError::Invalid(problems) => {
                write!(f, "{} invalid input line(s):", problems.len())?;
                for p in problems {
                    write!(f, "\n  {p}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for BuildError {}

/// What a build read and wrote.
#[derive(Debug, Clone, Default)]
pub struct BuildReport {
    /// CC-CEDICT entries read.
    pub cedict_entries: usize,
    /// CC-CEDICT lines skipped as malformed.
    pub cedict_skipped: usize,
    /// Entries of the project's own layer.
    pub slang_entries: usize,
    /// Words in the segmenter's list.
    pub words: usize,
    /// Size of the file written.
    pub bytes: usize,
}

fn read_text(path: &Path) -> Result<String, BuildError> {
    let io = |error| BuildError::Io { path: path.to_path_buf(), error };
    let raw = std::fs::read(path).map_err(io)?;
    let mut text = String::new();
    if path.extension().is_some_and(|e| e == "gz") {
        flate2::read::GzDecoder::new(&raw[..]).read_to_string(&mut text).map_err(io)?;
    } else {
        text = String::from_utf8(raw)
            .map_err(|e| io(std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string())))?;
    }
    Ok(text)
}

/// Builds the dictionary image from `sources`.
pub fn build(sources: &Sources) -> Result<(Vec<u8>, BuildReport), BuildError> {
    let mut problems = Vec::new();
    let cedict = cedict::parse(&read_text(&sources.cedict)?);
    let hsk = read_hsk(&sources.hsk, &read_text(&sources.hsk)?, &mut problems);
    let preferred = senses::parse(&sources.senses, &read_text(&sources.senses)?, &mut problems);
    let (mut words, lexical) = read_words(&sources.words, &read_text(&sources.words)?, &mut problems);
    let layer = read_layer(&sources.slang_dir, &mut problems)?;
    // A character's sense inside a word is the most particular rule there is: those rules are tried first.
    let parts_text = if sources.parts.exists() { read_text(&sources.parts)? } else { String::new() };
    let written_rules = context::parse_parts(&sources.parts, &parts_text, &mut problems).then(context::parse(
        &sources.context,
        &read_text(&sources.context)?,
        &mut problems,
    ));
    let modern_words = modern::read_dir(&sources.modern_dir, &mut problems)?;
    // Like the modern layer's folder, the cuts are optional: a data folder without them has none.
    let cuts_text = if sources.cuts.exists() { read_text(&sources.cuts)? } else { String::new() };
    let fixed_cuts = cuts::parse(&sources.cuts, &cuts_text, &mut problems);
    if !problems.is_empty() {
        return Err(BuildError::Invalid(problems));
    }

    let mut entries: Vec<Entry> =
        cedict.entries.iter().enumerate().map(|(i, line)| cedict_entry(i as u32, line)).collect();
    resolve_cross_refs(&cedict.entries, &mut entries);
    fold_bare_pointers(&mut entries);
    senses::apply(&sources.senses, &preferred, &mut entries, &mut problems);
    mark_slang_first(&mut entries);
    if !problems.is_empty() {
        return Err(BuildError::Invalid(problems));
    }
    let mut order = Order { table: preferred, context_only: HashSet::new() };
    gloss_idioms(&mut entries, &order);
    prune_words(&mut words, &entries);
    // A word we chose a sense for is one people use: where jieba's list lacks it, it must still be cut
    // whole (网红, 显高), not left to the low frequency every other dictionary word gets.
    let unlisted: Vec<&str> = order.table.keys().map(String::as_str).filter(|w| !words.contains_key(*w)).collect();
    add_dictionary_words(&mut words, &entries);
    force_whole(&mut words, unlisted.into_iter(), 0);
    force_whole(&mut words, cedict_idioms(&entries), 0);
    force_whole(&mut words, layer.iter().flat_map(|s| s.keys()), LAYER_FREQUENCY_FLOOR);
    // A sense that waits for its context needs an ordinary entry to wait behind.
    let ordinary: HashSet<&str> = entries.iter().map(|e| e.simplified.as_str()).collect();
    for s in layer.iter().filter(|s| s.context_only && !ordinary.contains(s.term.as_str())) {
        problems.push(Problem {
            file: s.origin.0.clone(),
            line: Some(s.origin.1),
            message: format!(
                "{}: `first = false` but the dictionary has no ordinary entry of it to show first",
                s.term
            ),
        });
    }
    drop(ordinary);
    for s in &layer {
        if s.context_only {
            order.context_only.insert(entries.len() as u32);
        }
        entries.push(Entry {
            id: entries.len() as u32,
            simplified: s.term.clone(),
            traditional: s.traditional.clone().unwrap_or_else(|| s.term.clone()),
            pinyin: s.pinyin.clone(),
            senses: s.slang.explanations.iter().filter(|e| e.lang == "en").map(|e| e.meaning.clone()).collect(),
            kinds: s.kinds,
            hsk: None,
            frequency: 0,
            source: Source::RedLens,
            refs: Vec::new(),
            gloss: None,
            slang: Some(s.slang.clone()),
        });
    }
    let taken: HashSet<String> = entries
        .iter()
        .flat_map(|e| [&e.simplified, &e.traditional].into_iter().chain(e.slang.iter().flat_map(|s| &s.variants)))
        .map(|k| k.to_lowercase())
        .collect();
    let modern = modern::entries(&sources.modern_dir, &modern_words, &entries, &taken, &mut problems);
    if !problems.is_empty() {
        return Err(BuildError::Invalid(problems));
    }
    force_whole(&mut words, modern.iter().map(|e| e.simplified.as_str()), MODERN_FREQUENCY_FLOOR);
    // Last, so that no later change of frequency undoes a cut.
    let recuts = cuts::apply(&fixed_cuts, &mut words);
    entries.extend(modern);
    for e in &mut entries {
        e.hsk = hsk.get(&e.simplified).copied();
        e.frequency = words.get(&e.simplified.to_ascii_lowercase()).map_or(0, |&f| f.min(u64::from(u32::MAX)) as u32);
    }

    let by_word = index_by_word(&entries, written_rules.words());
    // A rule that names a reading means the ordinary word of that reading (one that means the slang
    // picks it by name): the layer's slang entry is its base only where the headword has no other.
    let first_of = |w: &str, reading: &str| {
        let ids = by_word.get(w)?.iter().filter(|&&id| entries[id as usize].pinyin == reading);
        ids.min_by_key(|&&id| (context::is_layer_slang(&entries[id as usize]), order.rank(w, &entries[id as usize])))
            .copied()
    };
    let slang_of = |w: &str| by_word.get(w)?.iter().copied().find(|&id| context::is_layer_slang(&entries[id as usize]));
    let compiled = context::compile(written_rules, &entries, first_of, slang_of, &mut problems);
    if !problems.is_empty() {
        return Err(BuildError::Invalid(problems));
    }
    let keyed = entries.len();
    entries.extend(compiled.made.iter().cloned());

    let recuts = crate::recut::Recuts::encode(recuts.iter().map(|c| c.parts.as_slice()));
    let image = write_image(&entries, keyed, &layer, (&words, &lexical), &order, (&compiled, recuts), &cedict);
    let report = BuildReport {
        cedict_entries: cedict.entries.len(),
        cedict_skipped: cedict.skipped.len(),
        slang_entries: layer.len(),
        words: words.len(),
        bytes: image.len(),
    };
    Ok((image, report))
}

/// Gives a CC-CEDICT entry the slang kind where its first sense, the one a card shows first, is slang.
/// A slang sense further down (机场 "airport", then a proxy service; 小姐 "young lady", then a sex worker)
/// does not make the word slang: the unit would be marked as slang in every note that mentions an
/// airport, and listed in the post's glossary of slang.
fn mark_slang_first(entries: &mut [Entry]) {
    // The tags a sense starts with, "(derog.) (slang) …": a tag later on ("to rush; (slang) go for it!")
    // qualifies a part of the sense, not the sense.
    let slang = |sense: &str| {
        let mut rest = sense.trim_start();
        while let Some(tag) = rest.strip_prefix('(').and_then(|r| r.split_once(')')) {
            if ["slang", "Internet slang", "neologism"].iter().any(|t| tag.0.starts_with(t)) {
                return true;
            }
            rest = tag.1.trim_start();
        }
        false
    };
    for e in entries.iter_mut().filter(|e| e.source == Source::Cedict) {
        if e.senses.first().is_some_and(|s| slang(s)) {
            e.kinds |= Kinds::SLANG;
        }
    }
}

fn cedict_entry(id: u32, line: &cedict::CedictLine) -> Entry {
    let has = |tag: &str| line.senses.iter().any(|s| s.contains(tag));
    let mut kinds = Kinds::empty();
    if line.pinyin.starts_with(|c: char| c.is_ascii_uppercase()) {
        kinds |= Kinds::NAME;
    } else {
        kinds |= Kinds::WORD;
    }
    if has("(idiom)") {
        kinds |= Kinds::IDIOM;
    }
    Entry {
        id,
        simplified: line.simplified.clone(),
        traditional: line.traditional.clone(),
        pinyin: line.pinyin.clone(),
        senses: line.senses.clone(),
        kinds,
        hsk: None,
        frequency: 0,
        source: Source::Cedict,
        refs: Vec::new(),
        gloss: None,
        slang: None,
    }
}

/// An entry of our own for one reading of a word, with one gloss: a word of the modern vocabulary, or a
/// reading CC-CEDICT lacks that the sense table adds.
pub(crate) fn our_word(id: u32, simplified: &str, traditional: String, pinyin: &str, gloss: &str) -> Entry {
    Entry {
        id,
        simplified: simplified.to_string(),
        traditional,
        pinyin: pinyin.to_string(),
        senses: vec![gloss.to_string()],
        kinds: Kinds::WORD,
        hsk: None,
        frequency: 0,
        source: Source::RedLens,
        refs: Vec::new(),
        gloss: None,
        slang: None,
    }
}

/// Points "see X" / "variant of X" senses at the entries they name (matched by form and pinyin).
fn resolve_cross_refs(lines: &[cedict::CedictLine], entries: &mut [Entry]) {
    let mut by_form: HashMap<(&str, String), Vec<u32>> = HashMap::new();
    for (i, l) in lines.iter().enumerate() {
        let p = l.pinyin.to_lowercase();
        by_form.entry((l.simplified.as_str(), p.clone())).or_default().push(i as u32);
        if l.traditional != l.simplified {
            by_form.entry((l.traditional.as_str(), p)).or_default().push(i as u32);
        }
    }
    for (i, l) in lines.iter().enumerate() {
        let mut refs = Vec::new();
        for sense in &l.senses {
            for r in cedict::cross_refs(sense) {
                let form = r.second.unwrap_or(r.first);
                if let Some(ids) = by_form.get(&(form, r.pinyin.to_lowercase())) {
                    for &id in ids {
                        if id != i as u32 && !refs.contains(&id) {
                            refs.push(id);
                        }
                    }
                }
            }
        }
        refs.truncate(4);
        entries[i].refs = refs;
    }
}

/// Where an entry's first sense only points elsewhere (杭州: "see 杭州市[Hang2 zhou1 Shi4]"), puts the
/// first sense of the entry it points to in its place, and drops that target from the entry's references
/// (the card would show it twice). A reader who can't read Chinese learns nothing from "see 杭州市".
fn fold_bare_pointers(entries: &mut [Entry]) {
    let targets: Vec<(Option<String>, String, String)> = entries
        .iter()
        .map(|e| (e.senses.first().filter(|s| !is_pointer_sense(s)).cloned(), e.simplified.clone(), e.pinyin.clone()))
        .collect();
    for e in entries.iter_mut() {
        let Some(first) = e.senses.first() else { continue };
        let refs = cedict::cross_refs(first);
        // Bare: one reference, and nothing after its brackets.
        let [r] = refs.as_slice() else { continue };
        if !first.trim_end().ends_with(']') {
            continue;
        }
        // The entry read exactly as the reference reads (Lao3 ban3, a brand, is not lao3 ban3); none
        // where the target is an entry of this same headword, which the card lists anyway (老板, a
        // variant of 老闆|老板, stays last behind it).
        let target = e.refs.iter().position(|&id| {
            let (sense, simplified, pinyin) = &targets[id as usize];
            sense.is_some() && *pinyin == r.pinyin && *simplified != e.simplified
        });
        if let Some(k) = target {
            let id = e.refs.remove(k);
            e.senses[0] = targets[id as usize].0.clone().unwrap_or_default();
        }
    }
}

/// Gives every idiom a character-by-character gloss: for each character, the first meaning of its entry
/// with the reading the idiom gives it (else its preferred entry), shortened to its first phrase.
fn gloss_idioms(entries: &mut [Entry], order: &Order) {
    let mut by_char: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        if e.simplified.chars().count() == 1 {
            by_char.entry(e.simplified.as_str()).or_default().push(i);
        }
    }
    for list in by_char.values_mut() {
        list.sort_by_key(|&i| order.rank(&entries[i].simplified, &entries[i]));
    }
    let short = |sense: &str| -> String {
        let plain = english_gloss(sense);
        plain.split([';', ',']).next().unwrap_or("").trim().trim_start_matches("to ").to_string()
    };
    let glosses: Vec<(usize, String)> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kinds.contains(Kinds::IDIOM))
        .filter_map(|(i, e)| {
            let syllables = pinyin::syllables(&e.pinyin);
            let mut words = Vec::new();
            for (n, ch) in e.simplified.chars().enumerate() {
                let mut buf = [0u8; 4];
                let candidates = by_char.get(&*ch.encode_utf8(&mut buf))?;
                let want = syllables.get(n);
                let pick = candidates
                    .iter()
                    .find(|&&c| {
                        pinyin::syllables(&entries[c].pinyin).first().map(|s| s.letters.to_lowercase())
                            == want.map(|s| s.letters.to_lowercase())
                            && pinyin::tones(&entries[c].pinyin).first() == want.map(|s| &s.tone)
                    })
                    .or(candidates.first())?;
                let word = entries[*pick].senses.iter().map(|s| short(s)).find(|s| !s.is_empty())?;
                words.push(word);
            }
            Some((i, words.join(" · ")))
        })
        .collect();
    for (i, g) in glosses {
        entries[i].gloss = Some(g);
    }
}

/// A sense without its parenthesised notes and cross-references, for a compact gloss.
fn english_gloss(sense: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in sense.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 && !crate::script::is_han(c) && c != '|' => out.push(c),
            _ => {}
        }
    }
    if is_pointer_sense(sense) { String::new() } else { out.split_whitespace().collect::<Vec<_>>().join(" ") }
}

/// Gives the segmenter the dictionary's own words that jieba's list lacks (靠谱, 脑回路, 跑路: jieba
/// cut them into characters, and the card explained one of them), with the least frequency there is: they
/// win over their single characters, and never over a word jieba knows. Names stay out (a name is not
/// cut out of running text unless jieba knows it).
fn add_dictionary_words(words: &mut BTreeMap<String, u64>, entries: &[Entry]) {
    for e in entries {
        let w = &e.simplified;
        if w.chars().nth(1).is_some() && w.chars().all(crate::script::is_han) && !e.kinds.contains(Kinds::NAME) {
            words.entry(w.clone()).or_insert(DICTIONARY_WORD_FREQUENCY);
        }
    }
}

/// Drops the rarest words of jieba's list that the dictionary cannot explain anyway: fewer words make
/// the segmenter quicker to build and the file smaller, and jieba's HMM still joins unknown words.
/// Single characters are always kept (they anchor the segmentation of everything else).
fn prune_words(words: &mut BTreeMap<String, u64>, entries: &[Entry]) {
    let known: std::collections::HashSet<&str> = entries.iter().map(|e| e.simplified.as_str()).collect();
    words.retain(|w, f| *f >= MIN_WORD_FREQUENCY || known.contains(w.as_str()) || w.chars().count() == 1);
}

fn cedict_idioms(entries: &[Entry]) -> impl Iterator<Item = &str> {
    entries.iter().filter(|e| e.kinds.contains(Kinds::IDIOM)).map(|e| e.simplified.as_str())
}

/// A jieba segmenter over `words` and their frequencies, to ask how a text would be cut (building one
/// over the whole list takes about a second).
fn jieba_of(words: &BTreeMap<String, u64>) -> jieba_rs::Jieba {
    let mut jieba = jieba_rs::Jieba::empty();
    for (w, f) in words {
        jieba.add_word(w, Some(*f as usize), None);
    }
    jieba
}

/// Gives each unit of the slang layer (and each idiom) a frequency high enough that jieba keeps it whole
/// when it appears in running text: jieba's own suggestion for joining the unit, with a margin so that a
/// neighbouring word cannot pull a character away, and at least the frequency of a common word (these
/// units are common where RedLens is used, whatever jieba's older corpus says).
fn force_whole<'a>(words: &mut BTreeMap<String, u64>, units: impl Iterator<Item = &'a str>, floor: u64) {
    let mut jieba = jieba_of(words);
    let units: BTreeSet<String> = units.filter(|u| u.chars().count() > 1).map(str::to_ascii_lowercase).collect();
    for unit in units {
        let suggested = (jieba.suggest_freq(&unit) as u64 * 4).max(floor);
        let freq = words.get(&unit).copied().unwrap_or(0).max(suggested);
        jieba.add_word(&unit, Some(freq as usize), None);
        words.insert(unit, freq);
    }
}

fn read_hsk(path: &Path, text: &str, problems: &mut Vec<Problem>) -> HashMap<String, u8> {
    let mut out = HashMap::new();
    for (i, line) in text.lines().enumerate().skip(1) {
        match line.split_once('\t').map(|(w, l)| (w, l.trim().parse::<u8>())) {
            Some((w, Ok(level @ 1..=7))) => {
                out.entry(w.to_string()).or_insert(level);
            }
            _ => problems.push(problem(path, i + 1, "expected `word<TAB>level` with a level from 1 to 7")),
        }
    }
    out
}

/// jieba's part-of-speech tags of words that are names of one thing: other proper nouns, places,
/// organisations, abbreviations, distinguishing words. A word of these tags that no layer explains is
/// kept whole and explained by its parts. Words of other tags are cut into their parts, as readers and
/// graded texts cut them: jieba's plain nouns, verbs and adjectives without an entry are mostly phrases
/// (两个, 这家, 很多, 我会, 床上), and keeping them whole lowered the HSK segmentation agreement.
const LEXICAL_TAGS: [&str; 5] = ["nz", "j", "nt", "ns", "b"];

/// jieba's word list: each word's frequency, and the words of [`LEXICAL_TAGS`].
fn read_words(path: &Path, text: &str, problems: &mut Vec<Problem>) -> (BTreeMap<String, u64>, BTreeSet<String>) {
    let mut out = BTreeMap::new();
    let mut lexical = BTreeSet::new();
    for (i, line) in text.lines().enumerate() {
        let mut parts = line.split_whitespace();
        let (Some(word), Some(freq)) = (parts.next(), parts.next()) else {
            if !line.trim().is_empty() {
                problems.push(problem(path, i + 1, "expected `word frequency [tag]`"));
            }
            continue;
        };
        match freq.parse::<u64>() {
            Ok(f) => {
                let word = word.to_ascii_lowercase();
                if parts.next().is_some_and(|tag| LEXICAL_TAGS.contains(&tag)) {
                    lexical.insert(word.clone());
                }
                let slot = out.entry(word).or_insert(0);
                *slot = (*slot).max(f);
            }
            Err(_) => problems.push(problem(path, i + 1, "the frequency is not a whole number")),
        }
    }
    (out, lexical)
}

fn problem(path: &Path, line: usize, message: &str) -> Problem {
    Problem { file: path.display().to_string(), line: Some(line), message: message.to_string() }
}

/// Reads every category file of the layer, in file-name order, and checks that no key is defined twice.
fn read_layer(dir: &Path, problems: &mut Vec<Problem>) -> Result<Vec<slang::SlangEntry>, BuildError> {
    let io = |error| BuildError::Io { path: dir.to_path_buf(), error };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    let mut layer = Vec::new();
    for path in files {
        layer.extend(slang::parse_file(&path, &read_text(&path)?, problems));
    }
    let mut seen: HashMap<String, (String, usize)> = HashMap::new();
    for s in &layer {
        let mut own = BTreeSet::new();
        for key in s.keys() {
            let key = key.to_lowercase();
            if !own.insert(key.clone()) {
                continue;
            }
            if let Some((file, line)) = seen.get(&key) {
                problems.push(Problem {
                    file: s.origin.0.clone(),
                    line: Some(s.origin.1),
                    message: format!("{key:?} is already defined at {file}:{line}"),
                });
            } else {
                seen.insert(key, s.origin.clone());
            }
        }
    }
    Ok(layer)
}

/// How a headword's entries are ordered: the sense table's preferences, and which entries of our layer
/// wait for a context rule.
struct Order {
    table: HashMap<String, Preferred>,
    /// Ids of the layer's entries that come first only where a context rule picks them.
    context_only: HashSet<u32>,
}

impl Order {
    /// How strongly an entry should come first among the entries of its headword: the project's layer
    /// (but for senses that wait for their context), then the entry the sense table prefers, then
    /// common words, then names, then entries that only point elsewhere; ties keep file order.
    /// `key` is the headword the entries are listed under (an entry may be listed under its traditional
    /// form too).
    fn rank(&self, key: &str, e: &Entry) -> (u8, u8, u8, u8, std::cmp::Reverse<usize>, u32) {
        let layer = match e.source {
            Source::RedLens if self.context_only.contains(&e.id) => 2,
            Source::RedLens => 0,
            Source::Cedict => 1,
        };
        let preferred = match self.table.get(key) {
            Some(p) if p.picks(e) => 0,
            Some(p) if e.pinyin == p.pinyin => 1,
            Some(_) => 2,
            None => 0,
        };
        let (name, only_points, senses, id) = prominence(e);
        (layer, preferred, name, only_points, senses, id)
    }
}

/// How an entry comes first among entries otherwise alike: common words before names, entries with
/// meanings before those that only point elsewhere, then the one with more meanings; ties keep file
/// order. Lower is first.
pub(crate) fn prominence(e: &Entry) -> (u8, u8, std::cmp::Reverse<usize>, u32) {
    let name = u8::from(e.kinds.contains(Kinds::NAME));
    let pointer = e.senses.iter().filter(|s| is_pointer_sense(s)).count();
    let only_points = u8::from(pointer == e.senses.len());
    (name, only_points, std::cmp::Reverse(e.senses.len() - pointer), e.id)
}

/// The ids of the entries of each of `words`, by simplified form.
fn index_by_word<'a>(entries: &[Entry], words: impl Iterator<Item = &'a str>) -> HashMap<String, Vec<u32>> {
    let mut out: HashMap<String, Vec<u32>> = words.map(|w| (w.to_string(), Vec::new())).collect();
    for e in entries {
        if let Some(ids) = out.get_mut(&e.simplified) {
            ids.push(e.id);
        }
    }
    out
}

pub(crate) fn is_pointer_sense(s: &str) -> bool {
    const NOT_A_MEANING: [&str; 5] = ["used in ", "surname ", "Taiwan pr. ", "also pr. ", "(Tw) "];
    !cedict::cross_refs(s).is_empty() || NOT_A_MEANING.iter().any(|p| s.starts_with(p))
}

/// The segmenter's lexicon list (see [`crate::dict::LexiconWriter`]): the words and the headwords it
/// carries, in key order. Read front to back when the segmenter is built.
fn lexicon_list(
    words: &BTreeMap<String, u64>,
    lexical: &BTreeSet<String>,
    heads: &BTreeMap<String, Postings>,
) -> Vec<u8> {
    let mut keys: BTreeSet<&str> = words.keys().map(String::as_str).collect();
    keys.extend(heads.keys().map(String::as_str));
    let mut list = crate::dict::LexiconWriter::default();
    for key in keys {
        let freq = words.get(key).map_or(0, |&f| u32::try_from(f).unwrap_or(u32::MAX));
        let composed = heads.get(key).is_none() && lexical.contains(key) && key.chars().any(crate::script::is_han);
        list.record(key, freq, composed, heads.get(key).copied());
    }
    list.finish()
}

/// Writes the image. The entries after the first `keyed` were made for context rules: they are in
/// the entry table, but no headword, pinyin or English key leads to them.
fn write_image(
    entries: &[Entry],
    keyed: usize,
    layer: &[slang::SlangEntry],
    (words, lexical): (&BTreeMap<String, u64>, &BTreeSet<String>),
    order: &Order,
    (rules, recuts): (&context::Compiled, Vec<u8>),
    cedict: &cedict::Cedict,
) -> Vec<u8> {
    let mut heads: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut pinyin_keys: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut english: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    for e in &entries[..keyed] {
        let mut keys = vec![e.simplified.clone(), e.traditional.clone()];
        if let Some(s) = &e.slang {
            keys.extend(s.variants.iter().cloned());
        }
        for k in keys {
            let ids = heads.entry(k.to_ascii_lowercase()).or_default();
            if !ids.contains(&e.id) {
                ids.push(e.id);
            }
        }
        if let Some(k) = pinyin::index_key(&e.pinyin) {
            pinyin_keys.entry(k).or_default().push(e.id);
        }
        let mut texts: Vec<&str> = e.senses.iter().map(String::as_str).collect();
        if let Some(x) = e.explanation() {
            texts.extend(x.literal.as_deref());
        }
        for t in texts {
            for w in english::keywords(t) {
                english.entry(w).or_default().insert(e.id);
            }
        }
    }

    let mut postings: Vec<u8> = Vec::new();
    let mut push_list = |ids: &[u32], kinds: Kinds| -> Option<u64> {
        let len = u16::try_from(ids.len()).ok()?;
        let start = match ids {
            [id] => *id,
            _ => {
                let start = u32::try_from(postings.len()).ok()?;
                crate::dict::put_posting_list(&mut postings, ids);
                start
            }
        };
        Some(Postings { start, len, kinds }.pack())
    };

    let mut head_map = MapBuilder::memory();
    let mut joinable_keys: Vec<String> = Vec::new();
    // The headwords the segmenter's lexicon carries: its words, every single character, and every headword
    // of the joinable kinds, so that a text cut by the segmenter needs no walk of the headword map to join.
    let mut lexicon_heads: BTreeMap<String, Postings> = BTreeMap::new();
    for (key, mut ids) in heads {
        ids.sort_by_key(|&id| order.rank(&key, &entries[id as usize]));
        let mut kinds = ids
            .iter()
            .filter(|id| !order.context_only.contains(id))
            .fold(Kinds::empty(), |k, &id| k | entries[id as usize].kinds);
        // A unit is slang where the entry its card shows first is (a rule may still pick a slang sense):
        // 坑 is "a rip-off" first, not marked for the slang sense of another of its entries.
        if !entries[ids[0] as usize].kinds.contains(Kinds::SLANG) || order.context_only.contains(&ids[0]) {
            kinds = Kinds(kinds.0 & !Kinds::SLANG.0);
        }
        let name_not_first = kinds.contains(Kinds::NAME) && !entries[ids[0] as usize].kinds.contains(Kinds::NAME);
        if rules.words.contains(&key) || (rules.names && name_not_first) {
            kinds |= crate::context::CONTEXTUAL;
        }
        if rules.in_words.contains(&key) {
            kinds |= crate::context::IN_WORD_RULES;
        }
        if let Some(v) = push_list(&ids, kinds) {
            head_map.insert(&key, v).expect("keys come sorted from a BTreeMap");
            if kinds.intersects(Kinds::JOINABLE) {
                joinable_keys.push(key.clone());
            }
            if words.contains_key(&key) || key.chars().nth(1).is_none() || kinds.intersects(Kinds::JOINABLE) {
                lexicon_heads.insert(key, Postings::unpack(v));
            }
        }
    }
    let mut pinyin_map = MapBuilder::memory();
    for (key, mut ids) in pinyin_keys {
        ids.sort_by_key(|&id| (std::cmp::Reverse(entries[id as usize].frequency), id));
        ids.truncate(usize::from(u16::MAX));
        if let Some(v) = push_list(&ids, Kinds::empty()) {
            pinyin_map.insert(&key, v).expect("sorted keys");
        }
    }
    let mut english_map = MapBuilder::memory();
    for (key, ids) in english {
        let ids: Vec<u32> = ids.into_iter().collect();
        // A word in more than 65,535 senses narrows nothing; it is left out of the index.
        if let Some(v) = push_list(&ids, Kinds::empty()) {
            english_map.insert(&key, v).expect("sorted keys");
        }
    }
    let lexicon = lexicon_list(words, lexical, &lexicon_heads);

    let shared = SharedWriter::new(
        entries.iter().map(|e| e.pinyin.as_str()),
        entries.iter().flat_map(|e| e.senses.iter().map(String::as_str)),
    );
    let (index, [heads, senses, extras], kinds) = crate::dict::entry_table(entries, &shared);

    let mut meta = String::new();
    let mut line = |k: &str, v: String| meta.push_str(&format!("{k}={v}\n"));
    line("format", crate::format::VERSION.to_string());
    line("redlens.version", env!("CARGO_PKG_VERSION").to_string());
    line("cedict.date", cedict.date.clone().unwrap_or_default());
    line("cedict.entries", cedict.entries.len().to_string());
    line("cedict.skipped_lines", cedict.skipped.len().to_string());
    line("cedict.license", "CC BY-SA 4.0 (MDBG and the CC-CEDICT community)".into());
    line("hsk.source", "HSK 3.0 word list (hsk30 0.2.1, MIT)".into());
    line("words.source", "jieba dict.txt (jieba-rs 0.11, MIT) with the RedLens layer added".into());
    line("words.count", words.len().to_string());
    line("redlens.entries", layer.len().to_string());
    let modern = entries[..keyed].iter().filter(|e| e.source == Source::RedLens && e.slang.is_none()).count();
    line("redlens.modern.entries", modern.to_string());
    let mut categories: BTreeMap<&str, usize> = BTreeMap::new();
    for s in layer {
        *categories.entry(s.slang.category.as_str()).or_default() += 1;
    }
    for (c, n) in categories {
        line(&format!("redlens.category.{c}"), n.to_string());
    }

    let mut w = FileWriter::new();
    w.section(section::META, meta.into_bytes());
    w.section(section::HEADWORDS, head_map.into_inner().expect("in-memory FST"));
    w.section(section::JOINABLE_STARTS, crate::dict::pair_filter::build(joinable_keys.iter().map(String::as_str)));
    w.section(section::PINYIN, pinyin_map.into_inner().expect("in-memory FST"));
    w.section(section::ENGLISH, english_map.into_inner().expect("in-memory FST"));
    w.section(section::POSTINGS, postings);
    w.section(section::ENTRY_INDEX, index);
    w.section(section::ENTRIES, heads);
    w.section(section::ENTRY_SENSES, senses);
    w.section(section::ENTRY_EXTRAS, extras);
    w.section(section::ENTRY_KINDS, kinds);
    w.section(section::SYLLABLES, shared.syllables_section());
    w.section(section::SYLLABLE_KEYS, shared.syllable_keys_section());
    w.section(section::SENSES, shared.senses_section());
    w.section(section::LEXICON, lexicon);
    w.section(section::CONTEXT, rules.rules.to_section());
    if !recuts.is_empty() {
        w.section(section::CUTS, recuts);
    }
    w.finish()
}
