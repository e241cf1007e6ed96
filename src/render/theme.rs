//! The theme: templates and static assets. The default theme is embedded in
//! the binary; a site's `themes/<name>/` and `templates/` override it file by
//! file (a site template may `{% extends "theme/<name>.html" %}` to reuse the
//! theme's blocks).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{include_dir, Dir};
use walkdir::WalkDir;

use crate::diag::Diagnostic;

static DEFAULT: Dir = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Where one theme file came from (for error messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Embedded,
    File(PathBuf),
}

/// The files of the effective theme.
#[derive(Debug, Default)]
pub struct Theme {
    /// Template name → (source, origin). Theme templates are also registered
    /// as `theme/<name>`.
    pub templates: BTreeMap<String, (String, Origin)>,
    /// Static asset path (relative to the output root) → bytes.
    pub assets: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// Load the theme `name` for the site rooted at `root`.
    pub fn load(root: &Path, name: &str) -> Result<Theme, Diagnostic> {
        let mut theme = Theme::default();
        for file in embedded_files(&DEFAULT) {
            let path = file.path().to_string_lossy().replace('\\', "/");
            theme.add(&path, file.contents().to_vec(), Origin::Embedded, true)?;
        }
        let dir = root.join("themes").join(name);
        if dir.is_dir() {
            theme.add_dir(&dir, true)?;
        } else if name != "default" {
            return Err(Diagnostic::error(
                &dir,
                None,
                format!(
                    "theme {name:?} not found (expected a folder at {})",
                    dir.display()
                ),
            ));
        }
        let templates = root.join("templates");
        if templates.is_dir() {
            for (rel, file) in walk(&templates)? {
                let bytes = read(&file)?;
                theme.add(
                    &format!("templates/{rel}"),
                    bytes,
                    Origin::File(file),
                    false,
                )?;
            }
        }
        let statics = root.join("static");
        if statics.is_dir() {
            for (rel, file) in walk(&statics)? {
                theme.assets.insert(rel, read(&file)?);
            }
        }
        Ok(theme)
    }

    fn add_dir(&mut self, dir: &Path, is_theme: bool) -> Result<(), Diagnostic> {
        for (rel, file) in walk(dir)? {
            let bytes = read(&file)?;
            self.add(&rel, bytes, Origin::File(file), is_theme)?;
        }
        Ok(())
    }

    fn add(
        &mut self,
        path: &str,
        bytes: Vec<u8>,
        origin: Origin,
        is_theme: bool,
    ) -> Result<(), Diagnostic> {
        if let Some(name) = path.strip_prefix("templates/") {
            let source = String::from_utf8(bytes).map_err(|_| {
                let file = match &origin {
                    Origin::File(f) => f.clone(),
                    Origin::Embedded => PathBuf::from(path),
                };
                Diagnostic::error(file, None, "template is not valid UTF-8")
            })?;
            if is_theme {
                self.templates
                    .insert(format!("theme/{name}"), (source.clone(), origin.clone()));
            }
            self.templates.insert(name.to_string(), (source, origin));
        } else if let Some(asset) = path.strip_prefix("static/") {
            self.assets.insert(asset.to_string(), bytes);
        }
        Ok(())
    }

    /// Where a template came from, for messages: a file path or `<embedded>/templates/x`.
    pub fn template_location(&self, name: &str) -> PathBuf {
        match self.templates.get(name) {
            Some((_, Origin::File(f))) => f.clone(),
            _ => PathBuf::from(format!(
                "<embedded theme>/templates/{}",
                name.trim_start_matches("theme/")
            )),
        }
    }
}

/// Copy the embedded default theme into `dest` (for `dossier init --theme`).
pub fn export_default(dest: &Path) -> std::io::Result<()> {
    for file in embedded_files(&DEFAULT) {
        let target = dest.join(file.path());
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(target, file.contents())?;
    }
    Ok(())
}

fn embedded_files(dir: &'static Dir<'static>) -> Vec<&'static include_dir::File<'static>> {
    let mut files: Vec<_> = dir.files().collect();
    for sub in dir.dirs() {
        files.extend(embedded_files(sub));
    }
    files.sort_by_key(|f| f.path());
    files
}

fn walk(dir: &Path) -> Result<Vec<(String, PathBuf)>, Diagnostic> {
    let mut out = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry
            .map_err(|e| Diagnostic::error(dir, None, format!("cannot read theme folder: {e}")))?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).expect("under dir");
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            out.push((rel, entry.path().to_path_buf()));
        }
    }
    Ok(out)
}

fn read(file: &Path) -> Result<Vec<u8>, Diagnostic> {
    std::fs::read(file).map_err(|e| Diagnostic::error(file, None, format!("cannot read: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_default_has_base_templates_and_css() {
        let dir = tempfile::tempdir().unwrap();
        let theme = Theme::load(dir.path(), "default").unwrap();
        for name in [
            "base.html",
            "page.html",
            "index.html",
            "source.html",
            "sources.html",
            "theme/page.html",
        ] {
            assert!(theme.templates.contains_key(name), "missing {name}");
        }
        assert!(theme.assets.contains_key("css/site.css"));
    }

    #[test]
    fn site_templates_override_file_by_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/page.html"), "custom").unwrap();
        let theme = Theme::load(dir.path(), "default").unwrap();
        assert_eq!(theme.templates["page.html"].0, "custom");
        assert_ne!(theme.templates["theme/page.html"].0, "custom");
        assert!(theme
            .template_location("page.html")
            .ends_with("templates/page.html"));
    }

    #[test]
    fn missing_named_theme_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = Theme::load(dir.path(), "nope").unwrap_err();
        assert!(err.message.contains("theme \"nope\" not found"));
    }
}
