//! Authors: bylines ("By A and B", "Author's name X"), a name alone on a line
//! near the headline, and author bios at the end ("X is a ... journalist").

use std::sync::LazyLock;

use regex::Regex;

use crate::corpus::clean::lexicon::{AUTHOR_BIO, SECTIONS};

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::new(r"^(?:[Bb]y|BY|[Ww]ritten by|[Ww]ords by|[Aa]uthors?\s*:|[Aa]uthor[`'’]?s name\s*:?)\s+(.+)$").unwrap()
});
static NAME_SEPARATORS: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::new(r"\s*(?:,|\band\b|&|\bund\b|\bet\b)\s*").unwrap());

/// Words that make a capitalised phrase an organisation or place, not a person.
const NON_PERSON: &[&str] = &[
    "center",
    "centre",
    "institute",
    "university",
    "news",
    "times",
    "post",
    "journal",
    "press",
    "agency",
    "group",
    "ministry",
    "council",
    "party",
    "foundation",
    "association",
    "committee",
    "company",
    "bank",
    "service",
    "network",
    "media",
    "daily",
    "weekly",
    "channel",
    "radio",
    "magazine",
    "union",
    "republic",
    "federation",
    "kingdom",
    "street",
    "square",
    "avenue",
    "road",
    "city",
    "house",
    "office",
    "department",
    "staff",
    "team",
    "desk",
    "reporters",
    "correspondent",
    "editor",
    "editors",
    "photo",
    "image",
    "video",
    "getty",
    "images",
    "the",
    "of",
    "for",
    "new",
    "read",
    "more",
];

/// Lowercase particles allowed inside a personal name ("Ludwig van Beethoven").
const PARTICLES: &[&str] = &[
    "de", "van", "von", "der", "den", "da", "di", "du", "al", "el", "bin", "ibn", "la", "le",
];

/// Is this text a personal name (2 to 4 capitalised words)?
pub fn is_person_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if !(2..=4).contains(&words.len()) {
        return false;
    }
    let caps = words
        .iter()
        .filter(|w| super::super::text::is_capitalised(w))
        .count();
    caps >= 2 && words.iter().all(|w| is_name_word(w, &w.to_lowercase()))
}

/// Can `w` (lowercase: `lower`) be a word of a personal name?
fn is_name_word(w: &str, lower: &str) -> bool {
    let letters = w
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’' | '.'));
    let upper_initial = super::super::text::is_capitalised(w);
    let all_caps = w.chars().filter(|c| c.is_alphabetic()).count() > 1
        && w.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    letters
        && !all_caps
        && !NON_PERSON.contains(&lower.trim_end_matches('.'))
        && !crate::calendar::is_calendar_word(lower)
        && !SECTIONS.contains(lower)
        && (upper_initial || PARTICLES.contains(&lower))
}

/// Names of a byline line ("By A and B", "Author`s name X"), or `None` when
/// the line is not a byline.
pub fn byline(text: &str) -> Option<Vec<String>> {
    let caps = BYLINE.captures(text.trim())?;
    let rest = caps[1].split(['|', '—', '–']).next().unwrap_or("").trim();
    let rest = rest.trim_end_matches(['.', ',', ';', ':']);
    let names: Vec<String> = NAME_SEPARATORS
        .split(rest)
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect();
    let persons: Vec<String> = names
        .iter()
        .filter(|n| is_person_name(n))
        .cloned()
        .collect();
    // Every part must be a name, except trailing affiliations ("Staff Writer").
    (!persons.is_empty() && persons.first() == names.first()).then_some(persons)
}

/// The author named at the start of a bio line ("X is a ... journalist ...").
pub fn bio(text: &str) -> Option<String> {
    let caps = AUTHOR_BIO.captures(text)?;
    let name = caps.name("name")?.as_str();
    (is_person_name(name) && crate::corpus::text::word_count(text) <= 80).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_with_one_or_several_authors() {
        assert_eq!(
            byline("By Mara Quellin"),
            Some(vec!["Mara Quellin".to_string()])
        );
        assert_eq!(
            byline("By Ivo Stannard and Petra Lindqvist-Orr"),
            Some(vec![
                "Ivo Stannard".to_string(),
                "Petra Lindqvist-Orr".to_string()
            ])
        );
        assert_eq!(
            byline("BY Ana Ruiz, Tom Bell & Li Wen | Staff"),
            Some(vec!["Ana Ruiz".into(), "Tom Bell".into(), "Li Wen".into()])
        );
        assert_eq!(
            byline("Author`s name Oleg Varkov"),
            Some(vec!["Oleg Varkov".to_string()])
        );
        assert_eq!(
            byline("Author's name: Oleg Varkov"),
            Some(vec!["Oleg Varkov".to_string()])
        );
    }

    #[test]
    fn sentences_starting_with_by_are_not_bylines() {
        assert_eq!(
            byline("By the end of the year, the harbour had closed."),
            None
        );
        assert_eq!(byline("By Friday"), None);
    }

    #[test]
    fn person_names_exclude_organisations_and_sections() {
        assert!(is_person_name("Greta van Hoorn"));
        assert!(is_person_name("Kasimir T. Vrell"));
        assert!(!is_person_name("World News"));
        assert!(!is_person_name("Harlow Center"));
        assert!(!is_person_name("THE DAILY HORN"));
        assert!(!is_person_name("Dunbury, Wessex"));
        assert!(!is_person_name("Prague"));
    }

    #[test]
    fn bios_name_their_author() {
        assert_eq!(
            bio("Lena Morrow is a Finnish journalist based in Oulu."),
            Some("Lena Morrow".to_string())
        );
        assert_eq!(
            bio("Tor Hegge is the Nordic bureau chief for The Ledger based in Oslo."),
            Some("Tor Hegge".to_string())
        );
        assert_eq!(bio("The minister is a former journalist."), None);
    }
}
