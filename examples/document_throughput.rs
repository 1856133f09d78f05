//! Parses every file under the given directories with the document stage and reports throughput.
//!
//! ```text
//! cargo run --release --example document_throughput -- [DIR...]
//! ```
//! Without arguments it reads `../shared/corpus/apps-2024/html` and
//! `../shared/corpus/opp115/sanitized_policies` (skipping, with a message, those that are absent).
//! Prints files, total MB, MB/s (parse time only, files are read first; first pass and best of
//! five), the median number of sentences per policy, and the files that produced no sentence.

use std::path::{Path, PathBuf};
use std::time::Instant;

use sharegraph::document::parse;

/// Timed passes over the corpus (the first one also collects the statistics).
const REPEAT: usize = 5;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dirs: Vec<PathBuf> = if args.is_empty() {
        vec![
            PathBuf::from("../shared/corpus/apps-2024/html"),
            PathBuf::from("../shared/corpus/opp115/sanitized_policies"),
        ]
    } else {
        args.iter().map(PathBuf::from).collect()
    };

    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for dir in &dirs {
        if !dir.is_dir() {
            eprintln!("skipping {}: not a directory", dir.display());
            continue;
        }
        collect(dir, &mut files);
    }
    if files.is_empty() {
        eprintln!("no input files");
        return;
    }

    let total_bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let mut counts = Vec::with_capacity(files.len());
    let mut empty = Vec::new();
    let mut errors = Vec::new();
    let started = Instant::now();
    for (name, bytes) in &files {
        match parse(name, bytes, None) {
            Ok(doc) => {
                counts.push(doc.sentences.len());
                if doc.sentences.is_empty() {
                    empty.push(name.clone());
                }
            }
            Err(e) => errors.push(e.to_string()),
        }
    }
    let first = started.elapsed().as_secs_f64();
    // The machine may be shared: time a few more passes and report the best one as well.
    let mut best = first;
    for _ in 1..REPEAT {
        let started = Instant::now();
        for (name, bytes) in &files {
            let _ = std::hint::black_box(parse(name, bytes, None));
        }
        best = best.min(started.elapsed().as_secs_f64());
    }

    counts.sort_unstable();
    let median = counts.get(counts.len() / 2).copied().unwrap_or(0);
    let mb = total_bytes as f64 / 1_000_000.0;
    println!("files: {}", files.len());
    println!("total: {mb:.2} MB");
    let rate = |secs: f64| if secs > 0.0 { mb / secs } else { f64::INFINITY };
    println!("time: {first:.3} s (best of {REPEAT}: {best:.3} s)");
    println!(
        "throughput: {:.1} MB/s (best of {REPEAT}: {:.1} MB/s)",
        rate(first),
        rate(best)
    );
    println!("median sentences per policy: {median}");
    println!("sentences total: {}", counts.iter().sum::<usize>());
    println!("files with 0 sentences: {}", empty.len());
    for name in &empty {
        println!("  {name}");
    }
    if !errors.is_empty() {
        println!("unreadable: {}", errors.len());
        for e in &errors {
            println!("  {e}");
        }
    }
}

/// Reads every regular file under `dir` (sorted, recursively, without following symlinked dirs).
fn collect(dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            eprintln!("skipping {}: cannot read", d.display());
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(bytes) = std::fs::read(&p) {
                let name = p.file_name().map_or_else(
                    || p.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                out.push((name, bytes));
            }
        }
    }
}
