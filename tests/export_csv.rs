//! CSV export: RFC 4180 that the csv crate reads back, header names fixed by DESIGN.md, and cells
//! neutralised against formula injection (but not the numeric columns).

mod export_support;

use export_support::{HOSTILE, graph, hostile_graph};
use sharegraph::export::csv::{
    CsvOptions, EDGE_COLUMNS, NODE_COLUMNS, STATEMENT_COLUMNS, neutralize, write_edges,
    write_nodes, write_statements,
};

fn read(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_reader(bytes);
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

fn statements_csv(g: &sharegraph::graph::ShareGraph, options: &CsvOptions) -> Vec<u8> {
    let mut out = Vec::new();
    write_statements(g, options, &mut out).unwrap();
    out
}

/// The header is the Statement's fields in order: the same header serde gives.
#[test]
fn statement_header_is_the_field_names_in_order() {
    let g = graph();
    let mut serde_csv = csv::Writer::from_writer(Vec::new());
    serde_csv.serialize(&g.statements[0]).unwrap();
    let serde_bytes = serde_csv.into_inner().unwrap();
    let (serde_header, _) = read(&serde_bytes);
    assert_eq!(serde_header, STATEMENT_COLUMNS);
    let (header, rows) = read(&statements_csv(&g, &CsvOptions::default()));
    assert_eq!(header, STATEMENT_COLUMNS);
    assert_eq!(rows.len(), g.statements.len());
    for column in [
        "policy",
        "vendor",
        "action",
        "polarity",
        "data",
        "opp115_type",
        "party",
        "party_kind",
        "role",
    ] {
        assert!(header.iter().any(|h| h == column), "{column}");
    }
}

#[test]
fn hostile_cells_are_neutralised_and_still_parse() {
    let g = hostile_graph(HOSTILE);
    let bytes = statements_csv(&g, &CsvOptions::default());
    let (header, rows) = read(&bytes);
    assert!(rows.iter().all(|r| r.len() == header.len()));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let disclose = rows
        .iter()
        .find(|r| r[col("action")] == "disclose")
        .unwrap();
    assert_eq!(disclose[col("party")], format!("'{HOSTILE}"));
    assert_eq!(disclose[col("parent")], format!("'{HOSTILE} Holdings"));
    assert_eq!(disclose[col("heading")], "'=SUM(A1:A2)");
    // Quotes, commas and newlines survive inside one cell.
    assert_eq!(disclose[col("sentence")], g.statements[0].sentence);
    assert_eq!(disclose[col("start")], "3");
    let collect = rows.iter().find(|r| r[col("action")] == "collect").unwrap();
    assert!(collect[col("sentence")].starts_with("'-1+1"));
    // Nodes and edges carry the same protection.
    let mut nodes = Vec::new();
    write_nodes(&g, &CsvOptions::default(), &mut nodes).unwrap();
    let (nh, nrows) = read(&nodes);
    assert_eq!(nh, NODE_COLUMNS);
    let label = nrows
        .iter()
        .find(|r| r[0] == format!("party:{HOSTILE}"))
        .unwrap();
    assert_eq!(label[2], format!("'{HOSTILE}"));
    let mut edges = Vec::new();
    write_edges(&g, &CsvOptions::default(), &mut edges).unwrap();
    let (eh, erows) = read(&edges);
    assert_eq!(eh, EDGE_COLUMNS);
    assert!(erows.iter().all(|r| r.len() == EDGE_COLUMNS.len()));
}

#[test]
fn numeric_columns_are_never_prefixed() {
    assert_eq!(neutralize("-12"), "'-12");
    let g = graph();
    let (header, rows) = read(&statements_csv(&g, &CsvOptions::default()));
    let start = header.iter().position(|h| h == "start").unwrap();
    for (row, s) in rows.iter().zip(&g.statements) {
        assert_eq!(row[start], s.start.to_string());
        assert_eq!(row[start + 1], s.end.to_string());
    }
}

#[test]
fn raw_mode_and_bom() {
    let g = hostile_graph(HOSTILE);
    let options = CsvOptions {
        bom: true,
        neutralize_formulas: false,
    };
    let bytes = statements_csv(&g, &options);
    assert!(bytes.starts_with("\u{feff}policy,".as_bytes()));
    let (_, rows) = read(&bytes[3..]);
    assert!(rows[0].contains(&HOSTILE.to_string()));
}

#[test]
fn edge_lists_are_joined_with_semicolons() {
    let mut out = Vec::new();
    write_edges(&graph(), &CsvOptions::default(), &mut out).unwrap();
    let (_, rows) = read(&out);
    let ads = rows
        .iter()
        .find(|r| r[0] == "vendor:WPS Office" && r[1] == "party:advertisers" && r[3] == "positive")
        .unwrap();
    assert_eq!(
        ads[4],
        "device-id;advertising-id;ip-address;cookies;approximate-location"
    );
    assert_eq!(ads[7], "14;15;16;17;18");
}
