//! The reader of `redlens.dict`: FST maps over the file's bytes, the postings they point into, and the
//! entry table. Opening costs one checksum pass; every lookup after that reads the bytes in place.

use std::ops::Range;
use std::sync::Arc;

use fst::raw::Output;
use fst::{IntoStreamer, Map, Streamer};

use crate::bytes::{Cursor, u32_at};
use crate::context::Rules;
use crate::entry::stream;
use crate::entry::{Entry, Kinds, Source};
use crate::error::LoadError;
use crate::format::{FileLayout, SectionId};
use crate::recut::Recuts;
use crate::shared::{Shared, SharedWriter, parse_syllables};

/// Section names of the dictionary file.
pub mod section {
    use crate::format::SectionId;
    /// `key=value` lines: sources, versions, dates, counts.
    pub const META: SectionId = *b"META";
    /// FST: headword (simplified, traditional, variant, lower-cased Latin) → [`super::Postings`].
    pub const HEADWORDS: SectionId = *b"HEAD";
    /// FST: letters-only pinyin key (`tangping`) → postings.
    pub const PINYIN: SectionId = *b"PINY";
    /// FST: lower-case English keyword → postings, sorted by entry id.
    pub const ENGLISH: SectionId = *b"ENGL";
    /// The lists of two or more entry ids that the FST values point into, each id a varint of its
    /// zig-zagged difference from the one before (see [`super::Postings`]).
    pub const POSTINGS: SectionId = *b"POST";
    /// The entry count, then where every [`super::ENTRY_BLOCK`]th entry starts in each of the entry
    /// streams (`ENTR`, `ENTS`, `ENTE`, in that order): little-endian `u32`s.
    pub const ENTRY_INDEX: SectionId = *b"ENTX";
    /// Entries' heads, one after another (see [`crate::entry::stream`]).
    pub const ENTRIES: SectionId = *b"ENTR";
    /// Entries' senses, one list after another.
    pub const ENTRY_SENSES: SectionId = *b"ENTS";
    /// Entries' extras (cross-references, gloss, the slang layer's explanation), one after another.
    pub const ENTRY_EXTRAS: SectionId = *b"ENTE";
    /// Each entry's kinds, a little-endian `u16` by id: read in place wherever a unit's entries are
    /// sorted by kind, which a walk of a stream would make a hundred times slower.
    pub const ENTRY_KINDS: SectionId = *b"KIND";
    /// The pinyin syllables entries refer to by number, separated by spaces (see [`crate::shared`]).
    pub const SYLLABLES: SectionId = *b"SYLL";
    /// Each syllable's key, a little-endian `u32` by number: equal where two syllables are the same,
    /// whatever their letters' case (see [`crate::shared::syllable_keys`]), so that readings compare as
    /// numbers with nothing made at the first comparison.
    pub const SYLLABLE_KEYS: SectionId = *b"SYLK";
    /// The senses two or more entries give, which they refer to by offset (see [`crate::shared`]).
    pub const SENSES: SectionId = *b"SENS";
    /// The segmenter's lexicon: its words with their frequencies and the headwords it carries (its words,
    /// every single character and every headword of the joinable kinds) with their postings, front-coded
    /// in key order (see [`super::Dictionary::lexicon_records`]).
    pub const LEXICON: SectionId = *b"LEXI";
    /// A 32 KiB bitmap of the pairs of first characters of the headwords of
    /// [`Kinds::JOINABLE`](crate::Kinds::JOINABLE) kinds, so that most walks for them are never started.
    pub const JOINABLE_STARTS: SectionId = *b"JSTA";
    /// The context rules and their word classes, indexed (see [`crate::context::RuleSet::to_section`]).
    pub const CONTEXT: SectionId = *b"CTXR";
    /// The recuts, one a line, parts separated by spaces (see [`crate::recut`]). Optional: a file
    /// without it has none.
    pub const CUTS: SectionId = *b"CUTS";
}

/// A list of entry ids, with the union of their kinds (headword map only). Packed into one FST value as
/// `kinds << 48 | len << 32 | start`. A list of one id (most headwords) is the id itself, so reading it
/// touches no other bytes; longer lists lie in the postings section.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Postings {
    /// The id itself where `len` is 1; else the byte offset of the list in the postings section.
    pub start: u32,
    /// Number of ids (at most 65,535).
    pub len: u16,
    /// The kinds of the entries, or empty where the map does not record them.
    pub kinds: Kinds,
}

impl Postings {
    /// Packs into an FST value.
    pub fn pack(self) -> u64 {
        (u64::from(self.kinds.0) << 48) | (u64::from(self.len) << 32) | u64::from(self.start)
    }

    /// Unpacks an FST value.
    pub fn unpack(v: u64) -> Postings {
        Postings { start: v as u32, len: (v >> 32) as u16, kinds: Kinds((v >> 48) as u16) }
    }
}

/// The dictionary's bytes, shared by all the maps that read them.
#[derive(Clone)]
pub struct Section {
    bytes: Arc<Vec<u8>>,
    range: Range<usize>,
}

impl AsRef<[u8]> for Section {
    fn as_ref(&self) -> &[u8] {
        &self.bytes[self.range.clone()]
    }
}

/// An open dictionary file.
pub struct Dictionary {
    bytes: Arc<Vec<u8>>,
    layout: FileLayout,
    headwords: Map<Section>,
    /// The bitmap of the pairs of first characters that start a joinable headword.
    joinable_starts: Range<usize>,
    pinyin: Map<Section>,
    english: Map<Section>,
    lexicon: Range<usize>,
    postings: Range<usize>,
    entry_index: Range<usize>,
    /// The entry streams, in the order of [`crate::entry::stream`].
    entry_streams: [Range<usize>; stream::COUNT],
    entry_kinds: Range<usize>,
    entry_count: u32,
    syllables_section: Range<usize>,
    /// The syllables, parsed at the first entry decoded.
    syllables: std::sync::OnceLock<Vec<String>>,
    /// The `SYLK` section: each syllable's key, read in place.
    syllable_keys: Range<usize>,
    senses: Range<usize>,
    context: Range<usize>,
    /// The context rules, parsed when a unit first needs them.
    rules: std::sync::OnceLock<Rules>,
    cuts: Range<usize>,
    /// The recuts, parsed when a text is first cut.
    recuts: std::sync::OnceLock<Recuts>,
}

impl std::fmt::Debug for Dictionary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dictionary").field("bytes", &self.bytes.len()).field("entries", &self.entry_count).finish()
    }
}

impl Dictionary {
    /// Opens a dictionary file image: checks the header and every section's checksum (one pass over the
    /// bytes), and opens the FSTs in place.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Dictionary, LoadError> {
        let layout = FileLayout::parse(&bytes)?;
        layout.verify(&bytes)?;
        let bytes = Arc::new(bytes);
        let map = |id: SectionId| -> Result<Map<Section>, LoadError> {
            let range = layout.range(id)?;
            Map::new(Section { bytes: bytes.clone(), range })
                .map_err(|e| LoadError::Corrupt(format!("section {}: {e}", String::from_utf8_lossy(&id))))
        };
        let entry_index = layout.range(section::ENTRY_INDEX)?;
        let entry_streams = [
            layout.range(section::ENTRIES)?,
            layout.range(section::ENTRY_SENSES)?,
            layout.range(section::ENTRY_EXTRAS)?,
        ];
        let entry_count = u32_at(&bytes[entry_index.clone()], 0).unwrap_or(0);
        let blocks = (entry_count as usize).div_ceil(ENTRY_BLOCK);
        if entry_index.len() != (1 + blocks * stream::COUNT) * 4 {
            return Err(LoadError::Corrupt("entry index".into()));
        }
        Ok(Dictionary {
            headwords: map(section::HEADWORDS)?,
            joinable_starts: layout.range(section::JOINABLE_STARTS)?,
            pinyin: map(section::PINYIN)?,
            english: map(section::ENGLISH)?,
            lexicon: layout.range(section::LEXICON)?,
            postings: layout.range(section::POSTINGS)?,
            entry_index,
            entry_streams,
            entry_kinds: layout.range(section::ENTRY_KINDS)?,
            entry_count,
            syllables_section: layout.range(section::SYLLABLES)?,
            syllables: std::sync::OnceLock::new(),
            syllable_keys: layout.range(section::SYLLABLE_KEYS)?,
            senses: layout.range(section::SENSES)?,
            context: layout.range(section::CONTEXT)?,
            rules: std::sync::OnceLock::new(),
            cuts: layout.range(section::CUTS).unwrap_or(0..0),
            recuts: std::sync::OnceLock::new(),
            layout,
            bytes,
        })
    }

    /// Checks each FST section against the CRC32C that the `fst` crate wrote into it. Opening does not
    /// do this: the sections' own checksums already cover the maps, which are then read as `fst`
    /// wrote them. It is for files whose header was rewritten over damaged maps (tools, fuzzing), since
    /// `fst` assumes well-formed maps and may panic on others. Costs a CRC pass over the maps (a few MB).
    pub fn verify_maps(&self) -> Result<(), LoadError> {
        let maps =
            [(section::HEADWORDS, &self.headwords), (section::PINYIN, &self.pinyin), (section::ENGLISH, &self.english)];
        for (id, map) in maps {
            map.as_fst()
                .verify()
                .map_err(|e| LoadError::Corrupt(format!("section {}: {e}", String::from_utf8_lossy(&id))))?;
        }
        Ok(())
    }

    /// The number of entries.
    pub fn entry_count(&self) -> u32 {
        self.entry_count
    }

    /// Decodes entry `id`; `None` if there is no such entry (or its bytes are damaged).
    pub fn entry(&self, id: u32) -> Option<Entry> {
        let streams = [stream::HEAD, stream::SENSES, stream::EXTRAS].map(|k| self.entry_stream(k, id));
        let [Some(head), Some(senses), Some(extras)] = streams else { return None };
        Entry::decode(id, self.kinds_of(id), [head, senses, extras], &self.shared())
    }

    /// The kinds of entry `id`, read in place (two bytes); empty if there is no such entry.
    pub fn kinds_of(&self, id: u32) -> Kinds {
        let column = &self.bytes[self.entry_kinds.clone()];
        let at = id as usize * 2;
        column.get(at..at + 2).map_or(Kinds::empty(), |k| Kinds(u16::from_le_bytes([k[0], k[1]])))
    }

    /// The context rules (opened on first use: the section's header and the name rules are read).
    pub fn context_rules(&self) -> &Rules {
        self.rules.get_or_init(|| Rules::from_section(self.bytes.clone(), self.context.clone()))
    }

    /// The recuts (parsed on first use: a few microseconds for a few dozen lines).
    pub fn recuts(&self) -> &Recuts {
        self.recuts.get_or_init(|| Recuts::parse(&self.bytes[self.cuts.clone()]))
    }

    /// The source, frequency and simplified form of entry `id`, read in place; `None` if there is no
    /// such entry. A fraction of the cost of [`Dictionary::entry`].
    pub fn standing_of(&self, id: u32) -> Option<(Source, u32, &str)> {
        Entry::decode_standing(self.entry_stream(stream::HEAD, id)?)
    }

    /// The numbered pinyin of entry `id`, read in place; `None` if there is no such entry.
    pub fn pinyin_of(&self, id: u32) -> Option<String> {
        Entry::decode_pinyin(self.entry_stream(stream::HEAD, id)?, &self.shared())
    }

    /// The reading of entry `id` as syllable keys: two readings are the same syllables, letters and
    /// tones, whatever the case, where their keys are equal (as [`crate::pinyin::syllables`] would
    /// compare them, with no string built). `None` if there is no such entry.
    pub fn reading(&self, id: u32) -> Option<Vec<u32>> {
        let keys = &self.bytes[self.syllable_keys.clone()];
        let numbers = Entry::decode_syllable_numbers(self.entry_stream(stream::HEAD, id)?)?;
        numbers.into_iter().map(|n| u32_at(keys, n as usize)).collect()
    }

    /// The tables that entries refer to.
    fn shared(&self) -> Shared<'_> {
        let syllables = self.syllables.get_or_init(|| parse_syllables(&self.bytes[self.syllables_section.clone()]));
        Shared { syllables, senses: &self.bytes[self.senses.clone()] }
    }

    /// Entry `id`'s bytes in stream `which` (and the entries' after it).
    fn entry_stream(&self, which: usize, id: u32) -> Option<&[u8]> {
        let stream = &self.bytes[self.entry_streams[which].clone()];
        entry_in(&self.bytes[self.entry_index.clone()], which, stream, id)
    }

    /// The ids a postings value points to, in stored order. Costs nothing for a single id, one varint
    /// read per id for a list.
    pub fn ids(&self, p: Postings) -> PostingIds<'_> {
        PostingIds::new(&self.bytes[self.postings.clone()], p)
    }

    /// The postings of a headword, matched exactly. Latin letters match in any case.
    pub fn headword(&self, word: &str) -> Option<Postings> {
        let v = if word.bytes().any(|b| b.is_ascii_uppercase()) {
            self.headwords.get(word.to_ascii_lowercase())
        } else {
            self.headwords.get(word)
        };
        v.map(Postings::unpack)
    }

    /// Every headword that is a prefix of `text`, shortest first, as (byte length, postings). Latin
    /// letters match in any case. Costs one FST walk over at most the longest headword's length.
    pub fn prefixes(&self, text: &str, found: impl FnMut(usize, Postings)) {
        walk_prefixes(&self.headwords, text, found);
    }

    /// Every headword of the [`Kinds::JOINABLE`] kinds (memes, idioms, abbreviations, emoji codes) that
    /// is a prefix of `text` and at least two characters long, shortest first. A bit test on the first
    /// two characters rules out most texts; the rest cost a walk of the headwords. (The segmenter's
    /// lexicon, once ready, finds the same in a probe a character.)
    pub fn joinable_prefixes(&self, text: &str, mut found: impl FnMut(usize, Postings)) {
        if self.may_start_joinable(text) {
            walk_prefixes(&self.headwords, text, |len, p| {
                if p.kinds.intersects(Kinds::JOINABLE) && text[..len].chars().nth(1).is_some() {
                    found(len, p);
                }
            });
        }
    }

    /// Whether a headword of the [`Kinds::JOINABLE`] kinds may start `text`: false rules it out, after a
    /// bit test on its first two characters (a few percent of Chinese text passes).
    pub fn may_start_joinable(&self, text: &str) -> bool {
        let mut chars = text.chars();
        let (Some(a), Some(b)) = (chars.next(), chars.next()) else { return false };
        let bitmap = &self.bytes[self.joinable_starts.clone()];
        pair_filter::contains(bitmap, a.to_ascii_lowercase(), b.to_ascii_lowercase())
    }

    /// Headwords starting with `prefix` (exclusive of `prefix` itself), in key order, at most `max`.
    pub fn headwords_with_prefix(&self, prefix: &str, max: usize) -> Vec<(String, Postings)> {
        range_with_prefix(&self.headwords, prefix, max)
    }

    /// The postings of a letters-only pinyin key, exactly.
    pub fn pinyin(&self, key: &str) -> Option<Postings> {
        self.pinyin.get(key).map(Postings::unpack)
    }

    /// Pinyin keys starting with `prefix` (exclusive of `prefix` itself), at most `max`.
    pub fn pinyin_with_prefix(&self, prefix: &str, max: usize) -> Vec<(String, Postings)> {
        range_with_prefix(&self.pinyin, prefix, max)
    }

    /// The postings of an English keyword (lower case), sorted by entry id.
    pub fn english(&self, word: &str) -> Option<Postings> {
        self.english.get(word).map(Postings::unpack)
    }

    /// Reads the segmenter's lexicon from `cursor` on (a default cursor: from the start), at most `max`
    /// records, in key order: each word of the segmenter with its frequency, and each headword the
    /// lexicon carries (the words that are headwords, every single character and every headword of the
    /// joinable kinds) with its postings. Returns whether records remain. Cost: a few byte reads per
    /// record, nothing allocated. The list is written by [`LexiconWriter`].
    pub fn lexicon_records(
        &self,
        cursor: &mut LexiconCursor,
        max: usize,
        each: impl FnMut(&str, Option<u64>, Option<Postings>),
    ) -> bool {
        read_lexicon(&self.bytes[self.lexicon.clone()], cursor, max, each)
    }

    /// The number of words in the segmenter's word list (from the metadata).
    pub fn word_count(&self) -> usize {
        self.meta().iter().find(|(k, _)| k == "words.count").and_then(|(_, v)| v.parse().ok()).unwrap_or(0)
    }

    /// The `key=value` metadata lines (sources, versions, counts), in file order.
    pub fn meta(&self) -> Vec<(String, String)> {
        let Ok(range) = self.layout.range(section::META) else { return Vec::new() };
        String::from_utf8_lossy(&self.bytes[range])
            .lines()
            .filter_map(|l| l.split_once('=').map(|(k, v)| (k.to_string(), v.to_string())))
            .collect()
    }

    /// Each section's name and size in bytes, in file order, and the whole file's size.
    pub fn section_sizes(&self) -> (Vec<(String, usize)>, usize) {
        let sizes = self.layout.sizes().map(|(id, n)| (String::from_utf8_lossy(&id).into_owned(), n)).collect();
        (sizes, self.bytes.len())
    }
}

/// The ids of one [`Postings`] value, from [`Dictionary::ids`]. A damaged list ends early.
#[derive(Debug, Clone)]
pub struct PostingIds<'a> {
    list: Cursor<'a>,
    single: Option<u32>,
    left: u16,
    previous: u32,
}

impl<'a> PostingIds<'a> {
    fn new(section: &'a [u8], p: Postings) -> PostingIds<'a> {
        let list = match p.len {
            1 => &[][..],
            _ => section.get(p.start as usize..).unwrap_or_default(),
        };
        PostingIds { list: Cursor::new(list), single: (p.len == 1).then_some(p.start), left: p.len, previous: 0 }
    }
}

impl Iterator for PostingIds<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        if let Some(id) = self.single.take() {
            self.left = 0;
            return Some(id);
        }
        if self.left == 0 {
            return None;
        }
        let Some(delta) = self.list.varint() else {
            self.left = 0;
            return None;
        };
        self.left -= 1;
        self.previous = self.previous.wrapping_add(unzigzag(delta) as u32);
        Some(self.previous)
    }
}

/// How many entries share one offset per stream in the entry index: an index of a tenth of a megabyte,
/// at the cost of skipping up to 15 entries in a stream to find one (a few hundred nanoseconds at most:
/// a hover reads the readings of a word's parts' entries, and 32 made it a tenth slower).
pub const ENTRY_BLOCK: usize = 16;

/// Where entry `id` starts in stream `which` of the entries (`stream`, see [`crate::entry::stream`]),
/// through the `ENTX` section (`index`): from its block's offset, past the entries before it in the
/// block. The slice runs to the stream's end. `None` past the last entry or in damaged sections.
fn entry_in<'a>(index: &[u8], which: usize, stream: &'a [u8], id: u32) -> Option<&'a [u8]> {
    if id >= u32_at(index, 0)? {
        return None;
    }
    let block_start = u32_at(index, 1 + id as usize / ENTRY_BLOCK * stream::COUNT + which)? as usize;
    let mut c = Cursor::new(stream.get(block_start..)?);
    for _ in 0..id as usize % ENTRY_BLOCK {
        Entry::skip(which, &mut c)?;
    }
    stream.get(stream.len() - c.remaining()..)
}

/// The `ENTX` section, the entry streams (`ENTR`, `ENTS`, `ENTE`) and the `KIND` column for these
/// entries, in id order, their pinyin and senses written as references to `shared` (for the compiler).
pub fn entry_table(entries: &[Entry], shared: &SharedWriter) -> (Vec<u8>, [Vec<u8>; stream::COUNT], Vec<u8>) {
    let mut index = Vec::with_capacity((1 + entries.len().div_ceil(ENTRY_BLOCK) * stream::COUNT) * 4);
    index.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    let mut streams: [Vec<u8>; stream::COUNT] = Default::default();
    let mut kinds = Vec::with_capacity(entries.len() * 2);
    for (id, e) in entries.iter().enumerate() {
        kinds.extend_from_slice(&e.kinds.0.to_le_bytes());
        if id % ENTRY_BLOCK == 0 {
            for s in &streams {
                index.extend_from_slice(&(s.len() as u32).to_le_bytes());
            }
        }
        e.encode(&mut streams, shared);
    }
    (index, streams, kinds)
}

/// Appends a list of entry ids in the postings section's encoding (for the compiler).
pub fn put_posting_list(out: &mut Vec<u8>, ids: &[u32]) {
    let mut previous = 0u32;
    for &id in ids {
        crate::bytes::put_varint(out, zigzag(id.wrapping_sub(previous) as i32));
        previous = id;
    }
}

fn zigzag(v: i32) -> u32 {
    ((v << 1) ^ (v >> 31)) as u32
}

fn unzigzag(v: u32) -> i32 {
    ((v >> 1) as i32) ^ -((v & 1) as i32)
}

/// Where a read of the lexicon list stands: the byte offset, the last key (the list is front-coded),
/// and the last start of a single id and of a list (starts are written as differences from them).
#[derive(Debug, Clone, Default)]
pub struct LexiconCursor {
    offset: usize,
    key: Vec<u8>,
    starts: [u32; 2],
}

/// [`Dictionary::lexicon_records`] over the list's bytes.
fn read_lexicon(
    list: &[u8],
    cursor: &mut LexiconCursor,
    max: usize,
    mut each: impl FnMut(&str, Option<u64>, Option<Postings>),
) -> bool {
    let mut c = Cursor::new(list.get(cursor.offset..).unwrap_or_default());
    for _ in 0..max {
        if c.remaining() == 0 {
            cursor.offset = list.len();
            return false;
        }
        let record = (|| {
            let shared = c.varint()? as usize;
            let len = c.varint()? as usize;
            let suffix = c.take(len)?;
            cursor.key.truncate(shared);
            cursor.key.extend_from_slice(suffix);
            let freq_and_composed = c.varint()?;
            let freq = freq_and_composed / 2;
            let len = u16::try_from(c.varint()?).ok()?;
            let postings = if len == 0 {
                // A lexical word that no headword explains: no entries, explained by its parts.
                (freq_and_composed % 2 == 1).then_some(Postings { start: 0, len: 0, kinds: Kinds::COMPOSED })
            } else {
                let previous = &mut cursor.starts[usize::from(len > 1)];
                *previous = previous.wrapping_add(unzigzag(c.varint()?) as u32);
                Some(Postings { start: *previous, len, kinds: Kinds(u16::try_from(c.varint()?).ok()?) })
            };
            Some(((freq > 0).then_some(u64::from(freq)), postings))
        })();
        // A damaged list (the checksum makes this all but impossible) ends the lexicon there.
        let Some((freq, postings)) = record else {
            cursor.offset = list.len();
            return false;
        };
        if let Ok(word) = std::str::from_utf8(&cursor.key) {
            each(word, freq, postings);
        }
    }
    cursor.offset = list.len() - c.remaining();
    cursor.offset < list.len()
}

/// Writes the segmenter's lexicon list (for the compiler): records in key order, each the length of
/// the prefix shared with the previous key, the rest of the key, the word's frequency (0: not a word
/// of the segmenter) times two plus one where it is a lexical word that no headword explains, and the
/// headword's postings (count 0: not a headword; else the start, as the zig-zagged difference from the
/// last start of a single id or of a list as this one is, and the kinds). Records run in the headword
/// map's key order, in which single ids and list offsets mostly grow: the differences take a byte or
/// two where the starts took three.
#[derive(Debug, Default)]
pub struct LexiconWriter {
    out: Vec<u8>,
    previous: Vec<u8>,
    starts: [u32; 2],
}

impl LexiconWriter {
    /// Appends a record; keys must come in increasing byte order.
    pub fn record(&mut self, key: &str, freq: u32, composed: bool, postings: Option<Postings>) {
        let put = crate::bytes::put_varint;
        let shared = self.previous.iter().zip(key.as_bytes()).take_while(|(a, b)| a == b).count();
        put(&mut self.out, shared as u32);
        put(&mut self.out, (key.len() - shared) as u32);
        self.out.extend_from_slice(&key.as_bytes()[shared..]);
        put(&mut self.out, freq.min(u32::MAX / 2) * 2 + u32::from(composed && freq > 0));
        match postings {
            Some(p) if p.len > 0 => {
                put(&mut self.out, u32::from(p.len));
                let previous = &mut self.starts[usize::from(p.len > 1)];
                put(&mut self.out, zigzag(p.start.wrapping_sub(*previous) as i32));
                *previous = p.start;
                put(&mut self.out, u32::from(p.kinds.0));
            }
            _ => put(&mut self.out, 0),
        }
        self.previous.clear();
        self.previous.extend_from_slice(key.as_bytes());
    }

    /// The list.
    pub fn finish(self) -> Vec<u8> {
        self.out
    }
}

/// A set of character pairs as a bitmap of their hashes (32 KiB): no false negatives, a few percent
/// false positives at the joinable map's size. Written by the compiler, read in place.
pub(crate) mod pair_filter {
    const BITS: u32 = 18;

    fn bit(a: char, b: char) -> usize {
        let h = ((u64::from(a as u32) << 21) | u64::from(b as u32)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (h >> (64 - BITS)) as usize
    }

    /// The bitmap of the first two characters of each key (keys of one character are left out).
    /// For the compiler, which the wasm build leaves out.
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    pub fn build<'a>(keys: impl Iterator<Item = &'a str>) -> Vec<u8> {
        let mut bitmap = vec![0u8; (1 << BITS) / 8];
        for key in keys {
            let mut chars = key.chars();
            if let (Some(a), Some(b)) = (chars.next(), chars.next()) {
                let i = bit(a, b);
                bitmap[i / 8] |= 1 << (i % 8);
            }
        }
        bitmap
    }

    /// Whether the pair may be in the set (a short or damaged bitmap says yes).
    pub fn contains(bitmap: &[u8], a: char, b: char) -> bool {
        let i = bit(a, b);
        bitmap.get(i / 8).is_none_or(|byte| byte & (1 << (i % 8)) != 0)
    }
}

fn walk_prefixes(map: &Map<Section>, text: &str, mut found: impl FnMut(usize, Postings)) {
    let fst = map.as_fst();
    let mut node = fst.root();
    let mut out = Output::zero();
    for (i, b) in text.bytes().enumerate() {
        let Some(i_t) = node.find_input(b.to_ascii_lowercase()) else { return };
        let t = node.transition(i_t);
        out = out.cat(t.out);
        node = fst.node(t.addr);
        if node.is_final() && text.is_char_boundary(i + 1) {
            found(i + 1, Postings::unpack(out.cat(node.final_output()).value()));
        }
    }
}

fn range_with_prefix(map: &Map<Section>, prefix: &str, max: usize) -> Vec<(String, Postings)> {
    let mut stream = map.range().gt(prefix).into_stream();
    let mut out = Vec::new();
    while let Some((k, v)) = stream.next() {
        if out.len() >= max || !k.starts_with(prefix.as_bytes()) {
            break;
        }
        out.push((String::from_utf8_lossy(k).into_owned(), Postings::unpack(v)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(section: &[u8], p: Postings) -> Vec<u32> {
        PostingIds::new(section, p).collect()
    }

    #[test]
    fn posting_lists_round_trip_in_any_order() {
        let lists: [&[u32]; 4] = [&[5, 3, 900_000, 0], &[0, 1, 2, 3], &[u32::MAX, 0], &[126_393, 17]];
        let mut bytes = vec![0xAA]; // lists start anywhere in the section
        let mut values = Vec::new();
        for ids in lists {
            values.push(Postings { start: bytes.len() as u32, len: ids.len() as u16, kinds: Kinds::empty() });
            put_posting_list(&mut bytes, ids);
        }
        for (ids, p) in lists.iter().zip(values) {
            assert_eq!(read(&bytes, p), *ids);
        }
    }

    #[test]
    fn every_entry_is_found_in_every_stream_across_blocks() {
        for count in [0, 1, ENTRY_BLOCK - 1, ENTRY_BLOCK, 2 * ENTRY_BLOCK + 3] {
            // Entries of varied lengths: many senses or none, a long gloss or none.
            let entries: Vec<Entry> = (0..count as u32)
                .map(|id| Entry {
                    id,
                    simplified: "字".repeat(id as usize % 7 + 1),
                    traditional: "字".into(),
                    pinyin: "zi4 ".repeat(id as usize % 3).trim_end().into(),
                    senses: (0..id % 5).map(|s| format!("sense {}", s * id)).collect(),
                    kinds: Kinds(id as u16),
                    hsk: None,
                    frequency: id * 1_000,
                    source: crate::entry::Source::Cedict,
                    refs: vec![id; id as usize % 2],
                    gloss: Some("x".repeat(id as usize * 3)).filter(|g| !g.is_empty()),
                    slang: None,
                })
                .collect();
            let shared = SharedWriter::new(
                entries.iter().map(|e| e.pinyin.as_str()),
                entries.iter().flat_map(|e| e.senses.iter().map(String::as_str)),
            );
            let syllables = parse_syllables(&shared.syllables_section());
            let senses = shared.senses_section();
            let tables = Shared { syllables: &syllables, senses: &senses };
            let (index, streams, kinds) = entry_table(&entries, &shared);
            assert_eq!(kinds.len(), count * 2);
            let read = |id: u32, streams: [&[u8]; stream::COUNT]| {
                let [Some(h), Some(s), Some(e)] = [0, 1, 2].map(|k| entry_in(&index, k, streams[k], id)) else {
                    return None;
                };
                let k = Kinds(u16::from_le_bytes([kinds[id as usize * 2], kinds[id as usize * 2 + 1]]));
                Entry::decode(id, k, [h, s, e], &tables)
            };
            let whole = [&streams[0][..], &streams[1][..], &streams[2][..]];
            for e in &entries {
                assert_eq!(read(e.id, whole).as_ref(), Some(e), "entry {} of {count}", e.id);
            }
            assert_eq!(read(count as u32, whole), None);
            // Cut sections give no entry rather than a wrong one or a panic.
            if let Some(last) = entries.last() {
                let cut = [&streams[0][..streams[0].len() - 1], whole[1], whole[2]];
                assert_eq!(read(last.id, cut), None);
                assert_eq!(entry_in(&index[..4], 0, whole[0], last.id), None);
            }
        }
    }

    #[test]
    fn the_lexicon_list_reads_back_what_was_written_in_any_steps() {
        let records: Vec<(&str, u32, bool, Option<Postings>)> = vec![
            ("yyds", 40, false, Some(Postings { start: 7, len: 1, kinds: Kinds::SLANG })),
            ("一", 5, false, Some(Postings { start: 900, len: 1, kinds: Kinds::WORD })),
            ("一下", 70, false, Some(Postings { start: 12, len: 1, kinds: Kinds::WORD })),
            ("一些", 0, false, Some(Postings { start: 4_000, len: 3, kinds: Kinds::WORD | Kinds::NAME })),
            ("一会儿", 3, true, None),
            ("一心", 8, false, None),
            ("一样", 0, false, Some(Postings { start: 4_010, len: 2, kinds: Kinds::IDIOM })),
        ];
        let mut writer = LexiconWriter::default();
        for &(key, freq, composed, p) in &records {
            writer.record(key, freq, composed, p);
        }
        let list = writer.finish();
        let composed = Some(Postings { start: 0, len: 0, kinds: Kinds::COMPOSED });
        let want: Vec<(String, Option<u64>, Option<Postings>)> = records
            .iter()
            .map(|&(k, f, c, p)| (k.to_string(), (f > 0).then_some(u64::from(f)), if c { composed } else { p }))
            .collect();
        for step in [1, 2, 3, 100] {
            let (mut cursor, mut got) = (LexiconCursor::default(), Vec::new());
            while read_lexicon(&list, &mut cursor, step, |k, f, p| got.push((k.to_string(), f, p))) {}
            assert_eq!(got, want, "in steps of {step}");
        }
        // A cut list ends early, with what it had read.
        let (mut cursor, mut got) = (LexiconCursor::default(), Vec::new());
        assert!(!read_lexicon(&list[..list.len() - 1], &mut cursor, 100, |k, _, _| got.push(k.to_string())));
        assert_eq!(got.len(), records.len() - 1);
    }

    #[test]
    fn a_single_id_is_the_value_itself() {
        assert_eq!(read(&[], Postings { start: 77_000, len: 1, kinds: Kinds::WORD }), vec![77_000]);
    }

    #[test]
    fn a_damaged_list_ends_early() {
        let mut bytes = Vec::new();
        put_posting_list(&mut bytes, &[300, 70_000, 5]);
        let cut = bytes.len() - 1;
        let p = Postings { start: 0, len: 3, kinds: Kinds::empty() };
        assert_eq!(read(&bytes[..cut], p), vec![300, 70_000]);
        assert_eq!(read(&bytes, Postings { start: 1_000, ..p }), Vec::<u32>::new());
    }
}
