//! Words of a sentence with their byte spans, and the small closed-class vocabulary (negation,
//! pronouns, prepositions, auxiliaries) that grammar rules need. Open-class vocabulary (data,
//! parties, verbs) is the lexicon's.

/// A word or punctuation mark at `start..end` of the sentence; `lower` is its lowercase form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub lower: String,
}

impl Token {
    pub fn is(&self, word: &str) -> bool {
        self.lower == word
    }
    pub fn is_any(&self, words: &[&str]) -> bool {
        words.contains(&self.lower.as_str())
    }
}

/// Split into words (letters, digits, inner apostrophes and hyphens) and single punctuation marks.
pub(crate) fn tokenize(text: &str) -> Vec<Token> {
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
                lower: text[i..end].to_lowercase().replace('’', "'"),
            });
        } else {
            let end = i + c.len_utf8();
            tokens.push(Token {
                start: i,
                end,
                lower: text[i..end].to_string(),
            });
        }
    }
    tokens
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
