//! `sharegraph who-receives DATA INPUT...`
//!
//! Who receives a data category (or any narrower one), from which vendor, with the sentence that
//! says so. `--broader` adds statements about broader categories ("personal information"), marked
//! vague.
//!
//! Example: `sharegraph who-receives ip-address data/policies`

use std::process::ExitCode;

use sharegraph::query;

use super::common::{self, FilterArgs, InputArgs};
use super::output::{GroupBy, OutputFormat};

/// Who receives a data category? (recipients, roles, parent companies, vendors, evidence)
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Data category: id (ip-address), label or phrase ("IP addresses").
    #[arg(value_name = "DATA")]
    category: String,
    #[command(flatten)]
    input: InputArgs,
    /// Also list statements about a broader category that would include it, marked vague.
    #[arg(long)]
    broader: bool,
    #[arg(long, value_enum, default_value = "table")]
    format: OutputFormat,
    /// Group the table by recipient or by parent company.
    #[arg(long, value_enum, default_value = "party")]
    group_by: GroupBy,
    #[command(flatten)]
    filter: FilterArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let lexicon = args.input.lexicon()?;
    let data = query::resolve_data(&lexicon, &args.category)?;
    let filter = args.filter.filter(&lexicon)?;
    // From a compact saved graph, only the statements this question can use are loaded.
    let keep = common::prefilter(&lexicon, &filter, |s| {
        s.is_recipient()
            && (lexicon.is_within(&s.data, &data)
                || (args.broader && lexicon.is_within(&data, &s.data)))
    });
    common::answer(
        &args.input,
        &lexicon,
        &keep,
        args.format,
        args.group_by,
        |statements| query::who_receives(statements, &lexicon, &data, args.broader, &filter),
    )
}
