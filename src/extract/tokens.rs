//! Words of a sentence with their byte spans, and the small closed-class vocabulary (negation,
//! pronouns, prepositions, auxiliaries) that grammar rules need. Open-class vocabulary (data,
//! parties, verbs) is the lexicon's.

use crate::lexicon::Units;

/// A word or punctuation mark at `start..end` of the sentence; `lower` is its lowercase form,
/// borrowed from the sentence or its ASCII-lowercased copy, or for a word with non-ASCII chars
/// from the sentence's spare string (tokenizing every sentence allocated a string per word
/// before). A plain `&str`, not a `Cow`: every word test read the `Cow`'s tag first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    pub start: usize,
    pub end: usize,
    pub lower: &'a str,
}

impl Token<'_> {
    /// Inlined, so that the word's length is known where it is written and the compare of
    /// bytes becomes a load or two instead of a call to `memcmp`.
    #[inline(always)]
    pub fn is(&self, word: &str) -> bool {
        self.lower.len() == word.len() && self.lower.as_bytes() == word.as_bytes()
    }

    /// One of `words`: an array, so that the compiler unrolls the tests (as for [`Token::is`]).
    #[inline(always)]
    pub fn is_any<const N: usize>(&self, words: &[&str; N]) -> bool {
        words.iter().any(|w| self.is(w))
    }
}

/// Split into words (letters, digits, inner apostrophes and hyphens) and single punctuation marks.
///
/// `lowered` is `text.to_ascii_lowercase()`: an ASCII word's lower form is borrowed from it.
#[cfg(test)]
pub(crate) fn tokenize<'a>(
    text: &'a str,
    lowered: &'a str,
    spare: &'a mut String,
) -> Vec<Token<'a>> {
    let mut units = Units::default();
    units.split(text);
    tokens(text, lowered, &units, spare, Vec::new())
}

/// The tokens of `text`, made from its units (the lexicon search's split, [`Units`]): a word
/// is a word unit, joined to the next word unit by an apostrophe (`'`, `’`) or a hyphen
/// between them; every other unit but whitespace is a punctuation mark.
///
/// The units are those the lexicon search numbered already: walking the text's bytes a second
/// time, as the tokenizer did before, was 8% of the instructions of a corpus run.
///
/// `lowered` is `text.to_ascii_lowercase()`: an ASCII word's lower form is borrowed from it.
/// The lower forms of the other words are written into `spare`, which should start empty.
/// The tokens are written into `tokens` (emptied first): a vector kept from the last sentence.
pub(crate) fn tokens<'a>(
    text: &'a str,
    lowered: &'a str,
    units: &Units,
    spare: &'a mut String,
    mut tokens: Vec<Token<'a>>,
) -> Vec<Token<'a>> {
    let n = units.len();
    // About a token per five bytes of English. (A unit count halved over-reserved: 87 MB of
    // token vectors over apps-2024 instead of 51 MB, and 16 M instructions more in the
    // allocator's large-block path.)
    tokens.clear();
    tokens.reserve(text.len() / 5 + 1);
    // Non-ASCII words: (token, range of `spare`), pointed at once `spare` is written.
    let mut in_spare: Vec<(usize, usize, usize)> = Vec::new();
    let mut i = 0;
    while i < n {
        let (start, mut end) = units.span(i);
        i += 1;
        if !units.is_word(i - 1) {
            if !is_space(text, start, end) {
                tokens.push(Token {
                    start,
                    end,
                    lower: &text[start..end],
                });
            }
            continue;
        }
        let mut ascii = units.is_ascii(i - 1);
        // "e -mail" and "e- mail" are not one word: the space before the hyphen or the word
        // after it is folded into the unit ([`Units::space_before`]).
        // Unit `i` is tested first: it is mostly the next word, which no joiner is.
        while i + 1 < n
            && !units.is_word(i)
            && !units.space_before(i)
            && is_joiner(text, units.span(i))
            && units.is_word(i + 1)
            && !units.space_before(i + 1)
        {
            end = units.span(i + 1).1;
            ascii &= units.is_ascii(i) && units.is_ascii(i + 1);
            i += 2;
        }
        let lower = if ascii {
            &lowered[start..end]
        } else {
            let from = spare.len();
            spare.push_str(&text[start..end].to_lowercase().replace('’', "'"));
            in_spare.push((tokens.len(), from, spare.len()));
            ""
        };
        tokens.push(Token { start, end, lower });
    }
    let spare: &'a str = spare;
    for (t, from, to) in in_spare {
        tokens[t].lower = &spare[from..to];
    }
    tokens
}

/// Is the single-char unit at `start..end` whitespace?
#[inline]
fn is_space(text: &str, start: usize, end: usize) -> bool {
    match text.as_bytes()[start] {
        b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => true,
        x if x < 0x80 => false,
        _ => text[start..end]
            .chars()
            .next()
            .is_some_and(char::is_whitespace),
    }
}

/// Does the single-char unit at `span` join two words ("don't", "e-mail", "don’t")?
#[inline]
fn is_joiner(text: &str, (start, end): (usize, usize)) -> bool {
    // Bytes, not `&str`s: slicing `text` checks char boundaries.
    match text.as_bytes()[start..end] {
        [b'\'' | b'-'] => true,
        [0xe2, 0x80, 0x99] => true, // ’
        _ => false,
    }
}

/// Words that negate the verb they precede.
pub(crate) fn is_negation(t: &Token) -> bool {
    t.is_any(&[
        "not", "never", "no", "neither", "nor", "none", "cannot", "without",
    ]) || t.lower.ends_with("n't")
}

/// Is the "not" at `i` the one of a title-cased "Do Not Track" (the browser signal) or "Do Not
/// Sell [or Share] My Personal Information" (the opt-out link US state laws require)? Such a
/// "not" denies nothing, and the verb after it is no practice: "click Do Not Sell My Personal
/// Information" neither sells nor denies selling. "We Do Not Sell Your Data", a heading, is a
/// denial: only "Track" or a "My" soon after makes the name.
pub(crate) fn opt_out_name_at(tokens: &[Token], text: &str, i: usize) -> bool {
    i > 0
        && tokens[i].is("not")
        && tokens[i - 1].is("do")
        && capital(&tokens[i], text)
        && capital(&tokens[i - 1], text)
        && (tokens.get(i + 1).is_some_and(|t| t.is("track"))
            || tokens[i + 1..].iter().take(4).any(|t| t.is("my")))
}

/// Does the token at `t` stand inside such a name, after its "Not" ("Sell", "Share" of "Do Not
/// Sell or Share My Personal Information")? The name is title-cased, so only a capitalised word
/// is looked at further (this is asked of every verb).
pub(crate) fn in_opt_out_name(tokens: &[Token], text: &str, t: usize) -> bool {
    capital(&tokens[t], text)
        && (t.saturating_sub(4)..t).any(|j| {
            opt_out_name_at(tokens, text, j) && tokens[j + 1..=t].iter().all(|w| !w.is("my"))
        })
}

/// Does the token start with an ASCII capital in `text`?
fn capital(t: &Token, text: &str) -> bool {
    text.as_bytes()
        .get(t.start)
        .is_some_and(u8::is_ascii_uppercase)
}

/// Forms of "to be", which make a following participle passive.
pub(crate) const BE: [&str; 10] = [
    "is", "are", "was", "were", "be", "been", "being", "am", "'s", "'re",
];

/// Words that may stand between an auxiliary and its verb ("may also be automatically collected").
pub(crate) fn is_adverb(t: &Token) -> bool {
    (t.lower.ends_with("ly") && t.lower.len() > 3)
        || t.is_any(&[
            "also",
            "only",
            "not",
            "never",
            "further",
            "then",
            "still",
            "sometimes",
            "often",
            "otherwise",
            "either",
            "thereby",
            "even",
        ])
}

/// Determiners and possessives: a "verb" right after one of these is a noun ("our use of cookies").
pub(crate) const DETERMINERS: [&str; 16] = [
    "the", "our", "your", "their", "its", "his", "her", "any", "such", "this", "these", "those",
    "a", "an", "of", "my",
];

/// Words that refer to the first party.
pub(crate) const FIRST_PERSON: [&str; 8] = [
    "we",
    "us",
    "our",
    "ourselves",
    "we'll",
    "we've",
    "we're",
    "we'd",
];

/// Tokens that may separate items of one list of names.
pub(crate) fn is_list_glue(t: &Token) -> bool {
    t.is_any(&[
        ",",
        "and",
        "or",
        "(",
        ")",
        "such",
        "as",
        "including",
        "include",
        "e.g",
        ".",
        "etc",
        "like",
        "other",
        "certain",
        "our",
        "the",
        "their",
        "its",
        "/",
        "&",
        "both",
        "either",
        "and/or",
        "as well",
        "well",
        "other",
        "third-party",
        "any",
        "e",
        "g",
        "i",
        "including,",
        "specifically",
        "namely",
        "for",
        "example",
        ":",
    ])
}

/// Function words: a verb after one of these has no noun subject right before it.
pub(crate) const FUNCTION_WORDS: [&str; 48] = [
    "to", "and", "or", "that", "which", "who", "then", "also", "it", "this", "there", "where",
    "when", "how", "as", "if", "from", "for", "with", "by", "of", "in", "on", "at", "about",
    "into", "than", "without", "after", "before", "upon", "while", "whether", "so", "not", "nor",
    "but", "because", "since", "until", "unless", "once", "what", "whom", "whose", "why", "we",
    "they",
];

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `tokenize`'s tokens of `text` as `(start, end, lower)`.
    fn tokenized(text: &str) -> Vec<(usize, usize, String)> {
        let (lowered, mut spare) = (text.to_ascii_lowercase(), String::new());
        tokenize(text, &lowered, &mut spare)
            .into_iter()
            .map(|t| (t.start, t.end, t.lower.to_string()))
            .collect()
    }

    /// The straightforward tokenizer `tokenize` must agree with, character by character.
    fn reference(text: &str) -> Vec<(usize, usize, String)> {
        let mut tokens = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_whitespace() {
                continue;
            }
            if c.is_alphanumeric() {
                let mut end = i + c.len_utf8();
                while let Some(&(j, d)) = chars.peek() {
                    let joins = (d == '\'' || d == '’' || d == '-')
                        && text[j + d.len_utf8()..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphanumeric);
                    if d.is_alphanumeric() || joins {
                        end = j + d.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                tokens.push((i, end, text[i..end].to_lowercase().replace('’', "'")));
            } else {
                let end = i + c.len_utf8();
                tokens.push((i, end, text[i..end].to_string()));
            }
        }
        tokens
    }

    #[test]
    fn agrees_with_the_reference_on_policy_text() {
        for text in [
            "We share your IP address with Google Analytics, Inc. (\u{201c}GA\u{201d}).",
            "third-party  partners\u{a0}don\u{2019}t sell data\u{2014}ever; e.g. Ünïcödé, ÀB-C, 名前",
            "it's a -- test - 'quoted' ’’x’y’ - trailing-",
            "ขอบคุณ\u{2009}ที่ใช้บริการ ² ½ Ⅻ ǅ",
        ] {
            assert_eq!(tokenized(text), reference(text), "{text}");
        }
    }

    proptest! {
        #[test]
        fn agrees_with_the_reference(text in "[a-zA-Z0-9 '’\\-.,\u{a0}\u{2009}\u{2014}éÉßİ名²½\t\n]{0,40}") {
            prop_assert_eq!(tokenized(&text), reference(&text));
        }

        #[test]
        fn agrees_with_the_reference_on_any_text(text in any::<String>()) {
            prop_assert_eq!(tokenized(&text), reference(&text));
        }
    }
}
