//! Who receives a data category? The library API end to end: expand inputs, build the graph, ask.
//!
//! `cargo run --example who_receives -- ip-address data/policies`

use std::path::PathBuf;

use sharegraph::lexicon::Lexicon;
use sharegraph::pipeline::{self, Options};
use sharegraph::query::{self, Filter};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let data = args.next().unwrap_or_else(|| "ip-address".to_string());
    let mut paths: Vec<PathBuf> = args.map(PathBuf::from).collect();
    if paths.is_empty() {
        paths.push(PathBuf::from("data/policies"));
    }

    let lexicon = Lexicon::embedded()?;
    let data = query::resolve_data(&lexicon, &data)?;
    let (inputs, mut errors) = pipeline::expand(&paths);
    let (graph, more) = pipeline::build_graph(&inputs, &lexicon, &Options::default());
    errors.extend(more);
    for e in &errors {
        eprintln!("skipped: {e}");
    }

    println!("Who receives {data}?");
    for hit in query::who_receives(
        &graph.statements,
        &lexicon,
        &data,
        false,
        &Filter::default(),
    ) {
        let s = hit.statement;
        let parent = if s.parent.is_empty() {
            String::new()
        } else {
            format!(", part of {}", s.parent)
        };
        println!(
            "- {} ({}{parent}) from {}: {}",
            s.party, s.role, s.vendor, s.data
        );
        println!(
            "    \"{}\" [{} {}..{}]",
            s.sentence, s.policy, s.start, s.end
        );
    }
    Ok(())
}
