//! `api/sources.json`: one object per source.

use serde_json::{json, Value};

use crate::corpus::Article;

/// An array of objects with exactly the keys `id`, `file`, `title`,
/// `publication`, `authors`, `date`, `date_inferred`, `url`, `paragraphs`,
/// `words`, sorted by id.
pub fn json(articles: &[Article]) -> Value {
    let mut sorted: Vec<&Article> = articles.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    Value::Array(
        sorted
            .into_iter()
            .map(|a| {
                json!({
                    "id": a.id,
                    "file": a.file,
                    "title": a.meta.title,
                    "publication": a.meta.publication,
                    "authors": a.meta.authors,
                    "date": a.meta.date,
                    "date_inferred": a.meta.date_inferred,
                    "url": format!("sources/{}.html", a.id),
                    "paragraphs": a.paragraph_count(),
                    "words": a.word_count(),
                })
            })
            .collect(),
    )
}
