//! The printable dossier: every topic, actor, the timeline and every source
//! in one page, with internal links rewritten to point within the page.

use std::sync::LazyLock;

use regex::Regex;

use super::deps::Dep;
use super::index::SiteIndex;
use super::paths::output_path;
use super::plain::strip_tags;
use crate::dossier::escape::html;

static ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#" (id|for)="([^"]+)""#).expect("valid regex"));
static LOCAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r##"href="#([^"]*)""##).expect("valid regex"));
static HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<(/?)h([1-5])\b").expect("valid regex"));

/// The order of the printed dossier: each group's index first, then its pages.
const GROUPS: &[&str] = &["topics", "actors", "timeline", "sources"];

/// Anchor of a content page inside the printable page.
pub fn anchor(path: &str) -> String {
    let stem = path
        .trim_end_matches(".md")
        .trim_end_matches("/_index")
        .trim_end_matches("_index");
    let stem = if stem.is_empty() { "home" } else { stem };
    format!("print-{}", stem.replace('/', "-"))
}

/// Sections whose pages are only listed (by title), not printed in full:
/// the sources, which the citations point to.
const LISTED: &[&str] = &["sources"];

/// The pages printed in full, in order.
pub fn included(index: &SiteIndex) -> Vec<String> {
    let mut out = Vec::new();
    for group in GROUPS {
        let section = format!("{group}/_index.md");
        if let Some(s) = index.pages.get(&section) {
            out.push(section.clone());
            if !LISTED.contains(group) {
                out.extend(s.pages.iter().cloned());
            }
        } else if let Some(p) = index.pages.get(&format!("{group}.md")) {
            out.push(p.path.clone());
        }
    }
    out
}

/// Pages that have an entry (with an anchor) in a listed section.
fn listed(index: &SiteIndex) -> std::collections::BTreeSet<String> {
    LISTED
        .iter()
        .filter_map(|g| index.pages.get(&format!("{g}/_index.md")))
        .flat_map(|s| s.pages.iter().cloned())
        .collect()
}

/// What the printable page's body is made of: the summaries and bodies of
/// the pages printed in full, the titles and dates of those listed, and
/// which groups exist (see [`super::deps`]).
pub fn reads(index: &SiteIndex) -> Vec<Dep> {
    let mut reads = Vec::new();
    for group in GROUPS {
        reads.push(Dep::Exists(format!("{group}/_index.md")));
        reads.push(Dep::Exists(format!("{group}.md")));
    }
    for p in included(index) {
        reads.push(Dep::Section(p.clone()));
        reads.push(Dep::Body(p));
    }
    reads.extend(listed(index).into_iter().map(Dep::Heading));
    reads
}

/// The body of the printable page. `body_of` gives a page's rendered
/// markdown (before its `@/` links are resolved).
pub fn body(index: &SiteIndex, body_of: &dyn Fn(&str) -> String) -> String {
    let pages = included(index);
    let listed = listed(index);
    let set: std::collections::BTreeSet<&str> = pages.iter().map(String::as_str).collect();
    let targets = Targets {
        full: &set,
        listed: &listed,
    };
    let mut out = String::new();
    out.push_str(
        "<nav class=\"toc\" aria-label=\"Contents\"><h2 class=\"toc-title\">Contents</h2><ol>",
    );
    for p in &pages {
        let s = &index.pages[p];
        if s.is_section
            || !s.section.ends_with("_index.md")
            || !index.pages.contains_key(&s.section)
        {
            out.push_str(&format!(
                "<li><a href=\"#{}\">{}</a></li>",
                anchor(p),
                html(&s.title)
            ));
        }
    }
    out.push_str("</ol></nav>\n");
    for p in &pages {
        let s = &index.pages[p];
        let id = anchor(p);
        let level = if s.is_section || !index.pages.contains_key(&s.section) {
            2
        } else {
            3
        };
        out.push_str(&format!(
            "<section class=\"print-page\" id=\"{id}\">\n<h{level}>{}</h{level}>\n",
            html(&s.title)
        ));
        if let Some(date) = &s.date {
            out.push_str(&format!("<p class=\"note\">{}</p>\n", html(date)));
        }
        out.push_str(&rewrite(&body_of(p), &id, &targets, level));
        if s.is_section && !s.pages.is_empty() {
            out.push_str("<ul class=\"page-list\">\n");
            for child in &s.pages {
                let c = &index.pages[child];
                if listed.contains(child) {
                    let date = c
                        .date
                        .as_deref()
                        .map(|d| format!(" ({})", html(d)))
                        .unwrap_or_default();
                    out.push_str(&format!(
                        "<li id=\"{}\">{}{date}</li>\n",
                        anchor(child),
                        html(&c.title)
                    ));
                } else {
                    out.push_str(&format!(
                        "<li><a href=\"#{}\">{}</a></li>\n",
                        anchor(child),
                        html(&c.title)
                    ));
                }
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</section>\n");
    }
    out
}

/// Where internal links may point within the printed page.
struct Targets<'a> {
    /// Pages printed in full (their anchors exist).
    full: &'a std::collections::BTreeSet<&'a str>,
    /// Pages only listed (their entry has the page's anchor, nothing inside).
    listed: &'a std::collections::BTreeSet<String>,
}

fn rewrite(body: &str, id: &str, targets: &Targets, level: u8) -> String {
    let body = ID.replace_all(body, |c: &regex::Captures| {
        format!(" {}=\"{id}--{}\"", &c[1], &c[2])
    });
    let body = LOCAL.replace_all(&body, |c: &regex::Captures| {
        format!("href=\"#{id}--{}\"", &c[1])
    });
    let body = super::links::rewrite(&body, |link, out| {
        let (attr, target) = (link.attr, link.target);
        out.push_str(&match (targets.full.contains(target), link.fragment) {
            (true, Some(frag)) => format!("{attr}=\"#{}--{frag}\"", anchor(target)),
            (true, None) => format!("{attr}=\"#{}\"", anchor(target)),
            (false, _) if targets.listed.contains(target) => {
                format!("{attr}=\"#{}\"", anchor(target))
            }
            (false, frag) => {
                let frag = frag.map(|f| format!("#{f}")).unwrap_or_default();
                format!("{attr}=\"{}{frag}\"", output_path(target))
            }
        });
    });
    // Page headings sit one level below the page's own title.
    HEADING
        .replace_all(&body, |c: &regex::Captures| {
            let n: u8 = c[2].parse().unwrap_or(2);
            format!("<{}h{}", &c[1], (n + level - 1).min(6))
        })
        .into_owned()
}

/// Plain text of the printable page (for tests and search).
pub fn text(body: &str) -> String {
    strip_tags(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_unique_per_page() {
        assert_eq!(anchor("sources/a-b.md"), "print-sources-a-b");
        assert_eq!(anchor("sources/_index.md"), "print-sources");
        assert_eq!(anchor("timeline.md"), "print-timeline");
    }

    #[test]
    fn links_point_within_the_page() {
        let full: std::collections::BTreeSet<&str> = ["actors/b.md"].into_iter().collect();
        let listed: std::collections::BTreeSet<String> =
            ["sources/a.md".to_string()].into_iter().collect();
        let targets = Targets {
            full: &full,
            listed: &listed,
        };
        let out = rewrite(
            r##"<h2 id="x">X</h2><a href="#x">x</a><a href="@/sources/a.md#p2">c</a><a href="@/actors/b.md#roles">r</a><a href="@/about.md">a</a>"##,
            "print-topics-t",
            &targets,
            3,
        );
        assert_eq!(
            out,
            r##"<h4 id="print-topics-t--x">X</h4><a href="#print-topics-t--x">x</a><a href="#print-sources-a">c</a><a href="#print-actors-b--roles">r</a><a href="about.html">a</a>"##
        );
    }
}
