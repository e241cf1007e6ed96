//! Memoised per-article work. The stages that do per-article work (ingest,
//! entity and fact extraction) ask a [`Memo`] before computing, keyed by a
//! hash of everything the result depends on; the site stage provides the
//! store (files in the build cache), tests and `check` use [`NoMemo`].
//!
//! A key must cover every input of the computation: the stage hashes its
//! inputs itself (see [`key`]), and the store adds the identity of the
//! `dossier` binary, so a result computed by another version is never used.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// A store of results by kind and key. Implementations are thread-safe and
/// may forget anything at any time; a result they return must be exactly
/// the bytes stored under that key (corrupt entries are dropped, not
/// returned).
pub trait Memo: Sync {
    fn get(&self, kind: &str, key: &blake3::Hash) -> Option<Vec<u8>>;
    fn put(&self, kind: &str, key: &blake3::Hash, bytes: &[u8]);
    /// The entry [`Memo::get`] just returned could not be read back: count
    /// it as missing, and do not keep it.
    fn reject(&self, _kind: &str, _key: &blake3::Hash) {}
    /// The build will not ask for these kinds again: a store may write
    /// them out and free them now rather than hold them to the end.
    fn done(&self, _kinds: &[&str]) {}
}

/// Remembers nothing.
pub struct NoMemo;

impl Memo for NoMemo {
    fn get(&self, _: &str, _: &blake3::Hash) -> Option<Vec<u8>> {
        None
    }
    fn put(&self, _: &str, _: &blake3::Hash, _: &[u8]) {}
}

/// The hash of a sequence of inputs, each length-prefixed so that
/// `["ab", "c"]` and `["a", "bc"]` differ.
pub fn key<'a>(kind: &str, parts: impl IntoIterator<Item = &'a [u8]>) -> blake3::Hash {
    let mut h = Hasher::new();
    h.update(kind.as_bytes());
    for part in parts {
        h.update(&(part.len() as u64).to_le_bytes());
        h.update(part);
    }
    h.finalize()
}

/// [`key`] over the [`encode`]d form of each item, without holding the
/// encodings.
pub fn key_of_encoded<'a, T: Serialize + 'a>(
    kind: &str,
    items: impl IntoIterator<Item = &'a T>,
) -> blake3::Hash {
    let mut h = Hasher::new();
    h.update(kind.as_bytes());
    let mut buf = Vec::new();
    for item in items {
        buf.clear();
        buf = postcard::to_extend(item, buf).expect("in-memory values always serialise");
        h.update(&(buf.len() as u64).to_le_bytes());
        h.update(&buf);
    }
    h.finalize()
}

/// The hash of a value through its [`std::hash::Hash`] implementation (for
/// keys over structured inputs: a derived `Hash` feeds every field, with
/// the length of every string and list, so distinct values hash apart).
pub fn fingerprint(kind: &str, value: &impl std::hash::Hash) -> blake3::Hash {
    let mut print = Hasher::new();
    print.update(kind.as_bytes());
    print.update(&[0xff]);
    value.hash(&mut print);
    print.finalize()
}

/// blake3 over many small writes, at the speed of large ones: writes are
/// gathered and handed to blake3 in whole runs of [`Hasher::RUN`] bytes,
/// which it hashes many chunks at a time (SIMD), where small writes would
/// go through one 64-byte block after another. The hash is the same as
/// blake3 of all the bytes written, however they were split.
pub struct Hasher {
    inner: blake3::Hasher,
    buf: Vec<u8>,
}

impl Hasher {
    /// 16 blake3 chunks: as many as its widest SIMD path takes at once.
    const RUN: usize = 16 * 1024;

    pub fn new() -> Hasher {
        Hasher {
            inner: blake3::Hasher::new(),
            buf: Vec::new(),
        }
    }

    pub fn update(&mut self, mut bytes: &[u8]) {
        if self.buf.len() + bytes.len() < Self::RUN {
            self.buf.extend_from_slice(bytes);
            return;
        }
        // Top the buffer up to a whole run, then pass whole runs straight
        // through (what was handed over so far is a multiple of RUN, so
        // chunk boundaries stay aligned), and keep the rest.
        let fill = Self::RUN - self.buf.len();
        self.buf.extend_from_slice(&bytes[..fill]);
        self.inner.update(&self.buf);
        self.buf.clear();
        bytes = &bytes[fill..];
        let whole = bytes.len() - bytes.len() % Self::RUN;
        self.inner.update(&bytes[..whole]);
        self.buf.extend_from_slice(&bytes[whole..]);
    }

    pub fn finalize(&self) -> blake3::Hash {
        let mut inner = self.inner.clone();
        inner.update(&self.buf);
        inner.finalize()
    }
}

impl Default for Hasher {
    fn default() -> Hasher {
        Hasher::new()
    }
}

/// Feeds what [`std::hash::Hash`] writes into blake3.
impl std::hash::Hasher for Hasher {
    fn write(&mut self, bytes: &[u8]) {
        self.update(bytes);
    }

    fn finish(&self) -> u64 {
        let hash = self.finalize();
        u64::from_le_bytes(hash.as_bytes()[..8].try_into().expect("8 bytes"))
    }
}

/// The compact binary form of a value, for keys and stored results.
pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    postcard::to_stdvec(value).expect("in-memory values always serialise")
}

/// The stored value for `key`, if there is one that reads back as a `T`.
pub fn decoded<T: DeserializeOwned>(memo: &dyn Memo, kind: &str, key: &blake3::Hash) -> Option<T> {
    reading(memo, kind, key, |bytes| postcard::from_bytes(bytes))
}

/// What `read` makes of the stored bytes for `key` while they are held
/// (for values that borrow from them), if there are any and it reads them.
pub fn reading<R>(
    memo: &dyn Memo,
    kind: &str,
    key: &blake3::Hash,
    read: impl FnOnce(&[u8]) -> postcard::Result<R>,
) -> Option<R> {
    let bytes = memo.get(kind, key)?;
    let value = read(&bytes).ok();
    if value.is_none() {
        memo.reject(kind, key);
    }
    value
}

/// The stored result for `key`, or `compute()` (then stored).
pub fn cached<T: Serialize + DeserializeOwned>(
    memo: &dyn Memo,
    kind: &str,
    key: &blake3::Hash,
    compute: impl FnOnce() -> T,
) -> T {
    if let Some(value) = decoded(memo, kind, key) {
        return value;
    }
    let value = compute();
    memo.put(kind, key, &encode(&value));
    value
}

/// The stored form ([`encode`]) of the result for `key`, or of `compute()`
/// (then stored), undecoded: for a caller that hashes results before it
/// decides whether to decode them.
pub fn stored<T: Serialize>(
    memo: &dyn Memo,
    kind: &str,
    key: &blake3::Hash,
    compute: impl FnOnce() -> T,
) -> Vec<u8> {
    memo.get(kind, key).unwrap_or_else(|| {
        let bytes = encode(&compute());
        memo.put(kind, key, &bytes);
        bytes
    })
}

/// [`cached`], with the hash of the value's stored form ([`encode`]): two
/// results with the same hash are the same, so a later stage can tell
/// that what it is made from did not change without encoding it again.
pub fn cached_hashed<T: Serialize + DeserializeOwned>(
    memo: &dyn Memo,
    kind: &str,
    key: &blake3::Hash,
    compute: impl FnOnce() -> T,
) -> (T, blake3::Hash) {
    if let Some(bytes) = memo.get(kind, key) {
        match postcard::from_bytes(&bytes) {
            Ok(value) => return (value, blake3::hash(&bytes)),
            Err(_) => memo.reject(kind, key),
        }
    }
    let value = compute();
    let bytes = encode(&value);
    memo.put(kind, key, &bytes);
    (value, blake3::hash(&bytes))
}

/// A memo in memory, for unit tests of the stages that use one.
#[cfg(test)]
pub mod testing {
    use std::collections::BTreeMap;
    use std::sync::Mutex;

    use super::Memo;

    type Entries = BTreeMap<(String, [u8; 32]), Vec<u8>>;

    #[derive(Default)]
    pub struct MapMemo(Mutex<Entries>);

    impl MapMemo {
        /// The keys stored under `kind`, in order.
        pub fn keys(&self, kind: &str) -> Vec<blake3::Hash> {
            let map = self.0.lock().unwrap();
            map.keys()
                .filter(|(k, _)| k == kind)
                .map(|(_, key)| blake3::Hash::from_bytes(*key))
                .collect()
        }
    }

    impl Memo for MapMemo {
        fn get(&self, kind: &str, key: &blake3::Hash) -> Option<Vec<u8>> {
            let map = self.0.lock().unwrap();
            map.get(&(kind.into(), *key.as_bytes())).cloned()
        }
        fn put(&self, kind: &str, key: &blake3::Hash, bytes: &[u8]) {
            let mut map = self.0.lock().unwrap();
            map.insert((kind.into(), *key.as_bytes()), bytes.to_vec());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::MapMemo;
    use super::*;

    #[test]
    fn the_buffered_hasher_gives_blake3_of_the_bytes_however_they_are_split() {
        let bytes: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let whole = blake3::hash(&bytes);
        for split in [
            1,
            7,
            64,
            1000,
            Hasher::RUN - 1,
            Hasher::RUN,
            3 * Hasher::RUN + 5,
        ] {
            let mut h = Hasher::new();
            for piece in bytes.chunks(split) {
                h.update(piece);
            }
            assert_eq!(h.finalize(), whole, "pieces of {split}");
        }
        // Pieces of varying sizes, around the run boundaries.
        let mut h = Hasher::new();
        let mut rest = &bytes[..];
        for n in [3usize, Hasher::RUN - 3, 1, 2 * Hasher::RUN + 1, 0, 10]
            .iter()
            .cycle()
        {
            if rest.is_empty() {
                break;
            }
            let n = (*n).min(rest.len());
            h.update(&rest[..n]);
            rest = &rest[n..];
        }
        assert_eq!(h.finalize(), whole);
        assert_eq!(Hasher::new().finalize(), blake3::hash(b""));
    }

    #[test]
    fn a_key_over_encoded_items_is_the_key_over_their_encodings() {
        let items = [(1u32, "a".to_string()), (70_000, "bé".repeat(3000))];
        let encoded: Vec<Vec<u8>> = items.iter().map(encode).collect();
        assert_eq!(
            key_of_encoded("t", &items),
            key("t", encoded.iter().map(Vec::as_slice))
        );
        assert_eq!(key_of_encoded::<u8>("t", []), key("t", []));
    }

    #[test]
    fn computes_once_per_key_and_keys_are_unambiguous() {
        let memo = MapMemo::default();
        let k = key("t", [&b"ab"[..], b"c"]);
        assert_ne!(k, key("t", [&b"a"[..], b"bc"]));
        assert_ne!(k, key("u", [&b"ab"[..], b"c"]));
        let mut runs = 0;
        for _ in 0..3 {
            let v: Vec<String> = cached(&memo, "t", &k, || {
                runs += 1;
                vec!["x".to_string()]
            });
            assert_eq!(v, ["x"]);
        }
        assert_eq!(runs, 1);
        // A stored value that does not decode is recomputed.
        memo.put("t", &k, &[0xff, 0xff, 0xff]);
        let v: Vec<String> = cached(&memo, "t", &k, || vec!["y".to_string()]);
        assert_eq!(v, ["y"]);
        // NoMemo always computes.
        let v: u32 = cached(&NoMemo, "t", &k, || 7);
        assert_eq!(v, 7);
    }

    #[test]
    fn fingerprints_tell_structured_values_apart() {
        let a = fingerprint("t", &(vec!["ab", "c"], 1u32));
        assert_eq!(a, fingerprint("t", &(vec!["ab", "c"], 1u32)));
        assert_ne!(a, fingerprint("t", &(vec!["a", "bc"], 1u32)));
        assert_ne!(a, fingerprint("t", &(vec!["ab", "c", ""], 1u32)));
        assert_ne!(a, fingerprint("t", &(vec!["ab", "c"], 2u32)));
        assert_ne!(a, fingerprint("u", &(vec!["ab", "c"], 1u32)));
    }
}
