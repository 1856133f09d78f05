//! The extract stage: sentences in, statements out.
//!
//! Owns the reading of sharing clauses: who (the vendor, a named party, a class) does what
//! (collect, disclose, receive from) with which data, for which purpose, under which condition,
//! and whether the policy says it does or does not. It uses the document and the lexicon, and knows
//! nothing of graphs or output formats.

mod statement;

pub use statement::{Action, PartyKind, Polarity, Statement};
