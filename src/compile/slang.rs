//! Reads the project's own slang, meme and idiom layer: `data/slang/*.toml`, one file per category
//! (the format is described in `data/slang/README.md`).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::Problem;
use crate::entry::{Explanation, Flags, Kinds, Slang};
use crate::pinyin;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    entry: Vec<RawEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    term: Spanned<String>,
    full: Option<String>,
    #[serde(default)]
    variants: Vec<String>,
    pinyin: String,
    traditional: Option<String>,
    year: Option<u16>,
    #[serde(default)]
    flags: Vec<String>,
    #[serde(default)]
    related: Vec<String>,
    /// `false`: shown first only where a context rule picks it (`data/context.toml`).
    first: Option<bool>,
    plain: Option<String>,
    en: RawExplanation,
    #[serde(flatten)]
    other_languages: BTreeMap<String, RawExplanation>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExplanation {
    meaning: String,
    literal: Option<String>,
    usage: Option<String>,
    origin: Option<String>,
    example_zh: String,
    example_en: String,
}

/// One checked entry of the layer.
#[derive(Debug, Clone)]
pub struct SlangEntry {
    /// The term as usually written.
    pub term: String,
    /// Traditional form, where given.
    pub traditional: Option<String>,
    /// Numbered pinyin.
    pub pinyin: String,
    /// Kinds implied by the category.
    pub kinds: Kinds,
    /// Everything else the card shows.
    pub slang: Slang,
    /// Where it was defined, for messages.
    pub origin: (String, usize),
    /// Whether it comes after the headword's ordinary entries unless a context rule picks it: a
    /// colloquial sense of a common word (出 "for sale" in a second-hand post) that must not win where
    /// the text means the ordinary word.
    pub context_only: bool,
}

impl SlangEntry {
    /// Every lookup key of the entry: the term, its traditional form and its variants.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.term.as_str())
            .chain(self.traditional.as_deref())
            .chain(self.slang.variants.iter().map(String::as_str))
    }
}

/// The kinds a category gives its entries.
pub fn category_kinds(category: &str) -> Kinds {
    match category {
        "abbreviation" => Kinds::SLANG | Kinds::ABBREVIATION,
        "number" => Kinds::SLANG | Kinds::NUMBER,
        "emoji" => Kinds::EMOJI,
        _ => Kinds::SLANG,
    }
}

/// The categories a slang file may be named after (see `data/slang/README.md`): the category is shown
/// with every entry, so a file named after anything else (a round of work) is refused.
pub const CATEGORIES: [&str; 15] = [
    "abbreviation",
    "number",
    "platform",
    "meme",
    "pun",
    "mixed",
    "phrase",
    "fandom",
    "emoji",
    "regional",
    "colloquial",
    "comment",
    "trading",
    "crosstalk",
    "workplace",
];

/// The category of a data file: its name without extension, with a `-part` suffix dropped
/// (`meme-2020s.toml` is in category `meme`).
pub fn category_of(path: &Path) -> String {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    stem.split('-').next().unwrap_or(&stem).to_string()
}

/// Parses and checks one category file. Every problem is reported with the file and line; the entries
/// that passed are returned alongside.
pub fn parse_file(path: &Path, text: &str, problems: &mut Vec<Problem>) -> Vec<SlangEntry> {
    let name = path.display().to_string();
    let line_of = |byte: usize| text[..byte.min(text.len())].matches('\n').count() + 1;
    let file: File = match toml::from_str(text) {
        Ok(f) => f,
        Err(e) => {
            let line = e.span().map(|s| line_of(s.start));
            problems.push(Problem { file: name, line, message: e.message().to_string() });
            return Vec::new();
        }
    };
    let category = category_of(path);
    if !CATEGORIES.contains(&category.as_str()) {
        let message = format!("{category:?} is not a category: name the file after one of {}", CATEGORIES.join(", "));
        problems.push(Problem { file: name, line: None, message });
        return Vec::new();
    }
    let mut out = Vec::new();
    for raw in file.entry {
        let line = line_of(raw.term.span().start);
        let term = raw.term.into_inner();
        let mut errors = Vec::new();
        if term.trim().is_empty() || term.trim() != term {
            errors.push(format!("term {term:?} is empty or has spaces around it"));
        }
        // Every Han character needs a toned syllable; digits and Latin letters may be read out too.
        let toned = pinyin::syllables(&raw.pinyin).iter().filter(|s| s.tone != 0).count();
        let written = raw.full.as_deref().unwrap_or(&term);
        let han = han_count(written);
        let readable = han + written.chars().filter(char::is_ascii_alphanumeric).count();
        if toned < han || toned > readable.max(han) {
            errors.push(format!(
                "{term}: pinyin {:?} has {toned} toned syllables for {han} Chinese characters",
                raw.pinyin
            ));
        }
        if raw.pinyin.trim().is_empty() {
            errors.push(format!("{term}: pinyin is empty"));
        }
        let mut flags = Flags::default();
        for f in &raw.flags {
            match Flags::from_name(f) {
                Some(bit) => flags.0 |= bit.0,
                None => errors.push(format!("{term}: unknown flag {f:?}")),
            }
        }
        if let Some(y) = raw.year.filter(|y| !(1990..=2030).contains(y)) {
            errors.push(format!("{term}: year {y} is outside 1990–2030"));
        }
        let mut explanations = vec![("en".to_string(), raw.en)];
        explanations.extend(raw.other_languages);
        for (lang, e) in &explanations {
            for (field, value) in
                [("meaning", &e.meaning), ("example_zh", &e.example_zh), ("example_en", &e.example_en)]
            {
                if value.trim().is_empty() {
                    errors.push(format!("{term}: {lang}.{field} is empty"));
                }
            }
            let example = e.example_zh.to_lowercase();
            if !std::iter::once(&term).chain(&raw.variants).any(|k| example.contains(&k.to_lowercase())) {
                errors.push(format!("{term}: {lang}.example_zh contains neither the term nor a variant"));
            }
        }
        if !errors.is_empty() {
            problems.extend(errors.into_iter().map(|message| Problem {
                file: name.clone(),
                line: Some(line),
                message,
            }));
            continue;
        }
        let explanations = explanations
            .into_iter()
            .map(|(lang, e)| Explanation {
                lang,
                meaning: e.meaning,
                literal: e.literal,
                usage: e.usage,
                origin: e.origin,
                example_zh: e.example_zh,
                example_en: e.example_en,
            })
            .collect();
        out.push(SlangEntry {
            traditional: raw.traditional.filter(|t| *t != term),
            pinyin: raw.pinyin.split_whitespace().collect::<Vec<_>>().join(" "),
            kinds: category_kinds(&category),
            slang: Slang {
                category: category.clone(),
                full: raw.full,
                variants: raw.variants,
                year: raw.year,
                flags,
                related: raw.related,
                plain: raw.plain,
                explanations,
            },
            origin: (name.clone(), line),
            context_only: raw.first == Some(false),
            term,
        });
    }
    out
}

/// The number of Han characters in `s`.
pub fn han_count(s: &str) -> usize {
    s.chars().filter(|&c| crate::script::is_han(c)).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENTRY: &str = "[[entry]]\nterm = \"验货\"\npinyin = \"yan4 huo4\"\n\n[entry.en]\nmeaning = \"To check an item before paying.\"\nexample_zh = \"可以当面验货。\"\nexample_en = \"You can check it in person.\"\n";

    #[test]
    fn a_file_is_named_after_a_category_the_card_can_show() {
        let mut problems = Vec::new();
        let entries = parse_file(Path::new("slang/trading-checks.toml"), ENTRY, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(entries.len(), 1);
        let entries = parse_file(Path::new("slang/round8.toml"), ENTRY, &mut problems);
        assert!(entries.is_empty());
        assert!(problems.len() == 1 && problems[0].message.contains("\"round8\" is not a category"), "{problems:?}");
    }
}
