//! `sharegraph vendor NAME INPUT...`
//!
//! What a vendor collects, from whom it receives data, and to whom it discloses it.
//!
//! Example: `sharegraph vendor Apowersoft data/policies`

use std::process::ExitCode;

use sharegraph::query;

use super::common::{self, FilterArgs, InputArgs};
use super::output::{GroupBy, OutputFormat};

/// What does a vendor collect and share?
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Vendor name as detected (see `sharegraph statements`), any case.
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
    // From a compact saved graph, only this vendor's statements are loaded.
    let mut keep = common::prefilter(&lexicon, &filter, |_| true);
    if filter.vendor.is_none() {
        keep.vendor = Some(args.name.trim().to_string());
    }
    common::answer(
        &args.input,
        &lexicon,
        &keep,
        args.format,
        GroupBy::Party,
        |statements| query::vendor(statements, &lexicon, &args.name, &filter),
    )
}
