//! Facts: the claims of the topical sentences of every article, with their
//! numbers, dates, entities and citations.
//!
//! Work is split in two: [`extract_article`] looks at one article alone (and
//! can be cached by the article's hash); [`combine`] sorts the per-article
//! results and runs the cross-article steps (disagreements), in time
//! O(n log n) in the number of facts.

mod context;
pub mod model;
mod names;
mod prisoners;
mod sanctions;
pub mod status;

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

pub use model::{
    format_number, ArticleFacts, Detail, Disagreement, Event, Fact, Facts, PrisonerDetail,
    SanctionDetail,
};
pub use status::{key_figures, KeyFigures, PersonStatus, SanctionStatus};

use crate::config::TopicConfig;
use crate::corpus::{Article, Fingerprinted};
use crate::extract::dates::{self, PartialDate, Reference};
use crate::extract::topics::TopicMatcher;
use crate::extract::{disagree, numbers, timeline, Cite, MentionRef};
use crate::memo::{self, Memo};
use context::{Draft, Sentence};

/// Topic ids whose sentences get the built-in rules of that kind of fact.
pub const PRISONERS: &str = "prisoners";
pub const SANCTIONS: &str = "sanctions";

/// The counts of one sentence that can become facts. More is a table or a
/// list run together, not a claim; and each fact holds its sentence, so
/// without a bound a long sentence of numbers took memory in the square of
/// its length.
pub const MAX_COUNTS: usize = 32;

/// Extract the facts, dated events and disagreements of a corpus.
pub fn extract(articles: &[Article], topics: &[TopicConfig], mentions: &[MentionRef]) -> Facts {
    extract_memo(
        &Fingerprinted::new(articles),
        topics,
        mentions,
        &crate::memo::NoMemo,
    )
    .0
}

/// [`extract`], reusing the stored per-article result of every article
/// whose content, entity mentions and the topic configuration did not change;
/// with a digest of the facts (see [`Digest`]).
pub fn extract_memo(
    articles: &Fingerprinted,
    topics: &[TopicConfig],
    mentions: &[MentionRef],
    memo: &dyn Memo,
) -> (Facts, Digest) {
    let matcher = TopicMatcher::new(topics);
    let topics_key = memo::encode(&topics);
    // Each source's mentions, in their order: slices of `mentions` when it
    // is sorted by source (as resolution leaves it), else copies.
    let sorted = mentions.is_sorted_by(|a, b| a.cite.source <= b.cite.source);
    let mut owned: BTreeMap<&str, Vec<MentionRef>> = BTreeMap::new();
    let mut by_source: BTreeMap<&str, &[MentionRef]> = BTreeMap::new();
    if sorted {
        for chunk in mentions.chunk_by(|a, b| a.cite.source == b.cite.source) {
            by_source.insert(chunk[0].cite.source.as_str(), chunk);
        }
    } else {
        for m in mentions {
            owned
                .entry(m.cite.source.as_str())
                .or_default()
                .push(m.clone());
        }
        by_source.extend(owned.iter().map(|(s, v)| (*s, v.as_slice())));
    }
    let (per_article, hashes): (Vec<ArticleFacts>, Vec<blake3::Hash>) = articles
        .par_iter()
        .map(|(a, print)| {
            let mentions = by_source.get(a.id.as_str()).copied().unwrap_or(&[]);
            let key = memo::key(
                "facts",
                [
                    &print.as_bytes()[..],
                    &topics_key,
                    &memo::fingerprint("mentions", &mentions).as_bytes()[..],
                ],
            );
            memo::cached_hashed(memo, "facts", &key, || {
                extract_article(a, &matcher, mentions)
            })
        })
        .unzip();
    let digest = Digest(memo::key(
        "facts-digest",
        hashes.iter().map(|h| &h.as_bytes()[..]),
    ));
    // Each source's hash, when its facts are its article's alone.
    let own = articles
        .par_iter()
        .zip(per_article.par_iter())
        .all(|((a, _), f)| f.facts.iter().all(|fact| fact.cite.source == a.id));
    let prints = if own {
        articles
            .par_iter()
            .zip(hashes.par_iter())
            .map(|((a, _), h)| (a.id.clone(), *h))
            .collect()
    } else {
        BTreeMap::new()
    };
    let mut facts = combine(per_article);
    facts.prints = prints;
    (facts, digest)
}

/// A fingerprint of [`Facts`] taken from the stored form of the
/// per-article results they were combined from, in order (so it costs a
/// hash of bytes the build reads anyway): [`combine`] is a function of
/// those alone, so equal digests mean equal facts, and what is made from
/// the facts alone can be keyed by it instead of by the facts encoded
/// again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Digest(pub blake3::Hash);

/// Sort the per-article results together and find where sources disagree.
pub fn combine(mut per_article: Vec<ArticleFacts>) -> Facts {
    // Every fact by citation, and within a paragraph in its order of
    // extraction: a stable sort of the whole list. When each article's
    // facts cite that article only (as extraction makes them), that is each
    // article's facts stably by paragraph, the articles stably by source.
    fn source(a: &ArticleFacts) -> Option<&str> {
        a.facts.first().map(|f| f.cite.source.as_str())
    }
    let per_source = per_article.iter().all(|a| {
        a.facts
            .iter()
            .all(|f| Some(f.cite.source.as_str()) == source(a))
    });
    if per_source {
        per_article
            .par_iter_mut()
            .for_each(|a| a.facts.sort_by_key(|f| f.cite.paragraph));
        per_article.sort_by(|a, b| source(a).cmp(&source(b)));
    }
    // Sized once: growing by doubling would copy the lists and touch
    // about twice their memory.
    let mut facts = Vec::with_capacity(per_article.iter().map(|a| a.facts.len()).sum());
    let mut events = Vec::with_capacity(per_article.iter().map(|a| a.events.len()).sum());
    for a in per_article {
        facts.extend(a.facts);
        events.extend(a.events);
    }
    if !per_source {
        facts.par_sort_by(|a, b| a.cite.cmp(&b.cite));
    }
    events.par_sort_by(|a, b| (a.date, &a.cite, &a.text).cmp(&(b.date, &b.cite, &b.text)));
    let disagreements = disagree::find(&facts);
    Facts {
        facts,
        events,
        disagreements,
        prints: BTreeMap::new(),
    }
}

/// The topic ids of one paragraph (for actor pages), sorted.
pub fn topics_of(facts: &Facts, cite: &Cite) -> Vec<String> {
    let mut topics = paragraph_topics(facts);
    topics
        .remove(cite)
        .map(|ids| ids.into_iter().map(String::from).collect())
        .unwrap_or_default()
}

/// The topic ids of each paragraph that has facts, sorted, borrowed from
/// the facts.
pub type ParagraphTopics<'a> = FxHashMap<&'a Cite, Vec<&'a str>>;

/// The topic ids of every paragraph that has facts, built in one pass (use
/// this rather than [`topics_of`] in a loop).
pub fn paragraph_topics(facts: &Facts) -> ParagraphTopics<'_> {
    let mut topics: ParagraphTopics = FxHashMap::default();
    // Facts come by citation (`combine`), so a paragraph's facts are one
    // run, looked up once (runs of one paragraph elsewhere join it).
    let same = |a: &Fact, b: &Fact| a.cite.paragraph == b.cite.paragraph && a.cite == b.cite;
    for run in facts.facts.chunk_by(same) {
        topics
            .entry(&run[0].cite)
            .or_default()
            .extend(run.iter().map(|f| f.topic.as_str()));
    }
    for ids in topics.values_mut() {
        ids.sort_unstable();
        ids.dedup();
    }
    topics
}

/// The article's text, for a reference date when its metadata has none.
fn full_text(article: &Article) -> String {
    article
        .paragraphs()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The facts and dated events of one article. `mentions` are the article's
/// entity mentions (others are ignored).
pub fn extract_article(
    article: &Article,
    matcher: &TopicMatcher,
    mentions: &[MentionRef],
) -> ArticleFacts {
    let reference = Reference::for_article(
        article.meta.date.as_deref(),
        article.meta.date_inferred,
        &full_text(article),
    );
    let reported = reference.date.map(PartialDate::day);
    let mut out = ArticleFacts::default();
    // The article's mentions by paragraph, then by start: each sentence
    // looks only at the mentions near it, so the work stays linear.
    let mut by_paragraph: BTreeMap<usize, Vec<&MentionRef>> = BTreeMap::new();
    for m in mentions.iter().filter(|m| m.cite.source == article.id) {
        by_paragraph.entry(m.cite.paragraph).or_default().push(m);
    }
    for (n, paragraph) in article.paragraphs() {
        let cite = Cite {
            source: article.id.clone(),
            paragraph: n,
        };
        let mut para_mentions = by_paragraph.remove(&n).unwrap_or_default();
        para_mentions.sort_by_key(|m| m.start);
        let mut next_mention = 0;
        let mut open: Vec<&MentionRef> = Vec::new();
        let paragraph_negotiator = std::cell::OnceCell::new();
        let mut carry = None;
        let mut previous = None;
        let mut k = 0;
        for range in crate::extract::sentences::split(paragraph) {
            let text = &paragraph[range.clone()];
            let found_dates = dates::find(text, &reference);
            let mut date_spans = crate::extract::spans::Disjoint::new();
            for d in &found_dates {
                date_spans.insert(d.span.clone());
            }
            let counts = numbers::find(text)
                .into_iter()
                .filter(|c| !date_spans.overlaps(&c.number))
                .take(MAX_COUNTS)
                .collect();
            // Sentences come in order: mentions starting before this one
            // ends join `open`, those ending before it starts leave.
            while let Some(m) = para_mentions
                .get(next_mention)
                .filter(|m| m.start < range.end)
            {
                open.push(m);
                next_mention += 1;
            }
            open.retain(|m| range.start < m.end);
            let entities: Vec<String> = open
                .iter()
                .filter(|m| m.start < range.end && range.start < m.end)
                .map(|m| m.entity.clone())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            let topics = matcher.classify(text);
            let s = Sentence {
                text,
                dates: found_dates,
                counts,
                carry: carry.clone(),
                previous,
                paragraph,
                paragraph_negotiator: &paragraph_negotiator,
                reference,
            };
            out.events
                .extend(timeline::events(&s.dates, text, &topics, &entities, &cite));
            for topic in &topics {
                let drafts = match topic.as_str() {
                    PRISONERS => prisoners::facts(&s),
                    SANCTIONS => sanctions::facts(&s),
                    _ => vec![Draft::new("statement")],
                };
                for d in drafts {
                    k += 1;
                    out.facts.push(Fact {
                        id: format!("{}-p{}-{}", cite.source, cite.paragraph, k),
                        topic: topic.clone(),
                        kind: d.kind.to_string(),
                        text: text.to_string(),
                        value: d.value,
                        qualifier: d.qualifier,
                        date: d.date.map(|(d, _)| d),
                        date_uncertain: d.date.is_some_and(|(_, u)| u),
                        entities: entities.clone(),
                        cite: cite.clone(),
                        reported,
                        detail: d.detail,
                    });
                }
            }
            if let Some(last) = s.dates.last() {
                carry = Some(last.clone());
            }
            previous = Some(text);
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod seeds;
#[cfg(test)]
pub(crate) mod tests;
