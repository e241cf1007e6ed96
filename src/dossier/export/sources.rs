//! `api/sources.json`: one object per source.

use serde::Serialize;

use crate::corpus::Article;

/// One source, keys in alphabetical order.
#[derive(Serialize)]
struct Record<'a> {
    authors: &'a [String],
    date: Option<&'a str>,
    date_inferred: bool,
    file: &'a str,
    id: &'a str,
    paragraphs: usize,
    publication: Option<&'a str>,
    title: &'a str,
    url: String,
    words: usize,
}

/// An array of objects with exactly the keys `id`, `file`, `title`,
/// `publication`, `authors`, `date`, `date_inferred`, `url`, `paragraphs`,
/// `words`, sorted by id.
pub fn file(articles: &[Article]) -> Vec<u8> {
    let mut sorted: Vec<&Article> = articles.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    let records: Vec<Record> = sorted
        .into_iter()
        .map(|a| Record {
            authors: &a.meta.authors,
            date: a.meta.date.as_deref(),
            date_inferred: a.meta.date_inferred,
            file: &a.file,
            id: &a.id,
            paragraphs: a.paragraph_count(),
            publication: a.meta.publication.as_deref(),
            title: &a.meta.title,
            url: format!("sources/{}.html", a.id),
            words: a.word_count(),
        })
        .collect();
    super::json::array(&records)
}
