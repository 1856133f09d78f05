//! DOT export: it parses back with graphviz-rust, escapes hostile names, honours its options, and
//! Graphviz renders it (rendering tests print a message and pass when `dot` is not installed).

mod export_support;

use export_support::{HOSTILE, graph, hostile_graph};
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, Id, Node, NodeId, Stmt, Vertex,
};
use sharegraph::export::dot::{DotOptions, to_dot};
use sharegraph::export::render::{RenderFormat, dot_available, render};

/// Every statement of the graph, subgraphs flattened.
fn statements(g: &Graph) -> Vec<Stmt> {
    fn walk(stmts: &[Stmt], out: &mut Vec<Stmt>) {
        for s in stmts {
            if let Stmt::Subgraph(sub) = s {
                walk(&sub.stmts, out);
            }
            out.push(s.clone());
        }
    }
    let mut out = Vec::new();
    match g {
        Graph::DiGraph { stmts, .. } | Graph::Graph { stmts, .. } => walk(stmts, &mut out),
    }
    out
}

fn nodes(g: &Graph) -> Vec<Node> {
    statements(g)
        .into_iter()
        .filter_map(|s| if let Stmt::Node(n) = s { Some(n) } else { None })
        .collect()
}

fn edges(g: &Graph) -> Vec<Edge> {
    statements(g)
        .into_iter()
        .filter_map(|s| if let Stmt::Edge(e) = s { Some(e) } else { None })
        .collect()
}

fn id_text(id: &Id) -> String {
    match id {
        Id::Escaped(s) | Id::Plain(s) | Id::Html(s) | Id::Anonymous(s) => s.clone(),
    }
}

fn get(attrs: &[Attribute], key: &str) -> Option<String> {
    attrs
        .iter()
        .find(|a| id_text(&a.0) == key)
        .map(|a| id_text(&a.1))
}

/// What Graphviz shows for a quoted label: quotes stripped, escapes and entities resolved.
fn shown(label: &str) -> String {
    let inner = &label[1..label.len() - 1];
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some(other) => out.push(other),
                None => panic!("dangling backslash in {label}"),
            }
        } else {
            out.push(c);
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn node_id(id: &str) -> String {
    format!(
        "\"{}\"",
        id.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
    )
}

fn endpoints(e: &Edge) -> (String, String) {
    match &e.ty {
        EdgeTy::Pair(Vertex::N(NodeId(a, _)), Vertex::N(NodeId(b, _))) => (id_text(a), id_text(b)),
        other => panic!("unexpected edge {other:?}"),
    }
}

#[test]
fn golden_graph_parses_back_with_its_nodes_and_edges() {
    let text = to_dot(&graph(), &DotOptions::default());
    let parsed = graphviz_rust::parse(&text).unwrap();
    let ids: Vec<String> = nodes(&parsed).iter().map(|n| id_text(&n.id.0)).collect();
    for id in [
        "vendor:Apowersoft",
        "vendor:WPS Office",
        "party:Avangate",
        "party:Google",
        "collects:positive:vendor:Apowersoft",
    ] {
        assert!(ids.contains(&node_id(id)), "{id} missing from {ids:?}");
    }
    let pairs: Vec<(String, String)> = edges(&parsed).iter().map(endpoints).collect();
    assert!(pairs.contains(&(node_id("vendor:WPS Office"), node_id("party:Umeng"))));
    assert!(pairs.contains(&(node_id("party:Umeng"), node_id("party:Alibaba"))));
    assert!(text.contains("rankdir=\"LR\""));
}

#[test]
fn output_is_deterministic() {
    let options = DotOptions {
        aggregate_parents: true,
        ..DotOptions::default()
    };
    assert_eq!(to_dot(&graph(), &options), to_dot(&graph(), &options));
}

#[test]
fn edge_labels_name_the_data_and_collapse_long_lists() {
    let parsed = graphviz_rust::parse(&to_dot(&graph(), &DotOptions::default())).unwrap();
    let label = |from: &str, to: &str| {
        edges(&parsed)
            .iter()
            .filter(|e| endpoints(e) == (node_id(from), node_id(to)))
            .filter_map(|e| get(&e.attributes, "label"))
            .map(|l| shown(&l))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        label("vendor:Apowersoft", "party:Avangate"),
        ["Payment card", "Purchase history"]
    );
    // Five categories to advertisers: the four identifiers collapse to their parent.
    let ads = label("vendor:WPS Office", "party:advertisers");
    assert_eq!(ads[0], "Identifiers (4),\nApproximate location");
    assert_eq!(ads[1], "not: Email address");
    assert_eq!(
        label("vendor:WPS Office", "party:government"),
        ["Personal information\nif legal requirement"]
    );
    let wide = DotOptions {
        collapse_data_after: 10,
        ..DotOptions::default()
    };
    let text = to_dot(&graph(), &wide);
    assert!(
        text.contains("Device ID, Advertising ID,\\nIP address, Cookies,\\nApproximate location"),
        "{text}"
    );
}

#[test]
fn negatives_are_dashed_grey_or_left_out() {
    let text = to_dot(&graph(), &DotOptions::default());
    let negative = text
        .lines()
        .find(|l| l.contains("not: Email address"))
        .unwrap();
    assert!(negative.contains("style=\"dashed\"") && negative.contains("#9a9a9a"));
    let without = to_dot(
        &graph(),
        &DotOptions {
            negatives: false,
            ..DotOptions::default()
        },
    );
    assert!(!without.contains("not: "));
    assert!(
        !without.contains("third parties"),
        "a party with only negative statements disappears"
    );
}

#[test]
fn aggregate_parents_merges_named_parties_into_their_parent() {
    let options = DotOptions {
        aggregate_parents: true,
        ..DotOptions::default()
    };
    let parsed = graphviz_rust::parse(&to_dot(&graph(), &options)).unwrap();
    let labels: Vec<String> = nodes(&parsed)
        .iter()
        .filter_map(|n| get(&n.attributes, "label"))
        .map(|l| shown(&l))
        .collect();
    assert!(
        labels.contains(&"Google\n(Google Analytics, Firebase)".to_string()),
        "{labels:?}"
    );
    assert!(labels.contains(&"2Checkout\n(Avangate)".to_string()));
    assert!(!labels.contains(&"Firebase".to_string()));
    // The merged parent is filed under its members' role (analytics), not the lexicon's.
    let google = nodes(&parsed)
        .into_iter()
        .find(|n| id_text(&n.id.0) == node_id("party:Google"))
        .unwrap();
    assert_eq!(
        get(&google.attributes, "class").unwrap(),
        "\"party role-analytics\""
    );
    assert!(
        !edges(&parsed)
            .iter()
            .any(|e| get(&e.attributes, "class").as_deref() == Some("\"owned_by\""))
    );
}

#[test]
fn top_keeps_the_parties_with_most_statements() {
    let options = DotOptions {
        top: Some(2),
        legend: false,
        ..DotOptions::default()
    };
    let parsed = graphviz_rust::parse(&to_dot(&graph(), &options)).unwrap();
    let parties: Vec<String> = nodes(&parsed)
        .iter()
        .map(|n| id_text(&n.id.0))
        .filter(|id| id.starts_with("\"party:"))
        .collect();
    // advertisers: 6 statements (5 + the negative one); then Avangate (2, first seen of the 2s),
    // with its parent company drawn as owner.
    assert_eq!(
        parties,
        [
            node_id("party:Avangate"),
            node_id("party:advertisers"),
            node_id("party:2Checkout")
        ]
    );
}

#[test]
fn hostile_labels_are_escaped_and_parse_back() {
    let g = hostile_graph(HOSTILE);
    let text = to_dot(&g, &DotOptions::default());
    let parsed = graphviz_rust::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let party = nodes(&parsed)
        .into_iter()
        .find(|n| id_text(&n.id.0) == node_id(&format!("party:{HOSTILE}")))
        .unwrap_or_else(|| panic!("hostile party missing:\n{text}"));
    assert_eq!(shown(&get(&party.attributes, "label").unwrap()), HOSTILE);
    let vendor = nodes(&parsed)
        .into_iter()
        .find(|n| get(&n.attributes, "class").as_deref() == Some("\"vendor\""))
        .unwrap();
    assert_eq!(
        shown(&get(&vendor.attributes, "label").unwrap()),
        "Evil \"Vendor\" \\ <b>&"
    );
    // The role becomes a safe class name; the tooltip lost its control characters.
    assert!(text.contains("class=\"party role-role----\""));
    assert!(!text.contains('\u{1}') && !text.contains('\r'));
}

#[test]
fn svg_rendering_produces_a_document() {
    if !dot_available() {
        println!("skipped: Graphviz `dot` is not installed");
        return;
    }
    let svg = render(&to_dot(&graph(), &DotOptions::default()), RenderFormat::Svg).unwrap();
    let text = String::from_utf8(svg).unwrap();
    assert!(
        text.starts_with("<?xml") || text.starts_with("<svg"),
        "{}",
        &text[..100]
    );
    assert!(text.contains("Google Analytics") && text.contains("Identifiers (4)"));
    let png = render(&to_dot(&graph(), &DotOptions::default()), RenderFormat::Png).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
}

#[test]
fn graphviz_renders_hostile_labels_as_text() {
    if !dot_available() {
        println!("skipped: Graphviz `dot` is not installed");
        return;
    }
    let g = hostile_graph(HOSTILE);
    let svg =
        String::from_utf8(render(&to_dot(&g, &DotOptions::default()), RenderFormat::Svg).unwrap())
            .unwrap();
    // The markup in names reaches the picture as text, escaped once.
    assert!(svg.contains("&lt;b&gt;&amp;amp; ]]&gt;"), "{svg}");
    assert!(!svg.contains("<b>"));
}

#[test]
fn invalid_dot_is_reported_not_panicked() {
    if !dot_available() {
        println!("skipped: Graphviz `dot` is not installed");
        return;
    }
    let err = render("digraph { a -> }", RenderFormat::Svg).unwrap_err();
    assert!(
        err.to_string().starts_with("Graphviz `dot` failed"),
        "{err}"
    );
}

#[test]
fn large_graphs_with_many_warnings_render_through_pipes() {
    // `dot` reads DOT on stdin and may warn on stderr before it has read it all: 3 000 unknown
    // shapes write ~150 KB of warnings, more than a pipe holds. Nothing may stall.
    if !dot_available() {
        println!("skipped: Graphviz `dot` is not installed");
        return;
    }
    let mut dot = String::from("digraph { ");
    for i in 0..3_000 {
        dot.push_str(&format!("n{i} [shape=nosuchshape{i}]; "));
    }
    dot.push('}');
    let svg = String::from_utf8(render(&dot, RenderFormat::Svg).unwrap()).unwrap();
    assert!(svg.contains("n2999"), "the last node is drawn");
    let err = render("digraph { a -> }", RenderFormat::Png).unwrap_err();
    assert!(err.to_string().contains("syntax error"), "{err}");
}

#[test]
fn long_data_lists_collapse_up_the_taxonomy_or_are_cut() {
    use export_support::{lexicon, stmt};
    use sharegraph::extract::{Action, PartyKind};
    use sharegraph::graph::ShareGraph;
    let disclose = |data: &[&str]| {
        let statements = data
            .iter()
            .map(|d| stmt("V", Action::Disclose, d, "P", PartyKind::Named, "analytics"))
            .collect();
        ShareGraph::from_statements(statements, &lexicon())
    };
    let label = |g: &ShareGraph, limit: usize| {
        let options = DotOptions {
            collapse_data_after: limit,
            ..DotOptions::default()
        };
        let text = to_dot(g, &options);
        let line = text
            .lines()
            .find(|l| l.contains("-> \"party:P\""))
            .unwrap()
            .to_string();
        shown(&line[line.find("label=").unwrap() + 6..line.find(" color=").unwrap()])
    };
    let g = disclose(&[
        "email-address",
        "payment-card",
        "approximate-location",
        "usage-data",
        "identifiers",
        "ip-address",
    ]);
    // One level up from the leaves gives five groups; the lone ones keep their precise names.
    assert_eq!(
        label(&g, 5),
        "Email address, Payment card,\nApproximate location,\nUsage data, Identifiers (2)"
    );
    // Four allowed: only the root level fits.
    assert_eq!(label(&g, 4), "Personal information (6)");
    // Categories without a taxonomy cannot collapse: the first ones and a count.
    let g = disclose(&["a", "b", "c", "d", "e", "f"]);
    assert_eq!(label(&g, 4), "a, b, c, d, +2 more");
}

#[test]
fn empty_graph_is_still_a_valid_diagram() {
    let text = to_dot(
        &sharegraph::graph::ShareGraph::new(),
        &DotOptions::default(),
    );
    graphviz_rust::parse(&text).unwrap();
    if dot_available() {
        render(&text, RenderFormat::Svg).unwrap();
    }
}

#[test]
fn first_party_data_is_one_note_per_vendor_grouped_by_top_category() {
    let parsed = graphviz_rust::parse(&to_dot(&graph(), &DotOptions::default())).unwrap();
    let note = |id: &str| {
        let node = nodes(&parsed)
            .into_iter()
            .find(|n| id_text(&n.id.0) == node_id(id))
            .unwrap_or_else(|| panic!("{id} missing"));
        get(&node.attributes, "label").unwrap()
    };
    assert_eq!(
        note("collects:positive:vendor:Apowersoft"),
        "\"Apowersoft collects:\\l• Contact information: Email address\\l• Identifiers: IP address, Cookies\\l\""
    );
    assert_eq!(
        note("collects:positive:vendor:WPS Office"),
        "\"WPS Office collects:\\l• Identifiers: Device ID\\l• Usage data\\l\""
    );
    let without = to_dot(
        &graph(),
        &DotOptions {
            first_party: false,
            ..DotOptions::default()
        },
    );
    assert!(!without.contains("collects:"));
}
