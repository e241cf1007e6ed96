//! Rules on invented articles (names that appear in no seed).

use super::fixtures::article;
use super::model::{Entities, Entity, Kind};
use super::{extract, extract_article};
use crate::config::ActorConfig;

fn find<'a>(e: &'a Entities, alias: &str) -> Option<&'a Entity> {
    e.entities
        .iter()
        .find(|x| x.aliases.iter().any(|a| a == alias))
}

fn persons(e: &Entities) -> Vec<&str> {
    e.entities
        .iter()
        .filter(|x| x.kind == Kind::Person)
        .map(|x| x.name.as_str())
        .collect()
}

const BELARUSIAN: &str = "
Interior Minister Uladzimir Marozau met opposition activist Alena Bialkouskaya in Hrodna on Monday.
“We will talk,” Mr. Marozau said.
Ms. Bialkouskaya, the wife of jailed blogger Ihar Bialkouski, said she was not convinced.
";

const RUSSIAN: &str = "
Belarusian Interior Minister Vladimir N. Morozov denied the report.
Elena Belkovskaya, whose husband Igor Belkovsky remains in prison, called it a lie.
Mr. Belkovsky was arrested in 2021, Ms. Belkovskaya said.
";

#[test]
fn transliterations_merge_across_articles() {
    let e = extract(
        &[article("by", &[], BELARUSIAN), article("ru", &[], RUSSIAN)],
        &[],
    );
    let minister = find(&e, "Uladzimir Marozau").expect("minister");
    assert!(
        minister.aliases.iter().any(|a| a == "Vladimir N. Morozov"),
        "{:?}",
        minister.aliases
    );
    assert_eq!(minister.sources, ["by", "ru"]);
    assert!(minister
        .roles
        .iter()
        .any(|r| r.text == "Belarusian Interior Minister" && r.cite.source == "ru"));
}

#[test]
fn a_couple_sharing_a_surname_is_two_actors() {
    let e = extract(
        &[article("by", &[], BELARUSIAN), article("ru", &[], RUSSIAN)],
        &[],
    );
    let wife = find(&e, "Alena Bialkouskaya").expect("wife");
    let husband = find(&e, "Ihar Bialkouski").expect("husband");
    assert_ne!(wife.id, husband.id);
    assert!(
        wife.aliases.iter().any(|a| a == "Elena Belkovskaya"),
        "{:?}",
        wife.aliases
    );
    assert!(
        husband.aliases.iter().any(|a| a == "Igor Belkovsky"),
        "{:?}",
        husband.aliases
    );
    // Bare "Ms. Belkovskaya" / "Mr. Belkovsky" go to the right one.
    assert!(
        wife.aliases.iter().any(|a| a == "Belkovskaya"),
        "{:?}",
        wife.aliases
    );
    assert!(
        husband.aliases.iter().any(|a| a == "Belkovsky"),
        "{:?}",
        husband.aliases
    );
    assert_eq!(persons(&e).len(), 3, "{:?}", persons(&e));
}

#[test]
fn siblings_sharing_a_surname_stay_apart_by_honorific_and_first_name() {
    let text = "
Sarah Harlow and her brother Peter Harlow run the Lantern Institute.
“We disagree about almost everything,” Ms. Harlow said.
Mr. Harlow told reporters the institute would stay open.
";
    let a = extract_article(&article("h", &[], text));
    let sarah = a
        .entities
        .iter()
        .find(|e| e.name == "Sarah Harlow")
        .unwrap();
    let peter = a
        .entities
        .iter()
        .find(|e| e.name == "Peter Harlow")
        .unwrap();
    assert_eq!(sarah.mentions.len(), 2, "{:?}", sarah.mentions);
    assert_eq!(peter.mentions.len(), 2, "{:?}", peter.mentions);
    assert_eq!(sarah.quotes.len(), 1);
    assert!(sarah.quotes[0].text.starts_with("We disagree"));
}

#[test]
fn bare_surname_attaches_to_the_full_name_used_later() {
    let text = "
Pashkevich spent the night in custody.
Police released Hanna Pashkevich on Tuesday.
";
    let a = extract_article(&article("p", &[], text));
    let persons: Vec<_> = a
        .entities
        .iter()
        .filter(|e| e.kind == Kind::Person)
        .collect();
    assert_eq!(persons.len(), 1, "{persons:?}");
    assert_eq!(persons[0].name, "Hanna Pashkevich");
    assert_eq!(persons[0].mentions.len(), 2);
}

#[test]
fn authors_are_never_actors_even_in_a_trailing_bio() {
    let text = "
Interior Minister Uladzimir Marozau visited Brest.
Tomasz Wrobel is a correspondent based in Warsaw.
";
    let e = extract(&[article("a", &["Tomasz Wrobel"], text)], &[]);
    assert!(find(&e, "Tomasz Wrobel").is_none());
    assert!(find(&e, "Uladzimir Marozau").is_some());
}

#[test]
fn quotes_follow_speech_verbs_pronouns_and_the_previous_speaker() {
    let text = "
“The talks are over,” said Lidziya Sarokina, a spokeswoman for the Zorya Institute.
“We have nothing more to add at this stage.”
Later she added that “the door remains open for the time being.”
";
    let a = extract_article(&article("q", &[], text));
    let speaker = a
        .entities
        .iter()
        .find(|e| e.name == "Lidziya Sarokina")
        .unwrap();
    let quotes: Vec<&str> = speaker.quotes.iter().map(|q| q.text.as_str()).collect();
    assert_eq!(
        quotes,
        [
            "The talks are over",
            "We have nothing more to add at this stage.",
            "the door remains open for the time being."
        ]
    );
    assert_eq!(speaker.quotes[1].cite.paragraph, 2);
    assert!(
        speaker
            .roles
            .iter()
            .any(|r| r.text.starts_with("spokeswoman for")),
        "{:?}",
        speaker.roles
    );
    let org = a
        .entities
        .iter()
        .find(|e| e.name == "Zorya Institute")
        .unwrap();
    assert_eq!(org.kind, Kind::Organization);
}

#[test]
fn curated_actors_merge_fix_kind_and_describe() {
    let text = "
The Zorya Institute published a report. Analysts at ZI said little.
Interior Minister Uladzimir Marozau praised it.
";
    let articles = [article("c", &[], text)];
    let without = extract(&articles, &[]);
    assert!(find(&without, "Zorya Institute").is_some());
    assert!(find(&without, "ZI").is_some());
    let curated = [ActorConfig {
        name: "Zorya Institute for Policy".into(),
        aliases: vec!["Zorya Institute".into(), "ZI".into()],
        kind: Some("organization".into()),
        description: Some("A think tank.".into()),
    }];
    let with = extract(&articles, &curated);
    let zi = find(&with, "ZI").unwrap();
    assert_eq!(zi.name, "Zorya Institute for Policy");
    assert_eq!(zi.id, "zorya-institute-for-policy");
    assert_eq!(zi.description.as_deref(), Some("A think tank."));
    assert!(zi.aliases.iter().any(|a| a == "Zorya Institute"));
    assert_eq!(zi.mentions, 2);
    assert_eq!(with.entities.len(), without.entities.len() - 1);
}

#[test]
fn output_is_sorted_and_deterministic() {
    let articles = [article("by", &[], BELARUSIAN), article("ru", &[], RUSSIAN)];
    let a = extract(&articles, &[]);
    let b = extract(&[articles[1].clone(), articles[0].clone()], &[]);
    assert_eq!(a, b);
    let keys: Vec<(Kind, &str)> = a
        .entities
        .iter()
        .map(|e| (e.kind, e.name.as_str()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    let mut mentions = a.mentions.clone();
    mentions.sort();
    assert_eq!(mentions, a.mentions);
    // Each actor lists the sources of its mentions, sorted, once each.
    for e in &a.entities {
        let cited: std::collections::BTreeSet<&str> = a
            .mentions
            .iter()
            .filter(|m| m.entity == e.id)
            .map(|m| m.cite.source.as_str())
            .collect();
        assert_eq!(e.sources, cited.into_iter().collect::<Vec<_>>(), "{}", e.id);
    }
    assert!(a.entities.iter().any(|e| e.sources.len() > 1));
}

#[test]
fn indefinite_pronouns_opening_a_sentence_are_no_actors() {
    let text = "
Nobody expected the verdict against the editor Marta Kalinouskaya on Tuesday.
“Nobody is above the law,” the judge told the court.
Nobody, Kalinouskaya said, had warned her. Nobody Minsk trusts was there.
Everyone in the courtroom stood when the judge entered, witnesses said.
Somebody shouted from the gallery. Nothing was said by Ms. Kalinouskaya.
No one from the ministry attended the hearing, Kalinouskaya said.
";
    let e = extract(&[article("court", &[], text)], &[]);
    let names: Vec<&str> = e.entities.iter().map(|x| x.name.as_str()).collect();
    for word in ["Nobody", "Everyone", "Somebody", "Nothing", "No"] {
        assert!(!names.contains(&word), "{word} in {names:?}");
    }
    assert_eq!(persons(&e), ["Marta Kalinouskaya"]);
}

#[test]
fn resolution_is_stored_and_reused_only_while_its_inputs_are_unchanged() {
    use super::{extract_memo, RESOLVED};
    use crate::corpus::{Article, Fingerprinted};
    use crate::memo::testing::MapMemo;
    use crate::memo::{self, Memo};

    let memo = MapMemo::default();
    let run = |articles: &[Article], curated: &[ActorConfig]| {
        extract_memo(&Fingerprinted::new(articles), curated, &memo)
    };
    let articles = vec![article("by", &[], BELARUSIAN), article("ru", &[], RUSSIAN)];
    let first = run(&articles, &[]);
    assert_eq!(first, extract(&articles, &[]));
    // A marked resolution in place of the stored one: a rebuild with the
    // same inputs returns it, so it did not resolve again.
    let stored = memo.keys(RESOLVED);
    assert_eq!(stored.len(), 1);
    let mut marked = first.clone();
    marked.entities[0].description = Some("Marked.".into());
    memo.put(RESOLVED, &stored[0], &super::stored::pack(&marked));
    assert_eq!(run(&articles, &[]), marked);
    // An edit that changes no actor leaves the article's result, and so
    // the stored resolution, as they were.
    let edited = vec![
        articles[0].clone(),
        article("ru", &[], &format!("{RUSSIAN}\nThe statement was brief.\n")),
    ];
    assert_ne!(edited[1].fingerprint(), articles[1].fingerprint());
    assert_eq!(extract_article(&edited[1]), extract_article(&articles[1]));
    assert_eq!(run(&edited, &[]), marked);
    // Another curated list, or another actor in an article: resolved again.
    let curated = [ActorConfig {
        name: "Uladzimir Marozau".into(),
        description: Some("A minister.".into()),
        ..ActorConfig::default()
    }];
    assert_eq!(run(&articles, &curated), extract(&articles, &curated));
    let renamed = vec![
        articles[0].clone(),
        article("ru", &[], &RUSSIAN.replace("Elena", "Olga")),
    ];
    assert_eq!(run(&renamed, &[]), extract(&renamed, &[]));
    assert_eq!(memo.keys(RESOLVED).len(), 3);

    // A stored per-article result that does not read back is made again;
    // the resolution is right, and not stored under the bad bytes' hash.
    let memo = MapMemo::default();
    let key = memo::key("entities", [&articles[0].fingerprint().as_bytes()[..]]);
    memo.put("entities", &key, b"\xff\xff\xff");
    let fresh = extract_memo(&Fingerprinted::new(&articles), &[], &memo);
    assert_eq!(fresh, first);
    assert!(memo.keys(RESOLVED).is_empty());
    assert_eq!(
        memo.get("entities", &key),
        Some(memo::encode(&extract_article(&articles[0])))
    );
    extract_memo(&Fingerprinted::new(&articles), &[], &memo);
    assert_eq!(memo.keys(RESOLVED).len(), 1);
}
