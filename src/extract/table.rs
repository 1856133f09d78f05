//! Reading a table row through its header. "Category of Personal Information | Category of
//! Entities to Which It Was Disclosed" makes every row below it a disclosure of the data its
//! first cell names to the parties its second cell names; "Purposes of Use | Categories of
//! Personal Information" makes every row a collection of its data for its purposes. Such tables
//! (the CCPA's disclosure tables, GDPR purpose tables, lists of processors) state who gets what
//! more plainly than any sentence, but their rows have no verb: the header is the sentence.
//!
//! A column titled as a question ("Collected?", "Sold?") holds a yes or a no per row: "Biometric
//! information | Not applicable | NO | NO" denies collecting and selling biometric data.
//!
//! This module owns what a header's titles say a column holds and the frames a row states
//! through them. The words of the cells are read as sentences are ([`read_sentence`]); what a
//! row says in its own words is the reader's, which adds this module's frames to it unless the
//! row denies something itself. It does not read tables whose header names no recipients,
//! purposes or yes/no question, nor rows whose cells do not line up with the header's titles (a
//! merged cell).

use crate::document::{BlockKind, CELL_SEPARATOR, Document, Sentence};
use crate::extract::clause::{Reading, Scratch, extend_unique, read_sentence};
use crate::extract::context::Context;
use crate::extract::frame::{DataRef, Frame, PartyRef};
use crate::extract::{Action, PartyKind, Polarity};
use crate::lexicon::{Mention, MentionKind};

/// What a column of a table holds, as its title tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Column {
    Data,
    Recipients,
    Purposes,
    /// "Collected?", "Sold?": yes or no, for the practice the title names.
    YesNo(Action),
    Other,
}

/// Titles of columns that hold neither data, recipients nor purposes, though their words may
/// name one ("Our legal basis for sharing your personal information", "Sources of personal
/// information", "Entity location"). Tested first.
const OTHER: [&str; 11] = [
    "basis",
    "legitimate interest",
    "source",
    "location",
    "country",
    "link",
    "duration",
    "retention",
    "how long",
    "expir",
    "cookie",
];

/// Titles of recipient columns ("Categories of Third Parties", "Category of Entities to Which It
/// Was Disclosed", "Processor", "Company Name"). Tested before data: their titles often say
/// "information" too ("… to whom information is disclosed").
const RECIPIENTS: [&str; 11] = [
    "third part",
    "recipient",
    "entit",
    "processor",
    "provider",
    "vendor",
    "partner",
    "compan",
    "to whom",
    "parties",
    "affiliate",
];

/// Titles of purpose columns ("Purposes of Use", "Why and how we process your information",
/// "What we use it for", "Services performed").
const PURPOSES: [&str; 8] = [
    "purpose",
    "why",
    "how we use",
    "how do we use",
    "reason",
    "use it for",
    "we may use",
    "services performed",
];

/// Titles of data columns ("Categories of Personal Information", "Data", "Examples").
const DATA: [&str; 5] = ["data", "information", "categor", "example", "items"];

/// The role of the column titled `title`.
pub(crate) fn column(title: &str) -> Column {
    let title = title.to_lowercase();
    let has = |cues: &[&str]| cues.iter().any(|c| title.contains(c));
    if title.trim_end().ends_with('?') {
        if has(&["collect"]) {
            Column::YesNo(Action::Collect)
        } else if has(&["sold", "sell", "share", "disclos"]) {
            Column::YesNo(Action::Disclose)
        } else {
            Column::Other
        }
    } else if has(&OTHER) {
        Column::Other
    } else if has(&RECIPIENTS) {
        Column::Recipients
    } else if has(&PURPOSES) {
        Column::Purposes
    } else if has(&DATA) {
        Column::Data
    } else {
        Column::Other
    }
}

/// A row of a table whose header names a recipient, purpose or yes/no column: where its cells
/// are in the document's text, with their roles, and the parties, purposes and answers of the
/// whole row (a row may be several sentences; the data of each is read with the sentence).
#[derive(Debug)]
pub(crate) struct Row<'a> {
    cells: Vec<(usize, usize, Column)>,
    recipients: Vec<PartyRef<'a>>,
    pub purposes: Vec<&'a str>,
    /// The row's answers to the header's yes/no questions, in column order.
    answers: Vec<(Action, Polarity)>,
    /// The header asks yes/no questions.
    asks: bool,
    has_purposes: bool,
    has_data: bool,
}

impl<'a> Row<'a> {
    /// The row at `start..end` of `text` under a header whose titles have the roles `roles`
    /// ([`column`]); `None` when the header names no recipients, purposes or yes/no question,
    /// or the row's cells are not as many as its titles.
    pub fn read(
        text: &'a str,
        (start, end): (usize, usize),
        roles: &[Column],
        ctx: &Context<'_, 'a>,
        scratch: &mut Scratch,
    ) -> Option<Row<'a>> {
        let has_recipients = roles.contains(&Column::Recipients);
        let asks = roles.iter().any(|r| matches!(r, Column::YesNo(_)));
        if !has_recipients && !asks && !roles.contains(&Column::Purposes) {
            return None;
        }
        let mut cells = Vec::with_capacity(roles.len());
        let mut from = start;
        for piece in text.get(start..end)?.split(CELL_SEPARATOR) {
            let role = *roles.get(cells.len())?;
            cells.push((from, from + piece.len(), role));
            from += piece.len() + CELL_SEPARATOR.len();
        }
        if cells.len() != roles.len() {
            return None;
        }
        let mut row = Row {
            cells,
            recipients: Vec::new(),
            purposes: Vec::new(),
            answers: Vec::new(),
            asks,
            has_purposes: roles.contains(&Column::Purposes),
            has_data: roles.contains(&Column::Data),
        };
        for &(c0, c1, role) in &row.cells {
            match role {
                Column::Recipients => {
                    let reading = read_part(text, c0, c1, ctx, scratch);
                    let mut named: Vec<PartyRef<'a>> = reading
                        .parties
                        .into_iter()
                        .filter(|p| p.kind != PartyKind::FirstParty)
                        .collect();
                    if named.is_empty() {
                        named = kinds_of_business(text.get(c0..c1).unwrap_or_default(), ctx);
                    }
                    extend_unique(&mut row.recipients, named);
                }
                Column::Purposes => {
                    let reading = read_part(text, c0, c1, ctx, scratch);
                    extend_unique(&mut row.purposes, reading.purposes);
                }
                Column::YesNo(action) => {
                    if let Some(answer) = yes_or_no(text.get(c0..c1).unwrap_or_default()) {
                        row.answers.push((action, answer));
                    }
                }
                Column::Data | Column::Other => {}
            }
        }
        Some(row)
    }

    /// The frames the part `start..end` of the row (one of its sentences) states, about the
    /// data named in that part's data cells (in any cell but the recipients', when no column is
    /// titled as data): one per answer to the header's questions ("Sold? No": a denial of
    /// selling it); without questions, the vendor's collecting it for the row's purposes (when
    /// the header has a purpose column) and its giving it to the row's recipients.
    pub fn frames(
        &self,
        text: &'a str,
        (start, end): (usize, usize),
        ctx: &Context<'_, 'a>,
        scratch: &mut Scratch,
    ) -> Vec<Frame<'a>> {
        // A question the row leaves unanswered ("Not applicable", a blank) tells nothing: the
        // header's other columns cannot speak for it.
        if self.asks && self.answers.is_empty() {
            return Vec::new();
        }
        let mut data: Vec<DataRef<'a>> = Vec::new();
        for &(c0, c1, role) in &self.cells {
            let holds_data = if self.has_data {
                role == Column::Data
            } else {
                role != Column::Recipients
            };
            let (a, b) = (c0.max(start), c1.min(end));
            if holds_data && a < b {
                extend_unique(&mut data, read_part(text, a, b, ctx, scratch).data);
            }
        }
        if data.is_empty() {
            return Vec::new();
        }
        let stated = if self.asks {
            self.answers.clone()
        } else {
            // "How We Use Personal Data | Categories of Data | Type of Vendor": the vendor uses
            // the row's data for its purposes, and gives it to its recipients.
            let mut stated = Vec::with_capacity(2);
            if self.has_purposes {
                stated.push((Action::Collect, Polarity::Positive));
            }
            if !self.recipients.is_empty() {
                stated.push((Action::Disclose, Polarity::Positive));
            }
            stated
        };
        stated
            .into_iter()
            .map(|(action, polarity)| Frame {
                action,
                polarity,
                parties: match action {
                    Action::Collect => Vec::new(),
                    _ => self.recipients.clone(),
                },
                data: data.clone(),
                purposes: self.purposes.clone(),
                condition: None,
            })
            .collect()
    }
}

/// The parties of a recipient cell that names kinds of business, not parties ("Advertising;
/// Analytics; Technology" under "Type of Vendor"): each item as "… providers", when the lexicon
/// knows that as a class of parties ("analytics providers"). The words that name the party are
/// the item's.
fn kinds_of_business<'a>(cell: &'a str, ctx: &Context<'_, 'a>) -> Vec<PartyRef<'a>> {
    let lexicon = ctx.lexicon;
    let mut parties = Vec::new();
    for item in cell.split([';', ',', '/']).map(str::trim) {
        // A kind is a word or two ("Advertising", "Cloud hosting"), not a description.
        if item.is_empty() || item.split_whitespace().count() > 2 {
            continue;
        }
        let probe = format!("{} providers", item.to_lowercase());
        let whole = lexicon.find(&probe).into_iter().find(|m| {
            m.start == 0 && m.end == probe.len() && matches!(m.kind, MentionKind::Class(_))
        });
        if let Some(Mention {
            kind: MentionKind::Class(i),
            ..
        }) = whole
            && let Some(class) = lexicon.classes.get(i)
            && class.role != "internal"
        {
            extend_unique(&mut parties, [PartyRef::class(class, item)]);
        }
    }
    parties
}

/// A yes/no cell's answer: "Yes", "NO", "No." (and words after it); `None` for anything else
/// ("Not applicable", "N/A", a blank).
fn yes_or_no(cell: &str) -> Option<Polarity> {
    let word: String = cell
        .trim()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    match word.as_str() {
        "yes" => Some(Polarity::Positive),
        "no" => Some(Polarity::Negative),
        _ => None,
    }
}

/// The rows of a document's tables, each read once, when the reader first asks about one of its
/// sentences (the reader goes through the sentences in order, so one row is kept).
#[derive(Debug, Default)]
pub(crate) struct Rows<'a> {
    current: Option<(usize, Option<Row<'a>>)>,
    /// The roles of the titles of the last header asked about, by where the header is: a
    /// table has one header for all its rows (working the roles out for each row lowercased
    /// and searched every title again: 5 M instructions over apps-2024).
    header: Option<((usize, usize), Vec<Column>)>,
}

impl<'a> Rows<'a> {
    /// The row sentence `i` of `doc` belongs to, if it is a table row whose header explains its
    /// cells ([`Row::read`]).
    pub fn of(
        &mut self,
        doc: &'a Document,
        i: usize,
        ctx: &Context<'_, 'a>,
        scratch: &mut Scratch,
    ) -> Option<&Row<'a>> {
        let s = doc.sentences.get(i)?;
        let (h0, h1) = s.lead_in.filter(|_| s.kind == BlockKind::TableRow)?;
        if self
            .current
            .as_ref()
            .is_none_or(|(block, _)| *block != s.block)
        {
            // A row is a block: from its first sentence to its last.
            let same_row = |t: &&Sentence| t.block == s.block;
            let first = doc.sentences[..i].iter().rev().take_while(same_row).last();
            let last = doc.sentences[i..].iter().take_while(same_row).last();
            let span = (first.unwrap_or(s).start, last.unwrap_or(s).end);
            if self.header.as_ref().is_none_or(|(at, _)| *at != (h0, h1)) {
                let header = doc.text.get(h0..h1)?;
                let roles = header.split(CELL_SEPARATOR).map(column).collect();
                self.header = Some(((h0, h1), roles));
            }
            let roles = self.header.as_ref().map_or(&[][..], |(_, r)| &r[..]);
            self.current = Some((s.block, Row::read(&doc.text, span, roles, ctx, scratch)));
        }
        self.current.as_ref()?.1.as_ref()
    }
}

/// The reading of `text[start..end]`, a cell or the part of one in a sentence.
fn read_part<'a>(
    text: &'a str,
    start: usize,
    end: usize,
    ctx: &Context<'_, 'a>,
    scratch: &mut Scratch,
) -> Reading<'a> {
    let part = text.get(start..end).unwrap_or_default().trim();
    read_sentence(part, &part.to_ascii_lowercase(), ctx, scratch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_a_yes_or_a_no() {
        assert_eq!(yes_or_no(" YES "), Some(Polarity::Positive));
        assert_eq!(yes_or_no("No."), Some(Polarity::Negative));
        assert_eq!(yes_or_no("no, never"), Some(Polarity::Negative));
        assert_eq!(yes_or_no("Not applicable"), None);
        assert_eq!(yes_or_no("N/A"), None);
        assert_eq!(yes_or_no(""), None);
    }

    #[test]
    fn titles_name_their_columns() {
        let cases = [
            ("Category of Personal Information", Column::Data),
            (
                "Category of Entities to Which It Was Disclosed",
                Column::Recipients,
            ),
            (
                "CATEGORIES OF THIRD PARTIES TO WHOM INFORMATION IS “SHARED” AND/OR “SOLD”",
                Column::Recipients,
            ),
            ("Purposes of Use", Column::Purposes),
            ("Why and how we process your information", Column::Purposes),
            ("Information categories we use", Column::Data),
            ("What we use it for", Column::Purposes),
            ("Processor", Column::Recipients),
            ("Company Name (Contact)", Column::Recipients),
            (
                "Our legal basis for sharing your personal information",
                Column::Other,
            ),
            ("Sources of personal information", Column::Other),
            ("Entity location", Column::Other),
            ("Cookie", Column::Other),
            ("Description", Column::Other),
            ("Examples", Column::Data),
            ("Collected?", Column::YesNo(Action::Collect)),
            ("Sold?", Column::YesNo(Action::Disclose)),
            ("Shared or sold? ", Column::YesNo(Action::Disclose)),
            ("Retained?", Column::Other),
        ];
        for (title, role) in cases {
            assert_eq!(column(title), role, "{title}");
        }
    }
}
