//! Words of a sentence with their byte spans, and the small closed-class vocabulary (negation,
//! pronouns, prepositions, auxiliaries) that grammar rules need. Open-class vocabulary (data,
//! parties, verbs) is the lexicon's.

use std::borrow::Cow;

use crate::document::chars;

/// A word or punctuation mark at `start..end` of the sentence; `lower` is its lowercase form,
/// borrowed from the sentence when the word is lowercase already (most words: tokenizing every
/// sentence allocated a string per word before).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token<'a> {
    pub start: usize,
    pub end: usize,
    pub lower: Cow<'a, str>,
}

impl Token<'_> {
    pub fn is(&self, word: &str) -> bool {
        self.lower == word
    }
    pub fn is_any(&self, words: &[&str]) -> bool {
        words.contains(&&*self.lower)
    }
}

/// Split into words (letters, digits, inner apostrophes and hyphens) and single punctuation marks.
///
/// Walks bytes, decoding a character only where a byte is not ASCII: the same tokens as walking
/// `char_indices`, in a third of the time (this runs on every sentence).
///
/// `lowered` is `text.to_ascii_lowercase()`: an ASCII word's lower form is borrowed from it.
pub(crate) fn tokenize<'a>(text: &'a str, lowered: &'a str) -> Vec<Token<'a>> {
    let b = text.as_bytes();
    let char_at = |i: usize| text[i..].chars().next().unwrap_or(' ');
    // A word character starts at byte `i` (false at the end of the text).
    let word_at = |i: usize| match b.get(i) {
        None => false,
        Some(&x) if x < 0x80 => x.is_ascii_alphanumeric(),
        Some(_) => is_word_char(char_at(i)),
    };
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        let (class, len) = if x < 0x80 {
            (ASCII_CLASS[x as usize], 1)
        } else {
            let c = char_at(i);
            let class = if c.is_whitespace() {
                SPACE
            } else if is_word_char(c) {
                WORD
            } else {
                PUNCT
            };
            (class, c.len_utf8())
        };
        if class == SPACE {
            i += len;
            continue;
        }
        if class == PUNCT {
            tokens.push(Token {
                start: i,
                end: i + len,
                lower: Cow::Borrowed(&text[i..i + len]),
            });
            i += len;
            continue;
        }
        // What the word needs to be lowered: noted while walking it (a second and third pass
        // over every word were a third of the time here).
        let mut ascii = x < 0x80;
        let mut upper = class == UPPER;
        let mut end = i + len;
        while end < b.len() {
            let y = b[end];
            if y < 0x80 {
                let k = ASCII_CLASS[y as usize];
                if k >= WORD {
                    upper |= k == UPPER;
                    end += 1;
                    continue;
                }
                if (y == b'\'' || y == b'-') && word_at(end + 1) {
                    end += 1;
                    continue;
                }
                break;
            }
            let d = char_at(end);
            let after = end + d.len_utf8();
            if is_word_char(d) || (d == '’' && word_at(after)) {
                ascii = false;
                end = after;
                continue;
            }
            break;
        }
        let word = &text[i..end];
        let lower = if !ascii {
            Cow::Owned(word.to_lowercase().replace('’', "'"))
        } else if upper {
            // The same as the general case, without its two passes and allocations.
            Cow::Borrowed(&lowered[i..end])
        } else {
            Cow::Borrowed(word)
        };
        tokens.push(Token {
            start: i,
            end,
            lower,
        });
        i = end;
    }
    tokens
}

// What an ASCII byte is to the tokenizer: looked up once per byte instead of three tests.
const SPACE: u8 = 0;
const PUNCT: u8 = 1;
/// A word character that lowercasing keeps (a lowercase letter or a digit); `UPPER` changes.
const WORD: u8 = 2;
const UPPER: u8 = 3;

/// `SPACE` where `char::is_whitespace`, `WORD`/`UPPER` where `char::is_alphanumeric`, else `PUNCT`.
const ASCII_CLASS: [u8; 128] = {
    let mut t = [PUNCT; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_alphanumeric() {
            WORD
        } else if matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
            SPACE
        } else {
            PUNCT
        };
        b += 1;
    }
    t
};

/// `char::is_alphanumeric`, with the fast paths of `document::chars`.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    chars::is_alphanumeric(c)
}

/// Words that negate the verb they precede.
pub(crate) fn is_negation(t: &Token) -> bool {
    t.is_any(&[
        "not", "never", "no", "neither", "nor", "none", "cannot", "without",
    ]) || t.lower.ends_with("n't")
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

    /// The straightforward tokenizer `tokenize` must agree with, character by character.
    fn reference(text: &str) -> Vec<Token<'_>> {
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
                tokens.push(Token {
                    start: i,
                    end,
                    lower: text[i..end].to_lowercase().replace('’', "'").into(),
                });
            } else {
                let end = i + c.len_utf8();
                tokens.push(Token {
                    start: i,
                    end,
                    lower: text[i..end].to_string().into(),
                });
            }
        }
        tokens
    }

    #[test]
    fn ascii_classes_agree_with_char() {
        for b in 0u8..128 {
            let c = b as char;
            let expected = if c.is_whitespace() {
                SPACE
            } else if c.is_uppercase() {
                UPPER
            } else if c.is_alphanumeric() {
                WORD
            } else {
                PUNCT
            };
            assert_eq!(ASCII_CLASS[b as usize], expected, "byte {b:#04x}");
        }
    }

    #[test]
    fn agrees_with_the_reference_on_policy_text() {
        for text in [
            "We share your IP address with Google Analytics, Inc. (\u{201c}GA\u{201d}).",
            "third-party  partners\u{a0}don\u{2019}t sell data\u{2014}ever; e.g. Ünïcödé, ÀB-C, 名前",
            "it's a -- test - 'quoted' ’’x’y’ - trailing-",
            "ขอบคุณ\u{2009}ที่ใช้บริการ ² ½ Ⅻ ǅ",
        ] {
            assert_eq!(
                tokenize(text, &text.to_ascii_lowercase()),
                reference(text),
                "{text}"
            );
        }
    }

    proptest! {
        #[test]
        fn agrees_with_the_reference(text in "[a-zA-Z0-9 '’\\-.,\u{a0}\u{2009}\u{2014}éÉßİ名²½\t\n]{0,40}") {
            let lowered = text.to_ascii_lowercase();
            prop_assert_eq!(tokenize(&text, &lowered), reference(&text));
        }

        #[test]
        fn agrees_with_the_reference_on_any_text(text in any::<String>()) {
            let lowered = text.to_ascii_lowercase();
            prop_assert_eq!(tokenize(&text, &lowered), reference(&text));
        }
    }
}
