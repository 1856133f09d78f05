//! What one clause says, before it is multiplied out into statements: who acts, how, towards whom,
//! on which data, with which purposes and condition.

use crate::extract::{Action, PartyKind, Polarity};

/// A party as the extractor refers to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PartyRef {
    pub name: String,
    pub kind: PartyKind,
    pub role: String,
    pub parent: String,
    /// The words that named it.
    pub text: String,
}

/// A data category as the extractor refers to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DataRef {
    pub id: String,
    pub text: String,
}

/// One relation read from a clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Frame {
    pub action: Action,
    pub polarity: Polarity,
    /// Empty for first-party collection.
    pub parties: Vec<PartyRef>,
    pub data: Vec<DataRef>,
    pub purposes: Vec<String>,
    pub condition: Option<String>,
}
