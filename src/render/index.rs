//! The site index: a summary of every page, looked up by templates through
//! `get_page` / `get_section` (ids are passed around, never copied page lists).
//! It is made from front matter and paths only, so it needs no page to be
//! rendered; what depends on a page's body (its text excerpt, word count,
//! table of contents) comes with that page's own render.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::content::Page;
use super::paths::{output_path, section_index, section_of};

/// What templates know about a page without rendering it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Summary {
    /// Content path (`sources/x.md`): the page's id.
    pub path: String,
    /// Output path relative to the site root (`sources/x.html`).
    pub url: String,
    pub title: String,
    pub description: Option<String>,
    pub date: Option<String>,
    /// Content path of the page this page belongs to: the `_index.md` of
    /// its folder, or, for a folder without one, the page of the same name
    /// as the folder (`topics/x/y.md` belongs to `topics/x.md`).
    pub section: String,
    /// The pages above this one, from the home page down to `section`
    /// (those that exist).
    pub ancestors: Vec<String>,
    /// The same pages as breadcrumbs show them: a page that shows its
    /// trail reads no more of them than this, so a change elsewhere in
    /// their cards (an actor's count of mentions) does not make it render
    /// again.
    pub trail: Vec<Crumb>,
    pub is_section: bool,
    pub generated: bool,
    pub weight: Option<i64>,
    /// Front matter keys not known to dossier.
    pub extra: BTreeMap<String, serde_json::Value>,
    /// Sections only: the content paths of its pages, sorted (weight, newest
    /// date first, title).
    pub pages: Vec<String>,
    /// Neighbours by date inside the section (older / newer).
    pub lower: Option<String>,
    pub higher: Option<String>,
}

/// One page above another, for breadcrumbs.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Crumb {
    pub path: String,
    pub url: String,
    pub title: String,
}

impl Summary {
    /// The summary of a page that has no content file (search, 404, print).
    pub fn synthetic(url: &str, title: &str) -> Summary {
        Summary {
            path: url.replace(".html", ".md"),
            url: url.to_string(),
            title: title.to_string(),
            description: None,
            date: None,
            section: String::new(),
            ancestors: Vec::new(),
            trail: Vec::new(),
            is_section: false,
            generated: true,
            weight: None,
            extra: BTreeMap::new(),
            pages: Vec::new(),
            lower: None,
            higher: None,
        }
    }
}

/// Summaries of every (non-draft) page.
#[derive(Debug, Default)]
pub struct SiteIndex {
    pub pages: BTreeMap<String, Summary>,
    /// What `get_page` returns for each page: its summary without the list
    /// of pages (computed once: ten thousand pages looking up the sources
    /// section must not copy its list each time).
    pub cards: BTreeMap<String, serde_json::Value>,
    /// Fingerprints of each page's card and of its whole summary (looked
    /// up only, for every read of every page carried over: hashed).
    pub prints: rustc_hash::FxHashMap<String, Prints>,
}

/// Fingerprints of what templates can read of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Prints {
    /// The card (`get_page`).
    pub card: [u8; 32],
    /// The whole summary, list of pages included (`get_section`, and the
    /// page's own render).
    pub summary: [u8; 32],
}

/// The fingerprint of a value as templates see it (its JSON).
pub fn fingerprint(value: &impl Serialize) -> [u8; 32] {
    let bytes = serde_json::to_vec(value).expect("summaries serialize");
    *blake3::hash(&bytes).as_bytes()
}

impl SiteIndex {
    /// Build the index from the pages' paths and front matter.
    pub fn build<'a>(pages: impl Iterator<Item = &'a Page>) -> SiteIndex {
        let mut index = SiteIndex::default();
        let pages: Vec<&Page> = pages.collect();
        let exists: std::collections::BTreeSet<&str> =
            pages.iter().map(|p| p.path.as_str()).collect();
        for page in pages {
            let section = if page.is_section() {
                let own = section_of(&page.path);
                match own.rfind('/') {
                    Some(i) => section_index(&own[..i]),
                    None if own.is_empty() => String::new(),
                    None => section_index(""),
                }
            } else {
                let dir = section_of(&page.path);
                let own = section_index(dir);
                let owner = format!("{dir}.md");
                if !exists.contains(own.as_str())
                    && !dir.is_empty()
                    && exists.contains(owner.as_str())
                {
                    owner
                } else {
                    own
                }
            };
            index.pages.insert(
                page.path.clone(),
                Summary {
                    path: page.path.clone(),
                    url: output_path(&page.path),
                    title: page.front.title.clone(),
                    description: page.front.description.clone(),
                    date: page.front.date.clone(),
                    section,
                    ancestors: Vec::new(),
                    trail: Vec::new(),
                    is_section: page.is_section(),
                    generated: page.front.generated,
                    weight: page.front.weight,
                    extra: page.front.extra.clone(),
                    pages: Vec::new(),
                    lower: None,
                    higher: None,
                },
            );
        }
        let mut members: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for s in index.pages.values() {
            if !s.is_section && index.pages.contains_key(&s.section) {
                members
                    .entry(s.section.clone())
                    .or_default()
                    .push(s.path.clone());
            }
        }
        for (section, paths) in members {
            // Sorted by keys read once per page, not looked up again at
            // every comparison (a section may hold thousands of pages).
            // The path ends each key, so the order is total.
            let mut keyed: Vec<_> = paths
                .iter()
                .map(|p| {
                    let s = &index.pages[p];
                    (
                        s.weight.unwrap_or(i64::MAX),
                        std::cmp::Reverse(&s.date),
                        &s.title,
                        &s.path,
                    )
                })
                .collect();
            keyed.sort_unstable();
            let mut by_date: Vec<(&String, &String)> = keyed
                .iter()
                .filter_map(|&(_, std::cmp::Reverse(date), _, path)| Some((date.as_ref()?, path)))
                .collect();
            by_date.sort_unstable();
            let by_date: Vec<&String> = by_date.into_iter().map(|(_, path)| path).collect();
            let neighbours: Vec<(String, Option<String>, Option<String>)> = by_date
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let lower = if i > 0 {
                        Some(by_date[i - 1].clone())
                    } else {
                        None
                    };
                    (
                        p.to_string(),
                        lower,
                        by_date.get(i + 1).map(|s| s.to_string()),
                    )
                })
                .collect();
            let paths: Vec<String> = keyed.iter().map(|k| k.3.clone()).collect();
            for (p, lower, higher) in neighbours {
                let s = index.pages.get_mut(&p).expect("member exists");
                s.lower = lower;
                s.higher = higher;
            }
            index.pages.get_mut(&section).expect("section exists").pages = paths;
        }
        let ancestors: Vec<(String, Vec<String>)> = index
            .pages
            .values()
            .map(|s| (s.path.clone(), index.ancestors_of(s)))
            .collect();
        for (path, list) in ancestors {
            let trail = list
                .iter()
                .map(|up| {
                    let s = &index.pages[up];
                    Crumb {
                        path: s.path.clone(),
                        url: s.url.clone(),
                        title: s.title.clone(),
                    }
                })
                .collect();
            let s = index.pages.get_mut(&path).expect("listed");
            s.ancestors = list;
            s.trail = trail;
        }
        let cards: Vec<(String, serde_json::Value, Prints)> = index
            .pages
            .par_iter()
            .map(|(path, summary)| {
                let mut card = serde_json::to_value(summary).expect("summaries serialize");
                if let Some(map) = card.as_object_mut() {
                    map.remove("pages");
                }
                let prints = Prints {
                    card: fingerprint(&card),
                    summary: fingerprint(summary),
                };
                (path.clone(), card, prints)
            })
            .collect();
        for (path, card, prints) in cards {
            index.cards.insert(path.clone(), card);
            index.prints.insert(path, prints);
        }
        index
    }
}

impl SiteIndex {
    /// The existing pages above `s`, top first (cycles cannot occur: a
    /// page's section is a shorter path, or the home page).
    fn ancestors_of(&self, s: &Summary) -> Vec<String> {
        let mut out = Vec::new();
        let mut next = self.pages.get(&s.section);
        while let Some(up) = next {
            if up.path == s.path || out.contains(&up.path) {
                break;
            }
            out.push(up.path.clone());
            next = self.pages.get(&up.section);
        }
        out.reverse();
        out
    }
}
