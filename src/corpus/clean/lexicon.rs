//! Boilerplate lexicons and patterns: the generic vocabulary of page
//! furniture on news sites (no site- or article-specific strings).

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use regex::Regex;

use crate::pattern::{Listed, Matched};

use crate::corpus::wordset::WordSet;

fn re(pattern: &str) -> Regex {
    crate::pattern::new(pattern).expect("lexicon pattern compiles")
}

/// Section and site-link names found in navigation bars and section labels.
pub static SECTIONS: LazyLock<WordSet> = LazyLock::new(|| {
    WordSet::of(
        "home news world politics business economy markets finance money opinion opinions analysis \
     society science sport sports incidents culture arts entertainment lifestyle life health tech \
     technology travel video videos photos photo podcasts podcast weather local national \
     international us u.s. uk europe asia africa americas russia ukraine china environment \
     climate education food style fashion media columns editorials editorial features \
     investigations obituaries letters commentary blogs blog live latest breaking top security \
     defense defence military crime law justice religion history autos real estate jobs careers \
     games puzzles crossword magazine books film music tv radio about contact sitemap archive \
     archives authors advertising privacy terms rss subscribe newsletters newsletter feedback \
     help faq imprint events date hotspots middle east region regions nation state states \
     global investigation explainer explained interview interviews reviews review more",
    )
});

/// Names of languages as they appear in language switchers.
pub const LANGUAGES: &[&str] = &[
    "english",
    "русский",
    "deutsch",
    "français",
    "francais",
    "español",
    "espanol",
    "spanish",
    "spain",
    "portuguese",
    "português",
    "italiano",
    "polski",
    "українська",
    "беларуская",
    "türkçe",
    "中文",
    "日本語",
    "한국어",
    "العربية",
    "עברית",
    "nederlands",
    "svenska",
    "română",
    "magyar",
    "čeština",
    "ελληνικά",
    "français",
    "lietuvių",
    "latviešu",
    "eesti",
    "srpski",
];

pub static SPONSOR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(sponsor(ed)?\b|sponsored by\b|paid (post|content|partnership)\b|promoted( content)?\b|partner content\b)",
    )
});

pub static ADVERTISEMENT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(advertisement|advertising|\bad\b|ads|story continues below( advertisement)?|continue reading below( the advertisement)?|scroll to continue( with content)?|article continues (below|after advertisement))\s*:?$",
    )
});

/// A line that is (or contains) a photo credit or caption marker.
pub static PHOTO_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(credit\s*[…:]|\bcredit\.{3}|(^|\s)photo( credit)?\s*:|^photos?\s*/|^photograph\s*:|^image\s*(credit)?\s*:|^picture\s*:|\b(ap|afp|reuters|epa|ap/\w+)\s+photos?\b|\bphoto(graph)?\s+(by|courtesy of)\b|\bvia (ap|reuters|afp|getty images|epa)\)?\s*$|\b(getty images|shutterstock|istock|alamy)\s*\)?\s*$|^screenshot\b|\(photo\b|\bfile photo\b|\bpress service via\b)",
    )
});

pub static RELATED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(news all\s*>?|now reading|popular( now| news| articles)?|most (read|popular|viewed|shared)|last materials|latest (news|stories|articles)|related( articles| stories| news| content| coverage| topics)?|read (more|also|next)\b.*|more (from|on|stories)\b.*|recommended( for you| stories)?|trending( now| stories)?|you (may|might) also (like|be interested in)|see also\b.*|top stories|editor'?s picks|don't miss|further reading|what to read next|in other news|more news|also read\b.*)\s*:?$",
    )
});

/// Strong cues of a subscription, donation or newsletter plea.
pub static PLEA_STRONG: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(readers like you|support (our|independent|quality|local) (journalism|reporting|work|mission|newsroom)|support the work we do|support us\b|please (contribute|donate|consider (supporting|subscribing|a donation))|make a (donation|contribution)|become a (member|supporter|subscriber|patron)|paywalls?\b|(our|free|daily|weekly) newsletters?|^(subscribe|sign up|follow us|join us|donate)\b|(one-off|once-off|monthly|recurring) (payment|donation|contribution)|already a (subscriber|member)|unlimited (digital )?access|keeps? (the |our )?.{0,40}\b(open|free for everyone)\b|keeping these stories free)",
    )
});

/// Weak cues of a plea; two in one short line make a plea.
pub static PLEA_WEAK: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(\bsupport|contribut|journalism|advertising revenue|independent|an account\b|subscri|donat|find out more|free for everyone|our reporting|our mission)",
    )
});

pub static COOKIE_STRONG: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(\bcookies?\b|partners can use this|accept all|reject all|always active|legitimate interests?|privacy policy|personali[sz]ed (advertising|content|ads)|(manage|your) consent|consent preferences|tracking technologies|transparency and consent)",
    )
});

/// Vocabulary of consent notices, counted per line.
pub static COOKIE_WEAK: &[&str] = &[
    "consent",
    "advertising",
    "device",
    "data",
    "vendors",
    "partners",
    "identifiers",
    "profile",
    "purposes",
    "notice",
    "preferences",
    "privacy",
    "geolocation",
    "personalisation",
    "personalization",
    "your activity",
    "this service",
    "ads",
];

pub static AUTHOR_BIO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?P<name>\p{Lu}[\p{L}’'.-]+(?:\s+\p{Lu}[\p{L}’'.-]+){1,3})\s+(?:is|was|has been|works as)\s+(?:a|an|the)\b.{0,160}?\b(?:journalist|reporter|correspondent|editor|writer|columnist|contributor|bureau chief|freelancer|photographer|producer|anchor|commentator|blogger|author|analyst|fellow|researcher)s?\b",
    )
});

pub static SHARE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^((share|tweet|email|e-mail|print|copy link|facebook|twitter|x|whatsapp|linkedin|telegram|reddit|pinterest|messenger|flipboard)( this| the)?( post| article| story| page| link)?( on \w+| via \w+)?[\s:|,·•]*)+$",
    )
});

pub static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(copyright\b|©|\(c\) (19|20)\d\d|all rights reserved|when reproducing our materials|hyperlink to .{1,40} (should|must) be|do not (always |necessarily )?(coincide|reflect) with the (point of view|views|opinion))",
    )
});

pub static LINK_ORIGINAL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(link to the original( article)?|original article|source link|read the original( article)?|view (the )?original( article)?|read (the )?(full|original) (story|article)( here)?|(this article|this story) (was )?(originally|first) (published|appeared) (in|on|at)\b.{0,80})\s*[.:]?$",
    )
});

pub static READING_TIME: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^((reading time|read time)\s*:?\s*)?\d+\s*[-‑]?\s*(min|mins|minute|minutes)\.?( read| to read)?$",
    )
});

pub static SPELLING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(select (the )?(spelling )?(error|mistake|typo)|found (a|an) (typo|error|mistake)|report (a|an) (typo|error)|ctrl\s*\+\s*enter)",
    )
});

pub static COMMENTS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(have your say|comments?( \(\d+\))?|\d+ comments?|leave a (comment|reply)|join the (conversation|discussion|debate)|show comments|view comments|add (a )?comment|post a comment|what do you think\??)\s*:?$",
    )
});

/// Engagement counters and time stamps of teaser lists ("4.1k", "2 hrs ago").
pub static COUNTER: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^([\d.,]+\s*[km]?|(updated\s+|posted\s+)?\d+\s*(s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|wks?|weeks?|mo|months?|yrs?|years?)\s+ago|just now|yesterday|\|?\s*[\p{L} ]{0,30},\s*[A-Z]{2})$",
    )
});

/// Site-navigation words that appear alone on a line.
pub static NAV_WORD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(back|topic|topics|menu|search|home|log ?in|sign ?in|sign up|register|skip to (main )?content|close|next|previous|prev|more|loading\.*|tags?|go to|main menu|open menu|toggle navigation|top|up|back to top)\s*:?$",
    )
});

/// Credits for people other than the author (editor, translator).
pub static EDITOR_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(Editor|Edited by|Translated by|Translation by|Reporting by|Additional reporting by|Compiled by|Fact-checked by|Produced by)\b[:\s]+\p{Lu}[\p{L}’'.-]*(\s+\p{Lu}[\p{L}’'.-]*){0,4}$",
    )
});

/// Breadcrumb separators ("World » Europe").
pub static BREADCRUMB: LazyLock<Regex> = LazyLock::new(|| re(r"(\s[»›>/|]\s|\s[»›>]$)"));

/// The consent-notice words, found in one pass over a lowercase line.
/// The words are lowercase ASCII: in a text where every ASCII character
/// of the lowercase form comes from an ASCII character, they are found in
/// any case exactly where they are in the lowercase form.
static COOKIE_WEAK_WORDS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(AhoCorasickKind::DFA))
        .build(COOKIE_WEAK)
        .expect("consent words compile")
});

/// Count the consent-notice words in a line (each word once, wherever and
/// however often it occurs in the line's lowercase form).
pub fn cookie_weak_count(text: &str) -> usize {
    let lower;
    let haystack = if !text.chars().any(lowercase_gives_ascii) {
        text
    } else {
        lower = text.to_lowercase();
        &lower
    };
    let mut seen = 0u64;
    for m in COOKIE_WEAK_WORDS.find_overlapping_iter(haystack) {
        seen |= 1 << m.pattern().as_usize();
    }
    seen.count_ones() as usize
}

/// Is `c` outside ASCII with an ASCII character in its lowercase form (the
/// Kelvin sign's is `k`)?
fn lowercase_gives_ascii(c: char) -> bool {
    !c.is_ascii() && c.to_lowercase().any(|l| l.is_ascii())
}

/// Count the language names in a line (switchers glue them together).
pub fn language_count(text: &str) -> usize {
    let lower = text.to_lowercase();
    let mut count = 0;
    for lang in LANGUAGES {
        if lower.contains(lang) {
            count += 1;
        }
    }
    count
}

/// Is the word a section name or a number (what [`section_share`] counts)?
fn is_section_word(word: &str) -> bool {
    SECTIONS.contains_lowercase_of(word) || word.chars().all(|c| c.is_ascii_digit())
}

/// Share of a line's words that are section names (0 for empty lines).
pub fn section_share(text: &str) -> (usize, f64) {
    let (mut words, mut hits) = (0, 0);
    for w in crate::corpus::text::word_iter(text) {
        words += 1;
        if is_section_word(w) {
            hits += 1;
        }
    }
    if words == 0 {
        return (0, 0.0);
    }
    (words, hits as f64 / words as f64)
}

/// `section_share(text).1 >= min` for a line of `words` words (its
/// [`crate::corpus::text::word_count`]), reading its words only until the
/// share can no longer reach `min`: most lines are prose, and one word in
/// five that is no section name settles it.
pub fn mostly_sections(text: &str, words: usize, min: f64) -> bool {
    if words == 0 {
        return 0.0 >= min;
    }
    let share = |hits: usize| hits as f64 / words as f64;
    let mut misses = 0;
    for w in crate::corpus::text::word_iter(text) {
        if !is_section_word(w) {
            misses += 1;
            if share(words.saturating_sub(misses)) < min {
                return false;
            }
        }
    }
    share(words - misses) >= min
}

/// The unanchored cue patterns of [`super::rules`], each of which would
/// scan the whole of every line: searched for together, in one pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    CookieStrong,
    PleaStrong,
    PleaWeak,
    Copyright,
    Spelling,
    PhotoCredit,
    Breadcrumb,
}

impl Cue {
    /// Every cue, in the order of [`CUES`]'s patterns.
    const ALL: [Cue; 7] = [
        Cue::CookieStrong,
        Cue::PleaStrong,
        Cue::PleaWeak,
        Cue::Copyright,
        Cue::Spelling,
        Cue::PhotoCredit,
        Cue::Breadcrumb,
    ];

    /// The cue's own pattern.
    pub fn regex(self) -> &'static Regex {
        match self {
            Cue::CookieStrong => &COOKIE_STRONG,
            Cue::PleaStrong => &PLEA_STRONG,
            Cue::PleaWeak => &PLEA_WEAK,
            Cue::Copyright => &COPYRIGHT,
            Cue::Spelling => &SPELLING,
            Cue::PhotoCredit => &PHOTO_CREDIT,
            Cue::Breadcrumb => &BREADCRUMB,
        }
    }
}

/// The cues' regexes, searched for together.
static CUES: LazyLock<Listed> =
    LazyLock::new(|| Listed::new(Cue::ALL.map(|c| c.regex().clone()).to_vec()));

/// Which [`Cue`]s occur in a line.
pub struct Cues(Matched);

impl Cues {
    pub fn of(text: &str) -> Cues {
        Cues(CUES.matching(text))
    }

    /// Does the cue's regex match the line?
    pub fn has(&self, cue: Cue) -> bool {
        self.0.has(cue as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINES: &[&str] = &[
        "We use cookies and similar tracking technologies to personalise ads.",
        "Readers like you keep our journalism free for everyone: please donate.",
        "Support independent journalism, subscribe or donate to our mission.",
        "Copyright © 2024 The Ledger. All rights reserved.",
        "Found a typo? Select the error and press Ctrl + Enter.",
        "Dockworkers at the gate on Tuesday. AP Photo",
        "World » Europe",
        "Home / News / Politics",
        "The council voted on Monday to reopen the eastern bridge to traffic.",
        "«Ми не заплатимо», — сказав мер, і рада погодилася.",
        "",
    ];

    #[test]
    fn a_cue_is_found_exactly_where_its_regex_matches() {
        for line in LINES {
            let cues = Cues::of(line);
            for cue in Cue::ALL {
                assert_eq!(cues.has(cue), cue.regex().is_match(line), "{cue:?}: {line}");
            }
        }
        assert!(Cues::of(LINES[0]).has(Cue::CookieStrong));
        assert!(Cues::of(LINES[6]).has(Cue::Breadcrumb));
        assert!(!Cues::of(LINES[8]).has(Cue::PhotoCredit));
    }

    #[test]
    fn consent_words_are_counted_once_each() {
        let count_by_contains = |text: &str| {
            let lower = text.to_lowercase();
            COOKIE_WEAK.iter().filter(|w| lower.contains(*w)).count()
        };
        for line in LINES.iter().chain(&[
            "Store and/or access information on a DEVICE; data, data and more data",
            "Your activity on this service: vendors and partners process identifiers",
            "Personalised ads and content, ad and content measurement, audience insights",
            "Vendors’ İDENTIFIERS and geolocation «PREFERENCES»",
            "Ads on this servi\u{212A}e and your activity",
        ]) {
            assert_eq!(cookie_weak_count(line), count_by_contains(line), "{line}");
        }
        assert_eq!(cookie_weak_count("data DATA data"), 1);
        // The lowercase form of U+0130 is an ASCII i and a combining dot.
        assert_eq!(cookie_weak_count("İdentifiers and \u{212A}"), 0);
        assert_eq!(cookie_weak_count("Your ‘DATA’ is yours"), 1);
        assert_eq!(cookie_weak_count("Device data and ads"), 3);
    }

    #[test]
    fn mostly_sections_is_the_share_reaching_the_bound() {
        for line in LINES.iter().chain(&[
            "Home World Politics Business Culture Sport",
            "Home World Politics Business Culture Sport Weather Updated",
            "Home World 2024 Politics and",
            "Opinion",
            "World News",
            "Economic outlook",
        ]) {
            let n = crate::corpus::text::word_count(line);
            for min in [0.5, 0.8, 1.0] {
                assert_eq!(
                    mostly_sections(line, n, min),
                    section_share(line).1 >= min,
                    "{min}: {line}"
                );
            }
        }
        assert!(mostly_sections("Home World Politics Business", 4, 0.8));
        assert!(!mostly_sections("Home World and the harbour", 5, 0.8));
    }
}
