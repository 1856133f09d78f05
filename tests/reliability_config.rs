//! Bad configuration through the command line: a directory where a file is expected and the other
//! way round, malformed lexicon CSVs, malformed `--parties` lists. Each is exit 1 with a message
//! naming the file and the problem, once (no cause repeated), never a panic.

mod reliability_support;

use std::path::Path;

use reliability_support::{good, run, sharegraph};

fn statements(dir: &Path, extra: &[&str]) -> (i32, String, String) {
    good(dir);
    let mut args = vec!["statements", "good.txt"];
    args.extend_from_slice(extra);
    run(sharegraph().current_dir(dir).args(args))
}

fn fails_with(dir: &Path, extra: &[&str], needle: &str) {
    let (code, out, err) = statements(dir, extra);
    assert_eq!(code, 1, "{extra:?}\n{err}");
    assert!(
        out.is_empty(),
        "nothing is printed when the lexicon is bad: {out}"
    );
    assert!(
        err.contains(needle),
        "{extra:?}: expected {needle:?} in:\n{err}"
    );
    assert_eq!(err.lines().count(), 1, "one line:\n{err}");
    let line = err.trim_end();
    for part in line.split(": ") {
        if part.len() > 12 {
            assert_eq!(line.matches(part).count(), 1, "{part:?} repeated:\n{line}");
        }
    }
}

#[test]
fn lexicon_must_be_a_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("lex.csv"), "id\n").expect("write");
    fails_with(
        dir.path(),
        &["--lexicon", "lex.csv"],
        "cannot load lexicon from lex.csv: lex.csv: cannot read: not a directory",
    );
    fails_with(
        dir.path(),
        &["--lexicon", "no-such-dir"],
        "cannot load lexicon from no-such-dir: no-such-dir: cannot read: No such file or directory",
    );
}

#[test]
fn parties_must_be_a_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("lists")).expect("mkdir");
    fails_with(
        dir.path(),
        &["--parties", "lists"],
        "lists: cannot read: Is a directory",
    );
    fails_with(
        dir.path(),
        &["--parties", "missing.json"],
        "missing.json: cannot read: No such file or directory",
    );
}

const CATEGORIES: &str = "id,parent,label,fideslang,opp115_type,phrases\n";

#[test]
fn malformed_lexicon_csv() {
    let cases: [(&str, &str, &str); 6] = [
        (
            "categories.csv",
            "id,parent,title,fideslang,opp115_type,phrases\nx,,X,,Other,\n",
            "categories.csv:1: missing column `label`",
        ),
        (
            "categories.csv",
            &format!("{CATEGORIES}a,b,A,,Other,a thing\nb,c,B,,Other,\nc,a,C,,Other,\n"),
            "categories.csv:2: category `a` is its own ancestor (cycle)",
        ),
        (
            "categories.csv",
            &format!("{CATEGORIES}a,,A,,Other,\nA,,A again,,Other,\n"),
            "categories.csv:3: duplicate id `A`",
        ),
        (
            "categories.csv",
            &format!("{CATEGORIES}a,,A,,Other\n"),
            "categories.csv:2: CSV error: record 1 (line: 2, byte: 46): found record with 5 fields, but the previous record has 6 fields",
        ),
        (
            "parties.csv",
            "name,aliases,role,parent,domain,ambiguous\nAcme,,analytics,,,maybe\n",
            "parties.csv:2: `ambiguous` must be yes or no, not `maybe`",
        ),
        (
            "verbs.csv",
            "lemma,family,forms\nshare,give,shares\n",
            "verbs.csv:2: `family` must be disclose or collect, not `give`",
        ),
    ];
    for (file, text, needle) in cases {
        let dir = tempfile::tempdir().expect("temp dir");
        let lex = dir.path().join("lex");
        std::fs::create_dir(&lex).expect("mkdir");
        std::fs::write(lex.join(file), text).expect("write");
        fails_with(dir.path(), &["--lexicon", "lex"], needle);
        assert!(needle.starts_with(file));
    }
}

#[test]
fn malformed_parties_lists() {
    let cases = [
        (
            "trackers.json",
            "{\"trackers\": {\"1\": {\"name\": \"X\",}}}",
            "trackers.json:1:33: malformed JSON",
        ),
        (
            "list.json",
            "{\"something\": []}",
            "list.json: unrecognised party list format",
        ),
        (
            "parties.csv",
            "name,aliases,role\nAcme,,analytics\n",
            "parties.csv:1: missing column `parent`",
        ),
        (
            "parties2.csv",
            "name,aliases,role,parent,domain,ambiguous\n,,analytics,,,no\n",
            "parties2.csv:2: empty `name`",
        ),
        (
            "empty.json",
            "",
            "empty.json: unrecognised party list format",
        ),
        (
            "binary.json",
            "\u{0}\u{1}\u{2}PNG",
            "binary.json: unrecognised party list format",
        ),
    ];
    for (file, text, needle) in cases {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join(file), text).expect("write");
        fails_with(dir.path(), &["--parties", file], needle);
    }
    // Not UTF-8 at all.
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("latin1.csv"), b"name\xff\n").expect("write");
    fails_with(
        dir.path(),
        &["--parties", "latin1.csv"],
        "latin1.csv: cannot read: stream did not contain valid UTF-8",
    );
}

#[test]
fn export_to_a_directory_or_a_file_where_a_directory_is_needed() {
    let dir = tempfile::tempdir().expect("temp dir");
    good(dir.path());
    std::fs::create_dir(dir.path().join("out.csv")).expect("mkdir");
    let (code, _, err) = run(sharegraph()
        .current_dir(dir.path())
        .args(["export", "-f", "csv", "good.txt", "-o", "out.csv"]));
    assert_eq!(code, 1);
    assert_eq!(
        err.trim_end(),
        "sharegraph: cannot write out.csv: is a directory (give a file name)"
    );
    assert!(
        std::fs::read_dir(dir.path().join("out.csv"))
            .expect("dir")
            .next()
            .is_none()
    );

    std::fs::write(dir.path().join("neo"), "a file").expect("write");
    let (code, _, err) = run(sharegraph()
        .current_dir(dir.path())
        .args(["export", "-f", "neo4j", "good.txt", "-o", "neo"]));
    assert_eq!(code, 1);
    assert_eq!(
        err.trim_end(),
        "sharegraph: cannot write neo: exists and is not a directory (the neo4j format writes a directory of files)"
    );

    let (code, _, err) = run(sharegraph()
        .current_dir(dir.path())
        .args(["build", "good.txt", "--out", "neo"]));
    assert_eq!(code, 1);
    assert!(
        err.contains("sharegraph: cannot write neo: exists and is not a directory"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("neo"))
            .ok()
            .as_deref(),
        Some("a file")
    );

    let (code, _, err) = run(sharegraph().current_dir(dir.path()).args([
        "build",
        "good.txt",
        "--out",
        "good.txt/sub",
    ]));
    assert_eq!(code, 1);
    assert!(
        err.contains("sharegraph: cannot write good.txt/sub: Not a directory"),
        "{err}"
    );
}
