//! Key figures: the latest count, the latest release, sanction statuses and
//! named prisoners' statuses, as markdown (home page and topic summaries).

use super::cite::date_text;
use crate::corpus::Article;
use crate::dossier::escape;
use crate::dossier::titles::Sources;
use crate::extract::facts::{Fact, KeyFigures};

fn value(fact: &Fact) -> String {
    escape::markdown(&fact.value_text().unwrap_or_default())
}

/// "**about 1,200** political prisoners held (2025-09, counted by X) — [source]".
pub fn prisoners_line(fact: &Fact, sources: &Sources) -> String {
    let by = fact
        .prisoners()
        .and_then(|d| d.counted_by.as_deref())
        .map(|c| format!(", counted by {}", escape::markdown(c)))
        .unwrap_or_default();
    format!(
        "**{}** political prisoners held (as of {}{by}) — {}",
        value(fact),
        escape::markdown(&date_text(fact)),
        sources.link(&fact.cite)
    )
}

pub fn release_line(fact: &Fact, sources: &Sources) -> String {
    let detail = fact.prisoners();
    let people = detail
        .map(|d| {
            d.people
                .iter()
                .map(|p| escape::markdown(p))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    let people = if people.is_empty() {
        String::new()
    } else {
        format!(", including {}", people.join(", "))
    };
    let negotiator = detail
        .and_then(|d| d.negotiator.as_deref())
        .map(|n| format!(", negotiated by {}", escape::markdown(n)))
        .unwrap_or_default();
    format!(
        "**{}** people released ({}{people}{negotiator}) — {}",
        value(fact),
        escape::markdown(&date_text(fact)),
        sources.link(&fact.cite)
    )
}

/// The sanction statuses as a markdown table, with its number of rows.
pub fn sanctions_table(key: &KeyFigures, sources: &Sources) -> (usize, String) {
    if key.sanctions.is_empty() {
        return (0, String::new());
    }
    let mut out =
        String::from("| Authority | Target | Status | Date | Source |\n|---|---|---|---|---|\n");
    for s in &key.sanctions {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            escape::markdown(&s.authority),
            escape::markdown(&s.target),
            escape::markdown(&s.status),
            escape::markdown(&date_text(&s.fact)),
            sources.link(&s.fact.cite)
        ));
    }
    (key.sanctions.len(), out)
}

/// Named prisoners and their status as a markdown table, with its number
/// of rows.
pub fn people_table(key: &KeyFigures, sources: &Sources) -> (usize, String) {
    if key.people.is_empty() {
        return (0, String::new());
    }
    let mut out = String::from("| Name | Status | Date | Source |\n|---|---|---|---|\n");
    for p in &key.people {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            escape::markdown(&p.name),
            escape::markdown(&p.status),
            escape::markdown(&date_text(&p.fact)),
            sources.link(&p.fact.cite)
        ));
    }
    (key.people.len(), out)
}

/// The key figures as markdown (the body of the `key-figures.md` page,
/// which the home page embeds under its own heading).
pub fn key_figures_markdown(key: &KeyFigures, articles: &[Article]) -> String {
    let sources = Sources::new(articles);
    let mut out = String::new();
    if let Some(f) = &key.prisoners {
        out.push_str(&format!("- {}\n", prisoners_line(f, &sources)));
    }
    if let Some(f) = &key.release {
        out.push_str(&format!(
            "- Latest release: {}\n",
            release_line(f, &sources)
        ));
    }
    if key.prisoners.is_none() && key.release.is_none() && key.sanctions.is_empty() {
        out.push_str("No figures found yet.\n");
    }
    out.push('\n');
    if !key.sanctions.is_empty() {
        out.push_str(
            "Sanctions as of the latest source ([all sanctions](@/topics/sanctions.md)):\n\n",
        );
        out.push_str(&sanctions_table(key, &sources).1);
    }
    out
}
