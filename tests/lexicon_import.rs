//! Importing parties from tracker and company lists (small fixtures in the shape of each list).

use std::path::{Path, PathBuf};

use sharegraph::lexicon::import::{ImportError, ImportFormat, load_parties_file, parse_parties};
use sharegraph::lexicon::{Lexicon, MentionKind, Party};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lexicon")
        .join(name)
}

fn load(name: &str) -> (ImportFormat, Vec<Party>) {
    let path = fixture(name);
    let text = std::fs::read_to_string(&path).expect("fixture");
    let (format, parties) = parse_parties(name, &text).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(
        load_parties_file(&path).expect("loads from a path"),
        parties
    );
    (format, parties)
}

fn find<'a>(parties: &'a [Party], name: &str) -> &'a Party {
    parties.iter().find(|p| p.name == name).unwrap_or_else(|| {
        let names: Vec<&str> = parties.iter().map(|p| p.name.as_str()).collect();
        panic!("no party {name} in {names:?}")
    })
}

#[test]
fn exodus_trackers() {
    let (format, parties) = load("exodus_trackers.json");
    assert_eq!(format, ImportFormat::Exodus);
    assert_eq!(parties.len(), 5);
    let braze = find(&parties, "Braze");
    assert_eq!(braze.aliases, ["Appboy"]);
    assert_eq!(braze.role, "advertising");
    assert_eq!(braze.domain.as_deref(), Some("braze.com"));
    assert_eq!(find(&parties, "Google CrashLytics").role, "crash-reporting");
    let bluekai = find(&parties, "BlueKai");
    assert_eq!(bluekai.parent.as_deref(), Some("Oracle"));
    assert_eq!(bluekai.domain.as_deref(), Some("bluekai.com"));
    assert_eq!(bluekai.role, "analytics");
    let segment = find(&parties, "Segment");
    assert!(segment.ambiguous, "a common word is marked ambiguous");
    assert_eq!(find(&parties, "Snap Login Kit").role, "authentication");
}

#[test]
fn exodus_as_a_bare_array() {
    let (format, parties) = load("exodus_trackers_array.json");
    assert_eq!(format, ImportFormat::Exodus);
    assert_eq!(find(&parties, "Teemo").domain.as_deref(), Some("teemo.co"));
    let marketo = find(&parties, "Marketo");
    assert_eq!(marketo.parent.as_deref(), Some("Adobe"));
    assert_eq!(marketo.role, "other");
}

#[test]
fn duckduckgo_web_tds() {
    let (format, parties) = load("ddg_tds.json");
    assert_eq!(format, ImportFormat::DuckDuckGoTds);
    let google = find(&parties, "Google");
    assert_eq!(google.aliases, ["Google LLC"]);
    assert_eq!(google.domain.as_deref(), Some("google.com"));
    assert_eq!(
        google.role, "advertising",
        "two advertising trackers outvote one analytics tracker"
    );
    assert_eq!(find(&parties, "AppsFlyer").role, "analytics");
    assert_eq!(
        find(&parties, "AppsFlyer").domain.as_deref(),
        Some("appsflyer.com")
    );
    let stripe = find(&parties, "Stripe");
    assert_eq!(stripe.aliases, ["Stripe, Inc."]);
    assert_eq!(stripe.role, "other", "no tracker says what Stripe does");
    // A tracker owner missing from the entity table is still imported.
    let cdn = find(&parties, "Example CDN");
    assert_eq!(cdn.role, "cdn");
    assert_eq!(cdn.domain.as_deref(), Some("example-cdn.net"));
    assert_eq!(parties.len(), 4);
}

#[test]
fn duckduckgo_app_tds() {
    let (format, parties) = load("ddg_app_tds.json");
    assert_eq!(format, ImportFormat::DuckDuckGoAppTds);
    assert_eq!(parties.len(), 3);
    let applovin = find(&parties, "AppLovin");
    assert_eq!(applovin.aliases, ["AppLovin Corporation"]);
    assert_eq!(applovin.domain.as_deref(), Some("applovin.com"));
    let amazon = find(&parties, "Amazon");
    assert!(amazon.ambiguous);
    assert_eq!(amazon.domain.as_deref(), Some("amazon-adsystem.com"));
}

#[test]
fn duckduckgo_entity_file() {
    let (format, parties) = load("ddg_entity.json");
    assert_eq!(format, ImportFormat::DuckDuckGoEntity);
    assert_eq!(parties.len(), 1);
    assert_eq!(parties[0].name, "Branch");
    assert_eq!(parties[0].aliases, ["Branch Metrics, Inc."]);
    assert_eq!(parties[0].domain.as_deref(), Some("branch.io"));
    assert!(parties[0].ambiguous);
}

#[test]
fn disconnect_services() {
    let (format, parties) = load("disconnect_services.json");
    assert_eq!(format, ImportFormat::DisconnectServices);
    assert_eq!(parties.len(), 5);
    assert_eq!(
        find(&parties, "Google").role,
        "advertising",
        "Advertising ranks above Analytics"
    );
    assert_eq!(
        find(&parties, "Google").domain.as_deref(),
        Some("google.com")
    );
    assert_eq!(find(&parties, "Hotjar").role, "analytics");
    assert_eq!(find(&parties, "Facebook").role, "social-network");
    assert_eq!(find(&parties, "OneTrust").role, "consent-management");
    assert_eq!(
        find(&parties, "Criteo").domain.as_deref(),
        Some("criteo.com")
    );
}

#[test]
fn disconnect_entities() {
    let (format, parties) = load("disconnect_entities.json");
    assert_eq!(format, ImportFormat::DisconnectEntities);
    assert_eq!(
        find(&parties, "Mixpanel").domain.as_deref(),
        Some("mixpanel.com")
    );
    assert_eq!(
        find(&parties, "Twitter").domain.as_deref(),
        Some("twitter.com")
    );
    assert_eq!(find(&parties, "Twitter").role, "other");
}

#[test]
fn own_parties_csv() {
    let (format, parties) = load("parties.csv");
    assert_eq!(format, ImportFormat::PartiesCsv);
    assert_eq!(parties.len(), 3);
    let acme = find(&parties, "Acme Analytics");
    assert_eq!(acme.aliases, ["Acme", "AcmeStats"]);
    assert_eq!(acme.parent.as_deref(), Some("Acme Holdings"));
    assert!(find(&parties, "Widget").ambiguous);
}

#[test]
fn malformed_json_names_file_line_and_column() {
    let path = fixture("malformed.json");
    let err = load_parties_file(&path).expect_err("malformed");
    match &err {
        ImportError::Json {
            file, line, column, ..
        } => {
            assert!(file.ends_with("malformed.json"));
            assert_eq!(*line, 3);
            assert!(*column >= 1);
        }
        other => panic!("unexpected error {other}"),
    }
    let msg = err.to_string();
    assert!(
        msg.contains("malformed.json:3:") && msg.contains("malformed JSON"),
        "{msg}"
    );
}

#[test]
fn unrecognised_formats_are_named() {
    for name in ["unknown.json", "unknown.csv"] {
        let err = load_parties_file(&fixture(name)).expect_err(name);
        assert!(
            matches!(err, ImportError::UnrecognisedFormat { .. }),
            "{name}: {err}"
        );
        let msg = err.to_string();
        assert!(msg.contains(name) && msg.contains("unrecognised"), "{msg}");
    }
    let err = parse_parties("empty.txt", "").expect_err("empty");
    assert!(err.to_string().contains("empty"), "{err}");
}

#[test]
fn missing_file() {
    let err = load_parties_file(Path::new("/nonexistent/trackers.json")).expect_err("missing");
    assert!(matches!(err, ImportError::Io { .. }));
    assert!(err.to_string().contains("/nonexistent/trackers.json"));
}

#[test]
fn a_broken_parties_csv_names_its_line() {
    let text =
        "name,aliases,role,parent,domain,ambiguous\nAcme,,analytics,,,no\nBeta,acme,cdn,,,no\n";
    let err = parse_parties("mine.csv", text).expect_err("collision");
    let msg = err.to_string();
    assert!(msg.contains("mine.csv:3:"), "{msg}");
}

#[test]
fn imported_parties_extend_a_lexicon() {
    let mut lex = Lexicon::embedded().expect("loads");
    let (_, parties) = load("ddg_tds.json");
    let before = lex.parties.len();
    // Google, AppsFlyer and Stripe are known already; only the CDN is new.
    assert_eq!(lex.add_parties(parties), 1);
    assert_eq!(lex.parties.len(), before + 1);
    let text = "static files are served by Example CDN";
    let names: Vec<&str> = lex
        .find(text)
        .into_iter()
        .filter_map(|m| match m.kind {
            MentionKind::Party(i) => Some(lex.parties[i].name.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(names, ["Example CDN"]);
}

/// The real lists in the shared reference folder, when present (not part of the repository).
#[test]
fn real_reference_lists_when_available() {
    let base = Path::new("/work/shared/reference");
    let cases = [
        (
            "exodus-trackers/exodus_trackers_full.json",
            ImportFormat::Exodus,
            400,
        ),
        (
            "ddg-tracker-blocklists/web-extension-tds-v6.json",
            ImportFormat::DuckDuckGoTds,
            700,
        ),
        (
            "ddg-tracker-blocklists/app-android-tds.json",
            ImportFormat::DuckDuckGoAppTds,
            100,
        ),
        (
            "disconnect/services.json",
            ImportFormat::DisconnectServices,
            1000,
        ),
        (
            "disconnect/entities.json",
            ImportFormat::DisconnectEntities,
            1000,
        ),
    ];
    for (file, expected, at_least) in cases {
        let path = base.join(file);
        if !path.exists() {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read");
        let (format, parties) = parse_parties(file, &text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(format, expected, "{file}");
        assert!(
            parties.len() >= at_least,
            "{file}: only {} parties",
            parties.len()
        );
        assert!(
            parties
                .iter()
                .all(|p| !p.name.is_empty() && !p.role.is_empty())
        );
    }
    let own = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/lexicon/parties.csv");
    let parties = load_parties_file(&own).expect("own parties.csv");
    assert_eq!(
        parties.len(),
        Lexicon::embedded().expect("loads").parties.len()
    );
}
