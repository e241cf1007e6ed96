//! Put the briefing together: every generated page, asset and `api/` file
//! from the articles and what was extracted from them.

use rayon::prelude::*;

use super::changes::{self, state::Previous, Entry, Live, State};
use super::page::FrontMatter;
use super::{export, sources, topics, GeneratedAsset, GeneratedPage};
use crate::config::Config;
use crate::corpus::Article;
use crate::extract::entities::Entities;
use crate::extract::facts::{key_figures, paragraph_topics, Facts};

/// Everything the dossier stage produces.
#[derive(Debug, Default)]
pub struct Assembled {
    /// Pages for `content/`, sorted by path.
    pub pages: Vec<GeneratedPage>,
    /// Pages written only where the site has no page of its own (the default
    /// home page); a hand-written page there is the normal case, not a clash.
    pub fallbacks: Vec<GeneratedPage>,
    /// Other files for `content/`, sorted by path.
    pub assets: Vec<GeneratedAsset>,
    /// `api/` files: output path → bytes.
    pub api: Vec<(String, Vec<u8>)>,
    /// This build's state and the change history including this build
    /// (for the feed, which the render side writes).
    pub state: State,
    pub history: Vec<Entry>,
}

/// Inputs of the dossier stage.
pub struct Inputs<'a> {
    pub config: &'a Config,
    pub articles: &'a [Article],
    pub entities: &'a Entities,
    pub facts: &'a Facts,
    /// What the previous build published (empty for a fresh output).
    pub previous: &'a Previous,
}

/// One independent piece of the briefing.
enum Piece {
    Pages(Vec<GeneratedPage>),
    Assets(Vec<GeneratedAsset>),
    Api(&'static str, Vec<u8>),
    Changes(Box<(State, Vec<Entry>)>),
}

type Job<'a> = Box<dyn Fn() -> Vec<Piece> + Send + Sync + 'a>;

/// Produce the pages, assets and data of the briefing. The pieces do not
/// depend on each other and are made in parallel.
pub fn assemble(inputs: &Inputs) -> Assembled {
    let by_paragraph = paragraph_topics(inputs.facts);
    let paragraph_topics: rustc_hash::FxHashMap<_, _> = by_paragraph.into_iter().collect();
    let mut jobs: Vec<Job> = vec![
        Box::new(|| {
            vec![Piece::Pages(sources::pages(
                inputs.articles,
                &inputs.entities.mentions,
            ))]
        }),
        Box::new(|| {
            vec![Piece::Pages(super::actors::pages(
                inputs.entities,
                inputs.articles,
                &paragraph_topics,
            ))]
        }),
        Box::new(|| {
            let state = changes::state::current(inputs.articles, inputs.entities, inputs.facts);
            let history = changes::diff::history(inputs.previous, &state);
            vec![
                Piece::Pages(vec![changes::page::page(&history, &Live::new(&state))]),
                Piece::Api(changes::STATE_PATH, to_json(&state)),
                Piece::Api(changes::HISTORY_PATH, to_json(&history)),
                Piece::Changes(Box::new((state, history))),
            ]
        }),
        Box::new(|| {
            vec![Piece::Api(
                "api/sources.json",
                export::sources::file(inputs.articles),
            )]
        }),
        Box::new(|| {
            vec![Piece::Api(
                "api/entities.json",
                export::entities::file(inputs.entities),
            )]
        }),
        Box::new(|| {
            vec![Piece::Api(
                "api/entities.ftm.json",
                export::ftm::lines(inputs.entities, inputs.articles).into_bytes(),
            )]
        }),
        Box::new(|| {
            vec![Piece::Api(
                "api/facts.json",
                export::facts::file(inputs.facts),
            )]
        }),
        Box::new(|| {
            vec![Piece::Api(
                "api/timeline.json",
                export::timeline::file(inputs.facts),
            )]
        }),
    ];
    if !inputs.config.topics.is_empty() {
        jobs.push(Box::new(|| {
            let entity_name = |id: &str| inputs.entities.get(id).map(|e| e.name.clone());
            let (pages, assets) = topics::pages(
                inputs.facts,
                inputs.articles,
                &inputs.config.topics,
                &entity_name,
            );
            vec![Piece::Pages(pages), Piece::Assets(assets)]
        }));
        jobs.push(Box::new(|| {
            vec![Piece::Pages(vec![GeneratedPage {
                path: "key-figures.md".to_string(),
                front: FrontMatter {
                    title: "Key figures".to_string(),
                    description: Some(
                        "The latest figures the sources give, each with its date and source."
                            .to_string(),
                    ),
                    generated: true,
                    ..FrontMatter::default()
                },
                body: topics::key_figures_markdown(&key_figures(inputs.facts), inputs.articles),
            }])]
        }));
    }
    let pieces: Vec<Vec<Piece>> = jobs.par_iter().map(|job| job()).collect();

    let mut out = Assembled::default();
    out.fallbacks.push(home(inputs.config));
    for piece in pieces.into_iter().flatten() {
        match piece {
            Piece::Pages(pages) => out.pages.extend(pages),
            Piece::Assets(assets) => out.assets.extend(assets),
            Piece::Api(path, bytes) => out.api.push((path.to_string(), bytes)),
            Piece::Changes(changes) => (out.state, out.history) = *changes,
        }
    }
    out.pages.sort_by(|a, b| a.path.cmp(&b.path));
    out.assets.sort_by(|a, b| a.path.cmp(&b.path));
    out.api.sort();
    out
}

/// A home page for content folders that have none of their own (a
/// hand-written `_index.md` always wins: the writer never replaces it).
fn home(config: &Config) -> GeneratedPage {
    let mut body = String::new();
    if !config.topics.is_empty() {
        body.push_str(
            "Read the [topic dossiers](@/topics/_index.md) for what the sources establish, ",
        );
    } else {
        body.push_str("Read ");
    }
    body.push_str(
        "the [actors](@/actors/_index.md) for who is who, or go straight to the [sources](@/sources/_index.md). \
         Every statement links to the paragraph of the article it comes from.\n",
    );
    GeneratedPage {
        path: "_index.md".to_string(),
        front: FrontMatter {
            title: config.title.clone(),
            generated: true,
            ..FrontMatter::default()
        },
        body,
    }
}

/// Pretty JSON with a final newline (for the `api/` files that are not
/// arrays of records).
pub fn to_json(value: &impl serde::Serialize) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).expect("JSON serializes");
    bytes.push(b'\n');
    bytes
}
