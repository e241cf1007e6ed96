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
///
/// The pages, taken in id order, are cut into runs of about equal length,
/// one per thread (at most [`MAX_RUNS`]); each run's postings are built on
/// its own ([`Run::of`]) and the runs are then merged in order ([`merge`]).
/// Since every run is a range of ids, the result is the same for any number
/// of runs: the one that a single run over all pages gives.
pub fn build(pages: &[Indexed], ids: &[u32]) -> Postings {
    build_in(pages, ids, rayon::current_num_threads().clamp(1, MAX_RUNS))
}

/// Most runs [`build`] cuts the pages into: every run holds its own copy of
/// the common terms, which the merge reads again in its serial pass.
const MAX_RUNS: usize = 8;

/// [`build`] with the pages cut into `runs` runs.
fn build_in(pages: &[Indexed], ids: &[u32], runs: usize) -> Postings {
    assert_eq!(pages.len(), ids.len());
    // Pages in id order, so every term's list comes out sorted by id.
    let mut by_id: Vec<usize> = (0..pages.len()).collect();
    by_id.sort_by_key(|&i| ids[i]);
    let size = by_id.len().div_ceil(runs.max(1)).max(1);
    let runs: Vec<Run> = by_id
        .par_chunks(size)
        .map(|run| Run::of(pages, ids, run))
        .collect();
    merge(runs)
}

/// The postings of a run of pages (consecutive in id order), with its own
/// document indexes: its terms are borrowed from the pages.
struct Run<'a> {
    /// Sorted, unique, each with its entries (sorted by page id).
    terms: Vec<(&'a str, Vec<Entry>)>,
    /// The document indexes of the entries, laid out page after page in
    /// id order, the terms of each page in its own (sorted) order: the
    /// layout of [`Postings::docs`], of these pages only.
    docs: Vec<u32>,
}

impl<'a> Run<'a> {
    /// The postings of `pages[i]` for each `i` of `run` (in id order).
    fn of(pages: &'a [Indexed], ids: &[u32], run: &[usize]) -> Run<'a> {
        // Terms get numbers in order of first sight, remapped to sorted
        // order after; per page, the numbers of its terms in its own
        // (sorted) order.
        let mut numbers: FxHashMap<&str, u32> = FxHashMap::default();
        let mut docs_len = 0usize;
        let per_page: Vec<Vec<u32>> = run
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
        terms.sort_unstable();
        let mut rank = vec![0u32; terms.len()];
        for (r, (_, n)) in terms.iter().enumerate() {
            rank[*n as usize] = r as u32;
        }
        // Entries per term; the document indexes are laid out page after
        // page, as they are read (so they are written in order).
        let mut sizes = vec![0usize; terms.len()];
        for numbers in &per_page {
            for &n in numbers {
                sizes[rank[n as usize] as usize] += 1;
            }
        }
        let mut lists: Vec<Vec<Entry>> = sizes.iter().map(|&n| Vec::with_capacity(n)).collect();
        let mut docs = Vec::with_capacity(docs_len);
        for (&i, numbers) in run.iter().zip(&per_page) {
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
        Run {
            terms: terms.into_iter().map(|(t, _)| t).zip(lists).collect(),
            docs,
        }
    }
}

/// Merges `runs` (in id order) into the postings of all their pages.
///
/// The document indexes are the runs' one after the other, which is the
/// layout of a single run over all pages (page after page in id order), so
/// a run's entries only move by the number of document indexes of the runs
/// before it. A term's entries are those of the runs that hold it,
/// concatenated in run order, which keeps them sorted by page id.
fn merge(runs: Vec<Run<'_>>) -> Postings {
    let mut shift = 0u32;
    let mut heads = Vec::with_capacity(runs.len());
    let mut docs = Vec::with_capacity(runs.len());
    for run in runs {
        heads.push((shift, run.terms.into_iter().peekable()));
        shift += run.docs.len() as u32;
        docs.push(run.docs);
    }
    // A k-way merge of the runs' sorted terms: the least term at the head
    // of any run, with the entries of every run whose head it is (and that
    // run's shift). Only the vectors move here; they are joined after, in
    // parallel.
    let mut terms: Vec<(&str, Vec<Part>)> = Vec::new();
    while let Some(least) = heads
        .iter_mut()
        .filter_map(|(_, run)| run.peek().map(|(t, _)| *t))
        .min()
    {
        let parts = heads
            .iter_mut()
            .filter_map(|(shift, run)| {
                let (_, entries) = run.next_if(|(t, _)| *t == least)?;
                Some((*shift, entries))
            })
            .collect();
        terms.push((least, parts));
    }
    let (docs, (terms, lists)) = rayon::join(
        || docs.concat(),
        || {
            terms
                .into_par_iter()
                .map(|(term, parts)| (term.to_string(), joined(parts)))
                .unzip()
        },
    );
    Postings { terms, lists, docs }
}

/// One run's entries of a term, with the shift of their document indexes
/// (the number of document indexes of the runs before it).
type Part = (u32, Vec<Entry>);

/// One term's entries from the runs that hold it (in run order), as one
/// list.
fn joined(parts: Vec<Part>) -> Vec<Entry> {
    let mut list: Vec<Entry> = Vec::new();
    for (shift, mut entries) in parts {
        for e in entries.iter_mut().filter(|e| !e.title) {
            e.start += shift;
        }
        if list.is_empty() {
            list = entries;
        } else {
            list.extend_from_slice(&entries);
        }
    }
    list
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

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

    /// The postings as built without runs: pages one by one in id order
    /// into a sorted map, document indexes appended as they are read.
    fn reference(pages: &[Indexed], ids: &[u32]) -> Postings {
        let mut order: Vec<usize> = (0..pages.len()).collect();
        order.sort_by_key(|&i| ids[i]);
        let mut terms: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
        let mut docs = Vec::new();
        for i in order {
            for o in pages[i].terms() {
                let (count, start) = if o.title {
                    (pages[i].documents, 0)
                } else {
                    let start = docs.len() as u32;
                    docs.extend(o.docs);
                    (docs.len() as u32 - start, start)
                };
                terms.entry(o.term.to_string()).or_default().push(Entry {
                    page: ids[i],
                    title: o.title,
                    count,
                    start,
                });
            }
        }
        Postings {
            terms: terms.keys().cloned().collect(),
            lists: terms.into_values().collect(),
            docs,
        }
    }

    /// Pages of words drawn at random: common ones (in nearly every page,
    /// in titles too), less common ones and ones of a single page; every
    /// 13th page has no terms at all.
    fn random_pages(n: usize) -> Vec<Indexed> {
        let state = std::cell::Cell::new(0x9e37_79b9_7f4a_7c15u64);
        let next = |below: u64| {
            let mut x = state.get();
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            state.set(x);
            x % below
        };
        (0..n)
            .map(|i| {
                if i % 13 == 5 {
                    return page(&format!("e{i}.md"), "", &["the of and", ""]);
                }
                let word = |k: usize| match next(100) {
                    0..=39 => format!("c{}", next(8)),
                    40..=84 => format!("m{}", next(300)),
                    85..=94 => format!("u{i}x{k}"),
                    _ => "the".to_string(),
                };
                let title: Vec<String> = (0..next(4) as usize).map(word).collect();
                let paragraphs: Vec<String> = (0..1 + next(5) as usize)
                    .map(|p| {
                        (0..next(14) as usize)
                            .map(|k| word(p * 100 + k))
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect();
                let paragraphs: Vec<&str> = paragraphs.iter().map(|p| p.as_str()).collect();
                page(&format!("p{i}.md"), &title.join(" "), &paragraphs)
            })
            .collect()
    }

    #[test]
    fn any_number_of_runs_builds_what_one_pass_in_id_order_does() {
        let pages = random_pages(500);
        // Ids out of input order (a permutation, spread out).
        let ids: Vec<u32> = (0..500u32).map(|i| (i * 37 + 11) % 500 * 3 + 7).collect();
        let want = reference(&pages, &ids);
        assert!(want.terms.len() > 1000 && want.docs.len() > 5000);
        assert!(want.lists.iter().any(|l| l.len() > 200));
        assert!(want
            .lists
            .iter()
            .any(|l| l.iter().any(|e| e.title) && l.iter().any(|e| !e.title)));
        let same = |got: Postings, want: &Postings, runs: &str| {
            assert!(got.terms == want.terms, "terms differ ({runs} runs)");
            assert!(got.lists == want.lists, "entries differ ({runs} runs)");
            assert!(got.docs == want.docs, "documents differ ({runs} runs)");
        };
        for runs in [1, 2, 3, 7, 8, 64, 499, 500, 501, 10_000] {
            same(build_in(&pages, &ids, runs), &want, &runs.to_string());
        }
        same(build(&pages, &ids), &want, "default");
        let one = reference(&pages[..1], &ids[..1]);
        same(build_in(&pages[..1], &ids[..1], 4), &one, "one page, 4");
        let none = build_in(&[], &[], 4);
        assert!(none.terms.is_empty() && none.lists.is_empty() && none.docs.is_empty());
    }
}
