//! `sharegraph lexicon (tree|categories|parties|classes|purposes|conditions|verbs|search TEXT|find TEXT|check)`
//!
//! Look into the vocabulary: the data taxonomy as a tree, the parties with roles and parent
//! companies, what the matcher finds in a piece of text, and a check of a lexicon directory
//! (duplicate ids, unknown parents, cycles, alias collisions are reported with file and line).
//!
//! Examples: `sharegraph lexicon tree`, `sharegraph lexicon search firebase`,
//! `sharegraph lexicon find "we share your IDFA with AppsFlyer"`, `sharegraph lexicon check --lexicon my-lexicon/`

use std::io::Write;
use std::process::ExitCode;

use super::common::LexiconArgs;
use sharegraph::lexicon::{Lexicon, MentionKind};

#[derive(Debug, clap::Subcommand)]
pub enum What {
    /// The data taxonomy as an indented tree.
    Tree,
    /// Data categories: id, parent, fideslang key, OPP-115 type, phrases.
    Categories,
    /// Named parties: name, role, parent company, domain, aliases.
    Parties,
    /// Party classes ("service providers"…).
    Classes,
    /// Purposes (fideslang data uses).
    Purposes,
    /// Conditions (consent, legal requirement…).
    Conditions,
    /// Sharing and collection verbs.
    Verbs,
    /// Entries whose id, name, label, alias or phrase contains TEXT (any case).
    Search { text: String },
    /// What the matcher finds in TEXT.
    Find { text: String },
    /// Load and check the lexicon; errors name the file and line.
    Check,
}

/// Inspect and check the lexicon.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    what: What,
    #[command(flatten)]
    vocabulary: LexiconArgs,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let lexicon = args.vocabulary.load()?;
    let mut out = super::output::stdout();
    match &args.what {
        What::Tree => tree(&lexicon, &mut out)?,
        What::Categories => {
            for c in &lexicon.categories {
                let parent = c.parent.as_deref().unwrap_or("-");
                writeln!(
                    out,
                    "{}\t{parent}\t{}\t{}\t{}",
                    c.id,
                    c.fideslang,
                    c.opp115_type,
                    c.phrases.join(" | ")
                )?;
            }
        }
        What::Parties => {
            for p in &lexicon.parties {
                let parent = p.parent.as_deref().unwrap_or("-");
                let domain = p.domain.as_deref().unwrap_or("-");
                writeln!(
                    out,
                    "{}\t{}\t{parent}\t{domain}\t{}",
                    p.name,
                    p.role,
                    p.aliases.join(" | ")
                )?;
            }
        }
        What::Classes => {
            for c in &lexicon.classes {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    c.id,
                    c.label,
                    c.role,
                    c.phrases.join(" | ")
                )?;
            }
        }
        What::Purposes => {
            for p in &lexicon.purposes {
                writeln!(out, "{}\t{}\t{}", p.id, p.label, p.phrases.join(" | "))?;
            }
        }
        What::Conditions => {
            for c in &lexicon.conditions {
                writeln!(out, "{}\t{}\t{}", c.id, c.label, c.phrases.join(" | "))?;
            }
        }
        What::Verbs => {
            for v in &lexicon.verbs {
                writeln!(out, "{}\t{:?}\t{}", v.lemma, v.family, v.forms.join(" | "))?;
            }
        }
        What::Search { text } => search(&lexicon, text, &mut out)?,
        What::Find { text } => {
            for m in lexicon.find(text) {
                let what = match m.kind {
                    MentionKind::Category(i) => format!("data {}", lexicon.categories[i].id),
                    MentionKind::Party(i) => format!("party {}", lexicon.parties[i].name),
                    MentionKind::Class(i) => format!("class {}", lexicon.classes[i].label),
                    MentionKind::Verb(i) => format!("verb {}", lexicon.verbs[i].lemma),
                    MentionKind::Purpose(i) => format!("purpose {}", lexicon.purposes[i].id),
                    MentionKind::Condition(i) => format!("condition {}", lexicon.conditions[i].id),
                };
                writeln!(
                    out,
                    "{}..{}\t{}\t{what}",
                    m.start,
                    m.end,
                    &text[m.start..m.end]
                )?;
            }
        }
        What::Check => writeln!(
            out,
            "ok: {} categories, {} parties, {} classes, {} purposes, {} conditions, {} verbs",
            lexicon.categories.len(),
            lexicon.parties.len(),
            lexicon.classes.len(),
            lexicon.purposes.len(),
            lexicon.conditions.len(),
            lexicon.verbs.len()
        )?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn tree(lexicon: &Lexicon, out: &mut dyn Write) -> std::io::Result<()> {
    fn walk(
        lexicon: &Lexicon,
        parent: Option<&str>,
        depth: usize,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        for c in lexicon
            .categories
            .iter()
            .filter(|c| c.parent.as_deref() == parent)
        {
            writeln!(
                out,
                "{}{} — {} [{}]",
                "  ".repeat(depth),
                c.id,
                c.label,
                c.opp115_type
            )?;
            // The loader rejects cycles, so this recursion is bounded by the taxonomy's depth.
            walk(lexicon, Some(&c.id), depth + 1, out)?;
        }
        Ok(())
    }
    walk(lexicon, None, 0, out)
}

fn search(lexicon: &Lexicon, text: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let needle = text.to_lowercase();
    let hit = |s: &str| s.to_lowercase().contains(&needle);
    for c in &lexicon.categories {
        if hit(&c.id) || hit(&c.label) || c.phrases.iter().any(|p| hit(p)) {
            writeln!(out, "category\t{}\t{}", c.id, c.label)?;
        }
    }
    for p in &lexicon.parties {
        if hit(&p.name) || p.aliases.iter().any(|a| hit(a)) || p.domain.as_deref().is_some_and(hit)
        {
            let parent = p.parent.as_deref().unwrap_or("-");
            writeln!(out, "party\t{}\t{}\tparent {parent}", p.name, p.role)?;
        }
    }
    for c in &lexicon.classes {
        if hit(&c.id) || hit(&c.label) || c.phrases.iter().any(|p| hit(p)) {
            writeln!(out, "class\t{}\t{}", c.label, c.role)?;
        }
    }
    for p in &lexicon.purposes {
        if hit(&p.id) || hit(&p.label) || p.phrases.iter().any(|x| hit(x)) {
            writeln!(out, "purpose\t{}\t{}", p.id, p.label)?;
        }
    }
    Ok(())
}
