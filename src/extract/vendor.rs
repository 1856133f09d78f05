//! Who the policy belongs to: the first party's name and aliases.
//!
//! In order of trust: a definition clause (`WPS Software Pte. Ltd. ("We" or "WPS Office")`), the
//! title (`Apowersoft Privacy Policy`), then the file name (`1017_sci-news.com.html` → `sci-news.com`).

use crate::document::Document;
use crate::extract::context::Vendor;
use crate::lexicon::Lexicon;

const PRONOUNS: [&str; 6] = ["we", "us", "our", "company", "the company", "ours"];
const POLICY_WORDS: [&str; 8] = [
    "privacy policy",
    "privacy notice",
    "privacy statement",
    "privacy center",
    "privacy",
    "policy",
    "cookie policy",
    "data policy",
];

pub(crate) fn detect(doc: &Document, lexicon: &Lexicon) -> Vendor {
    let mut vendor = from_definition(doc)
        .or_else(|| {
            doc.title
                .as_deref()
                .and_then(from_title)
                .map(|name| Vendor {
                    name,
                    aliases: Vec::new(),
                })
        })
        .unwrap_or_else(|| Vendor {
            name: from_file_name(&doc.name),
            aliases: Vec::new(),
        });
    add_known_names(&mut vendor, &doc.name, lexicon);
    vendor
}

/// When the vendor is a party the lexicon knows (by name, alias or domain, or by the domain in the
/// file name: `1361_yahoo.com.html`), all its names are the first party: Yahoo's policy saying
/// "Yahoo collects" is first-party collection.
fn add_known_names(vendor: &mut Vendor, file_name: &str, lexicon: &Lexicon) {
    let file = file_name.to_ascii_lowercase();
    let names: Vec<String> = std::iter::once(vendor.name.clone())
        .chain(vendor.aliases.iter().cloned())
        .collect();
    // "016_Spotify-Music-and-Podcasts.html" → "spotify music and podcasts ": an app whose store
    // title starts with a company's name is that company's app.
    let title_words = format!(
        "{} ",
        from_file_name(&file)
            .replace(['-', '_', '.'], " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    );
    // The party with the longest name (3 bytes or more) that the title starts with, followed by
    // a space; of parties with that name, the last in lexicon order.
    let by_title = title_words
        .match_indices(' ')
        .map(|(i, _)| i)
        .filter(|&i| i > 2)
        .filter_map(|i| lexicon.parties_named(&title_words[..i]))
        .last()
        .map(|(_, last)| &lexicon.parties[last]);
    // Else the first party in lexicon order that has one of the vendor's names, or whose domain
    // is one of them or begins the file name or its part after an underscore
    // ("1361_yahoo.com.html").
    let named = names
        .iter()
        .filter_map(|n| lexicon.parties_named(n))
        .map(|(first, _)| first);
    let domain_named = names
        .iter()
        .filter_map(|n| lexicon.party_with_domain(n, false));
    let domain_in_file = std::iter::once(0)
        .chain(file.match_indices('_').map(|(i, _)| i + 1))
        .filter_map(|from| lexicon.party_with_domain(&file[from..], true));
    let known = by_title.or_else(|| {
        named
            .chain(domain_named)
            .chain(domain_in_file)
            .min()
            .map(|i| &lexicon.parties[i])
    });
    // The vendor's parent company speaks for it too: Valve in Steam's policy.
    let parent = known
        .and_then(|p| p.parent.as_deref())
        .and_then(|name| lexicon.party(name));
    for p in known.into_iter().chain(parent) {
        for n in std::iter::once(&p.name).chain(&p.aliases) {
            if *n != vendor.name && !vendor.aliases.contains(n) {
                vendor.aliases.push(n.clone());
            }
        }
    }
}

/// `Acme Inc. and its affiliates ("Acme", "we", "us")`.
fn from_definition(doc: &Document) -> Option<Vendor> {
    for s in doc.sentences.iter().take(60) {
        let text = doc.sentence_text(s);
        let mut search = 0;
        while let Some(open) = text[search..].find('(').map(|i| i + search) {
            let close = text[open..].find(')').map_or(text.len(), |i| i + open);
            search = close.min(text.len());
            let inner = &text[open + 1..close];
            let quoted = quoted_strings(inner);
            if !quoted
                .iter()
                .any(|q| PRONOUNS.contains(&q.to_lowercase().as_str()))
            {
                continue;
            }
            let aliases: Vec<String> = quoted
                .into_iter()
                .filter(|q| !PRONOUNS.contains(&q.to_lowercase().as_str()))
                .collect();
            let legal = legal_name_before(&text[..open]);
            let name = aliases
                .iter()
                .max_by_key(|a| a.len())
                .cloned()
                .or_else(|| legal.clone())?;
            let mut all = aliases;
            all.extend(legal);
            // A stand-in ("Company (referred to as "the Company", "We"…) refers to Acme Inc.",
            // a common template) is an alias of the name after "refers to"; without one, it
            // says nothing: read on.
            let name = if PRONOUNS.contains(&name.to_lowercase().as_str()) {
                let Some(real) = name_after_refers_to(&text[close..]) else {
                    continue;
                };
                all.push(name);
                real
            } else {
                name
            };
            all.retain(|a| *a != name);
            return Some(Vendor { name, aliases: all });
        }
    }
    None
}

/// `) refers to Supersimple Technology OÜ, Kungla 12a`: the capitalised words after "refers to".
fn name_after_refers_to(after: &str) -> Option<String> {
    let rest = after.trim_start_matches(')').trim_start();
    let rest = rest.strip_prefix("refers to ")?;
    let words: Vec<&str> = rest
        .split_whitespace()
        .take_while(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || c == '&')
        })
        .collect();
    // The name ends at its first comma or full stop ("Acme Inc., 12 Main Street").
    let mut name = String::new();
    for w in words {
        if !name.is_empty() {
            name.push(' ');
        }
        let ends =
            w.ends_with(',') || (w.ends_with('.') && !w.ends_with("Inc.") && !w.ends_with("Ltd."));
        // A full stop ends the sentence, not an abbreviation ("Inc.").
        name.push_str(match w.strip_suffix('.') {
            Some(word) if ends => word,
            _ => w.trim_end_matches(','),
        });
        if ends {
            break;
        }
    }
    let name = name.trim();
    (!name.is_empty() && name.len() < 80).then(|| name.to_string())
}

fn quoted_strings(inner: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = inner;
    while let Some(open) = rest.find(['"', '“']) {
        let after = &rest[open + rest[open..].chars().next().map_or(1, char::len_utf8)..];
        let Some(close) = after.find(['"', '”']) else {
            break;
        };
        // `("Bluesky," "we," "us")`: the comma between names goes inside the quotes.
        let q = after[..close]
            .trim()
            .trim_end_matches([',', ';'])
            .trim_end();
        if !q.is_empty() && q.len() < 60 {
            out.push(q.to_string());
        }
        rest = &after[close + after[close..].chars().next().map_or(1, char::len_utf8)..];
    }
    out
}

/// The run of capitalised words (with "Inc.", "Ltd.", "&", "of") that ends just before the
/// parenthesis, skipping "and its affiliates".
fn legal_name_before(text: &str) -> Option<String> {
    let mut text = text.trim_end().trim_end_matches(',');
    for tail in [
        "and its affiliates",
        "and its subsidiaries",
        "and our affiliates",
        "together with its affiliates",
    ] {
        if text.to_lowercase().ends_with(tail) {
            text = text[..text.len() - tail.len()]
                .trim_end()
                .trim_end_matches(',');
        }
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut start = words.len();
    while start > 0 {
        let w = words[start - 1];
        let capital = w
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        if capital || matches!(w, "&" | "of" | "and") && start < words.len() {
            start -= 1;
        } else {
            break;
        }
    }
    while start < words.len() && matches!(words[start], "of" | "and" | "&") {
        start += 1;
    }
    let name = words[start..].join(" ");
    let name = name.trim_matches(|c: char| c == ',' || c == '(' || c.is_whitespace());
    (!name.is_empty() && name.len() < 80).then(|| name.to_string())
}

/// The policy owner's name in a page title: "Apowersoft Privacy Policy", "Privacy Policy |
/// TikTok" (none: the part naming the policy must name the owner too), "Fitbit Privacy Policy -
/// Help", "Flirtex Privacy policy 15th June, 2022" (what comes before a policy phrase inside a
/// part), "Privacy Policy for Ride With GPS".
fn from_title(title: &str) -> Option<String> {
    let parts: Vec<&str> = title
        .split(['|', '–', '—', ':', '/'])
        .flat_map(|part| part.split(" - "))
        .collect();
    for (i, part) in parts.iter().enumerate() {
        let mut p = part.trim();
        // ASCII lowering keeps every byte where it was, so the place of a policy phrase in
        // `lower` is its place in `p` ("İstanbul" lowered in full is a byte longer).
        let lower = p.to_ascii_lowercase();
        let mut cut = false;
        for w in POLICY_WORDS {
            let Some(pos) = lower.find(w) else {
                continue;
            };
            // A policy phrase inside a part ends the name; "privacy" or "policy" alone only
            // at its edges ("Duolingo - Full Privacy Report" names no one by "Full").
            let phrase = w.contains(' ');
            if pos + w.len() == lower.len() || (phrase && pos > 0) {
                p = &p[..pos];
            } else if pos == 0 {
                p = &p[w.len()..];
            } else {
                continue;
            }
            cut = true;
            break;
        }
        // "Bluesky's Privacy Policy" → "Bluesky"; "Privacy Policy for Ride With GPS".
        let p = p.trim();
        let p = p
            .strip_suffix("'s")
            .or_else(|| p.strip_suffix("’s"))
            .unwrap_or(p)
            .trim();
        let p = p.strip_prefix("for ").unwrap_or(p).trim();
        // "Trucker Path | Privacy Policy": a part that only names the policy, after the name.
        let p = match p {
            "" if cut && i > 0 => parts[i - 1].trim(),
            _ => p,
        };
        // "Privacy Policy and Terms of Use": another document, not an owner.
        let joined = ["and ", "& ", "of "].iter().any(|w| p.starts_with(w));
        if cut
            && !p.is_empty()
            && !joined
            && p.len() < 60
            && p.chars().next().is_some_and(char::is_alphanumeric)
            && lower.contains("privacy")
        {
            return Some(p.to_string());
        }
    }
    None
}

fn from_file_name(name: &str) -> String {
    let stem = name
        .strip_suffix(".html")
        .or_else(|| name.strip_suffix(".htm"))
        .or_else(|| name.strip_suffix(".md"))
        .or_else(|| name.strip_suffix(".txt"))
        .unwrap_or(name);
    let stem = stem
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches(['_', '-']);
    if stem.is_empty() {
        name.to_string()
    } else {
        stem.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_forms() {
        assert_eq!(
            from_title("Apowersoft Privacy Policy").as_deref(),
            Some("Apowersoft")
        );
        assert_eq!(from_title("Privacy Policy | TikTok").as_deref(), None);
        assert_eq!(
            from_title("TikTok Privacy Policy | TikTok").as_deref(),
            Some("TikTok")
        );
        assert_eq!(
            from_title("Bluesky's Privacy Policy").as_deref(),
            Some("Bluesky")
        );
        // apps-2024 titles.
        for (title, owner) in [
            (
                "Meta Privacy Policy - How Meta collects and uses user data",
                Some("Meta"),
            ),
            ("Fitbit Privacy Policy - Help", Some("Fitbit")),
            ("Flirtex Privacy policy 15th June, 2022", Some("Flirtex")),
            (
                "Disney Privacy Center Home - The Walt Disney Privacy Center",
                Some("Disney"),
            ),
            (
                "flightview.com Privacy / Cookie Use",
                Some("flightview.com"),
            ),
            ("Privacy Policy for Ride With GPS", Some("Ride With GPS")),
            ("Privacy Policy and Terms of Use", None),
            ("Trucker Path | Privacy Policy", Some("Trucker Path")),
            (
                "AI Room Planner Home Design - Privacy Policy",
                Some("AI Room Planner Home Design"),
            ),
            ("Duolingo - Full Privacy Report", None),
            ("İİstanbul Privacy Policy", Some("İİstanbul")),
        ] {
            assert_eq!(from_title(title).as_deref(), owner, "{title}");
        }
    }

    #[test]
    fn a_template_names_the_company_after_refers_to() {
        // Super Simple, Remote Control for All TV, HubbleClub (apps-2024).
        for (after, name) in [
            (
                ") refers to Supersimple Technology OÜ, Kungla 12a, 10411, Tallinn",
                "Supersimple Technology OÜ",
            ),
            (") refers to Hitchhike Tech.", "Hitchhike Tech"),
            (
                ") refers to Exclusive Group LLC dba Binatone",
                "Exclusive Group LLC",
            ),
            (") refers to Acme Inc. and its affiliates", "Acme Inc."),
        ] {
            assert_eq!(
                name_after_refers_to(after).as_deref(),
                Some(name),
                "{after}"
            );
        }
        assert_eq!(name_after_refers_to(") collects your data"), None);
    }

    #[test]
    fn definitions_with_commas_inside_the_quotes() {
        // Bluesky, Canva (apps-2024): American punctuation puts the comma inside the quotes.
        assert_eq!(
            quoted_strings("“Bluesky,” “we,” “us,” or “our”"),
            ["Bluesky", "we", "us", "our"]
        );
    }

    #[test]
    fn legal_names() {
        assert_eq!(
            legal_name_before(
                "Your privacy is important to WPS Software Pte. Ltd. and its affiliates "
            )
            .as_deref(),
            Some("WPS Software Pte. Ltd.")
        );
    }

    #[test]
    fn file_names() {
        assert_eq!(from_file_name("1017_sci-news.com.html"), "sci-news.com");
        assert_eq!(from_file_name("001_Threads.html"), "Threads");
    }

    /// A party's domain after an underscore of the file name, or at its start, makes the
    /// party's names the vendor's; the domain elsewhere in the name does not.
    #[test]
    fn a_known_domain_in_the_file_name_adds_the_party_names() {
        let lexicon = Lexicon::embedded().expect("embedded lexicon");
        let names = |file: &str| {
            let mut vendor = Vendor {
                name: from_file_name(file),
                aliases: Vec::new(),
            };
            add_known_names(&mut vendor, file, &lexicon);
            vendor.aliases
        };
        for file in ["2019_privacy_yahoo.com.html", "yahoo.com.html"] {
            assert!(names(file).iter().any(|a| a == "Yahoo"), "{file}");
        }
        assert!(!names("1361-notyahoo.com.html").iter().any(|a| a == "Yahoo"));
    }
}
