//! Actors: people, organisations and places named in the articles.
//!
//! Rule-based and offline. Per article ([`extract_article`], cacheable):
//! candidates (capitalised runs cut and classified by honorifics, titles,
//! organisation cues, a gazetteer, speech verbs and appositives), then
//! within-article resolution, roles and quotations. Across articles
//! ([`resolve`]): romanisation-aware merging of persons, blocked by surname
//! key, then the curated `actors:` list.

mod candidates;
mod coref;
mod curated;
mod gazetteer;
mod lexicon;
pub mod model;
mod quotes;
mod resolve;
mod roles;
mod tokens;
pub mod translit;

#[cfg(test)]
pub(crate) mod fixtures;
#[cfg(test)]
mod seeds_tests;
#[cfg(test)]
mod tests;

pub use model::{
    ArticleEntities, Entities, Entity, Gender, Kind, LocalEntity, LocalMention, Quote, Role,
};
pub use resolve::Draft;

use rayon::prelude::*;

use crate::config::ActorConfig;
use crate::corpus::{Article, Fingerprinted};
use crate::extract::Cite;
use crate::memo::{self, Memo};

/// Extract and resolve the actors of a corpus.
pub fn extract(articles: &[Article], curated: &[ActorConfig]) -> Entities {
    extract_memo(&Fingerprinted::new(articles), curated, &crate::memo::NoMemo)
}

/// [`extract`], reusing the stored per-article result of every article
/// whose content (text, metadata, id) did not change.
pub fn extract_memo(
    articles: &Fingerprinted,
    curated: &[ActorConfig],
    memo: &dyn Memo,
) -> Entities {
    let per_article: Vec<ArticleEntities> = articles
        .par_iter()
        .map(|(a, print)| {
            let key = memo::key("entities", [&print.as_bytes()[..]]);
            memo::cached(memo, "entities", &key, || extract_article(a))
        })
        .collect();
    resolve(per_article, curated)
}

/// Resolve per-article results into the corpus's actors (see
/// [`Draft::name`] for how the canonical name is chosen).
pub fn resolve(per_article: Vec<ArticleEntities>, curated: &[ActorConfig]) -> Entities {
    resolve::resolve(per_article, curated)
}

/// The actors one article names, resolved within the article; its authors
/// are never among them.
pub fn extract_article(article: &Article) -> ArticleEntities {
    let paragraphs: Vec<(usize, &str)> = article.paragraphs().collect();
    let ctx = candidates::Context::new(paragraphs.iter().map(|(_, t)| *t));
    let paras: Vec<coref::Para<'_>> = paragraphs
        .iter()
        .map(|&(n, text)| {
            let tokens = tokens::tokenize(text);
            let candidates = candidates::find(text, &tokens, &ctx);
            coref::Para {
                n,
                text,
                tokens,
                candidates,
            }
        })
        .collect();
    let resolved = coref::resolve(&paras);
    let attributed = quotes::attribute(&paras, &resolved.assignment, &resolved.entities);
    let mut entities = resolved.entities;
    let cite = |paragraph| Cite {
        source: article.id.clone(),
        paragraph,
    };
    for e in &mut entities {
        for r in &mut e.roles {
            r.cite = cite(r.cite.paragraph);
        }
    }
    for (e, paragraph, text) in attributed {
        entities[e].quotes.push(Quote {
            text,
            cite: cite(paragraph),
        });
    }
    let authors = article.meta.authors.clone();
    let named = resolve::Authors::new(&authors);
    entities.retain(|e| !named.named_by(e));
    ArticleEntities {
        source: article.id.clone(),
        authors,
        entities,
        unresolved: resolved.unresolved,
    }
}
