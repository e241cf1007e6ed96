//! Cross-corpus statistics computed in a first pass over every article.

use std::collections::{BTreeMap, BTreeSet};

use super::text::{repetition_key, Shape};

/// Lines longer than this many words are never counted as boilerplate.
const MAX_WORDS: usize = 20;

/// What ingesting one article may know about the rest of the corpus.
///
/// An article's result depends on the context **only** through
/// [`CorpusContext::is_repeated`] applied to the article's own lines: whether
/// each of its short, non-prose lines also occurs in another file. A cache
/// keyed by content hash must therefore also key on
/// [`CorpusContext::dependency_key`] for that article's text.
#[derive(Debug, Clone, Default)]
pub struct CorpusContext {
    /// Normalised short line → number of files it occurs in.
    files_per_line: BTreeMap<String, usize>,
}

impl CorpusContext {
    /// Build the context from the decoded texts of every article.
    pub fn build<'a>(texts: impl IntoIterator<Item = &'a str>) -> CorpusContext {
        let mut files_per_line: BTreeMap<String, usize> = BTreeMap::new();
        for text in texts {
            let keys: BTreeSet<String> = text
                .lines()
                .map(str::trim)
                .filter(|l| {
                    !l.is_empty() && {
                        let shape = Shape::of(l);
                        shape.words <= MAX_WORDS && !shape.is_good()
                    }
                })
                .map(repetition_key)
                .collect();
            for key in keys {
                *files_per_line.entry(key).or_default() += 1;
            }
        }
        CorpusContext { files_per_line }
    }

    /// Does this short line occur in at least two files of the corpus?
    pub fn is_repeated(&self, line: &str) -> bool {
        self.files_per_line
            .get(&repetition_key(line))
            .is_some_and(|&n| n >= 2)
    }

    /// The part of the context one article's result depends on: its lines
    /// that are repeated across the corpus, sorted and joined.
    pub fn dependency_key(&self, text: &str) -> String {
        let repeated: BTreeSet<String> = text
            .lines()
            .filter(|l| self.is_repeated(l))
            .map(repetition_key)
            .collect();
        repeated.into_iter().collect::<Vec<_>>().join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_shared_by_files_are_repeated() {
        let a = "Harbour Post Menu\nThe mayor resigned on Friday after a long and bitter dispute with the council.";
        let b = "Harbour Post Menu\nThe mayor resigned on Friday after a long and bitter dispute with the council.";
        let c = "Other text only here";
        let ctx = CorpusContext::build([a, b, c]);
        assert!(ctx.is_repeated("harbour post  menu"));
        assert!(!ctx.is_repeated("Other text only here"));
        // Prose is never boilerplate, even when shared (wire copy).
        assert!(!ctx.is_repeated(
            "The mayor resigned on Friday after a long and bitter dispute with the council."
        ));
        assert_eq!(ctx.dependency_key(a), "harbour post menu");
        assert_eq!(ctx.dependency_key(c), "");
    }
}
