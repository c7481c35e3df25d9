//! Reads the context rules, `data/context.toml`, and compiles them into [`Rules`] for the `CTXR`
//! section. A rule names the words it applies to, what must stand before or after them, and what the card
//! then shows first: one reading with our sense on top (an entry made for the rule), the headword's slang
//! sense, or its name entry. Word classes are lists in the same file.
//!
//! ```toml
//! [classes]
//! quality = ["可爱", "好吃", "累"]
//! show = ["~剧", "番"]         # ~剧: any unit of two characters or more ending in 剧 (古装剧, 韩剧)
//!
//! [[rule]]
//! words = ["好"]
//! next = ["@quality"]          # a class, a word, or #number, #hashtag, #start, #end, #exclaim
//! skip = ["了", "一", "部"]    # light words looked past (three at most): in 追了一部剧, 追 sees 剧
//! later = ["吧"]              # one of these later in the same phrase (还是早点睡吧); none: no condition
//! not_later = ["了"]          # none of these later in the same phrase (你最后还是买了吧)
//! earlier = ["是"]            # one of these units earlier in the same phrase (你是坐地铁还是打车)
//! not_earlier = ["但是"]      # none of these units earlier in the same phrase
//! earlier_in = "sentence"     # `earlier` and `not_earlier` look back past commas, to the sentence's start
//! pinyin = "hao3"
//! sense = "very; so; really"
//! example = "这只猫好可爱"      # the build's tests check that the rule applies here
//! ```

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::Problem;
use crate::context::{Matcher, Pick, Rule, RuleSet};
use crate::entry::{Entry, Kinds, Source};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    classes: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    rule: Vec<RawRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    #[serde(default)]
    words: Vec<Spanned<String>>,
    /// `"name"`: the rule is for every unit that has a name entry.
    kind: Option<String>,
    #[serde(default)]
    prev: Vec<String>,
    #[serde(default)]
    next: Vec<String>,
    #[serde(default)]
    skip: Vec<String>,
    #[serde(default)]
    later: Vec<String>,
    #[serde(default)]
    not_later: Vec<String>,
    #[serde(default)]
    earlier: Vec<String>,
    #[serde(default)]
    not_earlier: Vec<String>,
    /// `"sentence"`: `earlier` and `not_earlier` look over the sentence, not the phrase only.
    earlier_in: Option<String>,
    pinyin: Option<String>,
    sense: Option<String>,
    /// `"slang"` or `"name"`.
    pick: Option<String>,
    example: String,
    /// Set for the rules of `data/parts.tsv` (see [`Rule::in_word`]).
    #[serde(skip)]
    in_word: bool,
}

/// One rule as written, for the tests: the words, the example, and what it shows first.
#[derive(Debug, Clone)]
pub struct Written {
    /// The words it applies to (empty for a rule of names).
    pub words: Vec<String>,
    /// The example the rule must apply to.
    pub example: String,
    /// What the card then shows first.
    pub shows: Shows,
}

/// What a rule shows first, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shows {
    /// An entry of this reading, with this sense first where one is given.
    Reading(String, Option<String>),
    /// The word's slang entry.
    Slang,
    /// A name entry.
    Name,
}

/// The compiled rules, the entries made for them, and the headwords whose postings must say that rules
/// may apply.
#[derive(Debug, Default)]
pub struct Compiled {
    /// What goes into `CTXR`.
    pub rules: RuleSet,
    /// Entries made for rules (a reading with the rule's sense first), ids following the others.
    pub made: Vec<Entry>,
    /// Headwords that rules of running text apply to (their postings say so).
    pub words: BTreeSet<String>,
    /// Headwords that rules for characters inside words apply to (their postings say so too).
    pub in_words: BTreeSet<String>,
    /// Whether a rule applies to every unit with a name entry.
    pub names: bool,
}

/// The rules as written: the classes, and each rule with the file and line it was written on.
#[derive(Debug, Default)]
pub struct Parsed {
    classes: BTreeMap<String, Vec<String>>,
    rules: Vec<(Place, RawRule)>,
}

/// Where a rule was written.
#[derive(Debug, Clone)]
struct Place {
    file: String,
    line: usize,
}

impl Parsed {
    /// Every word a rule applies to.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.rules.iter().flat_map(|(_, r)| r.words.iter().map(|w| w.get_ref().as_str()))
    }

    /// These rules, then `later`'s (tried after these ones for the same word), with both files' classes.
    pub fn then(mut self, later: Parsed) -> Parsed {
        self.classes.extend(later.classes);
        self.rules.extend(later.rules);
        self
    }

    /// Each rule's words, example and what it shows first, for the tests.
    pub fn written(&self) -> Vec<Written> {
        self.rules
            .iter()
            .map(|(_, r)| Written {
                shows: match (r.pick.as_deref(), &r.pinyin) {
                    (Some("name"), _) => Shows::Name,
                    (Some(_), _) => Shows::Slang,
                    (None, pinyin) => Shows::Reading(pinyin.clone().unwrap_or_default(), r.sense.clone()),
                },
                words: r.words.iter().map(|w| w.get_ref().clone()).collect(),
                example: r.example.clone(),
            })
            .collect()
    }
}

/// Parses `data/context.toml`; a file that is not valid TOML of this shape is a problem.
pub fn parse(path: &Path, text: &str, problems: &mut Vec<Problem>) -> Parsed {
    let file = path.display().to_string();
    let line_of = |byte: usize| text[..byte.min(text.len())].matches('\n').count() + 1;
    match toml::from_str::<File>(text) {
        Ok(f) => Parsed {
            classes: f.classes,
            rules: f
                .rule
                .into_iter()
                .map(|r| {
                    let line = r.words.first().map_or(0, |w| line_of(w.span().start));
                    (Place { file: file.clone(), line }, r)
                })
                .collect(),
        },
        Err(e) => {
            let line = e.span().map(|s| line_of(s.start));
            problems.push(Problem { file, line, message: e.message().to_string() });
            Parsed::default()
        }
    }
}

/// What the card's parts line says for a character inside a word where it has no meaning of its own that
/// a reader could use (所 and 以 in 所以): written as `-` in `data/parts.tsv`.
pub const NO_MEANING_OF_ITS_OWN: &str = "(no meaning of its own in this word)";

/// Parses `data/parts.tsv`, the senses of the parts of words, into rules: a line
/// `word<TAB>part<TAB>pinyin<TAB>gloss` is the rule that the part, standing between the word's other parts,
/// shows that reading with that gloss first, and its example is the word (so the card of 知道 explains 道
/// by what it does there, not as the measure word it is alone). A word of two characters is written as it
/// is, and its parts are its characters; a longer one is written with its parts separated by spaces, as
/// the card's parts line cuts it (`尊 嘟 假 嘟`, `蓝瘦 香菇`), and the rule asks for the parts on both
/// sides. The gloss `-` is [`NO_MEANING_OF_ITS_OWN`].
pub fn parse_parts(path: &Path, text: &str, problems: &mut Vec<Problem>) -> Parsed {
    let file = path.display().to_string();
    let mut out = Parsed::default();
    for (i, line) in text.lines().enumerate() {
        let place = Place { file: file.clone(), line: i + 1 };
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut problem = |message: String| problems.push(Problem { file: file.clone(), line: Some(i + 1), message });
        let fields: Vec<&str> = line.split('\t').collect();
        let [word, part, pinyin, gloss] = fields[..] else {
            problem("a line is word<TAB>part<TAB>pinyin<TAB>gloss".into());
            continue;
        };
        // The word's parts: its characters for a word of two, else as written, between spaces.
        let parts: Vec<String> = if word.contains(' ') {
            word.split(' ').map(str::to_string).collect()
        } else {
            word.chars().map(String::from).collect()
        };
        let whole = parts.concat();
        if word.contains(' ') {
            if parts.len() < 2 || parts.iter().any(String::is_empty) || whole.chars().count() < 3 {
                problem(format!("{word:?} is not a word of three characters or more in parts between single spaces"));
                continue;
            }
        } else if parts.len() != 2 {
            problem(format!("{word:?} is not a word of two characters (write a longer one in its parts)"));
            continue;
        }
        if !parts.iter().any(|p| p == part) {
            problem(format!("{part:?} is not a part of {word:?}"));
            continue;
        }
        if gloss.trim().is_empty() || gloss != gloss.trim() {
            problem(format!("{word:?}: the gloss is empty or has spaces around it"));
            continue;
        }
        let sense = if gloss == "-" { NO_MEANING_OF_ITS_OWN.to_string() } else { gloss.to_string() };
        // One rule for each place the part stands in the word (both, in 谢谢), asking for the parts beside it.
        for (k, at) in parts.iter().enumerate() {
            if at != part {
                continue;
            }
            let prev = k.checked_sub(1).map(|j| parts[j].clone()).into_iter().collect();
            let next = parts.get(k + 1).cloned().into_iter().collect();
            out.rules.push((
                place.clone(),
                RawRule {
                    words: vec![Spanned::new(0..0, part.to_string())],
                    kind: None,
                    prev,
                    next,
                    skip: Vec::new(),
                    later: Vec::new(),
                    not_later: Vec::new(),
                    earlier: Vec::new(),
                    not_earlier: Vec::new(),
                    earlier_in: None,
                    pinyin: Some(pinyin.to_string()),
                    sense: Some(sense.clone()),
                    pick: None,
                    example: whole.clone(),
                    in_word: true,
                },
            ));
        }
    }
    out
}

/// Checks the rules against the entries and compiles them. `first_of(word, pinyin)` gives the entry
/// the card shows first among a headword's entries with that reading; `slang_of(word)` its slang entry.
pub fn compile(
    Parsed { classes, rules: raw }: Parsed,
    entries: &[Entry],
    first_of: impl Fn(&str, &str) -> Option<u32>,
    slang_of: impl Fn(&str) -> Option<u32>,
    problems: &mut Vec<Problem>,
) -> Compiled {
    let mut out = Compiled::default();
    let class_index: HashMap<&str, u16> = classes.keys().enumerate().map(|(i, k)| (k.as_str(), i as u16)).collect();
    out.rules.classes = classes
        .values()
        .map(|list| {
            let mut l = list.clone();
            l.sort();
            l.dedup();
            l
        })
        .collect();
    let mut next_id = entries.len() as u32;
    let mut made_for: HashMap<(u32, String, bool), u32> = HashMap::new();
    for (place, r) in raw {
        let mut errors = Vec::new();
        let mut matchers = |side: &[String]| -> Vec<Matcher> {
            side.iter()
                .filter_map(|m| match m.as_str() {
                    "#number" => Some(Matcher::Number),
                    "#hashtag" => Some(Matcher::Hashtag),
                    "#start" => Some(Matcher::Start),
                    "#end" => Some(Matcher::End),
                    "#exclaim" => Some(Matcher::Exclaim),
                    m if m.starts_with('#') => {
                        errors.push(format!("unknown matcher {m:?}"));
                        None
                    }
                    m => match m.strip_prefix('@') {
                        Some(class) => match class_index.get(class) {
                            Some(&i) => Some(Matcher::Class(i)),
                            None => {
                                errors.push(format!("no class {class:?}"));
                                None
                            }
                        },
                        None => Some(Matcher::Word(m.to_string())),
                    },
                })
                .collect()
        };
        let (prev, next) = (matchers(&r.prev), matchers(&r.next));
        // The phrase lists are matched as plain text: a class or a condition there would never match.
        let phrase_lists = [&r.later, &r.not_later, &r.earlier, &r.not_earlier];
        let mut phrase_words = phrase_lists.iter().flat_map(|list| list.iter());
        if prev.is_empty() && next.is_empty() && phrase_lists.iter().all(|list| list.is_empty()) {
            errors.push("a rule needs `prev`, `next`, `later`, `not_later`, `earlier` or `not_earlier`".into());
        }
        if phrase_words.clone().any(|w| w.is_empty() || w.chars().any(char::is_whitespace)) {
            errors.push("a `later`, `not_later`, `earlier` or `not_earlier` word is empty or has a space".into());
        }
        if let Some(w) = phrase_words.find(|w| w.starts_with(['@', '#', '~'])) {
            errors.push(format!(
                "{w:?}: `later`, `not_later`, `earlier` and `not_earlier` take words, not classes or conditions"
            ));
        }
        let in_sentence = match r.earlier_in.as_deref() {
            None | Some("phrase") => false,
            Some("sentence") => true,
            Some(other) => {
                errors.push(format!("earlier_in = {other:?}: it is \"phrase\" or \"sentence\""));
                false
            }
        };
        if in_sentence && r.earlier.is_empty() && r.not_earlier.is_empty() {
            errors.push("earlier_in = \"sentence\" needs `earlier` or `not_earlier`".into());
        }
        let words: Vec<String> = r.words.iter().map(|w| w.get_ref().clone()).collect();
        let for_names = r.kind.as_deref() == Some("name");
        match (&r.kind, words.is_empty()) {
            (Some(k), _) if k != "name" => errors.push(format!("unknown kind {k:?}")),
            (Some(_), false) => errors.push("a rule has `words` or `kind`, not both".into()),
            (None, true) => errors.push("a rule needs `words` or `kind`".into()),
            _ => {}
        }
        if !for_names && !words.iter().any(|w| r.example.contains(w.as_str())) {
            errors.push(format!("the example {:?} contains none of the words", r.example));
        }
        let mut picks: Vec<(String, Pick)> = Vec::new();
        match (r.pick.as_deref(), &r.pinyin, &r.sense) {
            (Some("name"), None, None) => picks.push((String::new(), Pick::Name)),
            (Some("slang"), None, None) => {
                for w in &words {
                    match slang_of(w) {
                        Some(id) => picks
                            .push((w.clone(), Pick::Entry { id, replaces: None, kinds: entries[id as usize].kinds.0 })),
                        None => errors.push(format!("{w} has no slang entry")),
                    }
                }
            }
            (None, Some(pinyin), sense) => {
                for w in &words {
                    let Some(base) = first_of(w, pinyin) else {
                        errors.push(format!("no entry of {w} reads {pinyin}"));
                        continue;
                    };
                    let pick = match sense {
                        None => Pick::Entry { id: base, replaces: None, kinds: 0 },
                        Some(sense) => {
                            // One entry per reading and sense, however many rules show it.
                            let id = *made_for.entry((base, sense.clone(), r.in_word)).or_insert_with(|| {
                                let mut made = entries[base as usize].clone();
                                made.id = next_id;
                                if r.in_word {
                                    // Inside a word a character means one thing: its part's card says
                                    // that alone.
                                    made.senses = vec![sense.clone()];
                                    made.refs.clear();
                                    made.gloss = None;
                                } else {
                                    made.senses.retain(|s| !s.eq_ignore_ascii_case(sense));
                                    made.senses.insert(0, sense.clone());
                                }
                                out.made.push(made);
                                next_id += 1;
                                next_id - 1
                            });
                            Pick::Entry { id, replaces: Some(base), kinds: 0 }
                        }
                    };
                    picks.push((w.clone(), pick));
                }
            }
            _ => errors.push("a rule picks with `pinyin` (and `sense`), or `pick = \"slang\"` or `\"name\"`".into()),
        }
        if for_names && !matches!(r.pick.as_deref(), Some("name")) {
            errors.push("a rule of kind \"name\" picks the name: `pick = \"name\"`".into());
        }
        if !errors.is_empty() {
            problems.extend(errors.into_iter().map(|message| Problem {
                file: place.file.clone(),
                line: Some(place.line),
                message,
            }));
            continue;
        }
        for (word, pick) in picks {
            let mut rule = Rule::new(prev.clone(), next.clone(), r.skip.clone(), pick)
                .with_later(r.later.clone(), r.not_later.clone())
                .with_earlier(r.earlier.clone(), r.not_earlier.clone());
            if in_sentence {
                rule = rule.earlier_in_sentence();
            }
            if r.in_word {
                rule = rule.in_word();
            }
            if for_names {
                out.rules.names.push(rule);
                out.names = true;
            } else {
                // Rules for characters inside words get a mark of their own, which running text never
                // reads.
                if r.in_word {
                    out.in_words.insert(word.clone());
                } else {
                    out.words.insert(word.clone());
                }
                out.rules.push(word, rule);
            }
        }
    }
    out
}

/// The rules' examples, for the tests: each rule's words and example sentence.
pub fn examples(text: &str) -> Result<Vec<Written>, String> {
    written_or_problem(text, parse)
}

/// [`examples`] for `data/parts.tsv`: each line's character, and its word as the example.
pub fn part_examples(text: &str) -> Result<Vec<Written>, String> {
    written_or_problem(text, parse_parts)
}

fn written_or_problem(text: &str, parse: fn(&Path, &str, &mut Vec<Problem>) -> Parsed) -> Result<Vec<Written>, String> {
    let mut problems = Vec::new();
    let parsed = parse(Path::new(""), text, &mut problems);
    match problems.first() {
        Some(p) => Err(p.message.clone()),
        None => Ok(parsed.written()),
    }
}

/// Whether `e` is a slang entry of the layer (what `pick = "slang"` shows).
pub fn is_layer_slang(e: &Entry) -> bool {
    e.source == Source::RedLens && e.kinds.intersects(Kinds::SLANG)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The problems `compile` reports for a rules file, as `line: message`.
    fn problems_of(text: &str) -> Vec<String> {
        let path = Path::new("context.toml");
        let mut problems = Vec::new();
        let parsed = parse(path, text, &mut problems);
        compile(parsed, &[], |_, _| None, |_| None, &mut problems);
        problems.iter().map(|p| format!("{}: {}", p.line.unwrap_or(0), p.message)).collect()
    }

    /// The rules of a parts file that has no problems.
    fn parts_of(text: &str) -> Parsed {
        let mut problems = Vec::new();
        let parsed = parse_parts(Path::new("parts.tsv"), text, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        parsed
    }

    #[test]
    fn a_line_of_parts_is_a_rule_for_the_character_beside_the_other_one() {
        let parsed = parts_of("# comment\n知道\t道\tdao4\t-\n谢谢\t谢\txie4\tto thank\n");
        let rules: Vec<_> =
            parsed.rules.iter().map(|(place, r)| (place.line, r.prev.clone(), r.next.clone())).collect();
        // 道 stands after 知; 谢 in 谢谢 stands before and after the other 谢: a rule for each place.
        assert_eq!(
            rules,
            [
                (2, vec!["知".to_string()], vec![]),
                (3, vec![], vec!["谢".to_string()]),
                (3, vec!["谢".to_string()], vec![])
            ]
        );
        let written = parsed.written();
        assert_eq!(written[0].shows, Shows::Reading("dao4".into(), Some(NO_MEANING_OF_ITS_OWN.into())));
        assert_eq!(written[0].example, "知道");
        assert!(parsed.rules.iter().all(|(_, r)| r.in_word));
    }

    #[test]
    fn a_longer_word_is_written_in_its_parts_and_its_rules_ask_for_the_parts_on_both_sides() {
        let parsed = parts_of("尊 嘟 假 嘟\t嘟\tdu1\tstands for 的\n蓝瘦 香菇\t香菇\txiang1 gu1\tstands for 想哭\n");
        let rules: Vec<_> =
            parsed.rules.iter().map(|(_, r)| (r.prev.clone(), r.next.clone(), r.example.clone())).collect();
        let s = |w: &str| vec![w.to_string()];
        assert_eq!(
            rules,
            [
                (s("尊"), s("假"), "尊嘟假嘟".to_string()),
                (s("假"), vec![], "尊嘟假嘟".to_string()),
                (s("蓝瘦"), vec![], "蓝瘦香菇".to_string())
            ]
        );
    }

    #[test]
    fn a_malformed_line_of_parts_is_a_problem_at_its_line() {
        for line in [
            "知道\t道\tdao4",
            "知道\t道道\tdao4\t-",
            "知道\t人\tren2\t-",
            "吃饭了\t饭\tfan4\tmeal",
            "知道\t道\tdao4\t ",
            "吃 饭\t饭\tfan4\tmeal",
            "吃  饭了\t饭\tfan4\tmeal",
            "吃 饭了\t饭\tfan4\tmeal",
        ] {
            let mut problems = Vec::new();
            let parsed = parse_parts(Path::new("parts.tsv"), &format!("\n{line}\n"), &mut problems);
            assert!(parsed.rules.is_empty(), "{line:?}");
            assert_eq!(problems.iter().map(|p| p.line).collect::<Vec<_>>(), [Some(2)], "{line:?}");
        }
    }

    #[test]
    fn phrase_lists_take_words_only() {
        let rule = |list: &str| {
            format!(
                "[classes]\nfood = [\"饭\"]\n\n[[rule]]\nwords = [\"糊\"]\n{list}\npick = \"slang\"\nexample = \"饭糊了\"\n"
            )
        };
        for list in
            ["earlier = [\"@food\"]", "not_earlier = [\"~饭\"]", "later = [\"#end\"]", "not_later = [\"@food\"]"]
        {
            let problems = problems_of(&rule(list));
            assert!(problems.iter().any(|p| p.starts_with("5: ") && p.contains("not classes")), "{list}: {problems:?}");
        }
        let problems = problems_of(&rule("earlier = [\"饭\"]"));
        assert!(!problems.iter().any(|p| p.contains("not classes")), "{problems:?}");
    }

    #[test]
    fn the_sentence_reach_needs_earlier_units_and_a_known_scope() {
        let rule =
            |lines: &str| format!("[[rule]]\nwords = [\"养\"]\n{lines}\npick = \"slang\"\nexample = \"在家养\"\n");
        let problems = problems_of(&rule("prev = [\"在家\"]\nearlier_in = \"sentence\""));
        assert!(problems.iter().any(|p| p.contains("needs `earlier`")), "{problems:?}");
        let problems = problems_of(&rule("earlier = [\"骨折\"]\nearlier_in = \"paragraph\""));
        assert!(problems.iter().any(|p| p.contains("\"paragraph\"")), "{problems:?}");
        let problems = problems_of(&rule("earlier = [\"骨折\"]\nearlier_in = \"sentence\""));
        assert!(!problems.iter().any(|p| p.contains("earlier_in")), "{problems:?}");
    }
}
