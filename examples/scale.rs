//! A synthetic corpus for scale runs: the apps-2024 policies repeated until there are N of them
//! (default 100 000), each copy's vendor renamed ("TikTok" → "TikTok17") so that every copy is a
//! vendor of its own. Written to a temp directory (never to the repo), with `files.txt` listing
//! every file; prints the commands to time. `benches/scale.sh` runs them all.
//!
//! `cargo run --release --example scale -- [N] [DIR]`

use std::path::PathBuf;

use rayon::prelude::*;
use sharegraph::lexicon::Lexicon;
use sharegraph::pipeline;

const APPS: &str = "../shared/corpus/apps-2024/html";

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().map_or(Ok(100_000), |a| a.parse())?;
    let dir = args.next().map_or_else(
        || std::env::temp_dir().join(format!("sharegraph-scale-{n}")),
        PathBuf::from,
    );
    if !std::path::Path::new(APPS).is_dir() {
        println!("{APPS} not found (../shared absent): no corpus to repeat");
        return Ok(());
    }
    let lexicon = Lexicon::embedded()?;
    let (inputs, _) = pipeline::expand(&[PathBuf::from(APPS)]);
    // Each source policy with its detected vendor name.
    let sources: Vec<(String, String, String)> = inputs
        .par_iter()
        .filter_map(|i| {
            let p = i.path()?;
            let bytes = std::fs::read(p).ok()?;
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let doc = sharegraph::document::parse(&i.name(), &bytes, None).ok()?;
            let vendor = sharegraph::extract::extract(&doc, &lexicon, None)
                .vendor
                .name;
            let stem = p.file_stem()?.to_string_lossy().into_owned();
            Some((stem, vendor, text))
        })
        .collect();
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus)?;
    let names: Vec<String> = (0..n)
        .into_par_iter()
        .map(|k| -> std::io::Result<String> {
            let (stem, vendor, text) = &sources[k % sources.len()];
            let copy = k / sources.len();
            let name = format!("{k:06}_{stem}-{copy}.html");
            let path = corpus.join(&name);
            if !path.exists() {
                // Rename the vendor where the name is distinctive enough to replace safely.
                let body = if copy > 0 && vendor.chars().count() >= 3 {
                    text.replace(vendor.as_str(), &format!("{vendor}{copy}"))
                } else {
                    text.clone()
                };
                std::fs::write(&path, body)?;
            }
            Ok(name)
        })
        .collect::<Result<_, _>>()?;
    let list = dir.join("files.txt");
    let listing: String = names
        .iter()
        .map(|name| format!("{}\n", corpus.join(name).display()))
        .collect();
    std::fs::write(&list, listing)?;
    let bytes: u64 = names
        .iter()
        .filter_map(|name| std::fs::metadata(corpus.join(name)).ok())
        .map(|m| m.len())
        .sum();
    let bin = "target/release/sharegraph";
    let d = dir.display();
    println!(
        "{n} policies ({:.2} GB) in {d}/corpus, listed in {d}/files.txt

Time them (wall clock and peak RSS):
  /usr/bin/time -v {bin} build --files-from {d}/files.txt --out {d}/out -q
  /usr/bin/time -v {bin} statements {d}/corpus -q > {d}/statements.csv
  /usr/bin/time -v {bin} who-receives ip-address {d}/out/graph.sgb > {d}/who-receives.txt
  /usr/bin/time -v {bin} vendor TikTok17 {d}/out/graph.sgb
Remove it afterwards: rm -r {d}",
        bytes as f64 / 1e9
    );
    Ok(())
}
