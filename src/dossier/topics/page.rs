//! One topic's dossier page: a summary of key figures, the facts by kind,
//! then every supporting statement grouped by source.

use std::collections::BTreeMap;

use super::cite::date_text;
use super::summary;
use crate::config::TopicConfig;
use crate::dossier::emit::Emit;
use crate::dossier::page::FrontMatter;
use crate::dossier::titles::Sources;
use crate::dossier::{archive, escape, GeneratedPage};
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
    // Only the facts in conflict, found in one pass (not a map of every
    // fact of the corpus, once per topic).
    let wanted: rustc_hash::FxHashSet<&str> = list
        .iter()
        .flat_map(|d| d.facts.iter().map(String::as_str))
        .collect();
    let by_id: rustc_hash::FxHashMap<&str, &Fact> = facts
        .facts
        .iter()
        .filter(|f| wanted.contains(f.id.as_str()))
        .map(|f| (f.id.as_str(), f))
        .collect();
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

/// The chart, and the table of its numbers: on the page, or on a page of
/// its own when it has more than [`archive::INLINE`] rows.
fn chart_section(t: &Topic, chart: &Chart, extra: &mut Vec<GeneratedPage>) -> String {
    let mut out = format!(
        "![Chart of the number of political prisoners held over time, with releases, from {} counts and {} releases in the sources]({})\n\n",
        chart.counts.len(),
        chart.releases.len(),
        chart.src
    );
    let mut table = String::from("| Date | Held | Released | Source |\n|---|---|---|---|\n");
    let mut rows: Vec<(&super::chart::Point, bool)> = chart
        .counts
        .iter()
        .map(|p| (p, true))
        .chain(chart.releases.iter().map(|p| (p, false)))
        .collect();
    rows.sort_by(|a, b| (a.0.date, &a.0.fact.id).cmp(&(b.0.date, &b.0.fact.id)));
    for (p, held) in &rows {
        let v = escape::markdown(&p.fact.value_text().unwrap_or_default());
        let (h, r) = if *held {
            (v, String::new())
        } else {
            (String::new(), v)
        };
        table.push_str(&format!(
            "| {} | {h} | {r} | {} |\n",
            escape::markdown(&date_text(&p.fact)),
            t.sources.link(&p.fact.cite)
        ));
    }
    if archive::archived(rows.len()) {
        out.push_str(&format!(
            "[The numbers behind the chart](@/{}): a table of its {} points, each cited.\n\n",
            t.sub("chart-data"),
            rows.len()
        ));
        extra.push(t.sub_page(
            "chart-data",
            format!("{}: the numbers behind the chart", t.title),
            "Every count of prisoners held and every release in the chart, with its date and source.".to_string(),
            table,
        ));
    } else {
        out.push_str(&table);
        out.push('\n');
    }
    out
}

/// What one topic's pages are made from.
pub struct Topic<'a> {
    pub config: &'a TopicConfig,
    /// Shown title (the id when the config has none).
    pub title: &'a str,
    pub facts: &'a Facts,
    pub key: &'a KeyFigures,
    pub sources: &'a Sources<'a>,
    pub chart: Option<&'a Chart<'a>>,
    /// Where archive pages go (each under the fingerprint of what it
    /// shows, so an unchanged one is kept: see [`Emit::reuse`]).
    pub out: &'a dyn Emit,
}

impl Topic<'_> {
    /// Content path of a page under this topic's folder.
    fn sub(&self, slug: &str) -> String {
        format!("topics/{}/{slug}.md", self.config.id)
    }

    fn sub_page(
        &self,
        slug: &str,
        title: String,
        description: String,
        body: String,
    ) -> GeneratedPage {
        GeneratedPage {
            path: self.sub(slug),
            front: FrontMatter {
                title,
                description: Some(description),
                template: Some("topic.html".to_string()),
                generated: true,
                ..FrontMatter::default()
            },
            body,
        }
    }
}

/// The topic page (`topics/<id>.md`, with `front`) and, when its lists are
/// long, the pages they move to: the statements archived by the period
/// their sources were published in, and the long tables on pages of their
/// own (see [`archive`]).
pub fn pages(t: &Topic, front: FrontMatter) -> Vec<GeneratedPage> {
    let mine: Vec<&Fact> = t
        .facts
        .facts
        .iter()
        .filter(|f| f.topic == t.config.id)
        .collect();
    let archived = archive::archived(mine.len());
    let mut extra = Vec::new();
    // The description is the page's lead (front matter), not repeated here.
    let mut out = String::new();
    out.push_str("## Summary\n\n");
    let sources_count = {
        // Facts come sorted by citation, so this sort has little to do.
        let mut sources: Vec<&str> = mine.iter().map(|f| f.cite.source.as_str()).collect();
        sources.sort_unstable();
        sources.dedup();
        sources.len()
    };
    out.push_str(&format!(
        "{} statements from {} sources.\n\n",
        mine.len(),
        sources_count
    ));
    let key_fact = |f: &Option<Fact>| f.as_ref().filter(|f| f.topic == t.config.id).cloned();
    if let Some(f) = key_fact(&t.key.prisoners) {
        out.push_str(&format!(
            "- Latest count: {}\n",
            summary::prisoners_line(&f, t.sources)
        ));
    }
    if let Some(f) = key_fact(&t.key.release) {
        out.push_str(&format!(
            "- Latest release: {}\n",
            summary::release_line(&f, t.sources)
        ));
    }
    out.push('\n');
    if mine.iter().any(|f| f.sanctions().is_some()) {
        let (rows, table) = summary::sanctions_table(t.key, t.sources);
        let heading = "Status of each sanction, as of the latest source";
        table_or_page(
            t,
            &mut out,
            &mut extra,
            ("sanctions-status", heading),
            rows,
            table,
        );
    }
    if mine.iter().any(|f| f.prisoners().is_some()) {
        let (rows, table) = summary::people_table(t.key, t.sources);
        let heading = "Named prisoners, as of the latest source";
        table_or_page(
            t,
            &mut out,
            &mut extra,
            ("named-prisoners", heading),
            rows,
            table,
        );
    }
    if let Some(chart) = t.chart {
        out.push_str(&chart_section(t, chart, &mut extra));
    }
    let flagged: Vec<&Disagreement> = t
        .facts
        .disagreements
        .iter()
        .filter(|d| d.topic == t.config.id)
        .collect();
    if flagged.len() > archive::LATEST {
        out.push_str(&format!(
            "## Where sources disagree\n\n{} disagreements between sources, [side by side]({}).\n\n",
            flagged.len(),
            format_args!("@/{}", t.sub("disagreements"))
        ));
        extra.push(t.sub_page(
            "disagreements",
            format!("{}: where sources disagree", t.title),
            format!(
                "Sources that give different figures about {}, side by side.",
                t.title
            ),
            disagreements(&flagged, t.facts, t.sources),
        ));
    } else {
        out.push_str(&disagreements(&flagged, t.facts, t.sources));
    }
    out.push_str(&kind_sections(&mine, t.sources, archived));
    if archived {
        out.push_str(&archive_pages(t, &mine));
    } else {
        out.push_str("## All statements, by source\n\n");
        out.push_str(&by_source(&mine, t.sources));
    }
    let mut pages = vec![GeneratedPage {
        path: format!("topics/{}.md", t.config.id),
        front,
        body: out,
    }];
    pages.extend(extra);
    pages
}

/// A table under its heading, or, when it has more than [`archive::INLINE`]
/// rows, a line linking to a page of its own that holds it.
fn table_or_page(
    t: &Topic,
    out: &mut String,
    extra: &mut Vec<GeneratedPage>,
    (slug, heading): (&str, &str),
    rows: usize,
    table: String,
) {
    if rows == 0 {
        return;
    }
    out.push_str(&format!("### {heading}\n\n"));
    if archive::archived(rows) {
        out.push_str(&format!(
            "[The table of all {rows} rows](@/{}).\n\n",
            t.sub(slug)
        ));
        extra.push(t.sub_page(
            slug,
            format!("{}: {}", t.title, heading.to_lowercase()),
            format!("{heading}, every row cited."),
            table,
        ));
    } else {
        out.push_str(&table);
        out.push('\n');
    }
}

/// Facts in the order the topic pages list them: by date, then citation,
/// then id. Facts come by citation (as `combine` leaves them), so a stable
/// sort by date keeps each date's facts by citation, and only the facts of
/// one paragraph with one date are left to order by id: tens of thousands
/// of facts are not sorted by comparing their sources' ids. Facts in
/// another order are sorted by all three.
pub(super) fn by_date(facts: &mut [&Fact]) {
    if facts.is_sorted_by(|a, b| a.cite <= b.cite) {
        facts.sort_by_key(|f| f.date);
        for run in facts.chunk_by_mut(|a, b| a.date == b.date && a.cite == b.cite) {
            run.sort_by(|a, b| a.id.cmp(&b.id));
        }
    } else {
        facts.sort_by(|a, b| (a.date, &a.cite, &a.id).cmp(&(b.date, &b.cite, &b.id)));
    }
}

/// One section per fact kind, facts in date order; on an archived topic
/// only the most recent [`archive::LATEST`] of each.
fn kind_sections(mine: &[&Fact], sources: &Sources, archived: bool) -> String {
    let mut out = String::new();
    for (kind, title) in KINDS {
        let mut of_kind: Vec<&Fact> = mine.iter().copied().filter(|f| f.kind == *kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        by_date(&mut of_kind);
        out.push_str(&format!("## {title}\n\n"));
        let shown = if archived {
            let periods: Vec<archive::Period> = of_kind
                .iter()
                .map(|f| archive::period(f.date.as_ref()))
                .collect();
            let range = archive::latest(&periods);
            if range.len() < of_kind.len() {
                out.push_str(&format!(
                    "The {} most recent of {}; every one is in the archive below.\n\n",
                    range.len(),
                    of_kind.len()
                ));
            }
            &of_kind[range]
        } else {
            &of_kind[..]
        };
        for f in shown {
            out.push_str(&fact_item(f, sources));
        }
        out.push('\n');
    }
    out
}

/// Every statement, one list per source (sources in id order), one line per
/// sentence even when it holds several facts.
fn by_source(facts: &[&Fact], sources: &Sources) -> String {
    let mut out = String::new();
    let mut grouped: BTreeMap<&str, Vec<&Fact>> = BTreeMap::new();
    for f in facts {
        grouped.entry(f.cite.source.as_str()).or_default().push(f);
    }
    for (source, list) in grouped {
        out.push_str(&format!("### {}\n\n", sources.title_markdown(source)));
        let mut last = None;
        for f in list {
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

/// The archive of an archived topic: a page per period of the sources'
/// publication dates (each with that period's facts by kind and its
/// statements by source), and the list of them for the topic page. The
/// period pages go to `t.out`, each kept when what it shows is unchanged.
fn archive_pages(t: &Topic, mine: &[&Fact]) -> String {
    // The topic's sources, each with its publication period.
    let mut of_source: BTreeMap<&str, (archive::Period, Vec<&Fact>)> = BTreeMap::new();
    for f in mine {
        of_source
            .entry(f.cite.source.as_str())
            .or_insert_with(|| (archive::period(f.reported.as_ref()), Vec::new()))
            .1
            .push(f);
    }
    let list: Vec<(&str, archive::Period, Vec<&Fact>)> = of_source
        .into_iter()
        .map(|(s, (p, facts))| (s, p, facts))
        .collect();
    let periods: Vec<archive::Period> = list.iter().map(|(_, p, _)| *p).collect();
    let parts = archive::split(&periods);
    let base = format!("topics/{}", t.config.id);
    let mut index = String::from(
        "## All statements\n\nEvery statement, on a page per period in which its source was published, newest first:\n\n",
    );
    let mut keyed = Vec::new();
    for (k, part) in parts.iter().enumerate().rev() {
        let facts: Vec<&Fact> = part
            .items
            .iter()
            .flat_map(|&i| list[i].2.iter().copied())
            .collect();
        index.push_str(&format!(
            "- {}: {} statements from {} sources\n",
            archive::link(&base, part),
            facts.len(),
            part.items.len()
        ));
        let neighbours = archive::neighbours(&base, &parts, k);
        // Everything the page shows: the topic, the period, its
        // neighbours, and each source's title and statements.
        let shown: Vec<(&str, &str, blake3::Hash)> = part
            .items
            .iter()
            .map(|&i| {
                let (source, _, facts) = &list[i];
                // The source's facts in this topic: a function of its
                // article's facts and the topic, when those are known.
                let print = match t.facts.prints.get(*source) {
                    Some(all) => crate::memo::key(
                        "topic-facts",
                        [&all.as_bytes()[..], t.config.id.as_bytes()],
                    ),
                    None => crate::memo::key_of_encoded("facts", facts.iter().copied()),
                };
                (*source, t.sources.title(source), print)
            })
            .collect();
        let key = crate::memo::fingerprint(
            "topic-archive",
            &(
                &t.config.id,
                t.title,
                &part.slug,
                &part.title,
                &neighbours,
                &shown,
            ),
        );
        if t.out.reuse(&key) {
            continue;
        }
        let mut body = kind_sections(&facts, t.sources, false);
        body.push_str("## All statements, by source\n\n");
        body.push_str(&by_source(&facts, t.sources));
        body.push_str(&neighbours);
        let page = t.sub_page(
            &part.slug,
            format!("{}: {}", t.title, part.title),
            format!(
                "Statements on {} from the sources published in {}.",
                t.title.to_lowercase(),
                part.title
            ),
            body,
        );
        keyed.push((key, vec![page]));
    }
    t.out.keyed(keyed);
    index.push('\n');
    index
}
