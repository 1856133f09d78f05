//! sharegraph: who gets which of your data?
pub mod document;
pub mod export;
pub mod extract;
pub mod graph;
pub mod lexicon;
