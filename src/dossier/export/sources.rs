//! `api/sources.json`: one object per source.

use rayon::prelude::*;
use serde::Serialize;

use crate::dossier::emit::KeyedPiece;

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

/// [`file`] in pieces, each with its fingerprint, and the fingerprint of
/// the whole (see [`super::json::keyed_pieces`]).
pub fn keyed_pieces<'a>(records: &'a Records) -> Option<(blake3::Hash, Vec<KeyedPiece<'a>>)> {
    super::json::keyed_pieces(&records.0, |r| r)
}

/// The records of the file, made once for [`keyed_pieces`] and [`file`].
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
