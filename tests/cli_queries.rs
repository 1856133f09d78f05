//! `sharegraph party`, `vendor`, `negatives` and `contradictions` on the seed policies, and the
//! filters every query composes (`--vendor`, `--role`, `--data`, `--party`, `--purpose`,
//! `--polarity`). Exact outputs are insta snapshots in `tests/snapshots/`.

mod cli_support;

use std::collections::BTreeSet;

use cli_support::{SEEDS, csv_records, json_rows, run, sharegraph, table};
use serde_json::Value;

fn parties(rows: &[Value]) -> BTreeSet<String> {
    rows.iter()
        .map(|r| r["party"].as_str().unwrap().to_string())
        .collect()
}

fn json(args: &[&str]) -> Vec<Value> {
    let mut args = args.to_vec();
    args.extend(["--format", "json"]);
    json_rows(&run(&args))
}

// ---------------------------------------------------------------- party

/// "Google" is the parent company of Google Analytics and Firebase, and a party itself (the
/// Google sign-in that gives WPS Office your name and email).
#[test]
fn party_google_includes_its_products() {
    let out = table(&["party", "Google", SEEDS]);
    insta::assert_snapshot!("party_google_table", out);
    let rows = json(&["party", "Google", SEEDS]);
    assert_eq!(
        parties(&rows),
        BTreeSet::from([
            "Google".into(),
            "Google Analytics".into(),
            "Firebase".into()
        ])
    );
    insta::assert_snapshot!(
        "party_google_csv",
        run(&["party", "Google", SEEDS, "--format", "csv"])
    );
}

/// Any case, any alias, the parent's parent: the same answer.
#[test]
fn party_by_alias_or_any_case() {
    let google = run(&["party", "Google", SEEDS]);
    for asked in ["google", "GOOGLE", "Google LLC", "Alphabet"] {
        assert_eq!(run(&["party", asked, SEEDS]), google, "`{asked}`");
    }
    let firebase = json(&["party", "firebase", SEEDS]);
    assert_eq!(parties(&firebase), BTreeSet::from(["Firebase".into()]));
    assert_eq!(
        json(&["party", "Google Firebase", SEEDS]),
        firebase,
        "alias of Firebase"
    );
    // Avangate, by its alias 2Checkout and by its parent company Verifone.
    let avangate = run(&["party", "Avangate", SEEDS]);
    insta::assert_snapshot!("party_avangate_table", avangate);
    assert_eq!(run(&["party", "2checkout", SEEDS]), avangate);
    assert_eq!(run(&["party", "Verifone", SEEDS]), avangate);
}

/// Classes of parties by label, id or phrase.
#[test]
fn party_class() {
    let out = table(&["party", "Service providers", SEEDS]);
    insta::assert_snapshot!("party_service_providers_table", out);
    assert_eq!(
        parties(&json(&["party", "Service providers", SEEDS])),
        BTreeSet::from(["Service providers".into()])
    );
    for asked in ["service providers", "service-providers", "service provider"] {
        assert_eq!(run(&["party", asked, SEEDS]), out, "`{asked}`");
    }
    assert_eq!(
        parties(&json(&["party", "advertisers", SEEDS])),
        BTreeSet::from(["Advertisers and ad networks".into()])
    );
}

#[test]
fn party_unknown_finds_nothing() {
    assert_eq!(table(&["party", "Nobody Inc", SEEDS]), "(no statements)\n");
}

// ---------------------------------------------------------------- vendor

#[test]
fn vendor_apowersoft() {
    let out = table(&["vendor", "Apowersoft", SEEDS]);
    insta::assert_snapshot!("vendor_apowersoft_table", out);
    assert_eq!(run(&["vendor", "apowersoft", SEEDS]), out, "any case");
    let rows = json(&["vendor", "Apowersoft", SEEDS]);
    assert!(rows.iter().all(|r| r["vendor"] == "Apowersoft"));
    // What it collects first, then where it receives data from, then who else gets it.
    let order: Vec<u8> = rows
        .iter()
        .map(|r| match (r["action"].as_str(), r["party_kind"].as_str()) {
            (Some("collect"), Some("first_party")) => 0,
            (Some("receive_from"), _) => 1,
            _ => 2,
        })
        .collect();
    assert!(order.is_sorted(), "{order:?}");
    insta::assert_snapshot!(
        "vendor_apowersoft_csv",
        run(&["vendor", "Apowersoft", SEEDS, "--format", "csv"])
    );
}

#[test]
fn vendor_wps_office() {
    let out = table(&["vendor", "WPS Office", SEEDS]);
    insta::assert_snapshot!("vendor_wps_table", out);
    assert!(
        json(&["vendor", "wps office", SEEDS])
            .iter()
            .all(|r| r["vendor"] == "WPS Office")
    );
}

#[test]
fn vendor_json_is_the_statements_of_that_vendor() {
    let rows = json(&["vendor", "WPS Office", SEEDS]);
    let all = json_rows(&run(&["statements", SEEDS, "--format", "json"]));
    let wps = all.iter().filter(|s| s["vendor"] == "WPS Office").count();
    assert_eq!(rows.len(), wps);
    assert!(!rows.is_empty());
}

// ---------------------------------------------------------------- negatives and contradictions

#[test]
fn negatives() {
    let out = table(&["negatives", SEEDS]);
    insta::assert_snapshot!("negatives_table", out);
    let rows = json(&["negatives", SEEDS]);
    assert!(rows.iter().all(|r| r["polarity"] == "negative"));
    // Apowersoft: "our software products do not send out any information in any cases" and
    // "We do not receive the information like credit card number".
    assert!(rows.iter().any(|r| r["vendor"] == "Apowersoft"
        && r["action"] == "disclose"
        && r["party"] == "Third parties"));
    assert!(
        rows.iter()
            .any(|r| r["vendor"] == "Apowersoft" && r["data"] == "payment-card")
    );
    // WPS Office: "We will not collect payment information."
    assert!(
        rows.iter()
            .any(|r| r["vendor"] == "WPS Office" && r["data"] == "payment-information")
    );
    insta::assert_snapshot!(
        "negatives_csv",
        run(&["negatives", SEEDS, "--format", "csv"])
    );
}

#[test]
fn contradictions() {
    let out = table(&["contradictions", SEEDS]);
    insta::assert_snapshot!("contradictions_table", out);
    // Apowersoft sends out no information, yet lets Avangate collect card numbers.
    assert!(out.starts_with(
        "Apowersoft (apowersoft-2018.md)\n  does NOT disclose to Third parties: personal-information\n"
    ));
    assert!(out.contains("but lets Avangate collect: payment-card"));
    let rows = json_rows(&run(&["contradictions", SEEDS, "--format", "json"]));
    assert!(rows.iter().any(|r| r["vendor"] == "Apowersoft"
        && r["negative_data"] == "personal-information"
        && r["positive_party"] == "Avangate"
        && r["positive_data"] == "payment-card"));
    // WPS Office will not collect payment information, but collects card data at sign-up.
    assert!(rows.iter().any(|r| r["vendor"] == "WPS Office"
        && r["negative_data"] == "payment-information"
        && r["positive_data"] == "payment-card"));
    let csv = run(&["contradictions", SEEDS, "--format", "csv"]);
    let records = csv_records(&csv);
    assert_eq!(
        records[0].iter().collect::<Vec<_>>(),
        [
            "policy",
            "vendor",
            "negative_party",
            "negative_data",
            "negative_sentence",
            "positive_party",
            "positive_data",
            "positive_sentence"
        ]
    );
    assert_eq!(records.len(), rows.len() + 1);
    insta::assert_snapshot!(
        "contradictions_json",
        run(&["contradictions", SEEDS, "--format", "json"])
    );
}

#[test]
fn no_contradictions_says_so() {
    // Policies with only positive statements contradict nothing: said once for all of them
    // (they are looked at one at a time).
    let temp = tempfile::tempdir().unwrap();
    for name in ["plain.txt", "plain-too.txt"] {
        std::fs::write(
            temp.path().join(name),
            "Privacy Policy\nWe share your IP address with Google Analytics.\n",
        )
        .unwrap();
    }
    let out = sharegraph()
        .arg("contradictions")
        .arg(temp.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "(no contradictions)\n"
    );
}

#[test]
fn a_denial_for_a_purpose_is_contradicted_only_for_that_purpose() {
    // SpinX (apps-2024): "No mobile information will be shared with third parties/affiliates for
    // marketing/promotional purposes" contradicted every recipient, whatever the purpose.
    let temp = tempfile::tempdir().unwrap();
    let policy = temp.path().join("purposes.txt");
    std::fs::write(
        &policy,
        "Privacy Policy\nWe do not share your email address with third parties for marketing purposes.\nWe share your email address with analytics providers for analytics.\nWe share your email address with advertising partners for marketing purposes.\n",
    )
    .unwrap();
    let out = sharegraph()
        .args(["contradictions", "--format", "json"])
        .arg(&policy)
        .output()
        .unwrap();
    assert!(out.status.success());
    let rows = json_rows(&String::from_utf8(out.stdout).unwrap());
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r["positive_party"] == "Advertisers and ad networks"),
        "{rows:?}"
    );
}

// ---------------------------------------------------------------- filters

/// Each filter alone keeps exactly the rows that satisfy it; together, the rows that satisfy all.
#[test]
fn filters_compose() {
    let all = json(&["vendor", "WPS Office", SEEDS]);
    let with = |extra: &[&str]| {
        let mut args = vec!["vendor", "WPS Office", SEEDS];
        args.extend_from_slice(extra);
        json(&args)
    };
    let role = |r: &Value| r["role"] == "analytics";
    let data = |r: &Value| {
        ["location", "approximate-location", "precise-location"]
            .contains(&r["data"].as_str().unwrap())
    };
    let purpose = |r: &Value| r["purpose"].as_str().unwrap().starts_with("analytics");
    let party = |r: &Value| {
        ["Google Analytics", "Firebase", "Google"].contains(&r["party"].as_str().unwrap())
    };
    let negative = |r: &Value| r["polarity"] == "negative";
    let expect = |keep: &dyn Fn(&Value) -> bool| -> Vec<Value> {
        all.iter().filter(|r| keep(r)).cloned().collect()
    };
    assert_eq!(with(&["--role", "analytics"]), expect(&role));
    assert_eq!(with(&["--data", "location"]), expect(&data));
    assert_eq!(with(&["--purpose", "analytics"]), expect(&purpose));
    assert_eq!(with(&["--party", "Google"]), expect(&party));
    assert_eq!(with(&["--polarity", "negative"]), expect(&negative));
    let both = with(&["--role", "analytics", "--data", "location"]);
    assert_eq!(both, expect(&|r| role(r) && data(r)));
    assert!(!both.is_empty());
    let three = with(&[
        "--role",
        "analytics",
        "--data",
        "location",
        "--party",
        "google",
    ]);
    assert_eq!(three, expect(&|r| role(r) && data(r) && party(r)));
    assert_eq!(
        parties(&three),
        BTreeSet::from(["Google Analytics".into(), "Firebase".into()])
    );
    assert!(with(&["--role", "analytics", "--polarity", "negative"]).is_empty());
}

/// The same filters on who-receives and party, in the table form.
#[test]
fn filters_on_every_query() {
    let out = table(&[
        "who-receives",
        "location",
        SEEDS,
        "--party",
        "Google",
        "--vendor",
        "wps office",
    ]);
    insta::assert_snapshot!("who_receives_location_google_table", out);
    // --vendor keeps one vendor's statements.
    assert_eq!(
        table(&[
            "who-receives",
            "ip-address",
            SEEDS,
            "--vendor",
            "Apowersoft"
        ]),
        "(no statements)\n"
    );
    let negatives = json(&["negatives", SEEDS, "--vendor", "Apowersoft"]);
    assert!(!negatives.is_empty());
    assert!(negatives.iter().all(|r| r["vendor"] == "Apowersoft"));
    // --purpose takes in narrower purposes: marketing includes marketing.advertising.
    let marketing = json(&["vendor", "WPS Office", SEEDS, "--purpose", "marketing"]);
    assert!(
        marketing
            .iter()
            .any(|r| r["purpose"] == "marketing.advertising")
    );
    assert!(
        marketing
            .iter()
            .all(|r| r["purpose"].as_str().unwrap().starts_with("marketing"))
    );
    // --data accepts a phrase too.
    assert_eq!(
        run(&["party", "Google", SEEDS, "--data", "IP addresses"]),
        run(&["party", "Google", SEEDS, "--data", "ip-address"])
    );
    // --role on party: Google the search company is not an analytics party.
    assert_eq!(
        parties(&json(&["party", "Google", SEEDS, "--role", "analytics"])),
        BTreeSet::from(["Google Analytics".into(), "Firebase".into()])
    );
    // --polarity on negatives with positive leaves nothing.
    assert_eq!(
        table(&["negatives", SEEDS, "--polarity", "positive"]),
        "(no statements)\n"
    );
}

#[test]
fn bad_filter_values_are_usage_errors() {
    sharegraph()
        .args(["negatives", SEEDS, "--polarity", "maybe"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "polarity is positive or negative",
        ));
    sharegraph()
        .args(["vendor", "WPS Office", SEEDS, "--data", "shoe size"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "unknown data category `shoe size`",
        ));
}
