//! One article: bytes (and optional sidecar) to [`Article`].

use std::path::Path;

use super::context::CorpusContext;
use super::model::{Article, Metadata};
use super::sidecar::{self, Sidecar};
use super::{clean, decode, html, markdown, metadata, paragraphs, text};
use crate::diag::Diagnostic;

/// The kinds of input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
}

impl Format {
    /// The format of an article path, or `None` when the file is not an article.
    pub fn of(path: &str) -> Option<Format> {
        let lower = path.to_lowercase();
        if lower.ends_with(".meta.yaml") {
            None
        } else if lower.ends_with(".txt") {
            Some(Format::Text)
        } else if lower.ends_with(".md") || lower.ends_with(".markdown") {
            Some(Format::Markdown)
        } else if lower.ends_with(".html") || lower.ends_with(".htm") {
            Some(Format::Html)
        } else {
            None
        }
    }
}

/// Decoded text ready for cleaning, plus the metadata an HTML page declares.
pub struct Prepared {
    pub text: String,
    pub declared: Option<html::HtmlArticle>,
    /// The encoding the file was decoded from.
    pub detected: decode::Detected,
}

/// Decode the bytes and, for HTML and markdown, turn them into plain text.
/// For HTML, line numbers later refer to this extracted text.
pub fn prepare(rel_path: &str, bytes: &[u8]) -> Result<Prepared, Diagnostic> {
    let format = Format::of(rel_path).unwrap_or(Format::Text);
    let decoded = decode::decode_as(bytes, format == Format::Html)
        .map_err(|e| Diagnostic::error(rel_path, None, e.to_string()))?;
    let detected = decoded.detected;
    let decoded = decoded.text;
    Ok(match format {
        Format::Text => Prepared {
            text: decoded,
            declared: None,
            detected,
        },
        Format::Markdown => Prepared {
            text: markdown::to_text(&decoded),
            declared: None,
            detected,
        },
        Format::Html => {
            let page = html::extract(&decoded);
            Prepared {
                text: decode::normalise(&page.text),
                declared: Some(page),
                detected,
            }
        }
    })
}

/// Ingest one article. `rel_path` is its `/`-separated path relative to the
/// corpus folder (diagnostics name it); `sidecar` is the text of its
/// `NAME.meta.yaml`, when there is one. The result depends on `ctx` only
/// through [`CorpusContext::is_repeated`] for this article's lines (see
/// [`CorpusContext::dependency_key`]).
pub fn ingest_one(
    rel_path: &str,
    bytes: &[u8],
    sidecar: Option<&str>,
    ctx: &CorpusContext,
) -> Result<Article, Diagnostic> {
    let overrides = parse_sidecar(rel_path, sidecar)?;
    let prepared = prepare(rel_path, bytes)?;
    ingest_overridden(rel_path, bytes, &prepared, sidecar, overrides.as_ref(), ctx)
}

/// [`ingest_one`] for an article already decoded: `prepared` is what
/// [`prepare`] gave for these `bytes`.
pub fn ingest_prepared(
    rel_path: &str,
    bytes: &[u8],
    prepared: &Prepared,
    sidecar: Option<&str>,
    ctx: &CorpusContext,
) -> Result<Article, Diagnostic> {
    let overrides = parse_sidecar(rel_path, sidecar)?;
    ingest_overridden(rel_path, bytes, prepared, sidecar, overrides.as_ref(), ctx)
}

/// The article's sidecar, parsed; an error names it and says the article
/// is skipped.
fn parse_sidecar(rel_path: &str, sidecar: Option<&str>) -> Result<Option<Sidecar>, Diagnostic> {
    sidecar
        .map(|s| Sidecar::parse(s, Path::new(&sidecar::path_for(rel_path))))
        .transpose()
        .map_err(|mut d| {
            d.message = format!("{}; {rel_path} skipped until it is fixed", d.message);
            d
        })
}

/// Clean a decoded article and read its metadata (`overrides`: its parsed
/// sidecar).
fn ingest_overridden(
    rel_path: &str,
    bytes: &[u8],
    prepared: &Prepared,
    sidecar: Option<&str>,
    overrides: Option<&Sidecar>,
    ctx: &CorpusContext,
) -> Result<Article, Diagnostic> {
    let lines = text::lines(&prepared.text);
    let layout = clean::clean(&lines, &|key| ctx.is_repetition_key_repeated(key));
    let stem = rel_path.rsplit('/').next().unwrap_or(rel_path);
    let stem = stem.split('.').next().unwrap_or(stem);
    let mut meta = metadata::extract(&layout, stem);
    if let Some(page) = &prepared.declared {
        apply_declared(page, &mut meta);
    }
    if let Some(o) = overrides {
        o.apply(&mut meta);
    }
    tidy(&mut meta, stem);
    let (blocks, dropped) = paragraphs::blocks(&layout);
    if !blocks
        .iter()
        .any(|b| matches!(b, super::Block::Paragraph { .. }))
    {
        return Err(Diagnostic::error(
            rel_path,
            None,
            "no article text left after removing page furniture",
        ));
    }
    let mut hasher = blake3::Hasher::new();
    hasher.update(bytes);
    if let Some(s) = sidecar {
        hasher.update(b"\0sidecar\0");
        hasher.update(s.as_bytes());
    }
    Ok(Article {
        id: crate::slug::slugify(&meta.title),
        file: rel_path.to_string(),
        hash: hasher.finalize().to_hex().to_string(),
        meta,
        blocks,
        dropped,
    })
}

/// Metadata from anywhere (text, HTML tags, sidecar) as single lines of
/// normalised text (no control or bidirectional characters, no line
/// breaks); empty values are dropped, an empty title falls back to the file
/// name.
fn tidy(meta: &mut Metadata, stem: &str) {
    meta.title = decode::one_line(&meta.title);
    if meta.title.is_empty() {
        meta.title = decode::one_line(stem);
    }
    if meta.title.is_empty() {
        meta.title = "Untitled".to_string();
    }
    meta.publication = meta
        .publication
        .as_deref()
        .map(decode::one_line)
        .filter(|p| !p.is_empty());
    meta.authors = meta
        .authors
        .iter()
        .map(|a| decode::one_line(a))
        .filter(|a| !a.is_empty())
        .collect();
}

/// Metadata an HTML page declares in its tags wins over the text heuristics.
fn apply_declared(page: &html::HtmlArticle, meta: &mut Metadata) {
    if let Some(t) = &page.title {
        meta.title = metadata::title::clean(t);
    }
    if !page.authors.is_empty() {
        meta.authors = page.authors.clone();
    }
    if let Some(d) = &page.date {
        meta.date = Some(d.clone());
        meta.date_inferred = false;
    }
    if let Some(p) = &page.publication {
        meta.publication = Some(p.clone());
    }
}
