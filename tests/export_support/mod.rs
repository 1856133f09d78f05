//! The hand-made two-vendor graph the export tests share (shaped like the project's seeds), built
//! from statements and a small hand-made lexicon, so the tests depend on neither the extractor nor
//! the embedded lexicon data.
#![allow(dead_code)]

use std::path::PathBuf;

use sharegraph::extract::{Action, PartyKind, Polarity, Statement};
use sharegraph::graph::ShareGraph;
use sharegraph::lexicon::{Category, Lexicon, Party};

fn category(id: &str, parent: Option<&str>, label: &str, opp115: &str) -> Category {
    Category {
        id: id.to_string(),
        parent: parent.map(str::to_string),
        label: label.to_string(),
        fideslang: String::new(),
        opp115_type: opp115.to_string(),
        phrases: Vec::new(),
    }
}

fn party(name: &str, role: &str, parent: Option<&str>) -> Party {
    Party {
        name: name.to_string(),
        aliases: Vec::new(),
        role: role.to_string(),
        parent: parent.map(str::to_string),
        domain: None,
        ambiguous: false,
    }
}

pub fn lexicon() -> Lexicon {
    let categories = vec![
        category(
            "personal-information",
            None,
            "Personal information",
            "Generic personal information",
        ),
        category(
            "identifiers",
            Some("personal-information"),
            "Identifiers",
            "Unique identifier",
        ),
        category(
            "ip-address",
            Some("identifiers"),
            "IP address",
            "Computer information",
        ),
        category(
            "device-id",
            Some("identifiers"),
            "Device ID",
            "Unique identifier",
        ),
        category(
            "advertising-id",
            Some("identifiers"),
            "Advertising ID",
            "Unique identifier",
        ),
        category(
            "cookies",
            Some("identifiers"),
            "Cookies",
            "Cookies and tracking elements",
        ),
        category(
            "contact",
            Some("personal-information"),
            "Contact information",
            "Contact",
        ),
        category("email-address", Some("contact"), "Email address", "Contact"),
        category(
            "financial",
            Some("personal-information"),
            "Financial information",
            "Financial",
        ),
        category(
            "payment-card",
            Some("financial"),
            "Payment card",
            "Financial",
        ),
        category(
            "purchase-history",
            Some("financial"),
            "Purchase history",
            "Financial",
        ),
        category(
            "location",
            Some("personal-information"),
            "Location",
            "Location",
        ),
        category(
            "approximate-location",
            Some("location"),
            "Approximate location",
            "Location",
        ),
        category(
            "usage-data",
            Some("personal-information"),
            "Usage data",
            "User online activities",
        ),
    ];
    let parties = vec![
        party("Avangate", "payment", Some("2Checkout")),
        party("2Checkout", "payment", None),
        party("Google Analytics", "analytics", Some("Google")),
        party("Firebase", "analytics", Some("Google")),
        party("Google", "advertising", None),
        party("Umeng", "analytics", Some("Alibaba")),
        party("Flurry", "analytics", Some("Yahoo")),
    ];
    Lexicon::from_parts(
        categories,
        parties,
        Vec::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    )
}

/// A statement with the fields most tests vary; the rest filled plausibly.
pub fn stmt(
    vendor: &str,
    action: Action,
    data: &str,
    party: &str,
    kind: PartyKind,
    role: &str,
) -> Statement {
    let policy = if vendor == "Apowersoft" {
        "apowersoft-2018.md"
    } else {
        "wps-office-2020.txt"
    };
    let (party, role) = if kind == PartyKind::FirstParty {
        (vendor, "")
    } else {
        (party, role)
    };
    Statement {
        policy: policy.into(),
        vendor: vendor.into(),
        action,
        polarity: Polarity::Positive,
        data: data.into(),
        opp115_type: "".into(),
        party: party.into(),
        party_kind: kind,
        role: role.into(),
        parent: "".into(),
        purpose: "".into(),
        condition: "".into(),
        sentence: "".into(),
        start: 0,
        end: 0,
        data_text: data.replace('-', " ").into(),
        party_text: party.into(),
        heading: "".into(),
    }
}

fn with(mut s: Statement, f: impl FnOnce(&mut Statement)) -> Statement {
    f(&mut s);
    s
}

fn evidence(mut s: Statement, sentence: &str, start: usize, heading: &str) -> Statement {
    s.sentence = sentence.into();
    s.start = start;
    s.end = start + sentence.len();
    s.heading = heading.into();
    s
}

/// The statements of the two seed-like policies.
pub fn statements() -> Vec<Statement> {
    use Action::*;
    use PartyKind::*;
    const A: &str = "Apowersoft";
    const W: &str = "WPS Office";
    let collect_a =
        "We collect your email address, IP address and cookies when you use our services.";
    let avangate = "Your payment card details are processed by Avangate, our online reseller.";
    let purchase = "We receive your purchase history from Avangate.";
    let not_sell = "We do not sell or rent your personal information to third parties.";
    let analytics = "We use analytics services such as Google Analytics, Firebase, Umeng and Flurry, \
                     which collect your device ID and usage data.";
    let ads = "Our advertisers may collect your device ID, advertising ID, IP address, cookies and \
               approximate location to show you \"relevant\" ads.";
    let sp =
        "We share your email address and usage data with service providers who work on our behalf.";
    let gov =
        "We may disclose your personal information to government authorities if required by law.";
    let acq =
        "In a merger or acquisition, your personal information may be transferred to the acquirer.";
    let no_email = "We do not share your email address with advertisers.";
    let collect_w = "WPS Office collects your device ID and usage data.";
    let mut out = vec![
        evidence(
            stmt(A, Collect, "email-address", "", FirstParty, ""),
            collect_a,
            120,
            "Information We Collect",
        ),
        evidence(
            stmt(A, Collect, "ip-address", "", FirstParty, ""),
            collect_a,
            120,
            "Information We Collect",
        ),
        evidence(
            stmt(A, Collect, "cookies", "", FirstParty, ""),
            collect_a,
            120,
            "Information We Collect",
        ),
        with(
            evidence(
                stmt(A, Disclose, "payment-card", "Avangate", Named, "payment"),
                avangate,
                410,
                "Payment",
            ),
            |s| {
                s.parent = "2Checkout".into();
                s.purpose = "essential.service.payment_processing".into();
            },
        ),
        with(
            evidence(
                stmt(
                    A,
                    ReceiveFrom,
                    "purchase-history",
                    "Avangate",
                    Named,
                    "payment",
                ),
                purchase,
                486,
                "Payment",
            ),
            |s| s.parent = "2Checkout".into(),
        ),
        with(
            evidence(
                stmt(
                    A,
                    Disclose,
                    "personal-information",
                    "third parties",
                    Class,
                    "",
                ),
                not_sell,
                600,
                "",
            ),
            |s| s.polarity = Polarity::Negative,
        ),
    ];
    for (name, parent) in [
        ("Google Analytics", "Google"),
        ("Firebase", "Google"),
        ("Umeng", "Alibaba"),
        ("Flurry", "Yahoo"),
    ] {
        for data in ["device-id", "usage-data"] {
            out.push(with(
                evidence(
                    stmt(W, Collect, data, name, Named, "analytics"),
                    analytics,
                    2048,
                    "Third-Party SDKs",
                ),
                |s| {
                    s.parent = parent.into();
                    s.purpose = "analytics".into();
                },
            ));
        }
    }
    for data in [
        "device-id",
        "advertising-id",
        "ip-address",
        "cookies",
        "approximate-location",
    ] {
        out.push(with(
            evidence(
                stmt(W, Collect, data, "advertisers", Class, "advertising"),
                ads,
                2300,
                "Information Shared with Our Advertisement Providers",
            ),
            |s| s.purpose = "marketing.advertising".into(),
        ));
    }
    for data in ["email-address", "usage-data"] {
        out.push(evidence(
            stmt(
                W,
                Disclose,
                data,
                "service providers",
                Class,
                "service-provider",
            ),
            sp,
            2500,
            "How We Share",
        ));
    }
    out.push(with(
        evidence(
            stmt(
                W,
                Disclose,
                "personal-information",
                "government",
                Class,
                "government",
            ),
            gov,
            2650,
            "How We Share",
        ),
        |s| s.condition = "legal-requirement".into(),
    ));
    out.push(with(
        evidence(
            stmt(
                W,
                Disclose,
                "personal-information",
                "acquirers",
                Class,
                "acquirer",
            ),
            acq,
            2760,
            "How We Share",
        ),
        |s| s.condition = "business-transfer".into(),
    ));
    out.push(with(
        evidence(
            stmt(
                W,
                Disclose,
                "email-address",
                "advertisers",
                Class,
                "advertising",
            ),
            no_email,
            2900,
            "",
        ),
        |s| s.polarity = Polarity::Negative,
    ));
    for data in ["device-id", "usage-data"] {
        out.push(evidence(
            stmt(W, Collect, data, "", FirstParty, ""),
            collect_w,
            300,
            "Information We Collect",
        ));
    }
    for s in &mut out {
        let lexicon = lexicon();
        s.opp115_type = lexicon
            .category(&s.data)
            .map_or("".into(), |c| c.opp115_type.as_str().into());
    }
    out
}

/// The hand-made two-vendor graph.
pub fn graph() -> ShareGraph {
    ShareGraph::from_statements(statements(), &lexicon())
}

/// A graph whose names contain everything that breaks naive writers.
pub fn hostile_graph(name: &str) -> ShareGraph {
    let mut s = stmt(
        "Evil \"Vendor\" \\ <b>&",
        Action::Disclose,
        "ip-address",
        name,
        PartyKind::Named,
        "role<&>\"",
    );
    s.parent = format!("{name} Holdings").into();
    s.sentence =
        format!("We share it with {name}, \"quoted\", commas, and\nnewlines\r\n too.").into();
    s.start = 3;
    s.end = 99;
    s.heading = "=SUM(A1:A2)".into();
    let mut first = stmt(
        "Evil \"Vendor\" \\ <b>&",
        Action::Collect,
        "ip-address",
        "",
        PartyKind::FirstParty,
        "",
    );
    first.sentence = "-1+1 ]]> \u{1}\u{7} control".into();
    ShareGraph::from_statements(vec![s, first], &lexicon())
}

pub const HOSTILE: &str = "=HYPERLINK(\"http://evil\",\"x\") \\ \n <b>&amp; ]]> '";

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/export")
        .join(name)
}

/// Compare `actual` with the golden file; with `UPDATE_GOLDEN=1`, rewrite the golden file instead.
pub fn assert_golden(name: &str, actual: &[u8]) {
    let path = fixture(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1") {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with UPDATE_GOLDEN=1 to create it)",
            path.display()
        )
    });
    if expected != actual {
        let actual_path = path.with_extension(format!(
            "{}.actual",
            path.extension()
                .map_or(String::new(), |e| e.to_string_lossy().into_owned())
        ));
        std::fs::write(&actual_path, actual).unwrap();
        panic!(
            "{} differs from the output (written to {}); if the change is intended, rerun with UPDATE_GOLDEN=1",
            path.display(),
            actual_path.display()
        );
    }
}
