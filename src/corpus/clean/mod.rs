//! Furniture removal: decide, for every non-empty line of an article, whether
//! it is the headline, a paragraph, a sub-heading or page furniture.
//!
//! Steps (each in its own file):
//! 1. [`items`]: non-empty lines, with lines cut by the scraper joined again;
//! 2. [`rules`]: furniture recognisable from the line alone (lexicons in
//!    [`lexicon`]), plus repetition inside the file and across the corpus;
//! 3. [`captions`]: lines next to a photo credit (captions, image alt text);
//! 4. [`layout`]: the headline, the start of the body, the end of the article
//!    (an end signal such as an author bio or share widget) and the topical
//!    drift check on what follows it ([`drift`]).

pub mod captions;
pub mod drift;
pub mod items;
pub mod layout;
pub mod lexicon;
pub mod rules;

pub use items::Item;

use crate::corpus::text::repetition_key;
pub use rules::reason;

/// What a line (item) of the article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Title,
    Paragraph,
    Heading,
    Drop(&'static str),
}

/// The cleaned layout of one article.
#[derive(Debug, Clone)]
pub struct Layout {
    pub items: Vec<Item>,
    pub labels: Vec<Label>,
    /// Index (into `items`) of the headline.
    pub title: Option<usize>,
    /// Index of the first body paragraph.
    pub body_start: Option<usize>,
    /// Index of the end signal, when one was found.
    pub end: Option<usize>,
}

/// Classify the lines of one decoded article. `repeated_in_corpus` tells,
/// from a line's [`repetition_key`], whether the line occurs in other
/// files of the corpus (see [`crate::corpus::CorpusContext`]).
pub fn clean(
    lines: &[crate::corpus::text::Line],
    repeated_in_corpus: &dyn Fn(&str) -> bool,
) -> Layout {
    let items = items::items(lines);
    let judged: Vec<rules::Judged> = items
        .iter()
        .map(|i| rules::judge(&i.text, &i.shape))
        .collect();
    let mut furniture: Vec<Option<&'static str>> = judged.iter().map(|j| j.furniture).collect();
    let cookie_cues: Vec<bool> = judged.iter().map(|j| j.cookie_cue).collect();
    let keys: Vec<String> = items.iter().map(|i| repetition_key(&i.text)).collect();
    items::mark_repeated(&items, &keys, &mut furniture);
    items::extend_cookie_blocks(&items, &cookie_cues, &mut furniture);
    captions::mark(&items, &mut furniture);
    let corpus_repeated: Vec<bool> = keys.iter().map(|k| repeated_in_corpus(k)).collect();
    // An article in another language has no line dense in English stop
    // words: rather than dropping all of it, judge its lines by length and
    // punctuation (the furniture lexicons stay English).
    let english = layout::layout(
        items,
        furniture.clone(),
        &corpus_repeated,
        layout::Prose::English,
    );
    if english.labels.contains(&Label::Paragraph) {
        return english;
    }
    // The layout hands back the items as they came.
    layout::layout(
        english.items,
        furniture,
        &corpus_repeated,
        layout::Prose::AnyLanguage,
    )
}
