//! HTML → blocks with a flat streaming tokenizer (no DOM, no recursion: nesting depth only moves
//! counters, so 100,000 nested `<div>`s cost nothing but time).
//!
//! Owns tag/attribute scanning, dropping non-content elements (script, style, nav, footer, svg,
//! cookie banners…), entity decoding (via `entities.rs`), and mapping elements to blocks: h1–h6,
//! list items (ul/ol/dl, nested by depth), table rows (cells joined with " | ", header rows from
//! `<thead>` or all-`<th>` rows), and the rest. Free-flowing text (paragraphs, loose text with
//! `<br>`s, OPP-115's `|||` segments) goes through the plain-text line classifier (`text.rs`),
//! which finds bold/Title-Case headings and colon-introduced lists there.
//! It does not split sentences or compute spans.

mod tags;

use crate::document::assemble::{collapse, collapse_within, last_kept_char};
use crate::document::block::{Block, Parsed, Role};
use crate::document::entities;
use crate::document::text::{self, Class, Line, Options};
use tags::{Tag, classify_tag, find_close, is_container, is_void, past_gt, scan_attributes};

struct Row {
    text: String,
    cells: usize,
    all_th: bool,
    thead: bool,
    /// A line break inside the current cell is pending (separator decided at the next text).
    cell_break: bool,
}

struct State {
    blocks: Vec<Block>,
    title: Option<String>,
    /// Text of the current line (raw, entities decoded).
    line: String,
    line_has_text: bool,
    line_all_bold: bool,
    /// The previous line ended with a `<br>`: a second one makes a blank line.
    after_br: bool,
    bold: u32,
    heading: Option<u8>,
    heading_text: String,
    list_depth: u32,
    in_dd: bool,
    in_p: bool,
    pre: u32,
    table_depth: u32,
    table_id: u32,
    in_thead: bool,
    row: Option<Row>,
    /// Paragraph and loose lines waiting for the text classifier.
    flow: Vec<Line>,
    flow_nav_ok: Vec<bool>,
    last_real_level: u8,
    last_section_level: u8,
    /// Kind of the top-level list that just closed, until something else is emitted.
    ended_list: Option<u8>,
    /// Inside a dropped subtree: (element name lowercased, nesting depth of that name).
    skip: Option<(Vec<u8>, u32)>,
    /// Scratch for `scan_attributes` (lowercased class and id values).
    attr_lower: Vec<u8>,
}

pub(crate) fn parse(src: &str) -> Parsed {
    let mut st = State {
        blocks: Vec::new(),
        title: None,
        line: String::new(),
        line_has_text: false,
        line_all_bold: true,
        after_br: false,
        bold: 0,
        heading: None,
        heading_text: String::new(),
        list_depth: 0,
        in_dd: false,
        in_p: false,
        pre: 0,
        table_depth: 0,
        table_id: 0,
        in_thead: false,
        row: None,
        flow: Vec::new(),
        flow_nav_ok: Vec::new(),
        last_real_level: 1,
        last_section_level: 1,
        skip: None,
        ended_list: None,
        attr_lower: Vec::new(),
    };
    let b = src.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let lt = memchr::memchr(b'<', &b[i..]).map_or(b.len(), |o| i + o);
        if lt > i && st.skip.is_none() {
            st.text(&src[i..lt]);
        }
        if lt >= b.len() {
            break;
        }
        i = st.markup(src, lt);
    }
    st.finish();
    Parsed {
        blocks: st.blocks,
        title: st.title,
    }
}

impl State {
    /// Handles the markup at `lt` (a `<`); returns the index to continue from.
    fn markup(&mut self, src: &str, lt: usize) -> usize {
        let b = src.as_bytes();
        let rest = &b[lt..];
        if rest.starts_with(b"<!--") {
            return memchr::memmem::find(&b[lt + 4..], b"-->").map_or(b.len(), |o| lt + 4 + o + 3);
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            return past_gt(b, lt + 2);
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_start = lt + if closing { 2 } else { 1 };
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            if self.skip.is_none() {
                self.text("<");
            }
            return lt + 1;
        }
        let mut name_end = name_start;
        while name_end < b.len()
            && (b[name_end].is_ascii_alphanumeric() || matches!(b[name_end], b'-' | b':' | b'_'))
        {
            name_end += 1;
        }
        let name = &b[name_start..name_end];
        let tag = classify_tag(name);
        if closing {
            let end = past_gt(b, name_end);
            self.end_tag(name, tag);
            return end;
        }
        let (end, self_closing, attr_drop) = scan_attributes(src, name_end, &mut self.attr_lower);
        if tag == Tag::RawSkip || tag == Tag::Title {
            let close = find_close(b, end, name).unwrap_or(b.len());
            if tag == Tag::Title && self.title.is_none() && self.skip.is_none() {
                self.title = Some(entities::decode(&src[end..close]));
            }
            return past_gt(b, close);
        }
        if let Some((skip_name, depth)) = &mut self.skip {
            if skip_name.eq_ignore_ascii_case(name) && !self_closing && !is_void(name) {
                *depth += 1;
            }
            return end;
        }
        // The cheap tests first: `is_void` ran for every start tag (apps-2024: html::parse
        // 220.4 M -> 213.9 M instructions).
        if (tag == Tag::Drop || (attr_drop && !is_container(name)))
            && !self_closing
            && !is_void(name)
        {
            if tag != Tag::Inline {
                self.end_line();
            }
            self.skip = Some((name.to_ascii_lowercase(), 1));
            return end;
        }
        self.start_tag(tag);
        if self_closing && tag != Tag::Br && tag != Tag::Hr {
            self.end_tag(name, tag);
        }
        end
    }

    fn start_tag(&mut self, tag: Tag) {
        match tag {
            // Inline markup does not interrupt a run of <br>s.
            Tag::Inline | Tag::RawSkip | Tag::Title | Tag::Drop => return,
            Tag::Bold => {
                self.bold = self.bold.saturating_add(1);
                return;
            }
            Tag::Br => {
                let was_empty = !self.line_has_text;
                let blank = was_empty && self.after_br;
                self.end_line();
                if blank {
                    self.blank_line();
                }
                self.after_br = true;
                return;
            }
            Tag::Hr => {
                self.end_line();
                self.blank_line();
            }
            Tag::P => {
                self.end_line();
                self.close_heading();
                // A paragraph starts a new unit of flow text, whatever came before it.
                if self.row.is_none() && self.list_depth == 0 {
                    self.blank_line();
                }
                self.in_p = true;
            }
            Tag::H(level) => {
                self.end_line();
                self.in_p = false;
                if self.row.is_none() {
                    self.close_heading();
                    self.heading = Some(level);
                }
            }
            Tag::List(kind) => {
                self.end_line();
                self.close_heading();
                self.in_p = false;
                if self.list_depth == 0 {
                    // `<ul><li>a</ul><ul><li>b</ul>` (OPP-115 does this) is one list; a list of
                    // another kind right after is a new one, without the first one's lead-in.
                    if self.ended_list.is_some_and(|k| k != kind) {
                        self.blocks.push(Block::raw(Role::ListEnd, String::new()));
                    }
                    self.ended_list = None;
                }
                self.list_depth = self.list_depth.saturating_add(1);
            }
            Tag::Li | Tag::Dt => {
                self.end_line();
                self.in_dd = false;
            }
            Tag::Dd => {
                self.end_line();
                self.in_dd = true;
            }
            Tag::Table => {
                self.end_line();
                self.close_heading();
                self.in_p = false;
                self.emit_row();
                self.table_depth = self.table_depth.saturating_add(1);
                if self.table_depth == 1 {
                    self.table_id += 1;
                }
            }
            Tag::Thead => self.in_thead = true,
            Tag::Tr => {
                self.end_line();
                self.emit_row();
                self.row = Some(self.new_row());
            }
            Tag::Cell { th } => {
                self.end_line();
                let mut row = self.row.take().unwrap_or_else(|| self.new_row());
                if row.cells > 0 && !row.text.trim().is_empty() {
                    row.text.push_str(super::CELL_SEPARATOR);
                }
                row.cells += 1;
                row.all_th &= th;
                row.cell_break = false;
                self.row = Some(row);
            }
            Tag::Pre => {
                self.end_line();
                self.pre = self.pre.saturating_add(1);
            }
            Tag::Block => {
                self.end_line();
                self.in_p = false;
            }
        }
        self.after_br = false;
    }

    fn end_tag(&mut self, name: &[u8], tag: Tag) {
        if let Some((skip_name, depth)) = &mut self.skip {
            if skip_name.eq_ignore_ascii_case(name) {
                *depth -= 1;
                if *depth == 0 {
                    self.skip = None;
                }
            }
            return;
        }
        match tag {
            Tag::Inline | Tag::RawSkip | Tag::Title | Tag::Drop | Tag::Br | Tag::Hr => return,
            Tag::Bold => {
                self.bold = self.bold.saturating_sub(1);
                return;
            }
            Tag::P => {
                self.end_line();
                self.in_p = false;
                if self.row.is_none() && self.list_depth == 0 {
                    self.blank_line();
                }
            }
            Tag::H(_) => {
                self.end_line();
                self.close_heading();
            }
            Tag::List(kind) => {
                self.end_line();
                self.list_depth = self.list_depth.saturating_sub(1);
                self.in_dd = false;
                if self.list_depth == 0 {
                    self.ended_list = Some(kind);
                }
            }
            Tag::Li | Tag::Dt => self.end_line(),
            Tag::Dd => {
                self.end_line();
                self.in_dd = false;
            }
            Tag::Table => {
                self.end_line();
                self.emit_row();
                self.table_depth = self.table_depth.saturating_sub(1);
                self.in_thead = false;
            }
            Tag::Thead => self.in_thead = false,
            Tag::Tr => {
                self.end_line();
                self.emit_row();
            }
            Tag::Cell { .. } => self.end_line(),
            Tag::Pre => {
                self.end_line();
                self.pre = self.pre.saturating_sub(1);
            }
            Tag::Block => self.end_line(),
        }
        self.after_br = false;
    }

    fn new_row(&self) -> Row {
        Row {
            text: String::new(),
            cells: 0,
            all_th: true,
            thead: self.in_thead,
            cell_break: false,
        }
    }

    /// Text between tags.
    fn text(&mut self, raw: &str) {
        if self.pre > 0 && raw.contains('\n') {
            // Preformatted text: every newline ends a line, an empty line is a paragraph break.
            let mut first = true;
            for part in raw.split('\n') {
                if !first {
                    let empty = !self.line_has_text;
                    self.end_line();
                    if empty {
                        self.blank_line();
                    }
                }
                first = false;
                self.append(part);
            }
            return;
        }
        // OPP-115 separates segments with "|||".
        if has_segment_separator(raw) {
            let mut first = true;
            for part in raw.split("|||") {
                if !first {
                    self.end_line();
                    self.blank_line();
                }
                first = false;
                self.append_loose(part);
            }
            return;
        }
        self.append_loose(raw);
    }

    /// Text of paragraphs and loose text. Browsers render its newlines as spaces, but text in
    /// cleaned pages is often line-structured ("1. Personal information we collect\nWe collect…").
    /// A newline breaks the line where that cannot cut a sentence: after terminal punctuation, or
    /// after an unmistakable heading followed by a capital; a blank line separates paragraphs.
    /// Not after ":" or ";" — "Cookies:\nSome advertisers…" reads better as one sentence.
    fn append_loose(&mut self, raw: &str) {
        let loose =
            self.pre == 0 && self.row.is_none() && self.heading.is_none() && self.list_depth == 0;
        if !loose
            || memchr::memchr(b'\n', raw.as_bytes()).is_none()
            || raw.bytes().all(|c| c.is_ascii_whitespace())
        {
            self.append(raw);
            return;
        }
        let mut newlines = 0usize;
        for (idx, part) in raw.split('\n').enumerate() {
            if idx > 0 {
                newlines += 1;
            }
            let next = part.trim_start();
            if next.is_empty() {
                self.append(part);
                continue;
            }
            if newlines > 0 {
                // What the line so far ends with, and whether it may be a heading, without
                // collapsing all of it at every newline: that was quadratic in a hard-wrapped
                // paragraph (a 1.8 MB one took 21 s).
                let last = last_kept_char(&self.line);
                let breaks = last.is_some()
                    && (newlines > 1
                        || matches!(last, Some('.' | '!' | '?'))
                        || (next.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                            && collapse_within(&self.line, text::TITLE_MAX_LEN)
                                .is_some_and(|prev| text::strong_heading(&prev))));
                if breaks {
                    self.end_line();
                    if newlines > 1 {
                        self.blank_line();
                    }
                } else {
                    self.append(" ");
                }
                newlines = 0;
            }
            self.append(part);
        }
    }

    fn append(&mut self, raw: &str) {
        if raw.bytes().any(|c| !c.is_ascii_whitespace()) {
            self.line_has_text = true;
            self.after_br = false;
            if self.bold == 0 {
                self.line_all_bold = false;
            }
        }
        if let Some(row) = &mut self.row
            && row.cell_break
            && raw.bytes().any(|c| !c.is_ascii_whitespace())
        {
            // Lines inside a cell were separate items ("Identifiers" / "Geolocation data"):
            // keep them apart with "; " unless the text simply continues ("… and" / "or …").
            let t = row.text.trim_end();
            let next = raw.trim_start();
            let continues = next.starts_with(char::is_lowercase)
                || t.ends_with(" and")
                || t.ends_with(" or")
                || t.ends_with(['.', ';', ':', '!', '?', ',', '|']);
            let sep = if t.is_empty() || continues { " " } else { "; " };
            row.text.truncate(t.len());
            row.text.push_str(sep);
            row.cell_break = false;
        }
        entities::decode_into(raw, &mut self.line);
    }

    /// Ends the current line and routes it by context: table cell, heading, list item or flow.
    fn end_line(&mut self) {
        if !self.line_has_text {
            self.line.clear();
            self.line_all_bold = true;
            return;
        }
        let bold = self.line_all_bold && self.bold_counts();
        self.line_has_text = false;
        self.line_all_bold = true;
        // The line buffer is copied out and cleared, not taken: it keeps its capacity, so the
        // next line does not grow a new one from nothing.
        let raw = self.line.as_str();
        if let Some(row) = &mut self.row {
            row.text.push_str(raw);
            row.cell_break = true;
            self.line.clear();
            return;
        }
        if self.heading.is_some() {
            if !self.heading_text.is_empty() {
                self.heading_text.push(' ');
            }
            self.heading_text.push_str(raw);
            self.line.clear();
            return;
        }
        let text = collapse(raw);
        self.line.clear();
        if text.is_empty() {
            return;
        }
        if self.list_depth > 0 {
            self.flush_flow(true);
            let depth = self.list_depth.saturating_add(u32::from(self.in_dd));
            self.push_block(Block {
                role: Role::ListItem(u8::try_from(depth).unwrap_or(u8::MAX)),
                text,
                // Just collapsed, above.
                collapsed: true,
            });
            return;
        }
        self.flow.push(Line { text, bold });
        self.flow_nav_ok.push(!self.in_p);
    }

    /// Bold lines only count as headings outside lists and tables.
    fn bold_counts(&self) -> bool {
        self.list_depth == 0 && self.row.is_none()
    }

    fn blank_line(&mut self) {
        if self.flow.last().is_some_and(|l| !l.text.is_empty()) {
            self.flow.push(Line::default());
            self.flow_nav_ok.push(true);
        }
    }

    fn push_block(&mut self, block: Block) {
        if !matches!(block.role, Role::ListItem(_)) {
            self.ended_list = None;
        }
        self.blocks.push(block);
    }

    fn close_heading(&mut self) {
        let Some(level) = self.heading.take() else {
            return;
        };
        let text = std::mem::take(&mut self.heading_text);
        if text.trim().is_empty() {
            return;
        }
        self.flush_flow(false);
        self.last_real_level = level;
        self.last_section_level = level;
        self.push_block(Block::raw(Role::Heading(level), text));
    }

    fn emit_row(&mut self) {
        self.end_line();
        let Some(row) = self.row.take() else {
            return;
        };
        if !row.text.chars().any(char::is_alphanumeric) {
            return;
        }
        self.flush_flow(true);
        let header = row.thead || (row.all_th && row.cells > 0);
        let role = Role::TableRow {
            header,
            table: self.table_id,
        };
        self.push_block(Block::raw(role, row.text));
    }

    /// Runs the buffered paragraph/loose lines through the text classifier.
    fn flush_flow(&mut self, followed_by_content: bool) {
        if self.flow.is_empty() {
            return;
        }
        let lines = std::mem::take(&mut self.flow);
        // Lines from <p> elements are never menu entries; only loose text may be dropped as nav.
        let drop_nav = self
            .flow_nav_ok
            .iter()
            .zip(&lines)
            .all(|(ok, l)| *ok || l.text.is_empty());
        // Cleared, not taken: it keeps its room for the next run of lines (taken, it grew anew for
        // every paragraph: apps-2024 html::parse 214.3 M -> 213.6 M instructions).
        self.flow_nav_ok.clear();
        let classified = text::classify(
            lines,
            Options {
                drop_nav,
                followed_by_content,
            },
        );
        for (class, text) in classified {
            let role = match class {
                Class::Section => {
                    let level = (self.last_real_level + 1).min(6);
                    self.last_section_level = level;
                    Role::Heading(level)
                }
                Class::RunIn => Role::Heading((self.last_section_level + 1).min(6)),
                Class::Paragraph => Role::Paragraph,
                Class::Item => Role::ListItem(1),
            };
            // Every flow line was collapsed by `end_line` (or is empty), and the classifier only
            // trims, cuts and joins such lines with single spaces: see `text::classify`.
            self.push_block(Block {
                role,
                text,
                collapsed: true,
            });
        }
    }

    fn finish(&mut self) {
        self.end_line();
        self.emit_row();
        self.close_heading();
        self.flush_flow(false);
    }
}

/// Does `raw` contain OPP-115's "|||"? Looks only where a `|` is: most text has none, and building
/// a `memmem` searcher for every text run cost more than the search.
fn has_segment_separator(raw: &str) -> bool {
    let b = raw.as_bytes();
    memchr::memchr_iter(b'|', b).any(|i| b[i..].starts_with(b"|||"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(src: &str) -> Vec<(Role, String)> {
        parse(src)
            .blocks
            .into_iter()
            .filter(|b| b.role != Role::ListEnd)
            .map(|b| (b.role, collapse(&b.text)))
            .collect()
    }

    /// Blocks marked collapsed are what `collapse` would leave as they are, whatever the markup
    /// (the assembler does not check them again).
    fn assert_collapsed_blocks_are(src: &str) {
        for b in parse(src).blocks {
            if b.collapsed {
                assert!(
                    crate::document::assemble::is_collapsed(b.text.as_bytes()),
                    "{src:?} -> {:?}",
                    b.text
                );
                assert_eq!(collapse(&b.text), b.text, "{src:?}");
            }
        }
    }

    #[test]
    fn collapsed_blocks_on_examples() {
        for src in [
            "<p>A  b\u{a0}\u{200b} c\n\nD.</p><ul><li> x\t y </li><li>• and</li></ul>",
            "<div>- Item one\nand\n(ii) more Inc.\nFoo</div><br><br>Bar  baz|||Qux",
            "Privacy Policy\nHome\nAbout\nContact\nProducts\nWe collect:\n• a\n• b",
            "<b>Bold Heading</b><br>text &nbsp; here&#8203;.<dl><dt>T</dt><dd> d </dd></dl>",
        ] {
            assert_collapsed_blocks_are(src);
        }
    }

    /// Pieces of HTML (markup, entities, whitespace and invisibles, bullets, words) for
    /// `collapsed_blocks_are_collapsed`.
    const PIECES: &[&str] = &[
        "<p>", "</p>", "<br>", "<li>", "<ul>", "</ul>", "<b>", "</b>", "<div>", "</div>", "<td>",
        "<tr>", "<h2>", "</h2>", "<pre>", "</pre>", "&nbsp;", "&#8203;", "&amp;", "|||", " ", "  ",
        "\t", "\n", "\n\n", "\r", "\u{0}", "\u{a0}", "\u{ad}", "\u{200b}", "\u{2028}", "\u{3000}",
        "\u{feff}", "- ", "• ", "and", "or", "Inc.", "e.g.", ":", ";", ".", "(ii)", "We", "Data",
        "Home", "x", "é", "日",
    ];

    proptest::proptest! {
        #[test]
        fn collapsed_blocks_are_collapsed(
            parts in proptest::collection::vec(proptest::sample::select(PIECES), 0..40)
        ) {
            assert_collapsed_blocks_are(&parts.concat());
        }
    }

    #[test]
    fn basic_structure() {
        let r = roles(
            "<h1>T</h1><p>We collect:</p><ul><li>A <b>b</b></li><li>C<ul><li>D</li></ul></li></ul>",
        );
        assert_eq!(
            r,
            [
                (Role::Heading(1), "T".into()),
                (Role::Paragraph, "We collect:".into()),
                (Role::ListItem(1), "A b".into()),
                (Role::ListItem(1), "C".into()),
                (Role::ListItem(2), "D".into()),
            ]
        );
    }

    #[test]
    fn dropped_elements() {
        let r = roles(
            "<nav><ul><li>Home</li></ul></nav><div class='x cookie-banner'><div>Accept</div></div><script>if (a<b) {}</script><p>Kept.</p><footer>F</footer>",
        );
        assert_eq!(r, [(Role::Paragraph, "Kept.".into())]);
    }

    /// Newlines in loose text: a line ending a sentence or a heading-like line followed by a
    /// capital ends the line; other newlines are spaces, however many lines a paragraph has.
    #[test]
    fn line_breaks_in_loose_text() {
        let r = roles(
            "<div>1. Information We Collect\nWe collect your name\nand email.\nWe may\nshare it \u{200b}\n\nwith partners</div>",
        );
        let texts: Vec<&str> = r.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "1. Information We Collect",
                "We collect your name and email.",
                "We may share it",
                "with partners",
            ]
        );
        let wrapped: String = (0..2000).map(|i| format!("word {i}\n")).collect();
        let r = roles(&format!("<p>{wrapped}</p>"));
        assert_eq!(r.len(), 1, "one paragraph");
        assert_eq!(r[0].1.split(' ').count(), 4000);
    }
}
