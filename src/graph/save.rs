//! The saved graph: JSON with nodes, edges (by node id) and the statements behind them.

use std::io::{Read, Write};

use serde::{Deserialize, Serialize};

use super::{Edge, Node, ShareGraph};
use crate::extract::Statement;

const FORMAT: &str = "sharegraph";
const VERSION: u32 = 1;

#[derive(Debug, thiserror::Error)]
pub enum GraphFileError {
    #[error("not a sharegraph graph file: {0}")]
    Json(#[from] serde_json::Error),
    #[error("not a sharegraph graph file (format `{0}`)")]
    Format(String),
    #[error("graph file version {0} is newer than this sharegraph understands ({VERSION})")]
    Version(u32),
    #[error("edge refers to unknown node `{0}`")]
    UnknownNode(String),
    #[error("edge refers to statement {0}, but the file has {1}")]
    UnknownStatement(usize, usize),
    #[error("damaged sharegraph binary graph: {0}")]
    Binary(String),
}

#[derive(Serialize, Deserialize)]
struct SavedEdge {
    source: String,
    target: String,
    #[serde(flatten)]
    edge: Edge,
}

#[derive(Serialize, Deserialize)]
struct SavedGraph {
    format: String,
    version: u32,
    nodes: Vec<Node>,
    edges: Vec<SavedEdge>,
    statements: Vec<Statement>,
}

impl ShareGraph {
    /// Write the graph as pretty JSON.
    pub fn save_json<W: Write>(&self, writer: W) -> serde_json::Result<()> {
        let saved = SavedGraph {
            format: FORMAT.to_string(),
            version: VERSION,
            nodes: self.node_list().cloned().collect(),
            edges: self
                .edge_list()
                .map(|(a, b, e)| SavedEdge {
                    source: a.id.clone(),
                    target: b.id.clone(),
                    edge: e.clone(),
                })
                .collect(),
            statements: self.statements.clone(),
        };
        serde_json::to_writer_pretty(writer, &saved)
    }

    /// Read a graph written by `save_json`.
    pub fn load_json<R: Read>(reader: R) -> Result<ShareGraph, GraphFileError> {
        let saved: SavedGraph = serde_json::from_reader(std::io::BufReader::new(reader))?;
        if saved.format != FORMAT {
            return Err(GraphFileError::Format(saved.format));
        }
        if saved.version > VERSION {
            return Err(GraphFileError::Version(saved.version));
        }
        let mut graph = ShareGraph::new();
        for node in saved.nodes {
            graph.ensure_node(node);
        }
        let count = saved.statements.len();
        for SavedEdge {
            source,
            target,
            edge,
        } in saved.edges
        {
            let a = *graph
                .nodes
                .get(&source)
                .ok_or(GraphFileError::UnknownNode(source))?;
            let b = *graph
                .nodes
                .get(&target)
                .ok_or(GraphFileError::UnknownNode(target))?;
            if let Some(&bad) = edge.statements.iter().find(|&&i| i >= count) {
                return Err(GraphFileError::UnknownStatement(bad, count));
            }
            let key = (a, b, edge.kind, edge.polarity);
            let e = graph.graph.add_edge(a, b, edge);
            graph.edges.insert(key, e);
        }
        graph.statements = saved.statements;
        Ok(graph)
    }
}
