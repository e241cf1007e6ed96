//! `api/entities.ftm.json`: the actors and sources as FollowTheMoney
//! entities, one JSON object per line (load with `ftm validate` or
//! `ftm store write`).
//!
//! Actors become `Person`, `Organization`, `PublicBody` (government
//! bodies) or `Address` (places); each source an `Article`; each
//! (actor, source) pair a `Mention` linking them. Ids derive from slugs, so
//! they are stable across builds.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::corpus::Article;
use crate::extract::entities::{Entities, Entity, Kind};
use crate::extract::model::MentionRef;

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
            let words: Vec<&str> = name
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            let public = PUBLIC.iter().any(|w| {
                let phrase: Vec<&str> = w.split_whitespace().collect();
                words
                    .windows(phrase.len())
                    .any(|win| win == phrase.as_slice())
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

/// The properties of an entity: every value a list of distinct strings.
type Properties = BTreeMap<&'static str, BTreeSet<String>>;

fn values<I: IntoIterator<Item = S>, S: Into<String>>(items: I) -> BTreeSet<String> {
    items
        .into_iter()
        .map(Into::into)
        .filter(|s: &String| !s.is_empty())
        .collect()
}

/// One FtM entity, keys in alphabetical order.
#[derive(Serialize)]
struct Record<'a> {
    id: String,
    properties: Properties,
    schema: &'a str,
}

fn entity(id: String, schema: &str, mut properties: Properties) -> String {
    properties.retain(|_, v| !v.is_empty());
    let mut line = serde_json::to_string(&Record {
        id,
        properties,
        schema,
    })
    .expect("records serialize");
    line.push('\n');
    line
}

fn actor(e: &Entity) -> String {
    let mut p = Properties::new();
    let roles = e.roles.iter().map(|r| r.text.clone());
    let aliases = || values(e.aliases.iter().filter(|a| **a != e.name).cloned());
    match e.kind {
        Kind::Place => {
            p.insert("full", values([e.name.clone()]));
        }
        Kind::Person => {
            p.insert("name", values([e.name.clone()]));
            p.insert("alias", aliases());
            p.insert("position", values(roles));
        }
        Kind::Organization => {
            p.insert("name", values([e.name.clone()]));
            p.insert("alias", aliases());
            p.insert("notes", values(roles));
        }
    }
    if e.kind != Kind::Place {
        p.insert("description", values(e.description.clone()));
    }
    entity(actor_id(e), schema(e), p)
}

fn article(a: &Article) -> String {
    let mut p = Properties::new();
    p.insert("title", values([a.meta.title.clone()]));
    p.insert("author", values(a.meta.authors.clone()));
    p.insert("publishedAt", values(a.meta.date.clone()));
    p.insert("publisher", values(a.meta.publication.clone()));
    p.insert("fileName", values([a.file.clone()]));
    entity(article_id(&a.id), "Article", p)
}

/// The `Mention` line of actor `e` (of FtM schema `schema`) in `source`,
/// under the names it goes by there. It is what [`entity`] makes of the
/// same properties, written straight out: there are as many of these as
/// (actor, source) pairs.
fn mention(e: &Entity, schema: &str, source: &str, names: &BTreeSet<&str>) -> String {
    fn string(out: &mut Vec<u8>, s: &str) {
        serde_json::to_writer(&mut *out, s).expect("strings serialize");
    }
    fn list<'a>(out: &mut Vec<u8>, key: &str, items: impl IntoIterator<Item = &'a str>) {
        string(out, key);
        out.extend_from_slice(b":[");
        for (i, item) in items.into_iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            string(out, item);
        }
        out.push(b']');
    }
    let mut out = Vec::with_capacity(256);
    out.extend_from_slice(b"{\"id\":");
    string(&mut out, &format!("dossier-mention-{}--{source}", e.id));
    out.extend_from_slice(b",\"properties\":{");
    // Keys in alphabetical order, as the map in `entity` has them; an
    // empty value is left out, as there.
    if !schema.is_empty() {
        list(&mut out, "detectedSchema", [schema]);
        out.push(b',');
    }
    list(&mut out, "document", [article_id(source).as_str()]);
    if !names.is_empty() {
        out.push(b',');
        list(&mut out, "name", names.iter().copied());
    }
    if e.kind != Kind::Place {
        // `resolved` ranges over legal entities only.
        out.push(b',');
        list(&mut out, "resolved", [actor_id(e).as_str()]);
    }
    out.extend_from_slice(b"},\"schema\":\"Mention\"}\n");
    String::from_utf8(out).expect("JSON of strings is UTF-8")
}

/// The FtM lines (each ending with a newline), sorted by kind of record;
/// records are made in parallel.
pub fn lines(entities: &Entities, articles: &[Article]) -> String {
    let bytes = pieces(entities, articles).collect::<Vec<_>>().concat();
    String::from_utf8(bytes).expect("JSON lines are UTF-8")
}

/// A fingerprint of everything [`lines`] writes: the actors, each
/// source's metadata, and each mention's actor, source and the form it
/// takes there (so an edit elsewhere in an article leaves it as it was);
/// made in parallel.
pub fn fingerprint(entities: &Entities, articles: &[Article]) -> blake3::Hash {
    use std::hash::Hash;
    let article_of = by_id(articles);
    let ((actors, mentions), sources) = rayon::join(
        || {
            rayon::join(
                || crate::memo::fingerprint("ftm-actors", &entities.entities),
                || {
                    let runs: Vec<blake3::Hash> = runs(entities)
                        .par_iter()
                        .map(|run| {
                            let mut h = crate::memo::Hasher::new();
                            for (m, surface) in surfaces(run, &article_of) {
                                (&m.entity, &m.cite.source, surface).hash(&mut h);
                            }
                            h.finalize()
                        })
                        .collect();
                    crate::memo::fingerprint("ftm-mentions", &runs)
                },
            )
        },
        || {
            let shown: Vec<_> = articles.iter().map(|a| (&a.id, &a.file, &a.meta)).collect();
            crate::memo::fingerprint("ftm-sources", &shown)
        },
    );
    crate::memo::key(
        "ftm",
        [actors, mentions, sources]
            .iter()
            .map(|h| h.as_bytes().as_slice()),
    )
}

fn by_id(articles: &[Article]) -> FxHashMap<&str, &Article> {
    articles.iter().map(|a| (a.id.as_str(), a)).collect()
}

/// The mentions, a run per source (they come sorted by citation; should a
/// source come in several runs, [`pieces`] merges its pairs).
fn runs(entities: &Entities) -> Vec<&[MentionRef]> {
    entities
        .mentions
        .chunk_by(|a, b| a.cite.source == b.cite.source)
        .collect()
}

/// The mentions of a run, each with the form it takes in its paragraph.
fn surfaces<'a>(
    run: &'a [MentionRef],
    article_of: &FxHashMap<&str, &'a Article>,
) -> impl Iterator<Item = (&'a MentionRef, Option<&'a str>)> {
    let source = run[0].cite.source.as_str();
    let mut text: Vec<Option<&str>> = Vec::new();
    for (n, t) in article_of
        .get(source)
        .into_iter()
        .flat_map(|a| a.paragraphs())
    {
        if text.len() <= n {
            text.resize(n + 1, None);
        }
        text[n] = Some(t);
    }
    run.iter().map(move |m| {
        let surface = text
            .get(m.cite.paragraph)
            .copied()
            .flatten()
            .and_then(|t| t.get(m.start..m.end));
        (m, surface)
    })
}

/// Mention lines per piece of [`pieces`].
const PIECE: usize = 4096;

/// [`lines`] in pieces: the actors, the sources, then the mentions a few
/// thousand at a time, each piece made only when asked for (so the file
/// never sits whole in memory when the receiver writes each piece out).
pub fn pieces<'a>(
    entities: &'a Entities,
    articles: &'a [Article],
) -> impl Iterator<Item = Vec<u8>> + 'a {
    let mut sorted: Vec<&Article> = articles.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    // Mentions: the forms an article uses for each actor (borrowed from
    // its paragraphs), gathered per source in parallel.
    let article_of = by_id(articles);
    let mut forms: Vec<(&str, &str, BTreeSet<&str>)> = runs(entities)
        .par_iter()
        .flat_map_iter(|run| {
            let source = run[0].cite.source.as_str();
            let mut by_actor: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
            for (m, surface) in surfaces(run, &article_of) {
                by_actor
                    .entry(m.entity.as_str())
                    .or_default()
                    .extend(surface);
            }
            by_actor
                .into_iter()
                .map(move |(entity, names)| (entity, source, names))
        })
        .collect();
    // In (actor, source) order.
    forms.par_sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    forms.dedup_by(|later, kept| {
        let same = (later.0, later.1) == (kept.0, kept.1);
        if same {
            kept.2.append(&mut later.2);
        }
        same
    });
    let by_id = entities.by_id();
    // An organisation's schema takes a look at its words: once per actor.
    let schemas: FxHashMap<&str, &'static str> = entities
        .entities
        .par_iter()
        .map(|e| (e.id.as_str(), schema(e)))
        .collect();
    let actors: Vec<String> = entities.entities.par_iter().map(actor).collect();
    let sources: Vec<String> = sorted.par_iter().map(|a| article(a)).collect();
    let mut forms = forms.into_iter();
    let mentions = std::iter::from_fn(move || {
        let piece: Vec<_> = forms.by_ref().take(PIECE).collect();
        if piece.is_empty() {
            return None;
        }
        let lines: Vec<String> = piece
            .into_par_iter()
            .filter_map(|(entity_id, source, names)| {
                let e = *by_id.get(entity_id)?;
                Some(mention(e, schemas[entity_id], source, &names))
            })
            .collect();
        Some(lines.concat().into_bytes())
    });
    [actors.concat().into_bytes(), sources.concat().into_bytes()]
        .into_iter()
        .chain(mentions)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::entities::fixtures::article;
    use serde_json::{json, Value};

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

    #[test]
    fn a_mention_line_is_what_the_generic_record_gives() {
        let mut a = article(
            "src-\"a\"",
            &[],
            "Ostap Veles met the Borovia Ministry of Transport in Vitebsk.",
        );
        a.id = "src-\"a\"".into();
        let entities = crate::extract::entities::extract(std::slice::from_ref(&a), &[]);
        for e in &entities.entities {
            for names in [
                BTreeSet::new(),
                ["Veles", "O. \"Veles\"\n\u{1}", "Вялес"]
                    .into_iter()
                    .collect(),
            ] {
                let mut p = Properties::new();
                p.insert("document", values([article_id(&a.id)]));
                p.insert("name", names.iter().map(|n| n.to_string()).collect());
                p.insert("detectedSchema", values([schema(e)]));
                if e.kind != Kind::Place {
                    p.insert("resolved", values([actor_id(e)]));
                }
                let generic = entity(format!("dossier-mention-{}--{}", e.id, a.id), "Mention", p);
                assert_eq!(mention(e, schema(e), &a.id, &names), generic);
            }
        }
        assert!(entities.entities.len() >= 2, "{:?}", entities.entities);
    }

    #[test]
    fn the_fingerprint_changes_with_what_the_lines_show_only() {
        let text = "Interior Minister Ostap Veles spoke in Vitebsk on Monday.\nThe talks went on.";
        let print = |a: &Article| {
            let entities = crate::extract::entities::extract(std::slice::from_ref(a), &[]);
            (
                fingerprint(&entities, std::slice::from_ref(a)),
                lines(&entities, std::slice::from_ref(a)),
            )
        };
        let a = article("src-a", &[], text);
        let (base, base_lines) = print(&a);
        // A sentence added after the mentions: the same lines, the same
        // fingerprint.
        let mut longer = a.clone();
        if let crate::corpus::Block::Paragraph { text, .. } = &mut longer.blocks[1] {
            text.push_str(" They ended late, as expected.");
        }
        let (same, same_lines) = print(&longer);
        assert_eq!(same_lines, base_lines);
        assert_eq!(same, base);
        // A new title, or another form of a name: other lines, another
        // fingerprint.
        let mut retitled = a.clone();
        retitled.meta.title.push('!');
        let (other, other_lines) = print(&retitled);
        assert_ne!(other_lines, base_lines);
        assert_ne!(other, base);
        let renamed = article("src-a", &[], &text.replace("Vitebsk", "Viciebsk"));
        let (other, other_lines) = print(&renamed);
        assert_ne!(other_lines, base_lines);
        assert_ne!(other, base);
    }
}
