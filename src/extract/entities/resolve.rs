//! Across articles: one actor per person, organisation and place, whatever
//! the romanisation, middle initials or article.
//!
//! Persons are blocked by the romanisation key of their surname
//! ([`translit::surname_key`]) and compared only inside a block, so the work
//! grows with the corpus, not with its square.

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

use super::coref::org_key;
use super::curated;
use super::model::{ArticleEntities, Entities, Entity, Gender, Kind, LocalEntity, Quote, Role};
use super::translit;
use crate::config::ActorConfig;
use crate::extract::{Cite, MentionRef};

/// A mention while actors are assembled: its source's rank ([`Ranks`]),
/// paragraph, start and end.
pub type Ranked = (u32, usize, usize, usize);

/// An actor being assembled from local entities.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub kind: Option<Kind>,
    /// Gazetteer name, or the curated name: wins over the surface forms.
    pub fixed_name: Option<String>,
    /// Surface form → number of mentions.
    pub forms: BTreeMap<String, usize>,
    /// Mentions: source, paragraph, start and end, the source by its rank
    /// among the corpus's source ids ([`Ranks`]), so that the hundreds of
    /// thousands of mentions of a large corpus are neither allocated nor
    /// compared as strings until they are final.
    pub mentions: Vec<Ranked>,
    pub roles: Vec<Role>,
    pub quotes: Vec<Quote>,
    pub description: Option<String>,
}

impl Draft {
    fn kind(&self) -> Kind {
        self.kind.unwrap_or(Kind::Person)
    }

    fn add(&mut self, (rank, source): (u32, &str), local: &LocalEntity, canonical: bool) {
        self.kind = Some(local.kind);
        if canonical && self.fixed_name.is_none() && local.kind != Kind::Person {
            self.fixed_name = Some(local.name.clone());
        }
        for m in &local.mentions {
            self.seen(&m.surface);
            self.mentions.push((rank, m.paragraph, m.start, m.end));
        }
        for r in &local.roles {
            self.roles.push(Role {
                text: r.text.clone(),
                cite: cite(source, r.cite.paragraph),
            });
        }
        self.quotes.extend(local.quotes.iter().cloned());
    }

    /// Count one more mention written `form`.
    fn seen(&mut self, form: &str) {
        match self.forms.get_mut(form) {
            Some(n) => *n += 1,
            None => {
                self.forms.insert(form.to_string(), 1);
            }
        }
    }

    /// Merge another draft into this one.
    pub fn absorb(&mut self, other: Draft) {
        for (f, n) in other.forms {
            *self.forms.entry(f).or_default() += n;
        }
        self.mentions.extend(other.mentions);
        self.roles.extend(other.roles);
        self.quotes.extend(other.quotes);
        self.fixed_name = self.fixed_name.take().or(other.fixed_name);
        self.description = self.description.take().or(other.description);
    }

    /// The canonical name.
    ///
    /// Rule: a gazetteer or curated name wins. Otherwise, for a person, the
    /// surname spelling used most often across all mentions (ties broken
    /// alphabetically), then the full form (given name + surname) with that
    /// spelling used most often (ties alphabetically; any full form if none
    /// has it; the surname alone if no full form is known). For an
    /// organisation, the form used most often (ties: the longer, then
    /// alphabetically).
    pub fn name(&self) -> String {
        if let Some(n) = &self.fixed_name {
            return n.clone();
        }
        let most = |forms: &mut dyn Iterator<Item = (&String, &usize)>| -> Option<String> {
            forms
                .max_by(|a, b| {
                    a.1.cmp(b.1)
                        .then_with(|| a.0.len().cmp(&b.0.len()))
                        .then_with(|| b.0.cmp(a.0))
                })
                .map(|(f, _)| f.clone())
        };
        if self.kind() != Kind::Person {
            return most(&mut self.forms.iter()).unwrap_or_default();
        }
        let mut surnames: BTreeMap<String, usize> = BTreeMap::new();
        for (f, n) in &self.forms {
            if let Some(last) = f.split_whitespace().last() {
                *surnames.entry(last.to_string()).or_default() += n;
            }
        }
        let by_count = |forms: Vec<(&String, &usize)>| {
            forms
                .into_iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(f, _)| f.clone())
        };
        let surname = by_count(surnames.iter().collect()).unwrap_or_default();
        let full: Vec<(&String, &usize)> = self
            .forms
            .iter()
            .filter(|(f, _)| f.split_whitespace().count() > 1)
            .collect();
        let with_spelling: Vec<(&String, &usize)> = full
            .iter()
            .copied()
            .filter(|(f, _)| f.split_whitespace().last() == Some(surname.as_str()))
            .collect();
        by_count(with_spelling)
            .or_else(|| by_count(full))
            .unwrap_or(surname)
    }
}

fn cite(source: &str, paragraph: usize) -> Cite {
    Cite {
        source: source.to_string(),
        paragraph,
    }
}

/// Authors of sources, keyed by the romanisation key of their surname, so
/// that telling whether an entity names an author is a lookup, not a scan.
#[derive(Debug, Default)]
pub struct Authors {
    by_key: BTreeMap<String, Vec<String>>,
    surnames: BTreeSet<String>,
}

impl Authors {
    pub fn new<'a>(names: impl IntoIterator<Item = &'a String>) -> Authors {
        let mut authors = Authors::default();
        for author in names {
            let words: Vec<&str> = author.split_whitespace().collect();
            if let (Some(first), Some(last)) = (words.first(), words.last()) {
                authors
                    .by_key
                    .entry(translit::surname_key(last).0)
                    .or_default()
                    .push(first.to_string());
                authors.surnames.insert(last.to_string());
            }
        }
        authors
    }

    /// Is `word` the surname (last word) of an author, as written?
    pub fn has_surname(&self, word: &str) -> bool {
        self.surnames.contains(word)
    }

    /// Does a local person entity name one of the authors?
    pub fn named_by(&self, e: &LocalEntity) -> bool {
        self.named_by_keyed(e, &mut Keys::default())
    }

    fn named_by_keyed(&self, e: &LocalEntity, keys: &mut Keys) -> bool {
        let Some(surname) = e.surname.as_deref().filter(|_| e.kind == Kind::Person) else {
            return false;
        };
        let Some(firsts) = self.by_key.get(keys.surname(surname)) else {
            return false;
        };
        let Some(first) = e.first.as_deref() else {
            return !firsts.is_empty();
        };
        keys.given(first);
        firsts.iter().any(|author| {
            keys.given(author);
            keys.given_ready(first).compatible(keys.given_ready(author))
        })
    }
}

/// Surname keys and prepared given names, each computed once: the same
/// names recur across thousands of articles, and a key costs a score of
/// passes over the name.
#[derive(Default)]
struct Keys {
    surnames: rustc_hash::FxHashMap<String, String>,
    given: rustc_hash::FxHashMap<String, translit::GivenName>,
}

impl Keys {
    fn surname(&mut self, surname: &str) -> &str {
        if !self.surnames.contains_key(surname) {
            let key = translit::surname_key(surname).0;
            self.surnames.insert(surname.to_string(), key);
        }
        &self.surnames[surname]
    }

    /// Prepare `name` for [`Keys::given_ready`].
    fn given(&mut self, name: &str) {
        if !self.given.contains_key(name) {
            self.given
                .insert(name.to_string(), translit::GivenName::new(name));
        }
    }

    /// A name passed to [`Keys::given`] before.
    fn given_ready(&self, name: &str) -> &translit::GivenName {
        &self.given[name]
    }
}

/// The corpus's source ids in order, and each article's rank among them:
/// comparing ranks orders mentions as comparing their source ids would.
struct Ranks<'a> {
    ids: Vec<&'a str>,
    of_article: Vec<u32>,
}

impl<'a> Ranks<'a> {
    fn new(articles: &'a [ArticleEntities]) -> Ranks<'a> {
        let mut ids: Vec<&str> = articles.iter().map(|a| a.source.as_str()).collect();
        ids.par_sort_unstable();
        ids.dedup();
        let of_article = articles
            .iter()
            .map(|a| {
                let at = ids.binary_search(&a.source.as_str()).expect("a listed id");
                u32::try_from(at).expect("fewer than 2^32 sources")
            })
            .collect();
        Ranks { ids, of_article }
    }
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut y = x;
        while self.0[y] != r {
            let next = self.0[y];
            self.0[y] = r;
            y = next;
        }
        r
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            self.0[hi] = lo;
        }
    }
}

/// Resolve per-article results into the corpus's actors, then apply the
/// curated `actors:` list.
pub fn resolve(articles: Vec<ArticleEntities>, curated_actors: &[ActorConfig]) -> Entities {
    let authors = Authors::new(articles.iter().flat_map(|a| a.authors.iter()));
    let ranks = Ranks::new(&articles);
    let mut keys = Keys::default();
    let mut items: Vec<(usize, &LocalEntity)> = Vec::new();
    for (ai, a) in articles.iter().enumerate() {
        for e in &a.entities {
            if !authors.named_by_keyed(e, &mut keys) {
                items.push((ai, e));
            }
        }
    }
    let mut uf = UnionFind((0..items.len()).collect());
    let mut gender: Vec<Option<Gender>> = items.iter().map(|(_, e)| e.gender).collect();

    // Persons: block by surname key.
    let mut blocks: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut others: BTreeMap<(Kind, String), Vec<usize>> = BTreeMap::new();
    for (i, (_, e)) in items.iter().enumerate() {
        match e.kind {
            Kind::Person => {
                let surname = e.surname.as_deref().unwrap_or(&e.name);
                blocks
                    .entry(keys.surname(surname).to_string())
                    .or_default()
                    .push(i);
            }
            kind => others.entry((kind, org_key(&e.name))).or_default().push(i),
        }
    }
    for members in blocks.values() {
        let (full, bare): (Vec<usize>, Vec<usize>) =
            members.iter().partition(|&&i| items[i].1.first.is_some());
        // People with the same first name (as written) and gender are one
        // person at once; only the distinct names are then compared pairwise,
        // so a surname that recurs across thousands of articles costs
        // (distinct first names)², not (mentions)².
        let mut groups: BTreeMap<(&str, Option<Gender>), Vec<usize>> = BTreeMap::new();
        for &i in &full {
            groups
                .entry((items[i].1.first.as_deref().unwrap_or(""), gender[i]))
                .or_default()
                .push(i);
        }
        let heads: Vec<(&str, usize)> = groups
            .iter()
            .map(|((first, _), group)| {
                for &m in &group[1..] {
                    uf.union(group[0], m);
                }
                (*first, group[0])
            })
            .collect();
        heads.iter().for_each(|(first, _)| keys.given(first));
        for (k, &(first_a, a)) in heads.iter().enumerate() {
            for &(first_b, b) in &heads[k + 1..] {
                let (ra, rb) = (uf.find(a), uf.find(b));
                if ra != rb
                    && keys
                        .given_ready(first_a)
                        .compatible(keys.given_ready(first_b))
                    && translit::gender_compatible(gender[ra], gender[rb])
                {
                    let g = gender[ra].or(gender[rb]);
                    uf.union(a, b);
                    let r = uf.find(a);
                    gender[r] = g;
                }
            }
        }
        // A bare surname joins the most mentioned compatible person seen so
        // far in the block (full names, then earlier bare surnames).
        let mut counts: BTreeMap<usize, usize> = BTreeMap::new(); // root → mentions
        for &a in &full {
            *counts.entry(uf.find(a)).or_default() += items[a].1.mentions.len();
        }
        for &b in &bare {
            let gb = gender[b];
            let best = counts
                .iter()
                .filter(|(&r, _)| translit::gender_compatible(gender[r], gb))
                .max_by(|x, y| x.1.cmp(y.1).then_with(|| y.0.cmp(x.0)))
                .map(|(&r, _)| r);
            let mut carried = 0;
            if let Some(r) = best {
                let g = gender[r].or(gb);
                uf.union(r, b);
                let root = uf.find(b);
                gender[root] = g;
                carried = counts.remove(&r).unwrap_or(0);
            }
            *counts.entry(uf.find(b)).or_default() += carried + items[b].1.mentions.len();
        }
    }
    for members in others.values() {
        for &m in &members[1..] {
            uf.union(members[0], m);
        }
    }

    let mut drafts: BTreeMap<usize, Draft> = BTreeMap::new();
    for (i, &(ai, e)) in items.iter().enumerate() {
        let root = uf.find(i);
        drafts.entry(root).or_default().add(
            (ranks.of_article[ai], &articles[ai].source),
            e,
            e.kind == Kind::Place
                || e.kind == Kind::Organization && !e.mentions.iter().any(|m| m.surface == e.name),
        );
    }
    let mut roots_by_block: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut roots_by_form: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (&root, d) in &drafts {
        if d.kind() == Kind::Person {
            let surname = d.name();
            let surname = surname.split_whitespace().last().unwrap_or_default();
            roots_by_block
                .entry(keys.surname(surname).to_string())
                .or_default()
                .push(root);
        } else {
            for f in d.forms.keys().chain(d.fixed_name.iter()) {
                roots_by_form.entry(f.clone()).or_default().push(root);
            }
        }
    }
    // Lone capitalised words: the one actor they name, if any.
    for (a, &rank) in articles.iter().zip(&ranks.of_article) {
        for m in &a.unresolved {
            if authors.has_surname(&m.surface) {
                continue;
            }
            let target = match roots_by_block.get(keys.surname(&m.surface)) {
                Some(roots) => roots
                    .iter()
                    .max_by_key(|r| (drafts[*r].mentions.len(), std::cmp::Reverse(**r)))
                    .copied(),
                None => roots_by_form
                    .get(&m.surface)
                    .filter(|roots| roots.len() == 1)
                    .map(|roots| roots[0]),
            };
            if let Some(root) = target {
                let d = drafts.get_mut(&root).expect("root has a draft");
                d.seen(&m.surface);
                d.mentions.push((rank, m.paragraph, m.start, m.end));
            }
        }
    }

    let drafts = curated::apply(drafts.into_values().collect(), curated_actors);
    let entities = finish(drafts, &ranks.ids);
    // The per-article results are many small allocations: they are freed
    // on a thread of their own while the build goes on.
    std::thread::spawn(move || drop(articles));
    entities
}

/// Turn drafts into sorted entities with unique ids, and their mentions
/// (`sources`: the source ids by rank).
fn finish(drafts: Vec<Draft>, sources: &[&str]) -> Entities {
    let mut named: Vec<(Kind, String, Draft)> = drafts
        .into_iter()
        .filter(|d| !d.mentions.is_empty())
        .map(|d| (d.kind(), d.name(), d))
        .collect();
    named.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    // Ids in that order (a clash takes a suffix), then each entity is
    // finished on its own, in parallel.
    let mut ids = BTreeSet::new();
    let named: Vec<(String, Kind, String, Draft)> = named
        .into_iter()
        .map(|(kind, name, d)| {
            let base = crate::slug::slugify(&name);
            let mut id = base.clone();
            if ids.contains(&id) {
                id = format!("{base}-{}", kind.as_str());
            }
            let mut n = 2;
            while ids.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            ids.insert(id.clone());
            (id, kind, name, d)
        })
        .collect();
    let (entities, mentions): (Vec<Entity>, Vec<Vec<Ranked>>) = named
        .into_par_iter()
        .map(|(id, kind, name, d)| finish_one(id, kind, name, d, sources))
        .unzip();
    // Every mention, sorted by citation, position and entity id (the order
    // of `MentionRef`), with sources and entities by rank; made into
    // `MentionRef`s once in order. The ids are unique, so entities' ranks
    // are too.
    let mut by_id: Vec<u32> = (0..index(entities.len())).collect();
    by_id.par_sort_unstable_by_key(|&e| entities[e as usize].id.as_str());
    let mut rank_of = vec![0; entities.len()];
    for (rank, &e) in by_id.iter().enumerate() {
        rank_of[e as usize] = index(rank);
    }
    let mut ranked: Vec<(u32, usize, usize, usize, u32)> = mentions
        .into_iter()
        .zip(rank_of)
        .flat_map(|(ms, e)| ms.into_iter().map(move |(s, p, a, b)| (s, p, a, b, e)))
        .collect();
    // Unstable: the order is total, so equal items are identical.
    ranked.par_sort_unstable();
    let mentions = ranked
        .into_par_iter()
        .map(|(source, paragraph, start, end, e)| MentionRef {
            cite: cite(sources[source as usize], paragraph),
            start,
            end,
            entity: entities[by_id[e as usize] as usize].id.clone(),
        })
        .collect();
    Entities { entities, mentions }
}

/// `i` as a `u32` index.
fn index(i: usize) -> u32 {
    u32::try_from(i).expect("fewer than 2^32 entities")
}

/// One entity from its draft, with its mentions.
fn finish_one(
    id: String,
    kind: Kind,
    name: String,
    mut d: Draft,
    sources: &[&str],
) -> (Entity, Vec<Ranked>) {
    // Unstable sorts: the order is total, so equal items are identical.
    d.mentions.sort_unstable();
    d.mentions.dedup();
    let mut aliases: BTreeSet<String> = d.forms.keys().cloned().collect();
    aliases.insert(name.clone());
    d.roles
        .sort_by(|a, b| (&a.cite, &a.text).cmp(&(&b.cite, &b.text)));
    let mut seen = BTreeSet::new();
    d.roles.retain(|r| seen.insert(r.text.to_lowercase()));
    d.quotes.sort();
    d.quotes.dedup();
    // Sorted by rank, so in the order of their ids.
    let mut ranks: Vec<u32> = d.mentions.iter().map(|m| m.0).collect();
    ranks.dedup();
    let entity = Entity {
        id,
        name,
        kind,
        aliases: aliases.into_iter().collect(),
        roles: d.roles,
        quotes: d.quotes,
        description: d.description,
        mentions: d.mentions.len(),
        sources: ranks
            .iter()
            .map(|&r| sources[r as usize].to_string())
            .collect(),
    };
    (entity, d.mentions)
}
