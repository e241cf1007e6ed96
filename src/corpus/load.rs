//! Walk the corpus folder, read articles and sidecars, ingest in parallel.
//!
//! What is read: regular files named `*.txt`, `*.md`, `*.markdown`,
//! `*.html`, `*.htm` (articles) and `*.meta.yaml` (sidecars), at any depth.
//! Everything else is left alone, each with exactly one message naming it:
//! hidden files and folders (name starting with `.`) and files of other
//! kinds are only listed under `--verbose`; symbolic links are never
//! followed (a link inside the corpus would read an article twice, one
//! pointing out of it would publish a file from elsewhere on the machine)
//! and, like FIFOs, sockets and devices named like articles, are skipped
//! with a warning; an article over [`MAX_ARTICLE_BYTES`] is skipped with an
//! error, without being read.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::context::{CorpusContext, LineKeys};
use super::ingest::{ingest_one, ingest_prepared, prepare, Format, Prepared};
use super::Article;
use super::{ids, sidecar, Loaded, Note};
use crate::diag::Diagnostic;
use crate::memo::{self, Memo};
use crate::stamp::Seen;

/// The largest article read: 8 MiB. Scraped articles are a few kilobytes of
/// text, whole saved web pages rarely over a megabyte or two.
pub const MAX_ARTICLE_BYTES: u64 = 8 * 1024 * 1024;

/// The largest sidecar read: 64 KiB.
const MAX_SIDECAR_BYTES: u64 = 64 * 1024;

/// One article found in the corpus, after the first pass.
struct Found {
    rel: String,
    path: PathBuf,
    /// blake3 of its bytes.
    hash: [u8; 32],
    /// Its bytes and decoded text, when the first pass had to read it.
    read: Option<(Vec<u8>, Option<Prepared>)>,
    /// What the corpus context needs of it (`None`: not decodable).
    lines: Option<Lines>,
    sidecar: Option<String>,
}

/// What the first pass keeps of a decodable article, remembered (memo kind
/// `lines`) by content hash, so an article whose stamp is unchanged is not
/// read again unless its own result must be computed again.
#[derive(serde::Serialize, serde::Deserialize)]
struct Lines {
    /// How it was decoded (for `--verbose`).
    detected: String,
    keys: LineKeys,
}

fn lines_key(rel: &str, hash: &[u8; 32]) -> blake3::Hash {
    let format = format!("{:?}", Format::of(rel));
    memo::key("lines", [format.as_bytes(), &hash[..]])
}

/// What a file is, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Article,
    Sidecar,
    Other,
}

fn role(rel: &str) -> Role {
    if rel.to_lowercase().ends_with(".meta.yaml") {
        Role::Sidecar
    } else if Format::of(rel).is_some() {
        Role::Article
    } else {
        Role::Other
    }
}

/// The files of the corpus to read: articles and sidecars, by relative path
/// (`/`-separated, lossy for names that are not UTF-8) → path on disk.
#[derive(Default)]
struct Walked {
    articles: BTreeMap<String, PathBuf>,
    sidecars: BTreeMap<String, PathBuf>,
}

/// Load every article under `corpus` (see the module documentation).
pub fn load(corpus: &Path, memo: &dyn Memo, seen: &Seen) -> Loaded {
    let mut loaded = Loaded::default();
    if !corpus.is_dir() {
        loaded
            .diagnostics
            .push(Diagnostic::error(corpus, None, "corpus folder not found"));
        return loaded;
    }
    let walked = walk(corpus, &mut loaded);
    for (rel, path) in &walked.sidecars {
        if !walked.articles.keys().any(|a| sidecar::path_for(a) == *rel) {
            loaded.diagnostics.push(Diagnostic::warning(
                path,
                None,
                "sidecar without an article next to it",
            ));
        }
    }

    // First pass: what the cross-corpus line statistics need of every
    // article (and how each file was decoded, for `--verbose`), read and
    // decoded only when its stamp changed since a build remembered it.
    let articles: Vec<(&String, &PathBuf)> = walked.articles.iter().collect();
    let first: Vec<Result<Found, Diagnostic>> = articles
        .par_iter()
        .map(|&(rel, path)| first_pass(rel, path, &walked.sidecars, memo, seen))
        .collect();
    let mut found = Vec::new();
    for r in first {
        match r {
            Ok(f) => found.push(f),
            Err(d) => loaded.diagnostics.push(d),
        }
    }
    for f in &found {
        if let Some(lines) = &f.lines {
            loaded.notes.push(Note {
                file: corpus.join(&f.rel),
                message: format!("decoded as {}", lines.detected),
            });
        }
    }
    let ctx = CorpusContext::from_keys(found.iter().filter_map(|f| Some(&f.lines.as_ref()?.keys)));

    // Second pass: every article on its own (or its remembered result).
    let results: Vec<_> = found
        .par_iter()
        .map(|f| ingest_memo(f, &ctx, memo, corpus))
        .collect();
    for r in results {
        match r {
            Ok(a) => loaded.articles.push(a),
            Err(d) => loaded.diagnostics.push(d),
        }
    }
    loaded.articles.sort_by(|a, b| a.file.cmp(&b.file));
    ids::assign(&mut loaded.articles);
    loaded.diagnostics.sort();
    loaded.notes.sort_by(|a, b| a.file.cmp(&b.file));
    loaded
}

/// Find the articles and sidecars; everything else gets one note or one
/// diagnostic.
fn walk(corpus: &Path, loaded: &mut Loaded) -> Walked {
    let mut walked = Walked::default();
    let mut entries = walkdir::WalkDir::new(corpus)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = entries.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().unwrap_or(corpus).to_path_buf();
                let why = e
                    .io_error()
                    .map_or_else(|| e.to_string(), ToString::to_string);
                loaded.diagnostics.push(Diagnostic::error(
                    path,
                    None,
                    format!("cannot read: {why}; skipped"),
                ));
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let path = entry.path();
        let file_type = entry.file_type();
        let mut note = |message: &str| {
            loaded.notes.push(Note {
                file: path.to_path_buf(),
                message: message.to_string(),
            })
        };
        if entry.file_name().to_string_lossy().starts_with('.') {
            note("ignored (hidden)");
            if file_type.is_dir() {
                entries.skip_current_dir();
            }
            continue;
        }
        if file_type.is_dir() {
            continue;
        }
        let rel = relative(corpus, path);
        let role = role(&rel);
        if file_type.is_symlink() {
            match symlink(path, role) {
                Ok(message) => note(&message),
                Err(d) => loaded.diagnostics.push(d),
            }
            continue;
        }
        if !file_type.is_file() {
            if role == Role::Other {
                note("ignored (not a regular file)");
            } else {
                loaded.diagnostics.push(Diagnostic::warning(
                    path,
                    None,
                    format!("not a regular file ({}); skipped", special_kind(&file_type)),
                ));
            }
            continue;
        }
        let into = match role {
            Role::Article => &mut walked.articles,
            Role::Sidecar => &mut walked.sidecars,
            Role::Other => {
                note(
                    "ignored (not an article: dossier reads .txt, .md, .markdown, .html and .htm)",
                );
                continue;
            }
        };
        // Names that are not UTF-8 are shown with U+FFFD; two of them may
        // then read the same.
        if let Some(first) = into.get(&rel) {
            loaded.diagnostics.push(Diagnostic::warning(
                path,
                None,
                format!(
                    "its name is not valid UTF-8 and reads the same as {}; skipped (rename it)",
                    first.display()
                ),
            ));
            continue;
        }
        into.insert(rel, path.to_path_buf());
    }
    walked
}

/// A symbolic link is never followed: a warning when it stands for an
/// article, a sidecar or a folder, else a note (`Ok`).
fn symlink(path: &Path, role: Role) -> Result<String, Diagnostic> {
    let target = std::fs::read_link(path)
        .map(|t| t.display().to_string())
        .unwrap_or_else(|_| "?".to_string());
    let what = match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => format!(
            "symbolic link to a folder ({target}); not followed, its files are not read"
        ),
        Ok(_) if role == Role::Other => return Ok("ignored (symbolic link)".to_string()),
        Ok(_) => format!(
            "symbolic link (to {target}); skipped: dossier reads only regular files, it does not follow links"
        ),
        Err(_) if role == Role::Other => {
            return Ok("ignored (symbolic link that cannot be resolved)".to_string())
        }
        Err(e) => format!("symbolic link (to {target}) that cannot be resolved ({e}); skipped"),
    };
    Err(Diagnostic::warning(path, None, what))
}

#[cfg(unix)]
fn special_kind(t: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        "a FIFO"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_block_device() || t.is_char_device() {
        "a device"
    } else {
        "not a file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> &'static str {
    "not a file"
}

/// The first pass over one article: its sidecar, and its line keys from
/// the memo when its stamp is unchanged, else from reading and decoding
/// it. A failure names the file and says the article is skipped.
fn first_pass(
    rel: &str,
    path: &Path,
    sidecars: &BTreeMap<String, PathBuf>,
    memo: &dyn Memo,
    seen: &Seen,
) -> Result<Found, Diagnostic> {
    let sidecar = match sidecars.get(&sidecar::path_for(rel)) {
        None => None,
        Some(side) => {
            let skipped = |why: String| {
                Diagnostic::error(
                    side,
                    None,
                    format!("{why}; {rel} skipped until it is fixed"),
                )
            };
            let (bytes, _) = read_limited(side, MAX_SIDECAR_BYTES, "a sidecar").map_err(skipped)?;
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            let text = String::from_utf8(bytes.to_vec())
                .map_err(|_| skipped("sidecar is not UTF-8 text".to_string()))?;
            Some(text)
        }
    };
    let found = |hash, read, lines| Found {
        rel: rel.to_string(),
        path: path.to_path_buf(),
        hash,
        read,
        lines,
        sidecar: sidecar.clone(),
    };
    if let Some(hash) = seen.known(memo, path) {
        if let Some(lines) = memo::decoded::<Lines>(memo, "lines", &lines_key(rel, &hash)) {
            return Ok(found(hash, None, Some(lines)));
        }
    }
    let (bytes, meta) = read_article(path)?;
    let hash = crate::stamp::record(memo, path, &meta, &bytes);
    let prepared = prepare(rel, &bytes).ok();
    let lines = prepared.as_ref().map(|p| Lines {
        detected: p.detected.to_string(),
        keys: LineKeys::of(&p.text),
    });
    if let Some(lines) = &lines {
        memo.put("lines", &lines_key(rel, &hash), &memo::encode(lines));
    }
    Ok(found(hash, Some((bytes, prepared)), lines))
}

/// An article's bytes and the metadata taken before reading them.
fn read_article(path: &Path) -> Result<(Vec<u8>, std::fs::Metadata), Diagnostic> {
    read_limited(path, MAX_ARTICLE_BYTES, "an article")
        .map_err(|why| Diagnostic::error(path, None, format!("{why}; skipped")))
}

/// The bytes of a regular file of at most `limit` bytes and its metadata
/// (taken before reading), or why not.
fn read_limited(
    path: &Path,
    limit: u64,
    what: &str,
) -> Result<(Vec<u8>, std::fs::Metadata), String> {
    let too_large = |size: u64| {
        format!(
            "{} is over the limit for {what} ({})",
            size_text(size),
            size_text(limit)
        )
    };
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    let meta = file.metadata().map_err(|e| format!("cannot read: {e}"))?;
    let size = meta.len();
    if size > limit {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok((bytes, meta))
}

/// `8 MiB`, `100.0 MiB`, `64 KiB`, `12 bytes`.
fn size_text(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    match bytes {
        b if b >= MIB && b % MIB == 0 => format!("{} MiB", b / MIB),
        b if b >= MIB => format!("{:.1} MiB", b as f64 / MIB as f64),
        b if b >= KIB && b % KIB == 0 => format!("{} KiB", b / KIB),
        b if b >= KIB => format!("{:.1} KiB", b as f64 / KIB as f64),
        b => format!("{b} bytes"),
    }
}

/// [`ingest_one`], or its stored result when the article's bytes, path,
/// sidecar and the part of the corpus context it depends on are unchanged.
/// An article the first pass did not read is read now only if its result
/// must be computed. Failures are not stored (they are cheap and must be
/// reported each time).
fn ingest_memo(
    f: &Found,
    ctx: &CorpusContext,
    memo: &dyn Memo,
    corpus: &Path,
) -> Result<Article, Diagnostic> {
    let Some(lines) = &f.lines else {
        // Not decodable: ingest_one reports why.
        let bytes = match &f.read {
            Some((bytes, _)) => bytes.clone(),
            None => read_article(&f.path)?.0,
        };
        return ingest_one(&f.rel, &bytes, f.sidecar.as_deref(), ctx)
            .map_err(|d| in_corpus(d, corpus));
    };
    let dependency = ctx.dependency_key(&lines.keys);
    let key = memo::key(
        "ingest",
        [
            f.rel.as_bytes(),
            &f.hash,
            f.sidecar.as_deref().map_or(&b"\0none"[..], str::as_bytes),
            &dependency,
        ],
    );
    if let Some(article) = memo::decoded(memo, "ingest", &key) {
        return Ok(article);
    }
    let result = match &f.read {
        Some((bytes, Some(prepared))) => {
            ingest_prepared(&f.rel, bytes, prepared, f.sidecar.as_deref(), ctx)
        }
        _ => {
            let (bytes, _) = read_article(&f.path)?;
            let result = ingest_one(&f.rel, &bytes, f.sidecar.as_deref(), ctx);
            if *blake3::hash(&bytes).as_bytes() != f.hash {
                // Changed since the first pass: built from what it holds
                // now, but not remembered under the key of what it held.
                return result.map_err(|d| in_corpus(d, corpus));
            }
            result
        }
    };
    if let Ok(article) = &result {
        memo.put("ingest", &key, &memo::encode(article));
    }
    result.map_err(|d| in_corpus(d, corpus))
}

/// Ingest names files by their path in the corpus; messages name them on
/// disk.
fn in_corpus(mut d: Diagnostic, corpus: &Path) -> Diagnostic {
    d.file = corpus.join(&d.file);
    d
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_well() {
        assert_eq!(size_text(MAX_ARTICLE_BYTES), "8 MiB");
        assert_eq!(size_text(100 * 1024 * 1024 + 1), "100.0 MiB");
        assert_eq!(size_text(MAX_SIDECAR_BYTES), "64 KiB");
        assert_eq!(size_text(1536), "1.5 KiB");
        assert_eq!(size_text(12), "12 bytes");
    }
}
