//! The `sharegraph` command: parses arguments and dispatches to `cmd/`. Nothing else.

use std::process::ExitCode;

use clap::Parser;

mod cmd;

fn main() -> ExitCode {
    let cli = cmd::Cli::parse();
    match cmd::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("sharegraph: {e:#}");
            ExitCode::from(cmd::EXIT_FAILURE)
        }
    }
}
