//! Markdown to HTML with pulldown-cmark: tables, footnotes, heading ids and
//! anchor links, a table of contents, and syntect-highlighted code blocks.

use std::collections::BTreeSet;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

use super::highlight;
use super::plain::{push_html, strip_tags};
use crate::corpus::text::Folded;
use crate::dossier::escape;
use crate::slug::slugify;

/// An entry of a page's table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A rendered markdown body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    /// True when a code block was highlighted (the page needs the syntax stylesheet).
    pub has_code: bool,
    /// Plain text of the page (for search and summaries), its white space
    /// folded ([`Folded`]).
    pub text: String,
}

/// A heading being collected: level, explicit id, classes, inner events.
type OpenHeading<'a> = (HeadingLevel, Option<String>, Vec<String>, Vec<Event<'a>>);

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_TASKLISTS
}

/// Render markdown. Internal `@/` links are left for [`super::links`].
pub fn render(markdown: &str) -> Rendered {
    let mut out = Rendered::default();
    let mut text = Folded::with_capacity(markdown.len());
    // Heading ids never repeat an id the page's raw HTML has (a source's
    // sub-heading "P1" must not take paragraph 1's anchor `p1`): those are
    // gathered at the first heading (most source pages have none).
    let mut ids: Option<BTreeSet<String>> = None;
    // About one event per 16 bytes of markdown (a source page's lines of
    // HTML, an actor page's links): no copies to grow it.
    let mut events: Vec<Event> = Vec::with_capacity(markdown.len() / 16);
    let mut heading: Option<OpenHeading> = None;
    let mut code: Option<(String, String)> = None;

    for event in Parser::new_ext(markdown, options()) {
        if let Some((_, ref mut buf)) = code {
            match event {
                Event::Text(t) => buf.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (lang, buf) = code.take().expect("in code block");
                    out.has_code = true;
                    text.push(&buf);
                    text.space();
                    events.push(Event::Html(CowStr::from(highlight::highlight(&buf, &lang))));
                }
                _ => {}
            }
            continue;
        }
        if let Some((level, _, _, ref mut inner)) = heading {
            if let Event::End(TagEnd::Heading(_)) = event {
                let (_, id, classes, inner) = heading.take().expect("in heading");
                let title = plain_text(&inner);
                let ids = ids.get_or_insert_with(|| raw_ids(markdown));
                let id = unique_id(id.unwrap_or_else(|| slugify(&title)), ids);
                let mut inner_html = String::new();
                pulldown_cmark::html::push_html(&mut inner_html, inner.into_iter());
                let n = level as u8;
                if (2..=3).contains(&n) {
                    out.toc.push(TocEntry {
                        level: n,
                        id: id.clone(),
                        title: title.clone(),
                    });
                }
                text.push(&title);
                text.space();
                let class = if classes.is_empty() {
                    String::new()
                } else {
                    format!(" class=\"{}\"", escape::html(&classes.join(" ")))
                };
                events.push(Event::Html(CowStr::from(format!(
                    "<h{n} id=\"{id}\"{class}>{inner_html} <a class=\"anchor\" href=\"#{id}\" aria-label=\"Link to this section\">#</a></h{n}>\n"
                ))));
            } else {
                inner.push(event.into_static());
                let _ = level;
            }
            continue;
        }
        match event {
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                heading = Some((
                    level,
                    id.map(|s| s.to_string()),
                    classes.iter().map(|c| c.to_string()).collect(),
                    Vec::new(),
                ));
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => {
                        info.split_whitespace().next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::Text(ref t) | Event::Code(ref t) => {
                text.push(t);
                events.push(event);
            }
            Event::SoftBreak | Event::HardBreak => {
                text.space();
                events.push(event);
            }
            Event::Start(ref tag) if separates(&tag.to_end()) => {
                text.space();
                events.push(event);
            }
            Event::End(ref end) if separates(end) => {
                text.space();
                events.push(event);
            }
            Event::Html(ref h) | Event::InlineHtml(ref h) => {
                push_html(&mut text, h);
                events.push(event);
            }
            other => events.push(other),
        }
    }
    // The HTML is about as long as the markdown (most of a source page is
    // HTML already): no copy to grow it.
    out.html.reserve(markdown.len() + markdown.len() / 4);
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    out.html = alignment_classes(std::mem::take(&mut out.html));
    out.text = text.finish();
    out
}

/// Whether the page's text gets a space where this element starts and
/// ends: every block (paragraph, list item, quote, table cell...), so that
/// the words of a list item and of the list inside it, or of two table
/// cells, never run together; not inline elements (`**a**b` is one word).
fn separates(end: &TagEnd) -> bool {
    !matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// Table cell alignment as classes instead of `style` attributes, which the
/// pages' Content-Security-Policy (`style-src 'self'`) would block.
fn alignment_classes(html: String) -> String {
    if !html.contains(" style=\"text-align: ") {
        return html;
    }
    let mut out = html;
    for cell in ["th", "td"] {
        for align in ["left", "center", "right"] {
            out = out.replace(
                &format!("<{cell} style=\"text-align: {align}\">"),
                &format!("<{cell} class=\"align-{align}\">"),
            );
        }
    }
    out
}

fn plain_text(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::InlineHtml(h) => s.push_str(&strip_tags(h)),
            _ => {}
        }
    }
    s.trim().to_string()
}

/// The ids of the raw HTML in `markdown` (`id="…"`, a whole word).
fn raw_ids(markdown: &str) -> BTreeSet<String> {
    static RAW_ID: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r#"\bid="[^"]+""#).expect("valid regex"));
    RAW_ID
        .find_iter(markdown)
        .map(|m| m.as_str()["id=\"".len()..m.len() - 1].to_string())
        .collect()
}

fn unique_id(base: String, ids: &mut BTreeSet<String>) -> String {
    let mut id = base.clone();
    let mut n = 1;
    while !ids.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_ids_avoid_ids_of_the_raw_html() {
        let r = render("<p id=\"p1\">First.</p>\n\n## P1\n\n<p id=\"p2\">Second.</p>\n");
        assert!(r.html.contains("<h2 id=\"p1-1\""), "{}", r.html);
        assert_eq!(r.html.matches("id=\"p1\"").count(), 1, "{}", r.html);
    }

    #[test]
    fn headings_get_unique_ids_anchors_and_toc() {
        let r =
            render("# Title\n\n## Key figures\n\ntext\n\n## Key figures\n\n### Custom {#mine}\n");
        assert!(r.html.contains(
            "<h2 id=\"key-figures\">Key figures <a class=\"anchor\" href=\"#key-figures\""
        ));
        assert!(r.html.contains("<h2 id=\"key-figures-1\">"));
        assert!(r.html.contains("<h3 id=\"mine\">"));
        let ids: Vec<_> = r.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["key-figures", "key-figures-1", "mine"]);
    }

    #[test]
    fn tables_footnotes_and_code() {
        let r = render("| a | b |\n|---|---|\n| 1 | 2 |\n\nSee[^1].\n\n[^1]: Note.\n\n```yaml\nkey: value\n```\n");
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("footnote-definition"));
        assert!(r.has_code);
        assert!(r.html.contains("hl-"));
        let r = render("no code here\n");
        assert!(!r.has_code);
    }

    #[test]
    fn table_alignment_is_a_class_not_an_inline_style() {
        let r = render("| n | name |\n|--:|:-:|\n| 1 | a |\n");
        assert!(!r.html.contains("style="), "{}", r.html);
        assert!(
            r.html.contains("<th class=\"align-right\">n</th>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<td class=\"align-center\">a</td>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn plain_text_for_search() {
        let r = render("## Head\n\n<p id=\"p1\">Raw &amp; ready</p>\n\nSome *em* text.\n");
        assert_eq!(r.text, "Head Raw & ready Some em text.");
        // Blocks are apart, inline elements are not.
        let r = render("- Sanctions\n  - Belarus\n    > quoted\n\n| name | year |\n|---|---|\n| Ana Brul | 2021 |\n\n**Bold**ly [link](x)ed.\n");
        assert_eq!(
            r.text,
            "Sanctions Belarus quoted name year Ana Brul 2021 Boldly linked."
        );
    }
}
