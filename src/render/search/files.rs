//! The index files: each is a script that hands its data to
//! `dossierSearch.add(name, data)` (see [`super`] for the formats).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::Serialize;

use super::cells::{IdRange, TermCell, TermLayout};
use super::docs::PageDocs;
use super::encode;
use super::postings::{Entry, Postings};
use crate::memo::Hasher;

/// Folder of the index, relative to the site root.
pub const DIR: &str = "search";

/// The manifest's name (`search/index.js`).
pub const MANIFEST: &str = "index";

/// What results show of one page.
#[derive(Serialize)]
struct Record<'a> {
    t: &'a str,
    u: &'a str,
    k: &'a str,
    x: Vec<&'a str>,
    /// Fragments of the documents' links, when they are not `p1`…`pN`
    /// (`""`: the page itself).
    #[serde(skip_serializing_if = "Option::is_none")]
    a: Option<Vec<&'a str>>,
}

/// The bytes a page's record takes in its doc cell: the record and, about,
/// its quoted page id, the colon and the comma (what cells are cut by).
pub fn record_size(record: &str) -> usize {
    record.len() + 8
}

/// A page's result data as JSON.
pub fn record(page: &PageDocs) -> String {
    let numbered = page
        .docs
        .iter()
        .enumerate()
        .all(|(i, d)| d.anchor.as_deref() == Some(format!("p{}", i + 1).as_str()));
    let record = Record {
        t: &page.title,
        u: &page.url,
        k: &page.kind,
        x: page.docs.iter().map(|d| d.text.as_str()).collect(),
        a: (!numbered).then(|| {
            page.docs
                .iter()
                .map(|d| d.anchor.as_deref().unwrap_or(""))
                .collect()
        }),
    };
    let json = serde_json::to_string(&record).expect("a record serializes");
    // The data is never inlined in a page, but keep it inert if it were.
    if json.contains("</") {
        json.replace("</", "<\\/")
    } else {
        json
    }
}

/// A file's text up to its data: `dossierSearch.add("name",`.
fn head(name: &str, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity + name.len() + 24);
    out.push_str("dossierSearch.add(\"");
    out.push_str(name);
    out.push_str("\",");
    out
}

/// The file, after [`head`] and the data.
fn tail(mut out: String) -> Vec<u8> {
    out.push_str(");\n");
    out.into_bytes()
}

fn script(name: &str, json: &str) -> Vec<u8> {
    let mut out = head(name, json.len());
    out.push_str(json);
    tail(out)
}

fn path(name: &str) -> String {
    format!("{DIR}/{name}.js")
}

/// Name of the range cell of a trie node.
pub fn range_name(prefix: &str) -> String {
    if prefix.is_empty() {
        "r".into()
    } else {
        format!("r-{prefix}")
    }
}

/// Name of one part of a word cell.
pub fn word_name(term: &str, pages: IdRange) -> String {
    if pages.len == 0 {
        format!("w-{term}")
    } else {
        format!("w-{term}.{}", pages.name())
    }
}

/// Name of a doc cell.
pub fn doc_name(pages: IdRange) -> String {
    if pages.len == 0 {
        "d".into()
    } else {
        format!("d-{}", pages.name())
    }
}

/// Appends a term's entries: page (first absolute, then the difference),
/// `count << 1 | title`, and unless `title` the document indexes (first
/// absolute, then the gap minus one).
fn entries(out: &mut String, p: &Postings, list: &[Entry]) {
    let mut prev = 0;
    for e in list {
        encode::varint(out, e.page - prev);
        prev = e.page;
        encode::varint(out, e.count << 1 | e.title as u32);
        if !e.title {
            let mut last: i64 = -1;
            for &d in p.docs_of(e) {
                encode::varint(out, (d as i64 - last - 1) as u32);
                last = d as i64;
            }
        }
    }
}

/// A term cell's name and what it holds: terms (indexes into
/// [`Postings::terms`]) with their entries.
fn term_parts<'a>(p: &'a Postings, cell: &TermCell) -> (String, Vec<(usize, &'a [Entry])>) {
    match cell {
        TermCell::Range { prefix, terms } => (
            range_name(prefix),
            terms.iter().map(|&t| (t, p.lists[t].as_slice())).collect(),
        ),
        TermCell::Word { term, pages } => {
            let list = &p.lists[*term];
            let (lo, hi) = pages.bounds();
            let a = list.partition_point(|e| e.page < lo);
            let b = list.partition_point(|e| e.page < hi);
            (
                word_name(&p.terms[*term], *pages),
                vec![(*term, &list[a..b])],
            )
        }
    }
}

/// The fingerprint of a term cell: of everything its file is made from
/// (far cheaper to take than the file is to make), through the build
/// cache's hasher, which hands blake3 its many small writes in large runs.
fn term_key(p: &Postings, name: &str, parts: &[(usize, &[Entry])]) -> blake3::Hash {
    let mut h = Hasher::new();
    put_str(&mut h, "search-terms");
    put_str(&mut h, name);
    for (t, list) in parts {
        put_str(&mut h, &p.terms[*t]);
        h.update(&(list.len() as u64).to_le_bytes());
        for e in *list {
            h.update(&e.page.to_le_bytes());
            h.update(&(e.count << 1 | e.title as u32).to_le_bytes());
            if !e.title {
                for d in p.docs_of(e) {
                    h.update(&d.to_le_bytes());
                }
            }
        }
    }
    h.finalize()
}

/// The fingerprint of a doc cell, taken as [`term_key`]'s.
fn doc_key(name: &str, records: &[(u32, String)]) -> blake3::Hash {
    let mut h = Hasher::new();
    put_str(&mut h, "search-docs");
    put_str(&mut h, name);
    for (id, record) in records {
        h.update(&id.to_le_bytes());
        put_str(&mut h, record);
    }
    h.finalize()
}

/// Hashes `s`, length first.
fn put_str(h: &mut Hasher, s: &str) {
    h.update(&(s.len() as u64).to_le_bytes());
    h.update(s.as_bytes());
}

fn term_cell(p: &Postings, name: &str, parts: &[(usize, &[Entry])]) -> Vec<u8> {
    let mut json = head(name, 64);
    json.push('{');
    for (i, (t, list)) in parts.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        json.push('"');
        json.push_str(&p.terms[*t]);
        json.push_str("\":\"");
        entries(&mut json, p, list);
        json.push('"');
    }
    json.push('}');
    tail(json)
}

fn doc_cell(name: &str, records: &[(u32, String)]) -> Vec<u8> {
    let mut json = head(name, records.iter().map(|r| record_size(&r.1)).sum());
    json.push('{');
    for (i, (id, record)) in records.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        json.push('"');
        encode::page_id(&mut json, *id);
        json.push_str("\":");
        json.push_str(record);
    }
    json.push('}');
    tail(json)
}

#[derive(Serialize)]
struct Manifest<'a> {
    /// Number of documents (for idf).
    documents: usize,
    /// Page ids (four digits each) in content path order: the order of
    /// results of equal score.
    order: String,
    /// Trie nodes: prefix → 1 if it has a range cell.
    nodes: BTreeMap<&'a str, u8>,
    /// Word cells: term → the page ranges of its parts.
    words: BTreeMap<&'a str, Vec<String>>,
    /// Doc cells: their page ranges.
    pages: Vec<String>,
    /// Words never indexed.
    stop: &'static [&'static str],
}

/// Everything the writer needs.
pub struct Parts<'a> {
    pub postings: &'a Postings,
    pub layout: &'a TermLayout,
    /// Page ids in content path order.
    pub order: &'a [u32],
    pub documents: usize,
    /// Doc cells: range and the records (sorted by page id) it holds.
    pub doc_cells: Vec<(IdRange, Vec<(u32, String)>)>,
}

/// Where the index files go.
pub trait Out: Sync {
    type Error: Send;

    /// Takes the file at `path` (relative to the site root), made from
    /// inputs whose fingerprint is `key` (`None` for a file that is always
    /// made).
    fn write(
        &self,
        path: &str,
        key: Option<&blake3::Hash>,
        bytes: &[u8],
    ) -> Result<(), Self::Error>;

    /// Carries `path` over from the previous output when the build that
    /// wrote it made it from inputs whose fingerprint is `key`; `false`
    /// when it cannot (the file is then made and written).
    fn keep(&self, _path: &str, _key: &blake3::Hash) -> Result<bool, Self::Error> {
        Ok(false)
    }
}

/// How many files were handed over, and of those how many carried over
/// and how many bytes the others took.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub files: usize,
    pub kept: usize,
    pub bytes: usize,
}

/// Make every file and hand it to `out` as soon as it is made, in
/// parallel, so that the index never sits whole in memory; a cell whose
/// inputs are those of the file the previous build wrote is carried over
/// ([`Out::keep`]) rather than made again. The first error `out` returns
/// stops the rest.
pub fn write<O: Out>(parts: Parts, out: &O) -> Result<Written, O::Error> {
    let p = parts.postings;
    let mut order = String::with_capacity(parts.order.len() * 4);
    for &id in parts.order {
        encode::page_id(&mut order, id);
    }
    let mut words: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for c in &parts.layout.cells {
        if let TermCell::Word { term, pages } = c {
            words
                .entry(p.terms[*term].as_str())
                .or_default()
                .push(pages.name());
        }
    }
    let manifest = Manifest {
        documents: parts.documents,
        order,
        nodes: parts
            .layout
            .nodes
            .iter()
            .map(|(n, f)| (n.as_str(), *f as u8))
            .collect(),
        words,
        pages: parts.doc_cells.iter().map(|(r, _)| r.name()).collect(),
        stop: super::terms::STOP,
    };
    let json = serde_json::to_string(&manifest).expect("the manifest serializes");
    drop(manifest);
    let (files, kept, bytes) = (
        AtomicUsize::new(0),
        AtomicUsize::new(0),
        AtomicUsize::new(0),
    );
    // Carry the file over, or make it and hand it over.
    let put = |name: &str, key: Option<blake3::Hash>, make: &dyn Fn() -> Vec<u8>| {
        let path = path(name);
        files.fetch_add(1, Ordering::Relaxed);
        if let Some(key) = &key {
            if out.keep(&path, key)? {
                kept.fetch_add(1, Ordering::Relaxed);
                return Ok(());
            }
        }
        let data = make();
        bytes.fetch_add(data.len(), Ordering::Relaxed);
        out.write(&path, key.as_ref(), &data)
    };
    put(MANIFEST, None, &|| script(MANIFEST, &json))?;
    parts.layout.cells.par_iter().try_for_each(|c| {
        let (name, cell) = term_parts(p, c);
        put(&name, Some(term_key(p, &name, &cell)), &|| {
            term_cell(p, &name, &cell)
        })
    })?;
    parts
        .doc_cells
        .into_par_iter()
        .try_for_each(|(r, records)| {
            let name = doc_name(r);
            put(&name, Some(doc_key(&name, &records)), &|| {
                doc_cell(&name, &records)
            })
        })?;
    Ok(Written {
        files: files.into_inner(),
        kept: kept.into_inner(),
        bytes: bytes.into_inner(),
    })
}
