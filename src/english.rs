//! How English text is cut into search keywords, the same way when the index is built and when a query
//! is read, so the two always agree.

/// Words too common to narrow a search; they are neither indexed nor required in a query.
const STOPWORDS: [&str; 32] = [
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it", "its", "of", "on", "one",
    "or", "sb", "sb's", "sth", "that", "the", "their", "this", "to", "up", "used", "was", "with", "etc",
];

/// The keywords of an English text: lower-case word stems (see [`stem`]), stopwords and pinyin-looking
/// tokens (`gui4`) left out, words with letters outside ASCII skipped.
pub fn keywords(text: &str) -> impl Iterator<Item = String> + '_ {
    words(text).filter(|w| w.len() > 1 && !STOPWORDS.contains(&w.as_str())).map(|w| stem(&w))
}

/// The lower-case ASCII words of a text, in order.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| w.trim_matches('\'').to_ascii_lowercase())
        .filter(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'\''))
}

/// A light, predictable stem, so that "lying flat" finds "lie flat" and "memes" finds "meme": plural
/// -s/-es/-ies, -ing and -ed are taken off (with the doubled consonant of "running"). Not a linguistic
/// stemmer: it only has to give the same stem for the forms a query and a sense use.
pub fn stem(word: &str) -> String {
    let w = word.trim_end_matches("'s");
    if w.len() <= 3 {
        return w.to_string();
    }
    if let Some(base) = w.strip_suffix("ying").filter(|b| b.len() <= 2) {
        return format!("{base}ie"); // lying, dying, tying
    }
    if let Some(base) = w.strip_suffix("ies") {
        return format!("{base}y");
    }
    for suffix in ["ing", "ed"] {
        if let Some(base) = w.strip_suffix(suffix).filter(|b| b.len() >= 3) {
            let b = base.as_bytes();
            let doubled = b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2] && !b"lsz".contains(&b[b.len() - 1]);
            return if doubled { base[..base.len() - 1].to_string() } else { base.to_string() };
        }
    }
    match w.strip_suffix('s') {
        Some(base) if !base.ends_with('s') && !base.ends_with('u') && !base.ends_with('i') => base.to_string(),
        _ => w.to_string(),
    }
}

/// A sense reduced for comparison with a query: parenthesised notes removed, a leading "to " dropped,
/// the remaining words stemmed. `"(neologism) to lie flat"` → `"lie flat"`, `"Lying flat"` → `"lie flat"`.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    let all: Vec<String> = words(&out).collect();
    let rest = match all.first().map(String::as_str) {
        Some("to") => &all[1..],
        _ => &all[..],
    };
    rest.iter().map(|w| stem(w)).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_skip_stopwords_and_pinyin() {
        let k: Vec<String> = keywords("to lie flat; variant of 柜[gui4], (slang) the GOAT's memes").collect();
        assert_eq!(k, vec!["lie", "flat", "variant", "slang", "goat", "meme"]);
    }

    #[test]
    fn stems_agree_between_forms() {
        for (a, b) in
            [("lying", "lie"), ("memes", "meme"), ("running", "run"), ("parties", "party"), ("stopped", "stop")]
        {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
        assert_eq!(stem("boss"), "boss");
        assert_eq!(stem("bus"), "bus");
    }

    #[test]
    fn normalize_drops_notes_and_leading_to() {
        assert_eq!(normalize("(neologism) to Lie  flat"), "lie flat");
        assert_eq!(normalize("to opt out (of the rat race)"), "opt out");
        assert_eq!(normalize("Lying flat"), "lie flat");
    }
}
