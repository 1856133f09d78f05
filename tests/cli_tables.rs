//! Every table the queries print on the seed policies fits an 80-column terminal (display
//! columns, not bytes), and a reader closing the pipe early (`sharegraph … | head`) is no error.

mod cli_support;

use std::io::Read;
use std::process::Stdio;

use cli_support::{SEEDS, assert_fits, run};

const WPS_2020: &str = "data/policies/wps-office-2020.txt";
const WPS_2021: &str = "tests/fixtures/cli/wps-office-2021.txt";

/// Every query in its table form, with the options that change the table's shape.
const TABLES: &[&[&str]] = &[
    &["who-receives", "ip-address", SEEDS],
    &["who-receives", "ip-address", SEEDS, "--broader"],
    &["who-receives", "personal-information", SEEDS],
    &[
        "who-receives",
        "personal-information",
        SEEDS,
        "--group-by",
        "parent",
    ],
    &[
        "who-receives",
        "personal-information",
        SEEDS,
        "--group-by",
        "vendor",
    ],
    &[
        "who-receives",
        "location",
        SEEDS,
        "--broader",
        "--group-by",
        "parent",
    ],
    &["party", "Google", SEEDS],
    &["party", "Third parties", SEEDS],
    &["party", "Service providers", SEEDS],
    &["vendor", "WPS Office", SEEDS],
    &["vendor", "Apowersoft", SEEDS],
    &["negatives", SEEDS],
    &["contradictions", SEEDS],
    &["statements", SEEDS, "--format", "table"],
    &["diff", WPS_2020, WPS_2021],
    &["diff", WPS_2020, "data/policies/apowersoft-2018.md"],
];

#[test]
fn every_table_fits_80_columns() {
    for args in TABLES {
        let out = run(args);
        assert!(!out.is_empty(), "{args:?}");
        assert_fits(&out, &format!("sharegraph {}", args.join(" ")));
    }
}

/// Every party of the seeds, as its own query: no name or data list makes a line too wide.
#[test]
fn every_party_table_fits() {
    let csv = run(&["export", "--format", "nodes-csv", SEEDS]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let mut parties = 0;
    for record in reader.records() {
        let record = record.unwrap();
        if &record[1] == "party" {
            parties += 1;
            let out = run(&["party", &record[2], SEEDS]);
            assert_ne!(out, "(no statements)\n", "{}", &record[2]);
            assert_fits(&out, &format!("sharegraph party {:?}", &record[2]));
        }
    }
    assert!(parties > 10);
}

/// Reading a few bytes and closing the pipe: exit 0 and nothing on stderr, whatever the format.
#[test]
fn closed_pipe_is_quiet() {
    let binary = assert_cmd::cargo::cargo_bin("sharegraph");
    for args in [
        &["statements", SEEDS][..],
        &["statements", SEEDS, "--format", "json"],
        &["export", "--format", "csv", SEEDS],
        &["export", "--format", "json", SEEDS],
        &["export", "--format", "graphml", SEEDS],
        &["export", "--format", "cypher", SEEDS],
        &["contradictions", SEEDS, "--format", "json"],
        &["vendor", "WPS Office", SEEDS],
    ] {
        // Big enough outputs to outlast the pipe buffer: the seeds three times over.
        let mut child = std::process::Command::new(&binary)
            .current_dir(cli_support::root())
            .args(args)
            .args([SEEDS, SEEDS])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut first = [0u8; 16];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        // The read end is dropped here: the next writes fail with a broken pipe.
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{args:?}: {:?}", out.status);
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "",
            "{args:?}: nothing on stderr"
        );
    }
}
