//! `sharegraph who-receives` on the seed policies: the data category asked by id, label or phrase,
//! `--broader` (vague rows marked), `--group-by parent`, and table, CSV and JSON output. Exact
//! outputs are insta snapshots in `tests/snapshots/` (see `tests/README.md` to update them).

mod cli_support;

use cli_support::{SEEDS, csv_records, json_rows, run, sharegraph, table};

#[test]
fn ip_address_table() {
    let out = table(&["who-receives", "ip-address", SEEDS]);
    insta::assert_snapshot!("ip_address_table", out);
}

/// The id, the label and any phrase of the lexicon name the same category.
#[test]
fn category_by_id_label_or_phrase() {
    let by_id = run(&["who-receives", "ip-address", SEEDS]);
    for asked in [
        "IP address",
        "IP addresses",
        "ip address",
        "Internet Protocol address",
    ] {
        assert_eq!(
            run(&["who-receives", asked, SEEDS]),
            by_id,
            "`{asked}` is ip-address"
        );
    }
}

/// Asking for a category takes in the narrower ones: location includes approximate location.
#[test]
fn narrower_categories_are_included() {
    let rows = json_rows(&run(&[
        "who-receives",
        "location",
        SEEDS,
        "--format",
        "json",
    ]));
    let data: Vec<&str> = rows.iter().map(|r| r["data"].as_str().unwrap()).collect();
    assert!(data.contains(&"approximate-location"), "{data:?}");
    assert!(data.contains(&"location"), "{data:?}");
    assert!(rows.iter().all(|r| r["vague"] == false));
}

#[test]
fn broader_marks_vague_rows() {
    let out = table(&["who-receives", "ip-address", SEEDS, "--broader"]);
    insta::assert_snapshot!("ip_address_broader_table", out);
    let rows = json_rows(&run(&[
        "who-receives",
        "ip-address",
        SEEDS,
        "--broader",
        "--format",
        "json",
    ]));
    let plain = json_rows(&run(&[
        "who-receives",
        "ip-address",
        SEEDS,
        "--format",
        "json",
    ]));
    // Without --broader, the exact rows; with it, the same ones plus vague ones about a broader
    // category (personal information), never about a narrower or unrelated one.
    let exact: Vec<&serde_json::Value> = rows.iter().filter(|r| r["vague"] == false).collect();
    assert_eq!(exact.len(), plain.len());
    let vague: Vec<&serde_json::Value> = rows.iter().filter(|r| r["vague"] == true).collect();
    assert!(!vague.is_empty());
    for r in &vague {
        assert_ne!(r["data"], "ip-address", "{r}");
    }
    assert!(
        vague
            .iter()
            .any(|r| r["party"] == "Government and law enforcement"
                && r["data"] == "personal-information")
    );
    // Every vague line of the table says so.
    let vague_lines = out.lines().filter(|l| l.contains("(vague")).count();
    assert!(vague_lines > 0);
    assert!(!table(&["who-receives", "ip-address", SEEDS]).contains("vague"));
}

#[test]
fn group_by_parent_company() {
    let out = table(&["who-receives", "ip-address", SEEDS, "--group-by", "parent"]);
    insta::assert_snapshot!("ip_address_by_parent", out);
    // Google Analytics and Firebase share one Google block.
    let google = out
        .split("\n")
        .skip_while(|l| *l != "Google")
        .take_while(|l| l.starts_with(' ') || *l == "Google")
        .collect::<Vec<_>>()
        .join("\n");
    assert!(google.contains("Google Analytics"), "{out}");
    assert!(google.contains("Firebase"), "{out}");
    assert_eq!(out.lines().filter(|l| *l == "Google").count(), 1);
}

#[test]
fn ip_address_csv() {
    let out = run(&["who-receives", "IP addresses", SEEDS, "--format", "csv"]);
    insta::assert_snapshot!("ip_address_csv", out);
    let records = csv_records(&out);
    assert_eq!(
        records[0].iter().collect::<Vec<_>>(),
        [
            "party",
            "party_kind",
            "role",
            "parent",
            "vendor",
            "action",
            "polarity",
            "data",
            "purpose",
            "condition",
            "vague",
            "policy",
            "start",
            "end",
            "sentence"
        ]
    );
}

#[test]
fn ip_address_json() {
    let out = run(&["who-receives", "ip-address", SEEDS, "--format", "json"]);
    insta::assert_snapshot!("ip_address_json", out);
    // The JSON and CSV forms carry the same rows.
    let rows = json_rows(&out);
    let records = csv_records(&run(&[
        "who-receives",
        "ip-address",
        SEEDS,
        "--format",
        "csv",
    ]));
    assert_eq!(rows.len() + 1, records.len());
    for (row, record) in rows.iter().zip(records.iter().skip(1)) {
        assert_eq!(row["party"], record[0]);
        assert_eq!(row["start"].to_string(), record[12]);
        assert_eq!(row["sentence"], record[14]);
    }
}

/// The evidence sentence of every row is the text at its offsets in the policy.
#[test]
fn every_row_has_its_sentence_and_offsets() {
    let rows = json_rows(&run(&[
        "who-receives",
        "personal-information",
        SEEDS,
        "--format",
        "json",
    ]));
    assert!(!rows.is_empty());
    for r in rows {
        let (start, end) = (r["start"].as_u64().unwrap(), r["end"].as_u64().unwrap());
        assert!(start < end, "{r}");
        assert_eq!(
            r["sentence"].as_str().unwrap().len() as u64,
            end - start,
            "{r}"
        );
    }
}

#[test]
fn location_table() {
    let out = table(&["who-receives", "location", SEEDS]);
    insta::assert_snapshot!("location_table", out);
}

#[test]
fn nothing_found_says_so() {
    let out = table(&[
        "who-receives",
        "ip-address",
        "data/policies/apowersoft-2018.md",
    ]);
    assert_eq!(out, "(no statements)\n");
    assert_eq!(
        run(&[
            "who-receives",
            "ip-address",
            "data/policies/apowersoft-2018.md",
            "--format",
            "json"
        ]),
        "[]\n"
    );
}

#[test]
fn unknown_category_is_an_error() {
    sharegraph()
        .args(["who-receives", "shoe size", SEEDS])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicates::str::contains(
            "unknown data category `shoe size`",
        ));
}

/// A policy on stdin is named `-` (in CSV `'-`: a cell starting with `-` is neutralised so a
/// spreadsheet never reads it as a formula).
#[test]
fn policy_on_stdin() {
    let policy =
        std::fs::read(cli_support::root().join("data/policies/wps-office-2020.txt")).expect("seed");
    let stdout = |format: &str| {
        let out = sharegraph()
            .args(["who-receives", "ip-address", "-", "--format", format])
            .write_stdin(policy.clone())
            .output()
            .expect("run");
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let rows = json_rows(&stdout("json"));
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["policy"] == "-"));
    let records = csv_records(&stdout("csv"));
    assert!(records.iter().skip(1).all(|r| &r[11] == "'-"));
}
