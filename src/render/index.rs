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
    /// The title and date alone ([`super::deps::Dep::Heading`]).
    pub heading: [u8; 32],
}

/// What `get_page` returns for a page: its summary without the list of
/// pages (ten thousand pages looking up the sources section must not copy
/// its list each time). Made when a template asks, from the summary.
pub struct Card<'a>(pub &'a Summary);

impl Serialize for Card<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let s = self.0;
        let mut card = serializer.serialize_struct("Card", 14)?;
        card.serialize_field("path", &s.path)?;
        card.serialize_field("url", &s.url)?;
        card.serialize_field("title", &s.title)?;
        card.serialize_field("description", &s.description)?;
        card.serialize_field("date", &s.date)?;
        card.serialize_field("section", &s.section)?;
        card.serialize_field("ancestors", &s.ancestors)?;
        card.serialize_field("trail", &s.trail)?;
        card.serialize_field("is_section", &s.is_section)?;
        card.serialize_field("generated", &s.generated)?;
        card.serialize_field("weight", &s.weight)?;
        card.serialize_field("extra", &s.extra)?;
        card.serialize_field("lower", &s.lower)?;
        card.serialize_field("higher", &s.higher)?;
        card.end()
    }
}

impl Summary {
    /// The fingerprints of what templates can read of this page: its
    /// card, its whole summary and its title and date, each hashed in its
    /// stored encoding (`memo::key_of_encoded`, lengths first, so equal
    /// fingerprints mean equal values, and so equal JSON).
    pub fn prints(&self) -> Prints {
        use crate::memo::key_of_encoded;
        Prints {
            card: *key_of_encoded("page-card", [&Card(self)]).as_bytes(),
            summary: *key_of_encoded("page-summary", [self]).as_bytes(),
            heading: *key_of_encoded("page-heading", [&(&self.title, &self.date)]).as_bytes(),
        }
    }
}

impl SiteIndex {
    /// Build the index from the pages' paths and front matter (each page's
    /// summary, its breadcrumbs and its fingerprints made in parallel).
    pub fn build<'a>(pages: impl Iterator<Item = &'a Page>) -> SiteIndex {
        let pages: Vec<&Page> = pages.collect();
        let exists: rustc_hash::FxHashSet<&str> = pages.iter().map(|p| p.path.as_str()).collect();
        let mut summaries: Vec<(String, Summary)> = pages
            .par_iter()
            .map(|page| (page.path.clone(), summary(page, &exists)))
            .collect();
        summaries.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut index = SiteIndex {
            pages: summaries.into_iter().collect(),
            prints: Default::default(),
        };
        let mut members: BTreeMap<&str, Vec<&Summary>> = BTreeMap::new();
        for s in index.pages.values() {
            if !s.is_section && index.pages.contains_key(&s.section) {
                members.entry(s.section.as_str()).or_default().push(s);
            }
        }
        let mut listed: Vec<(String, Vec<String>)> = Vec::new();
        let mut neighbours: Vec<(String, Option<String>, Option<String>)> = Vec::new();
        for (section, mut pages) in members {
            // Sorted by keys read once per page (a section may hold
            // thousands of pages); the path ends each key, so the order is
            // total.
            pages.sort_unstable_by_key(|s| {
                (
                    s.weight.unwrap_or(i64::MAX),
                    std::cmp::Reverse(&s.date),
                    &s.title,
                    &s.path,
                )
            });
            let mut by_date: Vec<(&String, &String)> = pages
                .iter()
                .filter_map(|s| Some((s.date.as_ref()?, &s.path)))
                .collect();
            by_date.sort_unstable();
            for (i, (_, path)) in by_date.iter().enumerate() {
                let lower = i.checked_sub(1).map(|j| by_date[j].1.clone());
                let higher = by_date.get(i + 1).map(|(_, p)| (*p).clone());
                neighbours.push(((*path).clone(), lower, higher));
            }
            listed.push((
                section.to_string(),
                pages.iter().map(|s| s.path.clone()).collect(),
            ));
        }
        for (path, lower, higher) in neighbours {
            let s = index.pages.get_mut(&path).expect("member exists");
            s.lower = lower;
            s.higher = higher;
        }
        for (section, paths) in listed {
            index.pages.get_mut(&section).expect("section exists").pages = paths;
        }
        let trails: Vec<(Vec<String>, Vec<Crumb>)> = index
            .pages
            .par_iter()
            .map(|(_, s)| {
                let list = index.ancestors_of(s);
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
                (list, trail)
            })
            .collect();
        for (s, (list, trail)) in index.pages.values_mut().zip(trails) {
            s.ancestors = list;
            s.trail = trail;
        }
        index.prints = index
            .pages
            .par_iter()
            .map(|(path, summary)| (path.clone(), summary.prints()))
            .collect();
        index
    }

    /// The card of the page at `path`, if it is indexed.
    pub fn card(&self, path: &str) -> Option<serde_json::Value> {
        let summary = self.pages.get(path)?;
        Some(serde_json::to_value(Card(summary)).expect("summaries serialize"))
    }
}

/// A page's summary from its path and front matter, its list of pages,
/// neighbours and ancestors still empty; `exists` holds every page's path.
fn summary(page: &Page, exists: &rustc_hash::FxHashSet<&str>) -> Summary {
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
        if !exists.contains(own.as_str()) && !dir.is_empty() && exists.contains(owner.as_str()) {
            owner
        } else {
            own
        }
    };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_is_its_summary_without_the_list_of_pages() {
        let mut summary = Summary::synthetic("sources/_index.html", "Sources");
        summary.description = Some("All of them".into());
        summary.date = Some("2024-01-02".into());
        summary.section = "_index.md".into();
        summary.ancestors = vec!["_index.md".into()];
        summary.trail = vec![Crumb {
            path: "_index.md".into(),
            url: "index.html".into(),
            title: "Home".into(),
        }];
        summary.is_section = true;
        summary.weight = Some(3);
        summary
            .extra
            .insert("colour".into(), serde_json::json!("blue"));
        summary.pages = vec!["sources/a.md".into(), "sources/b.md".into()];
        summary.lower = Some("x.md".into());
        summary.higher = Some("y.md".into());

        let mut expected = serde_json::to_value(&summary).unwrap();
        let removed = expected.as_object_mut().unwrap().remove("pages");
        assert!(removed.is_some());
        // Every field but the list, so the card's fingerprint changes
        // exactly when what `get_page` shows does.
        assert_eq!(serde_json::to_value(Card(&summary)).unwrap(), expected);
        let prints = summary.prints();
        summary.pages.pop();
        assert_eq!(summary.prints().card, prints.card);
        assert_ne!(summary.prints().summary, prints.summary);
    }

    #[test]
    fn every_field_a_template_reads_changes_the_fingerprints() {
        let base = Summary::synthetic("a/b.html", "B");
        let changes: Vec<fn(&mut Summary)> = vec![
            |s| s.path.push('x'),
            |s| s.url.push('x'),
            |s| s.title.push('x'),
            |s| s.description = Some(String::new()),
            |s| s.date = Some(String::new()),
            |s| s.section.push('x'),
            |s| s.ancestors.push(String::new()),
            |s| {
                s.trail.push(Crumb {
                    path: String::new(),
                    url: String::new(),
                    title: String::new(),
                })
            },
            |s| s.is_section = true,
            |s| s.generated = false,
            |s| s.weight = Some(0),
            |s| {
                s.extra.insert("k".into(), serde_json::Value::Null);
            },
            |s| s.lower = Some(String::new()),
            |s| s.higher = Some(String::new()),
        ];
        let before = base.prints();
        for (i, change) in changes.iter().enumerate() {
            let mut s = base.clone();
            change(&mut s);
            assert_ne!(
                serde_json::to_value(&s).unwrap(),
                serde_json::to_value(&base).unwrap()
            );
            let after = s.prints();
            assert_ne!(after.card, before.card, "change {i}");
            assert_ne!(after.summary, before.summary, "change {i}");
        }
        let mut renamed = base.clone();
        renamed.title.push('x');
        assert_ne!(renamed.prints().heading, before.heading);
        let mut dated = base.clone();
        dated.date = Some("2024-05-06".into());
        assert_ne!(dated.prints().heading, before.heading);
        let mut listed = base.clone();
        listed.extra.insert("words".into(), serde_json::json!(3));
        listed.url.push('x');
        assert_eq!(listed.prints().heading, before.heading);
        // The same bytes, moved from one field to the next.
        let mut moved = base.clone();
        moved.title = String::new();
        moved.url = format!("{}{}", base.url, base.title);
        assert_ne!(moved.prints(), before);
    }
}
