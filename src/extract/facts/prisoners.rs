//! Prisoner facts: counts of people held, releases, arrests, sentences and
//! the status of named prisoners.

use std::cell::OnceCell;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::context::{cues, distance, Cue, CueRules, Draft, Sentence};
use super::model::{Detail, PrisonerDetail};
use super::names;
use crate::extract::numbers::Count;

fn re(pattern: &str) -> Regex {
    crate::pattern::new(&format!("(?i){pattern}")).expect("prisoner regex")
}

/// Cue words, most specific first (earlier ones win overlaps).
static CUES: LazyLock<CueRules> = LazyLock::new(|| {
    CueRules::new(vec![
        // Still held: a count, not an arrest.
        (
            re(
                r"\b(?:still|currently|being|remain\w*|are|is)\s+(?:being\s+)?(?:held|detained|imprisoned|jailed|behind bars|languishing)\b",
            ),
            "count",
        ),
        // Formerly held: they are out now.
        (
            re(r"\b(?:had|have) been (?:jailed|imprisoned|held|detained)\b"),
            "release",
        ),
        (
            re(
                r"\b(?:sentenced|convicted|jail terms?|prison terms?|years in (?:prison|jail|a penal colony))\b",
            ),
            "sentence",
        ),
        (
            re(
                r"\b(?:releas(?:e|es|ed|ing)|freed|freeing|set free|walk(?:ed)? free|pardon(?:s|ed|ing)?|amnest(?:y|ied)|let go)\b",
            ),
            "release",
        ),
        (
            re(
                r"\b(?:arrest(?:s|ed|ing)?|detain(?:s|ed|ing)?|detentions?|jailed|imprisoned|rounded up|taken into custody)\b",
            ),
            "arrest",
        ),
        (
            re(
                r"\b(?:holding|held|there (?:are|were|is|was)|number(?:ed)?|tally|behind bars|languish\w*|still)\b",
            ),
            "count",
        ),
    ])
});

/// Nouns for the people a count may be about.
static PRISONER_NOUN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:[\p{L}’'-]+\s+){0,3}?(?:political\s+)?(?:prisoners?|detainees?|convicts?|inmates?|hostages|captives|prisoners of conscience)\b",
    )
});
/// Nouns for people in general, who count only with a cue next to them.
static PEOPLE_NOUN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:[\p{L}’'-]+\s+){0,2}?(?:people|persons|protesters|demonstrators|activists|journalists|opponents|dissidents|citizens|nationals|foreigners|\p{Lu}\p{L}+(?:ans|ians|ers|ese|is))\b",
    )
});
static PREFIX_PART: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:including|among them|among whom|of whom|such as)\s*$"));
static COUNTING_VERB: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:put|puts|counted|counts|estimates?|estimated|says?|said|reports?|reported|recorded|lists?|listed|tallied)\b",
    )
});
static ACCORDING_TO: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\baccording to\s+((?:the\s+)?(?-i:[A-Z][\p{L}’'-]*)(?:\s+(?-i:[A-Z][\p{L}’'-]*)){0,4})")
});
static LEADING_NAME: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^((?:the\s+)?(?-i:[A-Z][\p{L}’'-]*)(?:\s+(?-i:[A-Z][\p{L}’'-]*)){0,4})\s*[,(]?")
});
static POLITICAL: LazyLock<Regex> = LazyLock::new(|| re(r"\bpolitical\s+prisoners?\b"));
static MODAL: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\b(?:would|could|might|may|should|will|to)\s+(?:\w+\s+)?(?:release|free)\b")
});

/// What the rules ask of the whole sentence, found at most once per sentence
/// (not once per count: a sentence of many counts stays linear).
#[derive(Default)]
struct Once {
    negotiator: OnceCell<Option<String>>,
    counted_by: OnceCell<Option<String>>,
    prisoner_noun: OnceCell<bool>,
}

/// Is this count about prisoners (and is it a part of a larger count)?
fn about_people(s: &Sentence, once: &Once, count: &Count, accepted_before: bool) -> Option<bool> {
    let before = &s.text[..count.span.start];
    let after = &s.text[count.span.end..];
    let after_trim = after.trim_start();
    // Only the start of the rest is compared: lowercasing all of it, once
    // per count, made a long sentence of counts quadratic.
    let percent = after_trim
        .get(..7)
        .is_some_and(|w| w.eq_ignore_ascii_case("percent"));
    if after_trim.starts_with(['%']) || percent {
        return None;
    }
    let next_word = after_trim
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    if matches!(
        next_word.as_str(),
        "times" | "years" | "year" | "months" | "days" | "hours" | "percent" | "km" | "miles"
    ) {
        return None;
    }
    if count.value == 1.0 && after_trim.starts_with("of") {
        return None;
    }
    let part = PREFIX_PART.is_match(before.trim_end_matches([',', ':', ' ']));
    if PRISONER_NOUN.is_match(after_trim) {
        return Some(part);
    }
    let cue_next = |window: &str| {
        let window: String = window.chars().take(40).collect();
        cues(&window, &CUES)
            .first()
            .is_some_and(|c| c.span.start < 25)
    };
    if PEOPLE_NOUN.is_match(after_trim) {
        let rest = PEOPLE_NOUN
            .find(after_trim)
            .map_or("", |m| &after_trim[m.end()..]);
        let verb_before = before
            .trim_end()
            .rsplit(' ')
            .next()
            .is_some_and(|w| cues(w, &CUES).iter().any(|c| c.kind != "count"));
        if cue_next(rest) || verb_before {
            return Some(part);
        }
        return None;
    }
    // "over 35,000 were detained", "200 of them".
    if after_trim.starts_with("were ")
        || after_trim.starts_with("have been ")
        || after_trim.starts_with("had been ")
    {
        return cue_next(after_trim).then_some(part);
    }
    if count.value >= 2.0
        && (after_trim.starts_with("of them") || after_trim.starts_with("of those"))
    {
        return Some(part);
    }
    // "put their number at 1,226."
    if before.trim_end().ends_with(" at")
        && TALLY.is_match(before)
        && *once
            .prisoner_noun
            .get_or_init(|| PRISONER_NOUN_ANY.is_match(s.text))
    {
        return Some(part);
    }
    // Ellipsis: "more than 50 prisoners were freed, and over 300 in total".
    let elliptic = after_trim.is_empty()
        || after_trim.starts_with([',', '.', ';', ')', '—'])
        || [
            "in ",
            "so ",
            "this ",
            "last ",
            "since ",
            "throughout ",
            "over the ",
        ]
        .iter()
        .any(|p| after_trim.starts_with(p));
    (elliptic && accepted_before).then_some(part)
}

static TALLY: LazyLock<Regex> = LazyLock::new(|| re(r"\b(?:number|tally|total|figure|count)\b"));
static PRISONER_NOUN_ANY: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(?:prisoners?|detainees?|convicts?|inmates?|hostages)\b"));

/// The kind of the cue closest to `span` inside `window`.
fn nearest_kind(all: &[Cue], span: &Range<usize>, window: &Range<usize>) -> Option<&'static str> {
    all.iter()
        .filter(|c| c.span.start >= window.start && c.span.end <= window.end)
        .min_by_key(|c| (distance(&c.span, span), c.span.start < span.start))
        .map(|c| c.kind)
}

fn counted_by(text: &str) -> Option<String> {
    if let Some(c) = ACCORDING_TO.captures(text) {
        return Some(c[1].to_string());
    }
    if COUNTING_VERB.is_match(text) {
        let name = LEADING_NAME.captures(text)?.get(1)?.as_str();
        let first = name.split_whitespace().next()?;
        if !matches!(
            first,
            "There"
                | "The"
                | "This"
                | "That"
                | "It"
                | "In"
                | "While"
                | "But"
                | "And"
                | "He"
                | "She"
                | "They"
                | "We"
        ) {
            return Some(name.to_string());
        }
    }
    None
}

/// The prisoner facts of one sentence of the prisoners topic.
pub fn facts(s: &Sentence) -> Vec<Draft> {
    let all = cues(s.text, &CUES);
    let political = POLITICAL.is_match(s.text);
    let people = names::people(s.text);
    let once = Once::default();
    let mut accepted: Vec<(usize, &Count)> = Vec::new();
    for (i, count) in s.counts.iter().enumerate() {
        if about_people(s, &once, count, !accepted.is_empty()) == Some(false) {
            accepted.push((i, count));
        }
    }
    let mut out = Vec::new();
    let mut last_kind: Option<&'static str> = None;
    for (i, count) in &accepted {
        let start = if *i == 0 { 0 } else { s.counts[i - 1].span.end };
        let end = s.counts.get(i + 1).map_or(s.text.len(), |c| c.span.start);
        let window = start..end;
        let kind = nearest_kind(&all, &count.span, &window)
            .or(last_kind)
            .unwrap_or("count");
        last_kind = Some(kind);
        let date = s
            .date_near(&count.span, &window)
            .or_else(|| (accepted.len() == 1).then(|| s.first_date()).flatten())
            .or_else(|| match kind {
                "count" => s.reference_date(),
                _ => s.carried_date(),
            });
        let mut draft = Draft::new(kind);
        draft.value = Some(count.value);
        draft.qualifier = count.qualifier.clone();
        draft.date = date;
        draft.detail = detail(s, &once, kind, political, &people);
        out.push(draft);
    }
    if out.is_empty() {
        // No count: the sentence still says something of one kind.
        let kind = match all.first().map(|c| c.kind) {
            _ if MODAL.is_match(s.text) => "statement",
            Some(k) if k != "count" => k,
            _ if !people.is_empty() => "status",
            _ => "statement",
        };
        let mut draft = Draft::new(kind);
        if kind != "statement" {
            draft.date = s.first_date().or_else(|| s.carried_date());
        }
        draft.detail = detail(s, &once, kind, political, &people);
        out.push(draft);
    }
    out
}

fn detail(s: &Sentence, once: &Once, kind: &str, political: bool, people: &[String]) -> Detail {
    let negotiator = (kind == "release")
        .then(|| {
            once.negotiator
                .get_or_init(|| names::negotiator(s.text))
                .clone()
                .or_else(|| {
                    s.paragraph_negotiator
                        .get_or_init(|| names::negotiator(s.paragraph))
                        .clone()
                })
        })
        .flatten();
    let people = people
        .iter()
        .filter(|p| Some(*p) != negotiator.as_ref())
        .cloned()
        .collect();
    Detail::Prisoners(PrisonerDetail {
        counted_by: (kind == "count")
            .then(|| once.counted_by.get_or_init(|| counted_by(s.text)).clone())
            .flatten(),
        people,
        negotiator,
        political,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::dates::{self, Reference};
    use crate::extract::numbers;

    fn sentence(text: &str) -> Sentence<'_> {
        let reference = Reference::for_article(Some("2024-06-14"), false, "");
        let dates = dates::find(text, &reference);
        let counts = numbers::find(text)
            .into_iter()
            .filter(|c| {
                dates
                    .iter()
                    .all(|d| d.span.end <= c.span.start || c.span.end <= d.span.start)
            })
            .collect();
        Sentence {
            text,
            dates,
            counts,
            carry: None,
            previous: None,
            paragraph: text,
            paragraph_negotiator: Box::leak(Box::default()),
            reference,
        }
    }

    type Row = (String, Option<f64>, Option<String>, Option<String>);

    fn kinds(text: &str) -> Vec<Row> {
        facts(&sentence(text))
            .into_iter()
            .map(|d| {
                (
                    d.kind.to_string(),
                    d.value,
                    d.qualifier,
                    d.date.map(|(d, _)| d.to_string()),
                )
            })
            .collect()
    }

    fn k(kind: &str, v: Option<f64>, q: Option<&str>, d: Option<&str>) -> Row {
        (kind.into(), v, q.map(Into::into), d.map(Into::into))
    }

    #[test]
    fn count_with_counter_and_relative_date() {
        let s = sentence(
            "Freedom Watch, a monitor, put their number this week at 2,345 political prisoners.",
        );
        let f = facts(&s);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].kind, "count");
        assert_eq!(f[0].value, Some(2345.0));
        assert_eq!(f[0].date.unwrap().0.to_string(), "2024-06");
        let Detail::Prisoners(d) = &f[0].detail else {
            panic!()
        };
        assert_eq!(d.counted_by.as_deref(), Some("Freedom Watch"));
        assert!(d.political);
    }

    #[test]
    fn count_at_the_end_of_a_sentence() {
        assert_eq!(
            kinds("The monitor put the number of political prisoners at 3,001."),
            [k("count", Some(3001.0), None, Some("2024-06-14"))]
        );
    }

    #[test]
    fn undated_count_refers_to_the_article_date() {
        assert_eq!(
            kinds("There are an estimated 900 more political prisoners still imprisoned in Ruritania."),
            [k("count", Some(900.0), Some("estimated"), Some("2024-06-14"))]
        );
    }

    #[test]
    fn release_with_date_and_named_people() {
        let s = sentence(
            "On May 3 the ruler released 17 political prisoners, including poet Anna Marek.",
        );
        let f = facts(&s);
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].kind, f[0].value), ("release", Some(17.0)));
        assert_eq!(f[0].date.unwrap().0.to_string(), "2024-05-03");
        let Detail::Prisoners(d) = &f[0].detail else {
            panic!()
        };
        assert_eq!(d.people, ["Anna Marek"]);
    }

    #[test]
    fn release_negotiator_from_the_paragraph() {
        let para = "A trip with US envoy Tom Marlow followed. That visit led to the release of 9 prisoners.";
        let mut s = sentence("That visit led to the release of 9 prisoners.");
        s.paragraph = para;
        let f = facts(&s);
        let Detail::Prisoners(d) = &f[0].detail else {
            panic!()
        };
        assert_eq!(d.negotiator.as_deref(), Some("Tom Marlow"));
    }

    #[test]
    fn several_counts_in_one_sentence() {
        assert_eq!(
            kinds("While more than 40 prisoners were freed in the latest release, and over 250 in total, the state is still holding approximately 900 political prisoners as of late May 2024."),
            [
                k("release", Some(40.0), Some("more than"), None),
                k("release", Some(250.0), Some("over"), None),
                k("count", Some(900.0), Some("about"), Some("2024-05")),
            ]
        );
    }

    #[test]
    fn arrests() {
        assert_eq!(
            kinds("The response was harsh: over 20,000 were detained, thousands beaten."),
            [k("arrest", Some(20_000.0), Some("over"), None)]
        );
        assert_eq!(
            kinds("Police later arrested 21 Ruritanians it called spies."),
            [k("arrest", Some(21.0), None, None)]
        );
        assert_eq!(
            kinds("Protests were crushed and tens of thousands were arrested."),
            [k("arrest", Some(20_000.0), Some("at least"), None)]
        );
    }

    #[test]
    fn sentences_are_a_kind() {
        assert_eq!(
            kinds("A court sentenced the activist to prison last year."),
            [k("sentence", None, None, Some("2023"))]
        );
    }

    #[test]
    fn former_prisoners_were_released() {
        assert_eq!(
            kinds("Three people who had been jailed were waiting at the border on Tuesday."),
            [k("release", Some(3.0), None, Some("2024-06-11"))]
        );
    }

    #[test]
    fn sub_counts_and_multipliers_are_not_counts() {
        assert_eq!(
            kinds("He freed 30 prisoners, among them 4 foreigners."),
            [k("release", Some(30.0), None, None)]
        );
        assert_eq!(
            kinds("There were only five political prisoners in 2012, and that number has grown 100 times."),
            [k("count", Some(5.0), None, Some("2012"))]
        );
    }

    #[test]
    fn named_prisoner_status_and_statements() {
        let f = facts(&sentence(
            "Her sister, one of the political prisoners, Olga Brun, spoke.",
        ));
        assert_eq!(f[0].kind, "status");
        assert_eq!(
            kinds("The regime would release more prisoners if pressed."),
            [k("statement", None, None, None)]
        );
    }
}
