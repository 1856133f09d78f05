//! Plain text → blocks, and the line classifier shared with HTML's loose text.
//!
//! Owns the line-level heuristics for text without markup (the WPS seed is a scraped page with one
//! sentence-ish per line, OPP-115 segments are text with `<br>`s): re-joining lines broken after an
//! abbreviation or before a lowercase continuation, cutting navigation junk, telling section headings
//! and run-in headings from body lines, and colon-introduced lists. It does not split sentences
//! (`sentences.rs`) and does not compute spans (`assemble.rs`).

use super::block::{Block, Parsed, Role};

/// One input line for the classifier. `bold` marks HTML lines whose text is all `<b>/<strong>`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Line {
    pub text: String,
    pub bold: bool,
}

/// What the classifier made of a unit (one or more joined lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// A section heading ("Who We Share Your Information with").
    Section,
    /// A run-in heading ending in "." ("Location Data."), one level below the section.
    RunIn,
    Paragraph,
    Item,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Options {
    /// Drop runs of menu-like lines (scraped text), not wanted inside an HTML `<p>`.
    pub drop_nav: bool,
    /// Whether structured content (a list or table) follows the lines, so a final title-like
    /// line is a heading.
    pub followed_by_content: bool,
}

/// Parse a plain-text document.
pub(crate) fn parse(src: &str) -> Parsed {
    let lines: Vec<Line> = src
        .lines()
        .map(|l| Line {
            text: l.to_string(),
            bold: false,
        })
        .collect();
    let opts = Options {
        drop_nav: true,
        followed_by_content: false,
    };
    let blocks = classify(lines, opts)
        .into_iter()
        .map(|(class, text)| {
            let role = match class {
                Class::Section => Role::Heading(2),
                Class::RunIn => Role::Heading(3),
                Class::Paragraph => Role::Paragraph,
                Class::Item => Role::ListItem(1),
            };
            Block::raw(role, text)
        })
        .collect();
    Parsed {
        blocks,
        title: None,
    }
}

/// A unit: lines joined back into what the author wrote as one line.
#[derive(Debug)]
struct Unit {
    text: String,
    bold: bool,
    bullet: bool,
    blank_before: bool,
    /// `title_like` of the text, worked out once: the heading, body and menu tests each asked
    /// for it, about three times per unit.
    title: Option<Class>,
}

/// Classify lines into headings, paragraphs and list items.
///
/// When every line is collapsed (`assemble::collapse` leaves it as it is) or empty, so is every
/// text returned: units are lines trimmed, cut (`cut_nav_junk`, `strip_bullet`: slices at char
/// boundaries, trimmed again) and joined with one space, and nothing else. HTML relies on that
/// (`Block::collapsed`).
pub(crate) fn classify(lines: Vec<Line>, opts: Options) -> Vec<(Class, String)> {
    let units = join_lines(lines);
    let dropped = if opts.drop_nav {
        nav_runs(&units)
    } else {
        vec![false; units.len()]
    };
    let kept: Vec<&Unit> = units
        .iter()
        .zip(&dropped)
        .filter(|(_, d)| !**d)
        .map(|(u, _)| u)
        .collect();
    let mut classes = Vec::with_capacity(kept.len());
    let mut in_list = false;
    let mut list_items = 0usize;
    let mut after_bullet = false;
    for (i, u) in kept.iter().enumerate() {
        let text = u.text.trim();
        let heading = if u.bullet || (in_list && list_items > 0 && !u.blank_before) {
            None
        } else {
            heading_class(u, &kept[i + 1..], opts.followed_by_content)
        };
        let class = if let Some(h) = heading {
            in_list = false;
            h
        } else if u.bullet || (in_list && continues_list(u, list_items, after_bullet)) {
            list_items += 1;
            Class::Item
        } else {
            in_list = false;
            Class::Paragraph
        };
        if matches!(class, Class::Paragraph | Class::Item) && text.ends_with(':') && !in_list {
            in_list = true;
            list_items = 0;
        }
        after_bullet = u.bullet;
        classes.push(class);
    }
    // Unit texts are already trimmed (lines are trimmed before joining): move them out.
    units
        .into_iter()
        .zip(dropped)
        .filter(|(_, d)| !*d)
        .zip(classes)
        .map(|((u, _), class)| (class, u.text))
        .collect()
}

/// Does a non-bullet unit continue the open list? A colon list continues until a blank line
/// followed by a capitalised line; a bulleted one ends at the first capitalised line without a
/// bullet. Lowercase lines always continue ("how long we keep your information.").
fn continues_list(u: &Unit, items: usize, after_bullet: bool) -> bool {
    let lower = starts_lowercase(u.text.trim());
    lower || !(after_bullet || (u.blank_before && items > 0))
}

/// Is this unit a heading, given the units after it?
fn heading_class(u: &Unit, rest: &[&Unit], followed_by_content: bool) -> Option<Class> {
    let text = u.text.trim();
    if u.bold && bold_heading_like(text) {
        // A bold sentence ("We do not sell your data.") is emphasis, not a heading: it must stay
        // a sentence. Bold run-in headings must read as Title Case ("Location Data.").
        if !text.ends_with(['.', '!']) {
            return Some(Class::Section);
        }
        if u.title == Some(Class::RunIn) {
            return Some(Class::RunIn);
        }
    }
    let class = u.title?;
    let body_at = |k: usize| match rest.get(k) {
        Some(n) => n.bullet || is_body(n),
        None => followed_by_content,
    };
    // A section heading may be followed directly by a run-in heading and its body.
    let runin_next = class == Class::Section
        && rest
            .first()
            .is_some_and(|n| !n.bullet && n.title == Some(Class::RunIn))
        && body_at(1);
    (body_at(0) || runin_next).then_some(class)
}

fn bold_heading_like(t: &str) -> bool {
    let words = t.split_whitespace().count();
    words > 0 && words <= 15 && t.len() <= 150 && !t.ends_with([',', ';', ':'])
}

/// Words that stay lowercase in Title Case.
const SMALL: &[&str] = &[
    "a", "an", "the", "and", "or", "nor", "but", "of", "to", "in", "on", "at", "by", "for", "from",
    "with", "about", "as", "into", "over", "under", "via", "per", "vs", "than", "this", "that",
    "our", "your", "we", "you", "is", "are", "do", "does", "how", "what", "who", "when", "why",
    "its", "their", "if", "not", "be", "can", "may", "us",
];

/// Words a heading does not end with; a line ending with one is a broken sentence.
const DANGLING: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "by", "for", "with", "from", "as",
    "that",
];

/// The longest text (bytes) that may be a title or heading.
pub(crate) const TITLE_MAX_LEN: usize = 120;

/// A short line that reads like a heading: `Section` (no terminal punctuation) or `RunIn`
/// (Title Case ending with "."). `None` for anything sentence-like.
fn title_like(t: &str) -> Option<Class> {
    if t.is_empty()
        || t.len() > TITLE_MAX_LEN
        || t.ends_with([',', ';', ':', '!'])
        || t.contains(',')
    {
        return None;
    }
    let runin = t.ends_with('.');
    let body = t.trim_end_matches(['.', '?']);
    let body = strip_section_number(body);
    // "E-mail contact: privacy@wps.com" is a label with a value, not a heading.
    if label_marks(body) {
        return None;
    }
    let words: Vec<&str> = body
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let first = words.first()?;
    if !first
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase)
        || words.len() > 12
    {
        return None;
    }
    let mut caps = 0;
    let mut significant = 0;
    for w in &words {
        let initial = w.chars().find(|c| c.is_alphabetic());
        let upper = initial.is_some_and(char::is_uppercase);
        if !upper && SMALL.contains(&w.to_lowercase().as_str()) {
            continue;
        }
        significant += 1;
        caps += usize::from(upper);
    }
    let title_case = caps * 10 >= significant * 7;
    if runin {
        return (title_case && words.len() <= 10 && (caps >= 2 || words.len() <= 2))
            .then_some(Class::RunIn);
    }
    if title_case {
        return Some(Class::Section);
    }
    // Sentence-case headings ("Information we may receive from you") must be short and must not
    // end like a broken sentence ("…shared with the").
    let last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
    let dangling = DANGLING.contains(&last.as_str()) && words.len() > 1;
    (!dangling && words.len() <= 8).then_some(Class::Section)
}

/// Does `t` contain ". ", "|", "@", ": " or "://"? One pass over its bytes (at most
/// `TITLE_MAX_LEN`), not four searches (apps-2024: title_like 13.9 M -> 11.8 M instructions).
fn label_marks(t: &str) -> bool {
    let b = t.as_bytes();
    b.iter().enumerate().any(|(i, &c)| match c {
        b'|' | b'@' => true,
        b'.' => b.get(i + 1) == Some(&b' '),
        b':' => b.get(i + 1) == Some(&b' ') || b[i + 1..].starts_with(b"//"),
        _ => false,
    })
}

/// Is this line unmistakably a heading: numbered ("2. How we use personal information") or in
/// Title Case with two or more words, and not opening like a sentence ("We are IQIYI")?
pub(crate) fn strong_heading(t: &str) -> bool {
    if title_like(t) != Some(Class::Section) {
        return false;
    }
    let body = strip_section_number(t);
    let words: Vec<&str> = body.split_whitespace().collect();
    if body.len() < t.len() {
        return words.len() >= 2;
    }
    const OPENERS: &[&str] = &[
        "we", "you", "this", "it", "they", "these", "that", "if", "when", "and", "or", "but",
        "the", "i",
    ];
    let opens_sentence = words
        .first()
        .is_some_and(|w| OPENERS.iter().any(|o| o.eq_ignore_ascii_case(w)));
    let capitalised = words
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    words.len() >= 2 && !opens_sentence && capitalised * 10 >= words.len() * 6
}

/// "1. ", "2.3 ", "IV. ", "A. " before a heading's words.
fn strip_section_number(t: &str) -> &str {
    let Some((first, rest)) = t.split_once(' ') else {
        return t;
    };
    let numeric = !first.is_empty()
        && first.len() <= 8
        && first.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && first.bytes().next().is_some_and(|b| b.is_ascii_digit());
    let roman = first.len() <= 5
        && first.ends_with('.')
        && first
            .trim_end_matches('.')
            .bytes()
            .all(|b| matches!(b, b'I' | b'V' | b'X'));
    let letter = first.len() == 2
        && first.ends_with(['.', ')'])
        && first.bytes().next().is_some_and(|b| b.is_ascii_uppercase());
    if numeric || roman || letter {
        rest.trim_start()
    } else {
        t
    }
}

/// Does the unit read like body text (a sentence), as opposed to a label or menu entry?
fn is_body(u: &Unit) -> bool {
    let t = u.text.trim();
    if u.bold {
        return false;
    }
    if u.title.is_some() {
        return false;
    }
    // Only "at least 6 words?" matters: stop counting there (units can be whole paragraphs).
    let words = t.split_whitespace().take(6).count();
    words >= 6 || (words >= 3 && t.ends_with(['.', '!', '?', ':', ';']))
}

fn starts_lowercase(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_lowercase)
}

/// Lines → units: joins lines broken after an abbreviation, lowercase continuations, enumerator
/// continuations (`(ii) …`, `and (iii) …`), and a lone "and"/"or" with the line after it.
fn join_lines(lines: Vec<Line>) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::new();
    let mut blank = false;
    let mut conj: Option<String> = None;
    for line in lines {
        let t = cut_nav_junk(line.text.trim());
        if t.is_empty() {
            blank |= line.text.trim().is_empty();
            continue;
        }
        let (t, bullet) = strip_bullet(t);
        if is_bare_conjunction(t) {
            conj = Some(t.to_string());
            continue;
        }
        let had_conj = conj.is_some();
        let text = match conj.take() {
            Some(c) => format!("{c} {t}"),
            // `t` is a slice of the line (trimmed, cut), so one as long is all of it: a line left
            // whole (most are: HTML lines come collapsed) is moved, not copied (22 k allocations
            // on apps-2024).
            None if t.len() == line.text.len() => line.text,
            None => t.to_string(),
        };
        let join = match units.last() {
            Some(prev) if !blank && !bullet && !line.bold && !prev.bold => {
                let p = prev.text.trim_end();
                (ends_with_abbreviation(p) && !super::sentences::opens_sentence(&text))
                    || is_enumerator_continuation(&text)
                    || (!had_conj && starts_lowercase(&text) && !p.ends_with([':', ';']))
            }
            _ => false,
        };
        match units.last_mut() {
            Some(prev) if join => {
                prev.text.push(' ');
                prev.text.push_str(&text);
            }
            _ => units.push(Unit {
                text,
                bold: line.bold,
                bullet,
                blank_before: blank,
                title: None,
            }),
        }
        blank = false;
    }
    if let Some(c) = conj {
        units.push(Unit {
            text: c,
            bold: false,
            bullet: false,
            blank_before: blank,
            title: None,
        });
    }
    for u in &mut units {
        u.title = title_like(u.text.trim());
    }
    units
}

fn strip_bullet(t: &str) -> (&str, bool) {
    for b in [
        "- ", "• ", "* ", "· ", "● ", "▪ ", "◦ ", "– ", "‣ ", "○ ", "■ ", "□ ",
    ] {
        if let Some(rest) = t.strip_prefix(b) {
            let rest = rest.trim_start();
            if !rest.is_empty() {
                return (rest, true);
            }
        }
    }
    (t, false)
}

fn is_bare_conjunction(t: &str) -> bool {
    let t = t.trim_end_matches([',', ';']);
    ["and", "or", "and/or", "but"]
        .iter()
        .any(|c| c.eq_ignore_ascii_case(t))
}

/// "(ii) monitoring…", "and (iii) resolving…": the rest of an inline enumeration.
fn is_enumerator_continuation(t: &str) -> bool {
    let t = t
        .strip_prefix("and ")
        .or_else(|| t.strip_prefix("or "))
        .unwrap_or(t);
    let Some(inner) = t.strip_prefix('(') else {
        return false;
    };
    let Some(close) = inner.find(')') else {
        return false;
    };
    let label = &inner[..close];
    let roman = !label.is_empty()
        && label.len() <= 5
        && label.bytes().all(|b| matches!(b, b'i' | b'v' | b'x'));
    let letter = label.len() == 1 && label.bytes().all(|b| b.is_ascii_lowercase());
    // "(i)" and "(a)" open an enumeration; only later items continue one.
    (roman && label != "i") || (letter && label != "a" && label != "i")
}

/// Does a line end with an abbreviation that the next line continues ("Pte.", "EU-U.S.")?
fn ends_with_abbreviation(t: &str) -> bool {
    let last = t.rsplit(' ').next().unwrap_or(t);
    let last = last.rsplit('-').next().unwrap_or(last);
    let Some(word) = last.strip_suffix('.') else {
        return false;
    };
    if word.len() > 8 {
        return false; // abbreviations are short; most lines end with an ordinary word
    }
    let lw = word.to_ascii_lowercase();
    const JOINERS: &[&str] = &[
        "pte", "ltd", "inc", "co", "corp", "llc", "plc", "pty", "gmbh", "ltda", "mr", "mrs", "ms",
        "dr", "st", "no", "vs", "e.g", "i.e", "approx", "incl",
    ];
    if JOINERS.contains(&lw.as_str()) {
        return true;
    }
    // Dotted abbreviations: "U.S.", "U.K.", "e.g."
    lw.contains('.')
        && lw
            .split('.')
            .all(|p| !p.is_empty() && p.chars().count() <= 2 && p.chars().all(char::is_alphabetic))
}

/// Runs of three or more menu-like units (short, title-like) are navigation: all but the last are
/// dropped (the last may be the first real heading, as "Introduction" in the WPS seed).
/// A run right after a line ending in ":" is a list, not a menu.
fn nav_runs(units: &[Unit]) -> Vec<bool> {
    let mut dropped = vec![false; units.len()];
    let menu_like = |u: &Unit| {
        let t = u.text.trim();
        !u.bullet && u.title == Some(Class::Section) && t.split_whitespace().count() <= 8
    };
    let mut i = 0;
    while i < units.len() {
        if !menu_like(&units[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < units.len() && menu_like(&units[j]) {
            j += 1;
        }
        let after_colon = i > 0 && units[i - 1].text.trim_end().ends_with(':');
        if j - i >= 3 && !after_colon {
            for d in &mut dropped[i..j - 1] {
                *d = true;
            }
        }
        i = j;
    }
    dropped
}

/// Cuts the tail of a line that is navigation glued together by a scraper
/// ("…policy.ProductsOffice FreeOffice PremiumOffice…"): many lower→upper joins inside words,
/// few commas, no sentence break. Brand names (AppsFlyer, YouTube) come one per comma and stay.
pub(crate) fn cut_nav_junk(t: &str) -> &str {
    let total_joins: usize = count_joins(t);
    if total_joins < 6 {
        return t;
    }
    // Pieces: whitespace tokens, further split after a "." glued to a capital.
    let mut pieces: Vec<(usize, usize, usize)> = Vec::new(); // (start, joins, commas)
    for (start, tok) in tokens(t) {
        let mut s = 0;
        let b = tok.as_bytes();
        for i in 0..b.len() {
            if b[i] == b'.'
                && b.get(i + 1).is_some_and(u8::is_ascii_uppercase)
                && i > 0
                && b[i - 1].is_ascii_lowercase()
            {
                let piece = &tok[s..=i];
                pieces.push((start + s, count_joins(piece), piece.matches(',').count()));
                s = i + 1;
            }
        }
        let piece = &tok[s..];
        pieces.push((start + s, count_joins(piece), piece.matches(',').count()));
    }
    let n = pieces.len();
    let (mut joins, mut commas) = (0usize, 0usize);
    let mut best = None;
    for k in (0..n).rev() {
        joins += pieces[k].1;
        commas += pieces[k].2;
        let words = n - k;
        let suffix = &t[pieces[k].0..];
        if pieces[k].1 > 0
            && joins >= 6
            && joins * 100 >= words * 12
            && commas * 3 <= joins
            && !suffix.contains(". ")
        {
            best = Some(pieces[k].0);
        }
    }
    match best {
        Some(cut) => t[..cut].trim_end(),
        None => t,
    }
}

fn tokens(t: &str) -> impl Iterator<Item = (usize, &str)> {
    t.split(' ')
        .scan(0usize, |pos, tok| {
            let start = *pos;
            *pos += tok.len() + 1;
            Some((start, tok))
        })
        .filter(|(_, tok)| !tok.is_empty())
}

/// ASCII lowercase letter immediately followed by an uppercase one ("FreeOffice", "iOS").
/// Byte-based: glued menu text from scrapers is ASCII, and this runs on every line.
/// Written over two offset slices, summed in 8 bits per 255-byte chunk, rather than with
/// `windows(2)`, so that the compiler vectorises it (a fifth of the instructions), and without
/// widening every byte to 16 bits (apps-2024: text::classify 39.1 M -> 37.0 M).
fn count_joins(s: &str) -> usize {
    let b = s.as_bytes();
    let Some(next) = b.get(1..) else {
        return 0;
    };
    b.chunks(255)
        .zip(next.chunks(255))
        .map(|(c, d)| {
            let joins = c.iter().zip(d);
            usize::from(joins.fold(0u8, |n, (x, y)| {
                n + u8::from(x.is_ascii_lowercase() & y.is_ascii_uppercase())
            }))
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn label_marks_is_the_four_searches(t in "[a. :/|@é]{0,20}") {
            let searched = t.contains(". ")
                || t.contains(['|', '@'])
                || t.contains(": ")
                || t.contains("://");
            proptest::prop_assert_eq!(label_marks(&t), searched);
        }
    }

    #[test]
    fn junk_is_cut() {
        let line = "Please refer to the policy.ProductsOffice FreeOffice PremiumOffice ProfessionalOffice for EducationPDF to WordData Recovery MasterOffice for AndroidOffice";
        assert_eq!(cut_nav_junk(line), "Please refer to the policy.");
        let ok = "We use AppsFlyer, AdMob, YouTube, LinkedIn, TikTok, PayPal and WhatsApp for ads.";
        assert_eq!(cut_nav_junk(ok), ok);
    }

    #[test]
    fn headings() {
        assert_eq!(
            title_like("Who We Share Your Information with"),
            Some(Class::Section)
        );
        assert_eq!(title_like("Location Data."), Some(Class::RunIn));
        assert_eq!(
            title_like("Information Shared with Our Advertisement Providers."),
            Some(Class::RunIn)
        );
        assert_eq!(title_like("We will not collect payment information."), None);
        assert_eq!(title_like("It describes:"), None);
    }
}
