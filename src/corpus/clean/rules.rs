//! Furniture recognisable from one line alone, wherever it stands.

use super::lexicon::*;
use crate::corpus::metadata::{authors, date};
use crate::corpus::text::{word_count, Shape};

/// Reasons a line is dropped (shown in `Article::dropped`).
pub mod reason {
    pub const SPONSOR: &str = "sponsor";
    pub const ADVERTISEMENT: &str = "advertisement";
    pub const COOKIE: &str = "cookie consent";
    pub const PLEA: &str = "subscription or donation plea";
    pub const COPYRIGHT: &str = "copyright";
    pub const SPELLING: &str = "spelling-error widget";
    pub const LINK_ORIGINAL: &str = "link to original";
    pub const READING_TIME: &str = "reading time";
    pub const COMMENTS: &str = "comments prompt";
    pub const COUNTER: &str = "engagement counter";
    pub const SHARE: &str = "share widget";
    pub const RELATED: &str = "related headlines";
    pub const NAVIGATION: &str = "navigation";
    pub const LANGUAGE: &str = "language switcher";
    pub const DATELINE: &str = "dateline";
    pub const BYLINE: &str = "byline";
    pub const EDITOR: &str = "editor credit";
    pub const BIO: &str = "author bio";
    pub const CAPTION: &str = "photo caption or credit";
    pub const ALT_TEXT: &str = "image alt text";
    pub const REPEATED: &str = "repeated line";
    pub const REPEATED_CORPUS: &str = "repeated across corpus";
    pub const MASTHEAD: &str = "masthead";
    pub const SECTION: &str = "section label";
    pub const HEADLINE: &str = "headline";
    pub const BEFORE_HEADLINE: &str = "before headline";
    pub const HEADER: &str = "header";
    pub const SHORT: &str = "short line out of text";
    pub const AFTER_END: &str = "after end of article";
    pub const DRIFT: &str = "topical drift after end of article";
}

/// Furniture kinds that mark the end of the article's own text when they
/// come after its body has started.
pub fn is_end_signal(reason: &str) -> bool {
    matches!(
        reason,
        reason::BIO
            | reason::SHARE
            | reason::COPYRIGHT
            | reason::RELATED
            | reason::COOKIE
            | reason::EDITOR
            | reason::BYLINE
            | reason::COMMENTS
    )
}

/// The furniture kind of a line judged alone, or `None` when it may be text.
pub fn line_furniture(text: &str) -> Option<&'static str> {
    judge(text, &Shape::of(text)).furniture
}

/// What [`judge`] finds of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Judged {
    /// The furniture kind of the line alone, or `None` when it may be text.
    pub furniture: Option<&'static str>,
    /// The line has a strong cue of a consent notice (where a cookie block
    /// starts, see [`super::items::extend_cookie_blocks`]).
    pub cookie_cue: bool,
}

/// [`line_furniture`] of a line whose [`Shape`] is known. The unanchored
/// cues are searched for in one pass ([`Cues`]); the rules are then tried
/// in order and the first that holds names the kind, so a line of
/// furniture is not put through the rules after it.
pub fn judge(text: &str, shape: &Shape) -> Judged {
    let n = shape.words;
    let cues = Cues::of(text);
    let rules: [(&dyn Fn() -> bool, &'static str); 21] = [
        (&|| SPONSOR.is_match(text), reason::SPONSOR),
        (&|| ADVERTISEMENT.is_match(text), reason::ADVERTISEMENT),
        (
            &|| cues.has(Cue::CookieStrong) || cookie_weak_count(text) >= 4,
            reason::COOKIE,
        ),
        (
            &|| {
                cues.has(Cue::PleaStrong)
                    || (n <= 60
                        && cues.has(Cue::PleaWeak)
                        && PLEA_WEAK.find_iter(text).count() >= 3)
            },
            reason::PLEA,
        ),
        (&|| cues.has(Cue::Copyright), reason::COPYRIGHT),
        (&|| cues.has(Cue::Spelling), reason::SPELLING),
        (&|| LINK_ORIGINAL.is_match(text), reason::LINK_ORIGINAL),
        (&|| READING_TIME.is_match(text), reason::READING_TIME),
        (&|| COMMENTS.is_match(text), reason::COMMENTS),
        (&|| cues.has(Cue::PhotoCredit), reason::CAPTION),
        (&|| COUNTER.is_match(text), reason::COUNTER),
        (&|| SHARE.is_match(text), reason::SHARE),
        (&|| RELATED.is_match(text), reason::RELATED),
        (&|| NAV_WORD.is_match(text), reason::NAVIGATION),
        (&|| is_language_switcher(text, n), reason::LANGUAGE),
        (&|| date::dateline(text).is_some(), reason::DATELINE),
        (&|| is_nav_bar(text, shape), reason::NAVIGATION),
        (
            &|| n <= 8 && !shape.ends_sentence() && cues.has(Cue::Breadcrumb),
            reason::NAVIGATION,
        ),
        (&|| authors::byline(text).is_some(), reason::BYLINE),
        (&|| EDITOR_CREDIT.is_match(text), reason::EDITOR),
        (&|| authors::bio(text).is_some(), reason::BIO),
    ];
    Judged {
        furniture: rules.iter().find(|(holds, _)| holds()).map(|&(_, r)| r),
        cookie_cue: cues.has(Cue::CookieStrong),
    }
}

/// A language switcher: two language names or more, and little else. A
/// line of more words than there are names plus two is none, whatever it
/// holds, so its names are not counted.
fn is_language_switcher(text: &str, words: usize) -> bool {
    if words > LANGUAGES.len() + 2 {
        return false;
    }
    let count = language_count(text);
    count >= 2 && words <= count + 2
}

/// A navigation bar: at least three words, nearly all section names.
fn is_nav_bar(text: &str, shape: &Shape) -> bool {
    shape.words >= 3 && !shape.ends_sentence() && mostly_sections(text, shape.words, 0.8)
}

/// A section label ("Opinion", "World News"): one to three section names.
pub fn is_section_label(text: &str) -> bool {
    let n = word_count(text);
    (1..=3).contains(&n) && mostly_sections(text, n, 1.0)
}

/// A masthead: a short all-capitals line (the site's name).
pub fn is_masthead(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let n = word_count(text);
    letters.len() >= 3 && letters.iter().all(|c| c.is_uppercase()) && (1..=6).contains(&n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(text: &str) -> Option<&'static str> {
        line_furniture(text)
    }

    #[test]
    fn sponsors_and_ads() {
        assert_eq!(
            kind("Sponsor:  GLIMMO: Win big tonight!"),
            Some(reason::SPONSOR)
        );
        assert_eq!(kind("Advertisement"), Some(reason::ADVERTISEMENT));
        assert_eq!(
            kind("Story continues below advertisement"),
            Some(reason::ADVERTISEMENT)
        );
    }

    #[test]
    fn captions_and_credits() {
        for line in [
            "Harbour cranes at dusk. Photo: Lena Voss/Northern Wire",
            "Dockworkers on strike in Ravelo, Tuesday, Oct. 2, 2024 AP Photo",
            "AP Photo",
            "The ferry leaves Tarnby. The Port Authority Press Service via AP",
            "A crowded market in Vellore last week.Credit…Ana Brul/Reuters",
            "Screenshot from a televised address by the governor",
            "Photo credit: Ilse Barra",
        ] {
            assert_eq!(kind(line), Some(reason::CAPTION), "{line}");
        }
    }

    #[test]
    fn pleas_cookies_and_counters() {
        assert_eq!(
            kind("Support from readers like you keeps The Ledger going."),
            Some(reason::PLEA)
        );
        assert_eq!(
            kind("Subscribe to Ledger.Example Telegram channel, Facebook, RSS!"),
            Some(reason::PLEA)
        );
        assert_eq!(kind("Sign up for our free newsletter"), Some(reason::PLEA));
        assert_eq!(kind("Your Cookies. Your Choice."), Some(reason::COOKIE));
        assert_eq!(
            kind("Measure content performance 12 partners can use this purpose"),
            Some(reason::COOKIE)
        );
        assert_eq!(kind("3 hrs ago"), Some(reason::COUNTER));
        assert_eq!(kind("12.5k"), Some(reason::COUNTER));
        assert_eq!(kind("7"), Some(reason::COUNTER));
        assert_eq!(kind("4 min read"), Some(reason::READING_TIME));
    }

    #[test]
    fn widgets_and_site_chrome() {
        assert_eq!(kind("Share the Post:"), Some(reason::SHARE));
        assert_eq!(kind("Share | Facebook | Twitter"), Some(reason::SHARE));
        assert_eq!(
            kind("Copyright © 2001-2024, «LEDGER.example»."),
            Some(reason::COPYRIGHT)
        );
        assert_eq!(
            kind("Link to the original article"),
            Some(reason::LINK_ORIGINAL)
        );
        assert_eq!(
            kind("Select spelling error with mouse and press Ctrl+Enter"),
            Some(reason::SPELLING)
        );
        assert_eq!(kind("have your say"), Some(reason::COMMENTS));
        assert_eq!(
            kind("EnglishDeutschFrançaisItaliano"),
            Some(reason::LANGUAGE)
        );
        assert_eq!(
            kind("Home World Politics Business Culture Sport"),
            Some(reason::NAVIGATION)
        );
        assert_eq!(
            kind("Advertising Sitemap Archive About Authors"),
            Some(reason::NAVIGATION)
        );
        assert_eq!(kind("World » Asia"), Some(reason::NAVIGATION));
        assert_eq!(kind("Most Read"), Some(reason::RELATED));
        assert_eq!(kind("Last materials"), Some(reason::RELATED));
        assert_eq!(kind("Now reading"), Some(reason::RELATED));
        assert_eq!(kind("News All >"), Some(reason::RELATED));
        assert_eq!(kind("back"), Some(reason::NAVIGATION));
    }

    #[test]
    fn metadata_lines() {
        assert_eq!(kind("Oct 3, 2024  |"), Some(reason::DATELINE));
        assert_eq!(
            kind("By Mara Quellin and Ivo Stannard"),
            Some(reason::BYLINE)
        );
        assert_eq!(kind("Editor Rolf Amsel"), Some(reason::EDITOR));
        assert_eq!(
            kind("Lena Morrow is a Finnish journalist based in Oulu."),
            Some(reason::BIO)
        );
    }

    #[test]
    fn body_text_is_not_furniture() {
        for line in [
            "The council of Verinia voted on Monday to reopen the eastern bridge to traffic.",
            "“We will not pay for this,” said Mayor Ilse Dorn, whose office supports the plan.",
            "By the end of the year, the harbour had closed.",
            "Economic outlook",
            "The decision was published on March 3, 2021 in the official gazette.",
        ] {
            assert_eq!(kind(line), None, "{line}");
        }
    }

    #[test]
    fn labels_and_mastheads() {
        assert!(is_section_label("Opinion"));
        assert!(is_section_label("World News"));
        assert!(!is_section_label("Economic outlook"));
        assert!(is_masthead("THE DAILY HORN"));
        assert!(!is_masthead("The Daily Horn"));
    }
}
