//! `.md` input: strip markdown syntax (heading marks, emphasis, links,
//! images, quotes, rules) line by line, keeping the text and line numbers.

use std::sync::LazyLock;

use regex::Regex;

static HEADING: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::new(r"^\s{0,3}#{1,6}\s+").unwrap());
static IMAGE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::new(r"!\[[^\]]*\]\([^)]*\)").unwrap());
static LINK: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::new(r"\[([^\]]*)\]\([^)]*\)").unwrap());
static STRONG: LazyLock<Regex> = LazyLock::new(|| crate::pattern::new(r"\*\*|__").unwrap());
static EMPHASIS: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::new(r"(^|\s)[*_]|[*_](\s|$|[.,;:!?])").unwrap());
static RULE: LazyLock<Regex> =
    LazyLock::new(|| crate::pattern::new(r"^\s*([-*_]\s*){3,}$").unwrap());

/// Plain text of a markdown document, one output line per input line.
pub fn to_text(md: &str) -> String {
    md.split('\n')
        .map(|line| {
            if RULE.is_match(line) {
                return String::new();
            }
            let line = HEADING.replace(line, "");
            let line = line.trim_start_matches("> ");
            let line = IMAGE.replace_all(line, "");
            let line = LINK.replace_all(&line, "$1");
            let line = STRONG.replace_all(&line, "");
            EMPHASIS
                .replace_all(&line, "$1$2")
                .trim_end_matches(['#', ' '])
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_syntax_is_stripped() {
        let md = "# Harbour reopens\n\n## Repairs ahead ##\n\nThe **council** said [repairs](http://x) would take *a year*.\n![cranes](c.png)\n---\n> Quoted";
        assert_eq!(
            to_text(md),
            "Harbour reopens\n\nRepairs ahead\n\nThe council said repairs would take a year.\n\n\nQuoted"
        );
    }
}
