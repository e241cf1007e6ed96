//! What the fact rules see of one sentence, and what they return.

use std::cell::OnceCell;
use std::ops::Range;

use regex::Regex;

use super::model::Detail;
use crate::extract::dates::{DateMention, PartialDate, Reference};
use crate::extract::numbers::Count;
use crate::pattern::Listed;

/// One sentence with the numbers and dates found in it.
pub struct Sentence<'a> {
    pub text: &'a str,
    /// Dates in the sentence (spans relative to `text`).
    pub dates: Vec<DateMention>,
    /// Counts in the sentence that are not part of a date.
    pub counts: Vec<Count>,
    /// The last date mentioned earlier in the same paragraph.
    pub carry: Option<DateMention>,
    /// The previous sentence of the same paragraph.
    pub previous: Option<&'a str>,
    /// The whole paragraph.
    pub paragraph: &'a str,
    /// The negotiator the paragraph names, found once per paragraph (not
    /// once per sentence: a paragraph of many sentences stays linear).
    pub paragraph_negotiator: &'a OnceCell<Option<String>>,
    pub reference: Reference,
}

/// A fact before it gets its id, topic, text, entities and citation.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub kind: &'static str,
    pub value: Option<f64>,
    pub qualifier: Option<String>,
    pub date: Option<(PartialDate, bool)>,
    pub detail: Detail,
}

impl Draft {
    pub fn new(kind: &'static str) -> Draft {
        Draft {
            kind,
            value: None,
            qualifier: None,
            date: None,
            detail: Detail::None,
        }
    }
}

/// A cue word for a fact kind, where it occurs.
#[derive(Debug, Clone)]
pub struct Cue {
    pub span: Range<usize>,
    pub kind: &'static str,
}

/// Cue patterns with their kinds, most specific first, searched for
/// together ([`Listed`]).
pub struct CueRules {
    regexes: Listed,
    kinds: Vec<&'static str>,
}

impl CueRules {
    pub fn new(rules: Vec<(Regex, &'static str)>) -> CueRules {
        let (regexes, kinds) = rules.into_iter().unzip();
        CueRules {
            regexes: Listed::new(regexes),
            kinds,
        }
    }
}

/// Every non-overlapping cue in `text`; earlier regexes win overlaps.
pub fn cues(text: &str, rules: &CueRules) -> Vec<Cue> {
    let mut out: Vec<Cue> = Vec::new();
    let mut taken = crate::extract::spans::Disjoint::new();
    for i in rules.regexes.matching(text).iter() {
        let kind = rules.kinds[i];
        for m in rules.regexes.get(i).find_iter(text) {
            if taken.insert(m.range()) {
                out.push(Cue {
                    span: m.range(),
                    kind,
                });
            }
        }
    }
    out.sort_by_key(|c| c.span.start);
    out
}

/// Distance in bytes between two ranges (0 when they touch or overlap).
pub fn distance(a: &Range<usize>, b: &Range<usize>) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

impl Sentence<'_> {
    /// The date closest to `span` inside `window`, if any.
    pub fn date_near(
        &self,
        span: &Range<usize>,
        window: &Range<usize>,
    ) -> Option<(PartialDate, bool)> {
        self.dates
            .iter()
            .filter(|d| d.span.start >= window.start && d.span.end <= window.end)
            .min_by_key(|d| distance(&d.span, span))
            .map(|d| (d.date, d.uncertain))
    }

    pub fn first_date(&self) -> Option<(PartialDate, bool)> {
        self.dates.first().map(|d| (d.date, d.uncertain))
    }

    pub fn carried_date(&self) -> Option<(PartialDate, bool)> {
        self.carry.as_ref().map(|d| (d.date, d.uncertain))
    }

    /// The article's own date: what an undated present-tense count refers to.
    pub fn reference_date(&self) -> Option<(PartialDate, bool)> {
        self.reference
            .date
            .map(|d| (PartialDate::day(d), self.reference.uncertain))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn earlier_cues_win_overlaps_and_absent_ones_are_skipped() {
        let rules = CueRules::new(vec![
            (Regex::new(r"still held").unwrap(), "count"),
            (Regex::new(r"held").unwrap(), "held"),
            (Regex::new(r"freed").unwrap(), "released"),
            (Regex::new(r"pardon\w*").unwrap(), "pardon"),
        ]);
        let found = cues(
            "Two were freed, ten are still held and one held again.",
            &rules,
        );
        let kinds: Vec<(&str, usize)> = found.iter().map(|c| (c.kind, c.span.start)).collect();
        assert_eq!(kinds, [("released", 9), ("count", 24), ("held", 43)]);
        assert!(cues("Nothing here.", &rules).is_empty());
    }
}
