//! The document stage: bytes in, clean text with sentences and headings out.
//!
//! Owns decoding (BOM, UTF-16, lossy UTF-8), mojibake repair, format detection, HTML/Markdown/text
//! reduction to blocks, and sentence splitting with exact byte spans into the cleaned text.
//! It knows nothing about privacy vocabulary: that is the lexicon's job, and meaning is extract's.
//!
//! Pipeline: `decode` (bytes → `String`) → `mojibake::repair` → `detect` → one of `html`,
//! `markdown`, `text` (→ `block::Block`s; HTML's free text also goes through `text`'s line
//! classifier) → `assemble` (text layout, heading tree, lead-ins; `sentences` per block).
//!
//! Layout of `Document::text`: one block (heading, paragraph, list item, table row) per line,
//! whitespace collapsed to single spaces, a blank line before every heading. Every span is trimmed,
//! non-empty and on char boundaries; sentences and headings never overlap.
//!
//! ```
//! use sharegraph::document::{parse, BlockKind};
//!
//! let doc = parse("p.md", b"# Sharing\n\nWe share data with:\n\n* Acme Inc. for analytics\n", None)?;
//! let item = &doc.sentences[1];
//! assert_eq!(doc.sentence_text(item), "Acme Inc. for analytics");
//! assert_eq!(item.kind, BlockKind::ListItem);
//! assert_eq!(doc.lead_in_text(item), Some("We share data with:"));
//! assert_eq!(doc.heading_path(item), ["Sharing"]);
//! # Ok::<(), sharegraph::document::DocumentError>(())
//! ```

mod assemble;
mod block;
pub mod chars;
mod decode;
mod detect;
mod entities;
mod html;
mod markdown;
pub mod mojibake;
mod sentences;
mod text;

use std::path::Path;

use serde::{Deserialize, Serialize};

/// The input format of a policy file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Html,
    Markdown,
    Text,
}

/// What joins the cells of a table row in the text (HTML and Markdown tables alike), so that a
/// row reads as one unit and its cells can be told apart again.
pub const CELL_SEPARATOR: &str = " | ";

/// What kind of block a sentence came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Paragraph,
    ListItem,
    TableRow,
}

/// A heading in the cleaned text. `parent` is the index of the enclosing heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    pub level: u8,
    pub start: usize,
    pub end: usize,
    pub parent: Option<usize>,
}

/// One sentence: `text[start..end]` of the document it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    /// Innermost enclosing heading (index into `Document::headings`).
    pub heading: Option<usize>,
    /// For list items and table rows: the span of the sentence that introduces the list/table.
    pub lead_in: Option<(usize, usize)>,
    /// Index of the block (paragraph, list item, table row) the sentence belongs to.
    pub block: usize,
    pub kind: BlockKind,
}

/// A policy reduced to clean text.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Document {
    /// File name without directory (`-` for stdin).
    pub name: String,
    pub format: Format,
    /// The cleaned text every span points into.
    pub text: String,
    /// The document title (first h1 / `<title>`), if any.
    pub title: Option<String>,
    pub headings: Vec<Heading>,
    pub sentences: Vec<Sentence>,
    /// Problems that did not stop reading (lossy decoding, empty input…): worth telling the user.
    pub warnings: Vec<String>,
    /// What cleaning did that is routine, not a problem (repaired mojibake): kept for whoever asks.
    #[serde(default)]
    pub notes: Vec<String>,
}

/// Why a document could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {reason}")]
    Unreadable { path: String, reason: String },
}

impl Document {
    pub fn sentence_text(&self, s: &Sentence) -> &str {
        &self.text[s.start..s.end]
    }

    pub fn heading_text(&self, h: usize) -> &str {
        let h = &self.headings[h];
        &self.text[h.start..h.end]
    }

    /// The sentence that introduces a list item or table row (its lead-in), if any.
    pub fn lead_in_text(&self, s: &Sentence) -> Option<&str> {
        s.lead_in.map(|(a, b)| &self.text[a..b])
    }

    /// Headings enclosing a sentence, outermost first.
    pub fn heading_path(&self, s: &Sentence) -> Vec<&str> {
        let mut path = Vec::new();
        let mut cur = s.heading;
        while let Some(h) = cur {
            path.push(self.heading_text(h));
            cur = self.headings[h].parent;
        }
        path.reverse();
        path
    }
}

/// Parse a policy from bytes. `name` is used in the document and in errors.
///
/// Empty or whitespace-only input gives a document without sentences and a warning that says so;
/// binary input (an image, a PDF, an archive) and, unless `format` is given, one of
/// sharegraph's own tables or a graph file (DOT, GraphML, SVG) are `DocumentError::Unreadable`.
/// Never panics.
pub fn parse(name: &str, bytes: &[u8], format: Option<Format>) -> Result<Document, DocumentError> {
    let decoded = decode::decode(name, bytes)?;
    let warnings = decoded.warnings;
    let (text, repairs) = mojibake::repair(&decoded.text);
    // A format given by the caller is taken at its word, even for a table.
    if let (None, Some(what)) = (format, detect::not_a_policy(&text)) {
        return Err(DocumentError::Unreadable {
            path: name.to_string(),
            reason: format!(
                "{what}, not a policy (a saved graph is read from graph.json or graph.sgb)"
            ),
        });
    }
    let format = format.unwrap_or_else(|| detect::detect(name, &text));
    let parsed = match format {
        Format::Html => html::parse(&text),
        Format::Markdown => markdown::parse(&text),
        Format::Text => text::parse(&text),
    };
    let mut doc = assemble::assemble(name, format, parsed, warnings);
    if repairs > 0 {
        doc.notes.push(format!(
            "{name}: repaired {repairs} mojibake sequence(s) (UTF-8 read as Windows-1252)"
        ));
    }
    if doc.text.trim().is_empty() {
        doc.warnings.push(if bytes.is_empty() {
            format!("{name}: empty file, no text to read")
        } else if text.trim().is_empty() {
            format!("{name}: only whitespace, no text to read")
        } else {
            format!("{name}: no text left after removing the markup")
        });
    }
    Ok(doc)
}

/// Detect the format of `text` from the file name's extension and the content.
pub fn detect_format(name: &str, text: &str) -> Format {
    detect::detect(name, text)
}

/// Read and parse a policy file.
pub fn load(path: &Path, format: Option<Format>) -> Result<Document, DocumentError> {
    let bytes = std::fs::read(path).map_err(|source| DocumentError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    parse(&name, &bytes, format)
}
