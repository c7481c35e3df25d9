//! The JavaScript face of the engine (wasm32 only), for `wasm-bindgen --target web`. Plain objects come
//! back as JSON parsed by the JS engine in one call (building them field by field across the boundary
//! cost about ten times more); bulk annotation comes back as one flat `Uint32Array`. Every error is a
//! JS `Error` with a readable message; nothing here panics.

use wasm_bindgen::prelude::*;

use crate::engine;

fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
    let json = serde_json::to_string(value).map_err(|e| JsError::new(&e.to_string()))?;
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("RedLens: the engine produced invalid JSON"))
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

    /// The hover at UTF-16 `offset` of `text`: a plain object, or `null` where nothing is found.
    #[wasm_bindgen(js_name = lookupAt)]
    pub fn lookup_at(&self, text: &str, offset: f64) -> Result<JsValue, JsError> {
        if !(offset.is_finite() && offset >= 0.0 && offset.fract() == 0.0) {
            return Err(JsError::new(&format!("offset {offset} is not a whole number of UTF-16 code units")));
        }
        match self.0.lookup_at(text, offset as usize) {
            Ok(Some(hover)) => to_js(&hover),
            Ok(None) => Ok(JsValue::NULL),
            Err(e) => Err(JsError::new(&e.to_string())),
        }
    }

    /// Every unit of `text` as `[start, end, kindBits, entryId]` × n, UTF-16 offsets; `entryId` is
    /// `0xFFFFFFFF` where the dictionary has no entry.
    pub fn annotate(&self, text: &str) -> Vec<u32> {
        let spans = self.0.annotate(text);
        let mut out = Vec::with_capacity(spans.len() * 4);
        for s in spans {
            out.extend_from_slice(&[s.start, s.end, u32::from(s.kinds.0), s.entry.unwrap_or(u32::MAX)]);
        }
        out
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
