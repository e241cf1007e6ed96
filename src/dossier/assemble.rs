//! Put the briefing together: every generated page, asset and `api/` file
//! from the articles and what was extracted from them.

use serde_json::Value;

use super::page::FrontMatter;
use super::{export, sources, topics, GeneratedAsset, GeneratedPage};
use crate::config::Config;
use crate::corpus::Article;
use crate::extract::facts::{key_figures, Facts};
use crate::extract::MentionRef;

/// Everything the dossier stage produces.
#[derive(Debug, Default)]
pub struct Assembled {
    /// Pages for `content/`, sorted by path.
    pub pages: Vec<GeneratedPage>,
    /// Other files for `content/`, sorted by path.
    pub assets: Vec<GeneratedAsset>,
    /// `api/` files: output path → bytes.
    pub api: Vec<(String, Vec<u8>)>,
}

/// Inputs of the dossier stage.
pub struct Inputs<'a> {
    pub config: &'a Config,
    pub articles: &'a [Article],
    pub mentions: &'a [MentionRef],
    pub facts: &'a Facts,
    pub entity_name: &'a dyn Fn(&str) -> Option<String>,
}

/// Produce the pages, assets and data of the briefing.
pub fn assemble(inputs: &Inputs) -> Assembled {
    let mut out = Assembled::default();
    out.pages
        .extend(sources::pages(inputs.articles, inputs.mentions));

    if !inputs.config.topics.is_empty() {
        let (pages, assets) = topics::pages(
            inputs.facts,
            inputs.articles,
            &inputs.config.topics,
            inputs.entity_name,
        );
        out.pages.extend(pages);
        out.assets.extend(assets);
        out.pages.push(GeneratedPage {
            path: "key-figures.md".to_string(),
            front: FrontMatter {
                title: "Key figures".to_string(),
                description: Some(
                    "The latest figures the sources give, each with its date and source."
                        .to_string(),
                ),
                generated: true,
                ..FrontMatter::default()
            },
            body: topics::key_figures_markdown(&key_figures(inputs.facts), inputs.articles),
        });
    }

    out.api.push((
        "api/sources.json".to_string(),
        to_json(&export::sources::json(inputs.articles)),
    ));
    out.api.push((
        "api/facts.json".to_string(),
        to_json(&export::facts::json(inputs.facts)),
    ));
    out.api.push((
        "api/timeline.json".to_string(),
        to_json(&export::timeline::json(inputs.facts)),
    ));

    out.pages.sort_by(|a, b| a.path.cmp(&b.path));
    out.assets.sort_by(|a, b| a.path.cmp(&b.path));
    out.api.sort();
    out
}

/// Pretty JSON with a final newline.
pub fn to_json(value: &Value) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).expect("JSON serializes");
    bytes.push(b'\n');
    bytes
}
