//! Cutting text into the units a reader points at: jieba's model over our own lexicon once the segmenter
//! is built, longest dictionary matches before that, with emoji codes, Latin abbreviations, number slang and split memes
//! or idioms handled the same way in both cases. Everything here works in UTF-8 byte offsets.

use std::borrow::Cow;
use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::context::{CONTEXTUAL, Choice, EARLIER_REACH, IN_WORD_RULES, REACH, RuleList, SENTENCE_REACH, shown_kinds};
use crate::dict::{Dictionary, LexiconCursor, Postings};
use crate::entry::Kinds;
use crate::hmm::Hmm;
use crate::lexicon::{Lexicon, Step};
use crate::pieces;
use crate::recut::Recuts;
use crate::script::{ends_sentence, has_content, in_jieba_block, is_boundary, is_han, is_latin};

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
    /// The entry that its context puts first, where a context rule applies.
    pub choice: Option<Choice>,
}

impl Unit {
    /// A unit with its headword's postings (`None`: text the dictionary lacks).
    pub fn new(range: Range<usize>, postings: Option<Postings>) -> Unit {
        let kinds = postings.map_or(Kinds::UNKNOWN, |p| shown_kinds(p.kinds));
        Unit { range, kinds, postings, choice: None }
    }

    /// Its entry ids, best first in its context.
    pub fn ids(&self, dict: &Dictionary) -> Vec<u32> {
        let mut ids: Vec<u32> = self.postings.map(|p| dict.ids(p).collect()).unwrap_or_default();
        if let Some(c) = self.choice {
            c.order(&mut ids);
        }
        ids
    }

    /// Its best entry in its context, if any.
    pub fn first(&self, dict: &Dictionary) -> Option<u32> {
        self.choice.map(|c| c.first).or_else(|| self.postings.and_then(|p| dict.ids(p).next()))
    }
}

/// A token of the segmenter: its byte range; where the route took it from the lexicon, the step that
/// reached it (which tells whether it is a headword); and whether a meme, idiom or abbreviation may
/// start where it starts (false only where the route's walk from there ruled every one out).
#[derive(Debug, Clone)]
struct Token {
    range: Range<usize>,
    step: Option<Step>,
    may_join: bool,
}

/// The segmenter: jieba's model (maximum-probability route over a DAG of dictionary words, and jieba's
/// HMM for runs of characters the route leaves single, see [`crate::hmm`]), over a [`Lexicon`] built
/// step by step from the dictionary's word list, so that building it never holds up a lookup for long.
/// Nothing is allocated before the first step, so opening a dictionary costs none of it.
#[derive(Debug, Default)]
pub struct Segmenter {
    model: Option<Model>,
    cursor: LexiconCursor,
    ready: bool,
}

/// What the segmenter cuts with: the lexicon the route walks.
#[derive(Debug)]
struct Model {
    lexicon: Lexicon,
}

impl Segmenter {
    /// An empty segmenter, not ready.
    pub fn new() -> Self {
        Segmenter::default()
    }

    /// Whether every word has been loaded.
    pub fn is_ready(&self) -> bool {
        self.ready
    }

    /// Loads up to `max_keys` more keys of the dictionary's lexicon list; returns whether the segmenter
    /// is now ready. The first step sizes the lexicon for the whole list. Cost: well under a microsecond
    /// per key.
    pub fn load_step(&mut self, dict: &Dictionary, max_keys: usize) -> bool {
        if self.ready {
            return true;
        }
        let model = self.model.get_or_insert_with(|| Model { lexicon: Lexicon::with_capacity(dict.word_count()) });
        let lexicon = &mut model.lexicon;
        if !dict.lexicon_records(&mut self.cursor, max_keys.max(1), |key, f, p| lexicon.insert(key, f, p)) {
            model.lexicon.finish();
            self.ready = true;
        }
        self.ready
    }

    /// The lexicon, once ready.
    fn model(&self) -> Option<&Model> {
        self.model.as_ref().filter(|_| self.ready)
    }

    /// Every headword of the [`Kinds::JOINABLE`] kinds that is a prefix of `text` (Latin letters in any
    /// case) and at least two characters long, shortest first, as (byte length, postings): through the lexicon once
    /// the segmenter is ready (a probe a character), else through the headword map.
    pub fn joinable_prefixes(&self, dict: &Dictionary, text: &str, found: impl FnMut(usize, Postings)) {
        joinable_prefixes(dict, self.model().map(|m| &m.lexicon), text, found);
    }
}

/// [`Segmenter::joinable_prefixes`], given the lexicon if it is ready.
fn joinable_prefixes(dict: &Dictionary, lexicon: Option<&Lexicon>, text: &str, found: impl FnMut(usize, Postings)) {
    match lexicon {
        Some(lex) if dict.may_start_joinable(text) => lex.joinable_prefixes(text, found),
        Some(_) => {}
        None => dict.joinable_prefixes(text, found),
    }
}

impl Model {
    /// Cuts `text` into tokens (byte ranges, in order, covering it), as jieba's `cut` with HMM does.
    fn cut(&self, text: &str, out: &mut Vec<Token>) {
        let mut chars: Vec<(usize, char)> = Vec::new();
        let mut route: Vec<Route> = Vec::new();
        let mut hmm = Hmm::default();
        let mut iter = text.char_indices().peekable();
        while let Some(&(start, c)) = iter.peek() {
            if !in_jieba_block(c) {
                iter.next();
                // jieba keeps \r\n together; every other character outside a block is a token.
                let end = match iter.peek() {
                    Some(&(i, '\n')) if c == '\r' => {
                        iter.next();
                        i + 1
                    }
                    _ => start + c.len_utf8(),
                };
                out.push(Token { range: start..end, step: None, may_join: true });
                continue;
            }
            chars.clear();
            while let Some(&(i, c)) = iter.peek().filter(|&&(_, c)| in_jieba_block(c)) {
                chars.push((i, c));
                iter.next();
            }
            let end = iter.peek().map_or(text.len(), |&(i, _)| i);
            self.cut_block(text, &chars, end, &mut route, &mut hmm, out);
        }
    }

    /// Cuts one block (a run of Han characters, ASCII letters, digits and `+#&._%-`): the most probable
    /// route, then the runs of single characters it leaves through the HMM.
    fn cut_block(
        &self,
        text: &str,
        chars: &[(usize, char)],
        end: usize,
        route: &mut Vec<Route>,
        hmm: &mut Hmm,
        out: &mut Vec<Token>,
    ) {
        let lex = &self.lexicon;
        let log_total = lex.log_total();
        let n = chars.len();
        route.clear();
        route.resize(n + 1, Route { prob: 0.0, end: n, step: None, may_join: false });
        // From the end: the best route from each character is the best of the words starting there,
        // each with the best route after it; ties go to the longer word, as in jieba. The same walk
        // tells whether a joinable headword may start there: one it passed, or one past the block's end.
        for i in (0..n).rev() {
            let mut best: Option<Route> = None;
            let mut may_join = false;
            let first = lex.step(0, chars[i].1);
            let mut step = first;
            let mut j = i + 1;
            while step.exists() {
                may_join |= j - i > 1 && step.is_joinable();
                if let Some(lf) = step.log_freq() {
                    let prob = lf - log_total + route[j].prob;
                    if best.is_none_or(|b| prob >= b.prob) {
                        best = Some(Route { prob, end: j, step: Some(step), may_join: false });
                    }
                }
                if j == n || !step.has_children() {
                    may_join |= step.has_children();
                    break;
                }
                step = lex.step(step.node(), chars[j].1);
                j += 1;
            }
            let best = best.unwrap_or(Route {
                prob: -log_total + route[i + 1].prob,
                end: i + 1,
                step: first.exists().then_some(first),
                may_join: false,
            });
            route[i] = Route { may_join, ..best };
        }
        let byte = |k: usize| chars.get(k).map_or(end, |&(b, _)| b);
        let mut x = 0;
        let mut single_from: Option<usize> = None;
        while x < n {
            let Route { end: y, step, .. } = route[x];
            if y - x == 1 {
                single_from.get_or_insert(x);
            } else {
                if let Some(s) = single_from.take() {
                    self.cut_singles(text, s..x, route, &byte, hmm, out);
                }
                out.push(Token { range: byte(x)..byte(y), step, may_join: route[x].may_join });
            }
            x = y;
        }
        if let Some(s) = single_from {
            self.cut_singles(text, s..n, route, &byte, hmm, out);
        }
    }

    /// A run of characters the route left single (character indexes `run`): each its own token if the
    /// run is a word, else the HMM's tokens.
    fn cut_singles(
        &self,
        text: &str,
        run: Range<usize>,
        route: &[Route],
        byte: &impl Fn(usize) -> usize,
        hmm: &mut Hmm,
        out: &mut Vec<Token>,
    ) {
        let bytes = byte(run.start)..byte(run.end);
        if run.len() == 1 || self.lexicon.find(&text[bytes.clone()]).is_some_and(|s| s.log_freq().is_some()) {
            out.extend(run.map(|k| Token {
                range: byte(k)..byte(k + 1),
                step: route[k].step,
                may_join: route[k].may_join,
            }));
        } else {
            // The HMM's tokens start at some of the run's characters: they may start a joinable
            // headword if any character of the run may.
            let may_join = route[run].iter().any(|r| r.may_join);
            hmm.cut(&text[bytes.clone()], |t| {
                out.push(Token { range: bytes.start + t.start..bytes.start + t.end, step: None, may_join })
            });
        }
    }
}

/// A step of the best route: its log probability from here to the end, where the word taken here ends
/// (a character index), the lexicon step of that word, and whether a joinable headword may start here.
#[derive(Debug, Clone, Copy)]
struct Route {
    prob: f64,
    end: usize,
    step: Option<Step>,
    may_join: bool,
}

/// Cuts `text` into units, in order, without overlaps. Punctuation, spaces, pictographic emoji, plain
/// English words and plain numbers (prices, dates, counts) produce no unit.
pub fn units(dict: &Dictionary, segmenter: Option<&Segmenter>, text: &str) -> Vec<Unit> {
    let segmenter = segmenter.filter(|s| s.is_ready());
    // Latin letters are matched in any case: the word list and the headwords are stored lower-cased, and
    // lower-casing ASCII keeps every byte offset.
    let lowered: Cow<str> = if text.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(text.to_ascii_lowercase())
    } else {
        Cow::Borrowed(text)
    };
    let lowered = lowered.as_ref();
    // About one unit per two characters of Chinese: sized once for up to a piece (see `cut_gap`), where
    // doubling would copy a piece's units over and over; a longer text grows from there.
    let mut out = Vec::with_capacity(lowered.len().min(pieces::PIECE_BYTES) / 4);
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
            cut_gap(dict, segmenter, lowered, gap_start..open, &mut out);
            out.push(Unit::new(open..end, Some(p)));
            gap_start = end;
            i = end;
        }
    }
    cut_gap(dict, segmenter, lowered, gap_start..lowered.len(), &mut out);
    choose_in_context(dict, lowered, &mut out, false);
    out
}

/// Applies the context rules to the units whose headwords have any (`units` in order, byte ranges in
/// `text`); `in_word`: the units are the parts of a word, where the rules for characters inside words
/// apply too.
pub fn choose_in_context(dict: &Dictionary, text: &str, units: &mut [Unit], in_word: bool) {
    // The first unit of the current phrase, and of the current sentence. Units i - 1 and i stand in one
    // phrase where nothing between them is a boundary (an English word or a price with no unit of its
    // own may be), as a rule's `later` words read the text; a phrase's boundary may also end the sentence.
    let (mut phrase, mut sentence) = (0, 0);
    for i in 0..units.len() {
        if i > 0 && units[i - 1].range.end != units[i].range.start {
            let gap = &text[units[i - 1].range.end..units[i].range.start];
            if gap.chars().any(is_boundary) {
                phrase = i;
                if gap.chars().any(ends_sentence) {
                    sentence = i;
                }
            }
        }
        // A unit has rules only where its postings say so: rules of running text, or (for a part of a
        // word) rules for characters inside words.
        let Some(p) = units[i].postings else { continue };
        let contextual = p.kinds.contains(CONTEXTUAL);
        let in_word_rules = in_word && p.kinds.contains(IN_WORD_RULES);
        if !contextual && !in_word_rules {
            continue;
        }
        // Opened at the first unit that has rules, not before: a text with none never pays for them.
        let rules = dict.context_rules();
        let range = units[i].range.clone();
        // Most units that have rules meet none: ruled out by the units beside them, unless a name rule
        // may apply.
        let beside_before = i.checked_sub(1).map(|j| &units[j].range).filter(|r| r.end == range.start);
        let beside_before = beside_before.map(|r| &text[r.clone()]);
        let beside_after = units.get(i + 1).map(|u| &u.range).filter(|r| r.start == range.end);
        let beside_after = beside_after.map(|r| &text[r.clone()]);
        let may_apply = |list: RuleList| list.may_apply(in_word, beside_before, beside_after);
        let name_rules = contextual && p.kinds.contains(Kinds::NAME) && rules.names().is_some_and(may_apply);
        let own = rules.list(&text[range.clone()]);
        if !name_rules && !own.is_some_and(may_apply) {
            continue;
        }
        // The units beside this one and beyond them, as long as each touches the last.
        let mut before: [Option<Range<usize>>; REACH] = Default::default();
        let mut after: [Option<Range<usize>>; REACH] = Default::default();
        let (mut start, mut end) = (range.start, range.end);
        for k in 0..REACH {
            before[k] = i.checked_sub(k + 1).map(|j| units[j].range.clone()).filter(|r| r.end == start);
            after[k] = units.get(i + k + 1).map(|u| u.range.clone()).filter(|r| r.start == end);
            start = before[k].as_ref().map_or(usize::MAX, |r| r.start);
            end = after[k].as_ref().map_or(usize::MAX, |r| r.end);
        }
        let earlier = units[phrase.max(i.saturating_sub(EARLIER_REACH))..i].iter().map(|u| u.range.clone());
        let in_sentence = units[sentence.max(i.saturating_sub(SENTENCE_REACH))..i].iter().map(|u| u.range.clone());
        let name = || name_rules.then(|| dict.ids(p).find(|&id| dict.kinds_of(id).contains(Kinds::NAME)))?;
        if let Some(choice) = rules.choose(in_word, text, range, own, before, after, earlier, in_sentence, name) {
            units[i].kinds |= choice.kinds;
            units[i].choice = Some(choice);
        }
    }
}

/// Cuts the text between emoji codes, a bounded piece at a time (see [`crate::pieces`]), so that the
/// tokens of a megabyte of text never sit in memory at once.
fn cut_gap(dict: &Dictionary, segmenter: Option<&Segmenter>, text: &str, gap: Range<usize>, out: &mut Vec<Unit>) {
    for (at, piece) in pieces::pieces(&text[gap.clone()], pieces::PIECE_BYTES) {
        let start = gap.start + at;
        cut_piece(dict, segmenter, text, start..start + piece.len(), out);
    }
}

/// Cuts a piece of text between emoji codes: tokens from the segmenter (or longest match), then joins
/// tokens that together make a meme, idiom or abbreviation, then keeps the tokens worth explaining.
fn cut_piece(dict: &Dictionary, segmenter: Option<&Segmenter>, text: &str, gap: Range<usize>, out: &mut Vec<Unit>) {
    if gap.is_empty() {
        return;
    }
    let piece = &text[gap.clone()];
    let model = segmenter.and_then(Segmenter::model);
    let mut tokens: Vec<Token> = match model {
        Some(m) => {
            let mut tokens = Vec::with_capacity(piece.len() / 4);
            m.cut(piece, &mut tokens);
            tokens
        }
        None => longest_match_tokens(dict, piece)
            .into_iter()
            .map(|(range, _)| Token { range, step: None, may_join: true })
            .collect(),
    };
    for token in &mut tokens {
        token.range = gap.start + token.range.start..gap.start + token.range.end;
    }
    let recuts = dict.recuts();
    if !recuts.is_empty() {
        tokens = recut(recuts, text, tokens);
    }
    let lexicon = model.map(|m| &m.lexicon);
    // The same phrases come back (这家, 两个): each is split into its parts once a piece; and so do the
    // words the HMM makes up (这套, 书中), each looked up in the headword map once a piece.
    let mut splits: FxHashMap<&str, Vec<Part>> = FxHashMap::default();
    let mut made_up: FxHashMap<&str, Option<Postings>> = FxHashMap::default();
    let mut t = 0;
    while t < tokens.len() {
        let Token { range: token, step, may_join } = tokens[t].clone();
        t += 1;
        let word = &text[token.clone()];
        if !has_content(word) {
            continue;
        }
        let own = headword(dict, lexicon, word, step, || *made_up.entry(word).or_insert_with(|| dict.headword(word)));
        // The longest meme, idiom or abbreviation from the token's start that ends on a later token
        // boundary (tokens are sorted, so a binary search tells a boundary).
        let mut joined: Option<(usize, Postings)> = None;
        if may_join {
            joinable_prefixes(dict, lexicon, &text[token.start..], |len, p| {
                let end = token.start + len;
                if end > token.end && tokens[t..].binary_search_by_key(&end, |r| r.range.end).is_ok() {
                    joined = Some((end, p));
                }
            });
        }
        let (range, postings) = match joined {
            Some((end, p)) if latin_bounded(text, token.start..end) => {
                while t < tokens.len() && tokens[t].range.end <= end {
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
                    // A phrase the segmenter keeps whole (这家, 两个) or a run its HMM joined, that no
                    // layer explains: its dictionary parts are the units. (A lexical word of the model
                    // that no layer explains comes with postings of kind COMPOSED and stays whole.)
                    let phrase = &text[token.clone()];
                    // Two Chinese characters that are no headword together: each is a part, and the
                    // lexicon holds every single character, so neither a walk of the headwords nor the
                    // piece's map of splits is needed.
                    if let Some(mid) = second_of_two_han(phrase) {
                        for r in [0..mid, mid..phrase.len()] {
                            let part = &phrase[r.clone()];
                            let p = headword(dict, lexicon, part, None, || dict.headword(part));
                            out.extend(keep(text, token.start + r.start..token.start + r.end, p));
                        }
                        continue;
                    }
                    let parts = splits.entry(phrase).or_insert_with(|| longest_match_tokens(dict, phrase));
                    for (r, p) in parts.iter() {
                        out.extend(keep(text, token.start + r.start..token.start + r.end, *p));
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

/// Where the second character of `text` starts, if `text` is two Chinese characters.
fn second_of_two_han(text: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    let ((_, a), (mid, b)) = (chars.next()?, chars.next()?);
    (chars.next().is_none() && is_han(a) && is_han(b)).then_some(mid)
}

/// A part of a phrase no layer explains: its byte range in the phrase, and its postings.
type Part = (Range<usize>, Option<Postings>);

/// The postings of `word` (lower-cased), through the lexicon where it can tell (`step`: the lexicon's
/// step for the word, if the caller has it): the lexicon holds every word the route can take, every
/// single character and every joinable headword, with their postings if they are headwords, so only
/// another word (one the HMM made up, a part of a phrase) needs a walk of the headword map, which costs
/// ten times a walk of the trie: that walk is `walk`, which may remember what it found.
fn headword(
    dict: &Dictionary,
    lexicon: Option<&Lexicon>,
    word: &str,
    step: Option<Step>,
    walk: impl FnOnce() -> Option<Postings>,
) -> Option<Postings> {
    let Some(lex) = lexicon else { return dict.headword(word) };
    let single = word.chars().nth(1).is_none();
    match step.or_else(|| lex.find(word)) {
        Some(s) if s.is_headword() || s.log_freq().is_some() || single => lex.postings(s),
        None if single => None,
        _ => walk(),
    }
}

/// The tokens with each recut applied where its sequence starts and ends on token boundaries (这个 +
/// 月考 + 了 becomes 这个月 + 考 + 了); elsewhere, as they were.
fn recut(recuts: &Recuts, text: &str, tokens: Vec<Token>) -> Vec<Token> {
    // The recut that applies at token t, and the token after the last one it covers.
    let at = |t: usize| {
        let start = tokens[t].range.start;
        recuts.starting(&text[start..]).find_map(|r| {
            let end = start + r.sequence.len();
            let covered = tokens[t..].iter().take_while(|k| k.range.end <= end).count();
            (covered > 0 && tokens[t + covered - 1].range.end == end).then_some((r, t + covered))
        })
    };
    // Most pieces have none: they keep their tokens as they are, with no copy.
    let Some((mut t, mut found)) = (0..tokens.len()).find_map(|t| Some((t, at(t)?))) else { return tokens };
    let mut out = Vec::with_capacity(tokens.len() + 16);
    out.extend_from_slice(&tokens[..t]);
    loop {
        let (r, next) = found;
        out.extend(r.parts(tokens[t].range.start).map(|range| Token { range, step: None, may_join: true }));
        t = next;
        // Up to the next recut, the tokens as they are.
        match (t..tokens.len()).find_map(|u| Some((u, at(u)?))) {
            Some((u, f)) => {
                out.extend_from_slice(&tokens[t..u]);
                (t, found) = (u, f);
            }
            None => {
                out.extend_from_slice(&tokens[t..]);
                return out;
            }
        }
    }
}

/// Decides whether a unit is worth reporting, and with which kinds.
fn keep(text: &str, range: Range<usize>, postings: Option<Postings>) -> Option<Unit> {
    let s = &text[range.clone()];
    if s.bytes().all(|b| b.is_ascii_digit()) {
        // A number is explained only as number slang standing alone, never as a price, date or count.
        let p = postings.filter(|p| p.kinds.contains(Kinds::NUMBER) && number_stands_alone(text, range.clone()))?;
        return Some(Unit::new(range, Some(p)));
    }
    match postings {
        Some(_) => Some(Unit::new(range, postings)),
        None if s.chars().any(is_han) => Some(Unit::new(range, None)),
        None => None,
    }
}

/// Whether a Latin match is a whole Latin word: `yyds` in `今天yyds了`, not the `emo` in `memory`.
fn latin_bounded(text: &str, range: Range<usize>) -> bool {
    // Latin letters and digits are ASCII, and an ASCII byte is always a whole character: bytes suffice.
    let b = text.as_bytes();
    let latin = |i: Option<usize>| i.and_then(|i| b.get(i)).is_some_and(|c| is_latin(char::from(*c)));
    if range.is_empty() {
        return true;
    }
    let (start, end) = (range.start, range.end);
    let joins_before = latin(Some(start)) && latin(start.checked_sub(1));
    let joins_after = latin(Some(end - 1)) && latin(Some(end));
    !joins_before && !joins_after
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

/// Tokens by longest dictionary match (what a hover uses until the segmenter is ready), with their
/// headwords' postings: at each position the longest headword, else a run of Latin letters and digits,
/// else one character. Costs a walk of the headwords per token (and a lookup per Latin run).
pub fn longest_match_tokens(dict: &Dictionary, text: &str) -> Vec<(Range<usize>, Option<Postings>)> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let rest = &text[pos..];
        let mut longest = None;
        dict.prefixes(rest, |len, p| longest = Some((len, p)));
        let latin_run = rest.find(|c: char| !is_latin(c)).unwrap_or(rest.len());
        let (len, postings) = match longest {
            // Inside a Latin run only the whole run is a candidate.
            _ if latin_run > 0 => (latin_run, dict.headword(&rest[..latin_run])),
            Some((len, p)) => (len, Some(p)),
            None => (rest.chars().next().map_or(1, char::len_utf8), None),
        };
        out.push((pos..pos + len, postings));
        pos += len;
    }
    out
}

#[cfg(test)]
mod tests {
    use jieba_rs::Jieba;

    use super::*;

    /// The segmenter cuts as jieba-rs's `cut` with HMM does over the same words, on the graded sentences
    /// and on every example of the slang layer (the real dictionary, built by `./build.sh`).
    /// The real dictionary (built by `./build.sh`) with its segmenter ready, and texts to cut: the graded
    /// sentences and every example of the slang layer.
    fn real_dictionary_and_texts() -> (Dictionary, Segmenter, Vec<String>) {
        let path = std::env::var("REDLENS_DICT")
            .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/target/redlens.dict").into());
        let dict = Dictionary::from_bytes(std::fs::read(&path).expect("run ./build.sh first")).expect("loads");
        let mut segmenter = Segmenter::new();
        while !segmenter.load_step(&dict, 50_000) {}
        let mut texts: Vec<String> = include_str!("../tests/data/hsk-sentences.jsonl")
            .lines()
            .filter_map(|l| l.split("\"text\": \"").nth(1)?.split('"').next().map(str::to_string))
            .collect();
        texts.extend((0..dict.entry_count()).filter_map(|id| Some(dict.entry(id)?.explanation()?.example_zh.clone())));
        (dict, segmenter, texts)
    }

    #[test]
    fn tokens_match_jieba_rs_over_the_same_words() {
        let (dict, segmenter, mut texts) = real_dictionary_and_texts();
        let model = segmenter.model().expect("ready");
        let mut jieba = Jieba::empty();
        dict.lexicon_records(&mut LexiconCursor::default(), usize::MAX, |w, f, _| {
            if let Some(f) = f {
                jieba.add_word(w, Some(f as usize), None);
            }
        });
        texts.push("yyds！真的会谢 520快乐 C++ 3.5%的人 \r\n 𠀀𠀁 ＡＢＣ 😂".into());
        assert!(texts.len() > 1000);
        let mut tokens = Vec::new();
        for text in &texts {
            let text = text.to_ascii_lowercase();
            tokens.clear();
            model.cut(&text, &mut tokens);
            let ours: Vec<&str> = tokens.iter().map(|t| &text[t.range.clone()]).collect();
            let theirs: Vec<&str> = jieba.cut(&text, true).iter().map(|t| t.word).collect();
            assert_eq!(ours, theirs, "in {text}");
        }
    }

    /// The lexicon finds the same joinable headwords as the headword map, at every character of the graded
    /// sentences and of every example of the slang layer (whose memes and idioms it must find), in lower
    /// and upper case.
    #[test]
    fn the_lexicon_finds_the_joinable_headwords_the_map_finds() {
        let (dict, segmenter, texts) = real_dictionary_and_texts();
        let lexicon = &segmenter.model().expect("ready").lexicon;
        let mut joined = 0;
        // Latin letters in any case: `YYDS` as `yyds`.
        for text in texts.iter().flat_map(|t| [t.to_ascii_lowercase(), t.to_ascii_uppercase()]) {
            for (i, _) in text.char_indices() {
                let (mut map, mut ours) = (Vec::new(), Vec::new());
                dict.joinable_prefixes(&text[i..], |len, p| map.push((len, p)));
                joinable_prefixes(&dict, Some(lexicon), &text[i..], |len, p| ours.push((len, p)));
                assert_eq!(ours, map, "at {i} of {text}");
                joined += map.len();
            }
        }
        assert!(joined > 1000, "the examples hold memes and idioms: {joined}");
    }

    #[test]
    fn a_recut_replaces_the_tokens_of_its_sequence_only_on_token_boundaries() {
        let recuts = Recuts::parse("这个月 考 了\n".as_bytes());
        let tokens = |text: &str, words: &[&str]| {
            let mut at = 0;
            let out: Vec<Token> = words
                .iter()
                .map(|w| {
                    at += w.len();
                    Token { range: at - w.len()..at, step: None, may_join: true }
                })
                .collect();
            assert_eq!(at, text.len());
            out
        };
        let words =
            |text: &str, out: Vec<Token>| out.iter().map(|t| text[t.range.clone()].to_string()).collect::<Vec<_>>();
        let text = "这个月考了三次";
        let got = recut(&recuts, text, tokens(text, &["这个", "月考", "了", "三次"]));
        assert_eq!(words(text, got), ["这个月", "考", "了", "三次"]);
        // Starting inside a token (那这 + 个), or ending inside one (了解), the sequence is not this cut.
        let text = "那这个月考了";
        let got = recut(&recuts, text, tokens(text, &["那这", "个", "月考", "了"]));
        assert_eq!(words(text, got), ["那这", "个", "月考", "了"]);
        let text = "这个月考了解";
        let got = recut(&recuts, text, tokens(text, &["这个", "月考", "了解"]));
        assert_eq!(words(text, got), ["这个", "月考", "了解"]);
    }
}
