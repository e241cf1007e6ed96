//! What a page's body gives its summary: the first words of its text and
//! how many words it has. A page's own render computes them; other pages
//! and the feeds ask [`Texts`], which renders a body only when nobody has.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use super::content::Content;

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
    /// From a page's plain text, its white space folded (single spaces,
    /// none at either end: [`super::markdown::Rendered::text`]), so that
    /// its words are what lies between its spaces.
    pub fn of(folded: &str) -> Text {
        debug_assert_eq!(
            folded.split_whitespace().collect::<Vec<_>>().join(" "),
            folded,
            "text not folded"
        );
        if folded.is_empty() {
            return Text::default();
        }
        let mut spaces = memchr::memchr_iter(b' ', folded.as_bytes());
        match spaces.nth(SUMMARY_WORDS - 1) {
            // More words than the summary keeps: cut before the space
            // after the last one kept.
            Some(cut) => Text {
                summary: format!("{}…", &folded[..cut]),
                words: SUMMARY_WORDS + 1 + spaces.count(),
            },
            None => Text {
                summary: folded.to_string(),
                words: memchr::memchr_iter(b' ', folded.as_bytes()).count() + 1,
            },
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
        let text = Text::of("one two three four");
        assert_eq!(text.summary, "one two three four");
        assert_eq!(text.words, 4);
        assert_eq!(Text::of(""), Text::default());
        assert_eq!(Text::of("one").words, 1);
        for n in [39, 40, 41, 50] {
            let words: Vec<String> = (0..n).map(|i| format!("w{i}")).collect();
            let text = Text::of(&words.join(" "));
            assert_eq!(text.words, n);
            let kept = n.min(SUMMARY_WORDS);
            let cut = if n > SUMMARY_WORDS { "…" } else { "" };
            assert_eq!(text.summary, format!("{}{cut}", words[..kept].join(" ")));
        }
    }
}
