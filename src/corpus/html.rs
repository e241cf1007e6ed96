//! `.html` input: parse with a real HTML parser (`scraper`), find the article
//! container and extract its text and metadata before the text cleaning.

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

fn excluded(el: ElementRef) -> bool {
    std::iter::once(*el)
        .chain(el.ancestors())
        .filter_map(|n| n.value().as_element())
        .any(|e| EXCLUDED.contains(&e.name()))
}

/// The container of the article: `<article>`, else `<main>`, else the
/// element holding the most paragraph text directly.
fn container(doc: &Html) -> ElementRef<'_> {
    for s in ["article", "main", "[role=main]"] {
        if let Some(el) = doc.select(&selector(s)).find(|e| !excluded(*e)) {
            return el;
        }
    }
    let p = selector("p");
    let mut best: Option<(usize, ElementRef)> = None;
    for para in doc.select(&p).filter(|e| !excluded(*e)) {
        if let Some(parent) = para.parent().and_then(ElementRef::wrap) {
            let len: usize = parent
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|c| c.value().name() == "p")
                .map(|c| text_of(c).len())
                .sum();
            if best.is_none_or(|(b, _)| len > b) {
                best = Some((len, parent));
            }
        }
    }
    best.map(|(_, e)| e).unwrap_or_else(|| doc.root_element())
}

/// Extract the article from an HTML page.
pub fn extract(html: &str) -> HtmlArticle {
    let doc = Html::parse_document(html);
    let h1 = doc
        .select(&selector("h1"))
        .find(|e| !excluded(*e))
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
    let root = container(&doc);
    for el in root.select(&selector("p, h2, h3")) {
        if excluded(el) {
            continue;
        }
        let t = text_of(el);
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
}
