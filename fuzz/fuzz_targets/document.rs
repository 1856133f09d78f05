//! Arbitrary bytes through the document stage only (fast: ~10× the executions of `pipeline`).
//!
//! Checks: no panic; every sentence, heading and lead-in span is a non-empty, trimmed slice of the
//! cleaned text on char boundaries; sentences are in order and do not overlap; heading parents point
//! backwards; mojibake repair is idempotent.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sharegraph::document::{self, Format, mojibake};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let (name, format) = match selector % 6 {
        0 => ("p.txt", None),
        1 => ("p.html", None),
        2 => ("p.md", None),
        3 => ("p", Some(Format::Html)),
        4 => ("p", Some(Format::Markdown)),
        _ => ("p", Some(Format::Text)),
    };
    let Ok(doc) = document::parse(name, bytes, format) else {
        return;
    };
    let slice = |a: usize, b: usize| -> &str {
        let t = doc
            .text
            .get(a..b)
            .unwrap_or_else(|| panic!("span {a}..{b} is not on char boundaries of the text"));
        assert!(!t.is_empty(), "empty span {a}..{b}");
        assert_eq!(t, t.trim(), "untrimmed span {a}..{b}");
        t
    };
    let mut last_end = 0;
    for s in &doc.sentences {
        slice(s.start, s.end);
        assert!(s.start >= last_end, "sentences overlap or are out of order");
        last_end = s.end;
        if let Some((a, b)) = s.lead_in {
            slice(a, b);
        }
        if let Some(h) = s.heading {
            assert!(h < doc.headings.len());
        }
    }
    for (i, h) in doc.headings.iter().enumerate() {
        slice(h.start, h.end);
        if let Some(p) = h.parent {
            assert!(p < i, "heading parent must come before the heading");
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        let (once, _) = mojibake::repair(text);
        let (twice, n) = mojibake::repair(&once);
        assert_eq!(
            once, twice,
            "mojibake repair is not idempotent ({n} more repairs)"
        );
    }
});
