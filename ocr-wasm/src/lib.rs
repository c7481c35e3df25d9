//! RedLens's OCR in WebAssembly: the `redlens-ocr` pipeline behind a small JS API, built as a module of
//! its own (`./build.sh ocr-wasm`), so that the hover engine's wasm never carries it.
//!
//! ```js
//! const reader = new OcrReader(det, rec, cls, characters); // Uint8Arrays and the character list
//! const lines = JSON.parse(reader.read(pngOrJpegBytes));   // [{text, box, score, row, places}, …]
//! ```

use redlens_ocr::{Line, Ocr};
use wasm_bindgen::prelude::*;

/// The models and their compiled plans (see `redlens_ocr::Ocr`): parsing costs a few hundred
/// milliseconds in wasm; each new image canvas or line width compiles a plan on first use (the most of
/// a first read's time), then it is cached.
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

    /// Turns the angle classifier on or off (on when its model was given). Text captured from a page
    /// is upright, so reading it with the classifier off saves a plan's compilation and a model run a
    /// line; a photo a user gives may be upside down.
    #[wasm_bindgen(js_name = setAngleClassifier)]
    pub fn set_angle_classifier(&mut self, on: bool) {
        self.ocr.set_angle_classifier(on);
    }

    /// Reads a PNG or JPEG: JSON of the lines in reading order, each `{text, box, score, row, places}`
    /// (`box`: four `[x, y]` corners in image pixels, clockwise from the text's top-left; `places`: each
    /// character's centre along the line, 0 at its start to 1 at its end). Throws an `Error` for a
    /// damaged, unsupported or too large image.
    pub fn read(&mut self, image: &[u8]) -> Result<String, JsError> {
        let lines = self.ocr.read(image).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(lines_json(&lines))
    }

    /// Reads `width` × `height` RGBA pixels (row-major, 4 bytes a pixel, as a canvas's `ImageData`; alpha
    /// is ignored), as `read` does: what a page's capture, cropped on a canvas, gives without encoding it.
    #[wasm_bindgen(js_name = readPixels)]
    pub fn read_pixels(&mut self, width: u32, height: u32, rgba: &[u8]) -> Result<String, JsError> {
        if rgba.len() as u64 != u64::from(width) * u64::from(height) * 4 {
            return Err(JsError::new(&format!("{} bytes are not {width} × {height} RGBA pixels", rgba.len())));
        }
        let rgb: Vec<u8> = rgba.chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
        let lines = self.ocr.read_rgb(width, height, &rgb).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(lines_json(&lines))
    }
}

/// The lines as a JSON array (see `redlens_ocr::Line::to_json`).
fn lines_json(lines: &[Line]) -> String {
    serde_json::Value::Array(lines.iter().map(Line::to_json).collect()).to_string()
}
