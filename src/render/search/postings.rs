//! The inverted index: for every term, the pages that hold it and, in each,
//! which of the page's documents.
//!
//! A page whose title holds the term is one entry with the title flag: all
//! of its documents match (each is searched with the page title), which is
//! also what earns them the title bonus.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::indexed::Indexed;

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

/// Builds the postings of `pages`; `ids[i]` is the id of `pages[i]`.
pub fn build(pages: &[Indexed], ids: &[u32]) -> Postings {
    assert_eq!(pages.len(), ids.len());
    // Pages in id order, so every term's list comes out sorted by id.
    let mut by_id: Vec<usize> = (0..pages.len()).collect();
    by_id.sort_by_key(|&i| ids[i]);

    // Terms get numbers in order of first sight, remapped to sorted order
    // after; per page, the numbers of its terms in its own (sorted) order.
    let mut numbers: FxHashMap<&str, u32> = FxHashMap::default();
    let mut docs_len = 0usize;
    let per_page: Vec<Vec<u32>> = by_id
        .iter()
        .map(|&i| {
            pages[i]
                .terms()
                .map(|o| {
                    docs_len += o.docs.len();
                    let next = numbers.len() as u32;
                    *numbers.entry(o.term).or_insert(next)
                })
                .collect()
        })
        .collect();

    let mut terms: Vec<(&str, u32)> = numbers.into_iter().collect();
    terms.par_sort_unstable();
    let mut rank = vec![0u32; terms.len()];
    for (r, (_, n)) in terms.iter().enumerate() {
        rank[*n as usize] = r as u32;
    }
    // Entries per term; the document indexes are laid out page after page,
    // as they are read (so they are written in order).
    let mut sizes = vec![0usize; terms.len()];
    for numbers in &per_page {
        for &n in numbers {
            sizes[rank[n as usize] as usize] += 1;
        }
    }
    let mut lists: Vec<Vec<Entry>> = sizes.iter().map(|&n| Vec::with_capacity(n)).collect();
    let mut docs = Vec::with_capacity(docs_len);
    for (&i, numbers) in by_id.iter().zip(&per_page) {
        for (o, &n) in pages[i].terms().zip(numbers) {
            let entry = if o.title {
                Entry {
                    page: ids[i],
                    title: true,
                    count: pages[i].documents,
                    start: 0,
                }
            } else {
                let start = docs.len() as u32;
                docs.extend(o.docs);
                Entry {
                    page: ids[i],
                    title: false,
                    count: o.docs.len() as u32,
                    start,
                }
            };
            lists[rank[n as usize] as usize].push(entry);
        }
    }
    Postings {
        terms: terms.into_iter().map(|(t, _)| t.to_string()).collect(),
        lists,
        docs,
    }
}

#[cfg(test)]
mod tests {
    use super::super::docs::source_page;
    use super::*;

    pub fn page(path: &str, title: &str, paragraphs: &[&str]) -> Indexed {
        Indexed::of(&source_page(path, title, paragraphs))
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
