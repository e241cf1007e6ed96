//! Corpus stage: find articles, decode them, strip page furniture, find
//! their metadata and split their paragraphs.
//!
//! Output: [`Article`]s, sorted by file path; every problem is a
//! [`Diagnostic`] naming its file, and one bad article never stops the others.
//!
//! Files: [`load`] (walk, read, sidecars, parallel ingest), [`ingest`] (one
//! article), [`decode`], [`html`], [`markdown`], [`clean`] (furniture),
//! [`metadata`], [`paragraphs`], [`ids`], [`sidecar`], [`context`]
//! (cross-corpus statistics), [`text`] and [`wordset`] (words of a line).

pub mod clean;
pub mod context;
pub mod decode;
pub mod html;
pub mod ids;
pub mod ingest;
pub mod load;
pub mod markdown;
pub mod metadata;
pub mod model;
pub mod paragraphs;
pub mod prints;
pub mod sidecar;
pub mod text;
pub mod wordset;

pub use context::CorpusContext;
pub use ingest::ingest_one;
pub use model::{Article, Block, Dropped, Metadata};
pub use prints::Fingerprinted;

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;

/// Result of loading a corpus: the articles that could be ingested, the
/// problems met on the way and, for `--verbose`, notes on every file.
#[derive(Debug, Default)]
pub struct Loaded {
    pub articles: Vec<Article>,
    pub diagnostics: Vec<Diagnostic>,
    /// How each article was decoded and which files were ignored, sorted
    /// by file (none of them is a problem).
    pub notes: Vec<Note>,
}

/// Something worth telling about a file that is not a problem: how it was
/// decoded, or that it was ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub file: PathBuf,
    pub message: String,
}

impl std::fmt::Display for Note {
    /// `corpus/x.txt: decoded as windows-1251 (guessed)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", crate::diag::shown(&self.file), self.message)
    }
}

/// Load every `.txt`, `.md` and `.html` article under `corpus`.
pub fn load(corpus: &Path) -> Loaded {
    load::load(corpus, &crate::memo::NoMemo, &crate::stamp::Seen::default())
}

/// [`load`], reusing the stored result of every article whose inputs did
/// not change; a file in `seen` is taken to hold what the build saw there.
pub fn load_memo(corpus: &Path, memo: &dyn crate::memo::Memo, seen: &crate::stamp::Seen) -> Loaded {
    load::load(corpus, memo, seen)
}
