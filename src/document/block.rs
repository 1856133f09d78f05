//! The intermediate block model shared by the format parsers and the assembler.
//!
//! Owns only data: what a parser hands on (a heading, paragraph, list item or table row with its raw
//! inline text). Whitespace collapsing, spans and sentences are the assembler's job.

/// The role of a block in the document structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// A heading of level 1..=6.
    Heading(u8),
    Paragraph,
    /// A list item at nesting depth >= 1.
    ListItem(u8),
    /// A table row; `table` identifies the table so a header row applies only to its own rows.
    TableRow {
        header: bool,
        table: u32,
    },
    /// The end of a top-level list (no text): the next list gets its own lead-in.
    ListEnd,
}

/// One block of raw text (whitespace not yet collapsed, entities already decoded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    pub role: Role,
    pub text: String,
    /// The parser already collapsed `text` (`assemble::collapse` would leave it as it is), so the
    /// assembler need not check it again: that check was ~15 M instructions on apps-2024, almost
    /// all of it on HTML lines `end_line` had just collapsed. Only set where that is certain.
    pub collapsed: bool,
}

impl Block {
    /// A block whose text still needs collapsing (or is not known not to).
    pub(crate) fn raw(role: Role, text: String) -> Self {
        Block {
            role,
            text,
            collapsed: false,
        }
    }
}

/// What a format parser produces.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub blocks: Vec<Block>,
    pub title: Option<String>,
}
