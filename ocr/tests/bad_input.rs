//! Bad and odd images: each is a clear error or an empty result, never a panic or unbounded memory.

mod common;
mod render;

use image::{ImageFormat, RgbImage};
use redlens_ocr::OcrError;

fn encode(img: &RgbImage, format: ImageFormat) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, format).unwrap();
    out.into_inner()
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// A PNG whose header claims `width` × `height`, with the pixel data of a 1 × 1 image.
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut png = encode(&RgbImage::new(1, 1), ImageFormat::Png);
    // Signature (8), IHDR length (4) and type (4), then width and height; the chunk's CRC follows
    // its 13 bytes of data.
    png[16..20].copy_from_slice(&width.to_be_bytes());
    png[20..24].copy_from_slice(&height.to_be_bytes());
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    png
}

fn a_cover() -> render::Sample {
    render::render_set(&render::Fonts::load()).into_iter().find(|s| s.name == "cover-00.png").unwrap()
}

#[test]
fn a_truncated_png_is_a_decode_error() {
    let cover = a_cover();
    let mut ocr = common::ocr();
    for cut in [cover.bytes.len() / 2, 40, 8] {
        let e = ocr.read(&cover.bytes[..cut]).unwrap_err();
        assert!(matches!(e, OcrError::Decode(_)), "{cut} bytes: {e:?}");
        assert!(e.to_string().contains("damaged or truncated"), "{e}");
    }
}

#[test]
fn corrupt_jpegs_are_an_error_or_read_without_a_panic() {
    let img = RgbImage::from_fn(300, 200, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 128]));
    let jpeg = encode(&img, ImageFormat::Jpeg);
    let mut ocr = common::ocr();
    // Cut in its pixel data: the decoder keeps the rows it has (as browsers show such a file) and fills
    // the rest with grey, so the first lines of a screenshot are still read. Cut in its header: an error.
    let shot = render::render_set(&render::Fonts::load()).into_iter().find(|s| s.name == "screenshot-02.jpg").unwrap();
    let lines = ocr.read(&shot.bytes[..shot.bytes.len() * 3 / 5]).unwrap();
    assert_eq!(lines.first().map(|l| l.text.as_str()), Some(shot.lines[0].as_str()));
    assert!(matches!(ocr.read(&jpeg[..100]), Err(OcrError::Decode(_))));
    // The frame header (SOF0) says the image has no rows.
    let sof = jpeg.windows(2).position(|w| w == [0xFF, 0xC0]).expect("a baseline JPEG");
    let mut no_rows = jpeg.clone();
    no_rows[sof + 5..sof + 7].copy_from_slice(&[0, 0]);
    let e = ocr.read(&no_rows).unwrap_err();
    assert!(matches!(e, OcrError::Decode(_)), "{e:?}");
    // Scrambled entropy-coded data: the decoder may go on, with garbage pixels; either way no panic.
    let mut scrambled = jpeg.clone();
    let start = jpeg.len() / 2;
    for (i, b) in scrambled[start..start + 200].iter_mut().enumerate() {
        *b ^= (i as u8).wrapping_mul(37) | 1;
    }
    match ocr.read(&scrambled) {
        Ok(_) | Err(OcrError::Decode(_)) => {}
        Err(e) => panic!("unexpected {e:?}"),
    }
}

#[test]
fn tiny_and_blank_images_read_as_nothing() {
    let mut ocr = common::ocr();
    for (w, h) in [(1, 1), (7, 500), (600, 800)] {
        for colour in [[255u8; 3], [30, 30, 30]] {
            let png = encode(&RgbImage::from_pixel(w, h, image::Rgb(colour)), ImageFormat::Png);
            assert_eq!(ocr.read(&png).unwrap(), vec![], "{w} × {h} of {colour:?}");
        }
    }
}

#[test]
fn huge_images_are_refused_from_their_header() {
    let mut ocr = common::ocr();
    let e = ocr.read(&png_claiming(10_000, 10_000)).unwrap_err();
    assert!(matches!(e, OcrError::TooLarge { width: 10_000, height: 10_000 }), "{e:?}");
    assert!(e.to_string().contains("too large"), "{e}");
    assert!(matches!(ocr.read(&png_claiming(20_000, 10)), Err(OcrError::TooLarge { .. })));
    assert!(matches!(ocr.read_rgb(10_000, 10_000, &[]), Err(OcrError::TooLarge { .. })));
}

#[test]
fn a_decompression_bomb_over_the_limit_is_refused_before_its_pixels_are_inflated() {
    // 7,000 × 7,000 black pixels, one bit each: a few kilobytes that would inflate to 147 MB of RGB.
    let (w, h) = (7_000u32, 7_000u32);
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, w, h);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::One);
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(&vec![0u8; (w as usize).div_ceil(8) * h as usize]).unwrap();
    }
    assert!(bytes.len() < 200_000, "{} bytes", bytes.len());
    let e = common::ocr().read(&bytes).unwrap_err();
    assert!(matches!(e, OcrError::TooLarge { .. }), "{e:?}");
}

#[test]
fn other_formats_and_non_images_say_what_is_read() {
    let mut ocr = common::ocr();
    // An animated GIF's header and logical screen: refused by format, before any frame.
    let gif = b"GIF89a\x0a\x00\x0a\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00;";
    let e = ocr.read(gif).unwrap_err();
    assert!(matches!(e, OcrError::UnsupportedFormat(_)) && e.to_string().contains("GIF"), "{e:?}");
    assert!(e.to_string().contains("PNG and JPEG"), "{e}");
    let e = ocr.read("这不是图片".as_bytes()).unwrap_err();
    assert!(matches!(e, OcrError::UnsupportedFormat(_)), "{e:?}");
    assert!(matches!(ocr.read(&[]), Err(OcrError::Decode(_))));
    assert!(matches!(ocr.read_rgb(4, 4, &[0; 5]), Err(OcrError::Decode(_))));
}

#[test]
fn an_animated_png_is_read_from_its_first_frame() {
    let cover = a_cover();
    let first = image::load_from_memory(&cover.bytes).unwrap().into_rgb8();
    let (w, h) = first.dimensions();
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, w, h);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_animated(2, 0).unwrap();
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(first.as_raw()).unwrap();
        writer.write_image_data(&vec![255u8; (w * h * 3) as usize]).unwrap(); // a blank second frame
        writer.finish().unwrap();
    }
    let lines = common::ocr().read(&bytes).unwrap();
    let read: String = lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(common::normalise(&read), common::normalise(&cover.lines.concat()));
}

#[test]
fn missing_models_are_named() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-models-here");
    let e = redlens_ocr::Ocr::from_dir(&dir).err().expect("an error");
    assert!(matches!(e, OcrError::Missing { .. }) && e.to_string().contains(redlens_ocr::DETECTION_FILE), "{e}");
}
