//! DOT export: a diagram of who receives which data, as a graphviz-rust AST printed to text.
//!
//! Layout (left to right): vendors as bold boxes; third parties in one cluster per role, filled
//! with the role's colour (named parties solid, classes of parties dashed); parent companies that
//! only appear as owners in their own cluster; beside each vendor a note listing the data it
//! collects itself, grouped by top-level category (and one for what it says it does not collect).
//! Edges:
//! - vendor → party, labelled with the data categories it receives (conditions below as `if …`);
//!   more than `collapse_data_after` categories are shown by their taxonomy parents, the full list
//!   in the tooltip;
//! - a negative statement ("we do not share X with P") the same way, dashed grey, `not:` label;
//! - source-of, blue: the vendor receives data from the party. It is written `vendor -> party` with
//!   `dir=back`, so the arrow points at the vendor but the party stays right of it in the layout;
//! - party → parent company, dotted (`owned_by`);
//! - vendor — its data note, light grey.
//!
//! Nodes and edges carry `class` (CSS hooks in SVG) and `tooltip` (the evidence sentences). Every
//! string is quoted and escaped (see [`quote`]); node ids are the graph's node ids (notes:
//! `collects:<polarity>:<vendor id>`, legend: `legend:…`), and all iteration follows the graph's
//! insertion order, so the same graph and options give the same bytes.

mod syntax;
mod view;

use std::collections::BTreeSet;

use graphviz_rust::dot_structures::{Attribute, Graph, GraphAttributes, Id, Stmt};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use indexmap::IndexMap;

use super::data_labels;
use crate::extract::{PartyKind, Polarity};
use crate::graph::{EdgeKind, NodeKind, ShareGraph};
pub use syntax::quote;
use syntax::{attr, attr_left, class_name, cluster, edge, html_text, node, wrap};
use view::{View, ViewEdge};

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
    /// Draw a note beside each vendor listing the data it collects itself. Default true.
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

/// Colours for roles outside the known list (picked by a hash of the role).
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
/// Characters per line of a first-party data note.
const NOTE_WIDTH: usize = 44;

/// Characters per edge-label line before wrapping.
const LABEL_WIDTH: usize = 28;

/// Fill colours of the roles present: known roles first in their order, others alphabetically,
/// the unnamed role last. An unknown role's colour comes from a hash of its name, so it is the
/// same in every diagram.
fn role_colours(roles: &BTreeSet<String>) -> IndexMap<String, &'static str> {
    let mut colours = IndexMap::new();
    for (role, colour) in ROLE_COLOURS {
        if roles.contains(role) {
            colours.insert(role.to_string(), colour);
        }
    }
    for role in roles
        .iter()
        .filter(|r| !ROLE_COLOURS.iter().any(|(k, _)| k == *r))
    {
        // FNV-1a: tiny, and unlike std's hasher fixed across Rust versions.
        let hash = role.bytes().fold(0xcbf29ce484222325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
        });
        colours.insert(
            role.clone(),
            EXTRA_COLOURS[(hash % EXTRA_COLOURS.len() as u64) as usize],
        );
    }
    if let Some(colour) = colours.shift_remove("") {
        colours.insert(String::new(), colour);
    }
    colours
}

fn role_title(role: &str) -> &str {
    if role.is_empty() { "other" } else { role }
}

/// The statements of the DOT file being built, numbering clusters as they come.
struct Drawing {
    stmts: Vec<Stmt>,
    clusters: usize,
}

impl Drawing {
    fn cluster(&mut self, name: &str, attrs: Vec<Attribute>, members: Vec<Stmt>) {
        self.clusters += 1;
        self.stmts
            .push(cluster(self.clusters, name, attrs, members));
    }
}

/// The diagram as a graphviz-rust AST.
pub fn to_graph(graph: &ShareGraph, options: &DotOptions) -> Graph {
    let view = View::new(graph, options);
    let mut drawing = Drawing {
        stmts: defaults(options),
        clusters: 0,
    };
    vendors(&mut drawing, graph);
    let colours = parties(&mut drawing, &view);
    for ((from, to, kind, polarity), e) in &view.edges {
        match kind {
            EdgeKind::Discloses | EdgeKind::SourceOf => {
                drawing
                    .stmts
                    .push(flow_edge(&view, options, from, to, *kind, *polarity, e));
            }
            EdgeKind::OwnedBy => drawing.stmts.push(edge(
                from,
                to,
                vec![
                    attr("style", "dotted"),
                    attr("color", OWNED_COLOUR),
                    attr("arrowhead", "empty"),
                    attr("class", "owned_by"),
                ],
            )),
            // Drawn as one note per vendor, below.
            EdgeKind::Collects | EdgeKind::SubcategoryOf => {}
        }
    }
    for c in view.first_party() {
        collection_note(&mut drawing, &view, &c);
    }
    if options.legend {
        let (name, attrs, members) = legend(&colours, &view);
        // Nothing drawn, nothing to explain.
        if !members.is_empty() {
            drawing.cluster(name, attrs, members);
        }
    }
    Graph::DiGraph {
        id: Id::Plain("sharegraph".to_string()),
        strict: false,
        stmts: drawing.stmts,
    }
}

/// Graph, node and edge defaults.
fn defaults(options: &DotOptions) -> Vec<Stmt> {
    vec![
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
    ]
}

/// Every vendor of the graph, even one whose policy said nothing drawable.
fn vendors(drawing: &mut Drawing, graph: &ShareGraph) {
    for v in graph.node_list().filter(|n| n.kind == NodeKind::Vendor) {
        drawing.stmts.push(node(
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
}

/// One cluster per role, then the parent companies drawn only as owners. Returns the role colours.
fn parties(drawing: &mut Drawing, view: &View) -> IndexMap<String, &'static str> {
    let (active, owners) = view.parties();
    let roles: IndexMap<&String, String> = active.iter().map(|p| (p, view.role(p))).collect();
    let colours = role_colours(&roles.values().cloned().collect());
    for (role, colour) in &colours {
        let class = format!("party role-{}", class_name(role_title(role)));
        let members = roles
            .iter()
            .filter(|(_, r)| *r == role)
            .map(|(id, _)| {
                // A class of recipients ("advertisers") is vaguer than a company: dashed border.
                let vague =
                    view.graph.node(id).and_then(|n| n.party_kind) == Some(PartyKind::Class);
                let style = if vague {
                    "rounded,filled,dashed"
                } else {
                    "rounded,filled"
                };
                node(
                    id,
                    vec![
                        attr("label", &view.label(id)),
                        attr("shape", "box"),
                        attr("style", style),
                        attr("fillcolor", colour),
                        attr("class", &class),
                    ],
                )
            })
            .collect();
        drawing.cluster(
            &class_name(role_title(role)),
            vec![
                attr("label", role_title(role)),
                attr("style", "rounded,filled"),
                attr("color", colour),
                // The role colour at a quarter strength, so the members stand out.
                attr("fillcolor", &format!("{colour}40")),
            ],
            members,
        );
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
        drawing.cluster(
            "parents",
            vec![
                attr("label", "parent companies"),
                attr("style", "rounded,dashed"),
                attr("color", "#bbbbbb"),
            ],
            members,
        );
    }
    colours
}

/// vendor → party (discloses) or party → vendor (source-of), labelled with the data.
fn flow_edge(
    view: &View,
    options: &DotOptions,
    from: &str,
    to: &str,
    kind: EdgeKind,
    polarity: Polarity,
    e: &ViewEdge,
) -> Stmt {
    let negative = polarity == Polarity::Negative;
    let mut items = view.data_items(&e.data);
    if negative && let Some(first) = items.first_mut() {
        *first = format!("not: {first}");
    }
    let mut lines = wrap(&items, LABEL_WIDTH);
    if !e.conditions.is_empty() {
        let conditions: Vec<String> = e.conditions.iter().map(|c| c.replace('-', " ")).collect();
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
    let mut attrs = vec![
        attr("label", &lines.join("\n")),
        attr("color", colour),
        attr("fontcolor", colour),
    ];
    if negative {
        attrs.push(attr("style", "dashed"));
    }
    let mut tooltip = view.tooltip(&e.statements);
    if e.data.len() > options.collapse_data_after {
        // The label is shortened: the full list is one hover away.
        tooltip = format!(
            "{}\n\n{tooltip}",
            data_labels(view.graph, &e.data).join(", ")
        );
    }
    attrs.push(attr("tooltip", &tooltip));
    let class = format!(
        "{}{}",
        kind.as_str(),
        if negative { " negative" } else { "" }
    );
    attrs.push(attr("class", &class));
    if kind == EdgeKind::SourceOf {
        // Written vendor → party so that ranks keep vendors on the left; the arrow points back.
        attrs.push(attr("dir", "back"));
        edge(to, from, attrs)
    } else {
        edge(from, to, attrs)
    }
}

/// What a vendor collects itself: a note listing the categories grouped under their top-level
/// category, linked to the vendor by a light edge. One note per vendor rather than a node per
/// category: per-category nodes shared by all vendors turn into a web of long crossing edges.
fn collection_note(drawing: &mut Drawing, view: &View, c: &view::Collection) {
    let negative = c.polarity == Polarity::Negative;
    let vendor = view
        .graph
        .node(&c.vendor)
        .map_or(c.vendor.as_str(), |n| n.label.as_str());
    let mut text = if negative {
        format!("{vendor} does not collect:\n")
    } else {
        format!("{vendor} collects:\n")
    };
    for (top, members) in view.by_top_category(&c.data) {
        let mut items = members;
        match items.first_mut() {
            Some(first) => *first = format!("{top}: {first}"),
            None => items.push(top),
        }
        for (i, line) in wrap(&items, NOTE_WIDTH).iter().enumerate() {
            // Continuation lines are indented under their group.
            text.push_str(if i == 0 { "• " } else { "   " });
            text.push_str(line);
            text.push('\n');
        }
    }
    let id = format!("collects:{}:{}", c.polarity.as_str(), c.vendor);
    let (colour, style) = if negative {
        (NEGATIVE_COLOUR, "filled,dashed")
    } else {
        (COLLECT_COLOUR, "filled")
    };
    drawing.stmts.push(node(
        &id,
        vec![
            attr_left("label", &text),
            attr("shape", "note"),
            attr("style", style),
            attr("color", if negative { NEGATIVE_COLOUR } else { "#b0a060" }),
            attr("fillcolor", if negative { "#f4f4f4" } else { DATA_FILL }),
            attr("fontsize", "9"),
            attr(
                "class",
                if negative {
                    "data collects negative"
                } else {
                    "data collects"
                },
            ),
            attr("tooltip", &view.tooltip(&c.statements)),
        ],
    ));
    let mut attrs = vec![attr("color", colour), attr("arrowhead", "none")];
    if negative {
        attrs.push(attr("style", "dashed"));
    }
    drawing.stmts.push(edge(&c.vendor, &id, attrs));
}

/// The legend cluster: a swatch per role drawn (one HTML-like table, compact), and a sample of
/// each edge style drawn.
fn legend(
    colours: &IndexMap<String, &'static str>,
    view: &View,
) -> (&'static str, Vec<Attribute>, Vec<Stmt>) {
    let mut stmts = Vec::new();
    if !colours.is_empty() {
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
        let table =
            format!("<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"3\">{rows}</TABLE>>");
        stmts.push(node(
            "legend:roles",
            vec![
                Attribute(Id::Plain("label".to_string()), Id::Html(table)),
                attr("shape", "plain"),
                attr("fontsize", "9"),
            ],
        ));
    }
    let drawn = |kind: EdgeKind, polarity: Polarity| {
        view.edges.keys().any(|k| k.2 == kind && k.3 == polarity)
    };
    let negatives = view.edges.keys().any(|k| k.3 == Polarity::Negative);
    let samples = [
        (
            drawn(EdgeKind::Discloses, Polarity::Positive),
            "vendor shares data with party",
            vec![attr("color", DISCLOSE_COLOUR)],
        ),
        (
            negatives,
            "policy says it does NOT",
            vec![attr("color", NEGATIVE_COLOUR), attr("style", "dashed")],
        ),
        (
            drawn(EdgeKind::SourceOf, Polarity::Positive),
            "vendor receives data from party",
            vec![attr("color", SOURCE_COLOUR)],
        ),
        (
            drawn(EdgeKind::OwnedBy, Polarity::Positive),
            "owned by",
            vec![
                attr("color", OWNED_COLOUR),
                attr("style", "dotted"),
                attr("arrowhead", "empty"),
            ],
        ),
        (
            drawn(EdgeKind::Collects, Polarity::Positive),
            "vendor collects itself",
            vec![attr("color", COLLECT_COLOUR), attr("arrowhead", "none")],
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
    let attrs = vec![
        attr("label", "legend"),
        attr("style", "rounded"),
        attr("color", "#cccccc"),
        attr("fontsize", "10"),
    ];
    ("legend", attrs, stmts)
}

/// The diagram as DOT text, ending with a newline.
pub fn to_dot(graph: &ShareGraph, options: &DotOptions) -> String {
    let mut text = to_graph(graph, options).print(&mut PrinterContext::default());
    text.push('\n');
    text
}
