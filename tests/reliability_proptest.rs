//! Properties of the whole pipeline on arbitrary input, in a few seconds (the cargo-fuzz targets in
//! `fuzz/` go much further): bytes → document → statements → graph → every in-memory export never
//! panics; every statement's sentence is `text[start..end]` of its document; the outputs parse
//! (JSON loads back, DOT parses, GraphML is well-formed, CSV has one record per statement); the
//! same input gives the same bytes.
//!
//! Mojibake repair idempotence is covered by `tests/document_proptest.rs`.

use std::sync::OnceLock;

use proptest::prelude::*;
use sharegraph::document::{self, Format};
use sharegraph::export::{self, ExportFormat, ExportOptions};
use sharegraph::extract;
use sharegraph::graph::{BinaryWriter, Prefilter, ReadPlan, ShareGraph};
use sharegraph::lexicon::Lexicon;

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::embedded().expect("embedded lexicon"))
}

/// Fragments that reach deep into the extractor and the exporters, mixed with noise.
const PIECES: &[&str] = &[
    "We share your IP address with Google Analytics",
    "We do not sell your personal information",
    "such as Facebook, Firebase, Umeng and Flurry",
    "is processed by Avangate",
    "We receive your name from Apple",
    "with advertisers, service providers and law enforcement",
    "for marketing purposes",
    "with your consent",
    "email address",
    "location",
    "them",
    "# Information Shared with Our Advertisement Providers\n",
    "\n\n",
    "\n* ",
    "<li>",
    "<h2>",
    "</h2>",
    "<p>",
    "| a | b |\n|---|---|\n",
    ". ",
    "; ",
    ", ",
    "\"",
    "\\",
    "<",
    "&amp;",
    "]]>",
    "=HYPERLINK(\"x\")",
    "â€™",
    "\u{0}",
    "\u{1b}[31m",
    "\u{feff}",
    "\u{fffd}",
    "日本語",
    "e.g.",
    "Inc.",
];

fn policy_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        3 => prop::collection::vec(
            prop_oneof![
                4 => prop::sample::select(PIECES).prop_map(|s| s.as_bytes().to_vec()),
                1 => prop::collection::vec(any::<u8>(), 0..8),
            ],
            0..40,
        )
        .prop_map(|parts| parts.concat()),
        1 => prop::collection::vec(any::<u8>(), 0..600),
    ]
}

fn format() -> impl Strategy<Value = (&'static str, Option<Format>)> {
    prop::sample::select(vec![
        ("p.txt", None),
        ("p.html", None),
        ("p.md", None),
        ("p", Some(Format::Html)),
        ("p", Some(Format::Markdown)),
        ("p", Some(Format::Text)),
    ])
}

/// Everything the pipeline writes for one input, as bytes, after checking it.
fn outputs(
    name: &str,
    bytes: &[u8],
    format: Option<Format>,
) -> Result<Vec<Vec<u8>>, TestCaseError> {
    let Ok(doc) = document::parse(name, bytes, format) else {
        return Ok(Vec::new()); // refused as binary: fine, and not a panic
    };
    let extraction = extract::extract(&doc, lexicon(), None);
    for s in &extraction.statements {
        prop_assert_eq!(doc.text.get(s.start..s.end), Some(s.sentence.as_str()));
    }
    let mut graph = ShareGraph::new();
    graph.add_vendor(&extraction.vendor.name, &doc.name);
    graph.add_statements(extraction.statements, lexicon());
    let mut out = Vec::new();
    for format in [
        ExportFormat::Csv,
        ExportFormat::NodesCsv,
        ExportFormat::EdgesCsv,
        ExportFormat::Json,
        ExportFormat::Jsonl,
        ExportFormat::Dot,
        ExportFormat::Graphml,
        ExportFormat::Cypher,
    ] {
        let mut bytes = Vec::new();
        export::export(&graph, format, &ExportOptions::default(), &mut bytes)
            .map_err(|e| TestCaseError::fail(format!("{format:?}: {e}")))?;
        match format {
            ExportFormat::Json => {
                let back = ShareGraph::load_json(bytes.as_slice())
                    .map_err(|e| TestCaseError::fail(format!("graph.json: {e}")))?;
                prop_assert_eq!(back.statements.len(), graph.statements.len());
            }
            ExportFormat::Dot => {
                let text = String::from_utf8(bytes.clone())
                    .map_err(|e| TestCaseError::fail(format!("DOT is not UTF-8: {e}")))?;
                if let Err(e) = graphviz_rust::parse(&text) {
                    return Err(TestCaseError::fail(format!("DOT: {e}\n{text}")));
                }
            }
            ExportFormat::Graphml => {
                let mut reader = quick_xml::Reader::from_reader(bytes.as_slice());
                reader.config_mut().check_end_names = true;
                let mut buf = Vec::new();
                loop {
                    match reader.read_event_into(&mut buf) {
                        Ok(quick_xml::events::Event::Eof) => break,
                        Ok(_) => {}
                        Err(e) => return Err(TestCaseError::fail(format!("GraphML: {e}"))),
                    }
                    buf.clear();
                }
            }
            ExportFormat::Csv => {
                let records = csv::Reader::from_reader(bytes.as_slice())
                    .records()
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| TestCaseError::fail(format!("CSV: {e}")))?;
                prop_assert_eq!(records.len(), graph.statements.len());
            }
            _ => {}
        }
        out.push(bytes);
    }
    Ok(out)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_through_the_whole_pipeline((name, format) in format(), bytes in policy_bytes()) {
        let first = outputs(name, &bytes, format)?;
        let second = outputs(name, &bytes, format)?;
        prop_assert!(first == second, "same input, different output");
    }
}

/// A compact saved graph of the seed policies, as `build` writes it.
fn saved_graph_bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("graph.sgb");
        let mut writer = BinaryWriter::create(&path).expect("writer");
        let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/policies");
        let mut names: Vec<_> = std::fs::read_dir(seeds)
            .expect("seeds")
            .map(|e| e.expect("entry").path())
            .collect();
        names.sort();
        for p in names {
            let bytes = std::fs::read(&p).expect("seed");
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            let doc = document::parse(&name, &bytes, None).expect("seed parses");
            let extraction = extract::extract(&doc, lexicon(), None);
            writer
                .add_vendor(&extraction.vendor.name, &name)
                .expect("write");
            writer
                .add_statements(&extraction.statements)
                .expect("write");
        }
        writer.finish().expect("finish");
        std::fs::read(&path).expect("read back")
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Any damage to graph.sgb (bytes overwritten anywhere, the file cut short) is reported as an
    /// error or read as other statements, under every read plan and prefilter: never a panic, never
    /// an allocation sized by a damaged count (which would abort the test run).
    #[test]
    fn a_damaged_saved_graph_never_panics(
        patches in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in proptest::option::of(any::<prop::sample::Index>()),
    ) {
        let mut bytes = saved_graph_bytes().to_vec();
        for (at, value) in patches {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        if let Some(cut) = cut {
            bytes.truncate(cut.index(bytes.len()));
        }
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("graph.sgb");
        std::fs::write(&path, &bytes).expect("write");
        for plan in [ReadPlan::Auto, ReadPlan::Columns, ReadPlan::Buckets] {
            let prefilters = [
                Prefilter { plan, ..Prefilter::default() },
                Prefilter {
                    keep: Some(Box::new(|s: &extract::Statement| s.is_recipient() && s.data == "ip-address")),
                    plan,
                    ..Prefilter::default()
                },
                Prefilter { vendor: Some("wps office".to_string()), plan, ..Prefilter::default() },
            ];
            for prefilter in &prefilters {
                let _ = ShareGraph::load_binary(&path, prefilter);
            }
        }
    }
}
