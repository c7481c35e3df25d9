//! Renders the test set into a folder and reads it: per image what was read, the errors, and the time
//! split between detection and recognition; per category the character accuracy. NO_ANGLE=1 reads
//! without the angle classifier. (The dev profile optimises every crate of the OCR: no need for the
//! release profile's slow LTO here.)
//!
//!     cargo run -p redlens-ocr --example testset -- OUT_DIR [MODELS_DIR]

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "../tests/render/mod.rs"]
mod render;

use std::collections::BTreeMap;
use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(args.next().expect("usage: testset OUT_DIR [MODELS_DIR]"));
    if let Some(models) = args.next() {
        // SAFETY: set before any thread is started.
        unsafe { std::env::set_var("REDLENS_OCR_MODELS", models) };
    }
    let samples = render::render_set(&render::Fonts::load());
    render::write_set(&samples, &out).expect("the set is written");
    let mut ocr = common::ocr();
    ocr.set_angle_classifier(std::env::var_os("NO_ANGLE").is_none());
    let mut totals: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for s in &samples {
        let lines = ocr.read(&s.bytes).expect("reads");
        let t = ocr.timings();
        let got: String = lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("");
        let want = common::normalise(&s.lines.concat());
        let errors = common::edit_distance(&want, &common::normalise(&got));
        let e = totals.entry(s.category).or_default();
        e.0 += errors;
        e.1 += want.len();
        println!(
            "{}\t{errors}/{}\tdet {:.0} ms\trec {:.0} ms\tcompile {:.0} ms\t{}",
            s.name,
            want.len(),
            t.detect.as_secs_f64() * 1e3,
            t.recognize.as_secs_f64() * 1e3,
            t.compile.as_secs_f64() * 1e3,
            lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join(" | ")
        );
    }
    let (mut errors, mut chars) = (0, 0);
    for (category, (e, n)) in &totals {
        println!("{category}\t{:.2} %\t({e} errors in {n} characters)", 100.0 * (1.0 - *e as f64 / *n as f64));
        errors += e;
        chars += n;
    }
    println!("all\t{:.2} %\t({errors} errors in {chars} characters)", 100.0 * (1.0 - errors as f64 / chars as f64));
}
