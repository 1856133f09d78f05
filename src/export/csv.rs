//! CSV export: the statements table (DESIGN.md's stable interface), nodes and edges.
//!
//! RFC 4180 through the `csv` crate (fields with commas, quotes or newlines are quoted, quotes
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
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
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

/// A CSV writer that applies the options to every row.
struct Table<W: Write> {
    writer: csv::Writer<W>,
    options: CsvOptions,
}

impl<W: Write> Table<W> {
    fn new(mut out: W, options: &CsvOptions, header: &[&str]) -> io::Result<Table<W>> {
        if options.bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(out);
        writer.write_record(header).map_err(io::Error::from)?;
        Ok(Table {
            writer,
            options: *options,
        })
    }

    /// Write a row; cells whose index is in `numeric` are left as they are.
    fn row<S: AsRef<str>>(&mut self, cells: &[S], numeric: &[usize]) -> io::Result<()> {
        let cells = cells.iter().enumerate().map(|(i, c)| {
            if self.options.neutralize_formulas && !numeric.contains(&i) {
                neutralize(c.as_ref())
            } else {
                c.as_ref().into()
            }
        });
        for cell in cells {
            self.writer
                .write_field(cell.as_bytes())
                .map_err(io::Error::from)?;
        }
        self.writer
            .write_record(None::<&[u8]>)
            .map_err(io::Error::from)
    }

    fn finish(mut self) -> io::Result<()> {
        self.writer.flush()
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
        let (start, end) = (s.start.to_string(), s.end.to_string());
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
            &start,
            &end,
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
