//! Within-article resolution: full names, bare surnames and
//! honorific + surname forms of one person become one local entity; two
//! people sharing a surname stay apart by first name and gender.

use std::collections::BTreeMap;

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
    key: String,
    members: Vec<Pos>,
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
            let last = groups[g].members.iter().filter(|&&m| m < pos).max()?;
            Some((*last, g))
        })
        .max();
    match before {
        Some((_, g)) => g,
        None => *options
            .iter()
            .min_by_key(|&&g| groups[g].members.iter().min().copied())
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

    // Organisations and places: by key.
    for &pos in &positions {
        let c = cand(pos);
        let Some(kind @ (Kind::Organization | Kind::Place)) = c.kind else {
            continue;
        };
        let key = org_key(c.canonical.as_deref().unwrap_or(&c.surface()));
        let g = match groups.iter().position(|g| g.kind == kind && g.key == key) {
            Some(g) => g,
            None => {
                groups.push(Group {
                    kind,
                    first: None,
                    surname: None,
                    stem: String::new(),
                    gender: None,
                    key,
                    members: Vec::new(),
                });
                groups.len() - 1
            }
        };
        groups[g].members.push(pos);
        assignment[pos.0][pos.1] = Some(g);
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
        let found = groups.iter().position(|g| {
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
                groups.push(Group {
                    kind: Kind::Person,
                    first: Some(first.to_string()),
                    surname: Some(surname.to_string()),
                    stem,
                    gender,
                    key: String::new(),
                    members: Vec::new(),
                });
                groups.len() - 1
            }
        };
        groups[g].members.push(pos);
        assignment[pos.0][pos.1] = Some(g);
    }

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
            let options: Vec<usize> = (0..groups.len())
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
                named_group(&groups, paras, word)
                    .or_else(|| coordinated(paras, &assignment, &groups, pos).then_some(usize::MAX))
            } else {
                Some(usize::MAX)
            };
            let g = match chosen {
                Some(usize::MAX) => {
                    groups.push(Group {
                        kind: Kind::Person,
                        first: None,
                        surname: Some(word.to_string()),
                        stem,
                        gender,
                        key: String::new(),
                        members: Vec::new(),
                    });
                    groups.len() - 1
                }
                Some(g) => g,
                None => continue,
            };
            if groups[g].kind == Kind::Person {
                groups[g].gender = merge_gender(groups[g].gender, gender);
            }
            groups[g].members.push(pos);
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

/// An organisation or place of the article one of whose forms is `word`.
fn named_group(groups: &[Group], paras: &[Para<'_>], word: &str) -> Option<usize> {
    groups.iter().position(|g| {
        g.kind != Kind::Person
            && g.members.iter().any(|&(p, c)| {
                let cand = &paras[p].candidates[c];
                cand.surface() == word || cand.canonical.as_deref() == Some(word)
            })
    })
}

/// Is the lone word at `pos` listed with a person ("X, Y and Z")?
fn coordinated(
    paras: &[Para<'_>],
    assignment: &[Vec<Option<usize>>],
    groups: &[Group],
    pos: Pos,
) -> bool {
    let para = &paras[pos.0];
    let c = &para.candidates[pos.1];
    let joins = |from: usize, to: usize| {
        (from + 1..to).all(|k| {
            let t = &para.tokens[k];
            t.is(",") || t.lower() == "and" || t.lower() == "or"
        }) && to > from + 1
            && to - from <= 3
    };
    para.candidates.iter().enumerate().any(|(k, other)| {
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
