//! Golden files for the hand-made two-vendor graph, one per format (`tests/fixtures/export/golden.*`),
//! compared byte for byte. After an intended change, regenerate them with
//! `UPDATE_GOLDEN=1 cargo test --test export_golden` and review the diff.

mod export_support;

use export_support::{assert_golden, graph};
use sharegraph::export::{
    self, DotOptions, ExportFormat, ExportOptions, csv, dot, graphml, json, neo4j,
};

fn bytes(f: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> Vec<u8> {
    let mut out = Vec::new();
    f(&mut out).unwrap();
    out
}

#[test]
fn dot_matches_golden() {
    assert_golden(
        "golden.dot",
        dot::to_dot(&graph(), &DotOptions::default()).as_bytes(),
    );
}

#[test]
fn aggregated_top_dot_matches_golden() {
    let options = DotOptions {
        aggregate_parents: true,
        top: Some(4),
        negatives: false,
        title: Some("Top 4 recipients, by parent company".into()),
        ..DotOptions::default()
    };
    assert_golden(
        "golden.aggregate.dot",
        dot::to_dot(&graph(), &options).as_bytes(),
    );
}

#[test]
fn csv_matches_golden() {
    let g = graph();
    let options = csv::CsvOptions::default();
    assert_golden(
        "golden.statements.csv",
        &bytes(|w| csv::write_statements(&g, &options, w)),
    );
    assert_golden(
        "golden.nodes.csv",
        &bytes(|w| csv::write_nodes(&g, &options, w)),
    );
    assert_golden(
        "golden.edges.csv",
        &bytes(|w| csv::write_edges(&g, &options, w)),
    );
}

#[test]
fn json_matches_golden() {
    let g = graph();
    assert_golden("golden.json", &bytes(|w| json::write_graph(&g, w)));
    assert_golden(
        "golden.jsonl",
        &bytes(|w| json::write_statements_jsonl(&g, w)),
    );
    assert_golden(
        "golden.statements.json",
        &bytes(|w| json::write_statements_json(&g.statements, w)),
    );
}

#[test]
fn graphml_matches_golden() {
    assert_golden(
        "golden.graphml",
        &bytes(|w| graphml::write_graphml(&graph(), w)),
    );
}

#[test]
fn neo4j_matches_golden() {
    let g = graph();
    assert_golden(
        "golden.neo4j.nodes.csv",
        &bytes(|w| neo4j::write_nodes_csv(&g, w)),
    );
    assert_golden(
        "golden.neo4j.relationships.csv",
        &bytes(|w| neo4j::write_relationships_csv(&g, w)),
    );
    assert_golden("golden.cypher", &bytes(|w| neo4j::write_cypher(&g, w)));
}

/// `export()` dispatches to the same writers as the golden files.
#[test]
fn export_dispatch_matches_golden() {
    let g = graph();
    let options = ExportOptions::default();
    for (format, name) in [
        (ExportFormat::Dot, "golden.dot"),
        (ExportFormat::Csv, "golden.statements.csv"),
        (ExportFormat::NodesCsv, "golden.nodes.csv"),
        (ExportFormat::EdgesCsv, "golden.edges.csv"),
        (ExportFormat::Json, "golden.json"),
        (ExportFormat::Jsonl, "golden.jsonl"),
        (ExportFormat::Graphml, "golden.graphml"),
        (ExportFormat::Cypher, "golden.cypher"),
    ] {
        let mut out = Vec::new();
        export::export(&g, format, &options, &mut out).unwrap();
        assert_golden(name, &out);
    }
    let err = export::export(&g, ExportFormat::Neo4j, &options, Vec::new()).unwrap_err();
    assert!(matches!(err, export::ExportError::NeedsDirectory));
}
