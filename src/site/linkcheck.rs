//! Verify every internal link and anchor of a built site.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use regex::Regex;

static ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\sid="([^"]+)""#).expect("valid regex"));
static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\s(?:href|src)="([^"]*)""#).expect("valid regex"));

/// A broken link: the page it is on and the target as written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Broken {
    pub page: String,
    pub target: String,
    pub reason: &'static str,
}

/// Check the links of every `.html` file of `files` (output path → bytes).
/// Links with a scheme (`https:`, `mailto:` ...) are external and not checked
/// here; anything else must resolve to a file of the site, and its fragment
/// to an `id` in that file.
pub fn check(files: &BTreeMap<String, Vec<u8>>) -> Vec<Broken> {
    let mut ids: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        ids.insert(
            path,
            ID.captures_iter(&html).map(|c| unescape(&c[1])).collect(),
        );
    }
    let mut broken = Vec::new();
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for cap in LINK.captures_iter(&html) {
            let target = unescape(&cap[1]);
            if is_external(&target) {
                continue;
            }
            let (file_part, fragment) = match target.split_once('#') {
                Some((f, frag)) => (f, Some(frag)),
                None => (target.as_str(), None),
            };
            let resolved = if file_part.is_empty() {
                Some(path.clone())
            } else {
                resolve(path, file_part)
            };
            let Some(resolved) = resolved else {
                broken.push(Broken {
                    page: path.clone(),
                    target,
                    reason: "leaves the site",
                });
                continue;
            };
            let resolved = if resolved.is_empty() || resolved.ends_with('/') {
                format!("{resolved}index.html")
            } else {
                resolved
            };
            if !files.contains_key(&resolved) {
                broken.push(Broken {
                    page: path.clone(),
                    target,
                    reason: "no such file",
                });
            } else if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                if ids
                    .get(resolved.as_str())
                    .is_some_and(|set| !set.contains(fragment))
                {
                    broken.push(Broken {
                        page: path.clone(),
                        target,
                        reason: "no such anchor",
                    });
                }
            }
        }
    }
    broken.sort();
    broken.dedup();
    broken
}

fn is_external(target: &str) -> bool {
    target.starts_with("//")
        || target.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
}

/// Resolve `link` relative to the page at `from`; `None` when it climbs above the root.
fn resolve(from: &str, link: &str) -> Option<String> {
    let link = link.split('?').next().unwrap_or(link);
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in link.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    let mut out = parts.join("/");
    if link.ends_with('/') {
        out.push('/');
    }
    Some(out)
}

/// Decode the character references an attribute value may hold (named ones
/// for markup characters, and numeric ones such as Tera's `&#x2F;`).
fn unescape(s: &str) -> String {
    static NUMERIC: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"&#(x[0-9a-fA-F]+|[0-9]+);").expect("valid regex"));
    let s = NUMERIC.replace_all(s, |c: &regex::Captures| {
        let code = &c[1];
        let n = match code.strip_prefix('x') {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => code.parse().ok(),
        };
        n.and_then(char::from_u32)
            .map(String::from)
            .unwrap_or_else(|| c[0].to_string())
    });
    s.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_missing_files_and_anchors() {
        let mut files = BTreeMap::new();
        files.insert(
            "index.html".to_string(),
            br##"<a href="sources/a.html#p1">ok</a><a href="sources/a.html#p9">x</a><a href="https://e.org/">ext</a><a href="#top">t</a><p id="top"></p>"##.to_vec(),
        );
        files.insert(
            "sources/a.html".to_string(),
            br##"<p id="p1"></p><a href="..&#x2F;index.html">up</a><a href="../../x.html">out</a><img src="../img/none.svg">"##.to_vec(),
        );
        let broken = check(&files);
        let found: Vec<_> = broken
            .iter()
            .map(|b| (b.page.as_str(), b.target.as_str(), b.reason))
            .collect();
        assert_eq!(
            found,
            [
                ("index.html", "sources/a.html#p9", "no such anchor"),
                ("sources/a.html", "../../x.html", "leaves the site"),
                ("sources/a.html", "../img/none.svg", "no such file"),
            ]
        );
    }
}
