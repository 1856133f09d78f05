//! Running the stages over many inputs: expanding paths, reading each policy, extracting its
//! statements in parallel (output order = input order), and merging them into one graph.
//!
//! One bad input never stops the others: each result is an `Err` naming its file.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::document::{self, Document, DocumentError, Format};
use crate::extract::{self, Extraction};
use crate::graph::{GraphFileError, ShareGraph};
use crate::lexicon::Lexicon;
use crate::limits::{self, ReadError};

/// One thing to read: a file, or standard input (`-`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

impl Input {
    /// The name statements carry: the file name without its directory, `-` for stdin.
    pub fn name(&self) -> String {
        match self {
            Input::File(p) => p.file_name().map_or_else(
                || p.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            Input::Stdin => "-".to_string(),
        }
    }

    pub fn display(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "<stdin>".to_string(),
        }
    }

    /// A saved graph (`sharegraph build` output) rather than a policy.
    pub fn is_saved_graph(&self) -> bool {
        let Input::File(p) = self else {
            return false;
        };
        if p.extension().and_then(|e| e.to_str()) != Some("json") {
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

/// Expand paths: files as given, directories recursively (sorted, symlink loops skipped), `-` as stdin.
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
            inputs.push(Input::File(p.clone()));
        } else if let (Ok(_), Err(source)) = (p.symlink_metadata(), p.metadata()) {
            // A dangling symlink or a symlink loop: say which.
            errors.push(InputError::Io {
                path: p.display().to_string(),
                source,
            });
        } else {
            errors.push(InputError::Missing(p.display().to_string()));
        }
    }
    (inputs, errors)
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
                    None => inputs.push(Input::File(p)),
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
        Input::File(p) => limits::read_file(p, options.input_limit()),
        Input::Stdin => limits::read_stream(std::io::stdin().lock(), options.input_limit()),
    }
    .map_err(read_error)?;
    let document = document::parse(&input.name(), &bytes, options.format)?;
    let extraction = extract::extract(&document, lexicon, options.vendor.as_deref());
    Ok(Analysis {
        input: input.clone(),
        document,
        extraction,
    })
}

/// Read and extract many policies on all cores; results come back in input order.
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
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        analyze(input, lexicon, options)
    }))
    .unwrap_or_else(|payload| {
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

/// Load a saved graph.
pub fn load_graph(input: &Input) -> Result<ShareGraph, InputError> {
    let Input::File(p) = input else {
        return Err(InputError::Missing(input.display()));
    };
    let file = std::fs::File::open(p).map_err(|source| InputError::Io {
        path: p.display().to_string(),
        source,
    })?;
    ShareGraph::load_json(file).map_err(|source| InputError::Graph {
        path: p.display().to_string(),
        source,
    })
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
/// UTF-8 replaced, mojibake repaired…) to `on_warning` in input order.
pub fn build_graph_with_warnings(
    inputs: &[Input],
    lexicon: &Lexicon,
    options: &Options,
    on_warning: &mut dyn FnMut(&str),
) -> (ShareGraph, Vec<InputError>) {
    let (graphs, policies): (Vec<&Input>, Vec<&Input>) =
        inputs.iter().partition(|i| i.is_saved_graph());
    let policies: Vec<Input> = policies.into_iter().cloned().collect();
    let mut graph = ShareGraph::new();
    let mut errors = Vec::new();
    for g in graphs {
        match load_graph(g) {
            Ok(saved) => graph.merge(saved, lexicon),
            Err(e) => errors.push(e),
        }
    }
    for result in analyze_all(&policies, lexicon, options) {
        match result {
            Ok(a) => {
                for w in &a.document.warnings {
                    on_warning(w);
                }
                graph.add_vendor(&a.extraction.vendor.name, &a.document.name);
                graph.add_statements(a.extraction.statements, lexicon);
            }
            Err(e) => errors.push(e),
        }
    }
    (graph, errors)
}
