//! What the dictionary knows about one headword reading: an [`Entry`], its [`Kinds`], and for the
//! project's own slang layer its [`Slang`] explanation. Entries are stored encoded in the entry table
//! and decoded on demand (one decode costs a few small allocations).

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::bytes::{Cursor, put_str, put_strs, put_varint};
use crate::pinyin;
use crate::shared::{Shared, SharedWriter};

/// What kind of unit a headword or a span of text is. A set of bits; a span can be several kinds at once
/// (集美 is slang, a word and a place name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Kinds(pub u16);

impl Kinds {
    /// An ordinary dictionary word.
    pub const WORD: Kinds = Kinds(1);
    /// A four-character idiom (chengyu) or set phrase.
    pub const IDIOM: Kinds = Kinds(1 << 1);
    /// Internet slang or a meme.
    pub const SLANG: Kinds = Kinds(1 << 2);
    /// A Latin pinyin abbreviation (`yyds`).
    pub const ABBREVIATION: Kinds = Kinds(1 << 3);
    /// Number slang (`520`), only where the number stands alone.
    pub const NUMBER: Kinds = Kinds(1 << 4);
    /// An emoji code as it appears in copied text (`[笑哭R]`).
    pub const EMOJI: Kinds = Kinds(1 << 5);
    /// A proper name: person, place, brand.
    pub const NAME: Kinds = Kinds(1 << 6);
    /// Text the dictionary has no entry for.
    pub const UNKNOWN: Kinds = Kinds(1 << 7);
    /// A word the segmenter's model knows but no layer explains (这家, 两个): shown whole, with the
    /// meanings of its parts.
    pub const COMPOSED: Kinds = Kinds(1 << 8);
    /// The kinds a unit keeps whole even where the segmenter cut it: memes, idioms, abbreviations and
    /// emoji codes.
    pub const JOINABLE: Kinds = Kinds(Kinds::SLANG.0 | Kinds::IDIOM.0 | Kinds::ABBREVIATION.0 | Kinds::EMOJI.0);

    const NAMES: [(Kinds, &'static str); 9] = [
        (Kinds::WORD, "word"),
        (Kinds::IDIOM, "idiom"),
        (Kinds::SLANG, "slang"),
        (Kinds::ABBREVIATION, "abbreviation"),
        (Kinds::NUMBER, "number"),
        (Kinds::EMOJI, "emoji"),
        (Kinds::NAME, "name"),
        (Kinds::UNKNOWN, "unknown"),
        (Kinds::COMPOSED, "composed"),
    ];

    /// The empty set.
    pub const fn empty() -> Kinds {
        Kinds(0)
    }

    /// Whether every kind in `other` is in `self`.
    pub const fn contains(self, other: Kinds) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether `self` and `other` share a kind.
    pub const fn intersects(self, other: Kinds) -> bool {
        self.0 & other.0 != 0
    }

    /// The kinds' names, in a fixed order (`["word", "slang"]`).
    pub fn names(self) -> Vec<&'static str> {
        Kinds::NAMES.iter().filter(|(k, _)| self.contains(*k)).map(|(_, n)| *n).collect()
    }

    /// The kind with this name, if any.
    pub fn from_name(name: &str) -> Option<Kinds> {
        Kinds::NAMES.iter().find(|(_, n)| *n == name).map(|(k, _)| *k)
    }
}

impl std::ops::BitOr for Kinds {
    type Output = Kinds;
    fn bitor(self, rhs: Kinds) -> Kinds {
        Kinds(self.0 | rhs.0)
    }
}

impl std::ops::BitOrAssign for Kinds {
    fn bitor_assign(&mut self, rhs: Kinds) {
        self.0 |= rhs.0;
    }
}

impl Serialize for Kinds {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.names())
    }
}

/// Where an entry comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// CC-CEDICT (CC BY-SA 4.0).
    Cedict,
    /// RedLens's own slang, meme and idiom layer.
    RedLens,
}

impl Source {
    /// The name used in JSON and in `redlens stats`.
    pub fn name(self) -> &'static str {
        match self {
            Source::Cedict => "cc-cedict",
            Source::RedLens => "redlens",
        }
    }
}

/// Usage flags of a slang entry, as bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Flags(pub u8);

impl Flags {
    const NAMES: [&'static str; 6] = ["vulgar", "mocking", "offensive", "dated", "regional", "sensitive"];

    /// The flag with this name, if it is one of `vulgar`, `mocking`, `offensive`, `dated`, `regional`,
    /// `sensitive`.
    pub fn from_name(name: &str) -> Option<Flags> {
        Flags::NAMES.iter().position(|n| *n == name).map(|i| Flags(1 << i))
    }

    /// The names of the flags set.
    pub fn names(self) -> Vec<&'static str> {
        Flags::NAMES.iter().enumerate().filter(|(i, _)| self.0 & (1 << i) != 0).map(|(_, n)| *n).collect()
    }
}

/// The explanation of a slang entry in one language.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize)]
pub struct Explanation {
    /// Language code (`en`).
    pub lang: String,
    /// The sense a newcomer needs: what it means, when it is said, its tone.
    pub meaning: String,
    /// The literal meaning, where it differs.
    pub literal: Option<String>,
    /// Register, patterns, who says it.
    pub usage: Option<String>,
    /// Where it comes from.
    pub origin: Option<String>,
    /// An example in Chinese, in the style of a post or comment.
    pub example_zh: String,
    /// The example in this language.
    pub example_en: String,
}

/// What the project's own layer adds to an entry.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Slang {
    /// The category, named after its data file (`abbreviation`, `meme-2020s`, …).
    pub category: String,
    /// For an abbreviation, the Chinese it stands for.
    pub full: Option<String>,
    /// Other spellings, all of them lookup keys.
    pub variants: Vec<String>,
    /// Roughly when it spread.
    pub year: Option<u16>,
    /// Usage flags.
    pub flags: Flags,
    /// Related terms.
    pub related: Vec<String>,
    /// The same meaning in plain standard Mandarin that fits where the term stood (yyds → 最棒的): what a
    /// translator is given in the term's place.
    pub plain: Option<String>,
    /// The explanation in each language written (English first).
    pub explanations: Vec<Explanation>,
}

/// One dictionary entry: a headword with one reading and its senses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Index in the entry table; what `annotate` reports and `Engine::entry` takes.
    pub id: u32,
    /// Simplified form.
    pub simplified: String,
    /// Traditional form (the same as simplified where they do not differ).
    pub traditional: String,
    /// Numbered pinyin, CC-CEDICT style (`lu:4 se4`).
    pub pinyin: String,
    /// The senses, most important first. For a slang entry, the slang meaning is the first.
    pub senses: Vec<String>,
    /// What kind of unit it is.
    pub kinds: Kinds,
    /// HSK 3.0 level (1–6, 7 for levels 7–9), where the word is on the list.
    pub hsk: Option<u8>,
    /// Corpus frequency of the simplified form (jieba's counts), 0 where unknown. Ranks search results.
    pub frequency: u32,
    /// Where it comes from.
    pub source: Source,
    /// Entries that a "see X" / "variant of X" sense points to, resolved at build time.
    pub refs: Vec<u32>,
    /// For an idiom, a character-by-character gloss built from the characters' own entries
    /// (`一丝不苟` → `one · silk · not · careless`), shown beside the figurative meaning.
    pub gloss: Option<String>,
    /// The slang layer's explanation, for the project's own entries.
    pub slang: Option<Slang>,
}

/// The streams an entry is written to, each a section of its own (format 8): the fields a card shows
/// first, the senses, and the extras (cross-references, the idiom gloss, the slang layer's explanation).
/// Fields of one kind stored together deflate about 8 % smaller than entries stored whole.
pub mod stream {
    /// Source, HSK level, frequency, simplified, traditional, pinyin. (The kinds are a column of their
    /// own, read in place: see [`crate::dict::section::ENTRY_KINDS`].)
    pub const HEAD: usize = 0;
    /// The senses.
    pub const SENSES: usize = 1;
    /// Cross-references, the idiom gloss, and the slang layer's explanation.
    pub const EXTRAS: usize = 2;
    /// How many there are.
    pub const COUNT: usize = 3;
}

impl Entry {
    /// Appends the entry's encoding to the streams (see [`stream`]; the id is its position and the kinds
    /// are stored apart, neither here), its pinyin and senses as references to the shared tables (which
    /// must know its syllables).
    pub fn encode(&self, out: &mut [Vec<u8>; stream::COUNT], shared: &SharedWriter) {
        let [head, senses, extras] = out;
        head.push(match self.source {
            Source::Cedict => 0,
            Source::RedLens => 1,
        });
        head.push(self.hsk.unwrap_or(0));
        put_varint(head, self.frequency);
        put_str(head, &self.simplified);
        put_str(head, if self.traditional == self.simplified { "" } else { &self.traditional });
        shared.put_pinyin(head, &self.pinyin);
        shared.put_senses(senses, &self.senses);
        // Whether the layer's explanation follows (our modern vocabulary has none).
        extras.push(u8::from(self.slang.is_some()));
        put_varint(extras, self.refs.len() as u32);
        for r in &self.refs {
            put_varint(extras, *r);
        }
        put_str(extras, self.gloss.as_deref().unwrap_or(""));
        if let Some(s) = &self.slang {
            put_str(extras, &s.category);
            put_str(extras, s.full.as_deref().unwrap_or(""));
            put_strs(extras, &s.variants);
            extras.extend_from_slice(&s.year.unwrap_or(0).to_le_bytes());
            extras.push(s.flags.0);
            put_strs(extras, &s.related);
            put_str(extras, s.plain.as_deref().unwrap_or(""));
            put_varint(extras, s.explanations.len() as u32);
            for e in &s.explanations {
                for field in [&e.lang, &e.meaning] {
                    put_str(extras, field);
                }
                for field in [&e.literal, &e.usage, &e.origin] {
                    put_str(extras, field.as_deref().unwrap_or(""));
                }
                put_str(extras, &e.example_zh);
                put_str(extras, &e.example_en);
            }
        }
    }

    /// Moves `c` past one entry's encoding in stream `which` (see [`stream`]) without decoding it;
    /// `None` if the bytes are damaged. Costs a few varint reads, no allocation.
    pub fn skip(which: usize, c: &mut Cursor) -> Option<()> {
        match which {
            stream::HEAD => {
                skip_to_pinyin(c)?;
                Shared::skip_pinyin(c)
            }
            stream::SENSES => Shared::skip_senses(c),
            _ => {
                let explained = c.u8()? == 1;
                for _ in 0..c.varint()? {
                    c.varint()?; // a reference
                }
                c.skip_str()?; // gloss
                if explained {
                    c.skip_str()?; // category
                    c.skip_str()?; // full form
                    c.skip_strs()?; // variants
                    c.take(3)?; // year, flags
                    c.skip_strs()?; // related
                    c.skip_str()?; // plain form
                    for _ in 0..c.varint()? {
                        for _ in 0..7 {
                            c.skip_str()?; // an explanation's fields
                        }
                    }
                }
                Some(())
            }
        }
    }

    /// Reads only the source, frequency and simplified form of an entry, from its head (what orders
    /// search results): no allocation. `None` if the bytes are damaged.
    pub fn decode_standing(head: &[u8]) -> Option<(Source, u32, &str)> {
        let mut c = Cursor::new(head);
        let source = read_source(&mut c)?;
        c.u8()?; // HSK level
        Some((source, c.varint()?, c.str()?))
    }

    /// Reads only the numbers of an entry's pinyin syllables (see [`crate::shared`]), from its head;
    /// `None` if the bytes are damaged.
    pub fn decode_syllable_numbers(head: &[u8]) -> Option<Vec<u32>> {
        let mut c = Cursor::new(head);
        skip_to_pinyin(&mut c)?;
        Shared::syllable_numbers(&mut c)
    }

    /// Reads only the numbered pinyin of an entry, from its head; `None` if the bytes are damaged.
    pub fn decode_pinyin(head: &[u8], shared: &Shared) -> Option<String> {
        let mut c = Cursor::new(head);
        skip_to_pinyin(&mut c)?;
        shared.pinyin(&mut c)
    }

    /// Decodes the entry `id` of these kinds from its encoding in each stream (each slice starting where
    /// the entry does, and running on past it or not); `None` if the bytes are damaged.
    pub fn decode(id: u32, kinds: Kinds, streams: [&[u8]; stream::COUNT], shared: &Shared) -> Option<Entry> {
        let [head, senses, extras] = streams;
        let mut c = Cursor::new(head);
        let source = read_source(&mut c)?;
        let hsk = Some(c.u8()?).filter(|&l| l != 0);
        let frequency = c.varint()?;
        let simplified = c.str()?.to_string();
        let traditional = Some(c.str()?).filter(|t| !t.is_empty()).unwrap_or(&simplified).to_string();
        let pinyin = shared.pinyin(&mut c)?;
        let senses = shared.senses(&mut Cursor::new(senses))?;
        let mut c = Cursor::new(extras);
        let explained = match c.u8()? {
            0 => false,
            1 => true,
            _ => return None,
        };
        let n = c.varint()? as usize;
        let mut refs = Vec::with_capacity(n.min(c.remaining()));
        for _ in 0..n {
            refs.push(c.varint()?);
        }
        let gloss = non_empty(c.str()?);
        let slang = if explained {
            let category = c.str()?.to_string();
            let full = non_empty(c.str()?);
            let variants = c.strs()?;
            let year = Some(c.u16()?).filter(|&y| y != 0);
            let flags = Flags(c.u8()?);
            let related = c.strs()?;
            let plain = non_empty(c.str()?);
            let n = c.varint()? as usize;
            let mut explanations = Vec::with_capacity(n.min(c.remaining()));
            for _ in 0..n {
                explanations.push(Explanation {
                    lang: c.str()?.to_string(),
                    meaning: c.str()?.to_string(),
                    literal: non_empty(c.str()?),
                    usage: non_empty(c.str()?),
                    origin: non_empty(c.str()?),
                    example_zh: c.str()?.to_string(),
                    example_en: c.str()?.to_string(),
                });
            }
            Some(Slang { category, full, variants, year, flags, related, plain, explanations })
        } else {
            None
        };
        Some(Entry { id, simplified, traditional, pinyin, senses, kinds, hsk, frequency, source, refs, gloss, slang })
    }

    /// The pinyin with tone marks (`lǜ sè`).
    pub fn pinyin_marks(&self) -> String {
        pinyin::to_marks(&self.pinyin)
    }

    /// The English explanation of a slang entry, if it has one.
    pub fn explanation(&self) -> Option<&Explanation> {
        self.slang.as_ref()?.explanations.iter().find(|e| e.lang == "en")
    }
}

/// Moves a cursor at an entry's head past the fields before its pinyin.
fn skip_to_pinyin(c: &mut Cursor) -> Option<()> {
    c.take(2)?; // source, HSK level
    c.varint()?; // frequency
    c.skip_str()?; // simplified
    c.skip_str() // traditional
}

/// The source byte an entry's head starts with.
fn read_source(c: &mut Cursor) -> Option<Source> {
    match c.u8()? {
        0 => Some(Source::Cedict),
        1 => Some(Source::RedLens),
        _ => None,
    }
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// The JSON shape of an entry, shared by the CLI and the wasm API: the stored fields plus the derived
/// display forms of the pinyin (`pinyin_marks`, `zhuyin`, `tones`).
impl Serialize for Entry {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Entry", 21)?;
        st.serialize_field("id", &self.id)?;
        st.serialize_field("simplified", &self.simplified)?;
        st.serialize_field("traditional", &self.traditional)?;
        st.serialize_field("pinyin", &self.pinyin)?;
        st.serialize_field("pinyin_marks", &self.pinyin_marks())?;
        st.serialize_field("zhuyin", &pinyin::to_zhuyin(&self.pinyin))?;
        st.serialize_field("tones", &pinyin::tones(&self.pinyin))?;
        st.serialize_field("senses", &self.senses)?;
        st.serialize_field("kinds", &self.kinds)?;
        st.serialize_field("hsk", &self.hsk)?;
        st.serialize_field("frequency", &self.frequency)?;
        st.serialize_field("source", self.source.name())?;
        st.serialize_field("refs", &self.refs)?;
        st.serialize_field("literal_gloss", &self.gloss)?;
        let slang = self.slang.as_ref();
        st.serialize_field("category", &slang.map(|s| &s.category))?;
        st.serialize_field("full", &slang.and_then(|s| s.full.as_ref()))?;
        st.serialize_field("variants", &slang.map_or(&[][..], |s| &s.variants[..]))?;
        st.serialize_field("year", &slang.and_then(|s| s.year))?;
        st.serialize_field("flags", &slang.map(|s| s.flags.names()).unwrap_or_default())?;
        st.serialize_field("related", &slang.map_or(&[][..], |s| &s.related[..]))?;
        st.serialize_field("plain", &slang.and_then(|s| s.plain.as_ref()))?;
        st.serialize_field("explanation", &self.explanation())?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_decode_round_trip() {
        let e = Entry {
            id: 7,
            simplified: "永远的神".into(),
            traditional: "永遠的神".into(),
            pinyin: "yong3 yuan3 de5 shen2".into(),
            senses: vec!["the greatest".into()],
            kinds: Kinds::SLANG | Kinds::ABBREVIATION,
            hsk: None,
            frequency: 12,
            source: Source::RedLens,
            refs: vec![1, 300],
            gloss: None,
            slang: Some(Slang {
                category: "abbreviation".into(),
                full: Some("永远的神".into()),
                variants: vec!["yyds".into()],
                year: Some(2020),
                flags: Flags::from_name("mocking").unwrap(),
                related: vec![],
                plain: Some("最棒的".into()),
                explanations: vec![Explanation {
                    lang: "en".into(),
                    meaning: "GOAT".into(),
                    literal: Some("forever's god".into()),
                    usage: None,
                    origin: None,
                    example_zh: "yyds".into(),
                    example_en: "GOAT".into(),
                }],
            }),
        };
        // "the greatest" is shared (another entry gives it too), so it is read from the table.
        let writer = SharedWriter::new([e.pinyin.as_str()].into_iter(), ["the greatest"; 2].into_iter());
        let syllables = crate::shared::parse_syllables(&writer.syllables_section());
        let table = writer.senses_section();
        let shared = Shared { syllables: &syllables, senses: &table };
        let plain = Entry { id: 8, slang: None, source: Source::Cedict, refs: vec![], ..e.clone() };
        let mut out: [Vec<u8>; stream::COUNT] = Default::default();
        e.encode(&mut out, &writer);
        let ends = out.clone().map(|s| s.len());
        plain.encode(&mut out, &writer);
        assert!(!out.iter().any(|s| s.windows(12).any(|w| w == b"the greatest")));
        let first = [&out[0][..], &out[1][..], &out[2][..]];
        assert_eq!(Entry::decode(7, e.kinds, first, &shared), Some(e.clone()));
        assert_eq!(Entry::decode_pinyin(first[0], &shared).as_deref(), Some(e.pinyin.as_str()));
        assert_eq!(Entry::decode_standing(first[0]), Some((e.source, e.frequency, e.simplified.as_str())));
        // Skipping the first entry in each stream lands where the second starts.
        let second: Vec<&[u8]> = (0..stream::COUNT)
            .map(|k| {
                let mut c = Cursor::new(&out[k]);
                Entry::skip(k, &mut c).expect("skips");
                assert_eq!(out[k].len() - c.remaining(), ends[k], "stream {k}");
                &out[k][ends[k]..]
            })
            .collect();
        assert_eq!(Entry::decode(8, plain.kinds, [second[0], second[1], second[2]], &shared), Some(plain));
        // A cut anywhere in the first entry's bytes fails it, in decoding and in skipping.
        for k in 0..stream::COUNT {
            for cut in 0..ends[k] {
                let mut streams = first;
                streams[k] = &out[k][..cut];
                assert_eq!(Entry::decode(7, e.kinds, streams, &shared), None, "stream {k} cut at {cut}");
                assert_eq!(Entry::skip(k, &mut Cursor::new(&out[k][..cut])), None, "stream {k} cut at {cut}");
            }
        }
    }

    #[test]
    fn kinds_have_names() {
        assert_eq!((Kinds::SLANG | Kinds::WORD).names(), vec!["word", "slang"]);
        assert_eq!(Kinds::from_name("idiom"), Some(Kinds::IDIOM));
    }
}
