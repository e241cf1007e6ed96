//! Extraction on the five seed articles (read at run time; body lines and
//! bylines listed by hand, as the corpus stage will give them).

use super::fixtures::seed;
use super::model::{Entities, Entity, Kind};
use crate::corpus::Article;

fn seeds() -> Vec<Article> {
    vec![
        seed(
            "000_8271e4dc695d252c.txt",
            "s0",
            &["Joseph Hammond"],
            &[
                16, 18, 20, 24, 26, 28, 30, 32, 36, 38, 40, 42, 44, 48, 50, 52, 54, 58, 60, 62, 64,
                68, 70, 72, 74, 78, 80, 82,
            ],
        ),
        seed(
            "001_4e71a2ef0a25e287.txt",
            "s1",
            &["Andrey Mihayloff"],
            &[8, 16, 18, 22, 24, 28, 30, 34, 36, 38],
        ),
        seed(
            "002_cac94a10d226ae88.txt",
            "s2",
            &["Andrew Higgins", "Tomas Dapkus"],
            // 81 is the author's bio: kept to show authors never become actors.
            &[
                13, 15, 17, 19, 21, 23, 25, 27, 29, 35, 37, 39, 41, 43, 45, 47, 49, 51, 53, 55, 57,
                59, 61, 63, 65, 67, 69, 71, 73, 75, 81,
            ],
        ),
        seed(
            "003_930e5b2224e201f2.txt",
            "s3",
            &["Sasha Romanova"],
            &[
                9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 22, 23, 24, 25, 26, 27, 28, 30, 32, 33, 34,
                35, 36, 37, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 50,
            ],
        ),
        seed(
            "004_fa520c7751b65a72.txt",
            "s4",
            &[],
            &[9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31],
        ),
    ]
}

/// The people the articles' own text names (one surface form each).
const PEOPLE: &[&str] = &[
    "Kim Jong-un",
    "Ali Khamenei",
    "Trump",
    "Lukashenko",
    "Tsikhanouskaya",
    "Viktor Khrenin",
    "Dziani Kuchynski",
    "Joe Wilson",
    "Bill Keating",
    "Smith",
    "Mike Pompeo",
    "Pavel Slunkin",
    "Putin",
    "Nikolai Statkevich",
    "Vladimir Matskevich",
    "John Cole",
    "Kellogg",
    "Sergei Tikhanovsky",
    "Pavel Koshkin",
    "Mark Episkopos",
    "Nikolai Silaev",
    "Igor Tur",
    "Franak Viacorka",
    "Tatyana Khomich",
    "Maria Kolesnikova",
    "Artyom Shraibman",
    "Condoleezza Rice",
    "Piotr Krawczyk",
    "Biden",
    "Anton Penkovski",
    "Zelenskyy",
    "Ales Bialiatski",
];

fn entities() -> Entities {
    super::extract(&seeds(), &[])
}

fn find<'a>(e: &'a Entities, kind: Kind, alias: &str) -> Option<&'a Entity> {
    e.entities
        .iter()
        .find(|x| x.kind == kind && x.aliases.iter().any(|a| a == alias))
}

#[test]
fn people_of_the_seeds_are_found_with_good_precision() {
    let e = entities();
    let persons: Vec<&Entity> = e
        .entities
        .iter()
        .filter(|x| x.kind == Kind::Person)
        .collect();
    let missing: Vec<&str> = PEOPLE
        .iter()
        .copied()
        .filter(|p| find(&e, Kind::Person, p).is_none())
        .collect();
    let wrong: Vec<&str> = persons
        .iter()
        .filter(|x| !PEOPLE.iter().any(|p| x.aliases.iter().any(|a| a == p)))
        .map(|x| x.name.as_str())
        .collect();
    let recall = (PEOPLE.len() - missing.len()) as f64 / PEOPLE.len() as f64;
    let precision = (persons.len() - wrong.len()) as f64 / persons.len() as f64;
    eprintln!(
        "persons: {} found; recall {recall:.2} (missing {missing:?}); precision {precision:.2} (wrong {wrong:?})",
        persons.len()
    );
    for kind in [Kind::Person, Kind::Organization, Kind::Place] {
        let names: Vec<&str> = e
            .entities
            .iter()
            .filter(|x| x.kind == kind)
            .map(|x| x.name.as_str())
            .collect();
        eprintln!("{kind:?} ({}): {names:?}", names.len());
    }
    assert!(recall >= 0.9, "missing {missing:?}");
    assert!(precision >= 0.9, "wrong {wrong:?}");
}

#[test]
fn romanisation_variants_merge_and_the_couple_does_not() {
    let e = entities();
    let lukashenko = find(&e, Kind::Person, "Alexander Lukashenko").expect("Lukashenko");
    for alias in ["Lukashenka", "Aleksandr G. Lukashenko", "Lukashenko"] {
        assert!(
            lukashenko.aliases.iter().any(|a| a == alias),
            "{alias}: {:?}",
            lukashenko.aliases
        );
    }
    let wife = find(&e, Kind::Person, "Sviatlana Tsikhanouskaya").expect("Tsikhanouskaya");
    assert!(
        wife.aliases.iter().any(|a| a == "Svetlana Tikhanovskaya"),
        "{:?}",
        wife.aliases
    );
    assert_eq!(wife.name, "Sviatlana Tsikhanouskaya");
    let husband = find(&e, Kind::Person, "Sergei Tikhanovsky").expect("Tikhanovsky");
    assert_ne!(wife.id, husband.id);
    let putin = find(&e, Kind::Person, "Vladimir Putin").expect("Putin");
    assert!(
        putin.aliases.iter().any(|a| a == "Vladimir V. Putin"),
        "{:?}",
        putin.aliases
    );
    assert_eq!(putin.sources.len(), 5);
}

#[test]
fn organisations_and_places_of_the_seeds() {
    let e = entities();
    for org in [
        "Viasna",
        "Belavia",
        "NATO",
        "State Department",
        "Quincy Institute",
        "KGB",
        "Associated Press",
        "White House",
        "Carnegie Russia Eurasia Center",
        "Friends of Belarus Caucus",
        "Wagner Group",
        "European Union",
    ] {
        assert!(find(&e, Kind::Organization, org).is_some(), "{org}");
    }
    for place in [
        "Belarus",
        "Minsk",
        "Lithuania",
        "Russia",
        "Vilnius",
        "Warsaw",
        "Ukraine",
        "Poland",
    ] {
        assert!(find(&e, Kind::Place, place).is_some(), "{place}");
    }
    let us = find(&e, Kind::Place, "U.S.").expect("U.S.");
    assert_eq!(us.name, "United States");
    // Demonyms are not actors.
    assert!(!e.entities.iter().any(|x| x
        .aliases
        .iter()
        .any(|a| a == "Belarusian" || a == "Russian")));
}

#[test]
fn no_author_is_an_actor() {
    let e = entities();
    for author in [
        "Joseph Hammond",
        "Andrey Mihayloff",
        "Andrew Higgins",
        "Tomas Dapkus",
        "Sasha Romanova",
        "Higgins",
        "Romanova",
    ] {
        assert!(
            !e.entities
                .iter()
                .any(|x| x.aliases.iter().any(|a| a == author)),
            "{author}"
        );
    }
}

#[test]
fn roles_and_quotes_of_the_seeds_are_cited() {
    let e = entities();
    let khrenin = find(&e, Kind::Person, "Viktor Khrenin").unwrap();
    assert!(
        khrenin
            .roles
            .iter()
            .any(|r| r.text == "Belarusian Defense Minister"),
        "{:?}",
        khrenin.roles
    );
    assert!(!khrenin.quotes.is_empty());
    let slunkin = find(&e, Kind::Person, "Pavel Slunkin").unwrap();
    assert!(
        slunkin
            .roles
            .iter()
            .any(|r| r.text.contains("former foreign ministry official")),
        "{:?}",
        slunkin.roles
    );
    assert!(slunkin.quotes.len() >= 2, "{:?}", slunkin.quotes);
    let penkovski = find(&e, Kind::Person, "Anton Penkovski").unwrap();
    assert!(
        penkovski
            .quotes
            .iter()
            .any(|q| q.text.starts_with("They could lift sanctions")),
        "{:?}",
        penkovski.quotes
    );
    let wife = find(&e, Kind::Person, "Tsikhanouskaya").unwrap();
    assert!(wife.quotes.iter().any(|q| q.cite.source == "s4"));
    // Quoted names are not speakers.
    let lukashenko = find(&e, Kind::Person, "Lukashenko").unwrap();
    assert!(lukashenko
        .quotes
        .iter()
        .all(|q| !q.text.contains("intention of Lukashenko")));
}

#[test]
fn mentions_point_at_their_text() {
    let articles = seeds();
    let e = super::extract(&articles, &[]);
    for m in &e.mentions {
        let article = articles.iter().find(|a| a.id == m.cite.source).unwrap();
        let (_, text) = article
            .paragraphs()
            .find(|(n, _)| *n == m.cite.paragraph)
            .unwrap();
        let surface = &text[m.start..m.end];
        let entity = e.get(&m.entity).unwrap();
        assert!(
            entity.aliases.iter().any(|a| a == surface),
            "{surface} not an alias of {}",
            entity.name
        );
    }
    assert_eq!(e, super::extract(&articles, &[]), "deterministic");
}
