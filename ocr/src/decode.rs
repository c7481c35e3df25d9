//! Image bytes to RGB pixels, with bounded memory.

use std::io::Cursor;

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, RgbImage};

use crate::OcrError;

/// The most pixels an image may have (40 megapixels: a 5,000 × 8,000 photo). Past it, `read` refuses the
/// image before decoding it.
pub const MAX_PIXELS: u64 = 40_000_000;

/// The longest side an image may have, in pixels.
pub const MAX_SIDE: u32 = 16_384;

/// What the decoder may allocate at once: the RGBA pixels of the largest image allowed, plus headroom.
const MAX_ALLOC: u64 = MAX_PIXELS * 4 + (64 << 20);

/// Decodes a PNG (an APNG's first frame, its default image) or a JPEG into RGB, transparent pixels
/// composited over white, turned as its EXIF orientation says (a phone stores a portrait photo sideways
/// and says so there). The size is checked from the header before any pixel is decoded.
pub fn decode(bytes: &[u8]) -> Result<RgbImage, OcrError> {
    if bytes.is_empty() {
        return Err(OcrError::Decode("the image is empty (0 bytes)".into()));
    }
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| OcrError::Decode(format!("cannot read the image: {e}")))?;
    match reader.format() {
        Some(ImageFormat::Png | ImageFormat::Jpeg) => {}
        Some(other) => {
            let name = other.extensions_str().first().copied().unwrap_or("this format").to_uppercase();
            return Err(OcrError::UnsupportedFormat(format!("{name} images are not read (PNG and JPEG only)")));
        }
        None => return Err(OcrError::UnsupportedFormat("not a PNG or JPEG image".into())),
    }
    // The sides are checked below from the header, to name them in the error; the decoder's own limit
    // caps what it allocates whatever the header says.
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(decode_error)?;
    let (width, height) = decoder.dimensions();
    check_size(width, height)?;
    // Damaged EXIF is no reason to refuse the pixels: they are read as stored.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(decode_error)?;
    image.apply_orientation(orientation);
    Ok(flatten(image))
}

/// Refuses sizes past the limits, with the reason.
pub fn check_size(width: u32, height: u32) -> Result<(), OcrError> {
    if width == 0 || height == 0 {
        return Err(OcrError::Decode(format!("the image has no pixels ({width} × {height})")));
    }
    if width > MAX_SIDE || height > MAX_SIDE || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(OcrError::TooLarge { width, height });
    }
    Ok(())
}

fn decode_error(e: image::ImageError) -> OcrError {
    match e {
        image::ImageError::Limits(_) => OcrError::Decode(format!("the image needs more memory than allowed: {e}")),
        image::ImageError::Unsupported(_) => OcrError::UnsupportedFormat(e.to_string()),
        _ => OcrError::Decode(format!("the image is damaged or truncated: {e}")),
    }
}

/// RGB over white: a transparent screenshot or sticker keeps its dark text readable.
fn flatten(image: DynamicImage) -> RgbImage {
    if !image.color().has_alpha() {
        return image.into_rgb8();
    }
    let rgba = image.into_rgba8();
    let (w, h) = rgba.dimensions();
    let mut out = RgbImage::new(w, h);
    for (o, p) in out.pixels_mut().zip(rgba.pixels()) {
        let a = u32::from(p[3]);
        for c in 0..3 {
            o[c] = ((u32::from(p[c]) * a + 255 * (255 - a) + 127) / 255) as u8;
        }
    }
    out
}
