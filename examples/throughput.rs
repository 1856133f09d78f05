//! End-to-end throughput: read, extract and build the graph of every policy under the given
//! directories (default: the shared apps-2024 and OPP-115 corpora), on one core and on all cores.
//! Prints MB/s, policies/s and the median per-policy latency.
//!
//! `cargo run --release --example throughput -- [DIR]...`

use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;
use sharegraph::graph::ShareGraph;
use sharegraph::lexicon::Lexicon;
use sharegraph::pipeline::{self, Input};

fn main() -> anyhow::Result<()> {
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
    let start = Instant::now();
    let lexicon = Lexicon::embedded()?;
    println!(
        "lexicon load + matcher build: {:.2} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    for dir in &dirs {
        let (inputs, _) = pipeline::expand(std::slice::from_ref(dir));
        // Read the bytes once so that disk speed is not measured.
        let files: Vec<(Input, Vec<u8>)> = inputs
            .into_iter()
            .filter_map(|i| match &i {
                Input::File(p) => std::fs::read(p).ok().map(|b| (i.clone(), b)),
                Input::Stdin => None,
            })
            .collect();
        let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
        let mb = bytes as f64 / 1e6;
        let run = |parallel: bool| -> (f64, Vec<f64>, usize) {
            let t = Instant::now();
            let one = |(input, bytes): &(Input, Vec<u8>)| {
                let t = Instant::now();
                let statements = sharegraph::document::parse(&input.name(), bytes, None)
                    .map(|doc| sharegraph::extract::extract(&doc, &lexicon, None).statements)
                    .unwrap_or_default();
                (t.elapsed().as_secs_f64(), statements)
            };
            let results: Vec<(f64, Vec<_>)> = if parallel {
                files.par_iter().map(one).collect()
            } else {
                files.iter().map(one).collect()
            };
            let mut graph = ShareGraph::new();
            let mut latencies = Vec::new();
            let mut count = 0;
            for (latency, statements) in results {
                latencies.push(latency);
                count += statements.len();
                graph.add_statements(statements, &lexicon);
            }
            (t.elapsed().as_secs_f64(), latencies, count)
        };
        let (one_core, mut latencies, statements) = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()?
            .install(|| run(false));
        let (all_cores, _, _) = run(true);
        latencies.sort_by(f64::total_cmp);
        let median = latencies.get(latencies.len() / 2).copied().unwrap_or(0.0);
        println!(
            "{}: {} policies, {:.1} MB, {} statements\n  1 core : {:>7.1} MB/s {:>8.0} policies/s  median {:.2} ms/policy\n  {} cores: {:>7.1} MB/s {:>8.0} policies/s  speed-up {:.2}x",
            dir.display(),
            files.len(),
            mb,
            statements,
            mb / one_core,
            files.len() as f64 / one_core,
            median * 1e3,
            rayon::current_num_threads(),
            mb / all_cores,
            files.len() as f64 / all_cores,
            one_core / all_cores
        );
    }
    Ok(())
}
