//! Hostile names through the graph and every export: the escaping target.
//!
//! Party, data, role, purpose, vendor and policy names reach the exports from `--parties` files,
//! policy titles and file names, so any string can show up in a label. The input is cut at NUL
//! bytes into fields that fill statements (a field is reused round-robin); the graph built from
//! them must export to DOT that graphviz-rust parses, well-formed GraphML, JSON that loads back to
//! the same statements and CSV with one record per statement.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sharegraph::extract::{Action, PartyKind, Polarity, Statement};
use sharegraph::graph::ShareGraph;
use sharegraph_fuzz::{check_exports, check_markup, lexicon};

fuzz_target!(|data: &[u8]| {
    let Some((&shape, rest)) = data.split_first() else {
        return;
    };
    let fields: Vec<String> = rest
        .split(|&b| b == 0)
        .map(|f| String::from_utf8_lossy(f).into_owned())
        .collect();
    let field = |i: usize| fields[i % fields.len()].clone();
    let count = (fields.len() / 4).clamp(1, 8);
    let mut statements = Vec::with_capacity(count);
    for n in 0..count {
        let bits = shape.rotate_left(n as u32);
        let sentence = field(n * 4 + 3);
        statements.push(Statement {
            policy: field(0),
            vendor: field(n * 4 + 1),
            action: [Action::Collect, Action::Disclose, Action::ReceiveFrom][bits as usize % 3],
            polarity: if bits & 8 == 0 { Polarity::Positive } else { Polarity::Negative },
            // Real category ids half the time, so labels and the taxonomy path are exercised too.
            data: if bits & 16 == 0 { field(n * 4 + 2) } else { "ip-address".to_string() },
            opp115_type: field(n),
            party: field(n * 4 + 2),
            party_kind: [PartyKind::FirstParty, PartyKind::Named, PartyKind::Class]
                [(bits as usize >> 5) % 3],
            role: field(n * 4 + 4),
            parent: field(n * 4 + 5),
            purpose: field(n * 4 + 6),
            condition: field(n * 4 + 7),
            start: 0,
            end: sentence.len(),
            sentence,
            data_text: field(n + 1),
            party_text: field(n + 2),
            heading: field(n + 3),
        });
    }
    let lexicon = lexicon();
    let mut graph = ShareGraph::new();
    graph.add_vendor(&field(1), &field(0));
    graph.add_statements(statements, lexicon);
    check_exports(&graph);
    check_markup(&graph);
});
