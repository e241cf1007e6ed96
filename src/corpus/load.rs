//! Walk the corpus folder, read articles and sidecars, ingest in parallel.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use super::context::CorpusContext;
use super::ingest::{ingest_one, prepare, Format};
use super::Article;
use super::{ids, sidecar, Loaded};
use crate::diag::Diagnostic;
use crate::memo::{self, Memo};

/// One file found in the corpus.
struct Found {
    rel: String,
    bytes: Vec<u8>,
    sidecar: Option<String>,
}

/// Load every `.txt`, `.md` and `.html` article under `corpus`.
pub fn load(corpus: &Path, memo: &dyn Memo) -> Loaded {
    let mut loaded = Loaded::default();
    if !corpus.is_dir() {
        loaded
            .diagnostics
            .push(Diagnostic::error(corpus, None, "corpus folder not found"));
        return loaded;
    }
    let mut articles: Vec<String> = Vec::new();
    let mut sidecars: BTreeMap<String, ()> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(corpus).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().unwrap_or(corpus).to_path_buf();
                loaded
                    .diagnostics
                    .push(Diagnostic::error(path, None, format!("cannot read: {e}")));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = relative(corpus, entry.path());
        if rel.to_lowercase().ends_with(".meta.yaml") {
            sidecars.insert(rel, ());
        } else if Format::of(&rel).is_some() {
            articles.push(rel);
        }
    }
    articles.sort();
    for rel in sidecars.keys() {
        if !articles.iter().any(|a| sidecar::path_for(a) == *rel) {
            loaded.diagnostics.push(Diagnostic::warning(
                corpus.join(rel),
                None,
                "sidecar without an article next to it",
            ));
        }
    }

    let read: Vec<Result<Found, Diagnostic>> = articles
        .par_iter()
        .map(|rel| {
            let bytes = std::fs::read(corpus.join(rel)).map_err(|e| {
                Diagnostic::error(corpus.join(rel), None, format!("cannot read: {e}"))
            })?;
            let side = sidecar::path_for(rel);
            let sidecar = if sidecars.contains_key(&side) {
                Some(std::fs::read_to_string(corpus.join(&side)).map_err(|e| {
                    Diagnostic::error(
                        corpus.join(&side),
                        None,
                        format!("cannot read sidecar: {e}"),
                    )
                })?)
            } else {
                None
            };
            Ok(Found {
                rel: rel.clone(),
                bytes,
                sidecar,
            })
        })
        .collect();
    let mut found = Vec::new();
    for r in read {
        match r {
            Ok(f) => found.push(f),
            Err(d) => loaded.diagnostics.push(d),
        }
    }

    // First pass: cross-corpus line statistics.
    let texts: Vec<Option<String>> = found
        .par_iter()
        .map(|f| prepare(&f.rel, &f.bytes).ok().map(|p| p.text))
        .collect();
    let ctx = CorpusContext::build(texts.iter().flatten().map(String::as_str));

    // Second pass: every article on its own (or its remembered result).
    let results: Vec<_> = found
        .par_iter()
        .zip(texts.par_iter())
        .map(|(f, text)| ingest_memo(f, text.as_deref(), &ctx, memo))
        .collect();
    for r in results {
        match r {
            Ok(a) => loaded.articles.push(a),
            Err(mut d) => {
                d.file = corpus.join(&d.file);
                loaded.diagnostics.push(d);
            }
        }
    }
    loaded.articles.sort_by(|a, b| a.file.cmp(&b.file));
    ids::assign(&mut loaded.articles);
    loaded.diagnostics.sort();
    loaded
}

/// [`ingest_one`], or its stored result when the article's bytes, path,
/// sidecar and the part of the corpus context it depends on are unchanged.
/// Failures are not stored (they are cheap and must be reported each time).
fn ingest_memo(
    f: &Found,
    text: Option<&str>,
    ctx: &CorpusContext,
    memo: &dyn Memo,
) -> Result<Article, Diagnostic> {
    let compute = || ingest_one(&f.rel, &f.bytes, f.sidecar.as_deref(), ctx);
    let Some(text) = text else {
        return compute();
    };
    let dependency = ctx.dependency_key(text);
    let key = memo::key(
        "ingest",
        [
            f.rel.as_bytes(),
            &f.bytes,
            f.sidecar.as_deref().map_or(&b"\0none"[..], str::as_bytes),
            dependency.as_bytes(),
        ],
    );
    if let Some(article) = memo::decoded(memo, "ingest", &key) {
        return Ok(article);
    }
    let result = compute();
    if let Ok(article) = &result {
        memo.put("ingest", &key, &memo::encode(article));
    }
    result
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}
