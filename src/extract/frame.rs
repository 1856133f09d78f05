//! What one clause says, before it is multiplied out into statements: who acts, how, towards whom,
//! on which data, with which purposes and condition.

use crate::extract::{Action, PartyKind, Polarity};

/// Text shared by the many copies of a reference: frames, readings and the context of the next
/// sentence all hold the parties and data they name, and cloning one is a count, not a copy (a
/// `String` per field was a third of the allocations of reading a policy).
pub(crate) type Shared = std::rc::Rc<str>;

/// A party as the extractor refers to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PartyRef {
    pub name: Shared,
    pub kind: PartyKind,
    pub role: Shared,
    pub parent: Shared,
    /// The words that named it.
    pub text: Shared,
}

/// A data category as the extractor refers to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DataRef {
    pub id: Shared,
    pub text: Shared,
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
