//! `sharegraph party NAME INPUT...`
//!
//! What a party receives (or provides), from which vendors, for which purposes. The name may be
//! an alias or a parent company: `Google` includes Google Analytics and Firebase.
//!
//! Example: `sharegraph party Google data/policies`

use std::process::ExitCode;

use sharegraph::query;

use super::common::{self, FilterArgs, InputArgs};
use super::output::{GroupBy, OutputFormat};

/// What does a party receive, and from which vendors?
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Party: name, alias, parent company or class label (any case).
    name: String,
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
    let name = query::PartyName::new(&lexicon, &args.name);
    let keep = common::prefilter(&lexicon, &filter, |s| name.matches(&lexicon, s));
    common::answer(
        &args.input,
        &lexicon,
        &keep,
        args.format,
        GroupBy::Party,
        |statements| query::party(statements, &lexicon, &args.name, &filter),
    )
}
