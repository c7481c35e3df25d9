//! Reads CC-CEDICT's text format: `Traditional Simplified [pin1 yin1] /sense/sense/`.

/// One parsed CC-CEDICT line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CedictLine {
    /// Traditional headword.
    pub traditional: String,
    /// Simplified headword.
    pub simplified: String,
    /// Numbered pinyin as written in the file.
    pub pinyin: String,
    /// Senses in file order.
    pub senses: Vec<String>,
}

/// The parsed file: entries in file order, the release date from the `#! date=` header, and the
/// 1-based numbers of the lines that could not be parsed.
#[derive(Debug, Default)]
pub struct Cedict {
    /// Entries in file order.
    pub entries: Vec<CedictLine>,
    /// The release date (`2026-09-10T07:14:51Z`), if the header has one.
    pub date: Option<String>,
    /// Lines that are not comments and not valid entries.
    pub skipped: Vec<usize>,
}

/// Parses the whole file. Malformed lines are skipped and counted, never fatal: CC-CEDICT is large and
/// community-edited, and one odd line must not stop a build.
pub fn parse(text: &str) -> Cedict {
    let mut out = Cedict::default();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if let Some(meta) = line.strip_prefix("#!") {
            if let Some(date) = meta.trim().strip_prefix("date=") {
                out.date = Some(date.to_string());
            }
            continue;
        }
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        match parse_line(line) {
            Some(entry) => out.entries.push(entry),
            None => out.skipped.push(i + 1),
        }
    }
    out
}

/// Parses one entry line, or `None` if it is malformed.
pub fn parse_line(line: &str) -> Option<CedictLine> {
    let (traditional, rest) = line.split_once(' ')?;
    let (simplified, rest) = rest.split_once(' ')?;
    let rest = rest.strip_prefix('[')?;
    let (pinyin, rest) = rest.split_once(']')?;
    let senses = rest.trim().strip_prefix('/')?.strip_suffix('/')?;
    let senses: Vec<String> = senses.split('/').filter(|s| !s.trim().is_empty()).map(str::to_string).collect();
    if traditional.is_empty() || simplified.is_empty() || pinyin.trim().is_empty() || senses.is_empty() {
        return None;
    }
    Some(CedictLine {
        traditional: traditional.to_string(),
        simplified: simplified.to_string(),
        pinyin: pinyin.trim().to_string(),
        senses,
    })
}

/// A cross-reference in a sense, `see 未可厚非[wei4 ke3 hou4 fei1]` or `variant of 櫃|柜[gui4]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrossRef<'a> {
    /// The first form given (traditional when two are given).
    pub first: &'a str,
    /// The simplified form, when two are given (`櫃|柜`).
    pub second: Option<&'a str>,
    /// The numbered pinyin in brackets.
    pub pinyin: &'a str,
}

/// The sense openings after which the meaning is elsewhere, so the target's senses should be shown.
const REFERRING: [&str; 10] = [
    "see ",
    "see also ",
    "variant of ",
    "old variant of ",
    "archaic variant of ",
    "Japanese variant of ",
    "erhua variant of ",
    "also written ",
    "abbr. for ",
    "same as ",
];

/// The cross-references of a sense that points elsewhere; empty for a sense with meaning of its own.
pub fn cross_refs(sense: &str) -> Vec<CrossRef<'_>> {
    let Some(prefix) = REFERRING.iter().find(|p| sense.starts_with(*p)) else { return Vec::new() };
    let mut out = Vec::new();
    let mut rest = &sense[prefix.len()..];
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']').map(|c| open + c) else { break };
        let head = rest[..open].rsplit([' ', ',', '(', ';']).next().unwrap_or("");
        let (first, second) = match head.split_once('|') {
            Some((a, b)) => (a, Some(b)),
            None => (head, None),
        };
        if !first.is_empty() {
            out.push(CrossRef { first, second, pinyin: &rest[open + 1..close] });
        }
        rest = &rest[close + 1..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lines_and_skips_bad_ones() {
        let c = parse(
            "# comment\n#! date=2026-09-10T07:14:51Z\n躺平 躺平 [tang3 ping2] /to lie stretched out/to opt out/\nbroken line\n",
        );
        assert_eq!(c.date.as_deref(), Some("2026-09-10T07:14:51Z"));
        assert_eq!(c.entries.len(), 1);
        assert_eq!(c.entries[0].senses, vec!["to lie stretched out", "to opt out"]);
        assert_eq!(c.skipped, vec![4]);
    }

    #[test]
    fn finds_cross_references() {
        assert_eq!(
            cross_refs("variant of 櫃|柜[gui4]"),
            vec![CrossRef { first: "櫃", second: Some("柜"), pinyin: "gui4" }]
        );
        assert_eq!(
            cross_refs("see 未可厚非[wei4 ke3 hou4 fei1]"),
            vec![CrossRef { first: "未可厚非", second: None, pinyin: "wei4 ke3 hou4 fei1" }]
        );
        assert!(cross_refs("to finish (used with 得[de2])").is_empty());
    }
}
