use sharegraph::{document, extract, lexicon::Lexicon};
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let lex = Lexicon::from_dir(std::path::Path::new(&args[1])).unwrap();
    for path in &args[2..] {
        let doc = document::load(std::path::Path::new(path), None).unwrap();
        let ex = extract::extract(&doc, &lex, None);
        println!("== {} vendor={:?}", doc.name, ex.vendor);
        for s in &ex.statements {
            println!(
                "{:12} {:8} {:22} {:35} {:10} {:28} | {}",
                s.action.as_str(),
                s.polarity.as_str(),
                s.data,
                s.party,
                s.purpose.split('.').last().unwrap_or(""),
                s.condition,
                &s.sentence[..s.sentence.len().min(90)]
            );
        }
    }
}
