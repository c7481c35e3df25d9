//! The errors of the engine, as types. Each says in one line what is wrong and, where it helps,
//! what to do about it.

use std::fmt;

/// Why a dictionary file could not be loaded by [`crate::Engine::from_bytes`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The file holds no bytes at all.
    Empty,
    /// The file is shorter than its header says: an interrupted download or copy.
    Truncated {
        /// The length the header announces (or the header's own length, if even that is cut).
        expected: u64,
        /// The length that was given.
        actual: u64,
    },
    /// The file does not start with RedLens's magic bytes: it is some other file.
    NotADictionary,
    /// The file was written by a newer (or unknown) version of the format.
    UnsupportedVersion {
        /// The version in the file.
        found: u32,
        /// The version this build reads.
        supported: u32,
    },
    /// The bytes do not match the checksum in the header: the file was damaged.
    ChecksumMismatch,
    /// The checksum matched but a section is inconsistent (this build's reader and the file's writer
    /// disagree); the text names the section.
    Corrupt(String),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Empty => write!(f, "the dictionary file is empty"),
            LoadError::Truncated { expected, actual } => write!(
                f,
                "the dictionary file is truncated: {actual} bytes of {expected}; rebuild it with `redlens build-dict`"
            ),
            LoadError::NotADictionary => write!(f, "this is not a RedLens dictionary file (wrong magic bytes)"),
            LoadError::UnsupportedVersion { found, supported } => write!(
                f,
                "the dictionary file has format version {found}, but this build reads version {supported}; rebuild it with `redlens build-dict`"
            ),
            LoadError::ChecksumMismatch => {
                write!(f, "the dictionary file is damaged (checksum mismatch); rebuild it with `redlens build-dict`")
            }
            LoadError::Corrupt(what) => write!(f, "the dictionary file is corrupt: {what}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// Why a hover lookup could not be answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OffsetError {
    /// The UTF-16 offset is at or past the end of the text.
    OutOfRange {
        /// The offset that was asked for.
        offset: usize,
        /// The length of the text in UTF-16 code units.
        len: usize,
    },
}

impl fmt::Display for OffsetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OffsetError::OutOfRange { offset, len } => {
                write!(f, "offset {offset} is outside the text (its length is {len} UTF-16 code units)")
            }
        }
    }
}

impl std::error::Error for OffsetError {}
