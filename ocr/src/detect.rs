//! Text detection: the image scaled into one of a few fixed canvases, the DB model's probability map,
//! and the DB post-processing that turns the map into rotated boxes.
//!
//! The post-processing follows PaddleOCR's definition for PP-OCR models: threshold the map at 0.3; take
//! each connected region (8-neighbours); its minimum-area rotated rectangle; drop it if its short side
//! is under 3 map pixels or if the map's mean inside it (the box score) is under 0.6; grow it outwards
//! by `area × 1.5 / perimeter` ("unclip"); drop it if its short side is now under 5; scale it back to
//! the image. PaddleOCR grows the box as a polygon with round joins and then takes that polygon's
//! minimum-area rectangle again: for a rectangle that is the rectangle with every side moved out by
//! the same distance, which is what is done here.

use image::RgbImage;
use image::imageops::{self, FilterType};
use tract_onnx::prelude::*;

use crate::geometry::{Point, Rect, in_convex, min_area_rect};

/// The longest side the detector sees: larger images are scaled down to it first.
pub const MAX_SIDE: u32 = 960;
/// Canvas sides are multiples of this (the model needs multiples of 32): one compiled plan per
/// canvas, so fewer, coarser sizes mean fewer compilations and a little more padding.
pub const CANVAS_STEP: u32 = 160;
/// Images are scaled up until their longest side is this, so that small text is not lost.
const MIN_SIDE: u32 = 320;

const THRESHOLD: f32 = 0.3;
const BOX_THRESHOLD: f32 = 0.6;
const UNCLIP_RATIO: f32 = 1.5;
const MIN_SIZE: f32 = 3.0;
const MAX_CANDIDATES: usize = 1000;

/// ImageNet's mean and deviation, for channels in PaddleOCR's order (blue, green, red).
const MEAN: [f32; 3] = [0.485, 0.456, 0.406];
const STD: [f32; 3] = [0.229, 0.224, 0.225];

/// The detector's input: the scaled image on a padded canvas, and the scale from image to canvas.
pub struct Prepared {
    pub tensor: Tensor,
    pub scale: f32,
}

/// Scales the image to fit the detector and pads it to the canvas size of its plan.
pub fn prepare(image: &RgbImage) -> Prepared {
    let (w, h) = image.dimensions();
    let long = w.max(h) as f32;
    let scale = (MAX_SIDE as f32 / long).min((MIN_SIDE as f32 / long).max(1.0));
    let sw = ((w as f32 * scale).round() as u32).clamp(1, MAX_SIDE);
    let sh = ((h as f32 * scale).round() as u32).clamp(1, MAX_SIDE);
    let scaled;
    let pixels = if (sw, sh) == (w, h) {
        image
    } else {
        scaled = imageops::resize(image, sw, sh, FilterType::Triangle);
        &scaled
    };
    let cw = sw.div_ceil(CANVAS_STEP) * CANVAS_STEP;
    let ch = sh.div_ceil(CANVAS_STEP) * CANVAS_STEP;
    let (cw, ch) = (cw as usize, ch as usize);
    // Zero after normalising: the padding is the mean colour.
    let mut data = vec![0f32; 3 * cw * ch];
    for (x, y, p) in pixels.enumerate_pixels() {
        let (x, y) = (x as usize, y as usize);
        for (c, &channel) in [2usize, 1, 0].iter().enumerate() {
            data[c * cw * ch + y * cw + x] = (f32::from(p[channel]) / 255.0 - MEAN[c]) / STD[c];
        }
    }
    let tensor = Tensor::from_shape(&[1, 3, ch, cw], &data).expect("the shape matches the data");
    Prepared { tensor, scale: sw as f32 / w as f32 }
}

/// A detected text box in image coordinates: the corners of its rotated rectangle.
#[derive(Clone, Debug)]
pub struct Detected {
    pub corners: [Point; 4],
}

/// The boxes of a probability map (`height` × `width`, row-major), scaled back to the image by `scale`
/// and clipped to its `size`.
pub fn boxes(map: &[f32], width: usize, height: usize, scale: f32, size: (u32, u32)) -> Vec<Detected> {
    let bitmap: Vec<bool> = map.iter().map(|&p| p > THRESHOLD).collect();
    let mut seen = vec![false; bitmap.len()];
    let mut out = Vec::new();
    let mut stack = Vec::new();
    let mut candidates = 0;
    for start in 0..bitmap.len() {
        if !bitmap[start] || seen[start] {
            continue;
        }
        candidates += 1;
        if candidates > MAX_CANDIDATES {
            break;
        }
        // Flood the region, keeping its border pixels (the hull needs no others).
        let mut border: Vec<Point> = Vec::new();
        seen[start] = true;
        stack.push(start);
        while let Some(i) = stack.pop() {
            let (x, y) = ((i % width) as isize, (i / width) as isize);
            let mut on_border = false;
            for dy in -1isize..=1 {
                for dx in -1isize..=1 {
                    if dx == 0 && dy == 0 {
                        continue;
                    }
                    let (nx, ny) = (x + dx, y + dy);
                    if nx < 0 || ny < 0 || nx >= width as isize || ny >= height as isize {
                        on_border = true;
                        continue;
                    }
                    let j = ny as usize * width + nx as usize;
                    if !bitmap[j] {
                        on_border |= dx == 0 || dy == 0;
                    } else if !seen[j] {
                        seen[j] = true;
                        stack.push(j);
                    }
                }
            }
            if on_border {
                border.push([x as f32, y as f32]);
            }
        }
        let Some(rect) = min_area_rect(border) else { continue };
        if rect.short_side() < MIN_SIZE {
            continue;
        }
        let score = box_score(map, width, height, &rect.corners());
        if score < BOX_THRESHOLD {
            continue;
        }
        let grown = unclip(&rect);
        if grown.short_side() < MIN_SIZE + 2.0 {
            continue;
        }
        let corners = grown.corners().map(|[x, y]| {
            [(x / scale).round().clamp(0.0, size.0 as f32), (y / scale).round().clamp(0.0, size.1 as f32)]
        });
        let side = |a: Point, b: Point| ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt();
        // Boxes squashed against the image's edge by the clipping are dropped, as PaddleOCR does.
        if side(corners[0], corners[1]) <= 3.0 || side(corners[0], corners[3]) <= 3.0 {
            continue;
        }
        out.push(Detected { corners });
    }
    out
}

/// The rectangle moved out on every side by `area × ratio / perimeter`.
fn unclip(rect: &Rect) -> Rect {
    let area = rect.width * rect.height;
    let perimeter = 2.0 * (rect.width + rect.height);
    rect.grown(area * UNCLIP_RATIO / perimeter)
}

/// The map's mean over the map pixels whose centres lie in the box.
fn box_score(map: &[f32], width: usize, height: usize, q: &[Point; 4]) -> f32 {
    let xs = q.map(|p| p[0]);
    let ys = q.map(|p| p[1]);
    let clip = |v: f32, hi: usize| (v.max(0.0) as usize).min(hi - 1);
    let (x0, x1) = (
        clip(xs.iter().copied().fold(f32::MAX, f32::min).floor(), width),
        clip(xs.iter().copied().fold(f32::MIN, f32::max).ceil(), width),
    );
    let (y0, y1) = (
        clip(ys.iter().copied().fold(f32::MAX, f32::min).floor(), height),
        clip(ys.iter().copied().fold(f32::MIN, f32::max).ceil(), height),
    );
    let (mut sum, mut n) = (0f32, 0u32);
    for y in y0..=y1 {
        for x in x0..=x1 {
            if in_convex(q, [x as f32, y as f32]) {
                sum += map[y * width + x];
                n += 1;
            }
        }
    }
    if n == 0 { 0.0 } else { sum / n as f32 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bright_bar_on_the_map_becomes_one_unclipped_box() {
        let (w, h) = (64, 32);
        let mut map = vec![0f32; w * h];
        for y in 10..16 {
            for x in 8..48 {
                map[y * w + x] = 0.9;
            }
        }
        let found = boxes(&map, w, h, 0.5, (128, 64));
        assert_eq!(found.len(), 1);
        let [tl, tr, br, bl] = found[0].corners;
        // Region 40 × 6 pixels, centres spanning 39 × 5; grown by 39·5·1.5/88 ≈ 3.3 on each side.
        assert!((tl[0] - 2.0 * (8.0 - 3.3)).abs() <= 1.0 && (tl[1] - 2.0 * (10.0 - 3.3)).abs() <= 1.0, "{tl:?}");
        assert!((br[0] - 2.0 * (47.0 + 3.3)).abs() <= 1.0 && (br[1] - 2.0 * (15.0 + 3.3)).abs() <= 1.0, "{br:?}");
        assert!(tr[0] > tl[0] && bl[1] > tl[1]);
    }

    #[test]
    fn faint_and_tiny_regions_are_dropped() {
        let (w, h) = (64, 32);
        let mut map = vec![0f32; w * h];
        for y in 4..10 {
            for x in 4..30 {
                map[y * w + x] = 0.45; // over the threshold, under the box threshold
            }
        }
        for y in 20..22 {
            for x in 40..60 {
                map[y * w + x] = 0.95; // two pixels high
            }
        }
        assert!(boxes(&map, w, h, 1.0, (64, 32)).is_empty());
    }
}
