//! `api/entities.ftm.json`: the actors and sources as FollowTheMoney
//! entities, one JSON object per line (load with `ftm validate` or
//! `ftm store write`).
//!
//! Actors become `Person`, `Organization`, `PublicBody` (government
//! bodies) or `Address` (places); each source an `Article`; each
//! (actor, source) pair a `Mention` linking them. Ids derive from slugs, so
//! they are stable across builds.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value};

use crate::corpus::Article;
use crate::extract::entities::{Entities, Entity, Kind};

/// Words that make an organisation a public body.
const PUBLIC: &[&str] = &[
    "ministry",
    "department",
    "embassy",
    "consulate",
    "parliament",
    "senate",
    "congress",
    "duma",
    "government",
    "cabinet",
    "kremlin",
    "white house",
    "pentagon",
    "police",
    "army",
    "navy",
    "armed forces",
    "assembly",
    "court",
    "commission",
    "caucus",
    "kgb",
    "council",
    "presidency",
    "prosecutor",
    "committee for state security",
    "border guard",
    "military",
];

/// The FtM schema of an actor.
pub fn schema(e: &Entity) -> &'static str {
    match e.kind {
        Kind::Person => "Person",
        Kind::Place => "Address",
        Kind::Organization => {
            let name = e.name.to_lowercase();
            let public = PUBLIC.iter().any(|w| {
                name.split(|c: char| !c.is_alphanumeric())
                    .collect::<Vec<_>>()
                    .join(" ")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .windows(w.split_whitespace().count())
                    .any(|win| win.join(" ") == *w)
            });
            if public {
                "PublicBody"
            } else {
                "Organization"
            }
        }
    }
}

/// FtM id of an actor.
pub fn actor_id(e: &Entity) -> String {
    format!("dossier-actor-{}", e.id)
}

/// FtM id of a source.
pub fn article_id(source: &str) -> String {
    format!("dossier-article-{source}")
}

fn values<I: IntoIterator<Item = S>, S: Into<String>>(items: I) -> Value {
    let set: BTreeSet<String> = items
        .into_iter()
        .map(Into::into)
        .filter(|s: &String| !s.is_empty())
        .collect();
    Value::Array(set.into_iter().map(Value::String).collect())
}

fn entity(id: String, schema: &str, properties: Map<String, Value>) -> String {
    let props: Map<String, Value> = properties
        .into_iter()
        .filter(|(_, v)| v.as_array().is_some_and(|a| !a.is_empty()))
        .collect();
    json!({"id": id, "schema": schema, "properties": props}).to_string()
}

/// The FtM lines (each ending with a newline), sorted by kind of record.
pub fn lines(entities: &Entities, articles: &[Article]) -> String {
    let mut out = String::new();
    for e in &entities.entities {
        let mut p = Map::new();
        let roles = e.roles.iter().map(|r| r.text.clone());
        match e.kind {
            Kind::Place => {
                p.insert("full".into(), values([e.name.clone()]));
            }
            Kind::Person => {
                p.insert("name".into(), values([e.name.clone()]));
                p.insert(
                    "alias".into(),
                    values(e.aliases.iter().filter(|a| **a != e.name).cloned()),
                );
                p.insert("position".into(), values(roles));
            }
            Kind::Organization => {
                p.insert("name".into(), values([e.name.clone()]));
                p.insert(
                    "alias".into(),
                    values(e.aliases.iter().filter(|a| **a != e.name).cloned()),
                );
                p.insert("notes".into(), values(roles));
            }
        }
        if e.kind != Kind::Place {
            p.insert("description".into(), values(e.description.clone()));
        }
        out.push_str(&entity(actor_id(e), schema(e), p));
        out.push('\n');
    }
    let mut sorted: Vec<&Article> = articles.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    for a in &sorted {
        let mut p = Map::new();
        p.insert("title".into(), values([a.meta.title.clone()]));
        p.insert("author".into(), values(a.meta.authors.clone()));
        p.insert("publishedAt".into(), values(a.meta.date.clone()));
        p.insert("publisher".into(), values(a.meta.publication.clone()));
        p.insert("fileName".into(), values([a.file.clone()]));
        out.push_str(&entity(article_id(&a.id), "Article", p));
        out.push('\n');
    }
    // Mentions: the forms an article uses for each actor.
    let text_of: BTreeMap<(&str, usize), &str> = articles
        .iter()
        .flat_map(|a| a.paragraphs().map(move |(n, t)| ((a.id.as_str(), n), t)))
        .collect();
    let mut forms: BTreeMap<(&str, &str), BTreeSet<String>> = BTreeMap::new();
    for m in &entities.mentions {
        let surface = text_of
            .get(&(m.cite.source.as_str(), m.cite.paragraph))
            .and_then(|t| t.get(m.start..m.end))
            .map(str::to_string);
        forms
            .entry((m.entity.as_str(), m.cite.source.as_str()))
            .or_default()
            .extend(surface);
    }
    for ((entity_id, source), names) in forms {
        let Some(e) = entities.get(entity_id) else {
            continue;
        };
        let mut p = Map::new();
        p.insert("document".into(), values([article_id(source)]));
        p.insert("name".into(), values(names));
        p.insert("detectedSchema".into(), values([schema(e)]));
        if e.kind != Kind::Place {
            // `resolved` ranges over legal entities only.
            p.insert("resolved".into(), values([actor_id(e)]));
        }
        out.push_str(&entity(
            format!("dossier-mention-{entity_id}--{source}"),
            "Mention",
            p,
        ));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::entities::fixtures::article;

    #[test]
    fn persons_bodies_articles_and_mentions() {
        let mut a = article(
            "src-a",
            &["Ada Roe"],
            "The Borovia Ministry of Transport met Interior Minister Ostap Veles in Vitebsk.",
        );
        a.meta.date = Some("2025-01-02".into());
        let entities = crate::extract::entities::extract(std::slice::from_ref(&a), &[]);
        let text = lines(&entities, std::slice::from_ref(&a));
        let records: Vec<Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let by_schema = |s: &str| {
            records
                .iter()
                .filter(|r| r["schema"] == s)
                .collect::<Vec<_>>()
        };
        assert_eq!(by_schema("PublicBody").len(), 1, "{text}");
        assert_eq!(
            by_schema("Person")[0]["properties"]["name"],
            json!(["Ostap Veles"])
        );
        assert_eq!(
            by_schema("Address")[0]["properties"]["full"],
            json!(["Vitebsk"])
        );
        let article = &by_schema("Article")[0];
        assert_eq!(article["id"], "dossier-article-src-a");
        assert_eq!(article["properties"]["author"], json!(["Ada Roe"]));
        assert_eq!(article["properties"]["publishedAt"], json!(["2025-01-02"]));
        let mentions = by_schema("Mention");
        assert_eq!(mentions.len(), 3, "{text}");
        let person_mention = mentions
            .iter()
            .find(|m| m["properties"]["resolved"] == json!(["dossier-actor-ostap-veles"]))
            .unwrap();
        assert_eq!(
            person_mention["properties"]["document"],
            json!(["dossier-article-src-a"])
        );
        assert_eq!(person_mention["properties"]["name"], json!(["Ostap Veles"]));
        // Every value is an array of strings; output is stable.
        for r in &records {
            for (_, v) in r["properties"].as_object().unwrap() {
                assert!(v.as_array().unwrap().iter().all(Value::is_string));
            }
        }
        assert_eq!(text, lines(&entities, std::slice::from_ref(&a)));
    }
}
