//! Cross-corpus statistics computed in a first pass over every article.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::text::{repetition_key, word_count, Shape};

/// Lines longer than this many words are never counted as boilerplate.
const MAX_WORDS: usize = 20;

/// A line's [`repetition_key`], hashed (128 bits: collisions are out of
/// reach, and an article's keys stay small enough to remember).
type LineKey = [u8; 16];

fn hashed(key: &str) -> LineKey {
    let hash = blake3::hash(key.as_bytes());
    hash.as_bytes()[..16].try_into().expect("16 bytes")
}

/// What the context needs of one article, so an unchanged article need not
/// be read again to build it: the keys of its short, non-prose lines (which
/// it counts) and of all its lines (which its result may depend on), each
/// sorted and without repeats.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineKeys {
    counted: Vec<LineKey>,
    all: Vec<LineKey>,
}

impl LineKeys {
    /// The keys of an article's decoded text.
    pub fn of(text: &str) -> LineKeys {
        let mut counted = BTreeSet::new();
        let mut all = BTreeSet::new();
        for line in text.lines() {
            // The key folds white space, so a line and its trimmed form
            // share it.
            let key = hashed(&repetition_key(line));
            all.insert(key);
            let line = line.trim();
            // A long line is never counted: its stop words need no reading.
            if !line.is_empty() && word_count(line) <= MAX_WORDS && !Shape::of(line).is_good() {
                counted.insert(key);
            }
        }
        LineKeys {
            counted: counted.into_iter().collect(),
            all: all.into_iter().collect(),
        }
    }
}

/// What ingesting one article may know about the rest of the corpus.
///
/// An article's result depends on the context **only** through
/// [`CorpusContext::is_repeated`] applied to the article's own lines: whether
/// each of its short, non-prose lines also occurs in another file. A cache
/// keyed by content hash must therefore also key on
/// [`CorpusContext::dependency_key`] for that article's lines.
#[derive(Debug, Clone, Default)]
pub struct CorpusContext {
    /// Key of a short line → number of files it occurs in.
    files_per_line: BTreeMap<LineKey, usize>,
}

impl CorpusContext {
    /// Build the context from the decoded texts of every article.
    pub fn build<'a>(texts: impl IntoIterator<Item = &'a str>) -> CorpusContext {
        let keys: Vec<LineKeys> = texts.into_iter().map(LineKeys::of).collect();
        CorpusContext::from_keys(&keys)
    }

    /// Build the context from every article's [`LineKeys`].
    pub fn from_keys<'a>(articles: impl IntoIterator<Item = &'a LineKeys>) -> CorpusContext {
        let mut files_per_line: BTreeMap<LineKey, usize> = BTreeMap::new();
        for keys in articles {
            for key in &keys.counted {
                *files_per_line.entry(*key).or_default() += 1;
            }
        }
        CorpusContext { files_per_line }
    }

    fn is_repeated_key(&self, key: &LineKey) -> bool {
        self.files_per_line.get(key).is_some_and(|&n| n >= 2)
    }

    /// Does this short line occur in at least two files of the corpus?
    pub fn is_repeated(&self, line: &str) -> bool {
        self.is_repetition_key_repeated(&repetition_key(line))
    }

    /// [`CorpusContext::is_repeated`] of a line whose [`repetition_key`]
    /// is known.
    pub fn is_repetition_key_repeated(&self, key: &str) -> bool {
        self.is_repeated_key(&hashed(key))
    }

    /// The part of the context one article's result depends on: which of
    /// its lines are repeated across the corpus (their keys, in order).
    pub fn dependency_key(&self, keys: &LineKeys) -> Vec<u8> {
        keys.all
            .iter()
            .filter(|k| self.is_repeated_key(k))
            .flatten()
            .copied()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_lines_shared_by_files_are_repeated() {
        let a = "Harbour Post Menu\nThe mayor resigned on Friday after a long and bitter dispute with the council.";
        let b = "harbour post  menu\nThe mayor resigned on Friday after a long and bitter dispute with the council.";
        let c = "Other text only here";
        let ctx = CorpusContext::build([a, b, c]);
        assert!(ctx.is_repeated("harbour post  menu"));
        assert!(!ctx.is_repeated("Other text only here"));
        // Prose is never boilerplate, even when shared (wire copy).
        assert!(!ctx.is_repeated(
            "The mayor resigned on Friday after a long and bitter dispute with the council."
        ));
        let (ka, kb, kc) = (LineKeys::of(a), LineKeys::of(b), LineKeys::of(c));
        assert_eq!(ctx.dependency_key(&ka), hashed("harbour post menu"));
        assert_eq!(ctx.dependency_key(&ka), ctx.dependency_key(&kb));
        assert!(ctx.dependency_key(&kc).is_empty());
        // The same context from remembered keys.
        let again = CorpusContext::from_keys([&ka, &kb, &kc]);
        assert_eq!(again.files_per_line, ctx.files_per_line);
    }
}
