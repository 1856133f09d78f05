//! DOT export: a diagram of who receives which data, as a graphviz-rust AST printed to text.
//!
//! Layout (left to right): vendors as bold boxes; third parties in one cluster per role, filled
//! with the role's colour (named parties solid, classes of parties dashed); parent companies that
//! only appear as owners in their own cluster; first-party data categories as notes on the right.
//! Edges:
//! - vendor → party, labelled with the data categories it receives (conditions below as `if …`);
//! - a negative statement ("we do not share X with P") the same way, dashed grey, `not:` label;
//! - source-of, blue: the vendor receives data from the party. It is written `vendor -> party` with
//!   `dir=back`, so the arrow points at the vendor but the party stays right of it in the layout;
//! - party → parent company, dotted (`owned_by`);
//! - vendor → data it collects itself, light grey.
//!
//! Edges and nodes carry `class` (SVG CSS hooks) and edges a `tooltip` with the evidence sentences.
//! Every string is quoted and escaped (see [`quote`]); node ids are the graph's node ids, so the
//! output is deterministic: same graph and options, same bytes.

use std::collections::BTreeSet;

use graphviz_rust::dot_structures::{
    Attribute, Edge as DotEdge, EdgeTy, Graph, GraphAttributes, Id, Node as DotNode, NodeId, Stmt,
    Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use indexmap::IndexMap;

use crate::extract::{PartyKind, Polarity};
use crate::graph::{EdgeKind, Node, NodeKind, ShareGraph};

/// What the diagram shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DotOptions {
    /// Draw negative statements (dashed grey). Default true: "we do not sell to advertisers" matters.
    pub negatives: bool,
    /// Merge each named party into its parent company ("Google (Google Analytics, Firebase)").
    pub aggregate_parents: bool,
    /// Keep only the N parties with the most statements (ties: first seen first).
    pub top: Option<usize>,
    /// When an edge carries more data categories than this, show their taxonomy parents instead
    /// (and, if still too many, the first ones and "+k more"). Default 4.
    pub collapse_data_after: usize,
    /// Draw vendor → data edges for the data the vendor collects itself. Default true.
    pub first_party: bool,
    /// Draw party → parent company edges. Default true.
    pub owned_by: bool,
    /// Add purposes (`for …`) to edge labels. Default false: labels stay short.
    pub purposes: bool,
    /// Add a legend cluster (colours of roles, edge styles). Default true.
    pub legend: bool,
    /// A title above the diagram.
    pub title: Option<String>,
}

impl Default for DotOptions {
    fn default() -> Self {
        DotOptions {
            negatives: true,
            aggregate_parents: false,
            top: None,
            collapse_data_after: 4,
            first_party: true,
            owned_by: true,
            purposes: false,
            legend: true,
            title: None,
        }
    }
}

/// Known roles in display order, with their fill colour (ColorBrewer Set3, readable under black text).
const ROLE_COLOURS: [(&str, &str); 10] = [
    ("payment", "#fdb462"),
    ("analytics", "#80b1d3"),
    ("advertising", "#fb8072"),
    ("social-network", "#bebada"),
    ("service-provider", "#8dd3c7"),
    ("affiliate", "#ffffb3"),
    ("acquirer", "#fccde5"),
    ("government", "#d9d9d9"),
    ("public", "#ccebc5"),
    ("", "#eeeeee"),
];

/// Colours for roles outside the known list, handed out in alphabetical order of role.
const EXTRA_COLOURS: [&str; 6] = [
    "#b3de69", "#bc80bd", "#e5c494", "#a6cee3", "#fddaec", "#c7e9c0",
];

const DISCLOSE_COLOUR: &str = "#333333";
const NEGATIVE_COLOUR: &str = "#9a9a9a";
const SOURCE_COLOUR: &str = "#1f78b4";
const OWNED_COLOUR: &str = "#777777";
const COLLECT_COLOUR: &str = "#c4c4c4";
const VENDOR_FILL: &str = "#dceaf7";
const DATA_FILL: &str = "#fffbe6";

/// Characters per edge-label line before wrapping.
const LABEL_WIDTH: usize = 28;
/// Evidence sentences in an edge tooltip, and characters kept of each.
const TOOLTIP_SENTENCES: usize = 3;
const TOOLTIP_CHARS: usize = 300;

/// A DOT double-quoted string for a label or other escString attribute: `"` and `\` escaped,
/// newlines as `\n` (Graphviz's centred line break), other control characters dropped, and `&`,
/// `<`, `>` as entities (Graphviz decodes entities in labels, so a literal `&amp;` in a name would
/// otherwise render as `&`).
pub fn quote(text: &str) -> Id {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    Id::Escaped(out)
}

/// A DOT double-quoted node id: only `"`, `\` and line breaks need escaping for the id to end where
/// it should; the id is never shown (labels are always set).
fn quote_id(id: &str) -> Id {
    let mut out = String::with_capacity(id.len() + 2);
    out.push('"');
    for c in id.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    Id::Escaped(out)
}

/// An SVG class name from open-ended data: lowercase ASCII letters, digits and `-` only.
fn class_name(text: &str) -> String {
    let s: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    if s.is_empty() { "other".to_string() } else { s }
}

/// Text inside an HTML-like label: markup characters as entities, control characters dropped.
fn html_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn attr(key: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(key.to_string()), quote(value))
}

fn node(id: &str, attrs: Vec<Attribute>) -> Stmt {
    Stmt::Node(DotNode::new(NodeId(quote_id(id), None), attrs))
}

fn edge(from: &str, to: &str, attrs: Vec<Attribute>) -> Stmt {
    Stmt::Edge(DotEdge {
        ty: EdgeTy::Pair(
            Vertex::N(NodeId(quote_id(from), None)),
            Vertex::N(NodeId(quote_id(to), None)),
        ),
        attributes: attrs,
    })
}

fn cluster(index: usize, name: &str, attrs: Vec<Attribute>, stmts: Vec<Stmt>) -> Stmt {
    let mut all: Vec<Stmt> = attrs.into_iter().map(Stmt::Attribute).collect();
    all.extend(stmts);
    Stmt::Subgraph(Subgraph {
        id: Id::Plain(format!("cluster_{index}_{name}")),
        stmts: all,
    })
}

/// Wrap items into lines of about [`LABEL_WIDTH`] characters, separated by ", ".
fn wrap(items: &[String]) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let piece = if i + 1 < items.len() {
            format!("{item},")
        } else {
            item.clone()
        };
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + piece.chars().count() <= LABEL_WIDTH => {
                line.push(' ');
                line.push_str(&piece);
            }
            _ => lines.push(piece),
        }
    }
    lines
}

fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}

/// An edge of the diagram: a graph edge, or several merged (parent aggregation).
#[derive(Debug, Default)]
struct ViewEdge {
    data: Vec<String>,
    purposes: Vec<String>,
    conditions: Vec<String>,
    statements: Vec<usize>,
}

fn extend_unique<T: PartialEq + Clone>(list: &mut Vec<T>, items: &[T]) {
    for item in items {
        if !list.contains(item) {
            list.push(item.clone());
        }
    }
}

type EdgeKey = (String, String, EdgeKind, Polarity);

/// What will be drawn, after aggregation, filtering and top-N.
struct View<'g> {
    graph: &'g ShareGraph,
    options: &'g DotOptions,
    /// vendor → party, party → vendor (source-of), vendor → data, party → parent; by drawn ids.
    edges: IndexMap<EdgeKey, ViewEdge>,
    /// Drawn party id → labels of the parties merged into it (aggregation), in first-seen order.
    members: IndexMap<String, Vec<String>>,
}

impl<'g> View<'g> {
    fn new(graph: &'g ShareGraph, options: &'g DotOptions) -> View<'g> {
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
    fn parties(&self) -> (Vec<String>, Vec<String>) {
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
    fn role(&self, id: &str) -> String {
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

    fn label(&self, id: &str) -> String {
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
    fn data_items(&self, data: &[String]) -> Vec<String> {
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

    fn tooltip(&self, statements: &[usize]) -> String {
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

/// Group data categories under taxonomy parents until at most `limit` groups remain (or no group
/// can move up). A group moves up only when it would join another group under the same parent, so
/// a lone category keeps its precise name. Returns `(shown category id, member ids)`.
fn collapse(graph: &ShareGraph, data: &[String], limit: usize) -> Vec<(String, Vec<String>)> {
    let mut groups: Vec<(String, Vec<String>)> =
        data.iter().map(|d| (d.clone(), vec![d.clone()])).collect();
    let parent_of = |id: &str| {
        graph
            .node(&ShareGraph::data_id(id))
            .map(|n| n.parent.clone())
            .filter(|p| !p.is_empty() && graph.node(&ShareGraph::data_id(p)).is_some())
    };
    while groups.len() > limit {
        let proposals: Vec<Option<String>> = groups.iter().map(|(id, _)| parent_of(id)).collect();
        let mut demand: IndexMap<&str, usize> = IndexMap::new();
        for p in proposals.iter().flatten() {
            *demand.entry(p.as_str()).or_default() += 1;
        }
        for (id, _) in &groups {
            if let Some(d) = demand.get_mut(id.as_str()) {
                *d += 1;
            }
        }
        let mut next: IndexMap<String, Vec<String>> = IndexMap::new();
        for ((id, members), proposal) in groups.iter().zip(&proposals) {
            // A group others are joining stays put this round, so merges go one level at a time.
            let is_target = proposals.iter().flatten().any(|p| p == id);
            let key = match proposal {
                Some(p) if demand[p.as_str()] > 1 && !is_target => p.clone(),
                _ => id.clone(),
            };
            extend_unique(next.entry(key).or_default(), members);
        }
        if next.len() == groups.len() {
            break;
        }
        groups = next.into_iter().collect();
    }
    groups
}

/// Fill colours of the roles present, known roles first in their order, others alphabetically.
fn role_colours(roles: &BTreeSet<String>) -> IndexMap<String, &'static str> {
    let mut colours = IndexMap::new();
    for (role, colour) in ROLE_COLOURS {
        if roles.contains(role) {
            colours.insert(role.to_string(), colour);
        }
    }
    let unknown = roles
        .iter()
        .filter(|r| !ROLE_COLOURS.iter().any(|(k, _)| k == *r));
    for (i, role) in unknown.enumerate() {
        colours.insert(role.clone(), EXTRA_COLOURS[i % EXTRA_COLOURS.len()]);
    }
    // The unnamed role sorts last, after the other unknown ones.
    if let Some(colour) = colours.shift_remove("") {
        colours.insert(String::new(), colour);
    }
    colours
}

fn role_title(role: &str) -> &str {
    if role.is_empty() { "other" } else { role }
}

/// The diagram as a graphviz-rust AST.
pub fn to_graph(graph: &ShareGraph, options: &DotOptions) -> Graph {
    let view = View::new(graph, options);
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("rankdir", "LR"),
            attr("fontname", "Helvetica"),
            attr("fontsize", "12"),
            attr("nodesep", "0.25"),
            attr("ranksep", "1.1"),
            attr("newrank", "true"),
            attr("labelloc", "t"),
            attr("label", options.title.as_deref().unwrap_or("")),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("fontname", "Helvetica"),
            attr("fontsize", "11"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("fontname", "Helvetica"),
            attr("fontsize", "9"),
            attr("arrowsize", "0.7"),
        ])),
    ];

    // Vendors: every vendor of the graph, even one whose policy said nothing drawable.
    for v in graph.node_list().filter(|n| n.kind == NodeKind::Vendor) {
        stmts.push(node(
            &v.id,
            vec![
                attr("label", &v.label),
                attr("shape", "box"),
                attr("style", "bold,filled"),
                attr("penwidth", "2"),
                attr("fillcolor", VENDOR_FILL),
                attr("fontname", "Helvetica-Bold"),
                attr("class", "vendor"),
                attr("tooltip", &v.policies.join("\n")),
            ],
        ));
    }

    let (active, owners) = view.parties();
    let roles: IndexMap<&String, String> = active.iter().map(|p| (p, view.role(p))).collect();
    let colours = role_colours(&roles.values().cloned().collect());
    let mut clusters = 0;
    for (role, colour) in &colours {
        let members: Vec<Stmt> = roles
            .iter()
            .filter(|(_, r)| *r == role)
            .map(|(id, _)| {
                let class = graph.node(id).and_then(|n| n.party_kind) == Some(PartyKind::Class);
                node(
                    id,
                    vec![
                        attr("label", &view.label(id)),
                        attr("shape", "box"),
                        attr(
                            "style",
                            if class {
                                "rounded,filled,dashed"
                            } else {
                                "rounded,filled"
                            },
                        ),
                        attr("fillcolor", colour),
                        attr(
                            "class",
                            &format!("party role-{}", class_name(role_title(role))),
                        ),
                    ],
                )
            })
            .collect();
        clusters += 1;
        stmts.push(cluster(
            clusters,
            &class_name(role_title(role)).replace('-', "_"),
            vec![
                attr("label", role_title(role)),
                attr("style", "rounded,filled"),
                attr("color", colour),
                // The cluster is the role colour at a quarter strength, so its members stand out.
                attr("fillcolor", &format!("{colour}40")),
            ],
            members,
        ));
    }
    if !owners.is_empty() {
        let members = owners
            .iter()
            .map(|id| {
                node(
                    id,
                    vec![
                        attr("label", &view.label(id)),
                        attr("shape", "box"),
                        attr("style", "rounded"),
                        attr("class", "party parent-company"),
                    ],
                )
            })
            .collect();
        clusters += 1;
        stmts.push(cluster(
            clusters,
            "parents",
            vec![
                attr("label", "parent companies"),
                attr("style", "rounded,dashed"),
                attr("color", "#bbbbbb"),
            ],
            members,
        ));
    }

    // First-party data, collapsed per vendor like edge labels.
    let mut data_nodes: IndexMap<String, ()> = IndexMap::new();
    let mut collect_edges: Vec<(String, String, Polarity, usize, Vec<usize>)> = Vec::new();
    let mut by_vendor: IndexMap<(String, Polarity), (Vec<String>, Vec<usize>)> = IndexMap::new();
    for ((from, to, kind, polarity), e) in &view.edges {
        if *kind == EdgeKind::Collects {
            let entry = by_vendor.entry((from.clone(), *polarity)).or_default();
            let data = to.strip_prefix("data:").unwrap_or(to);
            extend_unique(&mut entry.0, &[data.to_string()]);
            extend_unique(&mut entry.1, &e.statements);
        }
    }
    for ((vendor, polarity), (data, statements)) in &by_vendor {
        for (shown, members) in collapse(graph, data, options.collapse_data_after.max(1)) {
            let id = ShareGraph::data_id(&shown);
            data_nodes.insert(id.clone(), ());
            collect_edges.push((
                vendor.clone(),
                id,
                *polarity,
                members.len(),
                statements.clone(),
            ));
        }
    }
    if !data_nodes.is_empty() {
        let members = data_nodes
            .keys()
            .map(|id| {
                node(
                    id,
                    vec![
                        attr("label", &view.label(id)),
                        attr("shape", "note"),
                        attr("style", "filled"),
                        attr("fillcolor", DATA_FILL),
                        attr("class", "data"),
                    ],
                )
            })
            .collect();
        clusters += 1;
        stmts.push(cluster(
            clusters,
            "data",
            vec![
                attr("label", "collected by the vendor"),
                attr("style", "rounded"),
                attr("color", "#dddddd"),
            ],
            members,
        ));
    }

    for ((from, to, kind, polarity), e) in &view.edges {
        let negative = *polarity == Polarity::Negative;
        let mut attrs = Vec::new();
        match kind {
            EdgeKind::Discloses | EdgeKind::SourceOf => {
                let mut items = view.data_items(&e.data);
                if negative && let Some(first) = items.first_mut() {
                    *first = format!("not: {first}");
                }
                let mut lines = wrap(&items);
                if !e.conditions.is_empty() {
                    let conditions: Vec<String> =
                        e.conditions.iter().map(|c| c.replace('-', " ")).collect();
                    lines.push(format!("if {}", conditions.join(", ")));
                }
                if options.purposes && !e.purposes.is_empty() {
                    lines.push(format!("for {}", e.purposes.join(", ")));
                }
                let colour = match (negative, kind) {
                    (true, _) => NEGATIVE_COLOUR,
                    (false, EdgeKind::SourceOf) => SOURCE_COLOUR,
                    _ => DISCLOSE_COLOUR,
                };
                attrs.push(attr("label", &lines.join("\n")));
                attrs.push(attr("color", colour));
                attrs.push(attr("fontcolor", colour));
                if negative {
                    attrs.push(attr("style", "dashed"));
                }
                attrs.push(attr("tooltip", &view.tooltip(&e.statements)));
                let mut class = kind.as_str().to_string();
                if negative {
                    class.push_str(" negative");
                }
                attrs.push(attr("class", &class));
                if *kind == EdgeKind::SourceOf {
                    // Drawn vendor → party so that ranks keep vendors left; the arrow points back.
                    attrs.push(attr("dir", "back"));
                    stmts.push(edge(to, from, attrs));
                } else {
                    stmts.push(edge(from, to, attrs));
                }
            }
            EdgeKind::OwnedBy => {
                stmts.push(edge(
                    from,
                    to,
                    vec![
                        attr("style", "dotted"),
                        attr("color", OWNED_COLOUR),
                        attr("arrowhead", "empty"),
                        attr("class", "owned_by"),
                    ],
                ));
            }
            EdgeKind::Collects | EdgeKind::SubcategoryOf => {}
        }
    }
    for (vendor, data, polarity, merged, statements) in &collect_edges {
        let negative = *polarity == Polarity::Negative;
        let mut attrs = vec![
            attr(
                "color",
                if negative {
                    NEGATIVE_COLOUR
                } else {
                    COLLECT_COLOUR
                },
            ),
            // Two ranks: data sits right of the parties, not among them.
            attr("minlen", "2"),
            attr("tooltip", &view.tooltip(statements)),
            attr(
                "class",
                if negative {
                    "collects negative"
                } else {
                    "collects"
                },
            ),
        ];
        if negative {
            attrs.push(attr("style", "dashed"));
        }
        let label = match (negative, *merged > 1) {
            (true, true) => format!("not collected ({merged})"),
            (true, false) => "not collected".to_string(),
            (false, true) => format!("{merged} categories"),
            (false, false) => String::new(),
        };
        if !label.is_empty() {
            attrs.push(attr("label", &label));
            attrs.push(attr("fontcolor", NEGATIVE_COLOUR));
        }
        stmts.push(edge(vendor, data, attrs));
    }

    if options.legend {
        clusters += 1;
        stmts.push(legend(clusters, &colours, &view));
    }

    Graph::DiGraph {
        id: Id::Plain("sharegraph".to_string()),
        strict: false,
        stmts,
    }
}

/// The legend: a swatch per role drawn, and a sample of each edge style drawn.
fn legend(index: usize, colours: &IndexMap<String, &'static str>, view: &View) -> Stmt {
    let mut stmts = Vec::new();
    if !colours.is_empty() {
        // One HTML-like table (a swatch and a name per row) keeps the role key compact.
        let rows: String = colours
            .iter()
            .map(|(role, colour)| {
                format!(
                    "<TR><TD BGCOLOR=\"{colour}\" WIDTH=\"16\" HEIGHT=\"10\" STYLE=\"rounded\"></TD>\
                     <TD ALIGN=\"LEFT\">{}</TD></TR>",
                    html_text(role_title(role))
                )
            })
            .collect();
        stmts.push(node(
            "legend:roles",
            vec![
                Attribute(
                    Id::Plain("label".to_string()),
                    Id::Html(format!(
                        "<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"3\">{rows}</TABLE>>"
                    )),
                ),
                attr("shape", "plain"),
                attr("fontsize", "9"),
            ],
        ));
    }
    let kinds = |k: EdgeKind, p: Polarity| view.edges.keys().any(|key| key.2 == k && key.3 == p);
    let negatives = view.edges.keys().any(|key| key.3 == Polarity::Negative);
    let samples: [(bool, &str, Vec<Attribute>); 5] = [
        (
            kinds(EdgeKind::Discloses, Polarity::Positive),
            "vendor shares data with party",
            vec![attr("color", DISCLOSE_COLOUR)],
        ),
        (
            negatives,
            "policy says it does NOT",
            vec![attr("color", NEGATIVE_COLOUR), attr("style", "dashed")],
        ),
        (
            kinds(EdgeKind::SourceOf, Polarity::Positive),
            "vendor receives data from party",
            vec![attr("color", SOURCE_COLOUR)],
        ),
        (
            view.edges.keys().any(|key| key.2 == EdgeKind::OwnedBy),
            "owned by",
            vec![
                attr("color", OWNED_COLOUR),
                attr("style", "dotted"),
                attr("arrowhead", "empty"),
            ],
        ),
        (
            kinds(EdgeKind::Collects, Polarity::Positive),
            "vendor collects itself",
            vec![attr("color", COLLECT_COLOUR)],
        ),
    ];
    for (i, (present, text, mut attrs)) in samples.into_iter().enumerate() {
        if !present {
            continue;
        }
        let (a, b) = (
            format!("legend:edge:{i}:from"),
            format!("legend:edge:{i}:to"),
        );
        for id in [&a, &b] {
            stmts.push(node(
                id,
                vec![
                    attr("label", ""),
                    attr("shape", "point"),
                    attr("width", "0.05"),
                ],
            ));
        }
        attrs.push(attr("label", text));
        attrs.push(attr("fontcolor", "#555555"));
        stmts.push(edge(&a, &b, attrs));
    }
    cluster(
        index,
        "legend",
        vec![
            attr("label", "legend"),
            attr("style", "rounded"),
            attr("color", "#cccccc"),
            attr("fontsize", "10"),
        ],
        stmts,
    )
}

/// The diagram as DOT text, ending with a newline.
pub fn to_dot(graph: &ShareGraph, options: &DotOptions) -> String {
    let mut text = to_graph(graph, options).print(&mut PrinterContext::default());
    text.push('\n');
    text
}
