//! `dossier init DIR`: scaffold a new site.

use std::path::Path;

use anyhow::{bail, Context};

const SITE_YAML: &str = include_str!("init/site.yaml");
const INDEX_MD: &str = include_str!("init/_index.md");
const ABOUT_MD: &str = include_str!("init/about.md");
const GITIGNORE: &str =
    "/public\n/.public.previous\n/.public.lock\n/.dossier-cache\n/content/.dossier-generated\n";

/// Create `dir` with `site.yaml`, an empty `corpus/`, `content/_index.md` and
/// `content/about.md`; with `theme`, also a copy of the default theme in
/// `themes/default/` to edit. Never overwrites an existing file.
pub fn init(dir: &Path, theme: bool) -> anyhow::Result<()> {
    let files = [
        ("site.yaml", SITE_YAML),
        ("content/_index.md", INDEX_MD),
        ("content/about.md", ABOUT_MD),
        (".gitignore", GITIGNORE),
    ];
    for (rel, _) in &files {
        if dir.join(rel).exists() {
            bail!(
                "{} already exists; dossier init never overwrites files",
                dir.join(rel).display()
            );
        }
    }
    if theme && dir.join("themes/default").exists() {
        bail!(
            "{} already exists; dossier init never overwrites files",
            dir.join("themes/default").display()
        );
    }
    std::fs::create_dir_all(dir.join("corpus"))
        .with_context(|| format!("cannot create {}", dir.display()))?;
    let site_yaml = format!(
        "{SITE_YAML}\n# Topics: a sentence that contains one of the keywords or matches one of the\n# patterns (case-insensitive) belongs to the topic. Add your own.\ntopics:\n{}",
        crate::config::DEFAULT_TOPICS_YAML.lines().filter(|l| !l.starts_with('#')).collect::<Vec<_>>().join("\n")
    );
    let files = files.map(|(rel, text)| {
        (
            rel,
            if rel == "site.yaml" {
                site_yaml.as_str()
            } else {
                text
            },
        )
    });
    for (rel, text) in files {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().expect("has parent"))?;
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    if theme {
        crate::render::theme::export_default(&dir.join("themes/default")).with_context(|| {
            format!(
                "cannot copy the theme into {}",
                dir.join("themes/default").display()
            )
        })?;
    }
    eprintln!(
        "Created a new site in {}. Put articles (.txt, .md, .html) in {}, then run `dossier build --config {}`.",
        dir.display(),
        dir.join("corpus").display(),
        dir.join("site.yaml").display()
    );
    Ok(())
}
