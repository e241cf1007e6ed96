//! Actor pages: `actors/<id>.md` per actor and the `actors/_index.md` table.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use rustc_hash::FxHashMap;

use rayon::prelude::*;

use super::emit::{group, Emit};
use super::page::FrontMatter;
use super::titles::Sources;
use super::GeneratedPage;
use super::{archive, escape};
use crate::corpus::Article;
use crate::extract::entities::{Entities, Entity, Kind, Quote};
use crate::extract::facts::ParagraphTopics;
use crate::extract::{Cite, MentionRef};

/// Publication periods of the sources, by id.
fn periods(articles: &[Article]) -> FxHashMap<&str, archive::Period> {
    articles
        .iter()
        .map(|a| {
            (
                a.id.as_str(),
                archive::period_of_text(a.meta.date.as_deref()),
            )
        })
        .collect()
}

fn actor_link(e: &Entity) -> String {
    format!("[{}](@/actors/{}.md)", escape::markdown(&e.name), e.id)
}

/// Pages for every actor and the actors index (collected, for tests).
#[cfg(test)]
pub fn pages(
    entities: &Entities,
    articles: &[Article],
    topics_of: &ParagraphTopics,
) -> Vec<GeneratedPage> {
    let collected = super::emit::Collected::default();
    emit(entities, articles, topics_of, &collected);
    collected.into_output().pages
}

/// Pages for every actor and the actors index, into `out`. An actor's
/// pages are made from a fingerprint of everything they show (see
/// [`source_prints`]): when an earlier build made them from the same, and
/// they are still in place, they are kept as they are ([`group`]); so is
/// each of its archive pages whose period shows the same.
pub fn emit(
    entities: &Entities,
    articles: &[Article],
    topics_of: &ParagraphTopics,
    out: &dyn Emit,
) {
    let titles = Sources::new(articles);
    let periods = periods(articles);
    let by_id = entities.by_id();
    let paragraphs = paragraphs(entities);
    // Actor → the paragraphs that name it, in order (each paragraph names
    // an actor once).
    let mut paragraphs_of: FxHashMap<&str, Vec<&Paragraph>> = FxHashMap::default();
    for p in &paragraphs {
        for id in &p.named {
            paragraphs_of.entry(id).or_default().push(p);
        }
    }
    let prints = source_prints(articles, &paragraphs, &by_id, topics_of);
    let known = Known {
        titles: &titles,
        periods: &periods,
        prints: &prints,
    };
    // Each actor's pages are one group, its archive pages groups of their
    // own inside it: a new source naming the actor makes its page again
    // and the archive page of the source's period, not the others.
    entities.entities.par_iter().for_each(|e| {
        let mine = paragraphs_of
            .get(e.id.as_str())
            .map_or(&[][..], Vec::as_slice);
        let cites: Vec<&Cite> = mine.iter().map(|p| p.cite).collect();
        group(out, &page_key(e, &cites, &prints), |out| {
            let page = actor_page(e, mine, &cites, &by_id, &known, topics_of, out);
            out.pages(vec![page], false);
        });
    });
    out.pages(vec![index(entities)], false);
}

/// A paragraph that names actors, and which (ids, sorted and distinct).
struct Paragraph<'a> {
    cite: &'a Cite,
    named: Vec<&'a str>,
}

/// Every paragraph that names actors, in citation order (so each source's
/// paragraphs are one run).
fn paragraphs(entities: &Entities) -> Vec<Paragraph<'_>> {
    // Resolution leaves the mentions sorted by paragraph; if they are not,
    // a sorted list of references to them.
    let mut mentions: Vec<&MentionRef> = entities.mentions.iter().collect();
    if !mentions.is_sorted_by(|a, b| a.cite <= b.cite) {
        mentions.sort_by(|a, b| a.cite.cmp(&b.cite));
    }
    let runs: Vec<&[&MentionRef]> = mentions.chunk_by(|a, b| a.cite == b.cite).collect();
    runs.par_iter()
        .map(|run| {
            let mut named: Vec<&str> = run.iter().map(|m| m.entity.as_str()).collect();
            named.sort_unstable();
            named.dedup();
            Paragraph {
                cite: &run[0].cite,
                named,
            }
        })
        .collect()
}

/// A fingerprint, per source, of everything an actor page shows of it: its
/// title and date, and for each of its paragraphs that names actors, which
/// ones (id and name) and the paragraph's topics. (An actor's paragraphs
/// in a source are those that name it, so they are covered too; a source
/// that is not an article has no print, and pages show its id.)
fn source_prints<'a>(
    articles: &'a [Article],
    paragraphs: &[Paragraph],
    by_id: &FxHashMap<&str, &Entity>,
    topics_of: &ParagraphTopics,
) -> FxHashMap<&'a str, blake3::Hash> {
    let runs: FxHashMap<&str, &[Paragraph]> = paragraphs
        .chunk_by(|a, b| a.cite.source == b.cite.source)
        .map(|run| (run[0].cite.source.as_str(), run))
        .collect();
    articles
        .par_iter()
        .map(|a| {
            let run = runs.get(a.id.as_str()).copied().unwrap_or(&[]);
            let paragraphs: Vec<_> = run
                .iter()
                .map(|p| {
                    let named: Vec<(&str, Option<&str>)> = p
                        .named
                        .iter()
                        .map(|id| (*id, by_id.get(id).map(|e| e.name.as_str())))
                        .collect();
                    (p.cite.paragraph, named, topics_of.get(p.cite))
                })
                .collect();
            let seen = (&a.id, &a.meta.title, &a.meta.date, paragraphs);
            (
                a.id.as_str(),
                crate::memo::fingerprint("actor-source", &seen),
            )
        })
        .collect()
}

/// The fingerprint of everything an actor's pages show: the actor's
/// record and what they show of each source it is named, quoted or given
/// a role in.
fn page_key(e: &Entity, cites: &[&Cite], prints: &FxHashMap<&str, blake3::Hash>) -> blake3::Hash {
    let mut sources: Vec<&str> = cites
        .iter()
        .map(|c| c.source.as_str())
        .chain(e.roles.iter().map(|r| r.cite.source.as_str()))
        .chain(e.quotes.iter().map(|q| q.cite.source.as_str()))
        .collect();
    sources.sort_unstable();
    sources.dedup();
    let seen: Vec<(&str, Option<&[u8; 32]>)> = sources
        .into_iter()
        .map(|s| (s, prints.get(s).map(blake3::Hash::as_bytes)))
        .collect();
    crate::memo::fingerprint("actor-page", &(e, seen))
}

/// What the pages know of the sources: titles, publication periods and
/// the fingerprint of what an actor page shows of each ([`source_prints`]).
struct Known<'a> {
    titles: &'a Sources<'a>,
    periods: &'a FxHashMap<&'a str, archive::Period>,
    prints: &'a FxHashMap<&'a str, blake3::Hash>,
}

impl Known<'_> {
    fn period(&self, source: &str) -> archive::Period {
        self.periods.get(source).copied().flatten()
    }
}

/// The actor's page; when it is named in more than [`archive::INLINE`]
/// sources or quoted more often, its archive pages go to `out`, each kept
/// when what it shows is unchanged. `mine` are the paragraphs that name the
/// actor, `cites` their citations.
fn actor_page(
    e: &Entity,
    mine: &[&Paragraph],
    cites: &[&Cite],
    by_id: &FxHashMap<&str, &Entity>,
    known: &Known,
    topics_of: &ParagraphTopics,
    out: &dyn Emit,
) -> GeneratedPage {
    let titles = known.titles;
    let mut body = String::new();
    body.push_str(&format!("**Kind:** {}\n\n", kind_label(e.kind)));
    if let Some(d) = &e.description {
        body.push_str(&format!("{}\n\n", escape::markdown(d)));
    }
    body.push_str("## Name variants\n\n");
    for alias in &e.aliases {
        body.push_str(&format!("- {}\n", escape::markdown(alias)));
    }
    if !e.roles.is_empty() {
        body.push_str("\n## Roles\n\n");
        for r in &e.roles {
            body.push_str(&format!(
                "- {} ({})\n",
                escape::markdown(&r.text),
                titles.link(&r.cite)
            ));
        }
    }
    // `cites` is sorted, so each source's paragraphs are one run.
    let by_source: BTreeMap<&str, Vec<&Cite>> = cites
        .chunk_by(|a, b| a.source == b.source)
        .map(|run| (run[0].source.as_str(), run.to_vec()))
        .collect();
    let archived = archive::archived(by_source.len()) || archive::archived(e.quotes.len());
    if archived {
        body.push_str(&archive_pages(e, &by_source, known, out));
    } else {
        body.push_str(&quotes(&e.quotes.iter().collect::<Vec<_>>(), titles));
        body.push_str("\n## Sources\n\n");
        body.push_str(&sources(&by_source, titles));
    }
    // Co-mentioned actors: number of shared paragraphs, most first.
    let mut co: FxHashMap<&str, usize> = FxHashMap::default();
    for p in mine {
        for other in &p.named {
            if *other != e.id {
                *co.entry(other).or_default() += 1;
            }
        }
    }
    let mut co: Vec<(&Entity, usize)> = co
        .into_iter()
        .filter_map(|(id, n)| Some((*by_id.get(id)?, n)))
        .collect();
    co.sort_by(|a, b| {
        (b.1.cmp(&a.1))
            .then_with(|| a.0.name.cmp(&b.0.name))
            .then_with(|| a.0.id.cmp(&b.0.id))
    });
    if !co.is_empty() {
        body.push_str("\n## Mentioned with\n\n");
        for (other, n) in co {
            body.push_str(&format!(
                "- {} ({n} {})\n",
                actor_link(other),
                plural(n, "paragraph")
            ));
        }
    }
    let mut topics: FxHashMap<&str, usize> = FxHashMap::default();
    for c in cites {
        for t in topics_of.get(*c).into_iter().flatten() {
            *topics.entry(t).or_default() += 1;
        }
    }
    let mut topics: Vec<(&str, usize)> = topics.into_iter().collect();
    topics.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    if !topics.is_empty() {
        body.push_str("\n## Topics\n\n");
        for (t, n) in topics {
            body.push_str(&format!(
                "- [{}](@/topics/{t}.md) ({n} {})\n",
                escape::markdown(t),
                plural(n, "paragraph")
            ));
        }
    }
    let mut front = FrontMatter {
        title: e.name.clone(),
        template: Some("actor.html".to_string()),
        generated: true,
        ..Default::default()
    };
    front
        .extra
        .insert("kind".into(), serde_json::json!(e.kind.as_str()));
    front
        .extra
        .insert("aliases".into(), serde_json::json!(e.aliases));
    front
        .extra
        .insert("mentions".into(), serde_json::json!(e.mentions));
    GeneratedPage {
        path: format!("actors/{}.md", e.id),
        front,
        body,
    }
}

/// The quotes under their heading, each cited (nothing when there are none).
fn quotes(list: &[&Quote], titles: &Sources) -> String {
    if list.is_empty() {
        return String::new();
    }
    format!("\n## Quotes\n\n{}", quote_items(list, titles))
}

fn quote_items(list: &[&Quote], titles: &Sources) -> String {
    list.iter()
        .map(|q| {
            format!(
                "- “{}” ({})\n",
                escape::markdown(&q.text),
                titles.link(&q.cite)
            )
        })
        .collect()
}

/// One line per source, linking to it and to each paragraph naming the actor.
fn sources(by_source: &BTreeMap<&str, Vec<&Cite>>, titles: &Sources) -> String {
    let mut out = String::new();
    for (source, cs) in by_source {
        let _ = write!(
            out,
            "- [{}](@/sources/{source}.md): ",
            titles.title_markdown(source)
        );
        for (i, c) in cs.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            let _ = write!(out, "[¶{}]({})", c.paragraph, c.link());
        }
        out.push('\n');
    }
    out
}

/// For an actor named in many sources: the most recent quotes and sources
/// on its page, and every one of them on a page per period in which their
/// sources were published (`actors/<id>/<period>.md`).
fn archive_pages(
    e: &Entity,
    by_source: &BTreeMap<&str, Vec<&Cite>>,
    known: &Known,
    emit: &dyn Emit,
) -> String {
    // Sources (and quotes) oldest first, undated first.
    let mut order: Vec<&str> = by_source.keys().copied().collect();
    order.sort_by_cached_key(|s| (known.period(s), *s));
    let mut quoted: Vec<&Quote> = e.quotes.iter().collect();
    quoted.sort_by_cached_key(|q| (known.period(&q.cite.source), &q.cite, &q.text));
    let mut out = String::new();
    let quote_periods: Vec<archive::Period> = quoted
        .iter()
        .map(|q| known.period(&q.cite.source))
        .collect();
    let recent = archive::latest(&quote_periods);
    if recent.len() < quoted.len() {
        out.push_str(&format!(
            "\n## Quotes\n\nThe {} most recent of {}; every one is in the archive below.\n\n",
            recent.len(),
            quoted.len()
        ));
        out.push_str(&quote_items(&quoted[recent], known.titles));
    } else {
        out.push_str(&quotes(&quoted, known.titles));
    }
    let source_periods: Vec<archive::Period> = order.iter().map(|s| known.period(s)).collect();
    let recent = archive::latest(&source_periods);
    fn pick<'a>(
        by_source: &BTreeMap<&'a str, Vec<&'a Cite>>,
        list: &[&'a str],
    ) -> BTreeMap<&'a str, Vec<&'a Cite>> {
        list.iter().map(|s| (*s, by_source[s].clone())).collect()
    }
    out.push_str(&format!(
        "\n## Sources\n\nNamed in {} sources; the {} most recent:\n\n",
        order.len(),
        recent.len()
    ));
    out.push_str(&sources(&pick(by_source, &order[recent]), known.titles));

    let parts = archive::split(&source_periods);
    let base = format!("actors/{}", e.id);
    out.push_str("\n## Archive\n\nEvery source and quote, on a page per period in which the source was published, newest first:\n\n");
    let mut keyed = Vec::new();
    for (k, part) in parts.iter().enumerate().rev() {
        let mine: Vec<&str> = part.items.iter().map(|&i| order[i]).collect();
        let set: BTreeSet<&str> = mine.iter().copied().collect();
        let part_quotes: Vec<&Quote> = quoted
            .iter()
            .copied()
            .filter(|q| set.contains(q.cite.source.as_str()))
            .collect();
        out.push_str(&format!(
            "- {}: {} sources, {} quotes\n",
            archive::link(&base, part),
            mine.len(),
            part_quotes.len()
        ));
        let neighbours = archive::neighbours(&base, &parts, k);
        // Everything the page shows: the actor's id and name, the period,
        // its neighbours, its quotes, and of each source what an actor
        // page shows of it (which covers the paragraphs naming the actor).
        let shown: Vec<(&str, Option<&[u8; 32]>)> = mine
            .iter()
            .map(|s| (*s, known.prints.get(s).map(blake3::Hash::as_bytes)))
            .collect();
        let key = crate::memo::fingerprint(
            "actor-archive",
            &(
                &e.id,
                &e.name,
                &part.slug,
                &part.title,
                &neighbours,
                &part_quotes,
                &shown,
            ),
        );
        if emit.reuse(&key) {
            continue;
        }
        let mut body = quotes(&part_quotes, known.titles);
        body.push_str("\n## Sources\n\n");
        body.push_str(&sources(&pick(by_source, &mine), known.titles));
        body.push_str(&neighbours);
        let page = GeneratedPage {
            path: format!("actors/{}/{}.md", e.id, part.slug),
            front: FrontMatter {
                title: format!("{}: {}", e.name, part.title),
                description: Some(format!(
                    "The sources published in {} that name {}, and its quotes in them.",
                    part.title, e.name
                )),
                template: Some("actor.html".to_string()),
                generated: true,
                ..Default::default()
            },
            body,
        };
        keyed.push((key, vec![page]));
    }
    emit.keyed(keyed);
    out
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "Person",
        Kind::Organization => "Organization",
        Kind::Place => "Place",
    }
}

/// The actors index: a table per kind, most mentioned first.
fn index(entities: &Entities) -> GeneratedPage {
    let mut body = String::new();
    for kind in [Kind::Person, Kind::Organization, Kind::Place] {
        let mut list: Vec<&Entity> = entities
            .entities
            .iter()
            .filter(|e| e.kind == kind)
            .collect();
        if list.is_empty() {
            continue;
        }
        list.sort_by(|a, b| {
            b.mentions
                .cmp(&a.mentions)
                .then_with(|| a.name.cmp(&b.name))
        });
        body.push_str(&format!("## {}\n\n", kind.plural_label()));
        body.push_str("| Name | Variants | Mentions | Sources |\n|---|---|---:|---:|\n");
        for e in list {
            let variants: Vec<String> = e
                .aliases
                .iter()
                .filter(|a| **a != e.name)
                .map(|a| escape::markdown(a))
                .collect();
            body.push_str(&format!(
                "| {} | {} | {} | {} |\n",
                actor_link(e),
                variants.join(" · "),
                e.mentions,
                e.sources.len()
            ));
        }
        body.push('\n');
    }
    GeneratedPage {
        path: "actors/_index.md".to_string(),
        front: FrontMatter {
            title: "Actors".to_string(),
            template: Some("actors.html".to_string()),
            generated: true,
            ..Default::default()
        },
        body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::entities::{Quote, Role};
    use crate::extract::MentionRef;

    fn cite(p: usize) -> Cite {
        Cite {
            source: "src-a".into(),
            paragraph: p,
        }
    }

    fn sample() -> (Entities, Vec<Article>) {
        let person = Entity {
            id: "ostap-veles".into(),
            name: "Ostap Veles".into(),
            kind: Kind::Person,
            aliases: vec!["Ostap Veles".into(), "Veles".into()],
            roles: vec![Role {
                text: "opposition *blogger*".into(),
                cite: cite(1),
            }],
            quotes: vec![Quote {
                text: "We <b>wait</b> [here](x)".into(),
                cite: cite(2),
            }],
            description: None,
            mentions: 2,
            sources: vec!["src-a".into()],
        };
        let place = Entity {
            id: "narnia".into(),
            name: "Narnia".into(),
            kind: Kind::Place,
            aliases: vec!["Narnia".into()],
            roles: vec![],
            quotes: vec![],
            description: None,
            mentions: 1,
            sources: vec!["src-a".into()],
        };
        let m = |p, e: &str| MentionRef {
            cite: cite(p),
            start: 0,
            end: 1,
            entity: e.into(),
        };
        let entities = Entities {
            entities: vec![person, place],
            mentions: vec![m(1, "ostap-veles"), m(1, "narnia"), m(2, "ostap-veles")],
        };
        let mut article = crate::extract::entities::fixtures::article("src-a", &[], "One.\nTwo.");
        article.meta.title = "A *bold* title".into();
        (entities, vec![article])
    }

    #[test]
    fn actor_page_cites_escapes_and_links() {
        let (entities, articles) = sample();
        let paragraph = cite(1);
        let topics: ParagraphTopics = [(&paragraph, vec!["sanctions"])].into_iter().collect();
        let pages = pages(&entities, &articles, &topics);
        let page = pages
            .iter()
            .find(|p| p.path == "actors/ostap-veles.md")
            .unwrap();
        assert_eq!(page.front.title, "Ostap Veles");
        assert_eq!(page.front.template.as_deref(), Some("actor.html"));
        assert!(page.front.generated);
        assert_eq!(page.front.extra["kind"], "person");
        let body = &page.body;
        assert!(
            body.contains(
                "opposition \\*blogger\\* ([A \\*bold\\* title ¶1](@/sources/src-a.md#p1))"
            ),
            "{body}"
        );
        assert!(
            body.contains("We \\<b\\>wait\\</b\\> \\[here\\]\\(x\\)"),
            "{body}"
        );
        assert!(
            body.contains("[¶1](@/sources/src-a.md#p1), [¶2](@/sources/src-a.md#p2)"),
            "{body}"
        );
        assert!(
            body.contains("- [Narnia](@/actors/narnia.md) (1 paragraph)"),
            "{body}"
        );
        assert!(
            body.contains("- [sanctions](@/topics/sanctions.md) (1 paragraph)"),
            "{body}"
        );
        let html = {
            let mut out = String::new();
            pulldown_cmark::html::push_html(&mut out, pulldown_cmark::Parser::new(body));
            out
        };
        assert!(!html.contains("<b>") && !html.contains("<em>"), "{html}");
    }

    #[test]
    fn index_groups_by_kind_most_mentioned_first() {
        let (entities, articles) = sample();
        let pages = pages(&entities, &articles, &FxHashMap::default());
        let index = pages.iter().find(|p| p.path == "actors/_index.md").unwrap();
        assert_eq!(index.front.title, "Actors");
        assert_eq!(index.front.template.as_deref(), Some("actors.html"));
        let people = index.body.find("## People").unwrap();
        let places = index.body.find("## Places").unwrap();
        assert!(people < places);
        assert!(
            index
                .body
                .contains("| [Ostap Veles](@/actors/ostap-veles.md) | Veles | 2 | 1 |"),
            "{}",
            index.body
        );
    }

    /// Remembers the keys of what it is given, and makes the pages of a
    /// key it has seen no more (a receiver that keeps what it made).
    #[derive(Default)]
    struct Remembers {
        seen: std::sync::Mutex<BTreeSet<[u8; 32]>>,
        made: std::sync::Mutex<Vec<String>>,
    }

    impl Emit for Remembers {
        fn pages(&self, pages: Vec<GeneratedPage>, _: bool) {
            self.pages_hashed(pages);
        }
        fn assets(&self, _: Vec<crate::dossier::GeneratedAsset>) {}
        fn data(&self, _: String, _: Vec<u8>) {}
        fn reuse(&self, key: &blake3::Hash) -> bool {
            self.seen.lock().unwrap().contains(key.as_bytes())
        }
        fn pages_hashed(&self, pages: Vec<GeneratedPage>) -> Vec<Option<[u8; 32]>> {
            let mut made = self.made.lock().unwrap();
            pages
                .into_iter()
                .map(|p| {
                    let hash = *blake3::hash(p.body.as_bytes()).as_bytes();
                    made.push(p.path);
                    Some(hash)
                })
                .collect()
        }
        fn remember(&self, key: &blake3::Hash, _: crate::dossier::emit::Made, _: &[blake3::Hash]) {
            self.seen.lock().unwrap().insert(*key.as_bytes());
        }
    }

    #[test]
    fn a_new_source_makes_the_actor_page_and_its_period_archive_only() {
        // An actor named in enough sources to be archived, by year.
        let corpus = |n: usize| {
            let articles: Vec<Article> = (0..n)
                .map(|i| {
                    let id = format!("src-{i:03}");
                    let mut a =
                        crate::extract::entities::fixtures::article(&id, &[], "Ostap Veles spoke.");
                    a.meta.date = Some(format!("{}-0{}-10", 2020 + i % 3, 1 + i % 9));
                    a
                })
                .collect();
            let mentions: Vec<MentionRef> = articles
                .iter()
                .map(|a| MentionRef {
                    cite: Cite {
                        source: a.id.clone(),
                        paragraph: 1,
                    },
                    start: 0,
                    end: 11,
                    entity: "ostap-veles".into(),
                })
                .collect();
            let person = Entity {
                id: "ostap-veles".into(),
                name: "Ostap Veles".into(),
                kind: Kind::Person,
                aliases: vec!["Ostap Veles".into()],
                roles: vec![],
                quotes: vec![],
                description: None,
                mentions: n,
                sources: articles.iter().map(|a| a.id.clone()).collect(),
            };
            let entities = Entities {
                entities: vec![person],
                mentions,
            };
            (entities, articles)
        };
        let out = Remembers::default();
        let made = |n: usize| {
            let (entities, articles) = corpus(n);
            emit(&entities, &articles, &FxHashMap::default(), &out);
            let mut made = std::mem::take(&mut *out.made.lock().unwrap());
            made.sort();
            made
        };
        let first = made(archive::INLINE + 60);
        assert!(
            first.contains(&"actors/ostap-veles/2021.md".to_string()),
            "archived by year: {first:?}"
        );
        assert_eq!(
            made(archive::INLINE + 60),
            ["actors/_index.md"],
            "nothing changed"
        );
        // One more source, published in 2022 (the 261st is dated 2022).
        assert_eq!(
            made(archive::INLINE + 61),
            [
                "actors/_index.md",
                "actors/ostap-veles.md",
                "actors/ostap-veles/2022.md"
            ]
        );
    }
}
