//! Scoring extraction against annotated corpora. Today: OPP-115's third-party sharing pairs.
//!
//! Owns reading the gold files, turning statements into the gold's units, and the arithmetic of
//! precision, recall and F1 (micro, macro, per type). Uses document, extract and lexicon; prints
//! nothing.

mod opp115;
mod poligraph;
mod score;

pub use opp115::{Opp115, Opp115Error, Opp115Report, PolicyErrors, evaluate};
pub use poligraph::{Pair, PoligraphError, PoligraphReport, compare as compare_poligraph};
pub use score::{Counts, Scores};
