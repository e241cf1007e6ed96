//! Where the dossier stage puts what it makes, as each piece is done, so no
//! piece waits in memory for the others (a build writes pages into
//! `content/` and data into the staging folder while the rest is still
//! being made).

use std::sync::Mutex;

use super::{GeneratedAsset, GeneratedPage};

/// Receives the dossier stage's output. Called from several threads, in no
/// particular order: an implementation sorts what it keeps.
pub trait Emit: Sync {
    /// Pages for `content/`; `fallback` pages are written only where the
    /// site has no page of its own (the default home page).
    fn pages(&self, pages: Vec<GeneratedPage>, fallback: bool);
    /// Other files for `content/`.
    fn assets(&self, assets: Vec<GeneratedAsset>);
    /// A data file written into the output as it is (`api/*.json`): path
    /// relative to the output root and bytes.
    fn data(&self, path: String, bytes: Vec<u8>);
    /// [`Emit::data`] from pieces, in order, made one after the other (see
    /// `export::json::pieces`), so that a receiver that writes each piece
    /// out never holds the whole file. By default they are gathered.
    fn data_pieces(&self, path: String, pieces: &mut dyn Iterator<Item = Vec<u8>>) {
        self.data(path, pieces.collect::<Vec<_>>().concat());
    }
    /// [`Emit::data_pieces`] for a file made from data fingerprinted by
    /// `key` (see `export::json::fingerprint`): a receiver that remembers
    /// what it wrote may then [`Emit::keep_data`] it in a later build.
    fn data_keyed(
        &self,
        path: String,
        _key: &blake3::Hash,
        pieces: &mut dyn Iterator<Item = Vec<u8>>,
    ) {
        self.data_pieces(path, pieces);
    }
    /// Whether the data file `path` that an earlier build made from data
    /// fingerprinted by `key` (see [`Emit::data_keyed`]) is still in place,
    /// unchanged: then it counts as written and the caller does not make it
    /// again. A receiver that cannot tell says no.
    fn keep_data(&self, _path: &str, _key: &blake3::Hash) -> bool {
        false
    }
    /// Whether [`Emit::data`] keeps what it is given: a receiver that
    /// would drop it (`dossier ingest`, which writes `content/` only) says
    /// no, and the data files are not made at all.
    fn wants_data(&self) -> bool {
        true
    }
    /// Whether the pages an earlier build made from inputs fingerprinted
    /// by `key` (see [`Emit::keyed`]) are still in place, unchanged: then
    /// they count as produced and the caller does not make them again. A
    /// receiver that cannot tell says no.
    fn reuse(&self, _key: &blake3::Hash) -> bool {
        false
    }
    /// Pages for `content/`, in groups made from inputs fingerprinted by
    /// each group's key (so that a later build may [`Emit::reuse`] them).
    fn keyed(&self, groups: Vec<(blake3::Hash, Vec<GeneratedPage>)>) {
        let pages = groups.into_iter().flat_map(|(_, pages)| pages).collect();
        self.pages(pages, false);
    }
}

/// Keeps everything in memory (for `dossier check`, which renders without
/// writing, and for tests).
#[derive(Debug, Default)]
pub struct Collected {
    inner: Mutex<Output>,
}

/// What [`Collected`] kept, each list sorted by path.
#[derive(Debug, Default)]
pub struct Output {
    pub pages: Vec<GeneratedPage>,
    pub fallbacks: Vec<GeneratedPage>,
    pub assets: Vec<GeneratedAsset>,
    pub data: Vec<(String, Vec<u8>)>,
}

impl Collected {
    pub fn into_output(self) -> Output {
        let mut out = self.inner.into_inner().expect("collector poisoned");
        out.pages.sort_by(|a, b| a.path.cmp(&b.path));
        out.fallbacks.sort_by(|a, b| a.path.cmp(&b.path));
        out.assets.sort_by(|a, b| a.path.cmp(&b.path));
        out.data.sort();
        out
    }

    fn with(&self, f: impl FnOnce(&mut Output)) {
        f(&mut self.inner.lock().expect("collector poisoned"));
    }
}

impl Emit for Collected {
    fn pages(&self, pages: Vec<GeneratedPage>, fallback: bool) {
        self.with(|out| {
            if fallback {
                out.fallbacks.extend(pages);
            } else {
                out.pages.extend(pages);
            }
        });
    }

    fn assets(&self, assets: Vec<GeneratedAsset>) {
        self.with(|out| out.assets.extend(assets));
    }

    fn data(&self, path: String, bytes: Vec<u8>) {
        self.with(|out| out.data.push((path, bytes)));
    }
}
