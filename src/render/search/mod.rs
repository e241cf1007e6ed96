//! The offline search index: a folder of small scripts (`search/*.js`) that
//! the search page loads on demand by inserting `<script src>` elements
//! (no fetch, no eval, no WebAssembly), so search works from `file://` with
//! the network off and under the pages' `script-src 'self'`. Each file calls
//! `dossierSearch.add(name, data)`.
//!
//! Documents are the paragraphs of source pages (so a hit links to its
//! paragraph) and every other page as a whole ([`docs_of`]). A document is
//! addressed by its page's id (a hash of the content path: [`ids`]) and its
//! index in the page, so adding or editing a page changes only the files
//! that hold that page.
//!
//! Files (formats in `files.rs`, decoded by `js/search.js`):
//! - `search/index.js`, the manifest: the number of documents, the page ids
//!   in content path order (the order of results of equal score), the trie
//!   of term cells and the page ranges of the doc cells. Always loaded.
//! - term cells, `search/r-<prefix>.js` (the terms of a prefix) and
//!   `search/w-<term>[.<bits>].js` (one term, for the pages whose id starts
//!   with those bits): term → its entries (page, title flag, documents).
//!   A query word loads only the cells of the terms it is a prefix of
//!   ([`cells`]).
//! - doc cells, `search/d[-<bits>].js`: page id → title, URL, kind and the
//!   texts of its documents, loaded for the results shown.
//!
//! The client matches query words as prefixes of terms (words of one
//! letter as whole terms only), ranks by inverse document frequency with a
//! bonus for titles, and shows the best 50.

mod cells;
mod docs;
mod encode;
mod files;
mod ids;
mod indexed;
mod postings;
mod terms;

use rayon::prelude::*;

pub use docs::{docs_of, Doc, PageDocs};
pub use files::{Out, DIR};
pub use indexed::Indexed;
pub use terms::terms;

/// Largest size of a cell, in bytes (a single term of a single page, or a
/// single page, may be larger).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub term_cell: usize,
    pub doc_cell: usize,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        term_cell: 16 * 1024,
        doc_cell: 32 * 1024,
    };
}

/// Write the index files of `pages` (each read by [`Indexed::of`]) through
/// `out`, each as soon as it is made, in parallel; a file whose inputs are
/// unchanged since the build that wrote it is carried over instead
/// ([`Out::keep`]). The first error stops the rest. Pages are identified
/// by their content path, which must be unique. Returns how many files
/// there are.
///
/// With `DOSSIER_TIMINGS` set, prints how long it took and what it made.
pub fn write<O: Out>(pages: Vec<Indexed>, out: &O) -> Result<usize, O::Error> {
    let started = std::time::Instant::now();
    let written = write_with(pages, Limits::DEFAULT, out)?;
    if std::env::var_os("DOSSIER_TIMINGS").is_some() {
        eprintln!(
            "  search index {:>8.1} ms ({} files, {} carried over, {:.1} MB made; part of render)",
            started.elapsed().as_secs_f64() * 1000.0,
            written.files,
            written.kept,
            written.bytes as f64 / 1e6
        );
    }
    Ok(written.files)
}

/// A file as [`Out::write`] is handed it: path, fingerprint, bytes.
#[cfg(test)]
pub type KeyedFile = (String, Option<blake3::Hash>, Vec<u8>);

/// Collects the files it is handed; carries nothing over.
#[cfg(test)]
#[derive(Default)]
pub struct Collect {
    pub files: std::sync::Mutex<Vec<KeyedFile>>,
}

#[cfg(test)]
impl Out for Collect {
    type Error = ();

    fn write(&self, path: &str, key: Option<&blake3::Hash>, bytes: &[u8]) -> Result<(), ()> {
        self.files.lock().expect("files poisoned").push((
            path.to_string(),
            key.copied(),
            bytes.to_vec(),
        ));
        Ok(())
    }
}

/// The index files of `pages` with other cell sizes, sorted by path, each
/// with the fingerprint of its inputs.
#[cfg(test)]
pub fn keyed_files_with(pages: Vec<PageDocs>, limits: Limits) -> Vec<KeyedFile> {
    let out = Collect::default();
    let pages = pages.iter().map(Indexed::of).collect();
    write_with(pages, limits, &out).expect("collecting does not fail");
    let mut files = out.files.into_inner().expect("files poisoned");
    files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    files
}

/// The index files of `pages` with other cell sizes, sorted by path.
#[cfg(test)]
pub fn files_with(pages: Vec<PageDocs>, limits: Limits) -> Vec<(String, Vec<u8>)> {
    keyed_files_with(pages, limits)
        .into_iter()
        .map(|(path, _, bytes)| (path, bytes))
        .collect()
}

/// [`write`] with other cell sizes.
fn write_with<O: Out>(
    mut pages: Vec<Indexed>,
    limits: Limits,
    out: &O,
) -> Result<files::Written, O::Error> {
    pages.par_sort_unstable_by(|a, b| a.path.cmp(&b.path));
    let paths: Vec<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    let order = ids::assign(&paths);
    let documents = pages.iter().map(|p| p.documents as usize).sum();

    let postings = postings::build(&pages, &order);
    let layout = cells::terms(&postings, limits.term_cell);

    // The pages' result data, by id; the texts are no longer needed after.
    let mut records: Vec<(u32, String)> = pages
        .into_iter()
        .zip(order.iter())
        .map(|(p, &id)| (id, p.record))
        .collect();
    records.par_sort_unstable_by_key(|r| r.0);
    let sizes: Vec<(u32, usize)> = records
        .iter()
        .map(|(id, r)| (*id, files::record_size(r)))
        .collect();
    let ranges = cells::docs(&sizes, limits.doc_cell);
    let mut rest = records.into_iter();
    let doc_cells = ranges
        .into_iter()
        .map(|(r, a, b)| (r, rest.by_ref().take(b - a).collect()))
        .collect();

    files::write(
        files::Parts {
            postings: &postings,
            layout: &layout,
            order: &order,
            documents,
            doc_cells,
        },
        out,
    )
}

#[cfg(test)]
mod tests;
