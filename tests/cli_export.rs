//! `sharegraph export` on the seed policies, every format, to stdout and with `-o`. The text
//! formats are exactly the committed `output/` files (`tests/output_fresh.rs` keeps those fresh);
//! beyond equality: GraphML is well-formed XML, DOT parses with graphviz-rust, the Neo4j files have
//! typed headers, every CSV has a constant column count and `--bom` starts with the BOM. SVG and PNG
//! are drawn when Graphviz is installed; without it the message says how to get it.

mod cli_support;

use cli_support::{SEEDS, committed, csv_records, run, run_bytes, sharegraph};
use quick_xml::Reader;
use quick_xml::events::Event;

/// (format, the file of `output/` it must equal).
const TEXT_FORMATS: [(&str, &str); 7] = [
    ("dot", "graph.dot"),
    ("csv", "statements.csv"),
    ("nodes-csv", "nodes.csv"),
    ("edges-csv", "edges.csv"),
    ("json", "graph.json"),
    ("graphml", "graph.graphml"),
    ("cypher", "graph.cypher"),
];

fn export(format: &str) -> Vec<u8> {
    run_bytes(&["export", "--format", format, SEEDS])
}

#[test]
fn text_formats_to_stdout_are_the_committed_output() {
    for (format, file) in TEXT_FORMATS {
        assert!(
            export(format) == committed(file),
            "`export --format {format} data/policies` differs from output/{file}"
        );
    }
    // -f is --format.
    assert!(run_bytes(&["export", "-f", "dot", SEEDS]) == committed("graph.dot"));
}

#[test]
fn text_formats_with_output_file() {
    let temp = tempfile::tempdir().unwrap();
    for (format, file) in TEXT_FORMATS.iter().chain(&[("jsonl", "graph.jsonl")]) {
        let path = temp.path().join(file);
        let out = sharegraph()
            .args(["export", "--format", format, SEEDS, "-o"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(out.status.success(), "{format}: {out:?}");
        assert!(out.stdout.is_empty(), "{format}: nothing on stdout with -o");
        let written = std::fs::read(&path).unwrap();
        assert!(
            written == export(format),
            "{format}: -o writes what stdout gets"
        );
    }
    // --output is -o; nothing else is left in the directory (no temp files).
    let path = temp.path().join("again.dot");
    sharegraph()
        .args(["export", "--format", "dot", SEEDS, "--output"])
        .arg(&path)
        .assert()
        .success();
    assert!(std::fs::read(&path).unwrap() == committed("graph.dot"));
    assert_eq!(
        std::fs::read_dir(temp.path()).unwrap().count(),
        TEXT_FORMATS.len() + 2
    );
}

#[test]
fn jsonl_is_one_statement_per_line() {
    let text = String::from_utf8(export("jsonl")).unwrap();
    let graph: serde_json::Value = serde_json::from_slice(&committed("graph.json")).unwrap();
    let statements = graph["statements"].as_array().unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(&lines, statements);
}

#[test]
fn neo4j_needs_a_directory() {
    sharegraph()
        .args(["export", "--format", "neo4j", SEEDS])
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            "sharegraph: --format neo4j writes several files: give a directory with --output\n",
        );
}

#[test]
fn neo4j_import_files() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("neo4j");
    sharegraph()
        .args(["export", "--format", "neo4j", SEEDS, "-o"])
        .arg(&dir)
        .assert()
        .success()
        .stdout("");
    let nodes = std::fs::read(dir.join("nodes.csv")).unwrap();
    let relationships = std::fs::read(dir.join("relationships.csv")).unwrap();
    assert!(nodes == committed("neo4j/nodes.csv"));
    assert!(relationships == committed("neo4j/relationships.csv"));
    // Typed headers for `neo4j-admin database import`.
    let nodes = csv_records(&String::from_utf8(nodes).unwrap());
    assert_eq!(
        nodes[0].iter().collect::<Vec<_>>(),
        [
            "id:ID",
            ":LABEL",
            "name",
            "kind",
            "role",
            "party_kind",
            "parent",
            "policies:string[]",
            "statements:int"
        ]
    );
    let relationships = csv_records(&String::from_utf8(relationships).unwrap());
    assert_eq!(
        relationships[0].iter().collect::<Vec<_>>(),
        [
            ":START_ID",
            ":END_ID",
            ":TYPE",
            "polarity",
            "data:string[]",
            "purposes:string[]",
            "conditions:string[]",
            "statements:int",
            "statement_ids:int[]",
            "evidence"
        ]
    );
    // Typed columns hold their types; every relationship joins two declared nodes.
    let ids: std::collections::HashSet<&str> = nodes.iter().skip(1).map(|r| &r[0]).collect();
    assert_eq!(ids.len(), nodes.len() - 1, "node ids are unique");
    for r in nodes.iter().skip(1) {
        assert!(
            ["Vendor", "Party", "DataCategory"].contains(&&r[1]),
            "{r:?}"
        );
        r[8].parse::<u64>().unwrap();
    }
    for r in relationships.iter().skip(1) {
        assert!(ids.contains(&r[0]) && ids.contains(&r[1]), "{r:?}");
        assert!(
            [
                "COLLECTS",
                "DISCLOSES",
                "SOURCE_OF",
                "SUBCATEGORY_OF",
                "OWNED_BY"
            ]
            .contains(&&r[2]),
            "{r:?}"
        );
        r[7].parse::<u64>().unwrap();
        for id in r[8].split(';').filter(|i| !i.is_empty()) {
            id.parse::<u64>().unwrap();
        }
    }
}

/// Every CSV export reads back with the csv crate, each record as wide as the header.
#[test]
fn csv_exports_have_constant_width() {
    for format in ["csv", "nodes-csv", "edges-csv"] {
        let text = String::from_utf8(export(format)).unwrap();
        let records = csv_records(&text);
        assert!(records.len() > 10, "{format}");
    }
    let edges = csv_records(&String::from_utf8(export("edges-csv")).unwrap());
    assert_eq!(
        edges[0].iter().collect::<Vec<_>>(),
        [
            "source",
            "target",
            "kind",
            "polarity",
            "data",
            "purposes",
            "conditions",
            "statements"
        ]
    );
    let nodes = csv_records(&String::from_utf8(export("nodes-csv")).unwrap());
    assert_eq!(
        nodes[0].iter().collect::<Vec<_>>(),
        [
            "id",
            "kind",
            "label",
            "role",
            "party_kind",
            "parent",
            "policies"
        ]
    );
}

#[test]
fn csv_bom() {
    for format in ["csv", "nodes-csv", "edges-csv"] {
        let plain = export(format);
        let bom = run_bytes(&["export", "--format", format, SEEDS, "--bom"]);
        assert_eq!(&bom[..3], b"\xEF\xBB\xBF", "{format}");
        assert_eq!(&bom[3..], &plain[..], "{format}");
        assert_ne!(&plain[..3], b"\xEF\xBB\xBF", "{format}: no BOM by default");
    }
}

/// Element counts of a GraphML document, read with quick-xml, which fails on malformed XML
/// (unbalanced or mismatched tags, bad entities).
fn graphml_counts(xml: &str) -> (usize, usize, usize) {
    let mut reader = Reader::from_str(xml);
    let (mut nodes, mut edges, mut keys) = (0, 0, 0);
    let mut open: Vec<String> = Vec::new();
    let mut root = String::new();
    loop {
        let event = reader
            .read_event()
            .unwrap_or_else(|e| panic!("GraphML is not well-formed: {e}"));
        match &event {
            Event::Start(e) | Event::Empty(e) => {
                let name = e.name().as_ref().to_string();
                if open.is_empty() {
                    assert!(root.is_empty(), "one root element");
                    root = name.clone();
                }
                match name.as_str() {
                    "node" => nodes += 1,
                    "edge" => edges += 1,
                    "key" => keys += 1,
                    _ => {}
                }
                for a in e.attributes() {
                    a.expect("well-formed attribute");
                }
                if matches!(event, Event::Start(_)) {
                    open.push(name);
                }
            }
            Event::End(e) => {
                let name = e.name().as_ref().to_string();
                assert_eq!(open.pop().as_deref(), Some(name.as_str()), "balanced tags");
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert!(open.is_empty(), "unclosed {open:?}");
    assert_eq!(root, "graphml");
    (nodes, edges, keys)
}

#[test]
fn graphml_is_well_formed() {
    let xml = String::from_utf8(export("graphml")).unwrap();
    assert!(xml.starts_with("<?xml"));
    let (nodes, edges, keys) = graphml_counts(&xml);
    let node_rows = csv_records(&String::from_utf8(export("nodes-csv")).unwrap()).len() - 1;
    let edge_rows = csv_records(&String::from_utf8(export("edges-csv")).unwrap()).len() - 1;
    assert_eq!(nodes, node_rows, "every node");
    assert_eq!(edges, edge_rows, "every edge");
    assert!(keys > 5, "typed keys are declared");
}

/// Names of the party nodes of a DOT graph ("party:…"), parsed with graphviz-rust; parent
/// companies drawn only as owners (class `parent-company`) are left out.
fn dot_parties(dot: &str) -> Vec<String> {
    use graphviz_rust::dot_structures::{Graph, Id, Stmt, Subgraph};
    fn text(id: &Id) -> &str {
        let (Id::Escaped(t) | Id::Plain(t) | Id::Html(t) | Id::Anonymous(t)) = id;
        t.trim_matches('"')
    }
    fn walk(stmts: &[Stmt], out: &mut Vec<String>) {
        for s in stmts {
            match s {
                Stmt::Node(n) => {
                    let id = text(&n.id.0);
                    let owner = n
                        .attributes
                        .iter()
                        .any(|a| text(&a.0) == "class" && text(&a.1).contains("parent-company"));
                    if id.starts_with("party:") && !owner {
                        out.push(id.to_string());
                    }
                }
                Stmt::Subgraph(Subgraph { stmts, .. }) => walk(stmts, out),
                _ => {}
            }
        }
    }
    let graph = graphviz_rust::parse(dot).unwrap_or_else(|e| panic!("DOT does not parse: {e}"));
    let (Graph::DiGraph { stmts, .. } | Graph::Graph { stmts, .. }) = &graph;
    let mut out = Vec::new();
    walk(stmts, &mut out);
    out
}

#[test]
fn dot_parses() {
    let dot = String::from_utf8(export("dot")).unwrap();
    let parties = dot_parties(&dot);
    for party in [
        "Avangate",
        "Google Analytics",
        "Firebase",
        "Umeng",
        "Flurry",
    ] {
        assert!(
            parties.contains(&format!("party:{party}")),
            "{party}: {parties:?}"
        );
    }
}

#[test]
fn dot_top_and_aggregate_parents() {
    let top = String::from_utf8(run_bytes(&[
        "export", "--format", "dot", "--top", "5", SEEDS,
    ]))
    .unwrap();
    assert_eq!(dot_parties(&top).len(), 5, "{:?}", dot_parties(&top));
    // Their parent companies are drawn too, as owners (an owned-by edge, no flows).
    assert!(top.contains("class=\"party parent-company\""));
    assert!(top.contains("class=\"owned_by\""));
    let aggregated = String::from_utf8(run_bytes(&[
        "export",
        "--format",
        "dot",
        "--aggregate-parents",
        SEEDS,
    ]))
    .unwrap();
    let parties = dot_parties(&aggregated);
    assert!(parties.contains(&"party:Google".to_string()), "{parties:?}");
    for product in ["party:Google Analytics", "party:Firebase", "party:Umeng"] {
        assert!(
            !parties.contains(&product.to_string()),
            "{product} is merged into its parent"
        );
    }
    let both = String::from_utf8(run_bytes(&[
        "export",
        "--format",
        "dot",
        "--aggregate-parents",
        "--top",
        "5",
        "--no-negatives",
        SEEDS,
    ]))
    .unwrap();
    assert!(dot_parties(&both).len() <= 5);
    assert!(!both.contains("negative"), "no denials drawn");
    insta::assert_snapshot!("dot_aggregate_top5_no_negatives", both);
}

#[test]
fn svg_and_png_when_graphviz_is_installed() {
    if !sharegraph::export::render::dot_available() {
        eprintln!("Graphviz `dot` is not installed: svg/png drawing not tested here");
        return;
    }
    let svg = String::from_utf8(export("svg")).unwrap();
    assert!(svg.contains("<svg"), "an SVG document");
    for name in ["Apowersoft", "WPS Office", "Google Analytics", "Avangate"] {
        assert!(svg.contains(name), "{name} is drawn");
    }
    let png = export("png");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let temp = tempfile::tempdir().unwrap();
    for (format, file) in [("svg", "g.svg"), ("png", "g.png")] {
        let path = temp.path().join(file);
        sharegraph()
            .args(["export", "--format", format, SEEDS, "--top", "5", "-o"])
            .arg(&path)
            .assert()
            .success();
        assert!(std::fs::metadata(&path).unwrap().len() > 1000, "{format}");
    }
}

/// Without Graphviz on PATH, svg and png fail with the install hint and write nothing.
#[test]
fn svg_and_png_without_graphviz() {
    let empty = tempfile::tempdir().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    for format in ["svg", "png"] {
        sharegraph()
            .env("PATH", empty.path())
            .args(["export", "--format", format, SEEDS])
            .assert()
            .code(1)
            .stdout("")
            .stderr(
                "sharegraph: Graphviz `dot` not found: install it (apt-get install graphviz / brew install graphviz) or use --format dot\n",
            );
        let path = out_dir.path().join(format!("graph.{format}"));
        sharegraph()
            .env("PATH", empty.path())
            .args(["export", "--format", format, SEEDS, "-o"])
            .arg(&path)
            .assert()
            .code(1)
            .stderr(predicates::str::contains("Graphviz `dot` not found"));
    }
    assert_eq!(
        std::fs::read_dir(out_dir.path()).unwrap().count(),
        0,
        "no file, no temp file"
    );
}

#[test]
fn unknown_format_is_a_usage_error() {
    sharegraph()
        .args(["export", "--format", "pdf", SEEDS])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("invalid value 'pdf'"));
}

/// `run` is used for text: exporting to stdout writes nothing on stderr.
#[test]
fn export_is_quiet() {
    run(&["export", "--format", "dot", SEEDS]);
}
