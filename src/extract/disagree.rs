//! Where sources disagree: different counts of prisoners held for the same
//! period, different sizes for releases on the same date, and different
//! dates for a release of the same size.
//!
//! Facts are grouped by a key in a BTreeMap (O(n log n)); only facts from
//! different sources are compared, and a group is compared against its
//! extremes, never pairwise across the corpus.

use std::collections::{BTreeMap, BTreeSet};

use crate::extract::dates::PartialDate;
use crate::extract::facts::{format_number, Disagreement, Fact};

/// The range of values a hedged count allows.
fn bounds(fact: &Fact) -> Option<(f64, f64)> {
    let v = fact.value?;
    Some(match fact.qualifier.as_deref() {
        None => (v, v),
        Some("more than" | "over") => (v + 1.0, f64::INFINITY),
        Some("at least") => (v, f64::INFINITY),
        Some("fewer than") => (0.0, v - 1.0),
        Some("up to") => (0.0, v),
        Some("nearly") => (v * 0.9, v),
        // about, estimated, and anything else hedged: within 5%.
        Some(_) => (v * 0.95, v * 1.05),
    })
}

/// Do these facts' values leave no common ground?
fn conflict(facts: &[&Fact]) -> bool {
    let mut low = f64::NEG_INFINITY;
    let mut high = f64::INFINITY;
    for f in facts {
        if let Some((l, h)) = bounds(f) {
            low = low.max(l);
            high = high.min(h);
        }
    }
    low > high
}

fn sources(facts: &[&Fact]) -> usize {
    facts
        .iter()
        .map(|f| &f.cite.source)
        .collect::<BTreeSet<_>>()
        .len()
}

fn ids(facts: &[&Fact]) -> Vec<String> {
    facts.iter().map(|f| f.id.clone()).collect()
}

/// Every disagreement between sources, sorted.
pub fn find(facts: &[Fact]) -> Vec<Disagreement> {
    let mut out = Vec::new();
    // Counts held and releases, by topic, kind and period (month, or year).
    let mut by_period: BTreeMap<(&str, &str, PartialDate), Vec<&Fact>> = BTreeMap::new();
    // Releases of an exact size, by size, for their dates.
    let mut by_size: BTreeMap<(&str, u64), Vec<&Fact>> = BTreeMap::new();
    for f in facts {
        let (Some(_), Some(date)) = (f.value, f.date) else {
            continue;
        };
        if !matches!(f.kind.as_str(), "count" | "release") {
            continue;
        }
        let period = match f.kind.as_str() {
            "count" => date.to_month().unwrap_or(date),
            _ => date,
        };
        // Releases compare only at day precision (a month holds several).
        if f.kind == "count" || date.day.is_some() {
            by_period
                .entry((f.topic.as_str(), f.kind.as_str(), period))
                .or_default()
                .push(f);
        }
        if f.kind == "release" && f.qualifier.is_none() {
            by_size
                .entry((f.topic.as_str(), f.value.unwrap_or(0.0) as u64))
                .or_default()
                .push(f);
        }
    }
    for ((topic, kind, period), group) in &by_period {
        if sources(group) >= 2 && conflict(group) {
            let what = if *kind == "count" {
                "prisoners held"
            } else {
                "people released"
            };
            out.push(Disagreement {
                topic: topic.to_string(),
                kind: kind.to_string(),
                about: format!("number of {what}, {period}"),
                facts: ids(group),
            });
        }
    }
    for ((topic, size), group) in &by_size {
        let dated: Vec<&Fact> = group.iter().copied().filter(|f| f.date.is_some()).collect();
        let dates: BTreeSet<PartialDate> = dated.iter().filter_map(|f| f.date).collect();
        let (Some(first), Some(last)) = (dates.first(), dates.last()) else {
            continue;
        };
        // Dates a year or more apart are different releases that happen to match.
        let close = last.year - first.year <= 1;
        if sources(&dated) >= 2 && close && !first.compatible(last) {
            out.push(Disagreement {
                topic: topic.to_string(),
                kind: "release".into(),
                about: format!("date of the release of {}", format_number(*size as f64)),
                facts: ids(&dated),
            });
        }
    }
    out.sort_by(|a, b| (&a.topic, &a.about).cmp(&(&b.topic, &b.about)));
    out
}
