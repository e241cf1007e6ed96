//! The timeline page: every dated event, grouped by year and month, as raw
//! HTML list items the theme's script can filter without a server.
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

use super::cite::Sources;
use crate::dossier::escape;
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

/// The markdown (with raw HTML) body of the timeline page.
pub fn body(
    facts: &Facts,
    sources: &Sources,
    topics: &[(String, String)],
    entity_name: &dyn Fn(&str) -> Option<String>,
) -> String {
    let actors: BTreeSet<&str> = facts
        .events
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
    let mut out = String::from("Every dated event in the sources, in order. Dates marked uncertain were worked out from an article whose own date is inferred or unknown.\n\n");
    out.push_str("<div class=\"timeline-filters\">\n");
    out.push_str(&select("timeline-topic", "Topic", "All topics", topics));
    out.push_str(&select("timeline-actor", "Actor", "All actors", &actors));
    out.push_str("</div>\n\n");
    let mut year = None;
    let mut month = None;
    let mut open = false;
    for e in &facts.events {
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
