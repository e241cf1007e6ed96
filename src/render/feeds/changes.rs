//! `changes.xml`: the Atom feed of "What changed", one entry per build that
//! changed something (newest first). Dates are the entries' own (the
//! newest publication date among the sources of that build), never the
//! clock; links are absolute when `base_url` is set, else relative to the
//! site root, where the feed lives.

use super::{absolute, timestamp};
use crate::config::Config;
use crate::dossier::changes::view::{groups, Span};
use crate::dossier::changes::{Entry, Live, FEED_PATH};
use crate::dossier::escape::{html, xml};
use crate::render::paths::output_path;

/// The feed.
pub fn atom(config: &Config, history: &[Entry], live: &Live) -> String {
    let base = config.base_url.as_deref();
    let page = output_path(crate::dossier::changes::PAGE_PATH);
    let updated = timestamp(
        history
            .iter()
            .filter_map(|e| e.date.as_deref())
            .max()
            .unwrap_or("1970"),
    );
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"",
    );
    if let Some(b) = base {
        out.push_str(&format!(" xml:base=\"{}\"", xml(b)));
    }
    out.push_str(">\n");
    out.push_str(&format!(
        "  <title>{} · What changed</title>\n",
        xml(&config.title)
    ));
    out.push_str(&format!("  <id>{}</id>\n", xml(&absolute(base, FEED_PATH))));
    out.push_str(&format!(
        "  <link rel=\"self\" href=\"{}\"/>\n",
        xml(&absolute(base, FEED_PATH))
    ));
    out.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml(&absolute(base, &page))
    ));
    out.push_str(&format!("  <updated>{updated}</updated>\n"));
    out.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        xml(&config.title)
    ));
    out.push_str("  <generator>dossier</generator>\n");
    for entry in history {
        let date = timestamp(entry.date.as_deref().unwrap_or("1970"));
        out.push_str("  <entry>\n");
        out.push_str(&format!(
            "    <title>Build {}: {}</title>\n",
            entry.build,
            xml(&entry.summary())
        ));
        out.push_str(&format!("    <id>{}</id>\n", xml(&entry.id)));
        out.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml(&absolute(base, &format!("{page}#{}", entry.anchor())))
        ));
        out.push_str(&format!("    <updated>{date}</updated>\n"));
        out.push_str(&format!(
            "    <content type=\"html\">{}</content>\n",
            xml(&entry_html(entry, live, base))
        ));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// The entry as HTML: a heading and a list per group.
fn entry_html(entry: &Entry, live: &Live, base: Option<&str>) -> String {
    let mut out = String::new();
    for group in groups(entry, live) {
        out.push_str(&format!("<h3>{}</h3><ul>", group.title));
        for item in &group.items {
            out.push_str("<li>");
            for span in item {
                match span {
                    Span::Text(t) => out.push_str(&html(t)),
                    Span::Fixed(t) => out.push_str(t),
                    Span::Strong(t) => out.push_str(&format!("<strong>{}</strong>", html(t))),
                    Span::Link { text, page, anchor } => {
                        let mut url = output_path(page);
                        if let Some(a) = anchor {
                            url = format!("{url}#{a}");
                        }
                        out.push_str(&format!(
                            "<a href=\"{}\">{}</a>",
                            html(&absolute(base, &url)),
                            html(text)
                        ));
                    }
                }
            }
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dossier::changes::{CiteRef, SourceRef, State};

    fn entry(title: &str) -> Entry {
        Entry {
            id: "urn:dossier:change:0123".into(),
            build: 3,
            date: Some("2025-09-23".into()),
            sources_added: vec![SourceRef {
                id: "c".into(),
                title: title.into(),
                publication: None,
                date: Some("2025-09-23".into()),
                paragraphs: 5,
            }],
            sources_removed: vec![],
            actors_added: vec![crate::dossier::changes::ActorRef {
                id: "gone".into(),
                name: "Gone Actor".into(),
                kind: "person".into(),
                first: Some(CiteRef {
                    source: "c".into(),
                    paragraph: 2,
                    title: title.into(),
                }),
            }],
            actors_removed: vec![],
            figures_changed: vec![],
        }
    }

    fn state() -> State {
        State {
            sources: vec![SourceRef {
                id: "c".into(),
                paragraphs: 5,
                ..SourceRef::default()
            }],
            ..State::default()
        }
    }

    #[test]
    fn relative_links_without_base_url_absolute_with() {
        let state = state();
        let live = Live::new(&state);
        let mut config = Config::default();
        let feed = atom(&config, &[entry("C")], &live);
        assert!(feed.contains("<updated>2025-09-23T00:00:00Z</updated>"));
        assert!(feed.contains("<id>urn:dossier:change:0123</id>"));
        assert!(feed.contains("href=\"changes.html#build-3\""));
        assert!(feed.contains("&lt;a href=&quot;sources/c.html&quot;&gt;C&lt;/a&gt;"));
        assert!(feed.contains("&lt;a href=&quot;sources/c.html#p2&quot;&gt;C ¶2&lt;/a&gt;"));
        assert!(!feed.contains("actors/gone.html"), "no page, no link");
        config.base_url = Some("https://example.org/b/".into());
        let feed = atom(&config, &[entry("C")], &live);
        assert!(feed.contains("href=\"https://example.org/b/changes.html#build-3\""));
        assert!(feed.contains("&lt;a href=&quot;https://example.org/b/sources/c.html&quot;&gt;"));
    }

    #[test]
    fn corpus_text_is_escaped_twice_and_control_characters_dropped() {
        let state = state();
        let feed = atom(
            &Config::default(),
            &[entry("A <script>\u{1}&")],
            &Live::new(&state),
        );
        assert!(!feed.contains('\u{1}'));
        assert!(feed.contains("A &amp;lt;script&amp;gt;&amp;amp;"), "{feed}");
        let empty = atom(&Config::default(), &[], &Live::new(&state));
        assert!(empty.contains("<updated>1970-01-01T00:00:00Z</updated>"));
        assert!(!empty.contains("<entry>"));
    }
}
