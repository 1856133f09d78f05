//! The lexicon: the vocabulary of privacy policies as reviewable data.
//!
//! Owns the CSV schema of `data/lexicon/*.csv` (embedded in the binary, overridable with a directory),
//! loading and checking it, and the compiled matcher that finds mentions of data categories, parties,
//! party classes, purposes, conditions and sharing verbs in a sentence. It does not decide what a
//! sentence means: that is extract's job.

pub mod import;
mod load;
mod matcher;
mod trie;
mod units;

pub use load::LexiconError;
pub use matcher::{Mention, MentionKind};
pub use units::Units;

use std::sync::OnceLock;

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

/// A data category of the taxonomy (`categories.csv`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub id: String,
    pub parent: Option<String>,
    pub label: String,
    /// fideslang data-category key, e.g. `user.device.ip_address`.
    pub fideslang: String,
    /// OPP-115 "Personal Information Type".
    pub opp115_type: String,
    pub phrases: Vec<String>,
}

/// A named third party: a company or product (`parties.csv`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub name: String,
    pub aliases: Vec<String>,
    pub role: String,
    /// Canonical name of the parent company, if known.
    pub parent: Option<String>,
    pub domain: Option<String>,
    /// The name is also a common word ("Adjust", "Square", "Branch"): match it only where the
    /// context makes it a company.
    pub ambiguous: bool,
}

/// A class of recipients named by description, e.g. "service providers" (`classes.csv`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyClass {
    pub id: String,
    pub label: String,
    pub role: String,
    pub phrases: Vec<String>,
}

/// A purpose of processing, keyed by fideslang data use (`purposes.csv`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Purpose {
    pub id: String,
    pub label: String,
    pub phrases: Vec<String>,
}

/// A condition under which data flows, e.g. consent or legal requirement (`conditions.csv`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    pub id: String,
    pub label: String,
    pub phrases: Vec<String>,
}

/// What a verb does with data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerbFamily {
    /// The subject gives data to someone else: share, disclose, sell, transfer…
    Disclose,
    /// The subject takes or holds data: collect, receive, obtain, access, use…
    Collect,
}

/// A sharing or collection verb with its inflected forms (`verbs.csv`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verb {
    pub lemma: String,
    pub family: VerbFamily,
    pub forms: Vec<String>,
}

/// The whole vocabulary, with a compiled matcher (built at the first search: commands that only
/// query a saved graph never need it, and it is most of the lexicon's start-up time).
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub categories: Vec<Category>,
    pub parties: Vec<Party>,
    pub classes: Vec<PartyClass>,
    pub purposes: Vec<Purpose>,
    pub conditions: Vec<Condition>,
    pub verbs: Vec<Verb>,
    category_index: IndexMap<String, usize, foldhash::fast::RandomState>,
    party_index: IndexMap<String, usize, foldhash::fast::RandomState>,
    matcher: OnceLock<matcher::Matcher>,
    /// Built at the first lookup by name, like the matcher.
    party_names: OnceLock<PartyNames>,
}

/// The parties by name and by domain, ASCII-lowercased. Working out a policy's vendor compared
/// every name and domain of every party with the vendor's names and the file name: about 240 k
/// instructions per policy, 2.5% of a corpus run over apps-2024.
#[derive(Debug, Clone, Default)]
struct PartyNames {
    /// The first and the last party in lexicon order with the name or alias.
    by_name: foldhash::HashMap<String, (usize, usize)>,
    /// The first party in lexicon order with the domain.
    by_domain: foldhash::HashMap<String, usize>,
    longest_domain: usize,
}

impl PartyNames {
    fn of(parties: &[Party]) -> PartyNames {
        let mut by_name = foldhash::HashMap::default();
        let mut by_domain = foldhash::HashMap::default();
        for (i, p) in parties.iter().enumerate() {
            for name in std::iter::once(&p.name).chain(&p.aliases) {
                by_name
                    .entry(name.to_ascii_lowercase())
                    .and_modify(|(_, last): &mut (usize, usize)| *last = i)
                    .or_insert((i, i));
            }
            // (An empty domain would begin every file name.)
            if let Some(d) = p.domain.as_deref().filter(|d| !d.is_empty()) {
                by_domain.entry(d.to_ascii_lowercase()).or_insert(i);
            }
        }
        let longest_domain = by_domain.keys().map(String::len).max().unwrap_or(0);
        PartyNames {
            by_name,
            by_domain,
            longest_domain,
        }
    }
}

/// `text`, ASCII-lowercased unless it is already.
fn ascii_lowered(text: &str) -> std::borrow::Cow<'_, str> {
    if text.bytes().any(|b| b.is_ascii_uppercase()) {
        text.to_ascii_lowercase().into()
    } else {
        text.into()
    }
}

impl Lexicon {
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.category_index.get(id).map(|&i| &self.categories[i])
    }

    /// The party class `id` ("third-parties", "public"); a scan, for the few places that name one.
    pub fn class(&self, id: &str) -> Option<&PartyClass> {
        self.classes.iter().find(|c| c.id == id)
    }

    pub fn category_index(&self, id: &str) -> Option<usize> {
        self.category_index.get(id).copied()
    }

    /// A named party by canonical name (exact).
    pub fn party(&self, name: &str) -> Option<&Party> {
        self.party_index.get(name).map(|&i| &self.parties[i])
    }

    /// The first and the last party (indexes into `parties`) whose name or an alias equals
    /// `name` ignoring ASCII case.
    pub fn parties_named(&self, name: &str) -> Option<(usize, usize)> {
        let key = ascii_lowered(name);
        self.party_names().by_name.get(&*key).copied()
    }

    /// The first party (an index into `parties`) whose domain equals `text`, or with `prefix`
    /// begins `text`, ignoring ASCII case.
    pub fn party_with_domain(&self, text: &str, prefix: bool) -> Option<usize> {
        let names = self.party_names();
        let text = ascii_lowered(text);
        if !prefix {
            return names.by_domain.get(&*text).copied();
        }
        (1..=names.longest_domain.min(text.len()))
            .filter_map(|len| text.get(..len))
            .filter_map(|d| names.by_domain.get(d).copied())
            .min()
    }

    fn party_names(&self) -> &PartyNames {
        self.party_names
            .get_or_init(|| PartyNames::of(&self.parties))
    }

    /// Ancestors of a category, nearest first (not including itself).
    pub fn ancestors(&self, id: &str) -> Vec<&Category> {
        let mut out = Vec::new();
        let mut cur = self.category(id).and_then(|c| c.parent.as_deref());
        while let Some(p) = cur {
            match self.category(p) {
                // The loader rejects cycles, but stay finite even on a hand-built lexicon.
                Some(c) if out.len() < self.categories.len() => {
                    out.push(c);
                    cur = c.parent.as_deref();
                }
                _ => break,
            }
        }
        out
    }

    /// True when `id` is `ancestor` or lies below it in the taxonomy.
    pub fn is_within(&self, id: &str, ancestor: &str) -> bool {
        id == ancestor || self.ancestors(id).iter().any(|c| c.id == ancestor)
    }

    /// The compiled matcher, built now if this is the first search.
    fn matcher(&self) -> &matcher::Matcher {
        self.matcher.get_or_init(|| matcher::Matcher::build(self))
    }

    /// All mentions of lexicon entries in `text`, left to right, non-overlapping (longest wins).
    pub fn find(&self, text: &str) -> Vec<Mention> {
        self.find_lowered(text, &text.to_ascii_lowercase())
    }

    /// [`Lexicon::find`] for a caller that has `text.to_ascii_lowercase()` at hand already.
    pub fn find_lowered(&self, text: &str, lowered: &str) -> Vec<Mention> {
        debug_assert_eq!(lowered.len(), text.len());
        let mut mentions = Vec::new();
        self.matcher()
            .find(self, text, lowered, None, &mut mentions);
        mentions
    }

    /// [`Lexicon::find_lowered`], leaving the text's units (words, single other chars) in
    /// `units`: the tokenizer builds its tokens from them instead of splitting the text again.
    /// The mentions are written into `mentions` (emptied first), a vector the caller keeps
    /// from text to text.
    pub fn find_split(
        &self,
        text: &str,
        lowered: &str,
        units: &mut Units,
        mentions: &mut Vec<Mention>,
    ) {
        debug_assert_eq!(lowered.len(), text.len());
        self.matcher()
            .find(self, text, lowered, Some(units), mentions);
    }
}
