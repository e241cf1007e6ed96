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
mod stored;
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
/// whose content (text, metadata, id) did not change, and the resolution
/// itself when no article's result and no curated actor changed.
///
/// Resolution is a function of the per-article results and the curated
/// actors alone, so it is stored under a hash of the results' stored bytes
/// (which the build reads anyway) and of the curated list: an edit that
/// changes no article's actors, or a rebuild after an interrupted one,
/// then neither decodes the per-article results nor resolves them again.
pub fn extract_memo(
    articles: &Fingerprinted,
    curated: &[ActorConfig],
    memo: &dyn Memo,
) -> Entities {
    let stored: Vec<(blake3::Hash, Vec<u8>)> = articles
        .par_iter()
        .map(|(a, print)| {
            let key = memo::key("entities", [&print.as_bytes()[..]]);
            (
                key,
                memo::stored(memo, "entities", &key, || extract_article(a)),
            )
        })
        .collect();
    let hashes: Vec<blake3::Hash> = stored.par_iter().map(|(_, b)| blake3::hash(b)).collect();
    let curated_key = memo::encode(&curated);
    let resolved = memo::key(
        RESOLVED,
        std::iter::once(&curated_key[..]).chain(hashes.iter().map(|h| &h.as_bytes()[..])),
    );
    if let Some(entities) = memo::reading(memo, RESOLVED, &resolved, stored::unpack) {
        return entities;
    }
    // A stored result that does not read back is made again; resolution
    // is then stored under no key, since its inputs are not the ones
    // hashed.
    let intact = std::sync::atomic::AtomicBool::new(true);
    let per_article: Vec<ArticleEntities> = stored
        .into_par_iter()
        .zip(articles.par_iter())
        .map(|((key, bytes), (a, _))| {
            postcard::from_bytes(&bytes).unwrap_or_else(|_| {
                memo.reject("entities", &key);
                intact.store(false, std::sync::atomic::Ordering::Relaxed);
                let result = extract_article(a);
                memo.put("entities", &key, &memo::encode(&result));
                result
            })
        })
        .collect();
    let entities = resolve(per_article, curated);
    if intact.into_inner() {
        memo.put(RESOLVED, &resolved, &stored::pack(&entities));
    }
    entities
}

/// The memo kind of resolved entities ([`extract_memo`]).
pub const RESOLVED: &str = "entities-resolved";

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
