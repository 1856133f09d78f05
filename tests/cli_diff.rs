//! `sharegraph diff` between the WPS Office seed and a hand-made next version
//! (`tests/fixtures/cli/wps-office-2021.txt`: the seed with a sentence sharing precise location
//! with AppsFlyer added, Umeng and Flurry removed from both lists of analytics providers, and
//! "demographic profiling" replaced by "fraud prevention" as a purpose of sharing aggregated data).
//! The diff shows exactly those changes, each with the sentences of its side.

mod cli_support;

use std::collections::BTreeSet;

use cli_support::{csv_records, json_rows, run, sharegraph, table};

const OLD: &str = "data/policies/wps-office-2020.txt";
const NEW: &str = "tests/fixtures/cli/wps-office-2021.txt";

/// (change, kind, what) of every change, as the fixture was made.
fn expected() -> BTreeSet<(String, String, String)> {
    [
        ("added", "recipient", "AppsFlyer"),
        ("removed", "recipient", "Umeng"),
        ("removed", "recipient", "Flurry"),
        ("added", "flow", "AppsFlyer ← precise-location"),
        ("removed", "flow", "Umeng ← location"),
        ("removed", "flow", "Umeng ← ip-address"),
        ("removed", "flow", "Umeng ← approximate-location"),
        ("removed", "flow", "Flurry ← location"),
        ("removed", "flow", "Flurry ← ip-address"),
        ("removed", "flow", "Flurry ← approximate-location"),
        ("added", "data", "precise-location"),
        ("added", "purpose", "analytics.reporting.ad_performance"),
        ("added", "purpose", "essential.fraud_detection"),
        ("removed", "purpose", "marketing.advertising.profiling"),
    ]
    .into_iter()
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    .collect()
}

#[test]
fn fixture_is_the_seed_with_three_edits() {
    let old = std::fs::read_to_string(cli_support::root().join(OLD)).unwrap();
    let new = std::fs::read_to_string(cli_support::root().join(NEW)).unwrap();
    assert!(new.contains("We share your precise location with AppsFlyer"));
    assert!(!new.contains("Umeng") && !new.contains("Flurry"));
    assert!(old.contains("demographic profiling") && !new.contains("demographic profiling"));
    let removed = old
        .lines()
        .filter(|l| !new.lines().any(|n| n == *l))
        .count();
    assert_eq!(removed, 3, "three lines of the seed changed");
}

#[test]
fn json_has_exactly_the_changes_with_evidence_from_each_side() {
    let changes = json_rows(&run(&["diff", OLD, NEW, "--format", "json"]));
    let found: BTreeSet<(String, String, String)> = changes
        .iter()
        .map(|c| {
            (
                c["change"].as_str().unwrap().to_string(),
                c["kind"].as_str().unwrap().to_string(),
                c["what"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(found, expected());
    assert_eq!(changes.len(), expected().len(), "no duplicates");
    for c in &changes {
        let side = if c["change"] == "added" {
            "wps-office-2021.txt"
        } else {
            "wps-office-2020.txt"
        };
        let evidence = c["evidence"].as_array().unwrap();
        assert!(!evidence.is_empty(), "{c}");
        for s in evidence {
            assert_eq!(s["policy"], side, "{c}");
            assert!(!s["sentence"].as_str().unwrap().is_empty());
        }
    }
    let sentence = |what: &str| {
        changes.iter().find(|c| c["what"] == what).unwrap()["evidence"][0]["sentence"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        sentence("AppsFlyer"),
        "We share your precise location with AppsFlyer to measure the effectiveness of our advertising."
    );
    assert!(sentence("Umeng").contains("Umeng, Flurry etc."));
    assert!(sentence("essential.fraud_detection").contains("fraud prevention"));
    assert!(sentence("marketing.advertising.profiling").contains("demographic profiling"));
    // Recipients first, then flows, data and purposes; within a kind, added before removed.
    let kinds: Vec<&str> = changes
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    let rank = |k: &str| {
        ["recipient", "flow", "data", "purpose"]
            .iter()
            .position(|x| *x == k)
    };
    assert!(
        kinds.windows(2).all(|w| rank(w[0]) <= rank(w[1])),
        "{kinds:?}"
    );
}

#[test]
fn table_form() {
    let out = table(&["diff", OLD, NEW]);
    insta::assert_snapshot!("wps_2020_2021_table", out);
    assert!(out.starts_with("+ recipient AppsFlyer\n"));
    let changes = out.lines().filter(|l| l.starts_with(['+', '-'])).count();
    assert_eq!(changes, expected().len());
}

#[test]
fn csv_form() {
    let out = run(&["diff", OLD, NEW, "--format", "csv"]);
    insta::assert_snapshot!("wps_2020_2021_csv", out);
    let records = csv_records(&out);
    assert_eq!(
        records[0].iter().collect::<Vec<_>>(),
        [
            "change", "kind", "what", "policy", "start", "end", "sentence"
        ]
    );
    let found: BTreeSet<(String, String, String)> = records
        .iter()
        .skip(1)
        .map(|r| (r[0].to_string(), r[1].to_string(), r[2].to_string()))
        .collect();
    assert_eq!(found, expected());
}

/// Reversed, added and removed swap.
#[test]
fn reversed() {
    let changes = json_rows(&run(&["diff", NEW, OLD, "--format", "json"]));
    let found: BTreeSet<(String, String, String)> = changes
        .iter()
        .map(|c| {
            let change = if c["change"] == "added" {
                "removed"
            } else {
                "added"
            };
            (
                change.to_string(),
                c["kind"].as_str().unwrap().to_string(),
                c["what"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(found, expected());
}

#[test]
fn same_policy_has_no_changes() {
    assert_eq!(
        table(&["diff", OLD, OLD]),
        "(no changes in recipients, flows, data or purposes)\n"
    );
    assert_eq!(run(&["diff", OLD, OLD, "--format", "json"]), "[]\n");
}

/// A saved graph is a side too.
#[test]
fn saved_graph_as_old_side() {
    let temp = tempfile::tempdir().unwrap();
    let saved = temp.path().join("wps-2020.json");
    sharegraph()
        .args(["export", "--format", "json", OLD, "-o"])
        .arg(&saved)
        .assert()
        .success();
    let out = sharegraph()
        .arg("diff")
        .arg(&saved)
        .arg(NEW)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        run(&["diff", OLD, NEW])
    );
}

#[test]
fn missing_side_is_reported() {
    sharegraph()
        .args(["diff", OLD, "tests/fixtures/cli/no-such-policy.txt"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("no-such-policy.txt"));
}
