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
    let by_source = by_source(mentions);
    let groups: Vec<(blake3::Hash, Vec<GeneratedPage>)> = articles
        .par_iter()
        .filter_map(|(a, print)| {
            let mine = by_source.get(a.id.as_str()).map_or(&[][..], Vec::as_slice);
            let by_paragraph = by_paragraph(mine);
            // What the page shows of each paragraph's mentions: where they
            // are and whom they link to (the source and paragraph are the
            // page's and the paragraph's own).
            let shown: Vec<(usize, Vec<Shown>)> = a
                .paragraphs()
                .filter_map(|(n, _)| {
                    let spans = by_paragraph.get(&n)?;
                    Some((
                        n,
                        spans
                            .iter()
                            .map(|m| (m.start, m.end, m.entity.as_str()))
                            .collect(),
                    ))
                })
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

/// What a source page shows of a mention: where it is in its paragraph
/// and the id of the actor it links to.
type Shown<'a> = (usize, usize, &'a str);

/// Each source's mentions, in their order. Resolution leaves `mentions`
/// sorted, so each source's are one run; when they are not, they are
/// gathered (a stable sort of references, each source's in its order).
fn by_source(mentions: &[MentionRef]) -> FxHashMap<&str, Vec<&MentionRef>> {
    let mut refs: Vec<&MentionRef> = mentions.iter().collect();
    if !refs.is_sorted_by(|a, b| a.cite.source <= b.cite.source) {
        refs.sort_by(|a, b| a.cite.source.cmp(&b.cite.source));
    }
    refs.chunk_by(|a, b| a.cite.source == b.cite.source)
        .map(|run| (run[0].cite.source.as_str(), run.to_vec()))
        .collect()
}

/// One source's mentions by paragraph, each paragraph's in their order.
fn by_paragraph<'m>(mine: &[&'m MentionRef]) -> FxHashMap<usize, Vec<&'m MentionRef>> {
    let mut by_paragraph: FxHashMap<usize, Vec<&MentionRef>> = FxHashMap::default();
    for m in mine {
        by_paragraph.entry(m.cite.paragraph).or_default().push(m);
    }
    by_paragraph
}

fn source_page(article: &Article, mentions: &FxHashMap<usize, Vec<&MentionRef>>) -> GeneratedPage {
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
                let spans = mentions.get(n).map(Vec::as_slice).unwrap_or(&[]);
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

    #[test]
    fn mentions_in_any_order_link_in_their_paragraphs() {
        let at = |source: &str, paragraph, end, entity: &str| MentionRef {
            cite: Cite {
                source: source.into(),
                paragraph,
            },
            start: 0,
            end,
            entity: entity.into(),
        };
        // Not sorted: another source's mention between this one's, and a
        // later paragraph first.
        let mentions = [
            at("a-story", 2, 6, "second"),
            at("other", 1, 3, "elsewhere"),
            at("a-story", 1, 13, "ivan-petrenko"),
        ];
        let sorted = {
            let mut m = mentions.to_vec();
            m.sort();
            m
        };
        let pages = pages(&[article()], &mentions);
        let body = &pages[1].body;
        assert!(
            body.contains(
                "<p id=\"p2\"><a class=\"actor\" href=\"@/actors/second.md\">Second</a>.</p>"
            ),
            "{body}"
        );
        assert!(
            body.contains("href=\"@/actors/ivan-petrenko.md\">Ivan Petrenko</a>"),
            "{body}"
        );
        assert_eq!(pages, super::pages(&[article()], &sorted));
    }
}
