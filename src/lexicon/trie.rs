//! The phrase trie: every lexicon phrase as a sequence of units, and a search that reports every
//! occurrence of every phrase that starts and ends at word boundaries.
//!
//! A unit is a maximal run of alphanumeric chars (a word) or any other single char. A phrase
//! occurs at word boundaries exactly when its units are a run of the text's units: a word of the
//! phrase cannot end inside a word of the text (the phrase goes on with a non-word char, or ends
//! where a boundary is required), nor start inside one. So the search numbers the text's units
//! once (one table lookup per word) and walks the trie from each unit that starts a phrase. A
//! byte automaton (Aho-Corasick's contiguous NFA) stepped through every byte, reported matches
//! inside words that had to be thrown away, and took 1.8 times as long over the sentences of
//! apps-2024 (128 against 70 ms for 5.7 MB; about as many instructions, but its states missed
//! the cache). The matcher also builds in 42 M instructions instead of 100 M.
//!
//! It does not know what a phrase names, nor which of overlapping matches wins: that is the
//! matcher's.
//!
//! A single space between two other units is not a unit of its own: it is a flag on the unit
//! after it (`space_before`), in the phrases and in the texts alike. Spaces were almost half of
//! the units, each split, stored, looked up and walked from. A phrase's first unit may have a
//! space before it in the text, so the walk from the root ignores that flag; a phrase that
//! begins or ends with a space would need its space as a unit, so a trie with such a phrase
//! keeps every space a unit (`fold_spaces` is false; the lexicon's phrases have none).

use std::cell::RefCell;

use foldhash::{HashMap, HashMapExt};

use super::units::{NONE, Unit, Units};

#[derive(Debug, Clone, Default)]
pub(super) struct PhraseTrie {
    /// The number of every word unit of every phrase.
    words: WordTable,
    /// The number of each single ASCII char that is a unit of some phrase.
    ascii: Vec<u32>,
    /// The node each unit leads to from the root (indexed by unit number).
    root: Vec<u32>,
    /// The nodes; node 0 is the root, whose edges are `root`.
    nodes: Vec<Node>,
    /// Every other node's edges, `(key, child)`, each node's sorted by key ([`edge_key`]).
    edges: Vec<(u32, u32)>,
    /// Whether single spaces between units are flags on the next unit (see the module doc).
    fold_spaces: bool,
}

/// What an edge is keyed by: a unit's number and whether a space stood before it.
#[inline(always)]
fn edge_key(unit: u32, space_before: bool) -> u32 {
    unit << 1 | u32::from(space_before)
}

#[derive(Debug, Clone, Copy)]
struct Node {
    /// The phrase that ends here.
    phrase: u32,
    /// This node's edges: `edges[first..first + count]`.
    first: u32,
    count: u32,
    /// The first edge, read with the node: most nodes have one edge, and looking it up in
    /// `edges` was a second cache miss per step of a walk.
    first_key: u32,
    first_child: u32,
}

thread_local! {
    static UNITS: RefCell<Units> = const { RefCell::new(Units::new()) };
}

/// The most units a thread keeps room for between searches (a long sentence has a few hundred).
const KEPT_UNITS: usize = 1 << 16;

/// The first 8 bytes of `b[start..end]` as a number, zero-padded: the key of a word.
#[inline(always)]
fn prefix_key(b: &[u8], start: usize, end: usize) -> u64 {
    let len = (end - start).min(8);
    let mut buf = [0u8; 8];
    match b.get(start..start + 8) {
        Some(eight) => buf.copy_from_slice(eight),
        None => buf[..len].copy_from_slice(&b[start..start + len]),
    }
    let key = u64::from_le_bytes(buf);
    if len == 8 {
        key
    } else {
        key & ((1 << (8 * len)) - 1)
    }
}

/// The words of the phrases and their numbers: open addressing over a word's first 8 bytes and
/// length, both kept in the slot, so that a lookup of a short word (most of them) reads one slot
/// and nothing else. Most lookups are misses, words no phrase has; a table that also had to read
/// each candidate's bytes elsewhere, or a std `HashMap<Box<str>, u32>`, missed the cache twice.
#[derive(Debug, Clone, Default)]
struct WordTable {
    /// (first 8 bytes, length, number); number `NONE` marks an empty slot.
    slots: Vec<(u64, u32, u32)>,
    /// Where the word in each slot starts in `bytes` (read only for words longer than 8 bytes).
    starts: Vec<u32>,
    bytes: Vec<u8>,
    len: usize,
}

impl WordTable {
    /// The slot holding `word`, or the empty slot where it would go.
    #[inline(always)]
    fn slot_of(&self, word: &[u8], prefix: u64) -> usize {
        let mask = self.slots.len() - 1;
        // A long word's last 8 bytes spread the words that begin alike ("information",
        // "informative"); a short word's are its prefix again.
        let suffix = match word.len().checked_sub(8) {
            Some(from) if from > 0 => prefix_key(word, from, word.len()),
            _ => 0,
        };
        let mixed = (prefix ^ suffix.rotate_left(29) ^ word.len() as u64)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let mut i = (mixed >> 40) as usize & mask;
        loop {
            let (p, len, id) = self.slots[i];
            if id == NONE
                || p == prefix
                    && len as usize == word.len()
                    && (word.len() <= 8 || self.holds_tail(i, word))
            {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    /// Whether the word in slot `i` ends as `word` does after their common first 8 bytes.
    fn holds_tail(&self, i: usize, word: &[u8]) -> bool {
        let start = self.starts[i] as usize;
        self.bytes.get(start + 8..start + word.len()) == word.get(8..)
    }

    /// The number of `word`, whose `prefix_key` is `prefix`.
    #[inline(always)]
    fn get(&self, word: &[u8], prefix: u64) -> u32 {
        if self.slots.is_empty() {
            return NONE;
        }
        self.slots[self.slot_of(word, prefix)].2
    }

    fn insert(&mut self, word: &[u8], id: u32) {
        // At most half full, so that a miss ends after a probe or two.
        if (self.len + 1) * 2 > self.slots.len() {
            let old = std::mem::take(&mut self.slots);
            let old_starts = std::mem::take(&mut self.starts);
            self.slots = vec![(0, 0, NONE); (old.len() * 2).max(64)];
            self.starts = vec![0; self.slots.len()];
            for (&(prefix, len, id), &start) in old.iter().zip(&old_starts) {
                if id != NONE {
                    let held = &self.bytes[start as usize..(start + len) as usize];
                    let i = self.slot_of(held, prefix);
                    self.slots[i] = (prefix, len, id);
                    self.starts[i] = start;
                }
            }
        }
        let prefix = prefix_key(word, 0, word.len());
        let i = self.slot_of(word, prefix);
        if self.slots[i].2 == NONE {
            self.starts[i] = u32::try_from(self.bytes.len()).unwrap_or(NONE);
            self.bytes.extend_from_slice(word);
            self.slots[i] = (prefix, u32::try_from(word.len()).unwrap_or(NONE), id);
            self.len += 1;
        }
    }
}

impl PhraseTrie {
    /// The trie of `phrases`; a match reports its phrase's index in this list. Empty phrases
    /// match nothing; the first of two identical phrases wins.
    pub fn new<'a>(phrases: impl IntoIterator<Item = &'a str>) -> PhraseTrie {
        let phrases: Vec<&str> = phrases.into_iter().collect();
        let mut trie = PhraseTrie {
            ascii: vec![NONE; 128],
            fold_spaces: !phrases
                .iter()
                .any(|p| p.starts_with(' ') || p.ends_with(' ')),
            ..PhraseTrie::default()
        };
        // Built with a map of edges, then laid out as one sorted run of edges per node, searched
        // by halving: most nodes have one or two edges.
        let mut children: HashMap<(u32, u32), u32> = HashMap::new();
        let mut phrase_at: Vec<u32> = vec![NONE];
        let mut units = Units::default();
        for (index, phrase) in phrases.into_iter().enumerate() {
            let mut node = 0;
            units.fill(phrase, trie.fold_spaces);
            for &Unit {
                start,
                end,
                space_before,
                ..
            } in &units.units
            {
                let unit = trie.number(&phrase.as_bytes()[start..end]);
                let next = u32::try_from(phrase_at.len()).unwrap_or(NONE);
                // A phrase's first unit has no space folded into it (it would be a unit).
                let slot = if node == 0 {
                    &mut trie.root[unit as usize]
                } else {
                    children
                        .entry((node, edge_key(unit, space_before)))
                        .or_insert(NONE)
                };
                if *slot == NONE {
                    *slot = next;
                    phrase_at.push(NONE);
                }
                node = *slot;
            }
            if node != 0 && phrase_at[node as usize] == NONE {
                phrase_at[node as usize] = u32::try_from(index).unwrap_or(NONE);
            }
        }
        let mut edges: Vec<(u32, u32, u32)> = children
            .into_iter()
            .map(|((node, key), child)| (node, key, child))
            .collect();
        edges.sort_unstable();
        trie.nodes = phrase_at
            .iter()
            .map(|&phrase| Node {
                phrase,
                first: 0,
                count: 0,
                first_key: NONE,
                first_child: NONE,
            })
            .collect();
        for (i, &(node, key, child)) in edges.iter().enumerate() {
            let n = &mut trie.nodes[node as usize];
            if n.count == 0 {
                n.first = u32::try_from(i).unwrap_or(NONE);
                n.first_key = key;
                n.first_child = child;
            }
            n.count += 1;
        }
        trie.edges = edges
            .into_iter()
            .map(|(_, key, child)| (key, child))
            .collect();
        trie
    }

    /// The number of a unit, given one now if it has none.
    fn number(&mut self, unit: &[u8]) -> u32 {
        let id = self.lookup(unit, 0, unit.len());
        if id != NONE {
            return id;
        }
        let next = u32::try_from(self.root.len()).unwrap_or(NONE);
        match unit {
            [b] if *b < 0x80 => self.ascii[*b as usize] = next,
            _ => self.words.insert(unit, next),
        }
        self.root.push(NONE);
        next
    }

    /// The number of `unit` (`NONE` if no phrase has that unit).
    #[inline(always)]
    fn lookup(&self, text: &[u8], start: usize, end: usize) -> u32 {
        match &text[start..end] {
            [b] if *b < 0x80 => self.ascii[*b as usize],
            word => self.words.get(word, prefix_key(text, start, end)),
        }
    }

    /// The node the edge `key` ([`edge_key`]) leads to from `node` (not the root).
    #[inline(always)]
    fn child(&self, node: u32, key: u32) -> u32 {
        let Node {
            first,
            count,
            first_key,
            first_child,
            ..
        } = self.nodes[node as usize];
        if key == first_key {
            return first_child;
        }
        if count <= 1 {
            return NONE;
        }
        let run = &self.edges[first as usize..(first + count) as usize];
        match run.binary_search_by_key(&key, |&(k, _)| k) {
            Ok(i) => run[i].1,
            Err(_) => NONE,
        }
    }

    /// Every occurrence of every phrase in `text` at unit boundaries, as `(start, end, phrase)`,
    /// ordered by start, then end. Phrases are compared byte for byte: the caller lowercases both.
    pub fn find_all(&self, text: &str, found: impl FnMut(usize, usize, usize)) {
        // Units kept by the thread from call to call: a new vector per sentence was a fresh
        // block of 24 bytes per unit, cold in the cache. (Fresh if a caller's `found` searches.)
        UNITS.with(|kept| match kept.try_borrow_mut() {
            Ok(mut units) => {
                self.find_split(text, &mut units, found);
                if units.units.capacity() > KEPT_UNITS {
                    *units = Units::default();
                }
            }
            Err(_) => self.find_split(text, &mut Units::default(), found),
        })
    }

    /// [`PhraseTrie::find_all`], leaving the units of `text` in `units` for the caller.
    pub fn find_split(
        &self,
        text: &str,
        units: &mut Units,
        mut found: impl FnMut(usize, usize, usize),
    ) {
        let bytes = text.as_bytes();
        units.fill(text, self.fold_spaces);
        let units = &mut units.units;
        for u in units.iter_mut() {
            u.id = self.lookup(bytes, u.start, u.end);
        }
        for (i, first) in units.iter().enumerate() {
            if first.id == NONE {
                continue;
            }
            let mut node = self.root[first.id as usize];
            let mut j = i;
            while node != NONE {
                let phrase = self.nodes[node as usize].phrase;
                if phrase != NONE {
                    found(first.start, units[j].end, phrase as usize);
                }
                j += 1;
                match units.get(j) {
                    Some(next) if next.id != NONE => {
                        node = self.child(node, edge_key(next.id, next.space_before))
                    }
                    _ => break,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn all(trie: &PhraseTrie, text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        trie.find_all(text, |s, e, p| out.push((s, e, p)));
        out
    }

    #[test]
    fn phrases_match_whole_units_only() {
        let trie = PhraseTrie::new(["ad", "ad id", "e-mail", "e", "inc.", "driver’s license"]);
        let text = "ad ids, e-mail and advertising; ad id. acme inc. a driver’s license";
        let found: Vec<&str> = all(&trie, text)
            .iter()
            .map(|&(s, e, _)| &text[s..e])
            .collect();
        assert_eq!(
            found,
            [
                "ad",
                "e",
                "e-mail",
                "ad",
                "ad id",
                "inc.",
                "driver’s license"
            ]
        );
    }

    #[test]
    fn a_search_inside_a_search_has_units_of_its_own() {
        let trie = PhraseTrie::new(["ad id", "data"]);
        let mut inner = Vec::new();
        trie.find_all("ad id and data", |s, e, p| {
            inner.push(((s, e, p), all(&trie, "some data")));
        });
        assert_eq!(
            inner,
            [((0, 5, 0), vec![(5, 9, 1)]), ((10, 14, 1), vec![(5, 9, 1)])]
        );
    }

    /// A phrase that begins or ends with a space keeps every space a unit, and matches at a
    /// space as before; a space before a phrase's first word does not stop the match.
    #[test]
    fn spaces_at_the_ends_of_phrases_and_texts() {
        let spaced = PhraseTrie::new(["ad id", " id", "ad "]);
        assert!(!spaced.fold_spaces);
        assert_eq!(all(&spaced, "ad id x"), [(0, 3, 2), (0, 5, 0), (2, 5, 1)]);
        let folded = PhraseTrie::new(["ad id", "id", "x"]);
        assert!(folded.fold_spaces);
        assert_eq!(
            all(&folded, " ad id  x "),
            [(1, 6, 0), (4, 6, 1), (8, 9, 2)]
        );
        assert!(all(&folded, "ad  id").iter().all(|&(_, _, p)| p == 1));
    }

    #[test]
    fn empty_phrases_and_texts_match_nothing() {
        let trie = PhraseTrie::new(["", "data"]);
        assert!(all(&trie, "").is_empty());
        assert_eq!(all(&trie, "data"), [(0, 4, 1)]);
        assert_eq!(all(&PhraseTrie::new([]), "data"), []);
    }

    #[test]
    fn a_large_vocabulary_finds_every_word_and_nothing_else() {
        // Enough words to grow the word table several times over.
        let words: Vec<String> = (0..5000).map(|i| format!("w{i}")).collect();
        let trie = PhraseTrie::new(words.iter().map(String::as_str));
        for (i, w) in words.iter().enumerate() {
            assert_eq!(all(&trie, w), [(0, w.len(), i)], "{w}");
        }
        assert!(all(&trie, "w5000 w-1 x0 w").is_empty());
        // Long words that begin alike, as "information" and "informational" do.
        let long: Vec<String> = (0..500).map(|i| format!("information{i}")).collect();
        let trie = PhraseTrie::new(long.iter().map(String::as_str));
        for (i, w) in long.iter().enumerate() {
            assert_eq!(all(&trie, w), [(0, w.len(), i)], "{w}");
        }
        assert!(all(&trie, "information informatio information500").is_empty());
    }

    /// The reference: a byte automaton's every match, kept where a word char at either end of
    /// the match does not continue a word of the text.
    fn reference(phrases: &[String], text: &str) -> Vec<(usize, usize, usize)> {
        let ac = aho_corasick::AhoCorasick::new(phrases).expect("small automaton");
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let mut out: Vec<(usize, usize, usize)> = ac
            .find_overlapping_iter(text)
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .filter(|&(s, e, _)| {
                let inner = &text[s..e];
                !(word(text[..s].chars().next_back()) && word(inner.chars().next())
                    || word(text[e..].chars().next()) && word(inner.chars().next_back()))
            })
            .collect();
        out.sort();
        out
    }

    proptest! {
        #[test]
        fn the_walk_finds_what_a_byte_automaton_finds_at_word_boundaries(
            phrases in prop::collection::btree_set(
                "[ab]{1,3}( |-|’|é|\\.)?[ab]{0,2}|[ab]{1,2}|[-.][ab]?|a{7,9}b?a?( a{8,9})?",
                1..12,
            ),
            text in "([ab]{1,4}|a{7,9}b?a?|é|’| |-|\\.|,){0,30}",
        ) {
            let phrases: Vec<String> = phrases.into_iter().collect();
            let trie = PhraseTrie::new(phrases.iter().map(String::as_str));
            prop_assert_eq!(all(&trie, &text), reference(&phrases, &text));
        }

        /// Phrases with spaces inside only, as the lexicon's are: spaces are folded into the
        /// units after them, and the walk still finds what the byte automaton finds, in texts
        /// with runs of spaces, spaces at either end, and spaces before and after other chars.
        #[test]
        fn the_walk_over_folded_spaces_finds_what_a_byte_automaton_finds(
            phrases in prop::collection::btree_set(
                "[ab]{1,3}(( |  )(-|,|é)?( )?[ab]{1,2})?|[-,]( [ab])?|[ab] [-,]",
                1..12,
            ),
            text in "([ab]{1,4}|é| |  |-|,|\n){0,30}",
        ) {
            let phrases: Vec<String> = phrases.into_iter().collect();
            let trie = PhraseTrie::new(phrases.iter().map(String::as_str));
            prop_assert!(trie.fold_spaces);
            prop_assert_eq!(all(&trie, &text), reference(&phrases, &text));
        }
    }
}
