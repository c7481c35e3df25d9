//! Recognition: each box cut out of the image and straightened, turned upright where the angle
//! classifier says it is upside down, scaled to the recogniser's height, and its output decoded by CTC.

use image::RgbImage;
use tract_onnx::prelude::*;

use crate::geometry::Point;

/// The recogniser's input height (PP-OCRv4).
pub const HEIGHT: usize = 48;
/// The narrowest recognition input: PaddleOCR pads every line to at least this width.
pub const MIN_WIDTH: usize = 320;
/// Widths are rounded up to a multiple of this: one compiled plan per width.
pub const WIDTH_STEP: usize = 160;
/// The widest input: a longer line (over 33 times as wide as it is high) is squeezed to fit.
pub const MAX_WIDTH: usize = 1600;
/// The angle classifier's input (PaddleOCR's mobile v2.0 classifier).
pub const CLS_HEIGHT: usize = 48;
pub const CLS_WIDTH: usize = 192;

/// A straightened crop of a box: `w` × `h` RGB pixels.
pub struct Crop {
    pub w: usize,
    pub h: usize,
    pub rgb: Vec<u8>,
}

impl Crop {
    /// The crop turned half a turn.
    pub fn rotated_half(&self) -> Crop {
        let mut rgb = Vec::with_capacity(self.rgb.len());
        for px in self.rgb.chunks_exact(3).rev() {
            rgb.extend_from_slice(px);
        }
        Crop { w: self.w, h: self.h, rgb }
    }
}

fn dist(a: Point, b: Point) -> f32 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
}

/// Cuts the box (corners top-left, top-right, bottom-right, bottom-left) out of the image as an upright
/// rectangle, at most `max_h` pixels high (the rest is averaged away as it is sampled). A box at least
/// 1.5 times as high as it is wide is taken as vertical text and turned a quarter anticlockwise, so
/// that its first character comes first.
pub fn crop(image: &RgbImage, corners: &[Point; 4], max_h: usize) -> Crop {
    let [tl, tr, br, bl] = *corners;
    let box_w = dist(tl, tr).max(dist(bl, br)).max(1.0);
    let box_h = dist(tl, bl).max(dist(tr, br)).max(1.0);
    // Origin and the two directions of the output's x and y in the image.
    let (origin, along, across, len_x, len_y) = if box_h / box_w >= 1.5 {
        (tr, sub(br, tr), sub(tl, tr), box_h, box_w)
    } else {
        (tl, sub(tr, tl), sub(bl, tl), box_w, box_h)
    };
    let shrink = (len_y / max_h as f32).max(1.0);
    let out_w = ((len_x / shrink).round() as usize).max(1);
    let out_h = ((len_y / shrink).round() as usize).max(1);
    let samples = (shrink.ceil() as usize).clamp(1, 4);
    let mut rgb = Vec::with_capacity(out_w * out_h * 3);
    let inv = 1.0 / samples as f32;
    for v in 0..out_h {
        for u in 0..out_w {
            let mut acc = [0f32; 3];
            for sv in 0..samples {
                for su in 0..samples {
                    let fu = (u as f32 + (su as f32 + 0.5) * inv) / out_w as f32;
                    let fv = (v as f32 + (sv as f32 + 0.5) * inv) / out_h as f32;
                    let x = origin[0] + along[0] * fu + across[0] * fv;
                    let y = origin[1] + along[1] * fu + across[1] * fv;
                    let p = bilinear(image, x - 0.5, y - 0.5);
                    for c in 0..3 {
                        acc[c] += p[c];
                    }
                }
            }
            let n = (samples * samples) as f32;
            rgb.extend(acc.iter().map(|a| (a / n).round().clamp(0.0, 255.0) as u8));
        }
    }
    Crop { w: out_w, h: out_h, rgb }
}

fn sub(a: Point, b: Point) -> Point {
    [a[0] - b[0], a[1] - b[1]]
}

/// The colour at a real position, pixels past the edge repeating the edge.
fn bilinear(image: &RgbImage, x: f32, y: f32) -> [f32; 3] {
    let (w, h) = (image.width() as i64, image.height() as i64);
    let (x0, y0) = (x.floor(), y.floor());
    let (fx, fy) = (x - x0, y - y0);
    let at = |xi: i64, yi: i64| image.get_pixel(xi.clamp(0, w - 1) as u32, yi.clamp(0, h - 1) as u32).0;
    let (x0, y0) = (x0 as i64, y0 as i64);
    let (a, b, c, d) = (at(x0, y0), at(x0 + 1, y0), at(x0, y0 + 1), at(x0 + 1, y0 + 1));
    let mut out = [0f32; 3];
    for i in 0..3 {
        let top = f32::from(a[i]) * (1.0 - fx) + f32::from(b[i]) * fx;
        let bottom = f32::from(c[i]) * (1.0 - fx) + f32::from(d[i]) * fx;
        out[i] = top * (1.0 - fy) + bottom * fy;
    }
    out
}

/// The crop scaled to `height` (its width following, at most `max_width`), normalised to [-1, 1] in
/// blue-green-red order, on a canvas `canvas_width` wide padded with zeros.
fn tensor(crop: &Crop, height: usize, max_width: usize, canvas_width: usize) -> Tensor {
    let w = ((crop.w as f32 * height as f32 / crop.h as f32).ceil() as usize).clamp(1, max_width);
    let mut data = vec![0f32; 3 * height * canvas_width];
    let (sx, sy) = (crop.w as f32 / w as f32, crop.h as f32 / height as f32);
    for y in 0..height {
        for x in 0..w {
            // Bilinear, pixel centres aligned.
            let fx = ((x as f32 + 0.5) * sx - 0.5).clamp(0.0, (crop.w - 1) as f32);
            let fy = ((y as f32 + 0.5) * sy - 0.5).clamp(0.0, (crop.h - 1) as f32);
            let (x0, y0) = (fx.floor() as usize, fy.floor() as usize);
            let (x1, y1) = ((x0 + 1).min(crop.w - 1), (y0 + 1).min(crop.h - 1));
            let (ax, ay) = (fx - x0 as f32, fy - y0 as f32);
            let px = |xx: usize, yy: usize, c: usize| f32::from(crop.rgb[(yy * crop.w + xx) * 3 + c]);
            for (plane, c) in [2usize, 1, 0].into_iter().enumerate() {
                let top = px(x0, y0, c) * (1.0 - ax) + px(x1, y0, c) * ax;
                let bottom = px(x0, y1, c) * (1.0 - ax) + px(x1, y1, c) * ax;
                let v = top * (1.0 - ay) + bottom * ay;
                data[plane * height * canvas_width + y * canvas_width + x] = v / 127.5 - 1.0;
            }
        }
    }
    Tensor::from_shape(&[1, 3, height, canvas_width], &data).expect("the shape matches the data")
}

/// The crop's natural width at the recogniser's height, at most [`MAX_WIDTH`].
fn natural_width(crop: &Crop) -> usize {
    ((crop.w as f32 * HEIGHT as f32 / crop.h as f32).ceil() as usize).clamp(1, MAX_WIDTH)
}

/// The narrowest canvas a crop fits: its natural width rounded up to the width step.
pub fn canvas_width(crop: &Crop) -> usize {
    (natural_width(crop).div_ceil(WIDTH_STEP).max(1) * WIDTH_STEP).clamp(MIN_WIDTH, MAX_WIDTH)
}

/// The recogniser's input for a crop: its natural width at height 48, on a canvas `canvas` wide (at
/// least [`canvas_width`]). Also returns the share of the canvas the text fills (1 where it is squeezed
/// to fit), which turns the output's steps into places along the line.
pub fn rec_input(crop: &Crop, canvas: usize) -> (Tensor, f32) {
    let canvas = canvas.clamp(canvas_width(crop), MAX_WIDTH);
    (tensor(crop, HEIGHT, MAX_WIDTH, canvas), natural_width(crop) as f32 / canvas as f32)
}

/// The angle classifier's input for a crop.
pub fn cls_input(crop: &Crop) -> Tensor {
    tensor(crop, CLS_HEIGHT, CLS_WIDTH, CLS_WIDTH)
}

/// What CTC decoding read from one line.
#[derive(Debug, PartialEq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The mean probability of the characters kept (0 for none).
    pub score: f32,
    /// For each character of `text` (each `char`), the first and last step of the run where it was
    /// read: its place along the line.
    pub steps: Vec<(usize, usize)>,
}

/// CTC greedy decoding of a `steps` × `classes` matrix of probabilities: the best class at each step,
/// repeats collapsed, blanks (class 0) dropped. Class `i` is `charset[i - 1]`.
pub fn ctc_decode(probs: &[f32], classes: usize, charset: &[String]) -> Decoded {
    let mut text = String::new();
    let mut steps = Vec::new();
    let (mut sum, mut n) = (0f32, 0u32);
    let mut previous = 0usize;
    for (at, step) in probs.chunks_exact(classes).enumerate() {
        let (best, p) = step
            .iter()
            .copied()
            .enumerate()
            .fold((0usize, f32::MIN), |acc, (i, p)| if p > acc.1 { (i, p) } else { acc });
        if best != 0
            && best != previous
            && let Some(c) = charset.get(best - 1)
        {
            text.push_str(c);
            steps.extend(std::iter::repeat_n((at, at), c.chars().count()));
            sum += p;
            n += 1;
        } else if best != 0 && best == previous {
            // The same character read on: its run goes on.
            let run = charset.get(best - 1).map_or(0, |c| c.chars().count());
            let len = steps.len();
            for s in &mut steps[len.saturating_sub(run)..] {
                s.1 = at;
            }
        }
        previous = best;
    }
    Decoded { text, score: if n == 0 { 0.0 } else { sum / n as f32 }, steps }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctc_collapses_repeats_and_drops_blanks() {
        let charset: Vec<String> = ["好", "的", " "].iter().map(|s| s.to_string()).collect();
        // Steps: 好 好 blank 好 的 的 blank
        let best = [1usize, 1, 0, 1, 2, 2, 0];
        let mut probs = Vec::new();
        for b in best {
            let mut row = vec![0.05f32; 4];
            row[b] = 0.8;
            probs.extend(row);
        }
        let read = ctc_decode(&probs, 4, &charset);
        assert_eq!(read.text, "好好的");
        assert!((read.score - 0.8).abs() < 1e-6);
        // Each character keeps the run of steps it was read at: where it stands on the line.
        assert_eq!(read.steps, [(0, 1), (3, 3), (4, 5)]);
        assert_eq!(
            ctc_decode(&[0.9, 0.1, 0.0, 0.0], 4, &charset),
            Decoded { text: String::new(), score: 0.0, steps: vec![] }
        );
    }

    #[test]
    fn a_tall_box_is_read_as_a_vertical_line_first_character_first() {
        // A 10 × 40 image: red at the top, blue at the bottom.
        let image =
            RgbImage::from_fn(10, 40, |_, y| if y < 20 { image::Rgb([255, 0, 0]) } else { image::Rgb([0, 0, 255]) });
        let c = crop(&image, &[[0.0, 0.0], [10.0, 0.0], [10.0, 40.0], [0.0, 40.0]], 48);
        assert_eq!((c.w, c.h), (40, 10));
        assert_eq!(&c.rgb[0..3], &[255, 0, 0], "the top comes first");
        assert_eq!(&c.rgb[c.rgb.len() - 3..], &[0, 0, 255]);
    }

    #[test]
    fn a_big_crop_is_averaged_down_to_the_height_asked() {
        let image = RgbImage::from_fn(400, 200, |x, _| image::Rgb([if x % 2 == 0 { 0 } else { 255 }; 3]));
        let c = crop(&image, &[[0.0, 0.0], [400.0, 0.0], [400.0, 200.0], [0.0, 200.0]], 48);
        assert_eq!((c.w, c.h), (96, 48));
        assert!(c.rgb.iter().all(|&v| (100..=155).contains(&v)), "stripes average to grey");
    }
}
