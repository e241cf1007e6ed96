//! Site stage: orchestration of a build, atomic publishing, checks, init.

use std::path::{Path, PathBuf};

use crate::config::Overrides;

/// What every command takes from the command line.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub config: Option<PathBuf>,
    pub overrides: Overrides,
    pub quiet: bool,
}

pub fn build(opts: &Options) -> anyhow::Result<()> {
    let _ = opts;
    todo!()
}

pub fn ingest(opts: &Options) -> anyhow::Result<()> {
    let _ = opts;
    todo!()
}

pub fn check(opts: &Options) -> anyhow::Result<()> {
    let _ = opts;
    todo!()
}

pub fn init(dir: &Path) -> anyhow::Result<()> {
    let _ = dir;
    todo!()
}
