//! What an entry says, as groups of items made of spans: written as
//! markdown for the page and as HTML for the feed, so both say the same.

use super::{ActorRef, CiteRef, Entry, FigureChange, FigureValue, Live, SourceRef};

/// A piece of an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span {
    /// Text that may come from the corpus: always escaped.
    Text(String),
    /// Fixed wording of dossier's own (safe in markdown and HTML as is).
    Fixed(&'static str),
    /// Emphasised text (a new value); escaped.
    Strong(String),
    /// A link to a page of the current build: content path (`sources/x.md`)
    /// and optional anchor (`p12`); text escaped.
    Link {
        text: String,
        page: String,
        anchor: Option<String>,
    },
}

/// "New sources" and its items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub title: &'static str,
    pub items: Vec<Vec<Span>>,
}

/// The groups of an entry, in a fixed order; empty groups left out.
pub fn groups(entry: &Entry, live: &Live) -> Vec<Group> {
    let groups = [
        Group {
            title: "New sources",
            items: entry
                .sources_added
                .iter()
                .map(|s| new_source(s, live))
                .collect(),
        },
        Group {
            title: "Removed sources",
            items: entry.sources_removed.iter().map(removed_source).collect(),
        },
        Group {
            title: "New actors",
            items: entry
                .actors_added
                .iter()
                .map(|a| new_actor(a, live))
                .collect(),
        },
        Group {
            title: "Removed actors",
            items: entry
                .actors_removed
                .iter()
                .map(|a| {
                    vec![
                        Span::Text(a.name.clone()),
                        Span::Fixed(" ("),
                        Span::Text(a.kind.clone()),
                        Span::Fixed(")"),
                    ]
                })
                .collect(),
        },
        Group {
            title: "Key figures",
            items: entry
                .figures_changed
                .iter()
                .map(|f| figure(f, live))
                .collect(),
        },
    ];
    groups.into_iter().filter(|g| !g.items.is_empty()).collect()
}

/// ", The Paper, 2025-09-23" (what is known).
fn byline(s: &SourceRef, out: &mut Vec<Span>) {
    for part in [&s.publication, &s.date].into_iter().flatten() {
        out.push(Span::Fixed(", "));
        out.push(Span::Text(part.clone()));
    }
}

fn new_source(s: &SourceRef, live: &Live) -> Vec<Span> {
    let mut out = Vec::new();
    if live.source(&s.id) {
        out.push(Span::Link {
            text: s.title.clone(),
            page: format!("sources/{}.md", s.id),
            anchor: None,
        });
        byline(s, &mut out);
    } else {
        out.push(Span::Text(s.title.clone()));
        byline(s, &mut out);
        out.push(Span::Fixed(" (removed since)"));
    }
    out
}

fn removed_source(s: &SourceRef) -> Vec<Span> {
    let mut out = vec![Span::Text(s.title.clone())];
    byline(s, &mut out);
    out
}

fn new_actor(a: &ActorRef, live: &Live) -> Vec<Span> {
    let mut out = vec![if live.actor(&a.id) {
        Span::Link {
            text: a.name.clone(),
            page: format!("actors/{}.md", a.id),
            anchor: None,
        }
    } else {
        Span::Text(a.name.clone())
    }];
    out.push(Span::Fixed(" ("));
    out.push(Span::Text(a.kind.clone()));
    out.push(Span::Fixed(")"));
    if let Some(c) = &a.first {
        out.push(Span::Fixed(", first named in "));
        out.push(cite(c, live));
    }
    out
}

/// A link to the cited paragraph, or its title and paragraph as text when
/// the current build no longer has it.
pub fn cite(c: &CiteRef, live: &Live) -> Span {
    let text = format!("{} ¶{}", c.title, c.paragraph);
    if live.cite(c) {
        Span::Link {
            text,
            page: format!("sources/{}.md", c.source),
            anchor: Some(format!("p{}", c.paragraph)),
        }
    } else {
        Span::Text(format!("{text} (no longer in the sources)"))
    }
}

/// "about 1,200 (2025-09)".
fn value(v: &FigureValue, strong: bool, out: &mut Vec<Span>) {
    out.push(if strong {
        Span::Strong(v.value.clone())
    } else {
        Span::Text(v.value.clone())
    });
    if let Some(d) = &v.date {
        out.push(Span::Fixed(" ("));
        out.push(Span::Text(d.clone()));
        out.push(Span::Fixed(")"));
    }
}

fn cites(v: &FigureValue, live: &Live, out: &mut Vec<Span>) {
    for (i, c) in v.cites.iter().enumerate() {
        if i > 0 {
            out.push(Span::Fixed("; "));
        }
        out.push(cite(c, live));
    }
}

/// "Political prisoners held: 1,226 (2025-02) → **about 1,200** (2025-09),
/// per [new source ¶4]; was per [old source ¶11]".
fn figure(f: &FigureChange, live: &Live) -> Vec<Span> {
    let mut out = vec![Span::Text(f.label.clone()), Span::Fixed(": ")];
    match (&f.old, &f.new) {
        (old, Some(new)) => {
            match old {
                Some(old) => {
                    value(old, false, &mut out);
                    out.push(Span::Fixed(" → "));
                }
                None => out.push(Span::Fixed("new, ")),
            }
            value(new, true, &mut out);
            out.push(Span::Fixed(", per "));
            cites(new, live, &mut out);
            if let Some(old) = old {
                out.push(Span::Fixed("; was per "));
                cites(old, live, &mut out);
            }
        }
        (Some(old), None) => {
            value(old, false, &mut out);
            out.push(Span::Fixed(" → no longer given; was per "));
            cites(old, live, &mut out);
        }
        (None, None) => {}
    }
    out
}
