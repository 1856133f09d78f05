//! Sentence splitting inside one block of cleaned text (whitespace already collapsed).
//!
//! Owns the decisions "is this `.` the end of a sentence?" for legal prose: abbreviations
//! (`Inc.`, `e.g.`, `U.S.`, `No. 5`), initials, enumerators, URLs and e-mails, missing spaces
//! (`information.The`), long `(i) … (ii) …` enumerations, long `;` clauses and over-long sentences.
//! Block boundaries are decided before (`assemble.rs` calls this once per block); this module never
//! looks across blocks and knows nothing about headings or lists.

/// Longest sentence we hand on; longer ones are cut at `;`/`:`, then `,`, then a space.
pub(crate) const MAX_SENTENCE: usize = 1000;

/// Minimum words on each side of a `;` for it to split, and per item of an `(i) … (ii)` list.
const LONG_CLAUSE_WORDS: usize = 15;
const LONG_ITEM_WORDS: usize = 10;
/// Enumerator markers considered per sentence.
const MAX_MARKERS: usize = 64;

/// Splits `text` into sentence spans `(start, end)`: trimmed, non-empty, containing a letter or
/// digit, strictly increasing, on char boundaries. `table_row` makes ` | ` cell separators
/// transparent (a sentence may end before one, and none starts or ends with `|`).
pub(crate) fn split(text: &str, table_row: bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for cut in primary_cuts(text, table_row)
        .into_iter()
        .chain([text.len()])
    {
        for (s, e) in secondary(text, start, cut) {
            push_trimmed(text, s, e, table_row, &mut out);
        }
        start = cut;
    }
    out
}

/// Byte positions where a new sentence starts, from terminal punctuation.
fn primary_cuts(text: &str, table_row: bool) -> Vec<usize> {
    let b = text.as_bytes();
    let mut cuts = Vec::new();
    let mut seg_start = 0;
    let mut i = 0;
    while i < b.len() {
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
    cuts
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
        if label_len == 1 || is_roman(label) {
            if let Some(after) = rest.strip_prefix(". ") {
                return after.starts_with(char::is_uppercase);
            }
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
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.' || c == '-' || c == '\''))
        .map_or(0, |(i, c)| i + c.len_utf8());
    // A leading hyphen part ("EU-U.S") does not change what the abbreviation is.
    let w = &head[start..];
    w.rsplit_once('-').map_or(w, |(_, last)| last)
}

/// The whitespace-delimited token before `end` (for URL and e-mail checks), up to 256 bytes.
fn token_before(text: &str, end: usize) -> &str {
    let head = tail(text, end, 256);
    let start = head.rfind(' ').map_or(0, |i| i + 1);
    &head[start..]
}

fn first_word(s: &str) -> &str {
    let s = s.trim_start_matches(|c: char| !c.is_alphanumeric());
    let end = s.find(|c: char| !c.is_alphanumeric()).unwrap_or(s.len());
    &s[..end]
}

/// Titles and reference words that never end a sentence.
const ALWAYS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "rev", "hon", "messrs", "mt", "ft", "gen",
    "capt", "lt", "col", "sgt", "approx", "ca", "cf", "vs", "v", "incl", "excl", "esp", "dept",
    "viz", "eg", "al", "ibid", "resp", "abt", "cal", "civ",
];
/// Abbreviations that never end a sentence when a number follows (`No. 5`, `Art. 6`, `Jan. 1`).
const BEFORE_NUMBER: &[&str] = &[
    "no", "nos", "nr", "sec", "secs", "art", "arts", "para", "paras", "ch", "chap", "vol", "vols",
    "fig", "figs", "p", "pp", "pg", "tel", "fax", "ph", "ext", "ref", "refs", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "rev", "ver", "op",
];
/// Company suffixes: they end a sentence only when an obvious sentence opener follows.
const COMPANY: &[&str] = &[
    "inc", "ltd", "co", "corp", "llc", "pte", "pty", "plc", "gmbh", "llp", "lp", "ltda", "sa",
    "bv", "nv", "srl", "sarl", "kg", "oy", "sas", "spa", "intl", "bros", "assn", "seq", "bus",
    "stat", "gov", "regs", "reg",
];
/// Words that open a sentence; used after company suffixes and dotted abbreviations, which are
/// usually followed by more of the name ("Pte. Ltd.", "U.S. Privacy Shield").
const OPENERS: &[&str] = &[
    "we",
    "you",
    "your",
    "our",
    "us",
    "this",
    "these",
    "that",
    "those",
    "the",
    "a",
    "an",
    "if",
    "in",
    "for",
    "it",
    "its",
    "they",
    "their",
    "please",
    "any",
    "all",
    "when",
    "where",
    "as",
    "to",
    "by",
    "such",
    "some",
    "each",
    "however",
    "also",
    "there",
    "he",
    "she",
    "i",
    "note",
    "what",
    "how",
    "why",
    "unless",
    "although",
    "additionally",
    "furthermore",
    "moreover",
    "thus",
    "therefore",
    "then",
    "after",
    "before",
    "during",
    "with",
    "without",
    "on",
    "at",
    "from",
    "under",
    "upon",
    "once",
    "only",
    "other",
    "both",
    "many",
    "most",
    "no",
    "none",
    "so",
    "since",
    "because",
    "while",
    "here",
    "see",
    "learn",
    "read",
    "click",
    "contact",
    "visit",
    "further",
    "finally",
    "lastly",
    "is",
    "are",
    "was",
    "can",
    "may",
    "will",
    "do",
    "does",
];

/// Does `s` start with a word that typically opens a sentence ("We", "The", "If" …)?
pub(crate) fn opens_sentence(s: &str) -> bool {
    is_opener(first_word(s))
}

fn is_opener(word: &str) -> bool {
    word.len() <= 12 && OPENERS.iter().any(|o| o.eq_ignore_ascii_case(word))
}

/// Is `word.` (the period at hand) an abbreviation that must not end the sentence, given what
/// follows (`after`) and whether the word is the first token of the sentence?
fn abbreviation_blocks(word: &str, after: &str, first_token: bool) -> bool {
    if word.is_empty() {
        return false;
    }
    // Abbreviations are short ASCII words; anything else cannot match the tables below.
    if word.len() > 12 {
        return false;
    }
    let lw = word.to_ascii_lowercase();
    let lw = lw.as_str();
    if ALWAYS.contains(&lw) {
        return true;
    }
    let next_is_digit = after.starts_with(|c: char| c.is_ascii_digit());
    if BEFORE_NUMBER.contains(&lw) && next_is_digit {
        return true;
    }
    let mut chars = word.chars();
    let single = chars.next().is_some_and(char::is_alphabetic) && chars.next().is_none();
    if single {
        // Initials ("J. R. Tolkien") and enumerators ("a. Account data") do not end a sentence;
        // a single capital before an opener does ("… Facebook, and X. If you click …").
        let enumerator = first_token || word.chars().all(char::is_lowercase);
        return enumerator || !is_opener(first_word(after));
    }
    if first_token && (word.bytes().all(|b| b.is_ascii_digit()) || is_roman(lw)) {
        return true; // enumerators: "1. Email Address", "iv. Data"
    }
    if word.contains('.') {
        let dotted = word
            .split('.')
            .all(|p| !p.is_empty() && p.chars().count() <= 2 && p.chars().all(char::is_alphabetic));
        if dotted {
            // "e.g." and "i.e." never end a sentence; "U.S." does only before an opener.
            return matches!(lw, "e.g" | "i.e" | "a.k.a" | "n.b") || !is_opener(first_word(after));
        }
        return false;
    }
    if COMPANY.contains(&lw) {
        return !is_opener(first_word(after));
    }
    false
}

fn is_roman(s: &str) -> bool {
    !s.is_empty() && s.len() <= 6 && s.bytes().all(|b| matches!(b, b'i' | b'v' | b'x'))
}

/// If `s` starts with an enumerator like `(ii)`, `(b)` or `(3)`, its byte length.
fn enumerator_len(s: &str) -> Option<usize> {
    let inner = s.strip_prefix('(')?;
    let close = inner.find(')')?;
    let label = &inner[..close];
    let ok = (!label.is_empty() && label.len() <= 2 && label.bytes().all(|b| b.is_ascii_digit()))
        || (label.len() == 1 && label.bytes().all(|b| b.is_ascii_alphabetic()))
        || is_roman(&label.to_ascii_lowercase());
    ok.then_some(close + 2)
}

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
fn secondary(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let mut pieces = Vec::new();
    let mut s = start;
    for cut in enumeration_cuts(text, start, end) {
        pieces.extend(semicolon_pieces(text, s, cut));
        s = cut;
    }
    pieces.extend(semicolon_pieces(text, s, end));
    let mut out = Vec::new();
    for (a, b) in pieces {
        split_long(text, a, b, &mut out);
    }
    out
}

/// Cut points before the 2nd, 3rd… item of an `(i) … (ii) …` enumeration whose items are all long.
fn enumeration_cuts(text: &str, start: usize, end: usize) -> Vec<usize> {
    let seg = &text[start..end];
    // Markers: "(x)" not glued to a preceding letter/digit ("user(s)" is no marker).
    let mut markers: Vec<(usize, Vec<(EnumKind, u32)>)> = Vec::new();
    for (i, _) in seg.match_indices('(') {
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
/// the next) are long, and the right one does not continue a series with "and"/"or".
fn semicolon_pieces(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let seg = &text[start..end];
    let semis: Vec<usize> = memchr::memchr_iter(b';', seg.as_bytes())
        .filter(|&i| seg.as_bytes().get(i + 1) == Some(&b' '))
        .map(|i| start + i + 2)
        .collect();
    if semis.is_empty() {
        return vec![(start, end)];
    }
    let mut out = Vec::new();
    let mut s = start;
    for (idx, &cut) in semis.iter().enumerate() {
        let prev = if idx == 0 { start } else { semis[idx - 1] };
        let next = semis.get(idx + 1).copied().unwrap_or(end);
        let left = text[prev..cut].split_whitespace().count();
        let right = &text[cut..next];
        let series = right.starts_with("and ") || right.starts_with("or ");
        if left > LONG_CLAUSE_WORDS
            && right.split_whitespace().count() > LONG_CLAUSE_WORDS
            && !series
        {
            out.push((s, cut));
            s = cut;
        }
    }
    out.push((s, end));
    out
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

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '▪' | '●' | '◦' | '‣' | '■' | '□' | '○')
}

/// Trims whitespace (and cell bars in table rows) and keeps spans that contain a letter or digit.
fn push_trimmed(text: &str, s: usize, e: usize, table_row: bool, out: &mut Vec<(usize, usize)>) {
    let piece = &text[s..e];
    let trim = |c: char| c.is_whitespace() || (table_row && c == '|');
    // Leading bullet glyphs and "- " / "* " markers are layout, not sentence text.
    let mut core = piece.trim_matches(trim);
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
            break;
        }
        core = stripped;
    }
    let left = core.as_ptr() as usize - piece.as_ptr() as usize;
    if core.chars().any(char::is_alphanumeric) {
        out.push((s + left, s + left + core.len()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
