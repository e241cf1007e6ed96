//! Render stage: reads `content/` like any SSG and renders it through the
//! theme's Tera templates into the site (via an [`output::Sink`]).
//!
//! Every page gets a context with `site`, `page` (its summary, `content`,
//! `toc`, `has_code`, `summary`, `words`), `root` (the relative path back
//! to the site root) and `canonical`; other pages are looked up by id with
//! `get_page(path=...)` and `get_section(path=...)`.
//!
//! Rendering is incremental: what each page read is recorded
//! ([`deps`]), and a page whose inputs and reads are unchanged since the
//! build that wrote it is carried over from the previous output instead of
//! being rendered again (see [`Renderer::reusable`]).

pub mod content;
pub mod deps;
pub mod feeds;
pub mod highlight;
pub mod index;
pub mod links;
pub mod markdown;
pub mod minify;
pub mod paths;
pub mod plain;
pub mod print;
pub mod search;
pub mod templates;
pub mod text;
pub mod theme;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::config::Site;
use crate::diag::Diagnostic;
use crate::memo::{self, Memo};
use crate::output::{Remembered, Sink};
use content::{Content, Page};
use deps::{Dep, Record};
use index::{SiteIndex, Summary};
use markdown::TocEntry;
use text::{Text, Texts};
use theme::Theme;

/// What a render produced.
#[derive(Debug, Default)]
pub struct Report {
    /// HTML pages in the site.
    pub pages: usize,
    /// Output paths of the pages rendered by this build (the others were
    /// carried over from the previous output, unchanged), sorted.
    pub rendered: Vec<String>,
    /// Other files written (assets, stylesheets, index, feeds).
    pub files: usize,
    pub warnings: Vec<Diagnostic>,
}

/// What a page's body leaves for the rest of the build, stored so that a
/// page carried over needs no render: its text, whether it has code, and
/// its part of the search index.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Meta {
    text: Text,
    has_code: bool,
    search: Option<search::Indexed>,
}

#[derive(Serialize)]
struct SiteContext<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    base_url: Option<&'a str>,
}

#[derive(Serialize)]
struct PageContext<'a> {
    #[serde(flatten)]
    summary: &'a Summary,
    /// The first words of the page's text.
    #[serde(rename = "summary")]
    summary_text: &'a str,
    words: usize,
    content: &'a str,
    toc: &'a [TocEntry],
    has_code: bool,
}

/// The pages the theme adds: search, 404 and the printable dossier.
const SPECIAL: [(&str, &str); 3] = [
    ("search.html", "Search"),
    ("404.html", "Page not found"),
    ("print.html", "The whole dossier"),
];

/// One output page to produce.
enum Job<'a> {
    Page(&'a Page),
    Special(&'static str, &'static str),
}

/// How a page came out.
enum Done {
    /// Carried over from the previous output.
    Kept(Meta),
    /// Rendered by this build (written unless it has problems).
    Rendered(Meta, Vec<Diagnostic>),
}

/// Render the site. Errors (a template that fails, a broken internal link)
/// are all returned; nothing is partial on error because the sink is only
/// published by the caller on success. `memo` holds what earlier builds
/// recorded (see [`deps`]); `on_page` is called after each page (progress).
/// `data` are the paths of the files the caller writes to the sink itself
/// (`api/`), which no content file may take.
pub fn render(
    site: &Site,
    content: Content,
    data: &[String],
    sink: &dyn Sink,
    memo: &dyn Memo,
    on_page: &(dyn Fn() + Sync),
) -> Result<Report, Vec<Diagnostic>> {
    let theme = Theme::load(&site.paths.root, &site.config.theme).map_err(|d| vec![d])?;
    let content = Arc::new(content);
    let index = Arc::new(SiteIndex::build(
        content.pages.values().filter(|p| !p.front.draft),
    ));
    let texts = Arc::new(Texts::new(Arc::clone(&content)));
    let tera = templates::compile(
        &theme,
        Arc::clone(&index),
        Arc::clone(&content),
        Arc::clone(&texts),
    )
    .map_err(|d| vec![d])?;
    clashes(site, &content, data, &index, &theme).map_err(|mut d| {
        d.sort();
        d
    })?;
    let existing = index
        .pages
        .keys()
        .chain(content.assets.keys())
        .chain(theme.assets.keys())
        .cloned()
        .collect();
    let renderer = Renderer {
        existing,
        site,
        templates: templates::fingerprints(&theme, &tera),
        site_key: site_key(site),
        theme,
        tera,
        index,
        content: Arc::clone(&content),
        texts,
        sink,
        memo,
    };

    // The theme's own pages first: the printable page renders the bodies
    // of many pages again, and started last it would keep one core busy
    // after the other has run out of pages.
    let jobs: Vec<Job> = SPECIAL
        .iter()
        .map(|(url, title)| Job::Special(url, title))
        .chain(
            content
                .pages
                .values()
                .filter(|p| !p.front.draft)
                .map(Job::Page),
        )
        .collect();
    let results: Vec<(String, Result<Done, Diagnostic>)> = jobs
        .par_iter()
        .map(|job| {
            let done = match job {
                Job::Page(page) => (
                    renderer.index.pages[&page.path].url.clone(),
                    renderer.page(page),
                ),
                Job::Special(url, title) => (url.to_string(), renderer.special(url, title)),
            };
            on_page();
            done
        })
        .collect();

    let mut errors = Vec::new();
    let mut report = Report {
        pages: results.len(),
        ..Report::default()
    };
    let mut metas: BTreeMap<String, Meta> = BTreeMap::new();
    for ((url, result), job) in results.into_iter().zip(&jobs) {
        let meta = match result {
            Ok(Done::Kept(meta)) => meta,
            Ok(Done::Rendered(meta, problems)) => {
                report.rendered.push(url);
                errors.extend(problems);
                meta
            }
            Err(d) => {
                errors.push(d);
                continue;
            }
        };
        if let Job::Page(page) = job {
            renderer.texts.put(&page.path, meta.text.clone());
            metas.insert(page.path.clone(), meta);
        }
    }
    if !errors.is_empty() {
        errors.sort();
        return Err(errors);
    }
    report.rendered.sort();
    report.files = renderer.files(metas)?;
    Ok(report)
}

/// Output files the render stage writes besides pages, assets and the
/// search index's folder ([`search::DIR`]).
const SYNTAX_CSS: &str = "css/syntax.css";
const SITEMAP: &str = "sitemap.xml";
const ROBOTS: &str = "robots.txt";
const SOURCES_FEED: &str = "sources/atom.xml";
const GENERATED: [&str; 4] = [SYNTAX_CSS, SITEMAP, ROBOTS, SOURCES_FEED];

/// A file in `content/` that would land where a page or a file dossier
/// makes is written: an error naming both, never a silent overwrite. (A
/// content file replacing a theme file of the same name is an override,
/// as `static/` is.)
fn clashes(
    site: &Site,
    content: &Content,
    data: &[String],
    index: &SiteIndex,
    theme: &Theme,
) -> Result<(), Vec<Diagnostic>> {
    let pages: BTreeMap<&str, &str> = index
        .pages
        .values()
        .map(|s| (s.url.as_str(), s.path.as_str()))
        .collect();
    let mut errors = Vec::new();
    let mut check = |path: &str, file: &std::path::Path, what: &str| {
        let taken = if let Some(page) = pages.get(path) {
            Some(format!("the page rendered from content/{page}"))
        } else if SPECIAL.iter().any(|(url, _)| *url == path) {
            Some("the theme's page of that name".to_string())
        } else if GENERATED.contains(&path)
            || path
                .strip_prefix(search::DIR)
                .is_some_and(|rest| rest.starts_with('/'))
        {
            Some("a file dossier generates".to_string())
        } else if data.iter().any(|d| d == path) {
            Some("a data file dossier writes".to_string())
        } else {
            None
        };
        if let Some(taken) = taken {
            errors.push(Diagnostic::error(
                file,
                None,
                format!("{what} would replace {taken} ({path}); rename or move it"),
            ));
        }
    };
    for (path, file) in &content.assets {
        check(path, file, "this file");
    }
    for path in theme.assets.keys() {
        if !content.assets.contains_key(path) {
            let root = &site.paths.root;
            let file = [
                root.join("static").join(path),
                root.join("themes")
                    .join(&site.config.theme)
                    .join("static")
                    .join(path),
            ]
            .into_iter()
            .find(|f| f.is_file())
            .unwrap_or_else(|| std::path::PathBuf::from(format!("<embedded theme>/static/{path}")));
            check(path, &file, "this static file");
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Everything one build's pages are rendered with.
struct Renderer<'a> {
    site: &'a Site,
    theme: Theme,
    tera: tera::Tera,
    /// Fingerprint of each template with everything it uses.
    templates: BTreeMap<String, [u8; 32]>,
    /// Fingerprint of the site settings every page shows.
    site_key: [u8; 32],
    index: Arc<SiteIndex>,
    content: Arc<Content>,
    texts: Arc<Texts>,
    sink: &'a dyn Sink,
    memo: &'a dyn Memo,
    /// Every content path (page or asset) and theme asset (looked up for
    /// every internal link, and for each recorded read of a page carried
    /// over: hashed).
    existing: rustc_hash::FxHashSet<String>,
}

/// Fingerprint of everything of the site's configuration that reaches a
/// page (the binary's identity is part of every stored entry already).
fn site_key(site: &Site) -> [u8; 32] {
    let c = &site.config;
    *memo::key(
        "site",
        [
            c.title.as_bytes(),
            c.description.as_bytes(),
            c.language.as_bytes(),
            c.base_url.as_deref().unwrap_or("\0none").as_bytes(),
            &[u8::from(c.minify)],
        ],
    )
    .as_bytes()
}

const ABSENT: [u8; 32] = [0; 32];
const PRESENT: [u8; 32] = [1; 32];

impl Renderer<'_> {
    /// Whether a content path (page or asset) or a theme asset exists.
    fn exists(&self, path: &str) -> bool {
        self.existing.contains(path)
    }

    /// [`Self::exists`], recorded as a read of the render running.
    fn exists_read(&self, path: &str) -> bool {
        deps::record(Dep::Exists(path.to_string()));
        self.exists(path)
    }

    /// The fingerprint of what a read gives in this build.
    fn answer<S: AsRef<str>>(&self, dep: &Dep<S>) -> [u8; 32] {
        let prints = |path: &S| self.index.prints.get(path.as_ref());
        match dep {
            Dep::Card(path) => prints(path).map_or(ABSENT, |p| p.card),
            Dep::Section(path) => prints(path).map_or(ABSENT, |p| p.summary),
            Dep::Heading(path) => prints(path).map_or(ABSENT, |p| p.heading),
            Dep::Text(path) | Dep::Body(path) => {
                match (prints(path), self.content.pages.get(path.as_ref())) {
                    (Some(p), Some(page)) => {
                        *memo::key("body", [&p.card[..], &page.hash]).as_bytes()
                    }
                    _ => ABSENT,
                }
            }
            Dep::Exists(path) => {
                if self.exists(path.as_ref()) {
                    PRESENT
                } else {
                    ABSENT
                }
            }
        }
    }

    /// The fingerprint of a page's own inputs: its template (with what it
    /// uses), its summary, its body and the site settings.
    fn inputs(&self, template: &str, summary: &[u8; 32], body: &[u8]) -> [u8; 32] {
        let template_print = self.templates.get(template).copied().unwrap_or(ABSENT);
        *memo::key(
            "page-inputs",
            [
                &self.site_key[..],
                template.as_bytes(),
                &template_print,
                summary,
                body,
            ],
        )
        .as_bytes()
    }

    fn record_key(url: &str) -> blake3::Hash {
        memo::key("render", [url.as_bytes()])
    }

    /// Carry `url` over from the previous output if the build that wrote it
    /// had the same inputs and every read it made still gives the same.
    fn reusable(&self, url: &str, inputs: &[u8; 32]) -> bool {
        // Read with its paths borrowed: most pages are kept, and their
        // records are only compared.
        let len = memo::reading(self.memo, "render", &Self::record_key(url), |bytes| {
            let record: Record<&str> = postcard::from_bytes(bytes)?;
            Ok(record
                .holds(inputs, |dep| self.answer(dep))
                .then_some(record.len))
        });
        match len.flatten() {
            Some(len) => self.sink.keep(url, len).unwrap_or(false),
            None => false,
        }
    }

    /// Write a rendered page and remember how it was made.
    fn finish(
        &self,
        url: &str,
        inputs: [u8; 32],
        reads: BTreeSet<Dep>,
        html: String,
    ) -> Result<(), Diagnostic> {
        let bytes = if self.site.config.minify {
            minify::html(&html)
        } else {
            html.into_bytes()
        };
        self.sink
            .write(url, &bytes)
            .map_err(|e| Diagnostic::error(url, None, format!("cannot write: {e}")))?;
        let record = Record {
            inputs,
            reads: reads
                .into_iter()
                .map(|dep| {
                    let answer = self.answer(&dep);
                    (dep, answer)
                })
                .collect(),
            len: bytes.len() as u64,
        };
        self.memo
            .put("render", &Self::record_key(url), &memo::encode(&record));
        Ok(())
    }

    fn site_ctx(&self) -> SiteContext<'_> {
        let c = &self.site.config;
        SiteContext {
            title: &c.title,
            description: &c.description,
            language: &c.language,
            base_url: c.base_url.as_deref(),
        }
    }

    /// Render `template` with a page context; internal links in the output
    /// are resolved (and recorded as reads), broken ones returned.
    fn template(
        &self,
        template: &str,
        page: &PageContext,
        root: &str,
    ) -> Result<(String, Vec<String>), tera::Error> {
        let mut ctx = tera::Context::new();
        ctx.insert("site", &self.site_ctx());
        ctx.insert("page", page);
        ctx.insert("root", root);
        ctx.insert(
            "canonical",
            &canonical(self.site.config.base_url.as_deref(), &page.summary.url),
        );
        // What `Tera::render` does, into a buffer the size of the page
        // instead of one grown (copied) from 2 KB.
        let mut out = Vec::with_capacity(page.content.len() + page.content.len() / 8 + 16 * 1024);
        self.tera.render_to(template, &ctx, &mut out)?;
        let out = String::from_utf8(out).map_err(|e| {
            tera::Error::utf8_conversion_error(e, "converting rendered buffer to string".into())
        })?;
        Ok(links::resolve(&out, &page.summary.url, |p| {
            self.exists_read(p)
        }))
    }

    /// One content page: carried over, or rendered and written.
    fn page(&self, page: &Page) -> Result<Done, Diagnostic> {
        let summary = &self.index.pages[&page.path];
        let template = template_for(page, &self.tera);
        let inputs = self.inputs(
            &template,
            &self.index.prints[&page.path].summary,
            &page.hash,
        );
        let meta_key = memo::key("meta", [page.path.as_bytes(), &page.hash]);
        let stored: Option<Meta> = memo::decoded(self.memo, "meta", &meta_key);
        if let Some(meta) = stored {
            if self.reusable(&summary.url, &inputs) {
                return Ok(Done::Kept(meta));
            }
        }

        let body = markdown::render(&page.body()?);
        let meta = Meta {
            text: Text::of(&body.text),
            has_code: body.has_code,
            search: Some(search::Indexed::of(&search::docs_of(
                summary, &body.html, &body.text,
            ))),
        };
        // Internal links are resolved once, in the whole page: a broken one
        // is the content file's fault when its body holds it.
        let ((html, problems), reads) = deps::reading(|| {
            let context = PageContext {
                summary,
                summary_text: &meta.text.summary,
                words: meta.text.words,
                content: &body.html,
                toc: &body.toc,
                has_code: body.has_code,
            };
            match self.template(&template, &context, &paths::path_to_root(&summary.url)) {
                Ok((html, broken)) => {
                    let problems = broken
                        .into_iter()
                        .map(|target| {
                            // The target ends at its quote or its fragment.
                            let in_body = [format!("=\"{target}\""), format!("=\"{target}#")]
                                .iter()
                                .any(|link| body.html.contains(link.as_str()));
                            if in_body {
                                Diagnostic::error(
                                    &page.file,
                                    None,
                                    format!("broken internal link to {target}"),
                                )
                            } else {
                                Diagnostic::error(
                                    self.theme.template_location(&template),
                                    None,
                                    format!(
                                        "broken internal link to {target} (rendering {})",
                                        page.path
                                    ),
                                )
                            }
                        })
                        .collect();
                    (Some(html), problems)
                }
                Err(e) => {
                    let mut d = templates::template_error(&self.theme, &e);
                    d.message = format!("rendering {}: {}", page.path, d.message);
                    (None, vec![d])
                }
            }
        });
        if let (Some(html), true) = (html, problems.is_empty()) {
            self.finish(&summary.url, inputs, reads, html)?;
            self.memo.put("meta", &meta_key, &memo::encode(&meta));
        }
        Ok(Done::Rendered(meta, problems))
    }

    /// A page of the theme's own (search, 404, print): no content file;
    /// the printable page's body is made of other pages' bodies, which it
    /// reads like any lookup.
    fn special(&self, url: &str, title: &str) -> Result<Done, Diagnostic> {
        let summary = Summary::synthetic(url, title);
        let body_reads = if url == "print.html" {
            print::reads(&self.index)
        } else {
            Vec::new()
        };
        let inputs = self.inputs(url, &summary.prints().summary, b"");
        if self.reusable(url, &inputs) {
            return Ok(Done::Kept(Meta::default()));
        }
        let body = if url == "print.html" {
            let unreadable = std::cell::RefCell::new(None);
            let body = print::body(&self.index, &|path: &str| match self
                .content
                .pages
                .get(path)
                .map(Page::body)
            {
                Some(Ok(body)) => markdown::render(&body).html,
                Some(Err(d)) => {
                    unreadable.borrow_mut().get_or_insert(d);
                    String::new()
                }
                None => String::new(),
            });
            if let Some(d) = unreadable.into_inner() {
                return Err(d);
            }
            body
        } else {
            String::new()
        };
        let root = if url == "404.html" {
            self.site
                .config
                .base_url
                .as_deref()
                .map(|b| format!("{}/", b.trim_end_matches('/')))
                .unwrap_or_default()
        } else {
            paths::path_to_root(url)
        };
        let (result, mut reads) = deps::reading(|| {
            let context = PageContext {
                summary: &summary,
                summary_text: "",
                words: 0,
                content: &body,
                toc: &[],
                has_code: false,
            };
            self.template(url, &context, &root)
        });
        reads.extend(body_reads);
        let (html, broken) = result.map_err(|e| templates::template_error(&self.theme, &e))?;
        let problems: Vec<Diagnostic> = broken
            .into_iter()
            .map(|t| {
                Diagnostic::error(
                    self.theme.template_location(url),
                    None,
                    format!("broken internal link to {t}"),
                )
            })
            .collect();
        if problems.is_empty() {
            self.finish(url, inputs, reads, html)?;
        }
        Ok(Done::Rendered(Meta::default(), problems))
    }

    /// The site's other files: theme and content assets, the syntax
    /// stylesheet, the search index, sitemap, robots.txt and feeds.
    fn files(&self, mut metas: BTreeMap<String, Meta>) -> Result<usize, Vec<Diagnostic>> {
        let mut count = 0;
        let mut write = |path: &str, bytes: &[u8]| {
            count += 1;
            self.sink
                .write(path, bytes)
                .map_err(|e| vec![Diagnostic::error(path, None, format!("cannot write: {e}"))])
        };
        for (path, bytes) in &self.theme.assets {
            write(path, bytes)?;
        }
        for (path, file) in &self.content.assets {
            let bytes = std::fs::read(file)
                .map_err(|e| vec![Diagnostic::error(file, None, format!("cannot read: {e}"))])?;
            write(path, &bytes)?;
        }
        write(
            SYNTAX_CSS,
            highlight_css(metas.values().any(|m| m.has_code)).as_bytes(),
        )?;
        let docs: Vec<search::Indexed> = self
            .index
            .pages
            .values()
            .filter(|s| s.extra.get("in_search_index") != Some(&serde_json::Value::Bool(false)))
            .filter_map(|s| metas.get_mut(&s.path)?.search.take())
            .collect();
        let searched = search::write(
            docs,
            &SearchOut(Remembered {
                sink: self.sink,
                memo: self.memo,
                kind: "search",
            }),
        )?;
        let config = &self.site.config;
        write(SITEMAP, feeds::sitemap(config, &self.index).as_bytes())?;
        write(ROBOTS, feeds::robots(config).as_bytes())?;
        let summary_of = |path: &str| {
            self.texts
                .get(path)
                .map(|t| t.summary.clone())
                .unwrap_or_default()
        };
        if let Some(atom) = feeds::atom(
            config,
            &self.index,
            &summary_of,
            "sources/_index.md",
            SOURCES_FEED,
            "Sources",
        ) {
            write(SOURCES_FEED, atom.as_bytes())?;
        }
        Ok(count + searched)
    }
}

/// The search index's files go to the sink; the memo remembers, per file,
/// the fingerprint of the inputs it was made from and its length, so an
/// unchanged file is carried over without being made again.
struct SearchOut<'a>(Remembered<'a>);

impl search::Out for SearchOut<'_> {
    type Error = Vec<Diagnostic>;

    fn write(
        &self,
        path: &str,
        key: Option<&blake3::Hash>,
        bytes: &[u8],
    ) -> Result<(), Vec<Diagnostic>> {
        self.0
            .sink
            .write(path, bytes)
            .map_err(|e| vec![Diagnostic::error(path, None, format!("cannot write: {e}"))])?;
        if let Some(key) = key {
            self.0.wrote(path, key, bytes.len() as u64);
        }
        Ok(())
    }

    fn keep(&self, path: &str, key: &blake3::Hash) -> Result<bool, Vec<Diagnostic>> {
        self.0
            .keep(path, key)
            .map_err(|e| vec![Diagnostic::error(path, None, format!("cannot keep: {e}"))])
    }
}

/// The syntax stylesheet is only computed when some page has code (it needs
/// syntect's themes); otherwise an empty placeholder keeps links valid.
fn highlight_css(needed: bool) -> String {
    if needed {
        highlight::stylesheet()
    } else {
        "/* no code blocks on this site */\n".to_string()
    }
}

fn template_for(page: &Page, tera: &tera::Tera) -> String {
    if let Some(t) = &page.front.template {
        return t.clone();
    }
    let default = if page.path == "_index.md" {
        "index.html"
    } else if page.is_section() {
        "section.html"
    } else {
        "page.html"
    };
    if tera.get_template_names().any(|n| n == default) {
        default.to_string()
    } else {
        "page.html".to_string()
    }
}

fn canonical(base_url: Option<&str>, url: &str) -> Option<String> {
    let base = base_url?.trim_end_matches('/');
    let url = url.strip_suffix("index.html").unwrap_or(url);
    Some(format!("{base}/{url}"))
}
