//! The timeline page: every dated event, grouped by year and month, as raw
//! HTML list items the theme's script can filter without a server; on a
//! large corpus, archived into a page per period.
//!
//! Markup contract for the theme script:
//! - filters: `<select id="timeline-topic">` and `<select id="timeline-actor">`
//!   inside `<div class="timeline-filters">`; option value `""` means all,
//!   otherwise a topic id or an entity id;
//! - events: `<ul class="events">` lists of `<li class="event"
//!   data-date="YYYY[-MM[-DD]]" data-topics="id id" data-actors="id id">`,
//!   a space-separated list each (possibly empty); an event whose date was
//!   resolved against an uncertain article date also has the class
//!   `uncertain`; each `<ul class="events">` follows its month (or year)
//!   heading, which the script may hide when all its events are hidden.

use std::collections::BTreeSet;

use crate::dossier::page::FrontMatter;
use crate::dossier::titles::Sources;
use crate::dossier::{archive, escape, GeneratedPage};
use crate::extract::facts::{Event, Facts};

fn item(e: &Event, sources: &Sources) -> String {
    let class = if e.date_uncertain {
        "event uncertain"
    } else {
        "event"
    };
    let date = e.date.to_string();
    let shown = if e.date_uncertain {
        format!("{date} (uncertain)")
    } else {
        date.clone()
    };
    format!(
        "<li class=\"{class}\" data-date=\"{date}\" data-topics=\"{}\" data-actors=\"{}\"><time datetime=\"{date}\">{}</time> {} <a href=\"{}\">{} ¶{}</a></li>\n",
        escape::html(&e.topics.join(" ")),
        escape::html(&e.entities.join(" ")),
        escape::html(&shown),
        escape::html(&e.text),
        escape::html(&e.cite.link()),
        escape::html(sources.title(&e.cite.source)),
        e.cite.paragraph,
    )
}

fn select(id: &str, label: &str, all: &str, options: &[(String, String)]) -> String {
    let mut out = format!("<label for=\"{id}\">{label}</label>\n<select id=\"{id}\">\n<option value=\"\">{all}</option>\n");
    for (value, name) in options {
        out.push_str(&format!(
            "<option value=\"{}\">{}</option>\n",
            escape::html(value),
            escape::html(name)
        ));
    }
    out.push_str("</select>\n");
    out
}

const INTRO: &str = "Every dated event in the sources, in order. Dates marked uncertain were worked out from an article whose own date is inferred or unknown.";

/// The timeline page (`timeline.md`) and, when it has more than
/// [`archive::INLINE`] events, its archive: a page per period
/// (`timeline/<period>.md`), each with the filters, linked from the
/// timeline page.
pub fn pages(
    facts: &Facts,
    sources: &Sources,
    topics: &[(String, String)],
    entity_name: &(dyn Fn(&str) -> Option<String> + Sync),
) -> Vec<GeneratedPage> {
    let page = |path: String, title: String, description: &str, body: String| GeneratedPage {
        path,
        front: FrontMatter {
            title,
            description: Some(description.to_string()),
            template: Some("timeline.html".to_string()),
            generated: true,
            ..FrontMatter::default()
        },
        body,
    };
    let all: Vec<&Event> = facts.events.iter().collect();
    if !archive::archived(all.len()) {
        let mut body = format!("{INTRO}\n\n");
        body.push_str(&events(&all, sources, topics, entity_name));
        return vec![page(
            "timeline.md".into(),
            "Timeline".into(),
            "Every dated event in the sources, in order.",
            body,
        )];
    }
    let periods: Vec<archive::Period> =
        all.iter().map(|e| archive::period(Some(&e.date))).collect();
    let parts = archive::split(&periods);
    let mut index = format!(
        "{INTRO}\n\n{} events, on a page per period, each with filters by topic and actor:\n\n",
        all.len()
    );
    let mut out = Vec::new();
    for (k, part) in parts.iter().enumerate() {
        index.push_str(&format!(
            "- {}: {} events\n",
            archive::link("timeline", part),
            part.items.len()
        ));
        let list: Vec<&Event> = part.items.iter().map(|&i| all[i]).collect();
        let mut body = format!("{INTRO}\n\n");
        body.push_str(&events(&list, sources, topics, entity_name));
        body.push_str(&archive::neighbours("timeline", &parts, k));
        out.push(page(
            format!("timeline/{}.md", part.slug),
            format!("Timeline: {}", part.title),
            &format!(
                "The dated events of {} in the sources, in order.",
                part.title
            ),
            body,
        ));
    }
    out.push(page(
        "timeline.md".into(),
        "Timeline".into(),
        "Every dated event in the sources, in order.",
        index,
    ));
    out
}

/// The filters and the events, grouped by year and month, as markdown with
/// raw HTML lists.
fn events(
    list: &[&Event],
    sources: &Sources,
    topics: &[(String, String)],
    entity_name: &(dyn Fn(&str) -> Option<String> + Sync),
) -> String {
    let actors: BTreeSet<&str> = list
        .iter()
        .flat_map(|e| e.entities.iter().map(String::as_str))
        .collect();
    let mut actors: Vec<(String, String)> = actors
        .into_iter()
        .map(|id| {
            (
                id.to_string(),
                entity_name(id).unwrap_or_else(|| id.to_string()),
            )
        })
        .collect();
    actors.sort_by(|a, b| (&a.1, &a.0).cmp(&(&b.1, &b.0)));
    let mut out = String::new();
    out.push_str("<div class=\"timeline-filters\">\n");
    out.push_str(&select("timeline-topic", "Topic", "All topics", topics));
    out.push_str(&select("timeline-actor", "Actor", "All actors", &actors));
    out.push_str("</div>\n\n");
    let mut year = None;
    let mut month = None;
    let mut open = false;
    for e in list {
        if year != Some(e.date.year) {
            if open {
                out.push_str("</ul>\n\n");
                open = false;
            }
            year = Some(e.date.year);
            month = None;
            out.push_str(&format!("## {}\n\n", e.date.year));
        }
        if month != Some(e.date.month) {
            if open {
                out.push_str("</ul>\n\n");
                open = false;
            }
            month = Some(e.date.month);
            if let Some(m) = e.date.month {
                out.push_str(&format!(
                    "### {} {}\n\n",
                    crate::calendar::MONTH_NAMES[(m - 1) as usize],
                    e.date.year
                ));
            }
        }
        if !open {
            out.push_str("<ul class=\"events\">\n");
            open = true;
        }
        out.push_str(&item(e, sources));
    }
    if open {
        out.push_str("</ul>\n");
    }
    out
}
