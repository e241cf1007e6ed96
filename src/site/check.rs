//! `dossier check`: validate corpus, config, content and templates, render
//! the site in memory and verify every internal link and anchor. Lists every
//! problem with its file; fails when there is any error.

use anyhow::{anyhow, bail};

use super::build::prepare;
use super::{linkcheck, print_diagnostics, Options};
use crate::config::Site;
use crate::diag::{Diagnostic, Level};
use crate::dossier::emit::Collected;
use crate::dossier::page;
use crate::output::{MemorySink, Sink};
use crate::render;

pub fn check(opts: &Options) -> anyhow::Result<()> {
    let site = Site::load(opts.config.as_deref(), &opts.overrides).map_err(|d| anyhow!("{d}"))?;
    let collected = Collected::default();
    let seen = crate::stamp::Seen::default();
    let ingested = prepare(&site, opts, &crate::memo::NoMemo, &seen, &collected)?;
    let generated = collected.into_output();
    let mut problems = ingested.diagnostics.clone();
    let content_dir = &site.paths.content;
    let (mut content, loaded_problems) = if content_dir.is_dir() {
        render::content::load(content_dir, &crate::memo::NoMemo, &seen)
    } else {
        Default::default()
    };
    problems.extend(loaded_problems);
    // What the next build would write, over what is on disk (hand-written wins).
    for generated in generated.pages.iter().chain(&generated.fallbacks) {
        let on_disk = content.pages.get(&generated.path);
        if on_disk.is_some_and(|p| !p.front.generated) {
            continue;
        }
        let file = content_dir.join(&generated.path);
        match render::content::parse(
            &generated.path,
            &file,
            &page::to_markdown(&generated.front, &generated.body),
        ) {
            Ok(p) => {
                content.pages.insert(generated.path.clone(), p);
            }
            Err(d) => problems.push(d),
        }
    }

    let sink = MemorySink::default();
    let data: Vec<String> = generated
        .data
        .iter()
        .map(|(path, _)| path.clone())
        .collect();
    match render::render(&site, content, &data, &sink, &crate::memo::NoMemo, &|| {}) {
        Ok(report) => problems.extend(report.warnings),
        Err(errors) => problems.extend(errors),
    }
    for (path, bytes) in &generated.data {
        sink.write(path, bytes)?;
    }
    let files = sink.into_files();
    for broken in linkcheck::check(&files) {
        problems.push(Diagnostic::error(
            site.paths.output.join(&broken.page),
            None,
            format!("broken link to {} ({})", broken.target, broken.reason),
        ));
    }
    problems.sort();
    problems.dedup();
    print_diagnostics(&problems, false);
    let errors = problems.iter().filter(|d| d.level == Level::Error).count();
    let warnings = problems.len() - errors;
    if errors > 0 {
        bail!(
            "check found {errors} error{} and {warnings} warning{}",
            plural(errors),
            plural(warnings)
        );
    }
    if !opts.quiet {
        eprintln!(
            "Checked {} articles and {} pages: no errors, {warnings} warning{}",
            ingested.articles,
            files.keys().filter(|k| k.ends_with(".html")).count(),
            plural(warnings)
        );
    }
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
