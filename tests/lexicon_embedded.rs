//! The embedded lexicon: it loads, its tables are consistent, and the required entries exist.

use std::collections::HashSet;

use sharegraph::lexicon::{Lexicon, MentionKind, VerbFamily};

fn lexicon() -> Lexicon {
    Lexicon::embedded().expect("embedded lexicon loads")
}

const OPP115_TYPES: [&str; 16] = [
    "Computer information",
    "Contact",
    "Cookies and tracking elements",
    "Demographic",
    "Financial",
    "Generic personal information",
    "Health",
    "IP address and device IDs",
    "Location",
    "Personal identifier",
    "Social media data",
    "Survey data",
    "User online activities",
    "User Profile",
    "Other",
    "Unspecified",
];

const ROLES: [&str; 22] = [
    "payment",
    "e-commerce",
    "analytics",
    "advertising",
    "attribution",
    "crash-reporting",
    "cloud-hosting",
    "cdn",
    "communications",
    "marketing",
    "customer-support",
    "social-network",
    "identity-verification",
    "authentication",
    "maps",
    "consent-management",
    "fraud-prevention",
    "push-notifications",
    "app-store",
    "search",
    "security",
    "other",
];

#[test]
fn sizes_meet_the_targets() {
    let lex = lexicon();
    assert!(
        lex.categories.len() >= 80,
        "{} categories",
        lex.categories.len()
    );
    assert!(lex.parties.len() >= 350, "{} parties", lex.parties.len());
    assert!(lex.classes.len() >= 15, "{} classes", lex.classes.len());
    assert!(!lex.purposes.is_empty());
    assert!(lex.conditions.len() >= 4);
    assert!(lex.verbs.iter().any(|v| v.family == VerbFamily::Disclose));
    assert!(lex.verbs.iter().any(|v| v.family == VerbFamily::Collect));
}

#[test]
fn categories_form_two_trees() {
    let lex = lexicon();
    let roots: Vec<&str> = lex
        .categories
        .iter()
        .filter(|c| c.parent.is_none())
        .map(|c| c.id.as_str())
        .collect();
    assert_eq!(roots, ["personal-information", "aggregated-data"]);
    for c in &lex.categories {
        if let Some(p) = &c.parent {
            assert!(lex.category(p).is_some(), "{}: unknown parent {p}", c.id);
        }
        assert!(
            OPP115_TYPES.contains(&c.opp115_type.as_str()),
            "{}: bad OPP-115 type {}",
            c.id,
            c.opp115_type
        );
        assert!(!c.fideslang.is_empty(), "{}: no fideslang key", c.id);
        assert!(!c.phrases.is_empty(), "{}: no phrases", c.id);
    }
    let in_main_tree = lex
        .categories
        .iter()
        .filter(|c| lex.is_within(&c.id, "personal-information"))
        .count();
    assert!(
        in_main_tree >= 80,
        "{in_main_tree} categories under personal-information"
    );
}

#[test]
fn fideslang_keys_exist() {
    let known: HashSet<&str> = include_str!("fixtures/lexicon/fideslang_data_categories.txt")
        .lines()
        .collect();
    for c in &lexicon().categories {
        assert!(
            known.contains(c.fideslang.as_str()),
            "{}: unknown fideslang key {}",
            c.id,
            c.fideslang
        );
    }
}

#[test]
fn purpose_ids_are_fideslang_data_uses_or_namespaced() {
    let known: HashSet<&str> = include_str!("fixtures/lexicon/fideslang_data_uses.txt")
        .lines()
        .collect();
    for p in &lexicon().purposes {
        assert!(
            known.contains(p.id.as_str()) || p.id.starts_with("sharegraph."),
            "purpose {} is neither a fideslang data use nor sharegraph.*",
            p.id
        );
    }
}

#[test]
fn required_category_ids_are_present() {
    let lex = lexicon();
    let required = [
        "personal-information",
        "identifiers",
        "ip-address",
        "device-identifiers",
        "advertising-id",
        "idfv",
        "android-id",
        "imei",
        "mac-address",
        "serial-number",
        "sim-serial-number",
        "router-ssid",
        "account-identifiers",
        "government-id",
        "contact-information",
        "name",
        "email-address",
        "phone-number",
        "postal-address",
        "location",
        "precise-location",
        "approximate-location",
        "financial-information",
        "payment-information",
        "payment-card",
        "bank-account",
        "purchase-history",
        "online-activity",
        "browsing-history",
        "search-history",
        "app-usage",
        "ad-interactions",
        "clickstream",
        "referring-pages",
        "timestamps",
        "log-data",
        "cookies-and-tracking",
        "cookies",
        "web-beacons",
        "device-information",
        "operating-system",
        "browser-type",
        "user-agent",
        "isp",
        "installed-apps",
        "device-settings",
        "content",
        "uploaded-files",
        "photos",
        "messages",
        "contacts",
        "biometric",
        "health",
        "demographic",
        "user-profile",
        "social-media-data",
        "survey-data",
        "aggregated-data",
    ];
    for id in required {
        assert!(lex.category(id).is_some(), "missing category {id}");
    }
    for id in required.iter().filter(|id| **id != "aggregated-data") {
        assert!(
            lex.is_within(id, "personal-information"),
            "{id} is not under personal-information"
        );
    }
    let agg = lex.category("aggregated-data").expect("aggregated-data");
    assert_eq!(agg.parent, None);
    assert_eq!(agg.opp115_type, "Other");
}

#[test]
fn required_phrases_are_present() {
    let lex = lexicon();
    let cases: [(&str, &[&str]); 22] = [
        (
            "personal-information",
            &[
                "personal information",
                "personal data",
                "PII",
                "personally identifiable information",
                "your information",
                "information about you",
                "user information",
                "user data",
            ],
        ),
        (
            "ip-address",
            &[
                "IP address",
                "Internet Protocol (IP) address",
                "Internet Protocol address",
                "IP",
            ],
        ),
        (
            "device-identifiers",
            &[
                "device identifier",
                "device ID",
                "unique device identifier",
                "UDID",
                "HDID",
            ],
        ),
        (
            "advertising-id",
            &[
                "advertising identifier",
                "IDFA",
                "AAID",
                "GAID",
                "Android Advertising ID",
                "Google Advertising ID",
                "Mobile ID",
                "mobile advertising identifier",
            ],
        ),
        (
            "name",
            &["name", "full name", "first and last name", "person name"],
        ),
        (
            "email-address",
            &["email", "e-mail", "email address", "e-mail address"],
        ),
        (
            "phone-number",
            &[
                "phone number",
                "telephone number",
                "mobile number",
                "telephone",
            ],
        ),
        (
            "precise-location",
            &["precise location", "GPS", "geolocation"],
        ),
        (
            "approximate-location",
            &[
                "approximate location",
                "rough geo-location",
                "coarse location",
                "region",
            ],
        ),
        (
            "payment-information",
            &["payment information", "billing information", "payment data"],
        ),
        (
            "payment-card",
            &[
                "credit card number",
                "credit card information",
                "card number",
                "debit card",
            ],
        ),
        (
            "purchase-history",
            &[
                "purchase information",
                "purchase history",
                "transaction history",
                "order information",
            ],
        ),
        ("search-history", &["search terms", "search queries"]),
        (
            "app-usage",
            &["usage data", "how you use our services", "features you use"],
        ),
        (
            "ad-interactions",
            &[
                "ads served, viewed, or clicked",
                "interaction with ads",
                "ad interactions",
            ],
        ),
        (
            "clickstream",
            &["click stream data", "clickstream", "links you click"],
        ),
        (
            "referring-pages",
            &[
                "referring/exit pages",
                "referring URL",
                "referrer",
                "exit pages",
            ],
        ),
        (
            "timestamps",
            &[
                "date/time stamp",
                "time stamp",
                "time-stamp information",
                "access times",
            ],
        ),
        (
            "log-data",
            &["log data", "log files", "log information", "server logs"],
        ),
        (
            "cookies",
            &["cookie", "session cookie", "persistent cookie"],
        ),
        (
            "web-beacons",
            &["web beacon", "pixel tag", "clear GIF", "web bug", "pixel"],
        ),
        (
            "aggregated-data",
            &[
                "aggregated data",
                "aggregate information",
                "non-personal data",
                "non-personal information",
                "de-identified data",
                "anonymized data",
                "statistical data",
            ],
        ),
    ];
    for (id, phrases) in cases {
        let c = lex.category(id).expect(id);
        for p in phrases {
            assert!(c.phrases.iter().any(|x| x == p), "{id} lacks phrase {p:?}");
        }
    }
}

#[test]
fn no_bare_common_words_as_phrases() {
    let banned = [
        "data",
        "information",
        "use",
        "services",
        "service",
        "account",
        "settings",
        "content",
        "interests",
    ];
    let lex = lexicon();
    for c in &lex.categories {
        for p in &c.phrases {
            assert!(
                !banned.contains(&p.to_ascii_lowercase().as_str()),
                "category {} has bare {p:?}",
                c.id
            );
        }
    }
    for c in &lex.classes {
        for p in &c.phrases {
            assert!(
                !banned.contains(&p.to_ascii_lowercase().as_str()),
                "class {} has bare {p:?}",
                c.id
            );
        }
    }
}

#[test]
fn parties_are_consistent() {
    let lex = lexicon();
    for p in &lex.parties {
        assert!(
            ROLES.contains(&p.role.as_str()),
            "{}: unknown role {}",
            p.name,
            p.role
        );
        if let Some(parent) = &p.parent {
            assert!(
                lex.party(parent).is_some(),
                "{}: parent {parent} is not a row",
                p.name
            );
            assert_ne!(parent, &p.name, "{} is its own parent", p.name);
        }
        assert!(
            p.domain.as_deref().is_some_and(|d| d.contains('.')),
            "{}: no domain",
            p.name
        );
        // Parent chains end.
        let mut cur = p.parent.clone();
        let mut steps = 0;
        while let Some(name) = cur {
            steps += 1;
            assert!(steps < 10, "{}: parent chain too long or cyclic", p.name);
            cur = lex.party(&name).and_then(|q| q.parent.clone());
        }
    }
}

#[test]
fn required_parties_have_the_facts() {
    let lex = lexicon();
    let cases: [(&str, &str, Option<&str>, &[&str]); 14] = [
        (
            "Google Analytics",
            "analytics",
            Some("Google"),
            &["Google Analytics for Firebase"],
        ),
        (
            "Firebase",
            "analytics",
            Some("Google"),
            &["Google Firebase", "Firebase Analytics"],
        ),
        (
            "Firebase Crashlytics",
            "crash-reporting",
            Some("Google"),
            &["Crashlytics", "Fabric"],
        ),
        ("Facebook Analytics", "analytics", Some("Meta"), &[]),
        ("Facebook", "social-network", Some("Meta"), &[]),
        ("Instagram", "social-network", Some("Meta"), &[]),
        (
            "Meta",
            "social-network",
            None,
            &["Meta Platforms", "Facebook, Inc."],
        ),
        ("Umeng", "analytics", Some("Alibaba"), &[]),
        ("Flurry", "analytics", Some("Yahoo"), &["Flurry Analytics"]),
        ("Twitter", "social-network", None, &["X Corp"]),
        ("Avangate", "payment", Some("Verifone"), &["2Checkout"]),
        ("Braintree", "payment", Some("PayPal"), &[]),
        ("LinkedIn", "social-network", Some("Microsoft"), &[]),
        ("Snapchat", "social-network", Some("Snap"), &[]),
    ];
    for (name, role, parent, aliases) in cases {
        let p = lex
            .party(name)
            .unwrap_or_else(|| panic!("missing party {name}"));
        assert_eq!(p.role, role, "{name}");
        assert_eq!(p.parent.as_deref(), parent, "{name}");
        for a in aliases {
            assert!(p.aliases.iter().any(|x| x == a), "{name} lacks alias {a}");
        }
    }
    let google = lex.party("Google").expect("Google");
    assert!(google.aliases.iter().any(|a| a == "Google LLC"));
    assert!(google.aliases.iter().any(|a| a == "Google Inc."));
    assert_eq!(
        lex.party("Amazon Web Services")
            .map(|p| p.aliases.contains(&"AWS".to_string())),
        Some(true)
    );
    assert_eq!(
        lex.party("Google AdMob")
            .map(|p| p.aliases.contains(&"AdMob".to_string())),
        Some(true)
    );
    for name in [
        "Stripe",
        "PayPal",
        "AppsFlyer",
        "Adjust",
        "Branch",
        "Segment",
        "Square",
        "Amazon Web Services",
        "Amazon",
        "Apple",
        "Unity Ads",
        "Unity",
        "Google AdMob",
        "DoubleClick",
        "Mixpanel",
        "Amplitude",
        "Sentry",
        "Bugsnag",
        "OneSignal",
        "Twilio",
        "SendGrid",
        "Mailchimp",
        "Zendesk",
        "Intercom",
        "Cloudflare",
        "Akamai",
        "Jumio",
        "Onfido",
        "Mapbox",
        "Google Maps",
        "OneTrust",
        "TikTok",
        "Pinterest",
        "Criteo",
        "The Trade Desk",
        "AppLovin",
        "ironSource",
        "Chartboost",
        "Vungle",
        "InMobi",
        "Tencent",
        "Baidu",
        "comScore",
        "Nielsen",
        "Quantcast",
        "Oracle",
        "BlueKai",
        "Moat",
        "Adobe",
        "Adobe Analytics",
        "Alibaba",
        "Yahoo",
        "Microsoft",
    ] {
        assert!(lex.party(name).is_some(), "missing party {name}");
    }
    for name in [
        "Adjust", "Branch", "Segment", "Square", "Amazon", "Apple", "Unity", "Singular", "Airship",
        "Vibes", "Bold",
    ] {
        assert!(
            lex.party(name).is_some_and(|p| p.ambiguous),
            "{name} should be ambiguous"
        );
    }
    let omniture = lex.party("Adobe Analytics").expect("Adobe Analytics");
    assert!(omniture.aliases.iter().any(|a| a == "Omniture"));
}

#[test]
fn required_classes_purposes_conditions_verbs() {
    let lex = lexicon();
    let classes = [
        ("service-providers", "service-provider"),
        ("payment-processors", "payment"),
        ("analytics-providers", "analytics"),
        ("advertisers", "advertising"),
        ("social-networks", "social-network"),
        ("sdk-providers", "analytics"),
        ("affiliates", "affiliate"),
        ("acquirers", "acquirer"),
        ("government", "government"),
        ("public", "public"),
        ("other-users", "other-users"),
        ("research-partners", "research"),
        ("survey-providers", "service-provider"),
        ("business-partners", "partner"),
        ("third-parties", "unspecified"),
    ];
    for (id, role) in classes {
        let c = lex
            .classes
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("missing class {id}"));
        assert_eq!(c.role, role, "{id}");
    }
    let sdk = lex
        .classes
        .iter()
        .find(|c| c.id == "sdk-providers")
        .expect("sdk-providers");
    assert_eq!(sdk.label, "third-party SDK and tracking providers");
    for id in [
        "consent",
        "legal-requirement",
        "business-transfer",
        "aggregated",
        "policy-exceptions",
    ] {
        assert!(
            lex.conditions.iter().any(|c| c.id == id),
            "missing condition {id}"
        );
    }
    for id in [
        "marketing.advertising",
        "analytics",
        "essential.service.payment_processing",
        "essential.service.operations.support",
        "essential.legal_obligation",
        "essential.service.security",
        "essential.service",
        "personalize",
        "sharegraph.research",
        "sharegraph.business_transfer",
    ] {
        assert!(
            lex.purposes.iter().any(|p| p.id == id),
            "missing purpose {id}"
        );
    }
    let disclose: Vec<&str> = lex
        .verbs
        .iter()
        .filter(|v| v.family == VerbFamily::Disclose)
        .map(|v| v.lemma.as_str())
        .collect();
    for lemma in [
        "share",
        "disclose",
        "provide",
        "transfer",
        "transmit",
        "send",
        "sell",
        "rent",
        "lease",
        "trade",
        "release",
        "report",
        "pass",
        "supply",
        "furnish",
        "exchange",
        "give",
        "make available",
        "give access",
        "license",
        "distribute",
        "publish",
        "send out",
        "hand over",
    ] {
        assert!(disclose.contains(&lemma), "missing disclose verb {lemma}");
    }
    let collect: Vec<&str> = lex
        .verbs
        .iter()
        .filter(|v| v.family == VerbFamily::Collect)
        .map(|v| v.lemma.as_str())
        .collect();
    for lemma in [
        "collect",
        "gather",
        "obtain",
        "receive",
        "access",
        "have access",
        "record",
        "log",
        "track",
        "use",
        "process",
        "store",
        "place",
        "set",
        "read",
        "capture",
        "acquire",
        "analyze",
        "retrieve",
        "monitor",
    ] {
        assert!(collect.contains(&lemma), "missing collect verb {lemma}");
    }
    let sell = lex.verbs.iter().find(|v| v.lemma == "sell").expect("sell");
    for f in ["sell", "sells", "sold", "selling"] {
        assert!(sell.forms.iter().any(|x| x == f));
    }
}

/// No phrase may name two different entries of the entity layer: the matcher would report both.
#[test]
fn no_phrase_names_two_entities() {
    let lex = lexicon();
    let mut kinds: std::collections::HashMap<String, HashSet<MentionKind>> =
        std::collections::HashMap::new();
    let mut note = |text: &str, kind: MentionKind| {
        for m in lex.find(text) {
            if m.start == 0 && m.end == text.len() {
                kinds
                    .entry(text.to_ascii_lowercase())
                    .or_default()
                    .insert(m.kind);
            }
        }
        let _ = kind;
    };
    for (i, c) in lex.categories.iter().enumerate() {
        for p in &c.phrases {
            note(p, MentionKind::Category(i));
        }
    }
    for (i, c) in lex.classes.iter().enumerate() {
        for p in &c.phrases {
            note(p, MentionKind::Class(i));
        }
    }
    for (i, v) in lex.verbs.iter().enumerate() {
        for f in &v.forms {
            note(f, MentionKind::Verb(i));
        }
    }
    for (text, set) in &kinds {
        let entities = set
            .iter()
            .filter(|k| !matches!(k, MentionKind::Purpose(_) | MentionKind::Condition(_)))
            .count();
        assert!(entities <= 1, "{text:?} names several entries: {set:?}");
    }
}

/// The name and domain indexes answer what a walk over every party answers: the first and last
/// party with a name (any ASCII case), the first with a domain, the first whose domain begins a
/// text.
#[test]
fn party_lookups_by_name_and_domain_agree_with_a_walk_over_the_parties() {
    let lex = lexicon();
    let named = |name: &str| {
        let has = |p: &&sharegraph::lexicon::Party| {
            std::iter::once(&p.name)
                .chain(&p.aliases)
                .any(|n| n.eq_ignore_ascii_case(name))
        };
        let first = lex.parties.iter().position(|p| has(&p))?;
        let last = lex.parties.iter().rposition(|p| has(&p))?;
        Some((first, last))
    };
    let with_domain = |text: &str, prefix: bool| {
        lex.parties.iter().position(|p| {
            p.domain.as_deref().is_some_and(|d| {
                let text = text.to_ascii_lowercase();
                let d = d.to_ascii_lowercase();
                if prefix {
                    text.starts_with(&d)
                } else {
                    text == d
                }
            })
        })
    };
    let mut checked = 0;
    for p in &lex.parties {
        for n in std::iter::once(&p.name).chain(&p.aliases) {
            for written in [n.clone(), n.to_ascii_uppercase(), format!("{n}x")] {
                assert_eq!(lex.parties_named(&written), named(&written), "{written}");
            }
            checked += 1;
        }
        if let Some(d) = &p.domain {
            for text in [
                d.clone(),
                d.to_ascii_uppercase(),
                format!("{d}.html"),
                d.chars().skip(1).collect(),
            ] {
                assert_eq!(
                    lex.party_with_domain(&text, false),
                    with_domain(&text, false),
                    "{text}"
                );
                assert_eq!(
                    lex.party_with_domain(&text, true),
                    with_domain(&text, true),
                    "{text}"
                );
            }
        }
    }
    assert!(checked > 500, "only {checked} names");
    assert_eq!(lex.parties_named("no such party anywhere"), None);
    assert_eq!(lex.party_with_domain("", true), None);
}
