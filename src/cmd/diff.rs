//! `sharegraph diff OLD NEW`
//!
//! What changed between two versions of a policy (or two sets of policies, or two saved graphs):
//! recipients, recipient ← data flows, data categories and purposes added or removed, each with the
//! sentences that say it on its side.
//!
//! Example: `sharegraph diff old/wps-office-2020.txt new/wps-office-2021.txt`

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use sharegraph::pipeline::{self, Options};
use sharegraph::query;

use super::common::{LexiconArgs, Outcome};
use super::output::{self, OutputFormat};

/// What changed between two versions of a policy?
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The old version: a policy file, a directory or a saved graph.
    old: PathBuf,
    /// The new version.
    new: PathBuf,
    #[arg(long, value_enum, default_value = "table")]
    format: OutputFormat,
    #[command(flatten)]
    vocabulary: LexiconArgs,
    #[command(flatten)]
    limits: super::guard::LimitArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let lexicon = args.vocabulary.load()?;
    let side = |path: &PathBuf| {
        let (inputs, mut errors) = pipeline::expand(std::slice::from_ref(path));
        let options = Options {
            max_input_size: args.limits.max_input_size,
            ..Options::default()
        };
        let (graph, more) = pipeline::build_graph_with_warnings(
            &inputs,
            &lexicon,
            &options,
            &mut super::guard::warn(false),
        );
        errors.extend(more);
        (graph, errors)
    };
    let (old, mut errors) = side(&args.old);
    let (new, more) = side(&args.new);
    errors.extend(more);
    let outcome = Outcome::report(&errors, false);
    let changes = query::diff(&old, &new);
    let mut out = output::stdout();
    match args.format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &changes)?;
            writeln!(out)?;
        }
        OutputFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record([
                "change", "kind", "what", "policy", "start", "end", "sentence",
            ])?;
            for c in &changes {
                for s in &c.evidence {
                    let cells = [
                        c.change,
                        c.kind,
                        &c.what,
                        &s.policy,
                        &s.start.to_string(),
                        &s.end.to_string(),
                        &s.sentence,
                    ];
                    w.write_record(
                        cells.map(|x| sharegraph::export::csv::neutralize(x).into_owned()),
                    )?;
                }
            }
            w.flush()?;
        }
        OutputFormat::Table => output::diff_table(&changes, &mut out)?,
    }
    out.flush()?;
    Ok(outcome.exit_code())
}
