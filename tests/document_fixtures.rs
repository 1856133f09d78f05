//! One fixture per construct (tests/fixtures/document/): exact sentences, headings, heading paths
//! and lead-ins.

use std::path::PathBuf;

use sharegraph::document::{BlockKind, Document, Format, load};

fn fixture(name: &str) -> Document {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/document")
        .join(name);
    match load(&path, None) {
        Ok(doc) => doc,
        Err(e) => panic!("{name}: {e}"),
    }
}

/// `(level, heading, parent heading)` for every heading.
fn headings(doc: &Document) -> Vec<(u8, &str, Option<&str>)> {
    doc.headings
        .iter()
        .enumerate()
        .map(|(i, h)| {
            (
                h.level,
                doc.heading_text(i),
                h.parent.map(|p| doc.heading_text(p)),
            )
        })
        .collect()
}

/// One line per sentence: "kind | heading path | sentence | lead-in".
fn sentences(doc: &Document) -> Vec<String> {
    doc.sentences
        .iter()
        .map(|s| {
            let kind = match s.kind {
                BlockKind::Paragraph => "P",
                BlockKind::ListItem => "L",
                BlockKind::TableRow => "T",
            };
            let lead = s.lead_in.map_or("", |(a, b)| &doc.text[a..b]);
            format!(
                "{kind} | {} | {} | {lead}",
                doc.heading_path(s).join(" > "),
                doc.sentence_text(s)
            )
        })
        .collect()
}

#[test]
fn html_headings_title_and_bold_paragraph_heading() {
    let doc = fixture("html_headings.html");
    assert_eq!(doc.format, Format::Html);
    assert_eq!(doc.title.as_deref(), Some("Acme & Co Privacy Policy"));
    assert_eq!(
        headings(&doc),
        [
            (1, "Privacy Policy", None),
            (2, "Information We Collect", Some("Privacy Policy")),
            (3, "Device Data", Some("Information We Collect")),
            (4, "Analytics Partners", Some("Device Data")),
            (2, "Contact", Some("Privacy Policy")),
        ]
    );
    assert_eq!(
        sentences(&doc),
        [
            "P | Privacy Policy | Acme Inc. respects your privacy. | ",
            "P | Privacy Policy > Information We Collect | We collect your name. | ",
            "P | Privacy Policy > Information We Collect > Device Data | We collect device identifiers. | ",
            "P | Privacy Policy > Information We Collect > Device Data | We send them to Example Corp. for analytics. | ",
            "P | Privacy Policy > Information We Collect > Device Data > Analytics Partners | We share usage data with analytics providers. | ",
            // A bold sentence is emphasis, not a heading.
            "P | Privacy Policy > Information We Collect > Device Data > Analytics Partners | We do not sell your personal information. | ",
            "P | Privacy Policy > Contact | Write to privacy@acme.example. | ",
        ]
    );
    // Headings are in the text, one block per line, with a blank line before each section.
    assert!(doc.text.starts_with(
        "Privacy Policy\nAcme Inc. respects your privacy.\n\nInformation We Collect\n"
    ));
}

#[test]
fn html_lists_nested_numbered_and_definition() {
    let doc = fixture("html_lists.html");
    assert_eq!(
        sentences(&doc),
        [
            "P | Sharing | We care about you. | ",
            "P | Sharing | We share data with the following parties: | ",
            "L | Sharing | Service providers, such as hosting companies. | We share data with the following parties:",
            "L | Sharing | Advertisers, including: | We share data with the following parties:",
            "L | Sharing | Google LLC | Advertisers, including:",
            "L | Sharing | Meta Platforms, Inc. | Advertisers, including:",
            "L | Sharing | Law enforcement, when required. | We share data with the following parties:",
            "P | Sharing | We do not sell data. | ",
            // A plain statement before a list is not its lead-in.
            "L | Sharing | First numbered item. | ",
            "L | Sharing | Second numbered item. | ",
            "L | Sharing | Cookies | ",
            "L | Sharing | Small files stored on your device. | Cookies",
        ]
    );
    // Each list item is its own block.
    let blocks: Vec<usize> = doc.sentences.iter().map(|s| s.block).collect();
    assert_eq!(blocks, [0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
}

#[test]
fn html_table_rows_with_header_lead_in() {
    let doc = fixture("html_table.html");
    assert_eq!(
        sentences(&doc),
        [
            "P | Recipients | This table lists recipients. | ",
            "T | Recipients | Recipient | Data | ",
            "T | Recipients | Google Analytics | Usage data; IP address | Recipient | Data",
            "T | Recipients | Stripe | Payment data. | Recipient | Data",
            "T | Recipients | Card numbers are never stored. | Recipient | Data",
            "T | Recipients | Plain | Row without header | ",
        ]
    );
}

#[test]
fn html_dropped_elements_and_entities() {
    let doc = fixture("html_dropped.html");
    assert_eq!(
        sentences(&doc),
        [
            "P |  | We don’t sell data to “partners” — ever — ’really’. | ",
            "P |  | Café & bar © 2024. | ",
        ]
    );
    for junk in [
        "not text",
        "Home",
        "cookies",
        "JavaScript",
        "Template",
        "Logo",
        "footer",
    ] {
        assert!(
            !doc.text.contains(junk),
            "{junk:?} leaked into {:?}",
            doc.text
        );
    }
}

#[test]
fn opp115_segments_breaks_and_text_headings() {
    let doc = fixture("opp115_segments.html");
    assert_eq!(doc.format, Format::Html);
    assert_eq!(
        headings(&doc),
        [
            (2, "Privacy Policy", None),
            (2, "Information We Collect", None),
            (2, "Sharing With Partners", None)
        ]
    );
    assert_eq!(
        sentences(&doc),
        [
            "P | Privacy Policy | Example.com respects your privacy. | ",
            "P | Privacy Policy | We explain our practices below. | ",
            "P | Information We Collect | We may collect the following data about you: | ",
            "L | Information We Collect | your name and e-mail address; | We may collect the following data about you:",
            "L | Information We Collect | details of your visits to our site. | We may collect the following data about you:",
            "P | Information We Collect | Example.com does not sell your data to third parties. | ",
            "P | Sharing With Partners | We may share data with our advertising partners. | ",
        ]
    );
    assert!(!doc.text.contains("|||"));
}

#[test]
fn markdown_structure() {
    let doc = fixture("markdown_structure.md");
    assert_eq!(doc.format, Format::Markdown);
    assert_eq!(doc.title.as_deref(), Some("Example Privacy Policy"));
    assert_eq!(
        headings(&doc),
        [
            (1, "Example Privacy Policy", None),
            (2, "Information we collect", Some("Example Privacy Policy")),
            (3, "1. Email Address", Some("Information we collect")),
            (2, "Data Sharing", Some("Example Privacy Policy")),
        ]
    );
    let lead = "We share the following data:";
    assert_eq!(
        sentences(&doc),
        [
            "P |  | Extracted from the example.com policy. | ".to_string(),
            "P |  | See the original. | ".into(),
            "P | Example Privacy Policy | Intro paragraph with bold, emphasis and code. | ".into(),
            "P | Example Privacy Policy > Information we collect > 1. Email Address | We collect your email address. | ".into(),
            "P | Example Privacy Policy > Information we collect > 1. Email Address | If you have questions, contact us. | ".into(),
            format!("P | Example Privacy Policy > Data Sharing | {lead} | "),
            format!("L | Example Privacy Policy > Data Sharing | Usage data, such as pages visited. | {lead}"),
            format!("L | Example Privacy Policy > Data Sharing | Device data: | {lead}"),
            "L | Example Privacy Policy > Data Sharing | device model | Device data:".into(),
            "L | Example Privacy Policy > Data Sharing | operating system | Device data:".into(),
            format!("L | Example Privacy Policy > Data Sharing | Purchase records. | {lead}"),
            // An ordered list right after a bullet list is a new list without a lead-in.
            "L | Example Privacy Policy > Data Sharing | First step. | ".into(),
            "L | Example Privacy Policy > Data Sharing | Second step. | ".into(),
            "P | Example Privacy Policy > Data Sharing | Quoted paragraph about retention. | ".into(),
            "T | Example Privacy Policy > Data Sharing | Recipient | Purpose | ".into(),
            "T | Example Privacy Policy > Data Sharing | Google | Analytics | Recipient | Purpose".into(),
        ]
    );
    for markup in ["**", "`", "](", "\\.", "> "] {
        assert!(!doc.text.contains(markup), "{markup:?} left in text");
    }
}

#[test]
fn scraped_text_joins_headings_lists_and_junk() {
    let doc = fixture("text_scraped.txt");
    assert_eq!(doc.format, Format::Text);
    assert_eq!(
        headings(&doc),
        [
            (2, "Introduction", None),
            (2, "What Information We Collect", None),
            (3, "Location Data", Some("What Information We Collect")),
            (2, "Who We Share Your Information with", None),
            (
                3,
                "Information Shared with Advertisers",
                Some("Who We Share Your Information with")
            ),
        ]
    );
    let lead = "The technical data we collect may include:";
    assert_eq!(
        sentences(&doc),
        [
            "P |  | Please read this policy. | ".to_string(),
            "P | Introduction | Your privacy is important to Acme Software Pte. Ltd. and its affiliates (\"Acme\"). | ".into(),
            "P | Introduction | We comply with the EU-U.S. Privacy Shield Framework regarding personal data. | ".into(),
            "P | What Information We Collect | We collect the following information: | ".into(),
            "P | What Information We Collect > Location Data | We may collect your approximate location from your IP address. | ".into(),
            format!("P | What Information We Collect > Location Data | {lead} | "),
            format!("L | What Information We Collect > Location Data | Your device data, such as your IP address and device identifier; | {lead}"),
            format!("L | What Information We Collect > Location Data | Your usage data, such as clicks and pages viewed. | {lead}"),
            "P | Who We Share Your Information with > Information Shared with Advertisers | We share device identifiers with advertising partners. | ".into(),
            "P | Who We Share Your Information with > Information Shared with Advertisers | We will not collect payment information. | ".into(),
            "P | Who We Share Your Information with > Information Shared with Advertisers | The data goes to the payment platform. | ".into(),
        ]
    );
    // Navigation menus and glued menu text are gone.
    for junk in ["ProductsOffice", "Office Premium", "Download"] {
        assert!(!doc.text.contains(junk), "{junk:?} left in text");
    }
}

#[test]
fn html_line_structured_text() {
    let doc = fixture("html_line_text.html");
    assert_eq!(
        headings(&doc),
        [(2, "1. Personal information we collect", None)]
    );
    let lead = "We collect personal information relating to you as follows:";
    let path = "1. Personal information we collect";
    assert_eq!(
        sentences(&doc),
        [
            format!("P | {path} | {lead} | "),
            format!(
                "L | {path} | Account Information: When you create an account, we collect your name. | {lead}"
            ),
            // A newline after "Cookies:" does not split the label from its sentence.
            format!(
                "L | {path} | Cookies: Some advertisers place cookies on your device. | {lead}"
            ),
            // Source line wrapping inside a paragraph is only whitespace.
            format!("P | {path} | This application is made available by Acme Inc. | "),
            format!(
                "P | {path} | If you do not agree to this Privacy Policy, uninstall the App. | "
            ),
        ]
    );
}
