//! What a sentence may refer back to: the vendor's names, the parties and data of the sentences
//! before it, the parties named by its headings, and the terms the policy has defined.

use indexmap::IndexMap;

use crate::extract::frame::{DataRef, PartyRef};
use crate::lexicon::Lexicon;

/// The policy's first party: its display name and every name the policy calls it by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vendor {
    pub name: String,
    pub aliases: Vec<String>,
}

impl Vendor {
    pub fn is(&self, name: &str) -> bool {
        self.name == name || self.aliases.iter().any(|a| a == name)
    }
}

pub(crate) struct Context<'a> {
    pub lexicon: &'a Lexicon,
    pub vendor: &'a Vendor,
    pub previous_parties: &'a [PartyRef],
    pub previous_data: &'a [DataRef],
    pub heading_parties: &'a [PartyRef],
    pub terms: &'a IndexMap<String, Vec<DataRef>>,
}

impl Context<'_> {
    pub fn is_vendor(&self, name: &str) -> bool {
        self.vendor.is(name)
    }

    /// A defined term, in any case: "Personal Information" defined, "personal information" used.
    pub fn term(&self, written: &str) -> Option<&Vec<DataRef>> {
        self.terms.get(written).or_else(|| {
            self.terms
                .iter()
                .find(|(t, _)| t.eq_ignore_ascii_case(written))
                .map(|(_, d)| d)
        })
    }

    pub fn terms(&self) -> impl Iterator<Item = (&String, &Vec<DataRef>)> {
        self.terms.iter()
    }
}
