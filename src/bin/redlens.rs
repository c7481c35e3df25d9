//! `redlens`: the engine from a terminal. Builds the dictionary, looks words up, explains the word at an
//! offset, annotates text, searches, and reports what the dictionary holds.

use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use redlens::compile::{self, Sources};
use redlens::{Engine, Entry, Found, Kinds, pinyin};
use serde_json::{Value, json};

#[derive(Parser)]
#[command(name = "redlens", version, about = "Offline explanations of Chinese words, slang, memes and idioms")]
struct Cli {
    /// The dictionary file (default: $REDLENS_DICT, else redlens.dict in the build's target folder).
    #[arg(long, global = true, value_name = "PATH")]
    dict: Option<PathBuf>,
    /// Print JSON (one object per query; JSON Lines for several).
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compile data/ (CC-CEDICT, the slang layer, HSK, word list) into one dictionary file.
    BuildDict {
        /// Where to write it (default: the --dict default).
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// The data folder.
        #[arg(long, value_name = "DIR", default_value = "data")]
        data: PathBuf,
    },
    /// All entries of words (simplified, traditional, abbreviation); `-` reads one word per line.
    Lookup {
        #[arg(required = true, value_name = "WORD")]
        words: Vec<String>,
    },
    /// The word at a UTF-16 offset of a text, in context (what a hover shows).
    At {
        text: String,
        #[arg(allow_hyphen_values = true)]
        offset: String,
    },
    /// Every word, slang term and idiom of a text with its kinds; `-` or nothing reads stdin.
    Annotate { text: Option<String> },
    /// The text with its slang, memes, abbreviations and codes in plain Mandarin (what a translator is
    /// given); `-` or nothing reads stdin. With --json, also where each replacement stands.
    Plain { text: Option<String> },
    /// Search by Chinese, pinyin (with or without tones), abbreviation or English.
    Search {
        query: String,
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// Entry counts by source and kind, dictionary version, section sizes.
    Stats,
    /// Reads the text in pictures (PNG, JPEG): the lines, one per line; with --json, each line's box,
    /// confidence and annotated units.
    Ocr {
        #[arg(required = true, value_name = "IMAGE")]
        images: Vec<PathBuf>,
        /// The OCR models folder (default: $REDLENS_OCR_MODELS, else ocr/ in the build's target folder).
        #[arg(long, value_name = "DIR")]
        models: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("redlens: {e}");
            ExitCode::FAILURE
        }
    }
}

fn fail(message: impl std::fmt::Display) -> io::Error {
    io::Error::other(message.to_string())
}

/// `$variable` if it is set, else `name` in the build's target folder, where ./build.sh puts it
/// (target/release/redlens and target/debug/redlens both find target/`name`).
fn built_file(variable: &str, name: &str) -> PathBuf {
    if let Some(p) = std::env::var_os(variable) {
        return PathBuf::from(p);
    }
    std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.join(name)))
        .unwrap_or_else(|| Path::new("target").join(name))
}

fn default_dict() -> PathBuf {
    built_file("REDLENS_DICT", "redlens.dict")
}

fn open(cli: &Cli) -> io::Result<Engine> {
    let path = cli.dict.clone().unwrap_or_else(default_dict);
    let bytes = std::fs::read(&path).map_err(|e| {
        fail(format!("cannot read the dictionary {}: {e} (build it with `redlens build-dict`)", path.display()))
    })?;
    Engine::from_bytes(bytes).map_err(|e| fail(format!("{}: {e}", path.display())))
}

/// `text`, or standard input where it is `-` or missing.
fn text_or_stdin(text: Option<&str>) -> io::Result<String> {
    match text {
        None | Some("-") => {
            let mut s = String::new();
            io::stdin().read_to_string(&mut s).map_err(|e| fail(format!("cannot read standard input: {e}")))?;
            Ok(s)
        }
        Some(t) => Ok(t.to_string()),
    }
}

fn run(cli: &Cli) -> io::Result<()> {
    let out = &mut io::stdout().lock();
    let style = Style { color: !cli.json && io::stdout().is_terminal() };
    match &cli.command {
        Command::BuildDict { out: path, data } => {
            let path = path.clone().or_else(|| cli.dict.clone()).unwrap_or_else(default_dict);
            build_dict(data, &path, out)
        }
        Command::Lookup { words } => {
            let engine = open(cli)?;
            let words = if words.len() == 1 && words[0] == "-" { read_lines()? } else { words.clone() };
            for word in &words {
                let entries = engine.lookup(word);
                if cli.json {
                    print_json(out, &json!({"query": word, "entries": entries}))?;
                } else if entries.is_empty() {
                    writeln!(out, "{word}: not found")?;
                } else {
                    for e in &entries {
                        print_entry(out, &engine, e, style)?;
                    }
                }
            }
            Ok(())
        }
        Command::At { text, offset } => {
            let offset: usize = offset
                .parse()
                .map_err(|_| fail(format!("the offset {offset:?} is not a whole number of UTF-16 code units")))?;
            let mut engine = open(cli)?;
            engine.build_segmenter();
            let hover = engine.lookup_at(text, offset).map_err(fail)?;
            if cli.json {
                return print_json(out, &json!({"text": text, "offset": offset, "hover": hover}));
            }
            let Some(h) = hover else {
                return writeln!(out, "nothing to explain at offset {offset}");
            };
            print_found(out, &engine, "word", &h.word, style)?;
            for f in &h.longer {
                print_found(out, &engine, "longer", f, style)?;
            }
            if !h.parts.is_empty() {
                writeln!(out, "{}", style.dim("parts:"))?;
                for p in &h.parts {
                    let first = p.entries.first();
                    writeln!(
                        out,
                        "  {} {}  {}",
                        p.text,
                        first.map(|e| style.pinyin(&e.pinyin)).unwrap_or_default(),
                        first.and_then(|e| e.senses.first()).map_or("", String::as_str)
                    )?;
                }
            }
            Ok(())
        }
        Command::Plain { text } => {
            let text = text_or_stdin(text.as_deref())?;
            let mut engine = open(cli)?;
            engine.build_segmenter();
            let plain = engine.plain_text(&text);
            if cli.json {
                return print_json(
                    out,
                    &json!({"text": text, "plain": plain.text, "replacements": plain.replacements}),
                );
            }
            writeln!(out, "{}", plain.text)
        }
        Command::Annotate { text } => {
            let text = text_or_stdin(text.as_deref())?;
            let mut engine = open(cli)?;
            engine.build_segmenter();
            if cli.json {
                return print_json(out, &json!({"text": text, "spans": spans_json(&engine, &text)}));
            }
            let spans = engine.annotate(&text);
            let units: Vec<u16> = text.encode_utf16().collect();
            let span_text = |s: &redlens::Span| String::from_utf16_lossy(&units[s.start as usize..s.end as usize]);
            for s in &spans {
                let entry = s.entry.and_then(|id| engine.entry(id));
                let gloss = entry.as_ref().and_then(|e| e.senses.first()).map_or("", String::as_str);
                let marks = entry.as_ref().map(|e| style.pinyin(&e.pinyin)).unwrap_or_default();
                let kinds = s.kinds.names().join(",");
                let interesting = s.kinds.intersects(Kinds::SLANG | Kinds::IDIOM | Kinds::EMOJI | Kinds::NUMBER);
                let word = if interesting { style.bold(&span_text(s)) } else { span_text(s) };
                writeln!(out, "{:>5}-{:<5} {word}  {marks}  [{kinds}]  {}", s.start, s.end, truncate(gloss, 70))?;
            }
            Ok(())
        }
        Command::Search { query, limit } => {
            let engine = open(cli)?;
            let hits = engine.search(query, *limit);
            if cli.json {
                return print_json(out, &json!({"query": query, "results": hits}));
            }
            if hits.is_empty() {
                return writeln!(out, "{query}: nothing found");
            }
            for h in &hits {
                let e = &h.entry;
                writeln!(out, "{}  {}  {}", headword(e), style.pinyin(&e.pinyin), truncate(&e.senses.join("; "), 90))?;
            }
            Ok(())
        }
        Command::Stats => stats(&open(cli)?, cli.json, out),
        Command::Ocr { images, models } => ocr(cli, images, models.as_deref(), out),
    }
}

/// Every unit of a text with its kinds and first entry, as `annotate --json` gives them (UTF-16 offsets).
fn spans_json(engine: &Engine, text: &str) -> Vec<Value> {
    let units: Vec<u16> = text.encode_utf16().collect();
    engine
        .annotate(text)
        .iter()
        .map(|s| {
            json!({"start": s.start, "end": s.end,
                   "text": String::from_utf16_lossy(&units[s.start as usize..s.end as usize]),
                   "kinds": s.kinds, "entry": s.entry.and_then(|id| engine.entry(id))})
        })
        .collect()
}

fn default_models() -> PathBuf {
    built_file("REDLENS_OCR_MODELS", "ocr")
}

/// `redlens ocr`: the lines of each image; with --json one object per image, each line with its box
/// (four corners, clockwise from the top-left of the text), confidence, row and annotated units.
fn ocr(cli: &Cli, images: &[PathBuf], models: Option<&Path>, out: &mut impl Write) -> io::Result<()> {
    let dir = models.map(Path::to_path_buf).unwrap_or_else(default_models);
    let mut reader = redlens_ocr::Ocr::from_dir(&dir)
        .map_err(|e| fail(format!("{e} (the OCR models: ./build.sh puts them in target/ocr; or pass --models DIR)")))?;
    let engine = if cli.json {
        let mut engine = open(cli)?;
        engine.build_segmenter();
        Some(engine)
    } else {
        None
    };
    for path in images {
        let bytes = std::fs::read(path).map_err(|e| fail(format!("cannot read {}: {e}", path.display())))?;
        let lines = reader.read(&bytes).map_err(|e| fail(format!("{}: {e}", path.display())))?;
        if let Some(engine) = &engine {
            let lines: Vec<Value> = lines
                .iter()
                .map(|l| {
                    let mut line = l.to_json();
                    line["spans"] = Value::Array(spans_json(engine, &l.text));
                    line
                })
                .collect();
            print_json(out, &json!({"image": path.display().to_string(), "lines": lines}))?;
            continue;
        }
        if images.len() > 1 {
            writeln!(out, "{}:", path.display())?;
        }
        for l in &lines {
            writeln!(out, "{}", l.text)?;
        }
    }
    Ok(())
}

fn build_dict(data: &Path, path: &Path, out: &mut impl Write) -> io::Result<()> {
    let (bytes, report) = compile::build(&Sources::in_dir(data)).map_err(fail)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| fail(format!("cannot create {}: {e}", dir.display())))?;
    }
    // Write beside the target and rename, so a reader never sees half a file.
    let tmp = path.with_extension("dict.tmp");
    std::fs::write(&tmp, &bytes).map_err(|e| fail(format!("cannot write {}: {e}", tmp.display())))?;
    std::fs::rename(&tmp, path).map_err(|e| fail(format!("cannot write {}: {e}", path.display())))?;
    writeln!(
        out,
        "wrote {} ({:.1} MiB): {} CC-CEDICT entries ({} malformed lines skipped), {} RedLens entries, {} segmenter words",
        path.display(),
        report.bytes as f64 / 1048576.0,
        report.cedict_entries,
        report.cedict_skipped,
        report.slang_entries,
        report.words
    )
}

fn read_lines() -> io::Result<Vec<String>> {
    io::stdin()
        .lock()
        .lines()
        .map(|l| l.map_err(|e| fail(format!("cannot read standard input: {e}"))))
        .filter(|l| !matches!(l, Ok(s) if s.trim().is_empty()))
        .collect()
}

fn print_json(out: &mut impl Write, v: &Value) -> io::Result<()> {
    serde_json::to_writer(&mut *out, v).map_err(io::Error::other)?;
    writeln!(out)
}

fn stats(engine: &Engine, json: bool, out: &mut impl Write) -> io::Result<()> {
    let dict = engine.dictionary();
    let mut by_source = std::collections::BTreeMap::<&str, usize>::new();
    let mut by_kind = std::collections::BTreeMap::<&str, usize>::new();
    for id in 0..dict.entry_count() {
        if let Some(e) = dict.entry(id) {
            *by_source.entry(e.source.name()).or_default() += 1;
            for k in e.kinds.names() {
                *by_kind.entry(k).or_default() += 1;
            }
        }
    }
    let meta = dict.meta();
    let categories: std::collections::BTreeMap<&str, usize> =
        meta.iter().filter_map(|(k, v)| Some((k.strip_prefix("redlens.category.")?, v.parse().ok()?))).collect();
    let (sections, total) = dict.section_sizes();
    if json {
        let meta: serde_json::Map<String, Value> = meta.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
        let sections: serde_json::Map<String, Value> = sections.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
        return print_json(
            out,
            &json!({"entries": dict.entry_count(), "by_source": by_source, "by_kind": by_kind,
                    "categories": categories, "words": dict.word_count(), "meta": meta,
                    "sections": sections, "bytes": total}),
        );
    }
    writeln!(out, "entries: {}", dict.entry_count())?;
    for (k, v) in &by_source {
        writeln!(out, "  source {k}: {v}")?;
    }
    for (k, v) in &by_kind {
        writeln!(out, "  kind {k}: {v}")?;
    }
    for (k, v) in &categories {
        writeln!(out, "  category {k}: {v}")?;
    }
    writeln!(out, "segmenter words: {}", dict.word_count())?;
    for (k, v) in &meta {
        writeln!(out, "{k}: {v}")?;
    }
    writeln!(out, "size: {total} bytes")?;
    for (k, v) in &sections {
        writeln!(out, "  section {k}: {v} bytes")?;
    }
    Ok(())
}

fn headword(e: &Entry) -> String {
    if e.traditional == e.simplified { e.simplified.clone() } else { format!("{} ({})", e.simplified, e.traditional) }
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max { s.to_string() } else { format!("{}…", s.chars().take(max).collect::<String>()) }
}

fn print_found(out: &mut impl Write, engine: &Engine, label: &str, f: &Found, style: Style) -> io::Result<()> {
    writeln!(
        out,
        "{} {} [{}-{}] {}",
        style.dim(&format!("{label}:")),
        style.bold(&f.text),
        f.start,
        f.end,
        f.kinds.names().join(", ")
    )?;
    if f.entries.is_empty() {
        writeln!(out, "  (not in the dictionary)")?;
    }
    for e in &f.entries {
        print_entry(out, engine, e, style)?;
    }
    Ok(())
}

fn print_entry(out: &mut impl Write, engine: &Engine, e: &Entry, style: Style) -> io::Result<()> {
    let mut tags = e.kinds.names();
    tags.push(e.source.name());
    if let Some(s) = &e.slang {
        tags.push(&s.category);
    }
    let hsk = e.hsk.map(|l| format!("  HSK {}", if l == 7 { "7-9".into() } else { l.to_string() })).unwrap_or_default();
    writeln!(
        out,
        "{}  {}  {}{hsk}",
        style.bold(&headword(e)),
        style.pinyin(&e.pinyin),
        style.dim(&format!("[{}]", tags.join(" · ")))
    )?;
    if let Some(x) = e.explanation() {
        writeln!(out, "  {}", x.meaning)?;
        if let Some(full) = e.slang.as_ref().and_then(|s| s.full.as_deref()) {
            writeln!(out, "  {} {full}", style.dim("stands for:"))?;
        }
        for (label, v) in [("literally:", &x.literal), ("usage:", &x.usage), ("origin:", &x.origin)] {
            if let Some(v) = v {
                writeln!(out, "  {} {v}", style.dim(label))?;
            }
        }
        writeln!(out, "  {} {} — {}", style.dim("e.g."), x.example_zh, x.example_en)?;
        return Ok(());
    }
    for (i, s) in e.senses.iter().enumerate() {
        writeln!(out, "  {}. {s}", i + 1)?;
    }
    if let Some(g) = &e.gloss {
        writeln!(out, "  {} {g}", style.dim("word by word:"))?;
    }
    for r in e.refs.iter().filter_map(|&id| engine.entry(id)) {
        writeln!(out, "  → {} {}: {}", headword(&r), style.pinyin(&r.pinyin), truncate(&r.senses.join("; "), 100))?;
    }
    Ok(())
}

/// Terminal styling, only when writing to a terminal.
#[derive(Clone, Copy)]
struct Style {
    color: bool,
}

impl Style {
    fn wrap(self, code: &str, s: &str) -> String {
        if self.color { format!("\x1b[{code}m{s}\x1b[0m") } else { s.to_string() }
    }
    fn bold(self, s: &str) -> String {
        self.wrap("1", s)
    }
    fn dim(self, s: &str) -> String {
        self.wrap("2", s)
    }
    /// Pinyin with tone marks, each syllable coloured by its tone on a terminal.
    fn pinyin(self, numbered: &str) -> String {
        if !self.color {
            return pinyin::to_marks(numbered);
        }
        numbered
            .split_whitespace()
            .map(|syl| {
                let code = match pinyin::tones(syl).first() {
                    Some(1) => "31",
                    Some(2) => "33",
                    Some(3) => "32",
                    Some(4) => "34",
                    _ => "37",
                };
                self.wrap(code, &pinyin::to_marks(syl))
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}
