//! Draw the data flows of policies as a diagram: DOT always, SVG when Graphviz is installed.
//!
//! `cargo run --example data_flow_diagram -- data/policies /tmp/flows`

use std::path::PathBuf;

use sharegraph::export::{self, DotOptions, ExportFormat, ExportOptions, render};
use sharegraph::lexicon::Lexicon;
use sharegraph::pipeline::{self, Options};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let input = PathBuf::from(args.next().unwrap_or_else(|| "data/policies".to_string()));
    let out = PathBuf::from(args.next().unwrap_or_else(|| {
        std::env::temp_dir()
            .join("sharegraph-flows")
            .display()
            .to_string()
    }));
    std::fs::create_dir_all(&out)?;

    let lexicon = Lexicon::embedded()?;
    let (inputs, _) = pipeline::expand(&[input]);
    let (graph, errors) = pipeline::build_graph(&inputs, &lexicon, &Options::default());
    for e in &errors {
        eprintln!("skipped: {e}");
    }

    // One diagram per parent company view, and the full one.
    let full = ExportOptions::default();
    let by_parent = ExportOptions {
        dot: DotOptions {
            aggregate_parents: true,
            ..DotOptions::default()
        },
        ..ExportOptions::default()
    };
    for (name, options) in [("flows", &full), ("flows-by-parent", &by_parent)] {
        let dot = out.join(format!("{name}.dot"));
        export::export_to_path(&graph, ExportFormat::Dot, options, &dot)?;
        println!("wrote {}", dot.display());
        if render::dot_available() {
            let svg = out.join(format!("{name}.svg"));
            export::export_to_path(&graph, ExportFormat::Svg, options, &svg)?;
            println!("wrote {}", svg.display());
        } else {
            println!(
                "Graphviz `dot` not installed: render with `dot -Tsvg {}`",
                dot.display()
            );
        }
    }
    Ok(())
}
