//! Turning statements into nodes and edges, and merging policies into one graph.

use petgraph::graph::NodeIndex;

use super::{DATA, Edge, EdgeKind, Node, NodeKind, PARTY, ShareGraph, VENDOR};
use crate::extract::{Action, PartyKind, Polarity, Statement};
use crate::lexicon::Lexicon;

fn push_unique(list: &mut Vec<String>, value: &str) {
    if !value.is_empty() && !list.iter().any(|v| v == value) {
        list.push(value.to_string());
    }
}

impl ShareGraph {
    /// An empty graph.
    pub fn new() -> ShareGraph {
        ShareGraph::default()
    }

    /// Build a graph from statements.
    pub fn from_statements(statements: Vec<Statement>, lexicon: &Lexicon) -> ShareGraph {
        let mut graph = ShareGraph::new();
        graph.add_statements(statements, lexicon);
        graph
    }

    /// Record that a vendor has a policy, even if no statement came out of it.
    pub fn add_vendor(&mut self, vendor: &str, policy: &str) -> NodeIndex {
        if let Some((index, v, p)) = &self.last_vendor
            && v == vendor
            && p == policy
        {
            return *index;
        }
        let index = self.ensure_node_with(VENDOR, vendor, |id| Node {
            kind: NodeKind::Vendor,
            id,
            label: vendor.to_string(),
            role: String::new(),
            party_kind: None,
            parent: String::new(),
            policies: Vec::new(),
        });
        let known = self
            .vendor_policies
            .get(&index)
            .is_some_and(|p| p.contains(policy));
        if !policy.is_empty() && !known {
            push_unique(&mut self.graph[index].policies, policy);
            self.vendor_policies
                .entry(index)
                .or_default()
                .insert(policy.to_string());
        }
        self.last_vendor = Some((index, vendor.to_string(), policy.to_string()));
        index
    }

    /// Merge statements into the graph (a policy at a time, or a whole corpus).
    pub fn add_statements(&mut self, statements: Vec<Statement>, lexicon: &Lexicon) {
        for statement in statements {
            let index = self.statements.len();
            self.add_statement_edges(&statement, index, lexicon);
            self.statements.push(statement);
        }
    }

    /// Link statements into nodes and edges without keeping them, for corpora whose statements do
    /// not fit in memory (they go to a file instead: statements.csv, graph.sgb). Edges refer to
    /// them by their place in that file, counting from `first`; `statements` stays as it was, so
    /// exports that print evidence find none for them.
    pub fn link_statements(&mut self, statements: &[Statement], first: usize, lexicon: &Lexicon) {
        for (i, statement) in statements.iter().enumerate() {
            self.add_statement_edges(statement, first + i, lexicon);
        }
    }

    fn add_statement_edges(&mut self, s: &Statement, index: usize, lexicon: &Lexicon) {
        let vendor = self.add_vendor(&s.vendor, &s.policy);
        let data = self.ensure_data(&s.data, lexicon);
        match (s.action, s.party_kind) {
            (Action::Collect, PartyKind::FirstParty) => {
                self.link(vendor, data, EdgeKind::Collects, s, index);
            }
            (Action::Collect, _) => {
                let party = self.ensure_party(s, lexicon);
                self.link(party, data, EdgeKind::Collects, s, index);
                self.link(vendor, party, EdgeKind::Discloses, s, index);
            }
            (Action::Disclose, _) => {
                let party = self.ensure_party(s, lexicon);
                self.link(vendor, party, EdgeKind::Discloses, s, index);
                if s.polarity == Polarity::Positive {
                    // What a party is given, it holds: the party → data edge answers "what does P get".
                    self.link(party, data, EdgeKind::Collects, s, index);
                }
            }
            (Action::ReceiveFrom, _) => {
                let party = self.ensure_party(s, lexicon);
                self.link(party, vendor, EdgeKind::SourceOf, s, index);
            }
        }
    }

    pub(super) fn ensure_node(&mut self, node: Node) -> NodeIndex {
        match self.nodes.get(&node.id) {
            Some(&i) => i,
            None => self.insert_node(node),
        }
    }

    /// Add `node`, whose id no node has yet.
    fn insert_node(&mut self, node: Node) -> NodeIndex {
        let id = node.id.clone();
        let i = self.graph.add_node(node);
        self.nodes.insert(id, i);
        i
    }

    /// The node with id `prefix` + `name`, made by `make(id)` if it is new: most statements
    /// name nodes that exist, and building a node (its strings) only to find it there was most
    /// of the cost of loading.
    fn ensure_node_with(
        &mut self,
        prefix: &str,
        name: &str,
        make: impl FnOnce(String) -> Node,
    ) -> NodeIndex {
        match self.find_node(prefix, name) {
            Some(i) => i,
            None => {
                let node = make(self.key.clone());
                self.insert_node(node)
            }
        }
    }

    /// The node with id `prefix` + `name`, the id written into `self.key`.
    fn find_node(&mut self, prefix: &str, name: &str) -> Option<NodeIndex> {
        self.key.clear();
        self.key.push_str(prefix);
        self.key.push_str(name);
        self.nodes.get(self.key.as_str()).copied()
    }

    /// A data node, with its taxonomy ancestors as nodes linked by subcategory-of edges, so the
    /// graph alone answers "is D narrower than E".
    fn ensure_data(&mut self, id: &str, lexicon: &Lexicon) -> NodeIndex {
        if let Some(i) = self.find_node(DATA, id) {
            return i;
        }
        let key = self.key.clone();
        let category = lexicon.category(id);
        let parent = category.and_then(|c| c.parent.clone()).unwrap_or_default();
        let index = self.insert_node(Node {
            kind: NodeKind::Data,
            id: key,
            label: category.map_or_else(|| id.to_string(), |c| c.label.clone()),
            role: String::new(),
            party_kind: None,
            parent: parent.clone(),
            policies: Vec::new(),
        });
        // The loader rejects taxonomy cycles, so this recursion ends at the root.
        if !parent.is_empty() && lexicon.category(&parent).is_some() {
            let parent_index = self.ensure_data(&parent, lexicon);
            self.link_structural(index, parent_index, EdgeKind::SubcategoryOf);
        }
        index
    }

    fn ensure_party(&mut self, s: &Statement, lexicon: &Lexicon) -> NodeIndex {
        let index = self.ensure_node_with(PARTY, &s.party, |id| Node {
            kind: NodeKind::Party,
            id,
            label: s.party.to_string(),
            role: s.role.to_string(),
            party_kind: Some(s.party_kind),
            parent: s.parent.to_string(),
            policies: Vec::new(),
        });
        if !s.parent.is_empty() && s.parent != s.party {
            let parent = self.ensure_node_with(PARTY, &s.parent, |id| Node {
                kind: NodeKind::Party,
                id,
                label: s.parent.to_string(),
                role: lexicon
                    .party(&s.parent)
                    .map_or_else(|| s.role.to_string(), |p| p.role.clone()),
                party_kind: Some(PartyKind::Named),
                parent: String::new(),
                policies: Vec::new(),
            });
            self.link_structural(index, parent, EdgeKind::OwnedBy);
        }
        index
    }

    fn link_structural(&mut self, from: NodeIndex, to: NodeIndex, kind: EdgeKind) {
        let key = (from, to, kind, Polarity::Positive);
        if !self.edges.contains_key(&key) {
            let e = self.graph.add_edge(
                from,
                to,
                Edge {
                    kind,
                    polarity: Polarity::Positive,
                    data: Vec::new(),
                    purposes: Vec::new(),
                    conditions: Vec::new(),
                    statements: Vec::new(),
                },
            );
            self.edges.insert(key, e);
        }
    }

    fn link(
        &mut self,
        from: NodeIndex,
        to: NodeIndex,
        kind: EdgeKind,
        s: &Statement,
        index: usize,
    ) {
        let key = (from, to, kind, s.polarity);
        let e = match self.edges.get(&key) {
            Some(&e) => e,
            None => {
                let e = self.graph.add_edge(
                    from,
                    to,
                    Edge {
                        kind,
                        polarity: s.polarity,
                        data: Vec::new(),
                        purposes: Vec::new(),
                        conditions: Vec::new(),
                        statements: Vec::new(),
                    },
                );
                self.edges.insert(key, e);
                e
            }
        };
        let edge = &mut self.graph[e];
        push_unique(&mut edge.data, &s.data);
        push_unique(&mut edge.purposes, &s.purpose);
        push_unique(&mut edge.conditions, &s.condition);
        if edge.statements.last() != Some(&index) {
            edge.statements.push(index);
        }
    }
}

impl ShareGraph {
    /// Merge another graph (e.g. a saved one) into this one: its statements are re-added, so
    /// nodes and edges are rebuilt with this graph's numbering.
    ///
    /// Each vendor is added just before the first statement of its policy, as when the policies
    /// were read, so a saved graph loads back with the same node and edge order (and exports the
    /// same files) as the graph that was saved.
    pub fn merge(&mut self, other: ShareGraph, lexicon: &Lexicon) {
        self.merge_policies(other, lexicon, |_| true);
    }

    /// [`ShareGraph::merge`] of the policies of `other` that `keep` keeps (by name): their
    /// vendors and statements, nothing of the others.
    pub fn merge_policies(
        &mut self,
        other: ShareGraph,
        lexicon: &Lexicon,
        keep: impl Fn(&str) -> bool,
    ) {
        let pending: Vec<(String, String)> = other
            .node_list()
            .filter(|n| n.kind == NodeKind::Vendor)
            .flat_map(|n| n.policies.iter().map(|p| (n.label.clone(), p.clone())))
            .filter(|(_, p)| keep(p))
            .collect();
        // Where each policy stands in `pending`, so that a corpus of many policies merges in
        // linear time: `next` is the first pair not yet added.
        let mut at: std::collections::HashMap<&str, std::collections::VecDeque<usize>> =
            std::collections::HashMap::new();
        for (i, (_, policy)) in pending.iter().enumerate() {
            at.entry(policy.as_str()).or_default().push_back(i);
        }
        let mut next = 0;
        for statement in other.statements {
            if !keep(&statement.policy) {
                continue;
            }
            // The first pending pair of this policy, if any is left: add every pair up to it.
            let found = at.get_mut(statement.policy.as_str()).and_then(|places| {
                while places.front().is_some_and(|&i| i < next) {
                    places.pop_front();
                }
                places.front().copied()
            });
            if let Some(i) = found {
                for (vendor, policy) in &pending[next..=i] {
                    self.add_vendor(vendor, policy);
                }
                next = i + 1;
            }
            self.add_statements(vec![statement], lexicon);
        }
        for (vendor, policy) in &pending[next..] {
            self.add_vendor(vendor, policy);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Vendors added in any order, again and again (the last one is remembered), keep one node
    /// each with each policy once, in first-seen order.
    #[test]
    fn vendors_and_their_policies_are_added_once_in_any_order() {
        let mut g = ShareGraph::new();
        let calls = [
            ("Acme", "a.html"),
            ("Acme", "a.html"),
            ("Zeta", "z.html"),
            ("Acme", "a.html"),
            ("Acme", "a2.html"),
            ("Acme", ""),
            ("Zeta", "a.html"),
            ("Zeta", "z.html"),
        ];
        let indexes: Vec<NodeIndex> = calls.iter().map(|(v, p)| g.add_vendor(v, p)).collect();
        assert!(
            indexes
                .iter()
                .zip(calls)
                .all(|(&i, (v, _))| g.graph[i].label == v)
        );
        assert_eq!(g.nodes.len(), 2);
        let policies = |name: &str| {
            g.node(&ShareGraph::vendor_id(name))
                .map(|n| n.policies.clone())
        };
        assert_eq!(
            policies("Acme"),
            Some(vec!["a.html".into(), "a2.html".into()])
        );
        assert_eq!(
            policies("Zeta"),
            Some(vec!["z.html".into(), "a.html".into()])
        );
    }
}
