//! Writing files: `write_atomically` and `export_to_path` never leave a half-written file or a temp
//! file behind.

mod export_support;

use std::io;

use export_support::graph;
use sharegraph::export::{ExportFormat, ExportOptions, export_to_path, write_atomically};

fn entries(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn failed_write_leaves_the_old_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("graph.csv");
    std::fs::write(&path, "old content\n").unwrap();
    let err = write_atomically(&path, |w| {
        w.write_all(b"half of the new")?;
        Err(io::Error::other("disk on fire"))
    })
    .unwrap_err();
    assert_eq!(err.to_string(), "disk on fire");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old content\n");
    assert_eq!(
        entries(dir.path()),
        ["graph.csv"],
        "the temp file is removed"
    );
}

#[test]
fn successful_write_replaces_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("graph.csv");
    std::fs::write(&path, "old content\n").unwrap();
    write_atomically(&path, |w| w.write_all(b"new content\n")).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "new content\n");
    assert_eq!(entries(dir.path()), ["graph.csv"]);
}

#[test]
fn missing_directory_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no/such/dir/graph.csv");
    assert!(write_atomically(&path, |w| w.write_all(b"x")).is_err());
}

#[test]
fn export_to_path_writes_files_and_directories() {
    let dir = tempfile::tempdir().unwrap();
    let g = graph();
    let options = ExportOptions::default();
    let csv = dir.path().join("statements.csv");
    assert_eq!(
        export_to_path(&g, ExportFormat::Csv, &options, &csv).unwrap(),
        std::slice::from_ref(&csv)
    );
    assert!(
        std::fs::read_to_string(&csv)
            .unwrap()
            .starts_with("policy,vendor,action,")
    );
    let neo = dir.path().join("neo4j");
    let files = export_to_path(&g, ExportFormat::Neo4j, &options, &neo).unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(entries(&neo), ["nodes.csv", "relationships.csv"]);
}
