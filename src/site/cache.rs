//! The build cache: a fingerprint (blake3) of every input of a build, so an
//! unchanged rebuild is recognised without doing any work.
//!
//! Inputs: the `dossier` binary itself, the config file, every file of the
//! corpus (articles and sidecars), of `content/`, of the site's `templates/`,
//! `static/` and `themes/`, and the manifest of the output (so a deleted or
//! replaced output is rebuilt). The state is kept in
//! `<site root>/.dossier-cache/<hash of the content and output paths>/state`
//! with its own checksum and the binary's id: a cache written by another
//! version of dossier, or a corrupt one, is ignored, never trusted. The
//! binary's id (version and content hash) is kept in
//! `.dossier-cache/binary` with the binary's stamp, so it is hashed again
//! only after the binary changed.

use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::config::Site;
use crate::memo::Memo;
use crate::stamp::Seen;

const MAGIC: &str = "dossier-cache 1";

/// How a [`Part`] labels its files: `<folder>/<path>` for the files of the
/// corpus and of `content/`, [`CONFIG`] for the config file.
pub const CORPUS: &str = "corpus";
pub const CONTENT: &str = "content";
pub const CONFIG: &str = "config";

/// The path under `folder` of a file labelled `label`, if it is one of
/// that folder's.
pub fn under<'a>(label: &'a str, folder: &str) -> Option<&'a str> {
    label.strip_prefix(folder)?.strip_prefix('/')
}

/// Where the cache of a site lives.
pub struct Cache {
    file: PathBuf,
    binary: String,
}

impl Cache {
    pub fn new(site: &Site) -> Cache {
        let mut key = blake3::Hasher::new();
        key.update(absolute(&site.paths.content).as_os_str().as_encoded_bytes());
        key.update(b"\0");
        key.update(absolute(&site.paths.output).as_os_str().as_encoded_bytes());
        let caches = site.paths.root.join(".dossier-cache");
        let binary = binary_id(&caches.join("binary"));
        let dir = caches.join(&key.finalize().to_hex()[..16]);
        Cache {
            file: dir.join("state"),
            binary,
        }
    }

    /// The fingerprint of the previous successful build, if the cache is
    /// valid (same binary, intact).
    pub fn load(&self) -> Option<String> {
        let text = std::fs::read_to_string(&self.file).ok()?;
        let mut lines = text.lines();
        let (magic, binary, fingerprint, check) =
            (lines.next()?, lines.next()?, lines.next()?, lines.next()?);
        let body = format!("{magic}\n{binary}\n{fingerprint}\n");
        let valid = magic == MAGIC
            && binary == self.binary
            && check == blake3::hash(body.as_bytes()).to_hex().as_str();
        valid.then(|| fingerprint.to_string())
    }

    /// Record the fingerprint of a successful build.
    pub fn store(&self, fingerprint: &str) -> io::Result<()> {
        let body = format!("{MAGIC}\n{}\n{fingerprint}\n", self.binary);
        let check = blake3::hash(body.as_bytes()).to_hex();
        if let Some(dir) = self.file.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = self.file.with_extension("tmp");
        std::fs::write(&tmp, format!("{body}{check}\n"))?;
        std::fs::rename(tmp, &self.file)
    }

    /// Forget the previous build (`--clean`).
    pub fn clear(&self) -> io::Result<()> {
        match std::fs::remove_file(&self.file) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        match std::fs::remove_dir_all(self.memo().dir()) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// The store of per-article results, beside the state file.
    pub fn memo(&self) -> super::memo_store::MemoStore {
        let dir = self.file.parent().unwrap_or(Path::new(".")).join("memo");
        super::memo_store::MemoStore::new(dir, self.binary.clone())
    }

    /// The cache file (for tests).
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The fingerprint of a build whose inputs were hashed in parts, each
    /// before the build read it (so a file changed during the build makes
    /// the next build differ from the one recorded, never the reverse).
    pub fn combine(&self, site: &Site, sources: &Part, content: &Part, output: &Part) -> String {
        combine(&self.binary, site, [sources, content, output])
    }
}

/// The hashes of some of a build's input files, one line per file. Files
/// are hashed by content, but read only when their stamp changed since an
/// earlier build hashed them (see [`crate::stamp`]).
pub struct Part {
    lines: Vec<String>,
    /// The same hashes by path, for the stage that reads the files.
    seen: Seen,
}

impl Part {
    /// The corpus, templates, static files, theme and config: what a build
    /// reads and never writes (taken before the build reads any).
    pub fn sources(site: &Site, memo: &dyn Memo) -> Part {
        let root = &site.paths.root;
        let mut files = tree(CORPUS, &site.paths.corpus);
        files.extend(tree("templates", &root.join("templates")));
        files.extend(tree("static", &root.join("static")));
        files.extend(tree(
            "themes",
            &root.join("themes").join(&site.config.theme),
        ));
        if let Some(config) = &site.config_file {
            files.push((CONFIG.to_string(), config.clone()));
        }
        Part::hash(&files, memo)
    }

    /// `content/` (the build writes its generated pages there first, so
    /// it is taken again after that, before the render reads it).
    pub fn content(site: &Site, memo: &dyn Memo) -> Part {
        Part::hash(&tree(CONTENT, &site.paths.content), memo)
    }

    /// The output's manifest, so a deleted or replaced output is rebuilt.
    pub fn output(site: &Site, memo: &dyn Memo) -> Part {
        let manifest = site.paths.output.join(super::publish::MANIFEST);
        Part::hash(&[("output".to_string(), manifest)], memo)
    }

    fn hash(files: &[(String, PathBuf)], memo: &dyn Memo) -> Part {
        let hashed: Vec<Option<[u8; 32]>> = files
            .par_iter()
            .map(|(_, path)| crate::stamp::hash(memo, path).ok().map(|(hash, _)| hash))
            .collect();
        let lines = files
            .iter()
            .zip(&hashed)
            .map(|((label, _), hash)| match hash {
                Some(hash) => format!("{label}\0{}", blake3::Hash::from(*hash).to_hex()),
                None => format!("{label}\0missing"),
            })
            .collect();
        let seen = Seen::new(
            files
                .iter()
                .zip(hashed)
                .filter_map(|((_, path), hash)| Some((path.clone(), hash?))),
        );
        Part { lines, seen }
    }

    /// Each file's label (`content/<path>`, say) and hash (`missing` for a
    /// file that went while it was being hashed), in order.
    pub fn files(&self) -> impl Iterator<Item = (&str, &str)> {
        self.lines.iter().filter_map(|line| line.split_once('\0'))
    }

    /// What was hashed, by path.
    pub fn seen(&self) -> &Seen {
        &self.seen
    }
}

/// The files under `dir` (none if it is not a folder), sorted, each with
/// `label/<path under dir>`.
fn tree(label: &str, dir: &Path) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .expect("under dir")
                .to_string_lossy()
                .replace('\\', "/");
            (format!("{label}/{rel}"), entry.into_path())
        })
        .collect()
}

fn combine(binary: &str, site: &Site, parts: [&Part; 3]) -> String {
    let mut all = blake3::Hasher::new();
    all.update(binary.as_bytes());
    all.update(format!("{:?}", site.paths).as_bytes());
    for line in parts.iter().flat_map(|p| &p.lines) {
        all.update(line.as_bytes());
        all.update(b"\n");
    }
    all.finalize().to_hex().to_string()
}

/// The version of dossier plus a hash of the running binary, so a rebuilt
/// binary never trusts a cache written by another. The hash is kept in
/// `remembered` with the binary's path and stamp, and the binary is read
/// again only when its stamp changed (see [`crate::stamp::token`]).
fn binary_id(remembered: &Path) -> String {
    let exe = std::env::current_exe().ok();
    let token = exe.as_deref().and_then(|exe| {
        let meta = std::fs::metadata(exe).ok()?;
        let stamp = crate::stamp::token(&meta)?;
        Some(format!("{} {stamp}", exe.display()))
    });
    if let (Some(token), Ok(text)) = (&token, std::fs::read_to_string(remembered)) {
        if let Some(id) = text
            .strip_prefix(token.as_str())
            .and_then(|rest| rest.strip_prefix('\n'))
            .and_then(|rest| rest.strip_suffix('\n'))
        {
            if !id.contains('\n') {
                return id.to_string();
            }
        }
    }
    let bytes = exe
        .as_deref()
        .and_then(|p| std::fs::read(p).ok())
        .unwrap_or_default();
    let id = format!(
        "{} {}",
        env!("CARGO_PKG_VERSION"),
        &blake3::hash(&bytes).to_hex()[..16]
    );
    if let Some(token) = token {
        // Best effort: without it the next build hashes the binary again.
        let write = || -> io::Result<()> {
            std::fs::create_dir_all(remembered.parent().unwrap_or(Path::new(".")))?;
            let tmp = remembered.with_extension(format!("{}.tmp", std::process::id()));
            std::fs::write(&tmp, format!("{token}\n{id}\n"))?;
            std::fs::rename(tmp, remembered)
        };
        let _ = write();
    }
    id
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Overrides;

    /// Every input of a build as it is now.
    fn fingerprint(binary: &str, site: &Site, memo: &dyn Memo) -> String {
        let parts = [
            Part::sources(site, memo),
            Part::content(site, memo),
            Part::output(site, memo),
        ];
        combine(binary, site, parts.each_ref())
    }

    fn site(dir: &Path) -> Site {
        std::fs::create_dir_all(dir.join("corpus")).unwrap();
        std::fs::write(dir.join("corpus/a.txt"), "text").unwrap();
        let overrides = Overrides {
            corpus: Some(dir.join("corpus")),
            content: Some(dir.join("content")),
            output: Some(dir.join("public")),
        };
        let mut site = Site::load(None, &overrides).unwrap();
        site.paths.root = dir.to_path_buf();
        site
    }

    #[test]
    fn fingerprint_changes_with_any_input() {
        let dir = tempfile::tempdir().unwrap();
        let site = site(dir.path());
        let memo = crate::memo::NoMemo;
        let first = fingerprint("id", &site, &memo);
        assert_eq!(fingerprint("id", &site, &memo), first);
        std::fs::write(dir.path().join("corpus/a.txt"), "text!").unwrap();
        let second = fingerprint("id", &site, &memo);
        assert_ne!(second, first);
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/page.html"), "x").unwrap();
        assert_ne!(fingerprint("id", &site, &memo), second);
    }

    #[test]
    fn the_corpus_and_content_are_read_as_the_fingerprint_saw_them() {
        let dir = tempfile::tempdir().unwrap();
        let site = site(dir.path());
        let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds");
        let seed = std::fs::read_dir(seeds)
            .unwrap()
            .map(|e| e.unwrap().path())
            .min()
            .unwrap();
        let article = site.paths.corpus.join("a.txt");
        std::fs::copy(&seed, &article).unwrap();
        std::fs::create_dir_all(&site.paths.content).unwrap();
        let page = site.paths.content.join("page.md");
        std::fs::write(&page, "---\ntitle: Before\n---\nBody.\n").unwrap();
        let memo = crate::memo::testing::MapMemo::default();
        let corpus = |seen: &Seen| crate::corpus::load_memo(&site.paths.corpus, &memo, seen);
        let content = |seen: &Seen| crate::render::content::load(&site.paths.content, &memo, seen);
        let marker = "Quintessentially unmistakable marker paragraph";
        let marked = |seen: &Seen| {
            let loaded = corpus(seen);
            assert_eq!(loaded.articles.len(), 1, "{:?}", loaded.diagnostics);
            let found = loaded.articles[0]
                .paragraphs()
                .any(|(_, t)| t.contains(marker));
            found
        };
        let title = |seen: &Seen| content(seen).0.pages["page.md"].front.title.clone();
        // A first build reads both and remembers what it made of them.
        assert!(!marked(&Part::sources(&site, &memo).seen));
        assert_eq!(title(&Part::content(&site, &memo).seen), "Before");

        // The fingerprint's look, then both files change, then the reads:
        // those take the files as the look saw them (the next build's
        // fingerprint differs, and it reads them again).
        let sources = Part::sources(&site, &memo);
        let before = Part::content(&site, &memo);
        let mut text = std::fs::read_to_string(&article).unwrap();
        text.push_str(&format!(
            "\n\n{marker}, added after the look, with enough words to count.\n"
        ));
        std::fs::write(&article, text).unwrap();
        std::fs::write(&page, "---\ntitle: After\n---\nBody.\n").unwrap();
        assert!(!marked(&sources.seen));
        assert_eq!(title(&before.seen), "Before");
        // Without that look, the files as they are now.
        assert!(marked(&Seen::default()));
        assert_eq!(title(&Seen::default()), "After");
    }

    #[test]
    fn the_binary_is_hashed_again_only_when_its_stamp_changes() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("binary");
        let real = binary_id(&file);
        if !file.exists() {
            // The test binary was linked just now: wait until its stamp
            // can be trusted.
            std::thread::sleep(crate::stamp::SETTLED * 2);
            assert_eq!(binary_id(&file), real);
        }
        assert!(real.starts_with(env!("CARGO_PKG_VERSION")), "{real}");
        let text = std::fs::read_to_string(&file).unwrap();
        let token = text.lines().next().unwrap();
        std::fs::write(&file, format!("{token}\nremembered\n")).unwrap();
        assert_eq!(binary_id(&file), "remembered", "same stamp: not read");
        std::fs::write(&file, format!("{token}0\nremembered\n")).unwrap();
        assert_eq!(binary_id(&file), real, "another stamp: hashed again");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    }

    #[test]
    fn corrupt_or_foreign_cache_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(&site(dir.path()));
        assert_eq!(cache.load(), None);
        cache.store("abc").unwrap();
        assert_eq!(cache.load().as_deref(), Some("abc"));
        let text = std::fs::read_to_string(cache.file()).unwrap();
        std::fs::write(cache.file(), text.replace("abc", "abd")).unwrap();
        assert_eq!(cache.load(), None, "a tampered cache is not trusted");
        std::fs::write(cache.file(), text.replace(MAGIC, "dossier-cache 0")).unwrap();
        assert_eq!(cache.load(), None, "another cache format is not trusted");
        std::fs::write(cache.file(), [0xff, 0x00, 0x12]).unwrap();
        assert_eq!(cache.load(), None);
        cache.clear().unwrap();
        assert!(!cache.file().exists());
    }
}
