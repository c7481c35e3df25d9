//! Character classes the engine needs: Han characters, and the Latin letters and digits that make up
//! abbreviations and number slang.

/// Whether `c` is a Han character (CJK Unified Ideographs, their extensions, compatibility ideographs).
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2EBEF}'
        | '\u{2F800}'..='\u{2FA1F}'
        | '\u{30000}'..='\u{323AF}'
        | '〇')
}

/// Whether `c` belongs to jieba's default block alphabet (what its `cut` segments as one run): Han
/// characters in jieba's ranges, which are narrower than [`is_han`]'s (no 〇, no Extension G), ASCII
/// letters and digits, and `+#&._%-`. The segmenter must cut exactly where jieba-rs does.
pub fn in_jieba_block(c: char) -> bool {
    if c.is_ascii() {
        is_latin(c) || matches!(c, '+' | '#' | '&' | '.' | '_' | '%' | '-')
    } else {
        matches!(c,
            '\u{4E00}'..='\u{9FFF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{20000}'..='\u{2A6DF}'
            | '\u{2A700}'..='\u{2EBEF}'
            | '\u{2F800}'..='\u{2FA1F}')
    }
}

/// Whether `c` is an ASCII letter or digit: the alphabet of abbreviations and number slang.
pub fn is_latin(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// Whether `c` ends a sentence: a full stop, an exclamation or question mark (Chinese or Latin), a
/// semicolon, or a line break. A comma ends a phrase only.
pub fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';' | '\n' | '\r')
}

/// Whether `c` ends a phrase: punctuation, a space, a symbol or an emoji; not a letter, digit or Han.
pub fn is_boundary(c: char) -> bool {
    !(is_han(c) || is_latin(c))
}

/// Whether `text` could be worth explaining: it holds a Han character or an ASCII letter or digit.
pub fn has_content(text: &str) -> bool {
    text.chars().any(|c| is_han(c) || is_latin(c))
}
