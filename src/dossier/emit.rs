//! Where the dossier stage puts what it makes, as each piece is done, so no
//! piece waits in memory for the others (a build writes pages into
//! `content/` and data into the staging folder while the rest is still
//! being made).

use std::sync::Mutex;

use super::{GeneratedAsset, GeneratedPage};

/// Pages as made: each one's path and the hash of its file.
pub type Made = Vec<(String, [u8; 32])>;

/// A piece of a data file: the fingerprint of what it is made of, and how
/// to make it.
pub struct KeyedPiece<'a> {
    pub key: blake3::Hash,
    pub make: Box<dyn Fn() -> Vec<u8> + Send + Sync + 'a>,
}

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
    /// [`Emit::data_keyed`] of a file in pieces that each carry the
    /// fingerprint of what they are made of (see
    /// `export::json::keyed_pieces`): a receiver that remembers where each
    /// piece lay in the file it wrote last may copy those from there and
    /// make only the others.
    fn data_keyed_pieces(&self, path: String, key: &blake3::Hash, pieces: Vec<KeyedPiece<'_>>) {
        self.data_keyed(path, key, &mut pieces.iter().map(|p| (p.make)()));
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
    /// by `key` (see [`Emit::keyed`], [`group`]) are still in place,
    /// unchanged: then they count as produced and the caller does not make
    /// them again. A receiver that cannot tell says no.
    fn reuse(&self, _key: &blake3::Hash) -> bool {
        false
    }
    /// [`Emit::pages`] (not fallbacks), with, for each page, the hash of
    /// its file when it holds the page now: `None` when it does not (a
    /// hand-written file kept, a failed write) or the receiver cannot tell.
    fn pages_hashed(&self, pages: Vec<GeneratedPage>) -> Vec<Option<[u8; 32]>> {
        let count = pages.len();
        self.pages(pages, false);
        vec![None; count]
    }
    /// Remember that `pages` (paths and the hashes of their files) and the
    /// groups remembered under `groups` were made from inputs fingerprinted
    /// by `key`, for [`Emit::reuse`] in a later build. A receiver that
    /// cannot tell keeps nothing.
    fn remember(&self, _key: &blake3::Hash, _pages: Made, _groups: &[blake3::Hash]) {}
    /// Pages for `content/`, in groups made from inputs fingerprinted by
    /// each group's key (so that a later build may [`Emit::reuse`] them).
    fn keyed(&self, groups: Vec<(blake3::Hash, Vec<GeneratedPage>)>) {
        for (key, made) in made_in_groups(self, groups) {
            if let Some(made) = made {
                self.remember(&key, made, &[]);
            }
        }
    }
}

/// Hand the pages of `groups` to `out` at once (they are written in
/// parallel), and tell, per group, each page's path and file hash when
/// every page of the group holds what was made.
fn made_in_groups(
    out: &(impl Emit + ?Sized),
    groups: Vec<(blake3::Hash, Vec<GeneratedPage>)>,
) -> Vec<(blake3::Hash, Option<Made>)> {
    let mut shape = Vec::with_capacity(groups.len());
    let mut pages = Vec::new();
    for (key, group) in groups {
        shape.push((
            key,
            group.iter().map(|p| p.path.clone()).collect::<Vec<_>>(),
        ));
        pages.extend(group);
    }
    let mut hashes = out.pages_hashed(pages).into_iter();
    shape
        .into_iter()
        .map(|(key, paths)| {
            // Every hash of the group is taken before any is looked at:
            // collecting straight into an `Option` would stop at the first
            // `None` and leave the rest of this group's hashes to the next.
            let made = paths
                .into_iter()
                .zip(hashes.by_ref())
                .map(|(path, hash)| Some((path, hash?)))
                .collect::<Vec<_>>();
            (key, made.into_iter().collect())
        })
        .collect()
}

/// Make a group of pages from inputs fingerprinted by `key`, groups made
/// inside it included (the topic archives inside the topic pages): when
/// `out` still holds everything an earlier build made under `key`
/// ([`Emit::reuse`]), nothing is made; else `make` makes it into a
/// receiver that passes it on to `out` and records it, and `out`
/// remembers it under `key`. Only pages are remembered: a group that
/// makes anything else, or a page `out` could not vouch for, is made
/// again next time.
pub fn group(out: &dyn Emit, key: &blake3::Hash, make: impl FnOnce(&dyn Emit)) {
    if out.reuse(key) {
        return;
    }
    let group = Group {
        out,
        record: Mutex::new(Record {
            pages: Vec::new(),
            groups: Vec::new(),
            whole: true,
        }),
    };
    make(&group);
    let record = group.record.into_inner().expect("group poisoned");
    if record.whole {
        let mut pages = record.pages;
        pages.sort();
        let mut groups = record.groups;
        groups.sort_by_key(|g| *g.as_bytes());
        out.remember(key, pages, &groups);
    }
}

/// What [`group`] passes on and records.
struct Group<'a> {
    out: &'a dyn Emit,
    record: Mutex<Record>,
}

struct Record {
    pages: Made,
    /// The keys of the groups made or reused inside.
    groups: Vec<blake3::Hash>,
    /// Whether all that was made can be remembered.
    whole: bool,
}

impl Group<'_> {
    fn with(&self, f: impl FnOnce(&mut Record)) {
        f(&mut self.record.lock().expect("group poisoned"));
    }

    fn not_whole(&self) {
        self.with(|r| r.whole = false);
    }
}

impl Emit for Group<'_> {
    fn pages(&self, pages: Vec<GeneratedPage>, fallback: bool) {
        if fallback {
            self.not_whole();
            self.out.pages(pages, true);
        } else {
            self.pages_hashed(pages);
        }
    }

    fn pages_hashed(&self, pages: Vec<GeneratedPage>) -> Vec<Option<[u8; 32]>> {
        let paths: Vec<String> = pages.iter().map(|p| p.path.clone()).collect();
        let hashes = self.out.pages_hashed(pages);
        self.with(|r| {
            for (path, hash) in paths.into_iter().zip(&hashes) {
                match hash {
                    Some(hash) => r.pages.push((path, *hash)),
                    None => r.whole = false,
                }
            }
        });
        hashes
    }

    // `keyed` is the trait's: its pages come through `pages_hashed` and
    // each group it remembers through `remember`, as an inner group's do.

    fn remember(&self, key: &blake3::Hash, pages: Made, groups: &[blake3::Hash]) {
        // A group made inside this one: its pages, recorded here as they
        // were made, are now the inner group's.
        let inner: std::collections::BTreeSet<&str> =
            pages.iter().map(|(p, _)| p.as_str()).collect();
        self.with(|r| {
            r.pages.retain(|(path, _)| !inner.contains(path.as_str()));
            r.groups.retain(|g| !groups.contains(g));
            r.groups.push(*key);
        });
        self.out.remember(key, pages, groups);
    }

    fn reuse(&self, key: &blake3::Hash) -> bool {
        let reused = self.out.reuse(key);
        if reused {
            self.with(|r| r.groups.push(*key));
        }
        reused
    }

    fn assets(&self, assets: Vec<GeneratedAsset>) {
        self.not_whole();
        self.out.assets(assets);
    }

    fn data(&self, path: String, bytes: Vec<u8>) {
        self.not_whole();
        self.out.data(path, bytes);
    }

    fn data_pieces(&self, path: String, pieces: &mut dyn Iterator<Item = Vec<u8>>) {
        self.not_whole();
        self.out.data_pieces(path, pieces);
    }

    fn data_keyed(
        &self,
        path: String,
        key: &blake3::Hash,
        pieces: &mut dyn Iterator<Item = Vec<u8>>,
    ) {
        self.not_whole();
        self.out.data_keyed(path, key, pieces);
    }

    fn data_keyed_pieces(&self, path: String, key: &blake3::Hash, pieces: Vec<KeyedPiece<'_>>) {
        self.not_whole();
        self.out.data_keyed_pieces(path, key, pieces);
    }

    fn keep_data(&self, path: &str, key: &blake3::Hash) -> bool {
        self.not_whole();
        self.out.keep_data(path, key)
    }

    fn wants_data(&self) -> bool {
        self.out.wants_data()
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
