//! OPP-115 third-party sharing: per policy, which "Personal Information Types" go to a third
//! party (gold: consolidated pairs with `Does`; predicted: positive recipient statements), and which
//! the policy says do not (`Does Not` against negative statements).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use super::score::{Counts, Scores};
use crate::document::{self, Format};
use crate::extract::{self, Action, PartyKind, Polarity, Statement};
use crate::lexicon::Lexicon;

const PAIRS: &str = "gold/policy_pairs_consolidated_0.75.csv";
const SPANS: &str = "gold/third_party_sharing_consolidated_0.75.jsonl";
const POLICIES: &str = "sanitized_policies";
/// Types the headline leaves out: they say nothing about which data goes where.
const VAGUE_TYPES: [&str; 2] = ["Unspecified", "Other"];

/// A unit of scoring: (information type, entity class or "").
type Unit = (String, String);
/// Predicted and gold units of one policy, for each of the four ways of counting.
type UnitSets = [(BTreeSet<Unit>, BTreeSet<Unit>); 4];

#[derive(Debug, thiserror::Error)]
pub enum Opp115Error {
    #[error("{path}: {message}")]
    Gold { path: String, message: String },
    #[error("{0}: no policies found (expected OPP-115's {POLICIES}/*.html)")]
    NoPolicies(String),
}

/// The corpus on disk.
#[derive(Debug, Clone)]
pub struct Opp115 {
    pub root: PathBuf,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct GoldPair {
    info_type: String,
    entity: String,
    does: bool,
}

/// Scores of one way of counting.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Section {
    pub counts: Counts,
    pub micro: Scores,
    #[serde(rename = "macro")]
    pub macro_avg: Scores,
    pub per_type: Vec<TypeRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TypeRow {
    pub info_type: String,
    pub counts: Counts,
    pub scores: Scores,
}

/// Why a policy's predictions differ from the gold.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PolicyErrors {
    pub policy: String,
    /// Predicted type → the sentences that produced it.
    pub false_positives: BTreeMap<String, Vec<String>>,
    /// Gold type → the annotated spans ("data text" / "party text" / segment).
    pub false_negatives: BTreeMap<String, Vec<String>>,
    /// The same for "does not": types denied by statements the gold does not deny, and types
    /// the gold denies that no statement denies.
    pub negative_false_positives: BTreeMap<String, Vec<String>>,
    pub negative_false_negatives: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Opp115Report {
    pub policies: usize,
    /// All types.
    pub all: Section,
    /// Without "Unspecified" and "Other": the headline.
    pub headline: Section,
    /// Headline types, and the third-party entity class must match too.
    pub with_entity: Section,
    /// "Does Not" pairs against negative statements.
    pub negative: Section,
    pub errors: Vec<PolicyErrors>,
}

/// The OPP-115 entity class a statement's party falls in.
fn entity_class(s: &Statement) -> &'static str {
    match (s.party_kind, s.role.as_str()) {
        (PartyKind::Named, _) => "Named third party",
        (_, "affiliate") => "Other part of company/affiliate",
        (_, "public") => "Public",
        (_, "other-users") => "Other users",
        _ => "Unnamed third party",
    }
}

fn read_gold(root: &Path) -> Result<BTreeMap<String, BTreeSet<GoldPair>>, Opp115Error> {
    let path = root.join(PAIRS);
    let err = |message: String| Opp115Error::Gold {
        path: path.display().to_string(),
        message,
    };
    let mut reader = csv::Reader::from_path(&path).map_err(|e| err(e.to_string()))?;
    let headers = reader.headers().map_err(|e| err(e.to_string()))?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| err(format!("missing column `{name}`")))
    };
    let (p, t, e, d) = (
        col("policy")?,
        col("personal_information_type")?,
        col("third_party_entity")?,
        col("does_or_does_not")?,
    );
    let mut gold: BTreeMap<String, BTreeSet<GoldPair>> = BTreeMap::new();
    for record in reader.records() {
        let r = record.map_err(|e| err(e.to_string()))?;
        let field = |i: usize| r.get(i).unwrap_or_default().to_string();
        gold.entry(field(p)).or_default().insert(GoldPair {
            info_type: field(t),
            entity: field(e),
            does: field(d) == "Does",
        });
    }
    Ok(gold)
}

/// Gold span texts per (policy, type, whether `Does`) of annotations, for explaining false
/// negatives.
fn read_spans(root: &Path) -> BTreeMap<(String, String, bool), Vec<String>> {
    let mut spans: BTreeMap<(String, String, bool), Vec<String>> = BTreeMap::new();
    let Ok(text) = std::fs::read_to_string(root.join(SPANS)) else {
        return spans;
    };
    for line in text.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let does = match v["Does/Does Not"]["value"].as_str() {
            Some("Does") => true,
            Some("Does Not") => false,
            _ => continue,
        };
        let (Some(policy), Some(info_type)) = (
            v["policy"].as_str(),
            v["Personal Information Type"]["value"].as_str(),
        ) else {
            continue;
        };
        let data = v["Personal Information Type"]["text"]
            .as_str()
            .unwrap_or("—");
        let party = v["Third Party Entity"]["text"].as_str().unwrap_or("—");
        let segment = v["segment_text"].as_str().unwrap_or("");
        let segment: String = segment.chars().take(160).collect();
        let entry = spans
            .entry((policy.to_string(), info_type.to_string(), does))
            .or_default();
        let shown = format!("data “{data}” / party “{party}” in: {segment}…");
        if !entry.contains(&shown) && entry.len() < 3 {
            entry.push(shown);
        }
    }
    spans
}

/// The errors of one policy in one section: each type predicted and not in the gold, with up
/// to three of the sentences (`data ARROW party: sentence`) of the statements `counted` that
/// gave it; each type in the gold and not predicted, with its gold spans.
type Explained = (BTreeMap<String, Vec<String>>, BTreeMap<String, Vec<String>>);

fn explain(
    (predicted, gold): &(BTreeSet<Unit>, BTreeSet<Unit>),
    statements: &[Statement],
    counted: impl Fn(&Statement) -> bool,
    arrow: &str,
    spans: impl Fn(&str) -> Vec<String>,
) -> Explained {
    let mut false_positives = BTreeMap::new();
    for (t, _) in predicted.difference(gold) {
        let mut sentences: Vec<String> = statements
            .iter()
            .filter(|s| counted(s) && s.opp115_type == *t)
            .map(|s| format!("{} {arrow} {}: {}", s.data, s.party, s.sentence))
            .collect();
        sentences.dedup();
        sentences.truncate(3);
        false_positives.insert(t.clone(), sentences);
    }
    let false_negatives = gold
        .difference(predicted)
        .map(|(t, _)| (t.clone(), spans(t)))
        .collect();
    (false_positives, false_negatives)
}

fn policy_files(root: &Path) -> Result<Vec<(String, PathBuf)>, Opp115Error> {
    let dir = root.join(POLICIES);
    let mut files: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .map_err(|_| Opp115Error::NoPolicies(dir.display().to_string()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .filter_map(|p| Some((p.file_stem()?.to_string_lossy().into_owned(), p)))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(Opp115Error::NoPolicies(dir.display().to_string()));
    }
    Ok(files)
}

/// Run extraction over the corpus and score it.
pub fn evaluate(root: &Path, lexicon: &Lexicon) -> Result<Opp115Report, Opp115Error> {
    let gold = read_gold(root)?;
    let spans = read_spans(root);
    let files = policy_files(root)?;
    let predicted: Vec<(String, Vec<Statement>)> = files
        .par_iter()
        .map(|(policy, path)| {
            let statements = document::load(path, Some(Format::Html))
                .map(|doc| extract::extract(&doc, lexicon, None).statements)
                .unwrap_or_default();
            (policy.clone(), statements)
        })
        .collect();

    let mut units: BTreeMap<&str, UnitSets> = BTreeMap::new();
    let mut report = Opp115Report {
        policies: files.len(),
        ..Default::default()
    };
    let empty = BTreeSet::new();
    for (policy, statements) in &predicted {
        let gold = gold.get(policy).unwrap_or(&empty);
        let mut sets: UnitSets = Default::default();
        let negative_kind = |s: &Statement| {
            s.polarity == Polarity::Negative
                && (s.action == Action::Disclose
                    || (s.action == Action::Collect && s.party_kind != PartyKind::FirstParty))
        };
        for s in statements.iter().filter(|s| !s.opp115_type.is_empty()) {
            let t = s.opp115_type.to_string();
            if s.is_recipient() {
                sets[0].0.insert((t.clone(), String::new()));
                if !VAGUE_TYPES.contains(&t.as_str()) {
                    sets[1].0.insert((t.clone(), String::new()));
                    sets[2].0.insert((t.clone(), entity_class(s).to_string()));
                }
            } else if negative_kind(s) {
                sets[3].0.insert((t, String::new()));
            }
        }
        for g in gold {
            let t = g.info_type.clone();
            if !g.does {
                sets[3].1.insert((t, String::new()));
                continue;
            }
            sets[0].1.insert((t.clone(), String::new()));
            if !VAGUE_TYPES.contains(&t.as_str()) {
                sets[1].1.insert((t.clone(), String::new()));
                if !["Unspecified", "Other"].contains(&g.entity.as_str()) {
                    sets[2].1.insert((t, g.entity.clone()));
                }
            }
        }
        // Explain the headline's errors.
        let mut errors = PolicyErrors {
            policy: policy.clone(),
            ..Default::default()
        };
        let gold_spans = |t: &str, does: bool| {
            spans
                .get(&(policy.clone(), t.to_string(), does))
                .cloned()
                .unwrap_or_default()
        };
        (errors.false_positives, errors.false_negatives) = explain(
            &sets[1],
            statements,
            |s| s.is_recipient(),
            "→",
            |t| gold_spans(t, true),
        );
        // And those of "does not".
        (
            errors.negative_false_positives,
            errors.negative_false_negatives,
        ) = explain(&sets[3], statements, negative_kind, "↛", |t| {
            gold_spans(t, false)
        });
        let any = [
            &errors.false_positives,
            &errors.false_negatives,
            &errors.negative_false_positives,
            &errors.negative_false_negatives,
        ];
        if any.iter().any(|e| !e.is_empty()) {
            report.errors.push(errors);
        }
        units.insert(policy, sets);
    }
    let section = |i: usize| -> Section {
        let mut total = Counts::default();
        let mut by_type: BTreeMap<String, Counts> = BTreeMap::new();
        for sets in units.values() {
            let (p, g) = &sets[i];
            total.add(Counts::compare(p, g));
            let types: BTreeSet<&String> = p.iter().chain(g.iter()).map(|(t, _)| t).collect();
            for t in types {
                let pt: BTreeSet<&(String, String)> = p.iter().filter(|(x, _)| x == t).collect();
                let gt: BTreeSet<&(String, String)> = g.iter().filter(|(x, _)| x == t).collect();
                by_type
                    .entry(t.clone())
                    .or_default()
                    .add(Counts::compare(&pt, &gt));
            }
        }
        let per_type: Vec<TypeRow> = by_type
            .into_iter()
            .map(|(info_type, counts)| TypeRow {
                info_type,
                counts,
                scores: counts.scores(),
            })
            .collect();
        Section {
            counts: total,
            micro: total.scores(),
            macro_avg: Scores::mean(&per_type.iter().map(|r| r.scores).collect::<Vec<_>>()),
            per_type,
        }
    };
    report.all = section(0);
    report.headline = section(1);
    report.with_entity = section(2);
    report.negative = section(3);
    Ok(report)
}

impl Opp115 {
    pub fn new(root: impl Into<PathBuf>) -> Opp115 {
        Opp115 { root: root.into() }
    }

    pub fn evaluate(&self, lexicon: &Lexicon) -> Result<Opp115Report, Opp115Error> {
        evaluate(&self.root, lexicon)
    }
}
