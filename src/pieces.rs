//! Long texts in bounded pieces.
//!
//! Annotating allocates a few dozen bytes per character (the segmenter's route, the units, the spans).
//! A text of megabytes in one go would grow wasm memory, which never shrinks, by hundreds of
//! megabytes. Cut where no word spans the cut, the pieces give the same units as the whole text.

/// The most bytes of one piece: small enough that a piece's working memory is a few megabytes, large
/// enough that the cost per piece is lost in the cost per character.
pub const PIECE_BYTES: usize = 64 * 1024;

/// The consecutive pieces of `text`, each with its byte offset, each at most `max` bytes (at least one
/// character). A piece ends after the last line break in the second half of its window, else after the
/// last sentence end there, else after the last space or comma in the window, else at a character
/// boundary: only a run of `max` bytes with none of these (Chinese with no punctuation at all) may
/// have a word cut in two. Costs one backward scan of each window; allocates nothing.
pub fn pieces(text: &str, max: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let rest = &text[start..];
        let len = if rest.len() <= max { rest.len() } else { cut(rest, max) };
        let piece = (start, &rest[..len]);
        start += len;
        Some(piece)
    })
}

/// Where the first piece of `rest` (longer than `max`) ends.
fn cut(rest: &str, max: usize) -> usize {
    let mut end = max;
    while !rest.is_char_boundary(end) {
        end -= 1;
    }
    let window = &rest[..end];
    let mut half = end / 2;
    while !window.is_char_boundary(half) {
        half += 1;
    }
    let after = |i: usize| i + window[i..].chars().next().map_or(1, char::len_utf8);
    if let Some(i) = window[half..].rfind('\n') {
        return after(half + i);
    }
    if let Some(i) = window[half..].rfind(['。', '！', '？', '!', '?', '…']) {
        return after(half + i);
    }
    if let Some(i) = window.rfind(|c: char| c.is_whitespace() || matches!(c, '，' | '、' | '；' | ',' | ';')) {
        return after(i);
    }
    // No break at all: cut at the window's end, or after the first character if it is wider than
    // `max` (so that every piece moves forward).
    if end == 0 { rest.chars().next().map_or(rest.len(), char::len_utf8) } else { end }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cuts(text: &str, max: usize) -> Vec<&str> {
        let all: Vec<_> = pieces(text, max).collect();
        let mut at = 0;
        for &(start, piece) in &all {
            assert_eq!(start, at, "pieces follow each other");
            assert!(!piece.is_empty());
            at += piece.len();
        }
        assert_eq!(at, text.len(), "pieces cover the text");
        all.into_iter().map(|(_, p)| p).collect()
    }

    #[test]
    fn a_short_text_is_one_piece_and_an_empty_one_none() {
        assert_eq!(cuts("这家店yyds", 64), ["这家店yyds"]);
        assert!(cuts("", 64).is_empty());
    }

    #[test]
    fn pieces_end_after_a_line_then_a_sentence_then_a_space() {
        assert_eq!(cuts("一二三四\n五六七八九十", 21), ["一二三四\n", "五六七八九十"]);
        assert_eq!(cuts("一二三四。五六七八九十", 21), ["一二三四。", "五六七八九十"]);
        assert_eq!(cuts("一二，三四五六七八九十", 21), ["一二，", "三四五六七八九", "十"]);
    }

    #[test]
    fn a_run_without_breaks_is_cut_on_character_boundaries() {
        assert_eq!(cuts("一二三四五", 7), ["一二", "三四", "五"]);
        assert_eq!(cuts("😂😂", 2), ["😂", "😂"], "a character wider than the window is one piece");
    }
}
