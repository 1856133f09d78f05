//! One run over inputs that hold a policy twice (the graph.json and graph.sgb of one build, a
//! saved graph and the policy files it was built from) or that are no policy at all (the tables
//! and drawings `build` writes beside the saved graph): `sharegraph who-receives … out/*`.

use std::path::{Path, PathBuf};

mod cli_support;
use cli_support::{SEEDS, root, sharegraph};

fn seeds() -> PathBuf {
    root().join(SEEDS)
}

/// The seeds built into `dir/out`: graph.json, graph.sgb and the tables.
fn build_seeds(dir: &Path) -> PathBuf {
    let out = dir.join("out");
    sharegraph()
        .args(["build", "-q"])
        .arg(seeds())
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    out
}

/// What a shell makes of `out/*`: every entry, sorted.
fn every_file(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run_on(args: &[&str], inputs: &[PathBuf]) -> Run {
    let out = sharegraph().args(args).args(inputs).output().expect("runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8"),
    }
}

#[test]
fn a_build_directory_given_file_by_file_answers_as_its_saved_graph() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = build_seeds(temp.path());
    let json = out.join("graph.json");
    let alone = run_on(&["who-receives", "ip-address"], std::slice::from_ref(&json));
    assert_eq!(alone.code, Some(0), "{}", alone.stderr);
    assert!(
        alone.stdout.contains("Google Analytics"),
        "{}",
        alone.stdout
    );

    let all = run_on(&["who-receives", "ip-address"], &every_file(&out));
    // Each statement once: graph.sgb holds the same policies as graph.json, and the tables,
    // the DOT, GraphML, SVG and Cypher files are refused, not read as policies.
    assert_eq!(all.stdout, alone.stdout);
    assert_eq!(all.code, Some(1), "the refused files are errors");
    for (file, what) in [
        ("statements.csv", "a sharegraph statements table"),
        ("nodes.csv", "a sharegraph nodes table"),
        ("edges.csv", "a sharegraph edges table"),
        ("graph.dot", "a Graphviz DOT file"),
        ("graph.graphml", "a GraphML file"),
        ("graph.svg", "an SVG image"),
        ("graph.cypher", "a sharegraph Cypher script"),
    ] {
        assert!(
            all.stderr.contains(&format!("{file}: {what}")) && all.stderr.contains("not a policy"),
            "{file}: {}",
            all.stderr
        );
    }
    let sgb = out.join("graph.sgb").display().to_string();
    assert!(
        all.stderr.contains(&format!(
            "{sgb}: policy wps-office-2020.txt already read from {}: counted once",
            json.display()
        )),
        "{}",
        all.stderr
    );
}

#[test]
fn a_saved_graph_and_the_policies_it_was_built_from_are_written_once() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = build_seeds(temp.path());
    let (json, sgb) = (out.join("graph.json"), out.join("graph.sgb"));
    let alone = run_on(&["statements", "-q"], std::slice::from_ref(&json));
    assert_eq!(alone.code, Some(0));
    let rows = alone.stdout.lines().count() - 1;
    assert!(rows > 200, "{rows} statements");
    // As written by build, and again from the saved graph.
    let built = std::fs::read_to_string(out.join("statements.csv")).expect("statements.csv");
    assert_eq!(alone.stdout, built);

    let policies = [
        seeds().join("apowersoft-2018.md"),
        seeds().join("wps-office-2020.txt"),
    ];
    let inputs = [vec![json.clone(), sgb.clone()], policies.to_vec()].concat();
    // Not --quiet, which silences warnings (stderr is no terminal: no bar, no summary).
    let again = run_on(&["statements"], &inputs);
    assert_eq!(
        again.code,
        Some(0),
        "a repeat is a warning: {}",
        again.stderr
    );
    assert_eq!(again.stdout, alone.stdout);
    let warnings: Vec<&str> = again.stderr.lines().collect();
    assert_eq!(
        warnings,
        [
            format!(
                "sharegraph: warning: {}: 2 policies already read (apowersoft-2018.md, \
                 wps-office-2020.txt) from {}: counted once, from there",
                sgb.display(),
                json.display()
            ),
            format!(
                "sharegraph: warning: {}: policy apowersoft-2018.md already read from {}: \
                 counted once, from there",
                policies[0].display(),
                json.display()
            ),
            format!(
                "sharegraph: warning: {}: policy wps-office-2020.txt already read from {}: \
                 counted once, from there",
                policies[1].display(),
                json.display()
            ),
        ]
    );
}

#[test]
fn a_graph_built_from_two_copies_of_a_graph_holds_each_policy_once() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = build_seeds(temp.path());
    let merged = temp.path().join("merged");
    sharegraph()
        .args(["build", "-q"])
        .arg(out.join("graph.sgb"))
        .arg(out.join("graph.json"))
        .arg(seeds())
        .arg("--out")
        .arg(&merged)
        .assert()
        .success();
    for table in ["statements.csv", "nodes.csv", "edges.csv"] {
        let read = |dir: &Path| std::fs::read_to_string(dir.join(table)).expect(table);
        assert_eq!(read(&merged), read(&out), "{table}");
    }
}

#[test]
fn each_policy_is_set_against_itself_once() {
    let temp = tempfile::tempdir().expect("temp dir");
    let out = build_seeds(temp.path());
    let args = ["contradictions", "--format", "csv", "-q"];
    let alone = run_on(&args, &[out.join("graph.sgb")]);
    assert_eq!(alone.code, Some(0), "{}", alone.stderr);
    assert!(alone.stdout.lines().count() > 1, "{}", alone.stdout);
    // Read a policy at a time from graph.sgb, whole from graph.json.
    for inputs in [
        vec![out.join("graph.sgb"), out.join("graph.json")],
        vec![out.join("graph.json"), out.join("graph.sgb")],
        vec![out.join("graph.sgb"), out.join("graph.sgb"), seeds()],
    ] {
        let again = run_on(&args, &inputs);
        assert_eq!(again.stdout, alone.stdout, "{inputs:?}");
    }
}
