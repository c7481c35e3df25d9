//! The JavaScript face of the engine (wasm32 only), for `wasm-bindgen --target web`. Plain objects come
//! back as JSON parsed by the JS engine in one call (building them field by field across the boundary
//! cost about ten times more); what runs on every pointer move or over whole pages (the hover by entry
//! ids, annotation) comes back as one flat `Uint32Array`, with no entry decoded. Every error is a
//! JS `Error` with a readable message; nothing here panics.

use wasm_bindgen::prelude::*;

use crate::engine;

fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
    let json = serde_json::to_string(value).map_err(|e| JsError::new(&e.to_string()))?;
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("RedLens: the engine produced invalid JSON"))
}

/// Room in wasm memory for the bytes of a dictionary file, so that they can be read straight into
/// place: `new Engine(bytes)` copies its argument in, which for a 19 MB file costs a copy and a few
/// thousand page faults that reading into this room does not. The room is not zeroed first: zeroing
/// touched every page once more before the read did (about a third of the time of reading the file).
#[wasm_bindgen]
pub struct DictionaryBuffer {
    /// Empty, with room for `length` bytes; the caller writes them through the memory view.
    room: Vec<u8>,
    length: usize,
}

#[wasm_bindgen]
impl DictionaryBuffer {
    /// Room for `length` bytes, to be filled from `address` before [`Engine::from_buffer`].
    #[wasm_bindgen(constructor)]
    pub fn new(length: u32) -> DictionaryBuffer {
        let length = length as usize;
        DictionaryBuffer { room: Vec::with_capacity(length), length }
    }

    /// Where the room starts in wasm memory: `new Uint8Array(memory.buffer, address + at, n)` is the
    /// view to fill from byte `at` (make it again after any other call into the engine, which may
    /// grow the memory).
    #[wasm_bindgen(getter)]
    pub fn address(&self) -> u32 {
        self.room.as_ptr() as u32
    }

    /// Its length in bytes.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> u32 {
        self.length as u32
    }
}

/// A loaded dictionary with its segmenter.
#[wasm_bindgen]
pub struct Engine(engine::Engine);

#[wasm_bindgen]
impl Engine {
    /// Opens the bytes of `redlens.dict`; throws an `Error` saying what is wrong with a bad file.
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: Vec<u8>) -> Result<Engine, JsError> {
        engine::Engine::from_bytes(bytes).map(Engine).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Opens the dictionary read into `buffer` (which it takes over), once all of its `length` bytes
    /// have been written (`filled` says how many were); throws like the constructor, or where the
    /// buffer was not filled.
    #[wasm_bindgen(js_name = fromBuffer)]
    pub fn from_buffer(buffer: DictionaryBuffer, filled: u32) -> Result<Engine, JsError> {
        let DictionaryBuffer { mut room, length } = buffer;
        if filled as usize != length {
            return Err(JsError::new(&format!("RedLens: {filled} of the dictionary's {length} bytes were read")));
        }
        // SAFETY: the capacity is at least `length`, and the caller has written all `length` bytes
        // through the memory view (as a system call fills a buffer it is given), so they are
        // initialised; nothing else ran in the engine meanwhile.
        unsafe { room.set_len(length) };
        Engine::new(room)
    }

    /// Loads up to `maxWords` more words into the segmenter; `true` once it is complete.
    #[wasm_bindgen(js_name = prepareSegmenter)]
    pub fn prepare_segmenter(&mut self, max_words: u32) -> bool {
        self.0.prepare_segmenter(max_words as usize)
    }

    /// Whether the segmenter is complete.
    #[wasm_bindgen(js_name = segmenterReady)]
    pub fn segmenter_ready(&self) -> bool {
        self.0.segmenter_ready()
    }

    /// The hover at UTF-16 `offset` of `text`, by entry ids, flat: `[segmented, (role, start, end,
    /// kindBits, n, id × n) × spans]`, where role is 0 for the word, 1 for a longer unit, 2 for a part.
    /// Empty where nothing is found. Entries come from `entry(id)`; the caller caches them.
    #[wasm_bindgen(js_name = hoverAt)]
    pub fn hover_at(&self, text: &str, offset: f64) -> Result<Vec<u32>, JsError> {
        if !(offset.is_finite() && offset >= 0.0 && offset.fract() == 0.0) {
            return Err(JsError::new(&format!("offset {offset} is not a whole number of UTF-16 code units")));
        }
        let hover = match self.0.hover_ids(text, offset as usize) {
            Ok(Some(hover)) => hover,
            Ok(None) => return Ok(Vec::new()),
            Err(e) => return Err(JsError::new(&e.to_string())),
        };
        let mut out = vec![u32::from(hover.segmented)];
        let roles = std::iter::once((0, &hover.word))
            .chain(hover.longer.iter().map(|s| (1, s)))
            .chain(hover.parts.iter().map(|s| (2, s)));
        for (role, span) in roles {
            out.extend_from_slice(&[role, span.start as u32, span.end as u32, u32::from(span.kinds.0)]);
            out.push(span.entries.len() as u32);
            out.extend_from_slice(&span.entries);
        }
        Ok(out)
    }

    /// Every unit of `text` as `[start, end, kindBits, entryId]` × n, UTF-16 offsets; `entryId` is
    /// `0xFFFFFFFF` where the dictionary has no entry. Built piece by piece in JS memory, so that a text
    /// of megabytes grows wasm memory by its own length and one piece's work, not by its result.
    pub fn annotate(&self, text: &str) -> js_sys::Uint32Array {
        let mut flat = Vec::new();
        let mut chunks = Vec::new();
        let mut total = 0;
        self.0.annotate_each(text, |spans| {
            flat.clear();
            for s in spans {
                flat.extend_from_slice(&[s.start, s.end, u32::from(s.kinds.0), s.entry.unwrap_or(u32::MAX)]);
            }
            total += flat.len() as u32;
            chunks.push(js_sys::Uint32Array::from(flat.as_slice()));
        });
        if chunks.len() == 1 {
            return chunks.swap_remove(0);
        }
        let out = js_sys::Uint32Array::new_with_length(total);
        let mut at = 0;
        for chunk in chunks {
            out.set(&chunk, at);
            at += chunk.length();
        }
        out
    }

    /// `text` with its slang in plain Mandarin, as `{ text, replacements: [{ start, end, out_start,
    /// out_end, entry }] }` (UTF-16 offsets in the original and in the plain text): what a translator is
    /// given.
    #[wasm_bindgen(js_name = plainText)]
    pub fn plain_text(&self, text: &str) -> Result<JsValue, JsError> {
        to_js(&self.0.plain_text(text))
    }

    /// Entry `id` as a plain object, or `null`.
    pub fn entry(&self, id: u32) -> Result<JsValue, JsError> {
        match self.0.entry(id) {
            Some(e) => to_js(&e),
            None => Ok(JsValue::NULL),
        }
    }

    /// All entries of a headword, best first.
    pub fn lookup(&self, word: &str) -> Result<JsValue, JsError> {
        to_js(&self.0.lookup(word))
    }

    /// Search results, best first.
    pub fn search(&self, query: &str, limit: u32) -> Result<JsValue, JsError> {
        to_js(&self.0.search(query, limit as usize))
    }
}
