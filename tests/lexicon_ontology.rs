//! Every node of PoliGraph's data ontology has a home in the taxonomy, and the taxonomy keeps
//! PoliGraph's parent/child relations where both ends map to different categories.

use sharegraph::lexicon::{Lexicon, MentionKind};

/// PoliGraph data node → our category id.
const POLIGRAPH: &[(&str, &str)] = &[
    ("advertising id", "advertising-id"),
    ("age", "age"),
    (
        "aggregate / deidentified / pseudonymized information",
        "aggregated-data",
    ),
    ("android id", "android-id"),
    ("anonymous identifier", "anonymous-identifier"),
    ("biometric information", "biometric"),
    ("browsing / search history", "browsing-history"),
    ("coarse geolocation", "approximate-location"),
    ("contact information", "contact-information"),
    ("cookie / pixel tag", "cookies-and-tracking"),
    ("credit / debit card number", "payment-card"),
    ("date of birth", "date-of-birth"),
    ("device identifier", "device-identifiers"),
    ("device information", "device-information"),
    ("driver's license number", "drivers-license"),
    ("email address", "email-address"),
    ("fingerprint", "fingerprint"),
    ("gender", "gender"),
    ("geolocation", "location"),
    ("government identifier", "government-id"),
    ("gsf id", "gsf-id"),
    ("hardware identifier", "hardware-identifiers"),
    ("identifier", "identifiers"),
    ("imei", "imei"),
    ("internet activity", "online-activity"),
    ("ip address", "ip-address"),
    ("mac address", "mac-address"),
    ("non-personal information", "aggregated-data"),
    ("package dump", "installed-apps"),
    ("passport number", "passport-number"),
    ("person name", "name"),
    ("personal characteristic", "personal-characteristics"),
    ("personal identifier", "identifiers"),
    ("personal information", "personal-information"),
    ("phone number", "phone-number"),
    ("postal address", "postal-address"),
    ("precise geolocation", "precise-location"),
    ("protected classification", "personal-characteristics"),
    ("race / ethnicity", "race-ethnicity"),
    ("router ssid", "router-ssid"),
    ("serial number", "serial-number"),
    ("sim serial number", "sim-serial-number"),
    ("software identifier", "software-identifiers"),
    ("ssn", "ssn"),
    ("voiceprint", "voiceprint"),
];

/// PoliGraph edges our single-parent tree deliberately does not follow (PoliGraph's ontology is a
/// DAG; device information and identifiers overlap, and it files IP addresses and cookies under
/// software identifiers).
const NOT_KEPT: &[(&str, &str)] = &[
    ("device information", "internet activity"),
    ("device information", "device identifier"),
    ("device information", "geolocation"),
    ("personal information", "personal identifier"),
    ("identifier", "personal identifier"),
    ("personal identifier", "contact information"),
    ("personal identifier", "ip address"),
    ("software identifier", "ip address"),
    ("software identifier", "cookie / pixel tag"),
    ("personal identifier", "credit / debit card number"),
    ("internet activity", "package dump"),
];

fn id_of(node: &str) -> &'static str {
    POLIGRAPH
        .iter()
        .find(|(n, _)| *n == node)
        .map(|(_, id)| *id)
        .unwrap_or_else(|| panic!("PoliGraph node {node:?} is not mapped"))
}

#[test]
fn every_poligraph_node_is_mapped_to_an_existing_category() {
    let lex = Lexicon::embedded().expect("loads");
    let nodes = include_str!("fixtures/lexicon/poligraph_data_nodes.txt");
    for node in nodes.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let id = id_of(node);
        assert!(lex.category(id).is_some(), "{node} → {id} does not exist");
    }
    for (node, id) in POLIGRAPH {
        assert!(
            nodes.lines().any(|l| l.trim() == *node),
            "{node} is not a PoliGraph node"
        );
        assert!(lex.category(id).is_some(), "{node} → {id} does not exist");
    }
}

#[test]
fn poligraph_edges_are_kept_or_listed() {
    let lex = Lexicon::embedded().expect("loads");
    let edges = include_str!("fixtures/lexicon/poligraph_data_edges.tsv");
    for line in edges.lines().skip(1) {
        let Some((parent, child)) = line.split_once('\t') else {
            continue;
        };
        let (parent, child) = (parent.trim(), child.trim());
        let (p, c) = (id_of(parent), id_of(child));
        if p == c || NOT_KEPT.contains(&(parent, child)) {
            continue;
        }
        assert!(
            lex.is_within(c, p),
            "PoliGraph has {parent} ⊃ {child}, but {c} is not under {p}"
        );
    }
}

/// The node names themselves (PoliGraph's readable labels) are found as their category.
#[test]
fn poligraph_labels_are_phrases() {
    let lex = Lexicon::embedded().expect("loads");
    // "geolocation" is precise location in this lexicon (PoliGraph uses it for location in general).
    let skip = [
        "identifier",
        "personal identifier",
        "personal characteristic",
        "protected classification",
        "package dump",
        "geolocation",
    ];
    for (node, id) in POLIGRAPH {
        if skip.contains(node) || node.contains(" / ") {
            continue;
        }
        let found: Vec<&str> = lex
            .find(node)
            .into_iter()
            .filter_map(|m| match m.kind {
                MentionKind::Category(i) if m.start == 0 && m.end == node.len() => {
                    Some(lex.categories[i].id.as_str())
                }
                _ => None,
            })
            .collect();
        assert_eq!(found, [*id], "{node}");
    }
}
