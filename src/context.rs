//! Choosing the entry for a unit in context. Common words change sense with their neighbours: 好 before
//! an adjective is "very", 花 before an amount is "to spend", 家 between 这 and a shop is a measure word,
//! and a place name after 去 is the place. The rules are data (`data/context.toml`, compiled into the
//! dictionary's `CTXR` section); this module reads them and, for each unit whose headword has rules,
//! picks the entry the card shows first.
//!
//! Cost: nothing for a unit whose headword has no rule (its postings say so), and for one that has, a
//! look at its neighbours: the adjacent units and a few characters of text on each side.

use std::borrow::Cow;
use std::cell::{Cell, OnceCell};
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize, Serializer};

use crate::bytes::u32_at;
use crate::entry::Kinds;
use crate::hashed::{self, Table};
use crate::script::is_boundary;

/// What one side of a unit must look like for a rule to apply. Written in the `CTXR` section as a
/// string, as in `data/context.toml`: the word itself, `@` and a class's index, or `#number`,
/// `#hashtag`, `#start`, `#end`, `#exclaim` (a quarter smaller than an object per matcher).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matcher {
    /// The adjacent unit is this word.
    Word(String),
    /// The adjacent unit is a word of this class (an index into [`RuleSet::classes`]).
    Class(u16),
    /// After the unit: a number (digits or Chinese numerals), perhaps after 了 or 过 (花了200, 才两天).
    /// Before it: digits right before it (8点, where the digits are no unit of their own).
    Number,
    /// Before the unit: `#` (a hashtag).
    Hashtag,
    /// Before the unit: the start of the text, or punctuation, a space or an emoji.
    Start,
    /// After the unit: the end of the text, or punctuation, a space or an emoji.
    End,
    /// After the unit: an exclamation mark (沙发！ claiming the first comment, where a bare `End` would
    /// also take a list: 客厅，沙发，茶几).
    Exclaim,
}

impl Serialize for Matcher {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Matcher::Word(w) => s.serialize_str(w),
            Matcher::Class(c) => s.serialize_str(&format!("@{c}")),
            Matcher::Number => s.serialize_str("#number"),
            Matcher::Hashtag => s.serialize_str("#hashtag"),
            Matcher::Start => s.serialize_str("#start"),
            Matcher::End => s.serialize_str("#end"),
            Matcher::Exclaim => s.serialize_str("#exclaim"),
        }
    }
}

impl<'de> Deserialize<'de> for Matcher {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Matcher, D::Error> {
        let s = std::borrow::Cow::<str>::deserialize(d)?;
        Ok(match s.as_ref() {
            "#number" => Matcher::Number,
            "#hashtag" => Matcher::Hashtag,
            "#start" => Matcher::Start,
            "#end" => Matcher::End,
            "#exclaim" => Matcher::Exclaim,
            _ => match s.strip_prefix('@') {
                Some(index) => Matcher::Class(index.parse().map_err(serde::de::Error::custom)?),
                None => Matcher::Word(s.into_owned()),
            },
        })
    }
}

/// Which entry a rule shows first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Pick {
    /// This entry (one of the headword's own, or one made for the rule); where it stands for another
    /// entry of the headword (the same reading with the rule's sense first), that one is dropped.
    Entry {
        /// The entry to show first.
        id: u32,
        /// The headword's entry it stands for, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        replaces: Option<u32>,
        /// Kinds it adds to the unit (slang, where the rule picks a slang sense).
        #[serde(default, skip_serializing_if = "is_zero")]
        kinds: u16,
    },
    /// The headword's first name entry (a place, where the text speaks of a place).
    Name,
}

fn is_zero(n: &u16) -> bool {
    *n == 0
}

/// One rule: where it applies, and what it picks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    /// The unit before must match one of these (none: no condition).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prev: Vec<Matcher>,
    /// The unit after must match one of these (none: no condition).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub next: Vec<Matcher>,
    /// Light words the rule looks past: where the units before or after are these (了, 一, 部), the
    /// one beyond them may match instead, up to [`REACH`] units away (追了一部剧: 追 … 剧).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skip: Vec<String>,
    /// Words that must stand later in the same phrase, any of them, looked for in the text up to the
    /// next punctuation, space or emoji, at most [`LATER_REACH`] characters on (还是 … 吧: "had better").
    /// None: no condition.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub later: Vec<String>,
    /// Words none of which may stand later in the same phrase, looked for as `later` is (还是 … 吧 is
    /// not "had better" with 了 between: 你最后还是买了吧). None: no condition.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_later: Vec<String>,
    /// Units one of which must stand earlier in the same phrase, at most [`EARLIER_REACH`] units back
    /// (是 … 还是: "or", in 你是坐地铁还是打车). Matched as whole units, so 但是 is not 是. None: no
    /// condition.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier: Vec<String>,
    /// Units none of which may stand earlier in the same phrase, looked for as `earlier` is (糊 is not
    /// "burnt" in 拍的照片糊了). None: no condition.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_earlier: Vec<String>,
    /// Whether `earlier` and `not_earlier` look back over the whole sentence, past commas (not past
    /// 。！？ or a line break), at most [`SENTENCE_REACH`] units: the clue of 养 "to recuperate" often
    /// stands in the phrase before (骨折了，在家养了三周). False: the phrase only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub earlier_in_sentence: bool,
    /// Whether the rule is for a character inside a word only, on the card's parts line (道 in 知道),
    /// never for a unit of running text (三个人 is not 个人's 个). A headword's rules of this kind come
    /// first in its list.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub in_word: bool,
    /// What the card shows first where it applies.
    pub pick: Pick,
}

impl Rule {
    /// A rule with these conditions and pick.
    pub fn new(prev: Vec<Matcher>, next: Vec<Matcher>, skip: Vec<String>, pick: Pick) -> Rule {
        Rule {
            prev,
            next,
            skip,
            later: Vec::new(),
            not_later: Vec::new(),
            earlier: Vec::new(),
            not_earlier: Vec::new(),
            earlier_in_sentence: false,
            in_word: false,
            pick,
        }
    }

    /// The rule, applying only where one of `later` stands later in the phrase and none of `not_later`
    /// does (see [`Rule::later`]).
    pub fn with_later(self, later: Vec<String>, not_later: Vec<String>) -> Rule {
        Rule { later, not_later, ..self }
    }

    /// The rule, applying only where one of `earlier` is a unit earlier in the phrase and none of
    /// `not_earlier` is (see [`Rule::earlier`]).
    pub fn with_earlier(self, earlier: Vec<String>, not_earlier: Vec<String>) -> Rule {
        Rule { earlier, not_earlier, ..self }
    }

    /// The rule, looking for its `earlier` and `not_earlier` units over the whole sentence (see
    /// [`Rule::earlier_in_sentence`]).
    pub fn earlier_in_sentence(self) -> Rule {
        Rule { earlier_in_sentence: true, ..self }
    }

    /// The rule, for a character inside a word only (see [`Rule::in_word`]).
    pub fn in_word(self) -> Rule {
        Rule { in_word: true, ..self }
    }

    /// Whether the units earlier in the phrase hold one of the `earlier` units (always, with none) and
    /// none of the `not_earlier` ones.
    fn earlier_matches<'t>(&self, earlier: impl Iterator<Item = &'t str> + Clone) -> bool {
        let has = |words: &[String]| earlier.clone().any(|u| words.iter().any(|w| w == u));
        (self.earlier.is_empty() || has(&self.earlier)) && (self.not_earlier.is_empty() || !has(&self.not_earlier))
    }

    /// Whether `phrase` (the rest of the phrase after the word, see [`later_phrase`]) holds one of the
    /// `later` words (always, with none) and none of the `not_later` ones.
    fn later_matches(&self, phrase: &str) -> bool {
        (self.later.is_empty() || self.later.iter().any(|w| phrase.contains(w.as_str())))
            && !self.not_later.iter().any(|w| phrase.contains(w.as_str()))
    }
}

/// A list of rules (a headword's, or the name rules) made fast to test, at its first use: each word that
/// a side or a light word of the list names has a number, so that the units around a word are looked up
/// once for the whole list (eight hash probes), and each rule then compares numbers, where it hashed
/// and compared strings once per rule and side.
#[derive(Debug, Default)]
struct Prepared {
    numbers: WordMap,
    /// By rule: its `prev` and `next` sides, and the numbers of its light words.
    rules: Vec<([Side; 2], Vec<u32>)>,
    /// How many rules at the list's start are for characters inside words only: running text starts
    /// after them.
    in_word: usize,
    /// Whether every rule for running text (`[1]`: every rule) has a side of words only, so that none
    /// applies unless a unit beside the word is named by the list.
    gated: [bool; 2],
    /// By side (before the word, after it): which rules the unit beside the word leaves possible, so
    /// that a unit tests only those rather than every rule of its list. `None` for a list of more than
    /// 64 rules, whose rules are all tested.
    masks: Option<[SideMasks; 2]>,
}

/// The rules of a list (bit `i` for rule `i`) that one side of a unit may let apply, found from the
/// unit beside the word alone: a rule whose side asks about units can apply only where that unit is
/// one of its words or classes, or a light word it looks past.
#[derive(Debug, Default)]
struct SideMasks {
    /// Rules whose side holds whatever the unit beside is: no condition, or one on the text.
    open: u64,
    /// By word number: the rules whose side names the word or looks past it.
    by_word: Vec<u64>,
    /// The rules whose side names a class.
    class_rules: u64,
    /// By class: the rules whose side names it.
    by_class: Vec<(u16, u64)>,
}

impl SideMasks {
    /// The masks of side `k` (0: before, 1: after) of `rules`, whose words are numbered below `words`.
    fn new(rules: &[([Side; 2], Vec<u32>)], k: usize, words: usize) -> SideMasks {
        let mut masks = SideMasks { by_word: vec![0; words], ..SideMasks::default() };
        for (i, (sides, skip)) in rules.iter().enumerate() {
            let (side, bit) = (&sides[k], 1u64 << i);
            if !side.asks_units_only() {
                masks.open |= bit;
            }
            for &n in side.words.iter().chain(skip) {
                masks.by_word[n as usize] |= bit;
            }
            for &c in &side.classes {
                masks.class_rules |= bit;
                match masks.by_class.iter_mut().find(|(d, _)| *d == c) {
                    Some((_, m)) => *m |= bit,
                    None => masks.by_class.push((c, bit)),
                }
            }
        }
        masks
    }

    /// The rules the unit numbered `number` (`None`: one the list does not name, or no unit) leaves
    /// possible, not counting its classes.
    fn of_word(&self, number: Option<u32>) -> u64 {
        self.open | number.and_then(|n| self.by_word.get(n as usize)).copied().unwrap_or(0)
    }

    /// The rules a unit of these classes (little-endian `u16`s, as [`Rules::classes_of`] gives them)
    /// leaves possible through them.
    fn of_classes(&self, classes: &[u8]) -> u64 {
        let mut mask = 0;
        for c in classes.chunks_exact(2).map(|b| u16::from_le_bytes([b[0], b[1]])) {
            mask |= self.by_class.iter().find(|(d, _)| *d == c).map_or(0, |(_, m)| *m);
        }
        mask
    }
}

impl Prepared {
    fn new(rules: &[Rule]) -> Prepared {
        let in_word = rules.iter().take_while(|r| r.in_word).count();
        let mut numbers = WordMap::default();
        let mut number = |w: &str| numbers.number(w);
        let rules = rules
            .iter()
            .map(|r| {
                let sides = [Side::new(&r.prev, &mut number), Side::new(&r.next, &mut number)];
                (sides, r.skip.iter().map(|w| number(w)).collect())
            })
            .collect::<Vec<([Side; 2], Vec<u32>)>>();
        let gated_from = |from: usize| rules[from..].iter().all(|([prev, next], _)| prev.words_only || next.words_only);
        let gated = [gated_from(in_word), gated_from(0)];
        let words = numbers.short.len() + numbers.long.len();
        let masks = (rules.len() <= 64).then(|| [0, 1].map(|k| SideMasks::new(&rules, k, words)));
        Prepared { numbers, rules, in_word, gated, masks }
    }

    /// The number of a unit, if the list names it.
    fn number(&self, unit: &str) -> Option<u32> {
        self.numbers.get(unit)
    }
}

/// A headword's rules, made fast to test ([`Rules::list`]).
#[derive(Debug, Clone, Copy)]
pub struct RuleList<'r> {
    rules: &'r [Rule],
    prepared: &'r Prepared,
}

impl RuleList<'_> {
    /// Whether a rule of the list may apply, given the units right before and after its word (`None`
    /// where none touches it): false where it has none for this use (`in_word`: a part of a word), or
    /// where every rule needs one of those units to be a word the list names and neither is. Two
    /// lookups, where testing the rules costs several hundred instructions a unit; name rules are not
    /// its concern.
    pub fn may_apply(self, in_word: bool, before: Option<&str>, after: Option<&str>) -> bool {
        let named = |u: Option<&str>| u.is_some_and(|u| self.prepared.number(u).is_some());
        self.has_rules_for(in_word) && (!self.prepared.gated[usize::from(in_word)] || named(before) || named(after))
    }

    /// Whether it has rules for this use: a word whose rules are all for characters inside words has
    /// none for running text.
    fn has_rules_for(self, in_word: bool) -> bool {
        in_word || self.prepared.in_word < self.rules.len()
    }
}

/// Words to numbers, for the lookups made at every unit that has rules: a word of up to seven bytes
/// (one or two Chinese characters, most words) is packed with its length into one integer, which hashes
/// and compares in a step, where a string costs a hash over its bytes and a comparison call.
#[derive(Debug, Default)]
struct WordMap {
    short: FxHashMap<u64, u32>,
    long: FxHashMap<Box<str>, u32>,
}

impl WordMap {
    /// The number of `word`, given the next free one (the count so far) where it has none yet.
    fn number(&mut self, word: &str) -> u32 {
        let next = (self.short.len() + self.long.len()) as u32;
        match packed(word) {
            Some(key) => *self.short.entry(key).or_insert(next),
            None => *self.long.entry(word.into()).or_insert(next),
        }
    }

    /// Maps `word` to `value`.
    fn insert(&mut self, word: &str, value: u32) {
        match packed(word) {
            Some(key) => self.short.insert(key, value),
            None => self.long.insert(word.into(), value),
        };
    }

    /// The number of `word`, if it has one.
    fn get(&self, word: &str) -> Option<u32> {
        match packed(word) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(word).copied(),
        }
    }
}

/// A word of up to seven bytes as one integer: its bytes, and its length in the top byte (so that no
/// two words share one).
fn packed(word: &str) -> Option<u64> {
    let b = word.as_bytes();
    let n = b.len();
    // Two loads that overlap, or three bytes that may repeat, cover every byte with no copy call.
    let bytes = match n {
        0 => 0,
        1..=3 => u64::from(b[0]) | u64::from(b[n / 2]) << (8 * (n / 2)) | u64::from(b[n - 1]) << (8 * (n - 1)),
        4..=7 => {
            let word = |at: usize| u64::from(u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]));
            word(0) | word(n - 4) << (8 * (n - 4))
        }
        _ => return None,
    };
    Some(bytes | (n as u64) << 56)
}

/// One side of a rule, made fast to test: the numbers of its words (sorted; a rule may list eighty),
/// its classes, and the conditions on the text rather than on a unit.
#[derive(Debug, Default)]
struct Side {
    /// No condition: the side always matches.
    any: bool,
    /// Only words: the side can match only where the unit beside the word is named by the list (one of
    /// the side's words, or a light word to look past), which rules most rules out at one test.
    words_only: bool,
    words: Vec<u32>,
    classes: Vec<u16>,
    number: bool,
    hashtag: bool,
    start: bool,
    end: bool,
    exclaim: bool,
}

impl Side {
    fn new(matchers: &[Matcher], mut number: impl FnMut(&str) -> u32) -> Side {
        let mut side = Side { any: matchers.is_empty(), ..Side::default() };
        for m in matchers {
            match m {
                Matcher::Word(w) => side.words.push(number(w)),
                Matcher::Class(c) => side.classes.push(*c),
                Matcher::Number => side.number = true,
                Matcher::Hashtag => side.hashtag = true,
                Matcher::Start => side.start = true,
                Matcher::End => side.end = true,
                Matcher::Exclaim => side.exclaim = true,
            }
        }
        side.words.sort_unstable();
        side.words.dedup();
        side.words_only = side.asks_units_only() && side.classes.is_empty();
        side
    }

    /// Whether the side has conditions and all of them are on units (words or classes), none on the text.
    fn asks_units_only(&self) -> bool {
        !(self.any || self.number || self.hashtag || self.start || self.end || self.exclaim)
    }

    /// Whether the text around the unit at `range` meets a condition of this side (`forward`: the side
    /// after the unit).
    fn text_matches(&self, text: &str, range: &Range<usize>, forward: bool) -> bool {
        if forward {
            (self.number && number_follows(&text[range.end..]))
                || (self.end && text[range.end..].chars().next().is_none_or(is_boundary))
                || (self.exclaim && text[range.end..].starts_with(['！', '!']))
        } else {
            (self.hashtag && text[..range.start].ends_with(['#', '＃']))
                || (self.number
                    && text[..range.start].ends_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c)))
                || (self.start && text[..range.start].chars().next_back().is_none_or(is_boundary))
        }
    }
}

/// The rules as the compiler makes them, to be written into the `CTXR` section
/// ([`RuleSet::to_section`]) and read from it as [`Rules`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleSet {
    /// Rules by headword (simplified form), tried in order; the first that applies wins.
    pub words: BTreeMap<String, Vec<Rule>>,
    /// Rules for any unit that has a name entry, tried after the word's own.
    pub names: Vec<Rule>,
    /// Word classes, for [`Matcher::Class`]: words, and endings written `~剧` (any unit of two
    /// characters or more that ends so: Chinese compounds name their kind last, 古装剧 and 韩剧 are both
    /// 剧).
    pub classes: Vec<Vec<String>>,
}

/// The parts of the `CTXR` section, in order. The section starts with a header of [`HEADER_WORDS`]
/// little-endian `u32`s: the longest class ending in characters, then the byte length of each part.
mod part {
    /// A table ([`crate::hashed`]) of the headwords that have rules, each to its number.
    pub const HEADWORDS: usize = 0;
    /// `u32` offsets into `RULES`, one per headword and one past the last.
    pub const OFFSETS: usize = 1;
    /// Each headword's rules, a JSON array, in headword order.
    pub const RULES: usize = 2;
    /// The name rules, a JSON array.
    pub const NAMES: usize = 3;
    /// A table of the words that belong to classes, each to where its list starts in `CLASSES`.
    pub const MEMBERS: usize = 4;
    /// The same for class endings (without their `~`).
    pub const ENDINGS: usize = 5;
    /// Lists of class numbers: a count, then the numbers (`u16`s).
    pub const CLASSES: usize = 6;
    pub const COUNT: usize = 7;
}
const HEADER_WORDS: usize = 1 + part::COUNT;

impl RuleSet {
    /// Adds a rule for `word`, after its others.
    pub fn push(&mut self, word: String, rule: Rule) {
        self.words.entry(word).or_default().push(rule);
    }

    /// The `CTXR` section: indexed so that opening it reads no rule (see [`Rules::from_section`]).
    pub fn to_section(&self) -> Vec<u8> {
        let mut offsets = vec![0u32];
        let mut rules = Vec::new();
        for list in self.words.values() {
            serde_json::to_writer(&mut rules, list).expect("rules serialise");
            offsets.push(rules.len() as u32);
        }
        let headwords = hashed::write(self.words.keys().enumerate().map(|(n, w)| (w.as_str(), n as u32)));
        let mut members: BTreeMap<&str, Vec<u16>> = BTreeMap::new();
        let mut endings: BTreeMap<&str, Vec<u16>> = BTreeMap::new();
        let mut longest = 0;
        for (c, list) in self.classes.iter().enumerate() {
            for word in list {
                match word.strip_prefix('~') {
                    Some(ending) if !ending.is_empty() => {
                        longest = longest.max(ending.chars().count());
                        endings.entry(ending).or_default().push(c as u16);
                    }
                    _ => members.entry(word).or_default().push(c as u16),
                }
            }
        }
        let mut classes: Vec<u16> = Vec::new();
        let mut table = |map: BTreeMap<&str, Vec<u16>>| {
            let lists: Vec<(&str, u32)> = map
                .into_iter()
                .map(|(word, list)| {
                    let at = classes.len() as u32;
                    classes.push(list.len() as u16);
                    classes.extend(list);
                    (word, at)
                })
                .collect();
            hashed::write(lists)
        };
        let (members, endings) = (table(members), table(endings));
        let parts: [Vec<u8>; part::COUNT] = [
            headwords,
            offsets.iter().flat_map(|o| o.to_le_bytes()).collect(),
            rules,
            serde_json::to_vec(&self.names).expect("rules serialise"),
            members,
            endings,
            classes.iter().flat_map(|c| c.to_le_bytes()).collect(),
        ];
        let mut out = Vec::new();
        out.extend((longest as u32).to_le_bytes());
        for p in &parts {
            out.extend((p.len() as u32).to_le_bytes());
        }
        for p in parts {
            out.extend(p);
        }
        out
    }
}

/// A headword's rules, and what makes them fast to test.
type Read = (Vec<Rule>, Prepared);

/// The rules, read from the `CTXR` section where the dictionary holds it. Opening reads the section's
/// header and the name rules, nothing more; each headword's rules are read from their JSON when a text
/// first has that headword, and made fast to test then. The headwords that have rules are read into a
/// map at the first look (about 1,400 words); classes are looked up in place.
#[derive(Default)]
pub struct Rules {
    /// The dictionary's bytes, shared; `parts` are ranges of them.
    bytes: Arc<Vec<u8>>,
    parts: [Range<usize>; part::COUNT],
    /// The headwords that have rules, each to its number: read from `HEADWORDS` at the first look.
    headwords: OnceLock<WordMap>,
    /// By headword number: its rules and what makes them fast to test, read at the first look.
    read: Box<[OnceLock<Read>]>,
    names: Vec<Rule>,
    /// The name rules, made fast to test at their first use.
    names_prepared: OnceLock<Prepared>,
    /// The longest class ending, in characters (0: none).
    longest_ending: usize,
}

impl std::fmt::Debug for Rules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rules").field("headwords", &self.read.len()).field("names", &self.names.len()).finish()
    }
}

impl Rules {
    /// Opens the `CTXR` section, `section` of `bytes`, sharing the bytes; an empty or damaged section
    /// gives no rules, and a headword whose rules are damaged has none.
    pub fn from_section(bytes: Arc<Vec<u8>>, section: Range<usize>) -> Rules {
        Rules::open(bytes, section).unwrap_or_default()
    }

    fn open(bytes: Arc<Vec<u8>>, section: Range<usize>) -> Option<Rules> {
        let ctxr = bytes.get(section.clone())?;
        let header: Vec<usize> =
            (0..HEADER_WORDS).map(|i| u32_at(ctxr, i).map(|v| v as usize)).collect::<Option<_>>()?;
        let mut parts: [Range<usize>; part::COUNT] = Default::default();
        let mut at = section.start + HEADER_WORDS * 4;
        for (part, &len) in parts.iter_mut().zip(&header[1..]) {
            let end = at.checked_add(len).filter(|&end| end <= section.end)?;
            *part = at..end;
            at = end;
        }
        let headwords = parts[part::OFFSETS].len().checked_sub(4)? / 4;
        Some(Rules {
            headwords: OnceLock::new(),
            read: (0..headwords).map(|_| OnceLock::new()).collect(),
            names: serde_json::from_slice(&bytes[parts[part::NAMES].clone()]).ok()?,
            names_prepared: OnceLock::new(),
            longest_ending: header[0],
            bytes,
            parts,
        })
    }

    fn part(&self, which: usize) -> &[u8] {
        &self.bytes[self.parts[which].clone()]
    }

    /// The value of `key` in the table that is part `which`.
    fn look_up(&self, which: usize, key: &str) -> Option<u32> {
        Table::new(self.part(which))?.get(key)
    }

    /// The rules of `word`, in order (empty where it has none).
    pub fn of(&self, word: &str) -> &[Rule] {
        self.prepared(word).map_or(&[], |(rules, _)| rules)
    }

    /// The rules of `word`, made fast to test, if it has any: looked up once for a unit, then asked
    /// whether they may apply ([`RuleList::may_apply`]) and given to [`Rules::choose`].
    pub fn list(&self, word: &str) -> Option<RuleList<'_>> {
        self.prepared(word).map(|(rules, prepared)| RuleList { rules, prepared })
    }

    /// The name rules (for any unit that has a name entry), made fast to test, if there are any.
    pub fn names(&self) -> Option<RuleList<'_>> {
        let prepared = (!self.names.is_empty()).then(|| self.names_prepared.get_or_init(|| Prepared::new(&self.names)));
        prepared.map(|prepared| RuleList { rules: &self.names, prepared })
    }

    /// The rules of `word` with what makes them fast to test, if it has any.
    fn prepared(&self, word: &str) -> Option<(&[Rule], &Prepared)> {
        let headwords = self.headwords.get_or_init(|| {
            let mut map = WordMap::default();
            for (word, n) in Table::new(self.part(part::HEADWORDS)).iter().flat_map(Table::entries) {
                map.insert(word, n);
            }
            map
        });
        let n = headwords.get(word)? as usize;
        let (rules, prepared) = self.read.get(n)?.get_or_init(|| {
            let offsets = self.part(part::OFFSETS);
            let range = u32_at(offsets, n).zip(u32_at(offsets, n + 1));
            let json = range.and_then(|(a, b)| self.part(part::RULES).get(a as usize..b as usize));
            let rules: Vec<Rule> = json.and_then(|j| serde_json::from_slice(j).ok()).unwrap_or_default();
            let prepared = Prepared::new(&rules);
            (rules, prepared)
        });
        Some((rules, prepared))
    }

    /// How many headwords have rules.
    pub fn headword_count(&self) -> usize {
        self.read.len()
    }

    /// The class list that starts at `at` (a count, then the classes' numbers): the numbers' bytes,
    /// read in place (empty where the list is damaged).
    fn class_list(&self, at: u32) -> &[u8] {
        let lists = self.part(part::CLASSES);
        let at = at as usize * 2;
        let count = lists.get(at..at + 2).map_or(0, |b| usize::from(u16::from_le_bytes([b[0], b[1]])));
        lists.get(at + 2..at + 2 + count * 2).unwrap_or_default()
    }
}

/// The hidden kind bit that marks, in a headword's postings, that rules may apply to it.
pub const CONTEXTUAL: Kinds = Kinds(1 << 15);

/// The hidden kind bit that marks, in a headword's postings, that it has rules for a character inside a
/// word ([`Rule::in_word`]): the parts line looks for rules only where this bit or [`CONTEXTUAL`] is set.
pub const IN_WORD_RULES: Kinds = Kinds(1 << 14);

/// The kinds a reader is shown of a headword's postings: all but the hidden bits the compiler sets
/// for the rules ([`CONTEXTUAL`], [`IN_WORD_RULES`]).
pub fn shown_kinds(kinds: Kinds) -> Kinds {
    Kinds(kinds.0 & !(CONTEXTUAL.0 | IN_WORD_RULES.0))
}

/// How many units on each side a rule can see: the one beside the word and up to three light words
/// (its `skip`) beyond, enough for 追了一部剧 and 开了个会.
pub const REACH: usize = 4;

/// How far on a rule's `later` words are looked for: a phrase's worth of characters (还是早点回家休息吧).
pub const LATER_REACH: usize = 24;

/// How many units back a rule's `earlier` units are looked for: a phrase's worth (你是坐地铁还是打车).
pub const EARLIER_REACH: usize = 12;

/// How many units back a rule looks for `earlier` units over the sentence: two phrases' worth.
pub const SENTENCE_REACH: usize = 24;

/// What a rule decided for a unit: the entry to show first, the entry it replaces, kinds to add.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    /// The entry shown first.
    pub first: u32,
    /// The headword's entry it stands for, dropped from the list.
    pub replaces: Option<u32>,
    /// Kinds the unit gains.
    pub kinds: Kinds,
}

impl Choice {
    /// Puts the choice first in a unit's entry ids, dropping the entry it stands for.
    pub fn order(self, ids: &mut Vec<u32>) {
        ids.retain(|&id| id != self.first && Some(id) != self.replaces);
        ids.insert(0, self.first);
    }
}

impl Rules {
    /// The choice for the unit at `range` of `text`, if a rule applies: `own` is its headword's rules
    /// ([`Rules::list`]); `before` and `after` are the units next to it, nearest first (the one right
    /// beside it, then the one beyond that; none where a number, punctuation or a space stands between);
    /// `earlier`, the units of its phrase before it (at
    /// most [`EARLIER_REACH`]); `sentence`, those of its sentence before it (at most [`SENTENCE_REACH`]);
    /// `name` finds its headword's first name entry, and is called only when a name rule may apply.
    /// `in_word`: the unit is a part of a word on the card's parts line, where the rules for characters
    /// inside words apply too.
    #[allow(clippy::too_many_arguments)]
    pub fn choose<'r>(
        &'r self,
        in_word: bool,
        text: &str,
        range: Range<usize>,
        own: Option<RuleList<'r>>,
        before: [Option<Range<usize>>; REACH],
        after: [Option<Range<usize>>; REACH],
        earlier: impl Iterator<Item = Range<usize>> + Clone,
        sentence: impl Iterator<Item = Range<usize>> + Clone,
        name: impl Fn() -> Option<u32>,
    ) -> Option<Choice> {
        // The units around the word, sliced only where a rule asks about them.
        let unit = |r: &Range<usize>| &text[r.clone()];
        // What every rule of the word may ask, found once for the unit rather than once per rule: the
        // classes of each unit around it, and the rest of its phrase.
        let classes_before: [OnceCell<Cow<[u8]>>; REACH] = Default::default();
        let classes_after: [OnceCell<Cow<[u8]>>; REACH] = Default::default();
        let phrase_after = OnceCell::new();
        // The first rule of a list that applies. A side matches where the text meets one of its
        // conditions, or where the unit beside the word, or the first one beyond the light words the rule
        // looks past, is one of its words or classes.
        let first = |rules: &'r [Rule], prepared: &Prepared| -> Option<&'r Rule> {
            // Each unit's number, looked up at the first rule that asks (NOT_YET until then; NONE for
            // a unit the list does not name).
            const NOT_YET: u32 = u32::MAX;
            const NONE: u32 = u32::MAX - 1;
            let numbers = [[const { Cell::new(NOT_YET) }; REACH], [const { Cell::new(NOT_YET) }; REACH]];
            let number = |k_side: usize, k: usize| {
                let cell = &numbers[k_side][k];
                if cell.get() == NOT_YET {
                    cell.set(
                        [&before, &after][k_side][k].as_ref().and_then(|u| prepared.number(unit(u))).unwrap_or(NONE),
                    );
                }
                Some(cell.get()).filter(|&n| n != NONE)
            };
            let side = |side: &Side, skip: &[u32], forward: bool| {
                let k_side = usize::from(forward);
                let units = [&before, &after][k_side];
                side.any
                    || side.text_matches(text, &range, forward)
                    || (0..REACH)
                        .take_while(|&k| k == 0 || number(k_side, k - 1).is_some_and(|n| skip.contains(&n)))
                        .filter_map(|k| Some((k, units[k].as_ref()?)))
                        .any(|(k, u)| {
                            (!side.words.is_empty()
                                && number(k_side, k).is_some_and(|n| side.words.binary_search(&n).is_ok()))
                                || (!side.classes.is_empty() && {
                                    let classes = [&classes_before, &classes_after][k_side];
                                    let of = classes[k].get_or_init(|| self.classes_of(unit(u)));
                                    side.classes
                                        .iter()
                                        .any(|&c| of.chunks_exact(2).any(|b| u16::from_le_bytes([b[0], b[1]]) == c))
                                })
                        })
            };
            let applies = |rule: &Rule, ([prev, next], skip): &([Side; 2], Vec<u32>)| {
                (!prev.words_only || number(0, 0).is_some())
                    && (!next.words_only || number(1, 0).is_some())
                    && side(prev, skip, false)
                    && side(next, skip, true)
                    && ((rule.later.is_empty() && rule.not_later.is_empty())
                        || rule.later_matches(phrase_after.get_or_init(|| later_phrase(text, range.end))))
                    && if rule.earlier_in_sentence {
                        rule.earlier_matches(sentence.clone().map(|r| &text[r]))
                    } else {
                        rule.earlier_matches(earlier.clone().map(|r| &text[r]))
                    }
            };
            // Running text starts after the rules for characters inside words (the compiler writes them
            // first in a headword's list).
            let from = if in_word { 0 } else { prepared.in_word };
            let Some(masks) = &prepared.masks else {
                let (rules, sides) =
                    (rules.get(from..).unwrap_or_default(), prepared.rules.get(from..).unwrap_or_default());
                return rules.iter().zip(sides).find(|(rule, p)| applies(rule, p)).map(|(rule, _)| rule);
            };
            // The rules both units beside the word leave possible, in order; a unit's classes are looked
            // up only where a rule that names a class could still apply.
            let all = u64::MAX.checked_shl(from as u32).unwrap_or(0) & (u64::MAX >> (64 - rules.len().max(1)));
            let words = [masks[0].of_word(number(0, 0)), masks[1].of_word(number(1, 0))];
            let mut possible = [0; 2];
            for k_side in 0..2 {
                let other = if k_side == 0 { words[1] | masks[1].class_rules } else { possible[0] };
                possible[k_side] = words[k_side];
                let beside = [&before, &after][k_side][0].as_ref();
                if let Some(u) = beside.filter(|_| masks[k_side].class_rules & other & all != 0) {
                    let classes = [&classes_before, &classes_after][k_side];
                    possible[k_side] |= masks[k_side].of_classes(classes[0].get_or_init(|| self.classes_of(unit(u))));
                }
            }
            let mut candidates = all & possible[0] & possible[1];
            while candidates != 0 {
                let i = candidates.trailing_zeros() as usize;
                let (rule, p) = (rules.get(i)?, prepared.rules.get(i)?);
                if applies(rule, p) {
                    return Some(rule);
                }
                candidates &= candidates - 1;
            }
            None
        };
        let pick = |rule: &Rule, name: Option<u32>| match rule.pick {
            Pick::Entry { id, replaces, kinds } => Some(Choice { first: id, replaces, kinds: Kinds(kinds) }),
            Pick::Name => name.map(|id| Choice { first: id, replaces: None, kinds: Kinds::NAME }),
        };
        if let Some(rule) = own.filter(|l| l.has_rules_for(in_word)).and_then(|l| first(l.rules, l.prepared)) {
            return pick(rule, None);
        }
        // The name entry costs a walk of the headword's entries: looked for only when a name rule may apply.
        let names = self.names()?;
        let name = name()?;
        first(names.rules, names.prepared).and_then(|rule| pick(rule, Some(name)))
    }

    /// The classes `unit` belongs to, as little-endian `u16`s: as a word, and by its ending (a probe
    /// of each table, one per ending length). Borrowed unless an ending adds classes.
    fn classes_of(&self, unit: &str) -> Cow<'_, [u8]> {
        let mut of = Cow::Borrowed(self.look_up(part::MEMBERS, unit).map_or(&[][..], |at| self.class_list(at)));
        // Endings shorter than the unit: the ending alone is a word, matched (or not) as such above.
        for (i, _) in unit.char_indices().rev().take(self.longest_ending).filter(|&(i, _)| i > 0) {
            if let Some(at) = self.look_up(part::ENDINGS, &unit[i..]) {
                of.to_mut().extend_from_slice(self.class_list(at));
            }
        }
        of
    }
}

/// The text a rule's `later` words are looked for in: from `end` to the phrase's end, at a boundary or
/// after [`LATER_REACH`] characters, whichever comes first.
fn later_phrase(text: &str, end: usize) -> &str {
    let rest = &text[end..];
    let phrase_end = rest
        .char_indices()
        .enumerate()
        .find(|&(n, (_, c))| n == LATER_REACH || is_boundary(c))
        .map_or(rest.len(), |(_, (i, _))| i);
    &rest[..phrase_end]
}

/// Whether `rest` starts with a number, perhaps after 了 or 过: digits, or Chinese numerals (一 to 十,
/// 百, 千, 万, 两, 几, 半).
fn number_follows(rest: &str) -> bool {
    let rest = rest.strip_prefix('了').or_else(|| rest.strip_prefix('过')).unwrap_or(rest);
    rest.chars().next().is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十百千万两几半零".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::script::ends_sentence;

    /// Packed words are their bytes and length: equal only for equal words, up to seven bytes.
    #[test]
    fn short_words_pack_into_one_integer_each() {
        let words = ["", "a", "ab", "abc", "abcd", "好", "好a", "a好", "好吃", "好吃a", "a\0", "a\0\0", "abcdefg"];
        for (i, a) in words.iter().enumerate() {
            let key = packed(a).expect("seven bytes or fewer");
            assert_eq!(key.to_le_bytes()[..a.len()], *a.as_bytes(), "{a:?}");
            assert_eq!(key >> 56, a.len() as u64);
            for b in &words[i + 1..] {
                assert_ne!(Some(key), packed(b), "{a:?} and {b:?}");
            }
        }
        assert_eq!(packed("好吃吗"), None);
        let mut map = WordMap::default();
        assert_eq!((map.number("好"), map.number("好吃吗"), map.number("好")), (0, 1, 0));
        assert_eq!((map.get("好吃吗"), map.get("好吃"), map.get("好")), (Some(1), None, Some(0)));
    }

    /// Byte ranges of `units` laid end to end, as the segmenter gives them.
    fn ranges(units: &[&str]) -> Vec<Range<usize>> {
        let mut at = 0;
        units
            .iter()
            .map(|u| {
                let r = at..at + u.len();
                at = r.end;
                r
            })
            .collect()
    }

    /// The choice for `units[i]`, with the units around it as the segmenter would pass them.
    fn choose(rules: &Rules, units: &[&str], i: usize) -> Option<Choice> {
        let text = units.concat();
        let r = ranges(units);
        let before = std::array::from_fn(|k| i.checked_sub(k + 1).map(|j| r[j].clone()));
        let after = std::array::from_fn(|k| r.get(i + k + 1).cloned());
        // The phrase starts after the last unit that is punctuation (which the segmenter never passes),
        // the sentence after the last that ends one.
        let first = units[..i].iter().rposition(|u| u.chars().all(is_boundary)).map_or(0, |b| b + 1);
        let sentence = units[..i].iter().rposition(|u| u.chars().any(ends_sentence)).map_or(0, |b| b + 1);
        let (phrase, sentence) = (r[first..i].iter().cloned(), r[sentence..i].iter().cloned());
        let own = rules.list(&text[r[i].clone()]);
        rules.choose(false, &text, r[i].clone(), own, before, after, phrase, sentence, || None)
    }

    /// [`choose`] for `units[i]` as a part of a word, on the parts line (`units` are the word's parts).
    fn choose_in_word(rules: &Rules, units: &[&str], i: usize) -> Option<Choice> {
        let text = units.concat();
        let r = ranges(units);
        let before = std::array::from_fn(|k| i.checked_sub(k + 1).map(|j| r[j].clone()));
        let after = std::array::from_fn(|k| r.get(i + k + 1).cloned());
        let own = rules.list(&text[r[i].clone()]);
        rules.choose(true, &text, r[i].clone(), own, before, after, std::iter::empty(), std::iter::empty(), || None)
    }

    #[test]
    fn a_rule_for_a_character_in_a_word_applies_on_the_parts_line_only() {
        let entry = |id| Pick::Entry { id, replaces: None, kinds: 0 };
        let in_word = Rule::new(vec![], vec![Matcher::Word("人".into())], vec![], entry(1)).in_word();
        let after_number = Rule::new(vec![Matcher::Word("三".into())], vec![], vec![], entry(2));
        let rules = opened(RuleSet {
            words: BTreeMap::from([("个".to_string(), vec![in_word.clone(), after_number])]),
            ..RuleSet::default()
        });
        // 个人's 个 is "individual"; in 三个人, 个 beside 人 is the measure word still.
        assert_eq!(choose_in_word(&rules, &["个", "人"], 0).map(|c| c.first), Some(1));
        assert_eq!(choose(&rules, &["个", "人"], 0), None);
        assert_eq!(choose(&rules, &["三", "个", "人"], 1).map(|c| c.first), Some(2));
        // A word with rules for words only has none for running text.
        let only =
            opened(RuleSet { words: BTreeMap::from([("个".to_string(), vec![in_word])]), ..RuleSet::default() });
        assert_eq!(choose(&only, &["个", "人"], 0), None);
        assert_eq!(choose_in_word(&only, &["个", "人"], 0).map(|c| c.first), Some(1));
    }

    /// The rules in `section`, the whole of the bytes.
    fn open(section: &[u8]) -> Rules {
        Rules::from_section(Arc::new(section.to_vec()), 0..section.len())
    }

    /// The rules as the engine reads them: written into a section and opened from it.
    fn opened(set: RuleSet) -> Rules {
        open(&set.to_section())
    }

    fn watch_rule() -> Rules {
        let rule = Rule::new(
            vec![],
            vec![Matcher::Word("剧".into())],
            vec!["了".into(), "一".into(), "部".into()],
            Pick::Entry { id: 7, replaces: None, kinds: 0 },
        );
        opened(RuleSet { words: BTreeMap::from([("追".to_string(), vec![rule])]), ..RuleSet::default() })
    }

    #[test]
    fn a_rule_looks_past_its_light_words() {
        let rules = watch_rule();
        assert_eq!(choose(&rules, &["追", "剧"], 0).map(|c| c.first), Some(7));
        assert_eq!(choose(&rules, &["追", "了", "一", "部", "剧"], 0).map(|c| c.first), Some(7));
    }

    #[test]
    fn a_rule_does_not_look_past_other_words_or_too_far() {
        let rules = watch_rule();
        // 上 is not light: 剧 beyond it does not count.
        assert_eq!(choose(&rules, &["追", "上", "剧"], 0), None);
        // Four light words put 剧 out of reach.
        assert_eq!(choose(&rules, &["追", "了", "一", "部", "部", "剧"], 0), None);
    }

    #[test]
    fn a_class_takes_words_by_their_ending() {
        let rule = Rule::new(
            vec![],
            vec![Matcher::Class(0)],
            vec!["一".into(), "部".into()],
            Pick::Entry { id: 9, replaces: None, kinds: 0 },
        );
        let rules = opened(RuleSet {
            words: BTreeMap::from([("追".to_string(), vec![rule])]),
            classes: vec![vec!["~剧".into(), "番".into()]],
            ..RuleSet::default()
        });
        for show in ["古装剧", "韩剧", "番"] {
            assert_eq!(choose(&rules, &["追", "一", "部", show], 0).map(|c| c.first), Some(9), "{show}");
        }
        // The ending alone is no member (it would be listed as a word), nor is a unit that only contains it.
        for other in ["剧", "剧本", "车"] {
            assert_eq!(choose(&rules, &["追", other], 0), None, "{other}");
        }
    }

    #[test]
    fn the_section_gives_back_every_rule_and_class() {
        let rule =
            |id| Rule::new(vec![Matcher::Class(1)], vec![], vec![], Pick::Entry { id, replaces: None, kinds: 0 });
        let set = RuleSet {
            words: BTreeMap::from([("追".to_string(), vec![rule(1), rule(2)]), ("点".to_string(), vec![rule(3)])]),
            names: vec![Rule::new(vec![Matcher::Word("去".into())], vec![], vec![], Pick::Name)],
            classes: vec![vec!["番".into()], vec!["~剧".into(), "番".into()]],
        };
        let rules = opened(set.clone());
        assert_eq!(rules.headword_count(), 2);
        for (word, list) in &set.words {
            assert_eq!(rules.of(word), &list[..], "{word}");
        }
        assert_eq!(rules.of("剧"), &[][..]);
        assert_eq!(rules.names, set.names);
        assert_eq!(&*rules.classes_of("番"), &[0, 0, 1, 0]);
        assert_eq!(&*rules.classes_of("韩剧"), &[1, 0]);
        assert_eq!(&*rules.classes_of("剧"), &[] as &[u8], "an ending alone is no member");
    }

    #[test]
    fn a_damaged_section_opens_to_no_rules_or_to_what_is_intact() {
        let mut set = RuleSet { classes: vec![vec!["~剧".into()]], ..RuleSet::default() };
        set.push(
            "追".into(),
            Rule::new(vec![], vec![Matcher::Class(0)], vec![], Pick::Entry { id: 9, replaces: None, kinds: 0 }),
        );
        let bytes = set.to_section();
        assert_eq!(choose(&open(&bytes), &["追", "韩剧"], 0).map(|c| c.first), Some(9));
        for at in 0..bytes.len() {
            for damage in [0x01, 0x80, 0xFF] {
                let mut damaged = bytes.clone();
                damaged[at] ^= damage;
                // Whatever opens is read; nothing panics.
                let rules = open(&damaged);
                let _ = choose(&rules, &["追", "韩剧"], 0);
                let _ = choose(&rules, &["追", "剧"], 0);
            }
            let _ = choose(&open(&bytes[..at]), &["追", "韩剧"], 0);
        }
        assert_eq!(open(&[]).headword_count(), 0);
    }

    #[test]
    fn a_number_before_is_digits_right_before_the_unit() {
        let rule = Rule::new(
            vec![Matcher::Number],
            vec![Matcher::Word("的".into())],
            vec![],
            Pick::Entry { id: 3, replaces: None, kinds: 0 },
        );
        let rules = opened(RuleSet { words: BTreeMap::from([("点".to_string(), vec![rule])]), ..RuleSet::default() });
        assert_eq!(choose(&rules, &["早上", "8", "点", "的", "课"], 2).map(|c| c.first), Some(3));
        assert_eq!(choose(&rules, &["明早", "１０", "点", "的"], 2).map(|c| c.first), Some(3), "full-width digits");
        assert_eq!(choose(&rules, &["网上", "点", "的", "外卖"], 1), None);
        assert_eq!(choose(&rules, &["8", "个", "人", "点", "的"], 3), None, "digits further back are not before it");
    }

    #[test]
    fn a_later_word_counts_only_in_the_same_phrase() {
        // 还是 … 吧 is "had better"; 还是 alone, or a 吧 in the next phrase, is not.
        let rule = Rule::new(vec![], vec![], vec![], Pick::Entry { id: 5, replaces: None, kinds: 0 })
            .with_later(vec!["吧".into(), "算了".into()], vec![]);
        let rules =
            opened(RuleSet { words: BTreeMap::from([("还是".to_string(), vec![rule])]), ..RuleSet::default() });
        assert_eq!(choose(&rules, &["你", "还是", "早点", "睡", "吧"], 1).map(|c| c.first), Some(5));
        assert_eq!(choose(&rules, &["还是", "算了"], 0).map(|c| c.first), Some(5));
        assert_eq!(choose(&rules, &["他", "还是", "没", "来"], 1), None);
        assert_eq!(choose(&rules, &["他", "还是", "没", "来", "，", "走", "吧"], 1), None, "吧 in the next phrase");
        let far = ["还是", "一二三四五六七八九十一二三四五六七八九十一二三四五", "吧"];
        assert_eq!(choose(&rules, &far, 0), None, "past the reach of a phrase");
    }

    #[test]
    fn a_word_not_to_stand_later_stops_the_rule_in_its_phrase_only() {
        // 还是 … 吧 with 了 between asks "after all, right?" (你最后还是买了吧), not "had better".
        let rule = Rule::new(vec![], vec![], vec![], Pick::Entry { id: 5, replaces: None, kinds: 0 })
            .with_later(vec!["吧".into()], vec!["了".into()]);
        let rules =
            opened(RuleSet { words: BTreeMap::from([("还是".to_string(), vec![rule])]), ..RuleSet::default() });
        assert_eq!(choose(&rules, &["你", "还是", "早点", "睡", "吧"], 1).map(|c| c.first), Some(5));
        assert_eq!(choose(&rules, &["你", "最后", "还是", "买", "了", "吧"], 2), None);
        assert_eq!(
            choose(&rules, &["还是", "睡", "吧", "，", "晚", "了"], 0).map(|c| c.first),
            Some(5),
            "了 in the next phrase"
        );
        let alone = Rule::new(vec![], vec![], vec![], Pick::Entry { id: 6, replaces: None, kinds: 0 })
            .with_later(vec![], vec!["了".into()]);
        let rules =
            opened(RuleSet { words: BTreeMap::from([("还是".to_string(), vec![alone])]), ..RuleSet::default() });
        assert_eq!(choose(&rules, &["还是", "睡"], 0).map(|c| c.first), Some(6), "no `later`: only the ban applies");
        assert_eq!(choose(&rules, &["还是", "睡", "了"], 0), None);
    }

    #[test]
    fn an_earlier_unit_counts_only_whole_and_in_the_same_phrase() {
        // 是 … 还是 asks "or"; 但是 is not 是, and a 是 before the comma is another phrase.
        let rule = Rule::new(vec![], vec![], vec![], Pick::Entry { id: 8, replaces: None, kinds: 0 })
            .with_earlier(vec!["是".into(), "到底".into()], vec![]);
        let rules =
            opened(RuleSet { words: BTreeMap::from([("还是".to_string(), vec![rule])]), ..RuleSet::default() });
        assert_eq!(choose(&rules, &["你", "是", "坐", "地铁", "还是", "打车"], 4).map(|c| c.first), Some(8));
        assert_eq!(choose(&rules, &["但是", "你", "还是", "早点", "睡", "吧"], 2), None);
        assert_eq!(choose(&rules, &["是", "我", "，", "你", "还是", "睡", "吧"], 4), None);
    }

    #[test]
    fn a_unit_not_to_stand_earlier_stops_the_rule_in_its_phrase_only() {
        // 糊了 is "burnt" of food, not where a photo was taken earlier in the phrase.
        let rule = Rule::new(
            vec![],
            vec![Matcher::Word("了".into())],
            vec![],
            Pick::Entry { id: 9, replaces: None, kinds: 0 },
        )
        .with_earlier(vec![], vec!["拍".into()]);
        let rules = opened(RuleSet { words: BTreeMap::from([("糊".to_string(), vec![rule])]), ..RuleSet::default() });
        assert_eq!(choose(&rules, &["饼", "糊", "了"], 1).map(|c| c.first), Some(9));
        assert_eq!(choose(&rules, &["拍", "的", "照片", "糊", "了"], 3), None);
        assert_eq!(choose(&rules, &["拍", "完", "，", "饼", "糊", "了"], 4).map(|c| c.first), Some(9));
    }

    #[test]
    fn an_earlier_unit_over_the_sentence_counts_past_commas_not_past_its_end() {
        // 养 is "to recuperate" where an injury stands earlier in the sentence, even before a comma.
        let rule = Rule::new(vec![], vec![], vec![], Pick::Entry { id: 4, replaces: None, kinds: 0 })
            .with_earlier(vec!["骨折".into()], vec![])
            .earlier_in_sentence();
        let rules = opened(RuleSet { words: BTreeMap::from([("养".to_string(), vec![rule])]), ..RuleSet::default() });
        assert_eq!(choose(&rules, &["骨折", "了", "，", "在家", "养", "了"], 4).map(|c| c.first), Some(4));
        assert_eq!(choose(&rules, &["他", "骨折", "养", "了"], 2).map(|c| c.first), Some(4), "in the phrase too");
        assert_eq!(choose(&rules, &["骨折", "了", "。", "在家", "养", "猫"], 4), None, "another sentence");
        assert_eq!(choose(&rules, &["骨折", "了", "\n", "养", "猫"], 3), None, "another line");
        assert_eq!(choose(&rules, &["在家", "养", "了"], 1), None);
    }
}
