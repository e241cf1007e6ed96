//! What a page's body gives its summary: the first words of its text and
//! how many words it has. A page's own render computes them; other pages
//! and the feeds ask [`Texts`], which renders a body only when nobody has.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use super::content::Content;
use super::index::excerpt;

/// How many words a summary keeps.
pub const SUMMARY_WORDS: usize = 40;

/// The text-derived part of a page's summary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    /// First [`SUMMARY_WORDS`] words of the page's text.
    pub summary: String,
    pub words: usize,
}

impl Text {
    /// From a page's plain text.
    pub fn of(plain: &str) -> Text {
        Text {
            summary: excerpt(plain, SUMMARY_WORDS),
            words: plain.split_whitespace().count(),
        }
    }
}

/// The texts of the pages of this build, computed once each.
pub struct Texts {
    content: Arc<Content>,
    known: Mutex<BTreeMap<String, Arc<Text>>>,
}

impl Texts {
    pub fn new(content: Arc<Content>) -> Texts {
        Texts {
            content,
            known: Mutex::new(BTreeMap::new()),
        }
    }

    /// Remember the text of a page (its own render computed it).
    pub fn put(&self, path: &str, text: Text) {
        self.known
            .lock()
            .expect("texts poisoned")
            .insert(path.to_string(), Arc::new(text));
    }

    /// The text of a content page, rendering its body if no one has yet.
    pub fn get(&self, path: &str) -> Option<Arc<Text>> {
        if let Some(t) = self.known.lock().expect("texts poisoned").get(path) {
            return Some(Arc::clone(t));
        }
        let page = self.content.pages.get(path)?;
        let body = page.body().ok()?;
        let text = Arc::new(Text::of(&super::markdown::render(&body).text));
        self.known
            .lock()
            .expect("texts poisoned")
            .insert(path.to_string(), Arc::clone(&text));
        Some(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_and_words() {
        let text = Text::of("one two  three\nfour");
        assert_eq!(text.summary, "one two three four");
        assert_eq!(text.words, 4);
        let long = "w ".repeat(50);
        let text = Text::of(&long);
        assert_eq!(text.words, 50);
        assert!(text.summary.ends_with('…'));
    }
}
