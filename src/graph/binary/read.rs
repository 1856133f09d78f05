//! Reading `graph.sgb`: the footer, the kinds, then the statements a [`Prefilter`] keeps, read
//! either through the columns or from the by-category buckets ([`ReadPlan`]). The layout is
//! described in the parent module.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{Seek, SeekFrom};
use std::path::Path;

use super::buckets::{self, BucketEntry};
use super::{
    EVIDENCE_WORDS, FOOTER_WORDS, FOOTER_WORDS_V1, KIND_BYTES, MAGIC, MAGIC_V1, SAME_AS_VENDOR,
    bad, filed_in_buckets, read_into,
};
use crate::extract::{Action, PartyKind, Polarity, PolicyRuns, Statement, Text};
use crate::graph::{GraphFileError, ShareGraph};

/// Which statements a reader of a saved graph needs: a query needs only those it can answer
/// with, and leaving the others out keeps loading a 100 000-policy graph under a second.
#[derive(Default)]
pub struct Prefilter<'a> {
    /// Only statements of this vendor (any case).
    pub vendor: Option<String>,
    /// Only statements this accepts, judged on what they say. It sees the statement without its
    /// place: `vendor` is the prefilter's vendor (empty without one), and so is `party` for
    /// first-party statements; `policy`, `sentence`, `data_text`, `party_text` and `heading` are
    /// empty, offsets 0.
    #[allow(clippy::type_complexity)]
    pub keep: Option<Box<dyn Fn(&Statement) -> bool + 'a>>,
    /// Where the kept statements are read from; the answer is the same either way.
    pub plan: ReadPlan,
}

/// Where a reader of a saved graph takes the statements it keeps from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReadPlan {
    /// From the by-category buckets when no vendor is asked and they are fewer bytes than the
    /// columns would read (a `who-receives` question: one contiguous read per category); else
    /// through the columns (a question about one vendor or party, whose rows are a small share
    /// of every category they touch).
    #[default]
    Auto,
    /// Always through the columns.
    Columns,
    /// From the buckets whenever they hold every statement kept (files of the first version
    /// have none; a vendor's own collection is not filed there).
    Buckets,
}

impl ReadPlan {
    /// Whether to read `bucket_bytes` of buckets rather than the columns of `rows` statements,
    /// of which `kept_rows` are kept. Through the columns a query scans the kind column (4 bytes
    /// a row), then reads each kept row's evidence and strings: a place of its own in its
    /// policy's strings, which costs a page and its read-ahead from disk, counted as one
    /// coalescing gap ([`GAP_BYTES`]).
    fn reads_buckets(
        self,
        prefilter: &Prefilter,
        rows: u64,
        kept_rows: u64,
        bucket_bytes: u64,
    ) -> bool {
        match self {
            ReadPlan::Columns => false,
            ReadPlan::Buckets => true,
            ReadPlan::Auto => {
                let columns = rows
                    .saturating_mul(4)
                    .saturating_add(kept_rows.saturating_mul(GAP_BYTES as u64));
                prefilter.vendor.is_none() && prefilter.keep.is_some() && bucket_bytes <= columns
            }
        }
    }
}

impl std::fmt::Debug for Prefilter<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prefilter")
            .field("vendor", &self.vendor)
            .field("keep", &self.keep.is_some())
            .field("plan", &self.plan)
            .finish()
    }
}

impl Prefilter<'_> {
    pub fn is_active(&self) -> bool {
        self.vendor.is_some() || self.keep.is_some()
    }
}

struct Reader {
    file: File,
    /// Where the string table starts, and how many entries it has.
    strings_at: u64,
    n_strings: u64,
    /// A buffer reused by every read, so that big reads do not make the kernel zero fresh pages.
    buf: Vec<u8>,
}

/// Rows or strings less than this many bytes apart are read in one go: copying a few kilobytes
/// more costs less than another system call. A broad query on a 100 000-policy graph made 264 000
/// reads (111 MB) with gaps of 32 rows and 256 bytes, 105 000 (340 MB) with 4 KiB, and 27 000
/// (988 MB) with 16 KiB; 4 KiB was the fastest.
const GAP_BYTES: usize = 4 * 1024;

/// `bytes` read as little-endian u64s (a trailing part word is left out).
fn u64_words(bytes: &[u8]) -> impl Iterator<Item = u64> + '_ {
    bytes
        .chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().unwrap_or_default()))
}

fn word(bytes: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([
        bytes[4 * i],
        bytes[4 * i + 1],
        bytes[4 * i + 2],
        bytes[4 * i + 3],
    ])
}

impl Reader {
    fn read_at(&mut self, offset: u64, len: usize) -> Result<&[u8], GraphFileError> {
        read_into(&self.file, &mut self.buf, offset, len)?;
        Ok(&self.buf)
    }

    fn words(&mut self, offset: u64, count: usize) -> Result<Vec<u32>, GraphFileError> {
        let bytes = self.read_at(offset, count * 4)?;
        // `chunks_exact` lets the compiler drop the bounds checks and vectorise: the kind and
        // vendor columns of every statement are read this way by every query.
        Ok(bytes
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect())
    }

    /// `width` words of each of `rows` (ascending) from a column starting at `at`, concatenated;
    /// rows close together are read in one go.
    fn gather(&mut self, at: u64, width: usize, rows: &[u32]) -> Result<Vec<u32>, GraphFileError> {
        let row_bytes = (4 * width) as u64;
        // Runs of rows read together: (first row index in `rows`, one past the last).
        let mut runs = Vec::new();
        let mut i = 0;
        while i < rows.len() {
            let first = rows[i] as usize;
            let mut j = i + 1;
            while j < rows.len()
                && (rows[j] as usize - rows[j - 1] as usize) * 4 * width <= GAP_BYTES
                && rows[j] as usize - first < BLOCK_ROWS
            {
                j += 1;
            }
            runs.push((i, j));
            i = j;
        }
        let blocks: Vec<(u64, usize)> = runs
            .iter()
            .map(|&(i, j)| {
                let (first, last) = (rows[i] as u64, rows[j - 1] as u64);
                (
                    at + row_bytes * first,
                    ((last - first + 1) * row_bytes) as usize,
                )
            })
            .collect();
        let words = read_blocks(&self.file, &blocks, |b, bytes| {
            let (i, j) = runs[b];
            let first = rows[i] as usize;
            let mut out = Vec::with_capacity((j - i) * width);
            for &r in &rows[i..j] {
                let base = (r as usize - first) * width;
                out.extend((0..width).map(|k| word(bytes, base + k)));
            }
            Ok(out)
        })?;
        // Each block's words are dropped as they are moved: `concat` would hold them all twice.
        let mut out = Vec::with_capacity(rows.len() * width);
        for block in words {
            out.extend(block);
        }
        Ok(out)
    }

    /// Which of the strings with these ids are `wanted` (any ASCII case). Only those of the same
    /// length are read: naming each of 90 000 vendors took as many reads.
    fn named(
        &mut self,
        ids: &mut Vec<u32>,
        wanted: &str,
    ) -> Result<Vec<(u32, bool)>, GraphFileError> {
        let entries = self.entries(ids)?;
        let mut same_length: Vec<u32> = ids
            .iter()
            .zip(entries.chunks_exact(3))
            .filter(|(_, e)| e[2] as usize == wanted.len())
            .map(|(&id, _)| id)
            .collect();
        let texts = self.strings(&mut same_length)?;
        Ok(ids
            .iter()
            .map(|id| {
                (
                    *id,
                    texts
                        .get(id)
                        .is_some_and(|t| t.eq_ignore_ascii_case(wanted)),
                )
            })
            .collect())
    }

    /// `ids` sorted and deduplicated, and their string table entries (offset low and high
    /// words, length: three words each, in the same order).
    fn entries(&mut self, ids: &mut Vec<u32>) -> Result<Vec<u32>, GraphFileError> {
        ids.sort_unstable();
        ids.dedup();
        if ids
            .last()
            .is_some_and(|&id| u64::from(id) >= self.n_strings)
        {
            return Err(bad("string id out of range"));
        }
        self.gather(self.strings_at, 3, ids)
    }

    /// The strings with these ids, read in offset order, neighbours in one read. Each is made
    /// once, for all the statements that name it.
    fn strings(&mut self, ids: &mut Vec<u32>) -> Result<HashMap<u32, Text>, GraphFileError> {
        let entries = self.entries(ids)?;
        let mut spans: Vec<(u64, u32, u32)> = ids
            .iter()
            .enumerate()
            .map(|(i, &id)| {
                let offset = u64::from(entries[3 * i]) | (u64::from(entries[3 * i + 1]) << 32);
                (offset, entries[3 * i + 2], id)
            })
            .collect();
        spans.sort_unstable();
        // Runs of spans read together: (first index in `spans`, one past the last, end offset).
        let mut runs = Vec::new();
        let mut i = 0;
        while i < spans.len() {
            let start = spans[i].0;
            let mut end = start + u64::from(spans[i].1);
            let mut j = i + 1;
            while j < spans.len()
                && spans[j].0 <= end + GAP_BYTES as u64
                && spans[j].0 - start < (1 << 24)
            {
                end = end.max(spans[j].0 + u64::from(spans[j].1));
                j += 1;
            }
            runs.push((i, j, end));
            i = j;
        }
        let blocks: Vec<(u64, usize)> = runs
            .iter()
            .map(|&(i, _, end)| (spans[i].0, (end - spans[i].0) as usize))
            .collect();
        let texts = read_blocks(&self.file, &blocks, |b, block| {
            let (i, j, _) = runs[b];
            let start = spans[i].0;
            let mut out = Vec::with_capacity(j - i);
            for &(offset, len, id) in &spans[i..j] {
                let at = (offset - start) as usize;
                let text = std::str::from_utf8(&block[at..at + len as usize])
                    .map_err(|_| bad("string is not UTF-8"))?;
                out.push((id, Text::from(text)));
            }
            Ok(out)
        })?;
        Ok(texts.into_iter().flatten().collect())
    }
}

/// Reads in flight at once when a query reads many places of the file. On a cold page cache each
/// read waits for the disk, and a broad query on a 100 000-policy graph makes ~100 000 of them
/// (the sentences of its rows, one or two places per policy), which a disk serves several at a
/// time about as fast as one: `who-receives ip-address` after dropping the page cache took
/// 2.6–3.1 s read by one thread, 2.3–3.1 s by 2, 2.3–2.4 s by 4, 1.7–2.0 s by 16 or 32. Telling
/// the kernel the reads are random (no read-ahead) made it slower (2.4–5.5 s).
const READERS: usize = 16;
/// Fewer blocks than this are read by the calling thread alone.
const PARALLEL_BLOCKS: usize = 1024;

/// Read each `(offset, len)` block of `file` and `parse` it (given the block's index), in order;
/// many blocks are read by several threads at once.
fn read_blocks<T: Send>(
    file: &File,
    blocks: &[(u64, usize)],
    parse: impl Fn(usize, &[u8]) -> Result<T, GraphFileError> + Sync,
) -> Result<Vec<T>, GraphFileError> {
    let read_range = |range: std::ops::Range<usize>| -> Result<Vec<T>, GraphFileError> {
        let mut buf = Vec::new();
        let mut out = Vec::with_capacity(range.len());
        for b in range {
            let (offset, len) = blocks[b];
            read_into(file, &mut buf, offset, len)?;
            out.push(parse(b, &buf)?);
        }
        Ok(out)
    };
    // Threads cost ~50 µs each to start: a vendor query, which names the vendors of each stretch
    // of rows in a few hundred reads, spent more on them than it saved.
    if blocks.len() < PARALLEL_BLOCKS {
        return read_range(0..blocks.len());
    }
    let per_reader = blocks.len().div_ceil(READERS);
    let parts: Vec<Result<Vec<T>, GraphFileError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..blocks.len())
            .step_by(per_reader)
            .map(|start| {
                let end = (start + per_reader).min(blocks.len());
                scope.spawn(move || read_range(start..end))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(bad("a reader thread failed")))
            })
            .collect()
    });
    let mut out = Vec::with_capacity(blocks.len());
    for part in parts {
        out.extend(part?);
    }
    Ok(out)
}

fn action_of(code: u8) -> Result<Action, GraphFileError> {
    match code {
        0 => Ok(Action::Collect),
        1 => Ok(Action::Disclose),
        2 => Ok(Action::ReceiveFrom),
        _ => Err(bad("unknown action")),
    }
}

fn polarity_of(code: u8) -> Result<Polarity, GraphFileError> {
    match code {
        0 => Ok(Polarity::Positive),
        1 => Ok(Polarity::Negative),
        _ => Err(bad("unknown polarity")),
    }
}

fn party_kind_of(code: u8) -> Result<PartyKind, GraphFileError> {
    match code {
        0 => Ok(PartyKind::FirstParty),
        1 => Ok(PartyKind::Named),
        2 => Ok(PartyKind::Class),
        _ => Err(bad("unknown party kind")),
    }
}

/// Rows per block when scanning a column.
const BLOCK_ROWS: usize = 1 << 18;

/// A saved graph opened: its footer's sections and what each kind says.
struct Opened {
    reader: Reader,
    size: u64,
    has_buckets: bool,
    /// Statements in the file.
    n: usize,
    kind_at: u64,
    vendor_at: u64,
    evidence_at: u64,
    vendors_at: u64,
    n_vendors: u64,
    index_at: u64,
    n_buckets: u64,
    kind_rows_at: u64,
    n_kinds: u64,
    runs_at: u64,
    runs_len: u64,
    /// The kinds table as stored.
    raw: Vec<u8>,
    /// What each kind says, as a statement without its place (see [`Prefilter::keep`]).
    kinds: Vec<Statement>,
    /// Whether each kind's party is the statement's vendor.
    kind_parties: Vec<bool>,
}

impl Opened {
    /// Open `path`, check its footer and read its kinds; `vendor` stands for the vendor (and the
    /// party of first-party kinds) in the kinds.
    fn open(path: &Path, vendor: &str) -> Result<Opened, GraphFileError> {
        let mut file = File::open(path).map_err(|e| bad(&e.to_string()))?;
        let size = file
            .seek(SeekFrom::End(0))
            .map_err(|e| bad(&e.to_string()))?;
        if size < 8 + 8 {
            return Err(bad("truncated file"));
        }
        let mut reader = Reader {
            file,
            strings_at: 0,
            n_strings: 0,
            buf: Vec::new(),
        };
        let footer_words = match reader.read_at(size - 8, 8)? {
            m if m == MAGIC => FOOTER_WORDS,
            m if m == MAGIC_V1 => FOOTER_WORDS_V1,
            _ => return Err(bad("truncated file (no footer)")),
        };
        let footer_len = (footer_words * 8) as u64;
        if size < 8 + footer_len {
            return Err(bad("truncated file"));
        }
        let footer = reader.read_at(size - footer_len, footer_words * 8)?;
        let mut f: Vec<u64> = u64_words(footer).take(footer_words - 1).collect();
        // A first-version file has no buckets: as if its index were empty.
        f.resize(FOOTER_WORDS - 1, 0);
        let [
            n,
            kind_at,
            vendor_at,
            evidence_at,
            strings_at,
            n_strings,
            kinds_at,
            n_kinds,
            vendors_at,
            n_vendors,
            _,
            index_at,
            n_buckets,
            kind_rows_at,
            runs_at,
            runs_len,
        ] = f[..]
        else {
            return Err(bad("bad footer"));
        };
        let has_buckets = footer_words == FOOTER_WORDS;
        let sections_fit = [
            kind_at,
            vendor_at,
            evidence_at,
            strings_at,
            kinds_at,
            vendors_at,
        ]
        .iter()
        .all(|&at| at <= size)
            && n.checked_mul(4 * (2 + EVIDENCE_WORDS) as u64)
                .is_some_and(|b| b <= size)
            && n_strings.checked_mul(12).is_some_and(|b| b <= size)
            && [
                (index_at, n_buckets, buckets::ENTRY_BYTES),
                (kind_rows_at, n_kinds, 8),
                (runs_at, runs_len, 1),
            ]
            .iter()
            .all(|&(at, count, width)| {
                count
                    .checked_mul(width as u64)
                    .and_then(|b| b.checked_add(at))
                    .is_some_and(|end| end <= size)
            });
        if !sections_fit {
            return Err(bad("bad footer"));
        }
        (reader.strings_at, reader.n_strings) = (strings_at, n_strings);
        // What each kind says.
        let raw = reader
            .read_at(kinds_at, KIND_BYTES * n_kinds as usize)?
            .to_vec();
        let mut ids: Vec<u32> = raw
            .chunks_exact(KIND_BYTES)
            .flat_map(|k| (1..8).map(move |i| word(k, i)))
            .filter(|&id| id != SAME_AS_VENDOR)
            .collect();
        let kind_text = reader.strings(&mut ids)?;
        let skeleton_vendor = Text::from(vendor);
        let text = |id: u32| -> Result<Text, GraphFileError> {
            if id == SAME_AS_VENDOR {
                return Ok(skeleton_vendor.clone());
            }
            kind_text
                .get(&id)
                .cloned()
                .ok_or_else(|| bad("string id out of range"))
        };
        let kind_parties: Vec<bool> = raw
            .chunks_exact(KIND_BYTES)
            .map(|k| word(k, 3) == SAME_AS_VENDOR)
            .collect();
        let mut kinds = Vec::with_capacity(n_kinds as usize);
        for k in raw.chunks_exact(KIND_BYTES) {
            kinds.push(Statement {
                policy: Text::EMPTY,
                vendor: skeleton_vendor.clone(),
                action: action_of(k[0])?,
                polarity: polarity_of(k[1])?,
                data: text(word(k, 1))?,
                opp115_type: text(word(k, 2))?,
                party: text(word(k, 3))?,
                party_kind: party_kind_of(k[2])?,
                role: text(word(k, 4))?,
                parent: text(word(k, 5))?,
                purpose: text(word(k, 6))?,
                condition: text(word(k, 7))?,
                sentence: Text::EMPTY,
                start: 0,
                end: 0,
                data_text: Text::EMPTY,
                party_text: Text::EMPTY,
                heading: Text::EMPTY,
            });
        }
        Ok(Opened {
            reader,
            size,
            has_buckets,
            n: n as usize,
            kind_at,
            vendor_at,
            evidence_at,
            vendors_at,
            n_vendors,
            index_at,
            n_buckets,
            kind_rows_at,
            n_kinds,
            runs_at,
            runs_len,
            raw,
            kinds,
            kind_parties,
        })
    }

    /// Where the columns are, to be scanned over the rows `scan` (all: `0..n`).
    fn columns(&self, scan: std::ops::Range<usize>) -> Columns {
        Columns {
            n: self.n,
            scan,
            kind_at: self.kind_at,
            vendor_at: self.vendor_at,
            evidence_at: self.evidence_at,
            runs: self
                .has_buckets
                .then_some((self.runs_at, self.runs_len as usize)),
        }
    }

    /// A row read, as a statement: its kind with its vendor and evidence.
    fn statement(&self, f: buckets::Found) -> Result<Statement, GraphFileError> {
        let kind = self
            .kinds
            .get(f.kind as usize)
            .ok_or_else(|| bad("kind id out of range"))?;
        Ok(Statement {
            party: if self.kind_parties[f.kind as usize] {
                f.vendor.clone()
            } else {
                kind.party.clone()
            },
            vendor: f.vendor,
            policy: f.policy,
            sentence: f.sentence,
            start: f.start,
            end: f.end,
            data_text: f.data_text,
            party_text: f.party_text,
            heading: f.heading,
            ..kind.clone()
        })
    }
}

/// Rows read at a time by [`ShareGraph::for_each_binary_policy`]: a bounded share of a large
/// file in memory (a statement takes about 250 bytes with its share of the strings).
const POLICY_BLOCK_ROWS: usize = 1 << 16;

impl ShareGraph {
    /// Read a compact saved graph, keeping only the statements `prefilter` lets through (all with
    /// the default): the vendors with their policies (with an active prefilter, only those of the
    /// kept statements) and the statements, not yet linked into nodes and edges — merge it into a
    /// graph ([`ShareGraph::merge`], as `pipeline::build_graph` does) to link them.
    pub fn load_binary(path: &Path, prefilter: &Prefilter) -> Result<ShareGraph, GraphFileError> {
        let mut opened = Opened::open(path, prefilter.vendor.as_deref().unwrap_or_default())?;
        let keep: Vec<bool> = opened
            .kinds
            .iter()
            .map(|k| prefilter.keep.as_ref().is_none_or(|f| f(k)))
            .collect();
        let wanted = if opened.has_buckets {
            let sections = BucketSections {
                index_at: opened.index_at,
                n_buckets: opened.n_buckets,
                kind_rows_at: opened.kind_rows_at,
                n_kinds: opened.n_kinds,
                size: opened.size,
                rows: opened.n as u64,
            };
            opened
                .reader
                .buckets_to_read(&sections, &opened.raw, &keep, prefilter)?
        } else {
            None
        };
        let found = match wanted {
            Some(wanted) => read_from_buckets(&opened.reader.file, &wanted, &keep, prefilter)?,
            None => {
                let columns = opened.columns(0..opened.n);
                opened
                    .reader
                    .read_through_columns(&columns, &keep, prefilter)?
            }
        };
        let mut statements = Vec::with_capacity(found.len());
        for f in found {
            statements.push(opened.statement(f)?);
        }
        let mut graph = ShareGraph::new();
        if prefilter.is_active() {
            // A policy's statements are consecutive: add its vendor once, not per statement.
            let mut last: Option<(&str, &str)> = None;
            for s in &statements {
                let pair = (s.vendor.as_str(), s.policy.as_str());
                if last != Some(pair) {
                    graph.add_vendor(pair.0, pair.1);
                    last = Some(pair);
                }
            }
        } else {
            let reader = &mut opened.reader;
            let pairs = reader.words(opened.vendors_at, 2 * opened.n_vendors as usize)?;
            let texts = reader.strings(&mut pairs.clone())?;
            let get = |id: &u32| texts.get(id).ok_or_else(|| bad("string id out of range"));
            for pair in pairs.chunks_exact(2) {
                graph.add_vendor(get(&pair[0])?, get(&pair[1])?);
            }
        }
        graph.statements = statements;
        Ok(graph)
    }

    /// Hand every policy's statements in a compact saved graph to `each`, one policy at a time,
    /// in file order, reading a block of rows at a time: memory stays flat however large the file
    /// (a question that looks at each policy on its own, such as `contradictions`, need not load
    /// the corpus). A policy's statements are consecutive in the file. `each` returns false to
    /// stop.
    pub fn for_each_binary_policy(
        path: &Path,
        each: &mut dyn FnMut(Vec<Statement>) -> bool,
    ) -> Result<(), GraphFileError> {
        let mut opened = Opened::open(path, "")?;
        let keep = vec![true; opened.kinds.len()];
        let mut runs = PolicyRuns::default();
        for first in (0..opened.n).step_by(POLICY_BLOCK_ROWS) {
            let rows = first..opened.n.min(first + POLICY_BLOCK_ROWS);
            let columns = opened.columns(rows);
            let found =
                opened
                    .reader
                    .read_through_columns(&columns, &keep, &Prefilter::default())?;
            for f in found {
                if let Some(policy) = runs.push(opened.statement(f)?)
                    && !each(policy)
                {
                    return Ok(());
                }
            }
        }
        if let Some(policy) = runs.finish() {
            each(policy);
        }
        Ok(())
    }
}

/// Where the by-category sections of a current file are.
struct BucketSections {
    index_at: u64,
    n_buckets: u64,
    kind_rows_at: u64,
    n_kinds: u64,
    size: u64,
    /// Statements in the file.
    rows: u64,
}

impl Reader {
    /// The buckets to read the kept rows from (`raw`: the kinds table, `keep`: which kinds are
    /// kept), or `None` when they do not hold every kept row or the plan prefers the columns.
    fn buckets_to_read(
        &mut self,
        sections: &BucketSections,
        raw: &[u8],
        keep: &[bool],
        prefilter: &Prefilter,
    ) -> Result<Option<Vec<BucketEntry>>, GraphFileError> {
        let &BucketSections {
            index_at,
            n_buckets,
            kind_rows_at,
            n_kinds,
            size,
            rows,
        } = sections;
        let index = self
            .read_at(index_at, buckets::ENTRY_BYTES * n_buckets as usize)?
            .to_vec();
        let index = buckets::parse_entries(&index, size)?;
        let kind_rows: Vec<u64> =
            u64_words(self.read_at(kind_rows_at, 8 * n_kinds as usize)?).collect();
        let filed: Vec<bool> = raw
            .chunks_exact(KIND_BYTES)
            .map(|k| filed_in_buckets(k[0], k[1], k[2]))
            .collect();
        let filed_rows: u64 = kind_rows
            .iter()
            .zip(&filed)
            .filter(|&(_, &f)| f)
            .map(|(n, _)| n)
            .sum();
        if kind_rows.iter().sum::<u64>() != rows
            || index.iter().map(|e| e.rows).sum::<u64>() != filed_rows
        {
            return Err(bad("row counts do not add up"));
        }
        // The buckets serve only when they hold every kind kept.
        let all_filed = keep.iter().zip(&filed).all(|(&kept, &f)| f || !kept);
        // The buckets of the categories of the kinds kept.
        let data_kept: HashSet<u32> = raw
            .chunks_exact(KIND_BYTES)
            .zip(keep)
            .filter(|&(_, &kept)| kept)
            .map(|(k, _)| word(k, 1))
            .collect();
        let wanted: Vec<BucketEntry> = index
            .into_iter()
            .filter(|e| data_kept.contains(&e.data))
            .collect();
        let kept_rows: u64 = kind_rows
            .iter()
            .zip(keep)
            .filter(|&(_, &kept)| kept)
            .map(|(n, _)| n)
            .sum();
        let bucket_bytes: u64 = wanted.iter().map(|e| e.len).sum();
        let chosen = all_filed
            && prefilter
                .plan
                .reads_buckets(prefilter, rows, kept_rows, bucket_bytes);
        Ok(chosen.then_some(wanted))
    }
}

/// Where the columns of a saved graph are.
struct Columns {
    n: usize,
    /// The rows to scan when no vendor is asked (a vendor's rows are found from its runs).
    scan: std::ops::Range<usize>,
    kind_at: u64,
    vendor_at: u64,
    evidence_at: u64,
    /// Where the vendor runs are, and their length in bytes (files of the first version have
    /// none).
    runs: Option<(u64, usize)>,
}

/// The stretches of rows (first row, rows) of the vendor runs named `wanted` in any ASCII case,
/// at most [`BLOCK_ROWS`] each; `runs` is the runs section of a file of `n` statements.
fn vendor_stretches(
    runs: &[u8],
    wanted: &str,
    n: usize,
) -> Result<Vec<(usize, usize)>, GraphFileError> {
    let mut stretches: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    while at < runs.len() {
        let head = runs
            .get(at..at + 12)
            .ok_or_else(|| bad("truncated vendor runs"))?;
        let (first, rows, len) = (
            word(head, 0) as usize,
            word(head, 1) as usize,
            word(head, 2) as usize,
        );
        let name = runs
            .get(at + 12..at + 12 + len)
            .ok_or_else(|| bad("truncated vendor runs"))?;
        if first.checked_add(rows).is_none_or(|end| end > n) {
            return Err(bad("vendor run beyond the last row"));
        }
        if name.eq_ignore_ascii_case(wanted.as_bytes()) {
            match stretches.last_mut() {
                Some((start, so_far))
                    if *start + *so_far == first && *so_far + rows <= BLOCK_ROWS =>
                {
                    *so_far += rows
                }
                _ => {
                    for block in (first..first + rows).step_by(BLOCK_ROWS) {
                        stretches.push((block, BLOCK_ROWS.min(first + rows - block)));
                    }
                }
            }
        }
        at += 12 + len;
    }
    Ok(stretches)
}

impl Reader {
    /// The kept rows, read through the columns: a scan of the kind column (and of the vendor
    /// column for a vendor), then the evidence of the rows kept and the strings it names.
    fn read_through_columns(
        &mut self,
        columns: &Columns,
        keep: &[bool],
        prefilter: &Prefilter,
    ) -> Result<Vec<buckets::Found>, GraphFileError> {
        let &Columns {
            n,
            ref scan,
            kind_at,
            vendor_at,
            evidence_at,
            runs,
        } = columns;
        let n_strings = self.n_strings;
        // The rows to read: a scan of the kind column (and of the vendor column for a vendor).
        let mut rows: Vec<u32> = Vec::new();
        let mut row_kinds: Vec<u32> = Vec::new();
        let mut vendors: Vec<u32> = Vec::new();
        // Per string id, for a vendor prefilter: is it the vendor's name? Dense, as the vendor
        // column is looked up for every row (the footer check bounds the string count).
        const UNKNOWN: u8 = 0;
        const ASKED: u8 = 1;
        const OTHER: u8 = 2;
        const WANTED: u8 = 3;
        // The stretches of rows to scan: a vendor's runs where the file has them (every row in
        // them is the vendor's: no name to check), else the whole columns.
        let (stretches, vendor_known) = match (&prefilter.vendor, runs) {
            (Some(wanted), Some((at, len))) => {
                let runs = self.read_at(at, len)?;
                (vendor_stretches(runs, wanted, n)?, true)
            }
            _ => {
                let end = scan.end;
                let all = scan.clone().step_by(BLOCK_ROWS);
                (all.map(|b| (b, BLOCK_ROWS.min(end - b))).collect(), false)
            }
        };
        let mut vendor_ok: Vec<u8> = match prefilter.vendor {
            Some(_) if !vendor_known => vec![UNKNOWN; n_strings as usize],
            _ => Vec::new(),
        };
        for (block, len) in stretches {
            let kind_column = self.words(kind_at + 4 * block as u64, len)?;
            let vendor_column = match &prefilter.vendor {
                // Their ids are checked when their names are read, as every vendor's are.
                Some(_) if vendor_known => self.words(vendor_at + 4 * block as u64, len)?,
                Some(wanted) => {
                    let column = self.words(vendor_at + 4 * block as u64, len)?;
                    // The vendors of this block's kept rows not seen before, named in one go.
                    let mut unseen = Vec::new();
                    for (&k, &v) in kind_column.iter().zip(&column) {
                        let state = vendor_ok
                            .get_mut(v as usize)
                            .ok_or_else(|| bad("string id out of range"))?;
                        if keep.get(k as usize) == Some(&true) && *state == UNKNOWN {
                            *state = ASKED;
                            unseen.push(v);
                        }
                    }
                    for (v, ok) in self.named(&mut unseen, wanted)? {
                        vendor_ok[v as usize] = if ok { WANTED } else { OTHER };
                    }
                    column
                }
                None => Vec::new(),
            };
            for (i, &k) in kind_column.iter().enumerate() {
                if !*keep
                    .get(k as usize)
                    .ok_or_else(|| bad("kind id out of range"))?
                {
                    continue;
                }
                if prefilter.vendor.is_some() {
                    let v = vendor_column[i];
                    if !vendor_known && vendor_ok[v as usize] != WANTED {
                        continue;
                    }
                    vendors.push(v);
                }
                rows.push((block + i) as u32);
                row_kinds.push(k);
            }
        }
        if prefilter.vendor.is_none() {
            vendors = self.gather(vendor_at, 1, &rows)?;
        }
        // Their evidence, every string they and the vendors need, then the statements.
        let evidence = self.gather(evidence_at, EVIDENCE_WORDS, &rows)?;
        let mut needed: Vec<u32> = vendors.clone();
        for e in evidence.chunks_exact(EVIDENCE_WORDS) {
            needed.extend([e[0], e[1], e[4], e[5], e[6]]);
        }
        let texts = self.strings(&mut needed)?;
        let get = |id: u32| -> Result<Text, GraphFileError> {
            texts
                .get(&id)
                .cloned()
                .ok_or_else(|| bad("string id out of range"))
        };
        let mut found = Vec::with_capacity(rows.len());
        for ((&row, (&kind, &v)), e) in rows
            .iter()
            .zip(row_kinds.iter().zip(&vendors))
            .zip(evidence.chunks_exact(EVIDENCE_WORDS))
        {
            found.push(buckets::Found {
                row,
                kind,
                vendor: get(v)?,
                policy: get(e[0])?,
                sentence: get(e[1])?,
                start: e[2] as usize,
                end: e[3] as usize,
                data_text: get(e[4])?,
                party_text: get(e[5])?,
                heading: get(e[6])?,
            });
        }
        Ok(found)
    }
}

/// The kept rows, read from the buckets of `wanted` categories, in row order (as through the
/// columns).
fn read_from_buckets(
    file: &File,
    wanted: &[BucketEntry],
    keep: &[bool],
    prefilter: &Prefilter,
) -> Result<Vec<buckets::Found>, GraphFileError> {
    let vendor = prefilter.vendor.as_deref();
    let mut found = Vec::new();
    for entry in wanted {
        buckets::read_bucket(file, entry, keep, vendor, &mut found)?;
    }
    // Each bucket is in row order; a row is in one bucket only.
    found.sort_unstable_by_key(|f| f.row);
    Ok(found)
}
