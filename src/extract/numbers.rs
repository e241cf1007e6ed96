//! Counts written in words or digits, with the qualifier that hedges them:
//! "more than 200", "an estimated 1,200", "tens of thousands", "fourteen".

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// A count found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    pub value: f64,
    /// Normalized hedge: "about", "more than", "over", "at least", "fewer than",
    /// "up to", "nearly", "estimated"; vague plurals ("thousands") are
    /// "at least" their lower bound.
    pub qualifier: Option<String>,
    /// Byte range of the whole phrase (qualifier included).
    pub span: Range<usize>,
    /// Byte range of the number itself (without the qualifier).
    pub number: Range<usize>,
}

const UNITS: &[(&str, f64)] = &[
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
    ("a dozen", 12.0),
    ("a hundred", 100.0),
    ("a thousand", 1000.0),
];

/// Vague plurals and the lower bound they stand for.
const VAGUE: &[(&str, f64)] = &[
    ("tens of thousands", 20_000.0),
    ("hundreds of thousands", 200_000.0),
    ("dozens", 24.0),
    ("hundreds", 200.0),
    ("thousands", 2_000.0),
    ("millions", 2_000_000.0),
];

const QUALIFIERS: &[(&str, &str)] = &[
    ("more than", "more than"),
    ("upwards of", "more than"),
    ("in excess of", "more than"),
    ("over", "over"),
    ("at least", "at least"),
    ("no fewer than", "at least"),
    ("fewer than", "fewer than"),
    ("less than", "fewer than"),
    ("under", "fewer than"),
    ("up to", "up to"),
    ("as many as", "up to"),
    ("about", "about"),
    ("around", "about"),
    ("approximately", "about"),
    ("roughly", "about"),
    ("some", "about"),
    ("nearly", "nearly"),
    ("almost", "nearly"),
    ("close to", "nearly"),
    ("an estimated", "estimated"),
    ("estimated", "estimated"),
];

fn alternation<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut words: Vec<&str> = words.collect();
    // Longest first so "tens of thousands" wins over "thousands".
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words
        .iter()
        .map(|w| regex::escape(w).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}

static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    let units = alternation(UNITS.iter().map(|(w, _)| *w));
    let vague = alternation(VAGUE.iter().map(|(w, _)| *w));
    let quals = alternation(QUALIFIERS.iter().map(|(w, _)| *w));
    crate::pattern::new(&format!(
        r"(?xi)
        (?:\b(?P<qual>{quals})\s+)?
        (?:
            (?P<vague>\b(?:{vague})\b)
          | (?P<digits>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)
          | (?P<words>\b(?:{units})(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine)\b)?\b)
        )
        (?:\s+(?P<mult>hundred|thousand|million|billion)\b)?"
    ))
    .expect("count regex")
});

fn unit_value(word: &str) -> Option<f64> {
    let lower = word.to_lowercase();
    let normalized = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut parts = normalized.splitn(2, ['-', ' ']);
    let first = parts.next()?;
    let rest = parts.next();
    let lookup = |w: &str| UNITS.iter().find(|(u, _)| *u == w).map(|(_, v)| *v);
    match (lookup(&normalized), rest) {
        (Some(v), _) => Some(v),
        (None, Some(r)) => Some(lookup(first)? + lookup(r)?),
        (None, None) => None,
    }
}

/// Find every count in `text`, in order.
pub fn find(text: &str) -> Vec<Count> {
    let mut out = Vec::new();
    for caps in COUNT.captures_iter(text) {
        let whole = caps.get(0).expect("match");
        let qualifier = caps.name("qual").map(|q| {
            let q = q.as_str().to_lowercase();
            let q = q.split_whitespace().collect::<Vec<_>>().join(" ");
            QUALIFIERS
                .iter()
                .find(|(w, _)| *w == q)
                .map(|(_, n)| n.to_string())
                .unwrap_or(q)
        });
        let (number, value, vague) = if let Some(m) = caps.name("vague") {
            let key = m.as_str().to_lowercase();
            let key = key.split_whitespace().collect::<Vec<_>>().join(" ");
            let v = VAGUE.iter().find(|(w, _)| *w == key).map(|(_, v)| *v);
            (m, v, true)
        } else if let Some(m) = caps.name("digits") {
            // Part of a longer token ("F-35", "1990s", "3.0/") is not a count.
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '$' | '€' | '£'))
                || after.is_some_and(|c| c.is_alphabetic() || c == '%' || c == '/')
            {
                continue;
            }
            (m, m.as_str().replace(',', "").parse::<f64>().ok(), false)
        } else if let Some(m) = caps.name("words") {
            (m, unit_value(m.as_str()), false)
        } else {
            continue;
        };
        let Some(mut value) = value else { continue };
        let mut end = number.end();
        if let Some(mult) = caps.name("mult") {
            value *= match mult.as_str().to_lowercase().as_str() {
                "hundred" => 100.0,
                "thousand" => 1_000.0,
                "million" => 1_000_000.0,
                _ => 1_000_000_000.0,
            };
            end = mult.end();
        }
        let qualifier = match (qualifier, vague) {
            (q @ Some(_), _) => q,
            (None, true) => Some("at least".to_string()),
            (None, false) => None,
        };
        out.push(Count {
            value,
            qualifier,
            span: whole.start()..end,
            number: number.start()..end,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> (f64, Option<String>) {
        let found = find(text);
        assert_eq!(found.len(), 1, "{text:?}: {found:?}");
        (found[0].value, found[0].qualifier.clone())
    }

    #[test]
    fn digits_with_and_without_separators() {
        assert_eq!(one("they counted 1,226 people"), (1226.0, None));
        assert_eq!(one("52 were freed"), (52.0, None));
        assert_eq!(one("a town of 9.1 million"), (9_100_000.0, None));
    }

    #[test]
    fn qualifiers_are_kept() {
        let q = |s: &str| Some(s.to_string());
        assert_eq!(one("more than 200 of them"), (200.0, q("more than")));
        assert_eq!(one("over 35,000 were held"), (35_000.0, q("over")));
        assert_eq!(one("approximately 1,200 inmates"), (1200.0, q("about")));
        assert_eq!(one("around 1,200 inmates"), (1200.0, q("about")));
        assert_eq!(one("an estimated 1,200 inmates"), (1200.0, q("estimated")));
        assert_eq!(one("at least 60 votes"), (60.0, q("at least")));
        assert_eq!(one("fewer than 10 left"), (10.0, q("fewer than")));
    }

    #[test]
    fn number_words_and_vague_plurals() {
        let q = |s: &str| Some(s.to_string());
        assert_eq!(one("six inmates"), (6.0, None));
        assert_eq!(one("fourteen inmates"), (14.0, None));
        assert_eq!(one("two guards"), (2.0, None));
        assert_eq!(one("twenty-five guards"), (25.0, None));
        assert_eq!(one("tens of thousands marched"), (20_000.0, q("at least")));
        assert_eq!(one("thousands marched"), (2_000.0, q("at least")));
        assert_eq!(one("dozens marched"), (24.0, q("at least")));
    }

    #[test]
    fn parts_of_other_tokens_are_not_counts() {
        assert!(find("an F-35 jet").is_empty());
        assert!(find("won 87% of it").is_empty());
        assert!(find("someone and nothing").is_empty());
    }

    #[test]
    fn spans_cover_the_qualifier() {
        let text = "then more than 200 left";
        let c = &find(text)[0];
        assert_eq!(&text[c.span.clone()], "more than 200");
        assert_eq!(&text[c.number.clone()], "200");
    }
}
