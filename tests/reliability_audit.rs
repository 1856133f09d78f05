//! What the code may do, checked on its source: no network access, no program run but Graphviz
//! `dot` with fixed arguments, no output file named after data (vendor or party names).

use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let p = entry.expect("entry").path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// (file, line) of every non-comment source line containing `needle`.
fn lines_with(needle: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src"), &mut files);
    files.sort();
    let mut hits = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).expect("read source");
        for line in text.lines() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            if code.contains(needle) {
                let rel = f.strip_prefix(root).expect("under root");
                hits.push((rel.display().to_string(), code.to_string()));
            }
        }
    }
    hits
}

#[test]
fn no_network() {
    for needle in [
        "std::net",
        "TcpStream",
        "UdpSocket",
        "TcpListener",
        "ToSocketAddrs",
    ] {
        assert_eq!(
            lines_with(needle),
            Vec::<(String, String)>::new(),
            "{needle}"
        );
    }
    let lock = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.lock"))
        .expect("Cargo.lock");
    for krate in [
        "reqwest",
        "ureq",
        "hyper",
        "curl",
        "isahc",
        "attohttpc",
        "surf",
        "tokio",
        "rustls",
        "openssl",
        "native-tls",
    ] {
        assert!(
            !lock.contains(&format!("name = \"{krate}\"")),
            "{krate} is a dependency: sharegraph promises no network"
        );
    }
}

#[test]
fn the_only_program_run_is_graphviz_dot() {
    let runs = lines_with("Command::new(");
    assert_eq!(
        runs,
        [
            // `dot -V`, to tell whether Graphviz is installed.
            (
                "src/export/render.rs".to_string(),
                "Command::new(\"dot\")".to_string()
            ),
            // `dot -Tsvg` / `dot -Tpng`, the DOT source on stdin.
            (
                "src/export/render.rs".to_string(),
                "let mut child = Command::new(\"dot\")".to_string()
            ),
        ],
        "a new external program: check it runs without a shell and with fixed arguments"
    );
    // Rendering pipes DOT into `dot -T<format>`; nothing reaches a shell, nor graphviz-rust's
    // own runner.
    for needle in [
        "Command::new(\"sh",
        "\"/bin/sh\"",
        "\"bash\"",
        "\"-c\"",
        "CommandArg::Custom",
        "exec_dot",
    ] {
        assert_eq!(
            lines_with(needle),
            Vec::<(String, String)>::new(),
            "{needle}"
        );
    }
}

/// Output file names are constants (`statements.csv`, `neo4j/nodes.csv`…) or the user's own
/// `--out`/`--output` path: nothing joins a vendor, party or policy name onto a directory. (The
/// temp file of an atomic write is named after its target.)
#[test]
fn output_file_names_are_fixed() {
    for (file, line) in lines_with(".join(") {
        if !(file.starts_with("src/export") || file.starts_with("src/cmd")) {
            continue;
        }
        let argument = line.split(".join(").nth(1).unwrap_or_default();
        // A string literal ("statements.csv") is a constant name, whatever words it holds.
        if argument.trim_start().starts_with('"') {
            continue;
        }
        for data in [
            "vendor",
            "party",
            "label",
            "policy",
            "statement",
            "node.",
            "n.id",
        ] {
            assert!(
                !argument.contains(data),
                "{file}: a path or name built from data ({data})? {line}"
            );
        }
    }
}
