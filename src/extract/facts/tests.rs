//! Tests of fact extraction on whole articles (invented ones here; the seed
//! corpus in `seeds.rs`).

use super::*;
use crate::corpus::{Block, Metadata};

/// An article with the given paragraphs (numbered from 1).
pub(crate) fn article(
    id: &str,
    date: Option<&str>,
    inferred: bool,
    paragraphs: &[&str],
) -> Article {
    Article {
        id: id.into(),
        file: format!("{id}.txt"),
        hash: String::new(),
        meta: Metadata {
            title: format!("Title of {id}"),
            date: date.map(Into::into),
            date_inferred: inferred,
            ..Default::default()
        },
        blocks: paragraphs
            .iter()
            .enumerate()
            .map(|(i, t)| Block::Paragraph {
                n: i + 1,
                text: t.to_string(),
                line: i + 1,
            })
            .collect(),
        dropped: Vec::new(),
    }
}

pub(crate) fn topics() -> Vec<TopicConfig> {
    vec![
        TopicConfig {
            id: "prisoners".into(),
            title: "Political prisoners".into(),
            keywords: vec!["prisoners".into(), "detained".into(), "released".into()],
            ..Default::default()
        },
        TopicConfig {
            id: "sanctions".into(),
            title: "Sanctions".into(),
            patterns: vec![r"sanction\w*".into()],
            ..Default::default()
        },
    ]
}

#[test]
fn facts_have_ids_topics_entities_and_citations() {
    let text = "Freedom Watch put the number of political prisoners at 900. The weather was fine.";
    let a = article("alpha", Some("2024-06-14"), false, &["Intro.", text]);
    let mention = MentionRef {
        cite: Cite {
            source: "alpha".into(),
            paragraph: 2,
        },
        start: 0,
        end: 13,
        entity: "freedom-watch".into(),
    };
    let facts = extract(&[a], &topics(), &[mention]);
    assert_eq!(facts.facts.len(), 1, "{:#?}", facts.facts);
    let f = &facts.facts[0];
    assert_eq!(f.id, "alpha-p2-1");
    assert_eq!((f.topic.as_str(), f.kind.as_str()), ("prisoners", "count"));
    assert_eq!(
        f.text,
        "Freedom Watch put the number of political prisoners at 900."
    );
    assert_eq!(f.entities, ["freedom-watch"]);
    assert_eq!(f.cite.link(), "@/sources/alpha.md#p2");
    assert_eq!(f.date.unwrap().to_string(), "2024-06-14");
    let cite = f.cite.clone();
    assert_eq!(topics_of(&facts, &cite), ["prisoners"]);
}

#[test]
fn a_sentence_in_two_topics_gives_a_fact_in_each() {
    let a = article(
        "beta",
        Some("2024-06-14"),
        false,
        &["The US eased sanctions after 12 prisoners were released on Monday."],
    );
    let facts = extract(&[a], &topics(), &[]);
    let got: Vec<(&str, &str)> = facts
        .facts
        .iter()
        .map(|f| (f.topic.as_str(), f.kind.as_str()))
        .collect();
    assert_eq!(got, [("prisoners", "release"), ("sanctions", "eased")]);
    assert_eq!(facts.facts[0].value, Some(12.0));
    assert_eq!(facts.facts[0].date.unwrap().to_string(), "2024-06-10");
    assert_eq!(facts.events.len(), 1);
    assert_eq!(facts.events[0].topics, ["prisoners", "sanctions"]);
}

#[test]
fn dates_carry_within_a_paragraph_and_uncertainty_shows() {
    let a = article(
        "gamma",
        Some("2024-06-14"),
        true,
        &["A trip followed last month. It led to the release of 8 prisoners."],
    );
    let facts = extract(&[a], &topics(), &[]);
    let f = &facts.facts[0];
    assert_eq!(f.date.unwrap().to_string(), "2024-05");
    assert!(f.date_uncertain, "article date was inferred");
}

#[test]
fn disagreeing_counts_are_flagged_and_agreeing_ones_are_not() {
    let a = article(
        "a1",
        Some("2024-06-10"),
        false,
        &["Freedom Watch counted 900 political prisoners."],
    );
    let b = article(
        "b1",
        Some("2024-06-20"),
        false,
        &["There are about 1,400 political prisoners."],
    );
    let c = article(
        "c1",
        Some("2024-06-25"),
        false,
        &["There are around 910 political prisoners."],
    );
    let facts = extract(&[a.clone(), b], &topics(), &[]);
    assert_eq!(facts.disagreements.len(), 1, "{:#?}", facts.disagreements);
    let d = &facts.disagreements[0];
    assert_eq!(d.facts, ["a1-p1-1", "b1-p1-1"]);
    assert!(d.about.contains("2024-06"), "{}", d.about);
    let facts = extract(&[a, c], &topics(), &[]);
    assert!(facts.disagreements.is_empty(), "{:#?}", facts.disagreements);
}

#[test]
fn different_dates_for_the_same_release_are_flagged() {
    let a = article(
        "a2",
        Some("2024-06-14"),
        false,
        &["On June 3 the ruler released 31 prisoners."],
    );
    let b = article(
        "b2",
        Some("2024-06-14"),
        false,
        &["On June 5 the ruler released 31 prisoners."],
    );
    let facts = extract(&[a, b], &topics(), &[]);
    let abouts: Vec<&str> = facts
        .disagreements
        .iter()
        .map(|d| d.about.as_str())
        .collect();
    assert!(abouts.contains(&"date of the release of 31"), "{abouts:?}");
}

#[test]
fn key_figures_take_the_latest_source() {
    let a = article(
        "a3",
        Some("2024-01-10"),
        false,
        &["There are 800 political prisoners."],
    );
    let b = article(
        "b3",
        Some("2024-06-14"),
        false,
        &[
            "There are 950 political prisoners.",
            "The EU imposed sanctions on Ruriair in 2021. The EU lifted sanctions on Ruriair in 2024.",
            "On June 2 the ruler released 7 prisoners, including poet Anna Marek.",
        ],
    );
    let facts = extract(&[a, b], &topics(), &[]);
    let k = key_figures(&facts);
    assert_eq!(k.prisoners.as_ref().and_then(|f| f.value), Some(950.0));
    assert_eq!(k.release.as_ref().and_then(|f| f.value), Some(7.0));
    let ruriair: Vec<(&str, &str)> = k
        .sanctions
        .iter()
        .filter(|s| s.target == "Ruriair")
        .map(|s| (s.authority.as_str(), s.status.as_str()))
        .collect();
    assert_eq!(ruriair, [("EU", "lifted")]);
    assert_eq!(k.people.len(), 1);
    assert_eq!(
        (k.people[0].name.as_str(), k.people[0].status.as_str()),
        ("Anna Marek", "released")
    );
}

fn mention(paragraph: usize, start: usize, end: usize, entity: &str) -> MentionRef {
    MentionRef {
        cite: Cite {
            source: "alpha".into(),
            paragraph,
        },
        start,
        end,
        entity: entity.into(),
    }
}

#[test]
fn each_sentence_gets_the_mentions_inside_it() {
    let p = "Ana Brul said 20 prisoners were freed. Then 30 prisoners were freed. \
             Ole Lund said 40 prisoners were freed.";
    let second = p.find("Then").unwrap();
    let third = p.find("Ole").unwrap();
    let a = article("alpha", Some("2024-06-14"), false, &["Intro.", p]);
    let mentions = [
        // Given out of order, one spanning the first two sentences, one in
        // another paragraph and one of another source.
        mention(2, third, third + 8, "ole-lund"),
        mention(2, 0, 8, "ana-brul"),
        mention(2, second - 5, second + 4, "spanning"),
        mention(1, 0, 5, "intro"),
        MentionRef {
            cite: Cite {
                source: "beta".into(),
                paragraph: 2,
            },
            ..mention(2, 0, 8, "other-source")
        },
    ];
    let facts = extract(&[a], &topics(), &mentions);
    let entities: Vec<(f64, Vec<String>)> = facts
        .facts
        .iter()
        .map(|f| (f.value.unwrap(), f.entities.clone()))
        .collect();
    assert_eq!(
        entities,
        [
            (20.0, vec!["ana-brul".to_string(), "spanning".to_string()]),
            (30.0, vec!["spanning".to_string()]),
            (40.0, vec!["ole-lund".to_string()]),
        ]
    );
}

#[test]
fn a_sentence_gives_at_most_max_counts_count_facts() {
    let counts: Vec<String> = (1..=100).map(|i| format!("{i} prisoners")).collect();
    let text = format!("Officials freed {} on Monday.", counts.join(", "));
    let a = article("alpha", Some("2024-06-14"), false, &[&text]);
    let facts = extract(&[a], &topics(), &[]);
    let values: Vec<f64> = facts
        .facts
        .iter()
        .filter(|f| f.topic == "prisoners")
        .filter_map(|f| f.value)
        .collect();
    let expected: Vec<f64> = (1..=MAX_COUNTS).map(|i| i as f64).collect();
    assert_eq!(values, expected, "{:#?}", facts.facts);
}

#[test]
fn every_release_of_a_paragraph_gets_its_negotiator() {
    let p = "A trip with US envoy Tom Marlow followed. That visit led to the release of \
             9 prisoners. A second release of 4 prisoners came a week later.";
    let a = article("alpha", Some("2024-06-14"), false, &[p]);
    let facts = extract(&[a], &topics(), &[]);
    let negotiators: Vec<Option<&str>> = facts
        .facts
        .iter()
        .filter(|f| f.kind == "release")
        .map(|f| f.prisoners().unwrap().negotiator.as_deref())
        .collect();
    assert_eq!(negotiators, [Some("Tom Marlow"), Some("Tom Marlow")]);
}

#[test]
fn the_digest_follows_the_facts_not_the_text_they_come_from() {
    let memo = crate::memo::testing::MapMemo::default();
    let count = "Freedom Watch put the number of political prisoners at 900.";
    let digest = |paragraphs: &[&str]| {
        let articles = [
            article("alpha", Some("2024-06-14"), false, paragraphs),
            article("beta", Some("2024-07-01"), false, &[count]),
        ];
        let (facts, digest) = extract_memo(&Fingerprinted::new(&articles), &topics(), &[], &memo);
        assert!(!facts.facts.is_empty());
        digest
    };
    let first = digest(&["Intro.", count]);
    // Computed again, then read back from the memo: the same.
    assert_eq!(digest(&["Intro.", count]), first);
    // The article changed, but no fact did: the same digest, so what is
    // made from the facts alone is kept.
    assert_eq!(digest(&["Another intro, longer.", count]), first);
    // A fact changed: another digest.
    let changed = count.replace("900", "950");
    assert_ne!(digest(&["Intro.", &changed]), first);
    // One fact more: another digest.
    assert_ne!(
        digest(&[
            "Intro.",
            count,
            "Officials said 40 prisoners were released."
        ]),
        first
    );
}

#[test]
fn each_source_has_the_print_of_its_own_facts() {
    let memo = crate::memo::testing::MapMemo::default();
    let count = "Freedom Watch put the number of political prisoners at 900.";
    let prints = |alpha: &str| {
        let articles = [
            article("alpha", Some("2024-06-14"), false, &["Intro.", alpha]),
            article("beta", Some("2024-07-01"), false, &[count]),
        ];
        extract_memo(&Fingerprinted::new(&articles), &topics(), &[], &memo)
            .0
            .prints
    };
    let first = prints(count);
    assert_eq!(
        first.keys().map(String::as_str).collect::<Vec<_>>(),
        ["alpha", "beta"]
    );
    // Alpha's facts change, beta's do not.
    let second = prints(&count.replace("900", "950"));
    assert_ne!(second["alpha"], first["alpha"]);
    assert_eq!(second["beta"], first["beta"]);
    // Computed or read back from the memo: the same.
    assert_eq!(prints(count), first);
}
