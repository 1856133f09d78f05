//! Questions asked of a graph: who receives a data category, what a party receives, what a vendor
//! collects and shares, what policies deny. Answers are statements (the evidence) with flags;
//! presenting them is the caller's business.
//!
//! Uses the graph and the lexicon (for the taxonomy and party aliases); knows nothing of output.

mod compare;
mod filter;

pub use compare::{Change, Contradiction, contradictions, diff};
pub use filter::Filter;

use crate::extract::{Action, PartyKind, Polarity, Statement};
use crate::graph::ShareGraph;
use crate::lexicon::{Lexicon, MentionKind};

/// A statement that answers a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit<'a> {
    pub statement: &'a Statement,
    /// The statement is about a broader category than the one asked for ("personal information"
    /// when asked about IP addresses): it may include it, it does not say so.
    pub vague: bool,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum QueryError {
    #[error("unknown data category `{0}` (try `sharegraph lexicon categories`)")]
    UnknownData(String),
}

/// A data category id from an id, a label or any phrase of the lexicon ("IP addresses").
pub fn resolve_data(lexicon: &Lexicon, asked: &str) -> Result<String, QueryError> {
    let trimmed = asked.trim();
    if lexicon.category(trimmed).is_some() {
        return Ok(trimmed.to_string());
    }
    if let Some(c) = lexicon
        .categories
        .iter()
        .find(|c| c.label.eq_ignore_ascii_case(trimmed))
    {
        return Ok(c.id.clone());
    }
    let dashed = trimmed.to_lowercase().replace([' ', '_'], "-");
    if lexicon.category(&dashed).is_some() {
        return Ok(dashed);
    }
    lexicon
        .find(trimmed)
        .into_iter()
        .find_map(|m| match m.kind {
            MentionKind::Category(i) => Some(lexicon.categories[i].id.clone()),
            _ => None,
        })
        .ok_or_else(|| QueryError::UnknownData(asked.to_string()))
}

/// Who receives `data` (or any narrower category); with `broader`, also statements about a
/// broader category, marked vague.
pub fn who_receives<'a>(
    graph: &'a ShareGraph,
    lexicon: &Lexicon,
    data: &str,
    broader: bool,
    filter: &Filter,
) -> Vec<Hit<'a>> {
    graph
        .statements
        .iter()
        .filter(|s| s.is_recipient() && filter.accepts(s, lexicon))
        .filter_map(|s| {
            if lexicon.is_within(&s.data, data) {
                Some(Hit {
                    statement: s,
                    vague: false,
                })
            } else if broader && lexicon.is_within(data, &s.data) {
                Some(Hit {
                    statement: s,
                    vague: true,
                })
            } else {
                None
            }
        })
        .collect()
}

/// True when `party` (a name, alias, parent company or class label, any case) names the
/// statement's party. "Google" names Google Analytics and Firebase.
pub fn party_matches(lexicon: &Lexicon, s: &Statement, party: &str) -> bool {
    if s.party_kind == PartyKind::FirstParty {
        return false;
    }
    let canonical = lexicon
        .parties
        .iter()
        .find(|p| {
            p.name.eq_ignore_ascii_case(party)
                || p.aliases.iter().any(|a| a.eq_ignore_ascii_case(party))
        })
        .map_or(party, |p| p.name.as_str());
    s.party.eq_ignore_ascii_case(canonical)
        || (!s.parent.is_empty() && s.parent.eq_ignore_ascii_case(canonical))
}

/// What a party receives (as recipient) or gives (as source), from and to which vendors.
pub fn party<'a>(
    graph: &'a ShareGraph,
    lexicon: &Lexicon,
    party: &str,
    filter: &Filter,
) -> Vec<Hit<'a>> {
    graph
        .statements
        .iter()
        .filter(|s| party_matches(lexicon, s, party) && filter.accepts(s, lexicon))
        .map(|s| Hit {
            statement: s,
            vague: false,
        })
        .collect()
}

/// Everything a vendor's policies say: what it collects, receives from whom, discloses to whom.
pub fn vendor<'a>(
    graph: &'a ShareGraph,
    lexicon: &Lexicon,
    vendor: &str,
    filter: &Filter,
) -> Vec<Hit<'a>> {
    let mut hits: Vec<Hit<'a>> = graph
        .statements
        .iter()
        .filter(|s| s.vendor.eq_ignore_ascii_case(vendor) && filter.accepts(s, lexicon))
        .map(|s| Hit {
            statement: s,
            vague: false,
        })
        .collect();
    // Collected first, then received from, then disclosed/collected by others; stable otherwise.
    hits.sort_by_key(|h| match (h.statement.action, h.statement.party_kind) {
        (Action::Collect, PartyKind::FirstParty) => 0,
        (Action::ReceiveFrom, _) => 1,
        _ => 2,
    });
    hits
}

/// What policies say they do not do.
pub fn negatives<'a>(graph: &'a ShareGraph, lexicon: &Lexicon, filter: &Filter) -> Vec<Hit<'a>> {
    graph
        .statements
        .iter()
        .filter(|s| s.polarity == Polarity::Negative && filter.accepts(s, lexicon))
        .map(|s| Hit {
            statement: s,
            vague: false,
        })
        .collect()
}
