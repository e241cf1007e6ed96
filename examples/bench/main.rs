//! Benchmark of `dossier build` on generated corpora.
//!
//! ```text
//! cargo run --release --example bench -- 1000 10000 [--runs 3] [--bin PATH]
//! ```
//!
//! For each N: generate N articles into a temporary folder, then time cold
//! builds, no-op rebuilds, rebuilds after adding or editing one article or
//! one template, and a `cp -r` of the output; print a markdown table, and
//! a second one of the build's stages (`DOSSIER_TIMINGS`) in the cold and
//! edit builds, to show how each grows with N.
//! Without `--bin`, the binary is `release/dossier` in the same target
//! folder as this example, built first with `cargo build --release --bin
//! dossier` (a no-op when it is up to date). `--bin PATH` is used as is.

#[path = "../gen/mod.rs"]
#[allow(dead_code)]
mod gen;
mod run;
mod site;
mod stages;
mod stats;
mod table;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use clap::Parser;

use run::{measure, measure_stages, Sample};
use site::BenchSite;
use stages::Stages;
use table::{Figures, Header};

#[derive(Parser)]
#[command(about = "Time `dossier build` on generated corpora of N articles")]
struct Args {
    /// Corpus sizes to measure, e.g. `1000 10000`
    #[arg(required = true)]
    sizes: Vec<u64>,
    /// Runs per figure (min and median are reported)
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// The dossier binary, used as is [default: release/dossier in this
    /// example's target folder, built first with `cargo build --release`]
    #[arg(long, value_name = "PATH")]
    bin: Option<PathBuf>,
    /// Folder of seed articles
    #[arg(long, default_value = "../shared/seeds")]
    seeds: PathBuf,
    /// Seed of the corpus generator
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Site config whose title, topics and actors the bench site uses
    /// [default: the repository's site.yaml]
    #[arg(long, value_name = "FILE")]
    site_config: Option<PathBuf>,
    /// Parent folder of the temporary folders [default: the system's]
    #[arg(long, value_name = "DIR")]
    tmp: Option<PathBuf>,
    /// Keep the temporary folders (their paths are printed)
    #[arg(long)]
    keep: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match bench(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench failed: {e}");
            ExitCode::FAILURE
        }
    }
}

fn bench(args: &Args) -> Result<(), String> {
    if args.runs == 0 {
        return Err("--runs must be at least 1".into());
    }
    let bin = binary(args)?;
    let help = output_of(Command::new(&bin).args(["build", "--help"]))?;
    let clean_flag = help.contains("--clean");
    let version = output_of(Command::new(&bin).arg("--version"))?;
    let seeds = gen::Seeds::load(&args.seeds)
        .map_err(|e| format!("cannot read seeds in {}: {e}", args.seeds.display()))?;
    let generator = gen::Generator::new(seeds, args.seed);
    let base_config = args.site_config.clone().or_else(|| {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("site.yaml");
        repo.is_file().then_some(repo)
    });

    let mut figures = Vec::new();
    for &n in &args.sizes {
        let mut builder = tempfile::Builder::new();
        builder.prefix("dossier-bench-");
        let dir = match &args.tmp {
            Some(parent) => builder.tempdir_in(parent),
            None => builder.tempdir(),
        }
        .map_err(|e| format!("cannot create a temporary folder: {e}"))?;
        let result = bench_one(
            args,
            &bin,
            clean_flag,
            &generator,
            base_config.as_deref(),
            dir.path(),
            n,
        );
        if args.keep || result.is_err() {
            let kept = dir.keep();
            eprintln!("kept {}", kept.display());
        }
        figures.push(result?);
    }
    let header = Header {
        cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
        runs: args.runs,
        binary: bin.display().to_string(),
        version: version.trim().to_string(),
        clean_flag,
        seed: args.seed,
    };
    println!("{}", table::render(&header, &figures));
    Ok(())
}

/// Every figure for a corpus of `n` articles, in the temporary folder `dir`.
fn bench_one(
    args: &Args,
    bin: &Path,
    clean_flag: bool,
    generator: &gen::Generator,
    base_config: Option<&Path>,
    dir: &Path,
    n: u64,
) -> Result<Figures, String> {
    let site = BenchSite::create(dir, base_config)?;
    eprintln!(
        "N = {n}: generating the corpus in {}",
        site.corpus.display()
    );
    let start = Instant::now();
    let bytes = gen::write_corpus(generator, &site.corpus, n)
        .map_err(|e| format!("cannot write the corpus: {e}"))?;
    let generate_secs = start.elapsed().as_secs_f64();
    let runs = args.runs;
    let cold_args: &[&str] = if clean_flag { &["--clean"] } else { &[] };

    let mut cold_stages = Vec::new();
    let cold = repeat("cold build", n, runs, |_| {
        site.clean()?;
        staged(&mut cold_stages, &mut site.build_command(bin, cold_args))
    })?;
    let pages = site.html_pages();
    if pages == 0 {
        return Err(format!(
            "the cold build succeeded but wrote no .html file into {}",
            site.output().display()
        ));
    }
    let noop = repeat("no-op rebuild", n, runs, |_| {
        measure(&mut site.build_command(bin, &[]))
    })?;
    let add_one = repeat("add one article", n, runs, |r| {
        site.add_article(generator, n + r as u64)?;
        measure(&mut site.build_command(bin, &[]))
    })?;
    let mut edit_stages = Vec::new();
    let edit_one = repeat("edit one article", n, runs, |r| {
        site.edit_article(r)?;
        staged(&mut edit_stages, &mut site.build_command(bin, &[]))
    })?;
    let edit_template = repeat("edit one template", n, runs, |r| {
        site.edit_template(r)?;
        measure(&mut site.build_command(bin, &[]))
    })?;
    let copy_to = dir.join("copy");
    let copy = repeat("cp -r output", n, runs, |_| {
        if copy_to.exists() {
            std::fs::remove_dir_all(&copy_to).map_err(|e| e.to_string())?;
        }
        measure(
            Command::new("cp")
                .arg("-r")
                .arg(site.output())
                .arg(&copy_to),
        )
    })?;
    Ok(Figures {
        articles: n,
        corpus_mb: bytes as f64 / 1e6,
        generate_secs,
        pages,
        cold: stats::summarise(&cold),
        noop: stats::summarise(&noop),
        add_one: stats::summarise(&add_one),
        edit_one: stats::summarise(&edit_one),
        edit_template: stats::summarise(&edit_template),
        copy: stats::summarise(&copy),
        cold_stages: stages::median(&cold_stages),
        edit_stages: stages::median(&edit_stages),
    })
}

/// [`measure_stages`], keeping the stage times in `all`.
fn staged(all: &mut Vec<Stages>, cmd: &mut Command) -> Result<Sample, String> {
    let (sample, stages) = measure_stages(cmd)?;
    all.push(stages);
    Ok(sample)
}

/// Run `step` `runs` times (with the run number), reporting progress.
fn repeat(
    what: &str,
    n: u64,
    runs: usize,
    mut step: impl FnMut(usize) -> Result<Sample, String>,
) -> Result<Vec<Sample>, String> {
    let mut samples = Vec::with_capacity(runs);
    for r in 0..runs {
        let sample = step(r).map_err(|e| format!("N = {n}, {what} (run {}): {e}", r + 1))?;
        eprintln!("N = {n}: {what} {}/{runs}: {:.3} s", r + 1, sample.secs);
        samples.push(sample);
    }
    Ok(samples)
}

/// The dossier binary: `--bin`, or `release/dossier` in this example's
/// target folder, (re)built first with `cargo build --release`.
fn binary(args: &Args) -> Result<PathBuf, String> {
    if let Some(bin) = &args.bin {
        // Absolute, as the builds run in the bench site's folder.
        return if bin.is_file() {
            std::fs::canonicalize(bin).map_err(|e| format!("--bin {}: {e}", bin.display()))
        } else {
            Err(format!("--bin {}: no such file", bin.display()))
        };
    }
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    // <target>/<profile>/examples/bench → <target>
    let target = exe
        .ancestors()
        .nth(3)
        .ok_or("cannot find the target folder")?
        .to_path_buf();
    let bin = target.join("release").join("dossier");
    {
        // Always ask cargo: a no-op when the binary is up to date, while an
        // old binary would measure old code.
        eprintln!(
            "cargo build --release --bin dossier (in {})",
            target.display()
        );
        let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["build", "--release", "--bin", "dossier"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("CARGO_TARGET_DIR", &target)
            .status()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        if !status.success() || !bin.is_file() {
            return Err(format!("cargo build --release failed ({status})"));
        }
    }
    Ok(bin)
}

/// Stdout of a quick command that must succeed.
fn output_of(cmd: &mut Command) -> Result<String, String> {
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{cmd:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
