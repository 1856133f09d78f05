//! Corpus-scale input handling and output: globs, file lists, streamed statements, the compact
//! saved graph (graph.sgb) and prefiltered loading. No timings here: see benches/.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use sharegraph::extract::Statement;
use sharegraph::graph::{BinaryWriter, NodeKind, Prefilter, ReadPlan, ShareGraph};
use sharegraph::lexicon::Lexicon;
use sharegraph::pipeline::{self, Input, Options};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn seeds() -> PathBuf {
    root().join("data/policies")
}

fn sharegraph() -> Command {
    let mut c = Command::cargo_bin("sharegraph").expect("binary");
    c.current_dir(root());
    c
}

fn seed_graph() -> ShareGraph {
    let (inputs, errors) = pipeline::expand(&[seeds()]);
    assert!(errors.is_empty());
    let (graph, errors) = pipeline::build_graph(&inputs, &lexicon(), &Options::default());
    assert!(errors.is_empty());
    graph
}

fn lexicon() -> Lexicon {
    Lexicon::embedded().expect("embedded lexicon")
}

#[test]
fn quoted_globs_are_expanded_in_sorted_order() {
    let pattern = seeds().join("*.md");
    let (inputs, errors) = pipeline::expand(&[pattern]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        inputs,
        vec![Input::file(seeds().join("apowersoft-2018.md"))]
    );
    let (inputs, _) = pipeline::expand(&[seeds().join("*")]);
    let names: Vec<String> = inputs.iter().map(Input::name).collect();
    assert_eq!(names, ["apowersoft-2018.md", "wps-office-2020.txt"]);
}

/// A file reached twice (named, through `./`, inside a directory given, through a symlink) is
/// read once, in the place it was first reached.
#[test]
fn a_file_reached_twice_is_read_once() {
    let temp = tempfile::tempdir().expect("temp dir");
    let link = temp.path().join("same.md");
    #[cfg(unix)]
    std::os::unix::fs::symlink(seeds().join("apowersoft-2018.md"), &link).expect("symlink");
    let apowersoft = seeds().join("apowersoft-2018.md");
    let mut paths = vec![
        apowersoft.clone(),
        seeds().join(".").join("apowersoft-2018.md"),
        seeds(),
        apowersoft.clone(),
    ];
    if cfg!(unix) {
        paths.push(link);
    }
    let (inputs, errors) = pipeline::expand(&paths);
    assert!(errors.is_empty(), "{errors:?}");
    let names: Vec<String> = inputs.iter().map(Input::name).collect();
    // The symlink has a name of its own: it is another name for the file, kept as given.
    let mut expected = vec!["apowersoft-2018.md", "wps-office-2020.txt"];
    if cfg!(unix) {
        expected.push("same.md");
    }
    assert_eq!(names, expected);
    assert_eq!(inputs[0], Input::file(apowersoft));
}

/// Two policies with the same file name in different directories (a crawl saved as
/// `site/privacy.html`) stay two policies: each is named with as many parent directories as tell
/// them apart, and a merged graph and a query keep them apart.
#[test]
fn files_with_the_same_name_get_names_that_tell_them_apart() {
    let temp = tempfile::tempdir().expect("temp dir");
    let copy = |dir: &str, seed: &str| {
        let to = temp.path().join(dir).join("privacy.md");
        std::fs::create_dir_all(to.parent().expect("a parent")).expect("dir");
        std::fs::copy(seeds().join(seed), &to).expect("copy");
        to
    };
    let a = copy("x/site", "apowersoft-2018.md");
    let b = copy("y/site", "wps-office-2020.txt");
    let c = copy("other", "wps-office-2020.txt");
    let unique = seeds().join("apowersoft-2018.md");
    let (inputs, errors) = pipeline::expand(&[a, b, unique, c]);
    assert!(errors.is_empty(), "{errors:?}");
    let names: Vec<String> = inputs.iter().map(Input::name).collect();
    assert_eq!(
        names,
        [
            "x/site/privacy.md",
            "y/site/privacy.md",
            "apowersoft-2018.md",
            "other/privacy.md"
        ]
    );
    let out = sharegraph()
        .args(["statements", "-q"])
        .arg(temp.path())
        .output()
        .expect("runs");
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).expect("UTF-8");
    let mut pairs: Vec<(&str, &str)> = csv
        .lines()
        .skip(1)
        .filter_map(|l| {
            let mut cells = l.split(',');
            Some((cells.next()?, cells.next()?))
        })
        .collect();
    pairs.dedup();
    assert_eq!(
        pairs,
        [
            ("other/privacy.md", "WPS Office"),
            ("x/site/privacy.md", "Apowersoft"),
            ("y/site/privacy.md", "WPS Office")
        ]
    );
}

#[test]
fn a_glob_that_matches_nothing_is_an_error() {
    let (inputs, errors) = pipeline::expand(&[seeds().join("*.pdf")]);
    assert!(inputs.is_empty());
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].to_string().contains("no file matches"),
        "{}",
        errors[0]
    );
}

#[test]
fn file_lists_skip_blank_lines_and_carriage_returns() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("list.txt");
    let a = seeds().join("apowersoft-2018.md");
    let b = seeds().join("wps-office-2020.txt");
    std::fs::write(&list, format!("{}\r\n\n{}\n", a.display(), b.display())).unwrap();
    assert_eq!(pipeline::read_file_list(&list).unwrap(), vec![a, b]);
}

#[test]
fn statements_from_a_file_list_on_stdin_match_the_directory() {
    let list = format!(
        "{}\n{}\n",
        seeds().join("apowersoft-2018.md").display(),
        seeds().join("wps-office-2020.txt").display()
    );
    let from_list = sharegraph()
        .args(["statements", "--files-from", "-", "-q"])
        .write_stdin(list)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let from_dir = sharegraph()
        .args(["statements", "data/policies", "-q"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(from_list, from_dir);
}

#[test]
fn stdin_cannot_hold_both_the_list_and_a_policy() {
    sharegraph()
        .args(["statements", "--files-from", "-", "-"])
        .write_stdin("")
        .assert()
        .code(1)
        .stderr(predicates::str::contains("holds the file list"));
}

#[test]
fn streamed_statements_are_the_graph_statements_in_every_format() {
    let graph = seed_graph();
    let mut csv = Vec::new();
    sharegraph::export::csv::write_statement_rows(&graph.statements, &Default::default(), &mut csv)
        .unwrap();
    let mut json = Vec::new();
    sharegraph::export::json::write_statements_json(&graph.statements, &mut json).unwrap();
    let mut jsonl = Vec::new();
    sharegraph::export::json::write_jsonl(&graph.statements, &mut jsonl).unwrap();
    for (format, expected) in [("csv", csv), ("json", json), ("jsonl", jsonl)] {
        let out = sharegraph()
            .args(["statements", "data/policies", "-q", "--format", format])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert!(out == expected, "{format} differs");
    }
}

#[test]
fn no_summary_on_stderr_when_it_is_not_a_terminal() {
    // Progress and the summary are for a terminal; scripts see only errors.
    sharegraph()
        .args(["statements", "data/policies"])
        .assert()
        .success()
        .stderr("");
}

fn write_binary(graph: &ShareGraph, path: &Path) {
    let mut w = BinaryWriter::create(path).unwrap();
    for node in graph.node_list() {
        for p in &node.policies {
            w.add_vendor(&node.label, p).unwrap();
        }
    }
    // One call per policy, as build writes it.
    let mut by_policy: Vec<Vec<Statement>> = Vec::new();
    for s in &graph.statements {
        match by_policy.last_mut() {
            Some(last) if last[0].policy == s.policy => last.push(s.clone()),
            _ => by_policy.push(vec![s.clone()]),
        }
    }
    for part in &by_policy {
        w.add_statements(part).unwrap();
    }
    assert_eq!(w.len(), graph.statements.len() as u64);
    w.finish().unwrap();
}

/// A saved graph of these policies' statements (one policy a part, its vendor its first
/// statement's), written one call per policy as `build` writes it.
fn write_policies(policies: &[Vec<Statement>], path: &Path) {
    let mut w = BinaryWriter::create(path).unwrap();
    for part in policies {
        w.add_vendor(&part[0].vendor, &part[0].policy).unwrap();
        w.add_statements(part).unwrap();
    }
    w.finish().unwrap();
}

#[test]
fn the_binary_graph_round_trips() {
    let graph = seed_graph();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("graph.sgb");
    write_binary(&graph, &path);
    assert!(Input::file(path.clone()).is_saved_graph());
    let loaded = ShareGraph::load_binary(&path, &Prefilter::default()).unwrap();
    assert_eq!(loaded.statements, graph.statements);
    let mut merged = ShareGraph::new();
    merged.merge(loaded, &lexicon());
    assert_eq!(merged.graph.node_count(), graph.graph.node_count());
    assert_eq!(merged.graph.edge_count(), graph.graph.edge_count());
}

/// Reading a saved graph a policy at a time gives every statement once, in file order, one
/// policy per call, across the reader's blocks of rows (65 536: the 600 policies here are about
/// 88 000 statements, and no policy ends on a block's edge), and stops when asked.
#[test]
fn a_binary_graph_is_read_one_policy_at_a_time() {
    let graph = seed_graph();
    let mut policies: Vec<Vec<Statement>> = Vec::new();
    for copy in 0..300 {
        for seed in graph.statements.chunk_by(|a, b| a.policy == b.policy) {
            let name = format!("{copy:03}-{}", seed[0].policy);
            let renamed = seed
                .iter()
                .map(|s| Statement {
                    policy: name.as_str().into(),
                    ..s.clone()
                })
                .collect();
            policies.push(renamed);
        }
    }
    assert_eq!(policies.len(), 600);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("graph.sgb");
    write_policies(&policies, &path);
    let mut read: Vec<Vec<Statement>> = Vec::new();
    ShareGraph::for_each_binary_policy(&path, &mut |policy| {
        read.push(policy);
        true
    })
    .unwrap();
    // A policy runs over the edge of the first block.
    let ends: Vec<usize> = policies
        .iter()
        .scan(0, |end, p| {
            *end += p.len();
            Some(*end)
        })
        .collect();
    assert!(ends.last() > Some(&65_536) && !ends.contains(&65_536));
    assert!(read == policies, "policies differ");
    let loaded = ShareGraph::load_binary(&path, &Prefilter::default()).unwrap();
    assert!(read.concat() == loaded.statements);
    let mut calls = 0;
    ShareGraph::for_each_binary_policy(&path, &mut |_| {
        calls += 1;
        calls < 3
    })
    .unwrap();
    assert_eq!(calls, 3);
}

#[test]
fn a_prefilter_keeps_exactly_what_it_accepts() {
    let graph = seed_graph();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("graph.sgb");
    write_binary(&graph, &path);
    let keep = |s: &Statement| s.is_recipient() && s.data == "ip-address";
    for vendor in [Some("wps office"), None] {
        let expected: Vec<&Statement> = graph
            .statements
            .iter()
            .filter(|s| keep(s) && vendor.is_none_or(|v| s.vendor.eq_ignore_ascii_case(v)))
            .collect();
        assert!(!expected.is_empty());
        for plan in PLANS {
            let prefilter = Prefilter {
                vendor: vendor.map(str::to_string),
                keep: Some(Box::new(keep)),
                plan,
            };
            let loaded = ShareGraph::load_binary(&path, &prefilter).unwrap();
            assert_eq!(
                loaded.statements.iter().collect::<Vec<_>>(),
                expected,
                "{vendor:?} {plan:?}"
            );
        }
    }
}

/// Every way of reading a saved graph: each must give the same statements.
const PLANS: [ReadPlan; 3] = [ReadPlan::Auto, ReadPlan::Columns, ReadPlan::Buckets];

#[test]
fn every_plan_loads_the_whole_graph_alike() {
    let graph = seed_graph();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("graph.sgb");
    write_binary(&graph, &path);
    for plan in PLANS {
        let prefilter = Prefilter {
            plan,
            ..Prefilter::default()
        };
        let loaded = ShareGraph::load_binary(&path, &prefilter).unwrap();
        assert_eq!(loaded.statements, graph.statements, "{plan:?}");
        let vendors = |g: &ShareGraph| -> Vec<(String, Vec<String>)> {
            g.node_list()
                .filter(|n| n.kind == NodeKind::Vendor)
                .map(|n| (n.label.clone(), n.policies.clone()))
                .collect()
        };
        assert_eq!(vendors(&loaded), vendors(&graph), "{plan:?}");
    }
}

#[test]
fn a_vendor_prefilter_names_each_vendor_in_any_case_and_no_other() {
    let graph = seed_graph();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("graph.sgb");
    write_binary(&graph, &path);
    let mut vendors: Vec<String> = graph
        .statements
        .iter()
        .map(|s| s.vendor.to_string())
        .collect();
    vendors.sort();
    vendors.dedup();
    // "Apowersoft" and "WPS Office": of one length, so each name is read and compared. So are
    // names of that length that are no vendor's.
    assert_eq!(vendors.len(), 2);
    assert_eq!(vendors[0].len(), vendors[1].len());
    let absent = vendors.iter().map(|v| "x".repeat(v.len()));
    for asked in vendors.iter().map(|v| v.to_uppercase()).chain(absent) {
        let expected: Vec<&Statement> = graph
            .statements
            .iter()
            .filter(|s| s.vendor.eq_ignore_ascii_case(&asked))
            .collect();
        for plan in PLANS {
            let prefilter = Prefilter {
                vendor: Some(asked.clone()),
                keep: None,
                plan,
            };
            let loaded = ShareGraph::load_binary(&path, &prefilter).unwrap();
            assert_eq!(
                loaded.statements.iter().collect::<Vec<_>>(),
                expected,
                "{asked} {plan:?}"
            );
        }
    }
}

#[test]
fn a_graph_read_in_many_places_loads_the_same() {
    // 1 100 policies, each with one ip-address statement among 200 others whose sentences are
    // all different: the rows and sentences a query on ip-address needs lie more than the
    // coalescing gap apart, so they are read as over a thousand blocks, by several threads.
    use sharegraph::extract::{Action, PartyKind, Polarity};
    let statement = |policy: usize, k: usize| Statement {
        policy: format!("policy-{policy}.html").into(),
        vendor: format!("Vendor {policy}").into(),
        action: Action::Disclose,
        polarity: Polarity::Positive,
        data: if k == 0 {
            "ip-address"
        } else {
            "email-address"
        }
        .into(),
        opp115_type: "Contact".into(),
        party: "Google".into(),
        party_kind: PartyKind::Named,
        role: "advertising".into(),
        parent: "".into(),
        purpose: "".into(),
        condition: "".into(),
        sentence: format!(
            "Policy {policy} shares it, sentence {k}: {}",
            "x".repeat(k % 7)
        )
        .into(),
        start: 40 * k,
        end: 40 * k + 39,
        data_text: format!("data {policy} {k}").into(),
        party_text: "Google".into(),
        heading: format!("Heading {policy}").into(),
    };
    let all: Vec<Vec<Statement>> = (0..1100)
        .map(|p| (0..201).map(|k| statement(p, k)).collect())
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("graph.sgb");
    write_policies(&all, &path);
    let expected: Vec<Statement> = all.iter().map(|part| part[0].clone()).collect();
    for plan in PLANS {
        let prefilter = Prefilter {
            vendor: None,
            keep: Some(Box::new(|s: &Statement| s.data == "ip-address")),
            plan,
        };
        let loaded = ShareGraph::load_binary(&path, &prefilter).unwrap();
        assert_eq!(loaded.statements, expected, "{plan:?}");
        let everything = ShareGraph::load_binary(
            &path,
            &Prefilter {
                plan,
                ..Prefilter::default()
            },
        )
        .unwrap();
        assert_eq!(everything.statements, all.concat(), "{plan:?}");
    }
}

#[test]
fn a_damaged_binary_graph_is_reported_not_trusted() {
    let graph = seed_graph();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("graph.sgb");
    write_binary(&graph, &path);
    let bytes = std::fs::read(&path).unwrap();
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    let err = ShareGraph::load_binary(&path, &Prefilter::default()).unwrap_err();
    assert!(err.to_string().contains("damaged"), "{err}");
}

#[test]
fn a_vendor_is_found_in_every_policy_of_it_and_in_any_case() {
    // Vendors whose policies are not next to each other, one spelled in two cases, and one
    // whose policy has more rows than a block: its rows are read from the vendor runs.
    let graph = seed_graph();
    let template = &graph.statements[0];
    let policies: [(&str, usize); 5] = [
        ("Acme", 3),
        ("Bolt", 2),
        ("ACME", 4),
        ("Acme", 1),
        ("Bolt", 300_000),
    ];
    let all: Vec<Vec<Statement>> = policies
        .iter()
        .enumerate()
        .map(|(p, &(vendor, rows))| {
            (0..rows)
                .map(|k| Statement {
                    policy: format!("policy-{p}.html").into(),
                    vendor: vendor.into(),
                    sentence: format!("Sentence {k} of policy {p}.").into(),
                    start: 30 * k,
                    end: 30 * k + 29,
                    ..template.clone()
                })
                .collect()
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("graph.sgb");
    write_policies(&all, &path);
    for asked in ["acme", "BOLT", "Acme Inc", "Acm"] {
        let expected: Vec<Statement> = all
            .concat()
            .into_iter()
            .filter(|s| s.vendor.eq_ignore_ascii_case(asked))
            .collect();
        for plan in PLANS {
            let prefilter = Prefilter {
                vendor: Some(asked.to_string()),
                plan,
                ..Prefilter::default()
            };
            let loaded = ShareGraph::load_binary(&path, &prefilter).unwrap();
            assert!(loaded.statements == expected, "{asked} {plan:?}");
            let mut policies: Vec<String> = loaded
                .node_list()
                .flat_map(|n| n.policies.clone())
                .collect();
            policies.sort();
            let mut expected_policies: Vec<String> =
                expected.iter().map(|s| s.policy.to_string()).collect();
            expected_policies.sort();
            expected_policies.dedup();
            assert_eq!(policies, expected_policies, "{asked} {plan:?}");
        }
    }
}

#[test]
fn a_graph_saved_by_the_first_version_still_loads() {
    // graph.sgb of tests/fixtures/cli/wps-office-2021.txt as the first version (SHGBIN01, no
    // buckets) wrote it: every plan reads it through the columns.
    let v1 = root().join("tests/fixtures/graph-v1.sgb");
    assert_eq!(&std::fs::read(&v1).unwrap()[..8], b"SHGBIN01");
    assert!(Input::file(v1.clone()).is_saved_graph());
    let all = ShareGraph::load_binary(&v1, &Prefilter::default()).unwrap();
    assert_eq!(all.statements.len(), 252);
    let google_analytics = all
        .statements
        .iter()
        .find(|s| s.party == "Google Analytics" && s.data == "ip-address")
        .expect("Google Analytics collects IP addresses");
    assert_eq!(google_analytics.vendor, "WPS Office");
    assert_eq!(google_analytics.parent, "Google");
    assert!(
        google_analytics
            .sentence
            .starts_with("When you use our Services, our third party")
    );
    for plan in PLANS {
        let prefilter = Prefilter {
            keep: Some(Box::new(|s: &Statement| s.data == "ip-address")),
            plan,
            ..Prefilter::default()
        };
        let loaded = ShareGraph::load_binary(&v1, &prefilter).unwrap();
        let expected: Vec<&Statement> = all
            .statements
            .iter()
            .filter(|s| s.data == "ip-address")
            .collect();
        assert_eq!(
            loaded.statements.iter().collect::<Vec<_>>(),
            expected,
            "{plan:?}"
        );
    }
    let wps = Prefilter {
        vendor: Some("wps office".to_string()),
        ..Prefilter::default()
    };
    let loaded = ShareGraph::load_binary(&v1, &wps).unwrap();
    assert_eq!(loaded.statements, all.statements);
    // Written again, it is a current file with the same statements.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("graph.sgb");
    write_binary(&all, &path);
    assert_eq!(&std::fs::read(&path).unwrap()[..8], b"SHGBIN02");
    let again = ShareGraph::load_binary(&path, &Prefilter::default()).unwrap();
    assert_eq!(again.statements, all.statements);
}

#[test]
fn a_damaged_bucket_is_an_error_or_other_text_never_a_panic() {
    let graph = seed_graph();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("graph.sgb");
    write_binary(&graph, &path);
    let bytes = std::fs::read(&path).unwrap();
    // The footer names where the buckets start (after the vendors) and where their index is.
    let footer = |i: usize| {
        let at = bytes.len() - 17 * 8 + 8 * i;
        u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap()) as usize
    };
    let (buckets_at, index_at) = (footer(8) + 8 * footer(9), footer(11));
    assert!(buckets_at < index_at);
    let mut errors = 0;
    for at in (buckets_at..index_at).step_by(13) {
        for value in [0u8, 0xff] {
            let mut damaged = bytes.clone();
            damaged[at] = value;
            std::fs::write(&path, &damaged).unwrap();
            let prefilter = Prefilter {
                keep: Some(Box::new(|s: &Statement| s.is_recipient())),
                plan: ReadPlan::Buckets,
                ..Prefilter::default()
            };
            if ShareGraph::load_binary(&path, &prefilter).is_err() {
                errors += 1;
            }
        }
    }
    // Damage to the numbers of a group (lengths, counts, string ids) is found.
    assert!(errors > 0);
    // Read through the columns, the same damaged file is as good as new: the plans read
    // different parts of it.
    let recipients = |plan| Prefilter {
        keep: Some(Box::new(|s: &Statement| s.is_recipient())),
        plan,
        ..Prefilter::default()
    };
    let expected: Vec<&Statement> = graph
        .statements
        .iter()
        .filter(|s| s.is_recipient())
        .collect();
    let loaded = ShareGraph::load_binary(&path, &recipients(ReadPlan::Columns)).unwrap();
    assert_eq!(loaded.statements.iter().collect::<Vec<_>>(), expected);
    std::fs::write(&path, &bytes).unwrap();
    let loaded = ShareGraph::load_binary(&path, &recipients(ReadPlan::Buckets)).unwrap();
    assert_eq!(loaded.statements.iter().collect::<Vec<_>>(), expected);
}

#[test]
fn queries_answer_the_same_from_policies_json_and_binary() {
    let dir = tempfile::tempdir().unwrap();
    sharegraph()
        .args(["build", "data/policies", "-q", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    let json = dir.path().join("graph.json");
    let sgb = dir.path().join("graph.sgb");
    let queries: [&[&str]; 5] = [
        &["who-receives", "ip-address", "--format", "csv"],
        &[
            "who-receives",
            "email-address",
            "--broader",
            "--vendor",
            "wps office",
        ],
        &["party", "Google"],
        &["vendor", "Apowersoft", "--role", "payment"],
        &["negatives", "--format", "json"],
    ];
    for q in queries {
        let answer = |input: &Path| {
            sharegraph()
                .args(q)
                .arg(input)
                .assert()
                .success()
                .get_output()
                .stdout
                .clone()
        };
        let from_policies = answer(&seeds());
        assert!(!from_policies.is_empty());
        assert!(answer(&json) == from_policies, "{q:?} from graph.json");
        assert!(answer(&sgb) == from_policies, "{q:?} from graph.sgb");
    }
}
