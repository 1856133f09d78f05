//! Who the policy belongs to: the first party's name and aliases.
//!
//! In order of trust: a definition clause (`WPS Software Pte. Ltd. ("We" or "WPS Office")`), the
//! title (`Apowersoft Privacy Policy`), then the file name (`1017_sci-news.com.html` → `sci-news.com`).

use crate::document::Document;
use crate::extract::context::Vendor;
use crate::lexicon::Lexicon;

const PRONOUNS: [&str; 6] = ["we", "us", "our", "company", "the company", "ours"];
/// What a policy calls its product ("the Site", "the Service"): an alias of the owner at most.
const PRODUCT_WORDS: [&str; 13] = [
    "site",
    "website",
    "websites",
    "service",
    "services",
    "platform",
    "app",
    "apps",
    "application",
    "applications",
    "product",
    "products",
    "solutions",
];
/// The words that end a company's legal name ("Bytedance Pte. Ltd.", "MetaCtrl s.r.o."),
/// lowercased and without their full stops.
const COMPANY_SUFFIXES: [&str; 24] = [
    "inc",
    "llc",
    "ltd",
    "limited",
    "corp",
    "corporation",
    "co",
    "company",
    "gmbh",
    "ag",
    "sa",
    "sas",
    "sarl",
    "srl",
    "sro",
    "bv",
    "nv",
    "ab",
    "as",
    "oy",
    "oü",
    "uab",
    "plc",
    "llp",
];
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
            let candidates = doc.title.as_deref().map(from_title).unwrap_or_default();
            most_named(candidates, &doc.text).map(|name| Vendor {
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
            // The name: the longest alias, but never a word for the product ("Peachat Video Chat
            // App ("Peachat", "us", "we", "Service")", "LatinPost.com ("Site," "we")": those are
            // aliases, not the owner).
            let name = aliases
                .iter()
                .filter(|a| !PRODUCT_WORDS.contains(&a.to_lowercase().as_str()))
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
    doc.sentences
        .iter()
        .take(5)
        .find_map(|s| short_name_of_company(doc.sentence_text(s)))
}

/// `created by MetaCtrl s.r.o., Tynska 1053/21, Praha 1 (“MetaCtrl”)`: a short name given to
/// the company just named, without "we". Only near the top of a policy, where the company named
/// is its owner (further on, "Google LLC ("Google")" is a partner).
fn short_name_of_company(text: &str) -> Option<Vendor> {
    text.match_indices('(').find_map(|(open, _)| {
        let close = text[open..].find(')').map_or(text.len(), |i| i + open);
        let [short] = quoted_strings(&text[open + 1..close]).try_into().ok()?;
        let legal = company_before(&text[..open])?;
        let follows = legal
            .strip_prefix(short.as_str())
            .is_some_and(|rest| rest.starts_with(' '));
        (follows && !PRODUCT_WORDS.contains(&short.to_lowercase().as_str())).then(|| Vendor {
            name: short,
            aliases: vec![legal],
        })
    })
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
        // “us“: a left quote mistyped for the right one closes the name as well.
        let Some(close) = after.find(['"', '”', '“']) else {
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
    let mut start = run_start(&words, words.len());
    while start < words.len() && matches!(words[start], "of" | "and" | "&") {
        start += 1;
    }
    let name = words[start..].join(" ");
    let name = name.trim_matches(|c: char| c == ',' || c == '(' || c.is_whitespace());
    // "Bytedance Pte. Ltd. with its registered address at 1 Raffles Quay, #26-10, South Tower,
    // Singapore 048583 (“we”…)": the capitalised words are an address (a number in them, no
    // company suffix at their end); the name is the company named before it.
    if name.chars().any(|c| c.is_ascii_digit()) && !ends_with_suffix(name) {
        return company_before(text);
    }
    (!name.is_empty() && name.len() < 80).then(|| name.to_string())
}

/// Where the run of capitalised words (or numbers) ending before `end` starts; "&", "of" and
/// "and" may join them ("Barnes & Noble").
fn run_start(words: &[&str], end: usize) -> usize {
    let mut start = end;
    while start > 0 {
        let w = words[start - 1];
        let capital = w
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        if capital || matches!(w, "&" | "of" | "and") && start < end {
            start -= 1;
        } else {
            break;
        }
    }
    start
}

/// Is the last word of `name` a company suffix ("Inc.", "Pte. Ltd.", "s.r.o.")?
fn ends_with_suffix(name: &str) -> bool {
    name.split_whitespace().next_back().is_some_and(is_suffix)
}

/// A capitalised word ("Ltd.", "AS") or one with a full stop inside ("s.r.o."): "as", "co" and
/// "company" in running text are no suffixes.
fn is_suffix(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
    let marked = word.chars().next().is_some_and(char::is_uppercase)
        || word.trim_end_matches('.').contains('.');
    if !marked {
        return false;
    }
    let bare: String = word
        .trim_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .filter(|&c| c != '.')
        .flat_map(char::to_lowercase)
        .collect();
    COMPANY_SUFFIXES.contains(&bare.as_str())
}

/// The last company name in `text` that ends in a company suffix: the capitalised words up to
/// and including it ("[NOVENTURE PTE. LTD.], with its registered address at …" → "NOVENTURE
/// PTE. LTD.").
fn company_before(text: &str) -> Option<String> {
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| matches!(c, '[' | ']' | '(' | ')' | ',' | ';')))
        .collect();
    let end = words.iter().rposition(|w| is_suffix(w))?;
    let start = run_start(&words, end);
    // Suffixes alone ("Pte. Ltd.") name no one.
    let first_name_word = words[start..=end].iter().position(|w| !is_suffix(w))?;
    let name = words[start + first_name_word..=end].join(" ");
    (name.len() < 80).then_some(name)
}

/// Of the names a title offers, the one the document's text names most often (the first of
/// those): "Protecting Privacy Policy | Koko Face Yoga Privacy Policy" offers "Protecting", a
/// word of a slogan, and "Koko Face Yoga", which the policy names throughout.
fn most_named(candidates: Vec<String>, text: &str) -> Option<String> {
    if candidates.len() < 2 {
        return candidates.into_iter().next();
    }
    let mentions = |name: &str| memchr::memmem::find_iter(text.as_bytes(), name).count();
    let counts: Vec<usize> = candidates.iter().map(|c| mentions(c)).collect();
    let best = counts.iter().copied().max().unwrap_or(0);
    candidates
        .into_iter()
        .zip(counts)
        .find(|&(_, n)| n == best)
        .map(|(c, _)| c)
}

/// The policy owner's names in a page title, one per part that names the policy: "Apowersoft
/// Privacy Policy", "Privacy Policy | TikTok" (none: the part naming the policy must name the
/// owner too), "Fitbit Privacy Policy - Help", "Flirtex Privacy policy 15th June, 2022" (what
/// comes before a policy phrase inside a part), "Privacy Policy for Ride With GPS". A name has a
/// letter: "Privacy Policy 1 — Qobuz Club" names no one by "1".
fn from_title(title: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
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
            && p.chars().any(char::is_alphabetic)
            && lower.contains("privacy")
            && !names.iter().any(|n| n == p)
        {
            names.push(p.to_string());
        }
    }
    names
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
        let first = |title: &str| from_title(title).into_iter().next();
        assert_eq!(
            first("Apowersoft Privacy Policy").as_deref(),
            Some("Apowersoft")
        );
        assert_eq!(first("Privacy Policy | TikTok").as_deref(), None);
        assert_eq!(
            first("TikTok Privacy Policy | TikTok").as_deref(),
            Some("TikTok")
        );
        assert_eq!(
            first("Bluesky's Privacy Policy").as_deref(),
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
            ("Privacy Policy 1 — A Wellness Studio", None),
        ] {
            assert_eq!(first(title).as_deref(), owner, "{title}");
        }
    }

    #[test]
    fn of_two_names_in_a_title_the_one_the_text_uses() {
        // Koko Face Yoga (apps-2024).
        let title = "Protecting Privacy Policy | Koko Face Yoga Privacy Policy";
        assert_eq!(from_title(title), ["Protecting", "Koko Face Yoga"]);
        let text = "Protecting your privacy. Koko Face Yoga's services. The Koko Face Yoga app.";
        assert_eq!(
            most_named(from_title(title), text).as_deref(),
            Some("Koko Face Yoga")
        );
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

    /// The vendor `detect` finds in a text policy of these paragraphs, no title.
    fn vendor_of(paragraphs: &[&str]) -> Vendor {
        let lexicon = Lexicon::embedded().expect("embedded lexicon");
        let text = paragraphs.join("\n\n");
        let doc = crate::document::parse("policy.txt", text.as_bytes(), None).expect("a text");
        detect(&doc, &lexicon)
    }

    /// Definitions from apps-2024 and OPP-115 policies whose owner came out as an address
    /// ("South Tower, Singapore 048583", "22]"), a product word ("Service", "Site"), a mistyped
    /// quote ("us“ or “our") or a page title's "Mobile Applications".
    #[test]
    fn definitions_name_the_company_not_its_address_product_or_quotes() {
        for (sentence, name, alias) in [
            (
                "The Services are provided and controlled by Bytedance Pte. Ltd. with its \
                 registered address at 1 Raffles Quay, #26-10, South Tower, Singapore 048583 \
                 (“we” “us” or “our”) unless otherwise indicated.",
                "Bytedance Pte. Ltd.",
                None,
            ),
            (
                "The Platform is provided and controlled by [NOVENTURE PTE. LTD.], with its \
                 registered address at [1 PHENG GECK AVENUE #19 - 22] (“we”or “us”).",
                "NOVENTURE PTE. LTD.",
                None,
            ),
            (
                "This is the Privacy Policy of Peachat Video Chat App (“Peachat”, “us”, “we”, \
                 \"Service\" or “our”) and is incorporated into our Terms of Use.",
                "Peachat",
                Some("Service"),
            ),
            (
                "This is the privacy policy (\"Privacy Policy\") for LatinPost.com (\"Site,\" \
                 \"we,\" \"us,\" or \"our\").",
                "LatinPost.com",
                Some("Site"),
            ),
            (
                "As a security product, AlfredCamera (also referred to as “we” or “us“ or “our”) \
                 treats your data seriously.",
                "AlfredCamera",
                None,
            ),
            (
                "This Privacy Policy explains how Captions, LLC (“Captions, “we,” “our,” or \
                 “us”) collects, uses, and discloses your information.",
                "Captions",
                None,
            ),
            (
                "This privacy policy (“Policy”) governs your use of any software application \
                 (“Application”) for mobile devices that was created by MetaCtrl s.r.o., Tynska \
                 1053/21, Praha 1, 11000, Czech Republic (“MetaCtrl”).",
                "MetaCtrl",
                Some("MetaCtrl s.r.o."),
            ),
        ] {
            let vendor = vendor_of(&[sentence, "We collect your email address."]);
            assert_eq!(vendor.name, name, "{sentence}");
            if let Some(alias) = alias {
                assert!(
                    vendor.aliases.iter().any(|a| a == alias),
                    "{sentence}: {vendor:?}"
                );
            }
        }
    }

    /// A company given a short name further down is a partner, not the owner.
    #[test]
    fn a_short_name_far_from_the_top_is_not_the_owner() {
        let mut paragraphs = vec!["We collect your email address."; 6];
        paragraphs.push("We use Google Analytics, a service of Google LLC (“Google”).");
        assert_eq!(vendor_of(&paragraphs).name, "policy");
    }

    #[test]
    fn suffixes_are_marked_words() {
        assert!(is_suffix("Ltd.") && is_suffix("s.r.o.,") && is_suffix("AS") && is_suffix("OÜ"));
        assert!(!is_suffix("as") && !is_suffix("company") && !is_suffix("co"));
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
