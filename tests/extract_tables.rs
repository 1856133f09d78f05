//! Table rows read through their headers: CCPA disclosure tables, lists of processors, GDPR
//! purpose tables. The rows are shortened from real policies (named on each test); each test
//! says what the row must and must not yield.

use sharegraph::document::{self, Format};
use sharegraph::extract::{self, Action, Polarity, Statement};
use sharegraph::lexicon::Lexicon;

fn read_html(html: &str) -> Vec<Statement> {
    let lexicon = Lexicon::embedded().expect("embedded lexicon");
    let doc = document::parse("case.html", html.as_bytes(), Some(Format::Html)).expect("parses");
    extract::extract(&doc, &lexicon, Some("Acme")).statements
}

/// A page with one table, and its header row as the document joins it.
fn table(header: &[&str], rows: &[&[&str]]) -> (String, String) {
    let cells = |tag: &str, row: &[&str]| {
        row.iter()
            .map(|c| format!("<{tag}>{c}</{tag}>"))
            .collect::<String>()
    };
    let mut html = String::from("<html><body><h1>Privacy Policy</h1><h2>Disclosures</h2><table>");
    html.push_str(&format!("<tr>{}</tr>", cells("th", header)));
    for row in rows {
        html.push_str(&format!("<tr>{}</tr>", cells("td", row)));
    }
    html.push_str("</table></body></html>");
    (html, header.join(" | "))
}

/// (action, data, party, purpose) of every statement read from a row (the header row, read as
/// sentences of its own, is left out), sorted.
fn facts(st: &[Statement], header: &str) -> Vec<(Action, String, String, String)> {
    let mut v: Vec<_> = st
        .iter()
        .filter(|s| !header.contains(s.sentence.as_str()))
        .inspect(|s| assert_eq!(s.polarity, Polarity::Positive, "{s:?}"))
        .map(|s| {
            (
                s.action,
                s.data.to_string(),
                s.party.to_string(),
                s.purpose.to_string(),
            )
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

fn fact(
    action: Action,
    data: &str,
    party: &str,
    purpose: &str,
) -> (Action, String, String, String) {
    (action, data.into(), party.into(), purpose.into())
}

/// Waking Up (apps-2024, 084): the CCPA table of disclosures by category.
#[test]
fn a_disclosure_table_gives_each_rows_data_to_its_recipients() {
    let (html, header) = table(
        &[
            "Category of Personal Information",
            "Category of Entities to Which It Was Disclosed",
        ],
        &[
            &[
                "Identifiers (e.g., name, email address)",
                "Affiliates; vendors and service providers",
            ],
            &[
                "Financial information (e.g., credit card numbers)",
                "Vendors and service providers.",
            ],
        ],
    );
    let st = read_html(&html);
    let d = Action::Disclose;
    assert_eq!(
        facts(&st, &header),
        [
            fact(d, "email-address", "Affiliates and group companies", ""),
            fact(d, "email-address", "Service providers", ""),
            fact(d, "financial-information", "Service providers", ""),
            fact(d, "identifiers", "Affiliates and group companies", ""),
            fact(d, "identifiers", "Service providers", ""),
            fact(d, "name", "Affiliates and group companies", ""),
            fact(d, "name", "Service providers", ""),
            fact(d, "payment-card", "Service providers", ""),
        ]
    );
    // The evidence is the row, cells joined as the document joins them.
    assert!(st.iter().any(|s| s.sentence.as_str()
        == "Financial information (e.g., credit card numbers) | Vendors and service providers."));
}

/// A list of processors: recipient, purpose and data columns. The vendor collects the data for
/// the purpose, and gives it to the processor.
#[test]
fn a_processor_table_gives_its_data_to_each_processor_for_its_purpose() {
    let (html, header) = table(
        &["Processor", "Purpose", "Data"],
        &[
            &["Stripe", "Payment processing", "Credit card details"],
            &["Google Analytics", "Analytics", "IP address"],
        ],
    );
    let (c, d) = (Action::Collect, Action::Disclose);
    assert_eq!(
        facts(&read_html(&html), &header),
        [
            fact(c, "ip-address", "Acme", "analytics"),
            fact(
                c,
                "payment-card",
                "Acme",
                "essential.service.payment_processing"
            ),
            fact(d, "ip-address", "Google Analytics", "analytics"),
            fact(
                d,
                "payment-card",
                "Stripe",
                "essential.service.payment_processing"
            ),
        ]
    );
}

/// Cash Frenzy (apps-2024, 015): a GDPR purpose table whose cells are several sentences; each
/// row's data is collected for that row's purposes, not those of the rows around it.
#[test]
fn a_purpose_table_collects_each_rows_data_for_its_purposes() {
    let (html, header) = table(
        &[
            "Purposes of Use",
            "Categories of Personal information",
            "EU/UK Lawful basis for processing",
        ],
        &[
            &[
                "Fraud prevention. To prevent spam or fraud.",
                "Identifiers and device information.",
                "Necessary for our legitimate interests.",
            ],
            &["Analytics.", "Usage data.", "Consent."],
        ],
    );
    let c = Action::Collect;
    assert_eq!(
        facts(&read_html(&html), &header),
        [
            fact(c, "app-usage", "Acme", "analytics"),
            fact(c, "device-information", "Acme", "essential.fraud_detection"),
            fact(
                c,
                "device-information",
                "Acme",
                "essential.service.security"
            ),
            fact(c, "identifiers", "Acme", "essential.fraud_detection"),
            fact(c, "identifiers", "Acme", "essential.service.security"),
        ]
    );
}

/// "Advertising networks" in a recipient cell names a party, not a purpose of the row.
#[test]
fn a_recipient_cell_lends_no_purpose() {
    let (html, _) = table(
        &[
            "Categories of Personal Information",
            "Categories of Third Parties",
        ],
        &[&[
            "Geolocation Data (e.g., approximate location)",
            "Advertising networks",
        ]],
    );
    let st = read_html(&html);
    assert!(!st.is_empty());
    assert!(st.iter().all(|s| s.purpose.as_str().is_empty()), "{st:?}");
}

/// Tables whose header names no recipient, purpose or yes/no column, or whose rows do not line
/// up with the header, state nothing through the header.
#[test]
fn tables_the_header_does_not_explain_state_nothing() {
    let (cookies, header) = table(
        &["Cookie", "Duration", "Description"],
        &[&["_ga", "2 years", "Google Analytics; IP address"]],
    );
    assert_eq!(facts(&read_html(&cookies), &header), []);
    let (merged, header) = table(
        &["Category of Personal Information", "Recipients", "Purpose"],
        &[&["Email address", "Service providers"]],
    );
    assert_eq!(facts(&read_html(&merged), &header), []);
}

/// Purple Ocean (apps-2024, 100): "Collected? | Sold?" answered per row. A "NO" denies the
/// practice (it was read as collecting before); "Not applicable" in another column does not
/// matter, and a row that answers no question states nothing.
#[test]
fn yes_no_columns_state_the_practice_or_deny_it() {
    let (html, header) = table(
        &[
            "Categories of personal information",
            "Business purpose",
            "Collected?",
            "Sold?",
        ],
        &[
            &["Biometric information", "Not applicable", "NO", "NO"],
            &["Geolocation data", "Analytics", "Yes", "No"],
            &["Email address", "Marketing", "Not applicable", "-"],
        ],
    );
    let mut got: Vec<(Action, Polarity, String, String)> = read_html(&html)
        .iter()
        .filter(|s| !header.contains(s.sentence.as_str()))
        .map(|s| {
            (
                s.action,
                s.polarity,
                s.data.to_string(),
                s.purpose.to_string(),
            )
        })
        .collect();
    got.sort();
    got.dedup();
    let row = |a, p, d: &str, u: &str| (a, p, d.to_string(), u.to_string());
    let (c, d) = (Action::Collect, Action::Disclose);
    let (yes, no) = (Polarity::Positive, Polarity::Negative);
    assert_eq!(
        got,
        [
            row(c, yes, "precise-location", "analytics"),
            row(c, no, "biometric", ""),
            row(d, no, "biometric", ""),
            row(d, no, "precise-location", "analytics"),
        ]
    );
}

/// A row that states a practice in its own words is read as a sentence, not through the header.
#[test]
fn a_row_with_its_own_verb_keeps_its_reading() {
    let (html, _) = table(
        &["Category", "Recipients"],
        &[&[
            "Email address",
            "We do not sell your email address to data brokers.",
        ]],
    );
    let st = read_html(&html);
    assert!(
        st.iter()
            .all(|s| s.action != Action::Disclose || s.polarity == Polarity::Negative)
    );
}

/// epocrates (apps-2024, 106): a CCPA table whose purpose cells are full of verbs ("To provide
/// the Services", "Where you have given us your consent"). What those say of their own (a
/// collection of "personal information") does not hide what the header makes of the row.
#[test]
fn verbs_in_a_purpose_cell_do_not_hide_the_rows_disclosure() {
    let (html, header) = table(
        &[
            "Categories of personal information collected",
            "Purposes for the collection of personal information",
            "Third parties with whom personal information may have been disclosed",
        ],
        &[&[
            "Identifiers; Geolocation data",
            "To provide the Services; Where you have given us your consent",
            "Service providers",
        ]],
    );
    let got = facts(&read_html(&html), &header);
    for data in ["identifiers", "precise-location"] {
        assert!(
            got.iter().any(|(a, d, p, _)| *a == Action::Disclose
                && d == data
                && p == "Service providers"),
            "{data}: {got:?}"
        );
    }
}

/// The Weather Channel (apps-2024, 171): a "Type of Vendor" column names kinds of business, not
/// parties. Each kind the lexicon knows as "… providers" is a class of recipients; the words
/// that named it are the cell's.
#[test]
fn a_kind_of_business_in_a_recipient_cell_is_a_class_of_recipients() {
    let (html, header) = table(
        &[
            "How We Use Personal Data",
            "Categories of Data Processed",
            "Type of Vendor",
        ],
        &[&[
            "Analyze and measure how you use the services",
            "Device information; Identifiers",
            "Advertising; Analytics; Sales",
        ]],
    );
    let st = read_html(&html);
    let mut recipients: Vec<(&str, &str)> = st
        .iter()
        .filter(|s| !header.contains(s.sentence.as_str()) && s.action == Action::Disclose)
        .filter(|s| s.data.as_str() == "identifiers")
        .map(|s| (s.party.as_str(), s.party_text.as_str()))
        .collect();
    recipients.sort();
    recipients.dedup();
    // "Sales providers" names no class: no recipient is made up.
    assert_eq!(
        recipients,
        [
            ("Advertisers and ad networks", "Advertising"),
            ("Analytics providers", "Analytics")
        ]
    );
}
