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
use sharegraph::export::{self, ExportFormat, ExportOptions, csv, render};
use sharegraph::graph::{BinaryWriter, NodeKind, ShareGraph};
use sharegraph::pipeline::{self, FirstRead, Input, Options};

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
    #[command(flatten)]
    limits: super::guard::LimitArgs,
}

/// Above this many nodes Graphviz takes minutes and draws a hairball: `build` skips the SVG.
const MAX_DRAWN_NODES: usize = 2_000;

/// The files `build` writes from the graph once it is built, by format. statements.csv and
/// graph.sgb are written while policies stream by; SVG comes last: it needs Graphviz.
const OUTPUTS: [(&str, ExportFormat); 7] = [
    ("nodes.csv", ExportFormat::NodesCsv),
    ("edges.csv", ExportFormat::EdgesCsv),
    ("graph.json", ExportFormat::Json),
    ("graph.dot", ExportFormat::Dot),
    ("graph.graphml", ExportFormat::Graphml),
    ("graph.cypher", ExportFormat::Cypher),
    ("neo4j", ExportFormat::Neo4j),
];

/// Above this many policies `build` keeps no statement in memory (they stream to statements.csv
/// and graph.sgb, and edges refer to them by row) and writes only the formats that need none:
/// nodes.csv and edges.csv. 100 000 policies make ~18 million statements (~15 GB as objects,
/// ~16 GB as graph.json); for the other formats, build shards (README: Scaling out).
const LARGE_CORPUS: usize = 5_000;

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let lexicon = args.vocabulary.load()?;
    let paths = if args.inputs.is_empty() && args.files_from.is_none() {
        vec![PathBuf::from("data/policies")]
    } else {
        args.inputs.clone()
    };
    let (inputs, errors) = expand_inputs(&paths, args.files_from.as_deref());
    let mut failed = Outcome::report(&errors, args.quiet).failed;
    let (graphs, policies): (Vec<Input>, Vec<Input>) =
        inputs.into_iter().partition(Input::is_saved_graph);
    let large = policies.len() > LARGE_CORPUS;
    if args.out.exists() && !args.out.is_dir() {
        anyhow::bail!(
            "cannot write {}: exists and is not a directory",
            args.out.display()
        );
    }
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    let options = ExportOptions::default();
    let extract_options = Options {
        max_input_size: args.limits.max_input_size,
        ..Options::default()
    };
    let progress = Progress::new(policies.len() + graphs.len(), args.quiet);
    let mut graph = ShareGraph::new();
    let mut statement_count = 0;
    let mut read = 0;
    // A policy is written from the first input that holds it (see `pipeline::FirstRead`).
    let mut first_read = FirstRead::default();
    let csv_path = args.out.join("statements.csv");
    let sgb_path = args.out.join("graph.sgb");
    // graph.sgb's temp files are removed by an interrupt like every other temp file.
    let sgb_temps = BinaryWriter::temp_paths(&sgb_path);
    for t in &sgb_temps {
        export::register_temp(t)?;
    }
    // statements.csv and graph.sgb are written as policies are extracted, in input order.
    let streamed = export::write_atomically(&csv_path, |out| {
        let mut table = csv::StatementTable::new(out, &options.csv)?;
        let mut sgb = BinaryWriter::create(&sgb_path)?;
        for g in &graphs {
            progress.tick(0);
            match pipeline::load_graph(g) {
                Ok(saved) => {
                    read += 1;
                    let saved =
                        first_read.keep_new(&g.display(), saved, &lexicon, |w| progress.warning(w));
                    for v in saved.node_list().filter(|n| n.kind == NodeKind::Vendor) {
                        for p in &v.policies {
                            sgb.add_vendor(&v.label, p)?;
                        }
                    }
                    for s in &saved.statements {
                        table.write(s)?;
                    }
                    sgb.add_statements(&saved.statements)?;
                    statement_count += saved.statements.len();
                    graph.merge(saved, &lexicon);
                }
                Err(e) => {
                    failed += 1;
                    progress.error(&e);
                }
            }
        }
        pipeline::for_each_extracted(
            &policies,
            &lexicon,
            &extract_options,
            &|bytes| progress.tick(bytes),
            |result| -> std::io::Result<()> {
                match result {
                    Ok(e) => {
                        for w in &e.warnings {
                            progress.warning(w);
                        }
                        if !first_read
                            .claim_file(&e.policy, &e.input.display(), |w| progress.warning(w))
                        {
                            return Ok(());
                        }
                        read += 1;
                        for s in &e.statements {
                            table.write(s)?;
                        }
                        sgb.add_vendor(&e.vendor, &e.policy)?;
                        sgb.add_statements(&e.statements)?;
                        graph.add_vendor(&e.vendor, &e.policy);
                        let first = statement_count;
                        statement_count += e.statements.len();
                        if large {
                            graph.link_statements(&e.statements, first, &lexicon);
                        } else {
                            // The graph keeps them: moved, not copied.
                            graph.add_statements(e.statements, &lexicon);
                        }
                    }
                    Err(e) => {
                        failed += 1;
                        progress.error(&e);
                    }
                }
                Ok(())
            },
        )?;
        sgb.finish()?;
        table.finish()
    });
    for t in &sgb_temps {
        export::discard_temp(t);
    }
    streamed.with_context(|| format!("cannot write {}", csv_path.display()))?;
    progress.finish();
    let outcome = Outcome { failed };
    // All or nothing: every file is written to a temp file first, then all are renamed.
    let outputs: Vec<(&str, ExportFormat)> = OUTPUTS
        .into_iter()
        .filter(|(_, f)| !large || matches!(f, ExportFormat::NodesCsv | ExportFormat::EdgesCsv))
        .collect();
    export::export_all_to_dir(&graph, &outputs, &options, &args.out)?;
    let svg = args.out.join("graph.svg");
    if large {
        eprintln!(
            "sharegraph: {} policies: large corpus, statements kept on disk only; wrote statements.csv, graph.sgb (the saved graph for queries), nodes.csv, edges.csv — for JSON, GraphML, DOT and Neo4j files, build shards of at most {LARGE_CORPUS} policies (README: Scaling out)",
            policies.len()
        );
    } else if graph.graph.node_count() > MAX_DRAWN_NODES {
        eprintln!(
            "sharegraph: {} nodes are too many to draw, {} not drawn (draw a part: sharegraph export --format svg --top 40 {})",
            graph.graph.node_count(),
            svg.display(),
            args.out.join("graph.json").display()
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
        .filter(|n| n.kind == NodeKind::Vendor)
        .count();
    eprintln!(
        "sharegraph: {} policies, {} vendors, {} statements, {} nodes, {} edges → {}{} ({:.2} s)",
        read,
        vendors,
        statement_count,
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
