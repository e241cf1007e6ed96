//! The searchable documents of one page: the paragraphs of a source page
//! (so a hit links to its paragraph), every other page as a whole.

use serde::{Deserialize, Serialize};

use super::super::index::Summary;

/// How much of a page that is searched as a whole goes into the index.
const WHOLE_PAGE_CHARS: usize = 2000;

/// Most documents of one page (the client keys a document by page id ×
/// 2^20 + its index).
const MAX_DOCS: usize = 1 << 20;

/// One page's documents, with what results show of them (kept in the
/// build cache for pages that are not rendered again).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageDocs {
    /// Content path (`sources/x.md`): the page's stable key in the index.
    pub path: String,
    /// Title shown in results (also searched, with a bonus).
    pub title: String,
    /// URL of the page, relative to the site root.
    pub url: String,
    /// Kind: source, actor, topic, timeline, page.
    pub kind: String,
    /// At least one.
    pub docs: Vec<Doc>,
}

/// One searchable document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Doc {
    /// Fragment of the page URL (`p3`), or none for the whole page.
    pub anchor: Option<String>,
    /// Text for matching and for the snippet.
    pub text: String,
}

impl PageDocs {
    /// The link of document `i`, relative to the site root.
    pub fn link(&self, i: usize) -> String {
        match &self.docs[i].anchor {
            Some(a) => format!("{}#{a}", self.url),
            None => self.url.clone(),
        }
    }
}

fn kind_of(summary: &Summary) -> &'static str {
    let p = summary.path.as_str();
    if p.starts_with("sources/") {
        "source"
    } else if p.starts_with("actors/") {
        "actor"
    } else if p.starts_with("topics/") {
        "topic"
    } else if p.starts_with("timeline") {
        "timeline"
    } else {
        "page"
    }
}

/// The numbered paragraphs of a rendered page: `<p id="pN">…</p>`, as
/// (`pN`, the HTML inside).
fn paragraphs(html: &str) -> impl Iterator<Item = (&str, &str)> {
    const OPEN: &str = "<p id=\"p";
    let mut rest = html;
    std::iter::from_fn(move || loop {
        let at = rest.find(OPEN)?;
        let id = &rest[at + OPEN.len() - 1..];
        let digits = id[1..].bytes().take_while(u8::is_ascii_digit).count();
        let after = &id[1 + digits..];
        if digits == 0 || !after.starts_with("\">") {
            rest = &rest[at + OPEN.len()..];
            continue;
        }
        let inner = &after[2..];
        let Some(end) = inner.find("</p>") else {
            rest = "";
            return None;
        };
        rest = &inner[end + 4..];
        return Some((&id[..1 + digits], &inner[..end]));
    })
}

/// The text of some HTML, white space folded.
fn plain(html: &str) -> String {
    crate::render::plain::text_of_html(html)
}

/// Documents of one page: its paragraphs for a source page, the whole page
/// otherwise. `html` is the page's rendered body, `text` its plain text.
pub fn docs_of(summary: &Summary, html: &str, text: &str) -> PageDocs {
    let kind = kind_of(summary);
    let mut docs = Vec::new();
    if kind == "source" && !summary.is_section {
        for (anchor, inner) in paragraphs(html).take(MAX_DOCS) {
            docs.push(Doc {
                anchor: Some(anchor.to_string()),
                text: plain(inner),
            });
        }
    }
    if docs.is_empty() {
        docs.push(Doc {
            anchor: None,
            text: text.chars().take(WHOLE_PAGE_CHARS).collect(),
        });
    }
    PageDocs {
        path: summary.path.clone(),
        title: summary.title.clone(),
        url: summary.url.clone(),
        kind: kind.to_string(),
        docs,
    }
}

/// A source page of numbered paragraphs, for tests.
#[cfg(test)]
pub fn source_page(path: &str, title: &str, paragraphs: &[&str]) -> PageDocs {
    PageDocs {
        path: path.into(),
        title: title.into(),
        url: path.replace(".md", ".html"),
        kind: "source".into(),
        docs: paragraphs
            .iter()
            .enumerate()
            .map(|(i, p)| Doc {
                anchor: Some(format!("p{}", i + 1)),
                text: p.to_string(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(path: &str, url: &str) -> Summary {
        Summary {
            path: path.into(),
            ..Summary::synthetic(url, "Ein Titel")
        }
    }

    #[test]
    fn source_pages_are_indexed_by_paragraph() {
        let html = "<p id=\"p1\">First <a href=\"x\">Ivan</a> para.</p>\n<p id=\"p2\">Second &amp; last.</p>";
        let page = docs_of(&summary("sources/a.md", "sources/a.html"), html, "");
        assert_eq!(page.docs.len(), 2);
        assert_eq!(page.link(0), "sources/a.html#p1");
        assert_eq!(page.docs[0].text, "First Ivan para.");
        assert_eq!(page.docs[1].text, "Second & last.");
        assert_eq!(page.kind, "source");
        assert_eq!(page.path, "sources/a.md");
    }

    #[test]
    fn paragraph_text_is_plain_and_spaced_once() {
        let html = "<p id=\"p1\">\n  A &amp;lt; <em>b</em>&quot;c&#39;\u{a0}d &gt; e&nbsp;<br>f </p>\
                    <p id=\"x\">skipped</p><p id=\"p\">no number</p><p id=\"p12\" class=\"y\">attrs</p>\
                    <p id=\"p3\"></p><p id=\"p4\">unclosed";
        let got: Vec<(String, String)> = paragraphs(html)
            .map(|(a, inner)| (a.to_string(), plain(inner)))
            .collect();
        assert_eq!(
            got,
            [
                ("p1".to_string(), "A &lt; b \"c' d > e&nbsp; f".to_string()),
                ("p3".to_string(), String::new()),
            ]
        );
    }

    #[test]
    fn other_pages_are_one_document_of_their_first_words() {
        let text = "word ".repeat(1000);
        let page = docs_of(&summary("actors/x.md", "actors/x.html"), "<p>x</p>", &text);
        assert_eq!(page.docs.len(), 1);
        assert_eq!(page.link(0), "actors/x.html");
        assert_eq!(page.docs[0].text.chars().count(), WHOLE_PAGE_CHARS);
        assert_eq!(page.kind, "actor");
    }
}
