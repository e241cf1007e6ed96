//! The inverted index: for every term, the pages that hold it and, in each,
//! which of the page's documents.
//!
//! A page whose title holds the term is one entry with the title flag: all
//! of its documents match (each is searched with the page title), which is
//! also what earns them the title bonus.

use std::borrow::Cow;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::docs::PageDocs;
use super::terms::each_term;

/// How a term occurs in one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The page's id.
    pub page: u32,
    /// The page title holds the term: every document of the page matches.
    pub title: bool,
    /// Number of matching documents.
    pub count: u32,
    /// Where the indexes of the matching documents start in
    /// [`Postings::docs`] (unused when `title`).
    pub start: u32,
}

/// Terms and their entries.
#[derive(Debug, Default)]
pub struct Postings {
    /// Sorted, unique.
    pub terms: Vec<String>,
    /// Per term (same order), sorted by page id.
    pub lists: Vec<Vec<Entry>>,
    /// Document indexes (within their page, ascending) of the entries.
    pub docs: Vec<u32>,
}

impl Postings {
    /// The document indexes of an entry without the title flag.
    pub fn docs_of(&self, e: &Entry) -> &[u32] {
        &self.docs[e.start as usize..(e.start + e.count) as usize]
    }
}

/// One page's terms: (term, title flag, where its documents start in
/// `docs`, how many).
struct PageTerms<'a> {
    terms: Vec<(Cow<'a, str>, bool, u32, u32)>,
    docs: Vec<u32>,
}

fn page_terms<'a>(page: &'a PageDocs) -> PageTerms<'a> {
    // Term → its slot; per slot: title flag and the last document seen.
    let mut slots: FxHashMap<Cow<'a, str>, u32> = FxHashMap::default();
    let mut seen: Vec<(bool, u32)> = Vec::new();
    let mut hits: Vec<(u32, u32)> = Vec::new(); // (slot, document)
    let key = |t: &str, slice: Option<&'a str>| match slice {
        Some(s) => Cow::Borrowed(s),
        None => Cow::Owned(t.to_string()),
    };
    each_term(&page.title, |t, slice| {
        if !slots.contains_key(t) {
            slots.insert(key(t, slice), seen.len() as u32);
            seen.push((true, 0));
        }
    });
    for (i, doc) in page.docs.iter().enumerate() {
        let i = i as u32;
        each_term(&doc.text, |t, slice| {
            let slot = match slots.get(t) {
                Some(&slot) => slot,
                None => {
                    let slot = seen.len() as u32;
                    slots.insert(key(t, slice), slot);
                    seen.push((false, u32::MAX));
                    slot
                }
            };
            let s = &mut seen[slot as usize];
            if !s.0 && s.1 != i {
                s.1 = i;
                hits.push((slot, i));
            }
        });
    }
    // Documents grouped by slot (a counting sort: ascending within each).
    let mut start = vec![0u32; seen.len() + 1];
    for h in &hits {
        start[h.0 as usize + 1] += 1;
    }
    for i in 0..seen.len() {
        start[i + 1] += start[i];
    }
    let mut docs = vec![0u32; hits.len()];
    let mut next = start.clone();
    for (slot, doc) in hits {
        docs[next[slot as usize] as usize] = doc;
        next[slot as usize] += 1;
    }
    let terms = slots
        .into_iter()
        .map(|(t, slot)| {
            let slot = slot as usize;
            (t, seen[slot].0, start[slot], start[slot + 1] - start[slot])
        })
        .collect();
    PageTerms { terms, docs }
}

/// Pages are read this many at a time, so that the terms of only that many
/// pages are held at once.
const CHUNK: usize = 1024;

/// Builds the postings of `pages`; `ids[i]` is the id of `pages[i]`.
pub fn build(pages: &[PageDocs], ids: &[u32]) -> Postings {
    assert_eq!(pages.len(), ids.len());
    // Pages in id order, so every term's list comes out sorted by id.
    let mut by_id: Vec<usize> = (0..pages.len()).collect();
    by_id.sort_by_key(|&i| ids[i]);

    // Terms get numbers in order of first sight, remapped to sorted order
    // at the end; per page, (term number, title, docs) in a compact form.
    let mut numbers: FxHashMap<Box<str>, u32> = FxHashMap::default();
    let mut per_page: Vec<Vec<(u32, bool, u32, u32)>> = Vec::with_capacity(pages.len());
    let mut pool: Vec<u32> = Vec::new();
    for chunk in by_id.chunks(CHUNK) {
        let terms: Vec<PageTerms> = chunk.par_iter().map(|&i| page_terms(&pages[i])).collect();
        for page in terms {
            let base = pool.len() as u32;
            pool.extend_from_slice(&page.docs);
            let compact = page
                .terms
                .into_iter()
                .map(|(term, title, start, len)| {
                    let n = match numbers.get(term.as_ref()) {
                        Some(&n) => n,
                        None => {
                            let n = numbers.len() as u32;
                            numbers.insert(term.into(), n);
                            n
                        }
                    };
                    (n, title, base + start, len)
                })
                .collect();
            per_page.push(compact);
        }
    }

    let mut terms: Vec<(Box<str>, u32)> = numbers.into_iter().collect();
    terms.par_sort_unstable();
    let mut rank = vec![0u32; terms.len()];
    for (r, (_, n)) in terms.iter().enumerate() {
        rank[*n as usize] = r as u32;
    }
    // Entries and document indexes per term; the indexes are laid out term
    // after term, so that reading a term's entries reads memory in order.
    let mut sizes = vec![0usize; terms.len()];
    let mut cursor = vec![0u32; terms.len() + 1];
    for page in &per_page {
        for &(n, title, _, len) in page {
            let r = rank[n as usize] as usize;
            sizes[r] += 1;
            if !title {
                cursor[r + 1] += len;
            }
        }
    }
    for r in 0..terms.len() {
        cursor[r + 1] += cursor[r];
    }
    let mut lists: Vec<Vec<Entry>> = sizes.iter().map(|&n| Vec::with_capacity(n)).collect();
    let mut docs = vec![0u32; pool.len()];
    for (&i, page) in by_id.iter().zip(&per_page) {
        for &(n, title, start, len) in page {
            let r = rank[n as usize] as usize;
            let entry = if title {
                Entry {
                    page: ids[i],
                    title: true,
                    count: pages[i].docs.len() as u32,
                    start: 0,
                }
            } else {
                let at = cursor[r];
                cursor[r] += len;
                docs[at as usize..(at + len) as usize]
                    .copy_from_slice(&pool[start as usize..(start + len) as usize]);
                Entry {
                    page: ids[i],
                    title: false,
                    count: len,
                    start: at,
                }
            };
            lists[r].push(entry);
        }
    }
    Postings {
        terms: terms.into_iter().map(|(t, _)| t.into()).collect(),
        lists,
        docs,
    }
}

#[cfg(test)]
mod tests {
    use super::super::docs::Doc;
    use super::*;

    pub fn page(path: &str, title: &str, paragraphs: &[&str]) -> PageDocs {
        PageDocs {
            path: path.into(),
            title: title.into(),
            url: path.replace(".md", ".html"),
            kind: "source".into(),
            docs: paragraphs
                .iter()
                .enumerate()
                .map(|(i, p)| Doc {
                    anchor: Some(format!("p{}", i + 1)),
                    text: p.to_string(),
                })
                .collect(),
        }
    }

    #[test]
    fn terms_map_to_pages_and_documents() {
        let pages = [
            page(
                "a.md",
                "Potash sanctions",
                &["The potash deal", "Prisoners freed", "More potash"],
            ),
            page("b.md", "Prisoners", &["Released prisoners", "No sanctions"]),
        ];
        let ids = [20, 10];
        let p = build(&pages, &ids);
        assert!(p.terms.windows(2).all(|w| w[0] < w[1]));
        assert!(!p.terms.iter().any(|t| t == "the"));
        let list = |t: &str| &p.lists[p.terms.iter().position(|x| x == t).unwrap()];
        // Title terms: the whole page, flagged.
        assert_eq!(
            list("potash"),
            &[Entry {
                page: 20,
                title: true,
                count: 3,
                start: 0
            }]
        );
        // Sorted by page id: b (10) before a (20).
        let prisoners = list("prisoners");
        assert_eq!(
            prisoners.iter().map(|e| e.page).collect::<Vec<_>>(),
            [10, 20]
        );
        assert!(prisoners[0].title);
        assert!(!prisoners[1].title);
        assert_eq!(p.docs_of(&prisoners[1]), [1]);
        let more = list("more");
        assert_eq!(p.docs_of(&more[0]), [2]);
        let sanctions = list("sanctions");
        assert_eq!(sanctions.len(), 2);
        assert_eq!(p.docs_of(&sanctions[0]), [1], "b.md's second paragraph");
    }

    #[test]
    fn a_term_repeated_in_a_document_counts_once() {
        let pages = [page("a.md", "T", &["word word word", "other", "word"])];
        let p = build(&pages, &[1]);
        let e = p.lists[p.terms.iter().position(|x| x == "word").unwrap()][0];
        assert_eq!(p.docs_of(&e), [0, 2]);
    }
}
