//! How the index is cut into files (cells) of bounded size, in a way that
//! depends only on what each cell holds, so that a change to a few pages
//! changes only the cells holding them.
//!
//! Term cells. Terms are grouped in a trie of prefixes: a node holds the
//! terms that start with its prefix. A node that fits in the limit is one
//! *range cell*. A node that does not is split by the next character: the
//! largest groups get their own node (or, for a group of one term, a *word
//! cell*) until what remains fits; what remains stays in the node's range
//! cell. A word too large for one cell is cut by page id ranges (the top bits
//! of the id), halving until each part fits. A term lives in its word cells,
//! or else in the range cell of the longest node prefix it starts with;
//! nodes whose terms all went to children are listed without a file, so the
//! client never looks in an ancestor for them.
//!
//! Doc cells hold the pages' result data, cut by page id ranges the same
//! way.

use super::encode;
use super::ids;
use super::postings::{Entry, Postings};

/// Ids whose top `len` bits are `bits`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct IdRange {
    pub bits: u32,
    pub len: u32,
}

impl IdRange {
    pub const ALL: IdRange = IdRange { bits: 0, len: 0 };

    fn halves(self) -> [IdRange; 2] {
        [0, 1].map(|b| IdRange {
            bits: self.bits << 1 | b,
            len: self.len + 1,
        })
    }

    pub fn contains(self, id: u32) -> bool {
        ids::in_range(id, self.bits, self.len)
    }

    /// `"0110"`: the bits as text (empty for all ids).
    pub fn name(self) -> String {
        (0..self.len)
            .rev()
            .map(|i| if self.bits >> i & 1 == 1 { '1' } else { '0' })
            .collect()
    }

    /// The ids of the range, as a half-open interval.
    pub fn bounds(self) -> (u32, u32) {
        let shift = ids::BITS - self.len;
        (self.bits << shift, (self.bits + 1) << shift)
    }
}

/// A term cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermCell {
    /// The terms (indexes into [`Postings::terms`], ascending) of a node's
    /// range cell.
    Range { prefix: String, terms: Vec<usize> },
    /// One term's entries for the pages of `pages`.
    Word { term: usize, pages: IdRange },
}

/// The term cells (in trie order) and the trie's nodes (prefix, whether it
/// has a range cell), sorted.
#[derive(Debug, Default)]
pub struct TermLayout {
    pub cells: Vec<TermCell>,
    pub nodes: Vec<(String, bool)>,
}

/// Sizes of a term's entries as [`super::files`] writes them.
struct Sizes<'a> {
    postings: &'a Postings,
    /// Per term: running sum of entry sizes, each entry's page written as
    /// the difference from the previous one's (`cum[t][j]` = entries `..j`).
    cum: Vec<Vec<usize>>,
}

/// Characters an entry takes: page (delta or absolute), header, documents.
pub fn entry_len(p: &Postings, e: &Entry, page_delta: u32) -> usize {
    let mut n = encode::varint_len(page_delta) + encode::varint_len(e.count << 1 | e.title as u32);
    if !e.title {
        let mut prev: i64 = -1;
        for &d in p.docs_of(e) {
            n += encode::varint_len((d as i64 - prev - 1) as u32);
            prev = d as i64;
        }
    }
    n
}

/// Characters a term's key takes in a cell: `"term":"…",`.
fn key_len(term: &str) -> usize {
    term.len() + 6
}

impl<'a> Sizes<'a> {
    fn new(postings: &'a Postings) -> Sizes<'a> {
        use rayon::prelude::*;
        let cum = postings
            .lists
            .par_iter()
            .map(|list| {
                let mut cum = Vec::with_capacity(list.len() + 1);
                cum.push(0);
                let mut prev = 0;
                let mut total = 0;
                for e in list {
                    total += entry_len(postings, e, e.page - prev);
                    prev = e.page;
                    cum.push(total);
                }
                cum
            })
            .collect();
        Sizes { postings, cum }
    }

    /// Entries of term `t` with a page in `r`: their index range.
    fn span(&self, t: usize, r: IdRange) -> (usize, usize) {
        let list = &self.postings.lists[t];
        let (lo, hi) = r.bounds();
        (
            list.partition_point(|e| e.page < lo),
            list.partition_point(|e| e.page < hi),
        )
    }

    /// Bytes term `t` takes in a cell of the pages of `r` (0 if none).
    fn term(&self, t: usize, r: IdRange) -> usize {
        let (a, b) = self.span(t, r);
        if a == b {
            return 0;
        }
        let list = &self.postings.lists[t];
        let first = &list[a];
        let delta = first.page - if a == 0 { 0 } else { list[a - 1].page };
        self.cum[t][b] - self.cum[t][a] - encode::varint_len(delta)
            + encode::varint_len(first.page)
            + key_len(&self.postings.terms[t])
    }

    fn terms(&self, ts: impl Iterator<Item = usize>) -> usize {
        ts.map(|t| self.term(t, IdRange::ALL)).sum()
    }
}

/// Cuts the terms of `postings` into cells of at most `limit` bytes (a
/// single term of a single page may exceed it).
pub fn terms(postings: &Postings, limit: usize) -> TermLayout {
    let sizes = Sizes::new(postings);
    let mut layout = TermLayout::default();
    node(&sizes, limit, 0, 0, postings.terms.len(), &mut layout);
    layout.nodes.sort();
    layout
}

/// The node of terms `a..b`, which all start with the first `depth` bytes
/// of `terms[a]` (terms are ASCII).
fn node(s: &Sizes, limit: usize, depth: usize, a: usize, b: usize, out: &mut TermLayout) {
    let terms = &s.postings.terms;
    let prefix = terms.get(a).map_or("", |t| &t[..depth]).to_string();
    if s.terms(a..b) <= limit {
        out.cells.push(TermCell::Range {
            prefix: prefix.clone(),
            terms: (a..b).collect(),
        });
        out.nodes.push((prefix, true));
        return;
    }
    // Groups by the next byte; the term equal to the prefix is a group.
    let mut groups: Vec<(usize, usize, usize)> = Vec::new(); // (a, b, size)
    let mut i = a;
    while i < b {
        let key = terms[i].as_bytes().get(depth).copied();
        let mut j = i + 1;
        if key.is_some() {
            while j < b && terms[j].as_bytes().get(depth).copied() == key {
                j += 1;
            }
        }
        groups.push((i, j, s.terms(i..j)));
        i = j;
    }
    // Largest first (ties: first in order) until the rest fits.
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by_key(|&g| (std::cmp::Reverse(groups[g].2), g));
    let mut rest: usize = groups.iter().map(|g| g.2).sum();
    let mut promoted = vec![false; groups.len()];
    for g in order {
        if rest <= limit {
            break;
        }
        promoted[g] = true;
        rest -= groups[g].2;
    }
    let mut kept = Vec::new();
    for (g, &(ga, gb, _)) in groups.iter().enumerate() {
        if !promoted[g] {
            kept.extend(ga..gb);
        } else if gb - ga == 1 {
            word(s, limit, ga, IdRange::ALL, out);
        } else {
            node(s, limit, depth + 1, ga, gb, out);
        }
    }
    let has_file = !kept.is_empty();
    if has_file {
        out.cells.push(TermCell::Range {
            prefix: prefix.clone(),
            terms: kept,
        });
    }
    out.nodes.push((prefix, has_file));
}

fn word(s: &Sizes, limit: usize, t: usize, r: IdRange, out: &mut TermLayout) {
    let size = s.term(t, r);
    if size == 0 {
        return;
    }
    if size <= limit || r.len == ids::BITS {
        out.cells.push(TermCell::Word { term: t, pages: r });
        return;
    }
    for half in r.halves() {
        word(s, limit, t, half, out);
    }
}

/// Cuts pages (sorted by id, with the size of their data) into ranges of at
/// most `limit` bytes each (a single page may exceed it); empty ranges are
/// left out. Returns each range with the index span of its pages.
pub fn docs(pages: &[(u32, usize)], limit: usize) -> Vec<(IdRange, usize, usize)> {
    let mut out = Vec::new();
    doc_range(pages, 0, pages.len(), IdRange::ALL, limit, &mut out);
    out
}

fn doc_range(
    pages: &[(u32, usize)],
    a: usize,
    b: usize,
    r: IdRange,
    limit: usize,
    out: &mut Vec<(IdRange, usize, usize)>,
) {
    if a == b {
        return;
    }
    let size: usize = pages[a..b].iter().map(|p| p.1).sum();
    if size <= limit || r.len == ids::BITS || b - a == 1 {
        out.push((r, a, b));
        return;
    }
    let [lo, hi] = r.halves();
    let mid = a + pages[a..b].partition_point(|p| lo.contains(p.0));
    doc_range(pages, a, mid, lo, limit, out);
    doc_range(pages, mid, b, hi, limit, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Postings of single-document pages: `(term, [page ids])`.
    fn postings(terms: &[(&str, &[u32])]) -> Postings {
        let mut p = Postings::default();
        for (t, pages) in terms {
            p.terms.push(t.to_string());
            p.lists.push(
                pages
                    .iter()
                    .map(|&page| {
                        p.docs.push(0);
                        Entry {
                            page,
                            title: false,
                            count: 1,
                            start: p.docs.len() as u32 - 1,
                        }
                    })
                    .collect(),
            );
        }
        p
    }

    /// Every term is found where the client looks for it, exactly once per
    /// page.
    fn check_cover(p: &Postings, layout: &TermLayout) {
        for (t, term) in p.terms.iter().enumerate() {
            let words: Vec<&IdRange> = layout
                .cells
                .iter()
                .filter_map(|c| match c {
                    TermCell::Word { term: w, pages } if *w == t => Some(pages),
                    _ => None,
                })
                .collect();
            if words.is_empty() {
                let node = layout
                    .nodes
                    .iter()
                    .filter(|(n, _)| term.starts_with(n.as_str()))
                    .max_by_key(|(n, _)| n.len())
                    .expect("the root node");
                assert!(node.1, "{term}: its node {:?} has no file", node.0);
                let holders: Vec<&TermCell> = layout
                    .cells
                    .iter()
                    .filter(|c| matches!(c, TermCell::Range { terms, .. } if terms.contains(&t)))
                    .collect();
                assert_eq!(holders.len(), 1, "{term}");
                assert!(matches!(holders[0], TermCell::Range { prefix, .. } if *prefix == node.0));
            } else {
                for e in &p.lists[t] {
                    assert_eq!(words.iter().filter(|r| r.contains(e.page)).count(), 1);
                }
            }
        }
    }

    #[test]
    fn a_small_index_is_one_range_cell() {
        let p = postings(&[("alpha", &[1, 2]), ("beta", &[3])]);
        let layout = terms(&p, 1000);
        assert_eq!(
            layout.cells,
            [TermCell::Range {
                prefix: String::new(),
                terms: vec![0, 1]
            }]
        );
        assert_eq!(layout.nodes, [(String::new(), true)]);
    }

    #[test]
    fn large_nodes_split_by_prefix_and_large_words_by_pages() {
        let many: Vec<u32> = (0..400).map(|i| i * 40_000).collect();
        let p = postings(&[
            ("ba", &[1]),
            ("bar", &[2]),
            ("belarus", &many),
            ("belarusian", &many[..100]),
            ("bell", &[5]),
            ("cat", &[6]),
        ]);
        let limit = 300;
        let layout = terms(&p, limit);
        check_cover(&p, &layout);
        // belarus is cut into page ranges that each fit.
        let parts: Vec<&IdRange> = layout
            .cells
            .iter()
            .filter_map(|c| match c {
                TermCell::Word { term: 2, pages } => Some(pages),
                _ => None,
            })
            .collect();
        assert!(parts.len() > 2, "{parts:?}");
        let sizes = Sizes::new(&p);
        for r in &parts {
            assert!(sizes.term(2, **r) <= limit);
        }
        // Small terms stay together in their node's range cell.
        assert!(layout.cells.contains(&TermCell::Range {
            prefix: "b".into(),
            terms: vec![0, 1]
        }));
        assert!(layout.cells.contains(&TermCell::Range {
            prefix: String::new(),
            terms: vec![5]
        }));
    }

    #[test]
    fn nodes_without_a_file_are_listed() {
        // Two big words under "ab": node "ab" keeps nothing of its own.
        let many: Vec<u32> = (0..200).map(|i| i * 80_000).collect();
        let p = postings(&[("abc", &many), ("abd", &many), ("x", &[1])]);
        let layout = terms(&p, 200);
        check_cover(&p, &layout);
        assert!(
            layout.nodes.contains(&("a".to_string(), false))
                || layout.nodes.contains(&("ab".to_string(), false))
        );
    }

    #[test]
    fn doc_ranges_fit_and_cover_every_page() {
        let pages: Vec<(u32, usize)> = (0..1000u32)
            .map(|i| (i * 16_000, 100 + (i as usize % 7) * 50))
            .collect();
        let ranges = docs(&pages, 3000);
        assert!(ranges.len() > 20);
        let mut next = 0;
        for &(r, a, b) in &ranges {
            assert_eq!(a, next);
            next = b;
            assert!(pages[a..b].iter().all(|p| r.contains(p.0)));
            assert!(pages[a..b].iter().map(|p| p.1).sum::<usize>() <= 3000);
        }
        assert_eq!(next, pages.len());
        assert_eq!(docs(&pages[..3], 3000), [(IdRange::ALL, 0, 3)]);
    }

    #[test]
    fn range_names_are_their_bits() {
        assert_eq!(IdRange::ALL.name(), "");
        assert_eq!(
            IdRange {
                bits: 0b0110,
                len: 4
            }
            .name(),
            "0110"
        );
        assert_eq!(IdRange { bits: 0b1, len: 1 }.halves()[0].name(), "10");
    }
}
