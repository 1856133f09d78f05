//! Arbitrary bytes through document → extract → graph → every in-memory export.
//!
//! The first byte picks the input format (detected, HTML, Markdown, text) and the file name's
//! extension; the rest is the policy. Besides "no panic", it checks the invariants the rest of the
//! tool relies on: every sentence and statement span is `text[start..end]`, the saved graph loads
//! back, DOT parses with graphviz-rust, GraphML is well-formed XML, CSV has one record per
//! statement.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sharegraph::document::{self, Format};
use sharegraph::export::{self, ExportFormat, ExportOptions};
use sharegraph::extract;
use sharegraph::graph::ShareGraph;
use sharegraph::lexicon::Lexicon;

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::embedded().expect("embedded lexicon"))
}

fn render(graph: &ShareGraph, format: ExportFormat) -> Vec<u8> {
    let mut out = Vec::new();
    export::export(graph, format, &ExportOptions::default(), &mut out).expect("in-memory export");
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let (name, format) = match selector % 6 {
        0 => ("p.txt", None),
        1 => ("p.html", None),
        2 => ("p.md", None),
        3 => ("p", Some(Format::Html)),
        4 => ("p", Some(Format::Markdown)),
        _ => ("p", Some(Format::Text)),
    };
    let Ok(doc) = document::parse(name, bytes, format) else {
        return;
    };
    for s in &doc.sentences {
        assert!(
            doc.text.get(s.start..s.end).is_some(),
            "sentence span off char boundary"
        );
        assert!(s.start < s.end, "empty sentence span");
    }
    for h in &doc.headings {
        assert!(doc.text.get(h.start..h.end).is_some(), "heading span");
    }
    let lexicon = lexicon();
    let extraction = extract::extract(&doc, lexicon, None);
    for s in &extraction.statements {
        assert_eq!(
            doc.text.get(s.start..s.end),
            Some(s.sentence.as_str()),
            "statement sentence is not text[start..end]"
        );
    }
    let mut graph = ShareGraph::new();
    graph.add_vendor(&extraction.vendor.name, &doc.name);
    graph.add_statements(extraction.statements, lexicon);

    // Saved graph: valid JSON that loads back to the same statements.
    let json = render(&graph, ExportFormat::Json);
    let back = ShareGraph::load_json(json.as_slice()).expect("saved graph loads back");
    assert_eq!(back.statements.len(), graph.statements.len());

    // DOT parses.
    let dot = String::from_utf8(render(&graph, ExportFormat::Dot)).expect("DOT is UTF-8");
    if let Err(e) = graphviz_rust::parse(&dot) {
        panic!("DOT does not parse: {e}\n{dot}");
    }

    // GraphML is well-formed.
    let xml = render(&graph, ExportFormat::Graphml);
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    reader.config_mut().check_end_names = true;
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("GraphML is not well-formed: {e}"),
        }
        buf.clear();
    }

    // CSV: one record per statement.
    let csv = render(&graph, ExportFormat::Csv);
    let records = csv::Reader::from_reader(csv.as_slice())
        .records()
        .map(|r| r.expect("CSV record"))
        .count();
    assert_eq!(records, graph.statements.len());

    for format in [
        ExportFormat::NodesCsv,
        ExportFormat::EdgesCsv,
        ExportFormat::Jsonl,
        ExportFormat::Cypher,
    ] {
        render(&graph, format);
    }
    let mut nodes = Vec::new();
    export::neo4j::write_nodes_csv(&graph, &mut nodes).expect("neo4j nodes");
    export::neo4j::write_relationships_csv(&graph, &mut nodes).expect("neo4j relationships");
});
