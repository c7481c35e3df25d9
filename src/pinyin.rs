//! Pinyin in its three display forms, and the keys pinyin is searched by.
//!
//! The dictionary stores CC-CEDICT's numbered pinyin (`lu:4 se4`, `ma5`, `Zhong1 guo2`). Everything a
//! reader sees is derived here: tone marks (`lǜ sè`), zhuyin (`ㄌㄩˋ ㄙㄜˋ`) and the tone of each syllable
//! (for colouring). The same module turns a typed query (`tǎng píng`, `tang3ping2`, `tangping`, `lv4`)
//! into the letters-only key of the pinyin index plus the tones the query asked for.
//!
//! All functions are linear in the length of their input and allocate only their result.

/// One syllable of numbered pinyin, split into its letters (ü written `ü`, lower or upper case kept)
/// and its tone: 1–4, 5 for the neutral tone, 0 for a token that is not pinyin (a Latin letter such as
/// the `C` in `san1 C`, a digit, punctuation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Syllable {
    /// The letters, with `u:`/`v` already turned into `ü`.
    pub letters: String,
    /// 1–4, 5 (neutral) or 0 (not a pinyin syllable).
    pub tone: u8,
}

/// Splits numbered pinyin (`"lu:4 se4"`) into syllables. Never fails: anything that is not a pinyin
/// syllable comes back as it is, with tone 0.
pub fn syllables(numbered: &str) -> Vec<Syllable> {
    numbered.split_whitespace().map(parse_syllable).collect()
}

fn parse_syllable(raw: &str) -> Syllable {
    let (body, tone) = match raw.as_bytes().last() {
        Some(&d @ b'1'..=b'5') if raw.len() > 1 && raw[..raw.len() - 1].bytes().any(|b| b.is_ascii_alphabetic()) => {
            (&raw[..raw.len() - 1], d - b'0')
        }
        _ => (raw, 0),
    };
    let letters = if tone == 0 { body.to_string() } else { normalize_u(body) };
    let is_pinyin = tone != 0 && letters.chars().all(|c| c.is_ascii_alphabetic() || c == 'ü' || c == 'Ü');
    Syllable { letters, tone: if is_pinyin { tone } else { 0 } }
}

/// `u:` and `v` (the keyboard spelling) both mean `ü`.
fn normalize_u(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            'u' | 'U' if chars.peek() == Some(&':') => {
                chars.next();
                out.push(if c == 'u' { 'ü' } else { 'Ü' });
            }
            'v' => out.push('ü'),
            _ => out.push(c),
        }
    }
    out
}

/// The tone of each syllable of numbered pinyin, in order: 1–4, 5 (neutral), 0 (not pinyin).
/// This is what a card colours by.
pub fn tones(numbered: &str) -> Vec<u8> {
    syllables(numbered).iter().map(|s| s.tone).collect()
}

/// Numbered pinyin to pinyin with tone marks, syllables separated by spaces as in the input:
/// `"lu:4 se4"` → `"lǜ sè"`, `"ma5"` → `"ma"`, `"Zhong1 guo2"` → `"Zhōng guó"`. Non-pinyin tokens pass
/// through unchanged.
pub fn to_marks(numbered: &str) -> String {
    let mut out = String::with_capacity(numbered.len() + 8);
    for (i, s) in syllables(numbered).iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        push_marked(&mut out, s);
    }
    out
}

/// Appends one syllable with its tone mark, following the standard placement rule: on `a` or `e` if
/// present, on the `o` of `ou`, otherwise on the last vowel.
fn push_marked(out: &mut String, s: &Syllable) {
    if !(1..=4).contains(&s.tone) {
        out.push_str(&s.letters);
        return;
    }
    let chars: Vec<char> = s.letters.chars().collect();
    let lower: Vec<char> = chars.iter().map(|c| c.to_lowercase().next().unwrap_or(*c)).collect();
    let target = lower
        .iter()
        .position(|&c| c == 'a' || c == 'e')
        .or_else(|| lower.windows(2).position(|w| w == ['o', 'u']))
        .or_else(|| lower.iter().rposition(|&c| "aeiouü".contains(c)));
    for (i, &c) in chars.iter().enumerate() {
        if Some(i) == target {
            out.push(mark_vowel(c, s.tone));
        } else {
            out.push(c);
        }
    }
}

const MARKED: [(char, [char; 4]); 12] = [
    ('a', ['ā', 'á', 'ǎ', 'à']),
    ('e', ['ē', 'é', 'ě', 'è']),
    ('i', ['ī', 'í', 'ǐ', 'ì']),
    ('o', ['ō', 'ó', 'ǒ', 'ò']),
    ('u', ['ū', 'ú', 'ǔ', 'ù']),
    ('ü', ['ǖ', 'ǘ', 'ǚ', 'ǜ']),
    ('A', ['Ā', 'Á', 'Ǎ', 'À']),
    ('E', ['Ē', 'É', 'Ě', 'È']),
    ('I', ['Ī', 'Í', 'Ǐ', 'Ì']),
    ('O', ['Ō', 'Ó', 'Ǒ', 'Ò']),
    ('U', ['Ū', 'Ú', 'Ǔ', 'Ù']),
    ('Ü', ['Ǖ', 'Ǘ', 'Ǚ', 'Ǜ']),
];

fn mark_vowel(c: char, tone: u8) -> char {
    MARKED.iter().find(|(base, _)| *base == c).map_or(c, |(_, marks)| marks[usize::from(tone - 1)])
}

/// The plain vowel and tone of a tone-marked vowel (`ǎ` → `('a', 3)`), or `None` for any other char.
fn unmark_vowel(c: char) -> Option<(char, u8)> {
    MARKED.iter().find_map(|(base, marks)| marks.iter().position(|&m| m == c).map(|t| (*base, t as u8 + 1)))
}

/// Numbered pinyin to zhuyin (bopomofo): `"lu:4 se4"` → `"ㄌㄩˋ ㄙㄜˋ"`. A syllable that cannot be
/// spelled in zhuyin (a Latin letter, a digit) passes through as it is.
pub fn to_zhuyin(numbered: &str) -> String {
    let mut out = String::with_capacity(numbered.len() * 2);
    for (i, s) in syllables(numbered).iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        match zhuyin_syllable(&s.letters.to_lowercase()) {
            Some(z) if s.tone != 0 => {
                if s.tone == 5 {
                    out.push('˙');
                }
                out.push_str(&z);
                out.push_str(match s.tone {
                    2 => "ˊ",
                    3 => "ˇ",
                    4 => "ˋ",
                    _ => "",
                });
            }
            _ => out.push_str(&s.letters),
        }
    }
    out
}

const INITIALS: [(&str, &str); 21] = [
    ("zh", "ㄓ"),
    ("ch", "ㄔ"),
    ("sh", "ㄕ"),
    ("b", "ㄅ"),
    ("p", "ㄆ"),
    ("m", "ㄇ"),
    ("f", "ㄈ"),
    ("d", "ㄉ"),
    ("t", "ㄊ"),
    ("n", "ㄋ"),
    ("l", "ㄌ"),
    ("g", "ㄍ"),
    ("k", "ㄎ"),
    ("h", "ㄏ"),
    ("j", "ㄐ"),
    ("q", "ㄑ"),
    ("x", "ㄒ"),
    ("r", "ㄖ"),
    ("z", "ㄗ"),
    ("c", "ㄘ"),
    ("s", "ㄙ"),
];

const FINALS: [(&str, &str); 36] = [
    ("iang", "ㄧㄤ"),
    ("iong", "ㄩㄥ"),
    ("uang", "ㄨㄤ"),
    ("ueng", "ㄨㄥ"),
    ("ang", "ㄤ"),
    ("eng", "ㄥ"),
    ("ing", "ㄧㄥ"),
    ("ong", "ㄨㄥ"),
    ("ian", "ㄧㄢ"),
    ("iao", "ㄧㄠ"),
    ("uai", "ㄨㄞ"),
    ("uan", "ㄨㄢ"),
    ("üan", "ㄩㄢ"),
    ("ai", "ㄞ"),
    ("ei", "ㄟ"),
    ("ao", "ㄠ"),
    ("ou", "ㄡ"),
    ("an", "ㄢ"),
    ("en", "ㄣ"),
    ("er", "ㄦ"),
    ("ia", "ㄧㄚ"),
    ("ie", "ㄧㄝ"),
    ("in", "ㄧㄣ"),
    ("iu", "ㄧㄡ"),
    ("ua", "ㄨㄚ"),
    ("uo", "ㄨㄛ"),
    ("ui", "ㄨㄟ"),
    ("un", "ㄨㄣ"),
    ("üe", "ㄩㄝ"),
    ("ün", "ㄩㄣ"),
    ("a", "ㄚ"),
    ("o", "ㄛ"),
    ("e", "ㄜ"),
    ("i", "ㄧ"),
    ("u", "ㄨ"),
    ("ü", "ㄩ"),
];

fn zhuyin_syllable(s: &str) -> Option<String> {
    // Whole syllables whose spelling hides the zhuyin (y-, w-, the buzzed i of zhi/ci/si, lone r).
    let s = match s {
        "zhi" | "chi" | "shi" | "ri" | "zi" | "ci" | "si" => return Some(initial(s)?.1.to_string()),
        "r" => return Some("ㄦ".into()),
        "m" => return Some("ㄇ".into()),
        "n" | "ng" => return Some("ㄋ".into()),
        "ê" => return Some("ㄝ".into()),
        "yo" => return Some("ㄧㄛ".into()),
        _ => respell_yw(s),
    };
    let (rest, init) = match initial(&s) {
        Some((len, z)) => (&s[len..], z),
        None => (s.as_str(), ""),
    };
    // After j, q, x, u is ü.
    let rest = if matches!(init, "ㄐ" | "ㄑ" | "ㄒ") && rest.starts_with('u') {
        format!("ü{}", &rest[1..])
    } else {
        rest.to_string()
    };
    let fin = FINALS.iter().find(|(p, _)| *p == rest)?.1;
    Some(format!("{init}{fin}"))
}

fn initial(s: &str) -> Option<(usize, &'static str)> {
    INITIALS.iter().find(|(p, _)| s.starts_with(p)).map(|(p, z)| (p.len(), *z))
}

/// Rewrites y-/w- spellings to the finals they stand for (`yan` → `ian`, `wu` → `u`, `yu` → `ü`).
fn respell_yw(s: &str) -> String {
    if let Some(rest) = s.strip_prefix("yu") {
        return format!("ü{rest}");
    }
    if let Some(rest) = s.strip_prefix('y') {
        return if rest.starts_with('i') { rest.to_string() } else { format!("i{rest}") };
    }
    if let Some(rest) = s.strip_prefix('w') {
        return if rest.starts_with('u') { rest.to_string() } else { format!("u{rest}") };
    }
    s.to_string()
}

/// The letters-only key of the pinyin index for numbered pinyin: lower case, no spaces, no tones, `ü`
/// as `v` (how it is typed): `"Lu:4 se4"` → `"lvse"`. Returns `None` where the reading contains
/// anything but pinyin syllables (such entries are not searchable by pinyin).
pub fn index_key(numbered: &str) -> Option<String> {
    let mut key = String::with_capacity(numbered.len());
    for s in syllables(numbered) {
        if s.tone == 0 {
            return None;
        }
        push_key_letters(&mut key, &s.letters);
    }
    (!key.is_empty()).then_some(key)
}

fn push_key_letters(key: &mut String, letters: &str) {
    for c in letters.chars() {
        match c {
            'ü' | 'Ü' => key.push('v'),
            c => key.extend(c.to_lowercase()),
        }
    }
}

/// A pinyin query, reduced to what the index is searched with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinyinQuery {
    /// Letters only, lower case, `ü` as `v`: the key to look up (exactly or as a prefix).
    pub key: String,
    /// The tones the query gave, in order, without neutral tones (which tone marks cannot show).
    /// Empty when the query gave none, and then any tones match.
    pub tones: Vec<u8>,
}

impl PinyinQuery {
    /// Reads a query typed as pinyin in any of the usual ways: with tone marks (`tǎng píng`), tone
    /// numbers (`tang3 ping2`, `tang3ping2`), or none (`tangping`); `ü` as `ü`, `v` or `u:`.
    /// Returns `None` if the query holds anything but Latin letters, tone marks, tone digits, spaces,
    /// apostrophes and hyphens.
    pub fn parse(query: &str) -> Option<PinyinQuery> {
        let mut key = String::with_capacity(query.len());
        let mut tones = Vec::new();
        for c in query.trim().chars() {
            if let Some((base, tone)) = unmark_vowel(c) {
                push_key_letters(&mut key, &base.to_string());
                tones.push(tone);
            } else if c.is_ascii_alphabetic() || c == 'ü' || c == 'Ü' {
                push_key_letters(&mut key, &c.to_string());
            } else if c == ':' && key.ends_with('u') {
                key.pop();
                key.push('v');
            } else if ('1'..='5').contains(&c) && !key.is_empty() {
                let tone = c as u8 - b'0';
                if tone != 5 {
                    tones.push(tone);
                }
            } else if !(c.is_whitespace() || c == '\'' || c == '’' || c == '-') {
                return None;
            }
        }
        (!key.is_empty()).then_some(PinyinQuery { key, tones })
    }

    /// Whether an entry's numbered pinyin has the tones this query asked for.
    pub fn tones_match(&self, numbered: &str) -> bool {
        self.tones.is_empty()
            || syllables(numbered).iter().map(|s| s.tone).filter(|&t| t != 5).eq(self.tones.iter().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_follow_the_placement_rule() {
        assert_eq!(to_marks("lu:4 se4"), "lǜ sè");
        assert_eq!(to_marks("tang3 ping2"), "tǎng píng");
        assert_eq!(to_marks("gou3 hou4 shui3 jiao3"), "gǒu hòu shuǐ jiǎo");
        assert_eq!(to_marks("liu2 xue2"), "liú xué");
        assert_eq!(to_marks("ma5"), "ma");
        assert_eq!(to_marks("Zhong1 guo2"), "Zhōng guó");
        assert_eq!(to_marks("nu:3 er2"), "nǚ ér");
        assert_eq!(to_marks("lve4"), "lüè");
        assert_eq!(to_marks("san1 C"), "sān C");
        assert_eq!(to_marks("r5"), "r");
        assert_eq!(to_marks("Ou1 zhou1"), "Ōu zhōu");
    }

    #[test]
    fn zhuyin_spells_initials_finals_and_tones() {
        assert_eq!(to_zhuyin("lu:4 se4"), "ㄌㄩˋ ㄙㄜˋ");
        assert_eq!(to_zhuyin("zhong1 guo2"), "ㄓㄨㄥ ㄍㄨㄛˊ");
        assert_eq!(to_zhuyin("shi4"), "ㄕˋ");
        assert_eq!(to_zhuyin("yong3 yuan3"), "ㄩㄥˇ ㄩㄢˇ");
        assert_eq!(to_zhuyin("xue2 xi2"), "ㄒㄩㄝˊ ㄒㄧˊ");
        assert_eq!(to_zhuyin("wo3 men5"), "ㄨㄛˇ ˙ㄇㄣ");
        assert_eq!(to_zhuyin("jiu3"), "ㄐㄧㄡˇ");
        assert_eq!(to_zhuyin("san1 C"), "ㄙㄢ C");
    }

    #[test]
    fn tones_per_syllable() {
        assert_eq!(tones("ni3 hao3 ma5"), vec![3, 3, 5]);
        assert_eq!(tones("san1 C"), vec![1, 0]);
    }

    #[test]
    fn index_key_drops_tones_and_spells_u_umlaut_as_v() {
        assert_eq!(index_key("Lu:4 se4").as_deref(), Some("lvse"));
        assert_eq!(index_key("tang3 ping2").as_deref(), Some("tangping"));
        assert_eq!(index_key("san1 C"), None);
    }

    #[test]
    fn queries_in_every_spelling_reach_the_same_key() {
        for q in ["tǎng píng", "tang3 ping2", "tang3ping2", "tangping", "Tang Ping", "tǎngpíng"] {
            assert_eq!(PinyinQuery::parse(q).unwrap().key, "tangping", "{q}");
        }
        assert_eq!(PinyinQuery::parse("tǎng píng").unwrap().tones, vec![3, 2]);
        assert_eq!(PinyinQuery::parse("lu:4").unwrap().key, "lv");
        assert_eq!(PinyinQuery::parse("lǜ").unwrap().key, "lv");
        assert_eq!(PinyinQuery::parse("躺平"), None);
        assert_eq!(PinyinQuery::parse("  "), None);
    }

    #[test]
    fn tone_filter_ignores_neutral_tones() {
        let q = PinyinQuery::parse("shén me").unwrap();
        assert!(q.tones_match("shen2 me5"));
        assert!(!PinyinQuery::parse("shen1me").unwrap().tones_match("shen2 me5"));
        assert!(PinyinQuery::parse("shenme").unwrap().tones_match("shen2 me5"));
    }
}
