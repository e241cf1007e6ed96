//! A set of byte ranges that do not overlap, for the extractors that keep
//! the first of overlapping matches: asking whether a range overlaps the set
//! takes O(log n), not a pass over every range taken, so a sentence with
//! thousands of matches stays n log n.

use std::collections::BTreeSet;
use std::ops::Range;

/// Ranges that pairwise do not overlap (ranges that only touch, and empty
/// ranges at an edge, do not overlap).
#[derive(Debug, Clone, Default)]
pub struct Disjoint {
    /// `(start, end)`; with no two overlapping, ends grow with starts.
    taken: BTreeSet<(usize, usize)>,
}

impl Disjoint {
    pub fn new() -> Disjoint {
        Disjoint::default()
    }

    /// Does `r` overlap a range of the set? `a` and `b` overlap when
    /// `a.start < b.end && b.start < a.end`.
    pub fn overlaps(&self, r: &Range<usize>) -> bool {
        // Of the ranges starting before `r` ends, the last ends last.
        self.taken
            .range(..(r.end, 0))
            .next_back()
            .is_some_and(|&(_, end)| r.start < end)
    }

    /// Add `r` unless it overlaps the set; returns whether it was added.
    pub fn insert(&mut self, r: Range<usize>) -> bool {
        if self.overlaps(&r) {
            return false;
        }
        self.taken.insert((r.start, r.end));
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn overlap(a: &Range<usize>, b: &Range<usize>) -> bool {
        !(a.end <= b.start || b.end <= a.start)
    }

    #[test]
    fn agrees_with_a_pass_over_every_range() {
        let ranges: Vec<Range<usize>> = (0..6).flat_map(|a| (a..6).map(move |b| a..b)).collect();
        for x in &ranges {
            for y in &ranges {
                for z in &ranges {
                    let mut set = Disjoint::new();
                    let mut naive: Vec<Range<usize>> = Vec::new();
                    for r in [x, y, z] {
                        let expected = naive.iter().all(|t| !overlap(t, r));
                        assert_eq!(set.overlaps(r), !expected, "{r:?} against {naive:?}");
                        assert_eq!(set.insert(r.clone()), expected, "{r:?} into {naive:?}");
                        if expected {
                            naive.push(r.clone());
                        }
                    }
                }
            }
        }
    }
}
