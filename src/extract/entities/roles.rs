//! Descriptions the text gives of a name, and the cues they carry: a role
//! noun before it ("opposition blogger X"), an appositive after it
//! ("X, a former ministry official,") or before it ("the secretary of state
//! at the time, X,"), a speech verb next to it, "X administration".

use super::lexicon;
use super::model::Kind;
use super::tokens::Token;

/// What the context of a name says about it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Cues {
    pub person: bool,
    pub org: bool,
    /// Role phrases found (for whichever kind the cues point to).
    pub roles: Vec<String>,
}

const DETERMINERS: &[&str] = &["a", "an", "the", "his", "her", "its", "their"];
const PREPOSITIONS: &[&str] = &[
    "of", "in", "at", "for", "to", "on", "with", "from", "under", "since", "by", "who", "that",
    "which",
];
const CLAUSE_STOPS: &[&str] = &[
    "who", "which", "that", "whose", "where", "when", "has", "have", "had", "is", "was", "were",
    "are", "will", "would", "could", "can", "should", "may", "might", "did", "does",
];

fn is_apostrophe(t: &Token<'_>) -> bool {
    !t.word && matches!(t.text, "’" | "'")
}

fn starts_lower(t: &Token<'_>) -> bool {
    t.text.chars().next().is_some_and(char::is_lowercase)
}

fn span(text: &str, tokens: &[Token<'_>], from: usize, to: usize) -> String {
    text[tokens[from].start..tokens[to].end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The head noun of a role phrase: the word before its first preposition.
fn head<'a>(tokens: &[Token<'a>], from: usize, to: usize) -> Option<&'a str> {
    let mut last = None;
    for (k, t) in tokens.iter().enumerate().take(to + 1).skip(from) {
        if !t.word {
            continue;
        }
        if k > from && PREPOSITIONS.contains(&t.lower().as_str()) {
            break;
        }
        last = Some(t.text);
    }
    last
}

/// Classify a head noun.
fn kind_of(noun: &str) -> Option<Kind> {
    let lower = noun.to_lowercase();
    if lexicon::is_person_noun(&lower) {
        Some(Kind::Person)
    } else if lexicon::is_org_noun(&lower) {
        Some(Kind::Organization)
    } else {
        None
    }
}

/// The noun phrase ending at token `noun`, scanned backwards over words
/// that are not function words (at most six).
fn phrase_before(text: &str, tokens: &[Token<'_>], noun: usize) -> String {
    let mut from = noun;
    while from > 0 && noun - from < 5 {
        let t = &tokens[from - 1];
        if !t.word
            || t.possessive
            || lexicon::is_function_word(t.text)
            || lexicon::is_speech_verb(t.text)
            || is_verb_like(t.text)
        {
            break;
        }
        from -= 1;
    }
    span(text, tokens, from, noun)
}

/// A lowercase past form ("freed", "met") ends a role phrase, except the
/// participles that describe people ("exiled", "jailed").
fn is_verb_like(word: &str) -> bool {
    const DESCRIBING: &[&str] = &[
        "exiled",
        "jailed",
        "imprisoned",
        "detained",
        "retired",
        "elected",
        "acclaimed",
        "renowned",
        "celebrated",
        "alleged",
        "self-exiled",
        "so-called",
        "detained",
        "embattled",
        "sanctioned",
        "disgraced",
        "ousted",
        "deposed",
        "designated",
        "appointed",
        "seasoned",
    ];
    let lower = word.to_lowercase();
    word.chars().next().is_some_and(char::is_lowercase)
        && (lower.ends_with("ed") && !DESCRIBING.contains(&lower.as_str()) || lower == "met")
}

/// Appositive after the comma at `comma`: returns (kind of its head, text).
fn appositive_after(text: &str, tokens: &[Token<'_>], comma: usize) -> Option<(Kind, String)> {
    let from = comma + 1;
    let mut to = from;
    while to < tokens.len() && to - from < 20 {
        let t = &tokens[to];
        if !t.word && !is_apostrophe(t) && t.text != "-" {
            break;
        }
        if t.word && (CLAUSE_STOPS.contains(&t.lower().as_str()) || lexicon::is_speech_verb(t.text))
        {
            break;
        }
        to += 1;
    }
    if to == from {
        return None;
    }
    let last = to - 1;
    let first = &tokens[from];
    let determiner = DETERMINERS.contains(&first.lower().as_str());
    let lower_start = starts_lower(first) && !lexicon::is_function_word(first.text);
    let short_titled = last - from < 4 && tokens[last].word && kind_of(tokens[last].text).is_some();
    if !(determiner || lower_start || short_titled) {
        return None;
    }
    let noun = head(tokens, from, last)?;
    let kind = kind_of(noun)?;
    let start = if determiner { from + 1 } else { from };
    (start <= last).then(|| (kind, span(text, tokens, start, last)))
}

/// Appositive before the comma at `comma` ("the envoy at the time, X"),
/// unless it is itself the appositive of an earlier name.
fn appositive_before(text: &str, tokens: &[Token<'_>], comma: usize) -> Option<String> {
    let sentence = tokens[comma].sentence;
    let mut from = comma;
    while from > 0 && comma - from < 14 {
        let t = &tokens[from - 1];
        if t.sentence != sentence || !t.word && !is_apostrophe(t) {
            break;
        }
        from -= 1;
    }
    if from == comma {
        return None;
    }
    if from >= 2 && tokens[from - 1].is(",") && tokens[from - 2].capitalised() {
        return None;
    }
    let det = (from..comma).find(|&k| DETERMINERS[..3].contains(&tokens[k].lower().as_str()))?;
    if det + 1 >= comma {
        return None;
    }
    let noun = head(tokens, det + 1, comma - 1)?;
    (kind_of(noun) == Some(Kind::Person)).then(|| span(text, tokens, det + 1, comma - 1))
}

/// Cues around a name spanning tokens `first..=last` (titles included).
pub fn cues(text: &str, tokens: &[Token<'_>], first: usize, last: usize) -> Cues {
    let mut cues = Cues::default();
    if first > 0 {
        let p = first - 1;
        let prev = &tokens[p];
        if prev.word && starts_lower(prev) {
            let according = prev.lower() == "to" && p > 0 && tokens[p - 1].lower() == "according";
            if lexicon::is_speech_verb(prev.text) && !prev.quoted || according {
                cues.person = true;
            } else {
                match kind_of(prev.text) {
                    Some(Kind::Person) => {
                        cues.person = true;
                        cues.roles.push(phrase_before(text, tokens, p));
                    }
                    Some(Kind::Organization) => {
                        cues.org = true;
                        cues.roles.push(phrase_before(text, tokens, p));
                    }
                    _ => {}
                }
            }
        } else if prev.is(",") {
            if let Some(role) = appositive_before(text, tokens, p) {
                cues.person = true;
                cues.roles.push(role);
            }
        }
    }
    if let Some(next) = tokens.get(last + 1) {
        let speaks = next.word && lexicon::is_speech_verb(next.text);
        let leads = next.word && first == last && lexicon::is_leader_noun(next.text);
        if speaks || leads {
            cues.person = !cues.org;
        } else if next.is(",") {
            if let Some((kind, role)) = appositive_after(text, tokens, last + 1) {
                match kind {
                    Kind::Person if !cues.org => cues.person = true,
                    Kind::Organization if !cues.person => cues.org = true,
                    _ => {}
                }
                if (kind == Kind::Person) == cues.person {
                    cues.roles.push(role);
                }
            }
        }
    }
    cues.roles.retain(|r| !r.is_empty());
    cues
}

/// Roles of an organisation name spanning `first..=last`.
pub fn around(
    text: &str,
    tokens: &[Token<'_>],
    first: usize,
    last: usize,
    kind: Kind,
) -> Vec<String> {
    let c = cues(text, tokens, first, last);
    match kind {
        Kind::Organization if c.org => c.roles,
        Kind::Person if c.person => c.roles,
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn cues_of(text: &str, name: &str) -> Cues {
        let tokens = tokenize(text);
        let first = tokens
            .iter()
            .position(|t| name.starts_with(t.text))
            .unwrap();
        let words = name.split_whitespace().count();
        cues(text, &tokens, first, first + words - 1)
    }

    #[test]
    fn role_noun_before_the_name() {
        let c = cues_of(
            "It freed opposition blogger Ostap Veles on Monday.",
            "Ostap Veles",
        );
        assert!(c.person);
        assert_eq!(c.roles, ["opposition blogger"]);
    }

    #[test]
    fn appositive_after_the_name() {
        let c = cues_of(
            "Ostap Veles, a former foreign ministry official in Narnia, said so.",
            "Ostap Veles",
        );
        assert!(c.person);
        assert_eq!(c.roles, ["former foreign ministry official in Narnia"]);
        let c = cues_of(
            "Rainwatch, a human rights group that counts prisoners, spoke.",
            "Rainwatch",
        );
        assert!(c.org && !c.person);
        assert_eq!(c.roles, ["human rights group"]);
    }

    #[test]
    fn appositive_before_the_name() {
        let c = cues_of(
            "In 2005, the secretary of state at the time, Dora Quill, spoke.",
            "Dora Quill",
        );
        assert!(c.person);
        assert_eq!(c.roles, ["secretary of state at the time"]);
        // Not when the phrase belongs to an earlier name.
        let c = cues_of(
            "Ada Roe, a sister of a famous prisoner, Mira Voss, spoke.",
            "Mira Voss",
        );
        assert!(c.roles.is_empty());
    }

    #[test]
    fn speech_verb_and_administration() {
        assert!(cues_of("“Fine,” said Harrow.", "Harrow").person);
        assert!(cues_of("The Harrow administration disagreed.", "Harrow").person);
        assert!(!cues_of("Harrow is a town.", "Harrow").person);
    }
}
