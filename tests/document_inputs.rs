//! Input edge cases (encodings, binary, empty), sentence splitting on legal prose, mojibake repair.

use sharegraph::document::mojibake::repair;
use sharegraph::document::{Document, DocumentError, Format, parse};

fn doc(name: &str, bytes: &[u8]) -> Document {
    match parse(name, bytes, None) {
        Ok(d) => d,
        Err(e) => panic!("{name}: {e}"),
    }
}

fn sentences(d: &Document) -> Vec<&str> {
    d.sentences.iter().map(|s| d.sentence_text(s)).collect()
}

/// Sentences of one HTML paragraph (HTML, so no plain-text line heuristics interfere).
fn split(paragraph: &str) -> Vec<String> {
    let d = doc("t.html", format!("<p>{paragraph}</p>").as_bytes());
    sentences(&d).into_iter().map(str::to_string).collect()
}

// ---------------------------------------------------------------- encodings and odd inputs

#[test]
fn utf8_bom_is_stripped() {
    let d = doc(
        "a.txt",
        b"\xEF\xBB\xBFWe collect your name and your e-mail address.",
    );
    assert_eq!(
        sentences(&d),
        ["We collect your name and your e-mail address."]
    );
    assert!(d.warnings.is_empty());
}

#[test]
fn utf16_with_bom() {
    let text = "We share data with “partners”.\nWe also share it with Ünïcödé Corp. affiliates.";
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        le.extend(unit.to_le_bytes());
        be.extend(unit.to_be_bytes());
    }
    for bytes in [le, be] {
        let d = doc("a.txt", &bytes);
        assert_eq!(
            sentences(&d),
            [
                "We share data with “partners”.",
                "We also share it with Ünïcödé Corp. affiliates."
            ]
        );
    }
}

#[test]
fn utf16_without_bom_is_detected() {
    let text = "<p>We collect your device identifier and your IP address.</p>";
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let d = doc("a.html", &bytes);
    assert_eq!(
        sentences(&d),
        ["We collect your device identifier and your IP address."]
    );
    assert!(d.warnings.iter().any(|w| w.contains("UTF-16")));
}

#[test]
fn invalid_utf8_is_lossy_with_a_warning_naming_the_file() {
    let mut bytes = "We collect your name and the café you visit. Then we share it."
        .as_bytes()
        .to_vec();
    bytes.insert(10, 0xFF);
    let d = doc("broken.txt", &bytes);
    assert_eq!(d.sentences.len(), 2);
    assert!(d.text.contains('\u{FFFD}'));
    assert!(d.text.contains("café"));
    assert!(
        d.warnings
            .iter()
            .any(|w| w.contains("broken.txt") && w.contains("UTF-8"))
    );
}

#[test]
fn latin1_file_is_decoded_as_windows_1252() {
    let d = doc(
        "latin.txt",
        b"We share data with our caf\xe9 partners \x96 always.",
    );
    assert_eq!(
        sentences(&d),
        ["We share data with our café partners – always."]
    );
    assert!(
        d.warnings
            .iter()
            .any(|w| w.contains("latin.txt") && w.contains("Windows-1252"))
    );
}

#[test]
fn binary_files_are_unreadable() {
    let cases: [(&[u8], &str); 4] = [
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "binary file (PNG image), not a policy",
        ),
        (
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
            "binary file (PDF document), not a policy",
        ),
        (
            b"PK\x03\x04\x14\x00\x06\x00",
            "binary file (ZIP archive or Office document), not a policy",
        ),
        (
            b"\x00\x01\x02\x03\x00\x00\x00\x05\x06\x07\x00\x00",
            "binary file (unknown binary data), not a policy",
        ),
    ];
    for (bytes, reason) in cases {
        match parse("image.txt", bytes, None) {
            Err(DocumentError::Unreadable { path, reason: r }) => {
                assert_eq!(path, "image.txt");
                assert_eq!(r, reason);
            }
            other => panic!("expected Unreadable, got {other:?}"),
        }
    }
}

#[test]
fn empty_and_whitespace_only_give_empty_documents() {
    for (name, bytes) in [
        ("e.txt", &b""[..]),
        ("e.html", b""),
        ("e.md", b""),
        ("w.txt", b"  \n\t\n  \r\n"),
        ("w.html", b"<html><body> &nbsp; <p> </p></body></html>"),
        ("w.md", b"\n\n   \n"),
        ("p.txt", b"*** --- ... !!!"),
    ] {
        let d = doc(name, bytes);
        assert!(d.sentences.is_empty(), "{name}: {:?}", d.sentences);
        assert!(d.headings.is_empty(), "{name}");
    }
}

#[test]
fn crlf_line_endings() {
    let d = doc(
        "a.md",
        b"# Title\r\n\r\nWe collect data.\r\nWe share it.\r\n",
    );
    assert_eq!(d.title.as_deref(), Some("Title"));
    assert_eq!(sentences(&d), ["We collect data.", "We share it."]);
    assert!(!d.text.contains('\r'));
}

#[test]
fn explicit_format_overrides_detection() {
    let d = match parse("a.txt", b"# Not a heading here", Some(Format::Text)) {
        Ok(d) => d,
        Err(e) => panic!("{e}"),
    };
    assert_eq!(d.format, Format::Text);
    assert!(d.text.contains('#'));
}

#[test]
fn txt_that_is_html_or_markdown_is_detected() {
    assert_eq!(
        doc(
            "a.txt",
            b"<html><body><p>We collect data.</p></body></html>"
        )
        .format,
        Format::Html
    );
    assert_eq!(
        doc(
            "a.txt",
            b"# Policy\n\n* item one\n* item two\n\nSee [us](http://x.y)."
        )
        .format,
        Format::Markdown
    );
    assert_eq!(
        doc("a.txt", b"Policy\nWe collect data.\n").format,
        Format::Text
    );
}

#[test]
fn deeply_nested_html_does_not_overflow() {
    let depth = 100_000;
    let mut html = "<div>".repeat(depth);
    html.push_str("<p>We share data with advertisers.</p>");
    html.push_str(&"</div>".repeat(depth));
    html.push_str(&"<ul><li>".repeat(depth));
    html.push_str("Deep item.");
    let d = doc("deep.html", html.as_bytes());
    assert_eq!(
        sentences(&d),
        ["We share data with advertisers.", "Deep item."]
    );
    let md = format!("{}We share data.", "> ".repeat(depth));
    assert_eq!(
        sentences(&doc("deep.md", md.as_bytes())),
        ["We share data."]
    );
}

// ---------------------------------------------------------------- sentence splitting

#[test]
fn company_suffixes_do_not_split() {
    assert_eq!(
        split("Your privacy is important to WPS Software Pte. Ltd. and its affiliates. We care."),
        [
            "Your privacy is important to WPS Software Pte. Ltd. and its affiliates.",
            "We care."
        ]
    );
    assert_eq!(
        split(
            "Apple Inc. is a company. Acme Co. Ltd. and Foo Corp. agree. Data goes to Google LLC. We share it."
        ),
        [
            "Apple Inc. is a company.",
            "Acme Co. Ltd. and Foo Corp. agree.",
            "Data goes to Google LLC.",
            "We share it."
        ]
    );
}

#[test]
fn latin_and_dotted_abbreviations() {
    assert_eq!(
        split("See e.g. Google and i.e. Meta for details."),
        ["See e.g. Google and i.e. Meta for details."]
    );
    assert_eq!(
        split("We use cookies, pixels, etc. and similar tools. We keep logs etc. We delete them."),
        [
            "We use cookies, pixels, etc. and similar tools.",
            "We keep logs etc.",
            "We delete them."
        ]
    );
    assert_eq!(
        split(
            "We store data in the U.S. and the U.K. under the EU-U.S. Data Privacy Framework. Next sentence."
        ),
        [
            "We store data in the U.S. and the U.K. under the EU-U.S. Data Privacy Framework.",
            "Next sentence."
        ]
    );
    assert_eq!(
        split("Data is stored in the U.S. We also use servers in Japan."),
        [
            "Data is stored in the U.S.",
            "We also use servers in Japan."
        ]
    );
}

#[test]
fn references_titles_and_initials() {
    assert_eq!(
        split("See No. 5 and Sec. 3 of Art. 6 GDPR. Then vs. now."),
        ["See No. 5 and Sec. 3 of Art. 6 GDPR.", "Then vs. now."]
    );
    assert_eq!(
        split("Mr. Smith and Dr. Jones met in St. Louis with J. R. Tolkien. They left."),
        [
            "Mr. Smith and Dr. Jones met in St. Louis with J. R. Tolkien.",
            "They left."
        ]
    );
}

#[test]
fn numbers_urls_and_emails() {
    assert_eq!(
        split("Version 4.2 was released. Contact privacy@wps.com. Visit www.wps.com. Done."),
        [
            "Version 4.2 was released.",
            "Contact privacy@wps.com.",
            "Visit www.wps.com.",
            "Done."
        ]
    );
    assert_eq!(
        split(
            "Read https://example.com/privacy.html for more. Users under the age of 13. We do not collect."
        ),
        [
            "Read https://example.com/privacy.html for more.",
            "Users under the age of 13.",
            "We do not collect."
        ]
    );
    assert_eq!(
        split("Is it shared? Never! Really."),
        ["Is it shared?", "Never!", "Really."]
    );
    assert_eq!(
        split("He said “We share.” Then he left."),
        ["He said “We share.”", "Then he left."]
    );
}

#[test]
fn missing_space_after_period() {
    assert_eq!(
        split(
            "We will not collect payment information.The data will be transmitted to third-party payment platform."
        ),
        [
            "We will not collect payment information.",
            "The data will be transmitted to third-party payment platform."
        ]
    );
    // Not inside names, domains or abbreviations.
    assert_eq!(
        split("We use ASP.NET and e.g.Google on wps.com pages."),
        ["We use ASP.NET and e.g.Google on wps.com pages."]
    );
}

#[test]
fn enumerations_split_only_when_items_are_long() {
    assert_eq!(
        split(
            "We may share data (i) with consent, (ii) for legal reasons, or (iii) with affiliates."
        ),
        ["We may share data (i) with consent, (ii) for legal reasons, or (iii) with affiliates."]
    );
    assert_eq!(
        split(
            "We may use your data: (i) to provide, operate and maintain the services that you have requested from us and our partners; \
             (ii) to communicate with you about updates, security alerts and support messages related to your account; \
             and (iii) to detect, investigate and prevent fraudulent transactions and other illegal activities on our services."
        ),
        [
            "We may use your data: (i) to provide, operate and maintain the services that you have requested from us and our partners;",
            "(ii) to communicate with you about updates, security alerts and support messages related to your account;",
            "and (iii) to detect, investigate and prevent fraudulent transactions and other illegal activities on our services.",
        ]
    );
    // A user(s) suffix is no enumerator.
    assert_eq!(
        split("The user(s) and the (a) item."),
        ["The user(s) and the (a) item."]
    );
}

#[test]
fn semicolons_split_only_between_long_clauses() {
    assert_eq!(
        split("We collect names; we collect emails."),
        ["We collect names; we collect emails."]
    );
    let left = "We collect the information that you provide to us when you register for an account or contact our support team";
    let right = "we share this information with service providers who host our servers and send e-mails on our behalf today.";
    assert_eq!(
        split(&format!("{left}; {right}")),
        [format!("{left};"), right.to_string()]
    );
}

#[test]
fn long_sentences_are_cut() {
    let clause = "we share your device identifiers with advertising partners for measurement";
    let long = format!("{}.", vec![clause; 40].join(", "));
    let out = split(&long);
    assert!(out.len() > 1);
    assert!(
        out.iter().all(|s| s.len() <= 1000),
        "{:?}",
        out.iter().map(String::len).collect::<Vec<_>>()
    );
    assert_eq!(out.join(" "), long);
}

#[test]
fn punctuation_only_blocks_have_no_sentences() {
    let d = doc(
        "p.html",
        b"<p>***</p><p>We collect data.</p><p> - | - </p><li>...</li>",
    );
    assert_eq!(sentences(&d), ["We collect data."]);
}

// ---------------------------------------------------------------- mojibake

fn fixed(s: &str) -> String {
    repair(s).0.into_owned()
}

#[test]
fn complete_mojibake_sequences() {
    assert_eq!(fixed("provider â€“ Avangate"), "provider – Avangate");
    assert_eq!(fixed("donâ€™t"), "don’t");
    assert_eq!(
        fixed("the â€œServicesâ€\u{9d} we offer"),
        "the “Services” we offer"
    );
    assert_eq!(fixed("cafÃ© and rÃ©sumÃ©"), "café and résumé");
    assert_eq!(fixed("Â© 2020 WPS"), "© 2020 WPS");
    assert_eq!(fixed("Hello.Â World"), "Hello. World");
    assert_eq!(fixed("price:Â\u{a0}5"), "price:\u{a0}5");
    assert_eq!(fixed("double ÃƒÂ© encoded"), "double é encoded");
    assert_eq!(fixed("emoji ðŸ˜€"), "emoji 😀");
}

#[test]
fn damaged_wps_forms() {
    assert_eq!(
        fixed("personal data (âinformationâ) we collect"),
        "personal data (“information”) we collect"
    );
    assert_eq!(
        fixed("weâll collect and youâve logged in"),
        "we’ll collect and you’ve logged in"
    );
    assert_eq!(
        fixed("the Userâs IP and our Usersâ needs"),
        "the User’s IP and our Users’ needs"
    );
    assert_eq!(
        fixed("Weâre not responsible; donât worry"),
        "We’re not responsible; don’t worry"
    );
    assert_eq!(
        fixed("a âThird-party Serviceâ)."),
        "a “Third-party Service”)."
    );
    assert_eq!(fixed("donâ€t"), "don’t");
    assert_eq!(
        fixed(
            "under the age of 16 years ï¼or otherwise provided by the related jurisdictionï¼ and we"
        ),
        "under the age of 16 years (or otherwise provided by the related jurisdiction) and we"
    );
    assert_eq!(
        fixed("a child under 16ï¼or otherwiseï¼, you"),
        "a child under 16 (or otherwise), you"
    );
}

#[test]
fn correct_text_is_untouched() {
    for s in [
        "résumé, café, naïve, Zürich, São Paulo, Ærøskøbing",
        "“correct” ‘quotes’ – dashes — and … ellipses © ® ™ €",
        "l'âge du château, la pâte et le théâtre",
        "Ça coûte cher à Paris.",
        "Fuß… Größe",
        "« activité »",
        "Tiếng Việt có nhiều dấu: cân, tâm, lâu.",
        "Русский текст и 中文 和 日本語",
    ] {
        let (out, n) = repair(s);
        assert_eq!(out, s);
        assert_eq!(n, 0, "{s}");
    }
}

#[test]
fn repair_is_idempotent() {
    for s in [
        "donâ€™t âinformationâ weâll Ã© Â© ï¼xï¼ ÃƒÂ©",
        "â â â",
        "âââinformationâââ",
        "Ã\u{83}Â©Ã",
        "ï¼ï¼ï¼",
        "Â Â Â",
    ] {
        let once = fixed(s);
        assert_eq!(fixed(&once), once, "{s:?}");
    }
}

#[test]
fn repairs_are_reported_in_notes() {
    let d = doc("m.txt", "We donâ€™t sell data to âpartnersâ.".as_bytes());
    assert_eq!(sentences(&d), ["We don’t sell data to “partners”."]);
    assert!(d.warnings.is_empty(), "a repair is not a problem");
    assert!(
        d.notes
            .iter()
            .any(|w| w.contains("m.txt") && w.contains("mojibake"))
    );
    let d = doc(
        "ok.txt",
        "We don’t sell data to “partners” in Zürich.".as_bytes(),
    );
    assert!(d.warnings.is_empty() && d.notes.is_empty());
}

#[test]
fn pathological_inputs_stay_linear() {
    let n = 200_000;
    let started = std::time::Instant::now();
    let cases: Vec<(&str, String)> = vec![
        ("a.md", "[".repeat(n)),
        ("a.md", "` ".repeat(n / 2)),
        ("a.md", "<a ".repeat(n / 3)),
        ("a.txt", "a.B".repeat(n / 3)),
        ("a.html", format!("<p>{}</p>", "(a) (b) ".repeat(n / 8))),
        ("a.html", format!("<p>{}</p>", "x; ".repeat(n / 3))),
        ("a.html", "<b>".repeat(n / 3)),
        ("a.html", "<".repeat(n)),
        ("a.txt", "â".repeat(n / 2)),
        ("a.txt", "Title Line\n".repeat(n / 11)),
    ];
    for (name, src) in &cases {
        let d = doc(name, src.as_bytes());
        assert!(d.sentences.iter().all(|s| s.end - s.start <= 1000 + 8));
    }
    // Generous even for a debug build; quadratic behaviour would take minutes.
    assert!(
        started.elapsed().as_secs() < 60,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn legal_citations_glued_domains_and_bullets() {
    assert_eq!(
        split("Under Cal. Civ. Code § 1798.83, residents may ask. We answer."),
        [
            "Under Cal. Civ. Code § 1798.83, residents may ask.",
            "We answer."
        ]
    );
    assert_eq!(
        split("Visit www.AllParenting.com today."),
        ["Visit www.AllParenting.com today."]
    );
    assert_eq!(
        split("• We collect names • We collect e-mail addresses"),
        ["We collect names", "We collect e-mail addresses"]
    );
    assert_eq!(split("- *Cookies: small files."), ["Cookies: small files."]);
}

#[test]
fn inline_letter_enumerators_and_single_capitals() {
    assert_eq!(
        split(
            "We collect: a. Account Information – your name. b. User Content – your posts. ii. Where required."
        ),
        [
            "We collect: a. Account Information – your name.",
            "b. User Content – your posts.",
            "ii. Where required."
        ]
    );
    assert_eq!(
        split("We link to Instagram, Facebook, and X. If you click a link, they get data."),
        [
            "We link to Instagram, Facebook, and X.",
            "If you click a link, they get data."
        ]
    );
    assert_eq!(
        split("See e.g. Section A. Data is kept."),
        ["See e.g. Section A. Data is kept."]
    );
}

#[test]
fn preformatted_text_keeps_lines_paragraphs_and_bullets() {
    let html = "<pre>1. Information We Collect\nSuch information includes:\n- Device information. We log your IP address.\n- Usage data.\nMost browsers accept cookies.\n\n2. Sharing\nWe share data with partners.</pre>";
    let d = doc("pre.html", html.as_bytes());
    let heads: Vec<&str> = (0..d.headings.len()).map(|i| d.heading_text(i)).collect();
    assert_eq!(heads, ["1. Information We Collect", "2. Sharing"]);
    let got: Vec<(String, Option<&str>)> = d
        .sentences
        .iter()
        .map(|s| (d.sentence_text(s).to_string(), d.lead_in_text(s)))
        .collect();
    let lead = Some("Such information includes:");
    assert_eq!(
        got,
        [
            ("Such information includes:".to_string(), None),
            ("Device information.".to_string(), lead),
            ("We log your IP address.".to_string(), lead),
            ("Usage data.".to_string(), lead),
            // A capitalised line without a bullet ends a bulleted list.
            ("Most browsers accept cookies.".to_string(), None),
            ("We share data with partners.".to_string(), None),
        ]
    );
}
