//! One topic's dossier page: a summary of key figures, the facts by kind,
//! then every supporting statement grouped by source.

use std::collections::BTreeMap;

use super::cite::{date_text, Sources};
use super::summary;
use crate::config::TopicConfig;
use crate::dossier::escape;
use crate::extract::facts::{Disagreement, Fact, Facts, KeyFigures};

/// Section titles of the fact kinds, in the order they appear on the page.
const KINDS: &[(&str, &str)] = &[
    ("count", "Counts of prisoners held"),
    ("release", "Releases"),
    ("arrest", "Arrests and detentions"),
    ("sentence", "Sentences"),
    ("status", "Named prisoners and status"),
    ("imposed", "Sanctions imposed"),
    ("eased", "Sanctions eased"),
    ("lifted", "Sanctions lifted"),
    ("proposed", "Sanctions proposed"),
];

/// The chart and its accessible table of the same numbers.
pub struct Chart<'a> {
    /// Image path as written in the markdown.
    pub src: String,
    pub counts: &'a [super::chart::Point],
    pub releases: &'a [super::chart::Point],
}

/// One fact as a list item: date, value, detail, sentence, citation.
fn fact_item(fact: &Fact, sources: &Sources) -> String {
    let mut parts = vec![format!("**{}**", escape::markdown(&date_text(fact)))];
    if let Some(v) = fact.value_text() {
        parts.push(format!("**{}**", escape::markdown(&v)));
    }
    if let Some(d) = fact.prisoners() {
        if let Some(by) = &d.counted_by {
            parts.push(format!("counted by {}", escape::markdown(by)));
        }
        if !d.people.is_empty() {
            let people: Vec<String> = d.people.iter().map(|p| escape::markdown(p)).collect();
            parts.push(format!("named: {}", people.join(", ")));
        }
        if let Some(n) = &d.negotiator {
            parts.push(format!("negotiator: {}", escape::markdown(n)));
        }
    }
    if let Some(d) = fact.sanctions() {
        if let Some(a) = &d.authority {
            parts.push(format!("by {}", escape::markdown(a)));
        }
        if !d.targets.is_empty() {
            let targets: Vec<String> = d.targets.iter().map(|t| escape::markdown(t)).collect();
            parts.push(format!("on {}", targets.join(", ")));
        }
        if let Some(x) = &d.in_exchange_for {
            parts.push(format!("in exchange for {}", escape::markdown(x)));
        }
    }
    format!(
        "- {} — “{}” {}\n",
        parts.join(" · "),
        escape::markdown(&fact.text),
        sources.link(&fact.cite)
    )
}

fn disagreements(list: &[&Disagreement], facts: &Facts, sources: &Sources) -> String {
    if list.is_empty() {
        return String::new();
    }
    let by_id: BTreeMap<&str, &Fact> = facts.facts.iter().map(|f| (f.id.as_str(), f)).collect();
    let mut out = String::from("## Where sources disagree\n\n");
    for d in list {
        out.push_str(&format!(
            "**Disagreement: {}**\n\n",
            escape::markdown(&d.about)
        ));
        out.push_str("| Source | Says | Date |\n|---|---|---|\n");
        for id in &d.facts {
            if let Some(f) = by_id.get(id.as_str()) {
                out.push_str(&format!(
                    "| {} | {} | {} |\n",
                    sources.link(&f.cite),
                    escape::markdown(&f.value_text().unwrap_or_default()),
                    escape::markdown(&date_text(f))
                ));
            }
        }
        out.push('\n');
    }
    out
}

fn chart_section(chart: &Chart, sources: &Sources) -> String {
    let mut out = format!(
        "![Chart of the number of political prisoners held over time, with releases, from {} counts and {} releases in the sources]({})\n\n",
        chart.counts.len(),
        chart.releases.len(),
        chart.src
    );
    out.push_str("| Date | Held | Released | Source |\n|---|---|---|---|\n");
    let mut rows: Vec<(&super::chart::Point, bool)> = chart
        .counts
        .iter()
        .map(|p| (p, true))
        .chain(chart.releases.iter().map(|p| (p, false)))
        .collect();
    rows.sort_by(|a, b| (a.0.date, &a.0.fact.id).cmp(&(b.0.date, &b.0.fact.id)));
    for (p, held) in rows {
        let v = escape::markdown(&p.fact.value_text().unwrap_or_default());
        let (h, r) = if held {
            (v, String::new())
        } else {
            (String::new(), v)
        };
        out.push_str(&format!(
            "| {} | {h} | {r} | {} |\n",
            escape::markdown(&date_text(&p.fact)),
            sources.link(&p.fact.cite)
        ));
    }
    out.push('\n');
    out
}

/// The markdown body of a topic page.
pub fn body(
    topic: &TopicConfig,
    facts: &Facts,
    key: &KeyFigures,
    sources: &Sources,
    chart: Option<&Chart>,
) -> String {
    let mine: Vec<&Fact> = facts.facts.iter().filter(|f| f.topic == topic.id).collect();
    // The description is the page's lead (front matter), not repeated here.
    let mut out = String::new();
    out.push_str("## Summary\n\n");
    let sources_count = mine
        .iter()
        .map(|f| &f.cite.source)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    out.push_str(&format!(
        "{} statements from {} sources.\n\n",
        mine.len(),
        sources_count
    ));
    let key_fact = |f: &Option<Fact>| f.as_ref().filter(|f| f.topic == topic.id).cloned();
    if let Some(f) = key_fact(&key.prisoners) {
        out.push_str(&format!(
            "- Latest count: {}\n",
            summary::prisoners_line(&f, sources)
        ));
    }
    if let Some(f) = key_fact(&key.release) {
        out.push_str(&format!(
            "- Latest release: {}\n",
            summary::release_line(&f, sources)
        ));
    }
    out.push('\n');
    if mine.iter().any(|f| f.sanctions().is_some()) {
        let table = summary::sanctions_table(key, sources);
        if !table.is_empty() {
            out.push_str("### Status of each sanction, as of the latest source\n\n");
            out.push_str(&table);
            out.push('\n');
        }
    }
    if mine.iter().any(|f| f.prisoners().is_some()) {
        let table = summary::people_table(key, sources);
        if !table.is_empty() {
            out.push_str("### Named prisoners, as of the latest source\n\n");
            out.push_str(&table);
            out.push('\n');
        }
    }
    if let Some(chart) = chart {
        out.push_str(&chart_section(chart, sources));
    }
    let flagged: Vec<&Disagreement> = facts
        .disagreements
        .iter()
        .filter(|d| d.topic == topic.id)
        .collect();
    out.push_str(&disagreements(&flagged, facts, sources));
    for (kind, title) in KINDS {
        let mut of_kind: Vec<&&Fact> = mine.iter().filter(|f| f.kind == *kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        of_kind.sort_by(|a, b| (a.date, &a.cite, &a.id).cmp(&(b.date, &b.cite, &b.id)));
        out.push_str(&format!("## {title}\n\n"));
        for f in of_kind {
            out.push_str(&fact_item(f, sources));
        }
        out.push('\n');
    }
    out.push_str("## All statements, by source\n\n");
    let mut by_source: BTreeMap<&str, Vec<&Fact>> = BTreeMap::new();
    for f in &mine {
        by_source.entry(f.cite.source.as_str()).or_default().push(f);
    }
    for (source, list) in by_source {
        out.push_str(&format!(
            "### {}\n\n",
            escape::markdown(sources.title(source))
        ));
        let mut last = None;
        for f in list {
            // One line per sentence, even when it holds several facts.
            if last == Some((&f.cite, &f.text)) {
                continue;
            }
            last = Some((&f.cite, &f.text));
            out.push_str(&format!(
                "- “{}” {}\n",
                escape::markdown(&f.text),
                sources.link(&f.cite)
            ));
        }
        out.push('\n');
    }
    out
}
