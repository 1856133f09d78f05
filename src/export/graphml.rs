//! GraphML export for Gephi, yEd and Cytoscape, written with quick-xml.
//!
//! A directed graph; every attribute is declared with a `<key>` and a type (`string` or `int`), so
//! tools import them as typed columns. Node ids are `n0, n1…` and edge ids `e0, e1…` (the GraphML
//! schema types ids as NMTOKEN, which forbids the spaces of "vendor:WPS Office"); the sharegraph
//! id is kept in the `node_id` attribute. `label` is set on nodes and edges because Gephi shows it.
//! List values are joined with `;` as in the CSV export.
//!
//! quick-xml escapes `<`, `>`, `&` and quotes (so `]]>` cannot close anything); characters that
//! XML 1.0 forbids outright (most C0 controls, U+FFFE, U+FFFF) are stripped here, since no escape
//! can carry them.

use std::borrow::Cow;
use std::io::{self, Write};

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::csv::LIST_SEPARATOR;
use super::{data_labels, node_statement_counts};
use crate::graph::ShareGraph;

/// `(id, for, attr.name, attr.type)` of every declared attribute.
const KEYS: [(&str, &str, &str, &str); 16] = [
    ("n_id", "node", "node_id", "string"),
    ("n_kind", "node", "kind", "string"),
    ("n_label", "node", "label", "string"),
    ("n_role", "node", "role", "string"),
    ("n_party_kind", "node", "party_kind", "string"),
    ("n_parent", "node", "parent", "string"),
    ("n_policies", "node", "policies", "string"),
    ("n_statements", "node", "statements", "int"),
    ("e_kind", "edge", "kind", "string"),
    ("e_polarity", "edge", "polarity", "string"),
    ("e_data", "edge", "data", "string"),
    ("e_label", "edge", "label", "string"),
    ("e_purposes", "edge", "purposes", "string"),
    ("e_conditions", "edge", "conditions", "string"),
    ("e_statements", "edge", "statements", "int"),
    ("e_evidence", "edge", "evidence", "string"),
];

/// Remove the characters XML 1.0 cannot represent at all, even escaped.
pub fn xml_safe(text: &str) -> Cow<'_, str> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
    };
    if text.chars().all(allowed) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|&c| allowed(c)).collect())
    }
}

fn data<W: Write>(w: &mut Writer<W>, key: &str, value: &str) -> io::Result<()> {
    // Empty values are left out: GraphML readers treat a missing <data> as the key's empty default.
    if value.is_empty() {
        return Ok(());
    }
    w.create_element("data")
        .with_attribute(("key", key))
        .write_text_content(BytesText::new(&xml_safe(value)))?;
    Ok(())
}

/// Write the graph as a GraphML document.
pub fn write_graphml<W: Write>(graph: &ShareGraph, out: W) -> io::Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    let counts = node_statement_counts(graph);
    // sharegraph node id → GraphML id, for the edges.
    let ids: indexmap::IndexMap<&str, String> = graph
        .node_list()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), format!("n{i}")))
        .collect();
    w.create_element("graphml")
        .with_attributes([
            ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
            ),
        ])
        .write_inner_content(|w| {
            for (id, target, name, ty) in KEYS {
                w.create_element("key")
                    .with_attributes([("id", id), ("for", target), ("attr.name", name), ("attr.type", ty)])
                    .write_empty()?;
            }
            w.create_element("graph")
                .with_attributes([("id", "sharegraph"), ("edgedefault", "directed")])
                .write_inner_content(|w| {
                    for node in graph.node_list() {
                        let statements = counts.get(node.id.as_str()).copied().unwrap_or(0).to_string();
                        w.create_element("node")
                            .with_attribute(("id", ids[node.id.as_str()].as_str()))
                            .write_inner_content(|w| {
                                data(w, "n_id", &node.id)?;
                                data(w, "n_kind", node.kind.as_str())?;
                                data(w, "n_label", &node.label)?;
                                data(w, "n_role", &node.role)?;
                                data(w, "n_party_kind", node.party_kind.map_or("", |k| k.as_str()))?;
                                data(w, "n_parent", &node.parent)?;
                                data(w, "n_policies", &node.policies.join(LIST_SEPARATOR))?;
                                data(w, "n_statements", &statements)
                            })?;
                    }
                    for (i, (a, b, edge)) in graph.edge_list().enumerate() {
                        let evidence = edge
                            .statements
                            .first()
                            .and_then(|&s| graph.statements.get(s))
                            .map_or("", |s| s.sentence.as_str());
                        w.create_element("edge")
                            .with_attributes([
                                ("id", format!("e{i}").as_str()),
                                ("source", ids[a.id.as_str()].as_str()),
                                ("target", ids[b.id.as_str()].as_str()),
                            ])
                            .write_inner_content(|w| {
                                data(w, "e_kind", edge.kind.as_str())?;
                                data(w, "e_polarity", edge.polarity.as_str())?;
                                data(w, "e_data", &edge.data.join(LIST_SEPARATOR))?;
                                data(w, "e_label", &data_labels(graph, &edge.data).join(", "))?;
                                data(w, "e_purposes", &edge.purposes.join(LIST_SEPARATOR))?;
                                data(w, "e_conditions", &edge.conditions.join(LIST_SEPARATOR))?;
                                data(w, "e_statements", &edge.statements.len().to_string())?;
                                data(w, "e_evidence", evidence)
                            })?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    w.get_mut().write_all(b"\n")
}
