//! The searchable documents of one page: the paragraphs of a source page
//! (so a hit links to its paragraph), every other page as a whole.

use std::sync::LazyLock;

use regex::Regex;

use super::super::index::Summary;
use super::super::markdown::strip_tags;

static PARAGRAPH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?s)<p id="(p\d+)">(.*?)</p>"#).expect("valid regex"));

/// How much of a page that is searched as a whole goes into the index.
const WHOLE_PAGE_CHARS: usize = 2000;

/// Most documents of one page (the client keys a document by page id ×
/// 2^20 + its index).
const MAX_DOCS: usize = 1 << 20;

/// One page's documents, with what results show of them.
#[derive(Debug, Clone, PartialEq)]
pub struct PageDocs {
    /// Content path (`sources/x.md`): the page's stable key in the index.
    pub path: String,
    /// Title shown in results (also searched, with a bonus).
    pub title: String,
    /// URL of the page, relative to the site root.
    pub url: String,
    /// Kind: source, actor, topic, timeline, page.
    pub kind: &'static str,
    /// At least one.
    pub docs: Vec<Doc>,
}

/// One searchable document.
#[derive(Debug, Clone, PartialEq)]
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

/// Documents of one page: its paragraphs for a source page, the whole page
/// otherwise. `html` is the page's rendered body, `text` its plain text.
pub fn docs_of(summary: &Summary, html: &str, text: &str) -> PageDocs {
    let kind = kind_of(summary);
    let mut docs = Vec::new();
    if kind == "source" && !summary.is_section {
        for cap in PARAGRAPH.captures_iter(html).take(MAX_DOCS) {
            let text = strip_tags(&cap[2])
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            docs.push(Doc {
                anchor: Some(cap[1].to_string()),
                text,
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
        kind,
        docs,
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
    fn other_pages_are_one_document_of_their_first_words() {
        let text = "word ".repeat(1000);
        let page = docs_of(&summary("actors/x.md", "actors/x.html"), "<p>x</p>", &text);
        assert_eq!(page.docs.len(), 1);
        assert_eq!(page.link(0), "actors/x.html");
        assert_eq!(page.docs[0].text.chars().count(), WHOLE_PAGE_CHARS);
        assert_eq!(page.kind, "actor");
    }
}
