//! Regular expressions over English news text.
//!
//! Unicode word boundaries (`\b`) stop the regex crate's fast DFA engines on
//! any non-ASCII byte, and news text is full of curly quotes and dashes, so
//! every search fell back to the slow PikeVM. The lexicons are English, so
//! ASCII word boundaries mean the same thing for them: [`new`] compiles a
//! pattern with `\b` made ASCII (`(?-u:\b)`); everything else is unchanged.

use regex::{Regex, RegexSet, RegexSetBuilder};

/// Room for a [`Listed`]'s set: each regex compiles within the regex
/// crate's default limits, and the set holds them all.
const SET_SIZE_LIMIT: usize = 256 << 20;

/// Regexes that are all tried on the same texts, in their order: which of
/// them match a text is found in one pass over it (a `RegexSet` of the
/// very same patterns, flags included) rather than one pass per regex, and
/// only those are run for their matches.
#[derive(Debug, Clone)]
pub struct Listed {
    regexes: Vec<Regex>,
    /// `None` when the set would not compile within its size limit: then
    /// each regex is tried in turn.
    set: Option<RegexSet>,
}

impl Listed {
    /// The regexes, each written with its flags in its pattern (`(?i)`,
    /// not a builder option), so that the set sees what each regex is.
    pub fn new(regexes: Vec<Regex>) -> Listed {
        let set = RegexSetBuilder::new(regexes.iter().map(Regex::as_str))
            .size_limit(SET_SIZE_LIMIT)
            .dfa_size_limit(SET_SIZE_LIMIT)
            .build()
            .ok();
        Listed { regexes, set }
    }

    /// The `i`-th regex.
    pub fn get(&self, i: usize) -> &Regex {
        &self.regexes[i]
    }

    /// Which regexes match `text`.
    pub fn matching(&self, text: &str) -> Matched {
        Matched(match &self.set {
            Some(set) => {
                let found = set.matches(text);
                (0..self.regexes.len()).map(|i| found.matched(i)).collect()
            }
            None => self.regexes.iter().map(|r| r.is_match(text)).collect(),
        })
    }
}

/// What [`Listed::matching`] found: whether each regex matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matched(Vec<bool>);

impl Matched {
    /// Does the `i`-th regex match?
    pub fn has(&self, i: usize) -> bool {
        self.0[i]
    }

    /// Does any regex match?
    pub fn any(&self) -> bool {
        self.0.contains(&true)
    }

    /// The indices of the regexes that match, ascending.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.0.len()).filter(|&i| self.0[i])
    }
}

/// Compile `pattern` with ASCII word boundaries.
pub fn new(pattern: &str) -> Result<Regex, regex::Error> {
    Regex::new(&ascii_boundaries(pattern))
}

/// Rewrite every `\b` of a pattern as `(?-u:\b)` (an escaped backslash
/// followed by `b` is left alone).
pub fn ascii_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('b') => out.push_str(r"(?-u:\b)"),
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_become_ascii() {
        assert_eq!(
            ascii_boundaries(r"\bsanction\w*\b"),
            r"(?-u:\b)sanction\w*(?-u:\b)"
        );
        assert_eq!(ascii_boundaries(r"a\\b"), r"a\\b");
        let re = new(r"(?i)\bprisoners?\b").unwrap();
        assert!(re.is_match("“Political prisoners,” she said"));
        assert!(!re.is_match("imprisoners"));
    }

    #[test]
    fn listed_regexes_match_as_each_does() {
        let regexes: Vec<Regex> = [r"(?i)\bheld\b", r"freed", r"(?i)pardon\w*", r"^\d+$"]
            .iter()
            .map(|p| new(p).unwrap())
            .collect();
        let listed = Listed::new(regexes.clone());
        let each = Listed {
            set: None,
            ..listed.clone()
        };
        assert!(listed.set.is_some());
        for text in [
            "HELD and Freed",
            "pardoned, then freed",
            "42",
            "nothing",
            "",
        ] {
            let want: Vec<bool> = regexes.iter().map(|r| r.is_match(text)).collect();
            assert_eq!(listed.matching(text).0, want, "{text}");
            assert_eq!(each.matching(text).0, want, "{text}");
        }
        let found = listed.matching("Pardons for those held");
        assert_eq!(found.iter().collect::<Vec<_>>(), [0, 2]);
        assert!(found.has(2) && !found.has(1) && found.any());
        assert!(!listed.matching("nothing").any());
    }
}
