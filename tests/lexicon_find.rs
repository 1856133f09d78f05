//! `Lexicon::find` on example sentences finds exactly the expected mentions.

use sharegraph::lexicon::{Lexicon, Mention, MentionKind};

fn lexicon() -> Lexicon {
    Lexicon::embedded().expect("embedded lexicon loads")
}

/// The parties named in `text`, canonical names in order.
fn parties(lex: &Lexicon, text: &str) -> Vec<String> {
    lex.find(text)
        .into_iter()
        .filter_map(|m| match m.kind {
            MentionKind::Party(i) => Some(lex.parties[i].name.clone()),
            _ => None,
        })
        .collect()
}

fn categories(lex: &Lexicon, text: &str) -> Vec<String> {
    lex.find(text)
        .into_iter()
        .filter_map(|m| match m.kind {
            MentionKind::Category(i) => Some(lex.categories[i].id.clone()),
            _ => None,
        })
        .collect()
}

fn classes(lex: &Lexicon, text: &str) -> Vec<String> {
    lex.find(text)
        .into_iter()
        .filter_map(|m| match m.kind {
            MentionKind::Class(i) => Some(lex.classes[i].id.clone()),
            _ => None,
        })
        .collect()
}

fn purposes(lex: &Lexicon, text: &str) -> Vec<String> {
    lex.find(text)
        .into_iter()
        .filter_map(|m| match m.kind {
            MentionKind::Purpose(i) => Some(lex.purposes[i].id.clone()),
            _ => None,
        })
        .collect()
}

fn conditions(lex: &Lexicon, text: &str) -> Vec<String> {
    lex.find(text)
        .into_iter()
        .filter_map(|m| match m.kind {
            MentionKind::Condition(i) => Some(lex.conditions[i].id.clone()),
            _ => None,
        })
        .collect()
}

fn verbs(lex: &Lexicon, text: &str) -> Vec<String> {
    lex.find(text)
        .into_iter()
        .filter_map(|m| match m.kind {
            MentionKind::Verb(i) => Some(lex.verbs[i].lemma.clone()),
            _ => None,
        })
        .collect()
}

fn text_of<'a>(text: &'a str, m: &Mention) -> &'a str {
    &text[m.start..m.end]
}

#[test]
fn such_as_list_of_five_parties() {
    let lex = lexicon();
    let text = "our third party services providers (such as Google Analytics, Firebase, Facebook Analytics, Umeng, Flurry etc.) \
                may collect and provide us with your location data";
    assert_eq!(
        parties(&lex, text),
        [
            "Google Analytics",
            "Firebase",
            "Facebook Analytics",
            "Umeng",
            "Flurry"
        ]
    );
    assert_eq!(classes(&lex, text), ["service-providers"]);
    assert_eq!(categories(&lex, text), ["location"]);
    assert_eq!(verbs(&lex, text), ["collect", "provide"]);
}

#[test]
fn adjust_the_verb_is_not_a_party() {
    let lex = lexicon();
    assert!(parties(&lex, "you can adjust your settings").is_empty());
    assert!(parties(&lex, "Adjust your settings at any time.").is_empty());
    assert!(parties(&lex, "You may Adjust the volume.").is_empty());
    assert_eq!(
        parties(&lex, "we use Adjust to measure installs"),
        ["Adjust"]
    );
    assert_eq!(
        parties(&lex, "attribution partners (e.g. Adjust, AppsFlyer)"),
        ["Adjust", "AppsFlyer"]
    );
    assert_eq!(
        parties(&lex, "We share installs with Adjust GmbH."),
        ["Adjust"]
    );
    assert_eq!(
        parties(&lex, "partners like Branch and Kochava"),
        ["Branch", "Kochava"]
    );
    assert!(parties(&lex, "Our branch offices are closed.").is_empty());
}

#[test]
fn common_word_parties_need_company_context() {
    let lex = lexicon();
    assert!(parties(&lex, "Square footage is not collected.").is_empty());
    assert!(parties(&lex, "the apple of my eye").is_empty());
    assert!(parties(&lex, "Apple trees are nice.").is_empty());
    assert_eq!(
        parties(&lex, "payments are processed by Square, Inc. on our behalf"),
        ["Square"]
    );
    assert_eq!(parties(&lex, "payments processed by Square"), ["Square"]);
    assert_eq!(
        parties(&lex, "We use Segment to route events."),
        ["Segment"]
    );
    assert!(parties(&lex, "Each segment of the audience is different.").is_empty());
    assert_eq!(
        parties(&lex, "Apple Inc. provides the App Store."),
        ["Apple", "App Store"]
    );
    assert_eq!(
        parties(&lex, "stored on Amazon Web Services servers"),
        ["Amazon Web Services"]
    );
}

#[test]
fn urls_and_emails_are_not_parties() {
    let lex = lexicon();
    assert!(parties(&lex, "see https://www.google.com/policies for details").is_empty());
    assert!(parties(&lex, "write to privacy@facebook.com").is_empty());
    assert!(parties(&lex, "visit google.com").is_empty());
}

#[test]
fn ip_address_into_rough_geolocation() {
    let lex = lexicon();
    let text = "by converting your IP address into a rough geo-location";
    assert_eq!(
        categories(&lex, text),
        ["ip-address", "approximate-location"]
    );
}

#[test]
fn mobile_ids() {
    let lex = lexicon();
    let text = "Mobile advertising identifiers, such as iOS IDFAs and Android Advertising IDs (collectively, \"Mobile IDs\")";
    assert_eq!(
        categories(&lex, text),
        [
            "advertising-id",
            "advertising-id",
            "advertising-id",
            "advertising-id"
        ]
    );
    assert_eq!(
        categories(&lex, "iOS IDFAs and Android Advertising IDs"),
        ["advertising-id", "advertising-id"]
    );
}

#[test]
fn apowersoft_log_data_list() {
    let lex = lexicon();
    let text = "The related information includes Internet Protocol (IP) address, Internet Service Provider (ISP), \
                referring/exit pages, operating system, click stream data, date/time stamp and browser type.";
    assert_eq!(
        categories(&lex, text),
        [
            "ip-address",
            "isp",
            "referring-pages",
            "operating-system",
            "clickstream",
            "timestamps",
            "browser-type"
        ]
    );
}

#[test]
fn wps_device_data_list() {
    let lex = lexicon();
    let text = "Your devices or software data, such as your Internet Protocol (\"IP\") address, device identifier, region and \
                language settings, Network provider, network settings and status, operating system, device storage, \
                Android ID, User Agent and HDID, browser or Apps that you have installed";
    let found = categories(&lex, text);
    for id in [
        "ip-address",
        "device-identifiers",
        "device-settings",
        "isp",
        "operating-system",
        "android-id",
        "user-agent",
        "installed-apps",
    ] {
        assert!(found.iter().any(|f| f == id), "{id} not found in {found:?}");
    }
}

#[test]
fn avangate_is_a_payment_party() {
    let lex = lexicon();
    let text = "this information is collected from the registered e-commerce provider – Avangate with our authorization";
    assert_eq!(parties(&lex, text), ["Avangate"]);
    assert_eq!(classes(&lex, text), ["e-commerce-providers"]);
    assert_eq!(
        lex.party("Avangate").map(|p| p.role.as_str()),
        Some("payment")
    );
    assert_eq!(
        parties(
            &lex,
            "We do not receive the credit card number which is processed by Avangate only."
        ),
        ["Avangate"]
    );
    assert_eq!(
        categories(
            &lex,
            "the credit card number which is processed by Avangate"
        ),
        ["payment-card"]
    );
    assert_eq!(
        parties(&lex, "orders are handled by 2Checkout"),
        ["Avangate"]
    );
}

#[test]
fn classes_of_recipients() {
    let lex = lexicon();
    let cases = [
        (
            "The data will be transmitted to third-party payment platform.",
            "payment-processors",
        ),
        (
            "Information Shared with Our Advertisement Providers",
            "advertisers",
        ),
        (
            "may be disclosed or transferred to a third party acquirer",
            "acquirers",
        ),
        (
            "We cooperate with government and law enforcement officials",
            "government",
        ),
        (
            "we may share your information with companies in the same group as us",
            "affiliates",
        ),
        (
            "our Services may include third-party tracking tools",
            "sdk-providers",
        ),
        ("we share it with other third parties", "third-parties"),
        ("visible to other users", "other-users"),
        ("we work with academic institutions", "research-partners"),
        ("our survey providers", "survey-providers"),
        ("our marketing partners", "business-partners"),
        ("social media platforms", "social-networks"),
        (
            "third-party services providers that we engage",
            "service-providers",
        ),
        ("analytics providers", "analytics-providers"),
    ];
    for (text, id) in cases {
        assert_eq!(classes(&lex, text), [id], "{text}");
    }
    let gov = "We cooperate with government and law enforcement officials";
    assert_eq!(classes(&lex, gov).len(), 1);
}

#[test]
fn purposes_and_conditions() {
    let lex = lexicon();
    assert_eq!(
        purposes(
            &lex,
            "we work with third party services providers to assist with credit card processing services"
        ),
        ["essential.service.payment_processing"]
    );
    assert!(
        purposes(&lex, "for advertising purposes").contains(&"marketing.advertising".to_string())
    );
    assert!(
        purposes(&lex, "for industry research and analysis")
            .contains(&"sharegraph.research".to_string())
    );
    assert_eq!(conditions(&lex, "with your informed consent"), ["consent"]);
    assert_eq!(
        conditions(
            &lex,
            "to respond to claims, legal process (including subpoenas)"
        ),
        [
            "legal-requirement",
            "legal-requirement",
            "legal-requirement"
        ]
    );
    let transfer =
        "in a transaction such as merger, acquisition or sales of assets or if we enter bankruptcy";
    assert_eq!(conditions(&lex, transfer), ["business-transfer"; 4]);
    assert!(
        conditions(&lex, "aggregate, non-identifying data").contains(&"aggregated".to_string())
    );
}

#[test]
fn qualifiers_inside_entities_are_dropped() {
    let lex = lexicon();
    // "analytics" is a purpose, but inside the party name it is part of the name.
    let text = "We use Google Analytics.";
    assert!(purposes(&lex, text).is_empty());
    // "advertising" inside "advertising identifier".
    assert!(purposes(&lex, "your advertising identifier").is_empty());
    // "aggregated" inside "aggregated data".
    assert!(conditions(&lex, "we share aggregated data").is_empty());
    assert_eq!(
        categories(&lex, "we share aggregated data"),
        ["aggregated-data"]
    );
}

#[test]
fn verbs_and_their_spans() {
    let lex = lexicon();
    let text = "our software products do not send out any information";
    let found = lex.find(text);
    let verb = found
        .iter()
        .find(|m| matches!(m.kind, MentionKind::Verb(_)))
        .expect("a verb");
    assert_eq!(text_of(text, verb), "send out");
    assert_eq!(
        verbs(&lex, "we may have access to your contacts"),
        ["have access"]
    );
    assert_eq!(
        verbs(&lex, "information we sold or rented"),
        ["sell", "rent"]
    );
    assert_eq!(
        verbs(&lex, "the data was made available to partners"),
        ["make available"]
    );
}

#[test]
fn plural_and_hyphen_variants() {
    let lex = lexicon();
    assert_eq!(categories(&lex, "IP addresses"), ["ip-address"]);
    assert_eq!(
        categories(&lex, "device identifiers"),
        ["device-identifiers"]
    );
    assert_eq!(categories(&lex, "time-stamp information"), ["timestamps"]);
    assert_eq!(categories(&lex, "time stamp information"), ["timestamps"]);
    assert_eq!(
        classes(&lex, "third party service providers"),
        ["service-providers"]
    );
    assert_eq!(
        classes(&lex, "third-party service providers"),
        ["service-providers"]
    );
    assert_eq!(classes(&lex, "Third-Party Advertisers"), ["advertisers"]);
}

#[test]
fn curly_apostrophes_and_case() {
    let lex = lexicon();
    assert_eq!(
        categories(&lex, "your driver’s license"),
        ["drivers-license"]
    );
    assert_eq!(categories(&lex, "YOUR EMAIL ADDRESS"), ["email-address"]);
    assert_eq!(parties(&lex, "GOOGLE ANALYTICS"), ["Google Analytics"]);
    assert!(
        parties(&lex, "google analytics").is_empty(),
        "company names must be capitalised"
    );
    assert_eq!(
        parties(&lex, "comScore and ironSource"),
        ["comScore", "ironSource"]
    );
}

#[test]
fn longest_match_wins() {
    let lex = lexicon();
    assert_eq!(parties(&lex, "Facebook Analytics"), ["Facebook Analytics"]);
    assert_eq!(
        parties(&lex, "Google Maps and Google"),
        ["Google Maps", "Google"]
    );
    assert_eq!(
        parties(&lex, "Amazon Web Services"),
        ["Amazon Web Services"]
    );
    assert_eq!(categories(&lex, "third-party cookies"), ["cookies"]);
    assert!(classes(&lex, "third-party cookies").is_empty());
    assert_eq!(
        categories(&lex, "your Facebook ID"),
        ["account-identifiers"]
    );
    assert!(parties(&lex, "your Facebook ID").is_empty());
}

#[test]
fn ambiguous_names_inside_longer_names_or_addresses() {
    let lex = lexicon();
    assert!(
        parties(
            &lex,
            "write to us at 19C Trolley Square, Wilmington, DE 19806"
        )
        .is_empty()
    );
    assert!(parties(&lex, "operated by Social Impact Inc. (\"Taimi\")").is_empty());
    assert!(parties(&lex, "Apollo Business Centre II, Block E / 9th floor").is_empty());
    assert!(parties(&lex, "Viale Giorgio Ribotta 11, Piano 1, Rome").is_empty());
    assert!(parties(&lex, "(Donggyo-dong, WeWork Hongdae Branch)").is_empty());
    assert!(
        parties(
            &lex,
            "If you are a registered member or an Insider, you may change your preferences"
        )
        .is_empty()
    );
    assert_eq!(
        parties(
            &lex,
            "statistical cookies by Google Analytics, Segment and Branch."
        ),
        ["Google Analytics", "Segment", "Branch"]
    );
    assert_eq!(
        parties(
            &lex,
            "brands like Visa, Mastercard, American Express, and Discover."
        ),
        ["Visa", "Mastercard", "American Express", "Discover"]
    );
}
