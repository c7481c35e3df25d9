//! Character accuracy over the rendered Xiaohongshu-like set, by category, and reading order.

mod common;
mod render;

use std::collections::BTreeMap;

/// Guards, a little under what was measured when they were set (all 99.65 %, the weakest category
/// 99.06 %, one error in 106 characters): a drop of a few characters fails.
const ALL_AT_LEAST: f64 = 99.2;
const EACH_CATEGORY_AT_LEAST: f64 = 98.0;

#[test]
fn the_rendered_set_is_read_with_high_character_accuracy_in_every_category() {
    let samples = render::render_set(&render::Fonts::load());
    assert!(samples.len() >= 60, "at least 60 pictures");
    // Kept for a look: target/tmp/ocr-testset.
    render::write_set(&samples, &std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("ocr-testset")).unwrap();
    let mut ocr = common::ocr();
    let mut totals: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut report = String::new();
    for s in &samples {
        let lines = ocr.read(&s.bytes).unwrap_or_else(|e| panic!("{}: {e}", s.name));
        let got: String = lines.iter().map(|l| l.text.as_str()).collect();
        let want = common::normalise(&s.lines.concat());
        let errors = common::edit_distance(&want, &common::normalise(&got));
        if errors > 0 {
            report.push_str(&format!("  {}: {errors} errors: read {:?}, drawn {:?}\n", s.name, got, s.lines.concat()));
        }
        let t = totals.entry(s.category).or_default();
        t.0 += errors;
        t.1 += want.len();
    }
    let accuracy = |(errors, chars): (usize, usize)| 100.0 * (1.0 - errors as f64 / chars as f64);
    let all = totals.values().fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    for (category, t) in &totals {
        report.push_str(&format!("{category}: {:.2} % ({} errors in {} characters)\n", accuracy(*t), t.0, t.1));
    }
    report.push_str(&format!("all: {:.2} % ({} errors in {} characters)", accuracy(all), all.0, all.1));
    println!("{report}");
    assert!(accuracy(all) >= ALL_AT_LEAST, "accuracy fell:\n{report}");
    for (category, t) in &totals {
        assert!(accuracy(*t) >= EACH_CATEGORY_AT_LEAST, "{category} fell:\n{report}");
    }
}

#[test]
fn two_column_menus_and_comment_screenshots_come_out_in_reading_order() {
    let fonts = render::Fonts::load();
    let mut ocr = common::ocr();
    let samples = render::render_set(&fonts);
    let picked: Vec<_> =
        samples.iter().filter(|s| (s.category == "menu" || s.category == "screenshot") && s.lines.len() >= 3).collect();
    assert!(picked.len() >= 8);
    for s in picked {
        let lines = ocr.read(&s.bytes).unwrap();
        let got: Vec<String> = lines.iter().map(|l| common::normalise(&l.text).into_iter().collect()).collect();
        let want: Vec<String> = s.lines.iter().map(|l| common::normalise(l).into_iter().collect()).collect();
        assert_eq!(got, want, "{}: lines out of order or misread", s.name);
        if s.category == "menu" {
            // A dish and its price share a row; every row is its own.
            let rows: Vec<usize> = lines.iter().map(|l| l.row).collect();
            let expected: Vec<usize> = std::iter::once(0).chain((1..lines.len()).map(|i| i.div_ceil(2))).collect();
            assert_eq!(rows, expected, "{}: rows", s.name);
            assert!(lines[1].corners[0][0] < lines[2].corners[0][0], "{}: the dish is left of its price", s.name);
        }
    }
}

#[test]
fn the_set_is_the_same_on_every_run() {
    let fonts = render::Fonts::load();
    let (a, b) = (render::render_set(&fonts), render::render_set(&fonts));
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert!(x.name == y.name && x.bytes == y.bytes && x.lines == y.lines, "{} differs between runs", x.name);
    }
}

#[test]
fn the_angle_classifier_turns_upside_down_lines_and_leaves_upright_ones() {
    let samples = render::render_set(&render::Fonts::load());
    let mut ocr = common::ocr();
    assert!(ocr.angle_classifier(), "the models folder has the classifier, and it is on by default");
    for name in ["cover-00.png", "caption-01.png", "screenshot-03.png"] {
        let s = samples.iter().find(|s| s.name == name).unwrap();
        let upright = image::load_from_memory(&s.bytes).unwrap().into_rgb8();
        let turned = image::imageops::rotate180(&upright);
        let want = common::normalise(&s.lines.concat());
        for (how, img) in [("upright", &upright), ("upside down", &turned)] {
            let lines = ocr.read_rgb(img.width(), img.height(), img.as_raw()).unwrap();
            let got: String = lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().concat();
            // Upside down, the lines themselves come in reverse order: compare the characters as a set.
            let (mut a, mut b) = (want.clone(), common::normalise(&got));
            if how == "upside down" {
                a.sort();
                b.sort();
            }
            let errors = common::edit_distance(&a, &b);
            assert!(errors * 20 <= want.len(), "{name} {how}: read {got:?}");
        }
    }
}

#[test]
fn the_lines_of_a_picture_share_one_recognition_plan() {
    // Compiling a plan costs more than reading a line on a wider canvas (the most of a first read's
    // time): lines of different lengths are read on the widest one's canvas, and a later picture reuses
    // the canvases compiled.
    let samples = render::render_set(&render::Fonts::load());
    let mut ocr = common::ocr();
    ocr.set_angle_classifier(false);
    // A comment screenshot whose four lines hold 8 to 16 characters.
    let screenshot = samples.iter().find(|s| s.name == "screenshot-11.jpg").unwrap();
    let lines = ocr.read(&screenshot.bytes).unwrap();
    let lengths: Vec<usize> = lines.iter().map(|l| l.text.chars().count()).collect();
    assert!(
        lengths.iter().min().unwrap() * 3 / 2 < *lengths.iter().max().unwrap(),
        "the lines differ in length: {lengths:?}"
    );
    assert_eq!(ocr.timings().plans, 2, "one detection plan and one recognition plan");
    ocr.read(&screenshot.bytes).unwrap();
    assert_eq!(ocr.timings().plans, 0, "the same picture again compiles nothing");
}

#[test]
fn each_character_is_placed_in_its_own_share_of_the_line() {
    // A pointer on a picture finds its character by these places: on a line of Chinese characters, all
    // of one width, they must stand evenly spaced (an emoji the recogniser drops may take room at an end).
    let fonts = render::Fonts::load();
    let mut ocr = common::ocr();
    let mut checked = 0;
    for s in render::render_set(&fonts).iter().filter(|s| s.category == "cover" || s.category == "caption") {
        for line in ocr.read(&s.bytes).unwrap() {
            let n = line.text.chars().count();
            assert_eq!(line.places.len(), n, "{}: one place per character of {:?}", s.name, line.text);
            assert!(
                line.places.windows(2).all(|w| w[0] < w[1]),
                "{}: places go along the line: {:?}",
                s.name,
                line.places
            );
            if n < 4 || !line.text.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
                continue;
            }
            let gaps: Vec<f32> = line.places.windows(2).map(|w| w[1] - w[0]).collect();
            let mean = gaps.iter().sum::<f32>() / gaps.len() as f32;
            assert!(
                mean * n as f32 > 0.6,
                "{}: {:?} spread over {:.2} of its line only",
                s.name,
                line.text,
                mean * n as f32
            );
            for (i, gap) in gaps.iter().enumerate() {
                assert!(
                    (0.6..=1.4).contains(&(gap / mean)),
                    "{}: {:?} gap {i} is {gap}, the mean {mean}",
                    s.name,
                    line.text
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} lines of Chinese characters checked");
}

#[test]
fn a_photo_stored_sideways_is_read_as_its_exif_orientation_shows_it() {
    // A phone stores a portrait photo as the sensor saw it and says in EXIF how to turn it for display
    // (orientation 6: a quarter turn clockwise). The browser shows it turned; the reader must read it so.
    let samples = render::render_set(&render::Fonts::load());
    let s = samples.iter().find(|s| s.name == "cover-00.png").unwrap();
    let upright = image::load_from_memory(&s.bytes).unwrap().into_rgb8();
    let stored = image::imageops::rotate270(&upright);
    let mut jpeg = std::io::Cursor::new(Vec::new());
    stored.write_to(&mut jpeg, image::ImageFormat::Jpeg).unwrap();
    let jpeg = jpeg.into_inner();
    // An APP1 segment right after the start marker: Exif, a big-endian TIFF header, one IFD entry
    // (0x0112 Orientation, SHORT, 1 value: 6).
    let mut exif = b"Exif\0\0MM\0\x2a\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0\x06\0\0\0\0\0\0".to_vec();
    let mut app1 = vec![0xFF, 0xE1];
    app1.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
    app1.append(&mut exif);
    let photo = [&jpeg[..2], &app1, &jpeg[2..]].concat();

    let mut ocr = common::ocr();
    let lines = ocr.read(&photo).unwrap();
    let got = common::normalise(&lines.iter().map(|l| l.text.as_str()).collect::<String>());
    let want = common::normalise(&s.lines.concat());
    let errors = common::edit_distance(&want, &got);
    assert!(errors * 20 <= want.len(), "read {got:?}, drawn {want:?}");
    assert!(lines.iter().all(|l| l.corners[1][0] > l.corners[0][0]), "lines run left to right as displayed");
}
