//! The statement: one extracted fact with its provenance. Its CSV form is a stable interface.

use serde::{Deserialize, Serialize};

use super::Text;

/// What happens to the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// `party` collects `data` from the user (the vendor itself, or a third party on its pages/apps).
    Collect,
    /// The vendor gives `data` to `party`.
    Disclose,
    /// The vendor gets `data` from `party` (a source, not a recipient).
    ReceiveFrom,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    Positive,
    Negative,
}

/// How the party is named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartyKind {
    /// The vendor itself.
    FirstParty,
    /// A company or product from the lexicon ("Google Analytics").
    Named,
    /// A class of recipients ("service providers").
    Class,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Collect => "collect",
            Action::Disclose => "disclose",
            Action::ReceiveFrom => "receive_from",
        }
    }
}

impl Polarity {
    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::Positive => "positive",
            Polarity::Negative => "negative",
        }
    }
}

impl PartyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PartyKind::FirstParty => "first_party",
            PartyKind::Named => "named",
            PartyKind::Class => "class",
        }
    }
}

/// One fact: `(policy, vendor, action, polarity, data, party, purpose, condition, evidence)`.
///
/// Field order is the column order of the statement CSV; the names of DESIGN.md's columns are fixed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Statement {
    pub policy: Text,
    pub vendor: Text,
    pub action: Action,
    pub polarity: Polarity,
    /// Taxonomy id of the data category.
    pub data: Text,
    pub opp115_type: Text,
    pub party: Text,
    pub party_kind: PartyKind,
    pub role: Text,
    pub parent: Text,
    /// fideslang data-use key, or empty.
    pub purpose: Text,
    /// consent, legal-requirement, business-transfer, aggregated… or empty.
    pub condition: Text,
    /// The evidence sentence, as cleaned text.
    pub sentence: Text,
    pub start: usize,
    pub end: usize,
    /// The words in the sentence that named the data (or the heading/context it came from).
    pub data_text: Text,
    /// The words that named the party, or the context it was resolved from ("such third parties").
    pub party_text: Text,
    /// Enclosing headings, outermost first, joined with " > ".
    pub heading: Text,
}

impl Statement {
    /// True when this statement makes `party` a recipient of the data (DESIGN.md).
    pub fn is_recipient(&self) -> bool {
        self.polarity == Polarity::Positive
            && (self.action == Action::Disclose
                || (self.action == Action::Collect && self.party_kind != PartyKind::FirstParty))
    }
}

/// Statements as they come, gathered into runs of one policy: a policy's statements are
/// consecutive in every stream sharegraph reads or writes (a saved graph, the extractor's output).
#[derive(Default)]
pub(crate) struct PolicyRuns {
    run: Vec<Statement>,
}

impl PolicyRuns {
    /// Add `s`; the run it ends when it starts another policy.
    pub fn push(&mut self, s: Statement) -> Option<Vec<Statement>> {
        let ended = self
            .run
            .last()
            .is_some_and(|last| last.policy != s.policy)
            .then(|| std::mem::take(&mut self.run));
        self.run.push(s);
        ended
    }

    /// The last run, if there was any statement.
    pub fn finish(self) -> Option<Vec<Statement>> {
        (!self.run.is_empty()).then_some(self.run)
    }
}
