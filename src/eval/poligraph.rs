//! Comparison with PoliGraph's output on the same policies: which (policy, data type) pairs each
//! system says go to a third party. PoliGraph is not ground truth; the disagreements are listed
//! with the evidence of each side so a person can tell who is right.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;

use crate::document;
use crate::extract::{self, Statement};
use crate::lexicon::Lexicon;

/// PoliGraph's data types and the taxonomy category each corresponds to.
pub const TYPES: [(&str, &str); 11] = [
    ("email address", "email-address"),
    ("person name", "name"),
    ("geographical location", "location"),
    ("phone number", "phone-number"),
    ("advertising identifier", "advertising-id"),
    ("imei", "imei"),
    ("mac address", "mac-address"),
    ("serial number", "serial-number"),
    ("sim serial number", "sim-serial-number"),
    ("router ssid", "router-ssid"),
    ("android id", "android-id"),
];

#[derive(Debug, thiserror::Error)]
pub enum PoligraphError {
    #[error("{path}: {message}")]
    Anchors { path: String, message: String },
    #[error("{0}: cannot read policy directory")]
    Policies(String),
}

/// One (policy, data type) pair with what each side says about it.
#[derive(Debug, Clone, Serialize)]
pub struct Pair {
    pub policy: String,
    pub data_type: String,
    /// PoliGraph's evidence text, if it found the pair.
    pub poligraph: Option<String>,
    /// sharegraph's evidence: "party: sentence", if it found the pair.
    pub sharegraph: Vec<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct PoligraphReport {
    pub policies: usize,
    pub both: Vec<Pair>,
    pub poligraph_only: Vec<Pair>,
    pub sharegraph_only: Vec<Pair>,
}

/// The number before the first `_` of an app id or file name ("001_Threads.html" → 1).
fn number(name: &str) -> Option<u32> {
    name.split('_').next()?.trim().parse().ok()
}

fn read_anchors(path: &Path) -> Result<BTreeMap<(u32, String), String>, PoligraphError> {
    let err = |message: String| PoligraphError::Anchors {
        path: path.display().to_string(),
        message,
    };
    let mut reader = csv::Reader::from_path(path).map_err(|e| err(e.to_string()))?;
    let mut out = BTreeMap::new();
    for record in reader.records() {
        let r = record.map_err(|e| err(e.to_string()))?;
        let (Some(app), Some(entity), Some(datatype), Some(text)) =
            (r.get(0), r.get(1), r.get(2), r.get(3))
        else {
            return Err(err(
                "expected columns app_id,entity,datatype,text".to_string()
            ));
        };
        if entity != "3rd-party" {
            continue;
        }
        if let Some(n) = number(app) {
            out.insert((n, datatype.to_string()), text.to_string());
        }
    }
    Ok(out)
}

/// The PoliGraph data type a recipient statement counts for, if any.
fn data_type(lexicon: &Lexicon, s: &Statement) -> Option<&'static str> {
    TYPES
        .iter()
        .find(|(_, category)| lexicon.is_within(&s.data, category))
        .map(|(t, _)| *t)
}

/// Extract every policy of `policies` and compare with PoliGraph's third-party pairs in `anchors`.
pub fn compare(
    anchors: &Path,
    policies: &Path,
    lexicon: &Lexicon,
) -> Result<PoligraphReport, PoligraphError> {
    let theirs = read_anchors(anchors)?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(policies)
        .map_err(|_| PoligraphError::Policies(policies.display().to_string()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    files.sort();
    let ours: Vec<(u32, String, BTreeMap<String, Vec<String>>)> = files
        .par_iter()
        .filter_map(|path| {
            let name = path.file_name()?.to_string_lossy().into_owned();
            let n = number(&name)?;
            let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
            if let Ok(doc) = document::load(path, None) {
                for s in extract::extract(&doc, lexicon, None)
                    .statements
                    .iter()
                    .filter(|s| s.is_recipient())
                {
                    if let Some(t) = data_type(lexicon, s) {
                        let evidence = format!("{}: {}", s.party, s.sentence);
                        let list = found.entry(t.to_string()).or_default();
                        if !list.contains(&evidence) && list.len() < 3 {
                            list.push(evidence);
                        }
                    }
                }
            }
            Some((n, name, found))
        })
        .collect();
    let mut report = PoligraphReport {
        policies: ours.len(),
        ..Default::default()
    };
    let known: BTreeSet<u32> = ours.iter().map(|(n, _, _)| *n).collect();
    for (n, name, found) in &ours {
        for (t, _) in TYPES {
            let theirs = theirs.get(&(*n, t.to_string()));
            let mine = found.get(t);
            let pair = Pair {
                policy: name.clone(),
                data_type: t.to_string(),
                poligraph: theirs.cloned(),
                sharegraph: mine.cloned().unwrap_or_default(),
            };
            match (theirs.is_some(), mine.is_some()) {
                (true, true) => report.both.push(pair),
                (true, false) => report.poligraph_only.push(pair),
                (false, true) => report.sharegraph_only.push(pair),
                (false, false) => {}
            }
        }
    }
    // Pairs of policies PoliGraph saw that are not in the directory count as PoliGraph-only.
    for ((n, t), text) in &theirs {
        if !known.contains(n) {
            report.poligraph_only.push(Pair {
                policy: format!("{n} (missing)"),
                data_type: t.clone(),
                poligraph: Some(text.clone()),
                sharegraph: Vec::new(),
            });
        }
    }
    Ok(report)
}
