//! The build cache's store of per-article results ([`crate::memo::Memo`]):
//! one file per result under `.dossier-cache/<site>/memo/<kind>/<key>`,
//! each starting with a checksum over the `dossier` binary's id, the key and
//! the payload. An entry written by another binary, truncated or corrupt
//! fails the check and is recomputed, never trusted. After a successful
//! build, entries that build did not use are deleted.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::memo::Memo;

pub struct MemoStore {
    dir: PathBuf,
    binary: String,
    used: Mutex<BTreeSet<PathBuf>>,
    hits: AtomicUsize,
    misses: AtomicUsize,
    tmp: AtomicU64,
}

impl MemoStore {
    pub fn new(dir: PathBuf, binary: String) -> MemoStore {
        MemoStore {
            dir,
            binary,
            used: Mutex::new(BTreeSet::new()),
            hits: AtomicUsize::new(0),
            misses: AtomicUsize::new(0),
            tmp: AtomicU64::new(0),
        }
    }

    fn path(&self, kind: &str, key: &blake3::Hash) -> PathBuf {
        self.dir.join(kind).join(key.to_hex().as_str())
    }

    fn checksum(&self, kind: &str, key: &blake3::Hash, payload: &[u8]) -> blake3::Hash {
        crate::memo::key(
            "memo-entry",
            [
                self.binary.as_bytes(),
                kind.as_bytes(),
                key.as_bytes(),
                payload,
            ],
        )
    }

    /// (results reused, results computed) so far.
    pub fn stats(&self) -> (usize, usize) {
        (
            self.hits.load(Ordering::Relaxed),
            self.misses.load(Ordering::Relaxed),
        )
    }

    /// Delete every entry this build did not use (call after a successful
    /// build, so the store holds exactly what the next build may reuse).
    pub fn sweep(&self) -> std::io::Result<()> {
        let used = self.used.lock().expect("memo poisoned");
        if !self.dir.is_dir() {
            return Ok(());
        }
        for entry in walkdir::WalkDir::new(&self.dir).min_depth(2).max_depth(2) {
            let entry = entry?;
            if entry.file_type().is_file() && !used.contains(entry.path()) {
                std::fs::remove_file(entry.path())?;
            }
        }
        Ok(())
    }

    /// Where the store lives (for messages and tests).
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Memo for MemoStore {
    fn get(&self, kind: &str, key: &blake3::Hash) -> Option<Vec<u8>> {
        let path = self.path(kind, key);
        let found = std::fs::read(&path).ok().and_then(|bytes| {
            let (check, payload) = bytes.split_at_checked(32)?;
            (check == self.checksum(kind, key, payload).as_bytes()).then(|| payload.to_vec())
        });
        match found {
            Some(payload) => {
                self.hits.fetch_add(1, Ordering::Relaxed);
                self.used.lock().expect("memo poisoned").insert(path);
                Some(payload)
            }
            None => {
                self.misses.fetch_add(1, Ordering::Relaxed);
                None
            }
        }
    }

    fn put(&self, kind: &str, key: &blake3::Hash, bytes: &[u8]) {
        let path = self.path(kind, key);
        let Some(dir) = path.parent() else { return };
        let tmp = dir.join(format!(
            ".tmp-{}-{}",
            std::process::id(),
            self.tmp.fetch_add(1, Ordering::Relaxed)
        ));
        let mut data = Vec::with_capacity(32 + bytes.len());
        data.extend_from_slice(self.checksum(kind, key, bytes).as_bytes());
        data.extend_from_slice(bytes);
        // A result that cannot be stored is simply computed again next time.
        let stored = std::fs::create_dir_all(dir)
            .and_then(|()| std::fs::write(&tmp, &data))
            .and_then(|()| std::fs::rename(&tmp, &path));
        if stored.is_ok() {
            self.used.lock().expect("memo poisoned").insert(path);
        } else {
            let _ = std::fs::remove_file(&tmp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memo::{cached, key};

    #[test]
    fn results_survive_a_new_store_but_not_corruption_or_another_binary() {
        let dir = tempfile::tempdir().unwrap();
        let k = key("t", [&b"input"[..]]);
        let store = MemoStore::new(dir.path().to_path_buf(), "v1".into());
        let v: String = cached(&store, "kind", &k, || "computed".into());
        assert_eq!(v, "computed");
        let store = MemoStore::new(dir.path().to_path_buf(), "v1".into());
        let v: String = cached(&store, "kind", &k, || "again".into());
        assert_eq!(v, "computed");
        assert_eq!(store.stats(), (1, 0));

        // Another binary does not trust it.
        let other = MemoStore::new(dir.path().to_path_buf(), "v2".into());
        assert!(other.get("kind", &k).is_none());

        // A flipped byte is detected.
        let file = dir.path().join("kind").join(k.to_hex().as_str());
        let mut bytes = std::fs::read(&file).unwrap();
        *bytes.last_mut().unwrap() ^= 1;
        std::fs::write(&file, bytes).unwrap();
        let store = MemoStore::new(dir.path().to_path_buf(), "v1".into());
        assert!(store.get("kind", &k).is_none());
        std::fs::write(&file, b"short").unwrap();
        assert!(store.get("kind", &k).is_none());
    }

    #[test]
    fn sweep_keeps_only_what_the_build_used() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (key("t", [&b"a"[..]]), key("t", [&b"b"[..]]));
        let store = MemoStore::new(dir.path().to_path_buf(), "v1".into());
        store.put("kind", &a, b"A");
        store.put("kind", &b, b"B");
        let store = MemoStore::new(dir.path().to_path_buf(), "v1".into());
        assert_eq!(store.get("kind", &a).as_deref(), Some(&b"A"[..]));
        store.sweep().unwrap();
        assert!(store.dir().join("kind").join(a.to_hex().as_str()).exists());
        assert!(!store.dir().join("kind").join(b.to_hex().as_str()).exists());
    }
}
