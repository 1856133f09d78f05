//! The two seed policies in data/policies: exact headings, heading paths, lead-ins, mojibake.

use std::path::PathBuf;

use sharegraph::document::{BlockKind, Document, Format, Sentence, load};

fn seed(name: &str) -> Document {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("data/policies")
        .join(name);
    match load(&path, None) {
        Ok(doc) => doc,
        Err(e) => panic!("{name}: {e}"),
    }
}

fn find<'a>(doc: &'a Document, start: &str) -> &'a Sentence {
    match doc
        .sentences
        .iter()
        .find(|s| doc.sentence_text(s).starts_with(start))
    {
        Some(s) => s,
        None => panic!("no sentence starts with {start:?}"),
    }
}

fn heading_index(doc: &Document, text: &str) -> usize {
    match (0..doc.headings.len()).find(|&i| doc.heading_text(i) == text) {
        Some(i) => i,
        None => panic!("no heading {text:?}"),
    }
}

fn lead(doc: &Document, s: &Sentence) -> Option<String> {
    s.lead_in.map(|(a, b)| doc.text[a..b].to_string())
}

#[test]
fn apowersoft_headings_and_paths() {
    let doc = seed("apowersoft-2018.md");
    assert_eq!(doc.format, Format::Markdown);
    assert_eq!(doc.title.as_deref(), Some("Apowersoft Privacy Policy"));
    let headings: Vec<(u8, &str)> = (0..doc.headings.len())
        .map(|i| (doc.headings[i].level, doc.heading_text(i)))
        .collect();
    assert_eq!(
        headings,
        [
            (1, "Apowersoft Privacy Policy"),
            (2, "Information we may receive from you"),
            (3, "1. Email Address"),
            (3, "2. Purchase Information"),
            (3, "3. IP Address and Cookies"),
            (3, "4. Uploaded Files"),
            (2, "How We Store Your Data and Files"),
        ]
    );
    let s = find(&doc, "Our software will receive email address");
    assert_eq!(
        doc.heading_path(s),
        [
            "Apowersoft Privacy Policy",
            "Information we may receive from you",
            "1. Email Address"
        ]
    );
    let s = find(
        &doc,
        "However, this information is collected from the registered e-commerce provider",
    );
    assert_eq!(
        doc.sentence_text(s),
        "However, this information is collected from the registered e-commerce provider – Avangate with our authorization."
    );
    assert!(doc.notes.iter().any(|w| w.contains("mojibake")));
    assert!(!doc.text.contains("â€"));
}

#[test]
fn apowersoft_cookie_list_lead_in() {
    let doc = seed("apowersoft-2018.md");
    let items: Vec<&Sentence> = doc
        .sentences
        .iter()
        .filter(|s| s.kind == BlockKind::ListItem)
        .collect();
    let texts: Vec<&str> = items.iter().map(|s| doc.sentence_text(s)).collect();
    assert_eq!(
        texts,
        [
            "Analytical Cookies.",
            "These cookies allow us to recognize and calculate the number of website visitors and how they navigate on our web pages.",
            "This helps us to improve our site by ensuring users can get the contents they're looking for efficiently.",
            "\"Strictly necessary\" cookies.",
            "These are required for the operation of our website and online applications.",
            "For example, the cookies which require you to activate the apps on web pages.",
            "\"Targeting\" cookies.",
            "These cookies record your visiting path to our site or apps.",
            "The information will be used by us to find out your interest and present the things you want to see in your next time's visit.",
        ]
    );
    for s in &items {
        assert_eq!(
            lead(&doc, s).as_deref(),
            Some("The information about our use of cookies:")
        );
        assert_eq!(
            doc.heading_path(s),
            [
                "Apowersoft Privacy Policy",
                "Information we may receive from you",
                "3. IP Address and Cookies"
            ]
        );
    }
    // Three items, three blocks.
    let mut blocks: Vec<usize> = items.iter().map(|s| s.block).collect();
    blocks.dedup();
    assert_eq!(blocks.len(), 3);
    let after = find(&doc, "If you do not want to have a cookie set");
    assert_eq!(after.kind, BlockKind::Paragraph);
    assert_eq!(after.lead_in, None);
}

#[test]
fn wps_text_is_clean() {
    let doc = seed("wps-office-2020.txt");
    assert_eq!(doc.format, Format::Text);
    for bad in ["â", "â€", "ï¼", "Ã", "Â"] {
        assert!(!doc.text.contains(bad), "{bad:?} left in WPS text");
    }
    assert!(
        doc.text
            .contains("personal data (“information”) we collect")
    );
    assert!(doc.text.contains("we’ll collect certain information"));
    assert!(doc.text.contains("the user’s hard drive"));
    assert!(doc.text.contains(
        "under the age of 16 years (or otherwise provided by the related jurisdiction) and"
    ));
    assert!(
        doc.notes
            .iter()
            .any(|w| w.contains("wps-office-2020.txt") && w.contains("mojibake"))
    );
    // Navigation junk does not become sentences.
    for junk in ["ProductsOffice", "PolicyAbout", "Office Premium", "Sitemap"] {
        assert!(!doc.text.contains(junk), "{junk:?} left in WPS text");
    }
}

#[test]
fn wps_sentences() {
    let doc = seed("wps-office-2020.txt");
    let s = find(&doc, "Your privacy is important to WPS Software");
    let text = doc.sentence_text(s);
    assert!(text.starts_with("Your privacy is important to WPS Software Pte. Ltd. and its affiliates (\"We\" or \"WPS\" or \"WPS Office\")"));
    assert!(text.ends_with(
        "which explains how we use any personal data (“information”) we collect about you."
    ));

    assert_eq!(
        doc.sentence_text(&doc.sentences[0]),
        "We will not collect payment information."
    );
    assert_eq!(
        doc.sentence_text(&doc.sentences[1]),
        "The data will be transmitted to third-party payment platform."
    );

    let s = find(&doc, "We comply with the EU-U.S.");
    assert_eq!(
        doc.sentence_text(s),
        "We comply with the EU-U.S. Privacy Shield Framework and the Swiss-U.S. Privacy Shield Framework (“Framework”) regarding the collection, use, and retention of personal data."
    );
}

#[test]
fn wps_headings_and_paths() {
    let doc = seed("wps-office-2020.txt");
    let location = heading_index(&doc, "Location Data");
    let section = heading_index(&doc, "What Information We Collect about You");
    assert_eq!(doc.headings[location].parent, Some(section));
    let s = find(
        &doc,
        "When you use our Services, our third party services providers",
    );
    assert_eq!(
        doc.heading_path(s),
        ["What Information We Collect about You", "Location Data"]
    );

    let s = find(
        &doc,
        "Generally, we share the Service Information with direct or 3rd party Advertisement Providers",
    );
    assert_eq!(
        doc.heading_path(s),
        [
            "Who We Share Your Information with",
            "Information Shared with Our Advertisement Providers"
        ]
    );
    let s = find(
        &doc,
        "We may disclose any information about you to government",
    );
    assert_eq!(
        doc.heading_path(s),
        [
            "Who We Share Your Information with",
            "Information Required by Law"
        ]
    );

    let sections: Vec<&str> = doc
        .headings
        .iter()
        .enumerate()
        .filter(|(_, h)| h.level == 2)
        .map(|(i, _)| doc.heading_text(i))
        .collect();
    assert_eq!(
        sections,
        [
            "Introduction",
            "About Us",
            "Revision to this Privacy Policy",
            "What Information We Collect about You",
            "How We Use Your Information",
            "Collection and Use of Non-Personal Data",
            "Who We Share Your Information with",
            "Transnational Data Transfer",
            "Your Rights in relation to Our Use of Your Information",
            "The Security and Storage of Your Information",
            "How Long We Keep Your Information",
            "Our Policy Towards Children",
            "Links to Other Sites",
            "Contact Information",
        ]
    );
    // Headings are never sentences.
    for s in &doc.sentences {
        assert!(!doc.headings.iter().any(|h| h.start == s.start));
    }
}

#[test]
fn wps_technical_data_list() {
    let doc = seed("wps-office-2020.txt");
    let lead_text = "The technical data collected by WPS and the aforementioned third-party services providers may include:";
    let s = find(
        &doc,
        "Your devices or software data, such as your Internet Protocol",
    );
    assert_eq!(s.kind, BlockKind::ListItem);
    assert_eq!(lead(&doc, s).as_deref(), Some(lead_text));
    for start in ["Your operation data, such as", "The metadata shared by you"] {
        let s = find(&doc, start);
        assert_eq!(s.kind, BlockKind::ListItem);
        assert_eq!(lead(&doc, s).as_deref(), Some(lead_text));
    }
    let after = find(&doc, "Our servers automatically record certain data");
    assert_eq!(after.kind, BlockKind::Paragraph);

    // "It describes:" introduces lowercase items, including the ones after a blank line.
    let s = find(&doc, "how long we keep your information.");
    assert_eq!(s.kind, BlockKind::ListItem);
    assert_eq!(lead(&doc, s).as_deref(), Some("It describes:"));
}
