//! The "What changed" page (`content/changes.md`), newest build first.

use super::view::{groups, Span};
use super::{Entry, Live, PAGE_PATH};
use crate::dossier::escape;
use crate::dossier::page::FrontMatter;
use crate::dossier::GeneratedPage;

/// The page. Its date is the newest entry's date.
pub fn page(history: &[Entry], live: &Live) -> GeneratedPage {
    let mut body = String::from(
        "Each build that changed something is listed here, newest first: the sources it \
         added or removed, the actors it added or removed and the key figures whose value \
         changed, compared with the build before it. A build is dated by the newest \
         publication date among its sources.\n\n",
    );
    if history.is_empty() {
        body.push_str("Nothing has changed yet.\n");
    }
    for entry in history {
        body.push_str(&entry_markdown(entry, live));
    }
    GeneratedPage {
        path: PAGE_PATH.to_string(),
        front: FrontMatter {
            title: "What changed".to_string(),
            description: Some(
                "What each build added, removed or changed: sources, actors and key figures."
                    .to_string(),
            ),
            date: history.first().and_then(|e| e.date.clone()),
            template: Some("changes.html".to_string()),
            generated: true,
            // A history of other pages: searching it would only repeat them.
            extra: [(
                "in_search_index".to_string(),
                serde_json::Value::Bool(false),
            )]
            .into_iter()
            .collect(),
            ..FrontMatter::default()
        },
        body,
    }
}

/// One entry: a heading with an explicit id (`build-N`), its summary, then
/// a sub-heading and a list per group.
fn entry_markdown(entry: &Entry, live: &Live) -> String {
    let date = entry
        .date
        .as_deref()
        .map(|d| format!(" · {}", escape::markdown(d)))
        .unwrap_or_default();
    let mut out = format!(
        "## Build {}{date} {{#{}}}\n\n{}.\n\n",
        entry.build,
        entry.anchor(),
        escape::markdown(&entry.summary())
    );
    for group in groups(entry, live) {
        out.push_str(&format!("### {}\n\n", group.title));
        for item in &group.items {
            out.push_str("- ");
            out.push_str(&markdown(item));
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// Spans as inline markdown: corpus text escaped, links as `@/` links.
pub fn markdown(spans: &[Span]) -> String {
    spans
        .iter()
        .map(|s| match s {
            Span::Text(t) => escape::markdown(t),
            Span::Fixed(t) => t.to_string(),
            Span::Strong(t) => format!("**{}**", escape::markdown(t)),
            Span::Link { text, page, anchor } => format!(
                "[{}](@/{page}{})",
                escape::markdown(text),
                anchor
                    .as_deref()
                    .map(|a| format!("#{a}"))
                    .unwrap_or_default()
            ),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::diff::history;
    use super::super::state::Previous;
    use super::super::{ActorRef, CiteRef, Figure, FigureValue, SourceRef, State};
    use super::*;

    fn state(with_c: bool) -> State {
        let source = |id: &str, title: &str, date: &str| SourceRef {
            id: id.into(),
            title: title.into(),
            publication: Some("The *Paper*".into()),
            date: Some(date.into()),
            paragraphs: 12,
        };
        let cite = |source: &str, paragraph, title: &str| CiteRef {
            source: source.into(),
            paragraph,
            title: title.into(),
        };
        let mut s = State {
            sources: vec![source("a", "A [title]", "2025-02-15")],
            actors: vec![ActorRef {
                id: "viasna".into(),
                name: "Viasna".into(),
                kind: "organization".into(),
                first: Some(cite("a", 11, "A [title]")),
            }],
            figures: vec![Figure {
                topic: "prisoners".into(),
                key: "held".into(),
                label: "Political prisoners held".into(),
                now: FigureValue {
                    value: "1,226".into(),
                    date: Some("2025-02".into()),
                    cites: vec![cite("a", 11, "A [title]")],
                },
            }],
            ..State::default()
        };
        if with_c {
            s.sources.push(source("c", "C <b>", "2025-09-23"));
            s.figures[0].now = FigureValue {
                value: "about 1,200".into(),
                date: Some("2025-09".into()),
                cites: vec![cite("c", 4, "C <b>")],
            };
        }
        s
    }

    #[test]
    fn page_links_what_exists_and_escapes_titles() {
        let first = history(&Previous::default(), &state(false));
        let previous = Previous {
            state: state(false),
            history: first,
        };
        let now = state(true);
        let all = history(&previous, &now);
        let page = page(&all, &Live::new(&now));
        assert_eq!(page.front.date.as_deref(), Some("2025-09-23"));
        assert!(page.front.generated);
        let body = &page.body;
        let second = body.find("## Build 2").expect("newest first");
        assert!(second < body.find("## Build 1").unwrap());
        assert!(body.contains("{#build-2}"));
        assert!(body.contains("- [C \\<b\\>](@/sources/c.md), The \\*Paper\\*, 2025\\-09\\-23\n"));
        assert!(body.contains(
            "Political prisoners held: 1,226 (2025\\-02) → **about 1,200** (2025\\-09), per [C \\<b\\> ¶4](@/sources/c.md#p4); was per [A \\[title\\] ¶11](@/sources/a.md#p11)"
        ));
        assert!(body.contains(
            "[Viasna](@/actors/viasna.md) (organization), first named in [A \\[title\\] ¶11](@/sources/a.md#p11)"
        ));
    }

    #[test]
    fn gone_sources_are_text() {
        let previous = Previous {
            state: state(true),
            history: history(&Previous::default(), &state(true)),
        };
        let mut now = state(false);
        now.sources.clear();
        now.actors.clear();
        let all = history(&previous, &now);
        let body = page(&all, &Live::new(&now)).body;
        assert!(!body.contains("@/"), "nothing left to link to:\n{body}");
        assert!(body
            .contains("### Removed sources\n\n- A \\[title\\], The \\*Paper\\*, 2025\\-02\\-15\n"));
        assert!(body.contains("C \\<b\\> ¶4 \\(no longer in the sources\\)"));
    }

    #[test]
    fn empty_history() {
        let state = State::default();
        let page = page(&[], &Live::new(&state));
        assert!(page.body.contains("Nothing has changed yet."));
        assert_eq!(page.front.date, None);
    }
}
