//! Internal links: `@/path/to/file.md#anchor` in any `href` or `src` of a
//! rendered page becomes a relative URL from that page.

use std::sync::LazyLock;

use regex::Regex;

use super::paths::{output_path, path_to_root};

static INTERNAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r##"(href|src)="@/([^"#]*)(#[^"]*)?""##).expect("valid regex"));

/// Rewrite the internal links of `html`, a page that will be written at
/// `from` (an output path). `exists` tells whether a content path exists.
/// Returns the new HTML and the content paths that do not exist.
pub fn resolve(html: &str, from: &str, exists: impl Fn(&str) -> bool) -> (String, Vec<String>) {
    let root = path_to_root(from);
    let mut broken = Vec::new();
    let out = INTERNAL.replace_all(html, |caps: &regex::Captures| {
        let attr = &caps[1];
        let target = &caps[2];
        let fragment = caps.get(3).map_or("", |m| m.as_str());
        if !exists(target) {
            broken.push(format!("@/{target}"));
        }
        format!("{attr}=\"{root}{}{fragment}\"", output_path(target))
    });
    (out.into_owned(), broken)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_relative() {
        let html = r##"<a href="@/sources/x.md#p3">x</a> <img src="@/topics/c.svg"> <a href="@/_index.md">home</a>"##;
        let (out, broken) = resolve(html, "actors/y.html", |p| p != "topics/c.svg");
        assert_eq!(
            out,
            r##"<a href="../sources/x.html#p3">x</a> <img src="../topics/c.svg"> <a href="../index.html">home</a>"##
        );
        assert_eq!(broken, ["@/topics/c.svg"]);
        let (out, _) = resolve(r##"<a href="@/about.md">a</a>"##, "index.html", |_| true);
        assert_eq!(out, r##"<a href="about.html">a</a>"##);
    }

    #[test]
    fn external_and_plain_links_untouched() {
        let html = r##"<a href="https://example.org/@/x.md">x</a> <a href="#p1">p</a>"##;
        assert_eq!(resolve(html, "a/b.html", |_| true).0, html);
    }
}
