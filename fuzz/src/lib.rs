//! Checks shared by the fuzz targets: span invariants of a parsed document and the
//! well-formedness of every export of a graph. Each check panics with what it found, which is what
//! libFuzzer reports as a crash.

use std::sync::OnceLock;

use sharegraph::document::{Document, Format, mojibake};
use sharegraph::export::{self, ExportFormat, ExportOptions};
use sharegraph::graph::ShareGraph;
use sharegraph::lexicon::Lexicon;

/// The embedded lexicon, built once per fuzzing process.
pub fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::embedded().expect("embedded lexicon"))
}

/// The first input byte picks the file name (so the format detector runs) or forces a format.
pub fn split_selector(data: &[u8]) -> Option<(&'static str, Option<Format>, &[u8])> {
    let (&selector, bytes) = data.split_first()?;
    let (name, format) = match selector % 6 {
        0 => ("p.txt", None),
        1 => ("p.html", None),
        2 => ("p.md", None),
        3 => ("p", Some(Format::Html)),
        4 => ("p", Some(Format::Markdown)),
        _ => ("p", Some(Format::Text)),
    };
    Some((name, format, bytes))
}

/// Every sentence, heading and lead-in span is a non-empty, trimmed slice of the cleaned text on
/// char boundaries; sentences are in order and do not overlap; heading parents point backwards.
pub fn check_document(doc: &Document) {
    let slice = |a: usize, b: usize| -> &str {
        let t = doc
            .text
            .get(a..b)
            .unwrap_or_else(|| panic!("span {a}..{b} is not on char boundaries of the text"));
        assert!(!t.is_empty(), "empty span {a}..{b}");
        assert_eq!(t, t.trim(), "untrimmed span {a}..{b}");
        t
    };
    let mut last_end = 0;
    for s in &doc.sentences {
        slice(s.start, s.end);
        assert!(s.start >= last_end, "sentences overlap or are out of order");
        last_end = s.end;
        if let Some((a, b)) = s.lead_in {
            slice(a, b);
        }
        if let Some(h) = s.heading {
            assert!(h < doc.headings.len());
        }
    }
    for (i, h) in doc.headings.iter().enumerate() {
        slice(h.start, h.end);
        if let Some(p) = h.parent {
            assert!(p < i, "heading parent must come before the heading");
        }
    }
}

/// Mojibake repair of valid UTF-8 is idempotent.
pub fn check_mojibake_idempotent(bytes: &[u8]) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        let (once, _) = mojibake::repair(text);
        let (twice, n) = mojibake::repair(&once);
        assert_eq!(
            once, twice,
            "mojibake repair is not idempotent ({n} more repairs)"
        );
    }
}

pub fn render(graph: &ShareGraph, format: ExportFormat) -> Vec<u8> {
    let mut out = Vec::new();
    export::export(graph, format, &ExportOptions::default(), &mut out).expect("in-memory export");
    out
}

/// Every in-memory export is produced without error; the saved graph loads back with the same
/// statements and the statement CSV has one record per statement.
pub fn check_exports(graph: &ShareGraph) {
    let json = render(graph, ExportFormat::Json);
    let back = ShareGraph::load_json(json.as_slice()).expect("saved graph loads back");
    assert_eq!(back.statements, graph.statements, "saved graph loses statements");

    let csv = render(graph, ExportFormat::Csv);
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
        render(graph, format);
    }
    let mut neo4j = Vec::new();
    export::neo4j::write_nodes_csv(graph, &mut neo4j).expect("neo4j nodes");
    export::neo4j::write_relationships_csv(graph, &mut neo4j).expect("neo4j relationships");
}

/// The escaping checks: DOT parses with graphviz-rust, GraphML is well-formed XML. Slow (the DOT
/// parser is a PEG), so the `pipeline` target leaves them to the `export` target, whose inputs
/// are hostile names rather than whole policies.
pub fn check_markup(graph: &ShareGraph) {
    let dot = String::from_utf8(render(graph, ExportFormat::Dot)).expect("DOT is UTF-8");
    if let Err(e) = graphviz_rust::parse(&dot) {
        panic!("DOT does not parse: {e}\n{dot}");
    }
    let xml = render(graph, ExportFormat::Graphml);
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
}
