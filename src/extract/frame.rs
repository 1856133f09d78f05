//! What one clause says, before it is multiplied out into statements: who acts, how, towards whom,
//! on which data, with which purposes and condition.

use crate::extract::{Action, PartyKind, Polarity};
use crate::lexicon::PartyClass;

/// A party as the extractor refers to it. Every field borrows, for `'a`, from the lexicon (ids,
/// labels, roles), the document (the words that named it) or the vendor: frames, readings and
/// the context of the next sentence all hold copies of the parties and data they name, and
/// owning the text cost a fresh allocation per field per mention (a `String`, later an
/// `Rc<str>`: 18% of the allocations of reading a policy).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PartyRef<'a> {
    pub name: &'a str,
    pub kind: PartyKind,
    pub role: &'a str,
    pub parent: &'a str,
    /// The words that named it.
    pub text: &'a str,
}

impl<'a> PartyRef<'a> {
    /// A class of parties ("service providers") from the lexicon, named by `text`.
    pub fn class(class: &'a PartyClass, text: &'a str) -> PartyRef<'a> {
        PartyRef {
            name: &class.label,
            kind: PartyKind::Class,
            role: &class.role,
            parent: "",
            text,
        }
    }
}

/// A data category as the extractor refers to it (borrowed, as [`PartyRef`] is).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DataRef<'a> {
    pub id: &'a str,
    pub text: &'a str,
    /// Named as aggregated or de-identified ("aggregated demographic information"): it travels
    /// under the `aggregated` condition, whatever the clause's condition is.
    pub aggregated: bool,
}

/// One relation read from a clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Frame<'a> {
    pub action: Action,
    pub polarity: Polarity,
    /// Empty for first-party collection.
    pub parties: Vec<PartyRef<'a>>,
    pub data: Vec<DataRef<'a>>,
    /// fideslang data-use keys, from the lexicon.
    pub purposes: Vec<&'a str>,
    pub condition: Option<&'a str>,
}
