//! `sharegraph export --format FORMAT INPUT... [--output PATH]`
//!
//! The graph in the forms people load it into: dot, svg, png (Graphviz), csv (statements),
//! nodes-csv, edges-csv, json (the saved graph), jsonl, graphml, neo4j (a directory of
//! `neo4j-admin database import` files), cypher. Without `--output`, to stdout.
//!
//! Example: `sharegraph export --format graphml data/policies -o policies.graphml`

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use sharegraph::export::{self, CsvOptions, DotOptions, ExportFormat, ExportOptions};

use super::common::InputArgs;

/// Export the graph (DOT, SVG, PNG, CSV, JSON, GraphML, Neo4j, Cypher).
#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(long, short = 'f', value_enum)]
    format: ExportFormat,
    #[command(flatten)]
    input: InputArgs,
    /// Write to this file (a directory for neo4j) instead of stdout; written atomically.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// DOT/SVG/PNG: leave out negative statements (drawn dashed by default).
    #[arg(long)]
    no_negatives: bool,
    /// DOT/SVG/PNG: merge named parties into their parent companies.
    #[arg(long)]
    aggregate_parents: bool,
    /// DOT/SVG/PNG: keep only the N parties with the most statements.
    #[arg(long, value_name = "N")]
    top: Option<usize>,
    /// CSV: start with a UTF-8 byte order mark (for Excel).
    #[arg(long)]
    bom: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let lexicon = args.input.lexicon()?;
    let (graph, outcome) = args.input.graph(&lexicon);
    let options = ExportOptions {
        dot: DotOptions {
            negatives: !args.no_negatives,
            aggregate_parents: args.aggregate_parents,
            top: args.top,
            ..DotOptions::default()
        },
        csv: CsvOptions {
            bom: args.bom,
            ..CsvOptions::default()
        },
    };
    match &args.output {
        Some(path) => {
            export::export_to_path(&graph, args.format, &options, path)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        None if args.format == ExportFormat::Neo4j => {
            bail!("--format neo4j writes several files: give a directory with --output")
        }
        None => {
            let mut out = super::output::stdout();
            export::export(&graph, args.format, &options, &mut out)?;
            out.flush()?;
        }
    }
    Ok(outcome.exit_code())
}
