//! Subcommands, one file each. A subcommand parses its arguments, calls the library and prints;
//! anything a library user would also need lives in the library.
//!
//! Exit codes: 0 everything went through; 1 some inputs failed (the others were still processed)
//! or the command failed; 2 usage error (from clap); 101 internal error; 130 interrupted.

mod build;
mod common;
mod contradictions;
mod diff;
mod eval;
mod export;
pub mod guard;
mod lexicon;
mod negatives;
mod output;
mod party;
mod statements;
mod vendor;
mod who_receives;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use common::EXIT_FAILURE;
pub use output::is_broken_pipe;

/// sharegraph: who gets which of your data? Reads privacy policies (HTML, Markdown, text) and
/// builds the graph of vendors, third parties and data categories, with the sentence behind
/// every edge.
#[derive(Debug, Parser)]
#[command(name = "sharegraph", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Build(build::Args),
    Statements(statements::Args),
    WhoReceives(who_receives::Args),
    Party(party::Args),
    Vendor(vendor::Args),
    Negatives(negatives::Args),
    Contradictions(contradictions::Args),
    Diff(diff::Args),
    Export(export::Args),
    Eval(eval::Args),
    Lexicon(lexicon::Args),
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Build(a) => build::run(a),
        Command::Statements(a) => statements::run(a),
        Command::WhoReceives(a) => who_receives::run(a),
        Command::Party(a) => party::run(a),
        Command::Vendor(a) => vendor::run(a),
        Command::Negatives(a) => negatives::run(a),
        Command::Contradictions(a) => contradictions::run(a),
        Command::Diff(a) => diff::run(a),
        Command::Export(a) => export::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Lexicon(a) => lexicon::run(a),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
