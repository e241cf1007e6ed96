//! Sets of lowercase words (stop words, section names) that every word of
//! every line is looked up in: a hash set, and a lookup of a word in any
//! case that allocates nothing for the words of English text.

use rustc_hash::FxHashSet;

/// Words up to this many bytes are lowercased on the stack.
const STACK: usize = 32;

/// A set of words, looked up as they are ([`WordSet::contains`]) or by
/// their lowercase form ([`WordSet::contains_lowercase_of`]).
#[derive(Debug, Clone)]
pub struct WordSet {
    words: FxHashSet<&'static [u8]>,
    /// Length in bytes of the longest word.
    longest: usize,
    /// Every word is ASCII.
    ascii: bool,
}

impl WordSet {
    /// The set of the whitespace-separated words of `list`.
    pub fn of(list: &'static str) -> WordSet {
        let words: FxHashSet<&'static [u8]> = list.split_whitespace().map(str::as_bytes).collect();
        WordSet {
            longest: words.iter().map(|w| w.len()).max().unwrap_or(0),
            ascii: words.iter().all(|w| w.is_ascii()),
            words,
        }
    }

    /// Is `word`, exactly as written, in the set?
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word.as_bytes())
    }

    /// Is `word.to_lowercase()` in the set?
    pub fn contains_lowercase_of(&self, word: &str) -> bool {
        if word.is_ascii() {
            return word.len() <= self.longest && self.contains_ascii_lowercase_of(word);
        }
        // A lowercase form with a character outside ASCII is in no set of
        // ASCII words (most such words hold a curly apostrophe).
        if self.ascii && word.chars().any(lowercase_leaves_ascii) {
            return false;
        }
        self.contains(&word.to_lowercase())
    }

    /// [`WordSet::contains_lowercase_of`] for an ASCII word.
    fn contains_ascii_lowercase_of(&self, word: &str) -> bool {
        let mut buf = [0u8; STACK];
        match buf.get_mut(..word.len()) {
            Some(lower) => {
                lower.copy_from_slice(word.as_bytes());
                lower.make_ascii_lowercase();
                self.words.contains(&*lower)
            }
            None => self.contains(&word.to_ascii_lowercase()),
        }
    }
}

/// Does the lowercase form of `c` hold a character outside ASCII?
fn lowercase_leaves_ascii(c: char) -> bool {
    !c.is_ascii() && c.to_lowercase().any(|l| !l.is_ascii())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_in_any_case_are_lookups_of_the_lowercase_form() {
        let set = WordSet::of("the of u.s. k i");
        for word in [
            "The",
            "THE",
            "the",
            "OF",
            "U.S.",
            "Harbour",
            "It’s",
            "Theatre",
            "\u{212A}",
            "İ",
            "Σ",
            "ΟΔΟΣ",
            "",
            &"LONG".repeat(20),
        ] {
            assert_eq!(
                set.contains_lowercase_of(word),
                set.contains(&word.to_lowercase()),
                "{word}"
            );
        }
        // The Kelvin sign lowercases to an ASCII k.
        assert!(set.contains_lowercase_of("\u{212A}"));
        assert!(!set.contains("The"));
        let long = WordSet::of("mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm σ");
        assert!(long.contains_lowercase_of("MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM"));
        assert!(long.contains_lowercase_of("Σ"));
    }
}
