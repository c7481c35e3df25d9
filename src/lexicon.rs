//! The segmenter's lexicon: a character trie over jieba's word list (with each word's log frequency), the
//! headwords among them, every one-character headword and every headword of the joinable kinds (with
//! their postings), so that one walk from a character finds the words the route may take, the memes and
//! idioms a token may start, and what the dictionary says about them.
//!
//! Layout, chosen for the walk that runs at every character of a text: the root's transitions for the
//! Basic Multilingual Plane are a directly indexed table; every other transition is one slot of an
//! open-addressing hash table keyed by `(parent node, character)`, and the slot holds all the walk needs
//! (the child, whether it has children, the word's log frequency), so each character costs one probe.
//! Postings, needed once per token rather than per step, live in a separate array by node.

use crate::dict::Postings;
use crate::entry::Kinds;

/// Root transitions with a directly indexed entry: the Basic Multilingual Plane.
const ROOT_TABLE: usize = 0x1_0000;
/// Fibonacci hashing multiplier.
const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;
/// Set on [`Step::node`] when the node has children, so that walks stop without a probe.
const HAS_CHILDREN: u32 = 1 << 31;
/// Set on [`Step::node`] when the node is a headword.
const HEADWORD: u32 = 1 << 30;
/// Set on [`Step::node`] when the node is a headword of the [`Kinds::JOINABLE`] kinds.
const JOINABLE: u32 = 1 << 29;
const FLAGS: u32 = HAS_CHILDREN | HEADWORD | JOINABLE;

/// One transition: the node reached and, if the prefix up to it is a segmentation word, the natural
/// log of its frequency (NaN otherwise).
#[derive(Debug, Clone, Copy)]
pub struct Step {
    node: u32,
    log_freq: f32,
}

impl Step {
    const NONE: Step = Step { node: 0, log_freq: f32::NAN };

    /// The node id, 0 for "no such prefix".
    pub fn node(self) -> u32 {
        self.node & !FLAGS
    }

    /// Whether the prefix exists.
    pub fn exists(self) -> bool {
        self.node != 0
    }

    /// Whether longer prefixes continue from here.
    pub fn has_children(self) -> bool {
        self.node & HAS_CHILDREN != 0
    }

    /// Whether the prefix is a headword (its postings are in the lexicon).
    pub fn is_headword(self) -> bool {
        self.node & HEADWORD != 0
    }

    /// Whether the prefix is a headword of the [`Kinds::JOINABLE`] kinds (a meme, idiom, abbreviation
    /// or emoji code).
    pub fn is_joinable(self) -> bool {
        self.node & JOINABLE != 0
    }

    /// The word's log frequency, if the prefix is a segmentation word.
    pub fn log_freq(self) -> Option<f64> {
        (!self.log_freq.is_nan()).then_some(f64::from(self.log_freq))
    }
}

#[derive(Clone, Copy)]
struct Slot {
    /// `(parent << 21 | char) + 1`; 0 marks an empty slot.
    key: u64,
    step: Step,
}

const EMPTY: Slot = Slot { key: 0, step: Step::NONE };

fn slot_key(parent: u32, c: char) -> u64 {
    ((u64::from(parent) << 21) | u64::from(c as u32)) + 1
}

/// The trie. Built with [`Lexicon::insert`], then [`Lexicon::finish`]; read with [`Lexicon::step`].
/// Memory: 512 KiB of root table, 16 bytes per hash slot (at most 3/4 full), 8 bytes per node.
pub struct Lexicon {
    root: Vec<Step>,
    slots: Vec<Slot>,
    shift: u32,
    used: usize,
    /// Packed [`Postings`] by node id; 0 where the prefix is not a headword.
    postings: Vec<u64>,
    total_freq: u64,
    log_total: f64,
}

impl std::fmt::Debug for Lexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Lexicon").field("nodes", &self.postings.len()).field("slots", &self.slots.len()).finish()
    }
}

impl Lexicon {
    /// An empty lexicon sized for about `keys` keys, so that loading them never rehashes.
    pub fn with_capacity(keys: usize) -> Lexicon {
        // About 1.4 nodes per key outside the root table, at most 3/4 full.
        let bits = (keys * 2).max(1 << 12).next_power_of_two().trailing_zeros();
        Lexicon {
            root: vec![Step::NONE; ROOT_TABLE],
            slots: vec![EMPTY; 1 << bits],
            shift: 64 - bits,
            used: 0,
            postings: vec![0], // node 0 is the root
            total_freq: 0,
            log_total: 0.0,
        }
    }

    /// Adds `word` (lower-cased Latin) with its segmentation frequency and its headword postings, either
    /// of which may be absent. Cost: one probe per character.
    pub fn insert(&mut self, word: &str, freq: Option<u64>, postings: Option<Postings>) {
        let mut node = 0u32;
        let mut last: Option<(bool, usize)> = None; // (in root table, index) of the last step
        for c in word.chars() {
            let (in_root, index) = self.find_or_add(node, c);
            let step = if in_root { self.root[index] } else { self.slots[index].step };
            node = step.node();
            last = Some((in_root, index));
        }
        let Some((in_root, index)) = last else { return };
        if let Some(f) = freq {
            let step = if in_root { &mut self.root[index] } else { &mut self.slots[index].step };
            step.log_freq = (f.max(1) as f64).ln() as f32;
            self.total_freq += f;
        }
        if let Some(p) = postings {
            self.postings[node as usize] = p.pack();
        }
    }

    fn find_or_add(&mut self, parent: u32, c: char) -> (bool, usize) {
        if parent == 0 && (c as usize) < ROOT_TABLE {
            let i = c as usize;
            if !self.root[i].exists() {
                self.root[i] = Step { node: self.new_node(), log_freq: f32::NAN };
            }
            return (true, i);
        }
        let key = slot_key(parent, c);
        let i = self.probe(key);
        if self.slots[i].key == 0 {
            let node = self.new_node();
            self.slots[i] = Slot { key, step: Step { node, log_freq: f32::NAN } };
            self.used += 1;
            if self.used * 4 > self.slots.len() * 3 {
                self.grow();
                return (false, self.probe(key));
            }
        }
        (false, i)
    }

    fn new_node(&mut self) -> u32 {
        self.postings.push(0);
        (self.postings.len() - 1) as u32
    }

    fn grow(&mut self) {
        let doubled = vec![EMPTY; self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, doubled);
        self.shift -= 1;
        for slot in old.into_iter().filter(|s| s.key != 0) {
            let i = self.probe(slot.key);
            self.slots[i] = slot;
        }
    }

    /// The slot holding `key`, or the empty slot where it would go.
    #[inline]
    fn probe(&self, key: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = (key.wrapping_mul(MULTIPLIER) >> self.shift) as usize;
        loop {
            let k = self.slots[i].key;
            if k == key || k == 0 {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /// Completes the lexicon: flags the nodes that have children and the nodes that are headwords, and
    /// fixes the total frequency. Cost: two passes over the slots.
    pub fn finish(&mut self) {
        let mut flags = vec![0u32; self.postings.len()];
        for slot in self.slots.iter().filter(|s| s.key != 0) {
            flags[((slot.key - 1) >> 21) as usize] |= HAS_CHILDREN;
        }
        for (node, &v) in self.postings.iter().enumerate().skip(1) {
            if v != 0 {
                flags[node] |= HEADWORD;
                if Postings::unpack(v).kinds.intersects(Kinds::JOINABLE) {
                    flags[node] |= JOINABLE;
                }
            }
        }
        let mark = |step: &mut Step| {
            if step.exists() {
                step.node |= flags[step.node() as usize];
            }
        };
        self.root.iter_mut().for_each(mark);
        self.slots.iter_mut().filter(|s| s.key != 0).for_each(|s| mark(&mut s.step));
        self.log_total = (self.total_freq.max(1) as f64).ln();
    }

    /// The transition from `node` (0: the root) on `c`.
    #[inline]
    pub fn step(&self, node: u32, c: char) -> Step {
        if node == 0 && (c as usize) < ROOT_TABLE {
            return self.root[c as usize];
        }
        let slot = self.slots[self.probe(slot_key(node, c))];
        if slot.key == 0 { Step::NONE } else { slot.step }
    }

    /// The headword postings of the prefix a step reached, if it is a headword.
    #[inline]
    pub fn postings(&self, step: Step) -> Option<Postings> {
        if !step.is_headword() {
            return None;
        }
        self.postings.get(step.node() as usize).map(|&v| Postings::unpack(v))
    }

    /// The natural log of the sum of all word frequencies: a word's log probability is its log
    /// frequency minus this.
    pub fn log_total(&self) -> f64 {
        self.log_total
    }

    /// Every headword of the [`Kinds::JOINABLE`] kinds that is a prefix of `text` (Latin letters in any
    /// case) and at least two characters long, shortest first, as (byte length, postings): what
    /// [`crate::Dictionary::joinable_prefixes`] finds, for a lexicon built from the same dictionary,
    /// in one probe per character instead of a walk of the map.
    pub fn joinable_prefixes(&self, text: &str, mut found: impl FnMut(usize, Postings)) {
        let mut node = 0;
        for (n, (i, c)) in text.char_indices().enumerate() {
            let step = self.step(node, c.to_ascii_lowercase());
            if let Some(p) = self.postings(step).filter(|_| n > 0 && step.is_joinable()) {
                found(i + c.len_utf8(), p);
            }
            if !step.has_children() {
                return;
            }
            node = step.node();
        }
    }

    /// The step that ends exactly at the end of `text`, if `text` is a prefix the lexicon holds.
    pub fn find(&self, text: &str) -> Option<Step> {
        let mut node = 0;
        let mut last = None;
        for c in text.chars() {
            let step = self.step(node, c);
            if !step.exists() {
                return None;
            }
            node = step.node();
            last = Some(step);
        }
        last
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(start: u32) -> Postings {
        Postings { start, len: 1, kinds: Kinds::WORD }
    }

    #[test]
    fn walks_find_words_and_headwords_through_growth() {
        let mut lex = Lexicon::with_capacity(0);
        // Enough words to grow the hash table several times, with characters outside the BMP.
        let words: Vec<String> = (0..5000u32)
            .map(|i| {
                let a = char::from_u32(0x4E00 + i % 300).unwrap();
                let b = char::from_u32(0x4E00 + i / 300).unwrap();
                let c = char::from_u32(0x20000 + i % 7).unwrap();
                format!("{a}{b}{c}")
            })
            .collect();
        for (i, w) in words.iter().enumerate() {
            lex.insert(w, Some(i as u64 + 1), Some(p(i as u32)));
        }
        lex.insert("𠀀", None, Some(p(9999)));
        lex.finish();
        for (i, w) in words.iter().enumerate() {
            let step = lex.find(w).expect("inserted words are found");
            assert_eq!(step.log_freq(), Some(f64::from(((i + 1) as f64).ln() as f32)));
            assert_eq!(lex.postings(step), Some(p(i as u32)));
            assert!(!step.has_children() && step.is_headword());
        }
        let two: String = words[0].chars().take(2).collect();
        let prefix = lex.find(&two).expect("a prefix exists");
        assert!(prefix.has_children() && prefix.log_freq().is_none() && lex.postings(prefix).is_none());
        assert_eq!(lex.find("𠀀").map(|s| lex.postings(s)), Some(Some(p(9999))));
        assert!(lex.find("一一一一").is_none());
        assert!((lex.log_total() - (5000.0 * 5001.0 / 2.0f64).ln()).abs() < 1e-9);
    }
}
