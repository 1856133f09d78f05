//! `sharegraph statements` on the seed policies in every format. The CSV is exactly the committed
//! `output/statements.csv`; JSON and JSON Lines carry the same statements; the table is a snapshot.

mod cli_support;

use cli_support::{SEEDS, committed, csv_records, json_rows, run, run_bytes, table};
use serde_json::Value;

/// The stable columns of DESIGN.md, in this order, then the extra ones.
const COLUMNS: [&str; 18] = [
    "policy",
    "vendor",
    "action",
    "polarity",
    "data",
    "opp115_type",
    "party",
    "party_kind",
    "role",
    "parent",
    "purpose",
    "condition",
    "sentence",
    "start",
    "end",
    "data_text",
    "party_text",
    "heading",
];

#[test]
fn csv_is_the_committed_statements_csv() {
    let out = run_bytes(&["statements", SEEDS]);
    assert_eq!(
        out,
        run_bytes(&["statements", SEEDS, "--format", "csv"]),
        "csv is the default"
    );
    assert!(
        out == committed("statements.csv"),
        "`sharegraph statements data/policies` differs from output/statements.csv"
    );
    let records = csv_records(&String::from_utf8(out).unwrap());
    assert_eq!(records[0].iter().collect::<Vec<_>>(), COLUMNS);
    assert!(records.len() > 100, "{} statements", records.len() - 1);
}

#[test]
fn csv_bom() {
    let plain = run_bytes(&["statements", SEEDS]);
    let bom = run_bytes(&["statements", SEEDS, "--bom"]);
    assert_eq!(&bom[..3], b"\xEF\xBB\xBF");
    assert_eq!(&bom[3..], &plain[..]);
}

/// JSON, JSON Lines and CSV hold the same statements in the same order.
#[test]
fn json_and_jsonl_match_csv() {
    let json = json_rows(&run(&["statements", SEEDS, "--format", "json"]));
    let jsonl_text = run(&["statements", SEEDS, "--format", "jsonl"]);
    let jsonl: Vec<Value> = jsonl_text
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(json, jsonl);
    let csv = String::from_utf8(committed("statements.csv")).unwrap();
    let records = csv_records(&csv);
    assert_eq!(json.len() + 1, records.len());
    for (s, r) in json.iter().zip(records.iter().skip(1)) {
        for (i, column) in COLUMNS.iter().enumerate() {
            let value = match &s[*column] {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            // CSV neutralises cells a spreadsheet would run as formulas.
            let cell = r[i]
                .strip_prefix('\'')
                .filter(|c| c.starts_with(['=', '+', '-', '@']));
            assert_eq!(cell.unwrap_or(&r[i]), value, "column {column} of {s}");
        }
    }
    // The same as `export --format jsonl`.
    assert_eq!(jsonl_text, run(&["export", "--format", "jsonl", SEEDS]));
}

#[test]
fn table_form() {
    let out = table(&["statements", SEEDS, "--format", "table"]);
    insta::assert_snapshot!("statements_table", out);
    let csv = String::from_utf8(committed("statements.csv")).unwrap();
    let statements = csv_records(&csv).len() - 1;
    // One line per statement, plus a title and a header per policy and a blank line between.
    assert_eq!(out.lines().count(), statements + 2 * 2 + 1);
    assert!(out.starts_with("apowersoft-2018.md (Apowersoft)\n"));
    assert!(out.contains("\nwps-office-2020.txt (WPS Office)\n"));
}

#[test]
fn one_policy() {
    let out = table(&[
        "statements",
        "data/policies/apowersoft-2018.md",
        "--format",
        "table",
    ]);
    insta::assert_snapshot!("statements_apowersoft_table", out);
}
