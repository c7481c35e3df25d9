//! Strings that many entries hold, stored once in the dictionary file: the pinyin syllables (`shi4`,
//! each a number in the `SYLL` section's list) and every sense that two or more entries give
//! (`surname Li`, in the `SENS` section, referred to by its offset). An entry's pinyin is then a few
//! one- or two-byte numbers, and a repeated sense three bytes: about 2 MB less of the 12 MB of entries,
//! and of the memory that holds them (format 8).
//!
//! Reading costs a lookup in a list per syllable and a string read per shared sense; the syllable list
//! (some 2,600 strings) is parsed once, at the first entry decoded.

use rustc_hash::FxHashMap;

use crate::bytes::{Cursor, put_str, put_varint};

/// The tables an entry's encoding refers to, as a reader sees them.
#[derive(Debug, Clone, Copy)]
pub struct Shared<'a> {
    /// Each syllable, by number.
    pub syllables: &'a [String],
    /// The `SENS` section: shared senses, each a length-prefixed string, at the offsets entries give.
    pub senses: &'a [u8],
}

impl<'a> Shared<'a> {
    /// Reads numbered pinyin written by [`SharedWriter::put_pinyin`]: syllables joined by spaces.
    pub fn pinyin(&self, c: &mut Cursor<'_>) -> Option<String> {
        let n = c.varint()? as usize;
        // A damaged count must not reserve gigabytes: each syllable takes at least a byte.
        let mut out = String::with_capacity(n.min(c.remaining()) * 5);
        for i in 0..n {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(self.syllables.get(c.varint()? as usize)?);
        }
        Some(out)
    }

    /// Reads numbered pinyin as the syllables' numbers in the list.
    pub fn syllable_numbers(c: &mut Cursor) -> Option<Vec<u32>> {
        let n = c.varint()? as usize;
        let mut out = Vec::with_capacity(n.min(c.remaining()));
        for _ in 0..n {
            out.push(c.varint()?);
        }
        Some(out)
    }

    /// Moves past numbered pinyin without reading the syllables.
    pub fn skip_pinyin(c: &mut Cursor) -> Option<()> {
        for _ in 0..c.varint()? {
            c.varint()?;
        }
        Some(())
    }

    /// Moves past a list of senses without reading them.
    pub fn skip_senses(c: &mut Cursor) -> Option<()> {
        for _ in 0..c.varint()? {
            let v = c.varint()? as usize;
            if v & 1 == 0 {
                c.take(v >> 1)?;
            }
        }
        Some(())
    }

    /// Reads a sense written by [`SharedWriter::put_sense`].
    pub fn sense(&self, c: &mut Cursor<'a>) -> Option<&'a str> {
        let v = c.varint()? as usize;
        if v & 1 == 0 {
            std::str::from_utf8(c.take(v >> 1)?).ok()
        } else {
            Cursor::new(self.senses.get(v >> 1..)?).str()
        }
    }

    /// Reads a list of senses written by [`SharedWriter::put_senses`].
    pub fn senses(&self, c: &mut Cursor<'a>) -> Option<Vec<String>> {
        let n = c.varint()? as usize;
        let mut out = Vec::with_capacity(n.min(c.remaining()));
        for _ in 0..n {
            out.push(self.sense(c)?.to_string());
        }
        Some(out)
    }
}

/// Parses the `SYLL` section (syllables separated by spaces; an empty or damaged one gives none, and
/// entries then fail to decode rather than show wrong readings).
pub fn parse_syllables(section: &[u8]) -> Vec<String> {
    std::str::from_utf8(section).map(|s| s.split(' ').map(str::to_owned).collect()).unwrap_or_default()
}

/// For each syllable of the list, a number that another syllable shares exactly where the two are the
/// same syllable, letters and tone, whatever the case of the letters (`Hang2` and `hang2`), as
/// [`crate::pinyin::syllables`] reads them: readings then compare as numbers.
pub fn syllable_keys(syllables: &[String]) -> Vec<u32> {
    let mut keys: FxHashMap<(String, u8), u32> = FxHashMap::default();
    syllables
        .iter()
        .map(|s| {
            let key = crate::pinyin::syllables(s)
                .pop()
                .map_or((String::new(), 0), |s| (s.letters.to_ascii_lowercase(), s.tone));
            let next = keys.len() as u32;
            *keys.entry(key).or_insert(next)
        })
        .collect()
}

/// Builds the tables from every entry's pinyin and senses, and writes entries' references to them.
#[derive(Debug, Default)]
pub struct SharedWriter {
    syllables: FxHashMap<String, u32>,
    syllable_list: Vec<String>,
    senses: FxHashMap<String, u32>,
    sense_table: Vec<u8>,
}

impl SharedWriter {
    /// Tables for these readings and senses: syllables numbered from the most frequent (one byte for
    /// the commonest 128), senses given by two or more entries stored once, the most frequent first.
    pub fn new<'e>(readings: impl Iterator<Item = &'e str>, senses: impl Iterator<Item = &'e str>) -> Self {
        let mut w = SharedWriter::default();
        let mut syllable_counts: FxHashMap<&str, usize> = FxHashMap::default();
        for s in readings.flat_map(|p| p.split(' ').filter(|s| !s.is_empty())) {
            *syllable_counts.entry(s).or_default() += 1;
        }
        let mut sense_counts: FxHashMap<&str, usize> = FxHashMap::default();
        for s in senses {
            *sense_counts.entry(s).or_default() += 1;
        }
        // Sorted by count, then by text, so the same entries give the same bytes.
        let by_count = |counts: FxHashMap<&'e str, usize>| {
            let mut v: Vec<(&str, usize)> = counts.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            v
        };
        for (s, _) in by_count(syllable_counts) {
            w.syllables.insert(s.to_owned(), w.syllable_list.len() as u32);
            w.syllable_list.push(s.to_owned());
        }
        for (s, _) in by_count(sense_counts).into_iter().take_while(|&(_, n)| n > 1) {
            w.senses.insert(s.to_owned(), w.sense_table.len() as u32);
            put_str(&mut w.sense_table, s);
        }
        w
    }

    /// Writes numbered pinyin (syllables separated by single spaces, each one the tables know) as a
    /// count and the syllables' numbers.
    pub fn put_pinyin(&self, out: &mut Vec<u8>, pinyin: &str) {
        let syllables: Vec<u32> = pinyin.split(' ').filter(|s| !s.is_empty()).map(|s| self.syllables[s]).collect();
        put_varint(out, syllables.len() as u32);
        for s in syllables {
            put_varint(out, s);
        }
    }

    /// Writes a sense: its offset in the table if it is shared (odd), else its length (even) and bytes.
    pub fn put_sense(&self, out: &mut Vec<u8>, sense: &str) {
        match self.senses.get(sense) {
            Some(&offset) => put_varint(out, (offset << 1) | 1),
            None => {
                put_varint(out, (sense.len() as u32) << 1);
                out.extend_from_slice(sense.as_bytes());
            }
        }
    }

    /// Writes a list of senses: the count, then each.
    pub fn put_senses(&self, out: &mut Vec<u8>, senses: &[String]) {
        put_varint(out, senses.len() as u32);
        for s in senses {
            self.put_sense(out, s);
        }
    }

    /// The `SYLL` section: the syllables by number, separated by spaces.
    pub fn syllables_section(&self) -> Vec<u8> {
        self.syllable_list.join(" ").into_bytes()
    }

    /// The `SYLK` section: each syllable's key (see [`syllable_keys`]), a little-endian `u32` by number.
    pub fn syllable_keys_section(&self) -> Vec<u8> {
        syllable_keys(&self.syllable_list).iter().flat_map(|k| k.to_le_bytes()).collect()
    }

    /// The `SENS` section: the shared senses.
    pub fn senses_section(&self) -> Vec<u8> {
        self.sense_table.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinyin_and_senses_round_trip_shared_or_not() {
        let readings = ["shi4 ni3", "ni3", "A zhi4"];
        let senses = ["to be", "you", "to be", "rare"];
        let w = SharedWriter::new(readings.into_iter(), senses.into_iter());
        let syllables = parse_syllables(&w.syllables_section());
        let table = w.senses_section();
        let shared = Shared { syllables: &syllables, senses: &table };
        let mut out = Vec::new();
        for p in readings {
            w.put_pinyin(&mut out, p);
        }
        w.put_senses(&mut out, &senses.map(String::from));
        let mut c = Cursor::new(&out);
        for p in readings {
            assert_eq!(shared.pinyin(&mut c).as_deref(), Some(p));
        }
        assert_eq!(shared.senses(&mut c), Some(senses.map(String::from).to_vec()));
        assert_eq!(c.remaining(), 0);
        // Only the sense two entries give is in the table; the most frequent syllable is number 0.
        assert_eq!(table.len(), 1 + "to be".len());
        assert_eq!(syllables[0], "ni3");
        let mut c = Cursor::new(&out);
        let numbers = Shared::syllable_numbers(&mut c).expect("reads");
        assert_eq!(numbers.iter().map(|&n| syllables[n as usize].as_str()).collect::<Vec<_>>(), ["shi4", "ni3"]);
    }

    #[test]
    fn syllables_share_a_key_where_they_differ_in_case_only() {
        let list: Vec<String> = ["hang2", "Hang2", "hang4", "lu:4", "lv4", "lü4", "A", "a"].map(String::from).to_vec();
        let keys = syllable_keys(&list);
        assert_eq!(keys[0], keys[1]);
        assert_ne!(keys[0], keys[2]);
        assert!(keys[3] == keys[4] && keys[4] == keys[5], "ü however written: {keys:?}");
        assert_eq!(keys[6], keys[7]);
    }

    #[test]
    fn damaged_references_fail_instead_of_panicking() {
        let syllables = vec!["ni3".to_string()];
        let shared = Shared { syllables: &syllables, senses: &[5, b'a'] };
        for bytes in [&[1u8, 9][..], &[1, 0x80], &[], &[0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0]] {
            assert_eq!(shared.pinyin(&mut Cursor::new(bytes)), None, "{bytes:?}");
        }
        for bytes in [&[1u8][..], &[7], &[4, b'a']] {
            assert_eq!(shared.sense(&mut Cursor::new(bytes)), None, "{bytes:?}");
        }
    }
}
