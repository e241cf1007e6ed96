//! Word-level helpers shared by the cleaning and metadata rules.

use std::collections::BTreeSet;
use std::sync::LazyLock;

/// One line of the decoded file (1-based number, trimmed text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub no: usize,
    pub text: String,
}

/// Split decoded text into numbered lines (empty ones included).
pub fn lines(text: &str) -> Vec<Line> {
    text.split('\n')
        .enumerate()
        .map(|(i, t)| Line {
            no: i + 1,
            text: t.trim().to_string(),
        })
        .collect()
}

/// Common English function words (stop words), lowercase.
pub static STOP_WORDS: LazyLock<BTreeSet<&'static str>> = LazyLock::new(|| {
    "a about above after again against all also am an and any are as at be because been before \
     being below between both but by can could did do does doing down during each even few for \
     from further had has have having he her here hers herself him himself his how i if in into \
     is it its itself just may me might more most must my myself no nor not now of off on once \
     only or other our ours out over own same she should so some such than that the their theirs \
     them themselves then there these they this those through to too under until up upon very \
     was we were what when where which while who whom why will with would you your yours \
     yourself yet whether though although since among"
        .split_whitespace()
        .collect()
});

/// The words of a line: runs of letters, digits and inner apostrophes/hyphens.
pub fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')))
        .map(|w| w.trim_matches(|c: char| matches!(c, '\'' | '’' | '-')))
        .filter(|w| !w.is_empty())
        .collect()
}

/// Share of the words that are stop words (0 when there are no words).
pub fn stop_density(text: &str) -> f64 {
    let words = words(text);
    if words.is_empty() {
        return 0.0;
    }
    let stops = words
        .iter()
        .filter(|w| STOP_WORDS.contains(w.to_lowercase().as_str()))
        .count();
    stops as f64 / words.len() as f64
}

/// Does the line end like a sentence (period, question or exclamation mark,
/// ellipsis, optionally inside closing quotes or brackets)?
pub fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']', ' ']);
    t.ends_with(['.', '!', '?', '…'])
}

/// Does the line end with any punctuation a heading would not carry?
pub fn ends_with_punctuation(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']', ' ']);
    t.ends_with(['.', '!', '?', '…', ',', ';', ':'])
}

/// A body-text line in the jusText sense: long enough, dense in stop words and
/// ending like a sentence (or long enough to be a line cut by the scraper).
pub fn is_good(text: &str) -> bool {
    let n = words(text).len();
    let density = stop_density(text);
    (n >= 8 && density >= 0.2 && ends_sentence(text)) || (n >= 25 && density >= 0.25)
}

/// [`is_good`] for text in a language other than English, whose stop words
/// the density cannot count: long enough and ending like a sentence, or
/// long enough to be a line cut by the scraper.
pub fn is_good_any_language(text: &str) -> bool {
    let n = words(text).len();
    (n >= 8 && ends_sentence(text)) || n >= 25
}

/// [`is_short_sentence`] for text in a language other than English.
pub fn is_short_sentence_any_language(text: &str) -> bool {
    words(text).len() >= 4 && ends_sentence(text)
}

/// A short sentence: ends like one and reads like running text.
pub fn is_short_sentence(text: &str) -> bool {
    let n = words(text).len();
    n >= 4 && ends_sentence(text) && stop_density(text) > 0.0
}

/// Lowercase content words (not stop words, at least four letters), for
/// vocabulary overlap.
pub fn content_words(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 4 && !STOP_WORDS.contains(w.as_str()))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect()
}

/// Does a word start with a capital letter?
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Normalised form of a line for repetition counts: lowercase, single spaces.
pub fn repetition_key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_lines_read_like_prose() {
        assert!(is_good(
            "The council of Verinia voted on Monday to reopen the eastern bridge to traffic."
        ));
        assert!(!is_good(
            "Markets Weather Sport Opinion Video Culture Travel"
        ));
        assert!(!is_good("Harbour Talks Stall Over Fishing Quotas"));
    }

    #[test]
    fn sentence_endings_inside_quotes() {
        assert!(ends_sentence("He said “no.”"));
        assert!(!ends_sentence("Economic outlook"));
        assert!(ends_with_punctuation("Share the Post:"));
    }

    #[test]
    fn words_keep_inner_apostrophes() {
        assert_eq!(
            words("It’s the mayor's — 2,000 votes!"),
            vec!["It’s", "the", "mayor's", "2", "000", "votes"]
        );
    }
}
