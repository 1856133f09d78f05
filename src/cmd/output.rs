//! Printing query answers: a table for people (fits 80 columns), CSV for spreadsheets, JSON for
//! programs. Every row carries its evidence sentence and offsets.

use std::io::{self, Write};

use serde::Serialize;
use sharegraph::export::csv::neutralize;
use sharegraph::query::Hit;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Table,
    Csv,
    Json,
}

/// How the table groups rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GroupBy {
    /// One block per recipient/party.
    Party,
    /// One block per parent company (named parties without one stand alone).
    Parent,
    /// One block per vendor.
    Vendor,
}

#[derive(Serialize)]
struct Row<'a> {
    party: &'a str,
    party_kind: &'a str,
    role: &'a str,
    parent: &'a str,
    vendor: &'a str,
    action: &'a str,
    polarity: &'a str,
    data: &'a str,
    purpose: &'a str,
    condition: &'a str,
    vague: bool,
    policy: &'a str,
    start: usize,
    end: usize,
    sentence: &'a str,
}

fn row<'a>(h: &Hit<'a>) -> Row<'a> {
    let s = h.statement;
    Row {
        party: &s.party,
        party_kind: s.party_kind.as_str(),
        role: &s.role,
        parent: &s.parent,
        vendor: &s.vendor,
        action: s.action.as_str(),
        polarity: s.polarity.as_str(),
        data: &s.data,
        purpose: &s.purpose,
        condition: &s.condition,
        vague: h.vague,
        policy: &s.policy,
        start: s.start,
        end: s.end,
        sentence: &s.sentence,
    }
}

pub fn print(
    hits: &[Hit],
    format: OutputFormat,
    group: GroupBy,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        OutputFormat::Json => {
            let rows: Vec<Row> = hits.iter().map(row).collect();
            serde_json::to_writer_pretty(&mut *out, &rows)?;
            writeln!(out)
        }
        OutputFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record([
                "party",
                "party_kind",
                "role",
                "parent",
                "vendor",
                "action",
                "polarity",
                "data",
                "purpose",
                "condition",
                "vague",
                "policy",
                "start",
                "end",
                "sentence",
            ])?;
            for h in hits {
                let r = row(h);
                let text = [
                    r.party,
                    r.party_kind,
                    r.role,
                    r.parent,
                    r.vendor,
                    r.action,
                    r.polarity,
                    r.data,
                    r.purpose,
                    r.condition,
                ];
                let mut record: Vec<String> =
                    text.iter().map(|c| neutralize(c).into_owned()).collect();
                record.push(r.vague.to_string());
                record.push(neutralize(r.policy).into_owned());
                record.push(r.start.to_string());
                record.push(r.end.to_string());
                record.push(neutralize(r.sentence).into_owned());
                w.write_record(&record)?;
            }
            w.flush()
        }
        OutputFormat::Table => table(hits, group, out),
    }
}

/// Blocks of rows sharing a key, in first-seen order; within a block, one line per vendor with its
/// data categories, then each distinct evidence sentence (shortened) with its place.
fn table(hits: &[Hit], group: GroupBy, out: &mut dyn Write) -> io::Result<()> {
    if hits.is_empty() {
        return writeln!(out, "(no statements)");
    }
    let key = |h: &Hit| -> String {
        let s = h.statement;
        match group {
            GroupBy::Party => s.party.clone(),
            GroupBy::Parent if !s.parent.is_empty() => s.parent.clone(),
            GroupBy::Parent => s.party.clone(),
            GroupBy::Vendor => s.vendor.clone(),
        }
    };
    let mut blocks: indexmap::IndexMap<String, Vec<&Hit>> = indexmap::IndexMap::new();
    for h in hits {
        blocks.entry(key(h)).or_default().push(h);
    }
    for (name, rows) in &blocks {
        let first = rows[0].statement;
        let mut about = if group == GroupBy::Vendor {
            Vec::new()
        } else {
            vec![first.role.clone()]
        };
        if group != GroupBy::Vendor && !first.parent.is_empty() && first.parent != *name {
            about.push(format!("parent {}", first.parent));
        }
        about.retain(|a| !a.is_empty());
        if about.is_empty() {
            writeln!(out, "{name}")?;
        } else {
            writeln!(out, "{name}  ({})", about.join(", "))?;
        }
        let mut lines: indexmap::IndexMap<(String, String, String, bool), Vec<String>> =
            indexmap::IndexMap::new();
        let mut evidence: indexmap::IndexMap<(String, usize), (&str, bool)> =
            indexmap::IndexMap::new();
        for h in rows {
            let s = h.statement;
            let (who, verb) = phrase(s, group == GroupBy::Vendor);
            let data = lines
                .entry((who, verb, s.condition.clone(), h.vague))
                .or_default();
            if !data.contains(&s.data) {
                data.push(s.data.clone());
            }
            evidence
                .entry((s.policy.clone(), s.start))
                .or_insert((&s.sentence, h.vague));
        }
        for ((who, verb, condition, vague), data) in &lines {
            let mut line = if who.is_empty() {
                format!("  {verb}: {}", data.join(", "))
            } else {
                format!("  {verb} {who}: {}", data.join(", "))
            };
            if !condition.is_empty() {
                line.push_str(&format!(" [if {condition}]"));
            }
            if *vague {
                line.push_str(" (vague: broader category)");
            }
            writeln!(out, "{line}")?;
        }
        for ((policy, start), (sentence, _)) in &evidence {
            writeln!(out, "    “{}” — {policy}@{start}", shorten(sentence, 60))?;
        }
    }
    Ok(())
}

fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars - 1).collect();
    format!("{}…", cut.trim_end())
}

/// How a row reads from the side of its block: a party's block says "receives from WPS Office",
/// a vendor's block says "discloses to advertisers".
fn phrase(s: &sharegraph::extract::Statement, vendor_side: bool) -> (String, String) {
    use sharegraph::extract::{Action, PartyKind, Polarity};
    // (who, verb in the third person, verb after "does NOT")
    let (who, verb, base) = match (s.action, s.party_kind, vendor_side) {
        (Action::Collect, PartyKind::FirstParty, _) => (String::new(), "collects", "collect"),
        (Action::Collect, _, true) => (s.party.clone(), "lets collect", "let collect"),
        (Action::Collect, _, false) => (
            s.vendor.clone(),
            "collects on the service of",
            "collect on the service of",
        ),
        (Action::Disclose, _, true) => (s.party.clone(), "discloses to", "disclose to"),
        (Action::Disclose, _, false) => (s.vendor.clone(), "receives from", "receive from"),
        (Action::ReceiveFrom, _, true) => (s.party.clone(), "receives from", "receive from"),
        (Action::ReceiveFrom, _, false) => (s.vendor.clone(), "provides to", "provide to"),
    };
    let verb = if s.polarity == Polarity::Negative {
        format!("does NOT {base}")
    } else {
        verb.to_string()
    };
    (who, verb)
}
