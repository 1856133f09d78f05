//! What a negation reaches. Sentences from real policies (OPP-115 and apps-2024, sources named)
//! that were read as denials, or whose denial was lost, each with all that it must yield: the
//! statements of a sentence are compared whole, so a wrong extra statement fails too.

use sharegraph::document::{self, Format};
use sharegraph::extract::{self, Statement};
use sharegraph::lexicon::Lexicon;

/// Each statement of `text` (one sentence), as "action polarity data → party".
fn read(text: &str) -> Vec<String> {
    let lexicon = Lexicon::embedded().expect("embedded lexicon");
    let doc =
        document::parse("case.txt", text.as_bytes(), Some(Format::Text)).expect("text parses");
    let statements: Vec<Statement> = extract::extract(&doc, &lexicon, Some("Acme")).statements;
    statements
        .iter()
        .map(|s| {
            let (action, polarity) = (s.action.as_str(), s.polarity.as_str());
            format!("{action} {polarity} {} → {}", s.data, s.party)
        })
        .collect()
}

#[test]
fn what_a_policy_does_not_apply_to_is_no_denial() {
    // highgearmedia.com (OPP-115): it was three denials of collection by advertisers.
    let st = read(
        "This privacy policy does not apply to information collected by advertisers, vendors or \
         other third parties whose content, ads or promotions appear on our Sites but who operate \
         independently.",
    );
    assert_eq!(st, Vec::<String>::new());
    // Temu (apps-2024): the scope ends where the vendor speaks again.
    let st = read(
        "If you revoke our ability to access information from a third-party platform, that \
         choice will not apply to information that we have already received from that third party.",
    );
    assert!(
        st.iter().all(|s| s.contains(" positive ")),
        "no denial of receiving: {st:?}"
    );
}

#[test]
fn what_the_vendor_does_not_control_or_answer_for_is_no_denial() {
    // Police Scanner (apps-2024), Snapchat (apps-2024).
    for sentence in [
        "We do not control how such third parties collect, use, share or secure your personal \
         information.",
        "We are not responsible for how those partners collect or use your information.",
        "We assume no liability or responsibility for disclosure of your information due to \
         errors in transmission, unauthorized third-party access, or other causes beyond our \
         control.",
    ] {
        assert_eq!(read(sentence), Vec::<String>::new(), "{sentence}");
    }
}

#[test]
fn a_denial_after_the_vendor_speaks_again_stays() {
    // Facer (apps-2024): "not directed to children" reaches no further than "and we".
    assert_eq!(
        read(
            "Our Services are not directed to children under 13 and we do not knowingly collect \
             PII from children under 13."
        ),
        ["collect negative personal-information → Acme"]
    );
}

#[test]
fn data_that_does_not_identify_you_still_flows() {
    // My Family Locator (apps-2024): it was a denial of collection.
    assert_eq!(
        read(
            "Anonymous aggregate statistics that do not personally identify the Users will be \
             kept and used by us for various purposes."
        ),
        ["collect positive aggregated-data → Acme"]
    );
    // Trucker Path (apps-2024): "no" before "personally identifiable" is the object's.
    assert_eq!(
        read(
            "No personally identifiable information about you is shared with third parties \
             through the use of Web Beacons on the Site."
        ),
        [
            "disclose negative personal-information → Third parties",
            "disclose negative web-beacons → Third parties"
        ]
    );
}

#[test]
fn a_request_or_advice_is_no_practice_but_what_it_mentions_may_be() {
    // Alpha Manga (apps-2024): both verbs are asked for; "share" was a denial of its own.
    assert_eq!(
        read(
            "You may request that we not sell or share your Personal Information to/with third parties."
        ),
        Vec::<String>::new()
    );
    // Alpha Manga: what "we have collected" is still collected.
    assert_eq!(
        read("You may request that we delete the personal information we have collected from you."),
        ["collect positive personal-information → Acme"]
    );
    // The New York Times, Switch Natural (apps-2024): advice, not a denial of sharing.
    assert_eq!(
        read("Do not share your password with anyone."),
        Vec::<String>::new()
    );
    assert_eq!(
        read("We strongly recommend that you do not share your password."),
        Vec::<String>::new()
    );
}

#[test]
fn a_negation_that_belongs_to_a_restriction_does_not_reach_the_practice() {
    // wnep.com (OPP-115): it was a denial of disclosing aggregated data.
    let st = read(
        "Our use and disclosure of aggregated, anonymized, and other non-personal information is \
         not subject to any restrictions under this Privacy Policy, and we may disclose it to \
         others without limitation for any purpose.",
    );
    assert!(
        st.iter().all(|s| !s.contains(" negative ")),
        "no denial: {st:?}"
    );
}

#[test]
fn a_verb_chained_to_a_hypothetical_one_is_hypothetical() {
    // Duolingo (apps-2024): "sold" was hypothetical, "rented" a disclosure.
    assert_eq!(
        read("Unclear whether personal information is sold or rented to third parties."),
        Vec::<String>::new()
    );
}

#[test]
fn a_right_the_vendor_reserves_is_a_practice() {
    // Ride with GPS, Purple Ocean (apps-2024), in short: "the right to" made it hypothetical.
    assert_eq!(
        read(
            "We reserve the right to disclose your personal information to law enforcement agencies."
        ),
        ["disclose positive personal-information → Government and law enforcement"]
    );
    // The consumer's right stays hypothetical.
    assert_eq!(
        read(
            "You have the right to opt out of the sale of your personal information to third parties."
        ),
        Vec::<String>::new()
    );
}

#[test]
fn what_the_vendor_cannot_guarantee_is_no_denial() {
    // Badoo, The League (apps-2024): it was a denial of disclosure to third parties.
    assert_eq!(
        read(
            "We cannot guarantee the security of your personal data while it is being \
             transmitted to our site and any transmission is at your own risk."
        ),
        Vec::<String>::new()
    );
}

#[test]
fn the_readers_wishes_and_duties_are_no_denials_but_the_vendors_are() {
    // Voloco, WEBTOON (apps-2024): advice with "should not".
    assert_eq!(
        read("You should not share your login credentials with anyone."),
        Vec::<String>::new()
    );
    // The New York Times, Microsoft (apps-2024): the reader's wish, told to a website.
    assert_eq!(
        read(
            "Some browsers have incorporated \"Do Not Track\" (DNT) features that can send a \
             signal to the websites you visit indicating you do not wish to be tracked."
        ),
        Vec::<String>::new()
    );
    // The New York Times: the vendor's own wish is a denial.
    assert_eq!(
        read("We generally don't want to gather sensitive personal information about you."),
        ["collect negative sensitive-information → Acme"]
    );
    // Facer (apps-2024): a wish in a condition tells what is collected.
    assert_eq!(
        read(
            "If you do not want us to collect location information, you may disable that \
             feature on your mobile device."
        ),
        ["collect positive location → Acme"]
    );
}

#[test]
fn data_left_out_of_a_practice_does_not_deny_it() {
    // Beauty Calculator (apps-2024): "(not including your name …)" made the receiving a denial.
    assert_eq!(
        read(
            "These companies may use information (not including your name, address, email \
             address, or telephone number) about your visits to this and other websites in \
             order to provide advertisements about goods and services of interest to you."
        ),
        // The information is about the visits: browsing history, which "these companies" (no
        // antecedent here: third parties) use.
        [
            "collect positive browsing-history → Third parties",
            "receive_from positive browsing-history → Third-party websites and services"
        ]
    );
}

#[test]
fn a_denial_with_exceptions_told_elsewhere_is_kept_under_them() {
    // Geocaching (OPP-115), MLB (OPP-115): they were dropped, for an exception they do not name.
    assert_eq!(
        read(
            "We will not sell, lease, publish or share your personal information with or to \
             anyone else, except as set forth in this Privacy Policy."
        ),
        ["disclose negative personal-information → Third parties"]
    );
    let lexicon = Lexicon::embedded().expect("embedded lexicon");
    let text = "Except as provided below, we do not share or sell information that identifies \
                our users personally.";
    let doc = document::parse("case.txt", text.as_bytes(), Some(Format::Text)).expect("parses");
    let st = extract::extract(&doc, &lexicon, Some("Acme")).statements;
    let conditions: Vec<&str> = st.iter().map(|s| s.condition.as_str()).collect();
    assert_eq!(conditions, ["policy-exceptions"]);
    // A condition the sentence names wins over them.
    let text = "Except as described in this policy, we do not sell your personal information \
                without your consent.";
    let doc = document::parse("case.txt", text.as_bytes(), Some(Format::Text)).expect("parses");
    let st = extract::extract(&doc, &lexicon, Some("Acme")).statements;
    let conditions: Vec<&str> = st.iter().map(|s| s.condition.as_str()).collect();
    assert_eq!(conditions, ["consent"]);
    // They do not scope a positive.
    let text = "Except as set forth above, we share your email address with Google Analytics.";
    let doc = document::parse("case.txt", text.as_bytes(), Some(Format::Text)).expect("parses");
    let st = extract::extract(&doc, &lexicon, Some("Acme")).statements;
    let conditions: Vec<&str> = st.iter().map(|s| s.condition.as_str()).collect();
    assert_eq!(conditions, [""]);
}

#[test]
fn the_exceptions_listed_after_a_denial_are_not_denied() {
    // onX Hunt (apps-2024): the list after "except as described below:" holds the exceptions,
    // and each item was read as a denial of sharing it.
    let lexicon = Lexicon::embedded().expect("embedded lexicon");
    let text = "# Sharing\n\nWe do not share or otherwise disclose information we collect from \
                or about you except as described below:\n\n- User Content.\n- Your location.\n";
    let doc = document::parse("case.md", text.as_bytes(), None).expect("parses");
    let st = extract::extract(&doc, &lexicon, Some("Acme")).statements;
    let denials: Vec<(&str, &str)> = st
        .iter()
        .filter(|s| s.polarity == sharegraph::extract::Polarity::Negative)
        .map(|s| (s.data.as_str(), s.condition.as_str()))
        .collect();
    assert_eq!(denials, [("personal-information", "policy-exceptions")]);
}
