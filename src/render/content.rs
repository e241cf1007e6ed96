//! Read `content/` like any SSG: markdown pages with YAML front matter, and
//! any other file as an asset copied as is.
//!
//! With a build cache, a file whose stamp is unchanged is not read at all:
//! its front matter comes from the cache and its body is read only if the
//! page is rendered again (see [`crate::stamp`]).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use walkdir::WalkDir;

use crate::diag::Diagnostic;
use crate::dossier::page::{self, FrontMatter};
use crate::memo::{self, Memo};
use crate::stamp::Seen;

/// One markdown file of `content/`.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Path relative to the content folder, `/`-separated.
    pub path: String,
    /// The file on disk (for diagnostics).
    pub file: PathBuf,
    pub front: FrontMatter,
    body: Body,
    /// 1-based line of the file where the body starts (for diagnostics).
    pub body_line: usize,
    /// Fingerprint (blake3) of the whole file: what its render depends on.
    pub hash: [u8; 32],
}

/// A page's markdown body: in memory, or in its file from this byte on.
#[derive(Debug, Clone, PartialEq)]
enum Body {
    Text(String),
    File(usize),
}

impl Page {
    pub fn is_section(&self) -> bool {
        self.path == "_index.md" || self.path.ends_with("/_index.md")
    }

    /// The markdown body (read from the file if it was not loaded).
    pub fn body(&self) -> Result<Cow<'_, str>, Diagnostic> {
        match &self.body {
            Body::Text(text) => Ok(Cow::Borrowed(text)),
            Body::File(at) => {
                let cannot =
                    |e: String| Diagnostic::error(&self.file, None, format!("cannot read: {e}"));
                let text =
                    std::fs::read_to_string(&self.file).map_err(|e| cannot(e.to_string()))?;
                let changed = || cannot("the file changed while the site was built".into());
                // The front matter and the record of this render belong to
                // the bytes hashed when the file was loaded.
                if *blake3::hash(text.as_bytes()).as_bytes() != self.hash {
                    return Err(changed());
                }
                text.get(*at..)
                    .map(|b| Cow::Owned(b.to_string()))
                    .ok_or_else(changed)
            }
        }
    }
}

/// What the cache keeps of a parsed file (by path and content hash): its
/// front matter (as JSON: it has free-form keys) and where its body starts.
#[derive(Serialize, Deserialize)]
struct Parsed {
    front: String,
    body_line: usize,
    body_at: usize,
}

/// Everything in `content/`.
#[derive(Debug, Default)]
pub struct Content {
    /// Pages by content path, drafts included.
    pub pages: BTreeMap<String, Page>,
    /// Non-markdown files (content path → file on disk).
    pub assets: BTreeMap<String, PathBuf>,
}

/// Parse one content file. Errors name the file and line.
pub fn parse(path: &str, file: &Path, text: &str) -> Result<Page, Diagnostic> {
    let (front, body, body_line) = match page::split(text) {
        Some((yaml, body)) => {
            let front: FrontMatter = if yaml.trim().is_empty() {
                FrontMatter::default()
            } else {
                crate::yaml::from_str(yaml).map_err(|e| {
                    // +1: the opening `---` line.
                    let line = e.location().map(|l| l.line() + 1);
                    Diagnostic::error(file, line, format!("invalid front matter: {e}"))
                })?
            };
            let body_line = text[..text.len() - body.len()].lines().count() + 1;
            (front, body, body_line)
        }
        None => {
            if text.trim_start().starts_with("---") {
                return Err(Diagnostic::error(
                    file,
                    Some(1),
                    "front matter is not closed by a `---` line",
                ));
            }
            (FrontMatter::default(), text, 1)
        }
    };
    Ok(Page {
        path: path.to_string(),
        file: file.to_path_buf(),
        front,
        body: Body::Text(body.to_string()),
        body_line,
        hash: *blake3::hash(text.as_bytes()).as_bytes(),
    })
}

/// Load every file under `dir`. Problems are returned, not fatal: the caller
/// decides (a build stops on errors, `check` lists them all). `memo` keeps
/// the stamps and front matter of files read by earlier builds; a file in
/// `seen` is taken to hold what the build saw there.
pub fn load(dir: &Path, memo: &dyn Memo, seen: &Seen) -> (Content, Vec<Diagnostic>) {
    let mut content = Content::default();
    let mut diagnostics = Vec::new();
    if !dir.is_dir() {
        diagnostics.push(Diagnostic::error(
            dir,
            None,
            "content folder does not exist",
        ));
        return (content, diagnostics);
    }
    let mut markdown = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| dir.to_path_buf());
                diagnostics.push(Diagnostic::error(path, None, format!("cannot read: {e}")));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(dir)
            .expect("walk stays under dir");
        let rel = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if rel.split('/').any(|part| part.starts_with('.')) {
            continue;
        }
        if rel.ends_with(".md") {
            markdown.push((rel, entry.path().to_path_buf()));
        } else {
            content.assets.insert(rel, entry.path().to_path_buf());
        }
    }
    let parsed: Vec<Result<Page, Diagnostic>> = markdown
        .par_iter()
        .map(|(rel, file)| load_page(rel, file, memo, seen))
        .collect();
    for result in parsed {
        match result {
            Ok(page) => {
                content.pages.insert(page.path.clone(), page);
            }
            Err(d) => diagnostics.push(d),
        }
    }
    (content, diagnostics)
}

/// One page: from the cache when its file is unchanged, else read and
/// parsed (and remembered).
fn load_page(rel: &str, file: &Path, memo: &dyn Memo, seen: &Seen) -> Result<Page, Diagnostic> {
    let key = |hash: &[u8; 32]| memo::key("page", [rel.as_bytes(), hash]);
    if let Some(hash) = seen.known(memo, file) {
        let cached = memo::decoded::<Parsed>(memo, "page", &key(&hash))
            .and_then(|p| Some((serde_json::from_str(&p.front).ok()?, p)));
        if let Some((front, p)) = cached {
            return Ok(Page {
                path: rel.to_string(),
                file: file.to_path_buf(),
                front,
                body: Body::File(p.body_at),
                body_line: p.body_line,
                hash,
            });
        }
    }
    let bytes = crate::stamp::read(memo, file)
        .map_err(|e| Diagnostic::error(file, None, format!("cannot read: {e}")))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Diagnostic::error(file, None, "cannot read: not valid UTF-8"))?;
    let page = parse(rel, file, &text)?;
    if let Body::Text(body) = &page.body {
        let parsed = Parsed {
            front: serde_json::to_string(&page.front).expect("front matter serializes"),
            body_line: page.body_line,
            body_at: text.len() - body.len(),
        };
        memo.put("page", &key(&page.hash), &memo::encode(&parsed));
    }
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_error_names_file_and_line() {
        let text = "---\ntitle: ok\ndate: [unclosed\n---\nbody\n";
        let err = parse("x.md", Path::new("content/x.md"), text).unwrap_err();
        assert!(err.to_string().starts_with("error: content/x.md:"), "{err}");
        assert!(err.line.unwrap() >= 3, "{err}");
    }

    #[test]
    fn unclosed_front_matter() {
        let err = parse("x.md", Path::new("x.md"), "---\ntitle: x\n").unwrap_err();
        assert!(err.message.contains("not closed"));
    }

    #[test]
    fn page_without_front_matter_and_body_line() {
        let page = parse("a.md", Path::new("a.md"), "# Hi\n").unwrap();
        assert_eq!(page.front.title, "");
        assert_eq!(page.body_line, 1);
        let page = parse("a.md", Path::new("a.md"), "---\ntitle: T\n---\nBody\n").unwrap();
        assert_eq!(page.front.title, "T");
        assert_eq!(page.body_line, 4);
        assert_eq!(page.body().unwrap(), "Body\n");
    }
}
