//! `redlens ocr` as a user runs it: lines as text, JSON with boxes and the same annotated units as
//! `annotate --json`, and clear errors. The pictures come from the OCR crate's rendered test set.

mod common;
#[path = "../ocr/tests/render/mod.rs"]
mod render;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn redlens(args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_redlens"));
    cmd.args(args).env("REDLENS_DICT", common::dict_path());
    if std::env::var_os("REDLENS_OCR_MODELS").is_none() {
        cmd.env("REDLENS_OCR_MODELS", concat!(env!("CARGO_MANIFEST_DIR"), "/target/ocr"));
    }
    cmd.output().expect("the CLI runs")
}

/// Writes the named pictures of the test set into a folder of the test's own (tests run at once);
/// returns their paths and lines.
fn pictures(test: &str, names: &[&str]) -> Vec<(PathBuf, Vec<String>)> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ocr-cli").join(test);
    std::fs::create_dir_all(&dir).unwrap();
    let set = render::render_set(&render::Fonts::load());
    names
        .iter()
        .map(|name| {
            let s = set.iter().find(|s| s.name == *name).unwrap_or_else(|| panic!("no {name} in the set"));
            let path = dir.join(name);
            std::fs::write(&path, &s.bytes).unwrap();
            (path, s.lines.clone())
        })
        .collect()
}

/// Full-width forms as ASCII, spaces dropped (the recogniser may give either form of ！ or ￥).
fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFF01 + 0x21).unwrap(),
            0xFFE5 => '¥',
            _ => c,
        })
        .collect()
}

#[test]
fn plain_output_is_the_lines_one_per_line_under_each_image_name() {
    let pics = pictures("plain", &["cover-00.png", "menu-00.png"]);
    let paths: Vec<&str> = pics.iter().map(|(p, _)| p.to_str().unwrap()).collect();
    let out = redlens(&["ocr", paths[0], paths[1]]);
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let mut expected = Vec::new();
    for (path, lines) in &pics {
        expected.push(fold(&format!("{}:", path.display())));
        expected.extend(lines.iter().map(|l| fold(l)));
    }
    let got: Vec<String> = String::from_utf8_lossy(&out.stdout).lines().map(fold).collect();
    assert_eq!(got, expected);
    // One image: just its lines.
    let out = redlens(&["ocr", paths[0]]);
    let got: Vec<String> = String::from_utf8_lossy(&out.stdout).lines().map(fold).collect();
    assert_eq!(got, pics[0].1.iter().map(|l| fold(l)).collect::<Vec<_>>());
}

#[test]
fn json_gives_boxes_scores_rows_and_the_units_annotate_gives() {
    let pics = pictures("json", &["price-01.jpg", "menu-00.png"]);
    let paths: Vec<&str> = pics.iter().map(|(p, _)| p.to_str().unwrap()).collect();
    let out = redlens(&["ocr", "--json", paths[0], paths[1]]);
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let images: Vec<Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(images.len(), 2, "one object per image");
    for (image, (path, truth)) in images.iter().zip(&pics) {
        assert_eq!(image["image"], path.to_str().unwrap());
        let lines = image["lines"].as_array().unwrap();
        let texts: Vec<String> = lines.iter().map(|l| fold(l["text"].as_str().unwrap())).collect();
        assert_eq!(texts, truth.iter().map(|l| fold(l)).collect::<Vec<_>>());
        for l in lines {
            let corners = l["box"].as_array().unwrap();
            assert_eq!(corners.len(), 4);
            assert!(corners.iter().all(|p| p.as_array().unwrap().len() == 2));
            let score = l["score"].as_f64().unwrap();
            assert!((0.5..=1.0).contains(&score), "{score}");
            assert!(l["row"].is_u64());
            // One place along the line per character, in order.
            let places: Vec<f64> = l["places"].as_array().unwrap().iter().map(|p| p.as_f64().unwrap()).collect();
            assert_eq!(places.len(), l["text"].as_str().unwrap().chars().count());
            assert!(places.windows(2).all(|w| w[0] <= w[1]) && places.iter().all(|p| (0.0..=1.0).contains(p)));
            // The same units as `annotate --json` for the line's text: one piece serves both.
            let annotated = redlens(&["annotate", "--json", l["text"].as_str().unwrap()]);
            let annotated: Value = serde_json::from_slice(&annotated.stdout).unwrap();
            assert_eq!(l["spans"], annotated["spans"]);
        }
    }
    let first = &images[0]["lines"][0];
    let unit = first["spans"].as_array().unwrap().iter().find(|s| s["text"] == "到手价").expect("到手价 is one unit");
    assert!(unit["kinds"].as_array().unwrap().iter().any(|k| k == "slang"), "{unit}");
    assert_eq!(unit["entry"]["simplified"], "到手价");
    // The price tag's two lines are two rows; the menu's dish and price share one.
    assert_eq!(images[0]["lines"][1]["row"], 1);
    assert_eq!(images[1]["lines"][1]["row"], images[1]["lines"][2]["row"]);
}

#[test]
fn missing_models_and_bad_files_are_one_line_errors() {
    let pics = pictures("errors", &["caption-00.png"]);
    let path = pics[0].0.to_str().unwrap();
    let out = redlens(&["ocr", "--models", "no/such/folder", path]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("ch_PP-OCRv4_det_infer.onnx") && err.contains("--models"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");

    let not_image = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ocr-cli/errors/not-an-image.png");
    std::fs::write(&not_image, "你好").unwrap();
    let out = redlens(&["ocr", not_image.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("not-an-image.png") && err.contains("PNG or JPEG"), "{err}");
    assert!(out.stdout.is_empty());
}
