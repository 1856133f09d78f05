//! An interrupted run leaves the previous outputs as they were and no temp file: SIGINT (Ctrl-C)
//! during a long `build`, and an interrupt that lands while files are being written.

mod reliability_support;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use reliability_support::{good, snapshot, temp_files};

/// A corpus that takes several seconds to build: the seeds' text many times over.
#[cfg(unix)]
fn large_corpus(dir: &std::path::Path) -> PathBuf {
    let corpus = dir.join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    let mut seed = String::new();
    for name in ["apowersoft-2018.md", "wps-office-2020.txt"] {
        seed.push_str(
            &std::fs::read_to_string(reliability_support::repo().join("data/policies").join(name))
                .expect("seed"),
        );
        seed.push('\n');
    }
    // ~100 KB per file × 200 files ≈ 20 MB: seconds in release, far longer in debug.
    let body = seed.repeat((100_000 / seed.len()).max(1));
    for i in 0..200 {
        std::fs::write(
            corpus.join(format!("policy-{i:03}.md")),
            format!("# Vendor {i} Privacy Policy\n\n{body}"),
        )
        .expect("write");
    }
    corpus
}

#[cfg(unix)]
#[test]
fn sigint_during_build_keeps_the_old_outputs() {
    let dir = tempfile::tempdir().expect("temp dir");
    good(dir.path());
    let bin = assert_cmd::cargo::cargo_bin("sharegraph");
    let status = std::process::Command::new(&bin)
        .current_dir(dir.path())
        .args(["build", "good.txt", "--out", "out"])
        .stderr(std::process::Stdio::null())
        .status()
        .expect("first build");
    assert!(status.success());
    let before = snapshot(&dir.path().join("out"));
    assert!(before.len() >= 9);

    let corpus = large_corpus(dir.path());
    // A FIFO among the inputs that nobody writes to holds the build in its reading phase however
    // fast the machine, so the signal is sure to land mid-build.
    let fifo = dir.path().join("stalled.txt");
    reliability_support::mkfifo(&fifo);
    let mut child = std::process::Command::new(&bin)
        .current_dir(dir.path())
        .arg("build")
        .arg(&corpus)
        .arg(&fifo)
        .args(["--out", "out"])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("second build");
    std::thread::sleep(Duration::from_millis(700));
    assert!(
        child.try_wait().expect("try_wait").is_none(),
        "the build finished before it could be interrupted"
    );
    // SAFETY: kill with a valid pid of our own child and a valid signal number.
    let sent = unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
    assert_eq!(sent, 0);
    let started = Instant::now();
    let output = child.wait_with_output().expect("wait");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?} to stop",
        started.elapsed()
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    reliability_support::assert_no_crash(&stderr);
    assert_eq!(output.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("sharegraph: interrupted"), "{stderr}");
    assert_eq!(
        snapshot(&dir.path().join("out")),
        before,
        "outputs changed by an interrupted build"
    );
    assert_eq!(temp_files(dir.path()), Vec::<PathBuf>::new());
}

/// The signal handler's part, in process: an interrupt that lands while outputs are being written
/// (here: between two files of one staged build) removes the temp files, the targets keep their
/// content, and later writes refuse to start. (This sets the process-wide "aborted" flag, hence
/// its own test binary.)
#[test]
fn interrupt_while_writing_removes_temp_files() {
    use sharegraph::export::{Staging, abort_pending_writes, write_atomically};

    let dir = tempfile::tempdir().expect("temp dir");
    let a = dir.path().join("a.csv");
    let b = dir.path().join("b.csv");
    std::fs::write(&a, "old a").expect("write");
    std::fs::write(&b, "old b").expect("write");

    let mut staging = Staging::new();
    staging
        .write(&a, |w| w.write_all(b"new a"))
        .expect("stage a");
    let result = staging.write(&b, |w| {
        w.write_all(b"new b, half")?;
        w.flush()?;
        // The handler runs now (from another thread in real life).
        assert_eq!(abort_pending_writes(), 2, "both temp files were pending");
        w.write_all(b" and the rest")
    });
    // Writing to the unlinked temp file may still succeed; the commit must not.
    if result.is_ok() {
        let err = staging.commit().expect_err("commit after an interrupt");
        assert_eq!(err.kind(), std::io::ErrorKind::Interrupted);
    } else {
        drop(staging);
    }
    assert_eq!(std::fs::read_to_string(&a).ok().as_deref(), Some("old a"));
    assert_eq!(std::fs::read_to_string(&b).ok().as_deref(), Some("old b"));
    assert_eq!(temp_files(dir.path()), Vec::<PathBuf>::new());

    let err = write_atomically(&a, |w| w.write_all(b"later")).expect_err("refused");
    assert_eq!(err.kind(), std::io::ErrorKind::Interrupted);
    assert_eq!(std::fs::read_to_string(&a).ok().as_deref(), Some("old a"));
    assert_eq!(temp_files(dir.path()), Vec::<PathBuf>::new());
}
