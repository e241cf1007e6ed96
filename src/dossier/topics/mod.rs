//! Topic dossiers: a page per configured topic, the topics index, the
//! timeline page and the prisoners chart, plus the key figures for the
//! home page.

pub mod chart;
mod cite;
mod page;
mod summary;
pub mod timeline;

pub use summary::key_figures_markdown;

use rayon::prelude::*;

use crate::config::TopicConfig;
use crate::corpus::Article;
use crate::dossier::emit::Emit;
use crate::dossier::escape;
use crate::dossier::page::FrontMatter;
use crate::dossier::titles::Sources;
use crate::dossier::{GeneratedAsset, GeneratedPage};
use crate::extract::entities::Entities;
use crate::extract::facts::{key_figures, Digest, Facts, PRISONERS};

/// Path of the prisoners chart, relative to the content folder.
pub const CHART_PATH: &str = "topics/prisoners-chart.svg";

fn front(title: &str, description: Option<String>, template: Option<&str>) -> FrontMatter {
    FrontMatter {
        title: title.to_string(),
        description,
        template: template.map(String::from),
        generated: true,
        ..Default::default()
    }
}

/// One-line summary of a topic for the index: how much the sources say.
fn one_line(topic: &TopicConfig, facts: &Facts) -> String {
    let mine: Vec<_> = facts.facts.iter().filter(|f| f.topic == topic.id).collect();
    let sources = mine
        .iter()
        .map(|f| &f.cite.source)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let dated = mine.iter().filter_map(|f| f.date).collect::<Vec<_>>();
    let span = match (dated.iter().min(), dated.iter().max()) {
        (Some(a), Some(b)) if a != b => format!(", {a} to {b}"),
        (Some(a), _) => format!(", {a}"),
        _ => String::new(),
    };
    format!("{} statements from {sources} sources{span}", mine.len())
}

/// The topic pages, the topics index, the timeline page and the chart,
/// collected (for tests).
#[cfg(test)]
pub fn pages(
    facts: &Facts,
    articles: &[Article],
    topics: &[TopicConfig],
    entity_name: &(dyn Fn(&str) -> Option<String> + Sync),
) -> (Vec<GeneratedPage>, Vec<GeneratedAsset>) {
    let collected = crate::dossier::emit::Collected::default();
    let chart = Chart::new(facts);
    let mut pages = make(facts, articles, topics, &chart, entity_name, &collected);
    pages.extend(collected.into_output().pages);
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    (pages, chart.asset(topics).into_iter().collect())
}

/// The prisoners chart: its points and its drawing.
pub struct Chart {
    counts: Vec<chart::Point>,
    releases: Vec<chart::Point>,
    /// `None` when there is nothing to draw.
    svg: Option<String>,
}

impl Chart {
    pub fn new(facts: &Facts) -> Chart {
        let (counts, releases) = chart::series(facts);
        let svg = chart::svg(&counts, &releases);
        Chart {
            counts,
            releases,
            svg,
        }
    }

    /// The chart's file, when there is a prisoners topic to show it and
    /// something to draw.
    pub fn asset(&self, topics: &[TopicConfig]) -> Option<GeneratedAsset> {
        let svg = self.svg.as_ref()?;
        topics
            .iter()
            .any(|t| t.id == PRISONERS)
            .then(|| GeneratedAsset {
                path: CHART_PATH.into(),
                bytes: svg.clone().into_bytes(),
            })
    }
}

/// A fingerprint of everything [`make`] makes its pages from (the topic
/// archives and the timeline's included): the facts, by their digest;
/// each source's id and title; each actor's id and name; and the topics
/// configured. When it is unchanged, so are they all, and a build keeps
/// them unmade (`emit::group`). Whatever `make` comes to read must go in.
pub fn key(
    facts: Digest,
    articles: &[Article],
    topics: &[TopicConfig],
    entities: &Entities,
) -> blake3::Hash {
    let sources: Vec<(&str, &str)> = articles
        .iter()
        .map(|a| (a.id.as_str(), a.meta.title.as_str()))
        .collect();
    let actors: Vec<(&str, &str)> = entities
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e.name.as_str()))
        .collect();
    crate::memo::fingerprint(
        "topic-pages",
        &(
            facts.0.as_bytes(),
            crate::memo::encode(&topics),
            sources,
            actors,
        ),
    )
}

/// The topic pages, the topics index and the timeline page (their chart
/// is `chart`'s [`Chart::asset`]); the topics' archive pages go to `out`
/// (see [`page::pages`]).
pub fn make(
    facts: &Facts,
    articles: &[Article],
    topics: &[TopicConfig],
    chart: &Chart,
    entity_name: &(dyn Fn(&str) -> Option<String> + Sync),
    out: &dyn Emit,
) -> Vec<GeneratedPage> {
    let sources = Sources::new(articles);
    let key = key_figures(facts);
    let topic_names: Vec<(String, String)> = topics
        .iter()
        .map(|t| {
            (
                t.id.clone(),
                if t.title.is_empty() {
                    t.id.clone()
                } else {
                    t.title.clone()
                },
            )
        })
        .collect();
    // Each topic's pages, and the timeline, are made in parallel.
    let (per_topic, timeline) = rayon::join(
        || {
            topics
                .par_iter()
                .map(|topic| {
                    let shown = match (&chart.svg, topic.id.as_str()) {
                        (Some(_), PRISONERS) => Some(page::Chart {
                            src: format!("@/{CHART_PATH}"),
                            counts: &chart.counts,
                            releases: &chart.releases,
                        }),
                        _ => None,
                    };
                    let title = if topic.title.is_empty() {
                        &topic.id
                    } else {
                        &topic.title
                    };
                    let description =
                        (!topic.description.is_empty()).then(|| topic.description.clone());
                    let pages = page::pages(
                        &page::Topic {
                            config: topic,
                            title,
                            facts,
                            key: &key,
                            sources: &sources,
                            chart: shown.as_ref(),
                            out,
                        },
                        front(title, description, Some("topic.html")),
                    );
                    let line = format!(
                        "- [{}](@/topics/{}.md): {}\n",
                        escape::markdown(title),
                        topic.id,
                        one_line(topic, facts)
                    );
                    (pages, line)
                })
                .collect::<Vec<_>>()
        },
        || timeline::pages(facts, &sources, &topic_names, entity_name, out),
    );
    let mut pages = Vec::new();
    let mut index = String::new();
    for (topic_pages, line) in per_topic {
        pages.extend(topic_pages);
        index.push_str(&line);
    }
    pages.push(GeneratedPage {
        path: "topics/_index.md".into(),
        front: front("Topics", Some("The dossiers, one per topic.".into()), None),
        body: index,
    });
    pages.extend(timeline);
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    pages
}

#[cfg(test)]
mod tests;
