//! `sharegraph negatives INPUT...`
//!
//! What each vendor says it does NOT collect or share ("we do not sell your data").
//!
//! Example: `sharegraph negatives data/policies`

use std::process::ExitCode;

use sharegraph::query;

use super::common::{self, FilterArgs, InputArgs};
use super::output::{GroupBy, OutputFormat};

/// What do policies say they do not collect or share?
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    #[arg(long, value_enum, default_value = "table")]
    format: OutputFormat,
    #[command(flatten)]
    filter: FilterArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let lexicon = args.input.lexicon()?;
    let filter = args.filter.filter(&lexicon)?;
    // From a compact saved graph, only the statements this question can use are loaded.
    let keep = common::prefilter(&lexicon, &filter, |s| {
        s.polarity == sharegraph::extract::Polarity::Negative
    });
    common::answer(
        &args.input,
        &lexicon,
        &keep,
        args.format,
        GroupBy::Vendor,
        |statements| query::negatives(statements, &lexicon, &filter),
    )
}
