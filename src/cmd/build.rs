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

use super::common::{LexiconArgs, Outcome, Progress, expand_inputs};

/// Build the graph of policies and write every output format.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Policy files, directories, glob patterns or saved graphs [default: data/policies].
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Read more inputs from FILE, one path per line (- reads the list from stdin).
    #[arg(long, value_name = "FILE")]
    files_from: Option<PathBuf>,
    /// Output directory (created if missing).
    #[arg(long, short, default_value = "output")]
    out: PathBuf,
    #[command(flatten)]
    vocabulary: LexiconArgs,
    /// Do not report unreadable inputs or progress on stderr.
    #[arg(long, short)]
    quiet: bool,
}

/// Above this many nodes Graphviz takes minutes and draws a hairball: `build` skips the SVG.
const MAX_DRAWN_NODES: usize = 2_000;

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
    let mut lexicon = args.vocabulary.load()?;
    let paths = if args.inputs.is_empty() && args.files_from.is_none() {
        vec![PathBuf::from("data/policies")]
    } else {
        args.inputs.clone()
    };
    let (inputs, mut errors) = expand_inputs(&paths, args.files_from.as_deref());
    pipeline::prepare_lexicon(&mut lexicon, inputs.len());
    let progress = Progress::new(inputs.len(), args.quiet);
    let (graph, more) =
        pipeline::build_graph_with_progress(&inputs, &lexicon, &Options::default(), &|bytes| {
            progress.tick(bytes)
        });
    progress.finish();
    errors.extend(more);
    let outcome = Outcome::report(&errors, args.quiet);
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    let options = ExportOptions::default();
    for (name, format) in OUTPUTS {
        let path = args.out.join(name);
        export::export_to_path(&graph, format, &options, &path)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let svg = args.out.join("graph.svg");
    if graph.graph.node_count() > MAX_DRAWN_NODES {
        eprintln!(
            "sharegraph: {} nodes are too many to draw, {} not drawn (draw a part: sharegraph export --format svg --top 40 {}/graph.json)",
            graph.graph.node_count(),
            svg.display(),
            args.out.display()
        );
    } else if render::dot_available() {
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
        "sharegraph: {} policies, {} vendors, {} statements, {} nodes, {} edges → {}{} ({:.2} s)",
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
        },
        progress.elapsed().as_secs_f64()
    );
    Ok(outcome.exit_code())
}
