//! Sentences from real policies that the extractor once got wrong (or must never get wrong),
//! each with what it must and must not yield. Sources are named; the sentences are short quotes.

use sharegraph::document::{self, Format};
use sharegraph::extract::{self, Action, PartyKind, Polarity, Statement};
use sharegraph::lexicon::Lexicon;

fn read(text: &str) -> Vec<Statement> {
    let lexicon = Lexicon::embedded().expect("embedded lexicon");
    let doc =
        document::parse("case.txt", text.as_bytes(), Some(Format::Text)).expect("text parses");
    extract::extract(&doc, &lexicon, Some("Acme")).statements
}

fn recipients<'a>(st: &'a [Statement], data: &str) -> Vec<&'a str> {
    st.iter()
        .filter(|s| s.is_recipient() && s.data == data)
        .map(|s| s.party.as_str())
        .collect()
}

fn find<'a>(
    st: &'a [Statement],
    action: Action,
    polarity: Polarity,
    data: &str,
    party: &str,
) -> Option<&'a Statement> {
    st.iter().find(|s| {
        s.action == action && s.polarity == polarity && s.data == data && s.party == party
    })
}

#[test]
fn basic_sharing_with_a_named_party() {
    let st = read("We share your IP address with Google Analytics.");
    let s = find(
        &st,
        Action::Disclose,
        Polarity::Positive,
        "ip-address",
        "Google Analytics",
    )
    .expect("disclosed");
    assert_eq!(s.parent, "Google");
    assert_eq!(s.party_kind, PartyKind::Named);
}

#[test]
fn relative_clause_after_a_denial_is_positive() {
    // Apowersoft 2018.
    let st = read(
        "We do not receive the information like credit card number which is processed by Avangate only.",
    );
    assert!(
        find(
            &st,
            Action::Collect,
            Polarity::Negative,
            "payment-card",
            "Acme"
        )
        .is_some()
    );
    assert!(
        find(
            &st,
            Action::Collect,
            Polarity::Positive,
            "payment-card",
            "Avangate"
        )
        .is_some()
    );
}

#[test]
fn negated_subject_reaches_past_a_reduced_relative() {
    // mohegansun.com (OPP-115).
    let st = read(
        "None of the information collected is sold or shared with any third party and is available only to our marketing managers.",
    );
    assert!(st.iter().all(|s| !s.is_recipient()), "{st:#?}");
}

#[test]
fn excluded_data_is_not_shared() {
    // dailyillini.com (OPP-115).
    let st = read(
        "Google or any ad server may use information (not including your name, address, email address or telephone number) about your visits to this and other websites in order to provide advertisements.",
    );
    for data in ["name", "email-address", "phone-number"] {
        assert!(recipients(&st, data).is_empty(), "{data}: {st:#?}");
    }
}

#[test]
fn a_denial_for_their_own_purposes_stays_a_denial() {
    // pbs.org (OPP-115).
    let st = read(
        "We will never sell, rent, or swap your personally identifiable information with non-affiliated third parties for their own purposes.",
    );
    assert!(st.iter().all(|s| !s.is_recipient()), "{st:#?}");
    assert!(
        st.iter()
            .any(|s| s.polarity == Polarity::Negative && s.action == Action::Disclose)
    );
}

#[test]
fn a_use_restriction_on_the_recipient_means_it_receives() {
    // WPS Office 2020.
    let st = read(
        "We may use a third-party services provider to conduct these surveys and such third-party services provider will be prohibited from using your personally identifiable information for any other purpose.",
    );
    assert!(
        st.iter().any(|s| s.is_recipient()
            && s.role == "service-provider"
            && s.data == "personal-information"),
        "{st:#?}"
    );
}

#[test]
fn login_providers_are_sources_not_recipients() {
    // WPS Office 2020.
    let st = read(
        "If you create an Account using your login credentials from one of your accounts with certain third-party social networking services such as Google, Facebook or Twitter, we'll be able to access and collect your name and email address.",
    );
    for party in ["Google", "Facebook", "Twitter"] {
        assert!(
            find(&st, Action::ReceiveFrom, Polarity::Positive, "name", party).is_some(),
            "{party}"
        );
    }
    assert!(recipients(&st, "name").is_empty());
}

#[test]
fn an_age_threshold_is_not_data() {
    let st = read(
        "Our Services are not directed to children under the age of 16 years and we do not knowingly collect personal data from children.",
    );
    assert!(st.iter().all(|s| s.data != "age"), "{st:#?}");
}

#[test]
fn a_denial_with_an_exception_keeps_its_condition() {
    // yahoo.com (OPP-115).
    let st = read(
        "We do not rent, sell, or share personal information about you with other people or non-affiliated companies except to provide products or services you've requested, when we have your permission, or under the following circumstances:",
    );
    assert!(st.iter().all(|s| !s.is_recipient()), "{st:#?}");
    assert!(
        st.iter()
            .any(|s| s.polarity == Polarity::Negative && s.condition == "consent")
    );
}

#[test]
fn a_negation_inside_if_is_not_a_denial() {
    // WPS Office 2020.
    let st = read(
        "Please note that if you decide not to provide us with the information that we request, you may not be able to access all of the features of the Services.",
    );
    assert!(
        st.iter().all(|s| s.polarity == Polarity::Positive),
        "{st:#?}"
    );
}

#[test]
fn a_description_of_cookies_defines_nothing() {
    // cariboucoffee.com (OPP-115).
    let st = read(
        "A cookie is a small text file containing a unique identifier.\nThe cookie was placed by us, or by another advertiser who works with DoubleClick.",
    );
    assert!(recipients(&st, "identifiers").is_empty(), "{st:#?}");
}

#[test]
fn legal_disclosure_carries_its_condition() {
    let st = read(
        "We may disclose any information about you to government or law enforcement officials as we believe necessary to respond to claims and legal process (including subpoenas).",
    );
    let s = st
        .iter()
        .find(|s| s.is_recipient() && s.role == "government")
        .expect("government receives");
    assert_eq!(s.condition, "legal-requirement");
}

#[test]
fn denial_then_sharing_in_one_sentence() {
    let st = read(
        "We do not sell your personal information, but we share it with service providers who help us run the service.",
    );
    assert!(
        st.iter()
            .any(|s| s.polarity == Polarity::Negative && s.action == Action::Disclose)
    );
    assert!(
        st.iter().any(|s| s.is_recipient()
            && s.role == "service-provider"
            && s.data == "personal-information"),
        "{st:#?}"
    );
}

#[test]
fn passive_collection_by_a_class() {
    let st = read("Your information may be collected by advertisers through cookies.");
    assert!(
        st.iter()
            .any(|s| s.is_recipient() && s.role == "advertising"),
        "{st:#?}"
    );
}

#[test]
fn fronted_source() {
    let st = read("From Facebook, we receive your name and email address.");
    assert!(
        find(
            &st,
            Action::ReceiveFrom,
            Polarity::Positive,
            "email-address",
            "Facebook"
        )
        .is_some(),
        "{st:#?}"
    );
    assert!(recipients(&st, "email-address").is_empty());
}

#[test]
fn defined_terms_carry_their_members() {
    // WPS Office 2020, shortened.
    let st = read(
        "Log Data may include your IP address and browser type.\nWe may engage third parties to analyze Log Data.",
    );
    assert_eq!(recipients(&st, "ip-address"), ["Third parties"], "{st:#?}");
}

#[test]
fn aggregated_data_is_marked() {
    let st = read("We may share aggregated data with third parties for industry research.");
    let s = st.iter().find(|s| s.is_recipient()).expect("shared");
    assert_eq!(s.data, "aggregated-data");
    assert_eq!(s.condition, "aggregated");
}

#[test]
fn business_transfer() {
    let st = read(
        "In the event of a merger or acquisition, your information may be transferred to the acquirer.",
    );
    let s = st
        .iter()
        .find(|s| s.is_recipient() && s.role == "acquirer")
        .expect("acquirer receives");
    assert_eq!(s.condition, "business-transfer");
}

#[test]
fn complements_end_at_the_next_verb() {
    // newsbusters/… style: "rent … and do not sell … to third parties".
    let st = read(
        "As with our other lists, we rent our postal marketing lists and do not sell your information to third parties.",
    );
    assert!(st.iter().all(|s| !s.is_recipient()), "{st:#?}");
}

#[test]
fn a_common_word_is_not_a_company() {
    let st = read("You can adjust your settings to refuse cookies.");
    assert!(st.iter().all(|s| s.party != "Adjust"), "{st:#?}");
}

#[test]
fn employees_are_the_first_party() {
    let st = read("Our employees may access your account information to help you.");
    assert!(st.iter().all(|s| !s.is_recipient()), "{st:#?}");
}

/// What `sentence` yields, asserted to deny nothing.
fn no_denial(sentence: &str) -> Vec<Statement> {
    let st = read(sentence);
    assert!(
        st.iter().all(|s| s.polarity == Polarity::Positive),
        "{sentence}: {st:?}"
    );
    st
}

#[test]
fn opt_out_link_and_signal_names_deny_nothing() {
    // iHeartMedia, MONOPOLY GO!, Bluesky (apps-2024): the CCPA link and the DNT signal by name.
    for sentence in [
        "To opt out of such sharing, please visit this link: Do Not Sell or Share My Personal Information.",
        "Please follow the \"Do Not Sell My Personal Information\" link on our main page.",
        "Do Not Track (DNT) is a privacy preference that users can set in certain web browsers.",
    ] {
        let st = no_denial(sentence);
        assert!(
            !st.iter().any(|s| s.action == Action::Disclose),
            "{sentence}: {st:?}"
        );
    }
    // The denials around such names still stand: a lowercase "do not", a heading's "Your".
    let st = read("We do not sell your personal information to third parties.");
    assert!(st.iter().any(|s| s.polarity == Polarity::Negative));
    let st = read("We Do Not Sell Your Personal Information To Third Parties.");
    assert!(st.iter().any(|s| s.polarity == Polarity::Negative));
    let st =
        read("We honor Do Not Track signals and do not share your email address with advertisers.");
    assert!(
        find(
            &st,
            Action::Disclose,
            Polarity::Negative,
            "email-address",
            "Advertisers and ad networks"
        )
        .is_some(),
        "{st:?}"
    );
}

#[test]
fn a_denied_duty_or_quantity_is_no_denial_of_the_practice() {
    // Peacock, SpinX (apps-2024), sheknows.com (OPP-115); Microsoft, Zedge (apps-2024).
    for sentence in [
        "We reserve the right, but not the obligation, to store any User Content.",
        "Company reserves the right, but has no obligation, to monitor the User Content you post.",
        "Not all information is collected from everyone who interacts with us.",
    ] {
        assert!(!no_denial(sentence).is_empty(), "{sentence}");
    }
    // A plain denial stays one.
    let st = read("We do not store any User Content.");
    assert!(
        st.iter().any(|s| s.polarity == Polarity::Negative),
        "{st:?}"
    );
}

#[test]
fn a_choice_not_to_provide_is_no_denial() {
    // Amazon, Microsoft (apps-2024), washingtonpost.com (OPP-115).
    for sentence in [
        "You can choose not to provide certain information, but then you might not be able to use our features.",
        "You may choose not to provide us with certain types of personal information.",
    ] {
        no_denial(sentence);
    }
}

#[test]
fn what_is_published_goes_to_the_public() {
    // OPP-115 133_fortune.com and 320_timeinc.com: "publish" names no recipient, and the
    // statement was dropped for want of one.
    let st = read(
        "If you choose to submit content (e.g., a \"letter to our editors\" or an online review), we may publish your name, screen name and other information you have provided to us.",
    );
    assert_eq!(recipients(&st, "name"), ["The public"]);
    // apps-2024 156 NordVPN: a policy published names no data of its own ("it" pointed back to
    // the email address before).
    let st = read(
        "We may notify you of changes to this Privacy Policy by email. Unless it is stated by us otherwise, each update of the Privacy Policy comes into force as of the moment when the amended Privacy Policy is published on this Website.",
    );
    assert!(st.iter().all(|s| s.party != "The public"), "{st:?}");
}

#[test]
fn visits_to_a_site_are_browsing_history() {
    // OPP-115 1610_post-gazette.com and apps-2024 136 Google One: the visits were no data.
    let st = read(
        "Third-party advertising companies may also gather non-personally identifiable information about site visitation patterns.",
    );
    assert!(
        find(
            &st,
            Action::Collect,
            Polarity::Positive,
            "browsing-history",
            "Advertisers and ad networks"
        )
        .is_some(),
        "{st:?}"
    );
    let st = read(
        "For example, we analyze data about your visits to our sites to do things like optimize product design.",
    );
    assert!(
        find(
            &st,
            Action::Collect,
            Polarity::Positive,
            "browsing-history",
            "Acme"
        )
        .is_some(),
        "{st:?}"
    );
}

#[test]
fn these_companies_are_the_companies_just_named() {
    // OPP-115 32_voxmedia.com: "These companies" were no party, and the vendor was read as
    // the one collecting.
    let st = read(
        "We may use other companies under agreements with us to serve advertisements when you visit and use the Services. These companies may collect and use click stream information, browser type, time and date during your visits to the Services.",
    );
    assert_eq!(recipients(&st, "browser-type"), ["Third parties"]);
    assert!(
        find(
            &st,
            Action::Collect,
            Polarity::Positive,
            "browser-type",
            "Acme"
        )
        .is_none(),
        "{st:?}"
    );
}

#[test]
fn data_that_can_be_used_to_identify_you_is_a_definition() {
    // epocrates, Readly, PredictWind (apps-2024): what data could do defines it; nobody "uses"
    // anything in these sentences.
    for sentence in [
        "Personal information is data that can be used to identify you.",
        "Personal data means any information which may be used to identify you.",
        "The Tracker App does not use, or contain any personal data, that can be used to identify you.",
    ] {
        let st = read(sentence);
        assert!(
            !st.iter().any(|s| s.polarity == Polarity::Positive),
            "{sentence}: {st:?}"
        );
    }
    // After magicJack's: the disclosure stays, without a collection read into "be used".
    let st = read(
        "In these situations, we may disclose to advertisers any information that could be used to identify you personally.",
    );
    assert!(st.iter().any(|s| s.action == Action::Disclose));
    assert!(!st.iter().any(|s| s.action == Action::Collect));
    // A list of such definitions still continues its lead-in (Alpha Manga).
    let st = read(
        "We collect the following categories of personal information:\n\n- Identifiers (e.g., screen name, account ID or any other ID that can be used to identify a specific user);\n- Commercial information",
    );
    assert!(
        find(
            &st,
            Action::Collect,
            Polarity::Positive,
            "account-identifiers",
            "Acme"
        )
        .is_some(),
        "{st:?}"
    );
}

#[test]
fn users_of_our_services_are_whom_data_is_collected_from() {
    // FIXD, magicJack, Alpha Manga (apps-2024): the users are the data subjects, not other users
    // handing over someone's data.
    let st = read(
        "We collect Personal Information, such as your email address, from users of our Services when it is voluntarily provided to us.",
    );
    assert!(
        find(
            &st,
            Action::Collect,
            Polarity::Positive,
            "email-address",
            "Acme"
        )
        .is_some(),
        "{st:?}"
    );
    assert!(
        !st.iter().any(|s| s.action == Action::ReceiveFrom),
        "{st:?}"
    );
}
