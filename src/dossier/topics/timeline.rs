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

use crate::dossier::emit::Emit;
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
/// timeline page. Archive pages go to `out`, each under the fingerprint of
/// what it shows, so an unchanged one is kept ([`Emit::reuse`]).
pub fn pages(
    facts: &Facts,
    sources: &Sources,
    topics: &[(String, String)],
    entity_name: &(dyn Fn(&str) -> Option<String> + Sync),
    out: &dyn Emit,
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
        body.push_str(&events(&all, sources, topics, &actors(&all, entity_name)));
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
    let mut keyed = Vec::new();
    for (k, part) in parts.iter().enumerate() {
        index.push_str(&format!(
            "- {}: {} events\n",
            archive::link("timeline", part),
            part.items.len()
        ));
        let list: Vec<&Event> = part.items.iter().map(|&i| all[i]).collect();
        let actors = actors(&list, entity_name);
        let neighbours = archive::neighbours("timeline", &parts, k);
        // Everything the page shows: the period, its neighbours, the
        // filters' topics and actors, and each event with its source's
        // title.
        let shown: Vec<(&Event, &str)> = list
            .iter()
            .map(|e| (*e, sources.title(&e.cite.source)))
            .collect();
        let key = crate::memo::fingerprint(
            "timeline-archive",
            &(
                &part.slug,
                &part.title,
                &neighbours,
                topics,
                &actors,
                &shown,
            ),
        );
        if out.reuse(&key) {
            continue;
        }
        let mut body = format!("{INTRO}\n\n");
        body.push_str(&events(&list, sources, topics, &actors));
        body.push_str(&neighbours);
        let archived = page(
            format!("timeline/{}.md", part.slug),
            format!("Timeline: {}", part.title),
            &format!(
                "The dated events of {} in the sources, in order.",
                part.title
            ),
            body,
        );
        keyed.push((key, vec![archived]));
    }
    out.keyed(keyed);
    vec![page(
        "timeline.md".into(),
        "Timeline".into(),
        "Every dated event in the sources, in order.",
        index,
    )]
}

/// The actors of the events, as the actor filter lists them: (id, name),
/// by name.
fn actors(
    list: &[&Event],
    entity_name: &(dyn Fn(&str) -> Option<String> + Sync),
) -> Vec<(String, String)> {
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
    actors
}

/// The filters and the events, grouped by year and month, as markdown with
/// raw HTML lists.
fn events(
    list: &[&Event],
    sources: &Sources,
    topics: &[(String, String)],
    actors: &[(String, String)],
) -> String {
    let mut out = String::new();
    out.push_str("<div class=\"timeline-filters\">\n");
    out.push_str(&select("timeline-topic", "Topic", "All topics", topics));
    out.push_str(&select("timeline-actor", "Actor", "All actors", actors));
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::sync::Mutex;

    use super::*;
    use crate::dossier::GeneratedAsset;
    use crate::extract::dates::PartialDate;
    use crate::extract::Cite;

    /// Remembers the keys of the archive pages it is given, and reuses
    /// those it has seen.
    #[derive(Default)]
    struct Remembers {
        seen: Mutex<BTreeSet<[u8; 32]>>,
        made: Mutex<Vec<String>>,
    }

    impl Emit for Remembers {
        fn pages(&self, _: Vec<GeneratedPage>, _: bool) {}
        fn assets(&self, _: Vec<GeneratedAsset>) {}
        fn data(&self, _: String, _: Vec<u8>) {}
        fn reuse(&self, key: &blake3::Hash) -> bool {
            self.seen.lock().unwrap().contains(key.as_bytes())
        }
        fn keyed(&self, groups: Vec<(blake3::Hash, Vec<GeneratedPage>)>) {
            for (key, pages) in groups {
                self.seen.lock().unwrap().insert(*key.as_bytes());
                let mut made = self.made.lock().unwrap();
                made.extend(pages.into_iter().map(|p| p.path));
            }
        }
    }

    fn events(n: usize) -> Facts {
        let events = (0..n)
            .map(|i| Event {
                date: PartialDate::month(2020 + (i / 120) as i32, 1 + (i % 12) as u32),
                date_uncertain: false,
                text: format!("Event number {i}."),
                topics: vec!["prisoners".into()],
                entities: vec![format!("actor-{}", i % 7)],
                cite: Cite {
                    source: format!("source-{}", i % 5),
                    paragraph: 1 + i % 3,
                },
            })
            .collect();
        Facts {
            events,
            ..Facts::default()
        }
    }

    #[test]
    fn archive_pages_whose_events_are_unchanged_are_kept() {
        let topics = [("prisoners".to_string(), "Prisoners".to_string())];
        let name = |id: &str| Some(id.to_uppercase());
        let articles = [];
        let sources = Sources::new(&articles);
        let facts = events(600);
        let out = Remembers::default();
        let index = pages(&facts, &sources, &topics, &name, &out);
        assert_eq!(index.len(), 1);
        assert_eq!(index[0].path, "timeline.md");
        let first = std::mem::take(&mut *out.made.lock().unwrap());
        assert!(first.len() > 2, "{first:?}");
        // The same events: every archive page kept, the index made again.
        let again = pages(&facts, &sources, &topics, &name, &out);
        assert_eq!(again.len(), 1);
        assert!(out.made.lock().unwrap().is_empty());
        // One event's text changed: its period's page alone is made.
        let mut edited = facts.clone();
        edited.events[300].text.push_str(" Edited.");
        pages(&edited, &sources, &topics, &name, &out);
        assert_eq!(out.made.lock().unwrap().len(), 1, "{:?}", out.made);
        // An actor's name changed: the pages listing it are made again.
        out.made.lock().unwrap().clear();
        let renamed = |id: &str| Some(format!("{id} renamed"));
        pages(&edited, &sources, &topics, &renamed, &out);
        assert_eq!(out.made.lock().unwrap().len(), first.len());
    }
}
