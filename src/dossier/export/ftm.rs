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
use crate::dossier::emit::KeyedPiece;
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

/// The FtM lines (each ending with a newline): the actors, the sources,
/// then each source's mentions.
pub fn lines(entities: &Entities, articles: &[Article]) -> String {
    let (_, pieces) = keyed_pieces(entities, articles);
    let bytes: Vec<u8> = pieces.iter().flat_map(|p| (p.make)()).collect();
    String::from_utf8(bytes).expect("JSON lines are UTF-8")
}

/// A unit of the file, as what it is made of: an actor's line, a
/// source's line, or the `Mention` lines of one source (its mentions,
/// in one run or more), one per actor it names.
enum Unit<'a> {
    Actor(&'a Entity),
    Source(&'a Article),
    Mentions(Vec<&'a [MentionRef]>),
}

/// What the units of the file are made from, shared by its pieces.
struct File<'a> {
    units: Vec<Unit<'a>>,
    articles: FxHashMap<&'a str, &'a Article>,
    actors: FxHashMap<&'a str, &'a Entity>,
    /// Each actor's FtM schema (an organisation's takes a look at its
    /// words: once per actor).
    schemas: FxHashMap<&'a str, &'static str>,
}

impl File<'_> {
    /// The hash of everything `unit`'s lines show: an actor's line its
    /// name, kind, aliases, roles and description (not its sources and
    /// quotes, which grow with the corpus); a source's its metadata; a
    /// source's mentions, each mention's actor with its schema, and the
    /// form it takes (so an edit elsewhere in the article leaves it as it
    /// was).
    fn hash(&self, unit: &Unit) -> blake3::Hash {
        use std::hash::Hash;
        let mut h = crate::memo::Hasher::new();
        match unit {
            Unit::Actor(e) => {
                (0u8, &e.id, &e.name, e.kind, &e.aliases, &e.description).hash(&mut h);
                e.roles.len().hash(&mut h);
                e.roles.iter().for_each(|r| r.text.hash(&mut h));
            }
            Unit::Source(a) => (1u8, &a.id, &a.file, &a.meta).hash(&mut h),
            Unit::Mentions(runs) => {
                2u8.hash(&mut h);
                for run in runs {
                    for (m, surface) in surfaces(run, &self.articles) {
                        let actor = self.actors.get(m.entity.as_str());
                        let shown = actor.map(|e| (self.schemas[e.id.as_str()], e.kind));
                        (&m.entity, &m.cite.source, surface, shown).hash(&mut h);
                    }
                }
            }
        }
        h.finalize()
    }

    /// `unit`'s lines.
    fn text(&self, unit: &Unit, out: &mut String) {
        match unit {
            Unit::Actor(e) => out.push_str(&actor(e)),
            Unit::Source(a) => out.push_str(&article(a)),
            Unit::Mentions(runs) => {
                // The forms the article uses for each actor, borrowed from
                // its paragraphs.
                let source = runs[0][0].cite.source.as_str();
                let mut forms: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
                for run in runs {
                    for (m, surface) in surfaces(run, &self.articles) {
                        forms.entry(m.entity.as_str()).or_default().extend(surface);
                    }
                }
                for (id, names) in forms {
                    if let Some(e) = self.actors.get(id) {
                        out.push_str(&mention(e, self.schemas[id], source, &names));
                    }
                }
            }
        }
    }
}

/// Units hashed per task of [`keyed_pieces`].
const CHUNK: usize = 256;

/// The file cut into pieces where its units say ([`super::cut`]): each
/// piece keyed by what its lines show, and the key of the whole (a
/// fingerprint of everything the file shows). A piece is made only when
/// asked for, so the file never sits whole in memory when the receiver
/// writes each piece out, and a receiver that still has the previous file
/// makes only the pieces whose lines changed: a new source's, those of
/// the actors whose lines show something new.
pub fn keyed_pieces<'a>(
    entities: &'a Entities,
    articles: &'a [Article],
) -> (blake3::Hash, Vec<KeyedPiece<'a>>) {
    let mut sorted: Vec<&Article> = articles.iter().collect();
    sorted.sort_by(|a, b| a.id.cmp(&b.id));
    // A source's mentions in one unit, should they come in several runs.
    let mut runs = runs(entities);
    runs.sort_by(|a, b| a[0].cite.source.cmp(&b[0].cite.source));
    let mentions = runs
        .chunk_by(|a, b| a[0].cite.source == b[0].cite.source)
        .map(|same| Unit::Mentions(same.to_vec()));
    let units: Vec<Unit> = entities
        .entities
        .iter()
        .map(Unit::Actor)
        .chain(sorted.into_iter().map(Unit::Source))
        .chain(mentions)
        .collect();
    let file = File {
        units,
        articles: by_id(articles),
        actors: entities.by_id(),
        schemas: entities
            .entities
            .par_iter()
            .map(|e| (e.id.as_str(), schema(e)))
            .collect(),
    };
    let hashes: Vec<blake3::Hash> = file
        .units
        .par_chunks(CHUNK)
        .map(|chunk| chunk.iter().map(|u| file.hash(u)).collect::<Vec<_>>())
        .collect::<Vec<_>>()
        .concat();
    let (whole, cuts) = super::cut::cut(&hashes);
    let file = std::sync::Arc::new(file);
    let pieces = cuts
        .into_iter()
        .map(|c| {
            let file = std::sync::Arc::clone(&file);
            KeyedPiece {
                key: c.key,
                make: Box::new(move || {
                    let mut text = String::new();
                    for unit in &file.units[c.start..c.end] {
                        file.text(unit, &mut text);
                    }
                    text.into_bytes()
                }),
            }
        })
        .collect();
    (whole, pieces)
}

fn by_id(articles: &[Article]) -> FxHashMap<&str, &Article> {
    articles.iter().map(|a| (a.id.as_str(), a)).collect()
}

/// The mentions, a run per source (they come sorted by citation; should a
/// source come in several runs, [`keyed_pieces`] puts them together).
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

    /// The fingerprint and each piece's key and bytes.
    type Made = (blake3::Hash, Vec<(blake3::Hash, Vec<u8>)>);

    fn made(entities: &Entities, articles: &[Article]) -> Made {
        let (whole, pieces) = keyed_pieces(entities, articles);
        (whole, pieces.iter().map(|p| (p.key, (p.make)())).collect())
    }

    #[test]
    fn a_piece_is_keyed_by_what_its_lines_show() {
        let names = ["Ostap Veles", "Ada Roe", "Ivan Petrov", "Olga Marsh"];
        let places = ["Vitebsk", "Grodno", "Brest"];
        let articles: Vec<Article> = (0..900)
            .map(|i| {
                let text = format!(
                    "{} met {} in {} on Monday.",
                    names[i % 4],
                    names[(i / 4 + 1 + i % 4) % 4],
                    places[i % 3]
                );
                article(&format!("src-{i:04}"), &[], &text)
            })
            .collect();
        let entities = crate::extract::entities::extract(&articles, &[]);
        let base = made(&entities, &articles);
        assert!(base.1.len() > 1, "{} pieces", base.1.len());
        let joined: Vec<u8> = base.1.iter().flat_map(|(_, b)| b.clone()).collect();
        assert_eq!(
            String::from_utf8(joined).unwrap(),
            lines(&entities, &articles)
        );

        // What no line shows of an actor (its quotes and sources) changes
        // neither the fingerprint nor a piece.
        let mut quoted = entities.clone();
        let e = &mut quoted.entities[0];
        e.quotes.push(crate::extract::entities::Quote {
            text: "We will see.".into(),
            cite: e.roles.first().map_or_else(
                || crate::extract::Cite {
                    source: "src-0000".into(),
                    paragraph: 1,
                },
                |r| r.cite.clone(),
            ),
        });
        e.sources.push("src-9999".into());
        assert_eq!(made(&quoted, &articles), base);

        // What a line shows: an alias, a role, a source's title, a
        // mention's form.
        // Each gives another fingerprint and one or two new pieces; a key
        // found before and after stands for the same bytes.
        let mut aliased = entities.clone();
        aliased.entities[0].aliases.push("O. Veles".into());
        let mut promoted = entities.clone();
        let role = crate::extract::entities::Role {
            text: "minister".into(),
            cite: quoted.entities[0].quotes[0].cite.clone(),
        };
        promoted.entities[0].roles.push(role);
        // A role's text, not only how many there are.
        let mut renamed_role = promoted.clone();
        renamed_role.entities[0].roles.last_mut().unwrap().text = "mayor".into();
        assert_ne!(
            made(&renamed_role, &articles).0,
            made(&promoted, &articles).0
        );
        let mut retitled = articles.clone();
        retitled[450].meta.title.push('!');
        let mut renamed = articles.clone();
        if let crate::corpus::Block::Paragraph { text, .. } = &mut renamed[700].blocks[0] {
            *text = text.replace(places[700 % 3], "Minsk");
        }
        let renamed_entities = crate::extract::entities::extract(&renamed, &[]);
        // A place taken for an organisation: another schema in every line
        // that mentions it, in most pieces.
        let mut recast = entities.clone();
        let place = recast.entities.iter_mut().find(|e| e.kind == Kind::Place);
        place.expect("a place").kind = Kind::Organization;
        for (what, after, most) in [
            ("alias", made(&aliased, &articles), 2),
            ("role", made(&promoted, &articles), 2),
            ("title", made(&entities, &retitled), 2),
            ("form", made(&renamed_entities, &renamed), 2),
            ("schema", made(&recast, &articles), base.1.len()),
        ] {
            assert_ne!(after.0, base.0, "{what}");
            let before: std::collections::HashMap<_, _> = base.1.iter().cloned().collect();
            let new = after.1.iter().filter(|(k, _)| !before.contains_key(k));
            assert!((1..=most).contains(&new.count()), "{what}");
            for (key, bytes) in &after.1 {
                if let Some(old) = before.get(key) {
                    assert_eq!(old, bytes, "{what}");
                }
            }
        }
    }

    #[test]
    fn the_fingerprint_changes_with_what_the_lines_show_only() {
        let text = "Interior Minister Ostap Veles spoke in Vitebsk on Monday.\nThe talks went on.";
        let print = |a: &Article| {
            let entities = crate::extract::entities::extract(std::slice::from_ref(a), &[]);
            let (whole, _) = keyed_pieces(&entities, std::slice::from_ref(a));
            (whole, lines(&entities, std::slice::from_ref(a)))
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
