//! Long lists of generated pages split into archive pages by period.
//!
//! A list that grows with the corpus (every statement of a topic, every
//! source naming an actor, every dated event) stays on its page while it is
//! short. Once it is longer than [`INLINE`] items, the page keeps an
//! overview and links to archive pages, one per year, or one per month in
//! years with more than [`CAP`] items (a month with more is cut into
//! numbered parts). Periods come from the items' own dates, so adding an
//! article changes only the archive page of its period, and no page grows
//! without bound.

use crate::calendar::MONTH_NAMES;
use crate::extract::dates::PartialDate;

/// A list of at most this many items stays on its page.
pub const INLINE: usize = 200;
/// The most recent items an overview page keeps once its list is archived.
pub const LATEST: usize = 20;
/// The most items on one archive page.
pub const CAP: usize = 500;

/// The period an item belongs to: its year and month, when known.
pub type Period = Option<(i32, Option<u32>)>;

/// The period of a partial date.
pub fn period(date: Option<&PartialDate>) -> Period {
    date.map(|d| (d.year, d.month))
}

/// The period of a `YYYY[-MM[-DD]]` date string.
pub fn period_of_text(date: Option<&str>) -> Period {
    let date = date?;
    let mut parts = date.split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts
        .next()
        .and_then(|m| m.parse().ok())
        .filter(|m| (1..=12).contains(m));
    Some((year, month))
}

/// One archive page: its slug (the last part of its path), its title and
/// the indices of its items, in the order they were given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub slug: String,
    pub title: String,
    pub items: Vec<usize>,
}

/// Split items by period: `periods[i]` is the period of item `i`. Parts are
/// returned oldest first, undated items last.
pub fn split(periods: &[Period]) -> Vec<Part> {
    let mut by_year: std::collections::BTreeMap<Option<i32>, Vec<usize>> = Default::default();
    for (i, p) in periods.iter().enumerate() {
        by_year.entry(p.map(|(y, _)| y)).or_default().push(i);
    }
    let mut parts = Vec::new();
    let mut undated = Vec::new();
    for (year, items) in by_year {
        let Some(year) = year else {
            undated = items;
            continue;
        };
        if items.len() <= CAP {
            parts.push(Part {
                slug: year.to_string(),
                title: year.to_string(),
                items,
            });
            continue;
        }
        let mut by_month: std::collections::BTreeMap<Option<u32>, Vec<usize>> = Default::default();
        for i in items {
            by_month
                .entry(periods[i].and_then(|(_, m)| m))
                .or_default()
                .push(i);
        }
        // Items of the year with no month come after its months.
        let no_month = by_month.remove(&None);
        for (month, items) in by_month {
            let m = month.expect("dated months only");
            let name = MONTH_NAMES[(m - 1) as usize];
            push_cut(
                &mut parts,
                &format!("{year}-{m:02}"),
                &format!("{name} {year}"),
                items,
            );
        }
        if let Some(items) = no_month {
            push_cut(
                &mut parts,
                &format!("{year}-other"),
                &format!("{year}, month not given"),
                items,
            );
        }
    }
    if !undated.is_empty() {
        push_cut(&mut parts, "undated", "Undated", undated);
    }
    parts
}

/// Push `items` as one part, or as numbered parts of at most [`CAP`] items.
fn push_cut(parts: &mut Vec<Part>, slug: &str, title: &str, items: Vec<usize>) {
    if items.len() <= CAP {
        parts.push(Part {
            slug: slug.to_string(),
            title: title.to_string(),
            items,
        });
        return;
    }
    let count = items.len().div_ceil(CAP);
    for (k, chunk) in items.chunks(CAP).enumerate() {
        parts.push(Part {
            slug: if k == 0 {
                slug.to_string()
            } else {
                format!("{slug}-{}", k + 1)
            },
            title: format!("{title} (part {} of {count})", k + 1),
            items: chunk.to_vec(),
        });
    }
}

/// The markdown link to a part; `base` is the content folder of the parts
/// (`topics/prisoners`).
pub fn link(base: &str, part: &Part) -> String {
    format!(
        "[{}](@/{base}/{}.md)",
        crate::dossier::escape::markdown(&part.title),
        part.slug
    )
}

/// A paragraph linking to the parts before and after part `k` (nothing
/// when there are none).
pub fn neighbours(base: &str, parts: &[Part], k: usize) -> String {
    let mut around = Vec::new();
    if k > 0 {
        around.push(format!("Previous: {}", link(base, &parts[k - 1])));
    }
    if let Some(next) = parts.get(k + 1) {
        around.push(format!("Next: {}", link(base, next)));
    }
    if around.is_empty() {
        String::new()
    } else {
        format!("\n{}\n", around.join(" · "))
    }
}

/// Whether a list of `len` items is archived rather than shown in full.
pub fn archived(len: usize) -> bool {
    len > INLINE
}

/// The most recent [`LATEST`] of items sorted oldest first (undated ones
/// never count as recent), in the same order.
pub fn latest(periods: &[Period]) -> std::ops::Range<usize> {
    let dated = periods.iter().filter(|p| p.is_some()).count();
    let first = periods.iter().position(|p| p.is_some()).unwrap_or(0);
    let end = first + dated;
    end.saturating_sub(LATEST).max(first)..end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn months(counts: &[((i32, Option<u32>), usize)]) -> Vec<Period> {
        counts
            .iter()
            .flat_map(|(p, n)| std::iter::repeat_n(Some(*p), *n))
            .collect()
    }

    #[test]
    fn small_years_are_one_page_and_big_ones_split_by_month() {
        let mut periods = months(&[
            ((2019, Some(3)), 10),
            ((2019, None), 2),
            ((2025, Some(1)), 300),
            ((2025, Some(2)), 300),
            ((2025, None), 4),
        ]);
        periods.push(None);
        let parts = split(&periods);
        let slugs: Vec<&str> = parts.iter().map(|p| p.slug.as_str()).collect();
        assert_eq!(
            slugs,
            ["2019", "2025-01", "2025-02", "2025-other", "undated"]
        );
        assert_eq!(parts[0].items.len(), 12);
        assert_eq!(parts[1].title, "January 2025");
        assert_eq!(parts[3].title, "2025, month not given");
        assert_eq!(parts[4].items, [periods.len() - 1]);
        let total: usize = parts.iter().map(|p| p.items.len()).sum();
        assert_eq!(total, periods.len(), "every item in exactly one part");
    }

    #[test]
    fn a_crowded_month_is_cut_into_numbered_parts() {
        let periods = months(&[((2025, Some(9)), CAP * 2 + 1)]);
        let parts = split(&periods);
        let slugs: Vec<&str> = parts.iter().map(|p| p.slug.as_str()).collect();
        assert_eq!(slugs, ["2025-09", "2025-09-2", "2025-09-3"]);
        assert_eq!(parts[2].title, "September 2025 (part 3 of 3)");
        assert_eq!(parts[2].items, [CAP * 2]);
    }

    #[test]
    fn adding_an_item_changes_only_its_own_part() {
        let before = months(&[((2024, Some(5)), 600), ((2025, Some(1)), 3)]);
        let mut after = before.clone();
        after.push(Some((2025, Some(1))));
        let (a, b) = (split(&before), split(&after));
        assert_eq!(a[..a.len() - 1], b[..b.len() - 1]);
        assert_eq!(b.last().unwrap().items.len(), 4);
    }

    #[test]
    fn latest_skips_undated_items() {
        let mut periods = vec![None, None];
        periods.extend(months(&[((2020, Some(1)), 30)]));
        assert_eq!(latest(&periods), 12..32);
        assert_eq!(latest(&[None, Some((2020, None))]), 1..2);
        assert_eq!(period_of_text(Some("2025-09-27")), Some((2025, Some(9))));
        assert_eq!(period_of_text(Some("2025")), Some((2025, None)));
        assert_eq!(period_of_text(Some("x")), None);
    }
}
