//! Outputs stay safe and whole: hostile party names (from a `--parties` list) and file names cannot
//! inject formulas into CSV or break DOT, GraphML, SVG or JSON; a failed write (full disk, a path
//! under a file, a directory in the way) leaves the previous outputs as they were and no temp file;
//! devices, FIFOs and symlinks are written through, not replaced; outputs do not depend on the
//! number of threads.

mod reliability_support;

use std::path::Path;

use reliability_support::{good, repo, run, sharegraph, snapshot, temp_files};

/// A party list whose names attack every output format. Aliases are what policies mention.
const HOSTILE_PARTIES: &str = "name,aliases,role,parent,domain,ambiguous
\"=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",Evilcorp,advertising,@Parent<&]]>,,no
\"Quote\"\"Back\\slash<tag>&amp;]]>\",Hostile Inc,analytics,\"+cmd|' /C calc'!A0\",,no
\"Line one
Line two\",Newline Ltd,payment,-2+3,,no
";

const HOSTILE_POLICY: &str = "# =cmd|' /C calc'!A0 Privacy Policy

We share your IP address with Evilcorp.
We share your email address with Hostile Inc.
Your payment information is processed by Newline Ltd.
We do not sell your location to Evilcorp.
";

/// The hostile policy under three names, one of them a formula, plus the parties list.
fn hostile_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("parties.csv"), HOSTILE_PARTIES).expect("write");
    for name in ["policy.md", "=1+2.md", "@SUM(A1).md"] {
        std::fs::write(dir.path().join(name), HOSTILE_POLICY).expect("write");
    }
    dir
}

const POLICIES: [&str; 3] = ["policy.md", "=1+2.md", "@SUM(A1).md"];

/// Every cell of a CSV after the header: none may start like a formula.
fn assert_no_formula(what: &str, csv_text: &str) -> usize {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(csv_text.as_bytes());
    let mut rows = 0;
    for record in reader.records() {
        let record = record.unwrap_or_else(|e| panic!("{what}: not CSV: {e}"));
        rows += 1;
        for cell in record.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{what}: formula cell {cell:?}"
            );
        }
    }
    rows
}

#[test]
fn csv_outputs_neutralise_formulas() {
    let dir = hostile_dir();
    let base = ["--parties", "parties.csv"];
    let (code, _, err) = run(sharegraph()
        .current_dir(dir.path())
        .args(["build", "--out", "out"])
        .args(POLICIES)
        .args(base));
    assert_eq!(code, 0, "{err}");
    for file in ["statements.csv", "nodes.csv", "edges.csv"] {
        let text = std::fs::read_to_string(dir.path().join("out").join(file)).expect("read");
        assert!(assert_no_formula(file, &text) > 3, "{file}:\n{text}");
        assert!(
            text.contains("=HYPERLINK"),
            "{file} lost the party:\n{text}"
        );
    }
    let statements = std::fs::read_to_string(dir.path().join("out/statements.csv")).expect("read");
    for cell in [
        "'=HYPERLINK",
        "'=1+2.md",
        "'@SUM(A1).md",
        "'+cmd|' /C calc'!A0",
        "'-2+3",
    ] {
        assert!(statements.contains(cell), "{cell} missing:\n{statements}");
    }

    let queries: [&[&str]; 8] = [
        &["statements", "--format", "csv"],
        &["who-receives", "ip-address", "--format", "csv"],
        &["party", "Evilcorp", "--format", "csv"],
        &["vendor", "=cmd", "--format", "csv"],
        &["negatives", "--format", "csv"],
        &["contradictions", "--format", "csv"],
        &["export", "-f", "nodes-csv"],
        &["export", "-f", "edges-csv"],
    ];
    for q in queries {
        let (code, out, err) = run(sharegraph()
            .current_dir(dir.path())
            .args(q)
            .args(POLICIES)
            .args(base));
        assert_eq!(code, 0, "{q:?}: {err}");
        assert_no_formula(&format!("{q:?}"), &out);
    }
    // diff takes exactly two inputs.
    std::fs::write(
        dir.path().join("old.md"),
        "# =cmd Policy\n\nWe collect your name.\n",
    )
    .expect("write");
    let (code, out, err) = run(sharegraph()
        .current_dir(dir.path())
        .args(["diff", "old.md", "=1+2.md", "--format", "csv"])
        .args(base));
    assert_eq!(code, 0, "{err}");
    assert!(assert_no_formula("diff", &out) > 1, "{out}");
}

/// All text of an XML document (text nodes, resolved references, attribute values), checking
/// that it is well-formed on the way.
fn xml_text(what: &str, xml: &[u8]) -> String {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().check_end_names = true;
    let mut out = String::new();
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e) | Event::Empty(e)) => {
                for a in e.attributes() {
                    let a = a.unwrap_or_else(|err| panic!("{what}: bad attribute: {err}"));
                    let v = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .unwrap_or_else(|err| panic!("{what}: bad attribute value: {err}"));
                    out.push_str(&v);
                    out.push('\n');
                }
            }
            Ok(Event::Text(t)) => {
                out.push_str(&t.xml10_content());
            }
            Ok(Event::CData(t)) => out.push_str(&t[..]),
            Ok(Event::GeneralRef(r)) => match r.resolve_char_ref() {
                Ok(Some(c)) => out.push(c),
                _ => {
                    let resolved = quick_xml::escape::resolve_predefined_entity(&r)
                        .unwrap_or_else(|| panic!("{what}: unknown entity"));
                    out.push_str(resolved);
                }
            },
            Ok(_) => {}
            Err(e) => panic!(
                "{what} is not well-formed at {}: {e}",
                reader.buffer_position()
            ),
        }
        buf.clear();
    }
    out
}

#[test]
fn dot_graphml_svg_and_json_survive_hostile_names() {
    let dir = hostile_dir();
    let (code, _, err) = run(sharegraph()
        .current_dir(dir.path())
        .args(["build", "--out", "out", "--parties", "parties.csv"])
        .args(POLICIES));
    assert_eq!(code, 0, "{err}");
    let out = dir.path().join("out");

    // DOT parses with graphviz-rust.
    let dot = std::fs::read_to_string(out.join("graph.dot")).expect("graph.dot");
    if let Err(e) = graphviz_rust::parse(&dot) {
        panic!("graph.dot does not parse: {e}\n{dot}");
    }

    // GraphML is well-formed and carries the names intact (the newline became a space).
    let graphml = xml_text(
        "graph.graphml",
        &std::fs::read(out.join("graph.graphml")).expect("graph.graphml"),
    );
    for name in [
        "=HYPERLINK(\"http://evil\",\"x\")",
        "Quote\"Back\\slash<tag>&amp;]]>",
        "Line one Line two",
        "@Parent<&]]>",
    ] {
        assert!(graphml.contains(name), "GraphML lost {name:?}:\n{graphml}");
    }

    // The SVG Graphviz drew from the DOT is well-formed and shows the names as text.
    if out.join("graph.svg").exists() {
        let svg = xml_text(
            "graph.svg",
            &std::fs::read(out.join("graph.svg")).expect("svg"),
        );
        for name in ["=HYPERLINK(\"http://evil\",\"x\")", "Line one Line two"] {
            assert!(svg.contains(name), "SVG lost {name:?}:\n{svg}");
        }
        assert!(
            svg.contains("Quote\"Back\\slash<tag>&amp;]]>")
                || svg.contains("Quote\"Back\\slash<tag>&amp;]]&gt;"),
            "SVG lost the quote/backslash name:\n{svg}"
        );
    }

    // JSON parses, and loads back as a graph with the same names.
    let json = std::fs::read(out.join("graph.json")).expect("graph.json");
    let value: serde_json::Value = serde_json::from_slice(&json).expect("graph.json is JSON");
    let text = value.to_string();
    assert!(
        text.contains("Quote\\\"Back\\\\slash<tag>&amp;]]>"),
        "{text}"
    );
    let graph = sharegraph::graph::ShareGraph::load_json(json.as_slice()).expect("loads back");
    assert!(
        graph
            .statements
            .iter()
            .any(|s| s.party == "Quote\"Back\\slash<tag>&amp;]]>")
    );
    for line in std::fs::read_to_string(out.join("graph.cypher"))
        .expect("cypher")
        .lines()
    {
        assert!(
            line.is_empty() || line.starts_with("//") || line.ends_with(';'),
            "a name broke a Cypher statement over lines: {line}"
        );
    }

    // JSON Lines: one statement per line whatever the names.
    let (code, jsonl, err) = run(sharegraph()
        .current_dir(dir.path())
        .args(["export", "-f", "jsonl", "--parties", "parties.csv"])
        .args(POLICIES));
    assert_eq!(code, 0, "{err}");
    for line in jsonl.lines() {
        serde_json::from_str::<serde_json::Value>(line).expect("each line is JSON");
    }
    assert_eq!(jsonl.lines().count(), graph.statements.len());

    // Tables for the terminal: no control characters from names.
    let (code, table, err) = run(sharegraph()
        .current_dir(dir.path())
        .args([
            "who-receives",
            "personal-information",
            "--parties",
            "parties.csv",
        ])
        .args(POLICIES));
    assert_eq!(code, 0, "{err}");
    assert!(
        !table.chars().any(|c| c.is_control() && c != '\n'),
        "{table:?}"
    );
}

#[test]
fn control_characters_in_party_names_never_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("parties.json"),
        r#"{"trackers": {"1": {"id": 1, "name": "Evil\u001b]0;pwned\u0007\u001b[2JTracker", "website": "https://evil.example", "categories": ["Analytics"], "code_signature": "com.evil"}}}"#,
    )
    .expect("write");
    std::fs::write(
        dir.path().join("p.txt"),
        "We share your IP address with Evil]0;pwned[2JTracker.\n",
    )
    .expect("write");
    let (code, out, err) = run(sharegraph().current_dir(dir.path()).args([
        "party",
        "Evil",
        "p.txt",
        "--parties",
        "parties.json",
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "{out:?}");
}

/// Builds `good.txt` into `out/`, returning the snapshot of what is there.
fn old_outputs(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    good(dir);
    let (code, _, err) = run(sharegraph()
        .current_dir(dir)
        .args(["build", "good.txt", "--out", "out"]));
    assert_eq!(code, 0, "{err}");
    snapshot(&dir.join("out"))
}

/// `sharegraph ARGS INPUT` in `dir` under `ulimit -f 8` (no file may grow past 8 KiB; the seeds'
/// statements.csv is larger): it must fail with exit code 1 and no crash. Returns its stderr.
#[cfg(unix)]
fn fails_with_small_files(dir: &std::path::Path, args: &[&str], input: &std::path::Path) -> String {
    let output = std::process::Command::new("bash")
        .current_dir(dir)
        .arg("-c")
        .arg("ulimit -f 8 && exec \"$0\" \"$@\"")
        .arg(assert_cmd::cargo::cargo_bin("sharegraph"))
        .args(args)
        .arg(input)
        .output()
        .expect("bash runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    reliability_support::assert_no_crash(&stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    stderr
}

/// A full disk, simulated with a file-size limit (RLIMIT_FSIZE, `ulimit -f`): writing the new
/// outputs fails, the old ones are untouched, no temp file is left.
#[cfg(unix)]
#[test]
fn full_disk_leaves_previous_outputs_intact() {
    let dir = tempfile::tempdir().expect("temp dir");
    let before = old_outputs(dir.path());
    assert!(before.len() >= 9, "{before:?}");
    let seeds = repo().join("data/policies");
    let stderr = fails_with_small_files(dir.path(), &["build", "--out", "out"], &seeds);
    assert!(
        stderr.contains("sharegraph: cannot write out/") && stderr.contains("File too large"),
        "{stderr}"
    );
    assert_eq!(
        snapshot(&dir.path().join("out")),
        before,
        "old outputs changed"
    );
    assert_eq!(temp_files(dir.path()), Vec::<std::path::PathBuf>::new());

    // The same for a single export over an existing file.
    std::fs::write(dir.path().join("old.csv"), "old\n").expect("write");
    let stderr = fails_with_small_files(
        dir.path(),
        &["export", "-f", "csv", "-o", "old.csv"],
        &seeds,
    );
    assert!(
        stderr.contains("sharegraph: cannot write old.csv: File too large"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("old.csv"))
            .ok()
            .as_deref(),
        Some("old\n")
    );
    assert_eq!(temp_files(dir.path()), Vec::<std::path::PathBuf>::new());
}

/// An output directory that cannot be written: read-only permissions stop only non-root users, so
/// as root the same is shown with an output path under a regular file.
#[cfg(unix)]
#[test]
fn unwritable_output_directory() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let before = old_outputs(dir.path());

    std::fs::set_permissions(
        dir.path().join("out"),
        std::fs::Permissions::from_mode(0o555),
    )
    .expect("chmod");
    let (code, _, err) = run(sharegraph()
        .current_dir(dir.path())
        .args(["build", "--out", "out"])
        .arg(repo().join("data/policies")));
    std::fs::set_permissions(
        dir.path().join("out"),
        std::fs::Permissions::from_mode(0o755),
    )
    .expect("chmod");
    if reliability_support::is_root() {
        assert_eq!(code, 0, "root writes anyway: {err}");
    } else {
        assert_eq!(code, 1);
        assert!(
            err.contains("sharegraph: cannot write out/") && err.contains("Permission denied"),
            "{err}"
        );
        assert_eq!(snapshot(&dir.path().join("out")), before);
    }

    let (code, _, err) = run(sharegraph().current_dir(dir.path()).args([
        "export",
        "-f",
        "dot",
        "good.txt",
        "-o",
        "good.txt/graph.dot",
    ]));
    assert_eq!(code, 1);
    assert!(
        err.contains("sharegraph: cannot write good.txt/graph.dot: Not a directory"),
        "{err}"
    );
    assert_eq!(temp_files(dir.path()), Vec::<std::path::PathBuf>::new());
}

/// A FIFO or device is written in place (renaming over it would replace the node itself), a
/// symlink is followed (the link stays).
#[cfg(unix)]
#[test]
fn special_targets_are_written_through() {
    use std::io::Read;
    use std::os::unix::fs::FileTypeExt;

    let dir = tempfile::tempdir().expect("temp dir");
    good(dir.path());
    let fifo = dir.path().join("pipe.csv");
    reliability_support::mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut text = String::new();
            std::fs::File::open(fifo)
                .and_then(|mut f| f.read_to_string(&mut text))
                .expect("read fifo");
            text
        })
    };
    let (code, _, err) = run(sharegraph()
        .current_dir(dir.path())
        .args(["export", "-f", "csv", "good.txt", "-o", "pipe.csv"]));
    assert_eq!((code, err.as_str()), (0, ""));
    let text = reader.join().expect("reader");
    assert!(text.contains("Google Analytics"), "{text}");
    assert!(
        std::fs::symlink_metadata(&fifo)
            .expect("still there")
            .file_type()
            .is_fifo()
    );

    std::fs::create_dir(dir.path().join("real")).expect("mkdir");
    std::fs::write(dir.path().join("real/target.csv"), "old").expect("write");
    std::os::unix::fs::symlink("real/target.csv", dir.path().join("link.csv")).expect("symlink");
    let (code, _, err) = run(sharegraph()
        .current_dir(dir.path())
        .args(["export", "-f", "csv", "good.txt", "-o", "link.csv"]));
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(
        std::fs::symlink_metadata(dir.path().join("link.csv"))
            .expect("link")
            .file_type()
            .is_symlink()
    );
    let written = std::fs::read_to_string(dir.path().join("real/target.csv")).expect("read");
    assert!(written.contains("Google Analytics"));
    assert_eq!(temp_files(dir.path()), Vec::<std::path::PathBuf>::new());
}

/// Same inputs, same bytes out: on one thread or many, run after run.
#[test]
fn outputs_do_not_depend_on_thread_count() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    for entry in std::fs::read_dir(repo().join("data/policies")).expect("seeds") {
        let p = entry.expect("entry").path();
        std::fs::copy(&p, corpus.join(p.file_name().expect("name"))).expect("copy");
    }
    for i in 0..40 {
        std::fs::write(
            corpus.join(format!("v{i:02}.md")),
            format!(
                "# Vendor {i} Privacy Policy\n\nWe share your IP address with Google Analytics and Facebook.\n\
                 We do not sell your location to advertisers.\nWe receive your name from Apple.\n"
            ),
        )
        .expect("write");
    }
    let build = |threads: Option<&str>, out: &str| {
        let mut cmd = sharegraph();
        cmd.current_dir(dir.path())
            .args(["build", "corpus", "--out", out]);
        match threads {
            Some(n) => cmd.env("RAYON_NUM_THREADS", n),
            None => cmd.env_remove("RAYON_NUM_THREADS"),
        };
        let (code, _, err) = run(&mut cmd);
        assert_eq!(code, 0, "{err}");
        snapshot(&dir.path().join(out))
            .into_iter()
            .map(|(p, b)| {
                let rel = p
                    .strip_prefix(dir.path().join(out))
                    .expect("under out")
                    .to_path_buf();
                (rel, b)
            })
            .collect::<Vec<_>>()
    };
    let one = build(Some("1"), "one");
    let many = build(Some("8"), "many");
    let default = build(None, "default");
    assert!(one.len() >= 9);
    assert_eq!(one, many, "1 thread vs 8 threads");
    assert_eq!(one, default, "1 thread vs the default");

    let statements = |threads: &str| {
        let (code, out, err) = run(sharegraph()
            .current_dir(dir.path())
            .env("RAYON_NUM_THREADS", threads)
            .args(["statements", "--format", "jsonl", "corpus"]));
        assert_eq!(code, 0, "{err}");
        out
    };
    assert_eq!(statements("1"), statements("4"));
}
