//! Options shared by subcommands: inputs, lexicon, input format, and the error report.

use std::borrow::Cow;
use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use sharegraph::document::Format;
use sharegraph::extract::{Polarity, Statement};
use sharegraph::graph::{Prefilter, ReadPlan, ShareGraph};
use sharegraph::lexicon::Lexicon;
use sharegraph::pipeline::{self, Input, InputError, Options};
use sharegraph::query::{self, Filter};

use super::output::{self, GroupBy, OutputFormat};

pub const EXIT_FAILURE: u8 = 1;

/// Which vocabulary to read policies with.
#[derive(Debug, Clone, clap::Args)]
pub struct LexiconArgs {
    /// Read the lexicon from this directory instead of the embedded one (missing files fall back).
    #[arg(long, value_name = "DIR", global = true)]
    pub lexicon: Option<PathBuf>,
    /// Add the parties of a tracker list: Exodus trackers.json, DuckDuckGo tracker radar / TDS,
    /// Disconnect services.json / entities.json, or a parties.csv. Repeatable.
    #[arg(long, value_name = "FILE", global = true)]
    pub parties: Vec<PathBuf>,
}

impl LexiconArgs {
    pub fn load(&self) -> anyhow::Result<Lexicon> {
        let mut lexicon = match &self.lexicon {
            Some(dir) => Lexicon::from_dir(dir)
                .with_context(|| format!("cannot load lexicon from {}", dir.display()))?,
            None => Lexicon::embedded().context("the embedded lexicon is invalid")?,
        };
        for file in &self.parties {
            let parties = sharegraph::lexicon::import::load_parties_file(file)?;
            lexicon.add_parties(parties);
        }
        Ok(lexicon)
    }
}

/// Where policies come from and how to read them.
#[derive(Debug, clap::Args)]
pub struct InputArgs {
    /// Policy files, directories (read recursively), glob patterns ('corpus/*.html'), saved
    /// graphs (graph.json), or - for stdin.
    #[arg(value_name = "INPUT", required_unless_present = "files_from")]
    pub inputs: Vec<PathBuf>,
    /// Read more inputs from FILE, one path per line (- reads the list from stdin).
    #[arg(long, value_name = "FILE")]
    pub files_from: Option<PathBuf>,
    #[command(flatten)]
    pub vocabulary: LexiconArgs,
    /// Force the input format instead of detecting it.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<Format>,
    /// Name the policy's first party instead of detecting it.
    #[arg(long, value_name = "NAME")]
    pub vendor_name: Option<String>,
    /// Do not report unreadable inputs, progress or the summary on stderr (the exit code still tells).
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub limits: super::guard::LimitArgs,
}

impl InputArgs {
    pub fn lexicon(&self) -> anyhow::Result<Lexicon> {
        self.vocabulary.load()
    }

    pub fn options(&self) -> Options {
        Options {
            format: self.input_format,
            vendor: self.vendor_name.clone(),
            max_input_size: self.limits.max_input_size,
        }
    }

    /// The inputs of the arguments and of `--files-from`, expanded.
    pub fn expand(&self) -> (Vec<Input>, Vec<InputError>) {
        expand_inputs(&self.inputs, self.files_from.as_deref())
    }

    /// Build the graph of all inputs, reporting bad ones on stderr.
    pub fn graph(&self, lexicon: &Lexicon) -> (ShareGraph, Outcome) {
        self.run(|inputs, options, progress, warn| {
            pipeline::build_graph_with_progress(
                inputs,
                lexicon,
                options,
                &Prefilter::default(),
                progress,
                warn,
            )
        })
    }

    /// The statements of all inputs, unlinked, for a question that uses only those `prefilter`
    /// keeps: compact saved graphs (graph.sgb) are read for those alone.
    pub fn statements_for(
        &self,
        lexicon: &Lexicon,
        prefilter: &Prefilter,
    ) -> (Vec<Statement>, Outcome) {
        self.run(|inputs, options, progress, warn| {
            pipeline::collect_statements_with_progress(
                inputs, lexicon, options, prefilter, progress, warn,
            )
        })
    }

    /// Hand the statements of all inputs to `each`, one policy at a time (see
    /// [`pipeline::for_each_policy_with_progress`]), reporting bad inputs on stderr; the first
    /// error of `each` stops the run.
    pub fn for_each_policy<E>(
        &self,
        lexicon: &Lexicon,
        each: impl FnMut(Vec<Statement>) -> Result<(), E>,
    ) -> Result<Outcome, E> {
        let (stopped, outcome) =
            self.run(
                |inputs, options, progress, warn| match pipeline::for_each_policy_with_progress(
                    inputs, lexicon, options, progress, warn, each,
                ) {
                    Ok(errors) => (Ok(()), errors),
                    Err(e) => (Err(e), Vec::new()),
                },
            );
        stopped.map(|()| outcome)
    }

    /// Expand the inputs, run `work` over them with a progress bar and warnings on stderr, and
    /// report the inputs that could not be read.
    fn run<T>(
        &self,
        work: impl FnOnce(
            &[Input],
            &Options,
            &(dyn Fn(usize) + Sync),
            &mut dyn FnMut(&str),
        ) -> (T, Vec<InputError>),
    ) -> (T, Outcome) {
        let (inputs, mut errors) = self.expand();
        let progress = Progress::new(inputs.len(), self.quiet);
        let (result, more) = work(
            &inputs,
            &self.options(),
            &|bytes| progress.tick(bytes),
            &mut super::guard::warn(self.quiet),
        );
        progress.finish();
        errors.extend(more);
        let outcome = Outcome::report(&errors, self.quiet);
        (result, outcome)
    }
}

/// Paths given as arguments plus those listed in `files_from` (`-`: standard input), expanded:
/// directories walked, globs matched. With `--files-from -`, a `-` among the paths is an error:
/// standard input holds the list.
pub fn expand_inputs(
    paths: &[PathBuf],
    files_from: Option<&Path>,
) -> (Vec<Input>, Vec<InputError>) {
    let mut paths = paths.to_vec();
    let mut errors = Vec::new();
    if let Some(list) = files_from {
        if list.as_os_str() == "-" {
            let before = paths.len();
            paths.retain(|p| p.as_os_str() != "-");
            if paths.len() < before {
                errors.push(InputError::StdinTaken);
            }
        }
        match pipeline::read_file_list(list) {
            Ok(more) => paths.extend(more),
            Err(e) => errors.push(e),
        }
    }
    let (inputs, more) = pipeline::expand(&paths);
    errors.extend(more);
    (inputs, errors)
}

/// A progress bar on stderr for runs over many policies: only when stderr is a terminal, never
/// with `--quiet`. Counts policies, shows policies/s and the time left.
pub struct Progress {
    bar: Option<indicatif::ProgressBar>,
    start: Instant,
    /// `--quiet`: errors and warnings are not printed (the exit code still tells).
    quiet: bool,
}

impl Progress {
    pub fn new(total: usize, quiet: bool) -> Progress {
        let show = !quiet && total > 1 && std::io::stderr().is_terminal();
        let bar = show.then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(total as u64),
                indicatif::ProgressDrawTarget::stderr_with_hz(4),
            );
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{elapsed_precise} {wide_bar} {pos}/{len} policies  {per_sec:.0}  {msg}ETA {eta}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar
        });
        Progress {
            bar,
            start: Instant::now(),
            quiet,
        }
    }

    /// One policy done (of `bytes` bytes; 0 if it failed).
    pub fn tick(&self, _bytes: usize) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    /// Report an input that could not be used, unless `--quiet`.
    pub fn error(&self, e: &dyn std::fmt::Display) {
        if !self.quiet {
            self.println(&format!("sharegraph: {e}"));
        }
    }

    /// Report a document warning, unless `--quiet`.
    pub fn warning(&self, w: &str) {
        if !self.quiet {
            self.println(&format!("sharegraph: warning: {w}"));
        }
    }

    /// Print a line on stderr without tearing the bar.
    pub fn println(&self, line: &str) {
        let line = terminal_safe(line);
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    pub fn elapsed(&self) -> Duration {
        self.start.elapsed()
    }
}

/// Whether every input went through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub failed: usize,
}

impl Outcome {
    pub fn report(errors: &[InputError], quiet: bool) -> Outcome {
        if !quiet {
            for e in errors {
                eprintln!("sharegraph: {}", terminal_safe(&e.to_string()));
            }
        }
        Outcome {
            failed: errors.len(),
        }
    }

    pub fn exit_code(self) -> ExitCode {
        if self.failed == 0 {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

/// Filters that compose, for query commands.
#[derive(Debug, clap::Args)]
pub struct FilterArgs {
    /// Only statements of this vendor.
    #[arg(long)]
    pub vendor: Option<String>,
    /// Only parties with this role (payment, analytics, advertising, service-provider…).
    #[arg(long)]
    pub role: Option<String>,
    /// Only this data category or narrower ones (id, label or phrase).
    #[arg(long)]
    pub data: Option<String>,
    /// Only this party (name, alias, parent company or class label).
    #[arg(long)]
    pub party: Option<String>,
    /// Only this purpose (fideslang data use, e.g. marketing.advertising).
    #[arg(long)]
    pub purpose: Option<String>,
    /// Only positive or negative statements.
    #[arg(long, value_parser = parse_polarity)]
    pub polarity: Option<Polarity>,
}

fn parse_polarity(s: &str) -> Result<Polarity, String> {
    match s {
        "positive" => Ok(Polarity::Positive),
        "negative" => Ok(Polarity::Negative),
        other => Err(format!("polarity is positive or negative, not `{other}`")),
    }
}

/// `text` with its control characters written as escapes (`\u{1b}`): messages quote file names
/// and policy titles, and a crawled file named with an escape sequence must not drive the
/// terminal it is reported on.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The shape of every question: load the statements (of a compact saved graph, only those `keep`
/// accepts), ask, print the hits on stdout, and exit with the outcome of reading the inputs.
pub fn answer(
    input: &InputArgs,
    lexicon: &Lexicon,
    keep: &Prefilter,
    format: OutputFormat,
    group_by: GroupBy,
    ask: impl for<'s> FnOnce(&'s [Statement]) -> Vec<query::Hit<'s>>,
) -> anyhow::Result<ExitCode> {
    let (statements, outcome) = input.statements_for(lexicon, keep);
    let hits = ask(&statements);
    let mut out = output::stdout();
    output::print(&hits, format, group_by, &mut out)?;
    out.flush()?;
    Ok(outcome.exit_code())
}

/// What a query keeps of a compact saved graph: statements `keep` accepts that pass `filter`
/// (whose vendor becomes the prefilter's vendor).
pub fn prefilter<'a>(
    lexicon: &'a Lexicon,
    filter: &'a Filter,
    keep: impl Fn(&Statement) -> bool + 'a,
) -> Prefilter<'a> {
    let filter_vendor = filter.vendor.as_deref().map(|v| v.trim().to_string());
    let filter = filter.compile(lexicon);
    Prefilter {
        vendor: filter_vendor,
        keep: Some(Box::new(move |s| keep(s) && filter.accepts(s))),
        plan: ReadPlan::Auto,
    }
}

impl FilterArgs {
    pub fn filter(&self, lexicon: &Lexicon) -> anyhow::Result<Filter> {
        let data = match &self.data {
            Some(d) => Some(query::resolve_data(lexicon, d)?),
            None => None,
        };
        Ok(Filter {
            vendor: self.vendor.clone(),
            role: self.role.clone(),
            data,
            party: self.party.clone(),
            purpose: self.purpose.clone(),
            polarity: self.polarity,
        })
    }
}
