//! Put the briefing together: every generated page, asset and `api/` file
//! from the articles and what was extracted from them.

use rayon::prelude::*;

use super::changes::{self, state::Previous, Entry, Live, State};
use super::emit::{group, Emit, KeyedPiece};
use super::page::FrontMatter;
use super::{export, sources, topics, GeneratedPage};
use crate::config::Config;
use crate::corpus::{Article, Fingerprinted};
use crate::extract::entities::Entities;
use crate::extract::facts::{key_figures, paragraph_topics, Digest, Facts};

/// What the dossier stage returns besides what it emits: this build's
/// state and the change history including this build (for the feed, which
/// the render side writes).
#[derive(Debug, Default)]
pub struct Assembled {
    pub state: State,
    pub history: Vec<Entry>,
}

/// Inputs of the dossier stage.
pub struct Inputs<'a> {
    pub config: &'a Config,
    pub articles: &'a [Article],
    /// The same articles with their fingerprints.
    pub printed: &'a Fingerprinted<'a>,
    pub entities: &'a Entities,
    pub facts: &'a Facts,
    /// The facts' digest: what is made from them alone is keyed by it.
    pub facts_digest: Digest,
    /// What the previous build published (empty for a fresh output).
    pub previous: &'a Previous,
}

type Job<'a> = Box<dyn Fn() + Send + Sync + 'a>;

/// Produce the pages, assets and data of the briefing into `emit`. The
/// pieces do not depend on each other: they are made in parallel and each
/// is handed over as soon as it is done.
pub fn assemble(inputs: &Inputs, emit: &dyn Emit) -> Assembled {
    let data = |path: &str, bytes: Vec<u8>| emit.data(path.to_string(), bytes);
    let mut jobs: Vec<Job> = vec![
        Box::new(|| sources::emit(inputs.printed, &inputs.entities.mentions, emit)),
        Box::new(|| {
            let topics = paragraph_topics(inputs.facts);
            super::actors::emit(inputs.entities, inputs.articles, &topics, emit)
        }),
        Box::new(|| emit.pages(vec![home(inputs.config)], true)),
    ];
    if emit.wants_data() {
        jobs.extend([
            Box::new(|| {
                let records = export::sources::records(inputs.articles);
                in_pieces(
                    emit,
                    "api/sources.json",
                    None,
                    || export::sources::keyed_pieces(&records),
                    || std::iter::once(export::sources::file(&records)),
                )
            }) as Job,
            Box::new(|| {
                let records = export::entities::records(inputs.entities);
                in_pieces(
                    emit,
                    "api/entities.json",
                    None,
                    || export::entities::keyed_pieces(&records),
                    || std::iter::once(export::entities::file(&records)),
                )
            }),
            Box::new(|| {
                by_own_key(
                    emit,
                    "api/entities.ftm.json",
                    export::ftm::keyed_pieces(inputs.entities, inputs.articles),
                )
            }),
            // Made from the facts alone: keyed by their digest.
            Box::new(|| {
                in_pieces(
                    emit,
                    "api/facts.json",
                    Some(inputs.facts_digest.0),
                    || export::facts::keyed_pieces(inputs.facts),
                    || export::facts::pieces(inputs.facts),
                )
            }),
            Box::new(|| {
                in_pieces(
                    emit,
                    "api/timeline.json",
                    Some(inputs.facts_digest.0),
                    || export::timeline::keyed_pieces(inputs.facts),
                    || export::timeline::pieces(inputs.facts),
                )
            }),
        ]);
    }
    if !inputs.config.topics.is_empty() {
        jobs.push(Box::new(|| {
            let chart = topics::Chart::new(inputs.facts);
            let key = topics::key(
                inputs.facts_digest,
                inputs.articles,
                &inputs.config.topics,
                inputs.entities,
            );
            group(emit, &key, |out| {
                let by_id = inputs.entities.by_id();
                let entity_name = |id: &str| by_id.get(id).map(|e| e.name.clone());
                let pages = topics::make(
                    inputs.facts,
                    inputs.articles,
                    &inputs.config.topics,
                    &chart,
                    &entity_name,
                    out,
                );
                out.pages(pages, false);
            });
            emit.assets(chart.asset(&inputs.config.topics).into_iter().collect());
        }));
        jobs.push(Box::new(|| {
            emit.pages(
                vec![GeneratedPage {
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
                }],
                false,
            )
        }));
    }
    let (assembled, ()) = rayon::join(
        || {
            let state = changes::state::current(inputs.articles, inputs.entities, inputs.facts);
            let history = changes::diff::history(inputs.previous, &state);
            emit.pages(
                vec![changes::page::page(&history, &Live::new(&state))],
                false,
            );
            if emit.wants_data() {
                data(changes::STATE_PATH, to_json(&state));
                data(changes::HISTORY_PATH, to_json(&history));
            }
            Assembled { state, history }
        },
        || jobs.par_iter().for_each(|job| job()),
    );
    assembled
}

/// A data file in fingerprinted pieces (see `export::json::keyed_pieces`):
/// kept as the previous build wrote it when that was from the same data
/// (fingerprinted by `key`, or else by the pieces), else written with only
/// the pieces that changed made again. Made whole by `whole` when its
/// records have no compact form to fingerprint.
fn in_pieces<'a, I: Iterator<Item = Vec<u8>>>(
    emit: &dyn Emit,
    path: &str,
    key: Option<blake3::Hash>,
    pieces: impl FnOnce() -> Option<(blake3::Hash, Vec<KeyedPiece<'a>>)>,
    whole: impl FnOnce() -> I,
) {
    if key.is_some_and(|key| emit.keep_data(path, &key)) {
        return;
    }
    match (key, pieces()) {
        (Some(key), Some((_, pieces))) => emit.data_keyed_pieces(path.to_string(), &key, pieces),
        (None, Some(keyed)) => by_own_key(emit, path, keyed),
        (Some(key), None) => emit.data_keyed(path.to_string(), &key, &mut whole()),
        (None, None) => emit.data_pieces(path.to_string(), &mut whole()),
    }
}

/// A data file in pieces keyed by what they hold, fingerprinted as a
/// whole by the key of its pieces (`own`): kept as the previous build
/// wrote it when that was from the same, else written with only the pieces
/// that changed made again.
fn by_own_key(emit: &dyn Emit, path: &str, (own, pieces): (blake3::Hash, Vec<KeyedPiece<'_>>)) {
    if !emit.keep_data(path, &own) {
        emit.data_keyed_pieces(path.to_string(), &own, pieces);
    }
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
