//! The headline: scraper prefixes ("NextImg:"), outlet tags ("(NYT) ...") and
//! one-word kickers ("Harbours How the ...") removed.

use std::sync::LazyLock;

use regex::Regex;

/// A scraper artefact glued to the headline: `Word:Headline` (no space).
static GLUED_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::new(r"^[A-Za-z]{2,20}:(\S)").unwrap());
/// An outlet tag before the headline: `(NYT) Headline`.
static TAG: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::new(r"^[(\[]([A-Z][A-Za-z.&]{1,12})[)\]]\s+").unwrap());
/// A one-word kicker before a headline that starts with a question word.
static KICKER: LazyLock<Regex> = LazyLock::new(|| {
    crate::pattern::new(r"^\p{Lu}[\p{L}’'-]+\s+((?:How|Why|What|When|Where|Who|Inside)\s+\S.*)$")
        .unwrap()
});

/// The outlet tag before a headline ("NYT" in "(NYT) ..."), if any.
pub fn tag(headline: &str) -> Option<String> {
    TAG.captures(headline.trim()).map(|c| c[1].to_string())
}

/// The clean headline.
pub fn clean(headline: &str) -> String {
    let mut t = headline.trim().to_string();
    if let Some(c) = GLUED_PREFIX.captures(&t) {
        let start = c.get(1).unwrap().start();
        t = t[start..].to_string();
    }
    if let Some(m) = TAG.find(&t) {
        t = t[m.end()..].to_string();
    }
    if let Some(c) = KICKER.captures(&t) {
        t = c[1].to_string();
    }
    t.trim_start_matches(['#', ' ']).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_tags_and_kickers_are_removed() {
        assert_eq!(
            clean("NextImg:Harbour reopens after storm"),
            "Harbour reopens after storm"
        );
        assert_eq!(
            clean("(WSJ) Ports Brace for Strike"),
            "Ports Brace for Strike"
        );
        assert_eq!(tag("(WSJ) Ports Brace for Strike"), Some("WSJ".to_string()));
        assert_eq!(
            clean("Tarnby How a small port beat the storm"),
            "How a small port beat the storm"
        );
        assert_eq!(clean("Ports: What Comes Next"), "Ports: What Comes Next");
        assert_eq!(tag("Ports Brace for Strike"), None);
    }
}
