//! GraphML export: well-formed XML (read back with quick-xml), every node and edge present, typed
//! keys, hostile names intact (minus the control characters XML cannot hold).

mod export_support;

use export_support::{HOSTILE, graph, hostile_graph};
use quick_xml::Reader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;
use sharegraph::export::graphml::{write_graphml, xml_safe};
use sharegraph::graph::ShareGraph;

#[derive(Default, Debug)]
struct Read {
    nodes: usize,
    edges: usize,
    /// (key id, attr.type) of the declared keys.
    keys: Vec<(String, String)>,
    /// (key, text) of every <data>.
    data: Vec<(String, String)>,
}

fn read(xml: &str) -> Read {
    let mut reader = Reader::from_str(xml);
    let mut out = Read::default();
    let mut current: Option<(String, String)> = None;
    loop {
        match reader
            .read_event()
            .unwrap_or_else(|e| panic!("not well-formed: {e}\n{xml}"))
        {
            Event::Start(e) | Event::Empty(e) => {
                let attr = |name: &str| {
                    e.try_get_attribute(name)
                        .unwrap()
                        .map(|a| {
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .unwrap()
                                .into_owned()
                        })
                        .unwrap_or_default()
                };
                match e.name().as_ref() {
                    "node" => out.nodes += 1,
                    "edge" => out.edges += 1,
                    "key" => out.keys.push((attr("id"), attr("attr.type"))),
                    "data" => current = Some((attr("key"), String::new())),
                    _ => {}
                }
            }
            Event::Text(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, text)) = current.as_mut() {
                    match r.resolve_char_ref().unwrap() {
                        Some(c) => text.push(c),
                        None => text.push_str(resolve_predefined_entity(&r).unwrap()),
                    }
                }
            }
            Event::End(e) if e.name().as_ref() == "data" => out.data.extend(current.take()),
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn graphml(g: &ShareGraph) -> String {
    let mut out = Vec::new();
    write_graphml(g, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn graphml_is_well_formed_with_all_nodes_and_edges() {
    let g = graph();
    let xml = graphml(&g);
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    assert!(xml.contains("edgedefault=\"directed\""));
    let read = read(&xml);
    assert_eq!(read.nodes, g.node_list().count());
    assert_eq!(read.edges, g.edge_list().count());
    assert!(read.keys.contains(&("n_statements".into(), "int".into())));
    assert!(read.keys.contains(&("e_statements".into(), "int".into())));
    assert!(read.keys.contains(&("e_evidence".into(), "string".into())));
    // Every <data> refers to a declared key.
    assert!(
        read.data
            .iter()
            .all(|(k, _)| read.keys.iter().any(|(id, _)| id == k))
    );
    assert!(
        read.data
            .contains(&("n_label".into(), "Google Analytics".into()))
    );
    assert!(
        read.data
            .contains(&("e_label".into(), "Device ID, Usage data".into()))
    );
}

#[test]
fn hostile_text_survives_escaping() {
    let g = hostile_graph(HOSTILE);
    let xml = graphml(&g);
    assert!(!xml.contains("]]>"), "`]]>` must be escaped in text");
    let read = read(&xml);
    assert_eq!(read.nodes, g.node_list().count());
    let labels: Vec<&str> = read
        .data
        .iter()
        .filter(|(k, _)| k == "n_label")
        .map(|(_, v)| v.as_str())
        .collect();
    assert!(labels.contains(&HOSTILE), "{labels:?}");
    assert!(labels.contains(&"Evil \"Vendor\" \\ <b>&"));
    // Control characters are stripped, the rest of the evidence kept (\r\n survives as &#13;).
    let evidence: Vec<&str> = read
        .data
        .iter()
        .filter(|(k, _)| k == "e_evidence")
        .map(|(_, v)| v.as_str())
        .collect();
    assert!(
        evidence.contains(&g.statements[0].sentence.as_str()),
        "{evidence:?}"
    );
    assert!(evidence.contains(&"-1+1 ]]>  control"), "{evidence:?}");
    assert_eq!(xml_safe("a\u{0}b\u{1b}c\u{FFFF}d\te"), "abcd\te");
}
