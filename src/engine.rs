//! [`Engine`]: the one entry point. Load a dictionary, then look words up, explain the word under an
//! offset, annotate text and search. Offsets in and out are UTF-16 code units.

use std::ops::Range;
use std::sync::{Arc, Mutex};

use serde::Serialize;

use crate::context::shown_kinds;
use crate::dict::{Dictionary, Postings};
use crate::entry::{Entry, Kinds};
use crate::error::{LoadError, OffsetError};
use crate::script::{is_han, is_latin};
use crate::search::{self, Hit};
use crate::segment::{self, Segmenter, Unit};
use crate::{pieces, utf16};

/// How many characters of context a hover segments on each side of the offset. jieba's choices depend
/// only on the text near a word, and a paragraph can be megabytes long.
const HOVER_CONTEXT: usize = 64;
/// How far back a longer unit (an idiom, a meme) may start before the offset, in characters.
const LONGEST_UNIT: usize = 12;
/// How many longer units a hover reports at most.
const MAX_LONGER: usize = 4;
/// Paragraphs up to this many bytes are segmented whole and cached between hovers.
const CACHED_TEXT: usize = 16 * 1024;

/// A span of text with what the dictionary says about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Found {
    /// Start, in UTF-16 code units.
    pub start: usize,
    /// End (exclusive), in UTF-16 code units.
    pub end: usize,
    /// The text of the span.
    pub text: String,
    /// Its kinds.
    pub kinds: Kinds,
    /// Its entries, best first (slang sense before CC-CEDICT's, the likely reading first).
    pub entries: Vec<Entry>,
    /// The entries that its entries' "see X" / "variant of X" senses point to, so a card can show X's
    /// meaning.
    pub references: Vec<Entry>,
}

/// The answer to a hover: the word under the offset, longer units that cover it, and its parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hover {
    /// The word (or meme, idiom, abbreviation, emoji code) under the offset.
    pub word: Found,
    /// Dictionary units longer than `word` that cover the offset: an idiom or meme the segmenter split.
    pub longer: Vec<Found>,
    /// The shorter dictionary words inside `word` (its characters, for a two-character word), each with
    /// the one entry whose reading the word gives it.
    pub parts: Vec<Found>,
    /// Whether the segmenter was ready (`false`: longest match from the offset was used).
    pub segmented: bool,
}

/// A span of text and the entries that explain it, by id (best first): a [`Found`] before any entry is
/// decoded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpanEntries {
    /// Start, in UTF-16 code units.
    pub start: usize,
    /// End (exclusive), in UTF-16 code units.
    pub end: usize,
    /// Its kinds.
    pub kinds: Kinds,
    /// Its entry ids, best first; for a part, the one its word gives it first.
    pub entries: Vec<u32>,
}

/// A [`Hover`] by entry ids: where the word, the longer units and the parts are, and which entries
/// explain them. Costs no entry decoding, so it is what the extension asks for on every pointer move;
/// it decodes (and caches) the entries itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HoverIds {
    /// The word under the offset.
    pub word: SpanEntries,
    /// Longer dictionary units covering the offset, longest first.
    pub longer: Vec<SpanEntries>,
    /// The shorter dictionary words inside the word, in order, each with at most one entry.
    pub parts: Vec<SpanEntries>,
    /// Whether the segmenter was ready.
    pub segmented: bool,
}

/// Idioms and memes in a text with their postings, by byte range, sorted by start.
type Occurrences = Vec<(Range<usize>, Postings)>;

/// What a hover finds, in byte offsets, before offsets are converted and entries decoded.
struct Spot {
    anchor: utf16::Anchor,
    /// The word and its parts.
    explained: Arc<Explained>,
    longer: Vec<Located>,
}

/// A span in byte offsets with its entry ids: what the hover computes before converting offsets.
#[derive(Debug, Clone)]
struct Located {
    range: Range<usize>,
    kinds: Kinds,
    ids: Vec<u32>,
}

/// One annotated span: what `annotate` gives for each unit of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    /// Start, in UTF-16 code units.
    pub start: u32,
    /// End (exclusive), in UTF-16 code units.
    pub end: u32,
    /// Its kinds.
    pub kinds: Kinds,
    /// The best entry's id, if the dictionary has the unit.
    pub entry: Option<u32>,
}

/// One term of a [`Plain`] text: where it stood in the original, where its plain form stands in the
/// output (UTF-16 code units, end exclusive), and the entry that gave it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Replacement {
    /// Start in the original text.
    pub start: usize,
    /// End in the original text.
    pub end: usize,
    /// Start in the plain text.
    pub out_start: usize,
    /// End in the plain text.
    pub out_end: usize,
    /// The entry whose `plain` replaced the term.
    pub entry: u32,
}

/// A text with its slang, memes, abbreviations, number slang and emoji codes in plain standard Mandarin
/// (the layer's `plain`), for a translator that would take them word by word; and where each replacement
/// stands, so that what comes back can be traced to the original. Text between replacements is copied as
/// it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Plain {
    /// The text with the replacements made.
    pub text: String,
    /// The replacements, in order.
    pub replacements: Vec<Replacement>,
}

/// The kinds of unit that [`Engine::plain_text`] replaces.
const PLAIN_KINDS: Kinds = Kinds(Kinds::SLANG.0 | Kinds::ABBREVIATION.0 | Kinds::NUMBER.0 | Kinds::EMOJI.0);

/// The RedLens engine: a loaded dictionary and its segmenter.
#[derive(Debug)]
pub struct Engine {
    dict: Dictionary,
    segmenter: Segmenter,
    hover_cache: Mutex<HoverCache>,
}

/// The units of the last paragraph hovered (each explained once it has been hovered), and the idioms
/// and memes found in it (which a hover reports when they cover the word).
#[derive(Debug, Default)]
struct HoverCache {
    text: String,
    /// [`utf16::char_starts`] of the text.
    starts: Vec<u32>,
    units: Vec<Unit>,
    explained: Vec<Option<Arc<Explained>>>,
    longer: Occurrences,
}

/// A unit with its entry ids, and its parts: shared between the paragraph cache and the hovers on it.
type Explained = (Located, Vec<Located>);

impl Engine {
    /// Opens a dictionary image (the bytes of `redlens.dict`). Checks the header and every section's
    /// checksum (one pass over the bytes, about 1.5 ms in wasm) and nothing more: lookups work at once.
    /// The segmenter is not built yet; see [`Engine::prepare_segmenter`].
    ///
    /// ```no_run
    /// let engine = redlens::Engine::from_bytes(std::fs::read("redlens.dict")?)?;
    /// assert!(!engine.lookup("躺平").is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Engine, LoadError> {
        Ok(Engine { dict: Dictionary::from_bytes(bytes)?, segmenter: Segmenter::new(), hover_cache: Mutex::default() })
    }

    /// Builds part of the segmenter: loads up to `max_words` words of its list and returns whether it
    /// is complete. Call it in idle time until it returns `true`; lookups meanwhile use longest match.
    pub fn prepare_segmenter(&mut self, max_words: usize) -> bool {
        self.segmenter.load_step(&self.dict, max_words)
    }

    /// Builds the whole segmenter at once (some tens of milliseconds).
    pub fn build_segmenter(&mut self) {
        while !self.prepare_segmenter(usize::MAX) {}
    }

    /// Whether the segmenter is built.
    pub fn segmenter_ready(&self) -> bool {
        self.segmenter.is_ready()
    }

    /// The dictionary, for statistics.
    pub fn dictionary(&self) -> &Dictionary {
        &self.dict
    }

    /// Entry `id` (as `annotate` reports it), or `None` if there is no such entry.
    pub fn entry(&self, id: u32) -> Option<Entry> {
        self.dict.entry(id)
    }

    /// All entries of a headword: simplified, traditional, a variant, or a Latin abbreviation in any
    /// letter case. The project's slang entry comes first, then CC-CEDICT's, the likely reading first.
    pub fn lookup(&self, word: &str) -> Vec<Entry> {
        self.dict.headword(word.trim()).map(|p| self.entries(p)).unwrap_or_default()
    }

    fn entries(&self, p: Postings) -> Vec<Entry> {
        self.dict.ids(p).filter_map(|id| self.dict.entry(id)).collect()
    }

    /// The hover: the word under UTF-16 offset `offset` of `text`, in context, with its entries decoded.
    /// Returns `Ok(None)` where nothing there can be explained (a space, punctuation, an English word),
    /// and an error for an offset outside the text. See [`Engine::hover_ids`] for the cheap form.
    pub fn lookup_at(&self, text: &str, offset: usize) -> Result<Option<Hover>, OffsetError> {
        let Some(Spot { anchor, explained, longer }) = self.locate(text, offset)? else { return Ok(None) };
        let (word, parts) = &*explained;
        let found = |l: &Located| {
            let entries: Vec<Entry> = l.ids.iter().filter_map(|&id| self.dict.entry(id)).collect();
            Found {
                start: anchor.unit_of(text, l.range.start),
                end: anchor.unit_of(text, l.range.end),
                text: text[l.range.clone()].to_string(),
                kinds: l.kinds,
                references: self.references(&entries),
                entries,
            }
        };
        Ok(Some(Hover {
            word: found(word),
            longer: longer.iter().map(found).collect(),
            parts: parts.iter().map(found).collect(),
            segmented: self.segmenter.is_ready(),
        }))
    }

    /// The hover by entry ids: the same spans and entries as [`Engine::lookup_at`], with no entry
    /// decoded. A paragraph of up to 16 KiB is segmented once and kept until a different text comes, so
    /// a pointer moving over a post costs one segmentation, then a binary search or two per move.
    pub fn hover_ids(&self, text: &str, offset: usize) -> Result<Option<HoverIds>, OffsetError> {
        let Some(Spot { anchor, explained, longer }) = self.locate(text, offset)? else { return Ok(None) };
        let (word, parts) = &*explained;
        let span = |l: &Located| SpanEntries {
            start: anchor.unit_of(text, l.range.start),
            end: anchor.unit_of(text, l.range.end),
            kinds: l.kinds,
            entries: l.ids.clone(),
        };
        Ok(Some(HoverIds {
            word: span(word),
            longer: longer.iter().map(span).collect(),
            parts: parts.iter().map(span).collect(),
            segmented: self.segmenter.is_ready(),
        }))
    }

    /// The word under `offset`, the longer units covering it and its parts, in byte offsets.
    fn locate(&self, text: &str, offset: usize) -> Result<Option<Spot>, OffsetError> {
        let out_of_range = || OffsetError::OutOfRange { offset, len: utf16::len(text) };
        let (anchor, found) = if self.caches(text) {
            let mut cache = self.cache(text);
            let anchor = utf16::locate_in(&cache.starts, offset).ok_or_else(out_of_range)?;
            (anchor, self.cached_unit(&mut cache, text, anchor.byte))
        } else {
            let anchor = utf16::locate(text, offset).ok_or_else(out_of_range)?;
            (anchor, self.unit_in_window(text, anchor.byte))
        };
        let Some((explained, longer)) = found else { return Ok(None) };
        let byte = anchor.byte;
        let word_len = explained.0.range.len();
        let mut longer: Vec<(Range<usize>, Postings)> =
            longer.into_iter().filter(|(r, _)| r.start <= byte && byte < r.end && r.len() > word_len).collect();
        longer.sort_by_key(|(r, _)| (std::cmp::Reverse(r.len()), r.start));
        longer.truncate(MAX_LONGER);
        let longer =
            longer.into_iter().map(|(range, p)| Located { range, kinds: shown_kinds(p.kinds), ids: self.ids(Some(p)) });
        Ok(Some(Spot { anchor, explained, longer: longer.collect() }))
    }

    fn ids(&self, postings: Option<Postings>) -> Vec<u32> {
        postings.map(|p| self.dict.ids(p).collect()).unwrap_or_default()
    }

    /// A unit with its entry ids, and its parts.
    fn explain(&self, text: &str, unit: &Unit) -> Explained {
        let word = Located { ids: unit.ids(&self.dict), range: unit.range.clone(), kinds: unit.kinds };
        let parts = self.parts(text, &word);
        (word, parts)
    }

    /// Whether hovers over `text` go through the paragraph cache: once the segmenter is ready, for texts
    /// up to 16 KiB.
    fn caches(&self, text: &str) -> bool {
        self.segmenter.is_ready() && text.len() <= CACHED_TEXT
    }

    /// The paragraph cache, holding `text` (segmented now if it held another).
    fn cache(&self, text: &str) -> std::sync::MutexGuard<'_, HoverCache> {
        let mut cache = self.hover_cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if cache.text != text {
            cache.units = segment::units(&self.dict, Some(&self.segmenter), text);
            cache.explained = vec![None; cache.units.len()];
            cache.longer = self.longer_units(text, 0..text.len());
            cache.starts = utf16::char_starts(text);
            cache.text = text.to_string();
        }
        cache
    }

    /// The unit of the cached paragraph `text` that contains byte `byte`, if any, explained, and the
    /// idioms and memes that may cover it.
    fn cached_unit(&self, cache: &mut HoverCache, text: &str, byte: usize) -> Option<(Arc<Explained>, Occurrences)> {
        let i = cache.units.partition_point(|u| u.range.end <= byte);
        let unit = cache.units.get(i).filter(|u| u.range.contains(&byte))?;
        // A pointer meets each unit at every one of its characters: explain it once.
        let explained = match &cache.explained[i] {
            Some(e) => e.clone(),
            None => {
                let e = Arc::new(self.explain(text, unit));
                cache.explained[i] = Some(e.clone());
                e
            }
        };
        // Sorted by start: only those starting at most LONGEST_UNIT characters back can cover `byte`.
        let from = back_chars(text, byte, LONGEST_UNIT);
        let first = cache.longer.partition_point(|(r, _)| r.start < from);
        let longer = cache.longer[first..].iter().take_while(|(r, _)| r.start <= byte).cloned().collect();
        Some((explained, longer))
    }

    /// The unit of `text` containing `byte`, segmenting only a window around it: for texts past the
    /// cache's size, and before the segmenter is ready (longest match from the offset, or from the start
    /// of the Latin word or emoji code it is in; nothing computed so outlives the segmenter).
    fn unit_in_window(&self, text: &str, byte: usize) -> Option<(Arc<Explained>, Occurrences)> {
        let (start, segmenter) = if self.segmenter.is_ready() {
            (back_chars(text, byte, HOVER_CONTEXT), Some(&self.segmenter))
        } else {
            (unit_start(text, byte), None)
        };
        let end = forward_chars(text, byte, HOVER_CONTEXT);
        let units = segment::units(&self.dict, segmenter, &text[start..end]);
        let u = units.into_iter().find(|u| u.range.contains(&(byte - start)))?;
        let unit = Unit { range: u.range.start + start..u.range.end + start, ..u };
        let longer = self.longer_units(text, back_chars(text, byte, LONGEST_UNIT)..byte + 1);
        Some((Arc::new(self.explain(text, &unit)), longer))
    }

    /// The entries that `entries` point to, once each, at most four.
    pub fn references(&self, entries: &[Entry]) -> Vec<Entry> {
        let mut ids: Vec<u32> = Vec::new();
        for id in entries.iter().flat_map(|e| &e.refs) {
            if !ids.contains(id) && !entries.iter().any(|e| e.id == *id) {
                ids.push(*id);
            }
        }
        ids.truncate(4);
        ids.into_iter().filter_map(|id| self.dict.entry(id)).collect()
    }

    /// The idioms and memes of `text` that start at a character boundary in `starts`, sorted by start.
    /// Costs a bit test per character, and a walk of the lexicon (or of the headword map before the
    /// segmenter is ready) where a joinable headword may start.
    fn longer_units(&self, text: &str, starts: Range<usize>) -> Occurrences {
        let mut found = Vec::new();
        for (s, _) in text[starts.start..].char_indices().take_while(|&(i, _)| starts.start + i < starts.end) {
            let s = starts.start + s;
            self.segmenter.joinable_prefixes(&self.dict, &text[s..], |len, p| {
                if p.kinds.intersects(Kinds::IDIOM | Kinds::SLANG) {
                    found.push((s..s + len, p));
                }
            });
        }
        found
    }

    /// The dictionary words inside a Chinese word, by longest match shorter than the word itself, each
    /// with the one entry whose reading the word gives it (行 in 银行 is háng), or that the context rules
    /// pick among its neighbours (家 in 这家 is the measure word).
    fn parts(&self, text: &str, word: &Located) -> Vec<Located> {
        let s = &text[word.range.clone()];
        if s.chars().count() < 2 || !s.chars().all(is_han) {
            return Vec::new();
        }
        let mut units = Vec::new();
        let mut pos = 0;
        while pos < s.len() {
            let mut best: Option<(usize, Postings)> = None;
            self.dict.prefixes(&s[pos..], |len, p| {
                if len < s.len() {
                    best = Some((len, p));
                }
            });
            let len = best.map_or_else(|| s[pos..].chars().next().map_or(1, char::len_utf8), |(l, _)| l);
            units.push(Unit::new(word.range.start + pos..word.range.start + pos + len, best.map(|(_, p)| p)));
            pos += len;
        }
        segment::choose_in_context(&self.dict, text, &mut units, true);
        let mut out: Vec<Located> =
            units.iter().map(|u| Located { range: u.range.clone(), kinds: u.kinds, ids: u.ids(&self.dict) }).collect();
        if let Some(reading) = word.ids.first().and_then(|&id| self.dict.reading(id)) {
            let mut syllable = 0;
            for part in &mut out {
                let n = text[part.range.clone()].chars().count();
                if let Some(want) = reading.get(syllable..syllable + n)
                    && let Some(i) = part.ids.iter().position(|&id| self.dict.reading(id).is_some_and(|r| r == want))
                {
                    part.ids[..=i].rotate_right(1);
                }
                syllable += n;
            }
        }
        // In context a part has one reading: the card shows that one.
        for part in &mut out {
            part.ids.truncate(1);
        }
        out
    }

    /// Every unit of `text` worth explaining, in order, without overlaps, with UTF-16 spans, kinds and
    /// best entry. Plain punctuation, spaces, English words and numbers that are prices or counts are
    /// left out. Linear in the text; no entry is decoded. The result takes 16 bytes a unit; for a text
    /// of megabytes, [`Engine::annotate_each`] keeps memory bounded.
    pub fn annotate(&self, text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        self.annotate_each(text, |spans| out.extend_from_slice(spans));
        out
    }

    /// [`Engine::annotate`] piece by piece: calls `each` with the spans of each piece of `text` in order
    /// (offsets in the whole text). Pieces are at most 64 KB, cut where no word spans the cut (see
    /// [`crate::pieces`]), so the working memory is that of one piece whatever the length of `text`.
    pub fn annotate_each(&self, text: &str, mut each: impl FnMut(&[Span])) {
        let mut spans = Vec::new();
        let mut base = utf16::Cursor::new(text);
        for (at, piece) in pieces::pieces(text, pieces::PIECE_BYTES) {
            let offset = base.unit_of(at) as u32;
            let mut cursor = utf16::Cursor::new(piece);
            spans.clear();
            spans.extend(segment::units(&self.dict, Some(&self.segmenter), piece).into_iter().map(|u| Span {
                start: offset + cursor.unit_of(u.range.start) as u32,
                end: offset + cursor.unit_of(u.range.end) as u32,
                kinds: u.kinds,
                entry: u.first(&self.dict),
            }));
            each(&spans);
        }
    }

    /// `text` with every slang term, meme, abbreviation, number code and emoji code that has a plain
    /// form (the one its context picks) replaced by it, and a map of the replacements: what the engine
    /// hands a translator. Linear in the text; decodes one entry per slang unit.
    ///
    /// ```no_run
    /// let mut engine = redlens::Engine::from_bytes(std::fs::read("redlens.dict")?)?;
    /// engine.build_segmenter();
    /// let plain = engine.plain_text("这家奶茶yyds！");
    /// assert!(!plain.text.contains("yyds"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn plain_text(&self, text: &str) -> Plain {
        let mut out = String::with_capacity(text.len());
        let mut replacements = Vec::new();
        let mut cursor = utf16::Cursor::new(text);
        let mut copied = 0;
        let mut out_units = 0;
        for unit in segment::units(&self.dict, Some(&self.segmenter), text) {
            if !unit.kinds.intersects(PLAIN_KINDS) {
                continue;
            }
            let Some(id) = unit.first(&self.dict) else { continue };
            let Some(plain) = self.dict.entry(id).and_then(|e| e.slang?.plain) else { continue };
            let before = &text[copied..unit.range.start];
            out.push_str(before);
            out_units += utf16::len(before);
            let (start, end) = (cursor.unit_of(unit.range.start), cursor.unit_of(unit.range.end));
            out.push_str(&plain);
            let out_start = out_units;
            out_units += utf16::len(&plain);
            replacements.push(Replacement { start, end, out_start, out_end: out_units, entry: id });
            copied = unit.range.end;
        }
        out.push_str(&text[copied..]);
        Plain { text: out, replacements }
    }

    /// Searches by Chinese (exact, then words starting with it), pinyin with tone marks, numbers or none,
    /// a Latin abbreviation, or English words; exact matches first, then common words before rare ones.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        search::search(&self.dict, query, limit)
    }
}

/// The byte offset `n` characters before `byte` (or 0).
fn back_chars(text: &str, byte: usize, n: usize) -> usize {
    text[..byte].char_indices().rev().take(n).last().map_or(byte, |(i, _)| i)
}

/// The byte offset after `n` characters from `byte` (or the end).
fn forward_chars(text: &str, byte: usize, n: usize) -> usize {
    text[byte..].char_indices().nth(n).map_or(text.len(), |(i, _)| byte + i)
}

/// Where a longest-match lookup at `byte` should start: the start of the Latin word or the emoji code
/// that `byte` is inside, else `byte` itself.
fn unit_start(text: &str, byte: usize) -> usize {
    let before = &text[..byte];
    if text[byte..].starts_with(is_latin) {
        return before
            .rfind(|c: char| !is_latin(c))
            .map_or(0, |i| i + before[i..].chars().next().map_or(1, char::len_utf8));
    }
    match before.rfind(['[', ']']) {
        Some(i) if before[i..].starts_with('[') && byte - i < 32 => i,
        _ => byte,
    }
}
