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
