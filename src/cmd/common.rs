//! Options shared by subcommands: inputs, lexicon, input format, and the error report.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use sharegraph::document::Format;
use sharegraph::extract::Polarity;
use sharegraph::graph::ShareGraph;
use sharegraph::lexicon::Lexicon;
use sharegraph::pipeline::{self, InputError, Options};
use sharegraph::query::{self, Filter};

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
    /// Policy files, directories (read recursively), saved graphs (graph.json), or - for stdin.
    #[arg(value_name = "INPUT", required = true)]
    pub inputs: Vec<PathBuf>,
    #[command(flatten)]
    pub vocabulary: LexiconArgs,
    /// Force the input format instead of detecting it.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<Format>,
    /// Name the policy's first party instead of detecting it.
    #[arg(long, value_name = "NAME")]
    pub vendor_name: Option<String>,
    /// Do not report unreadable inputs on stderr (the exit code still tells).
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

    /// Build the graph of all inputs, reporting bad ones on stderr.
    pub fn graph(&self, lexicon: &Lexicon) -> (ShareGraph, Outcome) {
        let (inputs, mut errors) = pipeline::expand(&self.inputs);
        let (graph, more) = pipeline::build_graph_with_warnings(
            &inputs,
            lexicon,
            &self.options(),
            &mut super::guard::warn(self.quiet),
        );
        errors.extend(more);
        let outcome = Outcome::report(&errors, self.quiet);
        (graph, outcome)
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
                eprintln!("sharegraph: {e}");
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
