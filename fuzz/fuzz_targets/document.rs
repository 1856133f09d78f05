//! Arbitrary bytes through the document stage only (fast: several times the executions of
//! `pipeline`).
//!
//! Checks: no panic; the span invariants of `check_document`; mojibake repair is idempotent.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sharegraph::document;
use sharegraph_fuzz::{check_document, check_mojibake_idempotent, split_selector};

fuzz_target!(|data: &[u8]| {
    let Some((name, format, bytes)) = split_selector(data) else {
        return;
    };
    if let Ok(doc) = document::parse(name, bytes, format) {
        check_document(&doc);
    }
    check_mojibake_idempotent(bytes);
});
