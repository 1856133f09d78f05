//! Writing `graph.sgb` while policies stream by: strings, columns and buckets go to temp files,
//! assembled into the file (and moved into place) at the end. The layout is described in the
//! parent module.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use indexmap::IndexMap;

use super::buckets::{self, BucketWriter, Filed};
use super::{
    FOOTER_WORDS, KIND_BYTES, Kind, MAGIC, SAME_AS_VENDOR, action_code, filed_in_buckets,
    party_kind_code, polarity_code,
};
use crate::extract::{PartyKind, Statement, Text};

/// Writes a compact saved graph a policy at a time; nothing of a policy is kept once it is
/// written but the names it shares with others. The file appears (atomically) on [`finish`].
///
/// [`finish`]: BinaryWriter::finish
pub struct BinaryWriter {
    path: PathBuf,
    main_path: PathBuf,
    main: BufWriter<File>,
    columns: [(PathBuf, BufWriter<File>); 3],
    text_len: u64,
    strings: Vec<(u64, u32)>,
    /// Names shared across policies (vendors, parties, categories, roles…).
    global: HashMap<String, u32>,
    /// Sentences, headings and mention texts of the policy being written.
    local: HashMap<String, u32>,
    kinds: IndexMap<Kind, u32>,
    /// Statements of each kind, by kind id: a query knows how many rows it keeps before reading any.
    kind_rows: Vec<u64>,
    /// Runs of consecutive rows of one vendor (name, first row, rows), in row order: a question
    /// about one vendor reads its rows without scanning the vendor column.
    runs: Vec<(Text, u32, u32)>,
    vendors: Vec<(u32, u32)>,
    buckets: BucketWriter,
    count: u64,
}

fn temp_path(path: &Path, suffix: &str) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "graph".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.{}.{suffix}", std::process::id()))
}

impl BinaryWriter {
    /// The temp files a writer for `path` uses until [`BinaryWriter::finish`], so a caller can
    /// clean them up after an interrupt.
    pub fn temp_paths(path: &Path) -> Vec<PathBuf> {
        ["tmp", "kind", "vendor", "evidence", "buckets"]
            .iter()
            .map(|s| temp_path(path, s))
            .collect()
    }

    pub fn create(path: &Path) -> io::Result<BinaryWriter> {
        let main_path = temp_path(path, "tmp");
        let mut main = BufWriter::with_capacity(1 << 20, File::create(&main_path)?);
        main.write_all(MAGIC)?;
        let column = |suffix: &str| -> io::Result<(PathBuf, BufWriter<File>)> {
            let p = temp_path(path, suffix);
            let f = File::create(&p)?;
            Ok((p, BufWriter::with_capacity(1 << 20, f)))
        };
        Ok(BinaryWriter {
            path: path.to_path_buf(),
            main_path,
            main,
            columns: [column("kind")?, column("vendor")?, column("evidence")?],
            text_len: 0,
            strings: Vec::new(),
            global: HashMap::new(),
            local: HashMap::new(),
            kinds: IndexMap::new(),
            kind_rows: Vec::new(),
            runs: Vec::new(),
            vendors: Vec::new(),
            buckets: BucketWriter::create(temp_path(path, "buckets"))?,
            count: 0,
        })
    }

    fn new_string(&mut self, s: &str) -> io::Result<u32> {
        let id =
            u32::try_from(self.strings.len()).map_err(|_| io::Error::other("too many strings"))?;
        let len = u32::try_from(s.len()).map_err(|_| io::Error::other("string too long"))?;
        self.main.write_all(s.as_bytes())?;
        self.strings.push((8 + self.text_len, len));
        self.text_len += s.len() as u64;
        Ok(id)
    }

    fn global(&mut self, s: &str) -> io::Result<u32> {
        if let Some(&id) = self.global.get(s) {
            return Ok(id);
        }
        let id = self.new_string(s)?;
        self.global.insert(s.to_string(), id);
        Ok(id)
    }

    fn local(&mut self, s: &str) -> io::Result<u32> {
        if let Some(&id) = self.local.get(s) {
            return Ok(id);
        }
        if let Some(&id) = self.global.get(s) {
            return Ok(id);
        }
        let id = self.new_string(s)?;
        self.local.insert(s.to_string(), id);
        Ok(id)
    }

    /// Record that a vendor has a policy (as [`ShareGraph::add_vendor`]).
    pub fn add_vendor(&mut self, vendor: &str, policy: &str) -> io::Result<()> {
        let pair = (self.global(vendor)?, self.global(policy)?);
        self.vendors.push(pair);
        Ok(())
    }

    /// Append statements (one policy's, typically: sentences are shared within one call).
    pub fn add_statements(&mut self, statements: &[Statement]) -> io::Result<()> {
        self.local.clear();
        // This call's statements by data category, policy and vendor: the groups of the buckets.
        let mut groups: IndexMap<(u32, u32, u32), Vec<Filed>> = IndexMap::new();
        for s in statements {
            let kind = Kind {
                action: action_code(s.action),
                polarity: polarity_code(s.polarity),
                party_kind: party_kind_code(s.party_kind),
                strings: [
                    self.global(&s.data)?,
                    self.global(&s.opp115_type)?,
                    // A first party is its vendor: one kind for every vendor's own collection.
                    if s.party_kind == PartyKind::FirstParty && s.party == s.vendor {
                        SAME_AS_VENDOR
                    } else {
                        self.global(&s.party)?
                    },
                    self.global(&s.role)?,
                    self.global(&s.parent)?,
                    self.global(&s.purpose)?,
                    self.global(&s.condition)?,
                ],
            };
            let next = self.kinds.len() as u32;
            let data = kind.strings[0];
            let filed = filed_in_buckets(kind.action, kind.polarity, kind.party_kind);
            let kind = *self.kinds.entry(kind).or_insert(next);
            if kind == next {
                self.kind_rows.push(0);
            }
            self.kind_rows[kind as usize] += 1;
            let vendor = self.global(&s.vendor)?;
            let policy = self.global(&s.policy)?;
            let row = u32::try_from(self.count)
                .map_err(|_| io::Error::other("more than 4 billion statements"))?;
            if filed {
                groups
                    .entry((data, policy, vendor))
                    .or_default()
                    .push(Filed {
                        row,
                        kind,
                        statement: s,
                    });
            }
            match self.runs.last_mut() {
                Some((name, _, rows)) if *name == s.vendor => *rows += 1,
                _ => self.runs.push((s.vendor.clone(), row, 1)),
            }
            let offset = |n: usize| {
                u32::try_from(n).map_err(|_| io::Error::other("sentence offset beyond 4 GiB"))
            };
            let evidence = [
                policy,
                self.local(&s.sentence)?,
                offset(s.start)?,
                offset(s.end)?,
                self.local(&s.data_text)?,
                self.local(&s.party_text)?,
                self.local(&s.heading)?,
            ];
            self.columns[0].1.write_all(&kind.to_le_bytes())?;
            self.columns[1].1.write_all(&vendor.to_le_bytes())?;
            for w in evidence {
                self.columns[2].1.write_all(&w.to_le_bytes())?;
            }
            self.count += 1;
        }
        for ((data, _, _), filed) in &groups {
            self.buckets.add_group(*data, filed)?;
        }
        Ok(())
    }

    /// Statements written so far.
    pub fn len(&self) -> u64 {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Assemble the file and move it into place.
    pub fn finish(mut self) -> io::Result<()> {
        let result = self.assemble();
        for (p, _) in &self.columns {
            let _ = std::fs::remove_file(p);
        }
        let _ = std::fs::remove_file(&self.buckets.spill_path);
        match result {
            Ok(()) => std::fs::rename(&self.main_path, &self.path),
            Err(e) => {
                let _ = std::fs::remove_file(&self.main_path);
                Err(e)
            }
        }
    }

    fn assemble(&mut self) -> io::Result<()> {
        let mut offsets = Vec::new();
        let mut position = 8 + self.text_len;
        for (path, writer) in &mut self.columns {
            writer.flush()?;
            offsets.push(position);
            let mut f = File::open(&*path)?;
            position += io::copy(&mut f, &mut self.main)?;
        }
        let strings_at = position;
        for &(offset, len) in &self.strings {
            self.main.write_all(&offset.to_le_bytes())?;
            self.main.write_all(&len.to_le_bytes())?;
        }
        let kinds_at = strings_at + 12 * self.strings.len() as u64;
        for k in self.kinds.keys() {
            self.main
                .write_all(&[k.action, k.polarity, k.party_kind, 0])?;
            for w in k.strings {
                self.main.write_all(&w.to_le_bytes())?;
            }
        }
        let vendors_at = kinds_at + (KIND_BYTES * self.kinds.len()) as u64;
        for (v, p) in &self.vendors {
            self.main.write_all(&v.to_le_bytes())?;
            self.main.write_all(&p.to_le_bytes())?;
        }
        let buckets_at = vendors_at + 8 * self.vendors.len() as u64;
        let entries = self.buckets.write_into(&mut self.main, buckets_at)?;
        let index_at = buckets_at + entries.iter().map(|e| e.len).sum::<u64>();
        buckets::write_entries(&mut self.main, &entries)?;
        let kind_rows_at = index_at + (buckets::ENTRY_BYTES * entries.len()) as u64;
        for n in &self.kind_rows {
            self.main.write_all(&n.to_le_bytes())?;
        }
        let runs_at = kind_rows_at + 8 * self.kind_rows.len() as u64;
        let mut runs_len = 0u64;
        for (name, first, rows) in &self.runs {
            let len = u32::try_from(name.len())
                .map_err(|_| io::Error::other("vendor name beyond 4 GiB"))?;
            for w in [*first, *rows, len] {
                self.main.write_all(&w.to_le_bytes())?;
            }
            self.main.write_all(name.as_bytes())?;
            runs_len += 12 + name.len() as u64;
        }
        let footer: [u64; FOOTER_WORDS - 1] = [
            self.count,
            offsets[0],
            offsets[1],
            offsets[2],
            strings_at,
            self.strings.len() as u64,
            kinds_at,
            self.kinds.len() as u64,
            vendors_at,
            self.vendors.len() as u64,
            8 + self.text_len,
            index_at,
            entries.len() as u64,
            kind_rows_at,
            runs_at,
            runs_len,
        ];
        for w in footer {
            self.main.write_all(&w.to_le_bytes())?;
        }
        self.main.write_all(MAGIC)?;
        self.main.flush()?;
        self.main.get_ref().sync_data().ok();
        Ok(())
    }
}
