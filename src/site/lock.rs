//! One build at a time per output folder: a lock file beside the output,
//! held (with the operating system's advisory file lock) for the whole
//! build. A second build started meanwhile refuses with a clear message; a
//! killed build's lock is released by the system, never left stale.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

/// Another build holds the lock of the output folder: what a second
/// `dossier build` (or a `dossier serve` starting) stops with.
#[derive(Debug, thiserror::Error)]
#[error(
    "another dossier build is writing {} (it holds {}); wait for it to finish, then run again",
    output.display(),
    lock.display()
)]
pub struct Busy {
    pub output: PathBuf,
    pub lock: PathBuf,
}

impl Busy {
    /// Whether `error` (or one of its causes) is a [`Busy`] lock.
    pub fn is(error: &anyhow::Error) -> bool {
        error.chain().any(|cause| cause.is::<Busy>())
    }
}

/// The held lock; released when dropped.
#[derive(Debug)]
pub struct BuildLock {
    _file: File,
    path: PathBuf,
}

impl BuildLock {
    /// Take the lock of the output folder `output`, or fail at once naming
    /// the lock file when another build holds it.
    pub fn acquire(output: &Path) -> anyhow::Result<BuildLock> {
        let path = lock_path(output);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", parent.display()))?;
        }
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| anyhow::anyhow!("cannot open the lock file {}: {e}", path.display()))?;
        match file.try_lock() {
            Ok(()) => Ok(BuildLock { _file: file, path }),
            Err(TryLockError::WouldBlock) => Err(Busy {
                output: output.to_path_buf(),
                lock: path,
            }
            .into()),
            Err(TryLockError::Error(e)) => {
                anyhow::bail!("cannot lock {}: {e}", path.display())
            }
        }
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// `public` → `.public.lock` beside it.
fn lock_path(output: &Path) -> PathBuf {
    super::publish::beside(output, "lock").0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_build_is_refused_until_the_first_ends() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = BuildLock::acquire(&out).unwrap();
        assert_eq!(first.path(), dir.path().join(".public.lock"));
        let err = BuildLock::acquire(&out).unwrap_err();
        let message = err.to_string();
        assert!(Busy::is(&err.context("building")), "{message}");
        assert!(!Busy::is(&anyhow::anyhow!("{message}")));
        let err = message;
        assert!(err.contains("another dossier build"), "{err}");
        assert!(err.contains(".public.lock"), "{err}");
        drop(first);
        BuildLock::acquire(&out).unwrap();
    }
}
