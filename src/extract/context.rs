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
    /// The lengths and first bytes of the vendor's names ([`NameFilter`]).
    pub vendor_names: NameFilter,
    pub previous_parties: &'c [PartyRef<'a>],
    pub previous_data: &'c [DataRef<'a>],
    pub heading_parties: &'c [PartyRef<'a>],
    pub terms: &'c Terms<'a>,
}

/// The terms a policy defines ("Log Data", "PII"), in the order it defines them, with the data
/// they stand for.
///
/// Every sentence is searched for every term. A term is looked for in the whole document once,
/// when it is defined, and a sentence (a slice of the document) takes the occurrences inside
/// it: a substring search per term per sentence was 2.6% of the instructions of a corpus run,
/// most of it setting up each search.
#[derive(Default)]
pub(crate) struct Terms<'a> {
    map: IndexMap<String, Vec<DataRef<'a>>, foldhash::fast::RandomState>,
    /// The text of the document the sentences are read from.
    document: &'a str,
    /// `starts[i]`: where the `i`-th term of `map` starts in `document`, ascending; every
    /// occurrence, also those that overlap one another (which one counts depends on where a
    /// sentence starts).
    starts: Vec<Vec<usize>>,
}

impl<'a> Terms<'a> {
    /// No terms yet, for the sentences of `document`.
    pub fn new(document: &'a str) -> Self {
        Terms {
            document,
            ..Terms::default()
        }
    }

    /// Add members to a term, defining it if it is new.
    pub fn define(&mut self, term: &str, members: &[DataRef<'a>]) {
        if !self.map.contains_key(term) {
            self.starts.push(every_start(self.document, term));
        }
        let entry = self.map.entry(term.to_string()).or_default();
        for m in members {
            if !entry.contains(m) {
                entry.push(*m);
            }
        }
    }

    /// Where the terms occur in `text` (case-sensitively, anywhere): term by term in definition
    /// order, each term's occurrences left to right and not overlapping one another, as a
    /// search of `text` alone would find them.
    pub fn occurrences(&self, text: &str) -> Vec<(usize, usize, &Vec<DataRef<'a>>)> {
        let mut out = Vec::new();
        let at = offset_in(self.document, text);
        // An empty term has no starts (`every_start`): it names no word, and no match of it
        // falls off a char boundary.
        for ((term, members), starts) in self.map.iter().zip(&self.starts) {
            let mut free = 0;
            let mut add = |start: usize| {
                if start >= free {
                    free = start + term.len();
                    out.push((start, free, members));
                }
            };
            match at {
                Some(at) => {
                    let first = starts.partition_point(|&s| s < at);
                    starts[first..]
                        .iter()
                        .take_while(|&&s| s + term.len() <= at + text.len())
                        .for_each(|&s| add(s - at));
                }
                // Not a slice of the document: searched for itself.
                None => every_start(text, term).into_iter().for_each(add),
            }
        }
        out
    }

    fn get(&self, term: &str) -> Option<&Vec<DataRef<'a>>> {
        self.map.get(term)
    }

    fn iter(&self) -> impl Iterator<Item = (&String, &Vec<DataRef<'a>>)> {
        self.map.iter()
    }
}

/// Every start of `term` in `text`, ascending, overlapping ones too; none for an empty term.
fn every_start(text: &str, term: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    if term.is_empty() {
        return starts;
    }
    let finder = Finder::new(term.as_bytes());
    let mut from = 0;
    while let Some(i) = text
        .as_bytes()
        .get(from..)
        .and_then(|rest| finder.find(rest))
    {
        starts.push(from + i);
        from += i + 1;
    }
    starts
}

/// Where `text` starts in `document`, if it is a slice of it (by address: the reader's
/// sentences and headings are slices of the document's text).
fn offset_in(document: &str, text: &str) -> Option<usize> {
    let (d, t) = (document.as_ptr() as usize, text.as_ptr() as usize);
    (t >= d && t + text.len() <= d + document.len()).then(|| t - d)
}

/// The lengths and first bytes a set of names has, as bits (length bit 63: 63 bytes or more):
/// most words a sentence is tested for are not the vendor's name, and most have a length or a
/// first byte none of its names has. Comparing every uncovered token with every name of the
/// vendor was 1.5% of the instructions of a corpus run; slicing every token to test its length
/// was 1% more.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct NameFilter {
    lengths: u64,
    first_bytes: [u64; 4],
}

impl NameFilter {
    pub fn of(vendor: &Vendor) -> NameFilter {
        let mut filter = NameFilter::default();
        for name in std::iter::once(&vendor.name).chain(&vendor.aliases) {
            filter.lengths |= NameFilter::length_bit(name.len());
            if let Some(&b) = name.as_bytes().first() {
                filter.first_bytes[usize::from(b >> 6)] |= 1 << (b & 63);
            }
        }
        filter
    }

    fn length_bit(len: usize) -> u64 {
        1 << len.min(63)
    }

    /// Whether `text[start..end]` may be one of the names.
    #[inline]
    fn may_be(&self, text: &str, start: usize, end: usize) -> bool {
        self.lengths & NameFilter::length_bit(end - start) != 0
            && (start == end
                || text
                    .as_bytes()
                    .get(start)
                    .is_some_and(|&b| self.first_bytes[usize::from(b >> 6)] >> (b & 63) & 1 != 0))
    }
}

impl<'a> Context<'_, 'a> {
    pub fn is_vendor(&self, name: &str) -> bool {
        self.is_vendor_at(name, 0, name.len())
    }

    /// [`Context::is_vendor`] for `text[start..end]`, sliced only when it may be a name.
    /// Inlined: it is asked for every word of a sentence not already read as something else.
    #[inline(always)]
    pub fn is_vendor_at(&self, text: &str, start: usize, end: usize) -> bool {
        self.vendor_names.may_be(text, start, end) && self.vendor.is(&text[start..end])
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

    /// Where the defined terms occur in `text`: `(start, end, members)` ([`Terms::occurrences`]).
    pub fn term_occurrences(&self, text: &str) -> Vec<(usize, usize, &Vec<DataRef<'a>>)> {
        self.terms.occurrences(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The filter lets every name of the vendor through, short or long, and only those, in a
    /// text or on its own.
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
            vendor_names: NameFilter::of(&vendor),
            previous_parties: &[],
            previous_data: &[],
            heading_parties: &[],
            terms: &terms,
        };
        for name in ["Acme", "Acme Inc.", long.as_str(), ""] {
            assert!(ctx.is_vendor(name), "{name}");
            let text = format!("by {name}, ");
            assert!(ctx.is_vendor_at(&text, 3, 3 + name.len()), "{text}");
        }
        let longer = long.clone() + "s";
        for name in ["Acm", "acme", "Acme Inc", longer.as_str(), "Zeta", "Bcme"] {
            assert!(!ctx.is_vendor(name), "{name}");
            let text = format!("by {name}, ");
            assert!(!ctx.is_vendor_at(&text, 3, 3 + name.len()), "{text}");
        }
    }

    /// What a substring search of `text` alone finds: each term in definition order, its
    /// occurrences left to right, not overlapping.
    fn searched(terms: &[String], text: &str) -> Vec<(usize, usize)> {
        let mut unique: Vec<&String> = Vec::new();
        for t in terms {
            if !unique.contains(&t) {
                unique.push(t);
            }
        }
        unique
            .into_iter()
            .filter(|t| !t.is_empty())
            .flat_map(|t| {
                memchr::memmem::find_iter(text.as_bytes(), t.as_bytes()).map(|s| (s, s + t.len()))
            })
            .collect()
    }

    /// "aa" in "aaaa" occurs at 0 and 2 for a search of the whole, at 1 for one of "aaa" from 1.
    #[test]
    fn a_term_that_overlaps_itself_is_found_from_the_sentence_start() {
        let document = "aaaa";
        let mut defined = Terms::new(document);
        defined.define("aa", &[]);
        let found: Vec<(usize, usize)> = defined
            .occurrences(&document[1..])
            .into_iter()
            .map(|(s, e, _)| (s, e))
            .collect();
        assert_eq!(found, [(0, 2)]);
    }

    proptest::proptest! {
        /// A sentence sees the occurrences a search of it alone finds, whether it is a slice of
        /// the document (occurrences found once for the document) or not (searched itself);
        /// terms that overlap themselves ("aa" in "aaa") and occurrences cut by a sentence's
        /// edges included.
        #[test]
        fn a_sentence_has_the_occurrences_a_search_of_it_finds(
            document in "[aab é]{0,40}",
            terms in proptest::collection::vec("[aab é]{0,3}", 0..5),
            cuts in proptest::collection::vec(0usize..=40, 0..6),
        ) {
            let mut defined = Terms::new(&document);
            for t in &terms {
                defined.define(t, &[]);
            }
            let mut cuts: Vec<usize> = cuts
                .into_iter()
                .map(|c| c.min(document.len()))
                .filter(|&c| document.is_char_boundary(c))
                .chain([0, document.len()])
                .collect();
            cuts.sort();
            for pair in cuts.windows(2) {
                let sentence = &document[pair[0]..pair[1]];
                let expected = searched(&terms, sentence);
                let found = |text: &str| -> Vec<(usize, usize)> {
                    defined.occurrences(text).into_iter().map(|(s, e, _)| (s, e)).collect()
                };
                proptest::prop_assert_eq!(found(sentence), expected.clone(), "{:?}", sentence);
                // A copy is not a slice of the document: it is searched for itself.
                let copy = String::from(sentence);
                proptest::prop_assert_eq!(found(&copy), expected);
            }
        }
    }
}
