//! Reading one sentence: mentions → items → clauses → frames.
//!
//! The rules are about English grammar, not about any one policy: a verb's family (disclose or
//! collect), its voice (passive "is processed by X"), its subject (the nearest actor before it),
//! its recipients ("with"/"to" groups after it), its sources ("from" groups), negation scope
//! (coordinated verbs share it; a conditional clause's "not" does not reach the main clause), and
//! exceptions that turn "we do not share … without your consent" into sharing with consent.

use crate::extract::context::Context;
use crate::extract::coordination;
use crate::extract::frame::{DataRef, Frame, PartyRef};
use crate::extract::lowercase;
use crate::extract::tokens::{
    BE, DETERMINERS, FIRST_PERSON, FUNCTION_WORDS, Token, in_opt_out_name, is_adverb, is_list_glue,
    is_negation, opt_out_name_at, tokens,
};
use crate::extract::{Action, PartyKind, Polarity};
use crate::lexicon::{Mention, MentionKind, Units, VerbFamily};

/// What the sentence contributes: its frames and what later sentences may refer back to.
#[derive(Debug, Default, Clone)]
pub(crate) struct Reading<'a> {
    pub frames: Vec<Frame<'a>>,
    pub parties: Vec<PartyRef<'a>>,
    pub data: Vec<DataRef<'a>>,
    pub purposes: Vec<&'a str>,
    pub conditions: Vec<&'a str>,
    /// Defined terms ("Log Data", "PII") with the data categories they stand for.
    pub definitions: Vec<(&'a str, Vec<DataRef<'a>>)>,
    /// The sentence has a verb of its own (even if it yielded no frame): it does not continue
    /// the sentence or list lead-in before it.
    pub has_verb: bool,
}

#[derive(Debug, Clone)]
enum ItemKind<'a> {
    Data(Vec<DataRef<'a>>),
    Party(PartyRef<'a>),
    FirstParty,
    User,
    /// "they", "them": parties of the previous sentence.
    PartyPronoun,
    /// Family, participle form, lemma.
    Verb(VerbFamily, bool, &'a str),
    Purpose(&'a str),
    Condition(&'a str),
}

#[derive(Debug, Clone)]
struct Item<'a> {
    kind: ItemKind<'a>,
    /// Token range.
    t0: usize,
    t1: usize,
}

/// Parties standing together as one list ("Google, Facebook or Twitter").
#[derive(Debug, Clone)]
struct Group<'a> {
    t0: usize,
    t1: usize,
    parties: Vec<PartyRef<'a>>,
    /// The preposition that governs the group, if any ("with", "to", "by", "from"…).
    prep: Option<&'static str>,
}

/// The prepositions that may govern a party group.
const GOVERNING: [&str; 10] = [
    "with", "to", "by", "from", "through", "via", "among", "using", "use", "uses",
];

/// Glue that introduces examples of what precedes it ("providers such as A, B", "provider – A").
fn introduces_examples(between: &[Token]) -> bool {
    between.iter().any(|t| {
        t.is_any(&[
            "such",
            "including",
            "(",
            "–",
            "—",
            "-",
            "like",
            "e.g",
            "namely",
        ])
    })
}

/// Named examples are more specific than the class they illustrate: "service providers (such as
/// Google Analytics)" yields Google Analytics, not also "service providers".
fn drop_exemplified_classes(parties: &mut Vec<PartyRef>, exemplified: &[&str]) {
    if parties.iter().any(|p| p.kind == PartyKind::Named) {
        parties.retain(|p| !(p.kind == PartyKind::Class && exemplified.contains(&p.name)));
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Actor<'a> {
    FirstParty,
    User,
    /// Parties, and whether the vendor acts beside them.
    Parties(Vec<PartyRef<'a>>, bool),
    /// No subject in the clause (an infinitive, a passive without agent): the policy's own voice.
    None,
    /// A subject the lexicon does not know ("the others", "its owner"): nobody we can name.
    Unknown,
}

/// Auxiliaries and modals between a subject and its verb.
const AUXILIARIES: [&str; 22] = [
    "may", "might", "can", "could", "will", "would", "shall", "should", "must", "do", "does",
    "did", "not", "never", "also", "be", "able", "have", "has", "had", "need", "needs",
];

/// Words for the user, and pronouns for the parties of the sentence before ("they", "them").
const USER: [&str; 3] = ["you", "users", "user"];
const PARTY_PRONOUNS: [&str; 2] = ["they", "them"];

/// The first bytes of the words of `lists`.
const fn first_bytes(lists: &[&[&str]]) -> [bool; 256] {
    let mut starts = [false; 256];
    let mut i = 0;
    while i < lists.len() {
        let mut j = 0;
        while j < lists[i].len() {
            if let Some(&b) = lists[i][j].as_bytes().first() {
                starts[b as usize] = true;
            }
            j += 1;
        }
        i += 1;
    }
    starts
}

/// The first bytes of the pronouns items are made of: a token that starts otherwise is none of
/// them, and each uncovered token was compared with all 13 (1% of a corpus run's instructions).
const PRONOUN_STARTS: [bool; 256] = first_bytes(&[&FIRST_PERSON, &USER, &PARTY_PRONOUNS]);

/// The root category: "personal information" means all of it, whatever examples a policy gives.
pub(crate) const GENERIC: &str = "personal-information";

/// The condition of aggregated or de-identified data, and the words that make a data mention
/// after them so ("aggregated usage data", "anonymous demographic information").
pub(crate) const AGGREGATED_CONDITION: &str = "aggregated";
const AGGREGATED: [&str; 10] = [
    "aggregated",
    "aggregate",
    "anonymized",
    "anonymised",
    "anonymous",
    "de-identified",
    "deidentified",
    "pseudonymized",
    "pseudonymised",
    "pseudonymous",
];

/// The condition of a denial whose exceptions the policy tells elsewhere ("except as described
/// below"): see `conditions.csv`.
pub(crate) const POLICY_EXCEPTIONS: &str = "policy-exceptions";

/// The reach of a policy, which a negation before it denies ("this policy does not apply to
/// information collected by advertisers"): see `Sentence::not_a_practice`.
const SCOPE: [&str; 8] = [
    "apply", "applies", "cover", "covers", "extend", "extends", "govern", "governs",
];

/// Whether `t` is the word a negation stands before, not an adverb or auxiliary passed on the
/// way ("not directly share", "will not be shared", "does not have control"). "Apply" ends in
/// "ly" and is no adverb.
fn not_skipped_after_negation(t: &Token) -> bool {
    t.is_any(&SCOPE) || !is_adverb(t) && !t.is_any(&BE) && !t.is_any(&["have", "has"])
}

/// Other words a negation stands before that make it deny something else than the practice
/// after them: a control, a responsibility, an intended use or a guarantee ("we have no control
/// over what they collect", "not intended for use by children under 13", "we cannot guarantee
/// that your data will never be accessed")…
const NOT_IN_CONTROL: [&str; 13] = [
    "control",
    "responsible",
    "responsibility",
    "liable",
    "liability",
    "subject",
    "directed",
    "intended",
    "guarantee",
    "assure",
    "ensure",
    "warrant",
    "promise",
];

/// … or an identification, an exclusion or a prohibition ("information that does not
/// identify you may be shared", "(not including your name)", "to the extent not prohibited by
/// law, we may disclose").
const NOT_IDENTIFYING: [&str; 10] = [
    "identify",
    "identifies",
    "identifiable",
    "identified",
    "linked",
    "associated",
    "relate",
    "relates",
    "including",
    "prohibited",
];
fn token_at(tokens: &[Token], byte: usize) -> usize {
    tokens.partition_point(|t| t.start < byte)
}

/// [`token_at`] by stepping on from token `from`, every token before which starts before
/// `byte`: cheaper than halving when the answer is a token or two away.
fn token_at_from(tokens: &[Token], from: usize, byte: usize) -> usize {
    from + tokens[from..].iter().take_while(|t| t.start < byte).count()
}

const IRREGULAR_PARTICIPLES: [&str; 12] = [
    "sold", "sent", "given", "made", "held", "kept", "taken", "known", "seen", "set", "read", "put",
];

/// `lower`: a verb phrase as written, lowercased ("shared", "given to").
fn is_participle(lower: &str) -> bool {
    // The bytes after the last space, by a plain loop: `rsplit(' ')` set up a char searcher.
    let after_space = lower.bytes().rposition(|b| b == b' ').map_or(0, |i| i + 1);
    let last = &lower[after_space..];
    last.ends_with("ed") || IRREGULAR_PARTICIPLES.contains(&last)
}

/// Room a sentence's reading needs, kept by the caller from sentence to sentence and reused: the
/// split into units (for the lexicon search and the tokens), the mentions, tokens, items and
/// clauses, and which tokens a mention covers. (Made fresh for every sentence, these were a
/// fifth of the allocations of reading a policy.)
#[derive(Default)]
pub(crate) struct Scratch {
    units: Units,
    mentions: Vec<Mention>,
    /// Empty between sentences; `'static` only so that they can be kept (see [`recycle`]).
    tokens: Vec<Token<'static>>,
    items: Vec<Item<'static>>,
    clauses: Vec<(usize, usize, bool)>,
    covered: Vec<bool>,
}

/// `v`, emptied, as a vector of another type of the same size and alignment: the allocation is
/// kept (std collects an emptied vector's `into_iter` into its own buffer, and no value of `T`
/// becomes a `U`). This is how a vector of borrowing tokens outlives the sentence they borrow.
fn recycle<T, U>(mut v: Vec<T>) -> Vec<U> {
    v.clear();
    v.into_iter().filter_map(|_| None).collect()
}

/// `lowered` is `text.to_ascii_lowercase()`: one lowered copy for the lexicon search, the
/// tokens' lower forms and the caller's sentence-level cues.
pub(crate) fn read_sentence<'a>(
    text: &'a str,
    lowered: &str,
    ctx: &Context<'_, 'a>,
    scratch: &mut Scratch,
) -> Reading<'a> {
    let mut mentions = std::mem::take(&mut scratch.mentions);
    ctx.lexicon
        .find_split(text, lowered, &mut scratch.units, &mut mentions);
    // No data, party, verb, purpose or condition the lexicon knows and no defined term: the
    // sentence says nothing we read and leaves nothing for the next one to refer back to.
    // (28% of the sentences of 40 apps-2024 policies; tokenizing them was wasted.)
    let reading = if mentions.is_empty() && ctx.term_occurrences(text).is_empty() {
        Reading::default()
    } else {
        let mut spare = String::new();
        let tokens = tokens(
            text,
            lowered,
            &scratch.units,
            &mut spare,
            recycle(std::mem::take(&mut scratch.tokens)),
        );
        coordination::shared_heads(&tokens, ctx.lexicon, &mut mentions);
        let items = items(
            text,
            lowered,
            &tokens,
            &mentions,
            ctx,
            &mut scratch.covered,
            recycle(std::mem::take(&mut scratch.items)),
        );
        let reading = read_items(text, ctx, &tokens, &items, &mut scratch.clauses);
        scratch.items = recycle(items);
        scratch.tokens = recycle(tokens);
        reading
    };
    scratch.mentions = mentions;
    reading
}

/// The reading of a sentence the lexicon found something in, from its tokens and items.
/// `clauses` is room for the clause boundaries.
fn read_items<'a>(
    text: &'a str,
    ctx: &Context<'_, 'a>,
    tokens: &[Token],
    items: &[Item<'a>],
    clauses: &mut Vec<(usize, usize, bool)>,
) -> Reading<'a> {
    let mut reading = Reading::default();
    for item in items {
        match &item.kind {
            ItemKind::Data(d) => extend_unique(&mut reading.data, d.iter().copied()),
            ItemKind::Party(p) => extend_unique(&mut reading.parties, [*p]),
            ItemKind::Purpose(p) => extend_unique(&mut reading.purposes, [*p]),
            ItemKind::Condition(c) => extend_unique(&mut reading.conditions, [*c]),
            _ => {}
        }
    }
    reading.definitions = definitions(text, tokens, items);
    // A use that only says what data could do ("data that can be used to identify you") is no
    // verb of the sentence: a list item of such words still continues its lead-in ("We collect
    // the following categories:").
    reading.has_verb = items.iter().any(|i| match i.kind {
        ItemKind::Verb(_, _, lemma) => lemma != "use" || !identifying(tokens, i),
        _ => false,
    });
    if !reading.has_verb {
        // Frames come from verbs: a sentence without one (a third of those read: list items,
        // headings, definitions) contributes only what it names.
        return reading;
    }
    let groups = groups(tokens, items);
    clause_bounds(tokens, clauses);
    let sentence = Sentence {
        text,
        tokens,
        items,
        groups: &groups,
        ctx,
    };
    let mut frames = Vec::new();
    let mut antecedent: Vec<DataRef> = Vec::new();
    let mut antecedent_parties: Vec<PartyRef> = Vec::new();
    for &(c0, c1, relative) in clauses.iter() {
        let data = sentence.data_in(c0, c1);
        let clause_frames =
            sentence.clause(c0, c1, relative, &data, &antecedent, &antecedent_parties);
        frames.extend(clause_frames);
        if !data.is_empty() {
            antecedent = data;
        }
        let parties: Vec<PartyRef> = groups
            .iter()
            .filter(|g| g.t0 >= c0 && g.t1 <= c1)
            .flat_map(|g| g.parties.iter().copied())
            .collect();
        if !parties.is_empty() {
            antecedent_parties = parties;
        }
    }
    reading.frames = frames;
    reading
}

/// "information that can be used to identify you", "any data which may reasonably be used
/// to contact you": what data could do, which defines it; no one uses it here.
fn identifying(tokens: &[Token], verb: &Item) -> bool {
    const IDENTIFY: [&str; 8] = [
        "identify",
        "contact",
        "locate",
        "recognize",
        "recognise",
        "reach",
        "trace",
        "single",
    ];
    let after = &tokens[verb.t1.min(tokens.len())..];
    if !(after.len() > 1 && after[0].is("to") && after[1].is_any(&IDENTIFY)) {
        return false;
    }
    // Back over "be", adverbs and a modal to the relative pronoun.
    let before = &tokens[..verb.t0];
    let mut steps = before
        .iter()
        .rev()
        .skip_while(|t| is_adverb(t) || t.is_any(&["be", "or", "directly", "indirectly"]));
    steps
        .next()
        .is_some_and(|t| t.is_any(&["can", "could", "may", "might"]))
        && steps
            .find(|t| !is_adverb(t))
            .is_some_and(|t| t.is_any(&["that", "which"]))
}

pub(crate) fn extend_unique<T: PartialEq>(list: &mut Vec<T>, items: impl IntoIterator<Item = T>) {
    for i in items {
        if !list.contains(&i) {
            list.push(i);
        }
    }
}

/// Lexicon mentions, defined terms, first-party and user references, as token-ranged items.
fn items<'a>(
    text: &'a str,
    lowered: &str,
    tokens: &[Token],
    mentions: &[Mention],
    ctx: &Context<'_, 'a>,
    covered: &mut Vec<bool>,
    mut items: Vec<Item<'a>>,
) -> Vec<Item<'a>> {
    let lexicon = ctx.lexicon;
    items.clear();
    items.reserve(mentions.len() + 4);
    covered.clear();
    covered.resize(tokens.len(), false);
    // The first token at or after the last mention's start. The mentions come in order of
    // their starts, so each one's first token is found by moving on from there, and its end by
    // stepping over the few tokens it spans: two searches by halving per mention were 14 M
    // instructions over apps-2024.
    let mut first = 0;
    // The "aggregated" before a data mention, made part of it (their condition items go).
    let mut aggregation_words: Vec<usize> = Vec::new();
    for &m in mentions {
        if first > 0 && tokens[first - 1].start >= m.start {
            first = token_at(tokens, m.start);
        }
        first = token_at_from(tokens, first, m.start);
        let t0 = first;
        let t1 = token_at_from(tokens, t0, m.end);
        if t0 >= t1 {
            continue;
        }
        let written = &text[m.start..m.end];
        let mut item_t0 = t0;
        let kind = match m.kind {
            // "information that is not considered PII": what the data is not.
            MentionKind::Category(_)
                if t0 > 0
                    && (tokens[t0 - 1].is_any(&["not", "non"])
                        || (t0 > 1
                            && tokens[t0 - 1].is_any(&["considered", "deemed"])
                            && tokens[t0 - 2].is("not"))) =>
            {
                continue;
            }
            // "under the age of 13" states a threshold, not data that flows.
            MentionKind::Category(_)
                if tokens.get(t1).is_some_and(|t| t.is("of"))
                    && tokens
                        .get(t1 + 1)
                        .is_some_and(|t| t.lower.starts_with(|c: char| c.is_ascii_digit())) =>
            {
                continue;
            }
            MentionKind::Category(i) => {
                let c = &lexicon.categories[i];
                // "aggregated demographic information": demographic information, aggregated. The
                // modifier is the data's, not a condition of the whole sentence ("IP addresses
                // and aggregated usage data" does not aggregate the IP addresses).
                let aggregated = t0 > 0 && tokens[t0 - 1].is_any(&AGGREGATED);
                let written = if aggregated {
                    aggregation_words.push(t0 - 1);
                    item_t0 = t0 - 1;
                    &text[tokens[t0 - 1].start..m.end]
                } else {
                    written
                };
                let mut refs = vec![DataRef {
                    id: &c.id,
                    text: written,
                    aggregated,
                }];
                // A term this policy defined ("Log Data may include …") also stands for its members;
                // "other PII" is what is left besides them.
                let other = t0 > 0 && tokens[t0 - 1].is_any(&["other", "additional", "any"]);
                if let Some(members) = ctx.term(written).filter(|_| !other) {
                    extend_unique(&mut refs, members.iter().copied());
                }
                ItemKind::Data(refs)
            }
            MentionKind::Party(i) => {
                let p = &lexicon.parties[i];
                if ctx.is_vendor(&p.name) || ctx.is_vendor(written) {
                    ItemKind::FirstParty
                } else {
                    ItemKind::Party(PartyRef {
                        name: &p.name,
                        kind: PartyKind::Named,
                        role: &p.role,
                        parent: p.parent.as_deref().unwrap_or_default(),
                        text: written,
                    })
                }
            }
            // "our employees", "our staff": people of the first party, not a third party.
            MentionKind::Class(i) if lexicon.classes[i].role == "internal" => ItemKind::FirstParty,
            // "OBD Auto Doctor", "Sponsor XYZ Partners": a class word inside a capitalised name.
            MentionKind::Class(_)
                if written.starts_with(|c: char| c.is_uppercase())
                    && t0 > 0
                    && tokens[t0 - 1].lower.chars().all(char::is_alphanumeric)
                    && text[tokens[t0 - 1].start..].starts_with(|c: char| c.is_uppercase())
                    && !tokens[t0 - 1]
                        .is_any(&["our", "the", "third", "3rd", "party", "other", "we"]) =>
            {
                continue;
            }
            MentionKind::Class(i) => ItemKind::Party(PartyRef::class(&lexicon.classes[i], written)),
            MentionKind::Verb(i) => {
                let t = &tokens[t0];
                // "our use of cookies", "the sharing of data": a noun, not a verb.
                let noun = (t0 > 0 && tokens[t0 - 1].is_any(&DETERMINERS))
                    || tokens.get(t1).is_some_and(|n| n.is("of")) && !t.lower.ends_with("ing");
                // "Do Not Sell My Personal Information": the name of a link.
                if noun || in_opt_out_name(tokens, text, t0) {
                    continue;
                }
                let participle = is_participle(&lowercase(written, &lowered[m.start..m.end]));
                ItemKind::Verb(lexicon.verbs[i].family, participle, &lexicon.verbs[i].lemma)
            }
            MentionKind::Purpose(i) => ItemKind::Purpose(&lexicon.purposes[i].id),
            MentionKind::Condition(i) => ItemKind::Condition(&lexicon.conditions[i].id),
        };
        if !matches!(kind, ItemKind::Purpose(_) | ItemKind::Condition(_)) {
            covered[item_t0..t1].iter_mut().for_each(|c| *c = true);
        }
        items.push(Item {
            kind,
            t0: item_t0,
            t1,
        });
    }
    // Terms the policy defined that the lexicon does not know ("Service Information", "Mobile IDs").
    for (start, end, members) in ctx.term_occurrences(text) {
        let (t0, t1) = (token_at(tokens, start), token_at(tokens, end));
        if t0 >= t1 || covered[t0..t1].iter().any(|&c| c) || !at_word_edges(text, start, end) {
            continue;
        }
        covered[t0..t1].iter_mut().for_each(|c| *c = true);
        items.push(Item {
            kind: ItemKind::Data(members.clone()),
            t0,
            t1,
        });
    }
    for (i, t) in tokens.iter().enumerate() {
        if covered[i] {
            continue;
        }
        let pronoun = t
            .lower
            .as_bytes()
            .first()
            .is_some_and(|&b| PRONOUN_STARTS[usize::from(b)]);
        let kind = if pronoun && t.is_any(&FIRST_PERSON) || ctx.is_vendor_at(text, t.start, t.end) {
            ItemKind::FirstParty
        } else if pronoun && t.is_any(&USER) {
            ItemKind::User
        } else if pronoun && t.is_any(&PARTY_PRONOUNS) {
            ItemKind::PartyPronoun
        } else {
            continue;
        };
        items.push(Item {
            kind,
            t0: i,
            t1: i + 1,
        });
    }
    if !aggregation_words.is_empty() {
        aggregate_lists(tokens, &aggregation_words, &mut items);
    }
    // "except as set forth below", "except as provided in this policy": a verb inside such a
    // phrase is the phrase's, no practice. (Not so in "if you choose to share": a consent.)
    let exceptions: Vec<(usize, usize)> = items
        .iter()
        .filter(|c| matches!(c.kind, ItemKind::Condition(id) if id == POLICY_EXCEPTIONS))
        .map(|c| (c.t0, c.t1))
        .collect();
    if !exceptions.is_empty() {
        items.retain(|v| {
            !matches!(v.kind, ItemKind::Verb(..))
                || !exceptions.iter().any(|&(t0, t1)| t0 <= v.t0 && v.t1 <= t1)
        });
    }
    items.sort_by_key(|i| (i.t0, i.t1));
    items
}

/// The "aggregated" at each of `words` is its data mention's, and the mentions joined to it by
/// a list ("anonymous click stream and demographic information", "de-identified device data,
/// usage data, and model data", examples after "such as"), not a condition of the sentence:
/// "IP addresses, device data and aggregated usage data" leaves the IP addresses as they are.
/// The items of its condition go.
fn aggregate_lists(tokens: &[Token], words: &[usize], items: &mut Vec<Item>) {
    items.retain(|i| {
        !(matches!(i.kind, ItemKind::Condition(AGGREGATED_CONDITION)) && words.contains(&i.t0))
    });
    let mut data: Vec<&mut Item> = items
        .iter_mut()
        .filter(|i| matches!(i.kind, ItemKind::Data(_)))
        .collect();
    data.sort_by_key(|i| i.t0);
    let mut open_until: Option<usize> = None;
    for item in data {
        let starts_list = words.contains(&item.t0);
        // Its examples are as aggregated: "anonymous technical information, such as browser type".
        let joined = open_until
            .is_some_and(|end| end <= item.t0 && tokens[end..item.t0].iter().all(is_list_glue));
        if !starts_list && !joined {
            open_until = None;
            continue;
        }
        if let ItemKind::Data(refs) = &mut item.kind {
            refs.iter_mut().for_each(|r| r.aggregated = true);
        }
        open_until = Some(item.t1);
    }
}

fn at_word_edges(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Adjacent party mentions joined only by list glue form one group.
fn groups<'a>(tokens: &[Token], items: &[Item<'a>]) -> Vec<Group<'a>> {
    let mut groups: Vec<Group> = Vec::new();
    let mut exemplified: Vec<Vec<&str>> = Vec::new();
    for item in items {
        let ItemKind::Party(p) = &item.kind else {
            continue;
        };
        let count = groups.len();
        if let Some(last) = groups.last_mut() {
            let between = &tokens[last.t1.min(item.t0)..item.t0];
            let only_glue = between.len() <= 6
                && between
                    .iter()
                    .all(|t| is_list_glue(t) || t.is_any(&["–", "—", "-"]));
            let interrupted = items.iter().any(|o| {
                o.t0 >= last.t1 && o.t1 <= item.t0 && !matches!(o.kind, ItemKind::Party(_))
            });
            if only_glue && !interrupted {
                if introduces_examples(between) && p.kind == PartyKind::Named {
                    let heads: Vec<&str> = last
                        .parties
                        .iter()
                        .filter(|q| q.kind == PartyKind::Class)
                        .map(|q| q.name)
                        .collect();
                    extend_unique(&mut exemplified[count - 1], heads);
                }
                last.t1 = item.t1;
                extend_unique(&mut last.parties, [*p]);
                continue;
            }
        }
        exemplified.push(Vec::new());
        groups.push(Group {
            t0: item.t0,
            t1: item.t1,
            parties: vec![*p],
            prep: None,
        });
    }
    for (g, heads) in groups.iter_mut().zip(&exemplified) {
        drop_exemplified_classes(&mut g.parties, heads);
        // The governing preposition: the nearest one before the group, within a short window.
        let from = g.t0.saturating_sub(6);
        g.prep = tokens[from..g.t0]
            .iter()
            .rev()
            .find_map(|t| GOVERNING.iter().copied().find(|p| t.is(p)));
    }
    groups
}

/// Clause boundaries, written into `out` (emptied first): `;`, contrastive conjunctions, and
/// relative pronouns (marked `true`).
fn clause_bounds(tokens: &[Token], out: &mut Vec<(usize, usize, bool)>) {
    out.clear();
    let mut start = 0;
    let mut relative = false;
    for (i, t) in tokens.iter().enumerate() {
        let boundary = t.is_any(&[";", "but", "however", "whereas", "although"]);
        let rel = t.is_any(&["which", "who", "whom"]);
        if (boundary || rel) && i > start {
            out.push((start, i, relative));
            start = i;
            relative = rel;
        }
    }
    out.push((start, tokens.len(), relative));
}

/// `… credit card information (“PII”)` and `Log Data may include …`: terms the policy defines.
fn definitions<'a>(
    text: &'a str,
    tokens: &[Token],
    items: &[Item<'a>],
) -> Vec<(&'a str, Vec<DataRef<'a>>)> {
    let mut out = Vec::new();
    let data_between = |a: usize, b: usize| -> Vec<DataRef<'a>> {
        let mut refs = Vec::new();
        for i in items.iter().filter(|i| i.t0 >= a && i.t1 <= b) {
            if let ItemKind::Data(d) = &i.kind {
                extend_unique(&mut refs, d.iter().copied());
            }
        }
        refs
    };
    // Parenthesised quoted terms (most sentences have no parenthesis: one search of the bytes
    // rather than a test of every token).
    if memchr::memchr(b'(', text.as_bytes()).is_some() {
        for (i, t) in tokens.iter().enumerate() {
            if !t.is("(") {
                continue;
            }
            let Some(close) = tokens[i..].iter().position(|t| t.is(")")).map(|p| p + i) else {
                continue;
            };
            let inner = &text[t.end..tokens[close].start];
            let Some(term) = quoted_term(inner) else {
                continue;
            };
            // Members: data mentioned since the last verb (or clause start) before the
            // parenthesis.
            let start = items
                .iter()
                .filter(|it| it.t1 <= i && matches!(it.kind, ItemKind::Verb(..)))
                .map(|it| it.t1)
                .next_back()
                .unwrap_or(0);
            let members = data_between(start, i);
            if !members.is_empty() {
                out.push((term, members));
            }
        }
    }
    // "X may include / includes / consists of …", "“Personal Information” is information about
    // you …, including your name, email address …" at the start of a sentence.
    if let Some(first) = items.first()
        && let ItemKind::Data(_) = &first.kind
    {
        let head = &tokens[first.t1.min(tokens.len())..];
        let verb = head.iter().take(4).position(|t| {
            t.is_any(&[
                "include",
                "includes",
                "consists",
                "means",
                "comprises",
                "is",
                "are",
                "refers",
            ])
        });
        // "A cookie is a file with a unique identifier" describes, it does not define: with "is",
        // only a term written as one (capitalised or quoted) followed by a list defines.
        let copula = verb.is_some_and(|v| head[v].is_any(&["is", "are", "refers"]));
        let term_words: Vec<&str> = text[tokens[first.t0].start..tokens[first.t1 - 1].end]
            .split_whitespace()
            .collect();
        let title_case = term_words
            .iter()
            .all(|w| w.starts_with(|c: char| c.is_uppercase()));
        let written_as_term = (first.t0 > 0 && tokens[first.t0 - 1].is_any(&["\"", "“", "'"]))
            || (title_case && (term_words.len() > 1 || first.t0 > 0));
        let listed = tokens[first.t1..]
            .iter()
            .any(|t| t.is_any(&["including", "such", ":"]));
        if let Some(v) = verb.filter(|_| first.t0 <= 2 && (!copula || (written_as_term && listed)))
        {
            let after = first.t1 + v + 1;
            // With "is/means …, including …", the members follow the "including".
            let from = tokens[after..]
                .iter()
                .position(|t| t.is_any(&["including", "include", "includes", "such", ":"]))
                .map_or(after, |p| after + p + 1);
            let mut members = data_between(from, tokens.len());
            members.retain(|m| m.id != GENERIC);
            let term = &text[tokens[first.t0].start..tokens[first.t1 - 1].end];
            if !members.is_empty() {
                out.push((term, members));
            }
        }
    }
    out
}

/// `“PII”`, `collectively, "Mobile IDs"`, `each, an “SNS Account”` → the quoted term.
fn quoted_term(inner: &str) -> Option<&str> {
    let open = inner.find(['"', '“', '\''])?;
    let rest = &inner[open + inner[open..].chars().next()?.len_utf8()..];
    let close = rest.find(['"', '”', '\''])?;
    let term = rest[..close].trim();
    let words = term.split_whitespace().count();
    (words > 0 && words <= 4 && term.chars().next().is_some_and(char::is_alphanumeric))
        .then_some(term)
}

/// A sentence being read, borrowed for `'s`; what it refers to lives for `'a`.
struct Sentence<'s, 'a> {
    text: &'a str,
    tokens: &'s [Token<'s>],
    items: &'s [Item<'a>],
    groups: &'s [Group<'a>],
    ctx: &'s Context<'s, 'a>,
}

impl<'a> Sentence<'_, 'a> {
    /// Token ranges that exclude data: "(not including your name, address …)", "other than your
    /// email address", "excluding …" — up to the closing parenthesis or the end of the clause.
    fn excluded(&self, c0: usize, c1: usize) -> Vec<(usize, usize)> {
        let t = self.tokens;
        let mut out = Vec::new();
        for i in c0..c1 {
            // "Except as described above, we share …", "except with your consent": an
            // exception of circumstances excludes no data ("except for your name" does).
            let circumstances = || {
                t.get(i + 1).is_some_and(|n| {
                    n.is_any(&[
                        "as", "in", "when", "where", "if", "to", "that", "with", "under", "at",
                        "upon",
                    ])
                })
            };
            let cue = t[i].is("excluding")
                || t[i].is("except") && !circumstances()
                || (t[i].is("including") && i > 0 && t[i - 1].is("not"))
                || (t[i].is("than") && i > 0 && t[i - 1].is("other"));
            if cue {
                let end = (i..c1).find(|&j| t[j].is_any(&[")", ";"])).unwrap_or(c1);
                out.push((i, end));
            }
        }
        out
    }

    fn data_in(&self, c0: usize, c1: usize) -> Vec<DataRef<'a>> {
        let mut data = self
            .items
            .iter()
            .filter(|i| i.t0 >= c0 && i.t1 <= c1)
            .filter_map(|i| match &i.kind {
                ItemKind::Data(d) => Some((i, d)),
                _ => None,
            })
            .peekable();
        // Most clauses name no data: only those that do need their exclusions looked for.
        if data.peek().is_none() {
            return Vec::new();
        }
        let excluded = self.excluded(c0, c1);
        let mut refs = Vec::new();
        for (_, d) in data.filter(|(i, _)| !excluded.iter().any(|&(a, b)| i.t0 > a && i.t1 <= b)) {
            extend_unique(&mut refs, d.iter().copied());
        }
        refs
    }

    fn has_word<const N: usize>(&self, c0: usize, c1: usize, words: &[&str; N]) -> bool {
        self.tokens[c0..c1].iter().any(|t| t.is_any(words))
    }

    /// The frames of the clause `c0..c1`, which names the data `own` (its `data_in`).
    fn clause(
        &self,
        c0: usize,
        c1: usize,
        relative: bool,
        own: &[DataRef<'a>],
        antecedent: &[DataRef<'a>],
        antecedent_parties: &[PartyRef<'a>],
    ) -> Vec<Frame<'a>> {
        let mut frames = Vec::new();
        let mut previous: Option<(usize, usize, Polarity, bool)> = None;
        let mut skipped_until: Option<usize> = None;
        // What the frames of every verb of the clause carry: worked out once, at the first verb
        // (per verb, they were a tenth of the reading of a sentence).
        let mut shared: Option<(Vec<DataRef<'a>>, Vec<&'a str>)> = None;
        // Where the first negation or "that" of the clause is, which all but one case of
        // `not_a_practice` need before the verb: found once, not before each verb (that was
        // 1% of a corpus run), and at the clause's first verb, not for a clause without one.
        let mut first_cue: Option<Option<usize>> = None;
        for verb in self.items.iter().filter(|i| i.t0 >= c0 && i.t1 <= c1) {
            let ItemKind::Verb(family, participle, lemma) = &verb.kind else {
                continue;
            };
            let (family, participle) = (*family, *participle);
            let first_cue = *first_cue.get_or_insert_with(|| {
                (c0..c1).find(|&i| is_negation(&self.tokens[i]) || self.tokens[i].is("that"))
            });
            // A verb chained to one that states no practice states none either ("request that
            // we not sell or share it").
            if self.not_a_practice(c0, verb, first_cue.is_some_and(|i| i < verb.t0))
                || skipped_until.is_some_and(|end| self.chained(end, verb))
            {
                skipped_until = Some(verb.t1);
                continue;
            }
            if *lemma == "use" && identifying(self.tokens, verb) {
                skipped_until = Some(verb.t1);
                continue;
            }
            let (polarity, window, hypothetical) = self.polarity(c0, verb, previous);
            // "None of the information collected is sold": a reduced relative ("collected") does
            // not end the scope of a negation on the subject.
            let reduced_relative = participle
                && verb.t0 > 0
                && !self.tokens[verb.t0 - 1].is_any(&BE)
                && !self.tokens[verb.t0 - 1].is_any(&["have", "has", "had", "we", "you", "they"]);
            previous = Some((
                verb.t1,
                if reduced_relative { window } else { verb.t1 },
                polarity,
                hypothetical,
            ));
            let passive = self.is_passive(verb, participle);
            // "We never use your data to market to you" restricts a use; it denies no collection.
            if polarity == Polarity::Negative && ["use", "process", "analyze"].contains(lemma) {
                continue;
            }
            let mut new =
                self.frames_for_verb(c0, c1, verb, family, passive, relative, antecedent_parties);
            if polarity == Polarity::Positive && ["publish", "make public"].contains(lemma) {
                self.publish_to_the_public(c0, c1, verb, &mut new);
            }
            // Inside an "if" clause a practice is hypothetical; only "if you provide us X" still
            // tells that the vendor collects X.
            if hypothetical {
                new.retain(|f| f.action == Action::Collect && f.parties.is_empty());
            }
            let (data, purposes) = shared.get_or_insert_with(|| {
                let data = self.frame_data(c0, c1, relative, own, antecedent);
                let purposes = self
                    .items
                    .iter()
                    .filter(|i| i.t0 >= c0 && i.t1 <= c1)
                    .filter_map(|i| match &i.kind {
                        ItemKind::Purpose(p) => Some(*p),
                        _ => None,
                    })
                    .fold(Vec::new(), |mut acc, p| {
                        extend_unique(&mut acc, [p]);
                        acc
                    });
                (data, purposes)
            });
            for f in &mut new {
                f.polarity = polarity;
                f.data = data.clone();
                f.purposes = purposes.clone();
            }
            frames.extend(new);
        }
        frames
    }

    /// Negation in scope of the verb: between the clause start (or the last conditional comma)
    /// and the verb; a verb coordinated with the previous one ("sell or share") shares its polarity.
    /// The verb's polarity, where its negation window starts, and whether it stands inside an
    /// "if"/"unless"/"whether" clause (a hypothetical).
    fn polarity(
        &self,
        c0: usize,
        verb: &Item,
        previous: Option<(usize, usize, Polarity, bool)>,
    ) -> (Polarity, usize, bool) {
        let tokens = self.tokens;
        // "if you ask us to sell or share it": the second verb is as hypothetical.
        if let Some((end, window_start, polarity, hypothetical)) = previous
            && self.chained(end, verb)
        {
            return (polarity, window_start, hypothetical);
        }
        let first = previous.map_or(c0, |(_, start, _, _)| start.max(c0));
        let mut start = first;
        // "If you do not agree, we share …": the conditional's negation stays in the conditional.
        for i in first..verb.t0 {
            if tokens[i].is(",")
                && tokens[start..i]
                    .iter()
                    .any(|t| t.is_any(&["if", "when", "unless", "should"]))
            {
                start = i + 1;
            }
        }
        let window = &tokens[start..verb.t0];
        // A denial inside a condition ("if you decide not to provide …") is no denial of practice.
        // So is a right described ("the right to opt out of the sale … which may include selling").
        let conditional = window
            .iter()
            .any(|t| t.is_any(&["if", "unless", "whether"]))
            || window.windows(2).enumerate().any(|(i, w)| {
                // "We reserve the right to disclose …" states a practice.
                let reserved = i >= 2 && window[i - 2].is_any(&["reserve", "reserves"]);
                w[0].is_any(&["right", "rights"]) && w[1].is("to") && !reserved
            });
        let negated =
            (0..window.len()).any(|i| self.denies_practice(window, start, i)) && !conditional;
        // "we share no information", "we collect nothing".
        let after = tokens
            .get(verb.t1)
            .is_some_and(|t| t.is_any(&["no", "nothing", "none"]));
        let polarity = if negated || after {
            Polarity::Negative
        } else {
            Polarity::Positive
        };
        (polarity, start, conditional)
    }

    /// Is `window[i]` (the window starting at token `start`) a negation of the verb's practice?
    fn denies_practice(&self, window: &[Token], start: usize, i: usize) -> bool {
        let t = &window[i];
        let before = |words: &[&str]| i > 0 && words.iter().any(|w| window[i - 1].is(w));
        is_negation(t)
            && t.lower != "without"
            && !opt_out_name_at(self.tokens, self.text, start + i)
            && !(t.is("not") && before(&["or"]))
            // "if you choose not to provide", "we may decide not to disclose": a choice
            // described, not a practice denied.
            && !(t.is("not")
                && before(&[
                    "choose", "chooses", "decide", "decides", "opt", "elect", "elects", "prefer",
                    "wish", "decision", "choice", "option", "free", "configured", "asked",
                    "instructed",
                ]))
            // "but not your name or contact information": the negation is the noun phrase's.
            && !(t.is("not")
                && window.get(i + 1).is_some_and(|n| {
                    n.is_any(&["the", "your", "his", "her", "their", "its", "any", "a", "an"])
                }))
            // "Information that does not identify you may be shared", "it is not subject to any
            // restriction, and we may disclose it": the negation belongs to the word it stands
            // before, not to the practice further on.
            && !window[i + 1..]
                .iter()
                .find(|n| not_skipped_after_negation(n))
                .is_some_and(|n| {
                    n.is_any(&SCOPE)
                        || n.is_any(&NOT_IN_CONTROL)
                        // "No personally identifiable information is shared": "no" is the
                        // object's, and the practice is denied.
                        || !t.is("no") && n.is_any(&NOT_IDENTIFYING)
                })
            && !(t.is("not") && window.get(i + 1).is_some_and(|n| n.is("only")))
            // "not required to", "the right, but not the obligation, to", "not all data … can be
            // accessed": what is denied is a duty or a quantity, not the practice.
            && !window[i + 1..]
                .iter()
                .find(|n| !n.is("the"))
                .is_some_and(|n| {
                    n.is_any(&[
                        "required",
                        "obligated",
                        "obliged",
                        "necessary",
                        "limited",
                        "obligation",
                        "all",
                        "every",
                    ])
                })
    }

    /// Whether the negation at `before[i]`, followed by "wish" or "want", is the reader's
    /// ("visitors who do not wish to share it", "indicating you do not wish to be tracked"),
    /// which describes no practice, and not the vendor's ("we do not want to collect your
    /// precise location": a denial) nor in a condition ("if you do not want us to collect your
    /// location, …" tells that it is collected: see `polarity`).
    fn unwilling_reader(&self, before: &[Token], i: usize) -> bool {
        let subject = before[..i]
            .iter()
            .rev()
            .find(|t| !is_adverb(t) && !t.is_any(&["do", "does", "did", "will", "would"]));
        !subject.is_some_and(|t| t.is_any(&FIRST_PERSON))
            && !before.iter().any(|t| t.is_any(&["if", "unless"]))
    }

    /// Whether `verb` continues the verb that ends at token `end`: "sell or share", "collect,
    /// use, and disclose" (at most four tokens between, connectors and adverbs only).
    fn chained(&self, end: usize, verb: &Item) -> bool {
        let between = &self.tokens[end.min(verb.t0)..verb.t0];
        between.len() <= 4
            && between.iter().all(|t| {
                t.is_any(&["and", "or", ",", "nor", "to", "and/or", "otherwise"]) || is_adverb(t)
            })
    }

    /// "Do not share your password with anyone", "Never give out your account details": advice
    /// to the reader, an imperative that opens the sentence, neither a practice nor its denial.
    fn imperative(&self, c0: usize, verb: &Item) -> bool {
        let tokens = self.tokens;
        c0 == 0
            && verb.t0 > 0
            && tokens[0].is_any(&["do", "don't", "never", "please"])
            && tokens[..verb.t0]
                .iter()
                .all(|t| t.is_any(&["do", "don't", "never", "please", "not"]) || is_adverb(t))
    }

    /// "This policy does not apply to information collected by advertisers", "we are not
    /// responsible for how partners use it", "you may request that we not sell it", "we
    /// recommend that you do not share your password": what the policy does not reach, what the
    /// vendor does not answer for, a request or a piece of advice is described, neither a
    /// practice of the vendor nor a denial of one.
    /// `cue_before`: whether a negation or "that" stands between `c0` and the verb.
    fn not_a_practice(&self, c0: usize, verb: &Item, cue_before: bool) -> bool {
        let before = &self.tokens[c0..verb.t0];
        if self.imperative(c0, verb) {
            return true;
        }
        // Each case below needs a negation ("shouldn't" is one) or a "that" before the verb,
        // and most verbs have neither.
        if !cue_before {
            return false;
        }
        // The reach of "not responsible for" ends where the vendor speaks again: "… not
        // directed to children, nor do we knowingly collect …".
        let disowned = before.iter().enumerate().any(|(i, t)| {
            let mut rest = before[i + 1..].iter();
            is_negation(t)
                && rest
                    .find(|n| not_skipped_after_negation(n))
                    .is_some_and(|n| {
                        n.is_any(&SCOPE)
                            || n.is_any(&NOT_IN_CONTROL)
                            || n.is_any(&["wish", "want"]) && self.unwilling_reader(before, i)
                    })
                && !rest.any(|n| n.is_any(&["we", "i"]))
        });
        // Only what is asked for: in "request that we delete the data (that) we have
        // collected", the collecting is a practice.
        let asked = before.iter().enumerate().any(|(i, t)| {
            let between = &before[i + 1..];
            t.is("that")
                && i > 0
                && before[i - 1].is_any(&[
                    "request",
                    "requests",
                    "ask",
                    "asks",
                    "recommend",
                    "recommends",
                    "urge",
                    "advise",
                    "encourage",
                ])
                && !between
                    .iter()
                    .any(|n| n.is_any(&["that", "which", "who", "have", "has", "had", "we've"]))
                && between.iter().filter(|n| n.is("we")).count() <= 1
        });
        // "Children under 13 should not provide any personal information": advice too.
        let advised = before
            .iter()
            .rev()
            .find(|t| !is_adverb(t) && !t.is("not"))
            .is_some_and(|t| {
                t.is("shouldn't") || t.is("should") && before.iter().any(|n| n.is("not"))
            });
        disowned || asked || advised
    }

    fn is_passive(&self, verb: &Item, participle: bool) -> bool {
        if !participle {
            return false;
        }
        let mut i = verb.t0;
        let mut steps = 0;
        while i > 0 && steps < 4 {
            i -= 1;
            steps += 1;
            let t = &self.tokens[i];
            if t.is_any(&BE) {
                return true;
            }
            if !is_adverb(t) {
                break;
            }
        }
        // Reduced relative: "data collected by third parties".
        self.tokens.get(verb.t1).is_some_and(|t| t.is("by"))
    }

    /// The actor before the verb: the nearest party group, first-person word, "you" or "they".
    fn subject(
        &self,
        c0: usize,
        verb: &Item,
        relative: bool,
        antecedent_parties: &[PartyRef<'a>],
    ) -> Actor<'a> {
        if self.unknown_subject(c0, verb) {
            return Actor::Unknown;
        }
        // "permit us to access", "helps us to provide": the first party is the infinitive's subject.
        let mut j = verb.t0;
        while j > c0 && is_adverb(&self.tokens[j - 1]) {
            j -= 1;
        }
        if j >= c0 + 2 && self.tokens[j - 1].is("to") && self.tokens[j - 2].is_any(&["us", "we"]) {
            return Actor::FirstParty;
        }
        let mut best: Option<(usize, Actor)> = None;
        let mut our_fallback = false;
        for g in self.groups.iter().filter(|g| g.t0 >= c0 && g.t1 <= verb.t0) {
            // A group governed by a preposition is not a subject ("from Facebook, we …").
            let governed = matches!(
                g.prep,
                Some("with" | "from" | "by" | "through" | "via" | "among")
            ) && !self.tokens[g.t0.saturating_sub(6)..g.t0]
                .iter()
                .any(|t| t.is("to"));
            if !governed {
                // "WPS or the aforementioned providers collect": the vendor is a subject too.
                let mut k = g.t0;
                while k > c0
                    && self.tokens[k - 1].is_any(&[
                        "the",
                        "aforementioned",
                        "such",
                        "these",
                        "our",
                        "certain",
                    ])
                {
                    k -= 1;
                }
                let with_vendor = k >= c0 + 2
                    && self.tokens[k - 1].is_any(&["or", "and"])
                    && self
                        .items
                        .iter()
                        .any(|i| i.t1 == k - 1 && matches!(i.kind, ItemKind::FirstParty));
                best = Some((g.t1, Actor::Parties(self.resolve(g), with_vendor)));
            }
        }
        for item in self.items.iter().filter(|i| i.t0 >= c0 && i.t1 <= verb.t0) {
            let actor = match &item.kind {
                ItemKind::FirstParty => {
                    let word = &self.tokens[item.t0];
                    if item.t0 > 0
                        && self.tokens[item.t0 - 1]
                            .is_any(&["of", "behalf", "for", "with", "to", "by"])
                    {
                        continue;
                    }
                    if word.is_any(&["our", "us"]) {
                        our_fallback = true;
                        continue;
                    }
                    Actor::FirstParty
                }
                ItemKind::User => Actor::User,
                ItemKind::PartyPronoun
                    if self.tokens[item.t0].is("they") && !self.ctx.previous_parties.is_empty() =>
                {
                    Actor::Parties(self.ctx.previous_parties.to_vec(), false)
                }
                _ => continue,
            };
            if best.as_ref().is_none_or(|(end, _)| item.t1 > *end) {
                best = Some((item.t1, actor));
            }
        }
        match best {
            Some((_, actor)) => actor,
            None if relative && !antecedent_parties.is_empty() => {
                Actor::Parties(antecedent_parties.to_vec(), false)
            }
            None if our_fallback => Actor::FirstParty,
            None => Actor::None,
        }
    }

    /// True when the word standing in the subject slot is a noun we cannot name: "none of the
    /// others can access it" says nothing about the vendor.
    fn unknown_subject(&self, c0: usize, verb: &Item) -> bool {
        let mut j = verb.t0;
        while j > c0 {
            let t = &self.tokens[j - 1];
            if t.is_any(&AUXILIARIES)
                || is_adverb(t)
                || t.lower.ends_with("n't")
                || t.is("to") && j - 1 > c0 && self.tokens[j - 2].is("able")
            {
                j -= 1;
            } else {
                break;
            }
        }
        if j == c0 {
            return false;
        }
        let slot = j - 1;
        let t = &self.tokens[slot];
        let plain = t.lower.chars().all(char::is_alphabetic) && !t.is_any(&FUNCTION_WORDS);
        let item_ends_here = self.items.iter().any(|i| {
            i.t1 == slot + 1 && !matches!(i.kind, ItemKind::Purpose(_) | ItemKind::Condition(_))
        });
        let ours = self.tokens[slot.saturating_sub(5).max(c0)..slot]
            .iter()
            .any(|t| t.is_any(&["our", "we", "us"]));
        plain && !item_ends_here && !ours
    }

    /// A group, with "such third parties" / "these partners" resolved to the parties just mentioned.
    fn resolve(&self, g: &Group<'a>) -> Vec<PartyRef<'a>> {
        let before = &self.tokens[g.t0.saturating_sub(2)..g.t0];
        let anaphoric = before
            .iter()
            .any(|t| t.is_any(&["such", "these", "those", "aforementioned", "said"]));
        if anaphoric && !self.ctx.previous_parties.is_empty() {
            let previous = self.ctx.previous_parties;
            let same: Vec<PartyRef> = previous
                .iter()
                .filter(|p| {
                    g.parties
                        .iter()
                        .any(|q| q.name == p.name || q.role == p.role)
                })
                .copied()
                .collect();
            let generic = g.parties.iter().all(|p| p.role == "unspecified");
            if !same.is_empty() {
                return same;
            }
            if generic {
                return previous.to_vec();
            }
        }
        g.parties.clone()
    }

    /// Where a verb's complements end: at the next verb, unless that verb is coordinated with this
    /// one ("sell, rent or share your data with") and so shares its complements.
    fn scope_end(&self, verb: &Item, c1: usize) -> usize {
        let mut end = verb.t1;
        let verbs = self
            .items
            .iter()
            .filter(|i| i.t0 >= verb.t1 && i.t1 <= c1 && matches!(i.kind, ItemKind::Verb(..)));
        for next in verbs {
            let between = &self.tokens[end..next.t0];
            let coordinated = between.len() <= 3
                && between.iter().all(|t| {
                    t.is_any(&[",", "or", "and", "and/or", "otherwise", "nor"]) || is_adverb(t)
                });
            if !coordinated {
                return next.t0;
            }
            end = next.t1;
        }
        c1
    }

    fn groups_after(&self, verb: &Item, c1: usize, preps: &[&str]) -> Vec<PartyRef<'a>> {
        let c1 = self.scope_end(verb, c1);
        let mut out = Vec::new();
        for g in self.groups.iter().filter(|g| g.t0 >= verb.t1 && g.t1 <= c1) {
            if g.prep.is_some_and(|p| preps.contains(&p)) {
                extend_unique(&mut out, self.resolve(g));
            }
        }
        out
    }

    /// A group inside a "from" phrase: "from one of your accounts with certain services such as
    /// Google" — "from" governs the whole phrase, whatever prepositions stand inside it.
    fn in_from_phrase(&self, g: &Group) -> bool {
        let window = g.t0.saturating_sub(10);
        let Some(from) = self.tokens[window..g.t0]
            .iter()
            .rposition(|t| t.is("from"))
            .map(|p| p + window)
        else {
            return false;
        };
        !self.items.iter().any(|i| {
            i.t0 > from
                && i.t1 <= g.t0
                && matches!(
                    i.kind,
                    ItemKind::Verb(..) | ItemKind::FirstParty | ItemKind::User
                )
        })
    }

    fn groups_anywhere(&self, c0: usize, c1: usize, preps: &[&str]) -> Vec<PartyRef<'a>> {
        let mut out = Vec::new();
        for g in self.groups.iter().filter(|g| g.t0 >= c0 && g.t1 <= c1) {
            let from = preps.contains(&"from") && self.in_from_phrase(g);
            if from || g.prep.is_some_and(|p| preps.contains(&p)) {
                extend_unique(&mut out, self.resolve(g));
            }
        }
        out
    }

    /// "provided by the related jurisdiction": a passive whose agent is someone we cannot name.
    /// ("by converting …" names a means, not an agent.)
    fn unnamed_agent(&self, verb: &Item, c1: usize) -> bool {
        let next_verb = self
            .items
            .iter()
            .filter(|i| i.t0 >= verb.t1 && matches!(i.kind, ItemKind::Verb(..)))
            .map(|i| i.t0)
            .min()
            .unwrap_or(c1);
        let Some(by) = self.tokens[verb.t1..next_verb.min(c1)]
            .iter()
            .position(|t| t.is("by"))
            .map(|p| p + verb.t1)
        else {
            return false;
        };
        let gerund = self
            .tokens
            .get(by + 1)
            .is_some_and(|t| t.lower.ends_with("ing"));
        let named = self.items.iter().any(|i| {
            i.t0 > by
                && i.t0 <= by + 4
                && matches!(
                    i.kind,
                    ItemKind::Party(_) | ItemKind::FirstParty | ItemKind::User
                )
        });
        !gerund && !named
    }

    fn first_party_in_by_phrase(&self, verb: &Item, c1: usize) -> bool {
        let Some(by) = self.tokens[verb.t1..c1]
            .iter()
            .position(|t| t.is("by"))
            .map(|p| p + verb.t1)
        else {
            return false;
        };
        self.items
            .iter()
            .any(|i| i.t0 > by && i.t0 <= by + 4 && matches!(i.kind, ItemKind::FirstParty))
    }

    /// "provide us with", "disclosed to WPS": the first party as recipient.
    fn first_party_after(&self, verb: &Item, c1: usize) -> bool {
        self.items.iter().any(|i| {
            i.t0 >= verb.t1
                && i.t0 <= verb.t1 + 2
                && i.t1 <= c1
                && matches!(i.kind, ItemKind::FirstParty)
                && self.tokens[i.t0].lower != "our"
        })
    }

    fn pronoun_after(&self, verb: &Item, c1: usize) -> bool {
        self.items
            .iter()
            .any(|i| i.t0 >= verb.t1 && i.t1 <= c1 && matches!(i.kind, ItemKind::PartyPronoun))
    }

    #[allow(clippy::too_many_arguments)]
    fn frames_for_verb(
        &self,
        c0: usize,
        c1: usize,
        verb: &Item,
        family: VerbFamily,
        passive: bool,
        relative: bool,
        antecedent_parties: &[PartyRef<'a>],
    ) -> Vec<Frame<'a>> {
        let frame = |action: Action, parties: Vec<PartyRef<'a>>| Frame {
            action,
            polarity: Polarity::Positive,
            parties,
            data: Vec::new(),
            purposes: Vec::new(),
            condition: None,
        };
        let mut extra_first_party = false;
        let agent = if passive {
            let by = self.groups_after(verb, c1, &["by"]);
            let by_us = self.tokens.get(verb.t1).is_some_and(|t| t.is("by"))
                && self
                    .items
                    .iter()
                    .any(|i| i.t0 == verb.t1 + 1 && matches!(i.kind, ItemKind::FirstParty));
            let by_you = self.tokens.get(verb.t1).is_some_and(|t| t.is("by"))
                && self
                    .items
                    .iter()
                    .any(|i| i.t0 == verb.t1 + 1 && matches!(i.kind, ItemKind::User));
            if !by.is_empty() {
                // "collected by WPS and the aforementioned providers": the vendor collects too.
                if family == VerbFamily::Collect && self.first_party_in_by_phrase(verb, c1) {
                    extra_first_party = true;
                }
                Actor::Parties(by, extra_first_party)
            } else if by_us {
                Actor::FirstParty
            } else if by_you {
                Actor::User
            } else if self.unnamed_agent(verb, c1) {
                Actor::Unknown
            } else {
                Actor::None
            }
        } else {
            self.subject(c0, verb, relative, antecedent_parties)
        };
        let mut frames = Vec::new();
        match family {
            VerbFamily::Disclose => {
                let recipients = self.groups_after(verb, c1, &["with", "to", "among"]);
                let to_us = self.first_party_after(verb, c1);
                match agent {
                    Actor::Parties(sources, _) if to_us || recipients.is_empty() => {
                        frames.push(frame(Action::ReceiveFrom, sources));
                    }
                    Actor::Parties(..) | Actor::Unknown => {}
                    Actor::User => {
                        if recipients.is_empty() {
                            frames.push(frame(Action::Collect, Vec::new()));
                        }
                    }
                    Actor::FirstParty | Actor::None => {
                        let recipients = if !recipients.is_empty() {
                            recipients
                        } else if self.pronoun_after(verb, c1) {
                            self.ctx.previous_parties.to_vec()
                        } else {
                            Vec::new()
                        };
                        let third_party_sentence = passive
                            && matches!(agent, Actor::None)
                            && self
                                .items
                                .first()
                                .is_some_and(|i| i.t0 == 0 && matches!(i.kind, ItemKind::Party(_)));
                        if third_party_sentence && recipients.is_empty() {
                            // "Avangate has its own policy to ensure none of your information will be
                            // shared": a third party's practice, not the vendor's.
                        } else if !recipients.is_empty() {
                            frames.push(frame(Action::Disclose, recipients));
                        } else if !to_us {
                            // No recipient named: a heading may name it ("Information Shared with Our
                            // Advertisement Providers"); a denial ("we do not sell your data") is a
                            // denial towards anyone.
                            let mut f = frame(Action::Disclose, self.ctx.heading_parties.to_vec());
                            f.parties.retain(|p| p.kind != PartyKind::FirstParty);
                            frames.push(f);
                        }
                    }
                }
            }
            VerbFamily::Collect => match agent {
                Actor::Parties(parties, with_vendor) => {
                    frames.push(frame(Action::Collect, parties));
                    if with_vendor {
                        frames.push(frame(Action::Collect, Vec::new()));
                    }
                }
                Actor::User | Actor::Unknown => {}
                Actor::FirstParty | Actor::None => {
                    let sources = self.groups_anywhere(c0, c1, &["from"]);
                    let mut tools = self.groups_after(verb, c1, &["through", "via", "using"]);
                    let used = self.groups_anywhere(c0, verb.t0, &["use", "uses", "using"]);
                    extend_unique(&mut tools, used);
                    if !tools.is_empty() {
                        frames.push(frame(Action::Collect, tools));
                    }
                    if !sources.is_empty() {
                        frames.push(frame(Action::ReceiveFrom, sources));
                    }
                    frames.push(frame(Action::Collect, Vec::new()));
                }
            },
        }
        frames
    }

    /// "We may publish your name and city": what is published is given to the public, when no
    /// recipient is named and the clause names the data ("when the amended policy is published"
    /// gives nothing). A denial stays a denial towards anyone ("we will not sell, publish or
    /// share it").
    fn publish_to_the_public(&self, c0: usize, c1: usize, verb: &Item, frames: &mut [Frame<'a>]) {
        let names_data = self
            .items
            .iter()
            .any(|i| i.t0 >= c0 && i.t1 <= c1 && matches!(i.kind, ItemKind::Data(_)));
        let public = self.ctx.lexicon.class("public");
        let (true, Some(public)) = (names_data, public) else {
            return;
        };
        let written = &self.text[self.tokens[verb.t0].start..self.tokens[verb.t1 - 1].end];
        for f in frames {
            if f.action == Action::Disclose && f.parties.is_empty() {
                f.parties.push(PartyRef::class(public, written));
            }
        }
    }

    /// The data of the frames of the clause `c0..c1`: its own mentions (`own`, its `data_in`);
    /// else the antecedent of a relative clause; else what "it", "this information" or "such
    /// data" points back to; else generic personal information.
    fn frame_data(
        &self,
        c0: usize,
        c1: usize,
        relative: bool,
        own: &[DataRef<'a>],
        antecedent: &[DataRef<'a>],
    ) -> Vec<DataRef<'a>> {
        if !own.is_empty() {
            return own.to_vec();
        }
        if relative && !antecedent.is_empty() {
            return antecedent.to_vec();
        }
        let anaphoric = self.tokens[c0..c1].windows(2).any(|w| {
            w[0].is_any(&["this", "such", "that", "these", "those", "the"])
                && w[1].is_any(&["information", "data", "details", "record", "records"])
        }) || self.has_word(c0, c1, &["it"]);
        if anaphoric && !antecedent.is_empty() {
            return antecedent.to_vec();
        }
        if anaphoric && !self.ctx.previous_data.is_empty() {
            return self.ctx.previous_data.to_vec();
        }
        if self.has_word(c0, c1, &["information", "data", "details"]) {
            return vec![DataRef {
                id: GENERIC,
                text: "information",
                aggregated: false,
            }];
        }
        Vec::new()
    }
}
