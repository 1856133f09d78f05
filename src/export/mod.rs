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

pub mod atomic;
pub mod csv;
pub mod dot;
pub mod graphml;
pub mod json;
pub mod neo4j;
pub mod render;

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::graph::ShareGraph;

pub use self::csv::CsvOptions;
pub use atomic::{Staging, abort_pending_writes, discard_temp, register_temp};
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
    /// Writing one of several files failed (see [`export_all_to_dir`]).
    #[error("cannot write {}: {source}", path.display())]
    At {
        path: PathBuf,
        #[source]
        source: Box<ExportError>,
    },
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
        if path.exists() && !path.is_dir() {
            return Err(ExportError::Io(io::Error::new(
                io::ErrorKind::NotADirectory,
                "exists and is not a directory (the neo4j format writes a directory of files)",
            )));
        }
        fs::create_dir_all(path)?;
        return Ok(neo4j::write_import_files(graph, path)?);
    }
    let mut failure = None;
    let written = write_atomically(path, |w| export_io(graph, format, options, w, &mut failure));
    if let Some(e) = failure {
        return Err(e);
    }
    written?;
    Ok(vec![path.to_path_buf()])
}

/// [`export`] for writers that speak `io::Result` (temp-file staging). An export error that is
/// not an io::Error (a missing `dot`) is kept in `failure`, so that it reaches the caller as
/// itself rather than as the io::Error that made the stager discard the temp file.
fn export_io<W: Write + ?Sized>(
    graph: &ShareGraph,
    format: ExportFormat,
    options: &ExportOptions,
    w: &mut W,
    failure: &mut Option<ExportError>,
) -> io::Result<()> {
    export(graph, format, options, w).map_err(|e| match e {
        ExportError::Io(e) => e,
        other => {
            *failure = Some(other);
            io::Error::other("export failed")
        }
    })
}

/// Write `graph` in several formats into `dir` (created if missing), each output a
/// `(file name, format)` pair (a directory name for Neo4j). All files are written to temp files
/// first and renamed only when every one of them was written, so a failure or an interrupt leaves
/// the previous outputs as they were — never a new `nodes.csv` beside an old `edges.csv`.
/// Returns the files written.
pub fn export_all_to_dir(
    graph: &ShareGraph,
    outputs: &[(&str, ExportFormat)],
    options: &ExportOptions,
    dir: &Path,
) -> Result<Vec<PathBuf>, ExportError> {
    let at = |path: &Path, source: ExportError| ExportError::At {
        path: path.to_path_buf(),
        source: Box::new(source),
    };
    if dir.exists() && !dir.is_dir() {
        let e = io::Error::new(
            io::ErrorKind::NotADirectory,
            "exists and is not a directory",
        );
        return Err(at(dir, e.into()));
    }
    fs::create_dir_all(dir).map_err(|e| at(dir, e.into()))?;
    let mut staging = Staging::new();
    let mut written = Vec::new();
    for &(name, format) in outputs {
        let path = dir.join(name);
        if format == ExportFormat::Neo4j {
            fs::create_dir_all(&path).map_err(|e| at(&path, e.into()))?;
            let nodes = path.join("nodes.csv");
            staging
                .write(&nodes, |w| neo4j::write_nodes_csv(graph, w))
                .map_err(|e| at(&nodes, e.into()))?;
            let relationships = path.join("relationships.csv");
            staging
                .write(&relationships, |w| neo4j::write_relationships_csv(graph, w))
                .map_err(|e| at(&relationships, e.into()))?;
            written.extend([nodes, relationships]);
            continue;
        }
        let mut failure = None;
        let result = staging.write(&path, |w| {
            export_io(graph, format, options, w, &mut failure)
        });
        if let Some(e) = failure {
            return Err(at(&path, e));
        }
        result.map_err(|e| at(&path, e.into()))?;
        written.push(path);
    }
    staging.commit().map_err(|e| at(dir, ExportError::Io(e)))?;
    Ok(written)
}

/// Write a file so that readers see either the old content or the complete new one: `write` fills a
/// temp file in the same directory (same filesystem, so the rename is atomic), which is flushed,
/// synced and renamed over `path`. If `write` (or anything else) fails, the temp file is removed
/// and `path` is left untouched. See [`atomic`] for symlinks, devices and interrupts, and
/// [`Staging`] for several files at once.
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
    let mut staging = Staging::new();
    staging.write(path, write)?;
    staging.commit()
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
