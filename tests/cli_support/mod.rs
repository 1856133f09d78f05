//! What the `cli_*` tests share: running the binary from the repository root (so inputs are the
//! relative paths users type, and outputs name policies as `data/policies` does), the 80-column
//! check for tables, and reading the committed `output/` directory.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use unicode_width::UnicodeWidthStr;

/// The seed policies, as users name them.
pub const SEEDS: &str = "data/policies";

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `sharegraph` run from the repository root.
pub fn sharegraph() -> Command {
    let mut cmd = Command::cargo_bin("sharegraph").expect("the sharegraph binary");
    cmd.current_dir(root());
    cmd
}

/// Stdout of a run that must succeed with nothing on stderr.
pub fn run(args: &[&str]) -> String {
    let out = sharegraph().args(args).output().expect("run sharegraph");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "sharegraph {args:?} failed ({}): {stderr}",
        out.status
    );
    assert!(
        stderr.is_empty(),
        "sharegraph {args:?} wrote to stderr: {stderr}"
    );
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

/// Stdout bytes of a run that must succeed.
pub fn run_bytes(args: &[&str]) -> Vec<u8> {
    let out = sharegraph().args(args).output().expect("run sharegraph");
    assert!(
        out.status.success(),
        "sharegraph {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// A table: like [`run`], and every line fits an 80-column terminal.
pub fn table(args: &[&str]) -> String {
    let text = run(args);
    assert_fits(&text, &format!("sharegraph {}", args.join(" ")));
    text
}

/// No line wider than 80 display columns; wide characters count two, so the character count
/// (what the issue asks) is within 80 too.
pub fn assert_fits(text: &str, what: &str) {
    for (n, line) in text.lines().enumerate() {
        assert!(
            line.chars().count() <= 80 && line.width() <= 80,
            "{what}: line {} is {} characters wide:\n{line}",
            n + 1,
            line.chars().count()
        );
    }
}

/// A file of the committed `output/` (what `sharegraph build data/policies --out output` writes;
/// `tests/output_fresh.rs` keeps it fresh).
pub fn committed(name: &str) -> Vec<u8> {
    let path = root().join("output").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/cli").join(name)
}

/// Rows of a JSON array output.
pub fn json_rows(text: &str) -> Vec<serde_json::Value> {
    match serde_json::from_str(text).expect("valid JSON") {
        serde_json::Value::Array(rows) => rows,
        other => panic!("expected an array, got {other}"),
    }
}

/// Records of a CSV output (header first), checking every record has the header's width.
pub fn csv_records(text: &str) -> Vec<csv::StringRecord> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("valid CSV")).collect();
    let width = records.first().expect("a header").len();
    for (n, r) in records.iter().enumerate() {
        assert_eq!(r.len(), width, "record {n} has {} cells: {r:?}", r.len());
    }
    records
}
