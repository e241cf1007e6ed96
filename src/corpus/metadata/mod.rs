//! Metadata of an article read off its layout: title, publication, authors
//! and date.
//!
//! Date rule: among the datelines above the end of the article, the one
//! nearest (in lines) to the first byline wins, or, without a byline, the one
//! nearest to the headline; ties go to the earlier line. A repost date at the
//! top of the page therefore loses to the original date printed under the
//! byline. Without a dateline the date is inferred from the text
//! ([`date::infer`]) and `date_inferred` is set.

pub mod authors;
pub mod date;
pub mod publication;
pub mod title;

use super::clean::{reason, Label, Layout};
use super::model::Metadata;

/// Read the metadata off a cleaned layout; `fallback_title` is used when no
/// headline was found.
pub fn extract(layout: &Layout, fallback_title: &str) -> Metadata {
    let raw_title = layout.title.map(|t| layout.items[t].text.as_str());
    let title = raw_title.map(title::clean).filter(|t| !t.is_empty());
    Metadata {
        title: title.unwrap_or_else(|| fallback_title.to_string()),
        publication: find_publication(layout, raw_title),
        authors: find_authors(layout),
        date: None,
        date_inferred: false,
    }
    .with_date(layout)
}

/// Items dropped for `why`, in order, before `limit` (an item index).
fn dropped<'a>(
    layout: &'a Layout,
    why: &'static str,
    limit: usize,
) -> impl Iterator<Item = (usize, &'a str)> + 'a {
    layout
        .labels
        .iter()
        .enumerate()
        .take(limit)
        .filter(move |(_, l)| **l == Label::Drop(why))
        .map(|(i, _)| (i, layout.items[i].text.as_str()))
}

fn find_publication(layout: &Layout, raw_title: Option<&str>) -> Option<String> {
    let all = layout.items.len();
    if let Some(tag) = raw_title.and_then(title::tag) {
        return Some(publication::from_tag(&tag));
    }
    let head = layout.title.or(layout.body_start).unwrap_or(0);
    if let Some((_, text)) = dropped(layout, reason::MASTHEAD, head).next() {
        return Some(publication::from_masthead(text));
    }
    dropped(layout, reason::PLEA, all)
        .find_map(|(_, t)| publication::from_plea(t))
        .or_else(|| {
            dropped(layout, reason::COPYRIGHT, all)
                .find_map(|(_, t)| publication::from_copyright(t))
        })
        .or_else(|| dropped(layout, reason::BIO, all).find_map(|(_, t)| publication::from_bio(t)))
}

fn find_authors(layout: &Layout) -> Vec<String> {
    let all = layout.items.len();
    let mut out: Vec<String> = Vec::new();
    let mut push = |name: String| {
        if !out.iter().any(|n| n.eq_ignore_ascii_case(&name)) {
            out.push(name);
        }
    };
    let (explicit, alone): (Vec<_>, Vec<_>) =
        dropped(layout, reason::BYLINE, all).partition(|(_, t)| authors::byline(t).is_some());
    for (_, text) in explicit {
        authors::byline(text)
            .into_iter()
            .flatten()
            .for_each(&mut push);
    }
    for (_, text) in alone {
        if authors::is_person_name(text) {
            push(text.to_string());
        }
    }
    for (_, text) in dropped(layout, reason::BIO, all) {
        if let Some(name) = authors::bio(text) {
            push(name);
        }
    }
    out
}

impl Metadata {
    fn with_date(mut self, layout: &Layout) -> Metadata {
        let limit = layout.end.unwrap_or(layout.items.len());
        let anchor = dropped(layout, reason::BYLINE, limit)
            .next()
            .map(|(i, _)| layout.items[i].line)
            .or_else(|| layout.title.map(|t| layout.items[t].line))
            .unwrap_or(0);
        let best = dropped(layout, reason::DATELINE, limit)
            .filter_map(|(i, t)| {
                date::dateline(t).map(|d| (layout.items[i].line.abs_diff(anchor), i, d))
            })
            .min_by_key(|&(dist, i, _)| (dist, i));
        if let Some((_, _, d)) = best {
            self.date = Some(d.format("%Y-%m-%d").to_string());
        } else {
            let body: Vec<&str> = layout
                .labels
                .iter()
                .zip(&layout.items)
                .filter(|(l, _)| matches!(l, Label::Paragraph | Label::Heading))
                .map(|(_, item)| item.text.as_str())
                .collect();
            if let Some(d) = date::infer(&body) {
                self.date = Some(d.format("%Y-%m-%d").to_string());
                self.date_inferred = true;
            }
        }
        self
    }
}
