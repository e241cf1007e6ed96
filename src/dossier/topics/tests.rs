use super::*;
use crate::extract::facts::tests::{article, topics};
use crate::extract::facts::{extract, seeds};
use crate::extract::{Cite, MentionRef};

fn corpus() -> (Vec<Article>, Facts) {
    let a = article(
        "alpha",
        Some("2024-06-10"),
        false,
        &[
            "Freedom Watch counted 900 political prisoners <b>now</b>.",
            "On June 3 the ruler released 31 prisoners, including poet Anna Marek.",
            "The EU imposed sanctions on Ruriair in 2021.",
        ],
    );
    let b = article(
        "beta",
        Some("2024-06-20"),
        true,
        &["There are about 1,400 political prisoners. On June 5 the ruler released 31 prisoners."],
    );
    let mention = MentionRef {
        cite: Cite {
            source: "alpha".into(),
            paragraph: 3,
        },
        start: 4,
        end: 6,
        entity: "european-union".into(),
    };
    let facts = extract(&[a.clone(), b.clone()], &topics(), &[mention]);
    (vec![a, b], facts)
}

fn page<'a>(pages: &'a [GeneratedPage], path: &str) -> &'a GeneratedPage {
    pages
        .iter()
        .find(|p| p.path == path)
        .unwrap_or_else(|| panic!("no {path}"))
}

fn name(id: &str) -> Option<String> {
    (id == "european-union").then(|| "European Union".to_string())
}

#[test]
fn topic_pages_read_as_briefings() {
    let (articles, facts) = corpus();
    let (pages, assets) = pages(&facts, &articles, &topics(), &name);
    let p = page(&pages, "topics/prisoners.md");
    assert_eq!(p.front.template.as_deref(), Some("topic.html"));
    assert!(p.front.generated);
    let body = &p.body;
    let summary = body.find("## Summary").unwrap();
    let releases = body.find("## Releases").unwrap();
    let by_source = body.find("## All statements, by source").unwrap();
    assert!(summary < releases && releases < by_source, "{body}");
    assert!(
        body.contains("[Title of alpha ¶2](@/sources/alpha.md#p2)"),
        "{body}"
    );
    // Corpus text is escaped, never raw.
    assert!(!body.contains("<b>"), "{body}");
    // Disagreements are shown side by side.
    assert!(
        body.contains("Disagreement: number of prisoners held, 2024\\-06"),
        "{body}"
    );
    assert!(body.contains("date of the release of 31"), "{body}");
    // The chart is embedded with alt text, with a table of the same numbers.
    assert!(
        body.contains("![Chart of the number of political prisoners"),
        "{body}"
    );
    assert!(
        body.contains("| Date | Held | Released | Source |"),
        "{body}"
    );
    assert_eq!(assets.len(), 1);
    assert_eq!(assets[0].path, CHART_PATH);
    assert!(String::from_utf8_lossy(&assets[0].bytes).starts_with("<svg"));
    // The uncertain date of the inferred article is flagged.
    assert!(body.contains("\\(uncertain\\)"), "{body}");
    let s = page(&pages, "topics/sanctions.md");
    assert!(
        s.body.contains("| EU | Ruriair | imposed | 2021 |"),
        "{}",
        s.body
    );
}

#[test]
fn index_and_timeline_pages() {
    let (articles, facts) = corpus();
    let (pages, _) = pages(&facts, &articles, &topics(), &name);
    let index = page(&pages, "topics/_index.md");
    assert_eq!(index.front.title, "Topics");
    assert!(index.front.generated);
    assert!(
        index
            .body
            .contains("[Political prisoners](@/topics/prisoners.md)"),
        "{}",
        index.body
    );
    let t = page(&pages, "timeline.md");
    assert_eq!(t.front.template.as_deref(), Some("timeline.html"));
    assert!(t.body.contains("<select id=\"timeline-topic\">"));
    assert!(
        t.body
            .contains("<option value=\"european-union\">European Union</option>"),
        "{}",
        t.body
    );
    assert!(t.body.contains("<li class=\"event\" data-date=\"2021\" data-topics=\"sanctions\" data-actors=\"european-union\">"), "{}", t.body);
    assert!(
        t.body.contains("<a href=\"@/sources/alpha.md#p3\">"),
        "{}",
        t.body
    );
    let y2021 = t.body.find("## 2021").unwrap();
    let y2024 = t.body.find("## 2024").unwrap();
    assert!(y2021 < y2024);
    assert!(t.body.contains("### June 2024"));
    let paths: Vec<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "timeline.md",
            "topics/_index.md",
            "topics/prisoners.md",
            "topics/sanctions.md"
        ]
    );
}

#[test]
fn key_figures_for_the_home_page() {
    let (articles, facts) = corpus();
    let md = key_figures_markdown(&key_figures(&facts), &articles);
    assert!(
        md.contains("**about 1,400** political prisoners held"),
        "{md}"
    );
    assert!(
        md.contains("Latest release: **31** people released (2024\\-06\\-05 \\(uncertain\\)"),
        "{md}"
    );
    assert!(md.contains("| EU | Ruriair | imposed |"), "{md}");
}

#[test]
fn seed_pages_are_deterministic() {
    let articles = seeds::seed_articles();
    let topics = seeds::seed_topics();
    let facts = seeds::seed_facts();
    let a = pages(&facts, &articles, &topics, &|_| None);
    let b = pages(&facts, &articles, &topics, &|_| None);
    assert_eq!(a, b);
    let prisoners = page(&a.0, "topics/prisoners.md");
    assert!(
        prisoners.body.contains("counted by Viasna"),
        "{}",
        prisoners.body
    );
    let timeline = page(&a.0, "timeline.md");
    assert!(timeline.body.find("## 1994").unwrap() < timeline.body.find("## 2025").unwrap());
}

#[test]
fn the_summary_counts_statements_and_distinct_sources() {
    let (articles, facts) = corpus();
    let (pages, _) = pages(&facts, &articles, &topics(), &name);
    let mine: Vec<&str> = facts
        .facts
        .iter()
        .filter(|f| f.topic == "prisoners")
        .map(|f| f.cite.source.as_str())
        .collect();
    assert!(mine.len() > 2, "{mine:?}");
    assert!(
        mine.contains(&"alpha") && mine.contains(&"beta"),
        "{mine:?}"
    );
    let body = &page(&pages, "topics/prisoners.md").body;
    assert!(
        body.contains(&format!("{} statements from 2 sources.", mine.len())),
        "{body}"
    );
}

#[test]
fn facts_are_listed_by_date_then_citation_then_id_whatever_order_they_come_in() {
    use crate::extract::dates::PartialDate;
    use crate::extract::facts::Fact;
    let (_, facts) = corpus();
    let model = facts.facts[0].clone();
    let fact = |source: &str, paragraph: usize, k: usize, date: Option<PartialDate>| Fact {
        id: format!("{source}-p{paragraph}-{k}"),
        cite: Cite {
            source: source.into(),
            paragraph,
        },
        date,
        ..model.clone()
    };
    let (may, june) = (
        Some(PartialDate::parse("2024-05").unwrap()),
        Some(PartialDate::parse("2024-06-02").unwrap()),
    );
    // By citation, each paragraph's in extraction order: `-10` before
    // `-2` by id, after it by extraction.
    let mut made = vec![];
    for k in 1..=11 {
        made.push(fact("alpha", 1, k, if k % 3 == 0 { may } else { june }));
    }
    made.extend([
        fact("alpha", 2, 1, None),
        fact("beta", 1, 1, june),
        fact("beta", 1, 2, None),
        fact("gamma", 4, 1, may),
    ]);
    let reference = |facts: &[&Fact]| {
        let mut sorted = facts.to_vec();
        sorted.sort_by(|a, b| (a.date, &a.cite, &a.id).cmp(&(b.date, &b.cite, &b.id)));
        sorted.iter().map(|f| f.id.clone()).collect::<Vec<_>>()
    };
    let by_citation: Vec<&Fact> = made.iter().collect();
    let mut shuffled = by_citation.clone();
    shuffled.reverse();
    shuffled.swap(0, 7);
    for mut list in [by_citation, shuffled] {
        let expected = reference(&list);
        page::by_date(&mut list);
        let ids: Vec<String> = list.iter().map(|f| f.id.clone()).collect();
        assert_eq!(ids, expected);
    }
}
