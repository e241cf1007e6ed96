//! Invented headlines and standfirsts about the people of the article.

use rand::seq::SliceRandom;
use rand::Rng;

const VERBS: &[&str] = &[
    "warns of",
    "calls for",
    "rejects",
    "welcomes",
    "questions",
    "defends",
    "signals",
    "criticises",
    "plays down",
    "pushes for",
    "doubts",
    "hails",
];

const OBJECTS: &[&str] = &[
    "new sanctions on potash",
    "more prisoner releases",
    "talks with Washington",
    "an embassy reopening in Minsk",
    "border tensions with Poland",
    "the aircraft parts deal",
    "a broader amnesty",
    "joint military drills",
    "the exiled opposition's demands",
    "a trade route through Lithuania",
    "the nuclear plant plan",
    "a thaw with the West",
    "pressure from Moscow",
    "a deal on detained journalists",
    "the vote count dispute",
    "relief for the national airline",
    "a visit by American envoys",
    "closer ties with Brussels",
    "the drone incident inquiry",
    "a prisoner exchange",
];

const WHEN: &[&str] = &[
    "",
    " as talks stall",
    " as envoys meet",
    " as drills begin",
    " after prisoners are freed",
    " as a deadline nears",
    " as sanctions bite",
    " ahead of the vote",
    " after a late-night call",
    " amid a crackdown",
    " as the border reopens",
];

const PLACES: &[&str] = &[
    "Minsk",
    "Vilnius",
    "Warsaw",
    "Brussels",
    "Washington",
    "Moscow",
    "Kyiv",
    "Riga",
];

/// A headline naming `who` (a full name) or, sometimes, a capital.
pub fn headline(rng: &mut impl Rng, who: &str) -> String {
    let subject = if rng.gen_bool(0.8) {
        who
    } else {
        PLACES.choose(rng).expect("places")
    };
    let verb = VERBS.choose(rng).expect("verbs");
    let object = OBJECTS.choose(rng).expect("objects");
    let when = WHEN.choose(rng).expect("when");
    capitalise(&format!("{subject} {verb} {object}{when}"))
}

/// A one-sentence summary under the headline.
pub fn standfirst(rng: &mut impl Rng, who: &str) -> String {
    let object = OBJECTS.choose(rng).expect("objects");
    let other = OBJECTS.choose(rng).expect("objects");
    format!(
        "{who} says {object} must come before {other}, as diplomats in {} weigh their next step.",
        PLACES.choose(rng).expect("places")
    )
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
