//! CSV export: the statements table (DESIGN.md's stable interface), nodes and edges.
//!
//! RFC 4180 as the `csv` crate writes it (fields with commas, quotes or newlines are quoted, quotes
//! doubled), UTF-8, `\n` line ends, optional BOM for Excel. Lists inside a cell (a node's policies,
//! an edge's data, purposes, conditions and statement indices) are joined with [`LIST_SEPARATOR`]
//! `;`, the same delimiter as Neo4j arrays; the values joined are ids and keys that never contain it.
//!
//! These files are opened in spreadsheets, and policy text is attacker-controlled (a party named
//! `=HYPERLINK(...)`), so by default a text cell that starts with `=`, `+`, `-`, `@`, tab or CR is
//! prefixed with `'` (OWASP "CSV injection"). Numeric columns (`start`, `end`) are written as
//! numbers and never touched. Set `neutralize_formulas: false` for byte-exact text for programs.

use std::io::{self, Write};

use crate::extract::Statement;
use crate::graph::ShareGraph;

/// Joins the items of a list-valued cell.
pub const LIST_SEPARATOR: &str = ";";

/// Column names of the statements CSV: the fields of [`Statement`], in field order.
pub const STATEMENT_COLUMNS: [&str; 18] = [
    "policy",
    "vendor",
    "action",
    "polarity",
    "data",
    "opp115_type",
    "party",
    "party_kind",
    "role",
    "parent",
    "purpose",
    "condition",
    "sentence",
    "start",
    "end",
    "data_text",
    "party_text",
    "heading",
];

pub const NODE_COLUMNS: [&str; 7] = [
    "id",
    "kind",
    "label",
    "role",
    "party_kind",
    "parent",
    "policies",
];

pub const EDGE_COLUMNS: [&str; 8] = [
    "source",
    "target",
    "kind",
    "polarity",
    "data",
    "purposes",
    "conditions",
    "statements",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvOptions {
    /// Start with a UTF-8 byte order mark, so Excel reads the file as UTF-8.
    pub bom: bool,
    /// Prefix text cells that a spreadsheet would run as a formula with `'`.
    pub neutralize_formulas: bool,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            bom: false,
            neutralize_formulas: true,
        }
    }
}

/// A text cell as a spreadsheet may safely see it: `'` before a leading `=`, `+`, `-`, `@`, tab or CR.
pub fn neutralize(cell: &str) -> std::borrow::Cow<'_, str> {
    if runs_as_formula(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// Whether a spreadsheet would run `cell` as a formula (or read it as one).
fn runs_as_formula(cell: &str) -> bool {
    // The first byte, not the first char: the six are ASCII, and decoding a char per cell
    // showed in the profile.
    matches!(
        cell.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

/// The 18 cells of a statement row, in [`STATEMENT_COLUMNS`] order, before neutralisation.
pub fn statement_row(s: &Statement) -> [String; 18] {
    [
        s.policy.to_string(),
        s.vendor.to_string(),
        s.action.as_str().to_string(),
        s.polarity.as_str().to_string(),
        s.data.to_string(),
        s.opp115_type.to_string(),
        s.party.to_string(),
        s.party_kind.as_str().to_string(),
        s.role.to_string(),
        s.parent.to_string(),
        s.purpose.to_string(),
        s.condition.to_string(),
        s.sentence.to_string(),
        s.start.to_string(),
        s.end.to_string(),
        s.data_text.to_string(),
        s.party_text.to_string(),
        s.heading.to_string(),
    ]
}

/// Indices of the numeric columns of the statements table, which are never neutralised.
const STATEMENT_NUMERIC: [usize; 2] = [13, 14];

/// A CSV writer that applies the options to every row: RFC 4180 with `\n` line ends, the bytes
/// the `csv` crate writes (quotes only around a field with a comma, quote, CR or LF; quotes
/// doubled), encoded here because its writer looked at every byte through a state machine, twice:
/// 12 instructions per byte of output, 13% of a `statements` run over apps-2024. A field is
/// checked by [`needs_quotes`] and copied whole into a buffer written out in large pieces.
struct Table<W: Write> {
    out: W,
    buf: Vec<u8>,
    options: CsvOptions,
}

/// The buffered bytes are written out once they pass this.
const WRITE_AT: usize = 1 << 16;

impl<W: Write> Table<W> {
    fn new(mut out: W, options: &CsvOptions, header: &[&str]) -> io::Result<Table<W>> {
        if options.bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let mut table = Table {
            out,
            buf: Vec::with_capacity(WRITE_AT + (1 << 12)),
            options: *options,
        };
        // The column names are ours, never neutralised.
        table.write_row(header, |_| false)?;
        Ok(table)
    }

    /// Write a row; cells whose index is in `numeric` are left as they are.
    fn row<S: AsRef<str>>(&mut self, cells: &[S], numeric: &[usize]) -> io::Result<()> {
        let neutralize = self.options.neutralize_formulas;
        self.write_row(cells, |i| neutralize && !numeric.contains(&i))
    }

    /// Write a row, neutralising the cells whose index `neutral` accepts.
    fn write_row<S: AsRef<str>>(
        &mut self,
        cells: &[S],
        neutral: impl Fn(usize) -> bool,
    ) -> io::Result<()> {
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                self.buf.push(b',');
            }
            push_field(&mut self.buf, cell.as_ref(), neutral(i));
        }
        // A row of one empty field would be an empty line, which readers skip.
        if let [only] = cells
            && only.as_ref().is_empty()
        {
            self.buf.extend_from_slice(b"\"\"");
        }
        self.buf.push(b'\n');
        if self.buf.len() >= WRITE_AT {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    fn finish(mut self) -> io::Result<()> {
        let buf = std::mem::take(&mut self.buf);
        self.out.write_all(&buf)?;
        self.out.flush()
    }
}

impl<W: Write> Drop for Table<W> {
    /// Rows not yet written go out when a table is dropped without `finish`, as the `csv`
    /// crate's writer does (an error then has no one to go to).
    fn drop(&mut self) {
        if !self.buf.is_empty() {
            let _ = self.out.write_all(&self.buf);
            let _ = self.out.flush();
        }
    }
}

/// Whether a field holds a comma, quote, CR or LF. Most fields are a few bytes long: two memchr
/// calls per field (their set-up, then a scan each) cost as much as the crate's writer did (the
/// rows of a `statements` run over apps-2024: 169 M instructions with the crate, 138 M with
/// memchr, 88 M eight bytes at a time in a `u64` ([`needs_quotes_in_words`]), 81 M sixteen at a
/// time with SSE2, which every x86-64 CPU has).
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline]
fn needs_quotes(bytes: &[u8]) -> bool {
    use std::arch::x86_64::*;
    let (sixteens, rest) = bytes.as_chunks::<16>();
    sixteens.iter().any(|sixteen| {
        // SAFETY: SSE2 is enabled (the cfg above), and the load reads the 16 bytes of
        // `sixteen`, with no alignment required.
        unsafe {
            let v = _mm_loadu_si128(sixteen.as_ptr().cast());
            let is = |c: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8));
            let any = _mm_or_si128(
                _mm_or_si128(is(b','), is(b'"')),
                _mm_or_si128(is(b'\n'), is(b'\r')),
            );
            _mm_movemask_epi8(any) != 0
        }
    }) || needs_quotes_in_words(rest)
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
#[inline]
fn needs_quotes(bytes: &[u8]) -> bool {
    needs_quotes_in_words(bytes)
}

/// [`needs_quotes`] eight bytes at a time, each compared with the four at once by the
/// has-a-zero-byte trick: for CPUs without SSE2, and the last bytes of a field with it.
#[inline]
fn needs_quotes_in_words(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    // Nonzero when a byte of `x` is `c` (bytes above a real match may be flagged as well).
    let has = |x: u64, c: u8| {
        let y = x ^ (ONES * u64::from(c));
        y.wrapping_sub(ONES) & !y & HIGHS
    };
    let (eights, rest) = bytes.as_chunks::<8>();
    eights.iter().any(|&eight| {
        let x = u64::from_le_bytes(eight);
        has(x, b',') | has(x, b'"') | has(x, b'\n') | has(x, b'\r') != 0
    }) || rest
        .iter()
        .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
}

/// Append one field: prefixed with `'` when `neutral` and [`neutralize`] would, quoted when it
/// holds a comma, quote, CR or LF.
fn push_field(buf: &mut Vec<u8>, cell: &str, neutral: bool) {
    let bytes = cell.as_bytes();
    let prefix = neutral && runs_as_formula(cell);
    let quoted = needs_quotes(bytes);
    if quoted {
        buf.push(b'"');
    }
    if prefix {
        buf.push(b'\'');
    }
    if quoted {
        let mut rest = bytes;
        while let Some(at) = memchr::memchr(b'"', rest) {
            buf.extend_from_slice(&rest[..=at]);
            buf.push(b'"');
            rest = &rest[at + 1..];
        }
        buf.extend_from_slice(rest);
        buf.push(b'"');
    } else {
        buf.extend_from_slice(bytes);
    }
}

/// The statements table: one row per statement, in graph order.
pub fn write_statements<W: Write>(
    graph: &ShareGraph,
    options: &CsvOptions,
    out: W,
) -> io::Result<()> {
    write_statement_rows(&graph.statements, options, out)
}

/// The statements table for any list of statements (e.g. straight from the extractor).
pub fn write_statement_rows<W: Write>(
    statements: &[Statement],
    options: &CsvOptions,
    out: W,
) -> io::Result<()> {
    let mut table = StatementTable::new(out, options)?;
    for s in statements {
        table.write(s)?;
    }
    table.finish()
}

/// The statements table written a row at a time, for output streamed while policies are read:
/// the header (and BOM) on creation, then [`StatementTable::write`] per statement.
pub struct StatementTable<W: Write> {
    table: Table<W>,
}

impl<W: Write> StatementTable<W> {
    pub fn new(out: W, options: &CsvOptions) -> io::Result<StatementTable<W>> {
        Ok(StatementTable {
            table: Table::new(out, options, &STATEMENT_COLUMNS)?,
        })
    }

    pub fn write(&mut self, s: &Statement) -> io::Result<()> {
        // The cells of `statement_row`, borrowed rather than copied.
        let (mut start, mut end) = (itoa::Buffer::new(), itoa::Buffer::new());
        let (start, end) = (start.format(s.start), end.format(s.end));
        let cells: [&str; 18] = [
            &s.policy,
            &s.vendor,
            s.action.as_str(),
            s.polarity.as_str(),
            &s.data,
            &s.opp115_type,
            &s.party,
            s.party_kind.as_str(),
            &s.role,
            &s.parent,
            &s.purpose,
            &s.condition,
            &s.sentence,
            start,
            end,
            &s.data_text,
            &s.party_text,
            &s.heading,
        ];
        self.table.row(&cells, &STATEMENT_NUMERIC)
    }

    /// Flush; the writer is dropped.
    pub fn finish(self) -> io::Result<()> {
        self.table.finish()
    }
}

/// One row per node: `id,kind,label,role,party_kind,parent,policies`.
pub fn write_nodes<W: Write>(graph: &ShareGraph, options: &CsvOptions, out: W) -> io::Result<()> {
    let mut table = Table::new(out, options, &NODE_COLUMNS)?;
    for n in graph.node_list() {
        table.row(
            &[
                n.id.as_str(),
                n.kind.as_str(),
                &n.label,
                &n.role,
                n.party_kind.map_or("", |k| k.as_str()),
                &n.parent,
                &n.policies.join(LIST_SEPARATOR),
            ],
            &[],
        )?;
    }
    table.finish()
}

/// One row per edge: `source,target,kind,polarity,data,purposes,conditions,statements`, where
/// `statements` lists the row indices (0-based) of the statements table behind the edge.
pub fn write_edges<W: Write>(graph: &ShareGraph, options: &CsvOptions, out: W) -> io::Result<()> {
    let mut table = Table::new(out, options, &EDGE_COLUMNS)?;
    for (a, b, e) in graph.edge_list() {
        let statements: Vec<String> = e.statements.iter().map(usize::to_string).collect();
        table.row(
            &[
                a.id.as_str(),
                &b.id,
                e.kind.as_str(),
                e.polarity.as_str(),
                &e.data.join(LIST_SEPARATOR),
                &e.purposes.join(LIST_SEPARATOR),
                &e.conditions.join(LIST_SEPARATOR),
                &statements.join(LIST_SEPARATOR),
            ],
            // The index list is numbers only; no need to neutralise it.
            &[7],
        )?;
    }
    table.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The rows as the `csv` crate writes them, with cells neutralised the same way.
    fn reference(rows: &[Vec<String>], neutral: bool) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        for row in rows {
            let cells = row.iter().map(|c| {
                if neutral {
                    neutralize(c).into_owned()
                } else {
                    c.clone()
                }
            });
            w.write_record(cells).expect("a vector takes every write");
        }
        w.into_inner().expect("a vector takes every write")
    }

    fn ours(rows: &[Vec<String>], neutral: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let options = CsvOptions {
            bom: false,
            neutralize_formulas: neutral,
        };
        // The header is never neutralised.
        let header: Vec<&str> = rows[0].iter().map(String::as_str).collect();
        let mut table = Table::new(&mut out, &options, &header).expect("a vector");
        for row in &rows[1..] {
            table.row(row, &[]).expect("a vector");
        }
        table.finish().expect("a vector");
        out
    }

    #[test]
    fn quoting_doubling_and_formula_prefixes() {
        let rows = vec![
            vec!["a".to_string(), "b".to_string()],
            vec!["x, y".to_string(), "say \"hi\"".to_string()],
            vec!["=1+1".to_string(), "-\r\n".to_string()],
            vec![String::new(), String::new()],
        ];
        assert_eq!(
            String::from_utf8(ours(&rows, true)).expect("UTF-8"),
            "a,b\n\"x, y\",\"say \"\"hi\"\"\"\n'=1+1,\"'-\r\n\"\n,\n"
        );
        let one_empty = vec![vec!["h".to_string()], vec![String::new()]];
        assert_eq!(ours(&one_empty, false), b"h\n\"\"\n");
    }

    /// Each of the four bytes is found at every place of a field, in the eights and after them.
    #[test]
    fn needs_quotes_at_every_place() {
        for len in 0..40 {
            let plain = vec![b'a'; len];
            assert!(!needs_quotes(&plain) && !needs_quotes_in_words(&plain));
            for at in 0..len {
                for special in [b',', b'"', b'\n', b'\r'] {
                    let mut field = plain.clone();
                    field[at] = special;
                    assert!(needs_quotes(&field), "{len} {at} {special}");
                    assert!(needs_quotes_in_words(&field), "{len} {at} {special}");
                }
                // Bytes one off the specials, and bytes with the high bit set, are plain.
                for near in [
                    b'+', b'-', b'!', b'#', b'\t', b'\x0b', b'\x0c', b'\x0e', 0xac, 0xa2,
                ] {
                    let mut field = plain.clone();
                    field[at] = near;
                    assert!(!needs_quotes(&field), "{len} {at} {near}");
                    assert!(!needs_quotes_in_words(&field), "{len} {at} {near}");
                }
            }
        }
    }

    proptest! {
        /// Every field, with or without formula prefixes, is the bytes the `csv` crate writes.
        #[test]
        fn rows_are_what_the_csv_crate_writes(
            width in 1usize..4,
            cells in prop::collection::vec("[-=+@a,\"\r\n\t é]{0,6}|[a é]{0,20}[,\"\r\n]?[a é]{0,12}", 12),
            neutral in any::<bool>(),
        ) {
            let rows: Vec<Vec<String>> = cells.chunks_exact(width).map(<[String]>::to_vec).collect();
            let mut expected = reference(&rows[..1], false);
            let rest = reference(&rows[1..], neutral);
            expected.extend_from_slice(&rest);
            let written = ours(&rows, neutral);
            prop_assert_eq!(String::from_utf8_lossy(&written), String::from_utf8_lossy(&expected));
        }
    }
}
