//! The state of things as of the latest source: the latest count of
//! political prisoners, the latest release, each sanction's status and each
//! named prisoner's status.

use std::collections::BTreeMap;

use serde::Serialize;

use super::model::{Fact, Facts};
use crate::extract::dates::PartialDate;

/// What the home page and the topic summaries lead with.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct KeyFigures {
    /// The latest count of political prisoners held.
    pub prisoners: Option<Fact>,
    /// The latest release with a number.
    pub release: Option<Fact>,
    pub sanctions: Vec<SanctionStatus>,
    pub people: Vec<PersonStatus>,
}

/// Where a sanction stands as of the latest source that speaks of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SanctionStatus {
    /// "US", "EU", ..., or "unspecified".
    pub authority: String,
    pub target: String,
    /// imposed, eased, lifted or proposed.
    pub status: String,
    /// The fact that says so.
    pub fact: Fact,
}

/// A named prisoner's status as of the latest source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonStatus {
    pub name: String,
    /// held, released or sentenced.
    pub status: String,
    pub fact: Fact,
}

/// Recency of a fact: when it happened, then when it was reported.
fn recency(f: &Fact) -> (Option<PartialDate>, Option<PartialDate>, &str) {
    (f.date, f.reported, f.id.as_str())
}

fn latest<'a>(facts: impl Iterator<Item = &'a Fact>) -> Option<&'a Fact> {
    facts.max_by(|a, b| recency(a).cmp(&recency(b)))
}

/// Sanction statuses, one per (authority, target), sorted by authority then target.
pub fn sanction_statuses(facts: &Facts) -> Vec<SanctionStatus> {
    let mut by_key: BTreeMap<(String, String), Vec<&Fact>> = BTreeMap::new();
    for f in &facts.facts {
        let Some(d) = f.sanctions() else { continue };
        if !matches!(f.kind.as_str(), "imposed" | "eased" | "lifted" | "proposed") {
            continue;
        }
        let authority = d.authority.clone().unwrap_or_else(|| "unspecified".into());
        for t in &d.targets {
            by_key
                .entry((authority.clone(), t.clone()))
                .or_default()
                .push(f);
        }
    }
    by_key
        .into_iter()
        .filter_map(|((authority, target), group)| {
            // A decision outranks a proposal; among decisions the latest wins.
            let decided = latest(group.iter().copied().filter(|f| f.kind != "proposed"));
            let fact = decided.or_else(|| latest(group.iter().copied()))?;
            Some(SanctionStatus {
                authority,
                target,
                status: fact.kind.clone(),
                fact: fact.clone(),
            })
        })
        .collect()
}

/// Named prisoners' statuses, sorted by name.
pub fn person_statuses(facts: &Facts) -> Vec<PersonStatus> {
    let mut by_name: BTreeMap<String, Vec<&Fact>> = BTreeMap::new();
    for f in &facts.facts {
        let Some(d) = f.prisoners() else { continue };
        for p in &d.people {
            by_name.entry(p.clone()).or_default().push(f);
        }
    }
    by_name
        .into_iter()
        .filter_map(|(name, group)| {
            let fact = latest(group.into_iter())?;
            let status = match fact.kind.as_str() {
                "release" => "released",
                "sentence" => "sentenced",
                _ => "held",
            };
            Some(PersonStatus {
                name,
                status: status.into(),
                fact: fact.clone(),
            })
        })
        .collect()
}

/// The key figures of the corpus.
pub fn key_figures(facts: &Facts) -> KeyFigures {
    let prisoners = latest(facts.facts.iter().filter(|f| {
        f.kind == "count" && f.value.is_some() && f.prisoners().is_some_and(|d| d.political)
    }));
    let release = latest(
        facts
            .facts
            .iter()
            .filter(|f| f.kind == "release" && f.value.is_some() && f.date.is_some()),
    );
    KeyFigures {
        prisoners: prisoners.cloned(),
        release: release.cloned(),
        sanctions: sanction_statuses(facts),
        people: person_statuses(facts),
    }
}
