//! SVG and PNG through Graphviz `dot`, via graphviz-rust's `exec_dot`.
//!
//! Graphviz is an external program, not a Rust dependency: when it is missing the caller gets
//! [`RenderError::NotInstalled`] with the fix, and can still export DOT.

use std::io;
use std::process::{Command, Stdio};

use graphviz_rust::cmd::{CommandArg, Format};

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
        RenderFormat::Svg => Format::Svg,
        RenderFormat::Png => Format::Png,
    };
    // exec_dot runs `dot -T<format> <temp file>`: fixed arguments, no shell.
    graphviz_rust::exec_dot(dot.to_string(), vec![CommandArg::Format(format)]).map_err(|e| {
        if e.kind() == io::ErrorKind::NotFound {
            RenderError::NotInstalled
        } else {
            RenderError::Failed(e.to_string().trim().to_string())
        }
    })
}
