//! Blocks → `Document`: the cleaned text, heading tree, sentences with spans and lead-ins.
//!
//! Owns the layout of `Document::text` (one block per line, a blank line before each heading,
//! whitespace collapsed, invisible characters dropped) and every span into it, the heading parents,
//! and the lead-in rules (a list's lead-in is the last sentence before it; a table row's is its
//! header row). It does not decide what is a heading or a list (the format parsers do) nor where
//! sentences end (`sentences.rs`).

use super::block::{Parsed, Role};
use super::{BlockKind, Document, Format, Heading, Sentence};
use super::{chars, sentences};

/// What the previous non-heading block was, for lead-ins.
#[derive(Clone, Copy)]
enum Prev {
    None,
    Text(Option<(usize, usize)>),
    Row,
}

pub(crate) fn assemble(
    name: &str,
    format: Format,
    parsed: Parsed,
    warnings: Vec<String>,
) -> Document {
    let capacity: usize = parsed.blocks.iter().map(|b| b.text.len() + 2).sum();
    let mut doc = Document {
        name: name.to_string(),
        format,
        text: String::with_capacity(capacity),
        title: parsed
            .title
            .map(|t| collapse(&t))
            .filter(|t| t.chars().any(chars::is_alphanumeric)),
        headings: Vec::new(),
        sentences: Vec::new(),
        warnings,
        notes: Vec::new(),
    };
    let mut stack: Vec<usize> = Vec::new(); // open headings, levels strictly increasing
    let mut current: Option<usize> = None;
    let mut prev = Prev::None;
    let mut list_leads: Vec<Option<(usize, usize)>> = Vec::new();
    let mut table: Option<u32> = None;
    let mut header: Option<(usize, usize)> = None;
    let mut table_has_data = false;
    let mut block = 0usize;
    let mut first_h1: Option<String> = None;
    // Sentence spans of the current block, and the splitter's scratch: reused for every block.
    let (mut spans, mut scratch) = (Vec::new(), sentences::Scratch::default());
    // Blocks mostly hold one sentence: enough room to spare nearly all regrowing.
    doc.sentences.reserve(parsed.blocks.len());

    for b in parsed.blocks {
        if b.role == Role::ListEnd {
            list_leads.clear();
            prev = Prev::None;
            continue;
        }
        // Text the parser collapsed is used as it is (not checked again, see `Block::collapsed`).
        let cleaned = if b.collapsed {
            debug_assert!(is_collapsed(b.text.as_bytes()), "{:?}", b.text);
            b.text
        } else {
            collapse_owned(b.text)
        };
        if !cleaned.chars().any(chars::is_alphanumeric) {
            continue;
        }
        if let Role::Heading(level) = b.role {
            let level = level.clamp(1, 6);
            if !doc.text.is_empty() {
                doc.text.push('\n'); // blank line before a section
            }
            let start = doc.text.len();
            let shown = heading_span(&cleaned);
            let end = start + shown.len();
            if level == 1 && first_h1.is_none() {
                first_h1 = Some(shown.to_string());
            }
            doc.text.push_str(&cleaned);
            doc.text.push('\n');
            while stack
                .last()
                .is_some_and(|&top| doc.headings[top].level >= level)
            {
                stack.pop();
            }
            let idx = doc.headings.len();
            doc.headings.push(Heading {
                level,
                start,
                end,
                parent: stack.last().copied(),
            });
            stack.push(idx);
            current = Some(idx);
            prev = Prev::None;
            list_leads.clear();
            table = None;
            continue;
        }
        let start = doc.text.len();
        doc.text.push_str(&cleaned);
        doc.text.push('\n');
        let is_row = matches!(b.role, Role::TableRow { .. });
        sentences::split_into(&cleaned, is_row, &mut spans, &mut scratch);
        let Some(&(first_start, _)) = spans.first() else {
            continue;
        };
        let last = spans.last().map(|&(s, e)| (start + s, start + e));
        let (kind, lead_in) = match b.role {
            Role::ListItem(depth) => {
                let d = usize::from(depth.max(1));
                if list_leads.len() < d {
                    let lead = match prev {
                        Prev::Text(Some(span)) if introduces_list(&doc.text[span.0..span.1]) => {
                            Some(span)
                        }
                        _ => None,
                    };
                    list_leads.resize(d - 1, None);
                    list_leads.push(lead);
                } else {
                    list_leads.truncate(d);
                }
                table = None;
                (
                    BlockKind::ListItem,
                    list_leads.get(d - 1).copied().flatten(),
                )
            }
            Role::TableRow {
                header: is_header,
                table: t,
            } => {
                list_leads.clear();
                if table != Some(t) {
                    table = Some(t);
                    header = None;
                    table_has_data = false;
                }
                if is_header && !table_has_data {
                    header = last.map(|(_, e)| (start + first_start, e));
                    (BlockKind::TableRow, None)
                } else {
                    table_has_data = true;
                    (BlockKind::TableRow, header)
                }
            }
            _ => {
                list_leads.clear();
                table = None;
                (BlockKind::Paragraph, None)
            }
        };
        for &(s, e) in &spans {
            doc.sentences.push(Sentence {
                start: start + s,
                end: start + e,
                heading: current,
                lead_in,
                block,
                kind,
            });
        }
        prev = if is_row { Prev::Row } else { Prev::Text(last) };
        block += 1;
    }
    if doc.text.ends_with('\n') {
        doc.text.pop();
    }
    if doc.title.is_none() {
        doc.title = first_h1;
    }
    doc
}

/// Does this sentence read as the introduction of a list? "…the following parties:",
/// "Examples include", "as follows." — but not an ordinary statement like "We do not sell data."
fn introduces_list(sentence: &str) -> bool {
    if sentence.ends_with(':') || !sentence.ends_with(['.', '!', '?', ')', '"', '”']) {
        return true;
    }
    let lower = sentence.to_lowercase();
    [
        "following",
        "include",
        "as follows",
        "below",
        "such as",
        "these",
    ]
    .iter()
    .any(|k| lower.contains(k))
}

/// A heading's span leaves out a trailing ":" or "." ("Location Data." → "Location Data").
fn heading_span(cleaned: &str) -> &str {
    let trimmed = cleaned.trim_end_matches([':', '.', ' ']);
    if trimmed.chars().any(chars::is_alphanumeric) {
        trimmed
    } else {
        cleaned
    }
}

/// Bytes `collapse` must look at: ASCII whitespace and controls, DEL, and the UTF-8 lead bytes of
/// the few non-ASCII whitespace/invisible/control characters (0xC2, 0xE1–0xE3, 0xEF).
const SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    while i <= 0x20 {
        table[i] = true;
        i += 1;
    }
    table[0x7F] = true;
    table[0xC2] = true;
    table[0xE1] = true;
    table[0xE2] = true;
    table[0xE3] = true;
    table[0xEF] = true;
    table
};

/// Collapses whitespace runs to one space, trims, and drops invisible and control characters.
///
/// Runs of ordinary bytes, and single spaces between them, are copied as slices; only the
/// [`SPECIAL`] bytes are looked at one by one. This is the hottest loop of the stage.
pub(crate) fn collapse(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    let mut run = 0; // start of the pending verbatim run
    let mut i = 0;
    // Below this index, bytes are looked at one by one: the block at it was not plain.
    let mut bytewise_until = 0;
    while i < b.len() {
        let x = b[i];
        if !SPECIAL[usize::from(x)] {
            // Inside a run, a plain block is what the byte steps would skip anyway.
            if i >= bytewise_until {
                if plain_block(b, i) {
                    i += BLOCK;
                    continue;
                }
                bytewise_until = i + BLOCK;
            }
            i += 1;
            continue;
        }
        // A single space after an ordinary byte of the run and before another stays as it is.
        if x == b' ' && run < i && b.get(i + 1).is_some_and(|&y| !SPECIAL[usize::from(y)]) {
            i += 2;
            continue;
        }
        if run < i {
            if space {
                out.push(' ');
                space = false;
            }
            out.push_str(&s[run..i]);
        }
        if x < 0x80 {
            if matches!(x, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C) {
                space = !out.is_empty();
            }
            i += 1;
        } else {
            // `i` is at a lead byte, so a char boundary.
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            if c.is_whitespace() {
                space = !out.is_empty();
            } else if kept(c) {
                if space {
                    out.push(' ');
                    space = false;
                }
                out.push(c);
            }
            i += c.len_utf8();
        }
        run = i;
    }
    if run < b.len() {
        if space {
            out.push(' ');
        }
        out.push_str(&s[run..]);
    }
    out
}

/// The last char `collapse(s)` keeps (so its last char), found from the end of `s`: `None` when
/// it keeps nothing.
pub(crate) fn last_kept_char(s: &str) -> Option<char> {
    s.chars().rev().find(|&c| kept(c))
}

/// `collapse(s)` when that is at most `limit` bytes long, else `None`, in time bounded by where
/// the limit is passed rather than by the length of `s`.
pub(crate) fn collapse_within(s: &str, limit: usize) -> Option<String> {
    let mut out = String::new();
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else if kept(c) {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
            if out.len() > limit {
                return None;
            }
        }
    }
    Some(out)
}

/// Is `c` a char `collapse` keeps as it is (not whitespace, invisible or a control)?
fn kept(c: char) -> bool {
    !(c.is_whitespace() || invisible(c) || c.is_control())
}

/// `collapse`, but hands back text that is already clean (most HTML blocks were collapsed line by
/// line) without copying it.
fn collapse_owned(s: String) -> String {
    if is_collapsed(s.as_bytes()) {
        s
    } else {
        collapse(&s)
    }
}

/// Bytes per block of [`plain_block`].
const BLOCK: usize = 16;

/// Are the `BLOCK` bytes at `i` printable ASCII, each space among them followed by printable
/// ASCII other than a space (the block's last one by the byte after it)? Then `collapse` copies
/// them as they are and `is_collapsed` finds nothing in them. A fixed-size test with no early exit,
/// so the compiler vectorises it; a non-ASCII byte just sends the block to the byte loop.
// Always inlined: as a call (355 k of them on apps-2024) it cost more than its 16 comparisons,
// and `collapse` could not keep its state in registers (collapse 31.5 M -> 28.8 M instructions).
#[inline(always)]
fn plain_block(b: &[u8], i: usize) -> bool {
    let Some(w) = b.get(i..i + BLOCK + 1) else {
        return false;
    };
    let printable = |x: u8| (0x21..0x7F).contains(&x);
    let mut plain = true;
    for k in 0..BLOCK {
        plain &= printable(w[k]) | ((w[k] == b' ') & printable(w[k + 1]));
    }
    plain
}

/// Would `collapse` leave these bytes as they are? One pass, looking only at [`SPECIAL`] bytes
/// (and skipping [`plain_block`]s).
pub(crate) fn is_collapsed(b: &[u8]) -> bool {
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if plain_block(b, i) {
            i += BLOCK;
            continue;
        }
        for j in i..(i + BLOCK).min(b.len()) {
            let x = b[j];
            if SPECIAL[usize::from(x)]
                && if x == b' ' {
                    b.get(j + 1) == Some(&b' ')
                } else {
                    needs_collapse(b, j)
                }
            {
                return false;
            }
        }
        i += BLOCK;
    }
    true
}

/// Does the byte at `i` start something `collapse` would change (a control or tab/newline, or a
/// non-ASCII whitespace/invisible/control char)? Exact for the multi-byte cases, so common
/// punctuation like `’` or `—` (also 0xE2 …) does not force a copy.
fn needs_collapse(b: &[u8], i: usize) -> bool {
    let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
    match b[i] {
        x if x < b' ' || x == 0x7F => true,
        0xC2 => matches!(at(1), 0x80..=0xA0 | 0xAD),
        0xE1 => matches!((at(1), at(2)), (0x9A, 0x80) | (0xA0, 0x8E)),
        0xE2 => matches!(
            (at(1), at(2)),
            (0x80, 0x80..=0x8F) | (0x80, 0xA8..=0xAF) | (0x81, 0x9F..=0xA4)
        ),
        0xE3 => at(1) == 0x80 && at(2) == 0x80,
        0xEF => at(1) == 0xBB && at(2) == 0xBF,
        _ => false,
    }
}

/// Format characters that render as nothing: soft hyphen, zero-width space/joiners, BOM, marks.
fn invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{180e}' | '\u{202a}'..='\u{202e}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapse_whitespace_and_invisibles() {
        assert_eq!(collapse("  a \u{a0}\n b\u{200b}c\u{0}  "), "a bc");
    }

    /// What `collapse` means, a char at a time.
    fn collapse_reference(s: &str) -> String {
        let mut out = String::new();
        let mut space = false;
        for c in s.chars() {
            if c.is_whitespace() {
                space = !out.is_empty();
            } else if !(invisible(c) || c.is_control()) {
                if space {
                    out.push(' ');
                    space = false;
                }
                out.push(c);
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn the_bounded_helpers_agree_with_collapse(
            s in "([ a-z.]|[ \t\n\u{0}\u{85}\u{a0}\u{ad}\u{200b}\u{3000}’é日]){0,40}",
            limit in 0usize..30,
        ) {
            let collapsed = collapse(&s);
            proptest::prop_assert_eq!(last_kept_char(&s), collapsed.chars().next_back());
            let within = (collapsed.len() <= limit).then(|| collapsed.clone());
            proptest::prop_assert_eq!(collapse_within(&s, limit), within);
        }

        #[test]
        fn collapse_is_the_reference_and_is_collapsed_knows_it(
            s in "([ a-z]|[ \t\n\r\u{0}\u{7f}\u{85}\u{a0}\u{ad}\u{1680}\u{180e}\u{2009}\u{200b}\u{2028}\u{202a}\u{2060}\u{3000}\u{feff}’—é日]){0,40}"
        ) {
            let collapsed = collapse(&s);
            proptest::prop_assert_eq!(&collapsed, &collapse_reference(&s));
            proptest::prop_assert!(is_collapsed(collapsed.as_bytes()));
            proptest::prop_assert_eq!(is_collapsed(s.as_bytes()), collapsed == s);
        }
    }

    #[test]
    fn collapse_owned_agrees_with_collapse() {
        for s in [
            "plain text’s — fine",
            "a  b",
            " a",
            "a\u{a0}b",
            "x\u{2009}y\u{200b}z",
            "日本語\u{3000}です",
            "\u{feff}bom",
            "soft\u{ad}hyphen",
            "tab\tx",
            "© ® « »",
        ] {
            assert_eq!(collapse_owned(s.to_string()), collapse(s), "{s:?}");
        }
    }
}
