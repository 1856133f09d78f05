//! `sharegraph eval opp115 DIR [--errors] [--format table|json]`
//!
//! Scores extraction on OPP-115 (115 website policies with annotated third-party sharing): per
//! policy, the set of "Personal Information Types" that go to a third party. Reports micro and
//! macro precision/recall/F1, per-type rows, the headline without "Unspecified"/"Other", a variant
//! that also matches the third-party entity class, and the "Does Not" pairs against negative
//! statements. `--errors` shows, per policy, the sentence behind each false positive and the
//! annotated spans behind each false negative.
//!
//! Example: `sharegraph eval opp115 ../shared/corpus/opp115`

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::common::LexiconArgs;
use sharegraph::eval::{self, Opp115Report};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Corpus {
    Opp115,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Table,
    Json,
}

/// Measure extraction accuracy on an annotated corpus.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(value_enum)]
    corpus: Corpus,
    /// The corpus directory (OPP-115: holds sanitized_policies/ and gold/).
    dir: PathBuf,
    /// Show the sentence behind each false positive and the gold spans behind each false negative.
    #[arg(long)]
    errors: bool,
    #[arg(long, value_enum, default_value = "table")]
    format: ReportFormat,
    #[command(flatten)]
    vocabulary: LexiconArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let lexicon = args.vocabulary.load()?;
    let Corpus::Opp115 = args.corpus;
    let mut report = eval::evaluate(&args.dir, &lexicon)?;
    if !args.errors {
        report.errors.clear();
    }
    let mut out = std::io::stdout().lock();
    match args.format {
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        ReportFormat::Table => table(&report, &mut out)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn table(r: &Opp115Report, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "OPP-115 third-party sharing, {} policies", r.policies)?;
    writeln!(
        out,
        "{:<34} {:>5} {:>5} {:>5}  {:>6} {:>6} {:>6}",
        "", "tp", "fp", "fn", "P", "R", "F1"
    )?;
    let line = |out: &mut dyn Write, name: &str, c: &eval::Counts, s: &eval::Scores| {
        writeln!(
            out,
            "{:<34} {:>5} {:>5} {:>5}  {:>6.3} {:>6.3} {:>6.3}",
            name, c.tp, c.fp, c.fn_, s.precision, s.recall, s.f1
        )
    };
    for (name, section) in [
        ("headline (no Unspecified/Other)", &r.headline),
        ("all types", &r.all),
        ("headline + entity class", &r.with_entity),
        ("does not (negative statements)", &r.negative),
    ] {
        line(
            out,
            &format!("{name} micro"),
            &section.counts,
            &section.micro,
        )?;
        writeln!(
            out,
            "{:<34} {:>5} {:>5} {:>5}  {:>6.3} {:>6.3} {:>6.3}",
            format!("{name} macro"),
            "",
            "",
            "",
            section.macro_avg.precision,
            section.macro_avg.recall,
            section.macro_avg.f1
        )?;
    }
    writeln!(out, "\nper type (all types):")?;
    for row in &r.all.per_type {
        line(
            out,
            &format!("  {}", row.info_type),
            &row.counts,
            &row.scores,
        )?;
    }
    for e in &r.errors {
        writeln!(out, "\n== {}", e.policy)?;
        for (t, sentences) in &e.false_positives {
            writeln!(out, "  FP {t}")?;
            for s in sentences {
                writeln!(out, "     {s}")?;
            }
        }
        for (t, spans) in &e.false_negatives {
            writeln!(out, "  FN {t}")?;
            for s in spans {
                writeln!(out, "     {s}")?;
            }
        }
    }
    Ok(())
}
