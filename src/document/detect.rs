//! Format detection from the file name's extension and the content.
//!
//! Owns the choice among `Html`, `Markdown` and `Text`, and the refusal of text files that are
//! no policy at all: sharegraph's own outputs and graph files, which `sharegraph who-receives …
//! out/*` passes beside the saved graph. Content wins over a `.txt` (or missing) extension,
//! because scraped "text" is often HTML or Markdown; an `.html` file without a single tag is read
//! as text. It does not parse anything.

use super::Format;

/// How many bytes of the content are inspected.
const SNIFF_LEN: usize = 64 * 1024;

pub(crate) fn detect(name: &str, text: &str) -> Format {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let sample = head(text, SNIFF_LEN);
    match ext.as_str() {
        "html" | "htm" | "xhtml" | "shtml" => {
            if count_tags(sample, 1) > 0 {
                Format::Html
            } else {
                Format::Text
            }
        }
        "md" | "markdown" | "mdown" | "mkd" => {
            if looks_html(sample) && markdown_score(sample) == 0 {
                Format::Html
            } else {
                Format::Markdown
            }
        }
        _ => sniff(sample),
    }
}

/// What `text` is when it is plainly no policy: a table, script or graph file that sharegraph
/// writes (read as a policy, its rows became "statements" whose evidence was a CSV line), or a
/// graph drawing. Told by the first bytes, whatever the file's name; `None` for anything else.
pub(crate) fn not_a_policy(text: &str) -> Option<&'static str> {
    let start = head(text, 1024).trim_start();
    let first_line = start.lines().next().unwrap_or_default();
    // The header rows sharegraph writes (DESIGN.md's statement columns; the graph tables; the
    // Neo4j import files).
    const HEADERS: &[(&str, &str)] = &[
        (
            "policy,vendor,action,polarity,data,",
            "a sharegraph statements table (statements.csv)",
        ),
        (
            "id,kind,label,role,party_kind,parent,policies",
            "a sharegraph nodes table (nodes.csv)",
        ),
        (
            "source,target,kind,polarity,data,",
            "a sharegraph edges table (edges.csv)",
        ),
        ("id:ID,", "a Neo4j import file"),
        (":START_ID,", "a Neo4j import file"),
        (
            "// sharegraph:",
            "a sharegraph Cypher script (graph.cypher)",
        ),
    ];
    if let Some((_, what)) = HEADERS.iter().find(|(h, _)| first_line.starts_with(h)) {
        return Some(what);
    }
    if is_dot(start) {
        return Some("a Graphviz DOT file");
    }
    let lower = head(start, 512).to_ascii_lowercase();
    if lower.starts_with("<?xml") || lower.starts_with("<!doctype svg") {
        if lower.contains("<graphml") {
            return Some("a GraphML file");
        }
        if lower.contains("<svg") || lower.starts_with("<!doctype svg") {
            return Some("an SVG image");
        }
    }
    lower.starts_with("<svg").then_some("an SVG image")
}

/// Whether `start` (trimmed) opens a DOT graph: `[strict] (graph|digraph) [name] {`.
fn is_dot(start: &str) -> bool {
    let rest = start.strip_prefix("strict ").map_or(start, str::trim_start);
    let Some(rest) = rest
        .strip_prefix("digraph")
        .or_else(|| rest.strip_prefix("graph"))
    else {
        return false;
    };
    // The graph's name is one word or a quoted string; the body opens on the same line.
    let line = rest.lines().next().unwrap_or_default();
    if !line.starts_with([' ', '{', '\t']) {
        return false;
    }
    let Some(name) = line.trim().strip_suffix('{').map(str::trim) else {
        return false;
    };
    name.is_empty()
        || !name.contains(char::is_whitespace)
        || name.len() > 1 && name.starts_with('"') && name.ends_with('"')
}

/// Content-only detection, for `.txt`, stdin and unknown extensions.
pub(crate) fn sniff(sample: &str) -> Format {
    if looks_html(sample) {
        Format::Html
    } else if markdown_score(sample) >= 2 {
        Format::Markdown
    } else {
        Format::Text
    }
}

fn head(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn looks_html(sample: &str) -> bool {
    let lower = sample.to_ascii_lowercase();
    let start = lower.trim_start();
    if start.starts_with("<!doctype html") || start.starts_with("<html") {
        return true;
    }
    const STRONG: &[&str] = &[
        "<html", "<body", "<p>", "<p ", "<div", "<br>", "<br/>", "<br />", "<li>", "<h1", "<h2",
        "<table",
    ];
    if STRONG.iter().any(|t| lower.contains(t)) {
        return true;
    }
    // Many tags of any kind: HTML fragments without the usual suspects.
    count_tags(sample, 10) >= 10
}

/// Counts `<name` and `</name` openings that look like tags (letter right after `<` or `</`).
/// Stops at `enough`: the callers only ask whether there is one, or ten.
fn count_tags(sample: &str, enough: usize) -> usize {
    let b = sample.as_bytes();
    let mut n = 0;
    for i in memchr::memchr_iter(b'<', b) {
        let j = if b.get(i + 1) == Some(&b'/') {
            i + 2
        } else {
            i + 1
        };
        if b.get(j).is_some_and(u8::is_ascii_alphabetic) {
            // A tag name runs to whitespace, `>` or `/`.
            let end = b[j..]
                .iter()
                .position(|c| !c.is_ascii_alphanumeric())
                .map_or(b.len(), |k| j + k);
            if matches!(b.get(end), Some(b'>' | b' ' | b'/' | b'\t' | b'\n')) {
                n += 1;
                if n >= enough {
                    break;
                }
            }
        }
    }
    n
}

/// Evidence of Markdown: ATX headings, `[text](url)` links, setext underlines, `**bold**`, lists.
fn markdown_score(sample: &str) -> usize {
    let mut score = 0;
    let mut prev_nonblank = false;
    let mut bullets = 0;
    for line in sample.lines() {
        let t = line.trim_start();
        let hashes = t.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes) && t[hashes..].starts_with(' ') {
            score += 2;
        }
        if prev_nonblank
            && !t.is_empty()
            && (t.bytes().all(|b| b == b'=') || (t.len() >= 3 && t.bytes().all(|b| b == b'-')))
        {
            score += 1;
        }
        if t.starts_with("* ") || t.starts_with("- ") || t.starts_with("+ ") {
            bullets += 1;
        }
        prev_nonblank = !t.is_empty();
    }
    score += sample.matches("](").count().min(5);
    score += sample.matches("**").count().min(4) / 2;
    if bullets >= 2 {
        score += 1;
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_and_content() {
        assert_eq!(detect("a.html", "<p>x</p>"), Format::Html);
        assert_eq!(detect("a.html", "just words"), Format::Text);
        assert_eq!(detect("a.md", "# T\n\ntext"), Format::Markdown);
        assert_eq!(detect("a.txt", "<html><body>x</body></html>"), Format::Html);
        assert_eq!(
            detect("a.txt", "# Title\n\nSee [us](http://x).\n"),
            Format::Markdown
        );
        assert_eq!(detect("a.txt", "Title\nA line.\n"), Format::Text);
        assert_eq!(detect("-", "<div>x</div>"), Format::Html);
    }

    #[test]
    fn outputs_and_graph_files_are_no_policy() {
        for (text, what) in [
            (
                "policy,vendor,action,polarity,data,opp115_type\nx.md,X,collect",
                "statements table",
            ),
            (
                "id,kind,label,role,party_kind,parent,policies\n",
                "nodes table",
            ),
            ("source,target,kind,polarity,data,purposes\n", "edges table"),
            ("id:ID,:LABEL,name\n", "Neo4j"),
            (":START_ID,:END_ID,:TYPE\n", "Neo4j"),
            ("// sharegraph: who gets which data.\nCREATE", "Cypher"),
            ("digraph sharegraph {\n  a -> b\n}", "DOT"),
            ("\n strict digraph \"a b\" {\n}", "DOT"),
            ("graph {\n a -- b }", "DOT"),
            ("<?xml version=\"1.0\"?>\n<graphml xmlns=\"x\">", "GraphML"),
            (
                "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC>\n<svg>",
                "SVG",
            ),
            ("<svg xmlns=\"http://www.w3.org/2000/svg\">", "SVG"),
        ] {
            let found = not_a_policy(text);
            assert!(
                found.is_some_and(|f| f.contains(what)),
                "{text:?}: {found:?}"
            );
        }
        // Policies that begin with such words, and XHTML.
        for text in [
            "Policy, vendor and action: what we do\nWe collect your email.",
            "Graph of our partners {see below}\nWe share data.",
            "digraphs are not graphs",
            "graph\nWe share your email with Google.",
            "<?xml version=\"1.0\"?>\n<html><body><p>We collect data.</p></body></html>",
            "ID: 12345, version 2",
            "",
        ] {
            assert_eq!(not_a_policy(text), None, "{text:?}");
        }
    }
}
