//! The build cache's store of per-article results ([`crate::memo::Memo`]):
//! the entries of each kind of result in [`SHARDS`] pack files by the first
//! byte of their key, `.dossier-cache/<site>/memo/<kind>.<shard>.pack`,
//! each read whole when the build first asks for a key in it, and written
//! by [`Memo::done`] as soon as the stage that uses the kind is over (so the
//! build does not hold every stage's results to its end), and by
//! [`MemoStore::save`] for the rest after a successful build. One file per
//! kind, not per article: creating tens of thousands of small files costs
//! more than the work they would save; a few per kind, so that the files a
//! change touches are a fraction of a kind's results.
//!
//! A build appends the entries it computed to the end of their pack (a
//! later entry for a key replaces an earlier one), so adding an article to
//! a large site writes its new results, not every pack they fall in. A
//! pack is rewritten with exactly the entries the build used or computed
//! (so it does not grow with results nobody needs) when those would be
//! less than half of it, and when its end is torn (a build killed while
//! appending) or it is another binary's.
//!
//! Each entry carries a checksum over the `dossier` binary's id, the kind,
//! the key and the payload: an entry written by another binary, or a
//! truncated or corrupt one, fails the check and is recomputed, never
//! trusted. The checksum guards against accidents, not adversaries (whoever
//! can write the cache can write the site), so it is XXH3-128, which reads
//! the few hundred megabytes of a large site's packs in a few milliseconds;
//! the keys themselves are blake3.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use rayon::prelude::*;

use crate::memo::Memo;

const MAGIC: &[u8] = b"dossier-memo 2\n";

/// Bytes of an entry's checksum.
const CHECK: usize = 16;

/// An entry's key, checksum and payload length come before its payload.
const HEADER: usize = 32 + CHECK + 8;

/// A pack file as read, and where each valid entry's payload lies (the
/// last entry of each key). Never changed once read, so lookups in it take
/// no lock.
#[derive(Default)]
struct Loaded {
    bytes: Vec<u8>,
    index: BTreeMap<[u8; 32], (usize, usize)>,
    /// Length of the file as read (its bytes are dropped when none of its
    /// entries can be used).
    len: usize,
    /// It is a pack of usable entries that run to its end: new ones may
    /// follow.
    appendable: bool,
}

/// What this build did with one pack.
#[derive(Default)]
struct Use {
    /// Keys this build read from the pack.
    used: Vec<[u8; 32]>,
    /// Entries this build computed.
    added: BTreeMap<[u8; 32], Vec<u8>>,
    /// Lookups that found an entry, and that did not.
    hits: usize,
    misses: usize,
}

/// One shard of a kind: read when a key in it is first asked for (by
/// whichever thread asks; others asking meanwhile wait for that read, not
/// for the other shards), and what the build did with it under a lock of
/// its own.
#[derive(Default)]
struct Shard {
    loaded: OnceLock<Loaded>,
    uses: Mutex<Use>,
}

impl Shard {
    fn uses(&self) -> std::sync::MutexGuard<'_, Use> {
        self.uses.lock().expect("memo shard poisoned")
    }
}

/// The shards of one kind.
struct Kind {
    shards: Vec<Shard>,
}

impl Kind {
    fn new() -> Kind {
        Kind {
            shards: (0..SHARDS).map(|_| Shard::default()).collect(),
        }
    }

    /// (hits, misses) over its shards.
    fn counts(&self) -> (usize, usize) {
        self.shards.iter().fold((0, 0), |(h, m), s| {
            let u = s.uses();
            (h + u.hits, m + u.misses)
        })
    }
}

pub struct MemoStore {
    dir: PathBuf,
    binary: String,
    packs: Mutex<Packs>,
}

/// Pack files per kind.
pub const SHARDS: u8 = 16;

/// The shard of a key.
fn shard(key: &[u8; 32]) -> u8 {
    key[0] % SHARDS
}

/// Every kind this build asked for: a kind is open until [`Memo::done`]
/// writes it out, and never opened again after. The lock is held only to
/// find a kind, never while a pack is read or an entry copied.
#[derive(Default)]
struct Packs {
    open: BTreeMap<String, Arc<Kind>>,
    /// Kinds written out by [`Memo::done`]: their (hits, misses).
    done: BTreeMap<String, (usize, usize)>,
    /// The first error writing one of those (reported by [`MemoStore::save`]).
    error: Option<std::io::Error>,
}

impl MemoStore {
    pub fn new(dir: PathBuf, binary: String) -> MemoStore {
        MemoStore {
            dir,
            binary,
            packs: Mutex::default(),
        }
    }

    fn packs(&self) -> std::sync::MutexGuard<'_, Packs> {
        self.packs.lock().expect("memo poisoned")
    }

    /// The shards of `kind`; none once the kind is done (asking then is a
    /// bug: in release builds it counts as no memo).
    fn kind(&self, kind: &str) -> Option<Arc<Kind>> {
        let mut packs = self.packs();
        let done = packs.done.contains_key(kind);
        debug_assert!(!done, "memo kind {kind} used after it was done");
        if done {
            return None;
        }
        Some(Arc::clone(
            packs
                .open
                .entry(kind.to_string())
                .or_insert_with(|| Arc::new(Kind::new())),
        ))
    }

    /// The pack of `kind` that holds `key`, read on first use.
    fn loaded<'k>(&self, kind: &str, shards: &'k Kind, key: &[u8; 32]) -> (&'k Shard, &'k Loaded) {
        let n = shard(key);
        let shard = &shards.shards[usize::from(n)];
        (shard, shard.loaded.get_or_init(|| self.read(kind, n)))
    }

    fn file(&self, kind: &str, shard: u8) -> PathBuf {
        self.dir.join(format!("{kind}.{shard:x}.pack"))
    }

    fn checksum(&self, kind: &str, key: &[u8; 32], payload: &[u8]) -> [u8; CHECK] {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        for part in [self.binary.as_bytes(), kind.as_bytes(), key, payload] {
            h.update(&(part.len() as u64).to_le_bytes());
            h.update(part);
        }
        h.digest128().to_le_bytes()
    }

    /// Read a pack of `kind`, keeping only entries whose checksum holds.
    /// (On the thread that asked, with no parallel work inside: a thread
    /// that waited for rayon here could be handed a job that asks for the
    /// same shard while it is being read. Different shards are read by
    /// different threads at once.)
    fn read(&self, kind: &str, shard: u8) -> Loaded {
        let bytes = std::fs::read(self.file(kind, shard)).unwrap_or_default();
        let mut index = BTreeMap::new();
        let mut appendable = false;
        if let Some(mut rest) = bytes.strip_prefix(MAGIC) {
            let mut at = MAGIC.len();
            while let Some((key, check, len)) = header(rest) {
                let Some(payload) = rest.get(HEADER..HEADER + len) else {
                    break;
                };
                if check == self.checksum(kind, &key, payload) {
                    index.insert(key, (at + HEADER, len));
                }
                rest = &rest[HEADER + len..];
                at += HEADER + len;
            }
            // Not after a torn end, nor to a pack none of whose entries
            // holds (another binary's): those are rewritten.
            appendable = rest.is_empty() && !index.is_empty();
        }
        let len = bytes.len();
        if index.is_empty() {
            // Nothing in it can be used (a pack of another binary, say):
            // its bytes are not kept for the rest of the stage.
            return Loaded {
                len,
                appendable,
                ..Loaded::default()
            };
        }
        Loaded {
            bytes,
            index,
            len,
            appendable,
        }
    }

    /// (results reused, results computed) so far, over the given kinds.
    pub fn stats(&self, kinds: &[&str]) -> (usize, usize) {
        let packs = self.packs();
        kinds
            .iter()
            .filter_map(|k| {
                let open = packs.open.get(*k).map(|kind| kind.counts());
                open.or_else(|| packs.done.get(*k).copied())
            })
            .fold((0, 0), |(h, m), (hits, misses)| (h + hits, m + misses))
    }

    /// Rewrite every pack this build touched and [`Memo::done`] did not
    /// write already, with exactly the entries it used or added (call after
    /// a successful build). Entries read from the pack keep the checksum
    /// they were checked against; a pack whose bytes would not change is not
    /// written. Every pack is tried; the first error is returned.
    pub fn save(&self) -> std::io::Result<()> {
        let (open, mut first) = {
            let mut packs = self.packs();
            let open: Vec<(String, Arc<Kind>)> = packs
                .open
                .iter()
                .map(|(name, kind)| (name.clone(), Arc::clone(kind)))
                .collect();
            (open, packs.error.take())
        };
        for (name, kind) in &open {
            if let Err(e) = self.write_kind(name, kind) {
                first.get_or_insert(e);
            }
        }
        first.map_or(Ok(()), Err)
    }

    /// Write the packs of `kind` (in parallel): the shards this build read
    /// as [`MemoStore::write`] says, the others (nothing in them was used)
    /// removed, and so is a pack of the former one-file-per-kind layout.
    fn write_kind(&self, name: &str, kind: &Kind) -> std::io::Result<()> {
        let remove = |file: PathBuf| match std::fs::remove_file(file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        };
        remove(self.dir.join(format!("{name}.pack")))?;
        (0..SHARDS)
            .into_par_iter()
            .map(|n| {
                let shard = &kind.shards[usize::from(n)];
                match shard.loaded.get() {
                    Some(loaded) => self.write(name, n, loaded, &shard.uses()),
                    None => remove(self.file(name, n)),
                }
            })
            .collect::<Vec<_>>()
            .into_iter()
            .collect()
    }

    /// Write what this build did with a pack of `kind`: append the entries
    /// it computed that the pack does not hold already, or rewrite it with
    /// the entries it used or computed when those would be less than half
    /// of it, or it cannot be appended to (see the module's notes). A pack
    /// that would not change is not written.
    fn write(&self, kind: &str, shard: u8, pack: &Loaded, uses: &Use) -> std::io::Result<()> {
        // key → (checksum, payload)
        let mut entries: BTreeMap<[u8; 32], ([u8; CHECK], &[u8])> = BTreeMap::new();
        for key in &uses.used {
            let (at, len) = pack.index[key];
            let check = pack.bytes[at - 8 - CHECK..at - 8]
                .try_into()
                .expect("a checksum");
            entries.insert(*key, (check, &pack.bytes[at..at + len]));
        }
        let mut fresh = Vec::new();
        for (key, payload) in &uses.added {
            let check = self.checksum(kind, key, payload);
            entries.insert(*key, (check, payload));
            let held = pack
                .index
                .get(key)
                .is_some_and(|&(at, len)| pack.bytes[at..at + len] == payload[..]);
            if !held {
                fresh.push((key, check, &payload[..]));
            }
        }
        let size: usize = entries.values().map(|(_, p)| HEADER + p.len()).sum();
        let appended: usize = fresh.iter().map(|(_, _, p)| HEADER + p.len()).sum();
        let file = self.file(kind, shard);
        if pack.appendable && pack.len - MAGIC.len() + appended <= 2 * size {
            if fresh.is_empty() {
                return Ok(());
            }
            let mut out =
                std::io::BufWriter::new(std::fs::File::options().append(true).open(&file)?);
            for (key, check, payload) in fresh {
                write_entry(&mut out, key, &check, payload)?;
            }
            return out
                .into_inner()
                .map_err(std::io::IntoInnerError::into_error)
                .map(drop);
        }
        // The pack is compared with the file as read, then written out
        // entry by entry: never a second copy of it in memory.
        let mut old = pack
            .bytes
            .strip_prefix(MAGIC)
            .filter(|rest| rest.len() == size && pack.len == pack.bytes.len());
        if let Some(rest) = &mut old {
            let same = entries.iter().all(|(key, (check, payload))| {
                let (head, tail) = rest.split_at(HEADER + payload.len());
                *rest = tail;
                head[..32] == key[..]
                    && head[32..32 + CHECK] == check[..]
                    && head[32 + CHECK..HEADER] == (payload.len() as u64).to_le_bytes()
                    && head[HEADER..] == payload[..]
            });
            if same {
                return Ok(());
            }
        }
        std::fs::create_dir_all(&self.dir)?;
        let tmp = file.with_extension(format!("tmp-{}", std::process::id()));
        let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        out.write_all(MAGIC)?;
        for (key, (check, payload)) in entries {
            write_entry(&mut out, &key, &check, payload)?;
        }
        out.into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        std::fs::rename(&tmp, &file)
    }

    /// Where the store lives (for messages and tests).
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

/// Write one entry: key, checksum, payload length and payload.
fn write_entry(
    out: &mut impl Write,
    key: &[u8; 32],
    check: &[u8; CHECK],
    payload: &[u8],
) -> std::io::Result<()> {
    out.write_all(key)?;
    out.write_all(check)?;
    out.write_all(&(payload.len() as u64).to_le_bytes())?;
    out.write_all(payload)
}

/// An entry's key, checksum and payload length.
fn header(bytes: &[u8]) -> Option<([u8; 32], [u8; CHECK], usize)> {
    let key = bytes.get(0..32)?.try_into().ok()?;
    let check = bytes.get(32..32 + CHECK)?.try_into().ok()?;
    let len = u64::from_le_bytes(bytes.get(32 + CHECK..HEADER)?.try_into().ok()?);
    Some((key, check, usize::try_from(len).ok()?))
}

impl Memo for MemoStore {
    fn get(&self, kind: &str, key: &blake3::Hash) -> Option<Vec<u8>> {
        let key = *key.as_bytes();
        let shards = self.kind(kind)?;
        let (shard, pack) = self.loaded(kind, &shards, &key);
        let found = pack
            .index
            .get(&key)
            .map(|&(at, len)| pack.bytes[at..at + len].to_vec());
        let mut uses = shard.uses();
        match found {
            Some(payload) => {
                uses.used.push(key);
                uses.hits += 1;
                Some(payload)
            }
            None => {
                uses.misses += 1;
                None
            }
        }
    }

    fn reject(&self, kind: &str, key: &blake3::Hash) {
        let key = *key.as_bytes();
        let Some(shards) = self.packs().open.get(kind).map(Arc::clone) else {
            return;
        };
        let shard = &shards.shards[usize::from(shard(&key))];
        if shard.loaded.get().is_none() {
            return;
        }
        let mut uses = shard.uses();
        if let Some(at) = uses.used.iter().rposition(|k| *k == key) {
            uses.used.remove(at);
            uses.hits -= 1;
            uses.misses += 1;
        }
    }

    fn put(&self, kind: &str, key: &blake3::Hash, bytes: &[u8]) {
        let key = *key.as_bytes();
        if let Some(shards) = self.kind(kind) {
            let (shard, _) = self.loaded(kind, &shards, &key);
            shard.uses().added.insert(key, bytes.to_vec());
        }
    }

    fn done(&self, kinds: &[&str]) {
        for name in kinds {
            // Closed under the lock, written outside it.
            let kind = {
                let mut packs = self.packs();
                let Some(kind) = packs.open.remove(*name) else {
                    continue;
                };
                packs.done.insert(name.to_string(), kind.counts());
                kind
            };
            if let Err(e) = self.write_kind(name, &kind) {
                self.packs().error.get_or_insert(e);
            }
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
        // Two keys in one pack.
        let k = key("t", [&b"input"[..]]);
        let k2 = (0u32..)
            .map(|i| key("t", [&i.to_le_bytes()[..]]))
            .find(|k2| shard(k2.as_bytes()) == shard(k.as_bytes()))
            .unwrap();
        let store = MemoStore::new(dir.path().to_path_buf(), "v1".into());
        let v: String = cached(&store, "kind", &k, || "computed".into());
        assert_eq!(v, "computed");
        let _: String = cached(&store, "kind", &k2, || "second".into());
        store.save().unwrap();
        let store = MemoStore::new(dir.path().to_path_buf(), "v1".into());
        let v: String = cached(&store, "kind", &k, || "again".into());
        assert_eq!(v, "computed");
        assert_eq!(store.stats(&["kind"]), (1, 0));

        // Another binary does not trust it.
        let other = MemoStore::new(dir.path().to_path_buf(), "v2".into());
        assert!(other.get("kind", &k).is_none());
        // ...and does not hold the pack it cannot use.
        let kind = other.kind("kind").unwrap();
        let n = usize::from(shard(k.as_bytes()));
        assert!(kind.shards[n].loaded.get().unwrap().bytes.is_empty());

        // A flipped byte in the last entry loses that entry only; a
        // truncated pack keeps the entries before the cut.
        let file = pack(dir.path(), "kind", &k2);
        let good = std::fs::read(&file).unwrap();
        let mut bytes = good.clone();
        *bytes.last_mut().unwrap() ^= 1;
        std::fs::write(&file, &bytes).unwrap();
        let store = MemoStore::new(dir.path().to_path_buf(), "v1".into());
        let found = [
            store.get("kind", &k).is_some(),
            store.get("kind", &k2).is_some(),
        ];
        assert_eq!(found.iter().filter(|f| **f).count(), 1, "{found:?}");
        std::fs::write(&file, &good[..good.len() - 3]).unwrap();
        let store = MemoStore::new(dir.path().to_path_buf(), "v1".into());
        let found = [
            store.get("kind", &k).is_some(),
            store.get("kind", &k2).is_some(),
        ];
        assert_eq!(found.iter().filter(|f| **f).count(), 1, "{found:?}");
        std::fs::write(&file, b"garbage").unwrap();
        let store = MemoStore::new(dir.path().to_path_buf(), "v1".into());
        assert!(store.get("kind", &k).is_none());
    }

    #[test]
    fn a_kind_done_is_written_at_once_and_left_alone_by_save() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (key("t", [&b"a"[..]]), key("t", [&b"b"[..]]));
        let store = MemoStore::new(dir.path().to_path_buf(), "v1".into());
        let _: String = cached(&store, "early", &a, || "A".into());
        store.put("late", &b, b"B");
        store.done(&["early", "never-asked"]);
        assert!(pack(dir.path(), "early", &a).is_file(), "written by done");
        assert!(!pack(dir.path(), "late", &b).exists(), "not before save");
        assert!(!pack(dir.path(), "never-asked", &a).exists());
        assert_eq!(
            store.stats(&["early", "late"]),
            (0, 1),
            "stats outlive done"
        );
        store.save().unwrap();
        let store = MemoStore::new(dir.path().to_path_buf(), "v1".into());
        let v: String = cached(&store, "early", &a, || "recomputed".into());
        assert_eq!(v, "A");
        assert_eq!(store.get("late", &b).as_deref(), Some(&b"B"[..]));
    }

    /// The pack file that holds `key` of `kind`.
    fn pack(dir: &Path, kind: &str, key: &blake3::Hash) -> PathBuf {
        dir.join(format!("{kind}.{:x}.pack", shard(key.as_bytes())))
    }

    /// Keys of `kind`, one in each shard.
    fn one_per_shard() -> Vec<blake3::Hash> {
        let mut keys: BTreeMap<u8, blake3::Hash> = BTreeMap::new();
        for i in 0u32.. {
            let k = key("t", [&i.to_le_bytes()[..]]);
            keys.entry(shard(k.as_bytes())).or_insert(k);
            if keys.len() == usize::from(SHARDS) {
                break;
            }
        }
        keys.into_values().collect()
    }

    #[test]
    fn a_changed_entry_is_appended_to_its_shard_only_and_unused_shards_go() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let keys = one_per_shard();
        let store = MemoStore::new(dir.path().to_path_buf(), "v1".into());
        for k in &keys {
            store.put("kind", k, b"first");
        }
        // A pack of the former layout, one file per kind.
        std::fs::write(dir.path().join("kind.pack"), MAGIC).unwrap();
        store.save().unwrap();
        assert!(
            !dir.path().join("kind.pack").exists(),
            "the old layout is removed"
        );
        let files = || -> Vec<(u64, u64)> {
            keys.iter()
                .map(|k| {
                    std::fs::metadata(pack(dir.path(), "kind", k))
                        .map_or((0, 0), |m| (m.ino(), m.len()))
                })
                .collect()
        };
        let before = files();
        assert!(before.iter().all(|f| f.0 != 0), "one file per shard");

        // A build that uses every entry and changes one.
        let store = MemoStore::new(dir.path().to_path_buf(), "v1".into());
        for k in &keys[1..] {
            assert_eq!(store.get("kind", k).as_deref(), Some(&b"first"[..]));
        }
        store.put("kind", &keys[0], b"second");
        store.save().unwrap();
        let after = files();
        assert_eq!(after[0].0, before[0].0, "its shard is appended to");
        assert_eq!(after[0].1, before[0].1 + (HEADER + 6) as u64);
        assert_eq!(after[1..], before[1..], "the others are left alone");
        let store = MemoStore::new(dir.path().to_path_buf(), "v1".into());
        assert_eq!(store.get("kind", &keys[0]).as_deref(), Some(&b"second"[..]));

        // A build that uses one entry: the shards holding nothing it used go.
        store.save().unwrap();
        let left = files();
        assert_ne!(left[0].0, 0);
        assert!(left[1..].iter().all(|f| f.0 == 0), "{left:?}");
    }

    /// A key in the shard of `keys[0]`, other than those.
    fn same_shard(keys: &[blake3::Hash]) -> blake3::Hash {
        (0u32..)
            .map(|i| key("t", [&i.to_le_bytes()[..]]))
            .find(|k| shard(k.as_bytes()) == shard(keys[0].as_bytes()) && !keys.contains(k))
            .unwrap()
    }

    /// A store in `dir` that saved `A` and `B` under two keys of one pack.
    fn saved_pair(dir: &Path) -> (blake3::Hash, blake3::Hash) {
        let a = key("t", [&b"a"[..]]);
        let b = same_shard(&[a]);
        let store = MemoStore::new(dir.to_path_buf(), "v1".into());
        store.put("kind", &a, b"A");
        store.put("kind", &b, b"B");
        store.save().unwrap();
        (a, b)
    }

    #[test]
    fn a_pack_is_written_only_when_its_entries_change_and_rewritten_when_mostly_stale() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = saved_pair(dir.path());
        let file = pack(dir.path(), "kind", &b);
        let stat = || {
            let m = std::fs::metadata(&file).unwrap();
            (m.ino(), m.len())
        };
        let first = stat();
        // The same entries, one read and one recomputed: not written.
        let store = MemoStore::new(dir.path().to_path_buf(), "v1".into());
        assert!(store.get("kind", &a).is_some());
        store.put("kind", &b, b"B");
        store.save().unwrap();
        assert_eq!(stat(), first);
        // One payload changes: appended, and the later entry is read back.
        let store = MemoStore::new(dir.path().to_path_buf(), "v1".into());
        assert!(store.get("kind", &a).is_some());
        store.put("kind", &b, b"C");
        store.save().unwrap();
        assert_eq!(stat(), (first.0, first.1 + (HEADER + 1) as u64));
        let store = MemoStore::new(dir.path().to_path_buf(), "v1".into());
        assert_eq!(store.get("kind", &b).as_deref(), Some(&b"C"[..]));
        assert_eq!(store.get("kind", &a).as_deref(), Some(&b"A"[..]));
        store.save().unwrap();
        // Changed again: appended while the stale entries are at most half
        // of it, then rewritten with the two that hold.
        let change = |to: &[u8]| {
            let store = MemoStore::new(dir.path().to_path_buf(), "v1".into());
            assert!(store.get("kind", &a).is_some());
            store.put("kind", &b, to);
            store.save().unwrap();
        };
        change(b"D");
        assert_eq!(stat(), (first.0, first.1 + 2 * (HEADER + 1) as u64));
        change(b"E");
        assert_ne!(stat().0, first.0);
        assert_eq!(stat().1, first.1);
        let store = MemoStore::new(dir.path().to_path_buf(), "v1".into());
        assert_eq!(store.get("kind", &b).as_deref(), Some(&b"E"[..]));
        assert_eq!(store.get("kind", &a).as_deref(), Some(&b"A"[..]));
    }

    #[test]
    fn a_torn_end_or_another_binarys_pack_is_rewritten_not_appended_to() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = saved_pair(dir.path());
        let file = pack(dir.path(), "kind", &b);
        // A build killed while appending: half an entry at the end.
        let mut bytes = std::fs::read(&file).unwrap();
        let whole = bytes.len() as u64;
        bytes.extend_from_slice(&[7; HEADER / 2]);
        std::fs::write(&file, &bytes).unwrap();
        let store = MemoStore::new(dir.path().to_path_buf(), "v1".into());
        assert_eq!(store.get("kind", &a).as_deref(), Some(&b"A"[..]));
        assert_eq!(store.get("kind", &b).as_deref(), Some(&b"B"[..]));
        store.put("kind", &a, b"E");
        store.save().unwrap();
        assert_eq!(std::fs::metadata(&file).unwrap().len(), whole);
        let store = MemoStore::new(dir.path().to_path_buf(), "v1".into());
        assert_eq!(store.get("kind", &a).as_deref(), Some(&b"E"[..]));
        assert_eq!(store.get("kind", &b).as_deref(), Some(&b"B"[..]));

        // Another binary computes both again: its pack replaces this one.
        let ino = std::fs::metadata(&file).unwrap().ino();
        let other = MemoStore::new(dir.path().to_path_buf(), "v2".into());
        assert!(other.get("kind", &a).is_none());
        other.put("kind", &a, b"A2");
        other.put("kind", &b, b"B2");
        other.save().unwrap();
        assert_ne!(std::fs::metadata(&file).unwrap().ino(), ino);
        assert_eq!(std::fs::metadata(&file).unwrap().len(), whole + 2);
    }

    #[test]
    fn entries_no_build_uses_are_dropped_once_they_are_most_of_a_pack() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = saved_pair(dir.path());
        let file = pack(dir.path(), "kind", &b);
        let len = || std::fs::metadata(&file).unwrap().len();
        let full = len();
        // Half of it unused: left as it is.
        let store = MemoStore::new(dir.path().to_path_buf(), "v1".into());
        assert_eq!(store.get("kind", &a).as_deref(), Some(&b"A"[..]));
        store.save().unwrap();
        assert_eq!(len(), full);
        // Most of it unused (a third key in the pack, never asked for again).
        let c = same_shard(&[a, b]);
        let store = MemoStore::new(dir.path().to_path_buf(), "v1".into());
        assert!(store.get("kind", &a).is_some());
        assert!(store.get("kind", &b).is_some());
        store.put("kind", &c, b"C");
        store.save().unwrap();
        let store = MemoStore::new(dir.path().to_path_buf(), "v1".into());
        assert_eq!(store.get("kind", &c).as_deref(), Some(&b"C"[..]));
        store.save().unwrap();
        let store = MemoStore::new(dir.path().to_path_buf(), "v1".into());
        assert_eq!(store.get("kind", &c).as_deref(), Some(&b"C"[..]));
        assert!(store.get("kind", &a).is_none());
        assert!(store.get("kind", &b).is_none());
        assert_eq!(len(), (MAGIC.len() + HEADER + 1) as u64);
    }

    #[test]
    fn an_entry_that_does_not_read_back_counts_as_computed_and_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let k = key("t", [&b"a"[..]]);
        let store = MemoStore::new(dir.path().to_path_buf(), "v1".into());
        // Bytes that do not read back as the type asked for (as happens
        // when a type's encoding cannot be read back).
        store.put("kind", &k, &[0xff, 0xff, 0xff]);
        store.save().unwrap();
        let store = MemoStore::new(dir.path().to_path_buf(), "v1".into());
        let v: Vec<u64> = cached(&store, "kind", &k, || vec![7]);
        assert_eq!(v, [7]);
        assert_eq!(store.stats(&["kind"]), (0, 1), "not reported as reused");
        store.save().unwrap();
        let store = MemoStore::new(dir.path().to_path_buf(), "v1".into());
        let v: Vec<u64> = cached(&store, "kind", &k, || vec![8]);
        assert_eq!(v, [7], "the recomputed value replaced the unreadable one");
    }
}
