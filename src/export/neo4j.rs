//! Neo4j export: CSV files for `neo4j-admin database import`, or a Cypher script.
//!
//! [`write_import_files`] writes two files into a directory:
//! - `nodes.csv`: `id:ID,:LABEL,name,kind,role,party_kind,parent,policies:string[],statements:int`,
//!   labels `Vendor`, `Party`, `DataCategory` (the party's role is a property, not a label: roles
//!   are open-ended data, labels are schema);
//! - `relationships.csv`: `:START_ID,:END_ID,:TYPE,polarity,data:string[],purposes:string[],
//!   conditions:string[],statements:int,statement_ids:int[],evidence`, types `COLLECTS`,
//!   `DISCLOSES`, `SOURCE_OF`, `SUBCATEGORY_OF`, `OWNED_BY`.
//!
//! Arrays use `;`, neo4j-admin's default array delimiter; empty cells become absent properties.
//! Evidence sentences may span lines, hence `--multiline-fields=true`. Load them (Neo4j 5) with
//! the database stopped:
//!
//! ```text
//! neo4j-admin database import full --nodes=import/nodes.csv --relationships=import/relationships.csv \
//!     --multiline-fields=true --overwrite-destination=true neo4j
//! ```
//!
//! [`write_cypher`] writes the same graph as idempotent `MERGE` statements, one per line, for a
//! running database: `cypher-shell -u neo4j -f sharegraph.cypher`.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::node_statement_counts;
use crate::graph::{EdgeKind, NodeKind, ShareGraph};

/// The Neo4j label of a node kind.
pub fn label(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Vendor => "Vendor",
        NodeKind::Party => "Party",
        NodeKind::Data => "DataCategory",
    }
}

/// The Neo4j relationship type of an edge kind.
pub fn rel_type(kind: EdgeKind) -> &'static str {
    match kind {
        EdgeKind::Collects => "COLLECTS",
        EdgeKind::Discloses => "DISCLOSES",
        EdgeKind::SourceOf => "SOURCE_OF",
        EdgeKind::SubcategoryOf => "SUBCATEGORY_OF",
        EdgeKind::OwnedBy => "OWNED_BY",
    }
}

const ARRAY: &str = ";";

/// First evidence sentence of an edge, or empty.
fn evidence<'a>(graph: &'a ShareGraph, statements: &[usize]) -> &'a str {
    statements
        .first()
        .and_then(|&i| graph.statements.get(i))
        .map_or("", |s| s.sentence.as_str())
}

/// `nodes.csv` for neo4j-admin.
pub fn write_nodes_csv<W: Write>(graph: &ShareGraph, out: W) -> io::Result<()> {
    let counts = node_statement_counts(graph);
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    w.write_record([
        "id:ID",
        ":LABEL",
        "name",
        "kind",
        "role",
        "party_kind",
        "parent",
        "policies:string[]",
        "statements:int",
    ])?;
    for n in graph.node_list() {
        w.write_record([
            n.id.as_str(),
            label(n.kind),
            &n.label,
            n.kind.as_str(),
            &n.role,
            n.party_kind.map_or("", |k| k.as_str()),
            &n.parent,
            &n.policies.join(ARRAY),
            &counts.get(n.id.as_str()).copied().unwrap_or(0).to_string(),
        ])?;
    }
    w.flush()
}

/// `relationships.csv` for neo4j-admin.
pub fn write_relationships_csv<W: Write>(graph: &ShareGraph, out: W) -> io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    w.write_record([
        ":START_ID",
        ":END_ID",
        ":TYPE",
        "polarity",
        "data:string[]",
        "purposes:string[]",
        "conditions:string[]",
        "statements:int",
        "statement_ids:int[]",
        "evidence",
    ])?;
    for (a, b, e) in graph.edge_list() {
        let ids: Vec<String> = e.statements.iter().map(usize::to_string).collect();
        w.write_record([
            a.id.as_str(),
            &b.id,
            rel_type(e.kind),
            e.polarity.as_str(),
            &e.data.join(ARRAY),
            &e.purposes.join(ARRAY),
            &e.conditions.join(ARRAY),
            &e.statements.len().to_string(),
            &ids.join(ARRAY),
            evidence(graph, &e.statements),
        ])?;
    }
    w.flush()
}

/// Write `nodes.csv` and `relationships.csv` into `dir` (which must exist), each atomically
/// (temp file in `dir`, then rename). Returns the paths written. See the module doc for the
/// `neo4j-admin database import full` command that loads them.
pub fn write_import_files(graph: &ShareGraph, dir: &Path) -> io::Result<Vec<PathBuf>> {
    let nodes = dir.join("nodes.csv");
    let relationships = dir.join("relationships.csv");
    // Both or neither: an import of new nodes with old relationships would fail or mislead.
    let mut staging = super::Staging::new();
    staging.write(&nodes, |w| write_nodes_csv(graph, w))?;
    staging.write(&relationships, |w| write_relationships_csv(graph, w))?;
    staging.commit()?;
    Ok(vec![nodes, relationships])
}

/// A Cypher single-quoted string literal: backslash, quote and control characters escaped, so
/// the literal always ends where it should and stays on one line.
pub fn cypher_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

fn cypher_list<S: AsRef<str>>(items: &[S]) -> String {
    let items: Vec<String> = items.iter().map(|s| cypher_string(s.as_ref())).collect();
    format!("[{}]", items.join(", "))
}

/// `SET` assignments for the non-empty properties (empty ones stay absent, as in the CSV import).
fn assignments(var: &str, props: &[(&str, String, bool)]) -> String {
    let parts: Vec<String> = props
        .iter()
        .filter(|(_, _, present)| *present)
        .map(|(name, value, _)| format!("{var}.{name} = {value}"))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!(" SET {}", parts.join(", "))
    }
}

/// The graph as a Cypher script: uniqueness constraints, one `MERGE` per node, one
/// `MATCH … MERGE` per relationship (keyed by type and polarity, like the graph's edges), so
/// running it twice changes nothing.
pub fn write_cypher<W: Write>(graph: &ShareGraph, mut out: W) -> io::Result<()> {
    writeln!(
        out,
        "// sharegraph: who gets which data. Run with: cypher-shell -f <this file>"
    )?;
    for kind in [NodeKind::Vendor, NodeKind::Party, NodeKind::Data] {
        let l = label(kind);
        writeln!(
            out,
            "CREATE CONSTRAINT sharegraph_{}_id IF NOT EXISTS FOR (n:{l}) REQUIRE n.id IS UNIQUE;",
            kind.as_str()
        )?;
    }
    let counts = node_statement_counts(graph);
    for n in graph.node_list() {
        let count = counts.get(n.id.as_str()).copied().unwrap_or(0);
        let set = assignments(
            "n",
            &[
                ("name", cypher_string(&n.label), true),
                ("kind", cypher_string(n.kind.as_str()), true),
                ("role", cypher_string(&n.role), !n.role.is_empty()),
                (
                    "party_kind",
                    cypher_string(n.party_kind.map_or("", |k| k.as_str())),
                    n.party_kind.is_some(),
                ),
                ("parent", cypher_string(&n.parent), !n.parent.is_empty()),
                ("policies", cypher_list(&n.policies), !n.policies.is_empty()),
                ("statements", count.to_string(), true),
            ],
        );
        writeln!(
            out,
            "MERGE (n:{} {{id: {}}}){set};",
            label(n.kind),
            cypher_string(&n.id)
        )?;
    }
    for (a, b, e) in graph.edge_list() {
        let ids: Vec<String> = e.statements.iter().map(usize::to_string).collect();
        let ev = evidence(graph, &e.statements);
        let set = assignments(
            "r",
            &[
                ("data", cypher_list(&e.data), !e.data.is_empty()),
                ("purposes", cypher_list(&e.purposes), !e.purposes.is_empty()),
                (
                    "conditions",
                    cypher_list(&e.conditions),
                    !e.conditions.is_empty(),
                ),
                ("statements", e.statements.len().to_string(), true),
                (
                    "statement_ids",
                    format!("[{}]", ids.join(", ")),
                    !ids.is_empty(),
                ),
                ("evidence", cypher_string(ev), !ev.is_empty()),
            ],
        );
        writeln!(
            out,
            "MATCH (a:{} {{id: {}}}), (b:{} {{id: {}}}) MERGE (a)-[r:{} {{polarity: {}}}]->(b){set};",
            label(a.kind),
            cypher_string(&a.id),
            label(b.kind),
            cypher_string(&b.id),
            rel_type(e.kind),
            cypher_string(e.polarity.as_str()),
        )?;
    }
    out.flush()
}
