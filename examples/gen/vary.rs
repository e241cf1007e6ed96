//! Varying a paragraph: swap people's names, shift years, move days of the
//! month and perturb the other numbers, keeping their format.

use std::collections::HashMap;

use rand::Rng;

/// How one article varies the text it borrows.
pub struct Variation {
    /// Name token → replacement token.
    pub names: HashMap<String, String>,
    /// Years are shifted by this many years (the article's year minus the seeds').
    pub year_shift: i32,
}

const MONTHS: &[&str] = &[
    "Jan",
    "January",
    "Feb",
    "February",
    "Mar",
    "March",
    "Apr",
    "April",
    "May",
    "Jun",
    "June",
    "Jul",
    "July",
    "Aug",
    "August",
    "Sep",
    "Sept",
    "September",
    "Oct",
    "October",
    "Nov",
    "November",
    "Dec",
    "December",
];

impl Variation {
    /// Apply the variation to `text`, drawing perturbations from `rng`.
    pub fn apply(&self, text: &str, rng: &mut impl Rng) -> String {
        let mut out = String::with_capacity(text.len() + 16);
        let chars: Vec<char> = text.chars().collect();
        let mut last_word = String::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c.is_alphabetic() {
                let start = i;
                while i < chars.len() && chars[i].is_alphabetic() {
                    i += 1;
                }
                let word: String = chars[start..i].iter().collect();
                match self.names.get(&word) {
                    Some(new) => out.push_str(new),
                    None => out.push_str(&word),
                }
                last_word = word;
            } else if c.is_ascii_digit() {
                let start = i;
                while i < chars.len()
                    && (chars[i].is_ascii_digit()
                        || (matches!(chars[i], ',' | '.')
                            && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
                {
                    i += 1;
                }
                let number: String = chars[start..i].iter().collect();
                let glued = (start > 0 && chars[start - 1].is_alphanumeric())
                    || chars.get(i).is_some_and(|c| c.is_alphabetic())
                    || (start > 0 && chars[start - 1] == '-');
                if glued {
                    out.push_str(&number);
                } else {
                    out.push_str(&self.number(&number, &last_word, &chars[..start], rng));
                }
                last_word.clear();
            } else {
                out.push(c);
                if !c.is_whitespace() && c != '.' {
                    last_word.clear();
                }
                i += 1;
            }
        }
        out
    }

    fn number(&self, number: &str, last_word: &str, before: &[char], rng: &mut impl Rng) -> String {
        let after_month =
            MONTHS.contains(&last_word) && before.last().is_some_and(|c| c.is_whitespace());
        let plain = number.chars().all(|c| c.is_ascii_digit());
        if plain && after_month && number.len() <= 2 {
            return rng.gen_range(1..=28).to_string();
        }
        if plain && number.len() == 4 {
            if let Ok(year) = number.parse::<i32>() {
                if (1950..=2099).contains(&year) {
                    return (year + self.year_shift).to_string();
                }
            }
        }
        perturb(number, rng)
    }
}

/// A number moved by up to about half its value, in the same format
/// (thousands separators, decimals).
fn perturb(number: &str, rng: &mut impl Rng) -> String {
    let commas = number.contains(',');
    let digits: String = number.chars().filter(|c| *c != ',').collect();
    let decimals = digits.split_once('.').map_or(0, |(_, d)| d.len());
    let Ok(value) = digits.parse::<f64>() else {
        return number.to_string();
    };
    if value == 0.0 {
        return number.to_string();
    }
    if decimals == 0 && value < 10.0 {
        let v = value as i64;
        return rng.gen_range((v - 2).max(1)..=v + 2).to_string();
    }
    let new = value * rng.gen_range(0.6..1.5);
    let text = format!("{new:.decimals$}");
    if !commas {
        return text;
    }
    let (int, frac) = text
        .split_once('.')
        .map_or((text.as_str(), None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{grouped}.{f}"),
        None => grouped,
    }
}
