//! `sharegraph build [INPUT]... [--out DIR]`
//!
//! The main job: read policies (default `data/policies`), build the graph, and write to the
//! output directory (default `output`): graph.dot, graph.svg (when Graphviz is installed),
//! statements.csv, nodes.csv, edges.csv, graph.json (the saved graph every query accepts),
//! graph.graphml, graph.cypher and neo4j/ (import files). Every file is written atomically.
//!
//! Example: `sharegraph build data/policies --out output`

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use sharegraph::export::{self, ExportFormat, ExportOptions, render};
use sharegraph::pipeline::{self, Options};

use super::common::{LexiconArgs, Outcome};

/// Build the graph of policies and write every output format.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Policy files or directories.
    #[arg(value_name = "INPUT", default_value = "data/policies")]
    inputs: Vec<PathBuf>,
    /// Output directory (created if missing).
    #[arg(long, short, default_value = "output")]
    out: PathBuf,
    #[command(flatten)]
    vocabulary: LexiconArgs,
    /// Do not report unreadable inputs on stderr.
    #[arg(long, short)]
    quiet: bool,
    #[command(flatten)]
    limits: super::guard::LimitArgs,
}

/// The files `build` writes, by format. SVG comes last: it needs Graphviz.
const OUTPUTS: [(&str, ExportFormat); 8] = [
    ("statements.csv", ExportFormat::Csv),
    ("nodes.csv", ExportFormat::NodesCsv),
    ("edges.csv", ExportFormat::EdgesCsv),
    ("graph.json", ExportFormat::Json),
    ("graph.dot", ExportFormat::Dot),
    ("graph.graphml", ExportFormat::Graphml),
    ("graph.cypher", ExportFormat::Cypher),
    ("neo4j", ExportFormat::Neo4j),
];

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let lexicon = args.vocabulary.load()?;
    let (inputs, mut errors) = pipeline::expand(&args.inputs);
    let options = Options {
        max_input_size: args.limits.max_input_size,
        ..Options::default()
    };
    let (graph, more) = pipeline::build_graph_with_warnings(
        &inputs,
        &lexicon,
        &options,
        &mut super::guard::warn(args.quiet),
    );
    errors.extend(more);
    let outcome = Outcome::report(&errors, args.quiet);
    let options = ExportOptions::default();
    // All or nothing: every file is written to a temp file first, then all are renamed.
    export::export_all_to_dir(&graph, &OUTPUTS, &options, &args.out)?;
    let svg = args.out.join("graph.svg");
    if render::dot_available() {
        export::export_to_path(&graph, ExportFormat::Svg, &options, &svg)
            .with_context(|| format!("cannot write {}", svg.display()))?;
    } else {
        eprintln!(
            "sharegraph: Graphviz `dot` not found, {} not drawn (install it: apt-get install graphviz / brew install graphviz)",
            svg.display()
        );
    }
    let vendors = graph
        .node_list()
        .filter(|n| n.kind == sharegraph::graph::NodeKind::Vendor)
        .count();
    eprintln!(
        "sharegraph: {} policies, {} vendors, {} statements, {} nodes, {} edges → {}{}",
        inputs.len() - outcome.failed.min(inputs.len()),
        vendors,
        graph.statements.len(),
        graph.graph.node_count(),
        graph.graph.edge_count(),
        args.out.display(),
        if outcome.failed > 0 {
            format!(" ({} inputs failed)", outcome.failed)
        } else {
            String::new()
        }
    );
    Ok(outcome.exit_code())
}
