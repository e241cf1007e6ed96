//! File stamps: a file's size, modification and change times and inode,
//! enough to tell without reading it that a file still holds the bytes
//! hashed earlier (the way git's index and make decide). The hash of every
//! file a build reads is kept in the [`Memo`] under its path with the
//! stamp it had; a later build reads the file again only when its stamp
//! differs.
//!
//! A stamp is trusted only when the file was last modified well before it
//! was taken: a file written again within the file system's timestamp
//! granularity (the kernel's clock tick, at most 10 ms on Linux) could
//! keep its stamp, so a stamp younger than [`SETTLED`] is not recorded,
//! and the next build reads that file again.

use std::io;
use std::path::Path;
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use crate::memo::{self, Memo};

/// How old a file's last change must be for its stamp to be recorded: ten
/// clock ticks and more.
pub const SETTLED: Duration = Duration::from_millis(100);

const KIND: &str = "stamp";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Stamp {
    len: u64,
    modified: (i64, i64),
    changed: (i64, i64),
    inode: u64,
}

impl Stamp {
    fn of(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Stamp {
                len: meta.len(),
                modified: (meta.mtime(), meta.mtime_nsec()),
                changed: (meta.ctime(), meta.ctime_nsec()),
                inode: meta.ino(),
            }
        }
        #[cfg(not(unix))]
        {
            let nanos = |t: io::Result<SystemTime>| {
                t.ok()
                    .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                    .map_or((0, 0), |d| {
                        (d.as_secs() as i64, i64::from(d.subsec_nanos()))
                    })
            };
            Stamp {
                len: meta.len(),
                modified: nanos(meta.modified()),
                changed: nanos(meta.created()),
                inode: 0,
            }
        }
    }
}

/// A file's stamp as text, for callers that keep it outside the memo; `None`
/// while it is too young to be trusted.
pub fn token(meta: &std::fs::Metadata) -> Option<String> {
    settled(meta).then(|| {
        let stamp = Stamp::of(meta);
        format!(
            "{} {}.{} {}.{} {}",
            stamp.len,
            stamp.modified.0,
            stamp.modified.1,
            stamp.changed.0,
            stamp.changed.1,
            stamp.inode
        )
    })
}

/// What the memo keeps for a path: its stamp and its content's hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Known {
    stamp: Stamp,
    hash: [u8; 32],
}

fn key(path: &Path) -> blake3::Hash {
    memo::key(KIND, [path.as_os_str().as_encoded_bytes()])
}

fn settled(meta: &std::fs::Metadata) -> bool {
    let modified = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
    SystemTime::now()
        .duration_since(modified)
        .is_ok_and(|age| age >= SETTLED)
}

/// The hash of `path`'s content when its stamp says it is unchanged since
/// it was last hashed, without reading it; `None` when it must be read.
pub fn known(memo: &dyn Memo, path: &Path) -> Option<[u8; 32]> {
    let meta = std::fs::metadata(path).ok()?;
    let known: Known = memo::decoded(memo, KIND, &key(path))?;
    (known.stamp == Stamp::of(&meta)).then_some(known.hash)
}

/// The hash of each file a build took when it first looked at it (by
/// path), for the stages that read those files later in the same build:
/// they take that hash instead of checking the stamp again, so what a stage
/// reads is what the build's fingerprint of its inputs recorded (a file
/// changed in between is seen as changed by the next build).
#[derive(Debug, Default)]
pub struct Seen(rustc_hash::FxHashMap<std::path::PathBuf, [u8; 32]>);

impl Seen {
    pub fn new(files: impl IntoIterator<Item = (std::path::PathBuf, [u8; 32])>) -> Seen {
        Seen(files.into_iter().collect())
    }

    /// [`known`], from what the build saw of `path` when it has seen it.
    pub fn known(&self, memo: &dyn Memo, path: &Path) -> Option<[u8; 32]> {
        self.0.get(path).copied().or_else(|| known(memo, path))
    }
}

/// Record that `path`, whose metadata `meta` was taken before reading it,
/// holds `bytes` (for callers that read the file their own way); returns
/// the bytes' hash.
pub fn record(memo: &dyn Memo, path: &Path, meta: &std::fs::Metadata, bytes: &[u8]) -> [u8; 32] {
    let hash = *blake3::hash(bytes).as_bytes();
    remember(memo, path, meta, hash);
    hash
}

/// Record that `path`, whose metadata is `meta` (taken before reading it),
/// holds bytes hashing to `hash`.
fn remember(memo: &dyn Memo, path: &Path, meta: &std::fs::Metadata, hash: [u8; 32]) {
    if settled(meta) {
        let known = Known {
            stamp: Stamp::of(meta),
            hash,
        };
        memo.put(KIND, &key(path), &memo::encode(&known));
    }
}

/// The hash of `path`'s content, and its bytes when they had to be read.
pub fn hash(memo: &dyn Memo, path: &Path) -> io::Result<([u8; 32], Option<Vec<u8>>)> {
    if let Some(hash) = known(memo, path) {
        return Ok((hash, None));
    }
    let bytes = read(memo, path)?;
    Ok((*blake3::hash(&bytes).as_bytes(), Some(bytes)))
}

/// Read `path` and record its stamp and hash for later builds.
pub fn read(memo: &dyn Memo, path: &Path) -> io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    let bytes = std::fs::read(path)?;
    remember(memo, path, &meta, *blake3::hash(&bytes).as_bytes());
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memo::testing::MapMemo;

    fn age(path: &Path, secs: u64) {
        let past = SystemTime::now() - Duration::from_secs(secs);
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(past)
            .unwrap();
    }

    #[test]
    fn a_settled_file_is_hashed_once_and_a_change_is_seen() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "one").unwrap();
        age(&file, 10);
        let memo = MapMemo::default();
        let (h1, bytes) = hash(&memo, &file).unwrap();
        assert_eq!(bytes.as_deref(), Some(&b"one"[..]), "read the first time");
        assert_eq!(known(&memo, &file), Some(h1), "then known without reading");
        // Same size, new content: the change time and mtime move.
        std::fs::write(&file, "two").unwrap();
        assert_eq!(known(&memo, &file), None);
        let (h2, bytes) = hash(&memo, &file).unwrap();
        assert!(bytes.is_some());
        assert_ne!(h1, h2);
    }

    #[test]
    fn a_file_changed_just_now_is_not_trusted_later() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "fresh").unwrap();
        let memo = MapMemo::default();
        hash(&memo, &file).unwrap();
        assert_eq!(known(&memo, &file), None, "racy: read again next time");
    }
}
