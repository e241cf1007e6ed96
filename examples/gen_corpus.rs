//! Generate a synthetic corpus of scraped news articles from the seeds.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --seeds ../shared/seeds --count 10000 --out /tmp/corpus [--seed 1]
//! ```
//!
//! The same `--seed` gives byte-identical files.

#[path = "gen/mod.rs"]
#[allow(dead_code)]
mod gen;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;

#[derive(Parser)]
#[command(about = "Generate N realistic scraped articles from the seed articles")]
struct Args {
    /// Folder of seed articles (`.txt`), read at run time
    #[arg(long, default_value = "../shared/seeds")]
    seeds: PathBuf,
    /// Number of articles to generate
    #[arg(long)]
    count: u64,
    /// Output folder; created if missing, must hold no `.txt` files unless --force
    #[arg(long)]
    out: PathBuf,
    /// Seed of the random generator
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Delete the `.txt` files already in the output folder first
    #[arg(long)]
    force: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    let start = Instant::now();
    let seeds = gen::Seeds::load(&args.seeds)
        .map_err(|e| format!("cannot read seeds in {}: {e}", args.seeds.display()))?;
    clear_old(args)?;
    let generator = gen::Generator::new(seeds, args.seed);
    let bytes = gen::write_corpus(&generator, &args.out, args.count)
        .map_err(|e| format!("cannot write to {}: {e}", args.out.display()))?;
    eprintln!(
        "Generated {} articles ({:.1} MB) in {} in {:.2} s",
        args.count,
        bytes as f64 / 1e6,
        args.out.display(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Refuse to mix with an older corpus, or delete it with `--force`.
fn clear_old(args: &Args) -> Result<(), String> {
    let Ok(entries) = std::fs::read_dir(&args.out) else {
        return Ok(());
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "txt") {
            if !args.force {
                return Err(format!(
                    "{} already holds .txt files (pass --force to replace them)",
                    args.out.display()
                ));
            }
            std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}
