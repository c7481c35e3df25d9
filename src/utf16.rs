//! The one place where offsets change units.
//!
//! Browsers count text in UTF-16 code units (DOM ranges, `String.length`); Rust slices UTF-8 bytes.
//! The engine's public API speaks UTF-16 and works in bytes inside; these helpers convert between the
//! two. Each is linear in the text it walks and allocates nothing.

/// The byte offset of the character that contains UTF-16 offset `offset` in `text`, or `None` if
/// `offset` is at or past the end. An offset that points at the second half of a surrogate pair (inside
/// an emoji, say) lands on the start of that character.
pub fn byte_of(text: &str, offset: usize) -> Option<usize> {
    locate(text, offset).map(|a| a.byte)
}

/// A position known in both units: converting positions near it costs only the distance to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    /// Byte offset, on a character boundary.
    pub byte: usize,
    /// The same position in UTF-16 code units.
    pub unit: usize,
}

impl Anchor {
    /// The UTF-16 offset of byte offset `byte` (a character boundary of `text`).
    pub fn unit_of(self, text: &str, byte: usize) -> usize {
        if byte >= self.byte {
            self.unit + len(&text[self.byte..byte])
        } else {
            self.unit - len(&text[byte..self.byte])
        }
    }
}

/// The character that contains UTF-16 offset `offset`, as an anchor at its start, or `None` past the
/// end. Linear in `offset`.
pub fn locate(text: &str, offset: usize) -> Option<Anchor> {
    let mut unit = 0;
    for (byte, c) in text.char_indices() {
        let next = unit + c.len_utf16();
        if offset < next {
            return Some(Anchor { byte, unit });
        }
        unit = next;
    }
    None
}

/// For each UTF-16 code unit of `text`, the byte offset of the character it belongs to: a table that
/// turns [`locate`] into an index for a text that is asked about many times. Costs one walk and four
/// bytes per unit.
pub fn char_starts(text: &str) -> Vec<u32> {
    let mut out = Vec::with_capacity(text.len());
    for (byte, c) in text.char_indices() {
        out.extend(std::iter::repeat_n(byte as u32, c.len_utf16()));
    }
    out
}

/// [`locate`] through a table from [`char_starts`] of the same text: constant time.
pub fn locate_in(starts: &[u32], offset: usize) -> Option<Anchor> {
    let byte = *starts.get(offset)?;
    // The second half of a surrogate pair belongs to the character that starts one unit earlier.
    let unit = if offset > 0 && starts[offset - 1] == byte { offset - 1 } else { offset };
    Some(Anchor { byte: byte as usize, unit })
}

/// The length of `text` in UTF-16 code units: one per character, and a second for each character of
/// four bytes (outside the Basic Multilingual Plane). Counted over bytes, which the compiler vectorises:
/// every byte but a continuation byte starts a character, and only a four-byte character starts at or
/// above 0xF0.
pub fn len(text: &str) -> usize {
    text.bytes().map(|b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0)).sum()
}

/// Converts increasing byte offsets of one text to UTF-16 offsets in a single forward pass, so that
/// converting every token boundary of a text costs one walk over it, not one walk per token.
#[derive(Debug)]
pub struct Cursor<'t> {
    text: &'t str,
    byte: usize,
    unit: usize,
}

impl<'t> Cursor<'t> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'t str) -> Self {
        Cursor { text, byte: 0, unit: 0 }
    }

    /// The UTF-16 offset of byte offset `byte`, which must lie on a character boundary. Offsets must
    /// be asked in non-decreasing order; an earlier one restarts the walk from the beginning.
    pub fn unit_of(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.unit = 0;
        }
        let end = byte.min(self.text.len());
        self.unit += self.text.get(self.byte..end).map_or(0, len);
        self.byte = end;
        self.unit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_surrogate_pairs_as_two_units() {
        let text = "a😂好";
        assert_eq!(len(text), 4);
        assert_eq!(byte_of(text, 0), Some(0));
        assert_eq!(byte_of(text, 1), Some(1));
        assert_eq!(byte_of(text, 2), Some(1), "second half of the emoji lands on its start");
        assert_eq!(byte_of(text, 3), Some(5));
        assert_eq!(byte_of(text, 4), None);
        let a = locate(text, 2).unwrap();
        assert_eq!(a, Anchor { byte: 1, unit: 1 });
        assert_eq!(a.unit_of(text, 0), 0);
        assert_eq!(a.unit_of(text, 8), 4);
        let mut c = Cursor::new(text);
        assert_eq!(c.unit_of(0), 0);
        assert_eq!(c.unit_of(5), 3);
        assert_eq!(c.unit_of(8), 4);
        assert_eq!(c.unit_of(1), 1);
    }

    #[test]
    fn the_length_counted_over_bytes_is_the_browsers_length() {
        for text in ["", "abc", "é中", "a😂好", "𠀀𠀁\u{10FFFF}", "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}"]
        {
            assert_eq!(len(text), text.encode_utf16().count(), "{text:?}");
        }
    }

    #[test]
    fn the_table_locates_as_the_walk_does() {
        for text in ["", "a😂好", "😂😂", "yyds！[笑哭R]\n𠀀 520", "家人们谁懂啊"] {
            let starts = char_starts(text);
            assert_eq!(starts.len(), len(text));
            for offset in 0..=len(text) + 1 {
                assert_eq!(locate_in(&starts, offset), locate(text, offset), "{text:?} at {offset}");
            }
        }
    }
}
