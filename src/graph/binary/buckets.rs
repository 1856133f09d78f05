//! The by-category section of `graph.sgb`: the statements about other parties and the denials
//! (all but a vendor's own collection) again, filed under their data category with their
//! evidence inline, so that a question about a category reads one contiguous stretch of the
//! file instead of a few places in every policy's strings.
//!
//! Why it exists: `who-receives ip-address` on a 100 000-policy graph keeps 181 000 rows spread
//! over all 100 000 policies. Read through the columns, their sentences are one or two places in
//! each policy's ~15 KB of strings: from a cold disk that took 1.7–2.0 s even with 16 readers, as
//! read-ahead drags in most of the 1.5 GB string section. Filed by category, the same answer is a
//! few tens of megabytes read front to back.
//!
//! Owns the section's layout, its writer (buffers per category, spilled to one temp file as they
//! fill) and its parser. It does not decide when a query reads it: the loader in `read.rs` does.
//!
//! A bucket is a sequence of groups, one per policy (and vendor) with statements of that
//! category; all numbers are little-endian u32:
//! `bytes` (of the whole group), `n_rows`, `n_strings`, `policy`, `vendor` (indices into the
//! group's strings), then per row `row` (the statement's row in the columns), `kind`, `sentence`,
//! `start`, `end`, `data_text`, `party_text`, `heading` (strings as indices), then the
//! `n_strings` string lengths, then the string bytes.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use indexmap::IndexMap;

use super::{GraphFileError, bad, read_exact_at, read_into};
use crate::extract::{Statement, Text};

/// Words in a group's header and in each of its rows.
const HEADER_WORDS: usize = 5;
const ROW_WORDS: usize = 8;
/// A category's pending groups are written to the spill file once they hold this much: ~100
/// categories stay within a few tens of megabytes of memory, however large the corpus.
const SPILL_BYTES: usize = 256 * 1024;
/// Bytes read at a time when parsing a bucket, so a huge bucket is not held whole.
const READ_BYTES: usize = 8 << 20;

/// One statement on its way into a bucket: its row and kind in the columns.
pub(super) struct Filed<'s> {
    pub row: u32,
    pub kind: u32,
    pub statement: &'s Statement,
}

/// A group's strings, each once, numbered in first-seen order.
#[derive(Default)]
struct GroupStrings<'s> {
    list: Vec<&'s str>,
    ids: HashMap<&'s str, u32>,
}

impl<'s> GroupStrings<'s> {
    fn id(&mut self, s: &'s str) -> u32 {
        let next = self.list.len() as u32;
        let id = *self.ids.entry(s).or_insert(next);
        if id == next {
            self.list.push(s);
        }
        id
    }
}

#[derive(Default)]
struct Pending {
    bytes: Vec<u8>,
    rows: u64,
    /// Stretches of the spill file that belong to this bucket, in order.
    spilled: Vec<(u64, usize)>,
}

/// Where a bucket lies in the assembled file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct BucketEntry {
    /// The data category's string id.
    pub data: u32,
    pub rows: u64,
    pub offset: u64,
    pub len: u64,
}

/// Bytes of one index entry: data id, 0, rows (u64), offset (u64), length (u64).
pub(super) const ENTRY_BYTES: usize = 32;

pub(super) struct BucketWriter {
    pub spill_path: PathBuf,
    spill: BufWriter<File>,
    spill_len: u64,
    /// By data category string id, in first-seen order.
    buckets: IndexMap<u32, Pending>,
}

fn u32_of(n: usize, what: &str) -> io::Result<u32> {
    u32::try_from(n).map_err(|_| io::Error::other(format!("{what} beyond 4 GiB")))
}

impl BucketWriter {
    pub fn create(spill_path: PathBuf) -> io::Result<BucketWriter> {
        let spill = BufWriter::with_capacity(1 << 20, File::create(&spill_path)?);
        Ok(BucketWriter {
            spill_path,
            spill,
            spill_len: 0,
            buckets: IndexMap::new(),
        })
    }

    /// File one group: statements of one data category (`data`), policy and vendor.
    pub fn add_group(&mut self, data: u32, filed: &[Filed]) -> io::Result<()> {
        let Some(first) = filed.first() else {
            return Ok(());
        };
        let mut strings = GroupStrings::default();
        let (policy, vendor) = (
            strings.id(&first.statement.policy),
            strings.id(&first.statement.vendor),
        );
        let mut rows = Vec::with_capacity(filed.len() * ROW_WORDS);
        for f in filed {
            let s = f.statement;
            rows.extend([
                f.row,
                f.kind,
                strings.id(&s.sentence),
                u32_of(s.start, "sentence offset")?,
                u32_of(s.end, "sentence offset")?,
                strings.id(&s.data_text),
                strings.id(&s.party_text),
                strings.id(&s.heading),
            ]);
        }
        let strings = strings.list;
        let text: usize = strings.iter().map(|s| s.len()).sum();
        let total = 4 * (HEADER_WORDS + rows.len() + strings.len()) + text;
        let pending = self.buckets.entry(data).or_default();
        let out = &mut pending.bytes;
        out.reserve(total);
        let header = [
            u32_of(total, "group")?,
            filed.len() as u32,
            strings.len() as u32,
            policy,
            vendor,
        ];
        for w in header.iter().chain(&rows) {
            out.extend_from_slice(&w.to_le_bytes());
        }
        for s in &strings {
            out.extend_from_slice(&(s.len() as u32).to_le_bytes());
        }
        for s in &strings {
            out.extend_from_slice(s.as_bytes());
        }
        pending.rows += filed.len() as u64;
        if pending.bytes.len() >= SPILL_BYTES {
            self.spill_len += spill(&mut self.spill, self.spill_len, pending)?;
        }
        Ok(())
    }

    /// Append every bucket to `out` (which is at `position`), category by category; returns
    /// where each went.
    pub fn write_into(
        &mut self,
        out: &mut impl Write,
        mut position: u64,
    ) -> io::Result<Vec<BucketEntry>> {
        self.spill.flush()?;
        let spill = File::open(&self.spill_path)?;
        let mut buf = Vec::new();
        let mut entries = Vec::with_capacity(self.buckets.len());
        for (&data, pending) in &self.buckets {
            let offset = position;
            for &(at, len) in &pending.spilled {
                read_into(&spill, &mut buf, at, len)
                    .map_err(|e| io::Error::other(e.to_string()))?;
                out.write_all(&buf)?;
                position += len as u64;
            }
            out.write_all(&pending.bytes)?;
            position += pending.bytes.len() as u64;
            entries.push(BucketEntry {
                data,
                rows: pending.rows,
                offset,
                len: position - offset,
            });
        }
        Ok(entries)
    }
}

fn spill(file: &mut BufWriter<File>, at: u64, pending: &mut Pending) -> io::Result<u64> {
    file.write_all(&pending.bytes)?;
    let len = pending.bytes.len();
    pending.spilled.push((at, len));
    pending.bytes.clear();
    Ok(len as u64)
}

pub(super) fn write_entries(out: &mut impl Write, entries: &[BucketEntry]) -> io::Result<()> {
    for e in entries {
        out.write_all(&e.data.to_le_bytes())?;
        out.write_all(&0u32.to_le_bytes())?;
        for w in [e.rows, e.offset, e.len] {
            out.write_all(&w.to_le_bytes())?;
        }
    }
    Ok(())
}

pub(super) fn parse_entries(
    bytes: &[u8],
    file_size: u64,
) -> Result<Vec<BucketEntry>, GraphFileError> {
    let u64_at = |b: &[u8], i: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&b[i..i + 8]);
        u64::from_le_bytes(w)
    };
    bytes
        .chunks_exact(ENTRY_BYTES)
        .map(|e| {
            let entry = BucketEntry {
                data: u32::from_le_bytes([e[0], e[1], e[2], e[3]]),
                rows: u64_at(e, 8),
                offset: u64_at(e, 16),
                len: u64_at(e, 24),
            };
            let fits = entry
                .offset
                .checked_add(entry.len)
                .is_some_and(|end| end <= file_size);
            if fits {
                Ok(entry)
            } else {
                Err(bad("bucket beyond the end of the file"))
            }
        })
        .collect()
}

/// A statement read from a bucket: its row, kind and vendor name, and its evidence.
pub(super) struct Found {
    pub row: u32,
    pub kind: u32,
    pub vendor: Text,
    pub policy: Text,
    pub sentence: Text,
    pub start: usize,
    pub end: usize,
    pub data_text: Text,
    pub party_text: Text,
    pub heading: Text,
}

fn word(bytes: &[u8], i: usize) -> Result<u32, GraphFileError> {
    bytes
        .get(4 * i..4 * i + 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .ok_or_else(|| bad("truncated bucket"))
}

/// Read one bucket of `file` and hand on the rows whose kind `keep` accepts (and, with a
/// `vendor`, whose vendor it names in any ASCII case).
pub(super) fn read_bucket(
    file: &File,
    entry: &BucketEntry,
    keep: &[bool],
    vendor: Option<&str>,
    found: &mut Vec<Found>,
) -> Result<(), GraphFileError> {
    // Bytes read and not yet parsed: a group may straddle two reads.
    let mut pending: Vec<u8> = Vec::new();
    let mut read = 0u64;
    while read < entry.len {
        let len = (entry.len - read).min(READ_BYTES as u64) as usize;
        let kept = pending.len();
        pending.resize(kept + len, 0);
        read_exact_at(file, &mut pending[kept..], entry.offset + read)
            .map_err(|_| bad("truncated file"))?;
        read += len as u64;
        let mut at = 0;
        while pending.len() - at >= 4 {
            let total = word(&pending[at..], 0)? as usize;
            if total < 4 * HEADER_WORDS {
                return Err(bad("bucket group too short"));
            }
            if pending.len() - at < total {
                break;
            }
            parse_group(&pending[at..at + total], keep, vendor, found)?;
            at += total;
        }
        pending.drain(..at);
    }
    if !pending.is_empty() {
        return Err(bad("truncated bucket"));
    }
    Ok(())
}

fn parse_group(
    group: &[u8],
    keep: &[bool],
    vendor: Option<&str>,
    found: &mut Vec<Found>,
) -> Result<(), GraphFileError> {
    let n_rows = word(group, 1)? as usize;
    let n_strings = word(group, 2)? as usize;
    let rows_at = HEADER_WORDS;
    let lengths_at = rows_at
        .checked_add(
            n_rows
                .checked_mul(ROW_WORDS)
                .ok_or_else(|| bad("bucket group too long"))?,
        )
        .ok_or_else(|| bad("bucket group too long"))?;
    // Counts that do not fit the group are damage (and must not size an allocation).
    if lengths_at
        .checked_add(n_strings)
        .is_none_or(|words| words > group.len() / 4)
    {
        return Err(bad("bucket group of the wrong length"));
    }
    let mut kept = Vec::new();
    for r in 0..n_rows {
        let kind = word(group, rows_at + r * ROW_WORDS + 1)? as usize;
        // A kind out of range is damage, not a row to leave out.
        match keep.get(kind) {
            Some(true) => kept.push(r),
            Some(false) => {}
            None => return Err(bad("kind id out of range")),
        }
    }
    if kept.is_empty() {
        return Ok(());
    }
    // The group's strings: where each starts in `group`.
    let mut spans = Vec::with_capacity(n_strings);
    let mut at = 4 * (lengths_at + n_strings);
    for i in 0..n_strings {
        let len = word(group, lengths_at + i)? as usize;
        spans.push((at, len));
        at = at
            .checked_add(len)
            .ok_or_else(|| bad("bucket string too long"))?;
    }
    if at != group.len() {
        return Err(bad("bucket group of the wrong length"));
    }
    let text = |i: u32| -> Result<&str, GraphFileError> {
        let &(at, len) = spans
            .get(i as usize)
            .ok_or_else(|| bad("bucket string id out of range"))?;
        std::str::from_utf8(&group[at..at + len]).map_err(|_| bad("string is not UTF-8"))
    };
    let vendor_name = text(word(group, 4)?)?;
    if vendor.is_some_and(|v| !vendor_name.eq_ignore_ascii_case(v)) {
        return Ok(());
    }
    // Made once for the rows of the group.
    let vendor_name = Text::from(vendor_name);
    let policy = Text::from(text(word(group, 3)?)?);
    for r in kept {
        let w = |i: usize| word(group, rows_at + r * ROW_WORDS + i);
        found.push(Found {
            row: w(0)?,
            kind: w(1)?,
            vendor: vendor_name.clone(),
            policy: policy.clone(),
            sentence: Text::from(text(w(2)?)?),
            start: w(3)? as usize,
            end: w(4)? as usize,
            data_text: Text::from(text(w(5)?)?),
            party_text: Text::from(text(w(6)?)?),
            heading: Text::from(text(w(7)?)?),
        });
    }
    Ok(())
}
