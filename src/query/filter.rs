//! Filters that compose: every set field must hold.

use super::PartyName;
use crate::extract::{Polarity, Statement};
use crate::lexicon::Lexicon;

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub vendor: Option<String>,
    pub role: Option<String>,
    /// A data category id: the statement's category or a narrower one.
    pub data: Option<String>,
    /// A party name, alias, parent company or class (see [`PartyName`]).
    pub party: Option<String>,
    /// A fideslang data use: the statement's purpose or a narrower one (`marketing` takes in
    /// `marketing.advertising`).
    pub purpose: Option<String>,
    pub polarity: Option<Polarity>,
}

impl Filter {
    /// The filter with its party name resolved, to test many statements.
    pub fn compile<'a>(&'a self, lexicon: &'a Lexicon) -> CompiledFilter<'a> {
        CompiledFilter {
            filter: self,
            lexicon,
            party: self.party.as_deref().map(|p| PartyName::new(lexicon, p)),
        }
    }

    pub fn accepts(&self, s: &Statement, lexicon: &Lexicon) -> bool {
        self.compile(lexicon).accepts(s)
    }
}

/// A [`Filter`] ready to test statements.
#[derive(Debug, Clone)]
pub struct CompiledFilter<'a> {
    filter: &'a Filter,
    lexicon: &'a Lexicon,
    party: Option<PartyName>,
}

impl CompiledFilter<'_> {
    pub fn accepts(&self, s: &Statement) -> bool {
        let f = self.filter;
        f.vendor
            .as_ref()
            .is_none_or(|v| s.vendor.eq_ignore_ascii_case(v.trim()))
            && f.role
                .as_ref()
                .is_none_or(|r| s.role.eq_ignore_ascii_case(r.trim()))
            && f.data
                .as_ref()
                .is_none_or(|d| self.lexicon.is_within(&s.data, d))
            && self
                .party
                .as_ref()
                .is_none_or(|p| p.matches(self.lexicon, s))
            && f.purpose.as_ref().is_none_or(|p| {
                let p = p.trim();
                s.purpose == p
                    || s.purpose
                        .strip_prefix(p)
                        .is_some_and(|rest| rest.starts_with('.'))
            })
            && f.polarity.is_none_or(|p| s.polarity == p)
    }
}
