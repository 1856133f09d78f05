//! `sharegraph build` writes `graph.json` and `graph.sgb`; every query and export given a saved
//! graph answers exactly as it does given the policies themselves (the compact graph.sgb has no
//! nodes and edges for exports; queries are checked on it too).

mod cli_support;

use std::path::PathBuf;
use std::sync::OnceLock;

use cli_support::{SEEDS, run_bytes, sharegraph};

/// `build data/policies` into Cargo's temp directory for integration tests, once for all tests of
/// this file.
fn saved_graph() -> &'static str {
    static PATH: OnceLock<String> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli_roundtrip");
        let _ = std::fs::remove_dir_all(&dir);
        sharegraph()
            .args(["build", SEEDS, "--quiet", "--out"])
            .arg(&dir)
            .assert()
            .success();
        let json = dir.join("graph.json");
        assert!(json.is_file());
        json.to_str().unwrap().to_string()
    })
}

/// The same command with the policies and with graph.json: the same bytes on stdout.
fn same(args: &[&str]) {
    same_with(args, saved_graph());
}

/// The same command with the policies, graph.json and graph.sgb: the same bytes on stdout.
fn same_query(args: &[&str]) {
    same(args);
    same_with(args, &saved_graph().replace("graph.json", "graph.sgb"));
}

fn same_with(args: &[&str], saved: &str) {
    let with = |input: &str| -> Vec<String> {
        args.iter()
            .map(|a| if *a == "INPUT" { input } else { a }.to_string())
            .collect()
    };
    let from_policies = with(SEEDS);
    let from_graph = with(saved);
    let a = run_bytes(&from_policies.iter().map(String::as_str).collect::<Vec<_>>());
    let b = run_bytes(&from_graph.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(!a.is_empty());
    assert!(
        a == b,
        "`sharegraph {}` differs with {saved}:\n--- policies\n{}\n--- saved\n{}",
        args.join(" "),
        String::from_utf8_lossy(&a),
        String::from_utf8_lossy(&b)
    );
}

#[test]
fn who_receives() {
    for format in ["table", "csv", "json"] {
        same_query(&["who-receives", "ip-address", "INPUT", "--format", format]);
        same_query(&[
            "who-receives",
            "IP addresses",
            "INPUT",
            "--broader",
            "--format",
            format,
        ]);
    }
    same_query(&["who-receives", "location", "INPUT", "--group-by", "parent"]);
}

#[test]
fn party() {
    for format in ["table", "csv", "json"] {
        same_query(&["party", "Google", "INPUT", "--format", format]);
    }
    same_query(&["party", "service providers", "INPUT"]);
    same_query(&["party", "Avangate", "INPUT", "--format", "json"]);
}

#[test]
fn vendor() {
    for format in ["table", "csv", "json"] {
        same_query(&["vendor", "WPS Office", "INPUT", "--format", format]);
    }
    same_query(&["vendor", "Apowersoft", "INPUT", "--role", "payment"]);
}

#[test]
fn negatives_and_contradictions() {
    for format in ["table", "csv", "json"] {
        same_query(&["negatives", "INPUT", "--format", format]);
        same_query(&["contradictions", "INPUT", "--format", format]);
    }
}

#[test]
fn statements() {
    for format in ["csv", "json", "jsonl", "table"] {
        same_query(&["statements", "INPUT", "--format", format]);
    }
}

/// Every export, not only the statements: node and edge order survive the save.
#[test]
fn exports() {
    for format in [
        "csv",
        "nodes-csv",
        "edges-csv",
        "json",
        "jsonl",
        "dot",
        "graphml",
        "cypher",
    ] {
        same(&["export", "--format", format, "INPUT"]);
    }
    same(&[
        "export",
        "--format",
        "dot",
        "INPUT",
        "--aggregate-parents",
        "--top",
        "5",
    ]);
}

/// Saving the loaded graph again gives the same file.
#[test]
fn graph_json_is_a_fixed_point() {
    let again = run_bytes(&["export", "--format", "json", saved_graph()]);
    assert!(again == std::fs::read(saved_graph()).unwrap());
}
