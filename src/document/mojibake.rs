//! Mojibake repair: UTF-8 text that was once decoded as Windows-1252/Latin-1 and re-encoded.
//!
//! Owns two kinds of damage, both fixed on the decoded source before any format parsing:
//! - complete sequences (`â€™` → `’`, `Ã©` → `é`, `Â©` → `©`), recognised by mapping each character
//!   back to its Windows-1252 byte and checking that the bytes form one plausible UTF-8 character;
//! - the damaged forms of the WPS seed, where the C1 bytes were dropped so only `â` (or `â€`) is left
//!   of a curly quote/apostrophe/dash, and `ï¼` of a fullwidth parenthesis. These are guessed from
//!   the surrounding letters, and only in text that is not written in a language that uses `â`.
//!
//! It does not decode bytes (`decode.rs`) and never touches text without a `U+00C0..U+00FF` char.
//! Repair runs to a fixpoint, so it is idempotent.

use super::chars;
use std::borrow::Cow;

/// Repairs `s`; returns the repaired text and how many sequences were replaced.
pub fn repair(s: &str) -> (Cow<'_, str>, usize) {
    // Every candidate starts with a char in U+00C2..U+00F4, whose UTF-8 lead byte is 0xC3.
    if memchr::memchr(0xC3, s.as_bytes()).is_none() {
        return (Cow::Borrowed(s), 0);
    }
    let mut current: Cow<'_, str> = Cow::Borrowed(s);
    let mut total = 0;
    // Double-encoded text needs one pass per layer; each change shrinks the text or removes a
    // 0xC3 char, so this terminates. The cap only guards against a logic slip.
    // The language check is redone on each pass's input, so the final text is judged exactly as a
    // second call would judge it: that makes the repair idempotent.
    for _ in 0..16 {
        match pass(&current) {
            Some((next, n)) => {
                total += n;
                current = Cow::Owned(next);
            }
            None => break,
        }
    }
    (current, total)
}

/// The `â`-only guesses are safe in English-like text (nearly all letters ASCII), not in French,
/// Portuguese or Vietnamese, where `â` is a real letter among many other accented ones.
fn damaged_quotes_plausible(s: &str) -> bool {
    // ASCII letters are counted on bytes; only non-ASCII text is decoded (this runs over whole
    // documents that hold one "é").
    // Counted in 16-bit sums over 4 KB chunks, and ASCII skipped a block at a time below: both
    // vectorise (a `filter().count()` or a `usize` sum does not, or badly).
    let ascii: usize = s
        .as_bytes()
        .chunks(4096)
        .map(|c| {
            usize::from(
                c.iter()
                    .map(|x| u16::from(x.is_ascii_alphabetic()))
                    .sum::<u16>(),
            )
        })
        .sum();
    let mut other = 0usize;
    let b = s.as_bytes();
    let mut i = 0;
    loop {
        while b.get(i..i + 32).is_some_and(<[u8]>::is_ascii) {
            i += 32;
        }
        let Some(step) = b[i..].iter().position(|&x| x >= 0x80) else {
            break;
        };
        i += step;
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        if chars::is_alphabetic(c) && !matches!(c, 'â' | 'Ã' | 'Â' | 'ï' | 'ð') {
            other += 1;
            // The answer is known once the other letters are too many: the rest is not read
            // (apps-2024: mojibake::repair 13.4 M -> 6.1 M).
            if other * 20 > ascii {
                return false;
            }
        }
        i += c.len_utf8();
    }
    other * 20 <= ascii
}

/// Windows-1252 byte for a char that could stand for a UTF-8 continuation byte (0x80..=0xBF).
/// Undefined Windows-1252 bytes survive as the Latin-1 C1 controls, so those count too.
fn cont_byte(c: char) -> Option<u8> {
    let cp = c as u32;
    if (0x80..=0xBF).contains(&cp) {
        return u8::try_from(cp).ok();
    }
    let b = match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(b)
}

/// Is `c` a character that real text plausibly contains? Rejects decodes into rare blocks, which
/// is what protects correct accented text (e.g. French `é` + NBSP + `»`, which would decode to CJK).
fn plausible(c: char, conts: &[char]) -> bool {
    let cp = c as u32;
    let guarded = || !conts.iter().any(|&x| matches!(x, '\u{a0}' | '«' | '»'));
    match cp {
        0xA0..=0x24F | 0x370..=0x52F | 0x590..=0x6FF => true,
        0x2000..=0x2BFF => true,
        0x900..=0xE7F | 0x3000..=0x9FFF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF => guarded(),
        0xFE30..=0xFE4F | 0xFF00..=0xFFEF => guarded(),
        0x1F000..=0x1FAFF | 0x20000..=0x2FFFF => true,
        _ => false,
    }
}

/// One left-to-right pass; `None` when nothing changed.
fn pass(s: &str) -> Option<(String, usize)> {
    let bytes = s.as_bytes();
    // `damaged_quotes_plausible(s)`, worked out at the first lone `â` (a scan of the whole text;
    // most text with a 0xC3 char has none: apps-2024, mojibake::repair 21.6 M -> 13.4 M).
    let mut lone_a_ok = None;
    let mut out = String::new();
    let mut last = 0; // s[..last] has been emitted (repaired) into `out`
    let mut i = 0;
    let mut count = 0;
    let mut open_quote = false;
    while let Some(off) = memchr::memchr(0xC3, &bytes[i..]) {
        let p = i + off;
        // 0xC3 is always a lead byte, so `p` is a char boundary.
        let Some(c) = s[p..].chars().next() else {
            break;
        };
        let prev = if p > last {
            s[..p].chars().next_back()
        } else {
            out.chars().next_back()
        };
        let fix = full_sequence(s, p, c)
            .or_else(|| damaged(s, p, c, prev, &mut lone_a_ok, &mut open_quote));
        match fix {
            Some((replacement, len)) => {
                out.push_str(&s[last..p]);
                out.push_str(&replacement);
                last = p + len;
                i = last;
                count += 1;
            }
            None => i = p + c.len_utf8(),
        }
    }
    if count == 0 {
        return None;
    }
    out.push_str(&s[last..]);
    Some((out, count))
}

/// `c` at byte `p` plus the right number of continuation chars, re-read as UTF-8.
fn full_sequence(s: &str, p: usize, c: char) -> Option<(String, usize)> {
    let lead = u8::try_from(c as u32).ok()?;
    let needed = match lead {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        0xF0..=0xF4 => 3,
        _ => return None,
    };
    let mut buf = [lead, 0, 0, 0];
    let mut conts = ['\0'; 3];
    let mut len = c.len_utf8();
    let mut it = s[p + len..].chars();
    for k in 0..needed {
        let ch = it.next()?;
        buf[k + 1] = cont_byte(ch)?;
        conts[k] = ch;
        len += ch.len_utf8();
    }
    let decoded = std::str::from_utf8(&buf[..=needed]).ok()?;
    let ch = decoded.chars().next()?;
    plausible(ch, &conts[..needed]).then(|| (ch.to_string(), len))
}

/// The forms with dropped bytes: lone `â`/`â€` quotes, `ï¼` parentheses, `Â` before a space.
fn damaged(
    s: &str,
    p: usize,
    c: char,
    prev: Option<char>,
    lone_a_ok: &mut Option<bool>,
    open_quote: &mut bool,
) -> Option<(String, usize)> {
    let rest = &s[p + c.len_utf8()..];
    let next = rest.chars().next();
    match c {
        'Â' if next == Some(' ') && !prev.is_some_and(char::is_uppercase) => {
            Some((String::new(), c.len_utf8()))
        }
        'ï' if next == Some('¼') => {
            let after = rest['¼'.len_utf8()..].chars().next();
            let len = c.len_utf8() + '¼'.len_utf8();
            let prev_alnum = prev.is_some_and(chars::is_alphanumeric);
            let after_alnum = after.is_some_and(chars::is_alphanumeric);
            // The fullwidth bracket lost its last byte, so only position tells `（` from `）`.
            let r = match (after_alnum, prev_alnum) {
                (true, true) => " (",
                (true, false) => "(",
                (false, _) => ")",
            };
            Some((r.to_string(), len))
        }
        'â' if *lone_a_ok.get_or_insert_with(|| damaged_quotes_plausible(s)) => {
            let mut len = c.len_utf8();
            let mut next = next;
            if next == Some('€') {
                len += '€'.len_utf8();
                next = s[p + len..].chars().next();
            }
            lone_a(s, p + len, prev, next, open_quote).map(|r| (r.to_string(), len))
        }
        _ => None,
    }
}

/// Guess what a lone `â` stood for from its neighbours. `end` is the byte after the damaged chars.
fn lone_a(
    s: &str,
    end: usize,
    prev: Option<char>,
    next: Option<char>,
    open_quote: &mut bool,
) -> Option<&'static str> {
    let prev_letter = prev.is_some_and(|c| c.is_ascii_alphabetic());
    let prev_word =
        prev.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | ',' | '!' | '?'));
    let next_letter = next.is_some_and(|c| c.is_ascii_alphabetic());
    let next_word = next.is_some_and(chars::is_alphanumeric);
    if prev_letter && next_letter {
        // we'll, User's, don't, we're, you've, I'd, I'm — but not château, câte.
        let run: String = s[end..]
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .take(3)
            .collect::<String>()
            .to_ascii_lowercase();
        return matches!(run.as_str(), "ll" | "s" | "t" | "re" | "ve" | "d" | "m").then_some("’");
    }
    if !prev_word && next_word {
        // Opening quote only if a closing one follows soon, so a word-initial `âge` stays.
        if has_closing_a(&s[end..]) {
            *open_quote = true;
            return Some("“");
        }
        return None;
    }
    if prev_word && !next_letter {
        if *open_quote {
            *open_quote = false;
            return Some("”");
        }
        return prev_letter.then_some("’");
    }
    if prev == Some(' ') && next == Some(' ') {
        return Some("–");
    }
    None
}

/// Is there a word-final `â` (a closing quote) within the next few words?
fn has_closing_a(rest: &str) -> bool {
    let window = floor_boundary(rest, 160);
    let mut prev: Option<char> = None;
    let mut chars = window.chars().peekable();
    while let Some(c) = chars.next() {
        if c == 'â' {
            let p_ok = prev.is_some_and(|p| p.is_ascii_alphanumeric() || matches!(p, '.' | ','));
            let n_ok = !chars.peek().is_some_and(|n| n.is_ascii_alphabetic());
            if p_ok && n_ok {
                return true;
            }
        }
        prev = Some(c);
    }
    false
}

fn floor_boundary(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fix(s: &str) -> String {
        repair(s).0.into_owned()
    }

    #[test]
    fn complete_sequences() {
        assert_eq!(fix("a â€“ b"), "a – b");
        assert_eq!(fix("donâ€™t"), "don’t");
        assert_eq!(fix("â€œhiâ€\u{9d}"), "“hi”");
        assert_eq!(fix("cafÃ©"), "café");
        assert_eq!(fix("Â© 2020"), "© 2020");
        assert_eq!(fix("ÃƒÂ©"), "é");
    }

    #[test]
    fn damaged_forms() {
        assert_eq!(fix("weâll and Userâs"), "we’ll and User’s");
        assert_eq!(fix("data (âinformationâ) we"), "data (“information”) we");
        assert_eq!(
            fix("under 16ï¼or otherwise providedï¼, you"),
            "under 16 (or otherwise provided), you"
        );
    }

    #[test]
    fn correct_text_untouched() {
        for s in [
            "l'âge du château",
            "café “quoted” – ok",
            "São Paulo",
            "Fuß…",
            "activité\u{a0}»",
        ] {
            assert_eq!(fix(s), s);
            assert_eq!(repair(s).1, 0);
        }
    }
}
