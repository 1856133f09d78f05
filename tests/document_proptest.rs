//! Property tests: generated documents (headings, paragraphs, lists, tables, abbreviations,
//! unicode, markup debris, mojibake) in all three formats, plus arbitrary bytes. Every span must
//! round-trip, never panic; mojibake repair must be idempotent.

use proptest::prelude::*;
use sharegraph::document::mojibake::repair;
use sharegraph::document::{Document, Format, parse};

/// Words chosen to hit the splitter's and the parsers' special cases.
const WORDS: &[&str] = &[
    "We",
    "collect",
    "share",
    "data",
    "with",
    "the",
    "partners",
    "and",
    "your",
    "information",
    "Inc.",
    "Ltd.",
    "Pte.",
    "Co.",
    "e.g.",
    "i.e.",
    "etc.",
    "U.S.",
    "No.",
    "Mr.",
    "J.",
    "4.2",
    "privacy@wps.com.",
    "www.wps.com",
    "https://x.example/a_b.html",
    "(i)",
    "(ii)",
    "and (iii)",
    "(a)",
    "user(s)",
    "café",
    "naïve",
    "“quoted”",
    "‘single’",
    "日本語。",
    "Ünïcödé",
    "âinformationâ",
    "weâll",
    "donâ€™t",
    "â€“",
    "Ã©",
    "Â©",
    "Â ",
    "ï¼or",
    "jurisdictionï¼",
    "&amp;",
    "&nbsp;",
    "&rsquo;",
    "&#8217;",
    "&#x;",
    "&",
    "<b>",
    "</b>",
    "<br>",
    "|||",
    "*",
    "**",
    "_",
    "`",
    "[link](http://x)",
    "[",
    "]",
    "(",
    ")",
    "|",
    ";",
    ":",
    ".",
    "!",
    "?",
    "...",
    "\u{200b}",
    "\u{ad}",
    "\t",
    "\u{a0}",
    "#",
    ">",
    "-",
    "1.",
    "\\.",
    "—",
    "–",
    "information.The",
    "policy.ProductsOffice",
    "FreeOffice",
    "PremiumOffice",
    "\u{1F600}",
    "\u{301}",
    "x\u{301}",
    "Location Data.",
    "Sharing:",
];

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(WORDS).prop_map(str::to_string),
        1 => "\\PC{0,6}",
        1 => "[a-zA-Z]{1,10}",
    ]
}

fn phrase(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..max).prop_map(|w| w.join(" "))
}

#[derive(Debug, Clone)]
enum Element {
    Heading(u8, String),
    Paragraph(String),
    List(Vec<String>, bool),
    Table(Vec<Vec<String>>),
}

fn element() -> impl Strategy<Value = Element> {
    prop_oneof![
        2 => (1u8..=6, phrase(6)).prop_map(|(l, t)| Element::Heading(l, t)),
        4 => phrase(40).prop_map(Element::Paragraph),
        2 => (prop::collection::vec(phrase(12), 1..5), any::<bool>()).prop_map(|(i, n)| Element::List(i, n)),
        1 => prop::collection::vec(prop::collection::vec(phrase(5), 1..4), 1..4).prop_map(Element::Table),
    ]
}

fn render_html(els: &[Element]) -> String {
    let mut s = String::from("<html><head><title>T</title></head><body>");
    for e in els {
        match e {
            Element::Heading(l, t) => s.push_str(&format!("<h{l}>{t}</h{l}>")),
            Element::Paragraph(t) => s.push_str(&format!("<p>{t}</p>")),
            Element::List(items, nested) => {
                s.push_str("<ul>");
                for (i, it) in items.iter().enumerate() {
                    s.push_str(&format!("<li>{it}"));
                    if *nested && i == 0 {
                        s.push_str(&format!("<ol><li>{it}</li></ol>"));
                    }
                    s.push_str("</li>");
                }
                s.push_str("</ul>");
            }
            Element::Table(rows) => {
                s.push_str("<table>");
                for (i, r) in rows.iter().enumerate() {
                    let cell = if i == 0 { "th" } else { "td" };
                    s.push_str("<tr>");
                    for c in r {
                        s.push_str(&format!("<{cell}>{c}</{cell}>"));
                    }
                    s.push_str("</tr>");
                }
                s.push_str("</table>");
            }
        }
    }
    s.push_str("</body></html>");
    s
}

fn render_markdown(els: &[Element]) -> String {
    let mut s = String::new();
    for e in els {
        match e {
            Element::Heading(l, t) => {
                s.push_str(&format!("{} {t}\n\n", "#".repeat(usize::from(*l))))
            }
            Element::Paragraph(t) => s.push_str(&format!("{t}\n\n")),
            Element::List(items, nested) => {
                for (i, it) in items.iter().enumerate() {
                    let marker = if *nested {
                        format!("{}.", i + 1)
                    } else {
                        "*".to_string()
                    };
                    s.push_str(&format!("{marker} {it}\n"));
                    if *nested && i == 0 {
                        s.push_str(&format!("   - {it}\n"));
                    }
                }
                s.push('\n');
            }
            Element::Table(rows) => {
                for (i, r) in rows.iter().enumerate() {
                    s.push_str(&format!("| {} |\n", r.join(" | ")));
                    if i == 0 {
                        s.push_str(&format!("|{}\n", "---|".repeat(r.len())));
                    }
                }
                s.push('\n');
            }
        }
    }
    s
}

fn render_text(els: &[Element]) -> String {
    let mut s = String::new();
    for e in els {
        match e {
            Element::Heading(_, t) => s.push_str(&format!("{t}\n")),
            // Scraped text breaks lines after sentences (and sometimes inside them).
            Element::Paragraph(t) => s.push_str(&format!("{}\n", t.replace(". ", ".\n"))),
            Element::List(items, _) => {
                s.push_str("It includes:\n\n");
                for it in items {
                    s.push_str(&format!("{it}\n"));
                }
                s.push('\n');
            }
            Element::Table(rows) => {
                for r in rows {
                    s.push_str(&format!("{}\n", r.join("\t")));
                }
            }
        }
    }
    s
}

/// Every invariant the rest of the pipeline relies on.
fn check(doc: &Document) -> Result<(), TestCaseError> {
    let text = &doc.text;
    let span_ok = |start: usize, end: usize| -> Result<(), TestCaseError> {
        prop_assert!(
            start < end && end <= text.len(),
            "span {start}..{end} of {}",
            text.len()
        );
        prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        let piece = &text[start..end];
        prop_assert_eq!(piece, piece.trim());
        prop_assert!(!piece.is_empty());
        Ok(())
    };
    let mut last_end = 0;
    let mut last_start = None;
    for s in &doc.sentences {
        span_ok(s.start, s.end)?;
        prop_assert!(
            last_start.is_none_or(|p| s.start > p),
            "sentences not increasing"
        );
        prop_assert!(s.start >= last_end, "sentences overlap");
        prop_assert!(doc.sentence_text(s).chars().any(char::is_alphanumeric));
        last_end = s.end;
        last_start = Some(s.start);
        if let Some(h) = s.heading {
            prop_assert!(h < doc.headings.len());
            prop_assert!(doc.headings[h].end <= s.start);
        }
        if let Some((a, b)) = s.lead_in {
            span_ok(a, b)?;
            prop_assert!(b <= s.start);
        }
    }
    let mut last_end = 0;
    for (i, h) in doc.headings.iter().enumerate() {
        span_ok(h.start, h.end)?;
        prop_assert!(h.start >= last_end);
        last_end = h.end;
        prop_assert!((1..=6).contains(&h.level));
        if let Some(p) = h.parent {
            prop_assert!(p < i && doc.headings[p].level < h.level);
        }
        prop_assert!(
            !doc.sentences
                .iter()
                .any(|s| s.start < h.end && h.start < s.end),
            "heading overlaps a sentence"
        );
    }
    let blocks: Vec<usize> = doc.sentences.iter().map(|s| s.block).collect();
    prop_assert!(blocks.windows(2).all(|w| w[0] <= w[1]));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn generated_documents_round_trip(els in prop::collection::vec(element(), 0..12)) {
        for (name, src) in [
            ("g.html", render_html(&els)),
            ("g.md", render_markdown(&els)),
            ("g.txt", render_text(&els)),
        ] {
            for format in [None, Some(Format::Html), Some(Format::Markdown), Some(Format::Text)] {
                let doc = parse(name, src.as_bytes(), format);
                prop_assert!(doc.is_ok(), "{name}: {:?}", doc.err());
                if let Ok(doc) = doc {
                    check(&doc)?;
                }
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400), ext in prop::sample::select(vec!["a.html", "a.md", "a.txt", "a"])) {
        if let Ok(doc) = parse(ext, &bytes, None) {
            check(&doc)?;
        }
    }

    #[test]
    fn arbitrary_text_never_panics(s in "\\PC{0,300}", ext in prop::sample::select(vec!["a.html", "a.md", "a.txt"])) {
        let doc = parse(ext, s.as_bytes(), None);
        prop_assert!(doc.is_ok());
        if let Ok(doc) = doc {
            check(&doc)?;
        }
    }

    #[test]
    fn mojibake_repair_is_idempotent(s in phrase(30)) {
        let once = repair(&s).0.into_owned();
        let twice = repair(&once).0.into_owned();
        prop_assert_eq!(twice, once);
    }

    #[test]
    fn mojibake_repair_is_idempotent_on_random_latin1(s in "[a-zA-Z âÃÂï¼€™œ\u{9d}\u{80}-\u{bf}©é.,()]{0,60}") {
        let once = repair(&s).0.into_owned();
        let twice = repair(&once).0.into_owned();
        prop_assert_eq!(twice, once);
    }
}
