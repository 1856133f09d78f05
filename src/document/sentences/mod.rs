//! Sentence splitting inside one block of cleaned text (whitespace already collapsed).
//!
//! Owns the decisions "is this `.` the end of a sentence?" for legal prose: abbreviations
//! (`Inc.`, `e.g.`, `U.S.`, `No. 5`), initials, enumerators, URLs and e-mails, missing spaces
//! (`information.The`), long `(i) … (ii) …` enumerations, long `;` clauses and over-long sentences.
//! Block boundaries are decided before (`assemble.rs` calls this once per block); this module never
//! looks across blocks and knows nothing about headings or lists.

mod abbrev;
mod clauses;

use abbrev::{abbreviation_blocks, enumerator_len, is_roman};
use clauses::{floor_boundary, secondary};

use super::chars;

pub(crate) use abbrev::opens_sentence;

/// `split_into` a new vector.
#[cfg(test)]
pub(crate) fn split(text: &str, table_row: bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    split_into(text, table_row, &mut out, &mut Scratch::default());
    out
}

/// The splitter's buffers, kept by the caller from block to block: allocating them for every
/// block was a tenth of the splitting (a new cuts vector per block: apps-2024 assemble 1.2 M
/// instructions more, less its `secondary`).
#[derive(Default)]
pub(crate) struct Scratch {
    /// Primary cuts of the block.
    cuts: Vec<usize>,
    /// Pieces of one primary sentence.
    pieces: Vec<(usize, usize)>,
}

/// Splits `text` into sentence spans `(start, end)`: trimmed, non-empty, containing a letter or
/// digit, strictly increasing, on char boundaries. `table_row` makes ` | ` cell separators
/// transparent (a sentence may end before one, and none starts or ends with `|`).
///
/// The spans go to `out` (cleared first); the caller reuses it and `scratch` from block to block.
pub(crate) fn split_into(
    text: &str,
    table_row: bool,
    out: &mut Vec<(usize, usize)>,
    scratch: &mut Scratch,
) {
    out.clear();
    let Scratch { cuts, pieces } = scratch;
    primary_cuts(text, table_row, cuts);
    let mut start = 0;
    for &cut in cuts.iter().chain([&text.len()]) {
        pieces.clear();
        secondary(text, start, cut, pieces);
        for &(s, e) in pieces.iter() {
            push_trimmed(text, s, e, table_row, out);
        }
        start = cut;
    }
}

/// Byte positions where a new sentence starts, from terminal punctuation, into `cuts` (cleared
/// first).
fn primary_cuts(text: &str, table_row: bool, cuts: &mut Vec<usize>) {
    let b = text.as_bytes();
    cuts.clear();
    let mut seg_start = 0;
    let mut i = 0;
    // In ASCII text only the terminators matter: jump to the next one (most blocks are ASCII).
    let ascii = text.is_ascii();
    let mut bytewise_until = 0;
    while i < b.len() {
        if ascii {
            match memchr::memchr3(b'.', b'!', b'?', &b[i..]) {
                Some(d) => i += d,
                None => break,
            }
        } else if i >= bytewise_until {
            // Elsewhere skip blocks without a terminator or a bullet/ideographic stop lead byte,
            // then the rest of a char the last block cut (its lead byte was not one of those).
            // The block that stops the skip is stepped through byte by byte, not tested again.
            while b[i..].first_chunk::<16>().is_some_and(no_event) {
                i += 16;
            }
            while !text.is_char_boundary(i) {
                i += 1;
            }
            if i >= b.len() {
                break;
            }
            bytewise_until = i + 16;
        }
        let byte = b[i];
        if matches!(byte, b'.' | b'!' | b'?') {
            let mut j = i;
            while j < b.len() && matches!(b[j], b'.' | b'!' | b'?') {
                j += 1;
            }
            let k = skip_closers(text, j);
            if let Some(cut) = decide(text, seg_start, i, j, k, table_row) {
                cuts.push(cut);
                seg_start = cut;
                i = cut;
            } else {
                i = j;
            }
        } else if byte >= 0x80 {
            // Ideographic full stops end a sentence whatever follows.
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            let next = i + c.len_utf8();
            if is_bullet(c)
                && i > 0
                && b[i - 1] == b' '
                && text[..i].trim_end().ends_with(|p: char| !is_bullet(p))
            {
                // Inline bullets ("… or • Swedish law") start a new item.
                cuts.push(i);
                seg_start = i;
                i = next;
            } else if matches!(c, '。' | '！' | '？') && next < b.len() {
                let k = skip_closers(text, next);
                if k < b.len() {
                    cuts.push(k);
                    seg_start = k;
                }
                i = k.max(next);
            } else {
                i = next;
            }
        } else {
            i += 1;
        }
    }
}

/// Does this block hold nothing `primary_cuts` stops at: no `.`, `!`, `?`, and no lead byte of a
/// bullet (all 0xE2) or of `。` (0xE3), `！`/`？` (0xEF)? A test without early exit, so it vectorises.
fn no_event(block: &[u8; 16]) -> bool {
    block.iter().fold(true, |quiet, &x| {
        quiet & !matches!(x, b'.' | b'!' | b'?' | 0xE2 | 0xE3 | 0xEF)
    })
}

fn skip_closers(text: &str, mut k: usize) -> usize {
    while let Some(c) = text[k..].chars().next() {
        if matches!(c, '"' | '\'' | ')' | ']' | '”' | '’' | '»' | '」' | '）') {
            k += c.len_utf8();
        } else {
            break;
        }
    }
    k
}

/// Decide whether the terminator run `text[t0..j]` (closers up to `k`) ends a sentence; returns
/// where the next one starts.
fn decide(
    text: &str,
    seg_start: usize,
    t0: usize,
    j: usize,
    k: usize,
    table_row: bool,
) -> Option<usize> {
    let rest = &text[k..];
    let next = rest.chars().next()?;
    let single_period = &text[t0..j] == ".";
    if next == ' ' {
        let after = &rest[1..];
        if table_row && after.starts_with('|') {
            return Some(k + 1);
        }
        if !is_starter(after) {
            return None;
        }
        if single_period {
            let word = word_before(text, t0);
            // The word may reach back over a no-space cut ("policy.Productse.g."), before seg_start.
            let word_start = t0 - word.len();
            let first_token =
                word_start >= seg_start && text[seg_start..word_start].trim().is_empty();
            if abbreviation_blocks(word, after, first_token) {
                return None;
            }
        } else if text[t0..j].starts_with('!')
            && word_before(text, t0).eq_ignore_ascii_case("yahoo")
        {
            return None;
        }
        return Some(k + 1);
    }
    // A missing space: "information.The data", "purposes.(b) Providing".
    if single_period && k == j && (next.is_uppercase() || enumerator_len(rest).is_some()) {
        let word = word_before(text, t0);
        let lowercase_word =
            word.len() >= 2 && !word.contains('.') && word.chars().all(char::is_lowercase);
        if !lowercase_word || word == "www" {
            return None;
        }
        // Not inside URLs, e-mails or domains: "x@wps.com", "www.AllParenting.com", "a/b.Html".
        let token = token_before(text, t0);
        let window = &rest[..floor_boundary(rest, 64)];
        let after = window.split(char::is_whitespace).next().unwrap_or(window);
        let urlish = token.contains(['@', '/'])
            || after.contains(['@', '/'])
            || after
                .trim_end_matches(['.', ',', ';', ':', ')', '!', '?'])
                .contains('.');
        if !urlish {
            return Some(k);
        }
    }
    None
}

/// Can a sentence start here? Capitals, digits, caseless scripts, and quotes/brackets before them.
fn is_starter(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(c) = chars.next() else {
        return false;
    };
    if c.is_uppercase() || c.is_ascii_digit() || c == '•' {
        return true;
    }
    // Enumerators: "… history. b. User Content …", "… ii. Where the request …" (but not "e.g.").
    if c.is_ascii_lowercase() {
        let label_len = s.bytes().take_while(u8::is_ascii_lowercase).count();
        let (label, rest) = s.split_at(label_len);
        if (label_len == 1 || is_roman(label))
            && let Some(after) = rest.strip_prefix(". ")
        {
            return after.starts_with(char::is_uppercase);
        }
    }
    if c.is_alphabetic() && !c.is_lowercase() {
        return true; // caseless scripts (CJK, Arabic, …)
    }
    if matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '¿' | '¡') {
        return chars.next().is_some_and(|d| {
            d.is_uppercase() || d.is_ascii_digit() || (d.is_alphabetic() && !d.is_lowercase())
        });
    }
    false
}

/// The last `max` bytes (or fewer, on a char boundary) of `text[..end]`: the look-behind window,
/// so a megabyte-long "word" cannot make every period rescan it.
fn tail(text: &str, end: usize, max: usize) -> &str {
    let mut start = end.saturating_sub(max);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..end]
}

/// The word right before byte `end`, keeping inner dots (`U.S`, `e.g`, `wps.com`).
fn word_before(text: &str, end: usize) -> &str {
    let head = tail(text, end, 64);
    // A leading hyphen part ("EU-U.S") does not change what the abbreviation is: the scan stops
    // at a hyphen as at any other non-word char, in one pass instead of a scan over the hyphens
    // and an `rsplit_once('-')` (apps-2024: word_before 6.9 M -> 3.7 M instructions).
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(chars::is_alphanumeric(c) || c == '.' || c == '\''))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &head[start..]
}

/// The whitespace-delimited token before `end` (for URL and e-mail checks), up to 256 bytes.
fn token_before(text: &str, end: usize) -> &str {
    let head = tail(text, end, 256);
    let start = head.rfind(' ').map_or(0, |i| i + 1);
    &head[start..]
}

fn first_word(s: &str) -> &str {
    let s = s.trim_start_matches(|c: char| !chars::is_alphanumeric(c));
    let end = s
        .find(|c: char| !chars::is_alphanumeric(c))
        .unwrap_or(s.len());
    &s[..end]
}

fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '▪' | '●' | '◦' | '‣' | '■' | '□' | '○')
}

/// Leading bullet glyphs and "- " / "* " markers are layout, not sentence text: strips them (and
/// the `trim` chars after them) as long as there are any.
fn strip_markers(mut core: &str, trim: impl Fn(char) -> bool + Copy) -> &str {
    loop {
        let stripped = core
            .trim_start_matches(|c: char| is_bullet(c) || c == '·')
            .trim_start_matches('*')
            .trim_start();
        let stripped = stripped
            .strip_prefix("- ")
            .unwrap_or(stripped)
            .trim_start_matches(trim);
        if stripped.len() == core.len() {
            return core;
        }
        core = stripped;
    }
}

/// Trims whitespace (and cell bars in table rows) and keeps spans that contain a letter or digit.
fn push_trimmed(text: &str, s: usize, e: usize, table_row: bool, out: &mut Vec<(usize, usize)>) {
    let piece = &text[s..e];
    let trim = |c: char| c.is_whitespace() || (table_row && c == '|');
    let mut core = piece.trim_matches(trim);
    // A piece starting with an ASCII letter or digit (most) has no marker to strip and has a
    // letter or digit: nothing more to look at (apps-2024: assemble 4.2 M instructions less).
    let plain = core
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_alphanumeric);
    if !plain {
        core = strip_markers(core, trim);
    }
    let left = core.as_ptr() as usize - piece.as_ptr() as usize;
    if plain || core.chars().any(chars::is_alphanumeric) {
        out.push((s + left, s + left + core.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `word_before` as it was: the word with its hyphens, then the part after the last one.
    fn word_before_reference(text: &str, end: usize) -> &str {
        let head = tail(text, end, 64);
        let start = head
            .char_indices()
            .rev()
            .find(|&(_, c)| !(chars::is_alphanumeric(c) || c == '.' || c == '-' || c == '\''))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let w = &head[start..];
        w.rsplit_once('-').map_or(w, |(_, last)| last)
    }

    /// `push_trimmed` without its shortcut for pieces starting with an ASCII letter or digit.
    fn push_trimmed_reference(text: &str, table_row: bool) -> Option<(usize, usize)> {
        let trim = |c: char| c.is_whitespace() || (table_row && c == '|');
        let core = strip_markers(text.trim_matches(trim), trim);
        let left = core.as_ptr() as usize - text.as_ptr() as usize;
        core.chars()
            .any(chars::is_alphanumeric)
            .then_some((left, left + core.len()))
    }

    proptest::proptest! {
        #[test]
        fn word_before_agrees_with_the_two_pass_reference(
            text in "([a-zA-Z0-9]{1,10}|[-.' ]|é|日|—){0,30}",
            back in 0usize..80,
        ) {
            let end = floor_boundary(&text, text.len().saturating_sub(back));
            proptest::prop_assert_eq!(word_before(&text, end), word_before_reference(&text, end));
        }

        #[test]
        fn push_trimmed_agrees_with_the_reference(
            text in "([a-z0-9]{1,4}|[ |*·•-]|- |é|\u{a0}){0,12}",
            table_row: bool,
        ) {
            let mut out = Vec::new();
            push_trimmed(&text, 0, text.len(), table_row, &mut out);
            proptest::prop_assert_eq!(out.first().copied(), push_trimmed_reference(&text, table_row));
        }
    }

    fn sents(t: &str) -> Vec<&str> {
        split(t, false).into_iter().map(|(s, e)| &t[s..e]).collect()
    }

    #[test]
    fn basic_and_abbreviations() {
        assert_eq!(
            sents("One. Two! Three? Four"),
            ["One.", "Two!", "Three?", "Four"]
        );
        assert_eq!(
            sents("WPS Software Pte. Ltd. and its affiliates. We collect."),
            ["WPS Software Pte. Ltd. and its affiliates.", "We collect."]
        );
        assert_eq!(sents("Apple Inc. We share."), ["Apple Inc.", "We share."]);
        assert_eq!(
            sents("the EU-U.S. Privacy Shield applies."),
            ["the EU-U.S. Privacy Shield applies."]
        );
        assert_eq!(
            sents("We will not collect payment information.The data will be sent."),
            [
                "We will not collect payment information.",
                "The data will be sent."
            ]
        );
        assert_eq!(
            sents("Email privacy@wps.com. Visit www.wps.com. Done"),
            ["Email privacy@wps.com.", "Visit www.wps.com.", "Done"]
        );
    }
}
