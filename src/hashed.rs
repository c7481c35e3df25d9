//! A table from strings to `u32`s, written once into a dictionary section and probed where it lies:
//! one hash and, mostly, one string comparison per lookup, and nothing built when it opens. For the
//! lookups made for many units of a text (the context rules' headwords and classes), where an FST's
//! walk cost about ten times as much, and a hash map built at the first use cost the first hover
//! milliseconds.
//!
//! Layout: the slot count (a power of two, a little-endian `u32`), the slots (`u32`s: 0 for an empty
//! slot, else 1 + the offset of a record), then the records: the key's length (`u16`), its bytes, its
//! value (`u32`). Keys are placed by [`hash`] and linear probing, at most half the slots full.

use crate::bytes::u32_at;

/// Writes a table of `entries` (keys unique, each under 64 KiB).
pub fn write<'k>(entries: impl IntoIterator<Item = (&'k str, u32)>) -> Vec<u8> {
    let entries: Vec<(&str, u32)> = entries.into_iter().collect();
    let count = (entries.len() * 2).next_power_of_two().max(1);
    let mut slots = vec![0u32; count];
    let mut records = Vec::new();
    for (key, value) in entries {
        let mut i = hash(key.as_bytes()) as usize & (count - 1);
        while slots[i] != 0 {
            i = (i + 1) & (count - 1);
        }
        slots[i] = records.len() as u32 + 1;
        records.extend((u16::try_from(key.len()).expect("a key under 64 KiB")).to_le_bytes());
        records.extend(key.as_bytes());
        records.extend(value.to_le_bytes());
    }
    let mut out = Vec::with_capacity(4 + count * 4 + records.len());
    out.extend((count as u32).to_le_bytes());
    out.extend(slots.iter().flat_map(|s| s.to_le_bytes()));
    out.extend(records);
    out
}

/// A table read in place from the bytes [`write`] made.
#[derive(Debug, Clone, Copy)]
pub struct Table<'a> {
    slots: &'a [u8],
    records: &'a [u8],
}

impl<'a> Table<'a> {
    /// The table in `bytes`, or `None` where its slots do not fit (a damaged table). Costs nothing
    /// more: a damaged record is found, and read as no entry, when a lookup meets it.
    pub fn new(bytes: &'a [u8]) -> Option<Table<'a>> {
        let count = u32_at(bytes, 0)? as usize;
        if !count.is_power_of_two() {
            return None;
        }
        let slots = bytes.get(4..4usize.checked_add(count.checked_mul(4)?)?)?;
        Some(Table { slots, records: &bytes[4 + slots.len()..] })
    }

    /// The value of `key`, if the table has it.
    pub fn get(&self, key: &str) -> Option<u32> {
        let count = self.slots.len() / 4;
        let mut i = hash(key.as_bytes()) as usize & (count - 1);
        // At most one pass over the slots, even over damaged ones.
        for _ in 0..count {
            let at = u32_at(self.slots, i)? as usize;
            let record = self.records.get(at.checked_sub(1)?..)?;
            let len = usize::from(u16::from_le_bytes([*record.first()?, *record.get(1)?]));
            if record.get(2..2 + len)? == key.as_bytes() {
                return u32_at(record.get(2 + len..)?, 0);
            }
            i = (i + 1) & (count - 1);
        }
        None
    }

    /// Every key and value, in the order written; the walk ends at a damaged record.
    pub fn entries(&self) -> impl Iterator<Item = (&'a str, u32)> + 'a {
        let mut rest = self.records;
        std::iter::from_fn(move || {
            let len = usize::from(u16::from_le_bytes([*rest.first()?, *rest.get(1)?]));
            let key = std::str::from_utf8(rest.get(2..2 + len)?).ok()?;
            let value = u32_at(rest.get(2 + len..)?, 0)?;
            rest = &rest[2 + len + 4..];
            Some((key, value))
        })
    }
}

/// A multiply-rotate hash over eight bytes a step (most keys are one or two steps), fixed here so that
/// a table reads the same whatever build wrote it.
fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let (words, rest) = bytes.as_chunks::<8>();
    let mut h = bytes.len() as u64;
    for word in words {
        h = (h ^ u64::from_le_bytes(*word)).wrapping_mul(K).rotate_left(26);
    }
    let last = rest.iter().enumerate().fold(0, |v, (i, &b)| v | u64::from(b) << (8 * i));
    h = (h ^ last).wrapping_mul(K);
    h ^ (h >> 32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_found_and_no_other() {
        let words: Vec<String> = (0..500).map(|i| format!("词{i}")).collect();
        let bytes = write(words.iter().enumerate().map(|(i, w)| (w.as_str(), i as u32 * 7)));
        let table = Table::new(&bytes).unwrap();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(table.get(w), Some(i as u32 * 7), "{w}");
        }
        let mut entries: Vec<(&str, u32)> = table.entries().collect();
        entries.sort_by_key(|&(_, v)| v);
        assert_eq!(entries, words.iter().enumerate().map(|(i, w)| (w.as_str(), i as u32 * 7)).collect::<Vec<_>>());
        for other in ["", "词", "词500", "词-1", "x"] {
            assert_eq!(table.get(other), None, "{other}");
        }
    }

    #[test]
    fn an_empty_table_finds_nothing() {
        let bytes = write([]);
        assert_eq!(Table::new(&bytes).unwrap().get("词"), None);
    }

    #[test]
    fn a_damaged_table_reads_as_fewer_entries_and_never_panics() {
        let bytes = write([("追", 1), ("剧", 2), ("古装剧", 3)]);
        for at in 0..bytes.len() {
            for damage in [0x01, 0x80, 0xFF] {
                let mut damaged = bytes.clone();
                damaged[at] ^= damage;
                if let Some(table) = Table::new(&damaged) {
                    for key in ["追", "剧", "古装剧", "车"] {
                        let _ = table.get(key);
                    }
                    assert!(table.entries().count() <= 3);
                }
            }
            if let Some(table) = Table::new(&bytes[..at]) {
                let _ = table.get("追");
            }
        }
    }
}
