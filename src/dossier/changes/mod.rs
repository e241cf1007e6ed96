//! "What changed": for each build that changed something, the sources and
//! actors it added or removed and the key figures whose value changed,
//! compared with the previous build's own published data.
//!
//! Rules (README, "What changed"):
//! - The previous state is what the previous build published into the
//!   output folder: [`STATE_PATH`] (sources, actors, key figures) and
//!   [`HISTORY_PATH`] (the entries so far, newest first). They are read
//!   before the new output is staged. A missing file is an empty state (a
//!   fresh clone reports everything as new); an unreadable one is the same,
//!   with a warning naming the file. The clock is never read.
//! - An entry is added only when a source or an actor was added or removed,
//!   or a key figure was added, removed or changed value; otherwise the
//!   history, the page and the feed keep their bytes.
//! - Entries are numbered (build 1, 2, ...) and dated by the newest
//!   publication date among the sources of that build, never earlier than
//!   the entry before; the id is a `urn:` of a hash of the entry's content.
//! - The history keeps the newest [`HISTORY_LIMIT`] entries.
//! - Old entries are shown as recorded; a link is made only to a source,
//!   paragraph or actor the current build still has, otherwise the
//!   recorded title or name is shown as text.

pub mod diff;
pub mod page;
pub mod state;
pub mod view;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::extract::Cite;

/// The state a build publishes, read back by the next build.
pub const STATE_PATH: &str = "api/state.json";
/// The change history (an array of [`Entry`], newest first).
pub const HISTORY_PATH: &str = "api/changes.json";
/// The generated page, relative to the content folder.
pub const PAGE_PATH: &str = "changes.md";
/// The Atom feed, relative to the output root (beside `changes.html`, so
/// its relative links resolve from the site root).
pub const FEED_PATH: &str = "changes.xml";
/// How many entries the history keeps.
pub const HISTORY_LIMIT: usize = 50;
/// Version of the [`State`] format; another version is not compared against.
pub const STATE_FORMAT: u32 = 1;

/// A citation as recorded: the source's title is kept so that it can be
/// shown once the source is gone.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct CiteRef {
    pub source: String,
    pub paragraph: usize,
    pub title: String,
}

impl CiteRef {
    pub fn cite(&self) -> Cite {
        Cite {
            source: self.source.clone(),
            paragraph: self.paragraph,
        }
    }
}

/// A source as recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    pub id: String,
    pub title: String,
    pub publication: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Number of paragraphs (anchors `#p1` ... `#pN`).
    pub paragraphs: usize,
}

/// An actor as recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorRef {
    pub id: String,
    pub name: String,
    /// `person`, `organization` or `place`.
    pub kind: String,
    /// The paragraph that names it first: in the earliest-dated source that
    /// names it (undated sources last, then by source id), its first
    /// paragraph naming it.
    pub first: Option<CiteRef>,
}

/// The value of a key figure and what supports it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureValue {
    /// As written: "about 1,200", "imposed".
    pub value: String,
    /// The date the figure refers to (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub date: Option<String>,
    /// The paragraphs that give this value, sorted.
    pub cites: Vec<CiteRef>,
}

/// One key figure of a topic.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figure {
    pub topic: String,
    /// Stable key inside the topic (`held`, `latest-release`,
    /// `sanction/<authority>/<target>`).
    pub key: String,
    /// What it measures, for people.
    pub label: String,
    #[serde(flatten)]
    pub now: FigureValue,
}

/// What a build publishes about itself for the next build to compare with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    pub format: u32,
    /// Sorted by id.
    pub sources: Vec<SourceRef>,
    /// Sorted by id.
    pub actors: Vec<ActorRef>,
    /// Sorted by topic, then key.
    pub figures: Vec<Figure>,
}

impl Default for State {
    fn default() -> Self {
        State {
            format: STATE_FORMAT,
            sources: Vec::new(),
            actors: Vec::new(),
            figures: Vec::new(),
        }
    }
}

/// A key figure that appeared, disappeared or changed value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureChange {
    pub topic: String,
    pub key: String,
    pub label: String,
    /// None: the figure is new.
    pub old: Option<FigureValue>,
    /// None: the sources no longer give it.
    pub new: Option<FigureValue>,
}

/// One build that changed something.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// `urn:dossier:change:<hash>`: blake3 of the entry's JSON without `id`.
    pub id: String,
    /// 1 for the first build, then counting up.
    pub build: u64,
    /// Newest publication date among the build's sources (never earlier
    /// than the previous entry's date); null when no source has a date.
    pub date: Option<String>,
    pub sources_added: Vec<SourceRef>,
    pub sources_removed: Vec<SourceRef>,
    pub actors_added: Vec<ActorRef>,
    pub actors_removed: Vec<ActorRef>,
    pub figures_changed: Vec<FigureChange>,
}

impl Entry {
    /// "2 new sources, 1 removed source, 3 new actors, 1 key figure changed".
    pub fn summary(&self) -> String {
        let count = |n: usize, one: &str, many: &str| match n {
            0 => None,
            1 => Some(format!("1 {one}")),
            n => Some(format!("{n} {many}")),
        };
        let figures = |old: bool, new: bool| {
            self.figures_changed
                .iter()
                .filter(|f| f.old.is_some() == old && f.new.is_some() == new)
                .count()
        };
        [
            count(self.sources_added.len(), "new source", "new sources"),
            count(
                self.sources_removed.len(),
                "removed source",
                "removed sources",
            ),
            count(self.actors_added.len(), "new actor", "new actors"),
            count(self.actors_removed.len(), "removed actor", "removed actors"),
            count(figures(false, true), "new key figure", "new key figures"),
            count(
                figures(true, true),
                "key figure changed",
                "key figures changed",
            ),
            count(
                figures(true, false),
                "key figure no longer given",
                "key figures no longer given",
            ),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ")
    }

    /// Anchor of the entry on the page.
    pub fn anchor(&self) -> String {
        format!("build-{}", self.build)
    }
}

/// What the current build has, to decide which recorded items can still be
/// linked.
pub struct Live<'a> {
    sources: BTreeMap<&'a str, usize>,
    actors: BTreeSet<&'a str>,
}

impl<'a> Live<'a> {
    pub fn new(state: &'a State) -> Live<'a> {
        Live {
            sources: state
                .sources
                .iter()
                .map(|s| (s.id.as_str(), s.paragraphs))
                .collect(),
            actors: state.actors.iter().map(|a| a.id.as_str()).collect(),
        }
    }

    pub fn source(&self, id: &str) -> bool {
        self.sources.contains_key(id)
    }

    /// The source exists and still has that paragraph.
    pub fn cite(&self, cite: &CiteRef) -> bool {
        self.sources
            .get(cite.source.as_str())
            .is_some_and(|&n| cite.paragraph >= 1 && cite.paragraph <= n)
    }

    pub fn actor(&self, id: &str) -> bool {
        self.actors.contains(id)
    }
}
