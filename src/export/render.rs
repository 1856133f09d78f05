//! SVG and PNG through Graphviz `dot`.
//!
//! Graphviz is an external program, not a Rust dependency: when it is missing the caller gets
//! [`RenderError::NotInstalled`] with the fix, and can still export DOT. The DOT source goes to
//! `dot -T<format>` on its standard input (fixed arguments, no shell). graphviz-rust's `exec_dot`
//! would write it to a temp file first, which an interrupted run left behind in /tmp.

use std::io::{self, Read as _, Write as _};
use std::process::{Command, Stdio};

/// An image format Graphviz draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenderFormat {
    Svg,
    Png,
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error(
        "Graphviz `dot` not found: install it (apt-get install graphviz / brew install graphviz) or use --format dot"
    )]
    NotInstalled,
    #[error("Graphviz `dot` failed: {0}")]
    Failed(String),
}

impl From<RenderError> for io::Error {
    fn from(e: RenderError) -> io::Error {
        io::Error::other(e)
    }
}

/// True when Graphviz `dot` can be run (`dot -V` succeeds).
pub fn dot_available() -> bool {
    Command::new("dot")
        .arg("-V")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Draw DOT source as an image; returns the bytes Graphviz wrote.
pub fn render(dot: &str, format: RenderFormat) -> Result<Vec<u8>, RenderError> {
    let format = match format {
        RenderFormat::Svg => "-Tsvg",
        RenderFormat::Png => "-Tpng",
    };
    let mut child = Command::new("dot")
        .arg(format)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            if e.kind() == io::ErrorKind::NotFound {
                RenderError::NotInstalled
            } else {
                RenderError::Failed(e.to_string())
            }
        })?;
    let failed = |e: io::Error| RenderError::Failed(e.to_string());
    // Feed stdin and drain stderr on their own threads while this one reads the image: `dot`
    // may write warnings before it has read all its input, and a full pipe would stall both.
    let mut stdin = child
        .stdin
        .take()
        .ok_or_else(|| failed(io::Error::other("no stdin")))?;
    let mut stderr = child
        .stderr
        .take()
        .ok_or_else(|| failed(io::Error::other("no stderr")))?;
    let mut stdout = child
        .stdout
        .take()
        .ok_or_else(|| failed(io::Error::other("no stdout")))?;
    let (image, written, warnings) = std::thread::scope(|scope| {
        let writer = scope.spawn(move || {
            // Dropping `stdin` at the end closes it: `dot` then knows the graph is complete.
            stdin.write_all(dot.as_bytes())
        });
        let reader = scope.spawn(move || {
            let mut text = String::new();
            stderr.read_to_string(&mut text).map(|_| text)
        });
        let mut image = Vec::new();
        let read = stdout.read_to_end(&mut image).map(|_| image);
        let written = writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("writer panicked")));
        let warnings = reader.join().unwrap_or_else(|_| Ok(String::new()));
        (read, written, warnings)
    });
    let status = child.wait().map_err(failed)?;
    let warnings = warnings.unwrap_or_default();
    if !status.success() {
        return Err(RenderError::Failed(warnings.trim().to_string()));
    }
    // A broken pipe while writing means `dot` stopped reading: its status and message say why.
    written.map_err(failed)?;
    image.map_err(failed)
}
