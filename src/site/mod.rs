//! Site stage: orchestration of a build, atomic publishing, checks, init.

pub mod build;
pub mod cache;
pub mod check;
pub mod init;
pub mod linkcheck;
pub mod lock;
pub mod memo_store;
pub mod progress;
pub mod publish;
pub mod reuse;
pub mod serve;
pub mod timings;

use std::path::PathBuf;

use crate::config::Overrides;
use crate::diag::{Diagnostic, Level};

pub use build::{build, ingest};
pub use check::check;
pub use init::init;
pub use serve::serve;

/// What every command takes from the command line.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub config: Option<PathBuf>,
    pub overrides: Overrides,
    pub quiet: bool,
    /// Also tell how every corpus file was decoded, or why it was ignored.
    pub verbose: bool,
    /// Ignore the build cache: rebuild everything.
    pub clean: bool,
}

/// Print diagnostics on stderr: errors always, warnings unless quiet.
pub fn print_diagnostics(diagnostics: &[Diagnostic], quiet: bool) {
    for d in diagnostics {
        if d.level == Level::Error || !quiet {
            eprintln!("{d}");
        }
    }
}
