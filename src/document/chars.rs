//! Letter tests with fast paths for the scripts policies are written in.
//!
//! `char::is_alphabetic` answers non-ASCII characters with a table walk that costs up to a few
//! thousand instructions per character for Hangul and CJK (measured with callgrind: a 220 KB
//! Korean-English policy spent 60% of its time there). These functions answer whole blocks that
//! are letters throughout with a range check and leave everything else to the standard library;
//! a test checks them against it for every `char`. (Runs found by listing the alphabetic
//! stretches of each block with `char::is_alphabetic`.)

/// Blocks (or their lettered parts) in which every character is alphabetic.
const ALPHABETIC_RUNS: [(char, char); 18] = [
    ('\u{0100}', '\u{024F}'), // Latin Extended-A and -B
    ('\u{038E}', '\u{03A1}'), // Greek
    ('\u{03A3}', '\u{03F5}'),
    ('\u{0400}', '\u{0481}'), // Cyrillic
    ('\u{048A}', '\u{04FF}'),
    ('\u{05D0}', '\u{05EA}'), // Hebrew letters
    ('\u{0620}', '\u{0657}'), // Arabic letters and vowel signs
    ('\u{066E}', '\u{06D3}'),
    ('\u{0900}', '\u{093B}'), // Devanagari
    ('\u{093D}', '\u{094C}'),
    ('\u{1100}', '\u{11FF}'), // Hangul Jamo
    ('\u{3041}', '\u{3096}'), // Hiragana
    ('\u{30A1}', '\u{30FA}'), // Katakana
    ('\u{3400}', '\u{4DBF}'), // CJK Extension A
    ('\u{4E00}', '\u{9FFF}'), // CJK Unified Ideographs
    ('\u{AC00}', '\u{D7A3}'), // Hangul syllables
    ('\u{FF21}', '\u{FF3A}'), // Fullwidth Latin
    ('\u{FF41}', '\u{FF5A}'),
];

/// General Punctuation (quotes, dashes, bullets, spaces): no letters or digits, and the non-ASCII
/// characters English policies are full of.
const NO_LETTERS: (char, char) = ('\u{2000}', '\u{206F}');

/// The Thai block answered whole: its tone marks (U+0E47..U+0E4C), which most Thai syllables
/// carry, are no letters, and asking the standard library about each was a table walk (half
/// the Unicode look-ups of a corpus run, from one Thai policy).
const THAI: (char, char) = ('\u{0E00}', '\u{0E7F}');

fn thai_alphabetic(c: char) -> bool {
    matches!(c, '\u{0E01}'..='\u{0E3A}' | '\u{0E40}'..='\u{0E46}' | '\u{0E4D}')
}

fn thai_digit(c: char) -> bool {
    ('\u{0E50}'..='\u{0E59}').contains(&c)
}

fn in_thai(c: char) -> bool {
    (THAI.0..=THAI.1).contains(&c)
}

fn in_alphabetic_run(c: char) -> bool {
    ALPHABETIC_RUNS.iter().any(|&(a, b)| (a..=b).contains(&c))
}

fn without_letters(c: char) -> bool {
    (NO_LETTERS.0..=NO_LETTERS.1).contains(&c)
}

/// The same answer as `char::is_alphabetic`, faster on common scripts.
#[inline]
pub fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else if in_thai(c) {
        thai_alphabetic(c)
    } else if without_letters(c) {
        false
    } else {
        in_alphabetic_run(c) || c.is_alphabetic()
    }
}

/// The same answer as `char::is_alphanumeric`, faster on common scripts.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if in_thai(c) {
        thai_alphabetic(c) || thai_digit(c)
    } else if without_letters(c) {
        false
    } else {
        in_alphabetic_run(c) || c.is_alphanumeric()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_std_on_every_char() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "is_alphabetic({c:?})");
            assert_eq!(
                is_alphanumeric(c),
                c.is_alphanumeric(),
                "is_alphanumeric({c:?})"
            );
        }
    }
}
