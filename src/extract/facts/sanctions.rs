//! Sanction facts: who imposed, eased, lifted or proposed sanctions, on
//! what, when, and in exchange for what.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::context::{cues, distance, CueRules, Draft, Sentence};
use super::model::{Detail, SanctionDetail};

fn re(pattern: &str) -> Regex {
    crate::pattern::new(&format!("(?i){pattern}")).expect("sanctions regex")
}

static SANCTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:sanction(?:s|ed|ing)?|restrictions|penalties|embargo(?:es)?|blacklist(?:ed)?|measures)\b",
    )
});

static CUES: LazyLock<CueRules> = LazyLock::new(|| {
    CueRules::new(vec![
        (
            re(
                r"\b(?:lift(?:s|ed|ing)?|remov(?:e|es|ed|ing|al)|scrap(?:s|ped|ping)?|revok(?:e|es|ed|ing)|end(?:s|ed|ing)?)\b",
            ),
            "lifted",
        ),
        (
            re(
                r"\b(?:eas(?:e|es|ed|ing)|relax(?:es|ed|ing)?|relief|roll(?:s|ed)?\s*back|rollback|loosen(?:s|ed|ing)?|suspend(?:s|ed|ing)?|waiv(?:e|es|ed|er)|exempt(?:s|ed|ion)?|thaw)\b",
            ),
            "eased",
        ),
        (
            re(
                r"\b(?:impos(?:e|es|ed|ing)|sanctioned|introduc(?:e|es|ed|ing)|extend(?:s|ed|ing)?|tighten(?:s|ed|ing)?|toughen(?:s|ed|ing)?|intensified|expanded|new sanctions|blacklisted|led to)\b",
            ),
            "imposed",
        ),
    ])
});

static PROPOSED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:would|could|might|may|should|possible|propos(?:e|es|ed|al|ing)|consider(?:s|ed|ing)?|aim(?:s|ed|ing)? for|call(?:s|ed|ing)? for|seek(?:s|ing)?|discuss\w*|talks? (?:about|on)|plan(?:s|ned|ning)? to|offer to)\b",
    )
});

/// Authorities, with the name they are shown under.
const AUTHORITIES: &[(&str, &str)] = &[
    (
        r"European Union|E\.U\.|EU|Brussels|European Commission",
        "EU",
    ),
    (
        r"United States|U\.S\.A?\.?|USA|US|America|American|Washington|White House|Treasury|State Department",
        "US",
    ),
    (r"United Kingdom|U\.K\.|UK|Britain|British|London", "UK"),
    (r"United Nations|U\.N\.|UN|Security Council", "UN"),
    (r"Canada|Canadian|Ottawa", "Canada"),
    (r"Switzerland|Swiss", "Switzerland"),
    (r"Japan|Japanese|Tokyo", "Japan"),
    (r"G7|G-7", "G7"),
    (r"West|Western", "the West"),
];

static AUTHORITY: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    AUTHORITIES
        .iter()
        .map(|(p, name)| {
            // Case-sensitive: "US" the country, not "us" the pronoun.
            (
                crate::pattern::new(&format!(r"(?:^|[^\w.])(?:{p})(?:$|[^\w])"))
                    .expect("authority"),
                *name,
            )
        })
        .collect()
});

/// Sectors and the name they are shown under.
const SECTORS: &[(&str, &str)] = &[
    (r"potash|fertili[sz]er", "potash"),
    (r"banks?|banking|financial sector", "banks"),
    (
        r"airlines?|national carrier|aviation|aircraft|airliners?|planes|aircraft parts|spare parts",
        "aviation",
    ),
    (r"oil|petroleum|refiner(?:y|ies)", "oil"),
    (r"steel", "steel"),
    (r"tobacco", "tobacco"),
    (r"timber|wood", "timber"),
    (r"exports?", "exports"),
];

static SECTOR: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    SECTORS
        .iter()
        .map(|(p, name)| (re(&format!(r"\b(?:{p})\b")), *name))
        .collect()
});

static TARGET_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:sanctions?|restrictions|penalties|embargo|measures)\s+(?:on|against|targeting)\s+(?:both\s+)?((?-i:[A-Z][\p{L}’'-]*)(?:\s+(?-i:[A-Z][\p{L}’'-]*)){0,3})",
    )
});
static SANCTIONED_OBJECT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:sanctioned|blacklisted|national carrier|airline|company|firm|bank)\s+((?-i:[A-Z][\p{L}’'-]*)(?:\s+(?-i:[A-Z][\p{L}’'-]*)){0,3})",
    )
});
static EXCHANGE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\b(?:in exchange for|in return for|in return,|conditions? for|after|following)\s+([^,.;—]*?(?:releas\w*|freed|freeing|amnesty|pardon\w*)[^,.;—]*)",
    )
});
static RELEASE_PHRASE: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(releas\w*\s+[^,.;—]+|free(?:d|ing)?\s+[^,.;—]+)"));
static IN_RETURN_START: LazyLock<Regex> = LazyLock::new(|| re(r"^(?:in return|in exchange)\b"));
static SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::new(r"(?:(?:Mr|Ms|Mrs)\.\s+|President\s+|Prime Minister\s+)?([A-Z][\p{L}’'-]+)\s+(?:has\s+|had\s+|have\s+)?$")
        .expect("subject")
});

fn authorities(text: &str) -> Vec<(Range<usize>, &'static str)> {
    let mut out: Vec<(Range<usize>, &'static str)> = Vec::new();
    let mut taken = crate::extract::spans::Disjoint::new();
    for (regex, name) in AUTHORITY.iter() {
        for m in regex.find_iter(text) {
            if taken.insert(m.range()) {
                out.push((m.range(), name));
            }
        }
    }
    out.sort_by_key(|(r, _)| r.start);
    out
}

fn targets(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |t: String| {
        if !t.is_empty() && !out.contains(&t) {
            out.push(t);
        }
    };
    for caps in TARGET_AFTER.captures_iter(text) {
        push(caps[1].to_string());
    }
    for caps in SANCTIONED_OBJECT.captures_iter(text) {
        push(caps[1].to_string());
    }
    for (regex, name) in SECTOR.iter() {
        if regex.is_match(text) {
            push(name.to_string());
        }
    }
    out
}

fn exchange(s: &Sentence) -> Option<String> {
    if let Some(c) = EXCHANGE.captures(s.text) {
        return Some(c[1].trim().to_string());
    }
    if IN_RETURN_START.is_match(s.text) {
        let previous = s.previous?;
        return RELEASE_PHRASE
            .captures(previous)
            .map(|c| c[1].trim().to_string());
    }
    None
}

/// The sanction facts of one sentence of the sanctions topic.
pub fn facts(s: &Sentence) -> Vec<Draft> {
    let Some(word) = SANCTION.find(s.text) else {
        return vec![Draft::new("statement")];
    };
    let all = cues(s.text, &CUES);
    let action = all
        .iter()
        .min_by_key(|c| distance(&c.span, &word.range()))
        .map(|c| (c.kind, c.span.clone()));
    let proposed = PROPOSED.is_match(s.text);
    let kind = match (&action, proposed) {
        (_, true) => "proposed",
        (Some((k, _)), false) => k,
        (None, false) => "status",
    };
    let found = authorities(s.text);
    let targets = targets(s.text);
    let in_exchange_for = exchange(s);
    let authority_named = |before: &str| {
        SUBJECT
            .captures(before)
            .map(|c| c[1].to_string())
            .filter(|n| !matches!(n.as_str(), "The" | "This" | "That" | "It" | "Sanctions"))
    };
    let fallback_date = || {
        if kind == "status" {
            None
        } else {
            s.first_date().or_else(|| s.carried_date())
        }
    };
    let draft = |authority: Option<String>, date| {
        let mut d = Draft::new(kind);
        d.date = date;
        d.detail = Detail::Sanctions(SanctionDetail {
            authority,
            targets: targets.clone(),
            in_exchange_for: in_exchange_for.clone(),
        });
        d
    };
    // "The EU sanctioned X in 2021, followed by the US in 2023": one fact per
    // authority when each comes with its own date.
    let paired: Vec<_> = found
        .iter()
        .enumerate()
        .filter_map(|(i, (span, name))| {
            let end = found.get(i + 1).map_or(s.text.len(), |(r, _)| r.start);
            let date = s
                .dates
                .iter()
                .find(|d| d.span.start >= span.end && d.span.end <= end)?;
            Some((*name, (date.date, date.uncertain)))
        })
        .collect();
    if paired.len() >= 2 && paired.windows(2).all(|w| w[0].1 .0 != w[1].1 .0) {
        return paired
            .into_iter()
            .map(|(name, date)| draft(Some(name.to_string()), Some(date)))
            .collect();
    }
    // Otherwise the authority closest before the action (the subject), or after it.
    let pivot = action.as_ref().map_or(word.range(), |(_, r)| r.clone());
    let authority = found
        .iter()
        .filter(|(r, _)| r.end <= pivot.start)
        .min_by_key(|(r, _)| distance(r, &pivot))
        .map(|(_, n)| n.to_string())
        .or_else(|| authority_named(&s.text[..pivot.start]))
        .or_else(|| found.first().map(|(_, n)| n.to_string()));
    vec![draft(authority, fallback_date())]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::dates::{self, Reference};

    fn sentence<'a>(text: &'a str, previous: Option<&'a str>) -> Sentence<'a> {
        let reference = Reference::for_article(Some("2024-06-14"), false, "");
        Sentence {
            text,
            dates: dates::find(text, &reference),
            counts: Vec::new(),
            carry: None,
            previous,
            paragraph: text,
            paragraph_negotiator: Box::leak(Box::default()),
            reference,
        }
    }

    fn one(text: &str) -> (String, SanctionDetail, Option<String>) {
        let f = facts(&sentence(text, None));
        assert_eq!(f.len(), 1, "{f:?}");
        let Detail::Sanctions(d) = f[0].detail.clone() else {
            panic!()
        };
        (f[0].kind.to_string(), d, f[0].date.map(|d| d.0.to_string()))
    }

    #[test]
    fn eased_with_authority_target_and_exchange() {
        let (kind, d, date) = one("The United States has eased sanctions on Ruritania, allowing the national carrier Ruriair to buy spare parts, after the ruler ordered the release of 30 prisoners.");
        assert_eq!(kind, "eased");
        assert_eq!(d.authority.as_deref(), Some("US"));
        assert!(d.targets.contains(&"Ruritania".to_string()), "{d:?}");
        assert!(d.targets.contains(&"Ruriair".to_string()), "{d:?}");
        assert!(d.targets.contains(&"aviation".to_string()), "{d:?}");
        assert_eq!(
            d.in_exchange_for.as_deref(),
            Some("the ruler ordered the release of 30 prisoners")
        );
        assert_eq!(date, None);
    }

    #[test]
    fn imposed_by_two_authorities_at_two_dates() {
        let f = facts(&sentence(
            "The European Union sanctioned Ruriair in 2019, followed by the United States in 2022.",
            None,
        ));
        let got: Vec<(String, Option<String>, String)> = f
            .iter()
            .map(|d| {
                let Detail::Sanctions(s) = &d.detail else {
                    panic!()
                };
                (
                    d.kind.to_string(),
                    s.authority.clone(),
                    d.date.unwrap().0.to_string(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("imposed".into(), Some("EU".into()), "2019".into()),
                ("imposed".into(), Some("US".into()), "2022".into())
            ]
        );
    }

    #[test]
    fn proposed_relief_in_return_for_a_release() {
        let previous = "The ruler would release a slew of political prisoners.";
        let f = facts(&sentence("In return, the United States would relax sanctions on Ruritanian banks and exports of potash.", Some(previous)));
        let Detail::Sanctions(d) = &f[0].detail else {
            panic!()
        };
        assert_eq!(f[0].kind, "proposed");
        assert_eq!(d.authority.as_deref(), Some("US"));
        assert!(
            d.targets.contains(&"banks".to_string()) && d.targets.contains(&"potash".to_string()),
            "{d:?}"
        );
        assert_eq!(
            d.in_exchange_for.as_deref(),
            Some("release a slew of political prisoners")
        );
    }

    #[test]
    fn lifted_and_named_authority_and_relative_date() {
        let (kind, d, date) = one("Britain lifted its embargo on Ruritanian steel last month.");
        assert_eq!(
            (kind.as_str(), d.authority.as_deref()),
            ("lifted", Some("UK"))
        );
        assert!(d.targets.contains(&"steel".to_string()));
        assert_eq!(date.as_deref(), Some("2024-05"));
        let (kind, d, _) =
            one("After Mr. Kanter eased sanctions on Ruritania earlier this month, critics spoke.");
        assert_eq!(
            (kind.as_str(), d.authority.as_deref()),
            ("eased", Some("Kanter"))
        );
    }

    #[test]
    fn status_without_action() {
        let (kind, d, date) = one("The sanctions on potash cut a lifeline.");
        assert_eq!(kind, "status");
        assert_eq!(d.targets, ["potash"]);
        assert_eq!(date, None);
        assert_eq!(
            facts(&sentence("Nothing about it here.", None))[0].kind,
            "statement"
        );
    }
}
