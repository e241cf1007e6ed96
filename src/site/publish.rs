//! Atomic publishing. A build writes into a staging folder next to the
//! output; only when everything succeeded is the staging folder swapped in.
//! A failed or interrupted build leaves the previous output intact.
//!
//! Files whose bytes did not change are hard-linked from the previous output
//! (same inode, same mtime), so `rsync` and static-host uploads only send
//! what changed. Files in the output that no build produced are reported and
//! carried over, never silently deleted; files an earlier build produced and
//! this one did not are dropped.

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
/// the new one is in place. Removing it is the last step of publishing,
/// which the caller may run beside other work ([`Previous::remove`]); if
/// it is dropped instead, it is removed then. A build killed before that
/// leaves it for [`sweep_leftovers`].
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Previous(Option<PathBuf>);

impl Previous {
    /// Where it is, until removed.
    pub fn path(&self) -> Option<&Path> {
        self.0.as_deref()
    }

    pub fn remove(mut self) -> io::Result<()> {
        match self.0.take() {
            Some(dir) => std::fs::remove_dir_all(dir),
            None => Ok(()),
        }
    }
}

impl Drop for Previous {
    fn drop(&mut self) {
        if let Some(dir) = self.0.take() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

impl Staging {
    /// Create an empty staging folder beside `target`.
    pub fn new(target: &Path) -> io::Result<Staging> {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)?;
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            produced: Mutex::new(BTreeSet::new()),
            folders: Mutex::new(FxHashSet::default()),
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            published: false,
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
        for rel in existing_files(&self.target) {
            if produced.contains(&rel) || rel == MANIFEST {
                continue;
            }
            if previous.contains(&rel) {
                report.removed += 1;
            } else {
                link_or_copy(&self.target.join(&rel), &self.room(&rel)?)?;
                report.foreign.push(rel);
            }
        }
        let manifest: String = produced.iter().map(|p| format!("{p}\n")).collect();
        let previous_manifest = self.target.join(MANIFEST);
        if !std::fs::read(&previous_manifest).is_ok_and(|b| b == manifest.as_bytes())
            || link_or_copy(&previous_manifest, &self.dir.join(MANIFEST)).is_err()
        {
            std::fs::write(self.dir.join(MANIFEST), manifest)?;
        }

        if self.target.exists() && exchange(&self.dir, &self.target).is_ok() {
            // The staging folder now holds the previous site.
            report.previous = Previous(Some(self.dir.clone()));
        } else if self.target.exists() {
            let old = self.dir.with_file_name(
                self.dir
                    .file_name()
                    .expect("named")
                    .to_string_lossy()
                    .replace(".staging-", ".old-"),
            );
            if old.exists() {
                std::fs::remove_dir_all(&old)?;
            }
            std::fs::rename(&self.target, &old)?;
            if let Err(e) = std::fs::rename(&self.dir, &self.target) {
                std::fs::rename(&old, &self.target)?;
                return Err(e);
            }
            report.previous = Previous(Some(old));
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
        if !std::fs::metadata(&old).is_ok_and(|m| m.is_file() && m.len() == len) {
            return Ok(false);
        }
        link_or_copy(&old, &self.room(path)?)?;
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

    /// Where `path` goes in the staging folder, with its folder made and
    /// nothing there yet (a file this build put there before is removed).
    /// A large site's files are kept or written one by one, so this asks
    /// the file system as little as it can: each folder is made once, and
    /// nothing is looked up for a path this build has not produced.
    fn room(&self, path: &str) -> io::Result<PathBuf> {
        let dest = self.dir.join(checked(path)?);
        if let Some(parent) = dest.parent() {
            self.folder(parent)?;
        }
        if self
            .produced
            .lock()
            .expect("staging poisoned")
            .contains(path)
        {
            match std::fs::remove_file(&dest) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        Ok(dest)
    }

    /// Make `dir` (a folder in the staging folder) unless this build did.
    fn folder(&self, dir: &Path) -> io::Result<()> {
        if self.folders.lock().expect("staging poisoned").contains(dir) {
            return Ok(());
        }
        std::fs::create_dir_all(dir)?;
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
            let mut file = io::BufWriter::new(std::fs::File::create(&dest)?);
            if matched > 0 {
                copy(&mut file, 0, matched)?;
            }
            Ok(file)
        };
        // The previous file and its length, while it matches.
        let mut previous = std::fs::File::open(&old).ok().and_then(|f| {
            let meta = f.metadata().ok()?;
            meta.is_file().then_some((f, meta.len()))
        });
        let mut matched = 0u64;
        let mut out = None;
        let mut buf = Vec::new();
        for span in spans {
            if out.is_none() {
                let same = previous.as_mut().is_some_and(|(file, len)| match &span {
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
        let whole = previous.is_some_and(|(_, len)| len == matched);
        if whole && link_or_copy(&old, &dest).is_ok() {
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
    let name = match target.file_name() {
        Some(n) => n.to_string_lossy().into_owned(),
        None => return Ok(()),
    };
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let Ok(entries) = std::fs::read_dir(&parent) else {
        return Ok(());
    };
    let mut leftovers: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().is_some_and(|n| {
                let n = n.to_string_lossy();
                n.starts_with(&format!(".{name}.staging-"))
                    || n.starts_with(&format!(".{name}.old-"))
            })
        })
        .collect();
    leftovers.sort();
    for dir in leftovers {
        let is_old = dir
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(&format!(".{name}.old-")));
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
        .map(|e| {
            let rel = e.path().strip_prefix(target).expect("under target");
            rel.components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/")
        })
        .collect()
}

#[cfg(test)]
mod tests {
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
        // The previous site waits aside until removed.
        let aside = report.previous.path().unwrap().to_path_buf();
        assert!(aside.join("sub/b.html").exists());
        report.previous.remove().unwrap();
        assert!(!aside.exists());
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no staging folder left behind"
        );
        // Dropped unremoved, it goes all the same.
        let s = Staging::new(&out).unwrap();
        s.write("a.html", b"A").unwrap();
        drop(s.publish().unwrap());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
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
