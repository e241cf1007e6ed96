//! Where a content file lands in the site, and relative links between pages
//! (mdBook's `path_to_root` way: every link works from disk and any sub-path).

/// Output path of a content file: `_index.md` → `index.html`,
/// `sources/_index.md` → `sources/index.html`, `about.md` → `about.html`.
/// Other files keep their path.
pub fn output_path(content_path: &str) -> String {
    let mut out = String::with_capacity(content_path.len() + 3);
    push_output_path(&mut out, content_path);
    out
}

/// [`output_path`], written at the end of `out`.
pub fn push_output_path(out: &mut String, content_path: &str) {
    if let Some(dir) = content_path.strip_suffix("_index.md") {
        out.push_str(dir);
        out.push_str("index.html");
    } else if let Some(stem) = content_path.strip_suffix(".md") {
        out.push_str(stem);
        out.push_str(".html");
    } else {
        out.push_str(content_path);
    }
}

/// The prefix that leads from an output file back to the site root:
/// `""` for `index.html`, `"../"` for `sources/x.html`.
pub fn path_to_root(output_path: &str) -> String {
    "../".repeat(output_path.matches('/').count())
}

/// The section a content file belongs to: the folder holding it (`""` for the root).
pub fn section_of(content_path: &str) -> &str {
    match content_path.rfind('/') {
        Some(i) => &content_path[..i],
        None => "",
    }
}

/// The `_index.md` of a folder (`""` → `_index.md`, `sources` → `sources/_index.md`).
pub fn section_index(section: &str) -> String {
    if section.is_empty() {
        "_index.md".to_string()
    } else {
        format!("{section}/_index.md")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths() {
        assert_eq!(output_path("_index.md"), "index.html");
        assert_eq!(output_path("sources/_index.md"), "sources/index.html");
        assert_eq!(output_path("sources/a-b.md"), "sources/a-b.html");
        assert_eq!(output_path("about.md"), "about.html");
        assert_eq!(output_path("topics/chart.svg"), "topics/chart.svg");
    }

    #[test]
    fn roots_and_sections() {
        assert_eq!(path_to_root("index.html"), "");
        assert_eq!(path_to_root("sources/x.html"), "../");
        assert_eq!(path_to_root("a/b/c.html"), "../../");
        assert_eq!(section_of("sources/x.md"), "sources");
        assert_eq!(section_of("about.md"), "");
        assert_eq!(section_index("sources"), "sources/_index.md");
    }
}
