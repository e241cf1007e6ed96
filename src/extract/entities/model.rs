//! The entities model: what extraction produces, per article and resolved
//! across the corpus.

use serde::{Deserialize, Serialize};

use crate::extract::{Cite, MentionRef};

/// What kind of actor an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Person,
    Organization,
    Place,
}

impl Kind {
    /// `person`, `organization` or `place` (the `actors:` config spelling).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Place => "place",
        }
    }

    /// Parse the config spelling.
    pub fn parse(text: &str) -> Option<Kind> {
        match text {
            "person" => Some(Kind::Person),
            "organization" => Some(Kind::Organization),
            "place" => Some(Kind::Place),
            _ => None,
        }
    }

    /// Heading used on the actors index.
    pub fn plural_label(self) -> &'static str {
        match self {
            Kind::Person => "People",
            Kind::Organization => "Organizations",
            Kind::Place => "Places",
        }
    }
}

/// Grammatical gender of a person, as far as the text tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Gender {
    Male,
    Female,
}

/// A description a source gives of an actor ("Belarusian Defense Minister").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Role {
    pub text: String,
    pub cite: Cite,
}

/// Direct speech attributed to an actor.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Quote {
    pub text: String,
    pub cite: Cite,
}

/// One resolved actor.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Entity {
    /// Stable slug of the canonical name (unique among entities).
    pub id: String,
    /// Canonical name (see [`super::resolve`] for the rule).
    pub name: String,
    pub kind: Kind,
    /// Every surface form seen, including `name`, sorted.
    pub aliases: Vec<String>,
    /// Deduplicated (by text), sorted by citation.
    pub roles: Vec<Role>,
    /// Sorted by citation.
    pub quotes: Vec<Quote>,
    /// From the curated `actors:` config only.
    pub description: Option<String>,
    /// Number of mentions in the corpus.
    pub mentions: usize,
    /// Ids of the sources that mention it, sorted.
    pub sources: Vec<String>,
}

/// Every entity of the corpus and every mention of them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entities {
    /// Sorted by kind, then name.
    pub entities: Vec<Entity>,
    /// Sorted by citation, then position.
    pub mentions: Vec<MentionRef>,
}

impl Entities {
    /// The entity with this id (a scan: to look up many, use
    /// [`Entities::by_id`]).
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }

    /// Every entity by id, for callers that look many up.
    pub fn by_id(&self) -> rustc_hash::FxHashMap<&str, &Entity> {
        self.entities.iter().map(|e| (e.id.as_str(), e)).collect()
    }
}

/// One mention inside an article, before cross-article resolution.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct LocalMention {
    pub paragraph: usize,
    /// Byte range of the surface form in the paragraph text.
    pub start: usize,
    pub end: usize,
    /// The surface form (without honorific or title).
    pub surface: String,
}

/// An actor as one article knows it, after within-article resolution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalEntity {
    pub kind: Kind,
    /// Longest full form used in the article (persons), or the most frequent form.
    pub name: String,
    /// Given name, when the article gives one (persons only).
    pub first: Option<String>,
    /// Surname (persons only; a one-word name otherwise).
    pub surname: Option<String>,
    pub gender: Option<Gender>,
    pub mentions: Vec<LocalMention>,
    pub roles: Vec<Role>,
    pub quotes: Vec<Quote>,
}

/// The per-article result of extraction (cacheable by article hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleEntities {
    pub source: String,
    /// Names of the article's authors (never actors).
    pub authors: Vec<String>,
    pub entities: Vec<LocalEntity>,
    /// Lone capitalised words with no cue: attached across articles to an
    /// actor they name unambiguously (a surname or a one-word name), or dropped.
    pub unresolved: Vec<LocalMention>,
}
