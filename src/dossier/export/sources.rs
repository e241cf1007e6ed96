//! `api/sources.json`: one object per source.

use rayon::prelude::*;
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
pub fn file(records: &Records) -> Vec<u8> {
    super::json::array(&records.0)
}

/// A fingerprint of [`file`] (see [`super::json::fingerprint`]).
pub fn fingerprint(records: &Records) -> Option<blake3::Hash> {
    super::json::fingerprint(&records.0, |r| r)
}

/// The records of the file, made once for [`fingerprint`] and [`file`].
pub struct Records<'a>(Vec<Record<'a>>);

pub fn records(articles: &[Article]) -> Records<'_> {
    let mut sorted: Vec<&Article> = articles.iter().collect();
    sorted.par_sort_by(|a, b| a.id.cmp(&b.id));
    Records(
        sorted
            .into_par_iter()
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
            .collect(),
    )
}
