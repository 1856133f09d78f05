//! What a sentence may refer back to: the vendor's names, the parties and data of the sentences
//! before it, the parties named by its headings, and the terms the policy has defined.

use indexmap::IndexMap;
use memchr::memmem::Finder;

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

/// What a sentence may refer back to, borrowed for `'c`; the references in it live for `'a`
/// (the lexicon's and the document's lifetime), as do those read from the sentence.
pub(crate) struct Context<'c, 'a> {
    pub lexicon: &'a Lexicon,
    pub vendor: &'a Vendor,
    /// The lengths of the vendor's names ([`NameLengths`]).
    pub vendor_lengths: NameLengths,
    pub previous_parties: &'c [PartyRef<'a>],
    pub previous_data: &'c [DataRef<'a>],
    pub heading_parties: &'c [PartyRef<'a>],
    pub terms: &'c Terms<'a>,
}

/// The terms a policy defines ("Log Data", "PII"), in the order it defines them, with the data
/// they stand for.
///
/// Every sentence is searched for every term, so each term keeps its compiled substring finder
/// (building one per term per sentence cost more than the search).
#[derive(Default)]
pub(crate) struct Terms<'a> {
    map: IndexMap<String, Vec<DataRef<'a>>, foldhash::fast::RandomState>,
    /// `finders[i]` finds the `i`-th term of `map`.
    finders: Vec<Finder<'static>>,
}

impl<'a> Terms<'a> {
    /// Add members to a term, defining it if it is new.
    pub fn define(&mut self, term: &str, members: &[DataRef<'a>]) {
        if !self.map.contains_key(term) {
            self.finders.push(Finder::new(term.as_bytes()).into_owned());
        }
        let entry = self.map.entry(term.to_string()).or_default();
        for m in members {
            if !entry.contains(m) {
                entry.push(*m);
            }
        }
    }

    /// Where the terms occur in `text` (case-sensitively, anywhere): term by term in definition
    /// order, each term's occurrences left to right and not overlapping one another.
    pub fn occurrences<'t>(
        &'t self,
        text: &'t str,
    ) -> impl Iterator<Item = (usize, usize, &'t Vec<DataRef<'a>>)> {
        // An empty term names no word; skipping it also keeps every match on char boundaries.
        self.map
            .iter()
            .zip(&self.finders)
            .filter(|((term, _), _)| !term.is_empty())
            .flat_map(move |((term, members), finder)| {
                finder
                    .find_iter(text.as_bytes())
                    .map(move |start| (start, start + term.len(), members))
            })
    }

    fn get(&self, term: &str) -> Option<&Vec<DataRef<'a>>> {
        self.map.get(term)
    }

    fn iter(&self) -> impl Iterator<Item = (&String, &Vec<DataRef<'a>>)> {
        self.map.iter()
    }
}

/// The lengths a set of names has, as bits (bit 63: 63 bytes or more): most words a sentence
/// is tested for are not the vendor's name, and most have a length none of its names has.
/// Comparing every uncovered token with every name of the vendor was 1.5% of the instructions
/// of a corpus run.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct NameLengths(u64);

impl NameLengths {
    pub fn of(vendor: &Vendor) -> NameLengths {
        let mut bits = 0;
        for name in std::iter::once(&vendor.name).chain(&vendor.aliases) {
            bits |= NameLengths::bit(name.len());
        }
        NameLengths(bits)
    }

    fn bit(len: usize) -> u64 {
        1 << len.min(63)
    }

    fn may_have(self, len: usize) -> bool {
        self.0 & NameLengths::bit(len) != 0
    }
}

impl<'a> Context<'_, 'a> {
    pub fn is_vendor(&self, name: &str) -> bool {
        self.vendor_lengths.may_have(name.len()) && self.vendor.is(name)
    }

    /// A defined term, in any case: "Personal Information" defined, "personal information" used.
    pub fn term(&self, written: &str) -> Option<&Vec<DataRef<'a>>> {
        self.terms.get(written).or_else(|| {
            self.terms
                .iter()
                .find(|(t, _)| t.eq_ignore_ascii_case(written))
                .map(|(_, d)| d)
        })
    }

    /// Where the defined terms occur in `text`: `(start, end, members)`.
    pub fn term_occurrences<'t>(
        &'t self,
        text: &'t str,
    ) -> impl Iterator<Item = (usize, usize, &'t Vec<DataRef<'a>>)> {
        self.terms.occurrences(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The length filter lets every name of the vendor through, short or long, and only those.
    #[test]
    fn vendor_names_of_any_length_are_the_vendor() {
        let long = "A".repeat(63) + " Holdings International Limited";
        let vendor = Vendor {
            name: "Acme".into(),
            aliases: vec!["Acme Inc.".into(), long.clone(), String::new()],
        };
        let lexicon = Lexicon::embedded().expect("embedded lexicon");
        let terms = Terms::default();
        let ctx = Context {
            lexicon: &lexicon,
            vendor: &vendor,
            vendor_lengths: NameLengths::of(&vendor),
            previous_parties: &[],
            previous_data: &[],
            heading_parties: &[],
            terms: &terms,
        };
        for name in ["Acme", "Acme Inc.", long.as_str(), ""] {
            assert!(ctx.is_vendor(name), "{name}");
        }
        let longer = long.clone() + "s";
        for name in ["Acm", "acme", "Acme Inc", longer.as_str(), "Zeta"] {
            assert!(!ctx.is_vendor(name), "{name}");
        }
    }
}
