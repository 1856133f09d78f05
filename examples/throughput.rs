//! End-to-end throughput: parse, extract and merge into one graph every policy under the given
//! directories (default: the shared apps-2024 and OPP-115 corpora), on one core and on all cores.
//! Prints MB/s, policies/s, the median per-policy latency and the speed-up; each figure is the
//! median of `RUNS` runs (default 3), since a shared machine is noisy. It also prints the CPU
//! time the runs took (Linux: /proc), which other processes on a busy machine do not inflate:
//! "per CPU-s" figures, and the per-policy latency is measured in thread CPU time.
//!
//! `cargo run --release --example throughput -- [DIR]...`

use std::path::PathBuf;
use std::time::Instant;

use sharegraph::graph::ShareGraph;
use sharegraph::lexicon::Lexicon;
use sharegraph::ordered;
use sharegraph::pipeline::{self, Input};

// The allocator the `sharegraph` binary uses, so that the numbers are the binary's.
#[global_allocator]
static ALLOCATOR: sharegraph::alloc::Allocator = sharegraph::alloc::Allocator;

/// CPU time of the calling thread in seconds, which other processes do not inflate.
#[cfg(unix)]
fn thread_cpu() -> Option<f64> {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for clock_gettime to fill.
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) } == 0;
    ok.then(|| t.tv_sec as f64 + t.tv_nsec as f64 / 1e9)
}

#[cfg(not(unix))]
fn thread_cpu() -> Option<f64> {
    None
}

/// CPU time (user + system) of the whole process in seconds (Linux).
fn process_cpu() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = s.rsplit(')').next()?.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

fn main() -> anyhow::Result<()> {
    sharegraph::alloc::keep_freed_memory();
    let mut dirs: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if dirs.is_empty() {
        dirs = [
            "../shared/corpus/apps-2024/html",
            "../shared/corpus/opp115/sanitized_policies",
        ]
        .iter()
        .map(PathBuf::from)
        .filter(|d| d.is_dir())
        .collect();
    }
    if dirs.is_empty() {
        println!("no corpus found (../shared absent): pass directories of policies");
        return Ok(());
    }
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3)
        .max(1);
    let start = Instant::now();
    let lexicon = Lexicon::embedded()?;
    lexicon.find("the first search builds the matcher");
    println!(
        "lexicon load + matcher build: {:.1} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    for dir in &dirs {
        let (inputs, _) = pipeline::expand(std::slice::from_ref(dir));
        // Read the bytes once so that disk speed is not measured.
        let files: Vec<(Input, Vec<u8>)> = inputs
            .into_iter()
            .filter_map(|i| match &i {
                Input::File { path: p, .. } => std::fs::read(p).ok().map(|b| (i.clone(), b)),
                Input::Stdin => None,
            })
            .collect();
        let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
        let mb = bytes as f64 / 1e6;
        // One pass: every policy parsed, extracted and merged into one graph, in input order.
        let run = |parallel: bool| -> (f64, Vec<f64>, usize) {
            let t = Instant::now();
            let one = |(input, bytes): &(Input, Vec<u8>)| {
                let (t, cpu) = (Instant::now(), thread_cpu());
                let statements = sharegraph::document::parse(&input.name(), bytes, None)
                    .map(|doc| sharegraph::extract::extract(&doc, &lexicon, None).statements)
                    .unwrap_or_default();
                let latency = match (cpu, thread_cpu()) {
                    (Some(a), Some(b)) => b - a,
                    _ => t.elapsed().as_secs_f64(),
                };
                (latency, statements)
            };
            let mut graph = ShareGraph::new();
            let mut latencies = Vec::new();
            let mut count = 0;
            let mut link = |(latency, statements): (f64, Vec<_>)| {
                latencies.push(latency);
                count += statements.len();
                graph.add_statements(statements, &lexicon);
            };
            if parallel {
                // As `sharegraph build` does (pipeline::for_each_extracted): the pool extracts
                // while this thread links the results, in input order, into the graph.
                let linked: Result<(), std::convert::Infallible> =
                    ordered::for_each_ordered(&files, ordered::window(), one, |done| {
                        link(done);
                        Ok(())
                    });
                let Ok(()) = linked;
            } else {
                files.iter().map(one).for_each(link);
            }
            (t.elapsed().as_secs_f64(), latencies, count)
        };
        let one_pool = rayon::ThreadPoolBuilder::new().num_threads(1).build()?;
        let (mut one_core, mut all_cores, mut medians) = (Vec::new(), Vec::new(), Vec::new());
        let (mut one_cpu, mut all_cpu) = (Vec::new(), Vec::new());
        let mut statements = 0;
        for _ in 0..runs {
            let before = process_cpu();
            let (t, latencies, n) = one_pool.install(|| run(false));
            let middle = process_cpu();
            one_core.push(t);
            medians.push(median(latencies));
            statements = n;
            all_cores.push(run(true).0);
            if let (Some(a), Some(b), Some(c)) = (before, middle, process_cpu()) {
                one_cpu.push(b - a);
                all_cpu.push(c - b);
            }
        }
        let (one_core, all_cores, latency) = (median(one_core), median(all_cores), median(medians));
        println!(
            "{}: {} policies, {:.1} MB, {} statements (median of {runs} runs)\n  1 core : {:>7.1} MB/s {:>8.0} policies/s  median {:.2} ms/policy\n  {} cores: {:>7.1} MB/s {:>8.0} policies/s  speed-up {:.2}x",
            dir.display(),
            files.len(),
            mb,
            statements,
            mb / one_core,
            files.len() as f64 / one_core,
            latency * 1e3,
            rayon::current_num_threads(),
            mb / all_cores,
            files.len() as f64 / all_cores,
            one_core / all_cores
        );
        if !one_cpu.is_empty() {
            let (one_cpu, all_cpu) = (median(one_cpu), median(all_cpu));
            println!(
                "  CPU time: 1 core {:.2} s ({:.1} MB per CPU-s), all cores {:.2} s ({:.1} MB per CPU-s); load average now {}",
                one_cpu,
                mb / one_cpu,
                all_cpu,
                mb / all_cpu,
                std::fs::read_to_string("/proc/loadavg")
                    .unwrap_or_default()
                    .split_whitespace()
                    .next()
                    .unwrap_or("?")
            );
        }
    }
    Ok(())
}
