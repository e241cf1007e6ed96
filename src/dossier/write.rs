//! Write generated pages into `content/`: never overwrite a hand-written
//! file, leave unchanged files untouched, remove generated files that are no
//! longer produced.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use walkdir::WalkDir;

use super::emit::Made;
use super::page::{self, FrontMatter};
use super::{GeneratedAsset, GeneratedPage};
use crate::diag::Diagnostic;
use crate::memo::{self, Memo};
use crate::stamp;

/// Name of the file in `content/` that lists the generated non-markdown files.
pub const ASSET_MANIFEST: &str = ".dossier-generated";

/// What a write did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub written: usize,
    /// Files that already held what was produced (including the reused).
    pub unchanged: usize,
    /// Pages kept without being made again ([`Writer::reuse`]).
    pub reused: usize,
    pub removed: usize,
    /// Hand-written files that a generated page would have replaced.
    pub kept: Vec<Diagnostic>,
}

/// The memo kind that remembers what a keyed group of pages came out as
/// ([`Writer::remember`]).
const MADE: &str = "content";

/// What a keyed group came out as: each of its pages' path and the hash of
/// its file, and the keys of the groups made inside it.
#[derive(Serialize, Deserialize)]
struct Remembered {
    pages: Made,
    groups: Vec<[u8; 32]>,
}

/// How deep groups may be found inside groups (a bound, not a need: the
/// dossier nests them two deep).
const MAX_NESTING: usize = 8;

/// What became of one generated page.
enum Outcome {
    /// Written, or already there: the hash of the file's bytes.
    Written([u8; 32]),
    Unchanged([u8; 32]),
    /// A hand-written file holds the path: kept, with this warning (none
    /// for a fallback).
    Kept(Option<Diagnostic>),
}

/// Write `pages` and `assets` into `dir` (pages in parallel).
/// `fallbacks` are written like `pages`, but a hand-written file at their
/// path is kept silently. A file whose stamp says it holds the same bytes
/// already (see [`crate::stamp`]) is not even read.
pub fn write(
    dir: &Path,
    pages: &[GeneratedPage],
    fallbacks: &[GeneratedPage],
    assets: &[GeneratedAsset],
    memo: &dyn Memo,
) -> Result<Written, Diagnostic> {
    let writer = Writer::new(dir, memo);
    writer.pages(pages, false);
    writer.pages(fallbacks, true);
    writer.assets(assets);
    writer.finish()
}

/// Writes generated files into a content folder as they come (from
/// several threads, in any order), then, in [`Writer::finish`], removes
/// the generated files that were not produced this time.
pub struct Writer<'a> {
    dir: &'a Path,
    memo: &'a dyn Memo,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Paths of the pages produced so far.
    produced: BTreeSet<String>,
    /// Folders already created.
    folders: BTreeSet<PathBuf>,
    /// Paths of the assets produced so far.
    assets: BTreeSet<String>,
    report: Written,
    errors: Vec<Diagnostic>,
}

impl<'a> Writer<'a> {
    pub fn new(dir: &'a Path, memo: &'a dyn Memo) -> Writer<'a> {
        Writer {
            dir,
            memo,
            state: Mutex::new(State::default()),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().expect("writer poisoned")
    }

    /// Write `pages` (in parallel); `fallback` pages yield silently to a
    /// hand-written file at their path.
    pub fn pages(&self, pages: &[GeneratedPage], fallback: bool) {
        let pages: Vec<&GeneratedPage> = pages.iter().collect();
        self.put_all(&pages, fallback);
    }

    /// When the pages made from inputs fingerprinted by `key` (by an
    /// earlier [`Writer::remember`]), and those of the groups made inside
    /// them, are all still in their files, by their stamps: count them as
    /// produced, unchanged, without making them.
    pub fn reuse(&self, key: &blake3::Hash) -> bool {
        let mut paths = Vec::new();
        if !self.held(key, 0, &mut paths) {
            return false;
        }
        let mut state = self.state();
        state.report.unchanged += paths.len();
        state.report.reused += paths.len();
        state.produced.extend(paths);
        true
    }

    /// Whether everything made under `key` is still in place; its paths
    /// are added to `paths`. An entry whose files do not hold what it
    /// says is dropped from the memo.
    fn held(&self, key: &blake3::Hash, depth: usize, paths: &mut Vec<String>) -> bool {
        if depth > MAX_NESTING {
            return false;
        }
        let Some(made) = memo::decoded::<Remembered>(self.memo, MADE, key) else {
            return false;
        };
        let holds = made
            .pages
            .iter()
            .all(|(path, hash)| stamp::known(self.memo, &self.dir.join(path)) == Some(*hash));
        if !holds {
            self.memo.reject(MADE, key);
            return false;
        }
        paths.extend(made.pages.into_iter().map(|(path, _)| path));
        made.groups
            .iter()
            .all(|group| self.held(&blake3::Hash::from(*group), depth + 1, paths))
    }

    /// Write `pages` (in parallel); for each, the hash of its file's
    /// bytes when it holds the page now.
    pub fn pages_hashed(&self, pages: &[GeneratedPage]) -> Vec<Option<[u8; 32]>> {
        let pages: Vec<&GeneratedPage> = pages.iter().collect();
        self.put_all(&pages, false)
    }

    /// Remember that `pages` (each path with the hash of its file) and the
    /// groups under the keys `groups` were made from inputs fingerprinted
    /// by `key`, for [`Writer::reuse`] in a later build.
    pub fn remember(&self, key: &blake3::Hash, pages: Made, groups: &[blake3::Hash]) {
        let made = Remembered {
            pages,
            groups: groups.iter().map(|g| *g.as_bytes()).collect(),
        };
        self.memo.put(MADE, key, &memo::encode(&made));
    }

    /// Write `pages` in parallel; for each, the hash of its file's bytes
    /// when it holds the page now.
    fn put_all(&self, pages: &[&GeneratedPage], fallback: bool) -> Vec<Option<[u8; 32]>> {
        let new_folders: BTreeSet<PathBuf> = {
            let state = self.state();
            pages
                .iter()
                .filter_map(|p| self.dir.join(&p.path).parent().map(Path::to_path_buf))
                .filter(|f| !state.folders.contains(f))
                .collect()
        };
        for folder in new_folders {
            if let Err(e) = std::fs::create_dir_all(&folder) {
                let error = Diagnostic::error(&folder, None, format!("cannot create: {e}"));
                self.state().errors.push(error);
                return vec![None; pages.len()];
            }
            self.state().folders.insert(folder);
        }
        let outcomes: Vec<Result<Outcome, Diagnostic>> = pages
            .par_iter()
            .map(|p| put_page(self.dir, p, fallback, self.memo))
            .collect();
        let mut state = self.state();
        state.produced.extend(pages.iter().map(|p| p.path.clone()));
        outcomes
            .into_iter()
            .map(|outcome| match outcome {
                Ok(Outcome::Written(hash)) => {
                    state.report.written += 1;
                    Some(hash)
                }
                Ok(Outcome::Unchanged(hash)) => {
                    state.report.unchanged += 1;
                    Some(hash)
                }
                Ok(Outcome::Kept(warning)) => {
                    state.report.kept.extend(warning);
                    None
                }
                Err(e) => {
                    state.errors.push(e);
                    None
                }
            })
            .collect()
    }

    /// Write non-markdown files.
    pub fn assets(&self, assets: &[GeneratedAsset]) {
        let mut report = Written::default();
        let mut errors = Vec::new();
        for a in assets {
            if let Err(e) = put(&self.dir.join(&a.path), &a.bytes, &mut report) {
                errors.push(e);
            }
        }
        let mut state = self.state();
        state.assets.extend(assets.iter().map(|a| a.path.clone()));
        state.report.written += report.written;
        state.report.unchanged += report.unchanged;
        state.errors.append(&mut errors);
    }

    /// The number of pages produced so far.
    pub fn page_count(&self) -> usize {
        self.state().produced.len()
    }

    /// The paths under the folder of the files produced so far (pages,
    /// assets and the list of assets).
    pub fn generated(&self) -> BTreeSet<String> {
        let state = self.state();
        let mut all: BTreeSet<String> = state.produced.union(&state.assets).cloned().collect();
        all.insert(ASSET_MANIFEST.to_string());
        all
    }

    /// Remove the generated files that were not produced (unless a write
    /// failed: then the first error, by file, and nothing is removed).
    pub fn finish(self) -> Result<Written, Diagnostic> {
        let state = self.state.into_inner().expect("writer poisoned");
        if let Some(error) = state.errors.into_iter().min() {
            return Err(error);
        }
        let dir = self.dir;
        let mut report = state.report;
        let manifest_file = dir.join(ASSET_MANIFEST);
        let previous_assets: BTreeSet<String> = std::fs::read_to_string(&manifest_file)
            .map(|t| t.lines().map(str::to_string).collect())
            .unwrap_or_default();
        for stale in previous_assets.difference(&state.assets) {
            let file = dir.join(stale);
            if file.is_file() {
                std::fs::remove_file(&file)
                    .map_err(|e| Diagnostic::error(&file, None, format!("cannot remove: {e}")))?;
                report.removed += 1;
            }
        }
        let manifest: String = state.assets.iter().map(|p| format!("{p}\n")).collect();
        put(&manifest_file, manifest.as_bytes(), &mut Written::default())?;

        for entry in WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            let path = entry.path();
            if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "md") {
                continue;
            }
            let rel = path.strip_prefix(dir).expect("under dir");
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            if !state.produced.contains(rel.as_str()) && is_generated(path) {
                std::fs::remove_file(path)
                    .map_err(|e| Diagnostic::error(path, None, format!("cannot remove: {e}")))?;
                report.removed += 1;
            }
        }
        remove_empty_dirs(dir);
        report.kept.sort();
        Ok(report)
    }
}

/// True when the file's front matter says `generated: true`.
pub fn is_generated(file: &Path) -> bool {
    std::fs::read(file).is_ok_and(|bytes| says_generated(&bytes))
}

fn says_generated(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    page::split(text)
        .and_then(|(yaml, _)| crate::yaml::from_str::<FrontMatter>(yaml).ok())
        .is_some_and(|f| f.generated)
}

/// Write one page unless its file already holds these bytes or is
/// hand-written (read once for both).
fn put_page(
    dir: &Path,
    p: &GeneratedPage,
    fallback: bool,
    memo: &dyn Memo,
) -> Result<Outcome, Diagnostic> {
    let file = dir.join(&p.path);
    let text = page::to_markdown(&p.front, &p.body);
    let hash = *blake3::hash(text.as_bytes()).as_bytes();
    if stamp::known(memo, &file) == Some(hash) {
        return Ok(Outcome::Unchanged(hash));
    }
    match std::fs::read(&file) {
        Ok(old) if old == text.as_bytes() => return Ok(Outcome::Unchanged(hash)),
        Ok(old) if !says_generated(&old) => {
            return Ok(Outcome::Kept((!fallback).then(|| {
                Diagnostic::warning(
                    &file,
                    None,
                    "hand-written page kept: a generated page has the same path (add `generated: true` to let dossier replace it)",
                )
            })))
        }
        _ => {}
    }
    replace(&file, text.as_bytes())?;
    Ok(Outcome::Written(hash))
}

/// Write through a temporary file and a rename, so the file is never seen
/// half-written.
fn replace(file: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let tmp = file.with_extension("dossier-tmp");
    std::fs::write(&tmp, bytes)
        .and_then(|_| std::fs::rename(&tmp, file))
        .map_err(|e| Diagnostic::error(file, None, format!("cannot write: {e}")))
}

fn put(file: &Path, bytes: &[u8], report: &mut Written) -> Result<(), Diagnostic> {
    if std::fs::read(file).is_ok_and(|old| old == bytes) {
        report.unchanged += 1;
        return Ok(());
    }
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| Diagnostic::error(parent, None, format!("cannot create: {e}")))?;
    }
    replace(file, bytes)?;
    report.written += 1;
    Ok(())
}

fn remove_empty_dirs(dir: &Path) {
    let mut dirs: Vec<_> = WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir())
        .map(|e| e.into_path())
        .collect();
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    for d in dirs {
        let _ = std::fs::remove_dir(&d); // fails (and is kept) unless empty
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memo::NoMemo;

    fn page(path: &str, body: &str) -> GeneratedPage {
        GeneratedPage {
            path: path.into(),
            front: FrontMatter {
                title: "T".into(),
                generated: true,
                ..Default::default()
            },
            body: body.into(),
        }
    }

    #[test]
    fn hand_written_files_are_never_overwritten_or_removed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("sources")).unwrap();
        std::fs::write(
            dir.path().join("about.md"),
            "---\ntitle: About\n---\nMine\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("sources/x.md"),
            "---\ntitle: Mine\n---\nMine\n",
        )
        .unwrap();
        let report = write(
            dir.path(),
            &[page("sources/x.md", "gen"), page("sources/y.md", "gen")],
            &[],
            &[],
            &NoMemo,
        )
        .unwrap();
        assert_eq!(report.kept.len(), 1);
        assert_eq!(
            std::fs::read_to_string(dir.path().join("sources/x.md")).unwrap(),
            "---\ntitle: Mine\n---\nMine\n"
        );
        assert!(dir.path().join("about.md").exists());
        assert_eq!(report.written, 1);
    }

    #[test]
    fn stale_generated_files_go_unchanged_stay() {
        let dir = tempfile::tempdir().unwrap();
        let asset = GeneratedAsset {
            path: "topics/c.svg".into(),
            bytes: b"<svg/>".to_vec(),
        };
        write(
            dir.path(),
            &[page("a/one.md", "1"), page("a/two.md", "2")],
            &[],
            std::slice::from_ref(&asset),
            &NoMemo,
        )
        .unwrap();
        let one = dir.path().join("a/one.md");
        let before = std::fs::metadata(&one).unwrap().modified().unwrap();
        let report = write(dir.path(), &[page("a/one.md", "1")], &[], &[], &NoMemo).unwrap();
        assert_eq!(report.unchanged, 1);
        assert_eq!(report.removed, 2);
        assert!(!dir.path().join("a/two.md").exists());
        assert!(!dir.path().join("topics").exists());
        assert_eq!(std::fs::metadata(&one).unwrap().modified().unwrap(), before);
    }

    #[test]
    fn pages_arrive_in_batches_and_a_failed_write_removes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), &[page("a/old.md", "1")], &[], &[], &NoMemo).unwrap();
        let writer = Writer::new(dir.path(), &NoMemo);
        writer.pages(&[page("b/one.md", "1")], false);
        writer.pages(&[page("b/two.md", "2")], false);
        assert_eq!(writer.page_count(), 2);
        let report = writer.finish().unwrap();
        assert_eq!((report.written, report.removed), (2, 1));
        assert!(!dir.path().join("a/old.md").exists());

        // A file where a folder must go: that batch fails, and the stale
        // page stays (the build stops before anything is removed).
        std::fs::write(dir.path().join("c"), "not a folder").unwrap();
        let writer = Writer::new(dir.path(), &NoMemo);
        writer.pages(&[page("c/x.md", "x")], false);
        let error = writer.finish().unwrap_err();
        assert!(error.file.ends_with("c"), "{error}");
        assert!(dir.path().join("b/one.md").exists());
    }

    #[test]
    fn fallbacks_fill_gaps_and_yield_silently_to_hand_written_pages() {
        let dir = tempfile::tempdir().unwrap();
        let mine = "---\ntitle: My home\n---\nMine\n";
        std::fs::write(dir.path().join("_index.md"), mine).unwrap();
        let report = write(
            dir.path(),
            &[],
            &[page("_index.md", "gen"), page("key.md", "gen")],
            &[],
            &NoMemo,
        )
        .unwrap();
        assert!(
            report.kept.is_empty(),
            "no warning for a fallback: {:?}",
            report.kept
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("_index.md")).unwrap(),
            mine
        );
        assert!(is_generated(&dir.path().join("key.md")));
        // A fallback that is no longer produced goes like any generated page.
        let report = write(dir.path(), &[], &[], &[], &NoMemo).unwrap();
        assert_eq!(report.removed, 1);
        assert!(dir.path().join("_index.md").exists());
    }

    /// The build's receiver, reduced to the content folder.
    struct Content<'a>(&'a Writer<'a>);

    impl crate::dossier::emit::Emit for Content<'_> {
        fn pages(&self, pages: Vec<GeneratedPage>, fallback: bool) {
            self.0.pages(&pages, fallback);
        }
        fn assets(&self, assets: Vec<GeneratedAsset>) {
            self.0.assets(&assets);
        }
        fn data(&self, _: String, _: Vec<u8>) {}
        fn reuse(&self, key: &blake3::Hash) -> bool {
            self.0.reuse(key)
        }
        fn pages_hashed(&self, pages: Vec<GeneratedPage>) -> Vec<Option<[u8; 32]>> {
            self.0.pages_hashed(&pages)
        }
        fn remember(&self, key: &blake3::Hash, pages: Made, groups: &[blake3::Hash]) {
            self.0.remember(key, pages, groups);
        }
    }

    #[test]
    fn a_group_is_kept_whole_with_the_groups_made_inside_it() {
        use crate::dossier::emit::{group, Emit};
        use std::sync::atomic::{AtomicUsize, Ordering};

        let dir = tempfile::tempdir().unwrap();
        let memo = crate::memo::testing::MapMemo::default();
        let outer = blake3::hash(b"outer");
        let inner = [blake3::hash(b"first"), blake3::hash(b"second")];
        let made = AtomicUsize::new(0);
        // One build: the group's own page, and two groups inside it, each
        // made only when it cannot be reused (as the topic archives are).
        let build = || {
            let writer = Writer::new(dir.path(), &memo);
            group(&Content(&writer), &outer, |out: &dyn Emit| {
                out.pages(vec![page("topics/t.md", "topic")], false);
                for (k, key) in inner.iter().enumerate() {
                    if !out.reuse(key) {
                        made.fetch_add(1, Ordering::SeqCst);
                        out.keyed(vec![(
                            *key,
                            vec![page(&format!("topics/t/{k}.md"), "archive")],
                        )]);
                    }
                }
            });
            let report = writer.finish().unwrap();
            // The next build trusts the files' stamps once recorded, as
            // the render's reading of content/ records them.
            std::thread::sleep(stamp::SETTLED * 2);
            for name in ["topics/t.md", "topics/t/0.md", "topics/t/1.md"] {
                stamp::read(&memo, &dir.path().join(name)).unwrap();
            }
            report
        };
        let first = build();
        assert_eq!((first.written, first.reused), (3, 0));
        assert_eq!(made.load(Ordering::SeqCst), 2);

        // Unchanged: nothing is made, every page counts as produced (so
        // none is removed as stale).
        let second = build();
        assert_eq!((second.reused, second.removed), (3, 0), "{second:?}");
        assert_eq!(made.load(Ordering::SeqCst), 2, "no inner group made");
        assert!(dir.path().join("topics/t/1.md").exists());

        // One inner page's file changed: the outer group is made again,
        // the untouched inner group reused, the changed one made again.
        std::fs::write(
            dir.path().join("topics/t/1.md"),
            "---\ngenerated: true\n---\nx\n",
        )
        .unwrap();
        let third = build();
        assert_eq!(
            made.load(Ordering::SeqCst),
            3,
            "only the changed inner group is made"
        );
        assert_eq!(
            (third.written, third.reused, third.removed),
            (1, 1, 0),
            "{third:?}"
        );
        assert!(std::fs::read_to_string(dir.path().join("topics/t/1.md"))
            .unwrap()
            .contains("archive"));

        // And that build remembered the outer group again, whole.
        let fourth = build();
        assert_eq!((fourth.reused, fourth.removed), (3, 0), "{fourth:?}");
        assert_eq!(made.load(Ordering::SeqCst), 3);
    }
}
