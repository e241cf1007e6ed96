//! Internal links: `@/path/to/file.md#anchor` in any `href` or `src` of a
//! rendered page becomes a relative URL from that page.

use std::sync::LazyLock;

use memchr::memmem::Finder;
use rustc_hash::FxHashMap;

use super::paths::{path_to_root, push_output_path};

/// What every internal link holds: the attribute's `="` and the `@/`.
static MARK: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("=\"@/"));

/// Rewrite the internal links of `html`, a page that will be written at
/// `from` (an output path). `exists` tells whether a content path exists
/// (asked once per path: a page links to the same one again and again).
/// Returns the new HTML and the content paths that do not exist (once per
/// link to them).
pub fn resolve(html: &str, from: &str, exists: impl Fn(&str) -> bool) -> (String, Vec<String>) {
    let root = path_to_root(from);
    let mut broken = Vec::new();
    let mut known: FxHashMap<&str, bool> = FxHashMap::default();
    let out = rewrite(html, |link, out| {
        let found = *known
            .entry(link.target)
            .or_insert_with(|| exists(link.target));
        if !found {
            broken.push(format!("@/{}", link.target));
        }
        out.push_str(link.attr);
        out.push_str("=\"");
        out.push_str(&root);
        push_output_path(out, link.target);
        if let Some(fragment) = link.fragment {
            out.push('#');
            out.push_str(fragment);
        }
        out.push('"');
    });
    (out, broken)
}

/// An internal link: `<attr>="@/<target>[#<fragment>]"`.
pub struct Link<'a> {
    /// `href` or `src`.
    pub attr: &'a str,
    /// The content path.
    pub target: &'a str,
    /// What follows the `#`, if there is one.
    pub fragment: Option<&'a str>,
}

/// `html` with each internal link (the whole `attr="…"`) replaced by what
/// `with` writes in its place (at the end of the output so far).
///
/// A link is `href="@/<path>"` or `src="@/<path>"`, the path running to
/// the first `"` or `#` and an optional `#<fragment>` to the closing `"`
/// (what the regex `(href|src)="@/([^"#]*)(?:#([^"]*))?"` matches, found
/// with a SIMD substring search, which the pages' size makes worth it, and
/// its ends with `memchr`).
pub fn rewrite<'a>(html: &'a str, mut with: impl FnMut(Link<'a>, &mut String)) -> String {
    let mut out = String::new();
    let mut copied = 0; // html[..copied] is in `out`
    let mut search = 0;
    while let Some(found) = MARK.find(&html.as_bytes()[search..]) {
        let at = search + found;
        let Some(attr) = ["href", "src"]
            .into_iter()
            .find(|a| html[..at].ends_with(a))
        else {
            search = at + 1;
            continue;
        };
        let start = at + 4;
        let rest = &html[start..];
        let Some(stop) = memchr::memchr2(b'"', b'#', rest.as_bytes()) else {
            break;
        };
        let (fragment, end) = if rest.as_bytes()[stop] == b'#' {
            // With no closing quote there is no link here, nor later: every
            // later mark holds a quote.
            let Some(close) = memchr::memchr(b'"', &rest.as_bytes()[stop..]) else {
                break;
            };
            (
                Some(&rest[stop + 1..stop + close]),
                start + stop + close + 1,
            )
        } else {
            (None, start + stop + 1)
        };
        if out.is_empty() {
            out.reserve(html.len() + html.len() / 8);
        }
        out.push_str(&html[copied..at - attr.len()]);
        with(
            Link {
                attr,
                target: &rest[..stop],
                fragment,
            },
            &mut out,
        );
        copied = end;
        search = end;
    }
    out.push_str(&html[copied..]);
    out
}

#[cfg(test)]
mod tests {
    use super::super::paths::output_path;
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

    /// What `resolve` must agree with: the regex it stands for.
    fn by_regex(html: &str, from: &str, exists: impl Fn(&str) -> bool) -> (String, Vec<String>) {
        static RE: LazyLock<regex::Regex> =
            LazyLock::new(|| regex::Regex::new(r##"(href|src)="@/([^"#]*)(#[^"]*)?""##).unwrap());
        let re = &*RE;
        let root = path_to_root(from);
        let mut broken = Vec::new();
        let out = re.replace_all(html, |caps: &regex::Captures| {
            let fragment = caps.get(3).map_or("", |m| m.as_str());
            if !exists(&caps[2]) {
                broken.push(format!("@/{}", &caps[2]));
            }
            format!("{}=\"{root}{}{fragment}\"", &caps[1], output_path(&caps[2]))
        });
        (out.into_owned(), broken)
    }

    #[test]
    fn agrees_with_the_regex_on_awkward_markup() {
        let pieces = [
            "href=\"@/a.md\"",
            "src=\"@/b/c.svg#x\"",
            "=\"@/",
            "href",
            "src",
            "\"",
            "#",
            "data-href=\"@/d.md#p2\"",
            "xsrc=\"@/e.md\"",
            "hre",
            "f=\"@/",
            "é<a href=\"@/_index.md\">",
            " ",
            "@/",
            "href=\"@/\"",
            "href=\"@/f.md#\"",
        ];
        // Every sequence of up to four pieces, and some longer ones.
        let mut cases: Vec<String> = vec![String::new()];
        for _ in 0..4 {
            let more: Vec<String> = cases
                .iter()
                .flat_map(|c| pieces.iter().map(move |p| format!("{c}{p}")))
                .collect();
            cases.extend(more);
            cases.sort();
            cases.dedup();
        }
        cases.push(pieces.concat());
        cases.push(pieces.iter().rev().copied().collect::<Vec<_>>().concat());
        let exists = |p: &str| p.len().is_multiple_of(2);
        for case in &cases {
            for from in ["index.html", "a/b/c.html"] {
                assert_eq!(
                    resolve(case, from, exists),
                    by_regex(case, from, exists),
                    "{case:?} from {from}"
                );
            }
        }
        assert!(cases.len() > 10_000, "{} cases", cases.len());
    }

    #[test]
    fn external_and_plain_links_untouched() {
        let html = r##"<a href="https://example.org/@/x.md">x</a> <a href="#p1">p</a>"##;
        assert_eq!(resolve(html, "a/b.html", |_| true).0, html);
    }
}
