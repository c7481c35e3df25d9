//! RedLens OCR: reads the Chinese (and Latin, digits, punctuation) in a picture, offline.
//!
//! It runs Baidu PaddleOCR's PP-OCRv4 mobile Chinese models (ONNX; Apache-2.0) with tract, in pure Rust:
//!
//! 1. **Detection.** The image is scaled so that its longest side is at most 960 pixels (and at least
//!    320) and padded to a canvas whose sides are multiples of 160. The DB model gives a text
//!    probability map, which PaddleOCR's DB post-processing turns into rotated boxes.
//! 2. **Recognition.** Each box is cut out and straightened (turned upright first if the optional
//!    angle classifier finds it upside down). It is scaled to 48 pixels high and padded to a width
//!    rounded up to 160 pixels. The CRNN model's output is decoded by CTC with the models' list of
//!    6,623 characters plus the space.
//! 3. **Reading order.** Lines top to bottom, each row (lines that overlap vertically) left to right.
//!
//! tract cannot analyse these models with a symbolic image size, so every input size is a plan of its
//! own, compiled on first use and cached (a few detection canvases, a few recognition widths).
//!
//! ```no_run
//! let mut ocr = redlens_ocr::Ocr::from_dir(std::path::Path::new("target/ocr"))?;
//! for line in ocr.read(&std::fs::read("cover.png")?)? {
//!     println!("{}", line.text);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod decode;
mod detect;
mod geometry;
mod order;
mod plans;
mod recognize;

use std::fmt;
use std::path::{Path, PathBuf};

use std::time::Duration;

use image::RgbImage;

pub use decode::{MAX_PIXELS, MAX_SIDE};
pub use geometry::Point;
use plans::Model;

/// The detection model's file name in a models folder.
pub const DETECTION_FILE: &str = "ch_PP-OCRv4_det_infer.onnx";
/// The recognition model's file name.
pub const RECOGNITION_FILE: &str = "ch_PP-OCRv4_rec_infer.onnx";
/// The angle classifier's file name (optional: without it, lines are never turned).
pub const CLASSIFIER_FILE: &str = "ch_ppocr_mobile_v2.0_cls_infer.onnx";
/// The character list's file name: one character per line, in the recogniser's class order.
pub const CHARACTERS_FILE: &str = "ppocr_keys_v1.txt";

/// Recognised lines whose mean character probability is under this are dropped (PaddleOCR's value).
const MIN_LINE_SCORE: f32 = 0.5;
/// The classifier must be at least this sure that a line is upside down to turn it.
const TURN_CONFIDENCE: f32 = 0.9;
/// Images with a side shorter than this hold no readable text: the result is empty at no cost.
const MIN_READABLE_SIDE: u32 = 8;

/// Why reading failed.
#[derive(Debug)]
pub enum OcrError {
    /// A model file or the character list is missing or cannot be read.
    Missing { path: PathBuf, reason: String },
    /// A model cannot be loaded, compiled or run, or does not fit the character list.
    Model(String),
    /// The bytes are not an image format that is read (PNG and JPEG are).
    UnsupportedFormat(String),
    /// The image is damaged, truncated or has no pixels.
    Decode(String),
    /// The image has more pixels than [`MAX_PIXELS`] or a side longer than [`MAX_SIDE`]: refused
    /// before its pixels are decoded.
    TooLarge { width: u32, height: u32 },
}

impl fmt::Display for OcrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OcrError::Missing { path, reason } => write!(f, "cannot read {}: {reason}", path.display()),
            OcrError::Model(m) | OcrError::UnsupportedFormat(m) | OcrError::Decode(m) => f.write_str(m),
            OcrError::TooLarge { width, height } => write!(
                f,
                "the image is too large to read: {width} × {height} pixels (at most {} megapixels and {MAX_SIDE} pixels a side)",
                MAX_PIXELS / 1_000_000
            ),
        }
    }
}

impl std::error::Error for OcrError {}

/// One line of text read from an image.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    /// The text, as the recogniser read it (Chinese, Latin, digits, full- and half-width punctuation).
    pub text: String,
    /// The line's rotated box in image pixels: top-left, top-right, bottom-right, bottom-left of the
    /// text as read (for vertical text, "top-left" is the corner before the first character).
    pub corners: [Point; 4],
    /// The recogniser's confidence: the mean probability of the characters read, 0.5 to 1.
    pub score: f32,
    /// The row the line belongs to in reading order (0 for the first): lines of one row overlap
    /// vertically and are read left to right.
    pub row: usize,
    /// Where each character of `text` (each `char`) stands along the line: its centre, from 0 at the
    /// line's start (the first two corners) to 1 at its end. A pointer on the picture finds its
    /// character by it.
    pub places: Vec<f32>,
}

impl Line {
    /// The line as JSON, as the CLI and the wasm module give it: `{text, box, score, row, places}`, the
    /// box's corners rounded to whole pixels, the score and the places to three decimals.
    pub fn to_json(&self) -> serde_json::Value {
        let milli = |v: f32| (f64::from(v) * 1000.0).round() / 1000.0;
        serde_json::json!({
            "text": self.text,
            "box": self.corners.map(|[x, y]| [x.round(), y.round()]),
            "score": milli(self.score),
            "row": self.row,
            "places": self.places.iter().map(|&p| milli(p)).collect::<Vec<_>>(),
        })
    }
}

/// Where the time of the last `read` went.
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    /// Decoding the image bytes.
    pub decode: Duration,
    /// Scaling, the detection model and the post-processing, plan compilation excepted.
    pub detect: Duration,
    /// Cropping, the angle classifier and recognition of every line, plan compilation excepted.
    pub recognize: Duration,
    /// Compiling plans for sizes not met before (nothing once they are cached).
    pub compile: Duration,
    /// How many boxes were detected (some may read as nothing and be dropped).
    pub boxes: usize,
    /// How many plans were compiled (none once the sizes are cached).
    pub plans: usize,
}

/// The models and their compiled plans. Loading parses the models (about 16 MB of ONNX); each new
/// detection canvas or recognition width costs one compilation (about 60 ms natively), after which it
/// is cached: at most 4 detection and 10 recognition plans are kept. Reading needs `&mut self` for that
/// cache.
pub struct Ocr {
    det: Model,
    rec: Model,
    cls: Option<Model>,
    charset: Vec<String>,
    angle_classifier: bool,
    timings: Timings,
}

fn read_file(dir: &Path, name: &str) -> Result<Vec<u8>, OcrError> {
    let path = dir.join(name);
    std::fs::read(&path).map_err(|e| OcrError::Missing { path, reason: e.to_string() })
}

impl Ocr {
    /// Loads the models from a folder holding [`DETECTION_FILE`], [`RECOGNITION_FILE`] and
    /// [`CHARACTERS_FILE`], and [`CLASSIFIER_FILE`] if it is there. Costs what [`Ocr::new`] costs plus
    /// reading about 16 MB.
    pub fn from_dir(dir: &Path) -> Result<Ocr, OcrError> {
        let det = read_file(dir, DETECTION_FILE)?;
        let rec = read_file(dir, RECOGNITION_FILE)?;
        let keys = read_file(dir, CHARACTERS_FILE)?;
        let keys = String::from_utf8(keys)
            .map_err(|_| OcrError::Missing { path: dir.join(CHARACTERS_FILE), reason: "not UTF-8 text".into() })?;
        let cls = match std::fs::read(dir.join(CLASSIFIER_FILE)) {
            Ok(bytes) => Some(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(OcrError::Missing { path: dir.join(CLASSIFIER_FILE), reason: e.to_string() }),
        };
        Ocr::new(&det, &rec, cls.as_deref(), &keys)
    }

    /// Loads the models from their bytes: the detection and recognition ONNX files, the angle
    /// classifier's if there is one, and the character list. Parsing takes a few hundred
    /// milliseconds; no plan is compiled yet. The angle classifier is on if given (see
    /// [`Ocr::set_angle_classifier`]).
    pub fn new(det: &[u8], rec: &[u8], cls: Option<&[u8]>, characters: &str) -> Result<Ocr, OcrError> {
        let mut charset: Vec<String> = characters.lines().map(|l| l.trim_end_matches('\r').to_string()).collect();
        while charset.last().is_some_and(|c| c.is_empty()) {
            charset.pop();
        }
        if charset.is_empty() {
            return Err(OcrError::Model("the character list is empty".into()));
        }
        charset.push(" ".into());
        Ok(Ocr {
            det: Model::parse("detection", det, 4)?,
            rec: Model::parse("recognition", rec, 10)?,
            cls: cls.map(|b| Model::parse("angle classifier", b, 1)).transpose()?,
            charset,
            angle_classifier: cls.is_some(),
            timings: Timings::default(),
        })
    }

    /// Turns the angle classifier on or off (if its model was loaded; on by default then). On, each
    /// line costs one more small model run (about 5 ms a picture on the rendered set, 3 % of
    /// recognition), and lines the classifier is at least 90 % sure are upside down are turned before
    /// they are read: a picture shared upside down reads as upright. On the rendered set (upright) it
    /// changes no character.
    pub fn set_angle_classifier(&mut self, on: bool) {
        self.angle_classifier = on && self.cls.is_some();
    }

    /// Whether the angle classifier is loaded and on.
    pub fn angle_classifier(&self) -> bool {
        self.angle_classifier
    }

    /// Reads the text of a PNG or JPEG (an animated PNG's first frame), lines in reading order. Images
    /// over [`MAX_PIXELS`] are refused before decoding; the decoder's allocations are capped. An image
    /// without text, or smaller than 8 pixels a side, gives no lines. Costs about a third of a second
    /// for a 600 × 800 cover natively once the plans are compiled.
    pub fn read(&mut self, bytes: &[u8]) -> Result<Vec<Line>, OcrError> {
        let start = Stopwatch::start();
        let image = decode::decode(bytes)?;
        let decode = start.elapsed();
        let lines = self.read_image(&image)?;
        self.timings.decode = decode;
        Ok(lines)
    }

    /// Reads the text of `width` × `height` RGB pixels (row-major, 3 bytes a pixel), as [`Ocr::read`].
    pub fn read_rgb(&mut self, width: u32, height: u32, rgb: &[u8]) -> Result<Vec<Line>, OcrError> {
        decode::check_size(width, height)?;
        let image = RgbImage::from_raw(width, height, rgb.to_vec())
            .ok_or_else(|| OcrError::Decode(format!("{} bytes are not {width} × {height} RGB pixels", rgb.len())))?;
        self.read_image(&image)
    }

    /// Where the time of the last read went.
    pub fn timings(&self) -> Timings {
        self.timings
    }

    fn read_image(&mut self, image: &RgbImage) -> Result<Vec<Line>, OcrError> {
        self.timings = Timings::default();
        let compiled_before = self.compile_time();
        let plans_before = self.plans_compiled();
        let (w, h) = image.dimensions();
        if w < MIN_READABLE_SIDE || h < MIN_READABLE_SIDE {
            return Ok(Vec::new());
        }
        let start = Stopwatch::start();
        let prepared = detect::prepare(image);
        let map = self.det.run(prepared.tensor)?;
        let shape = map.shape().to_vec();
        if shape.len() != 4 || shape[1] != 1 {
            return Err(OcrError::Model(format!(
                "the detection model gave a map of shape {shape:?}, not 1 × 1 × h × w"
            )));
        }
        let map = plans::floats(&map, "the detection map")?;
        let found = detect::boxes(map, shape[3], shape[2], prepared.scale, (w, h));
        let after_detect = Stopwatch::start();
        let compiled_in_detect = self.compile_time() - compiled_before;
        self.timings.detect = start.elapsed().saturating_sub(compiled_in_detect);
        self.timings.boxes = found.len();

        let crops: Vec<recognize::Crop> =
            found.iter().map(|b| recognize::crop(image, &b.corners, recognize::HEIGHT)).collect();
        // Each plan compiled costs more than reading a line on a wider canvas, so the lines of a picture
        // share canvases: each line takes the narrowest canvas it fits among those already compiled and
        // the widest this picture needs (PaddleOCR pads a batch to its widest line too).
        let widest = crops.iter().map(recognize::canvas_width).max().unwrap_or(recognize::MIN_WIDTH);
        let canvases: Vec<usize> =
            self.rec.cached_sizes().filter(|&(h, _)| h == recognize::HEIGHT).map(|(_, w)| w).chain([widest]).collect();
        let mut read = Vec::new();
        for (b, mut crop) in found.iter().zip(crops) {
            let mut corners = b.corners;
            if self.angle_classifier
                && let Some(cls) = self.cls.as_mut()
            {
                let out = cls.run(recognize::cls_input(&crop))?;
                let p = plans::floats(&out, "the angle classifier")?;
                if p.len() >= 2 && p[1] > p[0] && p[1] >= TURN_CONFIDENCE {
                    crop = crop.rotated_half();
                    corners = [corners[2], corners[3], corners[0], corners[1]];
                }
            }
            let needed = recognize::canvas_width(&crop);
            let canvas = canvases.iter().copied().filter(|&w| w >= needed).min().unwrap_or(needed);
            let (input, filled) = recognize::rec_input(&crop, canvas);
            let out = self.rec.run(input)?;
            let shape = out.shape().to_vec();
            let classes = *shape.last().unwrap_or(&0);
            if shape.len() != 3 || classes != self.charset.len() + 1 {
                return Err(OcrError::Model(format!(
                    "the recognition model gives {shape:?}, not 1 × steps × {} classes (the character list has {} entries and the space)",
                    self.charset.len() + 1,
                    self.charset.len() - 1
                )));
            }
            let probs = plans::floats(&out, "the recognition output")?;
            let decoded = recognize::ctc_decode(probs, classes, &self.charset);
            let steps = shape[1].max(1) as f32;
            // The characters with their places, spaces at either end dropped.
            let mut read_chars: Vec<(char, f32)> = decoded
                .text
                .chars()
                .zip(&decoded.steps)
                .map(|(c, &(first, last))| (c, ((first + last + 1) as f32 / 2.0 / steps / filled).clamp(0.0, 1.0)))
                .collect();
            while read_chars.last().is_some_and(|(c, _)| c.is_whitespace()) {
                read_chars.pop();
            }
            let first = read_chars.iter().position(|(c, _)| !c.is_whitespace()).unwrap_or(read_chars.len());
            let (text, places) = read_chars.drain(first..).unzip::<_, _, String, Vec<f32>>();
            if decoded.score >= MIN_LINE_SCORE && !text.is_empty() {
                read.push(Line { text, corners, score: decoded.score, row: 0, places });
            }
        }
        let compiled_in_recognize = self.compile_time() - compiled_before - compiled_in_detect;
        self.timings.recognize = after_detect.elapsed().saturating_sub(compiled_in_recognize);
        self.timings.compile = self.compile_time() - compiled_before;
        self.timings.plans = self.plans_compiled() - plans_before;

        let order = order::reading_order(&read.iter().map(|l| l.corners).collect::<Vec<_>>());
        Ok(order.into_iter().map(|(i, row)| Line { row, ..read[i].clone() }).collect())
    }

    fn models(&self) -> impl Iterator<Item = &Model> {
        [&self.det, &self.rec].into_iter().chain(self.cls.as_ref())
    }

    fn plans_compiled(&self) -> usize {
        self.models().map(|m| m.compiled).sum()
    }

    fn compile_time(&self) -> Duration {
        self.models().map(|m| m.compile_time).sum()
    }
}

/// A stopwatch: std's clock natively; in wasm32, where std has no clock, every duration is zero.
#[derive(Clone, Copy)]
pub(crate) struct Stopwatch(#[cfg(not(target_arch = "wasm32"))] std::time::Instant);

impl Stopwatch {
    pub(crate) fn start() -> Stopwatch {
        Stopwatch(
            #[cfg(not(target_arch = "wasm32"))]
            std::time::Instant::now(),
        )
    }

    pub(crate) fn elapsed(&self) -> Duration {
        #[cfg(not(target_arch = "wasm32"))]
        return self.0.elapsed();
        #[cfg(target_arch = "wasm32")]
        return Duration::ZERO;
    }
}
