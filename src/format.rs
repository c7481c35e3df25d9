//! The layout of `redlens.dict`: a fixed header, a table of named sections, and the sections' bytes.
//!
//! ```text
//! offset  size  field
//!      0     8  magic "REDLENS\x1a"
//!      8     4  format version (u32 LE)
//!     12     4  section count (u32 LE)
//!     16     8  total file length (u64 LE): catches truncation before anything else is read
//!     24     8  checksum of the header's other bytes and of the section table (u64 LE, see `checksum`)
//!     32  20×n  section table: id [u8; 4], offset u32, length u32 (offsets from the file start), and
//!               the checksum of the section's bytes (u64)
//!      …        sections, each starting on a 4-byte boundary (the padding between them is zero)
//! ```
//!
//! Opening a file checks the header, the length and the table ([`FileLayout::parse`]) and each section
//! against its checksum ([`FileLayout::verify`]: one pass over the bytes, about 1.5 ms for the
//! whole dictionary in wasm), then hands out sections as sub-slices: nothing is parsed or copied.

use crate::bytes::Cursor;
use crate::error::LoadError;

/// The first eight bytes of every dictionary file.
pub const MAGIC: [u8; 8] = *b"REDLENS\x1a";
/// The format version this build writes and reads (9: the context rules indexed, read in place).
pub const VERSION: u32 = 9;
const HEADER_LEN: usize = 32;
const SECTION_ENTRY_LEN: usize = 20;

/// A four-byte section name.
pub type SectionId = [u8; 4];

/// Writes sections into one file image with header, table and checksum. Sections come out in the
/// order they were added, so the same inputs give the same bytes.
#[derive(Debug, Default)]
pub struct FileWriter {
    sections: Vec<(SectionId, Vec<u8>)>,
}

impl FileWriter {
    /// An empty file.
    pub fn new() -> Self {
        FileWriter::default()
    }

    /// Adds a section.
    pub fn section(&mut self, id: SectionId, bytes: Vec<u8>) {
        self.sections.push((id, bytes));
    }

    /// The finished file.
    pub fn finish(self) -> Vec<u8> {
        let table_end = HEADER_LEN + SECTION_ENTRY_LEN * self.sections.len();
        let mut offset = align4(table_end);
        let mut table = Vec::with_capacity(table_end - HEADER_LEN);
        for (id, bytes) in &self.sections {
            table.extend_from_slice(id);
            table.extend_from_slice(&(offset as u32).to_le_bytes());
            table.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
            table.extend_from_slice(&checksum(bytes).to_le_bytes());
            offset = align4(offset + bytes.len());
        }
        let mut out = Vec::with_capacity(offset);
        out.extend_from_slice(&MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(self.sections.len() as u32).to_le_bytes());
        out.extend_from_slice(&(offset as u64).to_le_bytes());
        out.extend_from_slice(&[0; 8]);
        out.extend_from_slice(&table);
        for (_, bytes) in &self.sections {
            out.resize(align4(out.len()), 0);
            out.extend_from_slice(bytes);
        }
        out.resize(offset, 0);
        seal(&mut out);
        out
    }
}

/// Writes an image's length, its sections' checksums and its header's checksum, so that it passes the
/// checks of [`FileLayout::parse`] and [`FileLayout::verify`] whatever its sections hold. For the
/// writer, and for fuzzing the readers behind those checks. Table rows that point outside the image
/// are left as they are, and so are images shorter than the header. Costs one checksum pass.
pub fn seal(image: &mut [u8]) {
    if image.len() < HEADER_LEN {
        return;
    }
    let len = image.len() as u64;
    image[16..24].copy_from_slice(&len.to_le_bytes());
    let count = u32::from_le_bytes([image[12], image[13], image[14], image[15]]) as usize;
    for row in (0..count).map(|i| HEADER_LEN + i * SECTION_ENTRY_LEN) {
        let Some(r) = image.get(row..row + SECTION_ENTRY_LEN) else { break };
        let start = u32::from_le_bytes([r[4], r[5], r[6], r[7]]) as usize;
        let end = start.saturating_add(u32::from_le_bytes([r[8], r[9], r[10], r[11]]) as usize);
        if end <= image.len() {
            let sum = checksum(&image[start..end]);
            image[row + 12..row + 20].copy_from_slice(&sum.to_le_bytes());
        }
    }
    let sum = header_checksum(image, count);
    image[24..32].copy_from_slice(&sum.to_le_bytes());
}

/// The checksum of the header (but its own field) and of the section table of an image with `count`
/// sections (as much of the table as the image holds).
fn header_checksum(image: &[u8], count: usize) -> u64 {
    let table_end = HEADER_LEN.saturating_add(count.saturating_mul(SECTION_ENTRY_LEN)).min(image.len());
    checksum(&image[..24]).rotate_left(17) ^ checksum(&image[HEADER_LEN..table_end])
}

fn align4(n: usize) -> usize {
    (n + 3) & !3
}

/// A checked file image: where each section lies.
#[derive(Debug, Clone)]
pub struct FileLayout {
    sections: Vec<(SectionId, std::ops::Range<usize>, u64)>,
}

impl FileLayout {
    /// Checks magic, version, length and the checksum of the header and the table, and reads the table.
    /// The sections' own bytes are checked by [`FileLayout::verify`].
    pub fn parse(bytes: &[u8]) -> Result<FileLayout, LoadError> {
        if bytes.is_empty() {
            return Err(LoadError::Empty);
        }
        if bytes.len() < MAGIC.len() || bytes[..MAGIC.len()] != MAGIC {
            return Err(LoadError::NotADictionary);
        }
        let truncated = |expected: u64| LoadError::Truncated { expected, actual: bytes.len() as u64 };
        let mut c = Cursor::new(&bytes[MAGIC.len()..]);
        let version = c.u32().ok_or(truncated(HEADER_LEN as u64))?;
        if version != VERSION {
            return Err(LoadError::UnsupportedVersion { found: version, supported: VERSION });
        }
        let count = c.u32().ok_or(truncated(HEADER_LEN as u64))? as usize;
        let total = c.u64().ok_or(truncated(HEADER_LEN as u64))?;
        let sum = c.u64().ok_or(truncated(HEADER_LEN as u64))?;
        if (bytes.len() as u64) < total {
            return Err(truncated(total));
        }
        if bytes.len() as u64 > total {
            return Err(LoadError::Corrupt(format!("{} bytes after the end of the file", bytes.len() as u64 - total)));
        }
        if count > (bytes.len() - HEADER_LEN) / SECTION_ENTRY_LEN {
            return Err(LoadError::Corrupt("section table".into()));
        }
        if header_checksum(bytes, count) != sum {
            return Err(LoadError::ChecksumMismatch);
        }
        let mut table = Cursor::new(&bytes[HEADER_LEN..]);
        let mut sections = Vec::with_capacity(count.min(64));
        for _ in 0..count {
            let corrupt = || LoadError::Corrupt("section table".into());
            let id: SectionId = table.take(4).ok_or_else(corrupt)?.try_into().map_err(|_| corrupt())?;
            let start = table.u32().ok_or_else(corrupt)? as usize;
            let len = table.u32().ok_or_else(corrupt)? as usize;
            let end = start.checked_add(len).filter(|&e| e <= bytes.len()).ok_or_else(corrupt)?;
            let sum = table.u64().ok_or_else(corrupt)?;
            sections.push((id, start..end, sum));
        }
        Ok(FileLayout { sections })
    }

    /// The byte range of section `id`, or a `Corrupt` error naming it if the file has none.
    pub fn range(&self, id: SectionId) -> Result<std::ops::Range<usize>, LoadError> {
        self.sections
            .iter()
            .find(|(sid, _, _)| *sid == id)
            .map(|(_, r, _)| r.clone())
            .ok_or_else(|| LoadError::Corrupt(format!("missing section {}", String::from_utf8_lossy(&id))))
    }

    /// Every section with its length, in file order (for `redlens stats`).
    pub fn sizes(&self) -> impl Iterator<Item = (SectionId, usize)> + '_ {
        self.sections.iter().map(|(id, r, _)| (*id, r.len()))
    }

    /// Checks every section of `bytes` (the image this layout was read from) against its checksum:
    /// `ChecksumMismatch` if one was damaged. Costs one pass over the sections.
    pub fn verify(&self, bytes: &[u8]) -> Result<(), LoadError> {
        match self.sections.iter().all(|(_, range, sum)| checksum(&bytes[range.clone()]) == *sum) {
            true => Ok(()),
            false => Err(LoadError::ChecksumMismatch),
        }
    }
}

/// A 64-bit checksum that reads eight bytes a step in four independent lanes: about a millisecond per
/// ten megabytes, even in wasm. It detects damage; it is not a cryptographic hash.
pub fn checksum(bytes: &[u8]) -> u64 {
    let mut lanes = LANE_SEEDS;
    let (blocks, _) = bytes.as_chunks::<32>();
    // In pieces, each a call of its own: a wasm engine first runs a function as its baseline compiler
    // made it and switches to the optimised code only at a later call, so one call over the whole
    // dictionary would run unoptimised (ten times slower) from start to end.
    for piece in blocks.chunks(2048) {
        absorb(&mut lanes, piece);
    }
    let mut h = bytes.len() as u64;
    for (i, lane) in lanes.iter().enumerate() {
        h = (h ^ lane.rotate_left(i as u32 * 16)).wrapping_mul(LANE_SEEDS[0]);
    }
    for &b in &bytes[blocks.len() * 32..] {
        h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01B3);
    }
    h ^ (h >> 31)
}

const LANE_SEEDS: [u64; 4] =
    [0x9E37_79B9_7F4A_7C15, 0xC2B2_AE3D_27D4_EB4F, 0x1656_67B1_9E37_79F9, 0x85EB_CA77_C2B2_AE63];

/// Mixes 32-byte blocks into the four lanes, eight bytes into each. Whole arrays, so that each word is
/// one 8-byte load (a slice copied into an array may become a call to memcpy per word in wasm).
#[inline(never)]
fn absorb(lanes: &mut [u64; 4], blocks: &[[u8; 32]]) {
    for block in blocks {
        let (words, _) = block.as_chunks::<8>();
        for (i, (lane, word)) in lanes.iter_mut().zip(words).enumerate() {
            *lane = (*lane ^ u64::from_le_bytes(*word)).wrapping_mul(LANE_SEEDS[i] | 1).rotate_left(29);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        let mut w = FileWriter::new();
        w.section(*b"AAAA", b"hello".to_vec());
        w.section(*b"BBBB", vec![1, 2, 3]);
        w.finish()
    }

    #[test]
    fn sections_round_trip() {
        let bytes = sample();
        let layout = FileLayout::parse(&bytes).unwrap();
        assert_eq!(&bytes[layout.range(*b"AAAA").unwrap()], b"hello");
        assert_eq!(&bytes[layout.range(*b"BBBB").unwrap()], &[1, 2, 3]);
        assert!(matches!(layout.range(*b"CCCC"), Err(LoadError::Corrupt(_))));
    }

    #[test]
    fn every_single_bit_flip_is_caught() {
        let bytes = sample();
        let layout = FileLayout::parse(&bytes).unwrap();
        let table_end = HEADER_LEN + 2 * SECTION_ENTRY_LEN;
        // The padding after a section is read by nothing, so nothing need notice a flip there.
        let padding =
            |i: usize| i >= table_end && !layout.sizes().any(|(id, _)| layout.range(id).unwrap().contains(&i));
        for i in (0..bytes.len()).filter(|&i| !padding(i)) {
            for bit in 0..8 {
                let mut b = bytes.clone();
                b[i] ^= 1 << bit;
                let caught = FileLayout::parse(&b).and_then(|l| l.verify(&b)).is_err();
                assert!(caught, "flip of bit {bit} in byte {i} went unnoticed");
            }
        }
    }

    #[test]
    fn bad_files_get_their_own_errors() {
        let bytes = sample();
        assert_eq!(FileLayout::parse(&[]).unwrap_err(), LoadError::Empty);
        assert_eq!(FileLayout::parse(b"PK\x03\x04 a zip").unwrap_err(), LoadError::NotADictionary);
        assert!(matches!(FileLayout::parse(&bytes[..bytes.len() - 1]), Err(LoadError::Truncated { .. })));
        assert!(matches!(FileLayout::parse(&bytes[..10]), Err(LoadError::Truncated { .. })));
        let mut newer = bytes.clone();
        newer[8..12].copy_from_slice(&(VERSION + 1).to_le_bytes());
        assert_eq!(
            FileLayout::parse(&newer).unwrap_err(),
            LoadError::UnsupportedVersion { found: VERSION + 1, supported: VERSION }
        );
    }
}
