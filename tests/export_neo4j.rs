//! Neo4j export: the import CSVs have neo4j-admin's typed headers and one row per node/edge; the
//! Cypher script keeps every string literal closed, even for hostile names.

mod export_support;

use export_support::{HOSTILE, graph, hostile_graph};
use sharegraph::export::neo4j::{cypher_string, write_cypher, write_import_files};

fn read(path: &std::path::Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

#[test]
fn import_files_have_typed_headers_and_all_rows() {
    let dir = tempfile::tempdir().unwrap();
    let g = graph();
    let files = write_import_files(&g, dir.path()).unwrap();
    assert_eq!(
        files,
        [
            dir.path().join("nodes.csv"),
            dir.path().join("relationships.csv")
        ]
    );
    // Nothing else (no temp files) is left in the directory.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    let (header, nodes) = read(&files[0]);
    assert_eq!(&header[..2], ["id:ID", ":LABEL"]);
    assert!(header.contains(&"statements:int".to_string()));
    assert_eq!(nodes.len(), g.node_list().count());
    let labels: Vec<&str> = nodes.iter().map(|r| r[1].as_str()).collect();
    assert!(
        labels.contains(&"Vendor") && labels.contains(&"Party") && labels.contains(&"DataCategory")
    );
    let (header, rels) = read(&files[1]);
    assert_eq!(&header[..3], [":START_ID", ":END_ID", ":TYPE"]);
    assert!(header.contains(&"data:string[]".to_string()));
    assert_eq!(rels.len(), g.edge_list().count());
    let types: std::collections::BTreeSet<&str> = rels.iter().map(|r| r[2].as_str()).collect();
    assert_eq!(
        types.into_iter().collect::<Vec<_>>(),
        [
            "COLLECTS",
            "DISCLOSES",
            "OWNED_BY",
            "SOURCE_OF",
            "SUBCATEGORY_OF"
        ]
    );
    // Every relationship end is a node id.
    let ids: Vec<&str> = nodes.iter().map(|r| r[0].as_str()).collect();
    assert!(
        rels.iter()
            .all(|r| ids.contains(&r[0].as_str()) && ids.contains(&r[1].as_str()))
    );
}

/// Split a Cypher line into its string literals (unescaped), checking each is closed and that the
/// statement ends with `;` outside any string.
fn literals(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = line.chars();
    let mut last = ' ';
    while let Some(c) = chars.next() {
        last = c;
        if c != '\'' {
            continue;
        }
        let mut text = String::new();
        loop {
            match chars
                .next()
                .unwrap_or_else(|| panic!("unclosed string in {line}"))
            {
                '\'' => break,
                '\\' => match chars.next().unwrap() {
                    'n' => text.push('\n'),
                    'r' => text.push('\r'),
                    't' => text.push('\t'),
                    'u' => {
                        let hex: String = chars.by_ref().take(4).collect();
                        text.push(char::from_u32(u32::from_str_radix(&hex, 16).unwrap()).unwrap());
                    }
                    other => text.push(other),
                },
                c => text.push(c),
            }
        }
        out.push(text);
        last = '\'';
    }
    assert!(
        line.starts_with("//") || last == ';',
        "statement must end with `;`: {line}"
    );
    out
}

#[test]
fn cypher_literals_stay_closed_with_hostile_names() {
    let g = hostile_graph(HOSTILE);
    let mut out = Vec::new();
    write_cypher(&g, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let mut all = Vec::new();
    for line in text.lines() {
        all.extend(literals(line));
    }
    assert!(all.contains(&HOSTILE.to_string()));
    assert!(all.contains(&"Evil \"Vendor\" \\ <b>&".to_string()));
    assert!(all.contains(&g.statements[0].sentence.to_string()));
    assert!(
        all.contains(&g.statements[1].sentence.to_string()),
        "control characters are escaped, not lost"
    );
    // One statement per line: no raw newline inside a literal.
    let statements = text.lines().filter(|l| !l.starts_with("//")).count();
    assert_eq!(
        statements,
        3 + g.node_list().count() + g.edge_list().count()
    );
    assert_eq!(cypher_string("it's \\ \n"), "'it\\'s \\\\ \\n'");
}

#[test]
fn cypher_merges_nodes_and_relationships() {
    let mut out = Vec::new();
    write_cypher(&graph(), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("MERGE (n:Party {id: 'party:Umeng'}) SET n.name = 'Umeng'"));
    assert!(text.contains(
        "MATCH (a:Party {id: 'party:Umeng'}), (b:Party {id: 'party:Alibaba'}) MERGE (a)-[r:OWNED_BY {polarity: 'positive'}]->(b)"
    ));
}
