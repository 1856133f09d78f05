//! JSON export: the saved graph loads back to the same graph; JSON Lines is one statement a line.

mod export_support;

use export_support::{HOSTILE, graph, hostile_graph};
use sharegraph::export::json::{write_graph, write_statements_json, write_statements_jsonl};
use sharegraph::extract::Statement;
use sharegraph::graph::ShareGraph;

fn same(a: &ShareGraph, b: &ShareGraph) {
    assert_eq!(
        a.node_list().collect::<Vec<_>>(),
        b.node_list().collect::<Vec<_>>()
    );
    let edges = |g: &ShareGraph| {
        g.edge_list()
            .map(|(x, y, e)| (x.id.clone(), y.id.clone(), e.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(edges(a), edges(b));
    assert_eq!(a.statements, b.statements);
}

#[test]
fn saved_graph_round_trips() {
    for g in [graph(), hostile_graph(HOSTILE)] {
        let mut out = Vec::new();
        write_graph(&g, &mut out).unwrap();
        let loaded = ShareGraph::load_json(out.as_slice()).unwrap();
        same(&g, &loaded);
        // And saving the loaded graph gives the same bytes.
        let mut again = Vec::new();
        write_graph(&loaded, &mut again).unwrap();
        assert_eq!(out, again);
    }
}

#[test]
fn jsonl_is_one_statement_per_line() {
    let g = hostile_graph(HOSTILE);
    let mut out = Vec::new();
    write_statements_jsonl(&g, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), g.statements.len());
    let back: Vec<Statement> = lines
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(back, g.statements);
}

#[test]
fn statements_array_round_trips() {
    let g = graph();
    let mut out = Vec::new();
    write_statements_json(&g.statements, &mut out).unwrap();
    let back: Vec<Statement> = serde_json::from_slice(&out).unwrap();
    assert_eq!(back, g.statements);
}
