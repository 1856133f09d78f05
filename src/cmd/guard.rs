//! What keeps a run safe whatever happens: input size limits, warnings about odd inputs, error
//! messages without repetition, panics reported as bugs (not Rust's panic text), and interrupts
//! that leave no temp file behind.
//!
//! Exit codes (README "Exit codes"): 0 ok, 1 some inputs failed or the command failed, 2 usage,
//! 101 internal error (a bug), 130 interrupted (SIGINT, SIGTERM, SIGHUP).

use sharegraph::limits;

/// Exit code of an interrupted run, as shells report a SIGINT.
pub const EXIT_INTERRUPTED: i32 = 130;

/// Limits on inputs.
#[derive(Debug, Clone, Copy, clap::Args)]
pub struct LimitArgs {
    /// Refuse policy files larger than SIZE (bytes, or with K, M, G; `unlimited`). Default 32M.
    #[arg(long, value_name = "SIZE", value_parser = limits::parse_size, global = true)]
    pub max_input_size: Option<u64>,
}

/// Prints a document warning (empty file, invalid UTF-8 replaced…) on stderr unless `quiet`.
pub fn warn(quiet: bool) -> impl FnMut(&str) {
    move |w: &str| {
        if !quiet {
            eprintln!("sharegraph: warning: {}", super::common::terminal_safe(w));
        }
    }
}

/// Set up the process: Ctrl-C / SIGTERM / SIGHUP remove the temp files of writes in progress
/// (their targets keep the previous content) and exit 130; a file-size limit (RLIMIT_FSIZE) makes
/// writes fail instead of killing the process; a panic prints one line naming it a bug.
pub fn install() {
    // If a handler cannot be installed (another one already is), the default action still stops
    // the process; only the temp-file cleanup is lost.
    let _ = ctrlc::set_handler(|| {
        sharegraph::export::abort_pending_writes();
        eprintln!("sharegraph: interrupted");
        std::process::exit(EXIT_INTERRUPTED);
    });
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to SIG_IGN installs no handler code and is
    // async-signal-safe; nothing else in the process relies on SIGXFSZ.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("sharegraph: internal error{place}: {message} (this is a bug: please report it)");
        let trace = std::backtrace::Backtrace::capture();
        if trace.status() == std::backtrace::BacktraceStatus::Captured {
            eprintln!("{trace}");
        }
    }));
}

/// An error and its causes on one line, each cause once: `cannot write out/x.csv: is a directory`
/// rather than repeating a cause that the message above it already quotes; control characters
/// escaped ([`super::common::terminal_safe`]).
pub fn message(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if text.is_empty() || out.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    super::common::terminal_safe(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn causes_are_not_repeated() {
        let io = std::io::Error::other("Is a directory (os error 21)");
        let e = anyhow::Error::new(io)
            .context("d: cannot read: Is a directory (os error 21)")
            .context("cannot load parties");
        assert_eq!(
            message(&e),
            "cannot load parties: d: cannot read: Is a directory (os error 21)"
        );
    }
}
