//! Questions asked of the statements of a graph: who receives a data category, what a party
//! receives, what a vendor collects and shares, what policies deny. Answers are statements (the
//! evidence) with flags; presenting them is the caller's business.
//!
//! Questions read statements, not nodes and edges, so a caller need not link a corpus into a
//! graph to ask them; with a graph, pass `&graph.statements`. Uses the lexicon (taxonomy, party
//! aliases); knows nothing of output.

mod compare;
mod filter;

pub use compare::{Change, Contradiction, contradictions, diff};
pub use filter::{CompiledFilter, Filter};

use crate::extract::{Action, PartyKind, Polarity, Statement};
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
    statements: &'a [Statement],
    lexicon: &Lexicon,
    data: &str,
    broader: bool,
    filter: &Filter,
) -> Vec<Hit<'a>> {
    let filter = filter.compile(lexicon);
    statements
        .iter()
        .filter(|s| s.is_recipient() && filter.accepts(s))
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

/// What a party name asked for stands for: a named party (by name or alias, with everything it
/// owns), a class of parties (by id, label or phrase), or, failing both, the words themselves
/// compared with party names and parent companies. Any case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyName {
    /// Canonical names (named party, or the words asked) and class labels, lowercased.
    names: Vec<String>,
}

impl PartyName {
    pub fn new(lexicon: &Lexicon, asked: &str) -> PartyName {
        let asked = asked.trim();
        let is = |s: &str| s.eq_ignore_ascii_case(asked);
        let mut names = vec![asked.to_lowercase()];
        if let Some(p) = lexicon
            .parties
            .iter()
            .find(|p| is(&p.name) || p.aliases.iter().any(|a| is(a)))
        {
            names.push(p.name.to_lowercase());
        }
        if let Some(c) = lexicon
            .classes
            .iter()
            .find(|c| is(&c.id) || is(&c.label) || c.phrases.iter().any(|ph| is(ph)))
        {
            names.push(c.label.to_lowercase());
        }
        if names.len() == 1 {
            // A plural or a phrase inside the words ("advertisers", "our payment processors").
            for m in lexicon.find(asked) {
                match m.kind {
                    MentionKind::Party(i) => names.push(lexicon.parties[i].name.to_lowercase()),
                    MentionKind::Class(i) => names.push(lexicon.classes[i].label.to_lowercase()),
                    _ => {}
                }
            }
        }
        names.dedup();
        PartyName { names }
    }

    fn names(&self, name: &str) -> bool {
        !name.is_empty() && self.names.iter().any(|n| n.eq_ignore_ascii_case(name))
    }

    /// True when the statement's third party is this party, a class it names, or is owned by it,
    /// directly or through a chain of parent companies ("Alphabet" owns Google, which owns Firebase).
    pub fn matches(&self, lexicon: &Lexicon, s: &Statement) -> bool {
        if s.party_kind == PartyKind::FirstParty {
            return false;
        }
        if self.names(&s.party) {
            return true;
        }
        let mut parent = s.parent.as_str();
        for _ in 0..8 {
            if parent.is_empty() {
                return false;
            }
            if self.names(parent) {
                return true;
            }
            parent = lexicon
                .party(parent)
                .and_then(|p| p.parent.as_deref())
                .unwrap_or("");
        }
        false
    }
}

/// True when `party` (a name, alias, parent company or class label, any case) names the
/// statement's party. "Google" names Google Analytics and Firebase. To test many statements,
/// resolve the name once with [`PartyName::new`].
pub fn party_matches(lexicon: &Lexicon, s: &Statement, party: &str) -> bool {
    PartyName::new(lexicon, party).matches(lexicon, s)
}

/// What a party receives (as recipient) or gives (as source), from and to which vendors.
pub fn party<'a>(
    statements: &'a [Statement],
    lexicon: &Lexicon,
    party: &str,
    filter: &Filter,
) -> Vec<Hit<'a>> {
    let name = PartyName::new(lexicon, party);
    let filter = filter.compile(lexicon);
    statements
        .iter()
        .filter(|s| name.matches(lexicon, s) && filter.accepts(s))
        .map(|s| Hit {
            statement: s,
            vague: false,
        })
        .collect()
}

/// Everything a vendor's policies say: what it collects, receives from whom, discloses to whom.
pub fn vendor<'a>(
    statements: &'a [Statement],
    lexicon: &Lexicon,
    vendor: &str,
    filter: &Filter,
) -> Vec<Hit<'a>> {
    let filter = filter.compile(lexicon);
    let mut hits: Vec<Hit<'a>> = statements
        .iter()
        .filter(|s| s.vendor.eq_ignore_ascii_case(vendor.trim()) && filter.accepts(s))
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
pub fn negatives<'a>(
    statements: &'a [Statement],
    lexicon: &Lexicon,
    filter: &Filter,
) -> Vec<Hit<'a>> {
    let filter = filter.compile(lexicon);
    statements
        .iter()
        .filter(|s| s.polarity == Polarity::Negative && filter.accepts(s))
        .map(|s| Hit {
            statement: s,
            vague: false,
        })
        .collect()
}
