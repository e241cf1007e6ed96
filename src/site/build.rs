//! One build: corpus → extract → dossier (content/ and api/) → render →
//! atomic publish.

use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

use anyhow::{anyhow, Context};
use rustc_hash::FxHashMap;

use super::cache::Part;
use super::memo_store::MemoStore;
use super::publish::Staging;
use super::reuse;
use super::{print_diagnostics, progress, Options};
use crate::config::Site;
use crate::corpus;
use crate::diag::{Diagnostic, Level};
use crate::dossier::emit::{Emit, KeyedPiece};
use crate::dossier::{self, GeneratedAsset, GeneratedPage};
use crate::extract;
use crate::memo::{self, Memo};
use crate::output::{Remembered, Sink, Span};
use crate::render;
use crate::stamp::Seen;

/// What the ingest half of a build reports (its pages, assets and data
/// went to the [`Emit`] it was given as they were made).
pub struct Ingested {
    pub articles: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// Load the corpus, run extraction and produce the dossier pages and data
/// into `emit`. Per-article results come from `memo` where their inputs did
/// not change; a corpus file in `seen` is taken to hold what the build saw
/// there. The articles and what was extracted from them are freed on a
/// thread of their own as this returns.
pub fn prepare(
    site: &Site,
    opts: &Options,
    memo: &dyn Memo,
    seen: &Seen,
    emit: &dyn Emit,
) -> anyhow::Result<Ingested> {
    if !site.paths.corpus.is_dir() {
        anyhow::bail!(
            "corpus folder {} does not exist (set `corpus:` in the config or pass --corpus)",
            site.paths.corpus.display()
        );
    }
    let bar = progress::spinner(opts.quiet, "ingest");
    bar.set_message(format!(
        "reading and cleaning {}",
        site.paths.corpus.display()
    ));
    let mut timings = super::timings::Timings::start();
    let loaded = corpus::load_memo(&site.paths.corpus, memo, seen);
    memo.done(&["ingest", "lines"]);
    timings.mark("corpus");
    if opts.verbose {
        bar.suspend(|| loaded.notes.iter().for_each(|n| eprintln!("{n}")));
    }
    bar.set_message(format!(
        "extracting actors and facts from {} articles",
        loaded.articles.len()
    ));
    let articles = loaded.articles;
    let mut diagnostics = loaded.diagnostics;

    // The previous build's published data, read before anything is staged.
    let (previous, mut warnings) = dossier::changes::state::load(&site.paths.output);
    diagnostics.append(&mut warnings);

    // Fingerprinted once for every stage that keys work by the articles.
    let printed = corpus::Fingerprinted::new(&articles);
    let entities = extract::entities::extract_memo(&printed, &site.config.actors, memo);
    memo.done(&["entities", extract::entities::RESOLVED]);
    timings.mark("entities");
    let (facts, facts_digest) =
        extract::facts::extract_memo(&printed, &site.config.topics, &entities.mentions, memo);
    memo.done(&["facts"]);
    timings.mark("facts");
    let assembled = dossier::assemble::assemble(
        &dossier::assemble::Inputs {
            config: &site.config,
            articles: &articles,
            printed: &printed,
            entities: &entities,
            facts: &facts,
            facts_digest,
            previous: &previous,
        },
        emit,
    );
    emit.data(
        dossier::changes::FEED_PATH.to_string(),
        render::feeds::changes::atom(
            &site.config,
            &assembled.history,
            &dossier::changes::Live::new(&assembled.state),
        )
        .into_bytes(),
    );
    timings.mark("assemble");
    bar.finish_and_clear();
    timings.report();
    diagnostics.sort();
    let count = articles.len();
    // Hundreds of megabytes of small allocations take a while to free:
    // that is done on a thread of its own while the build goes on.
    drop((printed, assembled, previous));
    std::thread::spawn(move || drop((articles, entities, facts)));
    Ok(Ingested {
        articles: count,
        diagnostics,
    })
}

/// The build's [`Emit`]: pages and assets go into `content/` as they are
/// made, data files into the staging folder (or nowhere, for `ingest`).
struct Streamed<'a> {
    content: &'a dossier::write::Writer<'a>,
    data: Option<&'a dyn Sink>,
    /// Remembers, per data file and fingerprint of its data, the length of
    /// the file written (`data` memo kind), for [`Emit::keep_data`].
    memo: &'a dyn Memo,
    /// Paths of the data files written, and the write errors.
    written: Mutex<(Vec<String>, Vec<String>)>,
}

impl<'a> Streamed<'a> {
    fn new(
        content: &'a dossier::write::Writer<'a>,
        data: Option<&'a dyn Sink>,
        memo: &'a dyn Memo,
    ) -> Self {
        Streamed {
            content,
            data,
            memo,
            written: Mutex::default(),
        }
    }

    /// The memo key of where the pieces of data file `path` lie.
    fn spans_key(path: &str) -> blake3::Hash {
        memo::key(SPANS, [path.as_bytes()])
    }

    /// Where the data files' fingerprints are remembered.
    fn remembered<'s>(&'s self, sink: &'s dyn Sink) -> Remembered<'s> {
        Remembered {
            sink,
            memo: self.memo,
            kind: DATA,
        }
    }

    fn wrote(&self, path: String, result: std::io::Result<()>) {
        let mut written = self.written.lock().expect("emit poisoned");
        match result {
            Ok(()) => written.0.push(path),
            Err(e) => written.1.push(format!("cannot write {path}: {e}")),
        }
    }

    /// The data files written, sorted; or the errors.
    fn data_paths(self) -> anyhow::Result<Vec<String>> {
        let (mut paths, errors) = self.written.into_inner().expect("emit poisoned");
        if let Some(first) = errors.into_iter().min() {
            anyhow::bail!("{first}");
        }
        paths.sort();
        Ok(paths)
    }
}

impl Emit for Streamed<'_> {
    fn pages(&self, pages: Vec<GeneratedPage>, fallback: bool) {
        self.content.pages(&pages, fallback);
    }

    fn assets(&self, assets: Vec<GeneratedAsset>) {
        self.content.assets(&assets);
    }

    fn reuse(&self, key: &blake3::Hash) -> bool {
        self.content.reuse(key)
    }

    fn pages_hashed(&self, pages: Vec<GeneratedPage>) -> Vec<Option<[u8; 32]>> {
        self.content.pages_hashed(&pages)
    }

    fn remember(
        &self,
        key: &blake3::Hash,
        pages: crate::dossier::emit::Made,
        groups: &[blake3::Hash],
    ) {
        self.content.remember(key, pages, groups);
    }

    fn wants_data(&self) -> bool {
        self.data.is_some()
    }

    fn data(&self, path: String, bytes: Vec<u8>) {
        self.data_pieces(path, &mut std::iter::once(bytes));
    }

    fn data_pieces(&self, path: String, pieces: &mut dyn Iterator<Item = Vec<u8>>) {
        let Some(sink) = self.data else { return };
        let result = sink.write_pieces(&path, pieces);
        self.wrote(path, result);
    }

    fn data_keyed(
        &self,
        path: String,
        key: &blake3::Hash,
        pieces: &mut dyn Iterator<Item = Vec<u8>>,
    ) {
        let Some(sink) = self.data else { return };
        let mut len = 0u64;
        let mut counted = pieces.inspect(|p| len += p.len() as u64);
        let result = sink.write_pieces(&path, &mut counted);
        drop(counted);
        if result.is_ok() {
            self.remembered(sink).wrote(&path, key, len);
        }
        self.wrote(path, result);
    }

    fn data_keyed_pieces(&self, path: String, key: &blake3::Hash, pieces: Vec<KeyedPiece<'_>>) {
        use rayon::prelude::*;
        let Some(sink) = self.data else { return };
        let spans_key = Self::spans_key(&path);
        // Where each piece lay in the file the previous build wrote, when
        // that file is still there as it was written.
        let mut before: FxHashMap<[u8; 32], (u64, u64)> = FxHashMap::default();
        if let (Some(laid), Some(len)) = (
            memo::decoded::<Vec<([u8; 32], u64)>>(self.memo, SPANS, &spans_key),
            sink.previous_len(&path),
        ) {
            let mut offset = 0;
            for (key, n) in laid {
                before.entry(key).or_insert((offset, n));
                offset += n;
            }
            if offset != len {
                before.clear();
            }
        }
        // The pieces not found there are made in parallel, a window at a
        // time (the file is never whole in memory).
        let window = 4 * rayon::current_num_threads();
        let mut laid = Vec::with_capacity(pieces.len());
        let mut spans = pieces
            .chunks(window)
            .flat_map(|w| {
                w.par_iter()
                    .map(|p| match before.get(p.key.as_bytes()) {
                        Some(&(offset, len)) => (p.key, Span::Old { offset, len }),
                        None => (p.key, Span::Bytes((p.make)())),
                    })
                    .collect::<Vec<_>>()
            })
            .map(|(key, span)| {
                let len = match &span {
                    Span::Bytes(b) => b.len() as u64,
                    Span::Old { len, .. } => *len,
                };
                laid.push((*key.as_bytes(), len));
                span
            });
        let result = sink.write_spans(&path, &mut spans);
        drop(spans);
        if result.is_ok() {
            let len: u64 = laid.iter().map(|(_, n)| n).sum();
            self.memo.put(SPANS, &spans_key, &memo::encode(&laid));
            self.remembered(sink).wrote(&path, key, len);
        }
        self.wrote(path, result);
    }

    fn keep_data(&self, path: &str, key: &blake3::Hash) -> bool {
        let Some(sink) = self.data else { return false };
        if !self.remembered(sink).keep(path, key).unwrap_or(false) {
            return false;
        }
        // The file is as it was written: where its pieces lie (when it was
        // written in pieces) still holds, and is kept (read, so the store
        // counts it used) for the build that changes some of them.
        self.memo.get(SPANS, &Self::spans_key(path));
        self.wrote(path.to_string(), Ok(()));
        true
    }
}

/// The memo kind of [`Streamed`]'s data files: per file, the fingerprint
/// it was written from and its length ([`Remembered`]).
const DATA: &str = "data";

/// The memo kind of where each piece of a data file lay in the file
/// ([`Emit::data_keyed_pieces`]): its key and length, in order.
const SPANS: &str = "data-spans";

/// `dossier ingest`: corpus → content only.
pub fn ingest(opts: &Options) -> anyhow::Result<()> {
    let start = Instant::now();
    let site = Site::load(opts.config.as_deref(), &opts.overrides).map_err(|d| anyhow!("{d}"))?;
    let _lock = super::lock::BuildLock::acquire(&site.paths.output)?;
    let memo = super::cache::Cache::new(&site).memo();
    let writer = dossier::write::Writer::new(&site.paths.content, &memo);
    let streamed = Streamed::new(&writer, None, &memo);
    let mut ingested = prepare(&site, opts, &memo, &Seen::default(), &streamed)?;
    let pages = writer.page_count();
    let mut written = writer.finish().map_err(|d| anyhow!("{d}"))?;
    ingested.diagnostics.append(&mut written.kept);
    save_memo(&memo, &mut ingested.diagnostics);
    print_diagnostics(&ingested.diagnostics, opts.quiet);
    if !opts.quiet {
        eprintln!(
            "Ingested {} articles into {} pages in {} ({} written, {} unchanged, {} removed; {} warnings) in {:.2} s",
            ingested.articles,
            pages,
            site.paths.content.display(),
            written.written,
            written.unchanged,
            written.removed,
            count(&ingested.diagnostics, Level::Warning),
            start.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// `dossier build`: ingest, then render `content/` into the output folder.
pub fn build(opts: &Options) -> anyhow::Result<()> {
    let start = Instant::now();
    let site = Site::load(opts.config.as_deref(), &opts.overrides).map_err(|d| anyhow!("{d}"))?;
    let _lock = super::lock::BuildLock::acquire(&site.paths.output)?;
    super::publish::sweep_leftovers(&site.paths.output).with_context(|| {
        format!(
            "cannot clean up after an interrupted build beside {}",
            site.paths.output.display()
        )
    })?;
    let cache = super::cache::Cache::new(&site);
    if opts.clean {
        cache.clear().context("cannot clear the build cache")?;
    }
    let memo = cache.memo();
    // The inputs the build reads and never writes are hashed before it
    // reads them, and that is what is recorded: a file changed while the
    // build runs is seen as changed by the next one.
    let sources = Part::sources(&site, &memo);
    // `content/` and the output as they are before the build.
    let looked = (!opts.clean && site.paths.output.is_dir())
        .then(|| (Part::content(&site, &memo), Part::output(&site, &memo)));
    let unchanged = looked.as_ref().is_some_and(|(content, output)| {
        cache.load() == Some(cache.combine(&site, &sources, content, output))
    });
    if unchanged {
        if !opts.quiet {
            eprintln!(
                "Nothing changed since the last build of {}; {} is up to date ({:.2} s)",
                site.paths.corpus.display(),
                site.paths.output.display(),
                start.elapsed().as_secs_f64()
            );
        }
        return Ok(());
    }
    let output = &site.paths.output;
    let staging = Staging::new(output)
        .with_context(|| format!("cannot create a staging folder beside {}", output.display()))?;
    // The dossier half is kept when nothing it is made from changed (see
    // `reuse`), else made.
    let mut timings = super::timings::Timings::start();
    let kept = match &looked {
        Some((content, output)) if !opts.verbose => {
            reuse::Record::last(&memo, &reuse::inputs(&site, &sources, output))
                .filter(|r| r.holds(&site.paths.content, content))
        }
        _ => None,
    };
    let kept = match kept {
        Some(record) => record
            .keep_data(&staging)
            .with_context(|| format!("cannot carry the data files over from {}", output.display()))?
            .then_some(record),
        None => None,
    };
    let (mut ingested, half, content_part) = match (kept, looked) {
        (Some(record), Some((content_part, _))) => {
            timings.mark("dossier kept");
            let ingested = Ingested {
                articles: record.articles,
                diagnostics: record.diagnostics(),
            };
            (ingested, Half::Kept(record), content_part)
        }
        _ => {
            let writer = dossier::write::Writer::new(&site.paths.content, &memo);
            let streamed = Streamed::new(&writer, Some(&staging), &memo);
            let mut ingested = prepare(&site, opts, &memo, sources.seen(), &streamed)?;
            timings = super::timings::Timings::start();
            let data = streamed.data_paths()?;
            let pages = writer.page_count();
            let generated = writer.generated();
            let mut written = writer.finish().map_err(|d| anyhow!("{d}"))?;
            ingested.diagnostics.append(&mut written.kept);
            timings.mark("write");
            // Once the generated pages are in, before the render reads any.
            let content_part = Part::content(&site, &memo);
            let made = Made {
                data,
                pages,
                generated,
                written,
            };
            (ingested, Half::Made(made), content_part)
        }
    };
    let half_diagnostics = ingested.diagnostics.clone();
    let data = half.data_paths();
    let (content, mut problems) =
        render::content::load(&site.paths.content, &memo, content_part.seen());
    timings.mark("load");
    ingested.diagnostics.append(&mut problems);
    let failed = ingested
        .diagnostics
        .iter()
        .any(|d| d.level == Level::Error && d.file.starts_with(&site.paths.content));
    if failed {
        anyhow::bail!(
            "{}\ncontent has errors; the previous site in {} is unchanged",
            listing(&ingested.diagnostics),
            output.display()
        );
    }

    let bar = progress::bar(opts.quiet, content.pages.len(), "render");
    let report = match render::render(&site, content, &data, &staging, &memo, &|| bar.inc(1)) {
        Ok(r) => {
            timings.mark("render");
            Ok(r)
        }
        Err(e) => Err(e),
    };
    let report = match report {
        Ok(r) => r,
        Err(errors) => {
            bar.finish_and_clear();
            print_diagnostics(&ingested.diagnostics, opts.quiet);
            anyhow::bail!(
                "{}\n{} error{} while rendering; the previous site in {} is unchanged",
                listing(&errors),
                errors.len(),
                if errors.len() == 1 { "" } else { "s" },
                output.display()
            );
        }
    };
    bar.finish_and_clear();
    let mut published = staging
        .publish()
        .with_context(|| format!("cannot publish into {}", output.display()))?;
    timings.mark("publish");
    // The previous site is kept for the next build to start from (or, if
    // it cannot be, removed) while the cache is saved.
    let previous = std::mem::take(&mut published.previous);
    let aside = previous.path().map(Path::to_path_buf);
    let removing = std::thread::spawn(move || previous.retire());
    // Before the store is saved: the output's part records the stamp of
    // the manifest it hashed.
    let published_output = Part::output(&site, &memo);
    let fingerprint = cache.combine(&site, &sources, &content_part, &published_output);
    let inputs = reuse::inputs(&site, &sources, &published_output);
    let record = match &half {
        Half::Kept(record) => Some(record.clone().again(inputs, &content_part)),
        Half::Made(made) => reuse::Record::new(
            inputs,
            ingested.articles,
            &half_diagnostics,
            &made.data,
            output,
            &content_part,
            &made.generated,
        ),
    };
    if let Some(record) = record {
        record.remember(&memo);
    }
    save_memo(&memo, &mut ingested.diagnostics);
    if let Err(e) = cache.store(&fingerprint) {
        ingested.diagnostics.push(Diagnostic::warning(
            cache.file(),
            None,
            format!("cannot write the build cache: {e}"),
        ));
    }
    if let (Some(aside), Err(e)) = (aside, removing.join().expect("removal does not panic")) {
        ingested.diagnostics.push(Diagnostic::warning(
            aside,
            None,
            format!("cannot keep or remove the previous site's files: {e} (the next build will remove them)"),
        ));
    }
    timings.mark("cache");
    timings.report();
    for file in &published.foreign {
        ingested.diagnostics.push(Diagnostic::warning(
            output.join(file),
            None,
            "not produced by dossier; kept (delete it yourself if it is stale)",
        ));
    }
    if opts.verbose {
        for url in &report.rendered {
            eprintln!("rendered {url}");
        }
    }
    ingested.diagnostics.extend(report.warnings);
    print_diagnostics(&ingested.diagnostics, opts.quiet);
    if !opts.quiet {
        let skipped = count(&ingested.diagnostics, Level::Error);
        let dossier = match &half {
            Half::Kept(_) => {
                "the dossier's pages and data kept: nothing they are made from changed".to_string()
            }
            Half::Made(made) => {
                let (reused, computed) = memo.stats(&["ingest", "entities", "facts"]);
                format!(
                    "{} of {} per-article results reused; {} of {} generated pages kept as they were",
                    reused,
                    reused + computed,
                    made.written.reused,
                    made.pages
                )
            }
        };
        eprintln!(
            "Built {} articles{} ({dossier}) into {} pages ({} rendered, {} unchanged since the last build; {} files written, {} unchanged, {} removed), {} warnings, in {:.2} s",
            ingested.articles,
            if skipped > 0 { format!(" ({skipped} skipped with errors)") } else { String::new() },
            report.pages,
            report.rendered.len(),
            report.pages - report.rendered.len(),
            published.written,
            published.unchanged,
            published.removed,
            count(&ingested.diagnostics, Level::Warning),
            start.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// The dossier half of a build: kept from the last one, or made.
enum Half {
    Kept(reuse::Record),
    Made(Made),
}

/// What the dossier half made.
struct Made {
    /// The data files written, sorted.
    data: Vec<String>,
    /// Generated pages.
    pages: usize,
    /// Paths under `content/` of the files it generated.
    generated: std::collections::BTreeSet<String>,
    written: dossier::write::Written,
}

impl Half {
    fn data_paths(&self) -> Vec<String> {
        match self {
            Half::Kept(record) => record.data_paths(),
            Half::Made(made) => made.data.clone(),
        }
    }
}

/// Keep in the store exactly what this build used.
fn save_memo(memo: &MemoStore, diagnostics: &mut Vec<Diagnostic>) {
    if let Err(e) = memo.save() {
        diagnostics.push(Diagnostic::warning(
            memo.dir(),
            None,
            format!("cannot clean the build cache: {e}"),
        ));
    }
}

fn listing(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .filter(|d| d.level == Level::Error)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

fn count(diagnostics: &[Diagnostic], level: Level) -> usize {
    diagnostics.iter().filter(|d| d.level == level).count()
}
