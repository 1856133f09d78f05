//! Filters that compose: every set field must hold.

use crate::extract::{Polarity, Statement};
use crate::lexicon::Lexicon;

#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub vendor: Option<String>,
    pub role: Option<String>,
    /// A data category id: the statement's category or a narrower one.
    pub data: Option<String>,
    pub party: Option<String>,
    pub purpose: Option<String>,
    pub polarity: Option<Polarity>,
}

impl Filter {
    pub fn accepts(&self, s: &Statement, lexicon: &Lexicon) -> bool {
        self.vendor
            .as_ref()
            .is_none_or(|v| s.vendor.eq_ignore_ascii_case(v))
            && self
                .role
                .as_ref()
                .is_none_or(|r| s.role.eq_ignore_ascii_case(r))
            && self
                .data
                .as_ref()
                .is_none_or(|d| lexicon.is_within(&s.data, d))
            && self
                .party
                .as_ref()
                .is_none_or(|p| super::party_matches(lexicon, s, p))
            && self
                .purpose
                .as_ref()
                .is_none_or(|p| s.purpose == *p || s.purpose.starts_with(&format!("{p}.")))
            && self.polarity.is_none_or(|p| s.polarity == p)
    }
}
