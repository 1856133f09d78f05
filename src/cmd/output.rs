//! Printing query answers: a table for people, CSV for spreadsheets, JSON for programs. Every row
//! carries its evidence sentence and offsets.
//!
//! Tables fit an 80-column terminal: lists wrap onto indented continuation lines, evidence sentences
//! are shortened to what is left beside their place (`policy@offset`), and no word is ever wider
//! than the line (it is cut). Widths are display columns (a CJK character counts two).

use std::borrow::Cow;
use std::io::{self, Write};
use std::sync::LazyLock;

use indexmap::IndexMap;
use serde::Serialize;
use sharegraph::export::csv::neutralize;
use sharegraph::extract::{Action, PartyKind, Polarity, Statement, Text};
use sharegraph::query::{Change, Contradiction, Hit};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Insertion-ordered maps with a fast hash: the order is the insertion order whatever the
/// hash, and SipHash was 5% of a broad query's instructions.
type Map<K, V> = IndexMap<K, V, foldhash::fast::RandomState>;

/// A pretty JSON array written an element at a time, for output streamed as it is found: the
/// same bytes as `serde_json::to_writer_pretty` of the whole list.
pub struct JsonArray<'w, W: Write> {
    out: &'w mut W,
    any: bool,
}

impl<'w, W: Write> JsonArray<'w, W> {
    pub fn new(out: &'w mut W) -> io::Result<Self> {
        out.write_all(b"[")?;
        Ok(JsonArray { out, any: false })
    }

    pub fn push(&mut self, element: &impl Serialize) -> io::Result<()> {
        self.out
            .write_all(if self.any { b",\n  " } else { b"\n  " })?;
        self.any = true;
        // The element's pretty form, indented one level.
        let mut bytes = Vec::with_capacity(1024);
        let formatter = serde_json::ser::PrettyFormatter::with_indent(b"  ");
        let mut ser = serde_json::Serializer::with_formatter(&mut bytes, formatter);
        element.serialize(&mut ser)?;
        for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
            if i > 0 {
                self.out.write_all(b"\n  ")?;
            }
            self.out.write_all(line)?;
        }
        Ok(())
    }

    pub fn finish(self) -> io::Result<()> {
        self.out.write_all(if self.any { b"\n]\n" } else { b"]\n" })
    }
}

/// The width every table line fits in.
pub const WIDTH: usize = 80;

/// Shortest useful excerpt of an evidence sentence; with less room the place goes on its own line.
const MIN_EXCERPT: usize = 24;

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

/// Standard output, buffered. Rust's stdout writes a line at a time, one system call each, and a
/// broad answer on a 100 000-policy graph is 180 000 lines. Flush it at the end: errors (a closed
/// pipe) surface there.
pub fn stdout() -> io::BufWriter<io::StdoutLock<'static>> {
    io::BufWriter::with_capacity(1 << 16, io::stdout().lock())
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

/// What one table line says, before its data list: the verb phrase with its party or vendor
/// ("receives from WPS Office"), condition, and whether it is vague.
type LineKey = (Phrase, Text, bool);

/// Lines of a block: each distinct (phrase, condition, vague) with its data categories and their
/// purposes, in first-seen order.
#[derive(Default)]
struct Lines {
    lines: Map<LineKey, Map<Text, Vec<Text>>>,
}

impl Lines {
    fn add(&mut self, s: &Statement, vendor_side: bool, vague: bool) {
        let key = (Phrase::of(s, vendor_side), s.condition.clone(), vague);
        let purposes = self
            .lines
            .entry(key)
            .or_default()
            .entry(s.data.clone())
            .or_default();
        if !s.purpose.is_empty() && !purposes.contains(&s.purpose) {
            purposes.push(s.purpose.clone());
        }
    }

    /// A line per entry, wrapped; an entry that would take more than [`LIST_AFTER`] lines is
    /// written as a list instead: a data category with purposes per line, runs of categories
    /// without purposes together.
    fn write(&self, indent: usize, out: &mut dyn Write) -> io::Result<()> {
        for ((phrase, condition, vague), data) in &self.lines {
            let phrase = phrase.text();
            let text = line(&phrase, data, condition, *vague);
            let wrapped = wrap(&text, indent, indent + 4);
            if wrapped.len() <= LIST_AFTER {
                for l in wrapped {
                    writeln!(out, "{}", l.trim_end())?;
                }
                continue;
            }
            let mut head = phrase.clone();
            if !condition.is_empty() {
                head.push_str(&format!(" [if {condition}]"));
            }
            if *vague {
                head.push_str(" (vague: broader category)");
            }
            write_wrapped(out, &format!("{head}:"), indent, indent + 4)?;
            let mut plain: Vec<&str> = Vec::new();
            for (d, purposes) in data {
                if purposes.is_empty() {
                    plain.push(d);
                    continue;
                }
                let purposes: Vec<&str> = purposes.iter().map(Text::as_str).collect();
                if !plain.is_empty() {
                    write_wrapped(out, &plain.join(", "), indent + 4, indent + 4)?;
                    plain.clear();
                }
                let item = format!("{d} (for {})", purposes.join(", "));
                write_wrapped(out, &item, indent + 4, indent + 8)?;
            }
            if !plain.is_empty() {
                write_wrapped(out, &plain.join(", "), indent + 4, indent + 4)?;
            }
        }
        Ok(())
    }
}

/// Lines a table entry may wrap onto before it is written as a list.
const LIST_AFTER: usize = 3;

/// `receives from WPS Office: ip-address (for analytics), location [if consent]`, built in one
/// string (a broad answer writes tens of thousands of lines).
fn line(phrase: &str, data: &Map<Text, Vec<Text>>, condition: &str, vague: bool) -> String {
    let mut line = String::with_capacity(2 * WIDTH);
    line.push_str(phrase);
    line.push(':');
    for (i, (d, purposes)) in data.iter().enumerate() {
        line.push_str(if i == 0 { " " } else { ", " });
        line.push_str(d);
        for (j, p) in purposes.iter().enumerate() {
            line.push_str(if j == 0 { " (for " } else { ", " });
            line.push_str(p);
        }
        if !purposes.is_empty() {
            line.push(')');
        }
    }
    if !condition.is_empty() {
        line.push_str(" [if ");
        line.push_str(condition);
        line.push(']');
    }
    if vague {
        line.push_str(" (vague: broader category)");
    }
    line
}

/// Blocks of rows sharing a key, in first-seen order; within a block, one line per vendor with its
/// data categories, then each distinct evidence sentence (shortened) with its place. Grouped by
/// parent company, a block lists each of its parties with their lines.
fn table(hits: &[Hit], group: GroupBy, out: &mut dyn Write) -> io::Result<()> {
    if hits.is_empty() {
        return writeln!(out, "(no statements)");
    }
    let key = |h: &Hit| -> Text {
        let s = h.statement;
        match group {
            GroupBy::Party => s.party.clone(),
            GroupBy::Parent if !s.parent.is_empty() => s.parent.clone(),
            GroupBy::Parent => s.party.clone(),
            GroupBy::Vendor => s.vendor.clone(),
        }
    };
    let mut blocks: Map<Text, Vec<&Hit>> = Map::default();
    for h in hits {
        blocks.entry(key(h)).or_default().push(h);
    }
    let vendor_side = group == GroupBy::Vendor;
    for (name, rows) in &blocks {
        // party → its lines and evidence; one entry (the block's own name) unless grouped by
        // parent company.
        let mut members: Map<&str, Member> = Map::default();
        for h in rows {
            let s = h.statement;
            let member = if group == GroupBy::Parent {
                s.party.as_str()
            } else {
                name.as_str()
            };
            let m = members.entry(member).or_insert_with(|| Member {
                first: s,
                lines: Lines::default(),
                evidence: Map::default(),
            });
            m.lines.add(s, vendor_side, h.vague);
            m.evidence
                .entry((&s.policy, s.start))
                .or_insert(&s.sentence);
        }
        if members.len() == 1 && members.contains_key(name.as_str()) {
            let m = &members[0];
            write_wrapped(out, &heading(name, m.first, vendor_side), 0, 4)?;
            m.write(2, out)?;
        } else {
            write_wrapped(out, name, 0, 4)?;
            for (member, m) in &members {
                let mut about = heading(member, m.first, false);
                if let Some(head) = about.strip_suffix(&format!(", parent {name})")) {
                    about = format!("{head})");
                }
                write_wrapped(out, &about, 2, 6)?;
                m.write(4, out)?;
            }
        }
    }
    Ok(())
}

/// One party of a table block: its lines, then its distinct evidence sentences.
struct Member<'a> {
    first: &'a Statement,
    lines: Lines,
    evidence: Map<(&'a str, usize), &'a str>,
}

impl Member<'_> {
    fn write(&self, indent: usize, out: &mut dyn Write) -> io::Result<()> {
        self.lines.write(indent, out)?;
        let mut place = String::new();
        for ((policy, start), sentence) in &self.evidence {
            place.clear();
            place.push_str(policy);
            place.push('@');
            place.push_str(itoa::Buffer::new().format(*start));
            write_evidence(out, sentence, &place, indent + 2)?;
        }
        Ok(())
    }
}

/// A block's first line: the party with its role and parent company, or the vendor alone.
fn heading(name: &str, s: &Statement, vendor_side: bool) -> String {
    let mut about = Vec::new();
    if !vendor_side {
        about.push(s.role.to_string());
        if !s.parent.is_empty() && s.parent != name {
            about.push(format!("parent {}", s.parent));
        }
    }
    about.retain(|a| !a.is_empty());
    if about.is_empty() {
        name.to_string()
    } else {
        format!("{name}  ({})", about.join(", "))
    }
}

/// How a row reads from the side of its block: a party's block says "receives from WPS Office",
/// a vendor's block says "discloses to advertisers" or "lets Google Analytics collect". Rows
/// that read the same have the same phrase: a cheap key for grouping rows (a broad answer groups
/// tens of thousands), written out once per line.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Phrase {
    action: Action,
    /// A vendor's own collection ("collects"), which names no one.
    own_collection: bool,
    negative: bool,
    vendor_side: bool,
    /// The party (from the vendor's side) or the vendor named.
    name: Text,
}

impl Phrase {
    fn of(s: &Statement, vendor_side: bool) -> Phrase {
        let own_collection = s.action == Action::Collect && s.party_kind == PartyKind::FirstParty;
        let name = match (own_collection, vendor_side) {
            (true, _) => Text::EMPTY,
            (false, true) => s.party.clone(),
            (false, false) => s.vendor.clone(),
        };
        Phrase {
            action: s.action,
            own_collection,
            negative: s.polarity == Polarity::Negative,
            vendor_side,
            name,
        }
    }

    fn text(&self) -> String {
        let (does, not, before, after) = match (self.action, self.vendor_side) {
            _ if self.own_collection => ("collects", "collect", "", ""),
            (Action::Collect, true) => ("lets ", "let ", "", " collect"),
            (Action::Collect, false) => ("collects", "collect", " on the service of ", ""),
            (Action::Disclose, true) => ("discloses", "disclose", " to ", ""),
            (Action::Disclose, false) => ("receives", "receive", " from ", ""),
            (Action::ReceiveFrom, true) => ("receives", "receive", " from ", ""),
            (Action::ReceiveFrom, false) => ("provides", "provide", " to ", ""),
        };
        let mut text = String::with_capacity(32 + self.name.len());
        if self.negative {
            text.push_str("does NOT ");
            text.push_str(not);
        } else {
            text.push_str(does);
        }
        if !self.own_collection {
            text.push_str(before);
            text.push_str(&self.name);
            text.push_str(after);
        }
        text
    }
}

/// `sharegraph contradictions` as a table: per policy and denial, the denial's sentence, then what
/// the same policy says it does, line by line, with the sentences that say so. Nothing for none:
/// the caller, which may print policies one at a time, says when there were none at all.
pub fn contradictions_table(found: &[Contradiction], out: &mut dyn Write) -> io::Result<()> {
    /// A denial sentence: its lines, its text, and what the policy says against it (a verb phrase
    /// and a data category) with the sentences that say so.
    #[derive(Default)]
    struct Denial<'a> {
        lines: Lines,
        sentence: &'a str,
        against: Map<(Phrase, &'a str), Vec<(usize, &'a str)>>,
    }
    let mut policies: Map<(&str, &str), Map<usize, Denial>> = Map::default();
    for c in found {
        let (n, p) = (c.negative, c.positive);
        let denial = policies
            .entry((&n.policy, &n.vendor))
            .or_default()
            .entry(n.start)
            .or_default();
        denial.lines.add(n, true, false);
        denial.sentence = &n.sentence;
        let sentences = denial
            .against
            .entry((Phrase::of(p, true), &p.data))
            .or_default();
        if !sentences.iter().any(|(start, _)| *start == p.start) {
            sentences.push((p.start, &p.sentence));
        }
    }
    for ((policy, vendor), denials) in &policies {
        write_wrapped(out, &format!("{vendor} ({policy})"), 0, 4)?;
        for (start, denial) in denials {
            denial.lines.write(2, out)?;
            write_evidence(out, denial.sentence, &format!("@{start}"), 4)?;
            for ((phrase, data), sentences) in &denial.against {
                write_wrapped(out, &format!("but {}: {data}", phrase.text()), 4, 8)?;
                for (start, sentence) in sentences {
                    write_evidence(out, sentence, &format!("@{start}"), 6)?;
                }
            }
        }
    }
    Ok(())
}

/// How many evidence sentences the diff table shows per change (CSV and JSON have all).
const DIFF_EVIDENCE: usize = 2;

/// `sharegraph diff` as a table: `+` added, `-` removed, then the sentences of the side it is on.
pub fn diff_table(changes: &[Change], out: &mut dyn Write) -> io::Result<()> {
    if changes.is_empty() {
        return writeln!(out, "(no changes in recipients, flows, data or purposes)");
    }
    for c in changes {
        let sign = if c.change == "added" { '+' } else { '-' };
        let label = format!("{sign} {:<9} ", c.kind);
        let mut lines = wrap(&c.what, label.width(), 12);
        lines[0].replace_range(..label.len(), &label);
        for l in lines {
            writeln!(out, "{}", l.trim_end())?;
        }
        for s in c.evidence.iter().take(DIFF_EVIDENCE) {
            write_evidence(out, &s.sentence, &format!("{}@{}", s.policy, s.start), 4)?;
        }
        if c.evidence.len() > DIFF_EVIDENCE {
            writeln!(
                out,
                "    (and {} more; --format csv lists them all)",
                c.evidence.len() - DIFF_EVIDENCE
            )?;
        }
    }
    Ok(())
}

/// `sharegraph statements --format table`: one block per policy, one line per statement, in
/// fixed columns (so it can be written as statements come). The sentences are in CSV and JSON.
pub struct StatementTable {
    policy: Option<String>,
}

impl StatementTable {
    pub fn new() -> StatementTable {
        StatementTable { policy: None }
    }

    pub fn row(&mut self, s: &Statement, out: &mut dyn Write) -> io::Result<()> {
        if self.policy.as_deref() != Some(s.policy.as_str()) {
            if self.policy.is_some() {
                writeln!(out)?;
            }
            write_wrapped(out, &format!("{} ({})", s.policy, s.vendor), 0, 4)?;
            writeln!(
                out,
                "      AT ACTION       POLARITY DATA                     PARTY"
            )?;
            self.policy = Some(s.policy.to_string());
        }
        // 2 + 6 + 1 + 12 + 1 + 8 + 1 + 24 + 1 = 56 columns before the party.
        writeln!(
            out,
            "  {:>6} {:<12} {:<8} {} {}",
            s.start,
            s.action.as_str(),
            s.polarity.as_str(),
            pad(&shorten(&s.data, 24), 24),
            shorten(&s.party, WIDTH - 56)
        )
    }

    pub fn finish(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.policy.is_none() {
            writeln!(out, "(no statements)")?;
        }
        Ok(())
    }
}

/// Printable ASCII: one display column a byte.
fn printable_ascii(bytes: &[u8]) -> bool {
    bytes.iter().all(|b| matches!(b, b' '..=b'~'))
}

/// Display columns of `text`: its length when it is printable ASCII (most evidence sentences),
/// without looking every character up in the width tables.
fn columns_of(text: &str) -> usize {
    if printable_ascii(text.as_bytes()) {
        text.len()
    } else {
        text.width()
    }
}

/// `text` padded with spaces to `columns` display columns.
fn pad(text: &str, columns: usize) -> String {
    let w = columns_of(text);
    if w >= columns {
        text.to_string()
    } else {
        format!("{text}{}", " ".repeat(columns - w))
    }
}

/// Runs of whitespace (newlines of list items, tabs) as one space: a table line is one line.
fn one_line(text: &str) -> Cow<'_, str> {
    let b = text.as_bytes();
    // Evidence sentences are single-spaced already: check that with byte scans (SIMD) before
    // splitting and joining (most of a broad query's output time).
    let other_whitespace = memchr::memchr3(b'\t', b'\n', b'\r', b).is_some()
        || memchr::memchr2(0x0B, 0x0C, b).is_some()
        || non_ascii_whitespace(text);
    // One searcher for all calls: building one per call was most of this function's cost.
    static DOUBLE_SPACE: LazyLock<memchr::memmem::Finder> =
        LazyLock::new(|| memchr::memmem::Finder::new(b"  "));
    let clean = b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && DOUBLE_SPACE.find(b).is_none()
        && !other_whitespace;
    if clean {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// Does `text` hold a whitespace character beyond ASCII (a no-break space, an em space…)? Every
/// one starts with one of these bytes; curly quotes and dashes share the third, so only the
/// characters at those bytes are decoded (decoding every character of a sentence with quotes in
/// it was a tenth of a broad query).
fn non_ascii_whitespace(text: &str) -> bool {
    let b = text.as_bytes();
    let at = |i: usize| text[i..].chars().next().is_some_and(char::is_whitespace);
    memchr::memchr3_iter(0xC2, 0xE1, 0xE2, b).any(at) || memchr::memchr_iter(0xE3, b).any(at)
}

/// At most `columns` display columns of `text`, ending in `…` when cut.
pub fn shorten(text: &str, columns: usize) -> String {
    let b = text.as_bytes();
    if b.len() > columns && printable_ascii(&b[..=columns]) {
        // One column a character, and more than `columns` of them: the cut below falls at
        // `columns - 1` whatever follows, so a long sentence need not be measured whole.
        return ellipsis(text[..columns.saturating_sub(1)].trim_end());
    }
    if columns_of(text) <= columns {
        return text.to_string();
    }
    shorten_by_width(text, columns)
}

/// [`shorten`] for a text wider than `columns`, measuring every character.
fn shorten_by_width(text: &str, columns: usize) -> String {
    let mut cut = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > columns {
            break;
        }
        cut.push(c);
        used += w;
    }
    ellipsis(cut.trim_end())
}

/// `text…`, allocated once.
fn ellipsis(text: &str) -> String {
    let mut cut = String::with_capacity(text.len() + '…'.len_utf8());
    cut.push_str(text);
    cut.push('…');
    cut
}

/// `text` broken at spaces into lines of at most [`WIDTH`] columns: the first indented by `first`,
/// the others by `rest`. A word wider than a line is cut into pieces.
pub fn wrap(text: &str, first: usize, rest: usize) -> Vec<String> {
    // A line's room up front: grown word by word, it was reallocated several times.
    let indented = |indent: usize| {
        let mut line = String::with_capacity(WIDTH + 8);
        line.extend(std::iter::repeat_n(' ', indent));
        line
    };
    let text = one_line(text);
    if first + text.len() <= WIDTH && printable_ascii(text.as_bytes()) {
        // It fits as it is (single-spaced, one column a byte): most place lines and headings.
        let mut line = indented(first);
        line.push_str(&text);
        return vec![line];
    }
    let mut lines = Vec::new();
    let mut line = indented(first);
    let mut indent = first;
    // While `line` holds printable ASCII only, its width is its length: no need to measure it
    // for every character (a list of thousands of vendors is wrapped here).
    let mut plain = true;
    let width = |line: &str, plain: bool| if plain { line.len() } else { line.width() };
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        // A printable ASCII word is as wide as it is long: the width tables were a tenth of a
        // broad query (`who-receives email-address` over 10 000 policies).
        let ascii_word = printable_ascii(word.as_bytes());
        let word_width = if ascii_word { word.len() } else { word.width() };
        let has_words = width(&line, plain) > indent;
        if has_words && width(&line, plain) + 1 + word_width > WIDTH {
            lines.push(std::mem::replace(&mut line, indented(rest)));
            plain = true;
            indent = rest;
        } else if has_words {
            line.push(' ');
        }
        if width(&line, plain) + word_width <= WIDTH {
            // The word fits: no need to measure the line after every character (a line that is
            // not plain ASCII is measured whole; a list of thousands of names is wrapped here).
            line.push_str(word);
            plain &= ascii_word;
            continue;
        }
        for c in word.chars() {
            let w = c.width().unwrap_or(0);
            let lw = width(&line, plain);
            if lw + w > WIDTH && lw > indent {
                lines.push(std::mem::replace(&mut line, indented(rest)));
                plain = true;
                indent = rest;
            }
            line.push(c);
            plain &= matches!(c, ' '..='~');
        }
    }
    lines.push(line);
    lines
}

fn write_wrapped(out: &mut dyn Write, text: &str, first: usize, rest: usize) -> io::Result<()> {
    for line in wrap(text, first, rest) {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// `“sentence…” — place`, the sentence shortened so the line fits; when the place leaves too
/// little room, the place goes on the next line.
fn write_evidence(
    out: &mut dyn Write,
    sentence: &str,
    place: &str,
    indent: usize,
) -> io::Result<()> {
    let sentence = one_line(sentence);
    let pad = " ".repeat(indent);
    // indent + “ + sentence + ” + " — " + place
    let room = WIDTH.saturating_sub(indent + 2 + 3 + columns_of(place));
    if room >= MIN_EXCERPT {
        writeln!(out, "{pad}“{}” — {place}", shorten(&sentence, room))
    } else {
        let room = WIDTH.saturating_sub(indent + 2);
        writeln!(out, "{pad}“{}”", shorten(&sentence, room))?;
        write_wrapped(out, &format!("— {place}"), indent + 2, indent + 2)
    }
}

/// True when `err` comes from writing to a closed pipe (`sharegraph … | head`), however deep the
/// writer wrapped it (CSV, JSON and export errors hide the `io::Error` from `anyhow`'s chain).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    fn io_broken(io: &io::Error) -> bool {
        // `io::Error::from(csv::Error)` wraps the pipe error in an `Other` one.
        io.kind() == io::ErrorKind::BrokenPipe || io.get_ref().is_some_and(|inner| broken(inner))
    }
    fn broken(e: &(dyn std::error::Error + 'static)) -> bool {
        if let Some(io) = e.downcast_ref::<io::Error>() {
            io_broken(io)
        } else if let Some(c) = e.downcast_ref::<csv::Error>() {
            matches!(c.kind(), csv::ErrorKind::Io(io) if io_broken(io))
        } else if let Some(j) = e.downcast_ref::<serde_json::Error>() {
            j.io_error_kind() == Some(io::ErrorKind::BrokenPipe)
        } else if let Some(sharegraph::export::ExportError::Io(io)) =
            e.downcast_ref::<sharegraph::export::ExportError>()
        {
            io_broken(io)
        } else {
            false
        }
    }
    err.chain().any(broken)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_ascii_whitespace_is_every_such_character() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("“a{c}b”");
            assert_eq!(
                non_ascii_whitespace(&text),
                c.is_whitespace() && !c.is_ascii(),
                "{:?}",
                c
            );
        }
        assert_eq!(one_line("a\u{a0}b\u{3000}c “d”"), "a b c “d”");
        assert!(matches!(one_line("“quoted” — dash"), Cow::Borrowed(_)));
    }

    #[test]
    fn wrap_fits_and_keeps_every_word() {
        let text = "collects on the service of WPS Office: location, ip-address, approximate-location, purchase-history, personal-information [if consent]";
        let lines = wrap(text, 2, 6);
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(l.width() <= WIDTH, "{l:?}");
        }
        assert!(lines[1].starts_with("      ") && !lines[1].starts_with("       "));
        let joined: Vec<&str> = lines.iter().flat_map(|l| l.split_whitespace()).collect();
        assert_eq!(joined.join(" "), text);
    }

    #[test]
    fn wrap_cuts_words_wider_than_a_line() {
        let long = "x".repeat(200);
        let lines = wrap(&format!("a {long} b"), 4, 4);
        for l in &lines {
            assert!(l.width() <= WIDTH, "{l:?}");
        }
        assert_eq!(
            lines.concat().chars().filter(|c| *c == 'x').count(),
            200,
            "nothing lost"
        );
    }

    #[test]
    fn shorten_counts_columns() {
        assert_eq!(shorten("abc", 3), "abc");
        assert_eq!(shorten("abcdef", 4), "abc…");
        // Wide characters take two columns each.
        assert_eq!(shorten("隐私政策说明", 5), "隐私…");
        assert!(shorten("隐私政策说明", 5).width() <= 5);
    }

    /// `shorten` as it was before its fast paths.
    fn shorten_reference(text: &str, columns: usize) -> String {
        if text.width() <= columns {
            return text.to_string();
        }
        shorten_by_width(text, columns)
    }

    #[test]
    fn fast_paths_agree_with_the_plain_versions() {
        for text in [
            "",
            "abc",
            "We share your IP address with Google.",
            "abc\u{301}",
            "abc\u{301}\u{301}",
            "ab   ",
            "  lead and trail  ",
            "two  spaces",
            "tab\there",
            "line\nbreak",
            "nbsp\u{a0}here",
            "隐私政策说明 and more",
            "ends with space ",
            "x",
        ] {
            assert_eq!(
                one_line(text),
                text.split_whitespace().collect::<Vec<_>>().join(" "),
                "{text:?}"
            );
            for columns in 0..text.len() + 3 {
                assert_eq!(
                    shorten(text, columns),
                    shorten_reference(text, columns),
                    "{text:?} in {columns}"
                );
            }
        }
    }

    #[test]
    fn evidence_fits_even_with_a_long_place() {
        let mut out = Vec::new();
        let place = format!("{}.html@123456", "p".repeat(70));
        write_evidence(&mut out, &"word ".repeat(40), &place, 4).unwrap();
        write_evidence(&mut out, &"word ".repeat(40), "a.txt@1", 4).unwrap();
        let text = String::from_utf8(out).unwrap();
        for l in text.lines() {
            assert!(l.width() <= WIDTH, "{l:?}");
        }
        assert!(text.contains(&place[..60]));
    }

    #[test]
    fn broken_pipe_is_found_inside_wrapping_errors() {
        let pipe = || io::Error::from(io::ErrorKind::BrokenPipe);
        assert!(is_broken_pipe(&anyhow::Error::from(pipe())));
        assert!(is_broken_pipe(&anyhow::Error::from(csv::Error::from(
            pipe()
        ))));
        assert!(is_broken_pipe(&anyhow::Error::from(serde_json::Error::io(
            pipe()
        ))));
        assert!(is_broken_pipe(&anyhow::Error::from(
            sharegraph::export::ExportError::Io(pipe())
        )));
        assert!(is_broken_pipe(&anyhow::Error::from(io::Error::from(
            csv::Error::from(pipe())
        ))));
        assert!(is_broken_pipe(&anyhow::Error::from(
            sharegraph::export::ExportError::Io(io::Error::from(csv::Error::from(pipe())))
        )));
        assert!(!is_broken_pipe(&anyhow::anyhow!("no")));
        assert!(!is_broken_pipe(&anyhow::Error::from(io::Error::from(
            io::ErrorKind::NotFound
        ))));
    }
}
