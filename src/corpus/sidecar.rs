//! `NAME.meta.yaml` sidecars: metadata overrides for one article.

use std::path::Path;

use serde::Deserialize;

use super::model::Metadata;
use crate::diag::Diagnostic;

/// Fields a sidecar may set; each overrides the heuristic value.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sidecar {
    pub title: Option<String>,
    pub publication: Option<String>,
    pub authors: Option<Vec<String>>,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    pub date_inferred: Option<bool>,
}

/// The sidecar path of an article path: `dir/foo.txt` → `dir/foo.meta.yaml`.
pub fn path_for(article: &str) -> String {
    let stem_end = article.rfind('.').filter(|&i| !article[i..].contains('/'));
    format!(
        "{}.meta.yaml",
        &article[..stem_end.unwrap_or(article.len())]
    )
}

impl Sidecar {
    /// Parse a sidecar; errors name `file` and the line.
    pub fn parse(text: &str, file: &Path) -> Result<Sidecar, Diagnostic> {
        if text.trim().is_empty() {
            return Ok(Sidecar::default());
        }
        let sidecar: Sidecar = crate::yaml::from_str(text).map_err(|e| {
            let line = e.location().map(|l| l.line());
            Diagnostic::error(file, line, format!("invalid sidecar: {e}"))
        })?;
        if let Some(date) = &sidecar.date {
            if chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_err() {
                let line = text
                    .lines()
                    .position(|l| l.trim_start().starts_with("date:"))
                    .map(|i| i + 1);
                return Err(Diagnostic::error(
                    file,
                    line,
                    format!("invalid sidecar: date {date:?} is not YYYY-MM-DD"),
                ));
            }
        }
        Ok(sidecar)
    }

    /// Override the metadata fields the sidecar sets.
    pub fn apply(&self, meta: &mut Metadata) {
        if let Some(title) = &self.title {
            meta.title = title.clone();
        }
        if let Some(publication) = &self.publication {
            meta.publication = Some(publication.clone());
        }
        if let Some(authors) = &self.authors {
            meta.authors = authors.clone();
        }
        if let Some(date) = &self.date {
            meta.date = Some(date.clone());
            meta.date_inferred = false;
        }
        if let Some(inferred) = self.date_inferred {
            meta.date_inferred = inferred;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sidecar_paths() {
        assert_eq!(path_for("a/foo.txt"), "a/foo.meta.yaml");
        assert_eq!(path_for("x.y/foo"), "x.y/foo.meta.yaml");
    }

    #[test]
    fn unknown_key_names_file_and_line() {
        let err =
            Sidecar::parse("title: X\nauthor: Y\n", Path::new("c/foo.meta.yaml")).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.to_string().contains("c/foo.meta.yaml:2"), "{err}");
        assert!(err.message.contains("author"), "{err}");
    }

    #[test]
    fn bad_date_names_its_line() {
        let err =
            Sidecar::parse("title: X\ndate: 12/03/2021\n", Path::new("f.meta.yaml")).unwrap_err();
        assert_eq!(err.line, Some(2));
    }

    #[test]
    fn overrides_apply() {
        let s = Sidecar::parse(
            "publication: The Ledger\nauthors: [Ana Brul]\ndate: 2021-03-12\n",
            Path::new("f"),
        )
        .unwrap();
        let mut meta = Metadata {
            title: "T".into(),
            date_inferred: true,
            ..Default::default()
        };
        s.apply(&mut meta);
        assert_eq!(meta.title, "T");
        assert_eq!(meta.publication.as_deref(), Some("The Ledger"));
        assert_eq!(meta.authors, vec!["Ana Brul".to_string()]);
        assert_eq!(meta.date.as_deref(), Some("2021-03-12"));
        assert!(!meta.date_inferred);
    }
}
