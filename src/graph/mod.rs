//! The graph stage: statements in, a typed petgraph graph out.
//!
//! Owns the node and edge model (vendors, third parties, data categories; collects, discloses,
//! source-of, subcategory-of, owned-by), merging many policies into one graph, and saving/loading
//! it as JSON (interchange) or in the compact binary form queries load fast ([`binary`]). Every edge keeps the indices of the statements behind it, so evidence is never lost.
//! Queries and exports live outside, in `query` and `export`.

pub mod binary;
mod build;
mod save;

pub use binary::{BinaryWriter, Prefilter, ReadPlan};
pub use save::GraphFileError;

use indexmap::IndexMap;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use serde::{Deserialize, Serialize};

use crate::extract::{PartyKind, Polarity, Statement};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// A policy owner (first party).
    Vendor,
    /// A third party: a named company/product or a class of recipients.
    Party,
    /// A data category of the taxonomy.
    Data,
}

impl NodeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Vendor => "vendor",
            NodeKind::Party => "party",
            NodeKind::Data => "data",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    pub kind: NodeKind,
    /// Unique key: `vendor:NAME`, `party:NAME`, `data:ID`.
    pub id: String,
    /// Display name: vendor or party name, data category label.
    pub label: String,
    /// Party role (payment, analytics…); empty for vendors and data.
    pub role: String,
    /// For parties: named or class.
    pub party_kind: Option<PartyKind>,
    /// Parent company of a named party, or taxonomy parent id of a data category.
    pub parent: String,
    /// For vendors: the policy files they come from.
    pub policies: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    /// vendor → data (first-party collection) or party → data (third-party collection).
    Collects,
    /// vendor → party: data given to the party, or collected by it on the vendor's service.
    Discloses,
    /// party → vendor: the vendor receives data from the party.
    SourceOf,
    /// data → broader data.
    SubcategoryOf,
    /// party → parent company.
    OwnedBy,
}

impl EdgeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Collects => "collects",
            EdgeKind::Discloses => "discloses",
            EdgeKind::SourceOf => "source_of",
            EdgeKind::SubcategoryOf => "subcategory_of",
            EdgeKind::OwnedBy => "owned_by",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edge {
    pub kind: EdgeKind,
    pub polarity: Polarity,
    /// Data category ids carried by the edge, in first-seen order.
    pub data: Vec<String>,
    pub purposes: Vec<String>,
    pub conditions: Vec<String>,
    /// Indices into `ShareGraph::statements` of the evidence.
    pub statements: Vec<usize>,
}

/// The hasher of the graph's maps. Linking a statement looks up three or four node ids, an edge
/// key and a policy; with std's SipHash that was a third of the 3,900 instructions each
/// statement cost (callgrind, apps-2024). Insertion order, not the hash, orders the output.
type Hasher = foldhash::fast::RandomState;

/// The disclosure graph of one or many policies.
#[derive(Debug, Clone, Default)]
pub struct ShareGraph {
    pub graph: DiGraph<Node, Edge>,
    /// Node id → index, in insertion order (deterministic output).
    pub nodes: IndexMap<String, NodeIndex, Hasher>,
    edges: IndexMap<(NodeIndex, NodeIndex, EdgeKind, Polarity), EdgeIndex, Hasher>,
    pub statements: Vec<Statement>,
    /// (vendor node, policy) pairs known to be in that node's `policies`: `add_vendor` runs for
    /// every statement, and a vendor may have thousands of policies.
    vendor_policies: foldhash::HashMap<NodeIndex, foldhash::HashSet<String>>,
    /// The vendor `add_vendor` added last, with its policy: a policy's statements come one after
    /// another, and each would look both up again.
    last_vendor: Option<(NodeIndex, String, String)>,
    /// Where node ids are written to be looked up, instead of a new string per lookup.
    key: String,
}

impl ShareGraph {
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.get(id).map(|&i| &self.graph[i])
    }

    /// Nodes in insertion order.
    pub fn node_list(&self) -> impl Iterator<Item = &Node> {
        self.nodes.values().map(|&i| &self.graph[i])
    }

    /// Edges in insertion order, with their endpoints.
    pub fn edge_list(&self) -> impl Iterator<Item = (&Node, &Node, &Edge)> {
        self.edges.values().map(|&e| {
            let (a, b) = self.graph.edge_endpoints(e).unwrap_or_default();
            (&self.graph[a], &self.graph[b], &self.graph[e])
        })
    }

    pub fn vendor_id(name: &str) -> String {
        format!("{VENDOR}{name}")
    }
    pub fn party_id(name: &str) -> String {
        format!("{PARTY}{name}")
    }
    pub fn data_id(id: &str) -> String {
        format!("{DATA}{id}")
    }
}

/// The prefixes of node ids (`vendor:NAME`, `party:NAME`, `data:ID`).
const VENDOR: &str = "vendor:";
const PARTY: &str = "party:";
const DATA: &str = "data:";
