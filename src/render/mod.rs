//! Render stage: reads `content/` like any SSG and renders it through the
//! theme's Tera templates into the site (via an [`output::Sink`]).
//!
//! Every page gets a context with `site`, `page` (its summary, `content`,
//! `toc`, `has_code`), `root` (the relative path back to the site root) and
//! `canonical`; other pages are looked up by id with `get_page(path=...)` and
//! `get_section(path=...)`.

pub mod content;
pub mod feeds;
pub mod highlight;
pub mod index;
pub mod links;
pub mod markdown;
pub mod minify;
pub mod paths;
pub mod print;
pub mod search;
pub mod templates;
pub mod theme;

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use crate::config::Site;
use crate::diag::Diagnostic;
use crate::output::Sink;
use content::{Content, Page};
use index::{SiteIndex, Summary};
use markdown::{Rendered, TocEntry};
use theme::Theme;

/// What a render produced.
#[derive(Debug, Default)]
pub struct Report {
    /// HTML pages written.
    pub pages: usize,
    /// Other files written (assets, stylesheets).
    pub files: usize,
    pub warnings: Vec<Diagnostic>,
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
    content: &'a str,
    toc: &'a [TocEntry],
    has_code: bool,
}

/// Render the site. Errors (a template that fails, a broken internal link)
/// are all returned; nothing is partial on error because the sink is only
/// published by the caller on success.
/// `on_page` is called after each page is rendered (progress).
pub fn render(
    site: &Site,
    content: &Content,
    sink: &dyn Sink,
    on_page: &(dyn Fn() + Sync),
) -> Result<Report, Vec<Diagnostic>> {
    let theme = Theme::load(&site.paths.root, &site.config.theme).map_err(|d| vec![d])?;
    let pages: Vec<&Page> = content.pages.values().filter(|p| !p.front.draft).collect();

    // Each page's markdown is rendered once and shared (no copies of the
    // site's HTML): templates look bodies up by id through `page_content`.
    let rendered: Arc<BTreeMap<String, Rendered>> = Arc::new(
        pages
            .par_iter()
            .map(|p| (p.path.clone(), markdown::render(&p.body)))
            .collect(),
    );
    let index = Arc::new(SiteIndex::build(pages.iter().copied(), &rendered));
    let tera = templates::compile(&theme, Arc::clone(&index), Arc::clone(&rendered))
        .map_err(|d| vec![d])?;

    let exists = |path: &str| {
        index.pages.contains_key(path)
            || content.assets.contains_key(path)
            || theme.assets.contains_key(path)
    };
    let site_ctx = SiteContext {
        title: &site.config.title,
        description: &site.config.description,
        language: &site.config.language,
        base_url: site.config.base_url.as_deref(),
    };

    let results: Vec<Result<Vec<Diagnostic>, Diagnostic>> = pages
        .par_iter()
        .map(|page| {
            let summary = &index.pages[&page.path];
            let body = &rendered[&page.path];
            let (html, broken) = links::resolve(&body.html, &summary.url, exists);
            let mut problems: Vec<Diagnostic> = broken
                .into_iter()
                .map(|target| {
                    Diagnostic::error(
                        &page.file,
                        None,
                        format!("broken internal link to {target}"),
                    )
                })
                .collect();
            let template = template_for(page, &tera);
            let mut ctx = tera::Context::new();
            ctx.insert("site", &site_ctx);
            ctx.insert(
                "page",
                &PageContext {
                    summary,
                    content: &html,
                    toc: &body.toc,
                    has_code: body.has_code,
                },
            );
            ctx.insert("root", &paths::path_to_root(&summary.url));
            ctx.insert(
                "canonical",
                &canonical(site.config.base_url.as_deref(), &summary.url),
            );
            let out = tera.render(&template, &ctx).map_err(|e| {
                let mut d = templates::template_error(&theme, &e);
                d.message = format!("rendering {}: {}", page.path, d.message);
                d
            })?;
            let (out, broken) = links::resolve(&out, &summary.url, exists);
            problems.extend(broken.into_iter().map(|target| {
                Diagnostic::error(
                    theme.template_location(&template),
                    None,
                    format!("broken internal link to {target} (rendering {})", page.path),
                )
            }));
            on_page();
            if problems.is_empty() {
                let out = if site.config.minify {
                    minify::html(&out)
                } else {
                    out.into_bytes()
                };
                sink.write(&summary.url, &out).map_err(|e| {
                    Diagnostic::error(&summary.url, None, format!("cannot write: {e}"))
                })?;
            }
            Ok(problems)
        })
        .collect();

    let mut errors = Vec::new();
    let mut report = Report {
        pages: pages.len(),
        ..Report::default()
    };
    for result in results {
        match result {
            Ok(problems) => errors.extend(problems),
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        errors.sort();
        return Err(errors);
    }

    let mut write = |path: &str, bytes: &[u8]| {
        report.files += 1;
        sink.write(path, bytes)
            .map_err(|e| vec![Diagnostic::error(path, None, format!("cannot write: {e}"))])
    };
    for (path, bytes) in &theme.assets {
        write(path, bytes)?;
    }
    for (path, file) in &content.assets {
        let bytes = std::fs::read(file)
            .map_err(|e| vec![Diagnostic::error(file, None, format!("cannot read: {e}"))])?;
        write(path, &bytes)?;
    }
    write(
        "css/syntax.css",
        highlight_css(rendered.values().any(|r| r.has_code)).as_bytes(),
    )?;

    let searched: Vec<&Summary> = index
        .pages
        .values()
        .filter(|s| s.extra.get("in_search_index") != Some(&serde_json::Value::Bool(false)))
        .collect();
    let docs: Vec<search::PageDocs> = searched
        .par_iter()
        .map(|s| search::docs_of(s, &rendered[&s.path].html, &rendered[&s.path].text))
        .collect();
    for (path, bytes) in search::files(docs) {
        write(&path, &bytes)?;
    }
    write(
        "sitemap.xml",
        feeds::sitemap(&site.config, &index).as_bytes(),
    )?;
    write("robots.txt", feeds::robots(&site.config).as_bytes())?;
    if let Some(atom) = feeds::atom(
        &site.config,
        &index,
        "sources/_index.md",
        "sources/atom.xml",
        "Sources",
    ) {
        write("sources/atom.xml", atom.as_bytes())?;
    }

    let special = [
        ("search.html", "Search", String::new()),
        ("404.html", "Page not found", String::new()),
        (
            "print.html",
            "The whole dossier",
            print::body(&index, &rendered),
        ),
    ];
    for (url, title, body) in special {
        let summary = Summary::synthetic(url, title);
        let root = if url == "404.html" {
            site.config
                .base_url
                .as_deref()
                .map(|b| format!("{}/", b.trim_end_matches('/')))
                .unwrap_or_default()
        } else {
            paths::path_to_root(url)
        };
        let mut ctx = tera::Context::new();
        ctx.insert("site", &site_ctx);
        ctx.insert(
            "page",
            &PageContext {
                summary: &summary,
                content: &body,
                toc: &[],
                has_code: false,
            },
        );
        ctx.insert("root", &root);
        ctx.insert(
            "canonical",
            &canonical(site.config.base_url.as_deref(), url),
        );
        let out = tera
            .render(url, &ctx)
            .map_err(|e| vec![templates::template_error(&theme, &e)])?;
        let (out, broken) = links::resolve(&out, url, exists);
        if !broken.is_empty() {
            return Err(broken
                .into_iter()
                .map(|t| {
                    Diagnostic::error(
                        theme.template_location(url),
                        None,
                        format!("broken internal link to {t}"),
                    )
                })
                .collect());
        }
        let out = if site.config.minify {
            minify::html(&out)
        } else {
            out.into_bytes()
        };
        write(url, &out)?;
        report.pages += 1;
    }
    Ok(report)
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
