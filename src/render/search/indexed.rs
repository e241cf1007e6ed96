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
    /// Per term, in the same order, as LEB128 varints (most fit a byte;
    /// every page's part is held until the index is written): its length
    /// in bytes, `count << 1 | title`, then unless `title` the byte length
    /// of its documents and the indexes of the `count` documents that hold
    /// it (the first, then each gap minus one).
    entries: Vec<u8>,
}

/// One term of a page: the title holds it (every document matches), or
/// these documents do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurs<'a> {
    pub term: &'a str,
    pub title: bool,
    /// Document indexes, ascending (none when `title`).
    pub docs: Docs<'a>,
}

/// The document indexes of one term of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Docs<'a> {
    bytes: &'a [u8],
    left: usize,
    next: u32,
}

impl Iterator for Docs<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        if self.left == 0 {
            return None;
        }
        let (gap, rest) = read(self.bytes);
        self.bytes = rest;
        self.left -= 1;
        let doc = self.next + gap;
        self.next = doc + 1;
        Some(doc)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for Docs<'_> {}

fn push(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The varint at the start of `bytes`, and what follows it.
fn read(bytes: &[u8]) -> (u32, &[u8]) {
    let (mut n, mut shift) = (0u32, 0);
    for (i, &b) in bytes.iter().enumerate() {
        n |= ((b & 0x7f) as u32) << shift;
        if b < 0x80 {
            return (n, &bytes[i + 1..]);
        }
        shift += 7;
    }
    (n, &[])
}

impl Indexed {
    /// Reads the terms of `page`.
    pub fn of(page: &PageDocs) -> Indexed {
        let found = page_terms(page);
        // Sorted by the first eight bytes as a number first (terms hold no
        // zero byte, so zero padding keeps the order of the strings): most
        // comparisons need no string compared.
        let mut order: Vec<(u64, &str, usize)> = found
            .terms
            .iter()
            .enumerate()
            .map(|(slot, (term, _))| (prefix(term), &**term, slot))
            .collect();
        order.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
        let mut terms = String::with_capacity(found.terms.iter().map(|t| t.0.len()).sum());
        let mut entries = Vec::with_capacity(found.terms.len() * 3 + found.docs.len());
        let mut gaps = Vec::new();
        for (_, term, slot) in order {
            let title = found.terms[slot].1;
            terms.push_str(term);
            push(&mut entries, term.len() as u32);
            if title {
                push(&mut entries, 1);
            } else {
                let docs = &found.docs[found.start[slot] as usize..found.start[slot + 1] as usize];
                push(&mut entries, (docs.len() as u32) << 1);
                gaps.clear();
                let mut next = 0;
                for &d in docs {
                    push(&mut gaps, d - next);
                    next = d + 1;
                }
                push(&mut entries, gaps.len() as u32);
                entries.extend_from_slice(&gaps);
            }
        }
        entries.shrink_to_fit();
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
        let mut at = 0usize;
        let mut rest = self.entries.as_slice();
        std::iter::from_fn(move || {
            if rest.is_empty() {
                return None;
            }
            let (len, after) = read(rest);
            let (flags, after) = read(after);
            let title = flags & 1 == 1;
            let (bytes, after) = if title {
                (&after[..0], after)
            } else {
                let (n, after) = read(after);
                after.split_at((n as usize).min(after.len()))
            };
            rest = after;
            let term = &self.terms[at..at + len as usize];
            at += len as usize;
            Some(Occurs {
                term,
                title,
                docs: Docs {
                    bytes,
                    left: if title { 0 } else { (flags >> 1) as usize },
                    next: 0,
                },
            })
        })
    }
}

/// The first eight bytes of `term` as a big-endian number, zero-padded.
fn prefix(term: &str) -> u64 {
    let mut bytes = [0u8; 8];
    let n = term.len().min(8);
    bytes[..n].copy_from_slice(&term.as_bytes()[..n]);
    u64::from_be_bytes(bytes)
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
    // Sized at once, not grown by rehashing: the text of a source page
    // has a new term every 10 to 12 bytes, other pages fewer.
    let bytes = page.title.len() + page.docs.iter().map(|d| d.text.len()).sum::<usize>();
    let mut slots: FxHashMap<Cow<'_, str>, u32> =
        FxHashMap::with_capacity_and_hasher(bytes / 10, Default::default());
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
            .map(|o| (o.term, o.title, o.docs.collect()))
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

    #[test]
    fn document_numbers_of_any_size_read_back() {
        let mut paragraphs = vec!["filler"; 20_000];
        for at in [0, 127, 128, 300, 16_383, 16_384, 19_999] {
            paragraphs[at] = "needle";
        }
        let p = Indexed::of(&page("T", &paragraphs));
        let needle = p.terms().find(|o| o.term == "needle").unwrap();
        assert_eq!(needle.docs.len(), 7);
        assert_eq!(
            needle.docs.collect::<Vec<_>>(),
            [0, 127, 128, 300, 16_383, 16_384, 19_999]
        );
        let filler = p.terms().find(|o| o.term == "filler").unwrap();
        assert_eq!(filler.docs.len(), 20_000 - 7);
        assert_eq!(filler.docs.last(), Some(19_998));
        assert_eq!(p.terms().count(), 3, "filler, needle and the title's t");
    }
}
