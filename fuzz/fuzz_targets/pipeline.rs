//! Arbitrary bytes through document → extract → graph → every in-memory export.
//!
//! The first byte picks the input format (detected, HTML, Markdown, text) and the file name's
//! extension; the rest is the policy. Besides "no panic", it checks the invariants the rest of the
//! tool relies on: every sentence and statement span is `text[start..end]`, the saved graph loads
//! back with the same statements, the CSV has one record per statement. Escaping (DOT, GraphML) is
//! the `export` target's job; this one runs the markup checks only on inputs that produced a
//! statement, so most executions stay cheap.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sharegraph::document;
use sharegraph::extract;
use sharegraph::graph::ShareGraph;
use sharegraph_fuzz::{check_document, check_exports, check_markup, lexicon, split_selector};

fuzz_target!(|data: &[u8]| {
    let Some((name, format, bytes)) = split_selector(data) else {
        return;
    };
    let Ok(doc) = document::parse(name, bytes, format) else {
        return;
    };
    check_document(&doc);
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
    let found = !extraction.statements.is_empty();
    graph.add_statements(extraction.statements, lexicon);
    check_exports(&graph);
    if found {
        check_markup(&graph);
    }
});
