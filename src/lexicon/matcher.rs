//! The compiled matcher: every phrase of the lexicon in one phrase trie (`trie`), read in two
//! layers.
//!
//! Entities (data categories, parties, classes, verbs) do not overlap each other: the longest match
//! wins ("Google Analytics" over "analytics"). Qualifiers (purposes, conditions) are a second
//! layer, since "for advertising purposes" may stand beside a party without competing with it,
//! but a qualifier inside a data or party mention ("advertising ID") is dropped. One trie
//! reports every occurrence of both layers in a single pass over the text.

use std::cell::RefCell;
use std::collections::HashMap;

use super::Lexicon;
use super::trie::PhraseTrie;
use super::units::Units;

/// A search's candidate matches `(start, end, pattern)`, entity layer and qualifier layer.
type Candidates = [Vec<(usize, usize, usize)>; 2];

thread_local! {
    static CANDIDATES: RefCell<Candidates> = const { RefCell::new([Vec::new(), Vec::new()]) };
}

/// What a mention refers to: an index into the matching lexicon table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MentionKind {
    Category(usize),
    Party(usize),
    Class(usize),
    Verb(usize),
    Purpose(usize),
    Condition(usize),
}

/// A lexicon entry found in a text at `start..end` (byte offsets into that text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub kind: MentionKind,
    pub start: usize,
    pub end: usize,
}

/// The two readings of the lexicon's phrases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layer {
    Entity = 0,
    Qualifier = 1,
}

/// What one pattern names in a layer: the entries, and the phrase as written (for case checks).
type Target = (Vec<MentionKind>, String);

/// Compile the phrases of both layers. Patterns are lower case; a pattern may name entries in
/// both layers ("consent" could be a condition and part of a category list).
fn compile(phrases: Vec<(String, MentionKind, Layer)>) -> (PhraseTrie, Vec<[Option<Target>; 2]>) {
    let mut by_pattern: HashMap<String, usize> = HashMap::new();
    let mut patterns: Vec<String> = Vec::new();
    let mut targets: Vec<[Option<Target>; 2]> = Vec::new();
    for (phrase, kind, layer) in phrases {
        let key = phrase.to_lowercase();
        if key.trim().is_empty() {
            continue;
        }
        let i = *by_pattern.entry(key.clone()).or_insert_with(|| {
            patterns.push(key);
            targets.push([None, None]);
            patterns.len() - 1
        });
        match &mut targets[i][layer as usize] {
            Some((kinds, _)) => {
                if !kinds.contains(&kind) {
                    kinds.push(kind);
                }
            }
            slot @ None => *slot = Some((vec![kind], phrase)),
        }
    }
    // Patterns are lower case and `find` searches an ASCII-lowercased copy of the text.
    let trie = PhraseTrie::new(patterns.iter().map(String::as_str));
    (trie, targets)
}

#[derive(Debug, Clone, Default)]
pub(super) struct Matcher {
    trie: PhraseTrie,
    /// For each pattern, the layers it names entries in (bit `Layer as usize`): read for every
    /// match, so a byte per pattern (an entry of `targets` is 96 bytes, most of them cold).
    layers: Vec<u8>,
    /// For each pattern, what it names in each layer (indexed by `Layer as usize`).
    targets: Vec<[Option<Target>; 2]>,
}

/// Noun phrase variants: plural of the last word, and hyphen/space spellings.
fn noun_variants(phrase: &str) -> Vec<String> {
    let mut out = vec![phrase.to_string()];
    let lower = phrase.to_ascii_lowercase();
    let last_is_acronym = phrase.rsplit(' ').next().is_some_and(|w| {
        w.len() > 1
            && w.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    });
    let plural = if last_is_acronym {
        format!("{phrase}s")
    } else if lower.ends_with("data")
        || lower.ends_with("information")
        || lower.ends_with("s") && !lower.ends_with("ss")
    {
        String::new()
    } else if lower.ends_with('y')
        && !lower.ends_with("ay")
        && !lower.ends_with("ey")
        && !lower.ends_with("oy")
    {
        format!("{}ies", &phrase[..phrase.len() - 1])
    } else if lower.ends_with("ss")
        || lower.ends_with('x')
        || lower.ends_with("ch")
        || lower.ends_with("sh")
    {
        format!("{phrase}es")
    } else {
        format!("{phrase}s")
    };
    if !plural.is_empty() {
        out.push(plural);
    }
    let spelled: Vec<String> = out
        .iter()
        .filter(|p| p.contains('-'))
        .map(|p| p.replace('-', " "))
        .chain(
            out.iter()
                .filter(|p| p.to_ascii_lowercase().contains("third party"))
                .map(|p| {
                    p.replace("third party", "third-party")
                        .replace("Third party", "Third-party")
                }),
        )
        .collect();
    out.extend(spelled);
    out
}

impl Matcher {
    /// Compile the phrases of the lexicon into one automaton.
    pub(super) fn build(lexicon: &Lexicon) -> Matcher {
        let mut phrases = Vec::new();
        for (i, c) in lexicon.categories.iter().enumerate() {
            for p in &c.phrases {
                for v in noun_variants(p) {
                    phrases.push((v, MentionKind::Category(i), Layer::Entity));
                }
            }
        }
        for (i, p) in lexicon.parties.iter().enumerate() {
            for name in std::iter::once(&p.name).chain(&p.aliases) {
                phrases.push((name.clone(), MentionKind::Party(i), Layer::Entity));
            }
        }
        for (i, c) in lexicon.classes.iter().enumerate() {
            for p in &c.phrases {
                for v in noun_variants(p) {
                    phrases.push((v, MentionKind::Class(i), Layer::Entity));
                }
            }
        }
        for (i, v) in lexicon.verbs.iter().enumerate() {
            for f in &v.forms {
                phrases.push((f.clone(), MentionKind::Verb(i), Layer::Entity));
            }
        }
        for (i, p) in lexicon.purposes.iter().enumerate() {
            for ph in &p.phrases {
                phrases.push((ph.clone(), MentionKind::Purpose(i), Layer::Qualifier));
            }
        }
        for (i, c) in lexicon.conditions.iter().enumerate() {
            for ph in &c.phrases {
                phrases.push((ph.clone(), MentionKind::Condition(i), Layer::Qualifier));
            }
        }
        let (trie, targets) = compile(phrases);
        let layers = targets
            .iter()
            .map(|t| (t[0].is_some() as u8) | (t[1].is_some() as u8) << 1)
            .collect();
        Matcher {
            trie,
            targets,
            layers,
        }
    }

    /// The mentions in `text`, written into `out` (emptied first), searched in `lowered`, its
    /// ASCII-lowercased copy (which keeps every byte offset, so matches in `lowered` are
    /// matches in `text`).
    /// The units of `lowered` are left in `units` (see [`Units`]), or in a buffer of the
    /// thread's if `units` is `None`.
    pub(super) fn find(
        &self,
        lexicon: &Lexicon,
        text: &str,
        lowered: &str,
        units: Option<&mut Units>,
        out: &mut Vec<Mention>,
    ) {
        // The candidates' vectors are the thread's, kept from search to search: two new ones
        // per sentence were 7% of the allocations of a corpus run. (Fresh ones if a search runs
        // inside a search.)
        CANDIDATES.with(|kept| match kept.try_borrow_mut() {
            Ok(mut candidates) => {
                self.find_with(lexicon, text, lowered, units, &mut candidates, out)
            }
            Err(_) => self.find_with(lexicon, text, lowered, units, &mut Default::default(), out),
        })
    }

    fn find_with(
        &self,
        lexicon: &Lexicon,
        text: &str,
        lowered: &str,
        units: Option<&mut Units>,
        candidates: &mut Candidates,
        all: &mut Vec<Mention>,
    ) {
        for list in candidates.iter_mut() {
            list.clear();
        }
        let found = |start, end, pattern: usize| {
            let layers = self.layers[pattern];
            for (layer, list) in candidates.iter_mut().enumerate() {
                if layers & (1 << layer) != 0 {
                    list.push((start, end, pattern));
                }
            }
        };
        match units {
            Some(units) => self.trie.find_split(lowered, units, found),
            None => self.trie.find_all(lowered, found),
        }
        let [entity_candidates, qualifier_candidates] = candidates;
        // Both layers' picks go into one vector, the entities first: four vectors a sentence
        // (two picks, the filtered qualifiers, the joined list) were a tenth of the allocations
        // of reading a policy.
        all.clear();
        all.reserve(entity_candidates.len() + qualifier_candidates.len());
        self.select(Layer::Entity, entity_candidates, lexicon, text, all);
        let entities = all.len();
        self.select(Layer::Qualifier, qualifier_candidates, lexicon, text, all);
        // A qualifier inside a longer data or party mention is part of that mention.
        let mut kept = entities;
        for i in entities..all.len() {
            let q = all[i];
            let inside = all[..entities].iter().any(|e| {
                matches!(e.kind, MentionKind::Category(_) | MentionKind::Party(_))
                    && e.start <= q.start
                    && q.end <= e.end
                    && (e.end - e.start) > (q.end - q.start)
            });
            if !inside {
                all[kept] = q;
                kept += 1;
            }
        }
        all.truncate(kept);
        all.sort_by_key(|m| (m.start, m.end, m.kind));
    }

    /// Leftmost-longest selection among the matches of one layer, appended to `out`.
    fn select(
        &self,
        layer: Layer,
        candidates: &mut [(usize, usize, usize)],
        lexicon: &Lexicon,
        text: &str,
        out: &mut Vec<Mention>,
    ) {
        candidates.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut taken_until = 0;
        for &(start, end, pattern) in candidates.iter() {
            if start < taken_until {
                continue;
            }
            let Some((kinds, written)) = &self.targets[pattern][layer as usize] else {
                continue;
            };
            let matched = &text[start..end];
            let mut accepted = false;
            for &kind in kinds {
                if let MentionKind::Party(i) = kind
                    && !party_mention_ok(lexicon, i, written, text, start, end, matched)
                {
                    continue;
                }
                out.push(Mention { kind, start, end });
                accepted = true;
            }
            if accepted {
                taken_until = end;
            }
        }
    }
}

/// Company names must look like names: capitalised as written (or all caps), not inside a URL or
/// e-mail address, and, for names that are also common words, in a company context.
fn party_mention_ok(
    lexicon: &Lexicon,
    party: usize,
    written: &str,
    text: &str,
    start: usize,
    end: usize,
    matched: &str,
) -> bool {
    let first_written = written.chars().next();
    let first_matched = matched.chars().next();
    if first_written.is_some_and(char::is_uppercase)
        && !first_matched.is_some_and(char::is_uppercase)
    {
        return false;
    }
    // Inside a URL, domain or e-mail address: "www.google.com" names a site, not a recipient.
    // The whitespace may be multi-byte (U+00A0): step over the whole character.
    let token_start = text[..start]
        .char_indices()
        .rfind(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let token_end = text[end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| end + i);
    let token = &text[token_start..token_end];
    if token.contains("://") || token.contains("www.") || token.contains('@') {
        return false;
    }
    if text[end..].starts_with('.')
        && text[end + 1..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    {
        return false;
    }
    // Only the canonical name of an ambiguous party is a common word ("Adjust", "Square"); its
    // aliases ("Adjust GmbH", "Square, Inc.") are chosen to be unambiguous and need no context.
    let entry = &lexicon.parties[party];
    if !entry.ambiguous || !written.eq_ignore_ascii_case(&entry.name) {
        return true;
    }
    // Ambiguous names: must be capitalised as written mid-sentence and stand in a company context.
    if matched != written && matched.to_uppercase() != matched {
        return false;
    }
    let before = text[..start].trim_end();
    let before_lower = before.to_ascii_lowercase();
    const ABBREVIATIONS: [&str; 4] = ["e.g.", "i.e.", "e.g.,", "i.e.,"];
    let after_abbreviation = ABBREVIATIONS.iter().any(|a| before_lower.ends_with(a));
    if before.is_empty() || (before.ends_with(['.', '!', '?', ':', ';']) && !after_abbreviation) {
        return false;
    }
    let after = text[end..].trim_start();
    // A capitalised word or a number before the name makes it part of a longer proper noun or an
    // address ("Trolley Square", "Social Impact Inc.", "Hongdae Branch"): not the company.
    let prev_token = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let prev_is_separator =
        prev_token.ends_with([',', '(', ';', '/', '&']) || prev_token.is_empty();
    if !prev_is_separator
        && prev_token
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    {
        return false;
    }
    let after_word: String = after
        .chars()
        .skip_while(|c| *c == '\'' || *c == '’')
        .take_while(|c| c.is_alphanumeric())
        .collect();
    const NEXT: [&str; 14] = [
        "Inc",
        "LLC",
        "Ltd",
        "SDK",
        "SDKs",
        "Corporation",
        "Corp",
        "Technologies",
        "GmbH",
        "Limited",
        "s",
        "Analytics",
        "and",
        "or",
    ];
    if NEXT.contains(&after_word.as_str()) {
        return true;
    }
    // A common noun after an article ("an Insider"), or a label before a number or letter
    // ("Block E", "Piano 1"): not the company.
    const ARTICLES: [&str; 9] = [
        "a", "an", "the", "this", "that", "each", "every", "your", "my",
    ];
    if ARTICLES.iter().any(|a| prev_token.eq_ignore_ascii_case(a)) {
        return false;
    }
    let next_token = after.split(char::is_whitespace).next().unwrap_or("");
    let next_is_label = next_token
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit())
        || (after_word.chars().count() == 1 && after_word.chars().all(char::is_uppercase));
    if next_is_label {
        return false;
    }
    // A list item, a parenthesis, a label before a colon, a link to the company's own pages.
    if after.starts_with([',', ')', ':']) || after.starts_with("http") || after.starts_with("(http")
    {
        return true;
    }
    const PREV: [&str; 27] = [
        ",",
        "(",
        ")",
        "•",
        " and",
        " or",
        "such as",
        "including",
        " by",
        " with",
        " to",
        " from",
        " use",
        " uses",
        " like",
        " via",
        " namely",
        " through",
        " using",
        " provide",
        " provides",
        " share",
        " shares",
        " send",
        " give",
        " disclose",
        " engage",
    ];
    after_abbreviation || PREV.iter().any(|p| before_lower.ends_with(p))
}
