//! Fact extraction on the seed corpus. The seeds are read at run time; only
//! line numbers of body text and the expected values are written here.

use super::tests::article;
use super::*;
use crate::config::Config;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds");

/// (file prefix, id, date, inferred, body line numbers)
type Seed = (
    &'static str,
    &'static str,
    Option<&'static str>,
    bool,
    &'static [usize],
);

const BODIES: &[Seed] = &[
    (
        "000_",
        "seed0",
        Some("2025-09-27"),
        false,
        &[
            16, 18, 20, 24, 26, 28, 30, 32, 36, 38, 40, 42, 44, 48, 50, 52, 54, 58, 60, 62, 64, 68,
            70, 72, 74, 78, 80, 82,
        ],
    ),
    (
        "001_",
        "seed1",
        Some("2025-09-11"),
        false,
        &[8, 16, 18, 22, 24, 28, 30, 34, 36, 38],
    ),
    (
        "002_",
        "seed2",
        Some("2025-02-15"),
        false,
        &[
            13, 15, 17, 19, 21, 23, 25, 27, 29, 35, 37, 39, 41, 43, 45, 47, 49, 51, 53, 55, 57, 59,
            61, 63, 65, 67, 69, 71, 73, 75,
        ],
    ),
    (
        "003_",
        "seed3",
        Some("2025-03-28"),
        true,
        &[
            9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 22, 23, 24, 25, 26, 27, 28, 30, 32, 33, 34,
            35, 36, 37, 38, 40, 41, 43, 44, 45, 46, 47, 48, 49,
        ],
    ),
    (
        "004_",
        "seed4",
        None,
        false,
        &[9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31],
    ),
];

/// The seed articles, built from their body lines.
pub(crate) fn seed_articles() -> Vec<Article> {
    let files: Vec<std::path::PathBuf> = std::fs::read_dir(SEEDS)
        .expect("seeds folder")
        .map(|e| e.expect("entry").path())
        .collect();
    BODIES
        .iter()
        .map(|(prefix, id, date, inferred, lines)| {
            let file = files
                .iter()
                .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
                .expect("seed file");
            let text = std::fs::read_to_string(file).expect("seed text");
            let all: Vec<&str> = text.lines().collect();
            let paragraphs: Vec<&str> = lines.iter().map(|n| all[n - 1].trim()).collect();
            article(id, *date, *inferred, &paragraphs)
        })
        .collect()
}

pub(crate) fn seed_topics() -> Vec<TopicConfig> {
    let yaml = concat!(env!("CARGO_MANIFEST_DIR"), "/site.yaml");
    let text = std::fs::read_to_string(yaml).expect("site.yaml");
    Config::parse(&text, std::path::Path::new(yaml))
        .expect("site.yaml parses")
        .topics
}

pub(crate) fn seed_facts() -> Facts {
    extract(&seed_articles(), &seed_topics(), &[])
}

fn has(facts: &Facts, source: &str, kind: &str, value: f64, qualifier: Option<&str>) -> bool {
    facts.facts.iter().any(|f| {
        f.topic == "prisoners"
            && f.cite.source == source
            && f.kind == kind
            && f.value == Some(value)
            && f.qualifier.as_deref() == qualifier
    })
}

#[test]
fn every_prisoner_number_is_a_fact() {
    let facts = seed_facts();
    let expected: &[(&str, &str, f64, Option<&str>)] = &[
        ("seed0", "count", 1200.0, Some("estimated")),
        ("seed0", "release", 52.0, None),
        ("seed1", "release", 52.0, None),
        ("seed1", "release", 14.0, None),
        ("seed2", "release", 3.0, None),
        ("seed2", "count", 1226.0, None),
        ("seed2", "release", 200.0, Some("more than")),
        ("seed2", "arrest", 33.0, None),
        ("seed3", "arrest", 35_000.0, Some("over")),
        ("seed3", "release", 3.0, None),
        ("seed3", "count", 1200.0, Some("about")),
        ("seed3", "count", 6.0, None),
        ("seed4", "release", 50.0, Some("more than")),
        ("seed4", "release", 300.0, Some("over")),
        ("seed4", "count", 1200.0, Some("about")),
        ("seed4", "arrest", 20_000.0, Some("at least")),
    ];
    let missing: Vec<_> = expected
        .iter()
        .filter(|(s, k, v, q)| !has(&facts, s, k, *v, *q))
        .collect();
    let dump: Vec<String> = facts
        .facts
        .iter()
        .filter(|f| f.topic == "prisoners" && f.value.is_some())
        .map(|f| {
            format!(
                "{} {} {:?} {:?} {:?}",
                f.id,
                f.kind,
                f.value,
                f.qualifier,
                f.date.map(|d| d.to_string())
            )
        })
        .collect();
    assert!(missing.is_empty(), "missing {missing:?}\nfound {dump:#?}");
}

#[test]
fn prisoner_facts_carry_counter_and_dates() {
    let facts = seed_facts();
    let viasna = facts
        .facts
        .iter()
        .find(|f| f.kind == "count" && f.value == Some(1226.0))
        .unwrap();
    assert_eq!(
        viasna.prisoners().unwrap().counted_by.as_deref(),
        Some("Viasna")
    );
    assert_eq!(viasna.date.unwrap().to_string(), "2025-02");
    let sept = facts
        .facts
        .iter()
        .find(|f| f.cite.source == "seed0" && f.kind == "release" && f.date.is_some())
        .unwrap();
    assert_eq!(sept.date.unwrap().to_string(), "2025-09-11");
    let june = facts
        .facts
        .iter()
        .find(|f| f.kind == "release" && f.value == Some(14.0))
        .unwrap();
    assert_eq!(june.date.unwrap().to_string(), "2025-06");
    let six = facts.facts.iter().find(|f| f.value == Some(6.0)).unwrap();
    assert_eq!(six.date.unwrap().to_string(), "2015");
    // The undated article's count is dated from its text, flagged uncertain.
    let late = facts
        .facts
        .iter()
        .find(|f| f.cite.source == "seed4" && f.kind == "count")
        .unwrap();
    assert_eq!(late.date.unwrap().to_string(), "2025-09");
}

fn sanction(
    facts: &Facts,
    source: &str,
    kind: &str,
    authority: Option<&str>,
    target: &str,
    date: Option<&str>,
) -> bool {
    facts.facts.iter().any(|f| {
        let Some(d) = f.sanctions() else { return false };
        f.cite.source == source
            && f.kind == kind
            && (authority.is_none() || d.authority.as_deref() == authority)
            && d.targets.iter().any(|t| t == target)
            && (date.is_none() || f.date.map(|d| d.to_string()).as_deref() == date)
    })
}

#[test]
fn every_sanction_is_a_fact() {
    let facts = seed_facts();
    type Expected<'a> = (&'a str, &'a str, Option<&'a str>, &'a str, Option<&'a str>);
    let expected: &[Expected] = &[
        ("seed1", "imposed", Some("EU"), "Belavia", Some("2021")),
        ("seed1", "imposed", Some("US"), "Belavia", Some("2023")),
        ("seed1", "eased", Some("US"), "Belavia", None),
        ("seed1", "eased", Some("US"), "aviation", None),
        ("seed0", "eased", None, "Belarus", Some("2025-09")),
        ("seed0", "eased", None, "aviation", None),
        (
            "seed2",
            "proposed",
            Some("US"),
            "potash",
            Some("2025-02-13"),
        ),
        ("seed2", "proposed", Some("US"), "banks", None),
        ("seed3", "proposed", None, "Russians", None),
        ("seed4", "eased", None, "Belarus", None),
    ];
    let missing: Vec<_> = expected
        .iter()
        .filter(|(s, k, a, t, d)| !sanction(&facts, s, k, *a, t, *d))
        .collect();
    let dump: Vec<String> = facts
        .facts
        .iter()
        .filter(|f| f.topic == "sanctions")
        .map(|f| {
            format!(
                "{} {} {:?} {:?} | {}",
                f.id,
                f.kind,
                f.sanctions(),
                f.date.map(|d| d.to_string()),
                f.text
            )
        })
        .collect();
    assert!(missing.is_empty(), "missing {missing:?}\nfound {dump:#?}");
    let exchange = facts
        .facts
        .iter()
        .find(|f| f.cite.source == "seed4" && f.kind == "eased")
        .and_then(|f| f.sanctions()?.in_exchange_for.clone());
    assert_eq!(exchange.as_deref(), Some("the release of some detainees"));
}

#[test]
fn timeline_runs_from_1994_to_september_2025_in_order() {
    let facts = seed_facts();
    let dates: Vec<String> = facts.events.iter().map(|e| e.date.to_string()).collect();
    assert_eq!(dates.first().map(String::as_str), Some("1994"), "{dates:?}");
    let mut sorted = facts.events.iter().map(|e| e.date).collect::<Vec<_>>();
    sorted.sort();
    assert_eq!(
        sorted,
        facts.events.iter().map(|e| e.date).collect::<Vec<_>>()
    );
    for d in [
        "2020-08",
        "2021",
        "2023",
        "2025-02-12",
        "2025-06",
        "2025-09-11",
        "2025-09-23",
    ] {
        assert!(dates.iter().any(|x| x == d), "no event on {d}: {dates:?}");
    }
    assert!(dates.last().unwrap().as_str() <= "2025-09-30", "{dates:?}");
}

#[test]
#[ignore = "prints the seed facts for review"]
fn dump() {
    let facts = seed_facts();
    let mut per: std::collections::BTreeMap<(String, String), usize> = Default::default();
    for f in &facts.facts {
        *per.entry((f.topic.clone(), f.kind.clone())).or_default() += 1;
        if f.kind != "statement" {
            println!(
                "{} [{} {}] {:?} {:?} {:?}{} {:?} | {}",
                f.id,
                f.topic,
                f.kind,
                f.value,
                f.qualifier,
                f.date.map(|d| d.to_string()),
                if f.date_uncertain { "?" } else { "" },
                f.detail,
                &f.text[..f.text.len().min(90)]
            );
        }
    }
    println!("{per:#?}");
    println!("{:#?}", facts.disagreements);
    for e in &facts.events {
        println!(
            "{}{} {} {:?} | {}",
            e.date,
            if e.date_uncertain { "?" } else { "" },
            e.cite.link(),
            e.topics,
            &e.text[..e.text.len().min(80)]
        );
    }
}
