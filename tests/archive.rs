//! On a large corpus, long lists (a topic's statements, the timeline, the
//! sources naming an actor) move from their page to archive pages by
//! period: the page stays small, and every item is on exactly one archive
//! page.

mod common;

#[path = "../examples/gen/mod.rs"]
#[allow(dead_code)]
mod gen;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::{repo, seeds};

const ARTICLES: u64 = 400;

struct Built {
    _dir: tempfile::TempDir,
    public: std::path::PathBuf,
}

fn build() -> Built {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let generator = gen::Generator::new(gen::Seeds::load(&seeds()).unwrap(), 5);
    gen::write_corpus(&generator, &corpus, ARTICLES).unwrap();
    let public = dir.path().join("public");
    common::dossier(&[
        "build",
        "--quiet",
        "--config",
        repo().join("site.yaml").to_str().unwrap(),
        "--corpus",
        corpus.to_str().unwrap(),
        "--content",
        dir.path().join("content").to_str().unwrap(),
        "--out",
        public.to_str().unwrap(),
    ]);
    Built { _dir: dir, public }
}

fn read(public: &Path, path: &str) -> String {
    std::fs::read_to_string(public.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn json(public: &Path, path: &str) -> Vec<serde_json::Value> {
    serde_json::from_str(&read(public, path)).unwrap()
}

/// The archive pages of periods a page links to:
/// `href="<prefix><period>.html"`.
fn parts(html: &str, prefix: &str) -> Vec<String> {
    let re = regex::Regex::new(&format!(
        r#"href="{}((?:[0-9]{{4}}|undated)[0-9a-z-]*)\.html""#,
        regex::escape(prefix)
    ))
    .unwrap();
    let mut found: Vec<String> = re.captures_iter(html).map(|c| c[1].to_string()).collect();
    found.dedup();
    found
}

/// How many archive pages of `pages` hold a link to `url` (relative to
/// pages two folders down, as archive pages are).
fn holders(pages: &BTreeMap<String, String>, url: &str) -> usize {
    let link = format!("href=\"../../{url}\"");
    pages.values().filter(|html| html.contains(&link)).count()
}

#[test]
fn long_lists_move_to_archive_pages_and_nothing_is_lost() {
    let site = build();
    let public = &site.public;

    // A topic: every statement on exactly one archive page, the topic
    // page itself small.
    let facts = json(public, "api/facts.json");
    let prisoners: Vec<&serde_json::Value> =
        facts.iter().filter(|f| f["topic"] == "prisoners").collect();
    assert!(prisoners.len() > 200, "{} facts", prisoners.len());
    let topic = read(public, "topics/prisoners.html");
    let slugs = parts(&topic, "../topics/prisoners/");
    assert!(slugs.len() >= 3, "archive pages: {slugs:?}");
    let pages: BTreeMap<String, String> = slugs
        .iter()
        .map(|s| {
            (
                s.clone(),
                read(public, &format!("topics/prisoners/{s}.html")),
            )
        })
        .collect();
    let urls: BTreeSet<&str> = prisoners
        .iter()
        .map(|f| f["url"].as_str().unwrap())
        .collect();
    for url in &urls {
        assert_eq!(holders(&pages, url), 1, "{url} must be on one archive page");
    }
    let total: usize = topic
        .lines()
        .filter_map(|l| {
            let i = l.find("</a>: ")?;
            l[i + 6..].split(' ').next()?.parse::<usize>().ok()
        })
        .sum();
    assert_eq!(
        total,
        prisoners.len(),
        "the archive index counts every fact"
    );
    assert!(topic.len() < 400_000, "topic page is {} bytes", topic.len());
    // An archive page sits under its topic in the breadcrumbs.
    let first = pages.values().next().unwrap();
    let crumbs = &first[first.find("class=\"breadcrumbs\"").unwrap()..];
    let crumbs = crumbs[..crumbs.find("</nav>").unwrap()].replace("&#x2F;", "/");
    assert!(
        crumbs.contains("href=\"../../topics/index.html\""),
        "{crumbs}"
    );
    assert!(
        crumbs.contains("href=\"../../topics/prisoners.html\""),
        "{crumbs}"
    );

    // The timeline: every event on exactly one period page.
    let events = json(public, "api/timeline.json");
    assert!(events.len() > 200);
    let timeline = read(public, "timeline.html");
    let slugs = parts(&timeline, "timeline/");
    assert!(slugs.len() >= 3, "{slugs:?}");
    let pages: BTreeMap<String, String> = slugs
        .iter()
        .map(|s| (s.clone(), read(public, &format!("timeline/{s}.html"))))
        .collect();
    let count: usize = pages
        .values()
        .map(|html| html.matches("<li class=\"event").count())
        .sum();
    assert_eq!(count, events.len(), "every event on one page");
    for html in pages.values() {
        assert!(
            html.contains("<select id=\"timeline-topic\">"),
            "filters on each page"
        );
    }

    // The actor named in the most sources: its page lists the latest, its
    // archive pages every source.
    let entities = json(public, "api/entities.json");
    let top = entities
        .iter()
        .max_by_key(|e| e["sources"].as_array().unwrap().len())
        .unwrap();
    let id = top["id"].as_str().unwrap();
    let sources: Vec<&str> = top["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(sources.len() > 200);
    let page = read(public, &format!("actors/{id}.html"));
    let slugs = parts(&page, &format!("../actors/{id}/"));
    assert!(!slugs.is_empty(), "actor archive pages");
    let pages: BTreeMap<String, String> = slugs
        .iter()
        .map(|s| (s.clone(), read(public, &format!("actors/{id}/{s}.html"))))
        .collect();
    for source in &sources {
        assert_eq!(
            holders(&pages, &format!("sources/{source}.html")),
            1,
            "{source} on one archive page of {id}"
        );
    }

    // The printable dossier keeps the overviews, not the archives.
    let print = read(public, "print.html");
    assert!(
        !print.contains("Political prisoners: 20"),
        "archive pages printed"
    );
}
