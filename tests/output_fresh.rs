//! `output/` is what `sharegraph build data/policies --out output` writes, kept in the repo. This
//! test rebuilds it into a temp dir and fails when the committed copy is stale.
//!
//! To refresh: `cargo run --release -- build data/policies --out output`.

use std::path::Path;

use assert_cmd::Command;

/// Text outputs compared byte for byte. graph.svg depends on the Graphviz version installed, so it
/// is checked for presence and for naming every node of graph.dot instead.
const EXACT: [&str; 9] = [
    "statements.csv",
    "nodes.csv",
    "edges.csv",
    "graph.json",
    "graph.dot",
    "graph.graphml",
    "graph.cypher",
    "neo4j/nodes.csv",
    "neo4j/relationships.csv",
];

#[test]
fn committed_output_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let temp = tempfile::tempdir().expect("temp dir");
    Command::cargo_bin("sharegraph")
        .expect("binary")
        .current_dir(root)
        .args(["build", "data/policies", "--out"])
        .arg(temp.path())
        .assert()
        .success();
    let mut stale = Vec::new();
    for name in EXACT {
        let fresh = std::fs::read(temp.path().join(name))
            .unwrap_or_else(|e| panic!("{name} not written: {e}"));
        let committed = std::fs::read(root.join("output").join(name)).unwrap_or_default();
        if fresh != committed {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "output/ is stale ({stale:?}): run `cargo run --release -- build data/policies --out output` and commit"
    );
    if sharegraph::export::render::dot_available() {
        let svg = std::fs::read_to_string(root.join("output/graph.svg"))
            .expect("output/graph.svg is committed");
        let dot = std::fs::read_to_string(root.join("output/graph.dot")).expect("graph.dot");
        assert!(svg.contains("<svg"), "graph.svg is an SVG");
        for vendor in ["Apowersoft", "WPS Office"] {
            assert!(
                dot.contains(vendor) && svg.contains(vendor),
                "{vendor} is drawn"
            );
        }
    }
}
