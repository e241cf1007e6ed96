//! The `dossier` command line. Only argument parsing lives here; the work is
//! done by `dossier::site`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use dossier::config::Overrides;

/// mimalloc instead of the system allocator: a build allocates and frees
/// many large strings, which glibc hands back to the kernel (and the kernel
/// zeroes again) every time; profiles showed a tenth of a build there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use dossier::site::{self, Options};

#[derive(Parser)]
#[command(
    name = "dossier",
    version,
    about = "Turn raw news articles into a sourced, cited static briefing site"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Ingest the corpus, write the dossiers into content/ and render the site into public/
    Build(BuildArgs),
    /// Ingest the corpus and write the dossiers into content/ only
    Ingest(BuildArgs),
    /// Validate corpus, config, content and templates; exit non-zero on problems
    Check(BuildArgs),
    /// Build, serve the site on 127.0.0.1, rebuild on change and reload open pages
    Serve(ServeArgs),
    /// Scaffold a new site in DIR
    Init(InitArgs),
}

#[derive(Args)]
struct BuildArgs {
    /// Site config file [default: ./site.yaml]
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Folder of raw articles (overrides `corpus:` in the config)
    #[arg(long, value_name = "DIR")]
    corpus: Option<PathBuf>,
    /// Folder of markdown content (overrides `content:`)
    #[arg(long, value_name = "DIR")]
    content: Option<PathBuf>,
    /// Output folder (overrides `output:`)
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Print nothing but errors
    #[arg(long, short)]
    quiet: bool,
    /// Also tell how every corpus file was decoded (`corpus/x.txt: decoded as windows-1251 (guessed)`), which files were ignored and which pages were rendered again
    #[arg(long, short, conflicts_with = "quiet")]
    verbose: bool,
    /// Ignore the build cache and rebuild everything (build, serve)
    #[arg(long)]
    clean: bool,
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    build: BuildArgs,
    /// Port to listen on
    #[arg(long, short, default_value_t = 1111)]
    port: u16,
    /// Address to listen on; anything but a loopback address exposes the site to the network
    #[arg(long, value_name = "IP", default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
}

#[derive(Args)]
struct InitArgs {
    /// Folder to create the site in
    dir: PathBuf,
    /// Also copy the default theme into DIR/themes/default for editing
    #[arg(long)]
    theme: bool,
}

impl BuildArgs {
    fn options(&self) -> Options {
        Options {
            config: self.config.clone(),
            overrides: Overrides {
                corpus: self.corpus.clone(),
                content: self.content.clone(),
                output: self.out.clone(),
            },
            quiet: self.quiet,
            verbose: self.verbose,
            clean: self.clean,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Build(args) => site::build(&args.options()),
        Command::Ingest(args) => site::ingest(&args.options()),
        Command::Check(args) => site::check(&args.options()),
        Command::Serve(args) => site::serve(&args.build.options(), args.bind, args.port),
        Command::Init(args) => site::init(&args.dir, args.theme),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Diagnostics already start with their level.
            let message = format!("{e:#}");
            let message = message.strip_prefix("error: ").unwrap_or(&message);
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
