//! Typed search: one box that takes Chinese, pinyin (with tone marks, tone numbers or none), Latin
//! abbreviations and English, and ranks exact matches before partial ones and common words before rare.

use std::cmp::Reverse;
use std::collections::HashMap;

use serde::Serialize;

use crate::dict::Dictionary;
use crate::english;
use crate::entry::{Entry, Source};
use crate::pinyin::PinyinQuery;
use crate::script::is_han;

/// How many prefix keys (and candidate entries) a search looks at before ranking: enough for any
/// sensible result list, bounded so that a one-letter query stays fast.
const MAX_CANDIDATES: usize = 2000;

/// How an entry matched the query, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Match {
    /// The query is the headword (or a variant, or the abbreviation).
    Headword,
    /// The query is the whole pinyin, with matching tones if it gave any.
    Pinyin,
    /// A sense is the query, word for word (`lie flat`).
    EnglishSense,
    /// A sense contains the query as a phrase.
    EnglishPhrase,
    /// The pinyin starts with the query.
    PinyinPrefix,
    /// The headword starts with the query.
    HeadwordPrefix,
    /// Every word of the query is in the entry's senses.
    EnglishWords,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    /// How it matched.
    #[serde(rename = "match")]
    pub matched: Match,
    /// The entry.
    pub entry: Entry,
}

/// Runs a search; see [`crate::Engine::search`].
pub fn search(dict: &Dictionary, query: &str, limit: usize) -> Vec<Hit> {
    let query = query.trim();
    if query.is_empty() || limit == 0 {
        return Vec::new();
    }
    let mut best: HashMap<u32, Match> = HashMap::new();
    let mut add = |id: u32, m: Match| {
        best.entry(id).and_modify(|old| *old = (*old).min(m)).or_insert(m);
    };

    if let Some(p) = dict.headword(query) {
        dict.ids(p).for_each(|id| add(id, Match::Headword));
    }
    if query.chars().any(is_han) {
        let lowered = query.to_ascii_lowercase();
        for (_, p) in dict.headwords_with_prefix(&lowered, MAX_CANDIDATES) {
            dict.ids(p).for_each(|id| add(id, Match::HeadwordPrefix));
        }
    } else {
        if let Some(q) = PinyinQuery::parse(query) {
            if let Some(p) = dict.pinyin(&q.key) {
                for id in dict.ids(p) {
                    if dict.pinyin_of(id).is_some_and(|p| q.tones_match(&p)) {
                        add(id, Match::Pinyin);
                    }
                }
            }
            if q.tones.is_empty() {
                let mut n = 0;
                for (_, p) in dict.pinyin_with_prefix(&q.key, MAX_CANDIDATES) {
                    for id in dict.ids(p).take(MAX_CANDIDATES.saturating_sub(n)) {
                        add(id, Match::PinyinPrefix);
                        n += 1;
                    }
                }
            }
        }
        for (id, m) in english_matches(dict, query) {
            add(id, m);
        }
    }

    // Ordered by what the entries' heads say, so that only the hits shown are decoded whole.
    let mut ranked: Vec<(Match, Reverse<u32>, bool, usize, u32)> = best
        .into_iter()
        .filter_map(|(id, m)| {
            let (source, frequency, simplified) = dict.standing_of(id)?;
            Some((m, Reverse(frequency), source != Source::RedLens, simplified.chars().count(), id))
        })
        .collect();
    ranked.sort_unstable();
    ranked.truncate(limit);
    ranked.into_iter().filter_map(|(matched, .., id)| Some(Hit { matched, entry: dict.entry(id)? })).collect()
}

/// Entries whose senses hold every keyword of the query, graded by how closely a sense matches it.
fn english_matches(dict: &Dictionary, query: &str) -> Vec<(u32, Match)> {
    let words: Vec<String> = english::keywords(query).collect();
    if words.is_empty() {
        return Vec::new();
    }
    // Intersect the posting lists (sorted by id), shortest first.
    let mut lists: Vec<Vec<u32>> = Vec::with_capacity(words.len());
    for w in &words {
        match dict.english(w) {
            Some(p) => lists.push(dict.ids(p).collect()),
            None => return Vec::new(),
        }
    }
    lists.sort_by_key(Vec::len);
    let mut ids = lists[0].clone();
    for other in &lists[1..] {
        ids.retain(|id| other.binary_search(id).is_ok());
    }
    let phrase = english::normalize(query);
    ids.truncate(MAX_CANDIDATES);
    ids.into_iter()
        .filter_map(|id| {
            let e = dict.entry(id)?;
            let texts = e.senses.iter().map(String::as_str).chain(e.explanation().and_then(|x| x.literal.as_deref()));
            let mut grade = Match::EnglishWords;
            for t in texts {
                for part in t.split([';', ',', ':', '.']) {
                    let n = english::normalize(part);
                    if n == phrase {
                        grade = Match::EnglishSense;
                    } else if grade == Match::EnglishWords && contains_phrase(&n, &phrase) {
                        grade = Match::EnglishPhrase;
                    }
                }
            }
            Some((id, grade))
        })
        .collect()
}

/// Whether `phrase` occurs in `text` on word boundaries.
fn contains_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + phrase.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}
