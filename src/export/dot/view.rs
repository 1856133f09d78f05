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
        let label = |id: &str| {
            self.graph
                .node(&ShareGraph::data_id(id))
                .map_or(id.to_string(), |n| n.label.clone())
        };
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

/// A vendor → data edge of the drawing: first-party collection of one category, or of a group
/// of categories collapsed to their taxonomy parent.
pub(super) struct Collection {
    pub vendor: String,
    /// Drawn data node id.
    pub data: String,
    pub polarity: Polarity,
    /// How many collected categories the drawn one stands for.
    pub merged: usize,
    pub statements: Vec<usize>,
}

impl View<'_> {
    /// First-party collection edges, collapsed per vendor like edge labels.
    pub fn first_party(&self) -> Vec<Collection> {
        let mut by_vendor: IndexMap<(&str, Polarity), IndexMap<String, Vec<usize>>> =
            IndexMap::new();
        for ((from, to, kind, polarity), e) in &self.edges {
            if *kind == EdgeKind::Collects {
                let data = to.strip_prefix("data:").unwrap_or(to).to_string();
                let statements = by_vendor
                    .entry((from, *polarity))
                    .or_default()
                    .entry(data)
                    .or_default();
                extend_unique(statements, &e.statements);
            }
        }
        let mut out = Vec::new();
        for ((vendor, polarity), data) in by_vendor {
            let ids: Vec<String> = data.keys().cloned().collect();
            for (shown, members) in
                collapse(self.graph, &ids, self.options.collapse_data_after.max(1))
            {
                let mut statements = Vec::new();
                for m in &members {
                    extend_unique(&mut statements, &data[m]);
                }
                out.push(Collection {
                    vendor: vendor.to_string(),
                    data: ShareGraph::data_id(&shown),
                    polarity,
                    merged: members.len(),
                    statements,
                });
            }
        }
        out
    }
}

/// Group data categories under taxonomy parents until at most `limit` groups remain. A group moves
/// up when it would join another group under the same parent, so a lone category keeps its precise
/// name; only when no such merge is left do lone groups move up a level, and if that never leads
/// to a merge the grouping from before is kept. Returns `(shown category id, member ids)`.
pub(super) fn collapse(
    graph: &ShareGraph,
    data: &[String],
    limit: usize,
) -> Vec<(String, Vec<String>)> {
    let mut groups: Vec<(String, Vec<String>)> =
        data.iter().map(|d| (d.clone(), vec![d.clone()])).collect();
    let parent_of = |id: &str| {
        graph
            .node(&ShareGraph::data_id(id))
            .map(|n| n.parent.clone())
            .filter(|p| !p.is_empty() && graph.node(&ShareGraph::data_id(p)).is_some())
    };
    let mut before_lifting = None;
    while groups.len() > limit {
        let proposals: Vec<Option<String>> = groups.iter().map(|(id, _)| parent_of(id)).collect();
        if proposals.iter().all(Option::is_none) {
            break;
        }
        let mut demand: IndexMap<&str, usize> = IndexMap::new();
        for p in proposals.iter().flatten() {
            *demand.entry(p.as_str()).or_default() += 1;
        }
        for (id, _) in &groups {
            if let Some(d) = demand.get_mut(id.as_str()) {
                *d += 1;
            }
        }
        let can_merge = demand.values().any(|&d| d > 1);
        if !can_merge && before_lifting.is_none() {
            before_lifting = Some(groups.clone());
        }
        let mut next: IndexMap<String, Vec<String>> = IndexMap::new();
        for ((id, members), proposal) in groups.iter().zip(&proposals) {
            // A group others are joining stays put this round, so merges go one level at a time.
            let is_target = proposals.iter().flatten().any(|p| p == id);
            let key = match proposal {
                Some(p) if (demand[p.as_str()] > 1 || !can_merge) && !is_target => p.clone(),
                _ => id.clone(),
            };
            extend_unique(next.entry(key).or_default(), members);
        }
        groups = next.into_iter().collect();
    }
    match before_lifting {
        Some(before) if before.len() <= groups.len() => before,
        _ => groups,
    }
}
