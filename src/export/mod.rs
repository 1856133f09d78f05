//! The export stage: a `ShareGraph` out to the formats people load it into.
//!
//! One module per format, all reading only the graph (nodes, edges, statements):
//! - [`dot`]: Graphviz DOT for diagrams, built as a graphviz-rust AST; [`render`] turns it into SVG/PNG;
//! - [`csv`]: statements (the stable table of DESIGN.md), nodes and edges, safe to open in a spreadsheet;
//! - [`json`]: the saved graph, a statements array, JSON Lines;
//! - [`graphml`]: for Gephi, yEd, Cytoscape;
//! - [`neo4j`]: `neo4j-admin database import` CSV files, or a Cypher script.
//!
//! Writers are generic over `std::io::Write` and never print; [`write_atomically`] and
//! [`export_to_path`] put a file on disk so that a failed export never leaves a half-written file
//! where a good one was.

pub mod csv;
pub mod dot;
pub mod graphml;
pub mod json;
pub mod neo4j;
pub mod render;

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::graph::ShareGraph;

pub use self::csv::CsvOptions;
pub use dot::DotOptions;
pub use render::RenderError;

/// An output format of `sharegraph export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum ExportFormat {
    /// Graphviz DOT source.
    Dot,
    /// SVG drawn by Graphviz `dot` (must be installed).
    Svg,
    /// PNG drawn by Graphviz `dot` (must be installed).
    Png,
    /// The statements table (one row per extracted fact).
    Csv,
    /// One row per node.
    NodesCsv,
    /// One row per edge.
    EdgesCsv,
    /// The whole graph as saved by `sharegraph build`.
    Json,
    /// One statement per line (JSON Lines).
    Jsonl,
    /// GraphML for Gephi, yEd, Cytoscape.
    Graphml,
    /// `neo4j-admin database import` CSV files (a directory).
    Neo4j,
    /// A Cypher script of MERGE statements.
    Cypher,
}

impl ExportFormat {
    /// The usual file extension, without dot; `None` for Neo4j, which writes a directory.
    pub fn extension(self) -> Option<&'static str> {
        match self {
            ExportFormat::Dot => Some("dot"),
            ExportFormat::Svg => Some("svg"),
            ExportFormat::Png => Some("png"),
            ExportFormat::Csv | ExportFormat::NodesCsv | ExportFormat::EdgesCsv => Some("csv"),
            ExportFormat::Json => Some("json"),
            ExportFormat::Jsonl => Some("jsonl"),
            ExportFormat::Graphml => Some("graphml"),
            ExportFormat::Neo4j => None,
            ExportFormat::Cypher => Some("cypher"),
        }
    }
}

/// Options of all formats; each format reads its own part.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportOptions {
    pub dot: DotOptions,
    pub csv: CsvOptions,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Io(#[from] io::Error),
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error(
        "the neo4j format writes several files: give a directory (export_to_path / write_import_files)"
    )]
    NeedsDirectory,
}

/// Write `graph` in `format` to `writer`.
///
/// Neo4j import files are several files and cannot go to one writer: use [`export_to_path`] or
/// [`neo4j::write_import_files`].
pub fn export<W: Write>(
    graph: &ShareGraph,
    format: ExportFormat,
    options: &ExportOptions,
    mut writer: W,
) -> Result<(), ExportError> {
    match format {
        ExportFormat::Dot => writer.write_all(dot::to_dot(graph, &options.dot).as_bytes())?,
        ExportFormat::Svg | ExportFormat::Png => {
            let image = if format == ExportFormat::Svg {
                render::RenderFormat::Svg
            } else {
                render::RenderFormat::Png
            };
            writer.write_all(&render::render(&dot::to_dot(graph, &options.dot), image)?)?
        }
        ExportFormat::Csv => csv::write_statements(graph, &options.csv, &mut writer)?,
        ExportFormat::NodesCsv => csv::write_nodes(graph, &options.csv, &mut writer)?,
        ExportFormat::EdgesCsv => csv::write_edges(graph, &options.csv, &mut writer)?,
        ExportFormat::Json => json::write_graph(graph, &mut writer)?,
        ExportFormat::Jsonl => json::write_statements_jsonl(graph, &mut writer)?,
        ExportFormat::Graphml => graphml::write_graphml(graph, &mut writer)?,
        ExportFormat::Cypher => neo4j::write_cypher(graph, &mut writer)?,
        ExportFormat::Neo4j => return Err(ExportError::NeedsDirectory),
    }
    writer.flush()?;
    Ok(())
}

/// Write `graph` in `format` to `path`, atomically. For [`ExportFormat::Neo4j`], `path` is a
/// directory (created if missing) that receives the import files. Returns the files written.
pub fn export_to_path(
    graph: &ShareGraph,
    format: ExportFormat,
    options: &ExportOptions,
    path: &Path,
) -> Result<Vec<PathBuf>, ExportError> {
    if format == ExportFormat::Neo4j {
        fs::create_dir_all(path)?;
        return Ok(neo4j::write_import_files(graph, path)?);
    }
    // An export error that is not an io::Error (a missing `dot`) must reach the caller as itself,
    // not as the io::Error that made write_atomically discard the temp file.
    let mut failure = None;
    let written = write_atomically(path, |w| {
        export(graph, format, options, w).map_err(|e| match e {
            ExportError::Io(e) => e,
            other => {
                failure = Some(other);
                io::Error::other("export failed")
            }
        })
    });
    if let Some(e) = failure {
        return Err(e);
    }
    written?;
    Ok(vec![path.to_path_buf()])
}

/// Distinguishes temp files of concurrent writes from one process.
static TEMP_COUNTER: AtomicUsize = AtomicUsize::new(0);

/// Write a file so that readers see either the old content or the complete new one: `write` fills a
/// temp file in the same directory (same filesystem, so the rename is atomic), which is flushed,
/// synced and renamed over `path`. If `write` (or anything else) fails, the temp file is removed
/// and `path` is left untouched.
///
/// ```no_run
/// # use std::io::Write;
/// sharegraph::export::write_atomically(std::path::Path::new("out.csv"), |w| w.write_all(b"a,b\n"))?;
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn write_atomically<F>(path: &Path, write: F) -> io::Result<()>
where
    F: FnOnce(&mut dyn Write) -> io::Result<()>,
{
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("not a file path: {}", path.display()),
        )
    })?;
    let temp = dir.join(format!(
        ".{}.{}-{}.tmp",
        name.to_string_lossy(),
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)?;
    let outcome = fill(file, write).and_then(|()| fs::rename(&temp, path));
    if outcome.is_err() {
        // Best effort: the original error is the one worth reporting.
        let _ = fs::remove_file(&temp);
    }
    outcome
}

fn fill<F>(file: File, write: F) -> io::Result<()>
where
    F: FnOnce(&mut dyn Write) -> io::Result<()>,
{
    let mut buffered = BufWriter::new(file);
    write(&mut buffered)?;
    let file = buffered.into_inner().map_err(|e| e.into_error())?;
    // Without the sync a crash right after the rename could leave an empty file under the new name.
    file.sync_all()
}

/// For each node id, the number of distinct statements behind the edges that touch it: the weight
/// that GraphML and Neo4j exports carry for sizing nodes.
pub(crate) fn node_statement_counts(graph: &ShareGraph) -> indexmap::IndexMap<&str, usize> {
    let mut sets: indexmap::IndexMap<&str, std::collections::BTreeSet<usize>> = graph
        .node_list()
        .map(|n| (n.id.as_str(), Default::default()))
        .collect();
    for (a, b, e) in graph.edge_list() {
        for id in [a.id.as_str(), b.id.as_str()] {
            if let Some(set) = sets.get_mut(id) {
                set.extend(e.statements.iter().copied());
            }
        }
    }
    sets.into_iter().map(|(id, set)| (id, set.len())).collect()
}

/// Display labels of an edge's data categories (the category label when the graph has its node,
/// else the id).
pub(crate) fn data_labels(graph: &ShareGraph, data: &[String]) -> Vec<String> {
    data.iter()
        .map(|d| {
            graph
                .node(&ShareGraph::data_id(d))
                .map_or_else(|| d.clone(), |n| n.label.clone())
        })
        .collect()
}
