//! How well does the lexicon know the companies that privacy policies name?
//!
//! Development tool, run from the repository root (needs the shared corpora in `/work/shared`, or
//! `SHAREGRAPH_SHARED=<dir>`):
//!
//! ```text
//! cargo run --release --example lexicon_coverage
//! ```
//!
//! 1. OPP-115: of the distinct real company/product names among the annotated third-party spans
//!    (a reviewed list below; most spans are generic like "advertisers"), the fraction that
//!    `Lexicon::find` resolves to a named party inside its span.
//! 2. apps-2024: capitalised names found after "such as", "including", "e.g.", sharing verbs and
//!    prepositions, kept as real names when a public tracker/company list knows them (Exodus,
//!    Ghostery, Disconnect, DuckDuckGo, X-Ray), minus the app's own name and common words; the
//!    fraction resolved to a party in context.
//! 3. The 30 most frequent party matches over all apps-2024 texts.
//! 4. Lexicon load + matcher build time.
//!
//! `SHAREGRAPH_LEXICON=<dir>` measures the lexicon in a directory (files missing there come from the
//! embedded lexicon); `COVERAGE_VERBOSE=1` lists every unresolved occurrence and the name sets.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use regex::Regex;
use sharegraph::lexicon::{Lexicon, MentionKind};

/// Real company or product names among OPP-115's named third-party spans (reviewed by hand; names
/// of the policy's own company, government bodies and generic descriptions are left out).
const OPP115_REAL_NAMES: &[&str] = &[
    "13 Management",
    "Adobe",
    "Adobe Analytics",
    "AddThis",
    "Adzerk",
    "Alexa Internet",
    "Amazon.com",
    "Associated Press",
    "AT&T",
    "Barnes & Noble",
    "BrowserHawk",
    "Capricorn Encryption",
    "CareerBuilder",
    "ClearTrust",
    "CloudFlare",
    "DoubleClick",
    "DoubleClick Campaign Manager",
    "DR globalTech",
    "Eddie Bauer",
    "Edgil Authentication Services",
    "Facebook",
    "Facebook Connect",
    "FeedBurner",
    "ForeSee Results",
    "Foursquare",
    "Global Payments",
    "Google",
    "Google AdSense",
    "Google Analytics",
    "Google Display Network Impression Reporting",
    "Google+",
    "IBM Coremetrics",
    "J&R Electronics",
    "Krux",
    "Legacy.com",
    "Lijit",
    "LinkedIn",
    "MasterCard",
    "MaxOnline",
    "Microsoft",
    "NewsRight",
    "Nielsen",
    "Netratings",
    "Nokia",
    "Northern Tool + Equipment",
    "OfficeMax",
    "OnCampus Advertising",
    "OpenX",
    "PayPal",
    "PointRoll",
    "Recurly",
    "Second Street Media",
    "Sony",
    "Sprint",
    "Starbucks",
    "Stripe",
    "T-Mobile",
    "Taleo",
    "The News Registry",
    "Twitter",
    "UltraViolet",
    "ValueClick",
    "Verisign",
    "Verizon Wireless",
    "WebCT",
    "WebTrends",
    "WorldNow",
    "Yahoo!",
    "YouTube",
    "Zipscene",
];

/// Words that public lists use as company names but that policies mostly use as words.
const NOT_NAMES: &[&str] = &[
    "about",
    "access",
    "account",
    "accounts",
    "activity",
    "ad",
    "ads",
    "advertising",
    "affinity",
    "agent",
    "alive",
    "all",
    "analytics",
    "answers",
    "api",
    "app",
    "apps",
    "arena",
    "atlas",
    "auction",
    "audience",
    "avail",
    "bank",
    "beacon",
    "blog",
    "business",
    "camera",
    "cdn",
    "chat",
    "choice",
    "choices",
    "click",
    "cloud",
    "code",
    "connect",
    "contact",
    "content",
    "cookie",
    "cookies",
    "data",
    "device",
    "digital",
    "direct",
    "display",
    "email",
    "engage",
    "events",
    "experience",
    "feedback",
    "files",
    "forms",
    "games",
    "global",
    "health",
    "help",
    "home",
    "id",
    "impact",
    "insights",
    "internet",
    "keen",
    "link",
    "live",
    "location",
    "mail",
    "map",
    "maps",
    "market",
    "media",
    "metrics",
    "mobile",
    "music",
    "network",
    "news",
    "notes",
    "online",
    "open",
    "pay",
    "payments",
    "people",
    "photos",
    "pixel",
    "platform",
    "play",
    "plus",
    "privacy",
    "pulse",
    "push",
    "radar",
    "reach",
    "search",
    "security",
    "service",
    "services",
    "share",
    "shop",
    "signal",
    "smart",
    "social",
    "sound",
    "spot",
    "store",
    "stream",
    "support",
    "sync",
    "target",
    "team",
    "trace",
    "track",
    "tv",
    "update",
    "video",
    "vision",
    "weather",
    "web",
    "widget",
    "works",
    "you",
    "your",
    "zoom",
    "eu",
    "us",
    "uk",
    "usa",
    "gdpr",
    "ccpa",
    "california",
    "european union",
    "apple id",
    "the",
    "canvas",
    "inform",
    "opt",
    "ssl",
    "tls",
    "rcs",
    "checkout",
    "sms",
    "mms",
    "cookie consent",
    "here",
    "metadata",
    "median",
    "manage",
    "turn",
    "scroll",
    "run",
    "reply",
    "respond",
    "perform",
    "directly",
    "revenue",
    "catch",
];

fn shared_dir() -> PathBuf {
    std::env::var_os("SHAREGRAPH_SHARED")
        .map_or_else(|| PathBuf::from("/work/shared"), PathBuf::from)
}

/// Lower case, legal suffixes and punctuation removed: "Google LLC" → "google".
fn normalise(name: &str) -> String {
    const SUFFIXES: &[&str] = &[
        "inc",
        "llc",
        "ltd",
        "limited",
        "corp",
        "corporation",
        "co",
        "gmbh",
        "sa",
        "ag",
        "plc",
        "bv",
        "pte",
        "group",
        "holdings",
        "technologies",
        "the",
        "s.a",
        "l.l.c",
    ];
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '&' || c == '+' {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect();
    cleaned
        .split_whitespace()
        .filter(|w| !SUFFIXES.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Party mentions of `text` that overlap `start..end`.
fn party_at(lex: &Lexicon, text: &str, start: usize, end: usize) -> Option<String> {
    lex.find(text).into_iter().find_map(|m| match m.kind {
        MentionKind::Party(i) if m.start < end && start < m.end => {
            Some(lex.parties[i].name.clone())
        }
        _ => None,
    })
}

fn report(title: &str, covered: &BTreeMap<String, Option<String>>) {
    let n = covered.len();
    let hit = covered.values().filter(|v| v.is_some()).count();
    let pct = if n == 0 {
        0.0
    } else {
        100.0 * hit as f64 / n as f64
    };
    println!("{title}: {hit}/{n} real names resolve to a lexicon party ({pct:.1} %)");
    let missing: Vec<&str> = covered
        .iter()
        .filter(|(_, v)| v.is_none())
        .map(|(k, _)| k.as_str())
        .collect();
    if !missing.is_empty() {
        println!("  not resolved: {}", missing.join(", "));
    }
}

fn opp115(lex: &Lexicon, shared: &Path) {
    let path = shared.join("corpus/opp115/gold/named_third_party_spans_c075.csv");
    let Ok(mut reader) = csv::Reader::from_path(&path) else {
        println!("(1) skipped: {} not found", path.display());
        return;
    };
    let spans: Vec<String> = reader
        .records()
        .filter_map(Result::ok)
        .filter_map(|r| r.get(0).map(str::to_string))
        .collect();
    let mut covered: BTreeMap<String, Option<String>> = BTreeMap::new();
    for name in OPP115_REAL_NAMES {
        let mut result = None;
        let mut seen = false;
        for span in &spans {
            for (start, _) in span.match_indices(name) {
                seen = true;
                if let Some(p) = party_at(lex, span, start, start + name.len()) {
                    result = Some(p);
                }
            }
        }
        if !seen {
            println!("  warning: {name} does not occur in the spans");
        }
        covered.insert((*name).to_string(), result);
    }
    println!(
        "(1) OPP-115: {} spans, {} distinct real company/product names",
        spans.len(),
        OPP115_REAL_NAMES.len()
    );
    report("    OPP-115", &covered);
}

/// Crude HTML to text: drop scripts and styles, tags become spaces, a few entities decoded.
fn html_to_text(html: &str, tags: &Regex, scripts: &Regex) -> String {
    let text = scripts.replace_all(html, " ");
    let text = tags.replace_all(&text, " ");
    let text = text
        .replace("&amp;", "&")
        .replace("&nbsp;", " ")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&rsquo;", "’")
        .replace("&lsquo;", "‘")
        .replace("&ldquo;", "“")
        .replace("&rdquo;", "”")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn reference_names(shared: &Path) -> HashSet<String> {
    let base = shared.join("reference");
    let mut names = HashSet::new();
    let mut add = |s: &str| {
        let n = normalise(s);
        if !n.is_empty() {
            names.insert(n);
        }
    };
    let csv_column = |file: &str, column: &str| -> Vec<String> {
        let Ok(mut r) = csv::Reader::from_path(base.join(file)) else {
            return Vec::new();
        };
        let Ok(headers) = r.headers().cloned() else {
            return Vec::new();
        };
        let Some(i) = headers
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == column)
        else {
            return Vec::new();
        };
        r.records()
            .filter_map(Result::ok)
            .filter_map(|rec| rec.get(i).map(str::to_string))
            .collect()
    };
    for (file, column) in [
        ("ghostery-trackerdb/organizations.csv", "name"),
        ("ghostery-trackerdb/patterns.csv", "name"),
        ("xray-companies/companies.csv", "owner_name"),
        ("ddg-tracker-blocklists/web_entities.csv", "entity_name"),
        ("ddg-tracker-blocklists/web_entities.csv", "display_name"),
        ("disconnect/entities.csv", "entity"),
        ("disconnect/services.csv", "service"),
    ] {
        for n in csv_column(file, column) {
            add(&n);
        }
    }
    let paren = Regex::new(r"\s*\(.*?\)").expect("regex");
    for n in csv_column("exodus-trackers/exodus_trackers.csv", "name") {
        add(&paren.replace_all(&n, ""));
    }
    names
}

struct Candidate {
    name: String,
    start: usize,
    end: usize,
}

/// Capitalised names after list and sharing triggers, and anywhere (but at its start) in a
/// sentence that speaks of sharing with or using third parties.
fn candidates(
    text: &str,
    trigger: &Regex,
    token: &Regex,
    sharing: &Regex,
    capitalised: &Regex,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut sentence_start = 0;
    for end in text
        .match_indices(". ")
        .map(|(i, _)| i + 1)
        .chain(std::iter::once(text.len()))
    {
        let sentence = &text[sentence_start..end];
        if sharing.is_match(sentence) {
            // Mid-sentence only: list items ("- Respond to…", "; Manage…") start with verbs.
            let mid_sentence = |m: &regex::Match| {
                sentence[..m.start()]
                    .trim_end()
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_lowercase() || ",(/&".contains(c))
            };
            for m in capitalised
                .find_iter(sentence)
                .filter(|m| m.start() > 0 && mid_sentence(m))
            {
                let name = m
                    .as_str()
                    .trim_end_matches(['.', ',', ';', ':', '!', ')'])
                    .trim();
                if !name.is_empty() {
                    let start = sentence_start + m.start();
                    out.push(Candidate {
                        name: name.to_string(),
                        start,
                        end: start + name.len(),
                    });
                }
            }
        }
        sentence_start = (end + 1).min(text.len());
    }
    for t in trigger.find_iter(text) {
        let mut pos = t.end();
        // A list of names: Name, Name (Alias), Name and Name.
        for _ in 0..12 {
            let rest = &text[pos..];
            let Some(m) = token.find(rest) else { break };
            if m.start() != 0 {
                break;
            }
            let raw = m.as_str();
            let name = raw.trim_end_matches(['.', ',', ';', ':', '!', ')']).trim();
            let name = name
                .strip_suffix("’s")
                .or_else(|| name.strip_suffix("'s"))
                .unwrap_or(name);
            if !name.is_empty() {
                out.push(Candidate {
                    name: name.to_string(),
                    start: pos,
                    end: pos + name.len(),
                });
            }
            pos += m.end();
            let after = &text[pos..];
            let sep = [
                "(", ", and ", ", or ", ", ", " and ", " or ", " & ", "/", " (", ") ",
            ]
            .iter()
            .find(|s| after.starts_with(**s));
            match sep {
                Some(s) if !raw.ends_with('.') => pos += s.len(),
                _ => break,
            }
        }
    }
    out
}

fn apps(lex: &Lexicon, shared: &Path) {
    let dir = shared.join("corpus/apps-2024/html");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        println!("(2) and (3) skipped: {} not found", dir.display());
        return;
    };
    let mut files: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    files.sort();
    let tags = Regex::new(r"<[^>]*>").expect("regex");
    let scripts = Regex::new(r"(?is)<(script|style)\b.*?</(script|style)>").expect("regex");
    let trigger = Regex::new(
        r"(?:such as|including|include|e\.g\.,?|i\.e\.,?|like|namely|provided by|powered by|operated by|offered by|processed by|hosted by|owned by|with|to|by|from|use|uses|using|via|through|partners?:?|providers?:?)\s+",
    )
    .expect("regex");
    let token = Regex::new(
        r"^(?:[A-Z0-9][\w&+!.'’-]*|[a-z]+[A-Z][\w&+!.-]*)(?:\s+(?:[A-Z0-9][\w&+!.'’-]*|for|of|by|&|\+))*",
    )
    .expect("regex");
    let sharing = Regex::new(
        r"(?i)\b(shar(e|es|ed|ing)|disclos(e|es|ed|ing)|transfer(s|red)?|sell|sold|provid(e|es|ed)|send|sent|partners?|third[- ]part(y|ies)|service providers?|vendors?|processors?)\b",
    )
    .expect("regex");
    let capitalised = Regex::new(r"\b(?:[A-Z][\w&+!'’-]*[a-z0-9][\w&+!'’-]*|[a-z]+[A-Z]\w*)(?:\s+(?:[A-Z][\w&+!'’-]*|of|for|&))*").expect("regex");
    let known = reference_names(shared);
    let not_names: HashSet<&str> = NOT_NAMES.iter().copied().collect();

    let mut covered: BTreeMap<String, Option<String>> = BTreeMap::new();
    let mut unknown: HashMap<String, usize> = HashMap::new();
    let mut display: HashMap<String, String> = HashMap::new();
    let mut party_counts: HashMap<String, (usize, BTreeSet<usize>)> = HashMap::new();
    let mut total_chars = 0;
    let mut find_time = Duration::ZERO;
    for (doc, path) in files.iter().enumerate() {
        let Ok(html) = std::fs::read_to_string(path) else {
            continue;
        };
        let text = html_to_text(&html, &tags, &scripts);
        total_chars += text.len();
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let app = normalise(
            &stem
                .split_once('_')
                .map_or(stem, |(_, n)| n)
                .replace(['-', '_'], " "),
        );

        let t0 = Instant::now();
        let mentions = lex.find(&text);
        find_time += t0.elapsed();
        for m in &mentions {
            if let MentionKind::Party(i) = m.kind {
                let e = party_counts.entry(lex.parties[i].name.clone()).or_default();
                e.0 += 1;
                e.1.insert(doc);
            }
        }
        for c in candidates(&text, &trigger, &token, &sharing, &capitalised) {
            let key = normalise(&c.name);
            let first_word_lower = key
                .split(' ')
                .next()
                .is_some_and(|w| not_names.contains(w) && !key.contains(' '));
            if key.len() < 2 || not_names.contains(key.as_str()) || first_word_lower {
                continue;
            }
            if !known.contains(&key) {
                let resolved = mentions.iter().any(|m| {
                    matches!(m.kind, MentionKind::Party(_)) && m.start < c.end && c.start < m.end
                });
                if !resolved {
                    *unknown.entry(c.name.clone()).or_default() += 1;
                }
                continue;
            }
            // The app's own name is the first party, not a recipient.
            if app.contains(&key) || key.contains(&app) && !app.is_empty() {
                continue;
            }
            let resolved = mentions.iter().find_map(|m| match m.kind {
                MentionKind::Party(i) if m.start < c.end && c.start < m.end => {
                    Some(lex.parties[i].name.clone())
                }
                _ => None,
            });
            if resolved.is_none() && std::env::var_os("COVERAGE_VERBOSE").is_some() {
                let mut a = c.start.saturating_sub(60);
                while !text.is_char_boundary(a) {
                    a -= 1;
                }
                let mut b = (c.end + 40).min(text.len());
                while !text.is_char_boundary(b) {
                    b += 1;
                }
                println!(
                    "  unresolved {:?} in {stem}: …{}[{}]{}…",
                    c.name,
                    &text[a..c.start],
                    &text[c.start..c.end],
                    &text[c.end..b]
                );
            }
            display.entry(key.clone()).or_insert_with(|| c.name.clone());
            let slot = covered.entry(key).or_insert(None);
            if slot.is_none() {
                *slot = resolved;
            }
        }
    }
    let named: BTreeMap<String, Option<String>> = covered
        .into_iter()
        .map(|(k, v)| (display.get(&k).cloned().unwrap_or(k), v))
        .collect();
    println!(
        "(2) apps-2024: {} policies, {} distinct real company/product names found near sharing words",
        files.len(),
        named.len()
    );
    report("    apps-2024", &named);
    if std::env::var_os("COVERAGE_VERBOSE").is_some() {
        let all: Vec<String> = named
            .iter()
            .map(|(k, v)| format!("{k} → {}", v.as_deref().unwrap_or("?")))
            .collect();
        println!("  real names: {}", all.join("; "));
        let mut unknown: Vec<(String, usize)> = unknown.into_iter().collect();
        unknown.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let shown: Vec<String> = unknown
            .iter()
            .take(400)
            .map(|(n, c)| format!("{n} ({c})"))
            .collect();
        println!(
            "  capitalised names no list knows (review by hand): {}",
            shown.join("; ")
        );
    }

    let mut top: Vec<(String, usize, usize)> = party_counts
        .into_iter()
        .map(|(name, (n, docs))| (name, n, docs.len()))
        .collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    println!("(3) top 30 party matches over all apps-2024 texts (mentions, policies):");
    for (name, n, docs) in top.iter().take(30) {
        println!("    {n:5} {docs:4}  {name}");
    }
    let mb = total_chars as f64 / 1e6;
    println!(
        "    Lexicon::find over {mb:.1} MB of text: {:.0} ms",
        find_time.as_secs_f64() * 1000.0
    );
}

fn load_time() {
    let mut times = Vec::new();
    for _ in 0..15 {
        let t0 = Instant::now();
        let lex = Lexicon::embedded();
        // The matcher is compiled at the first search.
        if let Ok(l) = &lex {
            l.find("x");
        }
        times.push(t0.elapsed());
        drop(lex);
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "(4) Lexicon::embedded() (parse + checks + matcher build): min {:.2} ms, median {:.2} ms, max {:.2} ms{}",
        ms(times[0]),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1]),
        if cfg!(debug_assertions) {
            " (debug build: use --release)"
        } else {
            ""
        }
    );
}

fn main() {
    // SHAREGRAPH_LEXICON=<dir> measures a lexicon directory instead of the embedded one.
    let loaded = match std::env::var_os("SHAREGRAPH_LEXICON") {
        Some(dir) => Lexicon::from_dir(Path::new(&dir)),
        None => Lexicon::embedded(),
    };
    let lex = match loaded {
        Ok(lex) => lex,
        Err(e) => {
            eprintln!("lexicon does not load: {e}");
            std::process::exit(1);
        }
    };
    println!(
        "lexicon: {} categories, {} parties, {} classes, {} purposes, {} conditions, {} verbs",
        lex.categories.len(),
        lex.parties.len(),
        lex.classes.len(),
        lex.purposes.len(),
        lex.conditions.len(),
        lex.verbs.len()
    );
    let shared = shared_dir();
    opp115(&lex, &shared);
    apps(&lex, &shared);
    load_time();
}
