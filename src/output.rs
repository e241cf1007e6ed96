//! Where stages write the files of the site. The site stage provides the
//! implementation (a staging folder published atomically); the stages that
//! produce files only see this trait.

use std::io;

/// A destination for the files of the built site, addressed by `/`-separated
/// paths relative to the output root. Implementations are thread-safe so
/// pages can be written in parallel.
pub trait Sink: Sync {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()>;

    /// [`Sink::write`] of the pieces, in order, made one after the other:
    /// a sink that writes each piece as it comes never holds the whole
    /// file. By default they are gathered and written at once.
    fn write_pieces(
        &self,
        path: &str,
        pieces: &mut dyn Iterator<Item = Vec<u8>>,
    ) -> io::Result<()> {
        self.write(path, &pieces.collect::<Vec<_>>().concat())
    }

    /// Carry `path` over from the previous output as it is, when it is
    /// there with `len` bytes; `false` when it is not (the caller then
    /// writes it). Sinks without a previous output always say `false`.
    fn keep(&self, _path: &str, _len: u64) -> io::Result<bool> {
        Ok(false)
    }

    /// The length of `path` in the previous output, when it is there:
    /// then [`Sink::write_spans`] may copy parts of it. Sinks without a
    /// previous output say `None`.
    fn previous_len(&self, _path: &str) -> Option<u64> {
        None
    }

    /// [`Sink::write_pieces`] where a piece may be a part of the previous
    /// file at `path` ([`Span::Old`]) rather than bytes; only a sink whose
    /// [`Sink::previous_len`] is known can copy one, the others fail.
    fn write_spans(&self, path: &str, spans: &mut dyn Iterator<Item = Span>) -> io::Result<()> {
        let mut failed = None;
        let mut bytes = spans.map_while(|span| match span {
            Span::Bytes(bytes) => Some(bytes),
            Span::Old { .. } => {
                failed = Some(io::Error::other(format!(
                    "{path}: no previous output to copy from"
                )));
                None
            }
        });
        let written = self.write_pieces(path, &mut bytes);
        drop(bytes);
        written?;
        failed.map_or(Ok(()), Err)
    }
}

/// Files that a later build may carry over unmade: per path, the memo
/// (under `kind`) remembers the fingerprint of the inputs of the file last
/// written there and its length, so a build whose inputs give the same
/// fingerprint keeps the previous file ([`Sink::keep`]). One record per
/// path, the last written: a file is never kept for the fingerprint of an
/// older one.
pub struct Remembered<'a> {
    pub sink: &'a dyn Sink,
    pub memo: &'a dyn crate::memo::Memo,
    pub kind: &'static str,
}

impl Remembered<'_> {
    fn record_key(&self, path: &str) -> blake3::Hash {
        crate::memo::key(self.kind, [path.as_bytes()])
    }

    /// Carry `path` over if it was last written from inputs fingerprinted
    /// by `key` and is still there as written.
    pub fn keep(&self, path: &str, key: &blake3::Hash) -> io::Result<bool> {
        let record: Option<([u8; 32], u64)> =
            crate::memo::decoded(self.memo, self.kind, &self.record_key(path));
        match record {
            Some((made_from, len)) if made_from == *key.as_bytes() => self.sink.keep(path, len),
            _ => Ok(false),
        }
    }

    /// Remember that `path` was written, `len` bytes, from inputs
    /// fingerprinted by `key`.
    pub fn wrote(&self, path: &str, key: &blake3::Hash, len: u64) {
        let record: ([u8; 32], u64) = (*key.as_bytes(), len);
        self.memo.put(
            self.kind,
            &self.record_key(path),
            &crate::memo::encode(&record),
        );
    }
}

/// A piece of a file that [`Sink::write_spans`] writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Span<B = Vec<u8>> {
    Bytes(B),
    /// `len` bytes from `offset` of the previous file of that path.
    Old {
        offset: u64,
        len: u64,
    },
}

/// An in-memory sink, for tests and for callers that want the bytes.
#[derive(Default, Debug)]
pub struct MemorySink {
    pub files: std::sync::Mutex<std::collections::BTreeMap<String, Vec<u8>>>,
}

impl Sink for MemorySink {
    fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        self.files
            .lock()
            .expect("sink poisoned")
            .insert(path.to_string(), bytes.to_vec());
        Ok(())
    }
}

impl MemorySink {
    /// Take the written files, sorted by path.
    pub fn into_files(self) -> std::collections::BTreeMap<String, Vec<u8>> {
        self.files.into_inner().expect("sink poisoned")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A previous output of files of these lengths, each carried over on
    /// request.
    struct Previous(std::collections::BTreeMap<&'static str, u64>);

    impl Sink for Previous {
        fn write(&self, _: &str, _: &[u8]) -> io::Result<()> {
            Ok(())
        }

        fn keep(&self, path: &str, len: u64) -> io::Result<bool> {
            Ok(self.0.get(path) == Some(&len))
        }
    }

    #[test]
    fn a_file_is_kept_only_for_the_fingerprint_it_was_last_written_from() {
        let memo = crate::memo::testing::MapMemo::default();
        let sink = Previous([("a.json", 5)].into());
        let files = Remembered {
            sink: &sink,
            memo: &memo,
            kind: "data",
        };
        let (one, two) = (blake3::hash(b"one"), blake3::hash(b"two"));
        assert!(!files.keep("a.json", &one).unwrap(), "nothing remembered");
        files.wrote("a.json", &one, 5);
        assert!(files.keep("a.json", &one).unwrap());
        assert!(!files.keep("a.json", &two).unwrap());
        assert!(!files.keep("b.json", &one).unwrap(), "another path");
        // Written again from other inputs, of the same length: the file
        // is no longer the one made from `one`.
        files.wrote("a.json", &two, 5);
        assert!(!files.keep("a.json", &one).unwrap());
        assert!(files.keep("a.json", &two).unwrap());
        // Not there as written (another length): made again.
        files.wrote("a.json", &two, 6);
        assert!(!files.keep("a.json", &two).unwrap());
    }
}
