//! RedLens's OCR in WebAssembly: the `redlens-ocr` pipeline behind a small JS API, built as a module of
//! its own (`./build.sh ocr-wasm`), so that the hover engine's wasm never carries it.
//!
//! ```js
//! const reader = new OcrReader(det, rec, cls, characters); // Uint8Arrays and the character list
//! const lines = JSON.parse(reader.read(pngOrJpegBytes));   // [{text, box, score, row}, …]
//! ```

use redlens_ocr::Ocr;
use serde_json::json;
use wasm_bindgen::prelude::*;

/// The models and their compiled plans (see `redlens_ocr::Ocr`): parsing costs about a second in wasm;
/// each new image canvas or line width compiles a plan on first use, then it is cached.
#[wasm_bindgen]
pub struct OcrReader {
    ocr: Ocr,
}

#[wasm_bindgen]
impl OcrReader {
    /// Loads the models from their bytes: detection, recognition, the angle classifier (or
    /// `undefined`) and the character list's text. Throws an `Error` naming the model that fails.
    #[wasm_bindgen(constructor)]
    pub fn new(det: &[u8], rec: &[u8], cls: Option<Vec<u8>>, characters: &str) -> Result<OcrReader, JsError> {
        let ocr = Ocr::new(det, rec, cls.as_deref(), characters).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(OcrReader { ocr })
    }

    /// Reads a PNG or JPEG: JSON of the lines in reading order, each `{text, box, score, row}` (`box`:
    /// four `[x, y]` corners in image pixels, clockwise from the text's top-left). Throws an `Error` for
    /// a damaged, unsupported or too large image.
    pub fn read(&mut self, image: &[u8]) -> Result<String, JsError> {
        let lines = self.ocr.read(image).map_err(|e| JsError::new(&e.to_string()))?;
        let lines: Vec<_> = lines
            .iter()
            .map(|l| {
                json!({"text": l.text, "box": l.corners.map(|[x, y]| [x.round(), y.round()]),
                       "score": (f64::from(l.score) * 1000.0).round() / 1000.0, "row": l.row})
            })
            .collect();
        Ok(serde_json::Value::Array(lines).to_string())
    }

    /// Compiles the plans a 600 × 800 cover needs, ahead of use (while the user is idle).
    #[wasm_bindgen(js_name = warmUp)]
    pub fn warm_up(&mut self) -> Result<(), JsError> {
        self.ocr.warm_up().map_err(|e| JsError::new(&e.to_string()))
    }
}
