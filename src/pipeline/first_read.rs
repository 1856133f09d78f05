//! Which input of a run each policy was first read from, so that a policy met again is counted
//! once: the graph.json and graph.sgb of one build (`sharegraph who-receives … out/*`), a saved
//! graph and a policy file it was built from, one shard's graph given twice. Each of these counted
//! the policy's statements twice in every answer, and `contradictions` set a policy against its
//! own copy.
//!
//! A policy is known by its name, as statements carry it (`policy`): two different policies
//! under one name could not be told apart in any output, so the later one is left out too, and
//! the warning names both inputs. It does not read or extract anything itself.

use std::collections::{HashMap, HashSet};

use crate::graph::{NodeKind, ShareGraph};
use crate::lexicon::Lexicon;

/// The policies a run has read, by name, and the input each came from.
#[derive(Debug, Default)]
pub struct FirstRead {
    from: HashMap<String, String>,
}

/// The policies of one input that earlier inputs had read, for its warning.
#[derive(Debug, Default)]
pub struct Repeated {
    names: Vec<String>,
    /// The input that read the first of them, and whether it read them all.
    first_from: String,
    others_too: bool,
}

impl FirstRead {
    /// Whether `policy` is new to the run (or was read from this same `input`); if so it is
    /// now read from `input`, else it is noted in `repeated`.
    pub fn claim(&mut self, policy: &str, input: &str, repeated: &mut Repeated) -> bool {
        match self.from.get(policy) {
            Some(from) if from != input => {
                if repeated.names.is_empty() {
                    repeated.first_from.clone_from(from);
                } else if *from != repeated.first_from {
                    repeated.others_too = true;
                }
                repeated.names.push(policy.to_string());
                false
            }
            Some(_) => true,
            None => {
                self.from.insert(policy.to_string(), input.to_string());
                true
            }
        }
    }

    /// Whether the policy of a policy file is new to the run, asked once the run's saved
    /// graphs have all been claimed (every command reads them first); if not, `warn` gets the
    /// warning. The policy is not remembered: the names of a run's policy files are distinct
    /// ([`crate::pipeline::expand`] reads a file reached twice once and tells apart files of
    /// the same name), so only a saved graph's policy can come again. Remembering them all was
    /// 0.4 KB a policy that `statements` held to the end (125 MB instead of 106 MB for 50 000).
    pub fn claim_file(&self, policy: &str, input: &str, warn: impl FnOnce(&str)) -> bool {
        // Only saved graphs are remembered, and a policy file is no saved graph: an entry is
        // always another input's.
        let Some(from) = self.from.get(policy) else {
            return true;
        };
        let repeated = Repeated {
            names: vec![policy.to_string()],
            first_from: from.clone(),
            others_too: false,
        };
        if let Some(w) = repeated.warning(input) {
            warn(&w);
        }
        false
    }

    /// The saved graph read from `input` without the policies earlier inputs read; `warn`
    /// gets the warning that names them, if any was left out.
    pub fn keep_new(
        &mut self,
        input: &str,
        graph: ShareGraph,
        lexicon: &Lexicon,
        warn: impl FnOnce(&str),
    ) -> ShareGraph {
        let mut repeated = Repeated::default();
        let mut left_out = HashSet::new();
        for vendor in graph.node_list().filter(|n| n.kind == NodeKind::Vendor) {
            for policy in &vendor.policies {
                if !self.claim(policy, input, &mut repeated) {
                    left_out.insert(policy.clone());
                }
            }
        }
        if left_out.is_empty() {
            return graph;
        }
        if let Some(w) = repeated.warning(input) {
            warn(&w);
        }
        let mut kept = ShareGraph::new();
        kept.merge_policies(graph, lexicon, |p| !left_out.contains(p));
        kept
    }
}

impl Repeated {
    /// "INPUT: 2 policies already read from FIRST (a.md, b.md): counted once, from there".
    pub fn warning(&self, input: &str) -> Option<String> {
        const NAMED: usize = 3;
        let (n, first) = (self.names.len(), self.names.first()?);
        let names = if n == 1 {
            format!("policy {first} already read")
        } else {
            let shown = self.names[..n.min(NAMED)].join(", ");
            let more = if n > NAMED { ", …" } else { "" };
            format!("{n} policies already read ({shown}{more})")
        };
        let others = if self.others_too { " and others" } else { "" };
        Some(format!(
            "{input}: {names} from {}{others}: counted once, from there",
            self.first_from
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_policy_is_claimed_by_the_first_input_that_reads_it() {
        let mut read = FirstRead::default();
        let mut repeated = Repeated::default();
        assert!(read.claim("a.md", "one/graph.json", &mut repeated));
        assert!(read.claim("a.md", "one/graph.json", &mut repeated));
        assert!(read.claim("b.md", "one/graph.json", &mut repeated));
        assert_eq!(repeated.warning("one/graph.json"), None);
        let mut again = Repeated::default();
        assert!(!read.claim("a.md", "one/graph.sgb", &mut again));
        assert!(read.claim("c.md", "one/graph.sgb", &mut again));
        assert_eq!(
            again.warning("one/graph.sgb").as_deref(),
            Some(
                "one/graph.sgb: policy a.md already read from one/graph.json: counted once, from there"
            )
        );
        for p in ["b.md", "x.md", "y.md", "z.md"] {
            read.claim(p, "two", &mut Repeated::default());
        }
        let mut many = Repeated::default();
        for p in ["b.md", "x.md", "y.md", "z.md", "new.md"] {
            read.claim(p, "three", &mut many);
        }
        assert_eq!(
            many.warning("three").as_deref(),
            Some(
                "three: 4 policies already read (b.md, x.md, y.md, …) from one/graph.json and others: counted once, from there"
            )
        );
    }

    #[test]
    fn a_policy_file_is_checked_against_the_saved_graphs_read_before_it() {
        let mut read = FirstRead::default();
        read.claim("a.md", "out/graph.sgb", &mut Repeated::default());
        let mut warnings = Vec::new();
        assert!(!read.claim_file("a.md", "corpus/a.md", |w| warnings.push(w.to_string())));
        assert!(read.claim_file("b.md", "corpus/b.md", |w| warnings.push(w.to_string())));
        assert_eq!(
            warnings,
            ["corpus/a.md: policy a.md already read from out/graph.sgb: counted once, from there"]
        );
        // Policy files are not remembered (their names are distinct within a run).
        assert_eq!(read.from.len(), 1);
    }
}
