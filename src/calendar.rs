//! English month and weekday names: the one table every stage uses to read
//! dates (corpus datelines, dates in the text) and to write them (timeline).

use chrono::Weekday;

/// Month names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Weekday names, Monday first.
pub const WEEKDAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Month number (1-12) of a month name or abbreviation of at least three
/// letters, any case, with or without a final period: "Sept." → 9.
pub fn month_number(word: &str) -> Option<u32> {
    let lower = word.trim_end_matches('.').to_lowercase();
    if lower.len() < 3 {
        return None;
    }
    MONTH_NAMES
        .iter()
        .position(|m| m.to_lowercase().starts_with(&lower))
        .map(|i| i as u32 + 1)
}

/// The weekday a full English weekday name (any case) names.
pub fn weekday(word: &str) -> Option<Weekday> {
    WEEKDAY_NAMES
        .iter()
        .position(|d| d.eq_ignore_ascii_case(word))
        .and_then(|i| Weekday::try_from(i as u8).ok())
}

/// Is `word` a month or weekday name (the words that are never part of a
/// person's name in a byline)?
pub fn is_calendar_word(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    MONTH_NAMES
        .iter()
        .chain(WEEKDAY_NAMES.iter())
        .any(|n| n.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_weekdays() {
        assert_eq!(month_number("Sept."), Some(9));
        assert_eq!(month_number("feb"), Some(2));
        assert_eq!(month_number("December"), Some(12));
        assert_eq!(month_number("Ma"), None);
        assert_eq!(month_number("Monday"), None);
        assert_eq!(weekday("tuesday"), Some(Weekday::Tue));
        assert_eq!(weekday("Sunday"), Some(Weekday::Sun));
        assert_eq!(weekday("Tues"), None);
        assert!(
            is_calendar_word("August")
                && is_calendar_word("friday")
                && !is_calendar_word("Augustine")
        );
    }
}
