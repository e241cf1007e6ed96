//! `site.yaml`: the site's configuration. Paths in it are relative to the
//! folder that holds the file; command-line flags override them.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diag::Diagnostic;

pub const DEFAULT_CONFIG: &str = "site.yaml";

/// The topics dossier ships (political prisoners, sanctions), as YAML list
/// items: the default of `topics:`.
pub const DEFAULT_TOPICS_YAML: &str = include_str!("default_topics.yaml");

/// The shipped topics, parsed.
pub fn default_topics() -> Vec<TopicConfig> {
    serde_yaml::from_str(DEFAULT_TOPICS_YAML).expect("the shipped topics parse")
}

/// The whole of `site.yaml`. Unknown keys are an error (typos must not pass silently).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Site title, shown in the header and feeds.
    pub title: String,
    /// One-paragraph description of the site (home page, feeds, meta tags).
    pub description: String,
    /// Absolute URL the site is published at (e.g. `https://example.org/briefing/`).
    /// Optional: used only for canonical URLs, the sitemap and feeds.
    pub base_url: Option<String>,
    /// Language code of the site (`lang` attribute).
    pub language: String,
    /// Folder of raw articles.
    pub corpus: PathBuf,
    /// Folder of markdown content (generated dossiers plus hand-written pages).
    pub content: PathBuf,
    /// Output folder of the static site.
    pub output: PathBuf,
    /// Theme name: `default` (embedded) or a folder under `themes/`.
    pub theme: String,
    /// Minify the produced HTML.
    pub minify: bool,
    /// Topics: which sentences belong to which dossier. Default: the shipped
    /// `prisoners` and `sanctions` topics; `topics: []` turns topics off.
    pub topics: Vec<TopicConfig>,
    /// Curated knowledge about actors, applied after automatic extraction.
    pub actors: Vec<ActorConfig>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Dossier".to_string(),
            description: String::new(),
            base_url: None,
            language: "en".to_string(),
            corpus: PathBuf::from("corpus"),
            content: PathBuf::from("content"),
            output: PathBuf::from("public"),
            theme: "default".to_string(),
            minify: false,
            topics: default_topics(),
            actors: Vec::new(),
        }
    }
}

/// A configured topic: the words and patterns that place a sentence in it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields, default)]
pub struct TopicConfig {
    pub id: String,
    pub title: String,
    pub description: String,
    /// Case-insensitive words or phrases; a sentence containing one belongs to the topic.
    pub keywords: Vec<String>,
    /// Regular expressions (case-insensitive) that place a sentence in the topic.
    pub patterns: Vec<String>,
}

/// Curated knowledge about one actor.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields, default)]
pub struct ActorConfig {
    pub name: String,
    pub aliases: Vec<String>,
    /// "person", "organization" or "place".
    pub kind: Option<String>,
    pub description: Option<String>,
}

/// Paths resolved against the config file's folder and the command-line overrides.
#[derive(Debug, Clone, PartialEq)]
pub struct Paths {
    /// Folder holding `site.yaml` (the site root; `templates/` and `themes/` live here).
    pub root: PathBuf,
    pub corpus: PathBuf,
    pub content: PathBuf,
    pub output: PathBuf,
}

/// Command-line overrides of the config's paths.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub corpus: Option<PathBuf>,
    pub content: Option<PathBuf>,
    pub output: Option<PathBuf>,
}

/// A loaded configuration with its resolved paths.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    pub paths: Paths,
    /// The config file, when one was read.
    pub config_file: Option<PathBuf>,
}

impl Config {
    /// Parse `site.yaml` text; errors name the file and line.
    pub fn parse(text: &str, file: &Path) -> Result<Config, Diagnostic> {
        if text.trim().is_empty() {
            return Ok(Config::default());
        }
        let config: Config = crate::yaml::from_str(text).map_err(|e| {
            let line = e.location().map(|l| l.line());
            Diagnostic::error(file, line, format!("invalid site config: {e}"))
        })?;
        config.validate(file)?;
        Ok(config)
    }

    fn validate(&self, file: &Path) -> Result<(), Diagnostic> {
        let mut seen = std::collections::BTreeSet::new();
        for topic in &self.topics {
            if topic.id.is_empty() || crate::slug::slugify(&topic.id) != topic.id {
                return Err(Diagnostic::error(
                    file,
                    None,
                    format!(
                        "topic id {:?} must be a lowercase slug (letters, digits, hyphens) and not a reserved name (index, con, nul, ...)",
                        topic.id
                    ),
                ));
            }
            if !seen.insert(topic.id.clone()) {
                return Err(Diagnostic::error(
                    file,
                    None,
                    format!("topic id {:?} is defined twice", topic.id),
                ));
            }
            for pattern in &topic.patterns {
                if let Err(e) = regex::RegexBuilder::new(pattern)
                    .case_insensitive(true)
                    .build()
                {
                    return Err(Diagnostic::error(
                        file,
                        None,
                        format!("topic {:?}: invalid pattern {pattern:?}: {e}", topic.id),
                    ));
                }
            }
        }
        for actor in &self.actors {
            if let Some(kind) = &actor.kind {
                if !matches!(kind.as_str(), "person" | "organization" | "place") {
                    return Err(Diagnostic::error(
                        file,
                        None,
                        format!(
                            "actor {:?}: kind must be person, organization or place, not {kind:?}",
                            actor.name
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}

impl Site {
    /// Load the config (from `file`, or `./site.yaml` when it exists, or defaults)
    /// and resolve its paths, applying the command-line overrides.
    pub fn load(file: Option<&Path>, overrides: &Overrides) -> Result<Site, Diagnostic> {
        let (config, config_file, root) = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    Diagnostic::error(path, None, format!("cannot read config: {e}"))
                })?;
                let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
                (Config::parse(&text, path)?, Some(path.to_path_buf()), root)
            }
            None => {
                let path = Path::new(DEFAULT_CONFIG);
                if path.exists() {
                    return Site::load(Some(path), overrides);
                }
                (Config::default(), None, PathBuf::new())
            }
        };
        let root = if root.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            root
        };
        let resolve = |p: &Path| {
            if p.is_absolute() {
                p.to_path_buf()
            } else {
                root.join(p)
            }
        };
        let paths = Paths {
            corpus: overrides
                .corpus
                .clone()
                .unwrap_or_else(|| resolve(&config.corpus)),
            content: overrides
                .content
                .clone()
                .unwrap_or_else(|| resolve(&config.content)),
            output: overrides
                .output
                .clone()
                .unwrap_or_else(|| resolve(&config.output)),
            root,
        };
        Ok(Site {
            config,
            paths,
            config_file,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_is_default() {
        assert_eq!(
            Config::parse("", Path::new("site.yaml")).unwrap(),
            Config::default()
        );
    }

    #[test]
    fn shipped_topics_are_the_default_and_can_be_turned_off() {
        let ids: Vec<String> = Config::default().topics.into_iter().map(|t| t.id).collect();
        assert_eq!(ids, ["prisoners", "sanctions"]);
        assert!(Config::parse("topics: []\n", Path::new("s.yaml"))
            .unwrap()
            .topics
            .is_empty());
        let own = Config::parse(
            "topics:\n  - id: trade\n    keywords: [tariff]\n",
            Path::new("s.yaml"),
        )
        .unwrap();
        assert_eq!(own.topics.len(), 1);
    }

    #[test]
    fn unknown_key_names_file_and_line() {
        let err = Config::parse("title: x\ncorpsu: y\n", Path::new("site.yaml")).unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(err.to_string().contains("site.yaml:2"), "{err}");
        assert!(err.message.contains("corpsu"), "{err}");
    }

    #[test]
    fn bad_topic_pattern_is_reported() {
        let text = "topics:\n  - id: sanctions\n    patterns: ['(unclosed']\n";
        let err = Config::parse(text, Path::new("s.yaml")).unwrap_err();
        assert!(err.message.contains("invalid pattern"), "{err}");
    }

    #[test]
    fn overrides_win_and_paths_resolve_against_config_folder() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("site.yaml");
        std::fs::write(&file, "corpus: articles\noutput: out\n").unwrap();
        let overrides = Overrides {
            output: Some(PathBuf::from("/tmp/elsewhere")),
            ..Default::default()
        };
        let site = Site::load(Some(&file), &overrides).unwrap();
        assert_eq!(site.paths.corpus, dir.path().join("articles"));
        assert_eq!(site.paths.content, dir.path().join("content"));
        assert_eq!(site.paths.output, PathBuf::from("/tmp/elsewhere"));
    }
}
