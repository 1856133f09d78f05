//! `sharegraph statements INPUT... [--format csv|json|jsonl|table]`
//!
//! Every extracted statement: the stable table of DESIGN.md (policy, vendor, action, polarity,
//! data, opp115_type, party, party_kind, role, parent, purpose, condition, sentence, start, end),
//! followed by data_text, party_text and heading.
//!
//! Example: `sharegraph statements data/policies/apowersoft-2018.md --format table`

use std::io::Write;
use std::process::ExitCode;

use sharegraph::export::{csv, json};
use sharegraph::extract::Statement;

use super::common::InputArgs;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatementFormat {
    Csv,
    Json,
    Jsonl,
    Table,
}

/// Print every extracted statement.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    #[arg(long, value_enum, default_value = "csv")]
    format: StatementFormat,
    /// Start CSV output with a UTF-8 byte order mark (for Excel).
    #[arg(long)]
    bom: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let lexicon = args.input.lexicon()?;
    let (graph, outcome) = args.input.graph(&lexicon);
    let mut out = std::io::stdout().lock();
    let options = csv::CsvOptions {
        bom: args.bom,
        ..Default::default()
    };
    match args.format {
        StatementFormat::Csv => csv::write_statement_rows(&graph.statements, &options, &mut out)?,
        StatementFormat::Json => json::write_statements_json(&graph.statements, &mut out)?,
        StatementFormat::Jsonl => json::write_jsonl(&graph.statements, &mut out)?,
        StatementFormat::Table => table(&graph.statements, &mut out)?,
    }
    out.flush()?;
    Ok(outcome.exit_code())
}

/// One line per statement, evidence offsets first; sentences are in the CSV/JSON forms.
fn table(statements: &[Statement], out: &mut dyn Write) -> std::io::Result<()> {
    super::output::statements_table(statements, out)
}
