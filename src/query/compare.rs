//! Comparisons: contradictions inside one policy, and what changed between two versions.

use foldhash::{HashSet, HashSetExt};
use indexmap::IndexMap;
use serde::Serialize;

use crate::extract::{Action, PartyKind, Polarity, Statement};
use crate::graph::ShareGraph;
use crate::lexicon::Lexicon;

/// A negative and a positive statement of one policy about overlapping data and the same party
/// (a denial towards unspecified "third parties" covers every third party).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Contradiction<'a> {
    pub negative: &'a Statement,
    pub positive: &'a Statement,
}

fn same_side(n: &Statement, p: &Statement) -> bool {
    let first_party = |s: &Statement| s.party_kind == PartyKind::FirstParty;
    match (first_party(n), first_party(p)) {
        // "We do not collect X" against "we collect X".
        (true, true) => n.action == Action::Collect && p.action == Action::Collect,
        // "We do not share X with P" against P receiving X.
        (false, false) => {
            p.is_recipient()
                && matches!(n.action, Action::Disclose | Action::Collect)
                && (n.party == p.party
                    || (n.party_kind == PartyKind::Class && n.role == "unspecified"))
        }
        _ => false,
    }
}

/// Contradictions within each policy of `statements` (a graph's, or one policy's), in policy and
/// negative statement order.
pub fn contradictions<'a>(
    statements: &'a [Statement],
    lexicon: &Lexicon,
) -> Vec<Contradiction<'a>> {
    let mut by_policy: IndexMap<&str, Vec<&Statement>> = IndexMap::new();
    for s in statements {
        by_policy.entry(s.policy.as_str()).or_default().push(s);
    }
    let mut out = Vec::new();
    // The (negative, positive) sentence pairs of the policy already reported: a set per policy,
    // where looking through every contradiction found so far made the search quadratic in the
    // corpus (over 30 s for 10 000 policies).
    let mut seen: HashSet<(usize, usize)> = HashSet::new();
    for statements in by_policy.values() {
        seen.clear();
        for n in statements
            .iter()
            .filter(|s| s.polarity == Polarity::Negative)
        {
            for p in statements
                .iter()
                .filter(|s| s.polarity == Polarity::Positive)
            {
                // Only a positive as specific as the denial contradicts it: "we collect personal
                // information" does not contradict "we do not collect payment information". A denial
                // under a condition ("children") is scoped, not general; so is one for a purpose
                // ("not shared … for marketing") against a positive for another ("shared … for
                // analytics"). A positive with no purpose named may still be for that one.
                let scoped = (!n.condition.is_empty() && n.condition != p.condition)
                    || (!n.purpose.is_empty() && !p.purpose.is_empty() && n.purpose != p.purpose);
                if n.start != p.start
                    && !scoped
                    && same_side(n, p)
                    && lexicon.is_within(&p.data, &n.data)
                    && seen.insert((n.start, p.start))
                {
                    out.push(Contradiction {
                        negative: n,
                        positive: p,
                    });
                }
            }
        }
    }
    out
}

/// A fact present on one side only, with the statements that say it there.
#[derive(Debug, Clone, Serialize)]
pub struct Change<'a> {
    /// What changed: a recipient, a data category, "recipient ← data", or a purpose.
    pub what: String,
    pub kind: &'static str,
    /// `added` (only in the new version) or `removed` (only in the old).
    pub change: &'static str,
    pub evidence: Vec<&'a Statement>,
}

/// What changed from `old` to `new`: recipients, recipient–data flows, data categories and
/// purposes, each with the evidence of the side it is on.
pub fn diff<'a>(old: &'a ShareGraph, new: &'a ShareGraph) -> Vec<Change<'a>> {
    type Keyed<'a> = IndexMap<(&'static str, String), Vec<&'a Statement>>;
    fn facts(graph: &ShareGraph) -> Keyed<'_> {
        let mut keyed: Keyed = IndexMap::new();
        for s in graph
            .statements
            .iter()
            .filter(|s| s.polarity == Polarity::Positive)
        {
            let mut keys = vec![("data", s.data.to_string())];
            if s.is_recipient() {
                keys.push(("recipient", s.party.to_string()));
                keys.push(("flow", format!("{} ← {}", s.party, s.data)));
            }
            if !s.purpose.is_empty() {
                keys.push(("purpose", s.purpose.to_string()));
            }
            for k in keys {
                let evidence = keyed.entry(k).or_default();
                if !evidence
                    .iter()
                    .any(|e| e.start == s.start && e.policy == s.policy)
                {
                    evidence.push(s);
                }
            }
        }
        keyed
    }
    let (before, after) = (facts(old), facts(new));
    let mut out = Vec::new();
    for (side, this, other) in [("removed", &before, &after), ("added", &after, &before)] {
        for ((kind, what), evidence) in this {
            if !other.contains_key(&(*kind, what.clone())) {
                out.push(Change {
                    what: what.clone(),
                    kind,
                    change: side,
                    evidence: evidence.clone(),
                });
            }
        }
    }
    let order = |k: &str| {
        ["recipient", "flow", "data", "purpose"]
            .iter()
            .position(|x| *x == k)
    };
    out.sort_by_key(|c| (order(c.kind), c.change != "added"));
    out
}
