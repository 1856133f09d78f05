//! `sharegraph statements INPUT... [--format csv|json|jsonl|table]`
//!
//! Every extracted statement: the stable table of DESIGN.md (policy, vendor, action, polarity,
//! data, opp115_type, party, party_kind, role, parent, purpose, condition, sentence, start, end),
//! followed by data_text, party_text and heading.
//!
//! Statements are streamed: policies are extracted on all cores and written in input order as
//! soon as they and those before them are done (at most a window of policies in flight), so
//! memory stays flat however large the corpus. When stderr is a terminal, a progress bar and a
//! summary line go there; `--quiet` silences both.
//!
//! Example: `sharegraph statements data/policies/apowersoft-2018.md --format table`

use std::io::{IsTerminal as _, Write};
use std::process::ExitCode;

use sharegraph::export::csv;
use sharegraph::extract::Statement;
use sharegraph::pipeline::{self, FirstRead, Input};

use super::common::{InputArgs, Outcome, Progress};
use super::output::JsonArray;

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
    let (inputs, errors) = args.input.expand();
    let progress = Progress::new(inputs.len(), args.input.quiet);
    let mut failed = errors.len();
    for e in &errors {
        progress.error(e);
    }
    let mut out = super::output::stdout();
    let mut sink = StatementSink::new(args.format, args.bom, &mut out)?;
    // Saved graphs first, as when they are merged into one graph; then the policies, streamed in
    // input order as they are extracted.
    let (graphs, policies): (Vec<Input>, Vec<Input>) =
        inputs.into_iter().partition(Input::is_saved_graph);
    let (mut graphs_read, mut policies_read) = (0, 0);
    let mut statements = 0;
    // A policy is written from the first input that holds it (see `pipeline::FirstRead`).
    let mut first_read = FirstRead::default();
    for g in &graphs {
        match pipeline::load_graph(g) {
            Ok(saved) => {
                graphs_read += 1;
                let saved =
                    first_read.keep_new(&g.display(), saved, &lexicon, |w| progress.warning(w));
                statements += saved.statements.len();
                saved.statements.iter().try_for_each(|s| sink.write(s))?;
            }
            Err(e) => {
                failed += 1;
                progress.error(&e);
            }
        }
    }
    let options = args.input.options();
    pipeline::for_each_extracted(
        &policies,
        &lexicon,
        &options,
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
                    policies_read += 1;
                    statements += e.statements.len();
                    e.statements.iter().try_for_each(|s| sink.write(s))
                }
                Err(e) => {
                    failed += 1;
                    progress.error(&e);
                    Ok(())
                }
            }
        },
    )?;
    sink.finish()?;
    out.flush()?;
    progress.finish();
    // The summary is for people watching; scripts reading stderr see only errors.
    if !args.input.quiet && std::io::stderr().is_terminal() {
        eprintln!(
            "sharegraph: {} policies, {} statements, {} errors, {:.2} s",
            policies_read + graphs_read,
            statements,
            failed,
            progress.elapsed().as_secs_f64()
        );
    }
    let outcome = Outcome { failed };
    Ok(outcome.exit_code())
}

/// Statements written as they come, in one of the formats.
enum StatementSink<'w, W: Write> {
    Csv(Box<csv::StatementTable<&'w mut W>>),
    Json(JsonArray<'w, W>),
    Jsonl(&'w mut W),
    Table(super::output::StatementTable, &'w mut W),
}

impl<'w, W: Write> StatementSink<'w, W> {
    fn new(format: StatementFormat, bom: bool, out: &'w mut W) -> std::io::Result<Self> {
        Ok(match format {
            StatementFormat::Csv => {
                let options = csv::CsvOptions {
                    bom,
                    ..Default::default()
                };
                StatementSink::Csv(Box::new(csv::StatementTable::new(out, &options)?))
            }
            StatementFormat::Json => StatementSink::Json(JsonArray::new(out)?),
            StatementFormat::Jsonl => StatementSink::Jsonl(out),
            StatementFormat::Table => {
                StatementSink::Table(super::output::StatementTable::new(), out)
            }
        })
    }

    fn write(&mut self, s: &Statement) -> std::io::Result<()> {
        match self {
            StatementSink::Csv(table) => table.write(s),
            StatementSink::Json(array) => array.push(s),
            StatementSink::Jsonl(out) => {
                serde_json::to_writer(&mut **out, s)?;
                out.write_all(b"\n")
            }
            StatementSink::Table(table, out) => table.row(s, *out),
        }
    }

    fn finish(self) -> std::io::Result<()> {
        match self {
            StatementSink::Csv(table) => table.finish(),
            StatementSink::Json(array) => array.finish(),
            StatementSink::Table(table, out) => table.finish(out),
            StatementSink::Jsonl(_) => Ok(()),
        }
    }
}
