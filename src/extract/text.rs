//! The string of a statement field, shared between the statements that say it.
//!
//! The statements of a policy repeat their strings: every one names the policy and the vendor,
//! those of a sentence share its text and heading path, and the data ids, party names, roles,
//! purposes and conditions come from a small vocabulary. As `String`s they were 11 allocations
//! per statement (about 350 k of the 1.45 M allocations of a run over apps-2024, which also
//! copied each evidence sentence once per statement). A `Text` is a reference-counted `str`,
//! made once and cloned by a count increment; an empty one allocates nothing, and it is 16 bytes
//! where a `String` is 24.
//!
//! Measured over apps-2024 on one thread (callgrind): `statements` 1,638 M -> 1,611 M
//! instructions (the allocator and copies ~35 M fewer; the lookups below and a branch per field
//! read, 4 M in the CSV writer, cost some of it back), `build` 3,560 M -> 3,469 M (the graph and
//! the writers clone statements), reading all statements back from a graph.sgb 366 M -> 324 M.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An immutable, cheaply cloned string: derefs to `str`, and hashes, compares and serializes
/// as the `str` it holds.
#[derive(Clone, Default)]
pub struct Text(Option<Arc<str>>);

impl Text {
    /// The empty text (no allocation).
    pub const EMPTY: Text = Text(None);

    pub fn as_str(&self) -> &str {
        self.0.as_deref().unwrap_or_default()
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        if s.is_empty() {
            Text(None)
        } else {
            Text(Some(Arc::from(s)))
        }
    }
}

impl From<&String> for Text {
    fn from(s: &String) -> Text {
        Text::from(s.as_str())
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        // `Arc<str>` copies the bytes into its own block either way.
        Text::from(s.as_str())
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.as_str().to_string()
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Hash for Text {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Text) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Text) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

/// The [`Text`]s of the vocabulary of a policy's statements (data ids, OPP-115 types, party
/// names, roles, parents, purposes, conditions: strings the extractor borrows for `'a` from the
/// lexicon and the vendor), so that each is made once per policy rather than once per statement.
///
/// A string is known by where it is, not by what it says (a place borrowed for `'a` holds one
/// string), in a direct-mapped cache: one slot per hash of the place, no probing; a string that
/// finds its slot taken is made again, with the same words. Over apps-2024 a `HashMap` keyed by
/// the text ran 1,636 M instructions, one keyed by the place 1,632 M, this cache 1,619 M (main:
/// 1,638 M). The words that named the data and the party are made per statement: through the
/// cache (keyed by their place in the sentence) they measured the same (1,610 M against 1,611 M).
pub(crate) struct Interner<'a> {
    slots: Vec<Slot>,
    borrowed: PhantomData<&'a str>,
}

/// Where a string is: its address and length.
type Place = (usize, usize);
type Slot = Option<(Place, Text)>;

/// Slots of an [`Interner`], a power of two. A policy's statements name about 70 distinct strings
/// (145 k look-ups over apps-2024 made 20 k strings, 8 k of them again after a collision); 1,024
/// slots made fewer again but cost as much to set up and drop (1,611 M instructions against 1,610 M).
const SLOTS: usize = 256;

impl Default for Interner<'_> {
    fn default() -> Self {
        Interner {
            slots: vec![None; SLOTS],
            borrowed: PhantomData,
        }
    }
}

impl<'a> Interner<'a> {
    #[inline]
    pub fn get(&mut self, s: &'a str) -> Text {
        if s.is_empty() {
            return Text::EMPTY;
        }
        let (key, slot) = self.slot(s);
        match slot {
            Some((k, text)) if *k == key => text.clone(),
            _ => {
                let text = Text::from(s);
                *slot = Some((key, text.clone()));
                text
            }
        }
    }

    /// Let `s` stand for `text` (a string already made).
    pub fn insert(&mut self, s: &'a str, text: &Text) {
        *self.slot(s).1 = Some((place(s), text.clone()));
    }

    /// The place of `s` and its slot.
    #[inline]
    fn slot(&mut self, s: &str) -> (Place, &mut Slot) {
        let key = place(s);
        // Fibonacci hashing of the address, whose low bits are the allocator's alignment.
        let hash = key.0.wrapping_mul(0x9E37_79B9_7F4A_7C15_u64 as usize);
        let i = hash >> (usize::BITS - SLOTS.trailing_zeros());
        (key, &mut self.slots[i])
    }
}

fn place(s: &str) -> Place {
    (s.as_ptr() as usize, s.len())
}

/// `Text == str`, `Text == &str`, `Text == String` and the other way round.
macro_rules! eq_str {
    ($($t:ty),*) => {$(
        impl PartialEq<$t> for Text {
            fn eq(&self, other: &$t) -> bool {
                self.as_str() == AsRef::<str>::as_ref(other)
            }
        }
        impl PartialEq<Text> for $t {
            fn eq(&self, other: &Text) -> bool {
                AsRef::<str>::as_ref(self) == other.as_str()
            }
        }
    )*};
}

eq_str!(str, &str, String);

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Text, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Text, E> {
                Ok(Text::from(s))
            }
            fn visit_string<E: serde::de::Error>(self, s: String) -> Result<Text, E> {
                Ok(Text::from(s))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn behaves_as_its_str() {
        let t = Text::from("ip-address");
        assert_eq!(t, "ip-address");
        assert_eq!("ip-address", t);
        assert_eq!(t, String::from("ip-address"));
        assert_eq!(t.len(), 10);
        assert_eq!(format!("{t} {t:?}"), "ip-address \"ip-address\"");
        let mut map = HashMap::new();
        map.insert(t.clone(), 1);
        assert_eq!(map.get("ip-address"), Some(&1));
        assert_eq!(
            Text::from("a").cmp(&Text::from("b")),
            std::cmp::Ordering::Less
        );
    }

    #[test]
    fn empty_is_default_and_unallocated() {
        assert_eq!(Text::from(""), Text::default());
        assert_eq!(Text::from(String::new()).0, None);
        assert_eq!(Text::EMPTY.as_str(), "");
        assert_eq!(std::mem::size_of::<Text>(), 16);
    }

    #[test]
    fn serializes_as_a_string() {
        let t = Text::from("a \"b\"");
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(json, serde_json::to_string("a \"b\"").unwrap());
        let back: Text = serde_json::from_str(&json).unwrap();
        assert_eq!(back, t);
        let empty: Text = serde_json::from_str("\"\"").unwrap();
        assert_eq!(empty, "");
    }
}
