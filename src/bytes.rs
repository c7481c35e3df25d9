//! Little-endian encoding helpers shared by the dictionary writer and reader: varints, length-prefixed
//! strings and a bounds-checked cursor that reports damage instead of panicking.

/// Appends `v` as a LEB128 varint (1–5 bytes).
pub fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Appends a string as its varint byte length followed by its UTF-8 bytes.
pub fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

/// Appends a list of strings as a varint count followed by each string.
pub fn put_strs<S: AsRef<str>>(out: &mut Vec<u8>, items: &[S]) {
    put_varint(out, items.len() as u32);
    for s in items {
        put_str(out, s.as_ref());
    }
}

/// Reads the `i`th little-endian `u32` of an array of them, or `None` past its end.
pub fn u32_at(bytes: &[u8], i: usize) -> Option<u32> {
    let b = bytes.get(i.checked_mul(4)?..i.checked_mul(4)?.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// A forward cursor over encoded bytes. Every read checks bounds and UTF-8 and returns `None` on
/// damaged input, so decoding never panics whatever the bytes.
#[derive(Debug, Clone)]
pub struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Cursor { bytes, pos: 0 }
    }

    /// One byte.
    pub fn u8(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }

    /// A little-endian `u16`.
    pub fn u16(&mut self) -> Option<u16> {
        let b = self.take(2)?;
        Some(u16::from_le_bytes([b[0], b[1]]))
    }

    /// A little-endian `u32`.
    pub fn u32(&mut self) -> Option<u32> {
        let b = self.take(4)?;
        Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// A little-endian `u64`.
    pub fn u64(&mut self) -> Option<u64> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Some(u64::from_le_bytes(a))
    }

    /// A LEB128 varint of at most 5 bytes.
    pub fn varint(&mut self) -> Option<u32> {
        let mut v: u32 = 0;
        for shift in (0..35).step_by(7) {
            let b = self.u8()?;
            v |= u32::from(b & 0x7f).checked_shl(shift)?;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    /// A length-prefixed UTF-8 string, borrowed from the input.
    pub fn str(&mut self) -> Option<&'a str> {
        let len = self.varint()? as usize;
        std::str::from_utf8(self.take(len)?).ok()
    }

    /// A count-prefixed list of strings, copied out.
    pub fn strs(&mut self) -> Option<Vec<String>> {
        let n = self.varint()? as usize;
        // A damaged count must not reserve gigabytes: each string takes at least one byte.
        let mut out = Vec::with_capacity(n.min(self.remaining()));
        for _ in 0..n {
            out.push(self.str()?.to_string());
        }
        Some(out)
    }

    /// Moves past a length-prefixed string without checking its UTF-8 (a reader of the string checks).
    pub fn skip_str(&mut self) -> Option<()> {
        let len = self.varint()? as usize;
        self.take(len).map(drop)
    }

    /// Moves past a count-prefixed list of strings, as [`Cursor::skip_str`] does.
    pub fn skip_strs(&mut self) -> Option<()> {
        for _ in 0..self.varint()? {
            self.skip_str()?;
        }
        Some(())
    }

    /// The next `n` bytes.
    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let b = self.bytes.get(self.pos..end)?;
        self.pos = end;
        Some(b)
    }

    /// How many bytes are left.
    pub fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_damage() {
        let mut out = Vec::new();
        put_varint(&mut out, 300);
        put_str(&mut out, "躺平");
        put_strs(&mut out, &["a", "bc"]);
        let mut c = Cursor::new(&out);
        assert_eq!(c.varint(), Some(300));
        assert_eq!(c.str(), Some("躺平"));
        assert_eq!(c.strs(), Some(vec!["a".to_string(), "bc".to_string()]));
        assert_eq!(c.u8(), None);
        // A string whose length runs past the end, and a varint that never ends.
        assert_eq!(Cursor::new(&[5, b'a']).str(), None);
        assert_eq!(Cursor::new(&[0xff; 9]).varint(), None);
        assert_eq!(u32_at(&[1, 0, 0, 0, 2], 1), None);
    }
}
