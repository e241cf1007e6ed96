//! The `front_matter` fuzz target: the YAML a person writes by hand, read
//! by the parsers that must turn any mistake into a diagnostic naming the
//! file and line: a content page's front matter (`render::content::parse`,
//! `dossier::page`), an article's `NAME.meta.yaml` sidecar and `site.yaml`.
//!
//! Input: the bytes of the file (invalid UTF-8 replaced, as a reader that
//! accepted the file would see it). Every parser gets the whole text; the
//! sidecar and config parsers also get the text between the `---` lines
//! when there is a front matter block.

use std::path::Path;

use crate::config::Config;
use crate::corpus::sidecar::Sidecar;
use crate::diag::{Diagnostic, Level};
use crate::dossier::page;
use crate::render::content;

const PAGE: &str = "content/fuzz/page.md";
const SIDECAR: &str = "corpus/fuzz/article.meta.yaml";
const CONFIG: &str = "site.yaml";

/// Run the target on one input; panics when an invariant breaks.
pub fn run(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    check_page(&text);
    let yaml = page::split(&text).map(|(yaml, _)| yaml);
    for text in std::iter::once(&*text).chain(yaml) {
        if let Err(d) = Sidecar::parse(text, Path::new(SIDECAR)) {
            check_diagnostic(&d, SIDECAR, text);
        }
        if let Err(d) = Config::parse(text, Path::new(CONFIG)) {
            check_diagnostic(&d, CONFIG, text);
        }
    }
}

/// A page parses or is an error naming it; a parsed page's body is the end
/// of the file, starting on `body_line`, and its front matter survives the
/// writer's round trip (generated pages are written with [`page::to_markdown`]
/// and read back with [`content::parse`]).
fn check_page(text: &str) {
    let has_front_matter = page::split(text).is_some();
    let page = match content::parse("fuzz/page.md", Path::new(PAGE), text) {
        Ok(page) => page,
        Err(d) => return check_diagnostic(&d, PAGE, text),
    };
    let body = page.body().expect("a parsed page holds its body");
    assert!(text.ends_with(&*body), "the body is the end of the file");
    if !has_front_matter {
        assert_eq!(body, text, "without front matter the file is the body");
        assert_eq!(page.body_line, 1);
    } else {
        let closing = page
            .body_line
            .checked_sub(2)
            .and_then(|i| text.lines().nth(i));
        assert_eq!(
            closing.map(str::trim_end),
            Some("---"),
            "the line before body line {} closes the front matter",
            page.body_line
        );
    }
    let written = page::to_markdown(&page.front, &body);
    let back = content::parse("fuzz/page.md", Path::new(PAGE), &written)
        .unwrap_or_else(|d| panic!("a written page does not parse back: {d}\n{written}"));
    assert_eq!(
        back.front, page.front,
        "front matter round trip:\n{written}"
    );
}

/// An error names the file, and a line of it when it gives one.
fn check_diagnostic(d: &Diagnostic, file: &str, text: &str) {
    assert_eq!(d.level, Level::Error, "{d}");
    assert_eq!(d.file, Path::new(file), "{d}");
    assert!(!d.message.trim().is_empty(), "empty message: {d}");
    if let Some(line) = d.line {
        // One past the last line: an error at the end of the input.
        let lines = yaml_lines(text) + 1;
        assert!((1..=lines).contains(&line), "line {line} of {lines}: {d}");
    }
}

/// The number of lines of `text` as YAML counts them: a line ends at LF,
/// CRLF, a lone CR, NEL, LS or PS.
fn yaml_lines(text: &str) -> usize {
    let text = text.replace("\r\n", "\n");
    1 + text
        .chars()
        .filter(|c| matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}'))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_and_invalid_inputs_pass_every_check() {
        run(b"---\ntitle: A page\ndate: 2024-05-01\nweight: 3\ntags: [a, b]\n---\n\nBody\n");
        run(b"---\ntitle: [unclosed\n---\nBody\n");
        run(b"title: T\nauthors: [A]\ndate: 2024-13-01\n");
        run(b"\xff\xfe---\n");
    }

    #[test]
    fn lines_are_counted_as_yaml_counts_them() {
        assert_eq!(yaml_lines("a"), 1);
        assert_eq!(yaml_lines("a\r\nb\rc\nd\u{2028}e"), 5);
        // Found by the fuzzer: an error at the end of a file whose second
        // line ends with a lone CR is on line 4.
        let text = "title: 'x\nextra: y\rz\n";
        let err = Sidecar::parse(text, Path::new(SIDECAR)).unwrap_err();
        assert_eq!(err.line, Some(4), "{err}");
        check_diagnostic(&err, SIDECAR, text);
    }

    #[test]
    #[should_panic(expected = "line 9 of 3")]
    fn a_line_past_the_end_is_caught() {
        check_diagnostic(&Diagnostic::error(PAGE, Some(9), "bad"), PAGE, "one\n");
    }
}
