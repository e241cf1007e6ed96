//! Topical drift: how much of a run of text shares the article's vocabulary.

use std::collections::BTreeSet;

use crate::corpus::text::content_words;

/// Minimum overlap for text after an end signal to still count as the article.
pub const MIN_OVERLAP: f64 = 0.4;

/// Share of the content words of `texts` that occur in `vocabulary`
/// (0 when the texts have no content words).
pub fn overlap(vocabulary: &BTreeSet<String>, texts: &[&str]) -> f64 {
    let words: Vec<String> = texts.iter().flat_map(|t| content_words(t)).collect();
    if words.is_empty() {
        return 0.0;
    }
    let shared = words.iter().filter(|w| vocabulary.contains(*w)).count();
    shared as f64 / words.len() as f64
}

/// The vocabulary (content words) of some texts.
pub fn vocabulary<'a>(texts: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
    texts.into_iter().flat_map(content_words).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn related_text_overlaps_and_unrelated_text_does_not() {
        let vocab = vocabulary([
            "The harbour of Tarnby reopened after the storm damaged the harbour wall.",
            "Fishermen returned to the harbour and the council paid for repairs.",
        ]);
        let related = overlap(
            &vocab,
            &["The council said the harbour wall repairs would continue."],
        );
        let unrelated = overlap(
            &vocab,
            &["Volcanic soils make excellent vineyards for grapes."],
        );
        assert!(related >= MIN_OVERLAP, "{related}");
        assert!(unrelated < MIN_OVERLAP, "{unrelated}");
    }
}
