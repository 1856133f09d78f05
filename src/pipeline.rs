//! Running the stages over many inputs: expanding paths (directories, globs, file lists), reading
//! each policy, extracting its statements in parallel (output order = input order), and merging
//! them into one graph.
//!
//! For corpora, [`for_each_extracted`] streams: policies are extracted on all cores, each document
//! dropped as soon as its statements are out, and the results handed over in input order while
//! the next ones are being extracted. Memory holds a window of results, never the corpus.
//!
//! One bad input never stops the others: each result is an `Err` naming its file.

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::io::Read;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::document::{self, Document, DocumentError, Format};
use crate::extract::{self, Extraction, PolicyRuns, Statement};
use crate::graph::{GraphFileError, Prefilter, ShareGraph, binary};
use crate::lexicon::Lexicon;
use crate::limits::{self, ReadError};
use crate::ordered;

mod first_read;
pub use first_read::{FirstRead, Repeated};

/// One thing to read: a file, or standard input (`-`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Input {
    /// A file; `name`, when set, is the name its statements carry instead of the file name (see
    /// [`expand`]: two files of one run with the same name).
    File {
        path: PathBuf,
        name: Option<String>,
    },
    Stdin,
}

impl Input {
    /// A file whose statements carry its file name.
    pub fn file(path: impl Into<PathBuf>) -> Input {
        Input::File {
            path: path.into(),
            name: None,
        }
    }

    /// The file's path (none for stdin).
    pub fn path(&self) -> Option<&Path> {
        match self {
            Input::File { path, .. } => Some(path),
            Input::Stdin => None,
        }
    }

    /// The name statements carry: the file name without its directory, `-` for stdin; for a
    /// file whose name another file of the run has too, the file name with as many of its
    /// parent directories as tell the two apart ([`expand`]).
    pub fn name(&self) -> String {
        match self {
            Input::File {
                name: Some(name), ..
            } => name.clone(),
            Input::File { path, name: None } => path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            Input::Stdin => "-".to_string(),
        }
    }

    pub fn display(&self) -> String {
        match self {
            Input::File { path, .. } => path.display().to_string(),
            Input::Stdin => "<stdin>".to_string(),
        }
    }

    /// A saved graph (`sharegraph build` output: graph.json, graph.sgb) rather than a policy.
    pub fn is_saved_graph(&self) -> bool {
        let Some(p) = self.path() else {
            return false;
        };
        let extension = p.extension().and_then(|e| e.to_str());
        if extension == Some("sgb") {
            return binary::is_binary_graph(p);
        }
        if extension != Some("json") {
            return false;
        }
        let mut head = [0u8; 256];
        let n = std::fs::File::open(p)
            .and_then(|mut f| f.read(&mut head))
            .unwrap_or(0);
        String::from_utf8_lossy(&head[..n]).contains("\"format\": \"sharegraph\"")
    }
}

/// Why an input could not be used.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{0}: no such file or directory")]
    Missing(String),
    #[error("{path}: cannot read directory: {source}")]
    Directory {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("-: standard input holds the file list (--files-from -), not a policy")]
    StdinTaken,
    #[error("{0}: no file matches this pattern")]
    NoMatch(String),
    #[error("{pattern}: bad pattern: {message}")]
    Pattern { pattern: String, message: String },
    #[error(transparent)]
    Document(#[from] DocumentError),
    #[error("{path}: {source}")]
    Graph {
        path: String,
        #[source]
        source: GraphFileError,
    },
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// Larger than `Options::max_input_size`, or not a file.
    #[error("{path}: {source}")]
    Read {
        path: String,
        #[source]
        source: ReadError,
    },
    /// Found in a directory walk but not a regular file (a FIFO, socket or device): not read,
    /// because reading a FIFO nobody writes to would wait forever.
    #[error("{path}: not a regular file ({kind}), skipped")]
    NotAFile { path: String, kind: &'static str },
    /// A bug: reading this input panicked. The other inputs are still processed.
    #[error("{path}: internal error while reading this policy (please report it): {message}")]
    Internal { path: String, message: String },
}

/// Extensions read when walking a directory; named files are read whatever their extension.
const POLICY_EXTENSIONS: [&str; 7] = ["html", "htm", "xhtml", "md", "markdown", "txt", "text"];

/// Expand paths: files as given, directories recursively (sorted, symlink loops skipped), `-` as
/// stdin, and glob patterns (`corpus/*.html`, `**/*.md`) that the shell did not expand (quoted, or
/// on Windows): their matches in sorted order, directories among them read recursively. A file
/// reached twice is read once, and files with the same name get names that tell them apart
/// ([`distinct`]).
pub fn expand(paths: &[PathBuf]) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    let mut seen_dirs = HashSet::new();
    for p in paths {
        if p.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if p.is_dir() {
            walk(p, &mut inputs, &mut errors, &mut seen_dirs);
        } else if p.exists() {
            inputs.push(Input::file(p));
        } else if let (Ok(_), Err(source)) = (p.symlink_metadata(), p.metadata()) {
            // A dangling symlink or a symlink loop: say which.
            errors.push(InputError::Io {
                path: p.display().to_string(),
                source,
            });
        } else if is_glob(p) {
            expand_glob(p, &mut inputs, &mut errors, &mut seen_dirs);
        } else {
            errors.push(InputError::Missing(p.display().to_string()));
        }
    }
    (distinct(inputs), errors)
}

/// The inputs with the same file reached twice kept once (`corpus/a.html corpus/*.html`, a
/// symlink to a file also given), and files of the same name in different directories
/// (`example.com/privacy.html`, `example.org/privacy.html`) named by their file name and as
/// many of their parent directories as tell them apart (`example.com/privacy.html`). A policy's
/// name is its key in a merged graph and in every query: two policies under one name were read
/// as one (their statements pooled, one's denials set against the other's claims), and a file
/// given twice counted each statement twice. Paths are resolved only for names that repeat.
fn distinct(inputs: Vec<Input>) -> Vec<Input> {
    let mut by_name: HashMap<OsString, Vec<usize>> = HashMap::new();
    let mut keep = vec![true; inputs.len()];
    let mut stdin_seen = false;
    for (i, input) in inputs.iter().enumerate() {
        match input.path() {
            Some(path) => {
                if let Some(name) = path.file_name() {
                    by_name.entry(name.to_owned()).or_default().push(i);
                }
            }
            // Standard input once: a second read of it would find it empty.
            None => keep[i] = !std::mem::replace(&mut stdin_seen, true),
        }
    }
    if keep.iter().all(|&k| k) && by_name.values().all(|group| group.len() == 1) {
        return inputs;
    }
    let mut names: Vec<Option<String>> = vec![None; inputs.len()];
    for group in by_name.values().filter(|group| group.len() > 1) {
        // Each path's components, last first, without its root, resolved (a path that cannot
        // be resolved, which reading will report, stands as given).
        let mut seen = HashSet::new();
        let mut members: Vec<(usize, Vec<String>)> = Vec::new();
        for &i in group {
            let Some(path) = inputs[i].path() else {
                continue;
            };
            let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
            if !seen.insert(real.clone()) {
                keep[i] = false;
                continue;
            }
            let parts = real
                .components()
                .rev()
                .filter(|c| !matches!(c, Component::RootDir | Component::Prefix(_)))
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            members.push((i, parts));
        }
        if members.len() < 2 {
            continue;
        }
        let tail = |parts: &[String], depth: usize| {
            let mut kept: Vec<&str> = parts.iter().take(depth).map(String::as_str).collect();
            kept.reverse();
            kept.join("/")
        };
        // Each member its own depth, the fewest components no other member ends with: tails of
        // different depths have different numbers of parts, so they never meet.
        for (i, parts) in &members {
            let depth = (2..=parts.len())
                .find(|&depth| {
                    members
                        .iter()
                        .all(|(j, other)| j == i || other.get(..depth) != parts.get(..depth))
                })
                .unwrap_or(parts.len());
            names[*i] = Some(tail(parts, depth));
        }
    }
    inputs
        .into_iter()
        .zip(keep)
        .zip(names)
        .filter_map(|((input, keep), new_name)| {
            keep.then_some(match input {
                Input::File { path, name } => Input::File {
                    path,
                    name: new_name.or(name),
                },
                Input::Stdin => Input::Stdin,
            })
        })
        .collect()
}

/// A path with glob metacharacters (`*`, `?`, `[`) that names no file itself.
fn is_glob(p: &Path) -> bool {
    p.to_string_lossy().contains(['*', '?', '['])
}

fn expand_glob(
    pattern: &Path,
    inputs: &mut Vec<Input>,
    errors: &mut Vec<InputError>,
    seen: &mut HashSet<PathBuf>,
) {
    let text = pattern.to_string_lossy();
    let options = glob::MatchOptions {
        case_sensitive: true,
        require_literal_separator: true,
        require_literal_leading_dot: true,
    };
    let matches = match glob::glob_with(&text, options) {
        Ok(m) => m,
        Err(e) => {
            errors.push(InputError::Pattern {
                pattern: text.into_owned(),
                message: e.msg.to_string(),
            });
            return;
        }
    };
    let mut any = false;
    for m in matches {
        match m {
            Ok(p) if p.is_dir() => {
                any = true;
                walk(&p, inputs, errors, seen);
            }
            Ok(p) => {
                any = true;
                inputs.push(Input::file(p));
            }
            Err(e) => errors.push(InputError::Io {
                path: e.path().display().to_string(),
                source: e.into(),
            }),
        }
    }
    if !any {
        errors.push(InputError::NoMatch(text.into_owned()));
    }
}

/// Read a list of input paths, one per line (`--files-from`), from a file or, for `-`, from
/// standard input. Blank lines are skipped; a trailing `\r` is dropped. Paths are taken as they
/// are (relative ones from the current directory); globs and directories in the list are expanded
/// like arguments.
pub fn read_file_list(path: &Path) -> Result<Vec<PathBuf>, InputError> {
    let io_error = |source| InputError::Io {
        path: if path.as_os_str() == "-" {
            "<stdin>".to_string()
        } else {
            path.display().to_string()
        },
        source,
    };
    let mut text = String::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(io_error)?;
    } else {
        std::fs::File::open(path)
            .and_then(|mut f| f.read_to_string(&mut text))
            .map_err(io_error)?;
    }
    Ok(text
        .lines()
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .filter(|l| !l.trim().is_empty())
        .map(PathBuf::from)
        .collect())
}

fn walk(
    dir: &Path,
    inputs: &mut Vec<Input>,
    errors: &mut Vec<InputError>,
    seen: &mut HashSet<PathBuf>,
) {
    let Ok(canonical) = dir.canonicalize() else {
        errors.push(InputError::Missing(dir.display().to_string()));
        return;
    };
    if !seen.insert(canonical) {
        return; // a symlink loop, or a directory reached twice
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            errors.push(InputError::Directory {
                path: dir.display().to_string(),
                source,
            });
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let hidden = p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, inputs, errors, seen);
        } else {
            let ext = p
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase);
            if ext
                .as_deref()
                .is_some_and(|e| POLICY_EXTENSIONS.contains(&e))
            {
                match special_file_kind(&p) {
                    Some(kind) => errors.push(InputError::NotAFile {
                        path: p.display().to_string(),
                        kind,
                    }),
                    None => inputs.push(Input::file(p)),
                }
            }
        }
    }
}

/// What a directory entry is when it is neither a directory nor a regular file (following
/// symlinks); `None` for regular files and for entries whose metadata cannot be read (reading them
/// reports the real error: a dangling link, a loop, a permission).
fn special_file_kind(path: &Path) -> Option<&'static str> {
    let kind = std::fs::metadata(path).ok()?.file_type();
    if kind.is_file() || kind.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("FIFO");
        }
        if kind.is_socket() {
            return Some("socket");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("device");
        }
    }
    Some("special file")
}

/// How to read policies.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Force the input format instead of detecting it.
    pub format: Option<Format>,
    /// Name the first party instead of detecting it (for a single policy).
    pub vendor: Option<String>,
    /// Refuse policies larger than this many bytes; `None` is
    /// [`limits::DEFAULT_MAX_INPUT_SIZE`]. Saved graphs are not limited.
    pub max_input_size: Option<u64>,
}

impl Options {
    /// The size limit in force.
    pub fn input_limit(&self) -> u64 {
        self.max_input_size
            .unwrap_or(limits::DEFAULT_MAX_INPUT_SIZE)
    }
}

/// One policy read and extracted.
#[derive(Debug, Clone)]
pub struct Analysis {
    pub input: Input,
    pub document: Document,
    pub extraction: Extraction,
}

/// Read and extract one policy.
pub fn analyze(
    input: &Input,
    lexicon: &Lexicon,
    options: &Options,
) -> Result<Analysis, InputError> {
    let (bytes, name) = read_input(input, options)?;
    let document = document::parse(&name, &bytes, options.format)?;
    let extraction = extract::extract(&document, lexicon, options.vendor.as_deref());
    Ok(Analysis {
        input: input.clone(),
        document,
        extraction,
    })
}

/// The bytes of an input and the name its document takes (as `document::load` names it).
/// The bytes of an input (within the size limit of `options`) and the name statements carry.
fn read_input(input: &Input, options: &Options) -> Result<(Vec<u8>, String), InputError> {
    let read_error = |source: ReadError| match source {
        ReadError::Io(source) => InputError::Io {
            path: input.display(),
            source,
        },
        source => InputError::Read {
            path: input.display(),
            source,
        },
    };
    let bytes = match input {
        Input::File { path, .. } => limits::read_file(path, options.input_limit()),
        Input::Stdin => limits::read_stream(std::io::stdin().lock(), options.input_limit()),
    }
    .map_err(read_error)?;
    Ok((bytes, input.name()))
}

/// Read and extract many policies on all cores; results come back in input order.
///
/// Holds every document in memory at once: for a corpus, use [`for_each_extracted`].
pub fn analyze_all(
    inputs: &[Input],
    lexicon: &Lexicon,
    options: &Options,
) -> Vec<Result<Analysis, InputError>> {
    inputs
        .par_iter()
        .map(|i| analyze_guarded(i, lexicon, options))
        .collect()
}

/// [`analyze`], with a panic (a bug) turned into an error for this input alone, so that one odd
/// policy never takes down a run over thousands.
pub fn analyze_guarded(
    input: &Input,
    lexicon: &Lexicon,
    options: &Options,
) -> Result<Analysis, InputError> {
    guarded(input, || analyze(input, lexicon, options))
}

/// Run `work` for one input, turning a panic (a bug) into an error for that input alone, so that
/// one odd policy never takes down a run over thousands.
fn guarded<T>(
    input: &Input,
    work: impl FnOnce() -> Result<T, InputError>,
) -> Result<T, InputError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_string());
        Err(InputError::Internal {
            path: input.display(),
            message,
        })
    })
}

/// One policy read and extracted, without its text: what a corpus run keeps of it.
#[derive(Debug, Clone)]
pub struct Extracted {
    pub input: Input,
    /// The document's name, as statements carry it in `policy`.
    pub policy: String,
    /// The first party (detected, or as given in the options).
    pub vendor: String,
    pub statements: Vec<Statement>,
    /// Problems that did not stop reading (empty file, lossy decoding…).
    pub warnings: Vec<String>,
    /// Size of the input in bytes.
    pub bytes: usize,
}

/// Read and extract one policy and drop its document. A panic (a bug) fails this input alone.
pub fn extract_input(
    input: &Input,
    lexicon: &Lexicon,
    options: &Options,
) -> Result<Extracted, InputError> {
    guarded(input, || extract_input_unguarded(input, lexicon, options))
}

fn extract_input_unguarded(
    input: &Input,
    lexicon: &Lexicon,
    options: &Options,
) -> Result<Extracted, InputError> {
    let (bytes, name) = read_input(input, options)?;
    let size = bytes.len();
    let document = document::parse(&name, &bytes, options.format)?;
    drop(bytes);
    let extraction = extract::extract(&document, lexicon, options.vendor.as_deref());
    Ok(Extracted {
        input: input.clone(),
        policy: document.name,
        vendor: extraction.vendor.name,
        statements: extraction.statements,
        warnings: document.warnings,
        bytes: size,
    })
}

/// Extract many policies on all cores and hand each result to `sink` in input order as soon as
/// it and those before it are done ([`ordered::for_each_ordered`]): memory holds a window of
/// results ([`ordered::window`]), never the corpus, and no document outlives its extraction.
///
/// `progress` is called from the worker threads after each policy with its size in bytes (0 for
/// a failure). The first error of `sink` stops the run and is returned.
pub fn for_each_extracted<E>(
    inputs: &[Input],
    lexicon: &Lexicon,
    options: &Options,
    progress: &(dyn Fn(usize) + Sync),
    sink: impl FnMut(Result<Extracted, InputError>) -> Result<(), E>,
) -> Result<(), E> {
    ordered::for_each_ordered(
        inputs,
        ordered::window(),
        |input| {
            let result = extract_input(input, lexicon, options);
            progress(result.as_ref().map_or(0, |e| e.bytes));
            result
        },
        sink,
    )
}

/// Load a saved graph: JSON, or the compact binary form (whose statements are not yet linked
/// into nodes and edges: see [`ShareGraph::load_binary`]).
pub fn load_graph(input: &Input) -> Result<ShareGraph, InputError> {
    load_graph_filtered(input, &Prefilter::default())
}

/// [`load_graph`], leaving out the statements of a binary graph that `prefilter` does not keep.
pub fn load_graph_filtered(input: &Input, prefilter: &Prefilter) -> Result<ShareGraph, InputError> {
    let Some(p) = input.path() else {
        return Err(InputError::Missing(input.display()));
    };
    let graph_error = |source| InputError::Graph {
        path: p.display().to_string(),
        source,
    };
    if binary::is_binary_graph(p) {
        return ShareGraph::load_binary(p, prefilter).map_err(graph_error);
    }
    let file = std::fs::File::open(p).map_err(|source| InputError::Io {
        path: p.display().to_string(),
        source,
    })?;
    ShareGraph::load_json(file).map_err(graph_error)
}

/// The graph of all inputs: policies are read and extracted, saved graphs merged in. Errors are
/// returned beside the graph so the caller can report them and go on.
pub fn build_graph(
    inputs: &[Input],
    lexicon: &Lexicon,
    options: &Options,
) -> (ShareGraph, Vec<InputError>) {
    build_graph_with_warnings(inputs, lexicon, options, &mut |_| {})
}

/// [`build_graph`], handing every document warning (an empty file, bytes that are not valid
/// UTF-8 replaced…) to `on_warning` in input order.
pub fn build_graph_with_warnings(
    inputs: &[Input],
    lexicon: &Lexicon,
    options: &Options,
    on_warning: &mut dyn FnMut(&str),
) -> (ShareGraph, Vec<InputError>) {
    build_graph_with_progress(
        inputs,
        lexicon,
        options,
        &Prefilter::default(),
        &|_| {},
        on_warning,
    )
}

/// [`build_graph`], calling `progress` after each policy (see [`for_each_extracted`]) and
/// `on_warning` with each document warning. Documents are dropped as soon as their statements are
/// out. Compact saved graphs (graph.sgb) are read through `prefilter`: a query passes what it
/// could use, and the rest is never loaded.
pub fn build_graph_with_progress(
    inputs: &[Input],
    lexicon: &Lexicon,
    options: &Options,
    prefilter: &Prefilter,
    progress: &(dyn Fn(usize) + Sync),
    on_warning: &mut dyn FnMut(&str),
) -> (ShareGraph, Vec<InputError>) {
    let mut graph = ShareGraph::new();
    let errors = for_each_part(
        inputs,
        lexicon,
        options,
        Saved::Whole(prefilter),
        progress,
        on_warning,
        |part| {
            match part {
                Part::Saved(saved) => graph.merge(saved, lexicon),
                Part::SavedPolicy(statements) => graph.add_statements(statements, lexicon),
                Part::Policy(e) => {
                    graph.add_vendor(&e.vendor, &e.policy);
                    graph.add_statements(e.statements, lexicon);
                }
            }
            Ok::<(), std::convert::Infallible>(())
        },
    );
    let Ok(errors) = errors;
    (graph, errors)
}

/// The statements of all inputs, in the order [`build_graph_with_progress`] links them, without
/// linking them into nodes and edges: what a question needs. On a saved graph of 100 000
/// policies, linking the ~100 000 statements a broad question keeps took half of its time.
pub fn collect_statements_with_progress(
    inputs: &[Input],
    lexicon: &Lexicon,
    options: &Options,
    prefilter: &Prefilter,
    progress: &(dyn Fn(usize) + Sync),
    on_warning: &mut dyn FnMut(&str),
) -> (Vec<Statement>, Vec<InputError>) {
    let mut statements = Vec::new();
    let errors = for_each_part(
        inputs,
        lexicon,
        options,
        Saved::Whole(prefilter),
        progress,
        on_warning,
        |part| {
            match part {
                Part::Saved(saved) => statements.extend(saved.statements),
                Part::SavedPolicy(policy)
                | Part::Policy(Extracted {
                    statements: policy, ..
                }) => statements.extend(policy),
            }
            Ok::<(), std::convert::Infallible>(())
        },
    );
    let Ok(errors) = errors;
    (statements, errors)
}

/// The statements of all inputs, one policy at a time, in the order of
/// [`collect_statements_with_progress`]: a question that looks at each policy on its own
/// (`contradictions`) holds one policy, not the corpus. Saved graphs are read a block of rows at a
/// time (graph.sgb) or whole (graph.json), and a policy is a run of consecutive statements with
/// the same policy name; a saved graph damaged part way through has handed on the policies before
/// the damage when its error is reported. The first error of `each` (a closed output) stops the
/// run and is returned.
pub fn for_each_policy_with_progress<E>(
    inputs: &[Input],
    lexicon: &Lexicon,
    options: &Options,
    progress: &(dyn Fn(usize) + Sync),
    on_warning: &mut dyn FnMut(&str),
    mut each: impl FnMut(Vec<Statement>) -> Result<(), E>,
) -> Result<Vec<InputError>, E> {
    for_each_part(
        inputs,
        lexicon,
        options,
        Saved::ByPolicy,
        progress,
        on_warning,
        |part| match part {
            Part::Saved(saved) => {
                let mut runs = PolicyRuns::default();
                for s in saved.statements {
                    if let Some(policy) = runs.push(s) {
                        each(policy)?;
                    }
                }
                runs.finish().map_or(Ok(()), &mut each)
            }
            Part::SavedPolicy(statements) => each(statements),
            Part::Policy(e) => each(e.statements),
        },
    )
}

/// What a run over inputs hands on, in input order: saved graphs first, then policies.
enum Part {
    Saved(ShareGraph),
    /// One policy of a saved graph read by policy ([`Saved::ByPolicy`]).
    SavedPolicy(Vec<Statement>),
    Policy(Extracted),
}

/// How a run over inputs reads saved graphs.
enum Saved<'p, 'f> {
    /// Whole, through the prefilter.
    Whole(&'p Prefilter<'f>),
    /// A compact one a policy at a time; a JSON one whole.
    ByPolicy,
}

/// Load the saved graphs among `inputs` (as `saved` says), then extract the policies, and hand
/// each to `sink`; input errors are collected and returned, the first error of `sink` stops the
/// run.
fn for_each_part<E>(
    inputs: &[Input],
    lexicon: &Lexicon,
    options: &Options,
    saved: Saved,
    progress: &(dyn Fn(usize) + Sync),
    on_warning: &mut dyn FnMut(&str),
    mut sink: impl FnMut(Part) -> Result<(), E>,
) -> Result<Vec<InputError>, E> {
    let (graphs, policies): (Vec<&Input>, Vec<&Input>) =
        inputs.iter().partition(|i| i.is_saved_graph());
    let policies: Vec<Input> = policies.into_iter().cloned().collect();
    let mut errors = Vec::new();
    // A policy is handed on from the first input that holds it (see `first_read`).
    let mut first_read = FirstRead::default();
    for g in graphs {
        let name = g.display();
        let read = match (&saved, g) {
            (Saved::ByPolicy, Input::File { path: p, .. }) if binary::is_binary_graph(p) => {
                let mut stopped = None;
                let mut repeated = Repeated::default();
                let read = ShareGraph::for_each_binary_policy(p, &mut |statements| {
                    let new = statements
                        .first()
                        .is_none_or(|s| first_read.claim(&s.policy, &name, &mut repeated));
                    if new {
                        stopped = sink(Part::SavedPolicy(statements)).err();
                    }
                    stopped.is_none()
                });
                if let Some(e) = stopped {
                    return Err(e);
                }
                if let Some(w) = repeated.warning(&name) {
                    on_warning(&w);
                }
                if let Err(source) = read {
                    errors.push(InputError::Graph {
                        path: p.display().to_string(),
                        source,
                    });
                }
                continue;
            }
            (Saved::ByPolicy, _) => load_graph(g),
            (Saved::Whole(prefilter), _) => load_graph_filtered(g, prefilter),
        };
        match read {
            Ok(graph) => {
                let graph = first_read.keep_new(&name, graph, lexicon, |w| on_warning(w));
                sink(Part::Saved(graph))?
            }
            Err(e) => errors.push(e),
        }
    }
    for_each_extracted(
        &policies,
        lexicon,
        options,
        progress,
        |result| match result {
            Ok(e) => {
                for w in &e.warnings {
                    on_warning(w);
                }
                if !first_read.claim_file(&e.policy, &e.input.display(), |w| on_warning(w)) {
                    return Ok(());
                }
                sink(Part::Policy(e))
            }
            Err(e) => {
                errors.push(e);
                Ok(())
            }
        },
    )?;
    Ok(errors)
}
