//! Within-article resolution: full names, bare surnames and
//! honorific + surname forms of one person become one local entity; two
//! people sharing a surname stay apart by first name and gender.

use std::collections::{BTreeMap, BTreeSet};

use super::candidates::Candidate;
use super::model::{Gender, Kind, LocalEntity, LocalMention};
use super::tokens::Token;
use super::translit;

/// One paragraph ready for resolution.
pub struct Para<'a> {
    pub n: usize,
    pub text: &'a str,
    pub tokens: Vec<Token<'a>>,
    pub candidates: Vec<Candidate>,
}

/// Position of a candidate: (paragraph index, candidate index).
pub type Pos = (usize, usize);

struct Group {
    kind: Kind,
    first: Option<String>,
    surname: Option<String>,
    stem: String,
    gender: Option<Gender>,
    members: Vec<Pos>,
    /// The same positions, ordered (for [`closest`] in log time).
    ordered: BTreeSet<Pos>,
}

impl Group {
    fn push(&mut self, pos: Pos) {
        self.members.push(pos);
        self.ordered.insert(pos);
    }
}

/// Result of within-article resolution.
pub struct Resolved {
    pub entities: Vec<LocalEntity>,
    /// Entity index of each candidate, per paragraph.
    pub assignment: Vec<Vec<Option<usize>>>,
    pub unresolved: Vec<LocalMention>,
}

/// Key of an organisation or place name: lowercase ASCII without dots, a
/// leading "the" or a leading "US" ("the U.S. State Department" → "state department").
pub fn org_key(name: &str) -> String {
    let folded = deunicode::deunicode(name)
        .to_lowercase()
        .replace(['.', '’', '\''], "");
    let mut words: Vec<&str> = folded.split_whitespace().collect();
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    if words.len() > 1 && matches!(words[0], "us" | "usa") {
        words.remove(0);
    }
    words.join(" ")
}

fn name_words(c: &Candidate) -> Vec<&str> {
    let mut words: Vec<&str> = c.words.iter().map(String::as_str).collect();
    while words.len() > 1
        && matches!(
            words
                .last()
                .map(|w| w.trim_end_matches('.').to_lowercase())
                .as_deref(),
            Some("jr" | "sr" | "ii" | "iii")
        )
    {
        words.pop();
    }
    words
}

/// Gender a person candidate shows: honorific, then given name, then surname ending.
fn gender_of(c: &Candidate) -> Option<Gender> {
    let words = name_words(c);
    c.gender
        .or_else(|| {
            (words.len() > 1)
                .then(|| translit::given_key(words[0]).1)
                .flatten()
        })
        .or_else(|| translit::surname_key(words.last()?).1)
}

fn merge_gender(a: Option<Gender>, b: Option<Gender>) -> Option<Gender> {
    a.or(b)
}

/// Pick among compatible groups: the one mentioned most recently before
/// `pos`, else the first one mentioned after it.
fn closest(groups: &[Group], options: &[usize], pos: Pos) -> usize {
    let before = options
        .iter()
        .filter_map(|&g| {
            let last = groups[g].ordered.range(..pos).next_back()?;
            Some((*last, g))
        })
        .max();
    match before {
        Some((_, g)) => g,
        None => *options
            .iter()
            .min_by_key(|&&g| groups[g].ordered.first().copied())
            .expect("non-empty options"),
    }
}

/// Resolve the candidates of one article.
pub fn resolve(paras: &[Para<'_>]) -> Resolved {
    let mut groups: Vec<Group> = Vec::new();
    let mut assignment: Vec<Vec<Option<usize>>> = paras
        .iter()
        .map(|p| vec![None; p.candidates.len()])
        .collect();
    let positions: Vec<Pos> = paras
        .iter()
        .enumerate()
        .flat_map(|(pi, p)| (0..p.candidates.len()).map(move |ci| (pi, ci)))
        .collect();
    let cand = |pos: Pos| &paras[pos.0].candidates[pos.1];

    // Groups by kind and key (organisations, places) and person groups by
    // surname stem, in order of creation: lookups in log time (an article
    // may name thousands).
    let mut by_key: BTreeMap<(Kind, String), usize> = BTreeMap::new();
    let mut by_stem: BTreeMap<String, Vec<usize>> = BTreeMap::new();

    // Organisations and places: by key.
    for &pos in &positions {
        let c = cand(pos);
        let Some(kind @ (Kind::Organization | Kind::Place)) = c.kind else {
            continue;
        };
        let key = org_key(c.canonical.as_deref().unwrap_or(&c.surface()));
        let g = match by_key.get(&(kind, key.clone())) {
            Some(&g) => g,
            None => {
                by_key.insert((kind, key.clone()), groups.len());
                groups.push(Group {
                    kind,
                    first: None,
                    surname: None,
                    stem: String::new(),
                    gender: None,
                    members: Vec::new(),
                    ordered: BTreeSet::new(),
                });
                groups.len() - 1
            }
        };
        groups[g].push(pos);
        assignment[pos.0][pos.1] = Some(g);
    }

    // Organisations and places by each of their forms (surface or
    // canonical), first group first, for lone words: an organisation or
    // place one of whose forms is the word. Kept up to date as members join.
    let mut named: BTreeMap<String, usize> = BTreeMap::new();
    for (g, group) in groups.iter().enumerate() {
        for &(p, c) in &group.members {
            let cand = &paras[p].candidates[c];
            named.entry(cand.surface()).or_insert(g);
            if let Some(canonical) = &cand.canonical {
                named.entry(canonical.clone()).or_insert(g);
            }
        }
    }

    // Persons named in full.
    for &pos in &positions {
        let c = cand(pos);
        let words = name_words(c);
        if c.kind != Some(Kind::Person) || words.len() < 2 {
            continue;
        }
        let (first, surname) = (words[0], *words.last().expect("two words"));
        let stem = translit::surname_key(surname).0;
        let gender = gender_of(c);
        let found = by_stem
            .get(&stem)
            .into_iter()
            .flatten()
            .copied()
            .find(|&g| {
                let g = &groups[g];
                g.kind == Kind::Person
                    && g.stem == stem
                    && g.first
                        .as_deref()
                        .is_some_and(|f| translit::given_compatible(f, first))
                    && translit::gender_compatible(g.gender, gender)
            });
        let g = match found {
            Some(g) => {
                if groups[g]
                    .first
                    .as_ref()
                    .is_some_and(|f| f.trim_end_matches('.').len() == 1)
                {
                    groups[g].first = Some(first.to_string());
                }
                groups[g].gender = merge_gender(groups[g].gender, gender);
                g
            }
            None => {
                by_stem.entry(stem.clone()).or_default().push(groups.len());
                groups.push(Group {
                    kind: Kind::Person,
                    first: Some(first.to_string()),
                    surname: Some(surname.to_string()),
                    stem,
                    gender,
                    members: Vec::new(),
                    ordered: BTreeSet::new(),
                });
                groups.len() - 1
            }
        };
        groups[g].push(pos);
        assignment[pos.0][pos.1] = Some(g);
    }

    // Whether each paragraph's candidates come in token order (they do, as
    // `candidates::find` makes them; checked once, for [`coordinated`]).
    let in_order: Vec<bool> = paras
        .iter()
        .map(|p| {
            p.candidates
                .windows(2)
                .all(|w| w[0].first <= w[1].first && w[0].last <= w[1].last)
        })
        .collect();

    // One-word persons (with a cue), then lone capitalised words.
    for pass_weak in [false, true] {
        for &pos in &positions {
            let c = cand(pos);
            let words = name_words(c);
            let weak = c.kind.is_none();
            if weak != pass_weak || !(weak || c.kind == Some(Kind::Person) && words.len() == 1) {
                continue;
            }
            let word = words[0];
            let stem = translit::surname_key(word).0;
            let gender = if weak { c.gender } else { gender_of(c) };
            let options: Vec<usize> = by_stem
                .get(&stem)
                .into_iter()
                .flatten()
                .copied()
                .filter(|&g| {
                    groups[g].kind == Kind::Person
                        && groups[g].stem == stem
                        && translit::gender_compatible(groups[g].gender, gender)
                })
                .collect();
            let exact: Vec<usize> = options
                .iter()
                .copied()
                .filter(|&g| gender.is_some() && groups[g].gender == gender)
                .collect();
            let chosen = if !exact.is_empty() {
                Some(closest(&groups, &exact, pos))
            } else if !options.is_empty() {
                Some(closest(&groups, &options, pos))
            } else if weak {
                named.get(word).copied().or_else(|| {
                    coordinated(paras, &in_order, &assignment, &groups, pos).then_some(usize::MAX)
                })
            } else {
                Some(usize::MAX)
            };
            let g = match chosen {
                Some(usize::MAX) => {
                    by_stem.entry(stem.clone()).or_default().push(groups.len());
                    groups.push(Group {
                        kind: Kind::Person,
                        first: None,
                        surname: Some(word.to_string()),
                        stem,
                        gender,
                        members: Vec::new(),
                        ordered: BTreeSet::new(),
                    });
                    groups.len() - 1
                }
                Some(g) => g,
                None => continue,
            };
            if groups[g].kind == Kind::Person {
                groups[g].gender = merge_gender(groups[g].gender, gender);
            } else {
                for form in [Some(c.surface()), c.canonical.clone()]
                    .into_iter()
                    .flatten()
                {
                    let first = named.entry(form).or_insert(g);
                    *first = (*first).min(g);
                }
            }
            groups[g].push(pos);
            assignment[pos.0][pos.1] = Some(g);
        }
    }

    let mut unresolved = Vec::new();
    for &pos in &positions {
        let c = cand(pos);
        if assignment[pos.0][pos.1].is_none() && c.kind.is_none() {
            unresolved.push(LocalMention {
                paragraph: paras[pos.0].n,
                start: c.start,
                end: c.end,
                surface: c.surface(),
            });
        }
    }

    let entities = groups.iter().map(|g| local_entity(g, paras)).collect();
    Resolved {
        entities,
        assignment,
        unresolved,
    }
}

/// Is the lone word at `pos` listed with a person ("X, Y and Z")?
fn coordinated(
    paras: &[Para<'_>],
    in_order: &[bool],
    assignment: &[Vec<Option<usize>>],
    groups: &[Group],
    pos: Pos,
) -> bool {
    let para = &paras[pos.0];
    let c = &para.candidates[pos.1];
    let joins = |from: usize, to: usize| {
        to > from + 1
            && to - from <= 3
            && (from + 1..to).all(|k| {
                let t = &para.tokens[k];
                t.is(",") || t.lower() == "and" || t.lower() == "or"
            })
    };
    // Only candidates within three tokens can join; candidates come in
    // token order, so they are found by bisection (a paragraph may hold
    // hundreds of thousands).
    let all = &para.candidates;
    let (lo, hi) = if in_order[pos.0] {
        (
            all.partition_point(|x| x.last + 3 < c.first),
            all.partition_point(|x| x.first <= c.last + 3),
        )
    } else {
        (0, all.len())
    };
    (lo..hi.max(lo)).any(|k| {
        let other = &all[k];
        let is_person = assignment[pos.0][k].is_some_and(|g| groups[g].kind == Kind::Person);
        is_person && (joins(other.last, c.first) || joins(c.last, other.first))
    })
}

fn local_entity(g: &Group, paras: &[Para<'_>]) -> LocalEntity {
    let mut mentions = Vec::new();
    let mut forms: BTreeMap<String, usize> = BTreeMap::new();
    let mut canonical = None;
    let mut roles = Vec::new();
    for &(p, ci) in &g.members {
        let c = &paras[p].candidates[ci];
        let surface = c.surface();
        *forms.entry(surface.clone()).or_default() += 1;
        if canonical.is_none() {
            canonical = c.canonical.clone();
        }
        for role in &c.roles {
            roles.push(super::model::Role {
                text: role.clone(),
                cite: crate::extract::Cite {
                    source: String::new(),
                    paragraph: paras[p].n,
                },
            });
        }
        mentions.push(LocalMention {
            paragraph: paras[p].n,
            start: c.start,
            end: c.end,
            surface,
        });
    }
    mentions.sort();
    // Persons: the longest form (most words), then the most frequent;
    // others: the most frequent form; ties alphabetically.
    let name = canonical.unwrap_or_else(|| {
        forms
            .iter()
            .max_by(|a, b| {
                let words = |s: &str| s.split_whitespace().count();
                let ka = (
                    if g.kind == Kind::Person {
                        words(a.0)
                    } else {
                        0
                    },
                    *a.1,
                );
                let kb = (
                    if g.kind == Kind::Person {
                        words(b.0)
                    } else {
                        0
                    },
                    *b.1,
                );
                ka.cmp(&kb).then_with(|| b.0.cmp(a.0))
            })
            .map(|(f, _)| f.clone())
            .unwrap_or_default()
    });
    LocalEntity {
        kind: g.kind,
        name,
        first: g.first.clone(),
        surname: g.surname.clone(),
        gender: g.gender,
        mentions,
        roles,
        quotes: Vec::new(),
    }
}
