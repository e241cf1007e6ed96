//! Source titles, as every page that cites a source shows them: looked up
//! by source id, and escaped for markdown once per build (a source is
//! cited many times).

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::escape;
use crate::corpus::Article;
use crate::extract::Cite;

/// Source titles by id (looked up only, so hashed), also escaped for
/// markdown.
pub struct Sources<'a> {
    titles: FxHashMap<&'a str, (&'a str, String)>,
}

impl<'a> Sources<'a> {
    pub fn new(articles: &'a [Article]) -> Self {
        Sources {
            titles: articles
                .iter()
                .map(|a| {
                    let title = a.meta.title.as_str();
                    (a.id.as_str(), (title, escape::markdown(title)))
                })
                .collect(),
        }
    }

    pub fn title<'s>(&'s self, source: &'s str) -> &'s str {
        self.titles.get(source).map_or(source, |(title, _)| title)
    }

    /// [`Sources::title`] escaped for markdown.
    pub fn title_markdown<'s>(&'s self, source: &str) -> Cow<'s, str> {
        match self.titles.get(source) {
            Some((_, escaped)) => Cow::Borrowed(escaped),
            None => Cow::Owned(escape::markdown(source)),
        }
    }

    /// `[Source title ¶n](@/sources/<id>.md#pn)`, title escaped.
    pub fn link(&self, cite: &Cite) -> String {
        format!(
            "[{} ¶{}]({})",
            self.title_markdown(&cite.source),
            cite.paragraph,
            cite.link()
        )
    }
}
