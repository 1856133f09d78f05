//! Markdown → blocks: ATX/setext headings, lists (nesting by indentation), blockquotes, pipe tables,
//! fenced code, and inline markup reduced to plain text (`[text](url)` → text, emphasis and
//! backticks removed, `\.` escapes resolved).
//!
//! A line-by-line parser with explicit state (no recursion over nesting). It is not a full
//! CommonMark implementation: it keeps what carries meaning in a policy and drops the rest.
//! It does not split sentences or compute spans.

mod inline;

use crate::document::block::{Block, Parsed, Role};
use inline::inline;

#[derive(Clone, Copy)]
struct ListLevel {
    marker: usize,
    content: usize,
}

#[derive(Default)]
struct Md {
    blocks: Vec<Block>,
    para: String,
    para_role: Option<Role>,
    para_quote: usize,
    lists: Vec<ListLevel>,
    blank: bool,
    table: u32,
    /// Whether the current top-level list is ordered: a switch between `*` and `1.` starts a new list.
    top_ordered: Option<bool>,
}

pub(crate) fn parse(src: &str) -> Parsed {
    let lines: Vec<&str> = src.lines().collect();
    let mut md = Md::default();
    let mut i = skip_front_matter(&lines);
    let mut fence: Option<(char, usize)> = None;
    while i < lines.len() {
        let raw = lines[i];
        i += 1;
        if let Some((ch, len)) = fence {
            if is_fence(raw.trim_start()).is_some_and(|(c, l)| c == ch && l >= len) {
                fence = None;
                md.flush();
            } else {
                md.add_text(raw, Role::Paragraph, 0);
            }
            continue;
        }
        let (quote, line) = strip_quotes(raw);
        if quote != md.para_quote {
            md.flush();
        }
        let trimmed = line.trim();
        if trimmed.is_empty() {
            md.flush();
            md.blank = true;
            continue;
        }
        if let Some(f) = is_fence(line.trim_start()) {
            md.flush();
            fence = Some(f);
            continue;
        }
        let indent = indent_of(line);
        // Setext underline turns the paragraph above into a heading.
        if md.para_role == Some(Role::Paragraph) && !md.para.is_empty() && indent < 4 {
            let level = if trimmed.bytes().all(|b| b == b'=') {
                Some(1)
            } else if trimmed.bytes().all(|b| b == b'-') {
                Some(2)
            } else {
                None
            };
            if let Some(level) = level {
                md.para_role = Some(Role::Heading(level));
                md.flush();
                md.end_lists();
                continue;
            }
        }
        if let Some((level, text)) = atx(trimmed) {
            md.flush();
            md.end_lists();
            md.push(Role::Heading(level), &inline(text));
            md.blank = false;
            continue;
        }
        if is_rule(trimmed) {
            md.flush();
            md.end_lists();
            md.blank = false;
            continue;
        }
        if is_reference_definition(trimmed) {
            continue;
        }
        if trimmed.contains('|')
            && lines
                .get(i)
                .is_some_and(|next| is_delimiter_row(strip_quotes(next).1))
        {
            md.flush();
            md.end_lists();
            md.table += 1;
            md.push(
                Role::TableRow {
                    header: true,
                    table: md.table,
                },
                &row_text(trimmed),
            );
            i += 1;
            while let Some(next) = lines.get(i) {
                let t = strip_quotes(next).1.trim();
                if t.is_empty() || !t.contains('|') {
                    break;
                }
                md.push(
                    Role::TableRow {
                        header: false,
                        table: md.table,
                    },
                    &row_text(t),
                );
                i += 1;
            }
            md.blank = false;
            continue;
        }
        if let Some((content_offset, body)) = list_marker(line) {
            md.flush();
            let depth = md.open_item(indent, content_offset);
            let ordered = line.trim_start().starts_with(|c: char| c.is_ascii_digit());
            if depth == 1 {
                if md.top_ordered.is_some_and(|o| o != ordered) {
                    md.blocks.push(Block::raw(Role::ListEnd, String::new()));
                }
                md.top_ordered = Some(ordered);
            }
            md.para_quote = quote;
            md.add_text(body, Role::ListItem(depth), quote);
            md.blank = false;
            continue;
        }
        // Continuation of a list item, a new paragraph inside it, or the end of the list.
        let role = if md.lists.is_empty() {
            Role::Paragraph
        } else if !md.blank {
            md.para_role.unwrap_or(Role::Paragraph)
        } else {
            match md.lists.iter().rposition(|l| indent >= l.content) {
                Some(pos) => {
                    md.lists.truncate(pos + 1);
                    Role::ListItem(depth_u8(pos + 1))
                }
                None => {
                    md.end_lists();
                    Role::Paragraph
                }
            }
        };
        if md.para_role.is_some_and(|r| r != role) {
            md.flush();
        }
        md.add_text(line.trim(), role, quote);
        md.blank = false;
    }
    md.flush();
    Parsed {
        blocks: md.blocks,
        title: None,
    }
}

impl Md {
    fn add_text(&mut self, text: &str, role: Role, quote: usize) {
        if self.para_role.is_none() {
            self.para_role = Some(role);
            self.para_quote = quote;
        }
        if !self.para.is_empty() {
            self.para.push('\n');
        }
        self.para.push_str(text);
    }

    fn flush(&mut self) {
        if let Some(role) = self.para_role.take() {
            let text = inline(&std::mem::take(&mut self.para));
            self.push(role, &text);
        }
        self.para.clear();
    }

    fn push(&mut self, role: Role, text: &str) {
        if text.chars().any(char::is_alphanumeric) {
            self.blocks.push(Block::raw(role, text.to_string()));
        }
    }

    /// Places a new list item at `indent` in the list stack; returns its depth.
    /// Ends all open lists (a heading, rule, table or unindented paragraph follows).
    fn end_lists(&mut self) {
        if !self.lists.is_empty() {
            self.flush();
            self.lists.clear();
            self.top_ordered = None;
            self.blocks.push(Block::raw(Role::ListEnd, String::new()));
        }
    }

    fn open_item(&mut self, indent: usize, content: usize) -> u8 {
        while let Some(top) = self.lists.last().copied() {
            if indent >= top.content {
                break; // nested inside the current item
            }
            self.lists.pop();
            if indent >= top.marker {
                break; // a sibling replaces it
            }
        }
        self.lists.push(ListLevel {
            marker: indent,
            content,
        });
        depth_u8(self.lists.len())
    }
}

fn depth_u8(d: usize) -> u8 {
    u8::try_from(d).unwrap_or(u8::MAX)
}

fn skip_front_matter(lines: &[&str]) -> usize {
    if lines.first().map(|l| l.trim_end()) != Some("---") {
        return 0;
    }
    for (i, l) in lines.iter().enumerate().skip(1).take(60) {
        let t = l.trim_end();
        if t == "---" || t == "..." {
            return i + 1;
        }
        if !t.is_empty() && !t.contains(':') && !t.starts_with([' ', '-', '#']) {
            return 0;
        }
    }
    0
}

/// Strips blockquote markers; returns the quote depth and the rest.
fn strip_quotes(line: &str) -> (usize, &str) {
    let mut depth = 0;
    let mut rest = line;
    loop {
        let t = rest.trim_start();
        if rest.len() - t.len() > 3 {
            break;
        }
        match t.strip_prefix('>') {
            Some(r) => {
                depth += 1;
                rest = r.strip_prefix(' ').unwrap_or(r);
            }
            None => break,
        }
    }
    (depth, rest)
}

fn indent_of(line: &str) -> usize {
    let mut n = 0;
    for c in line.chars() {
        match c {
            ' ' => n += 1,
            '\t' => n += 4 - n % 4,
            _ => break,
        }
    }
    n
}

fn is_fence(t: &str) -> Option<(char, usize)> {
    let c = t.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = t.chars().take_while(|&x| x == c).count();
    (n >= 3).then_some((c, n))
}

fn atx(t: &str) -> Option<(u8, &str)> {
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &t[hashes..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    // Optional closing sequence: "## Title ##".
    let rest = rest.trim();
    let closed = rest.trim_end_matches('#');
    let text = if closed.len() < rest.len() && (closed.is_empty() || closed.ends_with(' ')) {
        closed
    } else {
        rest
    };
    Some((u8::try_from(hashes).unwrap_or(6), text.trim()))
}

fn is_rule(t: &str) -> bool {
    let Some(c) = t.chars().next().filter(|c| matches!(c, '-' | '*' | '_')) else {
        return false;
    };
    t.chars().filter(|&x| x == c).count() >= 3 && t.chars().all(|x| x == c || x == ' ')
}

fn is_reference_definition(t: &str) -> bool {
    t.starts_with('[')
        && t.find("]:")
            .is_some_and(|i| i > 1 && !t[1..i].contains(']'))
}

fn is_delimiter_row(line: &str) -> bool {
    let t = line.trim();
    t.contains('-')
        && t.contains(['|', ':'])
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
        && t.split('|')
            .filter(|c| !c.trim().is_empty())
            .all(|c| c.trim().trim_matches(':').chars().all(|x| x == '-'))
}

fn row_text(t: &str) -> String {
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|')
        .map(|c| inline(c.trim()))
        .filter(|c| !c.trim().is_empty())
        .collect::<Vec<_>>()
        .join(super::CELL_SEPARATOR)
}

/// `* item`, `- item`, `+ item`, `1. item`, `1) item`: returns (content column, content).
fn list_marker(line: &str) -> Option<(usize, &str)> {
    let indent_bytes = line.len() - line.trim_start().len();
    let t = &line[indent_bytes..];
    let marker_len = if t.starts_with(['*', '-', '+']) {
        1
    } else {
        let digits = t.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 9 || !t[digits..].starts_with(['.', ')']) {
            return None;
        }
        digits + 1
    };
    let after = &t[marker_len..];
    let body = after.trim_start();
    if !after.starts_with([' ', '\t']) || body.is_empty() {
        return None;
    }
    let content = indent_of(line) + marker_len + (after.len() - body.len());
    Some((content, body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structure() {
        let p = parse("# T\n\nIntro:\n\n* a\n  * b\n* c\n\n| h1 | h2 |\n|---|---|\n| x | y |\n");
        let roles: Vec<Role> = p
            .blocks
            .iter()
            .map(|b| b.role)
            .filter(|r| *r != Role::ListEnd)
            .collect();
        assert_eq!(
            roles,
            [
                Role::Heading(1),
                Role::Paragraph,
                Role::ListItem(1),
                Role::ListItem(2),
                Role::ListItem(1),
                Role::TableRow {
                    header: true,
                    table: 1
                },
                Role::TableRow {
                    header: false,
                    table: 1
                },
            ]
        );
        assert!(p.blocks.iter().any(|b| b.text == "h1 | h2"));
    }
}
