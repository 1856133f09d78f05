//! `sharegraph contradictions INPUT...`
//!
//! Within each policy, a negative and a positive statement about the same party (or a denial
//! towards all third parties) and overlapping data: "we do not collect payment information" beside
//! "we collect your credit card information". Both sentences are shown.
//!
//! Example: `sharegraph contradictions data/policies`

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;
use sharegraph::query;

use super::common::InputArgs;
use super::output::{self, OutputFormat};

/// Where does a policy say both "does" and "does not"?
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    #[arg(long, value_enum, default_value = "table")]
    format: OutputFormat,
}

#[derive(Serialize)]
struct Row<'a> {
    policy: &'a str,
    vendor: &'a str,
    negative_party: &'a str,
    negative_data: &'a str,
    negative_sentence: &'a str,
    positive_party: &'a str,
    positive_data: &'a str,
    positive_sentence: &'a str,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let lexicon = args.input.lexicon()?;
    let (graph, outcome) = args.input.graph(&lexicon);
    let found = query::contradictions(&graph, &lexicon);
    let rows: Vec<Row> = found
        .iter()
        .map(|c| Row {
            policy: &c.negative.policy,
            vendor: &c.negative.vendor,
            negative_party: &c.negative.party,
            negative_data: &c.negative.data,
            negative_sentence: &c.negative.sentence,
            positive_party: &c.positive.party,
            positive_data: &c.positive.data,
            positive_sentence: &c.positive.sentence,
        })
        .collect();
    let mut out = output::stdout();
    match args.format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
        OutputFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            for r in &rows {
                w.serialize(r)?;
            }
            w.flush()?;
        }
        OutputFormat::Table => output::contradictions_table(&found, &mut out)?,
    }
    out.flush()?;
    Ok(outcome.exit_code())
}
