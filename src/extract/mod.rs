//! The extract stage: sentences in, statements out.
//!
//! Owns the reading of sharing clauses: who (the vendor, a named party, a class) does what
//! (collect, disclose, receive from) with which data, for which purpose, under which condition,
//! and whether the policy says it does or does not. Sentence grammar is in `clause`; this file
//! carries context from sentence to sentence (headings, list lead-ins, "such third parties",
//! defined terms) and multiplies frames out into statements. It uses the document and the
//! lexicon, and knows nothing of graphs or output formats.

mod clause;
mod context;
mod coordination;
mod frame;
mod statement;
mod table;
mod text;
mod tokens;
mod vendor;

use std::borrow::Cow;
use std::sync::LazyLock;

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use memchr::memmem::Finder;

pub use context::Vendor;
pub(crate) use statement::PolicyRuns;
pub use statement::{Action, PartyKind, Polarity, Statement};
use text::Interner;
pub use text::Text;

use crate::document::{BlockKind, Document};
use crate::lexicon::Lexicon;
use clause::{
    AGGREGATED_CONDITION, GENERIC, POLICY_EXCEPTIONS, Reading, Scratch, extend_unique,
    read_sentence,
};
use context::{Context, NameFilter, Terms};
use frame::{DataRef, Frame, PartyRef};
use table::Rows;

/// The statements of one policy, and who its first party is.
#[derive(Debug, Clone)]
pub struct Extraction {
    pub vendor: Vendor,
    pub statements: Vec<Statement>,
}

/// Extract every statement of a document. `vendor` overrides the detected first party.
pub fn extract(doc: &Document, lexicon: &Lexicon, vendor: Option<&str>) -> Extraction {
    let detected = vendor::detect(doc, lexicon);
    let vendor = match vendor {
        Some(name) => Vendor {
            name: name.to_string(),
            aliases: std::iter::once(detected.name)
                .chain(detected.aliases)
                .collect(),
        },
        None => detected,
    };
    let statements = Reader::new(doc, lexicon, &vendor).run();
    Extraction { vendor, statements }
}

/// What the headings above a sentence say.
#[derive(Default, Clone)]
struct HeadingInfo<'a> {
    parties: Vec<PartyRef<'a>>,
    data: Vec<DataRef<'a>>,
    conditions: Vec<&'a str>,
}

struct Reader<'a> {
    doc: &'a Document,
    lexicon: &'a Lexicon,
    vendor: &'a Vendor,
    vendor_names: NameFilter,
    terms: Terms<'a>,
    headings: HashMap<usize, Reading<'a>>,
    /// The strings of the statements, each made once: see `text`.
    policy: Text,
    vendor_name: Text,
    strings: Interner<'a>,
}

impl<'a> Reader<'a> {
    fn new(doc: &'a Document, lexicon: &'a Lexicon, vendor: &'a Vendor) -> Self {
        let mut reader = Reader {
            doc,
            lexicon,
            vendor,
            vendor_names: NameFilter::of(vendor),
            terms: Terms::new(&doc.text),
            headings: HashMap::new(),
            policy: Text::from(&doc.name),
            vendor_name: Text::from(&vendor.name),
            strings: Interner::default(),
        };
        // First-party statements name the vendor as the party too.
        reader.strings.insert(&vendor.name, &reader.vendor_name);
        reader
    }

    fn context<'c>(
        &'c self,
        previous: &'c Reading<'a>,
        heading: &'c HeadingInfo<'a>,
    ) -> Context<'c, 'a> {
        Context {
            lexicon: self.lexicon,
            vendor: self.vendor,
            vendor_names: self.vendor_names,
            previous_parties: &previous.parties,
            previous_data: &previous.data,
            heading_parties: &heading.parties,
            terms: &self.terms,
        }
    }

    /// Parties, specific data and conditions named by the headings above a sentence (innermost first).
    fn heading_info(&mut self, heading: Option<usize>, scratch: &mut Scratch) -> HeadingInfo<'a> {
        let mut info = HeadingInfo::default();
        let mut cur = heading;
        let empty = Reading::default();
        while let Some(h) = cur {
            if !self.headings.contains_key(&h) {
                let text = self.doc.heading_text(h);
                let none = HeadingInfo::default();
                let lowered = text.to_ascii_lowercase();
                let reading = read_sentence(text, &lowered, &self.context(&empty, &none), scratch);
                self.headings.insert(h, reading);
            }
            if let Some(r) = self.headings.get(&h) {
                if info.parties.is_empty() {
                    info.parties.clone_from(&r.parties);
                }
                // Only a heading that names data and little else ("2. Purchase Information",
                // "Location Data") says what "this information" below it is; "Information Disclosed
                // in Connection with Business Transactions" is about something else.
                let words = self
                    .doc
                    .heading_text(h)
                    .split_whitespace()
                    .filter(|w| w.chars().any(char::is_alphabetic))
                    .count();
                if info.data.is_empty() && words <= 5 {
                    info.data = r.data.iter().filter(|d| d.id != GENERIC).copied().collect();
                }
                extend_unique(&mut info.conditions, r.conditions.iter().copied());
            }
            cur = self.doc.headings.get(h).and_then(|x| x.parent);
        }
        info
    }

    fn run(mut self) -> Vec<Statement> {
        // Room for a statement per sentence (apps-2024 has 0.7): growing the vector copied the
        // statements made so far (4 M instructions over apps-2024 with room for one per two
        // sentences; from empty, each statement was copied several times over).
        let mut out = Vec::with_capacity(self.doc.sentences.len());
        let mut seen = HashSet::with_capacity(self.doc.sentences.len() / 2);
        // The sentences list items continue: only their frames are looked up again.
        let lead_ins: HashSet<usize> = self
            .doc
            .sentences
            .iter()
            .filter_map(|s| s.lead_in.map(|(start, _)| start))
            .collect();
        let mut previous = Reading::default();
        let mut previous_frames: Vec<Frame> = Vec::new();
        // Room for reading a sentence, and the sentence ASCII-lowercased: both kept from
        // sentence to sentence.
        let mut scratch = Scratch::default();
        let mut lowered = String::new();
        let mut section = None;
        let mut frames_at: HashMap<usize, Vec<Frame>> = HashMap::new();
        // What the headings say, worked out once per run of sentences under the same heading.
        let mut heading_of: Option<(Option<usize>, HeadingInfo)> = None;
        // The headings above a sentence joined with " > ", made when a sentence under them first
        // has frames and shared by the statements of every sentence under them.
        let mut path_of: Option<(Option<usize>, Text)> = None;
        let mut rows = Rows::default();
        let doc: &'a Document = self.doc;
        for (i, s) in doc.sentences.iter().enumerate() {
            if s.heading != section {
                section = s.heading;
                previous = Reading::default();
                previous_frames.clear();
            }
            if heading_of.as_ref().is_none_or(|(h, _)| *h != s.heading) {
                heading_of = Some((s.heading, self.heading_info(s.heading, &mut scratch)));
            }
            let Some((_, heading)) = &heading_of else {
                continue;
            };
            let text = self.doc.sentence_text(s);
            lowered.clear();
            lowered.push_str(text);
            lowered.make_ascii_lowercase();
            let context = self.context(&previous, heading);
            let mut reading = read_sentence(text, &lowered, &context, &mut scratch);
            for (term, members) in &reading.definitions {
                self.terms.define(term, members);
            }
            let mut frames = std::mem::take(&mut reading.frames);
            // What the row's header makes of its cells, if the sentence is a table row its header
            // explains. The row's own words may state more (a cell of prose), but a denial of its
            // own ("We do not sell it to data brokers") is not to be read as the header's
            // disclosure.
            let mut table_frames = Vec::new();
            let mut explained = false;
            if frames.iter().all(|f| f.polarity == Polarity::Positive) {
                let context = self.context(&previous, heading);
                if let Some(row) = rows.of(doc, i, &context, &mut scratch) {
                    explained = true;
                    table_frames = row.frames(&doc.text, (s.start, s.end), &context, &mut scratch);
                    let refined =
                        self.refine(table_frames, text, &lowered, &reading, &previous, heading);
                    // A row's purposes are its purpose cells', not what its other cells' words
                    // name ("advertising networks") or the sentence before had.
                    table_frames = refined
                        .into_iter()
                        .map(|f| Frame {
                            purposes: row.purposes.clone(),
                            ..f
                        })
                        .collect();
                    if frames.is_empty() && !table_frames.is_empty() {
                        reading.purposes.clone_from(&row.purposes);
                    }
                }
            }
            // The header's own verb ("Categories collected") lends an explained row nothing more.
            if frames.is_empty() && !explained && !reading.has_verb && !reading.data.is_empty() {
                // A list item or an "includes" sentence without a verb of its own continues the
                // sentence that introduced it: "The technical data collected by … may include:".
                let borrowed = match (s.kind, s.lead_in) {
                    (BlockKind::ListItem | BlockKind::TableRow, Some((start, _))) => {
                        frames_at.get(&start)
                    }
                    _ if continues_previous(&cue_text(text, &lowered)) => Some(&previous_frames),
                    _ => None,
                };
                if let Some(lead) = borrowed {
                    frames = lead
                        .iter()
                        .map(|f| Frame {
                            data: reading.data.clone(),
                            ..f.clone()
                        })
                        .collect();
                }
            }
            let mut frames = self.refine(frames, text, &lowered, &reading, &previous, heading);
            frames.extend(table_frames);
            if !frames.is_empty() {
                let heading = match &path_of {
                    Some((h, path)) if *h == s.heading => path.clone(),
                    _ => {
                        let path = Text::from(self.doc.heading_path(s).join(" > "));
                        path_of = Some((s.heading, path.clone()));
                        path
                    }
                };
                let place = Place {
                    start: s.start,
                    end: s.end,
                    // Made once for all the statements of the sentence.
                    sentence: Text::from(text),
                    heading,
                };
                for f in &frames {
                    self.statements(f, &place, &mut seen, &mut out);
                }
            }
            let mut parties: Vec<PartyRef> = frames
                .iter()
                .flat_map(|f| f.parties.iter().copied())
                .collect();
            if !frames.is_empty() {
                // "We do not share your information except as described below:" is followed by
                // the exceptions, where it is shared: its denial is lent to none of them.
                // The frames are done with: moved on, not copied.
                let mut lent = frames;
                lent.retain(|f| f.condition != Some(POLICY_EXCEPTIONS));
                if lead_ins.contains(&s.start) {
                    frames_at.insert(s.start, lent.clone());
                }
                previous_frames = lent;
            }
            // The reading is done with: what the next sentence may refer back to is moved on.
            if parties.is_empty() {
                parties = std::mem::take(&mut reading.parties);
            }
            if !parties.is_empty() {
                previous.parties = parties;
                previous.purposes = std::mem::take(&mut reading.purposes);
            }
            if !reading.data.is_empty() {
                previous.data = std::mem::take(&mut reading.data);
            }
        }
        out
    }

    /// Sentence-level rules on frames: exceptions to denials, use restrictions, heading data,
    /// purposes and conditions.
    fn refine(
        &self,
        frames: Vec<Frame<'a>>,
        text: &str,
        lowered: &str,
        reading: &Reading<'a>,
        previous: &Reading<'a>,
        heading: &HeadingInfo<'a>,
    ) -> Vec<Frame<'a>> {
        if frames.is_empty() {
            return frames;
        }
        let cues_in = cue_text(text, lowered);
        // Only denials need these, and most sentences have none.
        let (restricted, exception) = if frames.iter().any(|f| f.polarity == Polarity::Negative) {
            static RESTRICTED: Cues<5> = Cues::new(|| {
                finders([
                    "any other purpose",
                    "their own purpose",
                    "other purposes",
                    "own marketing",
                    "for any purpose other",
                ])
            });
            static EXCEPTION: Cues<4> =
                Cues::new(|| finders(["except", "unless", "without your", "other than"]));
            (
                in_text(&RESTRICTED, &cues_in),
                in_text(&EXCEPTION, &cues_in),
            )
        } else {
            (false, false)
        };
        let mut conditions = reading.conditions.clone();
        extend_unique(&mut conditions, heading.conditions.iter().copied());
        let mut purposes = reading.purposes.clone();
        static REFERS_BACK: Cues<4> =
            Cues::new(|| finders(["such ", "these ", "those ", "aforementioned "]));
        if purposes.is_empty() && in_text(&REFERS_BACK, &cues_in) {
            purposes = previous.purposes.clone();
        }
        let mut out = Vec::new();
        for mut f in frames {
            if f.polarity == Polarity::Negative {
                if restricted && f.action == Action::Collect && !f.parties.is_empty() {
                    // "[the provider] will be prohibited from using your PII for any other purpose":
                    // the recipient gets it, with limits. ("We never sell it to third parties for
                    // their own purposes" stays a denial.)
                    f.polarity = Polarity::Positive;
                } else if exception {
                    // "We do not share … except with your consent / unless required by law": a
                    // denial with an exception. It stays a denial, scoped by its condition: the
                    // one named, else "except as described below" (`policy-exceptions`); with
                    // neither ("except our partners") it says nothing we can scope.
                    let named = conditions
                        .iter()
                        .find(|c| ![AGGREGATED_CONDITION, POLICY_EXCEPTIONS].contains(c));
                    let Some(c) =
                        named.or_else(|| conditions.iter().find(|c| **c == POLICY_EXCEPTIONS))
                    else {
                        continue;
                    };
                    f.condition = Some(*c);
                }
            }
            // Sharing needs someone to share with; only a denial may leave it open.
            if f.action == Action::Disclose
                && f.parties.is_empty()
                && f.polarity == Polarity::Positive
            {
                continue;
            }
            if f.data.iter().all(|d| d.id == GENERIC) && !heading.data.is_empty() {
                f.data = heading.data.clone();
            }
            if f.data.is_empty() {
                continue;
            }
            if f.condition.is_none() {
                // "Except as described above, you will be notified before …": exceptions told
                // elsewhere scope denials; on a positive they are noise.
                f.condition = conditions
                    .iter()
                    .find(|c| f.polarity == Polarity::Negative || **c != POLICY_EXCEPTIONS)
                    .copied();
            }
            // The clause's own purposes; else the sentence's, or those of the parties referred back to.
            if f.purposes.is_empty() {
                f.purposes = purposes.clone();
            }
            out.push(f);
        }
        out
    }

    /// The statements of a frame, multiplied out over its parties, data and purposes, added to
    /// `out` unless `seen` has them already: a sentence often repeats a fact (two clauses, a list
    /// item and its lead-in), and a third of the statements built were such repeats before they
    /// were weeded out here, before their strings are made.
    fn statements(
        &mut self,
        f: &Frame<'a>,
        place: &Place,
        seen: &mut HashSet<StatementKey<'a>>,
        out: &mut Vec<Statement>,
    ) {
        let first_party = PartyRef {
            name: &self.vendor.name,
            kind: PartyKind::FirstParty,
            role: "first-party",
            parent: "",
            text: "",
        };
        // Slices, not copies: two allocations per frame.
        let unnamed;
        let parties = if f.parties.is_empty() {
            unnamed = if f.action == Action::Collect {
                first_party
            } else {
                // A denial without a recipient ("our software does not send out any information").
                self.unspecified_third_parties()
            };
            std::slice::from_ref(&unnamed)
        } else {
            &f.parties[..]
        };
        let purposes = if f.purposes.is_empty() {
            &[""][..]
        } else {
            &f.purposes[..]
        };
        for p in parties {
            for d in &f.data {
                let category = self.lexicon.category(d.id);
                // Aggregated or de-identified data travels under its own condition.
                let condition = if d.id == "aggregated-data" || d.aggregated {
                    AGGREGATED_CONDITION
                } else {
                    f.condition.unwrap_or_default()
                };
                for purpose in purposes {
                    let key = (f.action, f.polarity, d.id, p.name, *purpose, place.start);
                    if !seen.insert(key) {
                        continue;
                    }
                    let strings = &mut self.strings;
                    out.push(Statement {
                        policy: self.policy.clone(),
                        vendor: self.vendor_name.clone(),
                        action: f.action,
                        polarity: f.polarity,
                        data: strings.get(d.id),
                        opp115_type: strings.get(category.map_or("", |c| &c.opp115_type)),
                        party: strings.get(p.name),
                        party_kind: p.kind,
                        role: strings.get(p.role),
                        parent: strings.get(p.parent),
                        purpose: strings.get(purpose),
                        condition: strings.get(condition),
                        sentence: place.sentence.clone(),
                        start: place.start,
                        end: place.end,
                        data_text: Text::from(d.text),
                        party_text: Text::from(p.text),
                        heading: place.heading.clone(),
                    });
                }
            }
        }
    }

    fn unspecified_third_parties(&self) -> PartyRef<'a> {
        self.lexicon.class("third-parties").map_or(
            PartyRef {
                name: "third parties",
                kind: PartyKind::Class,
                role: "unspecified",
                parent: "",
                text: "",
            },
            |c| PartyRef::class(c, ""),
        )
    }
}

/// Where the statements of a sentence come from.
struct Place {
    start: usize,
    end: usize,
    sentence: Text,
    heading: Text,
}

/// What makes two statements of a policy the same fact: what they say, and the sentence.
type StatementKey<'a> = (Action, Polarity, &'a str, &'a str, &'a str, usize);

/// `text.to_lowercase()`, made from `lowered` (`text.to_ascii_lowercase()`): borrowed when the
/// text is ASCII, else its ASCII runs copied and only the other chars lowercased. Lowercasing
/// each sentence with frames again was 1.8% of the instructions of a corpus run, most of it in
/// the one sentence in eight with a curly quote or a dash, which std lowercases char by char
/// from there on (6,400 instructions a sentence).
fn lowercase<'t>(text: &str, lowered: &'t str) -> Cow<'t, str> {
    debug_assert_eq!(text.len(), lowered.len());
    // `is_ascii` tests a word at a time; finding the first non-ASCII byte goes byte by byte.
    if lowered.is_ascii() {
        return Cow::Borrowed(lowered);
    }
    let b = lowered.as_bytes();
    let first = b.iter().position(|&x| x >= 0x80).unwrap_or(b.len());
    // A capital sigma lowercases by its context (final or not): std knows how.
    if text.contains('Σ') {
        return Cow::Owned(text.to_lowercase());
    }
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&lowered[..first]);
    let mut i = first;
    while i < b.len() {
        if b[i] < 0x80 {
            // `to_ascii_lowercase` left the other chars as they were, so `lowered` and `text`
            // share their char boundaries.
            let run = b[i..]
                .iter()
                .position(|&x| x >= 0x80)
                .map_or(b.len(), |n| i + n);
            out.push_str(&lowered[i..run]);
            i = run;
        } else {
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            out.extend(c.to_lowercase());
            i += c.len_utf8();
        }
    }
    Cow::Owned(out)
}

/// What a sentence is searched for ASCII cues in ("except", "such as"): `lowered`
/// (`text.to_ascii_lowercase()`) finds every ASCII phrase `text.to_lowercase()` has unless
/// `text` has a char that lowercases to ASCII (the Kelvin sign, capital I with a dot); only then
/// is the full lowercase made. (Made for every sentence with frames, it was 10 M instructions
/// over apps-2024: one sentence in eight has a curly quote or a dash.)
fn cue_text<'t>(text: &str, lowered: &'t str) -> Cow<'t, str> {
    let b = text.as_bytes();
    let to_ascii = memchr::memchr2_iter(0xc4, 0xe2, b).any(|i| {
        let rest = &b[i..];
        rest.starts_with("\u{130}".as_bytes()) || rest.starts_with("\u{212a}".as_bytes())
    });
    if to_ascii {
        lowercase(text, lowered)
    } else {
        Cow::Borrowed(lowered)
    }
}

/// "The related information includes …", "This may include …": a sentence that lists the data of
/// the one before it. `lower` is the sentence lowercased, or its [`cue_text`].
fn continues_previous(lower: &str) -> bool {
    let starts = ["the ", "this ", "such ", "these ", "that ", "it ", "they "]
        .iter()
        .any(|w| lower.starts_with(w));
    // Searched for only after the start matched: six searches per sentence otherwise.
    static LISTS: Cues<6> = Cues::new(|| {
        finders([
            "include",
            "such as",
            "consist",
            "e.g.",
            "for example",
            "namely",
        ])
    });
    starts && in_text(&LISTS, lower)
}

/// Phrases a sentence is searched for, each with a substring finder built once: a
/// `str::contains` sets up a searcher of its own on every call.
type Cues<const N: usize> = LazyLock<[Finder<'static>; N]>;

fn finders<const N: usize>(phrases: [&'static str; N]) -> [Finder<'static>; N] {
    phrases.map(Finder::new)
}

/// Whether `text` has any of the phrases, anywhere.
fn in_text<const N: usize>(cues: &Cues<N>, text: &str) -> bool {
    cues.iter().any(|f| f.find(text.as_bytes()).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn lowercase_agrees_with_std_on_hard_cases() {
        for text in [
            "",
            "We DO NOT sell",
            "We don’t SELL “Personal Data”",
            "ΟΔΟΣ ΣΑΣ",
            "İstanbul KELVIN \u{212A}",
            "Straße ÀÉÎ—Ω",
        ] {
            let lowered = text.to_ascii_lowercase();
            assert_eq!(lowercase(text, &lowered), text.to_lowercase(), "{text}");
        }
    }

    /// `cue_text` relies on these two being the only chars besides ASCII that lowercase to
    /// anything with an ASCII char in it.
    #[test]
    fn only_two_non_ascii_chars_lowercase_to_ascii() {
        let to_ascii: Vec<char> = (0..=char::MAX as u32)
            .filter_map(char::from_u32)
            .filter(|c| !c.is_ascii() && c.to_lowercase().any(|l| l.is_ascii()))
            .collect();
        assert_eq!(to_ascii, ['\u{130}', '\u{212a}']);
    }

    proptest! {
        /// Every cue is found in `cue_text` exactly when it is in the full lowercase.
        #[test]
        fn cues_are_found_as_in_the_full_lowercase(
            text in "(except|unless|own mar(k|K|\u{212a})eting|the |they |such as|namely|[a-zA-Z İ\u{212a}’—])*",
        ) {
            let lowered = text.to_ascii_lowercase();
            let (cues, full) = (cue_text(&text, &lowered), text.to_lowercase());
            static ALL: Cues<7> = Cues::new(|| {
                finders(["except", "unless", "own marketing", "such ", "they ", "namely", "ik"])
            });
            for f in ALL.iter() {
                prop_assert_eq!(
                    f.find(cues.as_bytes()).is_some(),
                    f.find(full.as_bytes()).is_some()
                );
            }
            prop_assert_eq!(continues_previous(&cues), continues_previous(&full));
        }

        #[test]
        fn lowercase_is_std_lowercase(text in any::<String>()) {
            let lowered = text.to_ascii_lowercase();
            prop_assert_eq!(lowercase(&text, &lowered), text.to_lowercase());
        }

        #[test]
        fn lowercase_is_std_lowercase_on_mostly_ascii(text in "[a-zA-Z ’“”—ÀΣİ\u{212A}.,]{0,60}") {
            let lowered = text.to_ascii_lowercase();
            prop_assert_eq!(lowercase(&text, &lowered), text.to_lowercase());
        }
    }
}
