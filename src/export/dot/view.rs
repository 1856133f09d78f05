//! What the diagram shows: the graph's edges filtered, merged into parent companies and cut to
//! the top parties, with the labels, roles and collapsed data lists the drawing needs.

use std::collections::BTreeSet;

use indexmap::IndexMap;

use super::DotOptions;
use super::syntax::truncate;
use crate::extract::{PartyKind, Polarity};
use crate::graph::{EdgeKind, Node, NodeKind, ShareGraph};

/// Evidence sentences in a tooltip, and characters kept of each.
const TOOLTIP_SENTENCES: usize = 3;
const TOOLTIP_CHARS: usize = 300;

/// An edge of the diagram: a graph edge, or several merged (parent aggregation).
#[derive(Debug, Default)]
pub(super) struct ViewEdge {
    pub data: Vec<String>,
    pub purposes: Vec<String>,
    pub conditions: Vec<String>,
    pub statements: Vec<usize>,
}

fn extend_unique<T: PartialEq + Clone>(list: &mut Vec<T>, items: &[T]) {
    for item in items {
        if !list.contains(item) {
            list.push(item.clone());
        }
    }
}

pub(super) type EdgeKey = (String, String, EdgeKind, Polarity);

/// What will be drawn, after aggregation, filtering and top-N.
pub(super) struct View<'g> {
    pub graph: &'g ShareGraph,
    options: &'g DotOptions,
    /// vendor → party, party → vendor (source-of), vendor → data, party → parent; by drawn ids.
    pub edges: IndexMap<EdgeKey, ViewEdge>,
    /// Drawn party id → labels of the parties merged into it (aggregation), in first-seen order.
    members: IndexMap<String, Vec<String>>,
}

impl<'g> View<'g> {
    pub fn new(graph: &'g ShareGraph, options: &'g DotOptions) -> View<'g> {
        let mut view = View {
            graph,
            options,
            edges: IndexMap::new(),
            members: IndexMap::new(),
        };
        for (a, b, e) in graph.edge_list() {
            if e.polarity == Polarity::Negative && !options.negatives {
                continue;
            }
            let (from, to) = match (e.kind, a.kind, b.kind) {
                (EdgeKind::Discloses, _, _) => (a.id.clone(), view.representative(b)),
                (EdgeKind::SourceOf, _, _) => (view.representative(a), b.id.clone()),
                (EdgeKind::Collects, NodeKind::Vendor, _) if options.first_party => {
                    (a.id.clone(), b.id.clone())
                }
                (EdgeKind::OwnedBy, _, _) if options.owned_by && !options.aggregate_parents => {
                    (a.id.clone(), b.id.clone())
                }
                // Party → data is already the label of vendor → party; subcategories are the
                // taxonomy, not a flow.
                _ => continue,
            };
            let merged = view
                .edges
                .entry((from, to, e.kind, e.polarity))
                .or_default();
            extend_unique(&mut merged.data, &e.data);
            extend_unique(&mut merged.purposes, &e.purposes);
            extend_unique(&mut merged.conditions, &e.conditions);
            extend_unique(&mut merged.statements, &e.statements);
        }
        view.keep_top();
        view
    }

    /// The drawn id of a party: its parent company when aggregating named parties.
    fn representative(&mut self, party: &Node) -> String {
        let parent = ShareGraph::party_id(&party.parent);
        let id = if self.options.aggregate_parents
            && party.party_kind == Some(PartyKind::Named)
            && !party.parent.is_empty()
            && self.graph.node(&parent).is_some()
        {
            parent
        } else {
            party.id.clone()
        };
        let members = self.members.entry(id.clone()).or_default();
        if !members.contains(&party.label) {
            members.push(party.label.clone());
        }
        id
    }

    /// The party end of a flow edge (discloses, source-of), if it is one.
    fn flow_party(key: &EdgeKey) -> Option<&str> {
        match key.2 {
            EdgeKind::Discloses => Some(&key.1),
            EdgeKind::SourceOf => Some(&key.0),
            _ => None,
        }
    }

    /// Statements per drawn party, in first-seen order.
    fn party_scores(&self) -> IndexMap<String, BTreeSet<usize>> {
        let mut scores: IndexMap<String, BTreeSet<usize>> = IndexMap::new();
        for (key, e) in &self.edges {
            if let Some(p) = View::flow_party(key) {
                scores
                    .entry(p.to_string())
                    .or_default()
                    .extend(e.statements.iter().copied());
            }
        }
        scores
    }

    fn keep_top(&mut self) {
        let Some(n) = self.options.top else { return };
        let mut ranked: Vec<(usize, usize, String)> = self
            .party_scores()
            .into_iter()
            .enumerate()
            .map(|(order, (id, s))| (usize::MAX - s.len(), order, id))
            .collect();
        ranked.sort();
        let kept: BTreeSet<String> = ranked.into_iter().take(n).map(|(_, _, id)| id).collect();
        self.edges.retain(|key, _| match View::flow_party(key) {
            Some(p) => kept.contains(p),
            None if key.2 == EdgeKind::OwnedBy => kept.contains(&key.0),
            None => true,
        });
    }

    /// Parties with drawn flows, and parents that are drawn only as owners.
    pub fn parties(&self) -> (Vec<String>, Vec<String>) {
        let active: Vec<String> = self.party_scores().into_keys().collect();
        let mut owners = Vec::new();
        for key in self.edges.keys().filter(|k| k.2 == EdgeKind::OwnedBy) {
            if !active.contains(&key.1) && !owners.contains(&key.1) {
                owners.push(key.1.clone());
            }
        }
        (active, owners)
    }

    /// The role a drawn party is filed under: the most common role of the parties drawn as it
    /// (just its own, unless parents are aggregated), first seen on ties.
    pub fn role(&self, id: &str) -> String {
        let role_of = |label: &str| {
            self.graph
                .node(&ShareGraph::party_id(label))
                .map_or("", |n| n.role.as_str())
        };
        let mut counts: IndexMap<&str, usize> = IndexMap::new();
        for label in self.members.get(id).into_iter().flatten() {
            *counts.entry(role_of(label)).or_default() += 1;
        }
        let top = counts.values().copied().max().unwrap_or(0);
        match counts.into_iter().find(|(_, c)| *c == top) {
            Some((role, _)) => role.to_string(),
            None => self
                .graph
                .node(id)
                .map_or(String::new(), |n| n.role.clone()),
        }
    }

    /// A drawn party's label; a merged parent lists the parties merged into it below its name.
    pub fn label(&self, id: &str) -> String {
        let label = self
            .graph
            .node(id)
            .map_or(id, |n| n.label.as_str())
            .to_string();
        match self.members.get(id) {
            Some(members) if members.iter().any(|m| *m != label) => {
                let others: Vec<&str> = members
                    .iter()
                    .map(String::as_str)
                    .filter(|m| *m != label)
                    .collect();
                format!("{label}\n({})", others.join(", "))
            }
            _ => label,
        }
    }

    /// The data categories of an edge as display lines: collapsed to taxonomy parents when more
    /// than `collapse_data_after`, then truncated with "+k more".
    pub fn data_items(&self, data: &[String]) -> Vec<String> {
        let limit = self.options.collapse_data_after.max(1);
        let groups = collapse(self.graph, data, limit);
        let label = |id: &str| self.data_label(id);
        let mut items: Vec<String> = groups
            .iter()
            .take(limit)
            .map(|(id, members)| {
                if members.len() > 1 {
                    format!("{} ({})", label(id), members.len())
                } else {
                    label(id)
                }
            })
            .collect();
        if groups.len() > limit {
            items.push(format!("+{} more", groups.len() - limit));
        }
        items
    }

    /// The first few distinct evidence sentences, each cut to a readable length.
    pub fn tooltip(&self, statements: &[usize]) -> String {
        let mut seen = Vec::new();
        for s in statements
            .iter()
            .filter_map(|&i| self.graph.statements.get(i))
        {
            let sentence = truncate(&s.sentence, TOOLTIP_CHARS);
            if !seen.contains(&sentence) {
                seen.push(sentence);
            }
            if seen.len() == TOOLTIP_SENTENCES {
                break;
            }
        }
        seen.join("\n\n")
    }
}

/// What a vendor says it collects itself, or says it does not: one note in the drawing.
pub(super) struct Collection {
    pub vendor: String,
    pub polarity: Polarity,
    /// Data category ids, first seen first.
    pub data: Vec<String>,
    pub statements: Vec<usize>,
}

impl View<'_> {
    /// First-party collection, per vendor and polarity.
    pub fn first_party(&self) -> Vec<Collection> {
        let mut by_vendor: IndexMap<(&str, Polarity), Collection> = IndexMap::new();
        for ((from, to, kind, polarity), e) in &self.edges {
            if *kind == EdgeKind::Collects {
                let c = by_vendor
                    .entry((from, *polarity))
                    .or_insert_with(|| Collection {
                        vendor: from.clone(),
                        polarity: *polarity,
                        data: Vec::new(),
                        statements: Vec::new(),
                    });
                let data = to.strip_prefix("data:").unwrap_or(to).to_string();
                extend_unique(&mut c.data, &[data]);
                extend_unique(&mut c.statements, &e.statements);
            }
        }
        by_vendor.into_values().collect()
    }

    /// Data categories grouped under their top-level category, for a note: one
    /// `(top-level label, labels of the categories under it)` per group, first seen first. A
    /// top-level category mentioned by itself has no labels under it.
    pub fn by_top_category(&self, data: &[String]) -> Vec<(String, Vec<String>)> {
        let mut groups: IndexMap<&str, Vec<String>> = IndexMap::new();
        for id in data {
            let chain = ancestry(self.graph, id);
            // The ancestor just below the root; a root or top-level category stands for itself.
            let top = if chain.len() >= 2 {
                chain[chain.len() - 2]
            } else {
                id.as_str()
            };
            let members = groups.entry(top).or_default();
            if id != top {
                members.push(self.data_label(id));
            }
        }
        groups
            .into_iter()
            .map(|(top, members)| (self.data_label(top), members))
            .collect()
    }

    fn data_label(&self, id: &str) -> String {
        self.graph
            .node(&ShareGraph::data_id(id))
            .map_or(id.to_string(), |n| n.label.clone())
    }
}

/// A category and its taxonomy ancestors, nearest first, as far as the graph has them.
fn ancestry<'g>(graph: &'g ShareGraph, id: &'g str) -> Vec<&'g str> {
    let mut chain = vec![id];
    while let Some(parent) = graph
        .node(&ShareGraph::data_id(chain[chain.len() - 1]))
        .map(|n| n.parent.as_str())
        .filter(|p| !p.is_empty() && graph.node(&ShareGraph::data_id(p)).is_some())
    {
        // The lexicon loader rejects cycles; stay finite on a hand-built graph anyway.
        if chain.contains(&parent) {
            break;
        }
        chain.push(parent);
    }
    chain
}

/// Group data categories so that at most `limit` groups remain: every category is replaced by its
/// taxonomy ancestor at one depth, the deepest depth that gives few enough groups (the roots if
/// none does; the caller then cuts the list). A group of one keeps its own, precise category.
/// Returns `(shown category id, member ids)` in first-seen order.
pub(super) fn collapse(
    graph: &ShareGraph,
    data: &[String],
    limit: usize,
) -> Vec<(String, Vec<String>)> {
    let chains: Vec<Vec<&str>> = data.iter().map(|d| ancestry(graph, d)).collect();
    let at_depth = |depth: usize| {
        let mut groups: IndexMap<&str, Vec<String>> = IndexMap::new();
        for (id, chain) in data.iter().zip(&chains) {
            let own = chain.len() - 1;
            let key = if own > depth {
                chain[own - depth]
            } else {
                id.as_str()
            };
            extend_unique(groups.entry(key).or_default(), std::slice::from_ref(id));
        }
        groups
            .into_iter()
            .map(|(key, members)| match members.as_slice() {
                [one] => (one.clone(), members),
                _ => (key.to_string(), members),
            })
            .collect::<Vec<_>>()
    };
    let deepest = chains.iter().map(|c| c.len() - 1).max().unwrap_or(0);
    (0..=deepest)
        .rev()
        .map(at_depth)
        .find(|groups| groups.len() <= limit)
        .unwrap_or_else(|| at_depth(0))
}
