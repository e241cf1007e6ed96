//! The offline search index: built at build time and loaded by the search
//! page with a `<script>` tag (no fetch, no WebAssembly), so search works
//! from `file://` with the network off.
//!
//! Documents are the paragraphs of source pages (so a hit links to its
//! paragraph) and every other page as a whole. The index maps each term to
//! the documents that contain it; the client matches query words as prefixes
//! of terms and ranks by inverse document frequency, with a bonus for titles.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::index::Summary;
use super::markdown::strip_tags;

static PARAGRAPH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?s)<p id="(p\d+)">(.*?)</p>"#).expect("valid regex"));

/// Words too common to index.
const STOP: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have",
    "he", "her", "his", "in", "is", "it", "its", "of", "on", "or", "she", "that", "the", "their",
    "they", "this", "to", "was", "were", "which", "who", "will", "with",
];

/// One searchable document.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Doc {
    /// Title shown in results.
    pub t: String,
    /// URL relative to the site root.
    pub u: String,
    /// Kind: source, actor, topic, timeline, page.
    pub k: String,
    /// Text for the snippet.
    pub x: String,
}

/// Split text into index terms (lowercase words, stop words removed).
pub fn terms(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| deunicode::deunicode(&w.to_lowercase()))
        .filter(|w| !STOP.contains(&w.as_str()))
        .collect()
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
pub fn docs_of(summary: &Summary, html: &str, text: &str) -> Vec<Doc> {
    let kind = kind_of(summary);
    let mut docs = Vec::new();
    if kind == "source" && !summary.is_section {
        for cap in PARAGRAPH.captures_iter(html) {
            let x = strip_tags(&cap[2])
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            docs.push(Doc {
                t: summary.title.clone(),
                u: format!("{}#{}", summary.url, &cap[1]),
                k: kind.into(),
                x,
            });
        }
    }
    if docs.is_empty() {
        let x: String = text.chars().take(2000).collect();
        docs.push(Doc {
            t: summary.title.clone(),
            u: summary.url.clone(),
            k: kind.into(),
            x,
        });
    }
    docs
}

#[derive(Serialize)]
struct Index<'a> {
    docs: &'a [Doc],
    /// term → ids of the documents holding it (title or text).
    terms: BTreeMap<String, Vec<usize>>,
}

/// The `search-index.js` script: assigns the index to `window.dossierSearch`.
pub fn script(docs: &[Doc]) -> String {
    let mut terms: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, doc) in docs.iter().enumerate() {
        let mut seen: Vec<String> = terms_of(doc);
        seen.sort();
        seen.dedup();
        for t in seen {
            terms.entry(t).or_default().push(i);
        }
    }
    let json = serde_json::to_string(&Index { docs, terms }).expect("index serializes");
    // `</` cannot close the script element when the JSON sits in a .js file,
    // but keep it inert anyway for anyone inlining it.
    format!("window.dossierSearch = {};\n", json.replace("</", "<\\/"))
}

fn terms_of(doc: &Doc) -> Vec<String> {
    let mut t = terms(&doc.t);
    t.extend(terms(&doc.x));
    t
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
        let docs = docs_of(&summary("sources/a.md", "sources/a.html"), html, "");
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].u, "sources/a.html#p1");
        assert_eq!(docs[0].x, "First Ivan para.");
        assert_eq!(docs[1].x, "Second & last.");
    }

    #[test]
    fn index_maps_terms_to_docs() {
        let docs = vec![
            Doc {
                t: "Sanctions".into(),
                u: "a.html".into(),
                k: "topic".into(),
                x: "The potash sanctions".into(),
            },
            Doc {
                t: "Prisoners".into(),
                u: "b.html".into(),
                k: "topic".into(),
                x: "Released prisoners".into(),
            },
        ];
        let js = script(&docs);
        assert!(js.starts_with("window.dossierSearch = {"));
        let json: serde_json::Value = serde_json::from_str(
            js.trim_start_matches("window.dossierSearch = ")
                .trim_end_matches(";\n"),
        )
        .unwrap();
        assert_eq!(json["terms"]["potash"], serde_json::json!([0]));
        assert_eq!(json["terms"]["prisoners"], serde_json::json!([1]));
        assert!(json["terms"].get("the").is_none());
    }

    #[test]
    fn terms_fold_case_and_diacritics() {
        assert_eq!(
            terms("Łukašenka's THE Viasna"),
            ["lukasenka", "s", "viasna"]
        );
    }
}
