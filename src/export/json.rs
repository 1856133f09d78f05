//! JSON export: the saved graph (the same file `ShareGraph::load_json` reads back), the
//! statements as one JSON array, or as JSON Lines (one statement per line, for streaming into
//! `jq`, DuckDB or a log pipeline).

use std::io::{self, Write};

use crate::extract::Statement;
use crate::graph::ShareGraph;

/// The whole graph: nodes, edges by node id, statements (pretty JSON, then a newline).
pub fn write_graph<W: Write>(graph: &ShareGraph, mut out: W) -> io::Result<()> {
    graph.save_json(&mut out)?;
    out.write_all(b"\n")
}

/// The statements as one pretty-printed JSON array (fields as in the statements CSV).
pub fn write_statements_json<W: Write>(statements: &[Statement], mut out: W) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut out, statements)?;
    out.write_all(b"\n")
}

/// One compact JSON object per statement, each followed by `\n`.
pub fn write_statements_jsonl<W: Write>(graph: &ShareGraph, out: W) -> io::Result<()> {
    write_jsonl(&graph.statements, out)
}

/// JSON Lines for any list of statements. Newlines inside strings are escaped by JSON, so a
/// statement is always exactly one line.
pub fn write_jsonl<W: Write>(statements: &[Statement], mut out: W) -> io::Result<()> {
    for s in statements {
        serde_json::to_writer(&mut out, s)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
