//! sharegraph: who gets which of your data?
//!
//! Reads privacy policies (HTML, Markdown, text), extracts every sharing clause as a statement
//! with its evidence sentence, and builds a graph of vendors, third parties and data categories
//! that can be queried and exported.
//!
//! ```
//! use sharegraph::{document, extract, lexicon::Lexicon};
//!
//! let lexicon = Lexicon::embedded().expect("the embedded lexicon is valid");
//! let policy = "# Acme Privacy Policy\n\nWe share your IP address with Google Analytics.\n";
//! let doc = document::parse("acme.md", policy.as_bytes(), None).expect("text is readable");
//! let extraction = extract::extract(&doc, &lexicon, None);
//! let recipients: Vec<&str> = extraction
//!     .statements
//!     .iter()
//!     .filter(|s| s.is_recipient() && s.data == "ip-address")
//!     .map(|s| s.party.as_str())
//!     .collect();
//! assert_eq!(recipients, ["Google Analytics"]);
//! ```
//!
//! Stages, each using only those before it: [`document`] → [`extract`] (with [`lexicon`]) →
//! [`graph`] → [`query`] and [`export`]. [`pipeline`] runs them over many files, on all cores in
//! input order ([`ordered`]).

// Library and binary code never unwraps: a bad input is an error naming it, not a panic.
#![cfg_attr(not(test), warn(clippy::unwrap_used))]

pub mod alloc;
pub mod document;
pub mod eval;
pub mod export;
pub mod extract;
pub mod graph;
pub mod lexicon;
pub mod limits;
pub mod ordered;
pub mod pipeline;
pub mod query;
