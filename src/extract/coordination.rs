//! Modifiers coordinated before one head noun: "contact and demographic information", "combined
//! personal, demographic, behavioral or indirect information". The lexicon knows "contact
//! information" and "personal information", but in the text only the last modifier stands next
//! to the noun, so its search finds the last conjunct alone. This module gives each earlier
//! modifier the mention its phrase with the head would have ("contact" + "information"). It
//! reads tokens and asks the lexicon; it makes no items and knows no verbs (that is clause.rs's).

use crate::extract::tokens::{DETERMINERS, Token};
use crate::lexicon::{Lexicon, Mention, MentionKind};

/// Nouns that data modifiers share ("… and demographic information", "… or usage data").
const HEADS: [&str; 4] = ["information", "data", "details", "info"];

/// Words joining two modifiers of the same noun.
const JOINERS: [&str; 5] = ["and", "or", "and/or", "&", "/"];

/// The data mentions of the modifiers coordinated before each head noun of `tokens`, appended
/// to `mentions` (kept ordered by start, then end): a modifier gets one when the lexicon has
/// the modifier and the head together as a data phrase, and no mention covers it already.
pub(crate) fn shared_heads(tokens: &[Token], lexicon: &Lexicon, mentions: &mut Vec<Mention>) {
    let before = mentions.len();
    for h in 2..tokens.len() {
        let head = &tokens[h];
        // Asked of every token of most sentences: the length first ("info", "data", "details",
        // "information"), and a joiner must stand before the last modifier.
        if !matches!(head.lower.len(), 4 | 7 | 11)
            || !head.is_any(&HEADS)
            || !(tokens[h - 2].is(",") || tokens[h - 2].is_any(&JOINERS))
        {
            continue;
        }
        let list = modifiers(tokens, h);
        // "to contact or give information": verbs sharing an object, no modifiers.
        let found = &mentions[..before];
        let verbs = list
            .iter()
            .any(|&w| covered(found, &tokens[w], |k| matches!(k, MentionKind::Verb(_))));
        let infinitive = list
            .last()
            .is_some_and(|&first| first > 0 && tokens[first - 1].is("to"));
        if verbs || infinitive {
            continue;
        }
        for w in list {
            let t = &tokens[w];
            let named = covered(&mentions[..before], t, |k| {
                matches!(
                    k,
                    MentionKind::Category(_) | MentionKind::Party(_) | MentionKind::Class(_)
                )
            });
            if named {
                continue;
            }
            let phrase = format!("{} {}", t.lower, head.lower);
            let whole = lexicon
                .find_lowered(&phrase, &phrase)
                .into_iter()
                .find(|m| {
                    m.start == 0
                        && m.end == phrase.len()
                        && matches!(m.kind, MentionKind::Category(_))
                });
            if let Some(m) = whole {
                mentions.push(Mention {
                    kind: m.kind,
                    start: t.start,
                    end: t.end,
                });
            }
        }
    }
    if mentions.len() > before {
        mentions.sort_by_key(|m| (m.start, m.end, m.kind));
    }
}

/// Whether one of `mentions` of a kind `of` accepts overlaps token `t`.
fn covered(mentions: &[Mention], t: &Token, of: impl Fn(MentionKind) -> bool) -> bool {
    mentions
        .iter()
        .any(|m| m.start < t.end && t.start < m.end && of(m.kind))
}

/// The modifiers coordinated before the head at `h`, last first; empty unless there are two at
/// least ("A and B information", "A, B, or C information"). Each is one word of letters (and
/// hyphens); a determiner or a word that is not joined ends the list. A list of nouns before
/// the head ("your name, email and contact information") is walked too, but its nouns are
/// mentions of their own already, or make no data phrase with the head ("email information").
fn modifiers(tokens: &[Token], h: usize) -> Vec<usize> {
    let word = |t: &Token| {
        !t.lower.is_empty()
            && t.lower
                .bytes()
                .all(|b| b.is_ascii_alphabetic() || b == b'-')
            && !t.is_any(&DETERMINERS)
            && !t.is_any(&JOINERS)
    };
    let last = h - 1;
    if !word(&tokens[last]) {
        return Vec::new();
    }
    let mut found = vec![last];
    let mut j = last;
    loop {
        // The joiner before modifier `j`: "and", "or", ",", ", and", ", or".
        let mut k = j;
        if k > 0 && tokens[k - 1].is_any(&JOINERS) {
            k -= 1;
            if k > 0 && tokens[k - 1].is(",") {
                k -= 1;
            }
        } else if k > 0 && tokens[k - 1].is(",") {
            k -= 1;
        } else {
            break;
        }
        if k == 0 || !word(&tokens[k - 1]) {
            break;
        }
        j = k - 1;
        found.push(j);
    }
    if found.len() < 2 {
        found.clear();
    }
    found
}
