//! DOT syntax: quoting and escaping of every string that goes into the AST, and small builders for
//! its nodes, edges and clusters. graphviz-rust prints `Id`s verbatim, so the quoting is ours.

use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};

/// A DOT double-quoted string for a label or other escString attribute: `"` and `\` escaped,
/// newlines as `\n` (Graphviz's centred line break), tabs as spaces, other control characters
/// dropped, and `&`, `<`, `>` as entities (Graphviz decodes entities in labels, so a literal
/// `&amp;` in a name would otherwise render as `&`).
pub fn quote(text: &str) -> Id {
    quote_lines(text, "\\n")
}

/// [`quote`] with every line left-justified (`\l` ends each line, the last included).
pub fn quote_left(text: &str) -> Id {
    quote_lines(&format!("{}\n", text.trim_end_matches('\n')), "\\l")
}

fn quote_lines(text: &str, line_break: &str) -> Id {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str(line_break),
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

/// A DOT double-quoted node id. Only `"`, `\` and control characters need escaping for the id to
/// end where it should; ids are never shown (labels are always set), and distinct ids stay distinct.
pub fn quote_id(id: &str) -> Id {
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

/// Text inside an HTML-like label: markup characters as entities, control characters dropped.
pub fn html_text(text: &str) -> String {
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

/// An SVG class name (or cluster name) from open-ended data: lowercase ASCII letters, digits, `-`.
pub fn class_name(text: &str) -> String {
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

pub fn attr(key: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(key.to_string()), quote(value))
}

/// An attribute whose text lines are left-justified (multi-line labels of lists).
pub fn attr_left(key: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(key.to_string()), quote_left(value))
}

pub fn node(id: &str, attrs: Vec<Attribute>) -> Stmt {
    Stmt::Node(Node::new(NodeId(quote_id(id), None), attrs))
}

pub fn edge(from: &str, to: &str, attrs: Vec<Attribute>) -> Stmt {
    Stmt::Edge(Edge {
        ty: EdgeTy::Pair(
            Vertex::N(NodeId(quote_id(from), None)),
            Vertex::N(NodeId(quote_id(to), None)),
        ),
        attributes: attrs,
    })
}

/// A cluster subgraph; `name` must already be a safe identifier (see [`class_name`]).
pub fn cluster(index: usize, name: &str, attrs: Vec<Attribute>, stmts: Vec<Stmt>) -> Stmt {
    let mut all: Vec<Stmt> = attrs.into_iter().map(Stmt::Attribute).collect();
    all.extend(stmts);
    Stmt::Subgraph(Subgraph {
        id: Id::Plain(format!("cluster_{index}_{}", name.replace('-', "_"))),
        stmts: all,
    })
}

/// Items joined with ", " and wrapped into lines of about `width` characters.
pub fn wrap(items: &[String], width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let piece = if i + 1 < items.len() {
            format!("{item},")
        } else {
            item.clone()
        };
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + piece.chars().count() <= width => {
                line.push(' ');
                line.push_str(&piece);
            }
            _ => lines.push(piece),
        }
    }
    lines
}

/// At most `max` characters, with `…` when cut.
pub fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}
