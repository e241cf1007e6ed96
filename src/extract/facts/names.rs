//! People named in a sentence, found by the role word before the name
//! ("philosopher Jan Kowal") or the noun they stand in apposition to
//! ("prisoners, Jan Kowal"). Titles alone (Mr., Ms.) are not enough: they
//! name the powerful as often as the jailed.

use std::sync::LazyLock;

use regex::Regex;

/// A capitalized name of one to four words, initials allowed ("Jan W. Kowal").
const NAME: &str = r"((?-i:[A-Z][\p{L}’'\-]+|[A-Z]\.)(?:\s+(?-i:[A-Z][\p{L}’'\-]+|[A-Z]\.)){0,3})";

static PEOPLE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::new(&format!(
        r"(?i)\b(?:candidate|blogger|philosopher|laureate|activist|journalist|reporter|writer|poet|artist|musician|lawyer|dissident|politician|opposition figure|husband|wife|sister|brother|daughter|son|mother|father|student|scientist|economist|priest|citizen|prisoners?|detainees?),?\s+{NAME}"
    ))
    .expect("people regex")
});

static OF_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::new(r"\bof\s+(?:[\w-]+\s+){0,2}$").expect("of regex"));

static NEGOTIATOR: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::new(&format!(
        r"(?i)\b(?:envoy|diplomat|negotiator|mediator|ambassador|secretary of state|official)\s+{NAME}|{NAME},\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,4}}(?:envoy|diplomat|negotiator|mediator|ambassador|secretary|official)\b"
    ))
    .expect("negotiator regex")
});

/// Words that start a capitalized run but are not part of a name.
fn clean(name: &str) -> Option<String> {
    let words: Vec<&str> = name
        .split_whitespace()
        .skip_while(|w| matches!(*w, "The" | "A" | "An" | "Mr." | "Ms." | "Mrs." | "Dr."))
        .map(|w| w.trim_end_matches(['’', '\'']))
        .map(|w| w.strip_suffix("’s").or(w.strip_suffix("'s")).unwrap_or(w))
        .collect();
    if words.is_empty() || words.iter().all(|w| w.len() <= 2) {
        return None;
    }
    Some(words.join(" "))
}

/// People named as prisoners (or the freed) in `text`, in order, deduplicated.
pub fn people(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for caps in PEOPLE.captures_iter(text) {
        // "husband of candidate X": X is not the one meant.
        let whole = caps.get(0).map_or("", |m| m.as_str()).to_lowercase();
        let start = caps.get(0).map_or(0, |m| m.start());
        let apposition = whole.starts_with("prisoner") || whole.starts_with("detainee");
        if !apposition && OF_BEFORE.is_match(&text[..start]) {
            continue;
        }
        if let Some(name) = caps.get(1).and_then(|m| clean(m.as_str())) {
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

/// The first person named as an envoy, diplomat or official in `text`.
pub fn negotiator(text: &str) -> Option<String> {
    NEGOTIATOR.captures_iter(text).find_map(|caps| {
        caps.get(1)
            .or_else(|| caps.get(2))
            .and_then(|m| clean(m.as_str()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_after_role_words() {
        assert_eq!(
            people("Freed were poet Anna Marek and former candidate Jan W. Kowal, a critic."),
            ["Anna Marek", "Jan W. Kowal"]
        );
        assert_eq!(
            people("one of the best-known political prisoners, Olga Brun, wrote."),
            ["Olga Brun"]
        );
        assert!(people("Mr. Boss released them all.").is_empty());
        assert_eq!(
            people("blogger Ivan Pol, husband of ex-presidential candidate Ana Pol"),
            ["Ivan Pol"]
        );
    }

    #[test]
    fn negotiator_by_role() {
        assert_eq!(
            negotiator("Tomas Vell, a deputy assistant secretary of state, drove there.")
                .as_deref(),
            Some("Tomas Vell")
        );
        assert_eq!(
            negotiator("a trip with US diplomat Marlow, which").as_deref(),
            Some("Marlow")
        );
        assert_eq!(negotiator("nobody negotiated"), None);
    }
}
