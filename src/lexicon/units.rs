//! The units of a text: maximal runs of alphanumeric chars (words) and single other chars, the
//! pieces the phrase trie matches ([`super::trie`]) and the tokenizer joins into tokens. It
//! splits and classifies; it does not number units (the trie does) nor know any phrase.
//!
//! The split reads bits, not bytes: each 64 bytes of the text are classified at once into a
//! word-byte mask and a non-ASCII mask (SSE2 on x86-64, 8 bytes in a `u64` elsewhere), and a
//! word's start and end are the next set and clear bit. Over apps-2024's 5.7 MB of sentences,
//! splitting byte by byte (each ASCII byte's class from a table, words measured 8 bytes at a
//! time) took about 86 M instructions; this split takes 46 M.

use crate::document::chars;

/// No unit number yet.
pub(super) const NONE: u32 = u32::MAX;

/// A unit of a text: bytes `start..end`, whether it is a word, whether it is ASCII and whether
/// a single space before it was folded into it, and its number (`NONE` if no phrase has it).
#[derive(Debug, Clone, Copy)]
pub(super) struct Unit {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) id: u32,
    pub(super) word: bool,
    pub(super) ascii: bool,
    pub(super) space_before: bool,
}

/// The units of a text, left to right, as a search split it. The tokenizer reads them too: it
/// splits the text the same way, and splitting it a second time was 8% of the instructions of a
/// corpus run.
#[derive(Debug, Default)]
pub struct Units {
    pub(super) units: Vec<Unit>,
    bits: ByteBits,
}

impl Units {
    /// No units, and no room for any yet.
    pub(super) const fn new() -> Units {
        Units {
            units: Vec::new(),
            bits: ByteBits {
                word: Vec::new(),
                high: Vec::new(),
            },
        }
    }

    pub fn len(&self) -> usize {
        self.units.len()
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// The byte range of unit `i`.
    #[inline]
    pub fn span(&self, i: usize) -> (usize, usize) {
        let u = &self.units[i];
        (u.start, u.end)
    }

    /// True when unit `i` is a word (a run of letters and digits), not a single other char.
    #[inline]
    pub fn is_word(&self, i: usize) -> bool {
        self.units[i].word
    }

    /// True when unit `i` has ASCII chars only (the split knows: testing the bytes again for
    /// each token mispredicted a branch per byte).
    #[inline]
    pub fn is_ascii(&self, i: usize) -> bool {
        self.units[i].ascii
    }

    /// True when a single space stood right before unit `i` and is not a unit itself (see the
    /// trie's module doc): "e -mail" is not one word, though no space unit lies between "e" and "-".
    #[inline]
    pub fn space_before(&self, i: usize) -> bool {
        self.units[i].space_before
    }

    /// The units of `text` with single spaces folded, as a search of the embedded lexicon
    /// splits it, without numbering them: for tests of the split and of what is made from it
    /// (searches fill `Units` themselves).
    #[cfg(test)]
    pub(crate) fn split(&mut self, text: &str) {
        self.fill(text, true);
    }
}

/// Each byte of `v` that is in `lo..=hi`, as its high bit; `v`'s bytes must be ASCII.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
#[inline(always)]
fn bytes_in(v: u64, lo: u8, hi: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // A byte below 0x80 plus `0x80 - lo` reaches 0x80 exactly when it is at least `lo`, plus
    // `0x7f - hi` when it is above `hi`; neither sum carries into the next byte.
    let at_least_lo = v + ONES * u64::from(0x80 - lo);
    let above_hi = v + ONES * u64::from(0x7f - hi);
    at_least_lo & !above_hi & (ONES * 0x80)
}

/// The high bits of `v`'s 8 bytes as the low 8 bits of a number, byte 0 as bit 0 (`v` must
/// have no other bits set): each byte's bit lands in the top byte of the product, in order.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
#[inline(always)]
fn gather_high_bits(v: u64) -> u64 {
    v.wrapping_mul(0x0002_0408_1020_4081) >> 56
}

/// Which bytes of a text are word bytes and which are not ASCII, a bit per byte: bit `i % 64`
/// of `word[i / 64]` and of `high[i / 64]`. A word byte is an ASCII letter or digit, or any
/// byte of a non-ASCII alphanumeric char. Kept with the units, from text to text.
#[derive(Debug, Default, Clone)]
struct ByteBits {
    word: Vec<u64>,
    high: Vec<u64>,
}

impl ByteBits {
    /// The bits of `text`; true if it has a non-ASCII byte. A block of 64 bytes is classified
    /// at once ([`block_bits`]); a non-ASCII char is decoded only to tell whether it is
    /// alphanumeric.
    fn fill(&mut self, text: &str) -> bool {
        let (blocks, tail) = text.as_bytes().as_chunks::<64>();
        self.word.clear();
        self.high.clear();
        self.word.reserve(blocks.len() + 1);
        self.high.reserve(blocks.len() + 1);
        let mut any_high = 0;
        for block in blocks {
            let (word, high) = block_bits(block);
            self.word.push(word);
            self.high.push(high);
            any_high |= high;
        }
        if !tail.is_empty() {
            // Zeros past the end: no word bytes, no high bytes.
            let mut padded = [0u8; 64];
            padded[..tail.len()].copy_from_slice(tail);
            let (word, high) = block_bits(&padded);
            self.word.push(word);
            self.high.push(high);
            any_high |= high;
        }
        if any_high != 0 {
            self.mark_non_ascii_words(text);
        }
        any_high != 0
    }

    /// Marks every byte of each non-ASCII alphanumeric char of `text` as a word byte.
    #[cold]
    fn mark_non_ascii_words(&mut self, text: &str) {
        for k in 0..self.high.len() {
            let mut high = self.high[k];
            while high != 0 {
                let i = k * 64 + high.trailing_zeros() as usize;
                high &= high - 1;
                // A char's first byte is not a continuation byte (0b10xx_xxxx).
                if text.as_bytes()[i] & 0xc0 == 0x80 {
                    continue;
                }
                let Some(c) = text.get(i..).and_then(|rest| rest.chars().next()) else {
                    continue;
                };
                if chars::is_alphanumeric(c) {
                    for j in i..i + c.len_utf8() {
                        self.word[j / 64] |= 1 << (j % 64);
                    }
                }
            }
        }
    }

    /// Whether the byte at `i` is a word byte (false past the text's end).
    #[inline(always)]
    fn is_word(&self, i: usize) -> bool {
        self.word
            .get(i / 64)
            .is_some_and(|bits| bits >> (i % 64) & 1 != 0)
    }

    /// The first word byte at or after `i` (the text's length if none).
    #[inline(always)]
    fn next_word(&self, i: usize, len: usize) -> usize {
        self.next_bit(i, len, 0)
    }

    /// The first byte at or after `i` that is no word byte (the text's length if none).
    #[inline(always)]
    fn word_end(&self, i: usize, len: usize) -> usize {
        self.next_bit(i, len, u64::MAX)
    }

    /// The first byte at or after `i` whose word bit differs from `flip`'s (the text's length
    /// if none): the bits past the text's end are clear, so a search for a clear bit stops at
    /// `len` at the latest.
    #[inline(always)]
    fn next_bit(&self, i: usize, len: usize, flip: u64) -> usize {
        let mut k = i / 64;
        let rest = self
            .word
            .get(k)
            .map_or(0, |&bits| (bits ^ flip) >> (i % 64));
        if rest != 0 {
            return i + rest.trailing_zeros() as usize;
        }
        loop {
            k += 1;
            match self.word.get(k) {
                Some(&bits) if bits ^ flip != 0 => {
                    return k * 64 + (bits ^ flip).trailing_zeros() as usize;
                }
                Some(_) => {}
                None => return len,
            }
        }
    }

    /// Whether bytes `start..end` are all ASCII.
    #[inline(always)]
    fn all_ascii(&self, start: usize, end: usize) -> bool {
        (start / 64..=(end - 1) / 64).all(|k| {
            let mut bits = self.high[k];
            if k == start / 64 {
                bits &= u64::MAX << (start % 64);
            }
            if k == (end - 1) / 64 {
                bits &= u64::MAX >> (63 - (end - 1) % 64);
            }
            bits == 0
        })
    }
}

/// The word bytes and the non-ASCII bytes of 64 bytes, a bit each (ASCII ones only: see
/// [`ByteBits::mark_non_ascii_words`]), 16 at a time with SSE2, which every x86-64 CPU has.
/// 1.5 instructions a byte; eight at a time in a `u64` ([`block_bits_in_words`]) was 4.7.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline(always)]
fn block_bits(block: &[u8; 64]) -> (u64, u64) {
    use std::arch::x86_64::*;
    let (mut word, mut high) = (0, 0);
    for (k, sixteen) in block.as_chunks::<16>().0.iter().enumerate() {
        // SAFETY: SSE2 is enabled (the cfg above; every x86-64 target has it), and the load
        // reads the 16 bytes of `sixteen`, with no alignment required.
        let (w, h) = unsafe {
            let v = _mm_loadu_si128(sixteen.as_ptr().cast());
            // Signed compares: a non-ASCII byte is negative, below every bound.
            let lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
            let letter = _mm_and_si128(
                _mm_cmpgt_epi8(lower, _mm_set1_epi8(b'a' as i8 - 1)),
                _mm_cmplt_epi8(lower, _mm_set1_epi8(b'z' as i8 + 1)),
            );
            let digit = _mm_and_si128(
                _mm_cmpgt_epi8(v, _mm_set1_epi8(b'0' as i8 - 1)),
                _mm_cmplt_epi8(v, _mm_set1_epi8(b'9' as i8 + 1)),
            );
            (
                _mm_movemask_epi8(_mm_or_si128(letter, digit)) as u16,
                _mm_movemask_epi8(v) as u16,
            )
        };
        word |= u64::from(w) << (16 * k);
        high |= u64::from(h) << (16 * k);
    }
    (word, high)
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
#[inline(always)]
fn block_bits(block: &[u8; 64]) -> (u64, u64) {
    block_bits_in_words(block)
}

/// [`block_bits`] 8 bytes at a time in a `u64`, for CPUs without SSE2.
#[cfg(any(test, not(all(target_arch = "x86_64", target_feature = "sse2"))))]
#[inline(always)]
fn block_bits_in_words(block: &[u8; 64]) -> (u64, u64) {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let (mut word, mut high) = (0, 0);
    for (k, eight) in block.as_chunks::<8>().0.iter().enumerate() {
        let v = u64::from_le_bytes(*eight);
        let hi = v & HIGH;
        let ascii = v ^ hi;
        let letters = bytes_in(ascii | 0x2020_2020_2020_2020, b'a', b'z');
        let w = (bytes_in(ascii, b'0', b'9') | letters) & !hi;
        word |= gather_high_bits(w) << (8 * k);
        high |= gather_high_bits(hi) << (8 * k);
    }
    (word, high)
}

/// The length of the UTF-8 char whose first byte is `x`.
#[inline(always)]
fn char_len(x: u8) -> usize {
    match x {
        0..0x80 => 1,
        0xc0..0xe0 => 2,
        0xe0..0xf0 => 3,
        _ => 4,
    }
}

impl Units {
    /// The units of `text` left to right, unnumbered: byte ranges, whether each is a word,
    /// whether it is ASCII, and whether a single space before it was folded into it. With
    /// `fold_spaces`, a space that is not the text's first or last unit and has no space right
    /// after it is folded into the unit after it (see the trie's module doc).
    ///
    /// A word's end is found in the bits of its bytes ([`ByteBits`]), not byte by byte; the
    /// units are numbered after the split, not in it (a split that numbered each unit as it
    /// went did not inline the lookup).
    pub(super) fn fill(&mut self, text: &str, fold_spaces: bool) {
        let Units { units, bits } = self;
        units.clear();
        let b = text.as_bytes();
        let len = b.len();
        let any_high = bits.fill(text);
        let mut push = |start, end, word, ascii, space_before| {
            units.push(Unit {
                start,
                end,
                id: NONE,
                word,
                ascii,
                space_before,
            })
        };
        let mut i = 0;
        let mut space_before = false;
        while i < len {
            let mut start = bits.next_word(i, len);
            // The chars before the next word: each a unit, but for a folded space.
            while i < start {
                let x = b[i];
                let end = i + char_len(x);
                if fold_spaces && x == b' ' && i > 0 && end < len && b[end] != b' ' {
                    space_before = true;
                } else {
                    push(i, end, false, x < 0x80, space_before);
                    space_before = false;
                }
                i = end;
            }
            if start == len {
                break;
            }
            loop {
                i = bits.word_end(start, len);
                let ascii = !any_high || bits.all_ascii(start, i);
                push(start, i, true, ascii, space_before);
                // Most words are followed by a single space and the next word: the space is
                // folded into it without a search for the next word.
                space_before = fold_spaces && b.get(i) == Some(&b' ') && bits.is_word(i + 1);
                if !space_before {
                    break;
                }
                start = i + 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Units char by char: maximal runs of alphanumeric chars, every other char alone; then
    /// each single space between two units that are not spaces dropped, and marked on the unit
    /// after it. Each unit's span, whether it is a word, whether it is ASCII, whether a space
    /// was dropped before it.
    fn reference_units(text: &str) -> Vec<(usize, usize, bool, bool, bool)> {
        let units = reference_unfolded(text);
        let space =
            |u: Option<&(usize, usize, bool, bool)>| u.is_some_and(|u| &text[u.0..u.1] == " ");
        let mut out: Vec<(usize, usize, bool, bool, bool)> = Vec::new();
        let mut dropped = false;
        for (k, &u) in units.iter().enumerate() {
            if k > 0 && space(Some(&u)) && units.get(k + 1).is_some_and(|n| !space(Some(n))) {
                dropped = true;
                continue;
            }
            out.push((u.0, u.1, u.2, u.3, dropped));
            dropped = false;
        }
        out
    }

    /// Units char by char: maximal runs of alphanumeric chars, every other char alone.
    /// Each unit's span, whether it is a word, whether it is ASCII.
    fn reference_unfolded(text: &str) -> Vec<(usize, usize, bool, bool)> {
        let mut out: Vec<(usize, usize, bool, bool)> = Vec::new();
        for (i, c) in text.char_indices() {
            let word = c.is_alphanumeric();
            match out.last_mut() {
                Some(last) if word && last.2 && last.1 == i => last.1 = i + c.len_utf8(),
                _ => out.push((i, i + c.len_utf8(), word, false)),
            }
        }
        for u in &mut out {
            u.3 = text[u.0..u.1].is_ascii();
        }
        out
    }

    fn units_of(text: &str) -> Vec<(usize, usize, bool, bool, bool)> {
        let mut units = Units::default();
        units.split(text);
        (0..units.len())
            .map(|i| {
                let (start, end) = units.span(i);
                let flags = (units.is_word(i), units.is_ascii(i), units.space_before(i));
                (start, end, flags.0, flags.1, flags.2)
            })
            .collect()
    }

    #[test]
    fn words_longer_than_eight_bytes_and_words_with_non_ascii_chars_are_one_unit() {
        for text in [
            "informationally",
            "abcdefgh",
            "abcdefghi jklmnopqrstuvwxyz0123456789 x",
            "données personnelles; Übermittlung an Dritte",
            "aaaaaaaé",
            "aaaaaaaaé",
            "éaaaaaaaaa-b",
            "abc’defghijk",
            "ABCDEFGHIJ.KL",
            " a  b c ",
            "a - b",
        ] {
            assert_eq!(units_of(text), reference_units(text), "{text}");
        }
    }

    fn units_unfolded(text: &str) -> Vec<(usize, usize, bool, bool)> {
        let mut units = Units::default();
        units.fill(text, false);
        units
            .units
            .iter()
            .map(|u| {
                assert!(!u.space_before, "no space is folded: {text:?}");
                (u.start, u.end, u.word, u.ascii)
            })
            .collect()
    }

    /// Each byte's class, one at a time: the reference for the 64-byte classifiers.
    fn block_bits_bytewise(block: &[u8; 64]) -> (u64, u64) {
        let (mut word, mut high) = (0, 0);
        for (i, &b) in block.iter().enumerate() {
            word |= u64::from(b.is_ascii_alphanumeric()) << i;
            high |= u64::from(b >= 0x80) << i;
        }
        (word, high)
    }

    #[test]
    fn words_across_64_byte_blocks_are_one_unit() {
        let a63 = "a".repeat(63);
        let long = "b".repeat(200);
        for text in [
            format!("{a63} bc d"),
            format!("{a63}é bc"),
            format!("x {long} y"),
            long.clone(),
            format!("{} {}", "c".repeat(64), "d".repeat(64)),
            format!("{a63}’{long}.é{a63}"),
        ] {
            assert_eq!(units_of(&text), reference_units(&text), "{text}");
        }
    }

    proptest! {
        #[test]
        fn units_are_alphanumeric_runs_and_single_other_chars(
            text in "([a-zA-Z0-9]{1,12}|é|名|’|\u{a0}| |-|\\.|@|\\[|`|\\{){0,20}",
        ) {
            prop_assert_eq!(units_of(&text), reference_units(&text));
        }

        #[test]
        fn units_of_any_text(text in any::<String>()) {
            prop_assert_eq!(units_of(&text), reference_units(&text));
        }

        #[test]
        fn units_unfolded_are_alphanumeric_runs_and_single_other_chars(
            text in "([a-zA-Z0-9]{1,70}|é|名|’|\u{a0}| |  |-|\\.){0,12}",
        ) {
            prop_assert_eq!(units_unfolded(&text), reference_unfolded(&text));
        }

        #[test]
        fn each_classifier_agrees_with_the_bytes(bytes in prop::array::uniform32(any::<u8>()),
                                                 more in prop::array::uniform32(any::<u8>())) {
            let mut block = [0u8; 64];
            block[..32].copy_from_slice(&bytes);
            block[32..].copy_from_slice(&more);
            prop_assert_eq!(block_bits(&block), block_bits_bytewise(&block));
            prop_assert_eq!(block_bits_in_words(&block), block_bits_bytewise(&block));
        }
    }
}
