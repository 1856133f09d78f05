//! What the graph must say about the two seed policies (issue: end to end on the seeds).
//! Each assertion is a fact a reader of the policy can check against its text.

use std::path::PathBuf;

use sharegraph::extract::{Action, PartyKind, Polarity, Statement};
use sharegraph::graph::ShareGraph;
use sharegraph::lexicon::Lexicon;
use sharegraph::pipeline::{self, Options};
use sharegraph::query::{self, Filter};

fn lexicon() -> Lexicon {
    Lexicon::embedded().expect("embedded lexicon")
}

fn seed(name: &str) -> Vec<Statement> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("data/policies")
        .join(name);
    let input = pipeline::Input::file(path);
    pipeline::analyze(&input, &lexicon(), &Options::default())
        .expect("seed is readable")
        .extraction
        .statements
}

fn has(statements: &[Statement], f: impl Fn(&Statement) -> bool) -> bool {
    statements.iter().any(f)
}

fn first_party_collects(statements: &[Statement], data: &str) -> bool {
    has(statements, |s| {
        s.action == Action::Collect
            && s.party_kind == PartyKind::FirstParty
            && s.polarity == Polarity::Positive
            && s.data == data
    })
}

fn receives(statements: &[Statement], party: &str, data: &str) -> bool {
    has(statements, |s| {
        s.is_recipient() && s.party == party && s.data == data
    })
}

fn source_of(statements: &[Statement], party: &str, data: &str) -> bool {
    has(statements, |s| {
        s.action == Action::ReceiveFrom
            && s.polarity == Polarity::Positive
            && s.party == party
            && s.data == data
    })
}

#[test]
fn apowersoft_vendor_and_first_party_collection() {
    let st = seed("apowersoft-2018.md");
    assert!(
        st.iter().all(|s| s.vendor == "Apowersoft"),
        "vendor is Apowersoft"
    );
    for data in [
        "email-address",
        "purchase-history",
        "ip-address",
        "cookies",
        "isp",
        "referring-pages",
        "operating-system",
        "clickstream",
        "timestamps",
        "browser-type",
        "uploaded-files",
    ] {
        assert!(
            first_party_collects(&st, data),
            "Apowersoft collects {data}"
        );
    }
}

#[test]
fn apowersoft_avangate_processes_cards_and_is_a_source() {
    let st = seed("apowersoft-2018.md");
    let card = st
        .iter()
        .find(|s| s.is_recipient() && s.party == "Avangate" && s.data == "payment-card")
        .expect("Avangate receives the credit card number");
    assert_eq!(card.party_kind, PartyKind::Named);
    assert_eq!(card.role, "payment");
    assert!(
        card.sentence.contains("processed by Avangate only"),
        "{}",
        card.sentence
    );
    assert!(
        source_of(&st, "Avangate", "purchase-history"),
        "purchase information comes from Avangate"
    );
    assert!(
        has(&st, |s| s.action == Action::Collect
            && s.party_kind == PartyKind::FirstParty
            && s.polarity == Polarity::Negative
            && s.data == "payment-card"),
        "Apowersoft does not receive the card number"
    );
}

#[test]
fn apowersoft_keeps_its_denial_and_has_no_false_recipients() {
    let st = seed("apowersoft-2018.md");
    let denial = st
        .iter()
        .find(|s| s.sentence.contains("do not send out any information"))
        .expect("the 'do not send out' sentence is a statement");
    assert_eq!(denial.polarity, Polarity::Negative);
    assert_eq!(denial.action, Action::Disclose);
    for data in ["ip-address", "email-address"] {
        let recipients: Vec<&str> = st
            .iter()
            .filter(|s| s.is_recipient() && s.data == data)
            .map(|s| s.party.as_str())
            .collect();
        assert!(
            recipients.is_empty(),
            "nobody receives {data} from Apowersoft, got {recipients:?}"
        );
    }
}

const ANALYTICS: [(&str, &str); 5] = [
    ("Google Analytics", "Google"),
    ("Firebase", "Google"),
    ("Facebook Analytics", "Meta"),
    ("Umeng", "Alibaba"),
    ("Flurry", "Yahoo"),
];

#[test]
fn wps_vendor() {
    let st = seed("wps-office-2020.txt");
    assert!(
        st.iter().all(|s| s.vendor == "WPS Office"),
        "vendor is WPS Office"
    );
}

#[test]
fn wps_named_analytics_parties() {
    let st = seed("wps-office-2020.txt");
    for (party, parent) in ANALYTICS {
        for data in ["ip-address", "approximate-location"] {
            let s = st
                .iter()
                .find(|s| s.is_recipient() && s.party == party && s.data == data)
                .unwrap_or_else(|| panic!("{party} receives {data}"));
            assert_eq!(s.party_kind, PartyKind::Named);
            assert_eq!(s.role, "analytics", "{party} is an analytics party");
            assert_eq!(s.parent, parent, "{party} belongs to {parent}");
            assert!(s.sentence.contains("rough geo-location"), "{}", s.sentence);
        }
        assert!(
            has(&st, |s| s.action == Action::ReceiveFrom
                && s.party == party
                && s.sentence.contains("link your subscription information")),
            "WPS receives data from {party}"
        );
    }
}

#[test]
fn wps_tracking_tools_collect_device_data() {
    let st = seed("wps-office-2020.txt");
    for data in [
        "ip-address",
        "device-identifiers",
        "android-id",
        "advertising-id",
        "user-agent",
        "operating-system",
        "installed-apps",
        "ad-interactions",
    ] {
        assert!(
            has(&st, |s| s.is_recipient()
                && s.party_kind == PartyKind::Class
                && s.data == data
                && s.sentence.contains("Internet Protocol")),
            "third-party tracking/SDK providers collect {data}"
        );
    }
}

#[test]
fn wps_party_classes() {
    let st = seed("wps-office-2020.txt");
    let class = |role: &str, data: &str| {
        st.iter()
            .find(|s| {
                s.is_recipient()
                    && s.party_kind == PartyKind::Class
                    && s.role == role
                    && s.data == data
            })
            .unwrap_or_else(|| panic!("a {role} class receives {data}"))
            .clone()
    };
    class("payment", "payment-information");
    assert!(
        has(&st, |s| s.party_kind == PartyKind::FirstParty
            && s.polarity == Polarity::Negative
            && s.data == "payment-information"),
        "WPS will not collect payment information"
    );
    class("advertising", "cookies");
    class("advertising", "app-usage");
    let pii = st
        .iter()
        .filter(|s| {
            s.is_recipient() && s.role == "service-provider" && s.data == "personal-information"
        })
        .collect::<Vec<_>>();
    assert!(
        pii.iter()
            .any(|s| s.sentence.contains("have access to your PII") && !s.purpose.is_empty())
    );
    assert!(
        pii.iter()
            .any(|s| s.sentence.contains("conduct these surveys")),
        "survey providers get PII"
    );
    assert_eq!(
        class("acquirer", "personal-information").condition,
        "business-transfer"
    );
    assert_eq!(
        class("government", "personal-information").condition,
        "legal-requirement"
    );
    class("affiliate", "personal-information");
    let research = class("unspecified", "aggregated-data");
    assert_eq!(research.condition, "aggregated");
    assert!(research.sentence.contains("industry research"));
}

#[test]
fn wps_social_accounts_are_sources_not_recipients() {
    let st = seed("wps-office-2020.txt");
    for party in ["Google", "Facebook", "Twitter"] {
        for data in ["name", "email-address"] {
            assert!(
                source_of(&st, party, data),
                "WPS receives {data} from {party}"
            );
            assert!(
                !receives(&st, party, data),
                "{party} does not receive {data}"
            );
        }
    }
}

#[test]
fn who_receives_ip_addresses_over_both_seeds() {
    let lexicon = lexicon();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/policies");
    let (inputs, errors) = pipeline::expand(&[dir]);
    assert!(errors.is_empty());
    let (graph, errors): (ShareGraph, _) =
        pipeline::build_graph(&inputs, &lexicon, &Options::default());
    assert!(errors.is_empty());
    let hits = query::who_receives(
        &graph.statements,
        &lexicon,
        "ip-address",
        false,
        &Filter::default(),
    );
    for (party, _) in ANALYTICS {
        assert!(
            hits.iter().any(|h| h.statement.party == party),
            "{party} is listed"
        );
    }
    assert!(
        hits.iter()
            .any(|h| h.statement.party_kind == PartyKind::Class
                && h.statement.sentence.contains("Log Data")),
        "the third parties that analyse Log Data are listed"
    );
    assert!(
        hits.iter().all(|h| h.statement.party != "Avangate"),
        "never Avangate"
    );
    assert!(
        hits.iter()
            .all(|h| !h.statement.sentence.is_empty() && h.statement.end > h.statement.start)
    );
}
