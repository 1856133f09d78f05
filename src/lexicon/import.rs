//! Importing named parties from public tracker and company lists.
//!
//! Reads a file, recognises its format from its content (not its name) and maps every tracker or
//! company in it to a [`Party`]: canonical name, aliases, role (the list's category mapped to the
//! lexicon's role vocabulary), parent company where the list says so, and main domain. Supported:
//!
//! - Exodus Privacy tracker lists (`trackers.json` from the API, `exodus_trackers_full.json`);
//! - DuckDuckGo Tracker Radar / blocklists: the web TDS (`web-extension-tds-v6.json`, its `entities`
//!   and `trackers`), the Android app TDS (`app-android-tds.json`) and single Tracker Radar entity files;
//! - Disconnect `services.json` and `entities.json`;
//! - the lexicon's own `parties.csv`.
//!
//! The result is meant for [`Lexicon::add_parties`](super::Lexicon::add_parties) or for review before it
//! is added to `data/lexicon/parties.csv`. Names that are also common English words are marked
//! ambiguous from a short built-in word list; the lists themselves do not say.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use serde_json::{Map, Value};

use super::{LexiconError, Party};

/// A list format [`parse_parties`] recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    /// Exodus Privacy: `{"trackers": {"1": {"name", "website", "categories", "code_signature"…}}}`.
    Exodus,
    /// DuckDuckGo web TDS: `{"trackers": {domain: {"owner"…}}, "entities": {name: {"displayName", "domains"}}}`.
    DuckDuckGoTds,
    /// DuckDuckGo Android app TDS: `{"trackers": {domain: {"owner"…}}, "packageNames": …}`.
    DuckDuckGoAppTds,
    /// One DuckDuckGo Tracker Radar entity file: `{"name", "displayName", "properties"}`.
    DuckDuckGoEntity,
    /// Disconnect `services.json`: `{"categories": {category: [{name: {url: [domains]}}]}}`.
    DisconnectServices,
    /// Disconnect `entities.json`: `{"entities": {name: {"properties", "resources"}}}`.
    DisconnectEntities,
    /// The lexicon's own `parties.csv`.
    PartiesCsv,
}

/// Why a party list could not be imported. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{file}: cannot read: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}:{line}:{column}: malformed JSON: {message}")]
    Json {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{file}: unrecognised party list format: {detail}")]
    UnrecognisedFormat { file: String, detail: String },
    #[error(transparent)]
    Csv(#[from] LexiconError),
}

/// Read a party list and map its entries to parties, detecting the format from the content.
pub fn load_parties_file(path: &Path) -> Result<Vec<Party>, ImportError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| ImportError::Io {
        file: file.clone(),
        source,
    })?;
    parse_parties(&file, &text).map(|(_, parties)| parties)
}

/// Map the text of a party list to parties; `file` is only used in errors.
pub fn parse_parties(file: &str, text: &str) -> Result<(ImportFormat, Vec<Party>), ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        let value: Value = serde_json::from_str(text).map_err(|e| ImportError::Json {
            file: file.to_string(),
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        let format = detect_json(&value).ok_or_else(|| ImportError::UnrecognisedFormat {
            file: file.to_string(),
            detail: describe_json(&value),
        })?;
        let parties = match format {
            ImportFormat::Exodus => exodus(&value),
            ImportFormat::DuckDuckGoTds => ddg_tds(&value),
            ImportFormat::DuckDuckGoAppTds => ddg_app_tds(&value),
            ImportFormat::DuckDuckGoEntity => ddg_entity(&value),
            ImportFormat::DisconnectServices => disconnect_services(&value),
            ImportFormat::DisconnectEntities => disconnect_entities(&value),
            ImportFormat::PartiesCsv => Vec::new(),
        };
        return Ok((format, finish(parties)));
    }
    let header = trimmed.lines().next().unwrap_or("");
    let columns: Vec<String> = header
        .split(',')
        .map(|c| c.trim().trim_matches('"').to_ascii_lowercase())
        .collect();
    if ["name", "aliases", "role"]
        .iter()
        .all(|c| columns.iter().any(|h| h == c))
    {
        let parties = super::load::read_parties(file, text)?;
        return Ok((ImportFormat::PartiesCsv, parties));
    }
    let shown: String = header.chars().take(80).collect();
    Err(ImportError::UnrecognisedFormat {
        file: file.to_string(),
        detail: if shown.is_empty() {
            "the file is empty".to_string()
        } else {
            format!("neither JSON nor a parties.csv header (first line: {shown:?})")
        },
    })
}

fn detect_json(value: &Value) -> Option<ImportFormat> {
    let obj = match value {
        Value::Object(obj) => obj,
        // A bare array of Exodus trackers.
        Value::Array(items) if items.iter().any(is_exodus_tracker) => {
            return Some(ImportFormat::Exodus);
        }
        _ => return None,
    };
    if let Some(trackers) = obj.get("trackers") {
        let mut entries: Box<dyn Iterator<Item = &Value>> = match trackers {
            Value::Object(map) => Box::new(map.values()),
            Value::Array(items) => Box::new(items.iter()),
            _ => Box::new(std::iter::empty()),
        };
        if let Some(first) = entries.next() {
            if is_exodus_tracker(first) {
                return Some(ImportFormat::Exodus);
            }
            if first.get("owner").is_some() {
                return Some(if obj.contains_key("packageNames") {
                    ImportFormat::DuckDuckGoAppTds
                } else {
                    ImportFormat::DuckDuckGoTds
                });
            }
        }
    }
    if obj.get("categories").is_some_and(|c| {
        c.as_object()
            .is_some_and(|m| m.values().all(Value::is_array))
    }) {
        return Some(ImportFormat::DisconnectServices);
    }
    if let Some(Value::Object(entities)) = obj.get("entities") {
        let first = entities.values().next();
        if first.is_some_and(|e| e.get("properties").is_some() || e.get("resources").is_some()) {
            return Some(ImportFormat::DisconnectEntities);
        }
        if first.is_some_and(|e| e.get("domains").is_some() || e.get("displayName").is_some()) {
            return Some(ImportFormat::DuckDuckGoTds);
        }
    }
    if obj.get("name").is_some_and(Value::is_string)
        && (obj.get("properties").is_some() || obj.get("displayName").is_some())
    {
        return Some(ImportFormat::DuckDuckGoEntity);
    }
    None
}

fn is_exodus_tracker(v: &Value) -> bool {
    v.get("name").is_some_and(Value::is_string)
        && (v.get("code_signature").is_some() || v.get("network_signature").is_some())
}

fn describe_json(value: &Value) -> String {
    match value {
        Value::Object(obj) => {
            let keys: Vec<&str> = obj.keys().take(8).map(String::as_str).collect();
            format!("a JSON object with keys {keys:?}")
        }
        Value::Array(items) => format!("a JSON array of {} items", items.len()),
        other => format!("a JSON {}", type_name(other)),
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn str_field<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn strings(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(Value::as_str)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default()
}

/// `https://www.example.com/x` → `example.com`.
fn host_of(url: &str) -> Option<String> {
    let rest = url.split("://").nth(1).unwrap_or(url);
    let host = rest
        .split(['/', '?', '#', ':'])
        .next()?
        .trim()
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    Some(host).filter(|h| h.contains('.') && !h.contains(' '))
}

/// `ads.eu.example.co.uk` → `example.co.uk`, `sdk.example.com` → `example.com` (crude public-suffix rule).
fn registrable(domain: &str) -> String {
    let labels: Vec<&str> = domain.trim_matches('.').split('.').collect();
    if labels.len() <= 2 {
        return labels.join(".");
    }
    let n = labels.len();
    let second = labels[n - 2];
    let keep = if labels[n - 1].len() == 2
        && ["co", "com", "net", "org", "ac", "gov", "ne", "or"].contains(&second)
    {
        3
    } else {
        2
    };
    labels[n - keep..].join(".")
}

/// Common English words that are also company names: such names need a company context to match.
const COMMON_WORDS: &[&str] = &[
    "adjust",
    "affirm",
    "airship",
    "alloy",
    "amazon",
    "answers",
    "apple",
    "attentive",
    "bandwidth",
    "batch",
    "beacon",
    "block",
    "bold",
    "box",
    "branch",
    "button",
    "clear",
    "clover",
    "crisp",
    "discord",
    "discover",
    "display",
    "drift",
    "elastic",
    "embrace",
    "enhance",
    "fabric",
    "fingerprint",
    "front",
    "greenhouse",
    "heap",
    "honey",
    "impact",
    "indeed",
    "inside",
    "insider",
    "keen",
    "kit",
    "lark",
    "lever",
    "liftoff",
    "lightspeed",
    "loop",
    "magic",
    "make",
    "marigold",
    "match",
    "medium",
    "metrics",
    "mint",
    "mode",
    "notion",
    "optimize",
    "paddle",
    "persona",
    "piano",
    "places",
    "plaid",
    "plausible",
    "postmark",
    "prove",
    "pulse",
    "radar",
    "reveal",
    "render",
    "segment",
    "sift",
    "signal",
    "singular",
    "smart",
    "snap",
    "snowflake",
    "split",
    "spot",
    "sprint",
    "square",
    "steam",
    "stream",
    "swirl",
    "target",
    "telegram",
    "threads",
    "trace",
    "tune",
    "unity",
    "valve",
    "vibes",
    "visa",
    "wise",
    "zoom",
    "ketch",
    "acoustic",
];

fn is_common_word(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    COMMON_WORDS.contains(&lower.as_str())
}

fn party(
    name: &str,
    aliases: Vec<String>,
    role: &str,
    parent: Option<String>,
    domain: Option<String>,
) -> Party {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    Party {
        ambiguous: is_common_word(&name),
        name,
        aliases,
        role: role.to_string(),
        parent,
        domain,
    }
}

/// Split "Braze (formerly Appboy)" into a name, aliases and a parent.
fn split_parenthetical(raw: &str) -> (String, Vec<String>, Option<String>) {
    let raw = raw.trim();
    let Some(open) = raw.find('(') else {
        return (raw.to_string(), Vec::new(), None);
    };
    let close = raw[open..].find(')').map_or(raw.len(), |i| open + i);
    let name = raw[..open].trim().to_string();
    let inner = raw[open + 1..close].trim();
    let lower = inner.to_ascii_lowercase();
    let mut aliases = Vec::new();
    let mut parent = None;
    for prefix in ["acquired by ", "bought by ", "owned by ", "part of "] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            parent = Some(inner[inner.len() - rest.len()..].trim().to_string());
        }
    }
    if parent.is_none() {
        if let Some(rest) = lower.strip_prefix("formerly ") {
            aliases.push(inner[inner.len() - rest.len()..].trim().to_string());
        } else if (lower.starts_with("a ") || lower.starts_with("an "))
            && lower.ends_with(" company")
        {
            let start = inner.find(' ').map_or(0, |i| i + 1);
            parent = Some(
                inner[start..inner.len() - " company".len()]
                    .trim()
                    .to_string(),
            );
        } else if !inner.contains(',') && !lower.contains(" and ") && !inner.is_empty() {
            aliases.push(inner.to_string());
        }
    }
    if name.is_empty() {
        return (raw.to_string(), Vec::new(), None);
    }
    (
        name,
        aliases.into_iter().filter(|a| !a.is_empty()).collect(),
        parent.filter(|p| !p.is_empty()),
    )
}

/// Exodus categories → role. The most specific category wins.
fn exodus_role(categories: &[String]) -> &'static str {
    let has = |c: &str| categories.iter().any(|x| x.eq_ignore_ascii_case(c));
    if has("Crash reporting") {
        "crash-reporting"
    } else if has("Advertisement") {
        "advertising"
    } else if has("Analytics") {
        "analytics"
    } else if has("Location") {
        "maps"
    } else if has("Identification") {
        "authentication"
    } else if has("Profiling") {
        "advertising"
    } else {
        "other"
    }
}

fn exodus(value: &Value) -> Vec<Party> {
    let entries: Vec<&Value> = match value.get("trackers").unwrap_or(value) {
        Value::Object(map) => map.values().collect(),
        Value::Array(items) => items.iter().collect(),
        _ => Vec::new(),
    };
    let mut out = Vec::new();
    for t in entries {
        let Some(raw) = str_field(t, "name") else {
            continue;
        };
        let (name, aliases, parent) = split_parenthetical(raw);
        let categories = strings(t.get("categories"));
        let domain = str_field(t, "website").and_then(host_of);
        out.push(party(
            &name,
            aliases,
            exodus_role(&categories),
            parent,
            domain,
        ));
    }
    out
}

/// DuckDuckGo tracker categories → role, in order of preference when an entity's trackers disagree.
const DDG_ROLES: [(&str, &str); 20] = [
    ("Online Payment", "payment"),
    ("Federated Login", "authentication"),
    ("SSO", "authentication"),
    ("Support Chat Widget", "customer-support"),
    ("Ad Fraud", "fraud-prevention"),
    ("Session Replay", "analytics"),
    ("Audience Measurement", "analytics"),
    ("Analytics", "analytics"),
    ("Third-Party Analytics Marketing", "analytics"),
    ("Tag Manager", "analytics"),
    ("Advertising", "advertising"),
    ("Ad Motivated Tracking", "advertising"),
    ("Action Pixels", "advertising"),
    ("Social Network", "social-network"),
    ("Social - Share", "social-network"),
    ("Social - Comment", "social-network"),
    ("Content Delivery", "cdn"),
    ("CDN", "cdn"),
    ("Embedded Content", "other"),
    ("Badge", "other"),
];

/// The role most of an entity's tracker categories point to.
fn vote_role(counts: &HashMap<&'static str, usize>) -> &'static str {
    let mut best: Option<(&'static str, usize, usize)> = None;
    for (rank, (_, role)) in DDG_ROLES.iter().enumerate() {
        let n = counts.get(role).copied().unwrap_or(0);
        if n > 0 && best.is_none_or(|(_, bn, brank)| n > bn || (n == bn && rank < brank)) {
            best = Some((role, n, rank));
        }
    }
    best.map_or("other", |(role, _, _)| role)
}

fn ddg_tracker_roles(value: &Value) -> HashMap<String, HashMap<&'static str, usize>> {
    let mut roles: HashMap<String, HashMap<&'static str, usize>> = HashMap::new();
    if let Some(Value::Object(trackers)) = value.get("trackers") {
        for t in trackers.values() {
            let Some(owner) = t.get("owner").and_then(|o| str_field(o, "name")) else {
                continue;
            };
            let counts = roles.entry(owner.to_string()).or_default();
            for c in strings(t.get("categories")) {
                if let Some((_, role)) = DDG_ROLES
                    .iter()
                    .find(|(cat, _)| cat.eq_ignore_ascii_case(&c))
                {
                    *counts.entry(role).or_default() += 1;
                }
            }
        }
    }
    roles
}

/// The entity's domain that looks like its name, else its first domain.
fn main_domain(display: &str, domains: &[String]) -> Option<String> {
    let key: String = display
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    domains
        .iter()
        .find(|d| {
            !key.is_empty()
                && d.split('.')
                    .next()
                    .is_some_and(|label| label.replace('-', "") == key)
        })
        .or_else(|| domains.first())
        .map(|d| d.to_ascii_lowercase())
}

fn named_entity(legal: &str, display: Option<&str>, role: &str, domains: &[String]) -> Party {
    let display = display.unwrap_or(legal);
    let aliases = if legal != display {
        vec![legal.to_string()]
    } else {
        Vec::new()
    };
    party(display, aliases, role, None, main_domain(display, domains))
}

fn ddg_tds(value: &Value) -> Vec<Party> {
    let roles = ddg_tracker_roles(value);
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    if let Some(Value::Object(entities)) = value.get("entities") {
        for (legal, e) in entities {
            let domains = strings(e.get("domains"));
            let role = roles.get(legal).map_or("other", vote_role);
            out.push(named_entity(
                legal,
                str_field(e, "displayName"),
                role,
                &domains,
            ));
            seen.insert(legal.clone());
        }
    }
    // Owners of trackers the entity table does not list.
    out.extend(tracker_owners(value, &roles, &seen));
    out
}

fn ddg_app_tds(value: &Value) -> Vec<Party> {
    let roles = ddg_tracker_roles(value);
    tracker_owners(value, &roles, &HashSet::new())
}

fn tracker_owners(
    value: &Value,
    roles: &HashMap<String, HashMap<&'static str, usize>>,
    seen: &HashSet<String>,
) -> Vec<Party> {
    let mut owners: BTreeMap<String, (Option<String>, Vec<String>)> = BTreeMap::new();
    if let Some(Value::Object(trackers)) = value.get("trackers") {
        for (domain, t) in trackers {
            let Some(owner) = t.get("owner") else {
                continue;
            };
            let Some(legal) = str_field(owner, "name") else {
                continue;
            };
            if seen.contains(legal) {
                continue;
            }
            let entry = owners.entry(legal.to_string()).or_default();
            if entry.0.is_none() {
                entry.0 = str_field(owner, "displayName").map(str::to_string);
            }
            let d = registrable(str_field(t, "domain").unwrap_or(domain));
            if !entry.1.contains(&d) {
                entry.1.push(d);
            }
        }
    }
    owners
        .into_iter()
        .map(|(legal, (display, domains))| {
            let role = roles.get(&legal).map_or("other", vote_role);
            named_entity(&legal, display.as_deref(), role, &domains)
        })
        .collect()
}

fn ddg_entity(value: &Value) -> Vec<Party> {
    let Some(legal) = str_field(value, "name") else {
        return Vec::new();
    };
    let domains = strings(value.get("properties"));
    vec![named_entity(
        legal,
        str_field(value, "displayName"),
        "other",
        &domains,
    )]
}

/// Disconnect categories → role, in order of preference for services listed in several categories.
const DISCONNECT_ROLES: [(&str, &str); 11] = [
    ("Advertising", "advertising"),
    ("Analytics", "analytics"),
    ("Social", "social-network"),
    ("Anti-fraud", "fraud-prevention"),
    ("ConsentManagers", "consent-management"),
    ("Email", "marketing"),
    ("EmailAggressive", "marketing"),
    ("Content", "other"),
    ("FingerprintingInvasive", "advertising"),
    ("FingerprintingGeneral", "analytics"),
    ("Cryptomining", "other"),
];

fn disconnect_services(value: &Value) -> Vec<Party> {
    let Some(Value::Object(categories)) = value.get("categories") else {
        return Vec::new();
    };
    // name → (best rank, role, domain)
    let mut services: BTreeMap<String, (usize, &'static str, Option<String>)> = BTreeMap::new();
    for (category, items) in categories {
        let (rank, role) = DISCONNECT_ROLES
            .iter()
            .enumerate()
            .find(|(_, (c, _))| c.eq_ignore_ascii_case(category))
            .map_or((DISCONNECT_ROLES.len(), "other"), |(i, (_, r))| (i, *r));
        for item in items.as_array().into_iter().flatten() {
            let Some(obj) = item.as_object() else {
                continue;
            };
            for (name, urls) in obj {
                let domain = first_disconnect_domain(urls);
                let entry =
                    services
                        .entry(name.trim().to_string())
                        .or_insert((rank, role, domain.clone()));
                if rank < entry.0 {
                    *entry = (rank, role, domain.or(entry.2.take()));
                }
            }
        }
    }
    services
        .into_iter()
        .filter(|(name, _)| !name.is_empty())
        .map(|(name, (_, role, domain))| party(&name, Vec::new(), role, None, domain))
        .collect()
}

/// `{"https://example.com/": ["example.com", "cdn.example.net"], "session-replay": "true"}` → the homepage host.
fn first_disconnect_domain(urls: &Value) -> Option<String> {
    let obj: &Map<String, Value> = urls.as_object()?;
    for (url, domains) in obj {
        if url.starts_with("http") {
            return host_of(url).or_else(|| strings(Some(domains)).first().cloned());
        }
    }
    None
}

fn disconnect_entities(value: &Value) -> Vec<Party> {
    let Some(Value::Object(entities)) = value.get("entities") else {
        return Vec::new();
    };
    entities
        .iter()
        .filter(|(name, _)| !name.trim().is_empty())
        .map(|(name, e)| {
            let mut domains = strings(e.get("properties"));
            domains.extend(strings(e.get("resources")));
            party(
                name.trim(),
                Vec::new(),
                "other",
                None,
                main_domain(name, &domains),
            )
        })
        .collect()
}

/// Merge entries with the same name (case-insensitive) and drop aliases another party already uses.
fn finish(parties: Vec<Party>) -> Vec<Party> {
    let mut out: Vec<Party> = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for p in parties {
        if p.name.is_empty() {
            continue;
        }
        match by_name.get(&p.name.to_lowercase()) {
            Some(&i) => {
                let existing = &mut out[i];
                for a in p.aliases {
                    if !existing.aliases.iter().any(|x| x.eq_ignore_ascii_case(&a)) {
                        existing.aliases.push(a);
                    }
                }
                if existing.role == "other" {
                    existing.role = p.role;
                }
                existing.parent = existing.parent.take().or(p.parent);
                existing.domain = existing.domain.take().or(p.domain);
            }
            None => {
                by_name.insert(p.name.to_lowercase(), out.len());
                out.push(p);
            }
        }
    }
    let mut owner: HashMap<String, usize> = out
        .iter()
        .enumerate()
        .map(|(i, p)| (p.name.to_lowercase(), i))
        .collect();
    for (i, p) in out.iter_mut().enumerate() {
        let name = p.name.to_lowercase();
        p.aliases.retain(|a| {
            let key = a.to_lowercase();
            if key == name {
                return false;
            }
            match owner.get(&key) {
                Some(&j) => j == i,
                None => {
                    owner.insert(key, i);
                    true
                }
            }
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parentheticals() {
        assert_eq!(
            split_parenthetical("Braze (formerly Appboy)"),
            ("Braze".into(), vec!["Appboy".into()], None)
        );
        assert_eq!(
            split_parenthetical("BlueKai (acquired by Oracle)"),
            ("BlueKai".into(), vec![], Some("Oracle".into()))
        );
        assert_eq!(
            split_parenthetical("Marketo (an Adobe Company)"),
            ("Marketo".into(), vec![], Some("Adobe".into()))
        );
        assert_eq!(
            split_parenthetical("Audience Studio (Krux)"),
            ("Audience Studio".into(), vec!["Krux".into()], None)
        );
        assert_eq!(
            split_parenthetical("AppLovin (MAX and SparkLabs)"),
            ("AppLovin".into(), vec![], None)
        );
        assert_eq!(
            split_parenthetical("Mixpanel"),
            ("Mixpanel".into(), vec![], None)
        );
    }

    #[test]
    fn domains() {
        assert_eq!(
            host_of("https://www.teemo.co/about").as_deref(),
            Some("teemo.co")
        );
        assert_eq!(
            host_of("http://AppsFlyer.com").as_deref(),
            Some("appsflyer.com")
        );
        assert_eq!(host_of("not a url"), None);
        assert_eq!(
            registrable("aax-eu.amazon-adsystem.com"),
            "amazon-adsystem.com"
        );
        assert_eq!(registrable("ads.example.co.uk"), "example.co.uk");
        assert_eq!(
            main_domain("AppsFlyer", &["aflink.com".into(), "appsflyer.com".into()]).as_deref(),
            Some("appsflyer.com")
        );
    }
}
