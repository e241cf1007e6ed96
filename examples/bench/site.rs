//! The benchmark's throw-away site: a generated corpus, a site root with a
//! `site.yaml` pointing into it, and the edits the incremental scenarios make.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::gen::Generator;

/// A site under a temporary folder: `corpus/` and `site/` (with `site.yaml`,
/// `content/`, `public/`, `templates/`, `.dossier-cache/`).
pub struct BenchSite {
    pub corpus: PathBuf,
    pub root: PathBuf,
    pub config: PathBuf,
}

impl BenchSite {
    /// Lay out the site in `dir`; `base_config` (the repo's `site.yaml`, when
    /// present) supplies the title, topics and actors.
    pub fn create(dir: &Path, base_config: Option<&Path>) -> Result<BenchSite, String> {
        let corpus = dir.join("corpus");
        let root = dir.join("site");
        std::fs::create_dir_all(&root).map_err(|e| format!("{}: {e}", root.display()))?;
        let mut config = match base_config {
            Some(file) => {
                let text = std::fs::read_to_string(file)
                    .map_err(|e| format!("{}: {e}", file.display()))?;
                serde_yaml::from_str::<serde_yaml::Mapping>(&text)
                    .map_err(|e| format!("{}: {e}", file.display()))?
            }
            None => serde_yaml::Mapping::new(),
        };
        let corpus_path = corpus.to_string_lossy().into_owned();
        for (key, value) in [
            ("corpus", corpus_path.as_str()),
            ("content", "content"),
            ("output", "public"),
        ] {
            config.insert(key.into(), value.into());
        }
        let text = serde_yaml::to_string(&config).map_err(|e| e.to_string())?;
        let file = root.join("site.yaml");
        std::fs::write(&file, text).map_err(|e| format!("{}: {e}", file.display()))?;
        Ok(BenchSite {
            corpus,
            root,
            config: file,
        })
    }

    pub fn output(&self) -> PathBuf {
        self.root.join("public")
    }

    /// Back to a never-built state: no content, output (nor the previous
    /// one kept beside it), cache or site templates.
    pub fn clean(&self) -> Result<(), String> {
        for dir in [
            "content",
            "public",
            ".public.previous",
            ".dossier-cache",
            "templates",
        ] {
            let path = self.root.join(dir);
            if path.exists() {
                std::fs::remove_dir_all(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            }
        }
        Ok(())
    }

    /// `dossier build --config site.yaml --quiet`, plus `extra` arguments.
    pub fn build_command(&self, bin: &Path, extra: &[&str]) -> Command {
        let mut cmd = Command::new(bin);
        cmd.current_dir(&self.root)
            .arg("build")
            .arg("--config")
            .arg(&self.config)
            .arg("--quiet")
            .args(extra);
        cmd
    }

    /// Add generated article number `index` to the corpus.
    pub fn add_article(&self, generator: &Generator, index: u64) -> Result<(), String> {
        let article = generator.article(index);
        let path = self.corpus.join(&article.file_name);
        std::fs::write(&path, article.text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Append a sentence to one body paragraph (the longest) of the `k`-th
    /// article of the corpus, in file-name order.
    pub fn edit_article(&self, k: usize) -> Result<(), String> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&self.corpus)
            .map_err(|e| format!("{}: {e}", self.corpus.display()))?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        files.sort();
        let path = files
            .get(k % files.len().max(1))
            .ok_or("empty corpus")?
            .clone();
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let longest = text
            .lines()
            .filter(|l| super::gen::seeds::is_body(l))
            .max_by_key(|l| l.len())
            .ok_or_else(|| format!("{}: no body paragraph", path.display()))?;
        let edited = format!("{longest} Officials declined to comment on the report (edit {k}).");
        let text = text.replacen(longest, &edited, 1);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Write `templates/page.html`, extending the theme's page with a changed block.
    pub fn edit_template(&self, k: usize) -> Result<(), String> {
        let dir = self.root.join("templates");
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let text = format!(
            "{{% extends \"theme/page.html\" %}}\n\
             {{% block after_content %}}<p class=\"bench\">Template edit {k}</p>{{% endblock after_content %}}\n"
        );
        let path = dir.join("page.html");
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Number of `.html` files in the output.
    pub fn html_pages(&self) -> usize {
        walkdir::WalkDir::new(self.output())
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
            .count()
    }
}
