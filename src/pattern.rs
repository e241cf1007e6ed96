//! Regular expressions over English news text.
//!
//! Unicode word boundaries (`\b`) stop the regex crate's fast DFA engines on
//! any non-ASCII byte, and news text is full of curly quotes and dashes, so
//! every search fell back to the slow PikeVM. The lexicons are English, so
//! ASCII word boundaries mean the same thing for them: [`new`] compiles a
//! pattern with `\b` made ASCII (`(?-u:\b)`); everything else is unchanged.

use regex::Regex;

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
}
