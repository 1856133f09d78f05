//! The compact saved graph (`graph.sgb`): the statements of a corpus in a form that is written
//! while policies stream by and that a query reads in a fraction of a second, however large the
//! corpus.
//!
//! `graph.json` is the interchange form, but it stores every statement's sentence in full and must
//! be parsed whole: ~160 KB per policy, gigabytes for 100 000 policies. This file stores each
//! statement as nine numbers: the columns a query filters on (what the statement says, and the
//! vendor) apart from the evidence (policy, sentence, offsets, heading), and every string once
//! (company, category and vendor names across the corpus, sentences and headings within a policy).
//! A query reads the column of what statements say, picks the rows it can use, and reads only
//! their evidence ([`Prefilter`]). Nodes and edges are not stored: they follow from the statements
//! (a saved graph is merged by re-adding its statements anyway).
//!
//! A query that keeps a large share of one category's statements (`who-receives ip-address`)
//! reads them from the by-category section instead ([`buckets`]): every statement filed again
//! under its data category with its evidence inline, so the answer is one contiguous read.
//!
//! Layout, little-endian: `SHGBIN02`, the string bytes, then the columns (kind: u32 per statement;
//! vendor: u32; evidence: 7 × u32 — policy, sentence, start, end, data_text, party_text, heading),
//! the string table (u64 offset, u32 length), the kinds (u8 action, polarity, party kind, 0, then
//! 7 × u32 — data, opp115_type, party, role, parent, purpose, condition), the vendors (u32 vendor,
//! u32 policy, as `add_vendor` saw them), the buckets, their index (32 bytes each: data id, 0,
//! rows, offset, length), the rows of each kind (u64), the vendor runs (u32 first row, u32 rows,
//! u32 name length, the name: consecutive rows of one vendor, so a question about one vendor
//! reads only its rows), and a footer of section offsets ending in the magic again. Files of the first version (`SHGBIN01`: no buckets, no kind rows, a footer
//! five words shorter) are still read, through the columns.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use super::GraphFileError;
use crate::extract::{Action, PartyKind, Polarity};

mod buckets;
mod read;
mod write;

pub use read::{Prefilter, ReadPlan};
pub use write::BinaryWriter;

pub const MAGIC: &[u8; 8] = b"SHGBIN02";
/// The first version's magic: such files are read, never written.
const MAGIC_V1: &[u8; 8] = b"SHGBIN01";
/// Footer words, the magic included, of the current and the first version.
const FOOTER_WORDS: usize = 17;
const FOOTER_WORDS_V1: usize = 12;
const EVIDENCE_WORDS: usize = 7;
const KIND_BYTES: usize = 4 + 7 * 4;
/// The party of a kind that is the statement's vendor (first-party statements).
const SAME_AS_VENDOR: u32 = u32::MAX;

/// Whether statements of this action, polarity and party kind (as coded in the file) are filed
/// in the buckets: all but a vendor's own collection ("we collect your email"), two thirds of
/// all statements, which the questions that read buckets (who receives data, what is denied)
/// never keep and which would make the section as large as the rest of the file.
fn filed_in_buckets(action: u8, polarity: u8, party_kind: u8) -> bool {
    let own_collection = action == action_code(Action::Collect)
        && polarity == polarity_code(Polarity::Positive)
        && party_kind == party_kind_code(PartyKind::FirstParty);
    !own_collection
}

/// True when the file starts like a compact saved graph.
pub fn is_binary_graph(path: &Path) -> bool {
    let mut head = [0u8; 8];
    File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok()
        && (&head == MAGIC || &head == MAGIC_V1)
}

/// What a statement says, without its place: the part of a statement queries filter on.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Kind {
    action: u8,
    polarity: u8,
    party_kind: u8,
    strings: [u32; 7],
}

fn action_code(a: Action) -> u8 {
    match a {
        Action::Collect => 0,
        Action::Disclose => 1,
        Action::ReceiveFrom => 2,
    }
}

fn polarity_code(p: Polarity) -> u8 {
    match p {
        Polarity::Positive => 0,
        Polarity::Negative => 1,
    }
}

fn party_kind_code(k: PartyKind) -> u8 {
    match k {
        PartyKind::FirstParty => 0,
        PartyKind::Named => 1,
        PartyKind::Class => 2,
    }
}

fn bad(what: &str) -> GraphFileError {
    GraphFileError::Binary(what.to_string())
}

/// Fill `buf` (reused: big reads into fresh memory make the kernel zero pages) with `len` bytes of
/// `file` from `offset`.
fn read_into(
    file: &File,
    buf: &mut Vec<u8>,
    offset: u64,
    len: usize,
) -> Result<(), GraphFileError> {
    buf.clear();
    buf.resize(len, 0);
    read_exact_at(file, buf, offset).map_err(|_| bad("truncated file"))
}

#[cfg(unix)]
fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
fn read_exact_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
    while !buf.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, buf, offset)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}
