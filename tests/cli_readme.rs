//! The README's examples are real: every `$ sharegraph …` block of README.md (except `build`, which
//! writes files) is run, and each line shown must appear in its output, in order; `…` marks lines
//! left out. When extraction changes, rerun the command and paste the new excerpt.

mod cli_support;

use cli_support::run;

/// Words of a command line: spaces separate, double quotes group.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let (mut quoted, mut any) = (false, false);
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any || !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
                any = false;
            }
            c => word.push(c),
        }
    }
    if any || !word.is_empty() {
        out.push(word);
    }
    out
}

/// (command line, the lines shown under it) of every example block.
fn examples(readme: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        if !line.starts_with("```") {
            continue;
        }
        let block: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
        if let Some(command) = block.first().and_then(|l| l.strip_prefix("$ sharegraph ")) {
            out.push((
                command.to_string(),
                block[1..].iter().map(|l| l.to_string()).collect(),
            ));
        }
    }
    out
}

#[test]
fn readme_examples_are_real_output() {
    let readme = std::fs::read_to_string(cli_support::root().join("README.md")).unwrap();
    let examples = examples(&readme);
    assert!(examples.len() >= 10, "{} examples", examples.len());
    let mut stale = Vec::new();
    for (command, shown) in &examples {
        let args = words(command);
        if args[0] == "build" {
            continue;
        }
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = run(&args);
        let mut actual = output.lines();
        for line in shown.iter().filter(|l| l.as_str() != "…") {
            if !actual.any(|a| a == line) {
                stale.push(format!(
                    "`sharegraph {command}`: `{line}` is not in the output (or not in this order):\n{output}"
                ));
                break;
            }
        }
    }
    assert!(
        stale.is_empty(),
        "README.md is stale:\n{}",
        stale.join("\n")
    );
}

#[test]
fn words_split_like_a_shell() {
    assert_eq!(
        words(r#"who-receives "IP addresses" data/policies --vendor "wps office""#),
        [
            "who-receives",
            "IP addresses",
            "data/policies",
            "--vendor",
            "wps office"
        ]
    );
}
