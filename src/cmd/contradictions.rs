//! `sharegraph contradictions INPUT...`
//!
//! Within each policy, a negative and a positive statement about the same party (or a denial
//! towards all third parties) and overlapping data: "we do not collect payment information" beside
//! "we collect your credit card information". Both sentences are shown.
//!
//! Each policy is looked at on its own, so the inputs are read a policy at a time and its
//! contradictions printed before the next is read: memory stays flat on a saved graph of any size.
//!
//! Example: `sharegraph contradictions data/policies`

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;
use sharegraph::query::{self, Contradiction};

use super::common::InputArgs;
use super::output::{self, JsonArray, OutputFormat};

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

impl<'a> From<&Contradiction<'a>> for Row<'a> {
    fn from(c: &Contradiction<'a>) -> Row<'a> {
        Row {
            policy: &c.negative.policy,
            vendor: &c.negative.vendor,
            negative_party: &c.negative.party,
            negative_data: &c.negative.data,
            negative_sentence: &c.negative.sentence,
            positive_party: &c.positive.party,
            positive_data: &c.positive.data,
            positive_sentence: &c.positive.sentence,
        }
    }
}

/// Contradictions written a policy at a time, in one of the formats.
enum Sink<'w, W: Write> {
    Csv(Box<csv::Writer<&'w mut W>>),
    Json(JsonArray<'w, W>),
    /// The table, and whether anything was found.
    Table(&'w mut W, bool),
}

impl<'w, W: Write> Sink<'w, W> {
    fn new(format: OutputFormat, out: &'w mut W) -> std::io::Result<Self> {
        Ok(match format {
            OutputFormat::Csv => Sink::Csv(Box::new(csv::Writer::from_writer(out))),
            OutputFormat::Json => Sink::Json(JsonArray::new(out)?),
            OutputFormat::Table => Sink::Table(out, false),
        })
    }

    fn write(&mut self, found: &[Contradiction]) -> std::io::Result<()> {
        match self {
            Sink::Csv(w) => found
                .iter()
                .try_for_each(|c| w.serialize(Row::from(c)).map_err(std::io::Error::from)),
            Sink::Json(array) => found.iter().try_for_each(|c| array.push(&Row::from(c))),
            Sink::Table(out, any) => {
                *any |= !found.is_empty();
                output::contradictions_table(found, *out)
            }
        }
    }

    fn finish(self) -> std::io::Result<()> {
        match self {
            Sink::Csv(mut w) => w.flush(),
            Sink::Json(array) => array.finish(),
            Sink::Table(out, false) => writeln!(out, "(no contradictions)"),
            Sink::Table(_, true) => Ok(()),
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let lexicon = args.input.lexicon()?;
    let mut out = output::stdout();
    let mut sink = Sink::new(args.format, &mut out)?;
    // The first write error (a closed pipe…) stops the reading.
    let outcome = args.input.for_each_policy(&lexicon, |policy| {
        sink.write(&query::contradictions(&policy, &lexicon))
    })?;
    sink.finish()?;
    out.flush()?;
    Ok(outcome.exit_code())
}
