//! Cutting text into the units a reader points at: jieba's words once the segmenter is built, longest
//! dictionary matches before that, with emoji codes, Latin abbreviations, number slang and split memes
//! or idioms handled the same way in both cases. Everything here works in UTF-8 byte offsets.

use std::borrow::Cow;
use std::ops::Range;

use jieba_rs::Jieba;

use crate::dict::{Dictionary, Postings};
use crate::entry::Kinds;
use crate::script::{has_content, is_han, is_latin};

/// The longest emoji code looked for, in bytes (`[萌萌哒R]` is 12).
const MAX_EMOJI_CODE: usize = 32;

/// A unit of text: where it is, what kinds it has, and its headword's postings if the dictionary has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// Its kinds; `UNKNOWN` for Chinese text the dictionary lacks.
    pub kinds: Kinds,
    /// The headword's entries, if any.
    pub postings: Option<Postings>,
}

/// The segmenter's state: built step by step from the dictionary's word list, so that building it never
/// holds up a lookup for long.
pub struct Segmenter {
    jieba: Jieba,
    resume_after: Option<Vec<u8>>,
    ready: bool,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter").field("ready", &self.ready).finish()
    }
}

impl Segmenter {
    /// An empty segmenter, not ready.
    pub fn new() -> Self {
        Segmenter { jieba: Jieba::empty(), resume_after: None, ready: false }
    }

    /// Whether every word has been loaded.
    pub fn is_ready(&self) -> bool {
        self.ready
    }

    /// Loads up to `max_words` more words from the dictionary's word list; returns whether the segmenter
    /// is now ready. Cost: about a microsecond per word.
    pub fn load_step(&mut self, dict: &Dictionary, max_words: usize) -> bool {
        if self.ready {
            return true;
        }
        dict.build_joinable_filter();
        let jieba = &mut self.jieba;
        let last = dict.words_after(self.resume_after.as_deref(), max_words.max(1), |word, freq| {
            jieba.add_word(word, Some(freq as usize), None);
        });
        match last {
            Some(key) => self.resume_after = Some(key),
            None => self.ready = true,
        }
        self.ready
    }

    /// The jieba instance, once ready.
    pub fn jieba(&self) -> Option<&Jieba> {
        self.ready.then_some(&self.jieba)
    }
}

impl Default for Segmenter {
    fn default() -> Self {
        Segmenter::new()
    }
}

/// Cuts `text` into units, in order, without overlaps. Punctuation, spaces, pictographic emoji, plain
/// English words and plain numbers (prices, dates, counts) produce no unit.
pub fn units(dict: &Dictionary, jieba: Option<&Jieba>, text: &str) -> Vec<Unit> {
    // Latin letters are matched in any case: the word list and the headwords are stored lower-cased, and
    // lower-casing ASCII keeps every byte offset.
    let lowered: Cow<str> = if text.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(text.to_ascii_lowercase())
    } else {
        Cow::Borrowed(text)
    };
    let lowered = lowered.as_ref();
    let mut out = Vec::new();
    let mut gap_start = 0;
    let mut i = 0;
    while let Some(open) = lowered[i..].find('[').map(|o| o + i) {
        i = open + 1;
        let Some(close) =
            lowered[open..].char_indices().take_while(|&(o, _)| o < MAX_EMOJI_CODE).find(|&(_, c)| c == ']')
        else {
            continue;
        };
        let end = open + close.0 + 1;
        if let Some(p) = dict.headword(&lowered[open..end]).filter(|p| p.kinds.contains(Kinds::EMOJI)) {
            cut_gap(dict, jieba, lowered, gap_start..open, &mut out);
            out.push(Unit { range: open..end, kinds: p.kinds, postings: Some(p) });
            gap_start = end;
            i = end;
        }
    }
    cut_gap(dict, jieba, lowered, gap_start..lowered.len(), &mut out);
    out
}

/// Cuts the text between emoji codes: tokens from jieba (or longest match), then joins tokens that
/// together make a meme, idiom or abbreviation, then keeps the tokens worth explaining.
fn cut_gap(dict: &Dictionary, jieba: Option<&Jieba>, text: &str, gap: Range<usize>, out: &mut Vec<Unit>) {
    if gap.is_empty() {
        return;
    }
    let piece = &text[gap.clone()];
    let tokens: Vec<Range<usize>> = match jieba {
        Some(j) => j.cut(piece, true).iter().map(|t| gap.start + t.byte_start..gap.start + t.byte_end).collect(),
        None => longest_match_tokens(dict, piece).into_iter().map(|r| gap.start + r.start..gap.start + r.end).collect(),
    };
    let mut t = 0;
    while t < tokens.len() {
        let token = tokens[t].clone();
        t += 1;
        if !has_content(&text[token.clone()]) {
            continue;
        }
        // The token itself, and the longest meme, idiom or abbreviation from its start that ends on a
        // later token boundary (tokens are sorted, so a binary search tells a boundary).
        let own = dict.headword(&text[token.clone()]);
        let mut joined: Option<(usize, Postings)> = None;
        dict.joinable_prefixes(&text[token.start..], |len, p| {
            let end = token.start + len;
            if end > token.end && tokens[t..].binary_search_by_key(&end, |r| r.end).is_ok() {
                joined = Some((end, p));
            }
        });
        let (range, postings) = match joined {
            Some((end, p)) if latin_bounded(text, token.start..end) => {
                while t < tokens.len() && tokens[t].end <= end {
                    t += 1;
                }
                (token.start..end, Some(p))
            }
            _ => {
                let p = own.filter(|_| latin_bounded(text, token.clone()));
                if p.is_none()
                    && text[token.clone()].chars().nth(1).is_some()
                    && text[token.clone()].chars().any(is_han)
                {
                    // A word jieba knows but the dictionary lacks (这家): explain its dictionary parts.
                    for r in longest_match_tokens(dict, &text[token.clone()]) {
                        let r = token.start + r.start..token.start + r.end;
                        let p = dict.headword(&text[r.clone()]);
                        out.extend(keep(text, r, p));
                    }
                    continue;
                }
                (token, p)
            }
        };
        if let Some(unit) = keep(text, range, postings) {
            out.push(unit);
        }
    }
}

/// Decides whether a unit is worth reporting, and with which kinds.
fn keep(text: &str, range: Range<usize>, postings: Option<Postings>) -> Option<Unit> {
    let s = &text[range.clone()];
    if s.bytes().all(|b| b.is_ascii_digit()) {
        // A number is explained only as number slang standing alone, never as a price, date or count.
        let p = postings.filter(|p| p.kinds.contains(Kinds::NUMBER) && number_stands_alone(text, range.clone()))?;
        return Some(Unit { range, kinds: p.kinds, postings: Some(p) });
    }
    match postings {
        Some(p) => Some(Unit { range, kinds: p.kinds, postings: Some(p) }),
        None if s.chars().any(is_han) => Some(Unit { range, kinds: Kinds::UNKNOWN, postings: None }),
        None => None,
    }
}

/// Whether a Latin match is a whole Latin word: `yyds` in `今天yyds了`, not the `emo` in `memory`.
fn latin_bounded(text: &str, range: Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    let first = text[range.clone()].chars().next();
    let last = text[range].chars().next_back();
    let joins = |inner: Option<char>, outer: Option<char>| inner.is_some_and(is_latin) && outer.is_some_and(is_latin);
    !joins(first, before) && !joins(last, after)
}

/// Characters that make a number a quantity when they follow it: units, measure words, time.
const QUANTITY_AFTER: &str =
    "元块毛角分万千百亿岁年月日号天周个次秒米斤克只件位人条张楼层路名份套页集期度℃%％.:：/-~～";
/// Characters that make a number a quantity or an ordinal when they come before it.
const QUANTITY_BEFORE: &str = "¥￥$€£第约近共.:：/-~～#";

fn number_stands_alone(text: &str, range: Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    !before.is_some_and(|c| c.is_ascii_digit() || QUANTITY_BEFORE.contains(c))
        && !after.is_some_and(|c| c.is_ascii_digit() || QUANTITY_AFTER.contains(c))
}

/// Tokens by longest dictionary match (what a hover uses until jieba is ready): at each position the
/// longest headword, else a run of Latin letters and digits, else one character.
pub fn longest_match_tokens(dict: &Dictionary, text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let rest = &text[pos..];
        let mut longest = 0;
        dict.prefixes(rest, |len, _| longest = len);
        let first = rest.chars().next().map_or(1, char::len_utf8);
        let latin_run = rest.find(|c: char| !is_latin(c)).unwrap_or(rest.len());
        let len = if latin_run > 0 {
            // Inside a Latin run only the whole run is a candidate.
            latin_run
        } else {
            longest.max(first)
        };
        out.push(pos..pos + len);
        pos += len;
    }
    out
}
