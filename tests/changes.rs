//! "What changed" end to end: a site built from a temporary copy of two seed
//! articles reports everything as new; an unchanged rebuild keeps every
//! byte; adding an article adds one entry naming it, its new actors and the
//! prisoner count it changes; removing one lists it as removed and its page
//! is gone. The feed is strictly well-formed and deterministic.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::{dossier, files, repo, seeds, text_of};
use quick_xml::events::Event;
use quick_xml::XmlVersion;
use serde_json::Value;

/// The New York Times, 2025-02-15: "1,226" political prisoners (¶11).
const NYT: &str = "002_cac94a10d226ae88.txt";
const NYT_ID: &str = "a-quick-quiet-trip-to-belarus-signals-a-turn-in-u-s-policy";
/// Pravda.Ru, 2025-09-11.
const PRAVDA: &str = "001_4e71a2ef0a25e287.txt";
const PRAVDA_ID: &str =
    "donald-trump-suddenly-becomes-best-friends-with-belarus-president-alexander-luka";
const PRAVDA_TITLE: &str =
    "Donald Trump Suddenly Becomes Best Friends with Belarus President Alexander Lukashenko";
/// 2025-09-23: "about 1,200" political prisoners (¶4).
const EASES: &str = "004_fa520c7751b65a72.txt";
const EASES_ID: &str = "trump-eases-belarus-sanctions-amid-prisoner-release-deal";

/// A site in a temporary folder: the project's config, a corpus of seed
/// copies, its own content and output folders.
struct Site {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Site {
    fn new(articles: &[&str]) -> Site {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        std::fs::copy(repo().join("site.yaml"), root.join("site.yaml")).unwrap();
        std::fs::create_dir_all(root.join("corpus")).unwrap();
        let site = Site { _dir: dir, root };
        for a in articles {
            site.add(a);
        }
        site
    }

    fn add(&self, article: &str) {
        std::fs::copy(
            seeds().join(article),
            self.root.join("corpus").join(article),
        )
        .unwrap();
    }

    fn remove(&self, article: &str) {
        std::fs::remove_file(self.root.join("corpus").join(article)).unwrap();
    }

    fn build(&self, extra: &[&str]) -> String {
        let path = |p: &str| self.root.join(p).to_str().unwrap().to_string();
        let mut args = vec![
            "build".to_string(),
            "--config".into(),
            path("site.yaml"),
            "--corpus".into(),
            path("corpus"),
            "--content".into(),
            path("content"),
            "--out".into(),
            path("public"),
        ];
        args.extend(extra.iter().map(|s| s.to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        String::from_utf8_lossy(&dossier(&args).stderr).into_owned()
    }

    fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.public().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    fn json(&self, path: &str) -> Value {
        serde_json::from_str(&self.read(path)).unwrap()
    }

    fn history(&self) -> Vec<Value> {
        self.json("api/changes.json").as_array().unwrap().clone()
    }

    fn actor_ids(&self) -> BTreeSet<String> {
        ids(&self.json("api/entities.json"))
    }
}

fn ids(list: &Value) -> BTreeSet<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap().to_string())
        .collect()
}

/// An Atom entry as parsed.
#[derive(Debug, Default)]
struct FeedEntry {
    id: String,
    title: String,
    updated: String,
    link: String,
    content: String,
}

/// Parse an Atom feed strictly: every end tag matches, one root, only
/// predefined and character entities, no character XML forbids.
fn parse_feed(xml: &str) -> Vec<FeedEntry> {
    for c in xml.chars() {
        let allowed =
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{fffe}' && c != '\u{ffff}');
        assert!(allowed, "character {c:?} is not allowed in XML");
    }
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    reader.config_mut().check_comments = true;
    let mut stack: Vec<String> = Vec::new();
    let mut roots = 0;
    let mut entries = Vec::new();
    let mut current: Option<FeedEntry> = None;
    let mut text = String::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                if stack.is_empty() {
                    roots += 1;
                    assert_eq!(name, "feed");
                }
                if name == "entry" {
                    current = Some(FeedEntry::default());
                }
                for a in e.attributes() {
                    a.expect("well-formed attribute")
                        .normalized_value(XmlVersion::Implicit1_0)
                        .expect("known entities only");
                }
                stack.push(name);
                text.clear();
            }
            Event::Empty(e) => {
                assert!(!stack.is_empty(), "content outside the root");
                let mut rel = String::new();
                let mut href = String::new();
                for a in e.attributes() {
                    let a = a.expect("well-formed attribute");
                    let value = a
                        .normalized_value(XmlVersion::Implicit1_0)
                        .expect("known entities only")
                        .into_owned();
                    match a.key.as_ref() {
                        "rel" => rel = value,
                        "href" => href = value,
                        _ => {}
                    }
                }
                if let (Some(entry), "link", "alternate") =
                    (current.as_mut(), e.name().as_ref(), rel.as_str())
                {
                    entry.link = href;
                }
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => text.push(common::xml_reference(&r).unwrap()),
            Event::End(e) => {
                let name = e.name().as_ref().to_string();
                assert_eq!(stack.pop().as_deref(), Some(name.as_str()));
                if let Some(entry) = current.as_mut() {
                    match name.as_str() {
                        "id" => entry.id = text.clone(),
                        "title" => entry.title = text.clone(),
                        "updated" => entry.updated = text.clone(),
                        "content" => entry.content = text.clone(),
                        "entry" => entries.push(current.take().unwrap()),
                        _ => {}
                    }
                }
                text.clear();
            }
            Event::Eof => break,
            Event::Decl(_) | Event::Comment(_) => {}
            other => panic!("unexpected {other:?}"),
        }
    }
    assert!(stack.is_empty(), "unclosed {stack:?}");
    assert_eq!(roots, 1);
    entries
}

/// Every relative link of an HTML page or fragment (at `from`, an output
/// path) leads to a file of the site, and `#pN` / `#id` anchors exist.
fn assert_links_resolve(public: &Path, from: &str, html: &str) {
    let href = regex::Regex::new(r#"href="([^"]*)""#).unwrap();
    let dir = Path::new(from).parent().unwrap();
    for cap in href.captures_iter(html) {
        let link = cap[1].replace("&#x2F;", "/").replace("&amp;", "&");
        if link.starts_with('#') || link.contains("://") {
            continue;
        }
        let (file, anchor) = match link.split_once('#') {
            Some((f, a)) => (f.to_string(), Some(a.to_string())),
            None => (link.clone(), None),
        };
        let target = public.join(dir).join(&file);
        let page = std::fs::read_to_string(&target)
            .unwrap_or_else(|_| panic!("{from}: link to {link}: no such file"));
        if let Some(a) = anchor {
            assert!(
                page.contains(&format!("id=\"{a}\"")),
                "{from}: link to {link}: no such anchor"
            );
        }
    }
}

/// The section of the page for build `n` (its heading to the next one).
fn section(page: &str, n: u64) -> String {
    let start = page
        .find(&format!("<h2 id=\"build-{n}\""))
        .unwrap_or_else(|| panic!("no build {n} on the page"));
    let rest = &page[start..];
    let end = rest[1..].find("<h2 ").map_or(rest.len(), |i| i + 1);
    let end = rest[..end].find("</article>").unwrap_or(end);
    rest[..end].to_string()
}

/// The whole sequence: two articles, unchanged rebuilds, one added, one
/// removed. Returns the feed after each step (for determinism).
fn sequence(site: &Site) -> Vec<String> {
    let mut feeds = Vec::new();

    // A fresh output: everything is new.
    site.build(&[]);
    let history = site.history();
    assert_eq!(history.len(), 1);
    let first = &history[0];
    assert_eq!(first["build"], 1);
    assert_eq!(first["date"], "2025-09-11", "the newest source's date");
    assert_eq!(
        ids(&first["sources_added"]),
        [NYT_ID, PRAVDA_ID].map(String::from).into()
    );
    assert_eq!(
        ids(&first["actors_added"]),
        site.actor_ids(),
        "every actor is new"
    );
    let held = first["figures_changed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == "held")
        .expect("the prisoner count is a key figure");
    assert_eq!(held["old"], Value::Null);
    assert_eq!(held["new"]["value"], "1,226");
    let page = site.read("changes.html");
    assert!(page.contains(r#"<link rel="alternate" type="application/atom+xml" title="What changed" href="changes.xml">"#));
    assert!(
        page.contains(r#"<a href="changes.html" aria-current="page">What changed</a>"#),
        "in the navigation"
    );
    let build1 = text_of(&section(&page, 1));
    assert!(build1.contains("2 new sources"), "{build1}");
    assert!(build1.contains(&format!("{PRAVDA_TITLE}, Pravda.Ru, 2025-09-11")));
    assert!(section(&page, 1).contains(&format!("<a href=\"sources/{NYT_ID}.html\">")));
    assert!(
        site.read("index.html").contains(">What changed</a>"),
        "nav on other pages"
    );
    assert_links_resolve(&site.public(), "changes.html", &page);
    let feed = site.read("changes.xml");
    let entries = parse_feed(&feed);
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].id, first["id"].as_str().unwrap());
    assert!(entries[0].id.starts_with("urn:dossier:change:"));
    assert_eq!(entries[0].updated, "2025-09-11T00:00:00Z");
    assert_eq!(entries[0].link, "changes.html#build-1");
    assert_links_resolve(&site.public(), "changes.xml", &entries[0].content);
    feeds.push(feed);

    // Unchanged: the no-op path, then a full rebuild, keep every byte.
    let before = files(&site.public());
    let content_before = files(&site.root.join("content"));
    let out = site.build(&[]);
    assert!(out.contains("Nothing changed"), "{out}");
    site.build(&["--clean"]);
    assert!(
        before == files(&site.public()),
        "an unchanged rebuild changed the output"
    );
    assert!(content_before == files(&site.root.join("content")));
    assert_eq!(site.history().len(), 1);

    // One more article: one entry naming it, its new actors and the count
    // it changes.
    let actors_before = site.actor_ids();
    site.add(EASES);
    site.build(&[]);
    let history = site.history();
    assert_eq!(history.len(), 2);
    let second = &history[0];
    assert_eq!(second["build"], 2);
    assert_eq!(second["date"], "2025-09-23");
    assert_eq!(ids(&second["sources_added"]), [EASES_ID.to_string()].into());
    assert!(second["sources_removed"].as_array().unwrap().is_empty());
    let new_actors: BTreeSet<String> = site
        .actor_ids()
        .difference(&actors_before)
        .cloned()
        .collect();
    assert!(!new_actors.is_empty(), "the article names new actors");
    assert_eq!(ids(&second["actors_added"]), new_actors);
    let held = second["figures_changed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["key"] == "held")
        .expect("the prisoner count changed");
    assert_eq!(held["old"]["value"], "1,226");
    assert_eq!(held["old"]["cites"][0]["source"], NYT_ID);
    assert_eq!(held["new"]["value"], "about 1,200");
    assert_eq!(held["new"]["cites"][0]["source"], EASES_ID);
    assert_eq!(held["new"]["cites"][0]["paragraph"], 4);
    assert_eq!(history[1], *first, "the first entry is kept as it was");

    let page = site.read("changes.html");
    assert!(page.find("id=\"build-2\"").unwrap() < page.find("id=\"build-1\"").unwrap());
    let build2 = section(&page, 2);
    assert!(build2.contains(&format!("<a href=\"sources/{EASES_ID}.html\">Trump Eases Belarus Sanctions Amid Prisoner Release Deal</a>")));
    for actor in &new_actors {
        assert!(
            build2.contains(&format!("<a href=\"actors/{actor}.html\">")),
            "{actor}"
        );
    }
    let count = build2
        .split("<li>")
        .find(|li| li.starts_with("Political prisoners held"))
        .expect("the count change is listed");
    assert!(
        text_of(count).contains("1,226 (2025-02) → about 1,200 (2025-09)"),
        "{count}"
    );
    assert!(
        count.contains(&format!("href=\"sources/{EASES_ID}.html#p4\"")),
        "{count}"
    );
    assert!(
        count.contains(&format!("href=\"sources/{NYT_ID}.html#p11\"")),
        "{count}"
    );
    assert_links_resolve(&site.public(), "changes.html", &page);
    let feed = site.read("changes.xml");
    let entries = parse_feed(&feed);
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].id, second["id"].as_str().unwrap());
    assert!(
        entries[0].title.starts_with("Build 2: 1 new source,"),
        "{}",
        entries[0].title
    );
    assert!(entries[0]
        .content
        .contains(&format!("sources/{EASES_ID}.html")));
    assert_eq!(entries[0].updated, "2025-09-23T00:00:00Z");
    for e in &entries {
        assert_links_resolve(&site.public(), "changes.xml", &e.content);
    }
    feeds.push(feed);

    // One article removed: listed as removed, as text; its page is gone and
    // nothing links to it any more.
    site.remove(PRAVDA);
    site.build(&[]);
    let history = site.history();
    assert_eq!(history.len(), 3);
    assert_eq!(
        ids(&history[0]["sources_removed"]),
        [PRAVDA_ID.to_string()].into()
    );
    assert_eq!(history[0]["date"], "2025-09-23", "dates never go back");
    assert!(!site
        .public()
        .join(format!("sources/{PRAVDA_ID}.html"))
        .exists());
    let page = site.read("changes.html");
    let build3 = section(&page, 3);
    let removed = &build3[build3
        .find("id=\"removed-sources")
        .expect("a removed source")..];
    assert!(
        removed.contains(&format!("<li>{PRAVDA_TITLE}, Pravda.Ru, 2025-09-11</li>")),
        "{build3}"
    );
    assert!(!page.contains(&format!("sources/{PRAVDA_ID}.html")));
    assert_links_resolve(&site.public(), "changes.html", &page);
    let feed = site.read("changes.xml");
    for e in parse_feed(&feed) {
        assert!(!e.content.contains(&format!("sources/{PRAVDA_ID}.html")));
        assert_links_resolve(&site.public(), "changes.xml", &e.content);
    }
    feeds.push(feed);
    feeds
}

#[test]
fn what_changed_from_a_fresh_output_through_additions_and_removals() {
    let site = Site::new(&[NYT, PRAVDA]);
    let feeds = sequence(&site);
    // The same steps elsewhere give the same bytes.
    let again = Site::new(&[NYT, PRAVDA]);
    assert!(feeds == sequence(&again), "the feed is not deterministic");
}

#[test]
fn corrupt_previous_data_is_a_warning_and_a_fresh_start() {
    let site = Site::new(&[NYT]);
    site.build(&[]);
    std::fs::write(site.public().join("api/state.json"), "{ not json").unwrap();
    site.add(PRAVDA);
    let out = site.build(&[]);
    assert!(
        out.contains("api/state.json"),
        "the warning names the file: {out}"
    );
    let history = site.history();
    assert_eq!(history.len(), 2, "the history itself was readable");
    assert_eq!(
        ids(&history[0]["sources_added"]),
        [NYT_ID, PRAVDA_ID].map(String::from).into(),
        "compared with an empty state, everything is new"
    );
}

#[test]
fn feed_links_are_absolute_with_a_base_url() {
    let site = Site::new(&[NYT]);
    let config = std::fs::read_to_string(site.root.join("site.yaml")).unwrap();
    std::fs::write(
        site.root.join("site.yaml"),
        format!("base_url: https://example.org/briefing/\n{config}"),
    )
    .unwrap();
    site.build(&["--quiet"]);
    let feed = site.read("changes.xml");
    let entries = parse_feed(&feed);
    assert!(feed.contains("<id>https://example.org/briefing/changes.xml</id>"));
    assert_eq!(
        entries[0].link,
        "https://example.org/briefing/changes.html#build-1"
    );
    assert!(entries[0].content.contains(&format!(
        "href=\"https://example.org/briefing/sources/{NYT_ID}.html\""
    )));
    assert!(
        !entries[0].content.contains("href=\"sources/"),
        "no relative links with a base URL"
    );
}
