//! Dossier stage: the model of the briefing (sources, and later actors,
//! facts and timeline), its markdown writer into `content/` and its JSON
//! export into `api/`.
//!
//! Conventions shared by every generated page:
//! - corpus text goes through [`escape::markdown`] (markdown context) or
//!   [`escape::html`] (raw HTML context), never in raw;
//! - a citation is a link to `@/sources/<source-id>.md#p<n>`, which the render
//!   stage turns into a relative URL (Zola-style internal link);
//! - generated pages carry `generated: true` in their front matter.

pub mod actors;
pub mod archive;
pub mod assemble;
pub mod changes;
pub mod emit;
pub mod escape;
pub mod export;
pub mod page;
pub mod sources;
pub mod titles;
pub mod topics;
pub mod write;

/// A page the dossier writer produces into `content/`.
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratedPage {
    /// Path relative to the content folder, `/`-separated (e.g. `actors/x.md`).
    pub path: String,
    pub front: page::FrontMatter,
    /// Markdown body (corpus text escaped).
    pub body: String,
}

/// A non-markdown file the dossier writer produces into `content/` next to
/// its pages (e.g. an SVG chart); the render stage copies it as is.
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratedAsset {
    pub path: String,
    pub bytes: Vec<u8>,
}
