//! `.html` input: parse with a real HTML parser (`scraper`), find the article
//! container and extract its text and metadata before the text cleaning.

use std::collections::{HashMap, HashSet};

use scraper::{ElementRef, Html, Selector};

/// What an HTML page gives before text cleaning.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlArticle {
    /// Headline first, then one block (paragraph or sub-heading) per line,
    /// separated by blank lines.
    pub text: String,
    pub title: Option<String>,
    pub authors: Vec<String>,
    /// `YYYY-MM-DD` from the page's meta tags.
    pub date: Option<String>,
    pub publication: Option<String>,
}

/// Elements whose text is never article text.
const EXCLUDED: &[&str] = &[
    "nav",
    "header",
    "footer",
    "aside",
    "script",
    "style",
    "figure",
    "figcaption",
    "form",
    "noscript",
    "button",
    "svg",
    "template",
];

fn selector(s: &str) -> Selector {
    Selector::parse(s).expect("valid selector")
}

fn text_of(el: ElementRef) -> String {
    el.text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn meta(doc: &Html, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|key| {
        let sel = selector(&format!(
            "meta[property=\"{key}\"], meta[name=\"{key}\"], meta[itemprop=\"{key}\"]"
        ));
        doc.select(&sel)
            .filter_map(|m| m.value().attr("content"))
            .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
            .find(|c| !c.is_empty())
    })
}

/// The elements that are excluded or inside an excluded one, found in one
/// pass over the tree (parents come before their children), so that asking
/// does not walk the ancestors of every element: deeply nested pages stay
/// linear.
struct Excluded(HashSet<ego_tree::NodeId>);

impl Excluded {
    fn of(doc: &Html) -> Excluded {
        let mut ids = HashSet::new();
        for node in doc.tree.root().descendants() {
            let named = node
                .value()
                .as_element()
                .is_some_and(|e| EXCLUDED.contains(&e.name()));
            if named || node.parent().is_some_and(|p| ids.contains(&p.id())) {
                ids.insert(node.id());
            }
        }
        Excluded(ids)
    }

    fn contains(&self, el: ElementRef) -> bool {
        self.0.contains(&el.id())
    }
}

/// The container of the article: `<article>`, else `<main>`, else the
/// element holding the most paragraph text directly.
fn container<'a>(doc: &'a Html, excluded: &Excluded) -> ElementRef<'a> {
    for s in ["article", "main", "[role=main]"] {
        if let Some(el) = doc.select(&selector(s)).find(|e| !excluded.contains(*e)) {
            return el;
        }
    }
    let p = selector("p");
    // Paragraph text per parent, each parent counted once (not once per
    // paragraph: a page of many paragraphs stays linear).
    let mut lengths: HashMap<ego_tree::NodeId, usize> = HashMap::new();
    let mut best: Option<(usize, ElementRef)> = None;
    for para in doc.select(&p).filter(|e| !excluded.contains(*e)) {
        if let Some(parent) = para.parent().and_then(ElementRef::wrap) {
            let len = *lengths.entry(parent.id()).or_insert_with(|| {
                parent
                    .children()
                    .filter_map(ElementRef::wrap)
                    .filter(|c| c.value().name() == "p")
                    .map(|c| text_of(c).len())
                    .sum()
            });
            if best.is_none_or(|(b, _)| len > b) {
                best = Some((len, parent));
            }
        }
    }
    best.map(|(_, e)| e).unwrap_or_else(|| doc.root_element())
}

/// The text of every block (`p`, `h2`, `h3`) of `root` that is not
/// excluded, in order. A block inside another block is part of the outer
/// block's text, not a block of its own (so nested headings are neither
/// repeated nor quadratic in their depth).
fn blocks(root: ElementRef, excluded: &Excluded) -> Vec<String> {
    let mut inside: HashSet<ego_tree::NodeId> = HashSet::new();
    let mut out = Vec::new();
    for node in root.descendants() {
        if node.parent().is_some_and(|p| inside.contains(&p.id())) {
            inside.insert(node.id());
            continue;
        }
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        if matches!(el.value().name(), "p" | "h2" | "h3") && !excluded.contains(el) {
            inside.insert(node.id());
            out.push(text_of(el));
        }
    }
    out
}

/// Extract the article from an HTML page.
pub fn extract(html: &str) -> HtmlArticle {
    let doc = Html::parse_document(html);
    let excluded = Excluded::of(&doc);
    let h1 = doc
        .select(&selector("h1"))
        .find(|e| !excluded.contains(*e))
        .map(text_of);
    let title = meta(&doc, &["og:title", "twitter:title"])
        .or(h1.clone())
        .or_else(|| doc.select(&selector("title")).next().map(text_of))
        .filter(|t| !t.is_empty());
    let authors = meta(&doc, &["author", "article:author", "byl"])
        .filter(|a| !a.starts_with("http"))
        .map(|a| vec![a.trim_start_matches("By ").trim().to_string()])
        .unwrap_or_default();
    let date = meta(
        &doc,
        &[
            "article:published_time",
            "datePublished",
            "date",
            "pubdate",
            "dc.date",
        ],
    )
    .or_else(|| {
        doc.select(&selector("time[datetime]"))
            .find_map(|t| t.value().attr("datetime").map(str::to_string))
    })
    .and_then(|d| {
        super::metadata::date::find_dates(&d)
            .first()
            .map(|(_, d)| d.format("%Y-%m-%d").to_string())
    });
    let publication = meta(&doc, &["og:site_name", "application-name"]);

    let mut blocks: Vec<String> = Vec::new();
    if let Some(t) = &title {
        blocks.push(t.clone());
    }
    let root = container(&doc, &excluded);
    for t in self::blocks(root, &excluded) {
        if !t.is_empty() && Some(&t) != title.as_ref() {
            blocks.push(t);
        }
    }
    HtmlArticle {
        text: blocks.join("\n\n"),
        title,
        authors,
        date,
        publication,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head>
<title>Harbour reopens | The Ledger</title>
<meta property="og:title" content="Harbour reopens after the storm">
<meta name="author" content="Ana Brul">
<meta property="article:published_time" content="2024-10-03T08:00:00Z">
<meta property="og:site_name" content="The Ledger">
<style>p { color: red }</style></head>
<body><header><nav><p>Home World Sport</p></nav></header>
<article><h1>Harbour reopens after the storm</h1>
<figure><img alt="cranes"><figcaption>Cranes at dusk. Photo: Lena Voss</figcaption></figure>
<p>The harbour of Tarnby reopened on Thursday, a week after the storm.</p>
<h2>Repairs ahead</h2>
<p>The council said repairs to the wall would take a year &amp; cost more.</p>
<aside><p>Read more: Ferry fares rise</p></aside>
<script>var p = "<p>not text</p>";</script>
</article><footer><p>Copyright 2024 The Ledger</p></footer></body></html>"#;

    #[test]
    fn article_text_and_meta() {
        let a = extract(PAGE);
        assert_eq!(a.title.as_deref(), Some("Harbour reopens after the storm"));
        assert_eq!(a.authors, vec!["Ana Brul".to_string()]);
        assert_eq!(a.date.as_deref(), Some("2024-10-03"));
        assert_eq!(a.publication.as_deref(), Some("The Ledger"));
        assert_eq!(
            a.text,
            "Harbour reopens after the storm\n\nThe harbour of Tarnby reopened on Thursday, a week after the storm.\n\nRepairs ahead\n\nThe council said repairs to the wall would take a year & cost more."
        );
    }

    #[test]
    fn densest_container_without_article_element() {
        let page = "<html><body><div><p>Menu</p></div><div class=x><p>First long paragraph of the story here.</p><p>Second long paragraph of the story here.</p></div><footer><p>About us</p></footer></body></html>";
        let a = extract(page);
        assert_eq!(a.title, None);
        assert_eq!(
            a.text,
            "First long paragraph of the story here.\n\nSecond long paragraph of the story here."
        );
    }

    #[test]
    fn a_block_inside_a_block_is_not_repeated() {
        // Found by probing with large inputs: headings nested through divs
        // were each a block of all the text below them, repeated at every
        // level (quadratic in the depth).
        let page = "<html><body><article><h3>Harbour <div><h2>reopens <div><p>on Monday.</p></div></h2></div></h3>\
                    <p>The council met.</p></article></body></html>";
        assert_eq!(
            extract(page).text,
            "Harbour reopens on Monday.\n\nThe council met."
        );
    }

    #[test]
    fn text_inside_excluded_elements_at_any_depth_is_left_out() {
        let page = "<html><body><article><p>Kept one.</p><aside><div><div><p>Dropped.</p></div></div></aside>\
                    <div><nav><section><h2>Also dropped</h2></section></nav><p>Kept two.</p></div></article></body></html>";
        assert_eq!(extract(page).text, "Kept one.\n\nKept two.");
    }
}
