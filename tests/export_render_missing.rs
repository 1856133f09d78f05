//! Without Graphviz on PATH, rendering fails with the install hint and leaves no file behind.
//! Its own test binary with a single test, because it empties PATH for the whole process.

mod export_support;

use sharegraph::export::render::{RenderError, RenderFormat, dot_available, render};
use sharegraph::export::{ExportError, ExportFormat, ExportOptions, export_to_path};

#[test]
fn missing_dot_gives_the_install_hint() {
    let empty = tempfile::tempdir().unwrap();
    // SAFETY: the only test in this binary, so no other thread reads the environment meanwhile.
    unsafe { std::env::set_var("PATH", empty.path()) };
    assert!(!dot_available());
    let err = render("digraph { a -> b }", RenderFormat::Svg).unwrap_err();
    assert!(matches!(err, RenderError::NotInstalled));
    assert_eq!(
        err.to_string(),
        "Graphviz `dot` not found: install it (apt-get install graphviz / brew install graphviz) or use --format dot"
    );
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("graph.svg");
    let err = export_to_path(
        &export_support::graph(),
        ExportFormat::Svg,
        &ExportOptions::default(),
        &path,
    )
    .unwrap_err();
    assert!(
        matches!(err, ExportError::Render(RenderError::NotInstalled)),
        "{err:?}"
    );
    assert_eq!(
        std::fs::read_dir(out.path()).unwrap().count(),
        0,
        "no file, no temp file"
    );
}
