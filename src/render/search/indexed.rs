//! One page as the index needs it: its result record and its terms, made
//! once when the page is rendered and kept in the build cache with the
//! page's other results, so a page carried over is not read for terms
//! again.

use std::borrow::Cow;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::docs::PageDocs;
use super::files;
use super::terms::each_term;

/// A page's part of the index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indexed {
    /// Content path: the page's stable key in the index.
    pub path: String,
    /// What results show of the page, as JSON ([`files::record`]).
    pub record: String,
    /// Number of documents (at least one).
    pub documents: u32,
    /// The page's terms, sorted and unique, one after the other.
    terms: String,
    /// Per term, in the same order: its length in bytes, then
    /// `count << 1 | title`, then (unless `title`) the indexes of the
    /// `count` documents that hold it, ascending.
    entries: Vec<u32>,
}

/// One term of a page: the title holds it (every document matches), or
/// these documents do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurs<'a> {
    pub term: &'a str,
    pub title: bool,
    /// Document indexes (empty when `title`).
    pub docs: &'a [u32],
}

impl Indexed {
    /// Reads the terms of `page`.
    pub fn of(page: &PageDocs) -> Indexed {
        let found = page_terms(page);
        let mut order: Vec<usize> = (0..found.terms.len()).collect();
        order.sort_unstable_by(|&a, &b| found.terms[a].0.cmp(&found.terms[b].0));
        let mut terms = String::with_capacity(found.terms.iter().map(|t| t.0.len()).sum());
        let mut entries = Vec::with_capacity(found.terms.len() * 2 + found.docs.len());
        for slot in order {
            let (term, title) = &found.terms[slot];
            terms.push_str(term);
            entries.push(term.len() as u32);
            if *title {
                entries.push(1);
            } else {
                let docs = &found.docs[found.start[slot] as usize..found.start[slot + 1] as usize];
                entries.push((docs.len() as u32) << 1);
                entries.extend_from_slice(docs);
            }
        }
        // Every page's part is held until the index is written: no slack.
        let mut record = files::record(page);
        record.shrink_to_fit();
        Indexed {
            path: page.path.clone(),
            record,
            documents: page.docs.len() as u32,
            terms,
            entries,
        }
    }

    /// The page's terms, sorted.
    pub fn terms(&self) -> impl Iterator<Item = Occurs<'_>> + '_ {
        let (mut at, mut i) = (0usize, 0usize);
        std::iter::from_fn(move || {
            let len = *self.entries.get(i)? as usize;
            let flags = self.entries[i + 1];
            let title = flags & 1 == 1;
            let count = if title { 0 } else { (flags >> 1) as usize };
            let occurs = Occurs {
                term: &self.terms[at..at + len],
                title,
                docs: &self.entries[i + 2..i + 2 + count],
            };
            at += len;
            i += 2 + count;
            Some(occurs)
        })
    }
}

/// A page's terms in order of first sight, with the title flag; the
/// documents of term `i` (not in the title) are `docs[start[i]..start[i +
/// 1]]`, ascending.
struct PageTerms<'a> {
    terms: Vec<(Cow<'a, str>, bool)>,
    start: Vec<u32>,
    docs: Vec<u32>,
}

/// The term as a slice of the text when it is one (no allocation).
fn key<'a>(term: &str, slice: Option<&'a str>) -> Cow<'a, str> {
    match slice {
        Some(s) => Cow::Borrowed(s),
        None => Cow::Owned(term.to_string()),
    }
}

fn page_terms(page: &PageDocs) -> PageTerms<'_> {
    let mut slots: FxHashMap<Cow<'_, str>, u32> = FxHashMap::default();
    let mut terms: Vec<(Cow<'_, str>, bool)> = Vec::new();
    // Per slot, the last document that held it.
    let mut last: Vec<u32> = Vec::new();
    let mut hits: Vec<(u32, u32)> = Vec::new(); // (slot, document)
    each_term(&page.title, |t, slice| {
        if !slots.contains_key(t) {
            let k = key(t, slice);
            slots.insert(k.clone(), terms.len() as u32);
            terms.push((k, true));
            last.push(u32::MAX);
        }
    });
    for (i, doc) in page.docs.iter().enumerate() {
        let i = i as u32;
        each_term(&doc.text, |t, slice| {
            let slot = match slots.get(t) {
                Some(&slot) => slot as usize,
                None => {
                    let k = key(t, slice);
                    slots.insert(k.clone(), terms.len() as u32);
                    terms.push((k, false));
                    last.push(u32::MAX);
                    terms.len() - 1
                }
            };
            if !terms[slot].1 && last[slot] != i {
                last[slot] = i;
                hits.push((slot as u32, i));
            }
        });
    }
    // Documents grouped by slot (a counting sort: ascending within each).
    let mut start = vec![0u32; terms.len() + 1];
    for h in &hits {
        start[h.0 as usize + 1] += 1;
    }
    for i in 0..terms.len() {
        start[i + 1] += start[i];
    }
    let mut docs = vec![0u32; hits.len()];
    let mut next = start.clone();
    for (slot, doc) in hits {
        docs[next[slot as usize] as usize] = doc;
        next[slot as usize] += 1;
    }
    PageTerms { terms, start, docs }
}

#[cfg(test)]
mod tests {
    use super::super::docs::source_page;
    use super::*;

    fn page(title: &str, paragraphs: &[&str]) -> PageDocs {
        source_page("sources/a.md", title, paragraphs)
    }

    #[test]
    fn terms_come_sorted_with_their_documents() {
        let p = Indexed::of(&page(
            "Potash sanctions",
            &[
                "The potash deal",
                "Prisoners freed; prisoners",
                "Más potash",
            ],
        ));
        let got: Vec<(&str, bool, Vec<u32>)> = p
            .terms()
            .map(|o| (o.term, o.title, o.docs.to_vec()))
            .collect();
        assert_eq!(
            got,
            [
                ("deal", false, vec![0]),
                ("freed", false, vec![1]),
                ("mas", false, vec![2]),
                ("potash", true, vec![]),
                ("prisoners", false, vec![1]),
                ("sanctions", true, vec![]),
            ]
        );
        assert_eq!(p.documents, 3);
        assert_eq!(p.path, "sources/a.md");
        assert!(
            p.record.starts_with("{\"t\":\"Potash sanctions\""),
            "{}",
            p.record
        );
    }

    #[test]
    fn it_reads_back_from_the_cache_as_it_was() {
        let p = Indexed::of(&page("Ein Titel", &["eins zwei", "zwei drei"]));
        let back: Indexed = postcard::from_bytes(&crate::memo::encode(&p)).unwrap();
        assert_eq!(back, p);
        assert_eq!(back.terms().count(), 5);
    }
}
