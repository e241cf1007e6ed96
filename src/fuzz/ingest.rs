//! The `ingest` fuzz target: one article, as bytes, through everything the
//! build does to an article on its own, then the cross-article steps on a
//! corpus of that one article.
//!
//! Input layout: the first byte selects the variant, the rest is the file.
//! Bits 0–1 of the first byte: 0 (or 3) `.txt`, 1 `.md`, 2 `.html`; bit 2:
//! the bytes after the first NUL are the article's `NAME.meta.yaml` sidecar
//! (a NUL can never be in an article that decodes, so nothing is lost);
//! bit 3: the corpus context counts every line twice, as if another file
//! shared the article's short lines. So ASCII `0`, `1`, `2` are a text,
//! markdown and HTML article, `4`, `5`, `6` the same with a sidecar.

use std::collections::{BTreeSet, HashSet};
use std::sync::LazyLock;

use super::assert_range;
use crate::config::{default_topics, TopicConfig};
use crate::corpus::ingest::{prepare, Format};
use crate::corpus::{ids, ingest_one, sidecar, Article, Block, CorpusContext};
use crate::diag::{Diagnostic, Level};
use crate::extract::entities::{self, ArticleEntities, Entities};
use crate::extract::facts::{self, Facts};
use crate::extract::topics::TopicMatcher;
use crate::extract::{dates, numbers, sentences, Cite};

static TOPICS: LazyLock<(Vec<TopicConfig>, TopicMatcher)> = LazyLock::new(|| {
    let topics = default_topics();
    let matcher = TopicMatcher::new(&topics);
    (topics, matcher)
});

/// One fuzz input, decoded from its bytes (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input<'a> {
    pub format: Format,
    pub bytes: &'a [u8],
    pub sidecar: Option<String>,
    pub shared_context: bool,
}

impl<'a> Input<'a> {
    /// Split a fuzz input into its variant, article bytes and sidecar.
    pub fn from_bytes(data: &'a [u8]) -> Option<Input<'a>> {
        let (&selector, rest) = data.split_first()?;
        let format = match selector & 3 {
            1 => Format::Markdown,
            2 => Format::Html,
            _ => Format::Text,
        };
        let (bytes, sidecar) = match rest.iter().position(|&b| b == 0) {
            Some(nul) if selector & 4 != 0 => (
                &rest[..nul],
                Some(String::from_utf8_lossy(&rest[nul + 1..]).into_owned()),
            ),
            _ => (rest, None),
        };
        Some(Input {
            format,
            bytes,
            sidecar,
            shared_context: selector & 8 != 0,
        })
    }

    /// The article's path relative to the corpus folder.
    pub fn rel_path(&self) -> &'static str {
        match self.format {
            Format::Text => "fuzz/article.txt",
            Format::Markdown => "fuzz/article.md",
            Format::Html => "fuzz/article.html",
        }
    }
}

/// Run the target on one input; panics when an invariant breaks.
pub fn run(data: &[u8]) {
    let Some(input) = Input::from_bytes(data) else {
        return;
    };
    let rel = input.rel_path();
    // As `corpus::load` does: the context comes from the prepared texts.
    let prepared = prepare(rel, input.bytes);
    let text = prepared.as_ref().ok().map(|p| p.text.as_str());
    let copies = if input.shared_context { 2 } else { 1 };
    let ctx = CorpusContext::build(text.into_iter().cycle().take(copies));
    let article = match ingest_one(rel, input.bytes, input.sidecar.as_deref(), &ctx) {
        Ok(article) => article,
        Err(d) => {
            check_diagnostic(&d, rel);
            return;
        }
    };
    let text = text.expect("an ingested article was prepared");
    check_article(&article, rel, text.split('\n').count());
    let mut articles = vec![article];
    ids::assign(&mut articles);
    let article = &articles[0];
    assert_eq!(article.id, crate::slug::slugify(&article.meta.title));

    let paragraphs = Paragraphs::of(article);

    let local = entities::extract_article(article);
    check_local(&local, &paragraphs);
    let resolved = entities::resolve(vec![local], &[]);
    let ids = check_entities(&resolved, &paragraphs);

    let (_, matcher) = &*TOPICS;
    let facts = facts::combine(vec![facts::extract_article(
        article,
        matcher,
        &resolved.mentions,
    )]);
    check_facts(&facts, &paragraphs, &ids);
}

/// A rejected article is an error naming the article or its sidecar.
fn check_diagnostic(d: &Diagnostic, rel: &str) {
    assert_eq!(d.level, Level::Error, "{d}");
    let side = sidecar::path_for(rel);
    assert!(
        d.file.as_os_str() == rel || d.file.as_os_str() == side.as_str(),
        "diagnostic names neither the article nor its sidecar: {d}"
    );
    assert!(!d.message.trim().is_empty(), "empty message: {d}");
    assert_ne!(d.line, Some(0), "lines are 1-based: {d}");
}

fn check_article(article: &Article, rel: &str, lines: usize) {
    assert_eq!(article.file, rel);
    let mut expected = 1;
    for block in &article.blocks {
        let (text, line) = match block {
            Block::Paragraph { n, text, line } => {
                assert_eq!(*n, expected, "paragraphs are numbered from 1 in order");
                expected += 1;
                (text, *line)
            }
            Block::Heading { text, line } => (text, *line),
        };
        assert!(!text.trim().is_empty(), "empty block at line {line}");
        assert!((1..=lines).contains(&line), "block line {line} of {lines}");
    }
    assert!(expected > 1, "an ingested article has a paragraph");
    for d in &article.dropped {
        assert!(
            (1..=lines).contains(&d.line),
            "dropped line {} of {lines}",
            d.line
        );
    }
    if let Some(date) = &article.meta.date {
        assert!(
            chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok(),
            "article date {date:?} is not YYYY-MM-DD"
        );
    }
}

/// Sentences, counts and dates of one paragraph stay inside it; returns
/// the sentences.
fn check_paragraph(n: usize, paragraph: &str) -> HashSet<&str> {
    let mut sentences = HashSet::new();
    let mut last = 0;
    for range in sentences::split(paragraph) {
        assert_range(paragraph, &range, &format!("sentence of p{n}"));
        assert!(range.start >= last, "sentences overlap in p{n}");
        assert!(range.start < range.end, "empty sentence in p{n}");
        last = range.end;
        let sentence = &paragraph[range];
        assert_eq!(sentence, sentence.trim(), "untrimmed sentence in p{n}");
        sentences.insert(sentence);
        for count in numbers::find(sentence) {
            assert_range(sentence, &count.span, "count");
            assert_range(sentence, &count.number, "count number");
            assert!(
                count.span.start <= count.number.start && count.number.end <= count.span.end,
                "a count's number lies inside its phrase"
            );
            assert!(count.value.is_finite(), "count value {}", count.value);
        }
        let reference = dates::Reference {
            date: chrono::NaiveDate::from_ymd_opt(2024, 2, 29),
            uncertain: false,
        };
        for mention in dates::find(sentence, &reference) {
            assert_range(sentence, &mention.span, "date");
            check_date(&mention.date);
        }
    }
    sentences
}

fn check_date(date: &dates::PartialDate) {
    match (date.month, date.day) {
        (Some(m), Some(d)) => assert!(
            chrono::NaiveDate::from_ymd_opt(date.year, m, d).is_some(),
            "no such day: {date:?}"
        ),
        (Some(m), None) => assert!((1..=12).contains(&m), "no such month: {date:?}"),
        (None, Some(_)) => panic!("a day without a month: {date:?}"),
        (None, None) => {}
    }
}

/// The article's paragraphs by number and the sentences of each, for
/// checks in time linear in what was extracted (the checks must not be
/// what makes a large input slow).
struct Paragraphs<'a> {
    source: &'a str,
    texts: Vec<&'a str>,
    sentences: Vec<HashSet<&'a str>>,
}

impl<'a> Paragraphs<'a> {
    fn of(article: &'a Article) -> Paragraphs<'a> {
        let texts: Vec<&str> = article.paragraphs().map(|(_, t)| t).collect();
        let sentences = texts
            .iter()
            .enumerate()
            .map(|(i, t)| check_paragraph(i + 1, t))
            .collect();
        Paragraphs {
            source: &article.id,
            texts,
            sentences,
        }
    }

    /// The text of paragraph `n`, which must exist.
    fn get(&self, n: usize) -> &'a str {
        n.checked_sub(1)
            .and_then(|i| self.texts.get(i))
            .unwrap_or_else(|| panic!("no paragraph {n}"))
    }

    /// The paragraph a citation points to, which must exist.
    fn cited(&self, cite: &Cite) -> &'a str {
        assert_eq!(cite.source, self.source, "cite of another source");
        self.get(cite.paragraph)
    }
}

fn check_local(local: &ArticleEntities, paragraphs: &Paragraphs) {
    assert_eq!(local.source, paragraphs.source);
    for e in &local.entities {
        assert!(!e.name.trim().is_empty(), "entity without a name");
        for m in &e.mentions {
            assert_range(paragraphs.get(m.paragraph), &(m.start..m.end), "mention");
        }
        for r in &e.roles {
            paragraphs.cited(&r.cite);
        }
        for q in &e.quotes {
            paragraphs.cited(&q.cite);
        }
    }
    for m in &local.unresolved {
        assert_range(
            paragraphs.get(m.paragraph),
            &(m.start..m.end),
            "unresolved mention",
        );
    }
}

/// Checks the resolved entities; returns their ids.
fn check_entities<'a>(resolved: &'a Entities, paragraphs: &Paragraphs) -> BTreeSet<&'a str> {
    let ids: BTreeSet<&str> = resolved.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), resolved.entities.len(), "entity ids are unique");
    for e in &resolved.entities {
        assert!(!e.id.is_empty(), "entity {:?} without an id", e.name);
        assert!(e.sources.iter().all(|s| *s == paragraphs.source));
        for r in &e.roles {
            paragraphs.cited(&r.cite);
        }
        for q in &e.quotes {
            paragraphs.cited(&q.cite);
        }
    }
    for m in &resolved.mentions {
        assert_range(paragraphs.cited(&m.cite), &(m.start..m.end), "mention");
        assert!(ids.contains(m.entity.as_str()), "mention of unknown {m:?}");
    }
    ids
}

fn check_facts(facts: &Facts, paragraphs: &Paragraphs, entities: &BTreeSet<&str>) {
    let mut ids = BTreeSet::new();
    for f in &facts.facts {
        assert!(ids.insert(f.id.as_str()), "duplicate fact id {}", f.id);
        paragraphs.cited(&f.cite);
        assert!(
            paragraphs.sentences[f.cite.paragraph - 1].contains(f.text.as_str()),
            "a fact's text is a sentence of its paragraph: {:?}",
            f.text
        );
        assert!(
            f.value.is_none_or(f64::is_finite),
            "fact value {:?}",
            f.value
        );
        for e in &f.entities {
            assert!(
                entities.contains(e.as_str()),
                "fact names unknown entity {e}"
            );
        }
        if let Some(d) = &f.date {
            check_date(d);
        }
    }
    for e in &facts.events {
        paragraphs.cited(&e.cite);
        check_date(&e.date);
    }
    assert!(
        facts.disagreements.is_empty(),
        "one source cannot disagree with itself: {:?}",
        facts.disagreements
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selector_byte_picks_format_and_sidecar() {
        let i = Input::from_bytes(b"2<p>x</p>\0title: T").unwrap();
        assert_eq!(i.format, Format::Html);
        assert_eq!(i.bytes, b"<p>x</p>\0title: T");
        assert_eq!(i.sidecar, None);
        let i = Input::from_bytes(b"5# x\0title: T").unwrap();
        assert_eq!(i.format, Format::Markdown);
        assert_eq!(i.bytes, b"# x");
        assert_eq!(i.sidecar.as_deref(), Some("title: T"));
        assert!(!i.shared_context);
        assert!(Input::from_bytes(b"8x").unwrap().shared_context);
        assert!(Input::from_bytes(b"").is_none());
    }

    #[test]
    fn a_plain_article_passes_every_check() {
        run(
            b"0Harbour reopens\n\nThe harbour of Kelt reopened on Monday, officials said.\n\n\
              More than 200 boats were waiting, said Mayor Ana Brul.\n",
        );
    }

    #[test]
    #[should_panic(expected = "no paragraph 2")]
    fn a_cite_of_a_missing_paragraph_is_caught() {
        let paragraphs = Paragraphs {
            source: "a",
            texts: vec!["One."],
            sentences: vec![],
        };
        paragraphs.cited(&Cite {
            source: "a".into(),
            paragraph: 2,
        });
    }
}
