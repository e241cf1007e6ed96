//! The publication (outlet), found generically: an outlet tag before the
//! headline, an all-capitals masthead at the top, a support or subscription
//! plea naming the outlet, a copyright line, or "for The X" in an author bio.

use std::sync::LazyLock;

use regex::Regex;

/// Well-known outlet abbreviations used as tags before headlines.
const TAGS: &[(&str, &str)] = &[
    ("NYT", "The New York Times"),
    ("WSJ", "The Wall Street Journal"),
    ("WaPo", "The Washington Post"),
    ("FT", "Financial Times"),
    ("AP", "Associated Press"),
    ("AFP", "Agence France-Presse"),
    ("RFE/RL", "Radio Free Europe/Radio Liberty"),
    ("BBC", "BBC"),
    ("CNN", "CNN"),
];

const NAME: &str = r"((?:The\s+)?[\p{Lu}][\p{L}\d.&'’-]*(?:\s+[\p{Lu}][\p{L}\d.&'’-]*){0,4})";

static KEEPS_OPEN: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::new(&format!(
        r"\b(?:keeps?|keeping)\s+{NAME}\s+(?:open|going|alive|free|independent)\b"
    ))
    .unwrap()
});
static SUBSCRIBE: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::new(&format!(r"(?i:subscribe to|follow|support)\s+{NAME}(?:\s+(?i:on|telegram|channel|newsletter|youtube|whatsapp)|[,!.]|$)")).unwrap()
});
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::new(r"(?i:copyright|©)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s*)?[«“\x22]?((?:The\s+)?[\p{Lu}][\p{L}\d.&'’-]*(?:\s+[\p{Lu}][\p{L}\d.&'’-]*){0,4})").unwrap()
});
static BIO_FOR: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::new(
        r"\b(?:for|at|with)\s+(The\s+[\p{Lu}][\p{L}’'-]*(?:\s+[\p{Lu}][\p{L}’'-]*){0,3})",
    )
    .unwrap()
});

/// Expand a known outlet tag ("NYT"); unknown tags are returned as they are.
pub fn from_tag(tag: &str) -> String {
    TAGS.iter()
        .find(|(t, _)| *t == tag)
        .map_or_else(|| tag.to_string(), |(_, name)| name.to_string())
}

/// A masthead in all capitals, in title case ("THE DAILY HORN" → "The Daily Horn").
pub fn from_masthead(text: &str) -> String {
    text.split_whitespace()
        .map(|w| {
            let lower = w.to_lowercase();
            let mut chars = lower.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Platform words that follow an outlet's name in a plea ("X Telegram channel").
const PLATFORMS: &[&str] = &[
    "Telegram",
    "YouTube",
    "WhatsApp",
    "Facebook",
    "Newsletter",
    "Channel",
    "RSS",
    "Instagram",
];

fn tidy(name: &str) -> Option<String> {
    let mut name = name
        .trim()
        .trim_end_matches(['.', ',', '!', '»', '”', '"'])
        .trim();
    while let Some((head, last)) = name.rsplit_once(' ') {
        if !PLATFORMS.contains(&last) {
            break;
        }
        name = head.trim();
    }
    let first = name.split_whitespace().next()?;
    // Not a lone article or a generic word.
    (name.len() >= 2 && !matches!(first, "Us" | "Our" | "This" | "Our's")).then(|| name.to_string())
}

/// The outlet named by a support plea ("keeps The Ledger open") or a
/// subscription line ("Subscribe to Ledger.Example Telegram channel").
pub fn from_plea(text: &str) -> Option<String> {
    KEEPS_OPEN
        .captures(text)
        .or_else(|| SUBSCRIBE.captures(text))
        .and_then(|c| tidy(&c[1]))
}

/// The outlet named by a copyright line.
pub fn from_copyright(text: &str) -> Option<String> {
    COPYRIGHT.captures(text).and_then(|c| tidy(&c[1]))
}

/// The outlet named in an author bio ("... bureau chief for The Ledger").
pub fn from_bio(text: &str) -> Option<String> {
    BIO_FOR.captures(text).and_then(|c| tidy(&c[1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlets_from_generic_mentions() {
        assert_eq!(from_tag("NYT"), "The New York Times");
        assert_eq!(from_tag("XYZ"), "XYZ");
        assert_eq!(from_masthead("THE DAILY HORN"), "The Daily Horn");
        assert_eq!(
            from_plea("Support from readers like you keeps The Ledger open.").as_deref(),
            Some("The Ledger")
        );
        assert_eq!(
            from_plea("Subscribe to Ledger.Example Telegram channel, Facebook, RSS!").as_deref(),
            Some("Ledger.Example")
        );
        assert_eq!(
            from_copyright("Copyright © 1998-2024, «LEDGER.Example».").as_deref(),
            Some("LEDGER.Example")
        );
        assert_eq!(
            from_copyright("© 2023 Harbour Post Media Ltd").as_deref(),
            Some("Harbour Post Media Ltd")
        );
        assert_eq!(
            from_bio("Tor Hegge is the Nordic bureau chief for The Ledger based in Oslo.")
                .as_deref(),
            Some("The Ledger")
        );
        assert_eq!(from_plea("Please contribute what you can."), None);
    }
}
