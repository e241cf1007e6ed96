//! The front matter of a content page: what the markdown writer produces and
//! what the render stage reads, generated or hand-written alike.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Front matter of a page in `content/` (YAML between `---` lines).
/// Keys not listed here are kept in `extra` and given to templates.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FrontMatter {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Template to render with (default: `index.html` for the home page,
    /// `section.html` for other `_index.md`, `page.html` otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// Sort key inside a section (lower first), then date, then title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<i64>,
    /// True for pages the dossier writer produced; only those are ever
    /// overwritten or removed by a build.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub generated: bool,
    /// Leave out of the site (still checked).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// Split a content file into its front matter text and body.
/// Returns `None` when the file has no front matter block.
pub fn split(text: &str) -> Option<(&str, &str)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return Some((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

/// Serialize a page: front matter between `---` lines, then the body.
pub fn to_markdown(front: &FrontMatter, body: &str) -> String {
    let yaml = serde_yaml::to_string(front).expect("front matter serializes");
    format!("---\n{yaml}---\n\n{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_extra_keys() {
        let mut front = FrontMatter {
            title: "A \"quoted\": title".into(),
            generated: true,
            ..Default::default()
        };
        front
            .extra
            .insert("authors".into(), serde_json::json!(["A", "B"]));
        let text = to_markdown(&front, "Body\n");
        let (yaml, body) = split(&text).unwrap();
        let back: FrontMatter = serde_yaml::from_str(yaml).unwrap();
        assert_eq!(back, front);
        assert_eq!(body.trim(), "Body");
    }

    #[test]
    fn no_front_matter() {
        assert!(split("# Title\n").is_none());
        assert!(split("---\ntitle: x\n").is_none());
    }
}
