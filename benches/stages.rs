//! Per-stage latency: document parse, extract, graph insert, and all three, over the seed
//! policies (`data/policies`) and a fixed sample of `../shared/corpus/apps-2024/html` (every 9th
//! file in name order, 20 policies) when `../shared` is there.
//!
//! `cargo bench --bench stages` (divan). Each iteration is one pass over a corpus; divan's
//! `item/s` is policies per second and `B/s` input bytes per second, so per-policy latency is
//! the iteration time divided by the policy count printed at the start.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use divan::Bencher;
use divan::counter::{BytesCount, ItemsCount};
use sharegraph::document::{self, Document};
use sharegraph::extract::{self, Statement};
use sharegraph::graph::ShareGraph;
use sharegraph::lexicon::Lexicon;
use sharegraph::pipeline;

// The allocator the `sharegraph` binary uses.
#[global_allocator]
static ALLOCATOR: sharegraph::alloc::Allocator = sharegraph::alloc::Allocator;

const APPS: &str = "../shared/corpus/apps-2024/html";
const SEEDS: &str = "data/policies";

fn main() {
    sharegraph::alloc::keep_freed_memory();
    if !Path::new(APPS).is_dir() {
        println!("{APPS} not found (../shared absent): benchmarking the seeds only");
    }
    for name in corpora() {
        let c = corpus(name);
        println!(
            "{name}: {} policies, {:.1} KB, {} statements",
            c.files.len(),
            c.bytes as f64 / 1e3,
            c.statements.iter().map(Vec::len).sum::<usize>()
        );
    }
    divan::main();
}

/// One corpus, held in memory at every stage so that each bench times its stage alone.
struct Corpus {
    files: Vec<(String, Vec<u8>)>,
    bytes: usize,
    documents: Vec<Document>,
    statements: Vec<Vec<Statement>>,
}

/// The lexicon, its matcher built (by a first search) before any stage is timed.
static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let lexicon = Lexicon::embedded().expect("the embedded lexicon is valid");
    lexicon.find("the first search builds the matcher");
    lexicon
});

fn load(paths: Vec<PathBuf>) -> Corpus {
    let files: Vec<(String, Vec<u8>)> = paths
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(&p).expect("corpus file is readable");
            (name, bytes)
        })
        .collect();
    let documents: Vec<Document> = files
        .iter()
        .map(|(n, b)| document::parse(n, b, None).expect("corpus file parses"))
        .collect();
    let statements = documents
        .iter()
        .map(|d| extract::extract(d, &LEXICON, None).statements)
        .collect();
    Corpus {
        bytes: files.iter().map(|(_, b)| b.len()).sum(),
        files,
        documents,
        statements,
    }
}

fn files_under(dir: &str) -> Vec<PathBuf> {
    let (inputs, _) = pipeline::expand(&[PathBuf::from(dir)]);
    inputs
        .into_iter()
        .filter_map(|i| match i {
            pipeline::Input::File { path, .. } => Some(path),
            pipeline::Input::Stdin => None,
        })
        .collect()
}

static SEED_CORPUS: LazyLock<Corpus> = LazyLock::new(|| load(files_under(SEEDS)));
static APPS_SAMPLE: LazyLock<Corpus> =
    LazyLock::new(|| load(files_under(APPS).into_iter().step_by(9).collect()));

fn corpora() -> Vec<&'static str> {
    if Path::new(APPS).is_dir() {
        vec!["seeds", "apps-2024-sample"]
    } else {
        vec!["seeds"]
    }
}

fn corpus(name: &str) -> &'static Corpus {
    match name {
        "apps-2024-sample" => &APPS_SAMPLE,
        _ => &SEED_CORPUS,
    }
}

fn counted<'a, 'b>(bencher: Bencher<'a, 'b>, c: &Corpus) -> Bencher<'a, 'b> {
    bencher
        .counter(ItemsCount::new(c.files.len()))
        .counter(BytesCount::new(c.bytes))
}

/// Bytes → cleaned text, sentences, headings.
#[divan::bench(args = corpora())]
fn parse(bencher: Bencher, name: &str) {
    let c = corpus(name);
    counted(bencher, c).bench(|| {
        for (n, b) in &c.files {
            divan::black_box(document::parse(n, b, None).ok());
        }
    });
}

/// Sentences → statements (vendor detection included).
#[divan::bench(args = corpora())]
fn extract(bencher: Bencher, name: &str) {
    let c = corpus(name);
    counted(bencher, c).bench(|| {
        for d in &c.documents {
            divan::black_box(extract::extract(d, &LEXICON, None));
        }
    });
}

/// Statements → one merged graph.
#[divan::bench(args = corpora())]
fn graph_insert(bencher: Bencher, name: &str) {
    let c = corpus(name);
    counted(bencher, c)
        .with_inputs(|| c.statements.clone())
        .bench_values(|statements| {
            let mut graph = ShareGraph::new();
            for s in statements {
                graph.add_statements(s, &LEXICON);
            }
            graph
        });
}

/// All three, as `sharegraph build` runs them on one core.
#[divan::bench(args = corpora())]
fn end_to_end(bencher: Bencher, name: &str) {
    let c = corpus(name);
    counted(bencher, c).bench(|| {
        let mut graph = ShareGraph::new();
        for (n, b) in &c.files {
            if let Ok(d) = document::parse(n, b, None) {
                let e = extract::extract(&d, &LEXICON, None);
                graph.add_vendor(&e.vendor.name, &d.name);
                graph.add_statements(e.statements, &LEXICON);
            }
        }
        graph
    });
}

/// Start-up: the embedded lexicon loaded and its matcher compiled (every command pays this).
#[divan::bench(sample_count = 10)]
fn lexicon_load() -> Lexicon {
    let lexicon = Lexicon::embedded().expect("the embedded lexicon is valid");
    lexicon.find("the first search builds the matcher");
    lexicon
}
