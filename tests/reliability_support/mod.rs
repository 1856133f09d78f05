//! Shared by the `reliability_*` tests: running the binary with a time limit and checking that
//! nothing in its output looks like a crash.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

/// The built binary, with a time limit so that a hang fails the test instead of blocking CI.
pub fn sharegraph() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("sharegraph").expect("binary is built");
    cmd.timeout(Duration::from_secs(120));
    cmd.env_remove("RUST_BACKTRACE")
        .env_remove("RUST_LIB_BACKTRACE");
    cmd
}

/// Runs and returns (exit code, stdout, stderr), after checking stderr has no Rust panic text.
pub fn run(cmd: &mut assert_cmd::Command) -> (i32, String, String) {
    let out: Output = cmd.output().expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_no_crash(&stderr);
    let code = out
        .status
        .code()
        .unwrap_or_else(|| panic!("killed by a signal ({:?})\nstderr:\n{stderr}", out.status));
    (code, stdout, stderr)
}

/// No panic message, backtrace hint or internal error.
pub fn assert_no_crash(stderr: &str) {
    for needle in [
        "panicked",
        "RUST_BACKTRACE",
        "stack backtrace",
        "internal error",
        "overflowed its stack",
    ] {
        assert!(
            !stderr.contains(needle),
            "stderr shows a crash ({needle}):\n{stderr}"
        );
    }
}

/// A policy with one statement everyone can check for: Google Analytics receives IP addresses.
pub const GOOD: &str = "We share your IP address with Google Analytics.\n";

/// Write GOOD as `good.txt` in `dir`; returns its path.
pub fn good(dir: &Path) -> PathBuf {
    let p = dir.join("good.txt");
    std::fs::write(&p, GOOD).expect("write good.txt");
    p
}

/// Make a named pipe at `path` (mkfifo(1)).
pub fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// True when the good policy's statement is in `statements --format csv` output.
pub fn has_good(stdout: &str) -> bool {
    stdout
        .lines()
        .any(|l| l.starts_with("good.txt,") && l.contains("Google Analytics"))
}

/// True when running as root (permissions do not stop reads then).
pub fn is_root() -> bool {
    #[cfg(unix)]
    {
        // SAFETY: geteuid has no preconditions and cannot fail.
        unsafe { libc::geteuid() == 0 }
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// Files and directories under `dir` whose names look like temp files of an atomic write.
pub fn temp_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".tmp") || name.starts_with(".tmp") {
                out.push(p.clone());
            }
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(p);
            }
        }
    }
    out
}

/// Every file under `dir` with its bytes, sorted by path.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read dir").flatten() {
            let p = e.path();
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(p);
            } else {
                let bytes = std::fs::read(&p).expect("read file");
                out.push((p, bytes));
            }
        }
    }
    out.sort();
    out
}

pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}
