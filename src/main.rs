//! The `sharegraph` command: parses arguments and dispatches to `cmd/`. Nothing else.

// Library and binary code never unwraps: a bad input is an error naming it, not a panic.
#![cfg_attr(not(test), warn(clippy::unwrap_used))]

use std::process::ExitCode;

use clap::Parser;

mod cmd;

// mimalloc: extraction makes many small strings (why, and how it is called: `sharegraph::alloc`).
#[global_allocator]
static ALLOCATOR: sharegraph::alloc::Allocator = sharegraph::alloc::Allocator;

fn main() -> ExitCode {
    sharegraph::alloc::keep_freed_memory();
    cmd::guard::install();
    let cli = cmd::Cli::parse();
    match cmd::run(cli) {
        Ok(code) => code,
        // `sharegraph … | head` closing the pipe is not an error worth a message.
        Err(e) if cmd::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("sharegraph: {}", cmd::guard::message(&e));
            ExitCode::from(cmd::EXIT_FAILURE)
        }
    }
}
