//! Dates in article text, absolute ("Sept. 11", "August 2020", "2015-16")
//! and relative ("on Wednesday", "last year", "a decade ago"), resolved
//! against the article's own date, never against today.

use std::fmt;
use std::ops::Range;
use std::sync::LazyLock;

use crate::calendar;
use chrono::{Datelike, Days, Months, NaiveDate};
use regex::Regex;
use serde::{Deserialize, Serialize};

/// A date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    pub fn year(year: i32) -> Self {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    pub fn month(year: i32, month: u32) -> Self {
        PartialDate {
            year,
            month: Some(month),
            day: None,
        }
    }

    pub fn day(date: NaiveDate) -> Self {
        PartialDate {
            year: date.year(),
            month: Some(date.month()),
            day: Some(date.day()),
        }
    }

    /// Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD".
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.trim().split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next().map(str::parse::<u32>).transpose().ok()?;
        let day = parts.next().map(str::parse::<u32>).transpose().ok()?;
        if parts.next().is_some() {
            return None;
        }
        match (month, day) {
            (Some(m), Some(d)) => NaiveDate::from_ymd_opt(year, m, d).map(PartialDate::day),
            (Some(m), None) if (1..=12).contains(&m) => Some(PartialDate::month(year, m)),
            (None, None) => Some(PartialDate::year(year)),
            _ => None,
        }
    }

    /// Do the two dates agree at the precision they share ("2025" and "2025-09")?
    pub fn compatible(&self, other: &PartialDate) -> bool {
        self.year == other.year
            && (self.month.is_none() || other.month.is_none() || self.month == other.month)
            && (self.day.is_none() || other.day.is_none() || self.day == other.day)
    }

    /// The month this date falls in (`None` for year-only dates).
    pub fn to_month(self) -> Option<PartialDate> {
        self.month.map(|m| PartialDate::month(self.year, m))
    }

    /// The last calendar day this date may stand for.
    fn last_day(self) -> Option<NaiveDate> {
        let month = self.month.unwrap_or(12);
        match self.day {
            Some(d) => NaiveDate::from_ymd_opt(self.year, month, d),
            None => NaiveDate::from_ymd_opt(self.year, month, 1)?
                .checked_add_months(Months::new(1))?
                .pred_opt(),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// What relative dates resolve against: the article's date, and whether
/// that date is itself uncertain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reference {
    pub date: Option<NaiveDate>,
    /// The reference was inferred (from the text, or marked `date_inferred`):
    /// dates resolved against it are flagged uncertain.
    pub uncertain: bool,
}

impl Reference {
    /// The reference for an article with the given metadata date
    /// (`YYYY-MM-DD`) and text. Without a date, the latest absolute date
    /// the text mentions stands in, flagged uncertain; without any, relative
    /// dates are not resolved at all.
    pub fn for_article(date: Option<&str>, inferred: bool, text: &str) -> Reference {
        if let Some(date) = date.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()) {
            return Reference {
                date: Some(date),
                uncertain: inferred,
            };
        }
        let none = Reference {
            date: None,
            uncertain: true,
        };
        let latest = find(text, &none)
            .into_iter()
            .filter(|m| !m.relative)
            .map(|m| m.date)
            .max();
        Reference {
            date: latest.and_then(PartialDate::last_day),
            uncertain: true,
        }
    }
}

/// A date found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMention {
    pub date: PartialDate,
    /// Resolved against an uncertain reference.
    pub uncertain: bool,
    /// Resolved against the reference (relative, or missing its year).
    pub relative: bool,
    pub span: Range<usize>,
}

/// Month names and abbreviations, capitalized (so "may" the verb is not a month).
const MON: &str = r"(?-i:(?:January|February|March|April|May|June|July|August|September|October|November|December|Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b\.?)";
/// Full month names only (for a month standing alone), without the ambiguous "May" and "March".
const MON_FULL: &str =
    r"(?-i:(?:January|February|April|June|July|August|September|October|November|December)\b)";

struct Rule {
    regex: Regex,
    kind: Kind,
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    Iso,
    MonthDayYear,
    DayMonthYear,
    MonthYear,
    YearRange,
    MonthDay,
    DayMonth,
    Month,
    Year,
    Weekday,
    Relative,
}

impl Kind {
    /// Does a text holding what `held` says it holds pass this kind's
    /// pre-check? Every match of the kind's pattern holds a digit (a year,
    /// a day), a capitalised month name, or a weekday ("…day"), as its
    /// pattern says; a text without is not searched for it.
    fn may_match(self, held: &Held) -> bool {
        match self {
            Kind::Iso | Kind::YearRange | Kind::Year => held.digit,
            Kind::MonthDayYear
            | Kind::DayMonthYear
            | Kind::MonthYear
            | Kind::MonthDay
            | Kind::DayMonth => held.digit && held.month,
            Kind::Month => held.month,
            Kind::Weekday => held.day,
            Kind::Relative => true,
        }
    }
}

/// What the date patterns need of a text, read in a quick pass before any
/// of them is run.
struct Held {
    /// A digit (`\d` is a decimal digit of any script).
    digit: bool,
    /// The start of a capitalised month name ([`MON`] is case-sensitive).
    month: bool,
    /// "day" in any case (every weekday name ends so).
    day: bool,
}

/// The three-letter starts of every name [`MON`] and [`MON_FULL`] accept.
static MONTH_STARTS: LazyLock<aho_corasick::AhoCorasick> = LazyLock::new(|| {
    aho_corasick::AhoCorasick::new(calendar::MONTH_NAMES.map(|m| &m[..3])).expect("month starts")
});

impl Held {
    fn of(text: &str) -> Held {
        Held {
            digit: text.bytes().any(|b| b.is_ascii_digit())
                || (!text.is_ascii() && text.chars().any(char::is_numeric)),
            month: MONTH_STARTS.is_match(text),
            day: text
                .as_bytes()
                .windows(3)
                .any(|w| w.eq_ignore_ascii_case(b"day")),
        }
    }
}

static RULES: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    let rule = |pattern: String, kind| Rule {
        regex: crate::pattern::new(&format!("(?i){pattern}")).expect("date regex"),
        kind,
    };
    vec![
        rule(r"\b(\d{4})-(\d{2})-(\d{2})\b".into(), Kind::Iso),
        rule(
            format!(r"\b({MON})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"),
            Kind::MonthDayYear,
        ),
        rule(
            format!(r"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MON}),?\s+(\d{{4}})\b"),
            Kind::DayMonthYear,
        ),
        rule(
            format!(r"\b(?:(?:early|mid|late|end of)[\s-]+)?({MON}),?\s+(?:of\s+)?(\d{{4}})\b"),
            Kind::MonthYear,
        ),
        rule(
            r"\b((?:19|20)\d{2})\s?[-–]\s?(\d{2}|(?:19|20)\d{2})\b".into(),
            Kind::YearRange,
        ),
        rule(
            format!(r"\b({MON})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b"),
            Kind::MonthDay,
        ),
        rule(
            format!(r"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MON})"),
            Kind::DayMonth,
        ),
        rule(
            format!(r"(?:\b(?:in|since|by|until|during|from|early|late|mid|last|this|next)[\s-]+({MON}))|\b({MON_FULL})"),
            Kind::Month,
        ),
        rule(r"\b(1[89]\d{2}|20\d{2})\b".into(), Kind::Year),
        rule(
            r"\b(?:on\s+|last\s+|this\s+past\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b".into(),
            Kind::Weekday,
        ),
        rule(
            r"\b(?:(?:earlier|later)\s+)?(yesterday|tomorrow|this week|last week|this month|last month|this year|last year|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|a few|\d+)\s+(?:decades?|years?|months?|weeks?|days?)\s+ago|a decade ago)\b".into(),
            Kind::Relative,
        ),
    ]
});

fn small_number(text: &str) -> Option<u32> {
    match text {
        "a" | "one" => Some(1),
        "two" => Some(2),
        "three" => Some(3),
        "four" => Some(4),
        "five" => Some(5),
        "six" => Some(6),
        "seven" => Some(7),
        "eight" => Some(8),
        "nine" => Some(9),
        "ten" => Some(10),
        "a few" => Some(3),
        _ => text.parse().ok(),
    }
}

/// Resolve a relative expression ("last month", "a decade ago") against `r`.
fn relative(phrase: &str, r: NaiveDate) -> Option<PartialDate> {
    let phrase = phrase.to_lowercase();
    let phrase = phrase.split_whitespace().collect::<Vec<_>>().join(" ");
    let month_of = |d: NaiveDate| PartialDate::month(d.year(), d.month());
    Some(match phrase.as_str() {
        "yesterday" => PartialDate::day(r.pred_opt()?),
        "tomorrow" => PartialDate::day(r.succ_opt()?),
        "this week" => month_of(r),
        "last week" => month_of(r.checked_sub_days(Days::new(7))?),
        "this month" => month_of(r),
        "last month" => month_of(r.checked_sub_months(Months::new(1))?),
        "this year" => PartialDate::year(r.year()),
        "last year" => PartialDate::year(r.year() - 1),
        "a decade ago" => PartialDate::year(r.year() - 10),
        ago => {
            let rest = ago.strip_suffix(" ago")?;
            let (n, unit) = rest.rsplit_once(' ')?;
            let n = small_number(n)?;
            match unit.trim_end_matches('s') {
                "decade" => PartialDate::year(r.year() - 10 * n as i32),
                "year" => PartialDate::year(r.year() - n as i32),
                "month" => month_of(r.checked_sub_months(Months::new(n))?),
                "week" => month_of(r.checked_sub_days(Days::new(7 * n as u64))?),
                "day" => PartialDate::day(r.checked_sub_days(Days::new(n as u64))?),
                _ => return None,
            }
        }
    })
}

/// The year a month (and day) without a year falls in: the latest one not
/// after the reference date.
fn year_for(month: u32, day: Option<u32>, r: NaiveDate) -> i32 {
    let later = month > r.month() || (month == r.month() && day.is_some_and(|d| d > r.day()));
    if later {
        r.year() - 1
    } else {
        r.year()
    }
}

struct Candidate {
    span: Range<usize>,
    date: PartialDate,
    relative: bool,
}

fn candidate(
    caps: &regex::Captures,
    kind: Kind,
    text: &str,
    r: Option<NaiveDate>,
) -> Option<Candidate> {
    let whole = caps.get(0)?;
    let g = |i: usize| caps.get(i).map(|m| m.as_str());
    let num = |i: usize| g(i).and_then(|s| s.parse::<u32>().ok());
    let before = &text[..whole.start()];
    let after = &text[whole.end()..];
    let (date, relative) = match kind {
        Kind::Iso => {
            let d = NaiveDate::from_ymd_opt(g(1)?.parse().ok()?, num(2)?, num(3)?)?;
            (PartialDate::day(d), false)
        }
        Kind::MonthDayYear => {
            let d = NaiveDate::from_ymd_opt(
                g(3)?.parse().ok()?,
                calendar::month_number(g(1)?)?,
                num(2)?,
            )?;
            (PartialDate::day(d), false)
        }
        Kind::DayMonthYear => {
            let d = NaiveDate::from_ymd_opt(
                g(3)?.parse().ok()?,
                calendar::month_number(g(2)?)?,
                num(1)?,
            )?;
            (PartialDate::day(d), false)
        }
        Kind::MonthYear => (
            PartialDate::month(g(2)?.parse().ok()?, calendar::month_number(g(1)?)?),
            false,
        ),
        Kind::YearRange => {
            // "2015-16": the period starts in its first year. Not "2020-25%".
            if after.starts_with(['%', '/']) {
                return None;
            }
            (PartialDate::year(g(1)?.parse().ok()?), false)
        }
        Kind::MonthDay | Kind::DayMonth => {
            let (m, d) = match kind {
                Kind::MonthDay => (calendar::month_number(g(1)?)?, num(2)?),
                _ => (calendar::month_number(g(2)?)?, num(1)?),
            };
            let r = r?;
            let d = NaiveDate::from_ymd_opt(year_for(m, Some(d), r), m, d)?;
            (PartialDate::day(d), true)
        }
        Kind::Month => {
            let m = calendar::month_number(g(1).or(g(2))?)?;
            let r = r?;
            (PartialDate::month(year_for(m, None, r), m), true)
        }
        Kind::Year => {
            // Not part of a name ("Zapad 2025"), an amount or a bigger number.
            let prev_word = before.split_whitespace().next_back().unwrap_or("");
            let function_word = matches!(
                prev_word.to_lowercase().as_str(),
                "the"
                    | "in"
                    | "since"
                    | "by"
                    | "after"
                    | "before"
                    | "during"
                    | "until"
                    | "from"
                    | "of"
                    | "a"
                    | "an"
                    | "its"
                    | "his"
                    | "her"
                    | "their"
                    | "early"
                    | "late"
                    | "mid"
                    | "around"
                    | "through"
                    | "between"
                    | "and"
                    | "or"
                    | "to"
            );
            let named = prev_word.chars().next().is_some_and(char::is_uppercase)
                && !function_word
                && calendar::month_number(prev_word).is_none()
                && !before.trim_end().ends_with(['.', ':', ';', '—', '–', ','])
                && !before.trim_end().is_empty();
            if named
                || before.ends_with(['$', '€', '£', ',', '.'])
                || after.starts_with([',', '%'])
                    && after[1..].starts_with(|c: char| c.is_ascii_digit())
                || after.starts_with('%')
            {
                return None;
            }
            (PartialDate::year(g(1)?.parse().ok()?), false)
        }
        Kind::Weekday => {
            // "Tuesday, September 23": the date that follows says it all.
            let rest = after.trim_start_matches([',', ' ']);
            if rest.starts_with(|c: char| c.is_ascii_digit())
                || rest
                    .split_whitespace()
                    .next()
                    .and_then(calendar::month_number)
                    .is_some()
            {
                return None;
            }
            let name = g(1)?.to_lowercase();
            let wd = calendar::weekday(&name)?;
            let r = r?;
            let back = (7 + r.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
            (
                PartialDate::day(r.checked_sub_days(Days::new(back as u64))?),
                true,
            )
        }
        Kind::Relative => (relative(g(1)?, r?)?, true),
    };
    Some(Candidate {
        span: whole.start()..whole.end(),
        date,
        relative,
    })
}

/// Every date in `text`, in order, resolved against `reference`.
/// Dates that need a reference (relative ones, or a month and day without
/// a year) are left out when the reference has no date.
pub fn find(text: &str, reference: &Reference) -> Vec<DateMention> {
    let mut candidates: Vec<(usize, Candidate)> = Vec::new();
    let held = Held::of(text);
    for (priority, rule) in RULES.iter().enumerate() {
        if !rule.kind.may_match(&held) {
            continue;
        }
        for caps in rule.regex.captures_iter(text) {
            if let Some(c) = candidate(&caps, rule.kind, text, reference.date) {
                candidates.push((priority, c));
            }
        }
    }
    // Earlier rules are the more specific forms: they win overlaps.
    candidates.sort_by_key(|(p, c)| (*p, c.span.start));
    let mut spans = crate::extract::spans::Disjoint::new();
    let mut taken: Vec<Candidate> = Vec::new();
    for (_, c) in candidates {
        if spans.insert(c.span.clone()) {
            taken.push(c);
        }
    }
    taken.sort_by_key(|c| c.span.start);
    taken
        .into_iter()
        .map(|c| DateMention {
            date: c.date,
            uncertain: c.relative && reference.uncertain,
            relative: c.relative,
            span: c.span,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(date: &str) -> Reference {
        Reference::for_article(Some(date), false, "")
    }

    #[test]
    fn a_rule_is_skipped_only_where_its_pattern_cannot_match() {
        for text in [
            "on September 11, 2025 it",
            "Sep 27, 2025 |",
            "the 3rd of March, 2024",
            "in early June 2023 and 2015-16",
            "2021-03-04 and 12 Dec",
            "last Monday, MONDAY or tuesday",
            "a decade ago, two weeks ago, yesterday",
            "in the ١٢٣٤ budget",
            "since May; in July; Sept. 9",
            "No date here at all.",
            "",
        ] {
            let held = Held::of(text);
            for rule in RULES.iter() {
                if rule.regex.is_match(text) {
                    assert!(rule.kind.may_match(&held), "{:?}: {text}", rule.kind);
                }
            }
        }
        let none = Held::of("No date here at all.");
        assert!(!none.digit && !none.month && !none.day);
    }

    fn dates(text: &str, r: &Reference) -> Vec<String> {
        find(text, r).iter().map(|m| m.date.to_string()).collect()
    }

    #[test]
    fn absolute_forms() {
        let r = known("2025-09-27");
        assert_eq!(dates("on September 11, 2025 it", &r), ["2025-09-11"]);
        assert_eq!(dates("Sep 27, 2025 |", &r), ["2025-09-27"]);
        assert_eq!(dates("filed 2025-09-11.", &r), ["2025-09-11"]);
        assert_eq!(dates("Sunday, Nov. 15, 2020 photo", &r), ["2020-11-15"]);
        assert_eq!(dates("took power in 1994 and", &r), ["1994"]);
        assert_eq!(dates("the disputed August 2020 vote", &r), ["2020-08"]);
        assert_eq!(dates("as of late September 2025.", &r), ["2025-09"]);
        assert_eq!(dates("only six in 2015-16, then", &r), ["2015"]);
        assert_eq!(dates("on 3 March 2024", &r), ["2024-03-03"]);
    }

    #[test]
    fn month_and_day_without_year_take_the_articles_year() {
        let r = known("2025-09-27");
        let found = find("on Sept. 11 he", &r);
        assert_eq!(found[0].date.to_string(), "2025-09-11");
        assert!(found[0].relative && !found[0].uncertain);
        assert_eq!(dates("a visit in February", &r), ["2025-02"]);
        assert_eq!(dates("a June trip", &r), ["2025-06"]);
        // A month after the article's month is last year's.
        assert_eq!(dates("in November", &r), ["2024-11"]);
    }

    #[test]
    fn relative_forms() {
        // 2025-02-15 is a Saturday.
        let r = known("2025-02-15");
        assert_eq!(dates("met on Wednesday", &r), ["2025-02-12"]);
        assert_eq!(dates("this week", &r), ["2025-02"]);
        assert_eq!(dates("last week", &r), ["2025-02"]);
        assert_eq!(dates("earlier this month", &r), ["2025-02"]);
        assert_eq!(dates("last month", &r), ["2025-01"]);
        assert_eq!(dates("last year", &r), ["2024"]);
        assert_eq!(dates("a decade ago", &r), ["2015"]);
        assert_eq!(dates("yesterday", &r), ["2025-02-14"]);
        assert_eq!(dates("two years ago", &r), ["2023"]);
    }

    #[test]
    fn names_and_amounts_are_not_years() {
        let r = known("2025-09-27");
        assert!(dates("drills called Zapad 2025 began", &r).is_empty());
        assert!(dates("paid 2,000 euros", &r).is_empty());
        assert!(dates("she may go", &r).is_empty());
    }

    #[test]
    fn weekday_followed_by_a_date_is_one_date() {
        let r = known("2025-09-27");
        assert_eq!(dates("On Tuesday, September 23, he", &r), ["2025-09-23"]);
    }

    #[test]
    fn inferred_reference_marks_relative_dates_uncertain() {
        let r = Reference::for_article(Some("2025-03-28"), true, "");
        let found = find("last year and in 2019", &r);
        assert_eq!(found.len(), 2);
        assert!(found[0].uncertain, "relative date must be uncertain");
        assert!(!found[1].uncertain, "absolute date is certain");
    }

    #[test]
    fn unknown_reference_uses_latest_text_date_uncertainly() {
        let text = "It was agreed in late September 2025. Then on Tuesday, September 23 he spoke.";
        let r = Reference::for_article(None, false, text);
        assert_eq!(r.date, NaiveDate::from_ymd_opt(2025, 9, 30));
        assert!(r.uncertain);
        let found = find(text, &r);
        let d = found.iter().find(|m| m.relative).unwrap();
        assert_eq!(d.date.to_string(), "2025-09-23");
        assert!(d.uncertain);
    }

    #[test]
    fn unknown_reference_without_dates_resolves_nothing_relative() {
        let r = Reference::for_article(None, false, "no dates here");
        assert_eq!(r.date, None);
        assert!(dates("last year in 2019", &r) == ["2019"]);
    }

    #[test]
    fn display_and_parse_keep_precision() {
        for s in ["2025", "2025-09", "2025-09-11"] {
            assert_eq!(PartialDate::parse(s).unwrap().to_string(), s);
        }
        assert!(PartialDate::parse("2025-13").is_none());
        let y = PartialDate::parse("2025").unwrap();
        assert!(y.compatible(&PartialDate::parse("2025-09").unwrap()));
        assert!(!PartialDate::parse("2025-08")
            .unwrap()
            .compatible(&PartialDate::parse("2025-09").unwrap()));
    }
}
