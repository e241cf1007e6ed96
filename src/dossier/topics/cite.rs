//! Citation links and fact lines shared by the topic and timeline pages.

use std::collections::BTreeMap;

use crate::corpus::Article;
use crate::dossier::escape;
use crate::extract::facts::Fact;
use crate::extract::Cite;

/// Source titles by id.
pub struct Sources<'a> {
    titles: BTreeMap<&'a str, &'a str>,
}

impl<'a> Sources<'a> {
    pub fn new(articles: &'a [Article]) -> Self {
        Sources {
            titles: articles
                .iter()
                .map(|a| (a.id.as_str(), a.meta.title.as_str()))
                .collect(),
        }
    }

    pub fn title<'s>(&'s self, source: &'s str) -> &'s str {
        self.titles.get(source).copied().unwrap_or(source)
    }

    /// `[Source title ¶n](@/sources/<id>.md#pn)`, title escaped.
    pub fn link(&self, cite: &Cite) -> String {
        format!(
            "[{} ¶{}]({})",
            escape::markdown(self.title(&cite.source)),
            cite.paragraph,
            cite.link()
        )
    }
}

/// The date of a fact as shown: "2025-09-11", with "(uncertain)" when it
/// was resolved against an inferred article date.
pub fn date_text(fact: &Fact) -> String {
    match fact.date {
        Some(d) if fact.date_uncertain => format!("{d} (uncertain)"),
        Some(d) => d.to_string(),
        None => "undated".into(),
    }
}
