//! Dates: datelines ("Sep 27, 2025 |", "date 2025-09-11 ...", "Feb. 15, 2025")
//! and dates inferred from the text ("On Tuesday, September 23" plus a year
//! mentioned in the text).

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

use crate::pattern::Listed;

const MONTHS: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::new(r"\b(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?\S*)?\b").unwrap()
});
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::new(&format!(
        r"(?i)\b({MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"
    ))
    .unwrap()
});
static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::new(&format!(
        r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTHS})\.?,?\s+(\d{{4}})\b"
    ))
    .unwrap()
});
static DOTTED: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::new(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b").unwrap());
static WEEKDAY_MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::new(&format!(
        r"(?i)\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+({MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(,?\s+\d{{4}})?"
    ))
    .unwrap()
});
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::new(&format!(r"(?i)\b({MONTHS})\.?,?\s+((?:19|20)\d\d)\b")).unwrap()
});
static YEAR: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::new(r"\b((?:19|20)\d\d)\b").unwrap());
/// What may surround a date on a dateline.
static DATELINE_NOISE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::new(r"(?i)\b(date|dated|published|updated|posted|last updated|on|at|am|pm|gmt|utc|est|edt|cet|cest|msk|et)\b|\d{1,2}:\d{2}|[|•·,:\-–—/()]").unwrap()
});

/// The four patterns of a full date, searched for together: most lines
/// with a year in them hold no full date. In the order of [`find_dates`].
static FULL_DATES: LazyLock<Listed> = LazyLock::new(|| {
    Listed::new(
        [&ISO, &MONTH_DAY_YEAR, &DAY_MONTH_YEAR, &DOTTED]
            .map(|r| Regex::clone(r))
            .to_vec(),
    )
});

fn ymd(y: &str, m: u32, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y.parse().ok()?, m, d.parse().ok()?)
}

/// Does the text hold `n` digits in a row? Every full date has a year of
/// four (`\d`, a decimal digit of any script; `char::is_numeric` holds for
/// each of them), so a line without is not searched for one.
fn has_digit_run(text: &str, n: usize) -> bool {
    let mut run = 0;
    for c in text.chars() {
        if c.is_ascii_digit() || (!c.is_ascii() && c.is_numeric()) {
            run += 1;
            if run == n {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// Every full date in a line, with its byte range, in order.
pub fn find_dates(text: &str) -> Vec<(std::ops::Range<usize>, NaiveDate)> {
    let mut out = Vec::new();
    if !has_digit_run(text, 4) {
        return out;
    }
    let found = FULL_DATES.matching(text);
    let runs = |i: usize| found.has(i).then(|| FULL_DATES.get(i).captures_iter(text));
    for c in runs(0).into_iter().flatten() {
        if let Some(d) = c[2].parse().ok().and_then(|m| ymd(&c[1], m, &c[3])) {
            out.push((c.get(0).unwrap().range(), d));
        }
    }
    for c in runs(1).into_iter().flatten() {
        if let Some(d) = crate::calendar::month_number(&c[1]).and_then(|m| ymd(&c[3], m, &c[2])) {
            out.push((c.get(0).unwrap().range(), d));
        }
    }
    for c in runs(2).into_iter().flatten() {
        if let Some(d) = crate::calendar::month_number(&c[2]).and_then(|m| ymd(&c[3], m, &c[1])) {
            out.push((c.get(0).unwrap().range(), d));
        }
    }
    for c in runs(3).into_iter().flatten() {
        if let Some(d) = c[2].parse().ok().and_then(|m| ymd(&c[3], m, &c[1])) {
            out.push((c.get(0).unwrap().range(), d));
        }
    }
    out.sort_by_key(|(r, _)| r.start);
    out
}

/// A dateline: a line that holds a date and little else (separators, times,
/// "Updated", section names of a navigation bar).
pub fn dateline(text: &str) -> Option<NaiveDate> {
    let dates = find_dates(text);
    let (range, date) = dates.first()?.clone();
    let rest = format!("{} {}", &text[..range.start], &text[range.end..]);
    let rest = DATELINE_NOISE.replace_all(&rest, " ");
    let n = crate::corpus::text::word_count(&rest);
    (n <= 1 || crate::corpus::clean::lexicon::mostly_sections(&rest, n, 0.8)).then_some(date)
}

/// Infer a date from running text: a weekday with a month and day
/// ("On Tuesday, September 23") resolved against the years the text
/// mentions. A year written next to the same month ("September 2025") is
/// tried first, then every other year mentioned, latest first; the weekday
/// must match. Returns `None` when nothing fits.
pub fn infer(texts: &[&str]) -> Option<NaiveDate> {
    let all = texts.join("\n");
    let mut years_with_month: Vec<(u32, i32)> = MONTH_YEAR
        .captures_iter(&all)
        .filter_map(|c| Some((crate::calendar::month_number(&c[1])?, c[2].parse().ok()?)))
        .collect();
    years_with_month.sort();
    let mut years: Vec<i32> = YEAR
        .captures_iter(&all)
        .filter_map(|c| c[1].parse().ok())
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    for c in WEEKDAY_MONTH_DAY.captures_iter(&all) {
        let weekday = crate::calendar::weekday(&c[1])?;
        let Some(month) = crate::calendar::month_number(&c[2]) else {
            continue;
        };
        let Ok(day) = c[3].parse::<u32>() else {
            continue;
        };
        if let Some(y) = c.get(4) {
            let year = y.as_str().trim_start_matches([',', ' ']).trim();
            if let Some(d) = year
                .parse()
                .ok()
                .and_then(|y| NaiveDate::from_ymd_opt(y, month, day))
            {
                return Some(d);
            }
        }
        let same_month = years_with_month
            .iter()
            .filter(|(m, _)| *m == month)
            .map(|(_, y)| *y);
        for year in same_month.chain(years.iter().copied()) {
            if let Some(d) = NaiveDate::from_ymd_opt(year, month, day) {
                if d.weekday() == weekday {
                    return Some(d);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_lines_with_four_digits_in_a_row_are_searched() {
        assert!(has_digit_run("Sep 27, 2025 |", 4));
        assert!(has_digit_run("2025-09-11", 4));
        assert!(has_digit_run("١٢٣٤", 4));
        assert!(!has_digit_run("Sep 27, 202", 4));
        assert!(!has_digit_run("1 2 3 4 and 12.34", 4));
        assert!(find_dates("On September 23 the council met.").is_empty());
        assert_eq!(find_dates("Sep 27, 2025 |").len(), 1);
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn datelines_in_several_formats() {
        assert_eq!(dateline("Oct 3, 2024  |"), Some(d("2024-10-03")));
        assert_eq!(
            dateline("date 2023-06-01 World Politics Sport Business"),
            Some(d("2023-06-01"))
        );
        assert_eq!(dateline("Jan. 7, 2022"), Some(d("2022-01-07")));
        assert_eq!(dateline("December 12, 2021"), Some(d("2021-12-12")));
        assert_eq!(
            dateline("Updated 14 March 2020, 10:15 GMT"),
            Some(d("2020-03-14"))
        );
        assert_eq!(dateline("Published: 05.11.2019"), Some(d("2019-11-05")));
    }

    #[test]
    fn a_sentence_with_a_date_is_not_a_dateline() {
        assert_eq!(
            dateline("The harbour reopened on March 3, 2021 after repairs."),
            None
        );
        assert_eq!(dateline("No date here"), None);
    }

    #[test]
    fn weekday_dates_are_resolved_against_years_in_the_text() {
        let text = [
            "The accord, signed in May 2024, changed little.",
            "On Friday, May 17, the mayor of Dunbury resigned.",
        ];
        assert_eq!(infer(&text), Some(d("2024-05-17")));
        // The weekday must match: 17 May 2023 was a Wednesday.
        assert_eq!(infer(&["In 2023 on Friday, May 17 it rained."]), None);
        assert_eq!(infer(&["Nothing dated here, in 2020."]), None);
    }
}
