//! Bad inputs through the command line: each case gives an exact exit code and a message naming
//! the file and the problem, never a panic, and the good policy next to it in the same run is
//! still read (its statement is in the output).
//!
//! | input | exit | stderr |
//! |---|---|---|
//! | empty file | 0 | `warning: empty.txt: empty file, no text to read` |
//! | whitespace only | 0 | `warning: blank.txt: only whitespace, no text to read` |
//! | PNG, ELF | 1 | `image.png: binary file (PNG image), not a policy` |
//! | invalid UTF-8 | 0 | `warning: broken.txt: invalid UTF-8; 1 byte sequence(s) replaced with U+FFFD` |
//! | UTF-16 with BOM | 0 | — (decoded, statements found) |
//! | a few NUL bytes in text | 0 | — (dropped) ; mostly NULs: `binary file (unknown binary data)`, 1 |
//! | 200 MB | 1 | `huge.txt: too large: 200.0 MiB exceeds the input size limit of 32.0 MiB (raise it with --max-input-size)` |
//! | 10 MB line, no punctuation | 0 | — (cut into sentences of at most 1000 bytes) |
//! | HTML nested 100 000 deep | 0 | — |
//! | 10 000 files, FIFO, loops, unreadable | 1 | `fifo.txt: not a regular file (FIFO), skipped`, `loop-a.txt: Too many levels of symbolic links` … |
//! | missing path | 1 | `nope.txt: no such file or directory` |

mod reliability_support;

use std::path::Path;
use std::time::{Duration, Instant};

use reliability_support::{GOOD, good, has_good, is_root, mkfifo, run, sharegraph};

/// `statements --format csv BAD good.txt` in `dir`: (exit code, stdout, stderr).
fn statements_with(dir: &Path, bad: &str) -> (i32, String, String) {
    good(dir);
    run(sharegraph()
        .current_dir(dir)
        .args(["statements", "--format", "csv", bad, "good.txt"]))
}

fn case(name: &str, bytes: &[u8]) -> (tempfile::TempDir, i32, String, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join(name), bytes).expect("write input");
    let (code, out, err) = statements_with(dir.path(), name);
    assert!(has_good(&out), "good.txt was not processed:\n{out}\n{err}");
    (dir, code, out, err)
}

/// `name` is read without a message and its statement about Facebook comes out.
fn reads_cleanly_with_facebook(name: &str, bytes: &[u8]) {
    let (_d, code, out, err) = case(name, bytes);
    assert_eq!((code, err.as_str()), (0, ""), "{name}");
    assert!(
        out.lines()
            .any(|l| l.starts_with(&format!("{name},")) && l.contains("Facebook")),
        "{name}: {out}"
    );
}

#[test]
fn empty_file_is_a_warning() {
    let (_d, code, _, err) = case("empty.txt", b"");
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("sharegraph: warning: empty.txt: empty file, no text to read"),
        "{err}"
    );
}

#[test]
fn whitespace_only_is_a_warning() {
    let (_d, code, _, err) = case("blank.txt", b"  \n\t\r\n   \n");
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: blank.txt: only whitespace, no text to read"),
        "{err}"
    );
    let (_d, code, _, err) = case("blank.html", b"<html><body><p>&nbsp;</p></body></html>");
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: blank.html: no text left after removing the markup"),
        "{err}"
    );
}

#[test]
fn quiet_hides_warnings_not_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("empty.txt"), b"").expect("write");
    good(dir.path());
    let (code, out, err) = run(sharegraph().current_dir(dir.path()).args([
        "statements",
        "-q",
        "empty.txt",
        "good.txt",
    ]));
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(has_good(&out));
}

#[test]
fn png_is_refused() {
    let png =
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00";
    let (_d, code, _, err) = case("image.png", png);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("sharegraph: image.png: binary file (PNG image), not a policy"),
        "{err}"
    );
}

#[test]
fn elf_named_like_a_policy_is_refused() {
    let mut elf = b"\x7FELF\x02\x01\x01\x00".to_vec();
    elf.extend(std::iter::repeat_n(0u8, 4000));
    elf.extend(b"We share your IP address with Google Analytics.");
    let (_d, code, _, err) = case("policy.txt", &elf);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("policy.txt: binary file (ELF executable), not a policy"),
        "{err}"
    );
}

#[test]
fn invalid_utf8_is_read_lossily_with_a_warning() {
    let mut bytes = "We share your email address with Facebook \u{2014} "
        .as_bytes()
        .to_vec();
    bytes.push(0xFF); // never valid in UTF-8
    bytes.extend(b" and others.\n");
    assert!(std::str::from_utf8(&bytes).is_err());
    let (_d, code, out, err) = case("broken.txt", &bytes);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: broken.txt: invalid UTF-8; 1 byte sequence(s) replaced with U+FFFD"),
        "{err}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("broken.txt,") && l.contains("email-address")),
        "{out}"
    );
}

#[test]
fn utf16_with_bom_is_decoded() {
    for (name, bom, big_endian) in [
        ("le.txt", &b"\xFF\xFE"[..], false),
        ("be.txt", &b"\xFE\xFF"[..], true),
    ] {
        let mut bytes = bom.to_vec();
        for unit in "We share your email address with Facebook.\n".encode_utf16() {
            bytes.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        reads_cleanly_with_facebook(name, &bytes);
    }
}

#[test]
fn a_few_nul_bytes_are_dropped_many_make_it_binary() {
    let filler = "This paragraph talks about our products and nothing else. ".repeat(40);
    let text = format!("{filler}\nWe share your email\0 address with Face\0book and Facebook.\n");
    let (_d, code, out, err) = case("nul.txt", text.as_bytes());
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(!out.contains('\0'), "NUL reached the output");
    assert!(
        out.lines()
            .any(|l| l.starts_with("nul.txt,") && l.contains("email-address")),
        "{out}"
    );

    let mostly_nul = b"We share\0\0\0\0 your\0\0\0\0 data\0\0\0\0\0\0.";
    let (_d, code, _, err) = case("nuls.txt", mostly_nul);
    assert_eq!(code, 1);
    assert!(
        err.contains("nuls.txt: binary file (unknown binary data), not a policy"),
        "{err}"
    );
}

#[test]
fn a_200_mb_policy_is_refused_quickly_and_the_limit_can_be_raised() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Sparse: 200 MB on paper, nothing on disk; the size is checked before anything is read.
    let huge = std::fs::File::create(dir.path().join("huge.txt")).expect("create");
    huge.set_len(200 * 1024 * 1024).expect("set_len");
    let started = Instant::now();
    let (code, out, err) = statements_with(dir.path(), "huge.txt");
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(code, 1);
    assert!(has_good(&out));
    assert!(
        err.contains(
            "huge.txt: too large: 200.0 MiB exceeds the input size limit of 32.0 MiB (raise it with --max-input-size)"
        ),
        "{err}"
    );

    // The limit is a flag; files over it are refused, files under it read.
    let text = GOOD.repeat(40); // 1920 bytes
    std::fs::write(dir.path().join("two-k.txt"), &text).expect("write");
    let (code, _, err) = run(sharegraph().current_dir(dir.path()).args([
        "statements",
        "--max-input-size",
        "1K",
        "two-k.txt",
    ]));
    assert_eq!(code, 1);
    assert!(
        err.contains("two-k.txt: too large: 1.9 KiB exceeds the input size limit of 1.0 KiB"),
        "{err}"
    );
    let (code, out, err) = run(sharegraph().current_dir(dir.path()).args([
        "statements",
        "--max-input-size",
        "2k",
        "two-k.txt",
    ]));
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(out.lines().count(), 41, "{out}");

    // Standard input is bounded too, while reading.
    let (code, _, err) = run(sharegraph()
        .current_dir(dir.path())
        .args(["statements", "--max-input-size", "1000", "-"])
        .write_stdin(text.clone()));
    assert_eq!(code, 1);
    assert!(
        err.contains(
            "<stdin>: too large: more than 1000 bytes exceeds the input size limit of 1000 bytes"
        ),
        "{err}"
    );

    // A bad size is a usage error.
    let (code, _, err) = run(sharegraph().args(["statements", "--max-input-size", "lots", "x"]));
    assert_eq!(code, 2);
    assert!(err.contains("`lots` is not a size"), "{err}");
}

#[test]
fn a_10_mb_line_without_punctuation_is_cut_into_bounded_sentences() {
    let words = [
        "we",
        "share",
        "your",
        "personal",
        "information",
        "with",
        "service",
        "providers",
        "advertisers",
        "and",
        "partners",
        "who",
        "may",
        "use",
        "cookies",
        "to",
        "collect",
        "device",
        "identifiers",
        "location",
    ];
    let mut line = String::with_capacity(10_000_100);
    let mut i = 0usize;
    while line.len() < 10_000_000 {
        line.push_str(words[(i * 7 + i / 3) % words.len()]);
        line.push(' ');
        i += 1;
    }
    let (_d, code, out, err) = case("line.txt", line.as_bytes());
    assert_eq!((code, err.as_str()), (0, ""));
    let mut rows = csv::Reader::from_reader(out.as_bytes());
    let mut n = 0;
    for r in rows.records() {
        let r = r.expect("csv");
        if &r[0] == "line.txt" {
            n += 1;
            assert!(r[12].len() <= 1000, "sentence of {} bytes", r[12].len());
        }
    }
    assert!(n > 0, "no statements from the long line");
}

#[test]
fn html_nested_100_000_levels_deep() {
    let depth = 100_000;
    for (name, html) in [
        (
            "closed.html",
            format!(
                "{}<p>We share your IP address with Facebook.</p>{}",
                "<div>".repeat(depth),
                "</div>".repeat(depth)
            ),
        ),
        (
            "unclosed.html",
            format!(
                "<html><body>{}We share your IP address with Facebook.",
                "<span><b><ul><li>".repeat(depth / 4)
            ),
        ),
    ] {
        reads_cleanly_with_facebook(name, html.as_bytes());
    }
}

#[test]
fn missing_path_is_reported_and_the_others_go_on() {
    let (_d, code, _, err) = case_missing();
    assert_eq!(code, 1);
    assert!(
        err.contains("sharegraph: nope.txt: no such file or directory"),
        "{err}"
    );
}

fn case_missing() -> (tempfile::TempDir, i32, String, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (code, out, err) = statements_with(dir.path(), "nope.txt");
    assert!(has_good(&out));
    (dir, code, out, err)
}

/// A directory of 10 000 policies with, among them, files that cannot be read as policies: a FIFO
/// (reading it would block forever), a file without permissions (unreadable unless we are root),
/// a symlink loop between two files, a dangling symlink, a directory symlink back to the top
/// (walked once) and a directory named like a policy (walked into).
#[cfg(unix)]
#[test]
fn a_directory_of_10_000_files_with_unreadable_ones() {
    use std::os::unix::fs::{PermissionsExt, symlink};

    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    let n = 10_000;
    for i in 0..n {
        let sub = corpus.join(format!("part{:02}", i % 50));
        if i < 50 {
            std::fs::create_dir(&sub).expect("mkdir");
        }
        // Each its own vendor; every tenth shares something.
        let text = if i % 10 == 0 {
            format!("Vendor{i} privacy policy.\nWe share your IP address with Google Analytics.\n")
        } else {
            format!("Vendor{i} privacy policy.\nWe care about you.\n")
        };
        std::fs::write(sub.join(format!("p{i:05}.txt")), text).expect("write");
    }
    let fifo = corpus.join("fifo.txt");
    mkfifo(&fifo);
    let locked = corpus.join("locked.txt");
    std::fs::write(&locked, GOOD).expect("write");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    symlink("loop-b.txt", corpus.join("loop-a.txt")).expect("symlink");
    symlink("loop-a.txt", corpus.join("loop-b.txt")).expect("symlink");
    symlink("nowhere.txt", corpus.join("dangling.md")).expect("symlink");
    symlink("..", corpus.join("part00").join("up")).expect("symlink");
    std::fs::create_dir(corpus.join("named.html")).expect("mkdir");
    std::fs::write(corpus.join("named.html").join("inside.md"), GOOD).expect("write");

    let started = Instant::now();
    let (code, out, err) =
        run(sharegraph()
            .current_dir(dir.path())
            .args(["statements", "--format", "csv", "corpus"]));
    let took = started.elapsed();
    assert_eq!(code, 1, "{err}");
    for needle in [
        "corpus/fifo.txt: not a regular file (FIFO), skipped",
        "corpus/loop-a.txt: Too many levels of symbolic links",
        "corpus/loop-b.txt: Too many levels of symbolic links",
        "corpus/dangling.md: No such file or directory",
    ] {
        assert!(err.contains(needle), "missing {needle:?} in:\n{err}");
    }
    // chmod 000 stops reading only when we are not root (CI runs as root).
    let locked_reported = err.contains("corpus/locked.txt: Permission denied");
    assert_eq!(locked_reported, !is_root(), "{err}");
    let errors = err
        .lines()
        .filter(|l| l.starts_with("sharegraph: "))
        .count();
    assert_eq!(errors, 4 + usize::from(!is_root()), "{err}");

    let rows: Vec<&str> = out.lines().skip(1).collect();
    let from_corpus = rows.iter().filter(|l| l.starts_with('p')).count();
    assert_eq!(from_corpus, n / 10, "one statement per tenth policy");
    assert!(rows.iter().any(|l| l.starts_with("inside.md,")));
    assert_eq!(rows.iter().any(|l| l.starts_with("locked.txt,")), is_root());
    // The walk through the `up` loop did not read anything twice.
    assert_eq!(rows.len(), n / 10 + 1 + usize::from(is_root()), "{err}");
    eprintln!("10 000 files in {took:?}");
}

#[cfg(unix)]
#[test]
fn a_fifo_named_explicitly_is_read_like_stdin() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("pipe.txt");
    mkfifo(&fifo);
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, GOOD).expect("write to fifo"))
    };
    let (code, out, err) = run(sharegraph()
        .current_dir(dir.path())
        .args(["statements", "pipe.txt"]));
    writer.join().expect("writer");
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.contains("pipe.txt,"), "{out}");
}

/// Saved graphs (`graph.json`, accepted by every query) that are damaged: truncated, not ours, a
/// newer version, edges to nodes or statements that are not there.
#[test]
fn damaged_saved_graphs_are_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    good(dir.path());
    let (code, _, err) = run(sharegraph()
        .current_dir(dir.path())
        .args(["build", "good.txt", "--out", "out"]));
    assert_eq!(code, 0, "{err}");
    let saved = std::fs::read_to_string(dir.path().join("out/graph.json")).expect("graph.json");
    let node = "\"vendor:good\"";
    assert!(saved.contains(node));
    let cases = [
        (
            "truncated.json",
            saved[..saved.len() / 2].to_string(),
            "truncated.json: not a sharegraph graph file: EOF while parsing",
        ),
        (
            "newer.json",
            saved.replacen("\"version\": 1", "\"version\": 99", 1),
            "newer.json: graph file version 99 is newer than this sharegraph understands (1)",
        ),
        (
            "dangling.json",
            saved.replace("\"source\": \"vendor:good\"", "\"source\": \"vendor:gone\""),
            "dangling.json: edge refers to unknown node `vendor:gone`",
        ),
        (
            "statement.json",
            saved.replacen(
                "\"statements\": [\n        0\n      ]",
                "\"statements\": [\n        7\n      ]",
                1,
            ),
            "statement.json: edge refers to statement 7, but the file has 1",
        ),
    ];
    for (name, text, needle) in cases {
        assert_ne!(text, saved, "{name}: the fixture did not change");
        std::fs::write(dir.path().join(name), text).expect("write");
        let (code, out, err) = run(sharegraph().current_dir(dir.path()).args([
            "statements",
            "--format",
            "csv",
            name,
            "good.txt",
        ]));
        assert_eq!(code, 1, "{name}: {err}");
        assert!(
            err.contains(needle),
            "{name}: expected {needle:?} in:\n{err}"
        );
        assert!(has_good(&out), "{name}: good.txt not processed");
    }
}

#[test]
fn control_characters_in_file_names_are_escaped_in_messages() {
    // A crawler can save a file under any name; its escape sequences must not reach the terminal.
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01";
    let (_d, code, _, err) = case("evil\x1b[2Jname\x07.png", png);
    assert_eq!(code, 1, "{err}");
    assert!(!err.contains('\x1b') && !err.contains('\x07'), "{err:?}");
    assert!(
        err.contains("evil\\u{1b}[2Jname\\u{7}.png: binary file (PNG image), not a policy"),
        "{err}"
    );
    let (_d, code, _, err) = case("empty\x1b]0;title\x07.txt", b"");
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: empty\\u{1b}]0;title\\u{7}.txt: empty file"),
        "{err}"
    );
}
