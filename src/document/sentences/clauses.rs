//! Splits inside one sentence found by the period rules: long `(i) … (ii) …` enumerations, long
//! `;`-separated clauses, and anything still longer than `MAX_SENTENCE` bytes.
//!
//! Works on byte ranges of the block text and returns ranges; trimming is the caller's.

use super::abbrev::{enumerator_len, is_roman};

/// Longest sentence we hand on; longer ones are cut at `;`/`:`, then `,`, then a space.
const MAX_SENTENCE: usize = 1000;

/// Minimum words on each side of a `;` for it to split, and per item of an `(i) … (ii)` list.
const LONG_CLAUSE_WORDS: usize = 15;
const LONG_ITEM_WORDS: usize = 10;
/// Enumerator markers considered per sentence.
const MAX_MARKERS: usize = 64;

#[derive(Clone, Copy, PartialEq, Eq)]
enum EnumKind {
    Roman,
    Letter,
    Number,
}

/// Ordinal of an enumerator label, under each reading it allows (`i` is roman 1 or letter 9).
fn ordinals(label: &str) -> Vec<(EnumKind, u32)> {
    let mut v = Vec::new();
    let l = label.to_ascii_lowercase();
    if let Ok(n) = l.parse::<u32>() {
        v.push((EnumKind::Number, n));
    }
    if is_roman(&l) {
        let mut total = 0i32;
        let vals: Vec<i32> = l
            .bytes()
            .map(|b| match b {
                b'i' => 1,
                b'v' => 5,
                _ => 10,
            })
            .collect();
        for (idx, &val) in vals.iter().enumerate() {
            if vals.get(idx + 1).is_some_and(|&n| n > val) {
                total -= val;
            } else {
                total += val;
            }
        }
        if let Ok(t) = u32::try_from(total) {
            v.push((EnumKind::Roman, t));
        }
    }
    if l.len() == 1 && l.bytes().all(|b| b.is_ascii_alphabetic()) {
        v.push((EnumKind::Letter, u32::from(l.as_bytes()[0] - b'a' + 1)));
    }
    v
}

/// Splits within one primary sentence: long enumerations, long `;` clauses, over-long text.
/// Appends the pieces to `out` (a buffer the caller reuses: most sentences are one piece, and
/// allocating vectors for them was a third of this function's cost).
pub(super) fn secondary(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    // Most sentences have neither a `(` (no enumeration marker) nor a `;` (no clause cut): one
    // scan for both, then only the length cut is left, instead of a scan for each and a vector
    // of `;` positions (apps-2024: secondary 27.1 M -> 20.9 M instructions).
    if memchr::memchr2(b'(', b';', &text.as_bytes()[start..end]).is_none() {
        split_long(text, start, end, out);
        return;
    }
    secondary_cuts(text, start, end, out);
}

/// `secondary` without its shortcut: enumeration cuts, then `;` cuts, then length cuts.
fn secondary_cuts(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let mut s = start;
    for cut in enumeration_cuts(text, start, end) {
        semicolon_pieces(text, s, cut, out);
        s = cut;
    }
    semicolon_pieces(text, s, end, out);
}

/// Cut points before the 2nd, 3rd… item of an `(i) … (ii) …` enumeration whose items are all long.
fn enumeration_cuts(text: &str, start: usize, end: usize) -> Vec<usize> {
    let seg = &text[start..end];
    // Markers: "(x)" not glued to a preceding letter/digit ("user(s)" is no marker).
    let mut markers: Vec<(usize, Vec<(EnumKind, u32)>)> = Vec::new();
    for i in memchr::memchr_iter(b'(', seg.as_bytes()) {
        let glued = seg[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        if glued {
            continue;
        }
        if let Some(len) = enumerator_len(&seg[i..]) {
            markers.push((start + i, ordinals(&seg[i + 1..i + len - 1])));
            if markers.len() >= MAX_MARKERS {
                break; // finding runs is quadratic in markers; real enumerations are short
            }
        }
    }
    if markers.len() < 2 {
        return Vec::new();
    }
    // The first run of consecutive ordinals of one kind: from 1 with two or more items
    // ("(i) … (ii)"), or from later labels with three or more ("(b) … (c) … (d)", the rest of an
    // enumeration that began in an earlier sentence).
    let mut run: Vec<usize> = Vec::new();
    'outer: for first in 0..markers.len() {
        for &(kind, n) in &markers[first].1 {
            let mut candidate = vec![markers[first].0];
            let mut want = n + 1;
            for (pos, ords) in &markers[first + 1..] {
                if ords.contains(&(kind, want)) {
                    candidate.push(*pos);
                    want += 1;
                }
            }
            if candidate.len() >= 3 || (n == 1 && candidate.len() >= 2) {
                run = candidate;
                break 'outer;
            }
        }
    }
    if run.len() < 2 {
        return Vec::new();
    }
    let bounds: Vec<usize> = run.iter().copied().chain([end]).collect();
    let all_long = bounds
        .windows(2)
        .all(|w| text[w[0]..w[1]].split_whitespace().count() >= LONG_ITEM_WORDS);
    if !all_long {
        return Vec::new();
    }
    run[1..]
        .iter()
        .map(|&p| {
            // Keep a joining "and"/"or" with the item it introduces.
            let head = text[start..p].trim_end();
            let abs = start + head.len();
            for conj in ["and", "or"] {
                if head.ends_with(conj)
                    && text[..abs - conj.len()]
                        .ends_with(|c: char| c.is_whitespace() || c == ';' || c == ',')
                {
                    return abs - conj.len();
                }
            }
            p
        })
        .collect()
}

/// Splits `text[start..end]` after `; ` when the clauses on both sides (from the previous `;` to
/// the next) are long, and the right one does not continue a series with "and"/"or"; appends the
/// pieces, each cut further by `split_long`, to `out`.
fn semicolon_pieces(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let seg = &text[start..end];
    let semis: Vec<usize> = memchr::memchr_iter(b';', seg.as_bytes())
        .filter(|&i| seg.as_bytes().get(i + 1) == Some(&b' '))
        .map(|i| start + i + 2)
        .collect();
    // Only "more than LONG_CLAUSE_WORDS words?" matters: counting stops there (clauses can be
    // paragraph-long; apps-2024: semicolon_pieces 17.5 M -> 15.6 M instructions).
    let long = |clause: &str| {
        clause
            .split_whitespace()
            .take(LONG_CLAUSE_WORDS + 1)
            .count()
            > LONG_CLAUSE_WORDS
    };
    let mut s = start;
    for (idx, &cut) in semis.iter().enumerate() {
        let prev = if idx == 0 { start } else { semis[idx - 1] };
        let next = semis.get(idx + 1).copied().unwrap_or(end);
        let right = &text[cut..next];
        let series = right.starts_with("and ") || right.starts_with("or ");
        if long(&text[prev..cut]) && long(right) && !series {
            split_long(text, s, cut, out);
            s = cut;
        }
    }
    split_long(text, s, end, out);
}

/// Cuts a piece longer than `MAX_SENTENCE` bytes at the best break before the limit.
fn split_long(text: &str, mut start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    while end - start > MAX_SENTENCE {
        let limit = floor_boundary(text, start + MAX_SENTENCE);
        let window = &text[start..limit];
        let min = MAX_SENTENCE / 5;
        let after = |pat: &[char]| {
            window
                .rmatch_indices(pat)
                .map(|(i, m)| i + m.len())
                .find(|&i| i >= min && window[i..].starts_with(' '))
        };
        let cut = after(&[';', ':'])
            .or_else(|| after(&[',']))
            .or_else(|| window.rfind(' ').filter(|&i| i > 0))
            .map_or(limit, |i| start + i);
        let cut = if cut <= start { limit } else { cut };
        if cut <= start {
            break; // a single char longer than the limit cannot happen, but never loop forever
        }
        out.push((start, cut));
        start = cut;
    }
    out.push((start, end));
}

pub(super) fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The shortcut of `secondary` (no `(`, no `;`) cuts as the full rules do.
        #[test]
        fn secondary_shortcut_agrees_with_the_full_rules(
            text in "([a-z]{1,12}|[ ,.:]|\\(i+\\)|\\(b\\)|; |é){0,400}",
            from in 0usize..50,
        ) {
            let start = floor_boundary(&text, from);
            let (mut fast, mut full) = (Vec::new(), Vec::new());
            secondary(&text, start, text.len(), &mut fast);
            secondary_cuts(&text, start, text.len(), &mut full);
            proptest::prop_assert_eq!(fast, full);
        }
    }
}
