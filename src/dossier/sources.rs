//! Source pages: one per article, every paragraph addressable by `#p<n>`,
//! names of actors linked to their pages; and the sources index.

use rustc_hash::FxHashMap;

use rayon::prelude::*;
use serde_json::json;

use super::emit::Emit;
use super::escape;
use super::page::FrontMatter;
use super::GeneratedPage;
use crate::corpus::{Article, Block, Fingerprinted};
use crate::extract::MentionRef;

/// The pages of every source and the sources index (collected, for tests).
#[cfg(test)]
pub fn pages(articles: &[Article], mentions: &[MentionRef]) -> Vec<GeneratedPage> {
    let collected = super::emit::Collected::default();
    emit(&Fingerprinted::new(articles), mentions, &collected);
    collected.into_output().pages
}

/// The pages of every source and the sources index, into `out`.
/// `mentions` (sorted or not) turn actor names in paragraphs into links to
/// their pages. A source page is made from a fingerprint of the article and
/// its mentions: when an earlier build made it from the same, and it is
/// still in place, it is kept as it is ([`Emit::reuse`]).
pub fn emit(articles: &Fingerprinted, mentions: &[MentionRef], out: &dyn Emit) {
    // Looked up only, so hashed; each paragraph's mentions in their order
    // (one run each when `mentions` is sorted, as resolution leaves it).
    let mut by_paragraph: FxHashMap<(&str, usize), Vec<&MentionRef>> = FxHashMap::default();
    for run in mentions.chunk_by(|a, b| a.cite == b.cite) {
        by_paragraph
            .entry((run[0].cite.source.as_str(), run[0].cite.paragraph))
            .or_default()
            .extend(run);
    }
    let groups: Vec<(blake3::Hash, Vec<GeneratedPage>)> = articles
        .par_iter()
        .filter_map(|(a, print)| {
            let shown: Vec<(usize, &[&MentionRef])> = a
                .paragraphs()
                .filter_map(|(n, _)| Some((n, by_paragraph.get(&(a.id.as_str(), n))?.as_slice())))
                .collect();
            let key = crate::memo::fingerprint("source-page", &(print.as_bytes(), &shown));
            if out.reuse(&key) {
                return None;
            }
            Some((key, vec![source_page(a, &by_paragraph)]))
        })
        .collect();
    out.keyed(groups);
    out.pages(
        vec![GeneratedPage {
            path: "sources/_index.md".to_string(),
            front: FrontMatter {
                title: "Sources".to_string(),
                description: Some(
                    "Every article the briefing is built from, with its publication, authors and date."
                        .to_string(),
                ),
                template: Some("sources.html".to_string()),
                generated: true,
                ..FrontMatter::default()
            },
            body: String::new(),
        }],
        false,
    );
}

fn source_page(
    article: &Article,
    mentions: &FxHashMap<(&str, usize), Vec<&MentionRef>>,
) -> GeneratedPage {
    let meta = &article.meta;
    let mut front = FrontMatter {
        title: meta.title.clone(),
        date: meta.date.clone(),
        template: Some("source.html".to_string()),
        generated: true,
        ..FrontMatter::default()
    };
    front
        .extra
        .insert("publication".into(), json!(meta.publication));
    front.extra.insert("authors".into(), json!(meta.authors));
    front
        .extra
        .insert("date_inferred".into(), json!(meta.date_inferred));
    front
        .extra
        .insert("source_file".into(), json!(article.file));
    front.extra.insert("source_id".into(), json!(article.id));
    front
        .extra
        .insert("paragraphs".into(), json!(article.paragraph_count()));
    front
        .extra
        .insert("words".into(), json!(article.word_count()));

    let mut body = String::new();
    for block in &article.blocks {
        match block {
            Block::Heading { text, .. } => {
                body.push_str("## ");
                body.push_str(&escape::markdown(text));
                body.push_str("\n\n");
            }
            Block::Paragraph { n, text, .. } => {
                let spans = mentions
                    .get(&(article.id.as_str(), *n))
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                body.push_str(&format!(
                    "<p id=\"p{n}\">{}</p>\n\n",
                    linked_html(text, spans)
                ));
            }
        }
    }
    GeneratedPage {
        path: format!("sources/{}.md", article.id),
        front,
        body,
    }
}

/// Escape a paragraph for raw HTML, wrapping each mention in a link to its
/// actor page. Overlapping or out-of-range mentions are skipped.
fn linked_html(text: &str, mentions: &[&MentionRef]) -> String {
    let mut spans: Vec<&&MentionRef> = mentions
        .iter()
        .filter(|m| {
            m.start < m.end
                && m.end <= text.len()
                && text.is_char_boundary(m.start)
                && text.is_char_boundary(m.end)
        })
        .collect();
    spans.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for m in spans {
        if m.start < at {
            continue;
        }
        out.push_str(&escape::html(&text[at..m.start]));
        out.push_str(&format!(
            "<a class=\"actor\" href=\"@/actors/{}.md\">{}</a>",
            escape::html(&m.entity),
            escape::html(&text[m.start..m.end])
        ));
        at = m.end;
    }
    out.push_str(&escape::html(&text[at..]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Metadata;
    use crate::extract::Cite;

    fn article() -> Article {
        Article {
            id: "a-story".into(),
            file: "x/a.txt".into(),
            hash: "h".into(),
            meta: Metadata {
                title: "A story".into(),
                date: Some("2024-01-02".into()),
                ..Metadata::default()
            },
            blocks: vec![
                Block::Paragraph {
                    n: 1,
                    text: "Ivan Petrenko said <b>*no*</b> & [left](x).".into(),
                    line: 3,
                },
                Block::Heading {
                    text: "# Not a *heading*".into(),
                    line: 4,
                },
                Block::Paragraph {
                    n: 2,
                    text: "Second.".into(),
                    line: 5,
                },
            ],
            dropped: vec![],
        }
    }

    #[test]
    fn paragraphs_are_anchored_escaped_and_linked() {
        let mention = MentionRef {
            cite: Cite {
                source: "a-story".into(),
                paragraph: 1,
            },
            start: 0,
            end: 13,
            entity: "ivan-petrenko".into(),
        };
        let pages = pages(&[article()], &[mention]);
        let paths: Vec<&str> = pages.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["sources/_index.md", "sources/a-story.md"]);
        let page = &pages[1];
        assert!(page.body.contains(
            "<p id=\"p1\"><a class=\"actor\" href=\"@/actors/ivan-petrenko.md\">Ivan Petrenko</a> said &lt;b&gt;*no*&lt;/b&gt; &amp; [left](x).</p>"
        ), "{}", page.body);
        assert!(page.body.contains("## \\# Not a \\*heading\\*"));
        assert!(page.body.contains("<p id=\"p2\">Second.</p>"));
        assert!(page.front.generated);
        assert_eq!(page.front.extra["paragraphs"], json!(2));
    }
}
