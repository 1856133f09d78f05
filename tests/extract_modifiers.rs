//! Data named through modifiers: coordinated modifiers sharing one noun ("contact and
//! demographic information") and the aggregation words that belong to the data they stand
//! before ("aggregated demographic information"), not to the whole sentence. Sentences from
//! OPP-115 and apps-2024 policies, named.

use sharegraph::document::{self, Format};
use sharegraph::extract::{self, Action, Polarity, Statement};
use sharegraph::lexicon::Lexicon;

fn read(text: &str) -> Vec<Statement> {
    let lexicon = Lexicon::embedded().expect("embedded lexicon");
    let doc =
        document::parse("case.txt", text.as_bytes(), Some(Format::Text)).expect("text parses");
    extract::extract(&doc, &lexicon, Some("Acme")).statements
}

/// (action, data, party, condition) of every positive statement, sorted.
fn positives(st: &[Statement]) -> Vec<(Action, &str, &str, &str)> {
    let mut v: Vec<_> = st
        .iter()
        .filter(|s| s.polarity == Polarity::Positive)
        .map(|s| {
            (
                s.action,
                s.data.as_str(),
                s.party.as_str(),
                s.condition.as_str(),
            )
        })
        .collect();
    v.sort();
    v.dedup();
    v
}

#[test]
fn coordinated_modifiers_share_their_noun() {
    // OPP-115 70_meredith.com: "contact" alone is no data; "contact information" is.
    let st = read(
        "We may share certain contact and demographic information with selected third-party companies.",
    );
    assert_eq!(
        positives(&st),
        [
            (Action::Disclose, "contact-information", "Third parties", ""),
            (Action::Disclose, "demographic", "Third parties", ""),
        ]
    );
    // OPP-115 686_military.com: three modifiers, two of them known with "information".
    let st = read(
        "We disclose to third parties your personal information, combined personal, demographic, behavioral or indirect information.",
    );
    let disclosed: Vec<&str> = positives(&st)
        .into_iter()
        .filter(|s| s.0 == Action::Disclose)
        .map(|s| s.1)
        .collect();
    assert_eq!(
        disclosed,
        ["demographic", "online-activity", "personal-information"]
    );
}

#[test]
fn a_list_of_nouns_or_verbs_before_the_noun_adds_nothing() {
    let st = read("We collect your name, email and contact information.");
    assert_eq!(
        positives(&st),
        [
            (Action::Collect, "contact-information", "Acme", ""),
            (Action::Collect, "email-address", "Acme", ""),
            (Action::Collect, "name", "Acme", ""),
        ]
    );
    // apps-2024 110 Seizure Alert: "contact or give" share the object "information".
    let st =
        read("We may share information with the police to contact or give information to them.");
    assert!(
        st.iter().all(|s| s.data != "contact-information"),
        "{:?}",
        positives(&st)
    );
}

#[test]
fn aggregated_names_the_data_and_its_condition() {
    // OPP-115 1028_redorbit.com / 175_mlb.mlb.com: was "aggregated-data", now the category it
    // aggregates, under the aggregated condition.
    let st = read("We may share aggregated demographic information with third parties.");
    assert_eq!(
        positives(&st),
        [(
            Action::Disclose,
            "demographic",
            "Third parties",
            "aggregated"
        )]
    );
    let s = st
        .iter()
        .find(|s| s.data == "demographic")
        .expect("demographic");
    assert_eq!(s.data_text.as_str(), "aggregated demographic information");
}

#[test]
fn aggregated_reaches_its_list_only() {
    // apps-2024 137 Microsoft: the name and the email address are not aggregated.
    let st = read(
        "Administrator Data includes the name, address, phone number, and email address you provide, as well as aggregated usage data related to your account.",
    );
    let conditions: Vec<(&str, &str)> = positives(&st).into_iter().map(|s| (s.1, s.3)).collect();
    assert!(
        conditions.contains(&("app-usage", "aggregated")),
        "{conditions:?}"
    );
    for data in ["name", "email-address", "phone-number"] {
        assert!(conditions.contains(&(data, "")), "{data}: {conditions:?}");
    }
    // apps-2024 038 GlobalComix: "Anonymous" opens a list of two.
    let st = read(
        "Anonymous click stream and demographic information may also be shared with GlobalComix's advertisers and business partners.",
    );
    assert!(
        st.iter()
            .filter(|s| s.action == Action::Disclose)
            .all(|s| s.condition == "aggregated"),
        "{:?}",
        positives(&st)
    );
    assert!(
        st.iter()
            .any(|s| s.data == "demographic" && s.party == "Advertisers and ad networks")
    );
}
