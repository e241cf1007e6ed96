//! Run the corpus stage alone (`corpus::load`, nothing remembered), to time
//! and profile it, and to check that a change leaves its result unchanged.
//!
//! ```text
//! cargo run --release --example corpus_stage -- CORPUS [--runs N] [--dump FILE]
//! ```
//!
//! Prints the wall time of each run on stderr (measure CPU time from outside,
//! e.g. `/usr/bin/time -f '%U %S'`). `--dump FILE` writes everything the
//! stage returned (articles, diagnostics, notes) in `Debug` form, so two
//! versions of the code can be compared byte for byte.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

/// The allocator of the `dossier` binary, so the figures are the build's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(about = "Time the corpus stage (decode, clean, metadata, paragraphs) alone")]
struct Args {
    /// Folder of articles
    corpus: PathBuf,
    /// Number of times to load the corpus
    #[arg(long, default_value_t = 1)]
    runs: usize,
    /// Write the result of the last run, in `Debug` form, to this file
    #[arg(long, value_name = "FILE")]
    dump: Option<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let mut loaded = None;
    for run in 1..=args.runs.max(1) {
        let start = Instant::now();
        let result = dossier::corpus::load(&args.corpus);
        eprintln!(
            "run {run}: {} articles, {} diagnostics in {:.3} s",
            result.articles.len(),
            result.diagnostics.len(),
            start.elapsed().as_secs_f64()
        );
        loaded = Some(result);
    }
    if let (Some(path), Some(loaded)) = (&args.dump, &loaded) {
        if let Err(e) = std::fs::write(path, format!("{loaded:#?}\n")) {
            eprintln!("{}: cannot write: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}
