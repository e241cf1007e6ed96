//! Atomic publishing. A build writes into a staging folder next to the
//! output; only when everything succeeded is the staging folder swapped in.
//! A failed or interrupted build leaves the previous output intact.
//!
//! Files whose bytes did not change are hard-linked from the previous output
//! (same inode, same mtime), so `rsync` and static-host uploads only send
//! what changed. Files in the output that no build produced are reported and
//! carried over, never silently deleted; files an earlier build produced and
//! this one did not are dropped.
//!
//! The site the swap replaces is kept beside the output
//! (`.<output>.previous`) and the next build starts its staging folder from
//! it: its unchanged files are already the output's (the same inodes, by
//! the hard links of the build before), so a rebuild links in only the
//! files changed since, and removes only the ones dropped, instead of
//! linking every file of the site and removing every file of the previous
//! one. Any tree will do as that start: a file is taken as carried over
//! only when it is the output's own inode, everything else is replaced by
//! a new file, never written in place (it may be a link to the live
//! output), and what the build did not produce is removed before the swap.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use rustc_hash::FxHashSet;
use walkdir::WalkDir;

use crate::output::{Sink, Span};

/// File in the output that lists what the build produced.
pub const MANIFEST: &str = ".dossier-manifest";

/// A staging folder for one build.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    produced: Mutex<BTreeSet<String>>,
    /// Folders made in the staging folder so far (each is made once, not
    /// asked for again for every file in it).
    folders: Mutex<FxHashSet<PathBuf>>,
    written: AtomicUsize,
    unchanged: AtomicUsize,
    published: bool,
    /// The folder started as the previous site (not empty): whatever is at
    /// a path is replaced, not written through, and what the build does not
    /// produce is removed before the swap.
    based: bool,
    /// Paths given a new file by this build.
    replaced: Mutex<Vec<String>>,
}

/// What publishing did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Published {
    /// Files whose bytes changed (or are new).
    pub written: usize,
    /// Files kept byte-identical (and untouched).
    pub unchanged: usize,
    /// Files of the previous output that this build no longer produces.
    pub removed: usize,
    /// Files found in the output that dossier did not produce (kept).
    pub foreign: Vec<String>,
    /// The previous site, moved aside.
    pub previous: Previous,
}

/// The previous site's folder, moved aside by [`Staging::publish`] once
/// the new one is in place. Retiring it (keeping it as the next build's
/// start, [`Previous::retire`]) is the last step of publishing; if it is
/// dropped instead, it is removed. A build killed before that leaves it
/// for [`sweep_leftovers`].
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Previous {
    dir: Option<PathBuf>,
    /// Where it is kept for the next build.
    keep_as: PathBuf,
    /// Its files that the new site does not share (paths the build gave a
    /// new file, or dropped): of no use to the next build, which keeps
    /// only the output's own files, so they go when it is retired.
    stale: Vec<String>,
}

impl Previous {
    /// Where it is, until retired.
    pub fn path(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Keep it where the next build's staging folder starts from (or, if
    /// it cannot be moved there, remove it).
    pub fn retire(mut self) -> io::Result<()> {
        let Some(dir) = self.dir.take() else {
            return Ok(());
        };
        if !STARTS_FROM_PREVIOUS {
            return std::fs::remove_dir_all(dir);
        }
        for rel in &self.stale {
            // At best: what is left only takes room, and the next build
            // replaces it.
            let _ = std::fs::remove_file(dir.join(rel));
        }
        if self.keep_as.exists() {
            std::fs::remove_dir_all(&self.keep_as)?;
        }
        if std::fs::rename(&dir, &self.keep_as).is_err() {
            std::fs::remove_dir_all(dir)?;
        }
        Ok(())
    }
}

impl Drop for Previous {
    fn drop(&mut self) {
        if let Some(dir) = self.dir.take() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// `.<name>.<what>` beside `target` (`public` → `.public.<what>`), and
/// that folder (`.` for a bare name).
pub fn beside(target: &Path, what: &str) -> (PathBuf, PathBuf) {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    (parent.join(format!(".{name}.{what}")), parent)
}

/// Whether a staging folder starts from the previous site: only where a
/// file's inode tells whether it is the output's own ([`same_file`]).
const STARTS_FROM_PREVIOUS: bool = cfg!(unix);

/// Where the site a build replaced is kept for the next one.
fn kept_previous(target: &Path) -> PathBuf {
    beside(target, "previous").0
}

impl Staging {
    /// Create a staging folder beside `target`: the site the last build
    /// replaced, when it was kept and `target` is there to carry files
    /// over from, else an empty folder.
    pub fn new(target: &Path) -> io::Result<Staging> {
        let (dir, parent) = beside(target, &format!("staging-{}", std::process::id()));
        std::fs::create_dir_all(&parent)?;
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        let previous = kept_previous(target);
        let based = STARTS_FROM_PREVIOUS
            && target.is_dir()
            && previous.is_dir()
            && std::fs::rename(&previous, &dir).is_ok();
        if !based {
            if previous.exists() {
                std::fs::remove_dir_all(&previous)?;
            }
            std::fs::create_dir_all(&dir)?;
        }
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            produced: Mutex::new(BTreeSet::new()),
            folders: Mutex::new(FxHashSet::default()),
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            published: false,
            based,
            replaced: Mutex::default(),
        })
    }

    /// The staging folder (for tests and diagnostics).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Swap the staging folder in place of the target.
    pub fn publish(mut self) -> io::Result<Published> {
        let produced = std::mem::take(&mut *self.produced.lock().expect("staging poisoned"));
        let previous = read_manifest(&self.target);
        let mut report = Published {
            written: self.written.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
            ..Published::default()
        };
        let mut carried = BTreeSet::new();
        let mut dropped = Vec::new();
        for rel in existing_files(&self.target) {
            if produced.contains(&rel) || rel == MANIFEST {
                continue;
            }
            if previous.contains(&rel) {
                report.removed += 1;
                dropped.push(rel);
            } else {
                let from = self.target.join(&rel);
                self.link_in(&rel, &from, &std::fs::symlink_metadata(&from)?)?;
                carried.insert(rel.clone());
                report.foreign.push(rel);
            }
        }
        if self.based {
            self.prune(|rel| rel == MANIFEST || produced.contains(rel) || carried.contains(rel))?;
        }
        let manifest: String = produced.iter().map(|p| format!("{p}\n")).collect();
        let previous_manifest = self.target.join(MANIFEST);
        let same = std::fs::read(&previous_manifest).is_ok_and(|b| b == manifest.as_bytes());
        let linked = same
            && std::fs::symlink_metadata(&previous_manifest)
                .and_then(|meta| self.link_in(MANIFEST, &previous_manifest, &meta))
                .is_ok();
        if !linked {
            io::Write::write_all(
                &mut self.fresh(MANIFEST, &self.dir.join(MANIFEST))?,
                manifest.as_bytes(),
            )?;
        }

        let keep_as = kept_previous(&self.target);
        let mut stale = std::mem::take(&mut *self.replaced.lock().expect("staging poisoned"));
        stale.append(&mut dropped);
        if self.target.exists() && exchange(&self.dir, &self.target).is_ok() {
            // The staging folder now holds the previous site.
            report.previous = Previous {
                dir: Some(self.dir.clone()),
                keep_as,
                stale,
            };
        } else if self.target.exists() {
            let (old, _) = beside(&self.target, &format!("old-{}", std::process::id()));
            if old.exists() {
                std::fs::remove_dir_all(&old)?;
            }
            std::fs::rename(&self.target, &old)?;
            if let Err(e) = std::fs::rename(&self.dir, &self.target) {
                std::fs::rename(&old, &self.target)?;
                return Err(e);
            }
            report.previous = Previous {
                dir: Some(old),
                keep_as,
                stale,
            };
        } else {
            std::fs::rename(&self.dir, &self.target)?;
        }
        self.published = true;
        Ok(report)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.published {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

fn checked(path: &str) -> io::Result<&str> {
    if path.split('/').any(|p| p == ".." || p.is_empty()) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("invalid output path {path:?}"),
        ));
    }
    Ok(path)
}

impl Sink for Staging {
    fn keep(&self, path: &str, len: u64) -> io::Result<bool> {
        let old = self.target.join(checked(path)?);
        let meta = match std::fs::metadata(&old) {
            Ok(m) if m.is_file() && m.len() == len => m,
            _ => return Ok(false),
        };
        self.link_in(path, &old, &meta)?;
        self.unchanged.fetch_add(1, Ordering::Relaxed);
        self.produce(path);
        Ok(true)
    }

    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        self.put(path, std::iter::once(Span::Bytes(bytes)))
    }

    fn write_pieces(
        &self,
        path: &str,
        pieces: &mut dyn Iterator<Item = Vec<u8>>,
    ) -> io::Result<()> {
        self.put(path, pieces.map(Span::Bytes))
    }

    fn previous_len(&self, path: &str) -> Option<u64> {
        let meta = std::fs::metadata(self.target.join(checked(path).ok()?)).ok()?;
        meta.is_file().then_some(meta.len())
    }

    fn write_spans(&self, path: &str, spans: &mut dyn Iterator<Item = Span>) -> io::Result<()> {
        self.put(path, spans)
    }
}

impl Staging {
    fn produce(&self, path: &str) {
        self.produced
            .lock()
            .expect("staging poisoned")
            .insert(path.to_string());
    }

    /// Where `path` goes in the staging folder, with its folder made. A
    /// large site's files are kept or written one by one, so this asks the
    /// file system as little as it can: each folder is made once.
    fn room(&self, path: &str) -> io::Result<PathBuf> {
        let dest = self.dir.join(checked(path)?);
        if let Some(parent) = dest.parent() {
            self.folder(parent)?;
        }
        Ok(dest)
    }

    /// Make `dir` (a folder in the staging folder) unless this build did; a
    /// file of the previous site in its way goes.
    fn folder(&self, dir: &Path) -> io::Result<()> {
        if self.folders.lock().expect("staging poisoned").contains(dir) {
            return Ok(());
        }
        if let Err(e) = std::fs::create_dir_all(dir) {
            if !self.based {
                return Err(e);
            }
            let under = dir.strip_prefix(&self.dir).map_err(|_| e)?;
            let mut at = self.dir.clone();
            for part in under.components() {
                at.push(part);
                if std::fs::symlink_metadata(&at).is_ok_and(|m| !m.is_dir()) {
                    std::fs::remove_file(&at)?;
                }
            }
            std::fs::create_dir_all(dir)?;
        }
        let mut folders = self.folders.lock().expect("staging poisoned");
        let mut made = Some(dir);
        while let Some(d) = made.filter(|d| *d != self.dir) {
            if !folders.insert(d.to_path_buf()) {
                break;
            }
            made = d.parent();
        }
        Ok(())
    }

    /// Clear `dest` (where `path` goes) for a new file: whatever the
    /// previous site or this build put there goes. Nothing is looked up
    /// for a path of an empty staging folder that this build has not
    /// produced.
    fn vacate(&self, path: &str, dest: &Path) -> io::Result<()> {
        let held = self.based
            || self
                .produced
                .lock()
                .expect("staging poisoned")
                .contains(path);
        if !held {
            return Ok(());
        }
        let gone = match std::fs::symlink_metadata(dest) {
            Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(dest),
            Ok(_) => std::fs::remove_file(dest),
            Err(e) => Err(e),
        };
        match gone {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// A new file at `dest` (where `path` goes), never one that was there:
    /// that may be a link to the live output's file.
    fn fresh(&self, path: &str, dest: &Path) -> io::Result<std::fs::File> {
        self.vacate(path, dest)?;
        let file = std::fs::File::options()
            .write(true)
            .create_new(true)
            .open(dest)?;
        self.replaced
            .lock()
            .expect("staging poisoned")
            .push(path.to_string());
        Ok(file)
    }

    /// Put the output's file `from` (whose metadata is `meta`) at `path`:
    /// nothing to do when the previous site holds it there already (the
    /// same inode), else a link to it (a copy where links fail).
    fn link_in(&self, path: &str, from: &Path, meta: &std::fs::Metadata) -> io::Result<()> {
        let dest = self.room(path)?;
        if self.based && same_file(meta, &dest) {
            return Ok(());
        }
        self.vacate(path, &dest)?;
        link_or_copy(from, &dest)
    }

    /// Remove what the previous site left in the staging folder and
    /// `wanted` does not take (a relative path, `/`-separated), and the
    /// folders that leaves empty.
    fn prune(&self, wanted: impl Fn(&str) -> bool) -> io::Result<()> {
        let entries = WalkDir::new(&self.dir).min_depth(1).contents_first(true);
        for entry in entries {
            let entry = entry.map_err(io::Error::from)?;
            if entry.file_type().is_dir() {
                // Not empty: kept.
                let _ = std::fs::remove_dir(entry.path());
            } else if !wanted(&relative(&self.dir, entry.path())) {
                std::fs::remove_file(entry.path())?;
            }
        }
        Ok(())
    }

    /// Write `path` from `spans`, compared with the previous file as they
    /// come (a mebibyte at a time, so a large file is never read whole):
    /// while they match it nothing is written, and if they match it to its
    /// end it is carried over as it is (same inode and mtime); at the first
    /// difference the new file starts with the part that matched, copied
    /// from the previous one, and the spans follow. A span of the previous
    /// file ([`Span::Old`]) at its own place matches without being read;
    /// elsewhere it is copied from the previous file (in the kernel).
    fn put<P: AsRef<[u8]>>(
        &self,
        path: &str,
        spans: impl Iterator<Item = Span<P>>,
    ) -> io::Result<()> {
        use std::io::{Read, Seek, SeekFrom, Write};
        let dest = self.room(path)?;
        let old = self.target.join(path);
        let changed = || io::Error::other(format!("{} changed during the build", old.display()));
        // Copies `len` bytes from `offset` of the previous file.
        let copy = |file: &mut io::BufWriter<std::fs::File>, offset: u64, len: u64| {
            let mut from = std::fs::File::open(&old)?;
            from.seek(SeekFrom::Start(offset))?;
            file.flush()?;
            if io::copy(&mut from.take(len), file)? != len {
                return Err(changed());
            }
            Ok(())
        };
        // The new file, with the part of the previous one that matched.
        let start = |matched: u64| -> io::Result<io::BufWriter<std::fs::File>> {
            let mut file = io::BufWriter::new(self.fresh(path, &dest)?);
            if matched > 0 {
                copy(&mut file, 0, matched)?;
            }
            Ok(file)
        };
        // The previous file and its length, while it matches.
        let mut previous = std::fs::File::open(&old).ok().and_then(|f| {
            let meta = f.metadata().ok()?;
            let len = meta.len();
            meta.is_file().then_some((f, len, meta))
        });
        let mut matched = 0u64;
        let mut out = None;
        let mut buf = Vec::new();
        for span in spans {
            if out.is_none() {
                let same = previous.as_mut().is_some_and(|(file, len, _)| match &span {
                    Span::Bytes(piece) => {
                        let piece = piece.as_ref();
                        matched + piece.len() as u64 <= *len
                            && piece.chunks(COMPARED).all(|part| {
                                buf.resize(part.len(), 0);
                                file.read_exact(&mut buf).is_ok() && buf == part
                            })
                    }
                    Span::Old { offset, len: n } => {
                        *offset == matched
                            && matched + n <= *len
                            && file.seek(SeekFrom::Current(*n as i64)).is_ok()
                    }
                });
                if same {
                    matched += match &span {
                        Span::Bytes(piece) => piece.as_ref().len() as u64,
                        Span::Old { len, .. } => *len,
                    };
                    continue;
                }
                previous = None;
                out = Some(start(matched)?);
            }
            if let Some(file) = out.as_mut() {
                match span {
                    Span::Bytes(piece) => file.write_all(piece.as_ref())?,
                    Span::Old { offset, len } => copy(file, offset, len)?,
                }
            }
        }
        let whole = previous.filter(|(_, len, _)| *len == matched);
        if whole.is_some_and(|(_, _, meta)| self.link_in(path, &old, &meta).is_ok()) {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
        } else {
            let file = match out {
                Some(file) => file,
                None => start(matched)?,
            };
            file.into_inner().map_err(io::IntoInnerError::into_error)?;
            self.written.fetch_add(1, Ordering::Relaxed);
        }
        self.produce(path);
        Ok(())
    }
}

/// Bytes of the previous file read and compared at a time.
const COMPARED: usize = 1 << 20;

/// Swap two folders in one step, so that a build killed at any moment
/// leaves either the previous site or the new one in place, never neither.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// Clean up after builds that were killed: remove their staging folders, and
/// put the previous site back if one was killed between the two renames of
/// the fallback swap. Call only while holding the build lock.
pub fn sweep_leftovers(target: &Path) -> io::Result<()> {
    if target.file_name().is_none() {
        return Ok(());
    }
    // The names of staging folders and of previous sites moved aside, but
    // for the process id that ends them.
    let name = |what: &str| {
        let (path, _) = beside(target, what);
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let (staging, old) = (name("staging-"), name("old-"));
    let (_, parent) = beside(target, "");
    let Ok(entries) = std::fs::read_dir(&parent) else {
        return Ok(());
    };
    let mut leftovers: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().is_some_and(|n| {
                let n = n.to_string_lossy();
                n.starts_with(&staging) || n.starts_with(&old)
            })
        })
        .collect();
    leftovers.sort();
    for dir in leftovers {
        let is_old = dir
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(&old));
        if is_old && !target.exists() {
            std::fs::rename(&dir, target)?;
        } else {
            std::fs::remove_dir_all(&dir)?;
        }
    }
    Ok(())
}

/// Hard-link `from` as `to` (whose folder exists), or copy it with its
/// mtime where links cannot be made.
fn link_or_copy(from: &Path, to: &Path) -> io::Result<()> {
    if std::fs::hard_link(from, to).is_err() {
        std::fs::copy(from, to)?;
        if let Ok(mtime) = std::fs::metadata(from).and_then(|m| m.modified()) {
            let _ = std::fs::File::options()
                .write(true)
                .open(to)
                .and_then(|f| f.set_modified(mtime));
        }
    }
    Ok(())
}

/// `dest` is the file `meta` describes (the same inode), not a copy of it.
#[cfg(unix)]
fn same_file(meta: &std::fs::Metadata, dest: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::symlink_metadata(dest).is_ok_and(|d| d.dev() == meta.dev() && d.ino() == meta.ino())
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, _: &Path) -> bool {
    false
}

fn read_manifest(target: &Path) -> BTreeSet<String> {
    std::fs::read_to_string(target.join(MANIFEST))
        .map(|t| t.lines().map(str::to_string).collect())
        .unwrap_or_default()
}

fn existing_files(target: &Path) -> Vec<String> {
    if !target.is_dir() {
        return Vec::new();
    }
    WalkDir::new(target)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| relative(target, e.path()))
        .collect()
}

/// `path` (under `root`) relative to it, `/`-separated.
fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).expect("under its root");
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn pieces_are_written_from_the_first_difference_and_carried_over_when_all_match() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let pieces = |parts: &[&str]| -> Vec<Vec<u8>> {
            parts.iter().map(|p| p.as_bytes().to_vec()).collect()
        };
        let publish = |parts: &[&str]| {
            let s = Staging::new(&out).unwrap();
            s.write_pieces("api/d.json", &mut pieces(parts).into_iter())
                .unwrap();
            let report = s.publish().unwrap();
            let text = std::fs::read_to_string(out.join("api/d.json")).unwrap();
            (report.written, report.unchanged, text)
        };
        let inode = || {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(out.join("api/d.json")).unwrap().ino()
        };
        assert_eq!(publish(&["ab", "cd", "ef"]), (1, 0, "abcdef".into()));
        let first = inode();
        // The same bytes in other pieces: carried over, same file.
        assert_eq!(publish(&["abc", "", "def"]), (0, 1, "abcdef".into()));
        assert_eq!(inode(), first);
        // A difference in the middle, at the end, a shorter and a longer
        // file, and none at all.
        assert_eq!(publish(&["ab", "cX", "ef"]), (1, 0, "abcXef".into()));
        assert_eq!(publish(&["ab", "cX", "eg"]), (1, 0, "abcXeg".into()));
        assert_eq!(publish(&["ab", "cX"]), (1, 0, "abcX".into()));
        assert_eq!(publish(&["ab", "cX", "", "yz"]), (1, 0, "abcXyz".into()));
        assert_eq!(publish(&[]), (1, 0, String::new()));
        assert_eq!(publish(&[]), (0, 1, String::new()));
        assert_eq!(publish(&["new"]), (1, 0, "new".into()));
    }

    #[test]
    fn spans_copy_parts_of_the_previous_file_and_match_it_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let old = |offset, len| Span::Old { offset, len };
        let new = |s: &str| Span::Bytes(s.as_bytes().to_vec());
        let publish = |spans: Vec<Span>| {
            let s = Staging::new(&out).unwrap();
            let previous = s.previous_len("api/d.json");
            s.write_spans("api/d.json", &mut spans.into_iter()).unwrap();
            let report = s.publish().unwrap();
            let text = std::fs::read_to_string(out.join("api/d.json")).unwrap();
            (previous, report.written, report.unchanged, text)
        };
        let inode = || {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(out.join("api/d.json")).unwrap().ino()
        };
        assert_eq!(
            publish(vec![new("abc"), new("def"), new("ghi")]),
            (None, 1, 0, "abcdefghi".into())
        );
        let first = inode();
        // Every part in its own place: carried over, same file.
        assert_eq!(
            publish(vec![old(0, 3), new("def"), old(6, 3)]),
            (Some(9), 0, 1, "abcdefghi".into())
        );
        assert_eq!(inode(), first);
        // A part changed, then parts moved, dropped and repeated.
        assert_eq!(
            publish(vec![old(0, 3), new("DEF!"), old(6, 3)]),
            (Some(9), 1, 0, "abcDEF!ghi".into())
        );
        assert_eq!(
            publish(vec![old(7, 3), new("-"), old(0, 3), old(0, 3)]),
            (Some(10), 1, 0, "ghi-abcabc".into())
        );
        assert_eq!(
            publish(vec![old(0, 4), old(7, 3)]),
            (Some(10), 1, 0, "ghi-abc".into())
        );
        // A part past the end of the previous file fails the write.
        let s = Staging::new(&out).unwrap();
        assert!(s
            .write_spans("api/d.json", &mut vec![old(5, 10)].into_iter())
            .is_err());
        drop(s);
        assert_eq!(
            std::fs::read_to_string(out.join("api/d.json")).unwrap(),
            "ghi-abc"
        );
        // A sink without a previous output cannot copy.
        let memory = crate::output::MemorySink::default();
        assert!(memory
            .write_spans("d", &mut vec![new("a"), old(0, 1)].into_iter())
            .is_err());
    }

    #[test]
    fn a_file_is_carried_over_only_when_every_byte_matches() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        // (written, unchanged) after publishing `bytes` as the only file.
        let publish = |bytes: &[u8]| {
            let s = Staging::new(&out).unwrap();
            s.write("d.bin", bytes).unwrap();
            let report = s.publish().unwrap();
            assert_eq!(std::fs::read(out.join("d.bin")).unwrap(), bytes);
            (report.written, report.unchanged)
        };
        // Larger than one comparison, and not a multiple of it.
        let big: Vec<u8> = (0..3 * COMPARED + 17).map(|i| (i % 251) as u8).collect();
        assert_eq!(publish(&big), (1, 0));
        assert_eq!(publish(&big), (0, 1));
        let mut late = big.clone();
        *late.last_mut().unwrap() ^= 1;
        assert_eq!(publish(&late), (1, 0), "a difference in the last piece");
        assert_eq!(publish(&late[..late.len() - 1]), (1, 0), "shorter");
        assert_eq!(publish(b""), (1, 0));
        assert_eq!(publish(b""), (0, 1));
        assert_eq!(publish(b"x"), (1, 0));
    }

    #[test]
    fn deep_folders_are_made_and_a_path_produced_twice_holds_the_last_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let s = Staging::new(&out).unwrap();
        s.write("a/b.html", b"1").unwrap();
        s.write("a/b/c/d.html", b"D").unwrap();
        s.write("a/b.html", b"2").unwrap();
        s.publish().unwrap();

        std::fs::create_dir_all(out.join("mine/deep")).unwrap();
        std::fs::write(out.join("mine/deep/x.txt"), "not dossier's").unwrap();
        let s = Staging::new(&out).unwrap();
        // Carried over, then written again in the same build.
        assert!(s.keep("a/b/c/d.html", 1).unwrap());
        s.write("a/b/c/d.html", b"E").unwrap();
        // Written, then carried over: the previous output's bytes.
        s.write("a/b.html", b"3").unwrap();
        assert!(s.keep("a/b.html", 1).unwrap());
        let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
        // Writing over a carried-over file never writes through its link
        // into the previous output.
        assert_eq!(read("a/b/c/d.html"), "D");
        let report = s.publish().unwrap();
        assert_eq!(report.foreign, ["mine/deep/x.txt"]);
        assert_eq!(read("a/b/c/d.html"), "E");
        assert_eq!(read("a/b.html"), "2");
        assert_eq!(read("mine/deep/x.txt"), "not dossier's");
    }

    #[test]
    fn unchanged_files_keep_their_inode_and_stale_ones_go() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let s = Staging::new(&out).unwrap();
        s.write("a.html", b"A").unwrap();
        s.write("sub/b.html", b"B").unwrap();
        assert_eq!(s.publish().unwrap().written, 2);
        let mtime = std::fs::metadata(out.join("a.html"))
            .unwrap()
            .modified()
            .unwrap();
        std::fs::write(out.join("mine.txt"), "not dossier's").unwrap();

        let s = Staging::new(&out).unwrap();
        s.write("a.html", b"A").unwrap();
        s.write("c.html", b"C").unwrap();
        let report = s.publish().unwrap();
        assert_eq!(
            (report.written, report.unchanged, report.removed),
            (1, 1, 1)
        );
        assert_eq!(report.foreign, ["mine.txt"]);
        assert_eq!(
            std::fs::metadata(out.join("a.html"))
                .unwrap()
                .modified()
                .unwrap(),
            mtime
        );
        assert!(!out.join("sub/b.html").exists());
        assert!(out.join("mine.txt").exists());
        // The previous site waits aside until retired: kept for the next
        // build without the files the new one does not share, and no
        // staging folder is left behind.
        let aside = report.previous.path().unwrap().to_path_buf();
        assert!(aside.join("sub/b.html").exists());
        report.previous.retire().unwrap();
        assert!(!aside.exists());
        let kept = dir.path().join(".public.previous");
        assert!(kept.join("a.html").exists());
        assert!(!kept.join("sub/b.html").exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
        // Dropped unretired, it goes all the same.
        let s = Staging::new(&out).unwrap();
        s.write("a.html", b"A").unwrap();
        drop(s.publish().unwrap());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// Every file under `root` with its bytes.
    fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
        WalkDir::new(root)
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| !e.file_type().is_dir())
            .map(|e| (relative(root, e.path()), std::fs::read(e.path()).unwrap()))
            .collect()
    }

    fn inode(file: &Path) -> u64 {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(file).unwrap().ino()
    }

    #[test]
    fn a_build_started_from_the_previous_site_publishes_what_a_fresh_one_would() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let fresh = dir.path().join("fresh");
        // Publish `files` into the output (its staging folder started from
        // the site kept by the build before) and into a folder of its own
        // from nothing; both must hold the same.
        let build = |files: &[(&str, &str)]| {
            for (target, start_from_previous) in [(&out, true), (&fresh, false)] {
                if !start_from_previous {
                    let _ = std::fs::remove_dir_all(kept_previous(target));
                }
                let s = Staging::new(target).unwrap();
                for (path, text) in files {
                    s.write(path, text.as_bytes()).unwrap();
                }
                s.publish().unwrap().previous.retire().unwrap();
            }
            let mut published = tree(&out);
            assert_eq!(published, tree(&fresh));
            // The site kept for the next build holds only files it shares
            // with the output.
            let kept = kept_previous(&out);
            let kept_files = if kept.exists() {
                tree(&kept)
            } else {
                BTreeMap::new()
            };
            for rel in kept_files.keys() {
                assert_eq!(inode(&kept.join(rel)), inode(&out.join(rel)), "{rel}");
            }
            published.remove(MANIFEST);
            published
        };
        let expect = |files: &[(&str, &str)]| -> BTreeMap<String, Vec<u8>> {
            files
                .iter()
                .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
                .collect()
        };

        let one = [("a.html", "A"), ("sub/b.html", "B"), ("x/y", "a file")];
        assert_eq!(build(&one), expect(&one));
        let a = inode(&out.join("a.html"));
        // A file becomes a folder, another goes with its folder, one is new.
        let two = [("a.html", "A"), ("c.html", "C"), ("x/y/z.html", "Z")];
        assert_eq!(build(&two), expect(&two));
        assert_eq!(
            inode(&out.join("a.html")),
            a,
            "carried over, not linked anew"
        );
        assert!(!out.join("sub").exists());
        // Started from the first site (the second had none to start from):
        // its file is in the way of a folder.
        let three = [("a.html", "A2"), ("x/y/z.html", "Z3")];
        assert_eq!(build(&three), expect(&three));
        // Started from the second site, whose folder is in the way of a
        // file; with a file of the user's.
        std::fs::write(out.join("mine.txt"), "not dossier's").unwrap();
        std::fs::write(fresh.join("mine.txt"), "not dossier's").unwrap();
        let four = [("a.html", "A2"), ("x/y", "a file again")];
        let mut kept = expect(&four);
        kept.insert("mine.txt".into(), b"not dossier's".to_vec());
        assert_eq!(build(&four), kept);
    }

    #[test]
    fn a_staging_folder_started_from_the_previous_site_never_writes_through_to_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        for _ in 0..2 {
            let s = Staging::new(&out).unwrap();
            s.write("a.html", b"A").unwrap();
            s.write_pieces("d.json", &mut vec![b"ab".to_vec()].into_iter())
                .unwrap();
            s.publish().unwrap().previous.retire().unwrap();
        }
        let before = tree(&out);
        {
            // Every file of the staging folder is the output's own, linked.
            let s = Staging::new(&out).unwrap();
            assert!(s.based);
            assert_eq!(inode(&s.dir().join("a.html")), inode(&out.join("a.html")));
            s.write("a.html", b"CHANGED").unwrap();
            s.write_pieces("d.json", &mut vec![b"aX".to_vec()].into_iter())
                .unwrap();
            assert!(s.keep("d.json", 2).unwrap());
            s.write("d.json", b"ab, then more").unwrap();
            // The build fails here.
        }
        assert_eq!(tree(&out), before);
        assert!(
            !kept_previous(&out).exists(),
            "dropped with the staging folder"
        );
    }

    #[test]
    fn leftovers_of_killed_builds_are_swept_and_a_lost_site_restored() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(dir.path().join(".public.staging-999/x")).unwrap();
        std::fs::create_dir_all(dir.path().join(".public.old-998")).unwrap();
        std::fs::write(dir.path().join(".public.old-998/index.html"), "old").unwrap();
        std::fs::create_dir_all(dir.path().join(".other.staging-1")).unwrap();
        // Killed between the two renames of the fallback swap: no public/.
        sweep_leftovers(&out).unwrap();
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"old");
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, [".other.staging-1", "public"]);
    }

    #[test]
    fn dropped_staging_leaves_previous_output_intact() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let s = Staging::new(&out).unwrap();
        s.write("a.html", b"A").unwrap();
        s.publish().unwrap();
        {
            let s = Staging::new(&out).unwrap();
            s.write("a.html", b"CHANGED").unwrap();
            // build fails here: the staging folder is dropped, not published
        }
        assert_eq!(std::fs::read(out.join("a.html")).unwrap(), b"A");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
