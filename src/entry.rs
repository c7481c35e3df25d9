//! What the dictionary knows about one headword reading: an [`Entry`], its [`Kinds`], and for the
//! project's own slang layer its [`Slang`] explanation. Entries are stored encoded in the entry table
//! and decoded on demand (one decode costs a few small allocations).

use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::bytes::{Cursor, put_str, put_strs, put_varint};
use crate::pinyin;

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

impl Entry {
    /// Appends the entry's encoding to `out` (the id is its position, not stored).
    pub fn encode(&self, out: &mut Vec<u8>) {
        // The source, and whether the layer's explanation follows (our modern vocabulary has none).
        out.push(match (self.source, &self.slang) {
            (Source::Cedict, _) => 0,
            (Source::RedLens, Some(_)) => 1,
            (Source::RedLens, None) => 2,
        });
        out.extend_from_slice(&self.kinds.0.to_le_bytes());
        out.push(self.hsk.unwrap_or(0));
        put_varint(out, self.frequency);
        put_str(out, &self.simplified);
        put_str(out, if self.traditional == self.simplified { "" } else { &self.traditional });
        put_str(out, &self.pinyin);
        put_strs(out, &self.senses);
        put_varint(out, self.refs.len() as u32);
        for r in &self.refs {
            put_varint(out, *r);
        }
        put_str(out, self.gloss.as_deref().unwrap_or(""));
        if let Some(s) = &self.slang {
            put_str(out, &s.category);
            put_str(out, s.full.as_deref().unwrap_or(""));
            put_strs(out, &s.variants);
            out.extend_from_slice(&s.year.unwrap_or(0).to_le_bytes());
            out.push(s.flags.0);
            put_strs(out, &s.related);
            put_str(out, s.plain.as_deref().unwrap_or(""));
            put_varint(out, s.explanations.len() as u32);
            for e in &s.explanations {
                for field in [&e.lang, &e.meaning] {
                    put_str(out, field);
                }
                for field in [&e.literal, &e.usage, &e.origin] {
                    put_str(out, field.as_deref().unwrap_or(""));
                }
                put_str(out, &e.example_zh);
                put_str(out, &e.example_en);
            }
        }
    }

    /// Reads only the numbered pinyin of an encoded entry, without decoding the rest or allocating;
    /// `None` if the bytes are damaged.
    pub fn decode_pinyin(bytes: &[u8]) -> Option<&str> {
        let mut c = Cursor::new(bytes);
        c.take(4)?; // source, kinds, HSK level
        c.varint()?; // frequency
        c.str()?; // simplified
        c.str()?; // traditional
        c.str()
    }

    /// Decodes the entry `id` from its encoding; `None` if the bytes are damaged.
    pub fn decode(id: u32, bytes: &[u8]) -> Option<Entry> {
        let mut c = Cursor::new(bytes);
        let (source, explained) = match c.u8()? {
            0 => (Source::Cedict, false),
            1 => (Source::RedLens, true),
            2 => (Source::RedLens, false),
            _ => return None,
        };
        let kinds = Kinds(c.u16()?);
        let hsk = Some(c.u8()?).filter(|&l| l != 0);
        let frequency = c.varint()?;
        let simplified = c.str()?.to_string();
        let traditional = Some(c.str()?).filter(|t| !t.is_empty()).unwrap_or(&simplified).to_string();
        let pinyin = c.str()?.to_string();
        let senses = c.strs()?;
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
        let mut out = Vec::new();
        e.encode(&mut out);
        assert_eq!(Entry::decode(7, &out), Some(e));
        for cut in 0..out.len() {
            assert_eq!(Entry::decode(7, &out[..cut]), None, "cut at {cut}");
        }
    }

    #[test]
    fn kinds_have_names() {
        assert_eq!((Kinds::SLANG | Kinds::WORD).names(), vec!["word", "slang"]);
        assert_eq!(Kinds::from_name("idiom"), Some(Kinds::IDIOM));
    }
}
