//! The HTML vocabulary and the low-level scanning the block builder needs: which tags break
//! lines or open lists/tables, which subtrees are not policy text (by tag, or by a cookie-banner or
//! navigation class/id), attribute scanning, and finding the end of raw-text elements.
//!
//! Stateless byte-level helpers; the element-to-block mapping lives in `mod.rs`.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tag {
    P,
    Br,
    Hr,
    H(u8),
    /// ul/menu (0), ol (1), dl (2): consecutive top-level lists of one kind are one list.
    List(u8),
    Li,
    Dt,
    Dd,
    Table,
    Thead,
    Tr,
    Cell {
        th: bool,
    },
    Bold,
    Pre,
    Title,
    /// Raw-text elements whose content is never markup (script, style…): skipped.
    RawSkip,
    /// Elements whose whole subtree is not policy text (nav, footer, svg, select…).
    Drop,
    /// Other block-level elements: a line break, nothing more.
    Block,
    Inline,
}

pub(super) fn classify_tag(name: &[u8]) -> Tag {
    let mut buf = [0u8; 12];
    if name.len() > buf.len() {
        return Tag::Inline;
    }
    for (d, s) in buf.iter_mut().zip(name) {
        *d = s.to_ascii_lowercase();
    }
    match &buf[..name.len()] {
        b"p" => Tag::P,
        b"br" => Tag::Br,
        b"hr" => Tag::Hr,
        b"h1" => Tag::H(1),
        b"h2" => Tag::H(2),
        b"h3" => Tag::H(3),
        b"h4" => Tag::H(4),
        b"h5" => Tag::H(5),
        b"h6" => Tag::H(6),
        b"ul" | b"menu" => Tag::List(0),
        b"ol" => Tag::List(1),
        b"li" => Tag::Li,
        b"dl" => Tag::List(2),
        b"dt" => Tag::Dt,
        b"dd" => Tag::Dd,
        b"table" => Tag::Table,
        b"thead" => Tag::Thead,
        b"tr" => Tag::Tr,
        b"td" => Tag::Cell { th: false },
        b"th" => Tag::Cell { th: true },
        b"b" | b"strong" => Tag::Bold,
        b"pre" | b"listing" => Tag::Pre,
        b"title" => Tag::Title,
        b"script" | b"style" | b"noscript" | b"iframe" | b"noembed" | b"noframes" | b"xmp"
        | b"textarea" => Tag::RawSkip,
        b"nav" | b"footer" | b"template" | b"svg" | b"math" | b"select" | b"button" | b"object"
        | b"canvas" | b"video" | b"audio" | b"map" | b"datalist" => Tag::Drop,
        b"div" | b"section" | b"article" | b"main" | b"aside" | b"header" | b"blockquote"
        | b"figure" | b"figcaption" | b"address" | b"details" | b"summary" | b"center"
        | b"form" | b"fieldset" | b"legend" | b"body" | b"html" | b"head" | b"dialog"
        | b"hgroup" | b"caption" | b"tbody" | b"tfoot" | b"option" | b"frameset" | b"frame"
        | b"dir" => Tag::Block,
        _ => Tag::Inline,
    }
}

/// Void elements never have an end tag, so they never open a subtree to skip.
pub(super) fn is_void(name: &[u8]) -> bool {
    // Lowercased into a buffer and matched, like `classify_tag`: one comparison per length, not
    // fourteen case-insensitive ones (this runs for every start tag).
    let mut buf = [0u8; 6];
    if name.len() > buf.len() {
        return false;
    }
    for (d, s) in buf.iter_mut().zip(name) {
        *d = s.to_ascii_lowercase();
    }
    matches!(
        &buf[..name.len()],
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
    )
}

/// Class/id fragments of cookie banners (matched anywhere in the attribute value).
const COOKIE_MARKERS: &[&str] = &[
    "cookie-banner",
    "cookie-consent",
    "cookie-notice",
    "cookie_banner",
    "cookie_consent",
    "cookie_notice",
    "cookiebanner",
    "cookieconsent",
    "cookienotice",
    "onetrust-banner",
    "onetrust-consent",
];

/// Class/id tokens of navigation and screen-reader-only text (matched at the start of a token, so
/// a page-level `x-navbar-static-active` class does not count).
const NAV_MARKERS: &[&str] = &[
    "header-nav",
    "navbar",
    "breadcrumb",
    "site-nav",
    "main-nav",
    "skip-link",
    "sr-only",
    "visually-hidden",
    "screen-reader-text",
];

/// First bytes of the [`NAV_MARKERS`]: a class/id token starting with any other byte (most of
/// them) is rejected with one look-up instead of nine `starts_with` (apps-2024: scan_attributes
/// 51.1 M -> 48.9 M instructions; its class lists are long).
const NAV_FIRST: [bool; 256] = {
    let mut table = [false; 256];
    let mut k = 0;
    while k < NAV_MARKERS.len() {
        table[NAV_MARKERS[k].as_bytes()[0] as usize] = true;
        k += 1;
    }
    table
};

/// Does a class/id token start with a [`NAV_MARKERS`] entry?
fn nav_token(tok: &[u8]) -> bool {
    tok.first().is_some_and(|&c| NAV_FIRST[usize::from(c)])
        && NAV_MARKERS.iter().any(|m| tok.starts_with(m.as_bytes()))
}

/// Index just past the first `>` at or after `from` (or the end of input).
pub(super) fn past_gt(b: &[u8], from: usize) -> usize {
    memchr::memchr(b'>', &b[from.min(b.len())..]).map_or(b.len(), |o| from + o + 1)
}

/// Start of `</name` (case-insensitive) at or after `from`.
pub(super) fn find_close(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut j = from;
    while let Some(o) = memchr::memchr(b'<', &b[j..]) {
        let p = j + o;
        let after = p + 2 + name.len();
        if b.get(p + 1) == Some(&b'/')
            && after <= b.len()
            && b[p + 2..after].eq_ignore_ascii_case(name)
            && b.get(after).is_none_or(|c| !c.is_ascii_alphanumeric())
        {
            return Some(p);
        }
        j = p + 1;
    }
    None
}

/// Scans a start tag's attributes from `from`; returns (index past `>`, self-closing, whether an
/// attribute marks the element as not policy text). `lower` is scratch the caller keeps from tag
/// to tag.
pub(super) fn scan_attributes(src: &str, from: usize, lower: &mut Vec<u8>) -> (usize, bool, bool) {
    let b = src.as_bytes();
    let mut dropped = false;
    let mut j = from;
    loop {
        while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
            j += 1;
        }
        if j >= b.len() {
            return (b.len(), false, dropped);
        }
        if b[j] == b'>' {
            let self_closing = j > from && b[j - 1] == b'/';
            return (j + 1, self_closing, dropped);
        }
        let name_start = j;
        while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>' | b'/') {
            j += 1;
        }
        // Bytes, not `&str`s: slicing `src` checked char boundaries at every attribute (apps-2024:
        // html::parse 204.3 M -> 199.1 M instructions, scan_attributes now inlined there).
        let name = &b[name_start..j];
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        let mut value: &[u8] = b"";
        if j < b.len() && b[j] == b'=' {
            j += 1;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                let q = b[j];
                let start = j + 1;
                let end = memchr::memchr(q, &b[start..]).map_or(b.len(), |o| start + o);
                value = &b[start..end];
                j = (end + 1).min(b.len());
            } else {
                let start = j;
                while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                    j += 1;
                }
                value = &b[start..j];
            }
        }
        if name_start == j {
            j += 1; // a stray character; never loop in place
        }
        dropped = dropped || drops_element(name, value, lower);
    }
}

/// Does this attribute mark its element as not being policy text? `lower` is scratch for the
/// lowercased value: reused, not a new string for every class and id (28 k allocations on
/// apps-2024).
fn drops_element(name: &[u8], value: &[u8], lower: &mut Vec<u8>) -> bool {
    if name.eq_ignore_ascii_case(b"id") || name.eq_ignore_ascii_case(b"class") {
        lower.clear();
        lower.extend_from_slice(value);
        lower.make_ascii_lowercase();
        let v = lower.as_slice();
        // Every cookie marker has one of these in it: one scan of the value, not eleven.
        cookie_like(v)
            && COOKIE_MARKERS
                .iter()
                .any(|m| memchr::memmem::find(v, m.as_bytes()).is_some())
            || v.split(u8::is_ascii_whitespace).any(nav_token)
    } else if name.eq_ignore_ascii_case(b"role") {
        value.eq_ignore_ascii_case(b"navigation")
    } else {
        // Not `hidden`/`display:none`: policies hide accordion sections and tabs that way.
        false
    }
}

/// Does `v` contain "cookie" or "onetrust"? One pass over the places of a `k` or a `u` (rare in
/// class names, and once in either word), instead of a `str::contains` for each word (their
/// candidate checks made 373 k `memcmp` calls on apps-2024, whose class lists are long:
/// scan_attributes 46.2 M -> 41.8 M instructions; a plain byte loop was 42.4 M).
fn cookie_like(b: &[u8]) -> bool {
    memchr::memchr2_iter(b'k', b'u', b).any(|i| {
        let (word, at): (&[u8], usize) = if b[i] == b'k' {
            (b"cookie", 3)
        } else {
            (b"onetrust", 5)
        };
        i >= at && b[i - at..].starts_with(word)
    })
}

/// Page-level containers are never dropped, whatever their classes say.
pub(super) fn is_container(name: &[u8]) -> bool {
    [b"html".as_slice(), b"body", b"main", b"article"]
        .iter()
        .any(|c| c.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn cookie_like_is_contains(v in "(cookie|onetrust|cooki|onetrus|[cokieontrus -]){0,30}") {
            proptest::prop_assert_eq!(
                cookie_like(v.as_bytes()),
                v.contains("cookie") || v.contains("onetrust")
            );
        }
    }

    #[test]
    fn every_cookie_marker_passes_the_quick_check() {
        // `drops_element` looks for the markers only in values with "cookie" or "onetrust".
        for m in COOKIE_MARKERS {
            assert!(m.contains("cookie") || m.contains("onetrust"), "{m}");
        }
        assert!(drops_element(
            b"class",
            b"Site-Cookie-Banner wide",
            &mut Vec::new()
        ));
        assert!(drops_element(
            b"ID",
            b"onetrust-consent-sdk",
            &mut Vec::new()
        ));
        assert!(!drops_element(
            b"class",
            b"cookie-policy-text",
            &mut Vec::new()
        ));
        assert!(drops_element(b"class", b"navbar-top", &mut Vec::new()));
        assert!(!drops_element(b"class", b"policy-section", &mut Vec::new()));
        for m in NAV_MARKERS {
            assert!(
                nav_token(m.as_bytes()) && nav_token(format!("{m}-x").as_bytes()),
                "{m}"
            );
            assert!(!nav_token(format!("x-{m}").as_bytes()), "{m}");
        }
    }
}
