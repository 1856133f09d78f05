//! `sharegraph eval opp115 DIR [--errors] [--format table|json]`
//!
//! Scores extraction on OPP-115 (115 website policies with annotated third-party sharing): per
//! policy, the set of "Personal Information Types" that go to a third party. Reports micro and
//! macro precision/recall/F1, per-type rows, the headline without "Unspecified"/"Other", a variant
//! that also matches the third-party entity class, and the "Does Not" pairs against negative
//! statements. `--errors` shows, per policy, the sentence behind each false positive and the
//! annotated spans behind each false negative.
//!
//! `sharegraph eval poligraph ANCHORS.csv --policies DIR` compares with PoliGraph's output on the
//! same policies: pairs both systems find, and each system's own, with the evidence of each side.
//!
//! Examples: `sharegraph eval opp115 ../shared/corpus/opp115`,
//! `sharegraph eval poligraph ../shared/anchors/poligraph-output-apps-2024.csv --policies ../shared/corpus/apps-2024/html`

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::common::LexiconArgs;
use sharegraph::eval::{self, Opp115Report};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Corpus {
    /// OPP-115: DIR holds sanitized_policies/ and gold/.
    Opp115,
    /// PoliGraph's output CSV (app_id,entity,datatype,text) as DIR, with --policies.
    Poligraph,
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
    /// The corpus directory (OPP-115), or PoliGraph's output CSV.
    dir: PathBuf,
    /// poligraph: the directory of the policies PoliGraph read.
    #[arg(long, value_name = "DIR")]
    policies: Option<PathBuf>,
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
    if args.corpus == Corpus::Poligraph {
        let Some(policies) = &args.policies else {
            anyhow::bail!("eval poligraph needs --policies DIR (the policies PoliGraph read)");
        };
        let report = eval::compare_poligraph(&args.dir, policies, &lexicon)?;
        let mut out = super::output::stdout();
        match args.format {
            ReportFormat::Json => {
                serde_json::to_writer_pretty(&mut out, &report)?;
                writeln!(out)?;
            }
            ReportFormat::Table => poligraph_table(&report, args.errors, &mut out)?,
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut report = eval::evaluate(&args.dir, &lexicon)?;
    if !args.errors {
        report.errors.clear();
    }
    let mut out = super::output::stdout();
    match args.format {
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        ReportFormat::Table => table(&report, &mut out)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn table(r: &Opp115Report, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "OPP-115 third-party sharing, {} policies", r.policies)?;
    writeln!(
        out,
        "{:<34} {:>5} {:>5} {:>5}  {:>6} {:>6} {:>6}",
        "", "tp", "fp", "fn", "P", "R", "F1"
    )?;
    // Macro averages have no counts of their own: those columns stay empty.
    let line = |out: &mut dyn Write, name: &str, c: Option<&eval::Counts>, s: &eval::Scores| {
        let [tp, fp, fn_] = c.map_or(Default::default(), |c| {
            [c.tp, c.fp, c.fn_].map(|n| n.to_string())
        });
        writeln!(
            out,
            "{:<34} {:>5} {:>5} {:>5}  {:>6.3} {:>6.3} {:>6.3}",
            name, tp, fp, fn_, s.precision, s.recall, s.f1
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
            Some(&section.counts),
            &section.micro,
        )?;
        line(out, &format!("{name} macro"), None, &section.macro_avg)?;
    }
    writeln!(out, "\nper type (all types):")?;
    for row in &r.all.per_type {
        line(
            out,
            &format!("  {}", row.info_type),
            Some(&row.counts),
            &row.scores,
        )?;
    }
    for e in &r.errors {
        writeln!(out, "\n== {}", e.policy)?;
        let shown = [
            ("FP", &e.false_positives),
            ("FN", &e.false_negatives),
            ("FP does not", &e.negative_false_positives),
            ("FN does not", &e.negative_false_negatives),
        ];
        for (label, errors) in shown {
            for (t, lines) in errors {
                writeln!(out, "  {label} {t}")?;
                for s in lines {
                    writeln!(out, "     {s}")?;
                }
            }
        }
    }
    Ok(())
}

fn poligraph_table(
    r: &eval::PoligraphReport,
    errors: bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(
        out,
        "PoliGraph comparison, {} policies, (policy, data type) pairs going to a third party",
        r.policies
    )?;
    writeln!(out, "  both                {:>5}", r.both.len())?;
    writeln!(out, "  PoliGraph only      {:>5}", r.poligraph_only.len())?;
    writeln!(out, "  sharegraph only     {:>5}", r.sharegraph_only.len())?;
    let theirs = r.both.len() + r.poligraph_only.len();
    if theirs > 0 {
        writeln!(
            out,
            "  of PoliGraph's pairs, sharegraph finds {:.1} %",
            100.0 * r.both.len() as f64 / theirs as f64
        )?;
    }
    if errors {
        for (title, pairs) in [
            ("PoliGraph only", &r.poligraph_only),
            ("sharegraph only", &r.sharegraph_only),
        ] {
            writeln!(out, "\n== {title}")?;
            for p in pairs {
                writeln!(out, "- {} / {}", p.policy, p.data_type)?;
                if let Some(text) = &p.poligraph {
                    let short: String = text.chars().take(300).collect();
                    writeln!(out, "    PoliGraph: {}", short.replace('\n', " "))?;
                }
                for e in &p.sharegraph {
                    let short: String = e.chars().take(300).collect();
                    writeln!(out, "    sharegraph: {short}")?;
                }
            }
        }
    }
    Ok(())
}
