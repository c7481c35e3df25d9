//! Choosing the entry for a unit in context. Common words change sense with their neighbours: 好 before
//! an adjective is "very", 花 before an amount is "to spend", 家 between 这 and a shop is a measure word,
//! and a place name after 去 is the place. The rules are data (`data/context.toml`, compiled into the
//! dictionary's `CTXR` section); this module reads them and, for each unit whose headword has rules,
//! picks the entry the card shows first.
//!
//! Cost: nothing for a unit whose headword has no rule (its postings say so), and for one that has, a
//! look at its neighbours: the adjacent units and a few characters of text on each side.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::entry::Kinds;
use crate::script::{is_han, is_latin};

/// What one side of a unit must look like for a rule to apply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Matcher {
    /// The adjacent unit is this word.
    Word(String),
    /// The adjacent unit is a word of this class (an index into [`Rules::classes`]).
    Class(u16),
    /// After the unit: a number (digits or Chinese numerals), perhaps after 了 or 过 (花了200, 才两天).
    Number,
    /// Before the unit: `#` (a hashtag).
    Hashtag,
    /// Before the unit: the start of the text, or punctuation, a space or an emoji.
    Start,
    /// After the unit: the end of the text, or punctuation, a space or an emoji.
    End,
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
        replaces: Option<u32>,
        /// Kinds it adds to the unit (slang, where the rule picks a slang sense).
        kinds: u16,
    },
    /// The headword's first name entry (a place, where the text speaks of a place).
    Name,
}

/// One rule: where it applies, and what it picks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rule {
    /// The unit before must match one of these (none: no condition).
    pub prev: Vec<Matcher>,
    /// The unit after must match one of these (none: no condition).
    pub next: Vec<Matcher>,
    /// What the card shows first where it applies.
    pub pick: Pick,
}

/// Every rule, as the `CTXR` section holds them (JSON).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    /// Rules by headword (simplified form), tried in order; the first that applies wins.
    pub words: BTreeMap<String, Vec<Rule>>,
    /// Rules for any unit that has a name entry, tried after the word's own.
    pub names: Vec<Rule>,
    /// Word classes, each sorted, for [`Matcher::Class`].
    pub classes: Vec<Vec<String>>,
}

/// The hidden kind bit that marks, in a headword's postings, that rules may apply to it.
pub const CONTEXTUAL: Kinds = Kinds(1 << 15);

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
    /// Parses the `CTXR` section; an empty or damaged section gives no rules.
    pub fn from_json(bytes: &[u8]) -> Rules {
        serde_json::from_slice(bytes).unwrap_or_default()
    }

    /// The choice for the unit at `range` of `text`, if a rule applies: `before` and `after` are the
    /// units right next to it (none where a number, punctuation or a space stands between), `name` its
    /// headword's first name entry, if it has one.
    pub fn choose(
        &self,
        text: &str,
        range: Range<usize>,
        before: Option<Range<usize>>,
        after: Option<Range<usize>>,
        name: Option<u32>,
    ) -> Option<Choice> {
        let word = &text[range.clone()];
        let before = before.map(|r| &text[r]);
        let after = after.map(|r| &text[r]);
        let side_matches = |m: &Matcher, unit: Option<&str>, forward: bool| -> bool {
            match m {
                Matcher::Word(w) => unit == Some(w.as_str()),
                Matcher::Class(c) => unit.is_some_and(|u| {
                    self.classes
                        .get(usize::from(*c))
                        .is_some_and(|list| list.binary_search_by(|x| x.as_str().cmp(u)).is_ok())
                }),
                Matcher::Number => forward && number_follows(&text[range.end..]),
                Matcher::Hashtag => !forward && text[..range.start].ends_with(['#', '＃']),
                Matcher::Start => !forward && text[..range.start].chars().next_back().is_none_or(is_boundary),
                Matcher::End => forward && text[range.end..].chars().next().is_none_or(is_boundary),
            }
        };
        let applies = |rule: &Rule| {
            (rule.prev.is_empty() || rule.prev.iter().any(|m| side_matches(m, before, false)))
                && (rule.next.is_empty() || rule.next.iter().any(|m| side_matches(m, after, true)))
        };
        let own = self.words.get(word).into_iter().flatten();
        let by_name = self.names.iter().filter(|_| name.is_some());
        own.chain(by_name).find(|r| applies(r)).and_then(|rule| match rule.pick {
            Pick::Entry { id, replaces, kinds } => Some(Choice { first: id, replaces, kinds: Kinds(kinds) }),
            Pick::Name => name.map(|id| Choice { first: id, replaces: None, kinds: Kinds::NAME }),
        })
    }
}

/// Whether `c` ends a phrase: punctuation, a space, a symbol or an emoji; not a letter, digit or Han.
fn is_boundary(c: char) -> bool {
    !(is_han(c) || is_latin(c))
}

/// Whether `rest` starts with a number, perhaps after 了 or 过: digits, or Chinese numerals (一 to 十,
/// 百, 千, 万, 两, 几, 半).
fn number_follows(rest: &str) -> bool {
    let rest = rest.strip_prefix('了').or_else(|| rest.strip_prefix('过')).unwrap_or(rest);
    rest.chars().next().is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十百千万两几半零".contains(c))
}
