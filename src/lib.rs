//! RedLens: an offline explainer for Chinese social-media text.
//!
//! The engine behind the RedLens browser extension, its playground and the `redlens` command-line tool.
//! A dictionary compiled into one file (`redlens.dict`: CC-CEDICT plus RedLens's own slang, meme and
//! idiom layer, in FST maps) is opened in place; jieba's model segments text so that the word under a
//! pointer is found in context.
//!
//! ```no_run
//! use redlens::Engine;
//!
//! let mut engine = Engine::from_bytes(std::fs::read("target/redlens.dict")?)?;
//! engine.build_segmenter();
//! let hover = engine.lookup_at("这个奶茶真的yyds", 7)?.expect("yyds is in the dictionary");
//! assert_eq!(hover.word.text, "yyds");
//! for hit in engine.search("lie flat", 5) {
//!     println!("{} {}", hit.entry.simplified, hit.entry.pinyin_marks());
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Offsets at the API are UTF-16 code units, as browsers count; see [`utf16`].

#![warn(missing_docs)]

mod bytes;
pub mod context;
pub mod dict;
mod engine;
mod english;
pub mod entry;
pub mod error;
pub mod format;
mod hashed;
mod hmm;
mod lexicon;
pub mod pieces;
pub mod pinyin;
pub mod recut;
pub(crate) mod script;
pub mod search;
mod segment;
pub mod shared;
pub mod utf16;

#[cfg(not(target_arch = "wasm32"))]
pub mod compile;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use engine::{Engine, Found, Hover, HoverIds, Plain, Replacement, Span, SpanEntries};
pub use entry::{Entry, Explanation, Kinds, Slang, Source};
pub use error::{LoadError, OffsetError};
pub use search::{Hit, Match};
