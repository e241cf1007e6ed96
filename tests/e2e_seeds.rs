//! End to end on the five seed articles: the built site has the right
//! metadata, every body paragraph, no page furniture, no broken link and
//! nothing from outside the site; builds are deterministic and a failed build
//! leaves the previous site intact.

mod common;

use std::collections::BTreeMap;

use common::{build_seeds, files, fold, text_of, Seed};
use serde_json::{json, Value};

/// What the text of each seed shows: file, title, publication, authors,
/// date, date_inferred; its body lines and headings; its furniture lines
/// (line numbers read off `cat -n`; only lines long enough to be specific).
struct Expected {
    file: &'static str,
    meta: Value,
    body: Vec<usize>,
    headings: Vec<usize>,
    furniture: Vec<usize>,
}

fn expected() -> Vec<Expected> {
    let range = |a: usize, b: usize| (a..=b).collect::<Vec<_>>();
    let every_other = |a: usize, b: usize| (a..=b).step_by(2).collect::<Vec<_>>();
    vec![
        Expected {
            file: "000_8271e4dc695d252c.txt",
            meta: json!({"title": "Pro-democracy advocates worried over Trump overtures to Putin-friendly Belarus",
                "publication": "The America One News", "authors": ["Joseph Hammond"], "date": "2025-09-27", "date_inferred": false}),
            body: [
                16, 18, 20, 24, 26, 28, 30, 32, 36, 38, 40, 42, 44, 48, 50, 52, 54, 58, 60, 62, 64,
                68, 70, 72, 74, 78, 80, 82,
            ]
            .to_vec(),
            headings: vec![],
            furniture: vec![4, 5, 6, 7, 8, 14],
        },
        Expected {
            file: "001_4e71a2ef0a25e287.txt",
            meta: json!({"title": "Donald Trump Suddenly Becomes Best Friends with Belarus President Alexander Lukashenko",
                "publication": "Pravda.Ru", "authors": ["Andrey Mihayloff"], "date": "2025-09-11", "date_inferred": false}),
            body: vec![8, 16, 18, 22, 24, 28, 30, 34, 36, 38],
            headings: vec![14, 20, 26, 32],
            furniture: [
                vec![1, 6, 11, 40, 42, 43, 44],
                range(46, 53),
                range(55, 77),
                range(78, 84),
            ]
            .concat(),
        },
        Expected {
            file: "002_cac94a10d226ae88.txt",
            meta: json!({"title": "A Quick, Quiet Trip to Belarus Signals a Turn in U.S. Policy",
                "publication": "The New York Times", "authors": ["Andrew Higgins", "Tomas Dapkus"], "date": "2025-02-15", "date_inferred": false}),
            body: [vec![5], every_other(13, 29), every_other(35, 75)].concat(),
            headings: vec![],
            furniture: [
                vec![11, 31, 33, 77, 79, 81, 83],
                every_other(87, 93),
                vec![95, 98],
            ]
            .concat(),
        },
        Expected {
            file: "003_930e5b2224e201f2.txt",
            meta: json!({"title": "How Europe's last dictator figures in the thawing of US-Russian relations",
                "publication": "The Journal", "authors": ["Sasha Romanova"], "date": null, "date_inferred": false}),
            body: [
                range(8, 18),
                range(22, 28),
                vec![30],
                range(32, 37),
                range(39, 41),
                range(43, 49),
            ]
            .concat(),
            headings: vec![21, 31, 42],
            furniture: [
                range(1, 5),
                vec![19, 38, 50, 51, 52, 53, 54, 58, 62],
                range(66, 128),
            ]
            .concat(),
        },
        Expected {
            file: "004_fa520c7751b65a72.txt",
            meta: json!({"title": "Trump Eases Belarus Sanctions Amid Prisoner Release Deal",
                "publication": null, "authors": [], "date": "2025-09-23", "date_inferred": true}),
            body: [vec![5], every_other(9, 31)].concat(),
            headings: vec![],
            furniture: vec![7],
        },
    ]
}

fn json_file(files: &BTreeMap<String, Vec<u8>>, path: &str) -> Value {
    serde_json::from_slice(&files[path]).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn seed_site_is_complete_clean_and_self_contained() {
    let dir = tempfile::tempdir().unwrap();
    let out = build_seeds(dir.path());
    let files = files(&out);
    let sources = json_file(&files, "api/sources.json");
    let sources = sources.as_array().expect("sources.json is an array");
    assert_eq!(sources.len(), 5);

    let html_text: BTreeMap<&String, String> = files
        .iter()
        .filter(|(p, _)| {
            p.ends_with(".html")
                || p.ends_with(".json")
                || p.ends_with(".js")
                || p.ends_with(".xml")
        })
        .map(|(p, b)| (p, text_of(&String::from_utf8_lossy(b))))
        .collect();

    for want in expected() {
        let seed = Seed::read(want.file);
        let source = sources
            .iter()
            .find(|s| s["file"] == want.file)
            .unwrap_or_else(|| panic!("{} missing from sources.json", want.file));
        let keys: Vec<&str> = source
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "authors",
                "date",
                "date_inferred",
                "file",
                "id",
                "paragraphs",
                "publication",
                "title",
                "url",
                "words"
            ]
        );
        for key in ["title", "publication", "authors", "date", "date_inferred"] {
            assert_eq!(source[key], want.meta[key], "{}: {key}", want.file);
        }
        assert_eq!(
            source["paragraphs"],
            json!(want.body.len()),
            "{}: paragraph count",
            want.file
        );

        let page_path = source["url"].as_str().unwrap().to_string();
        let page = String::from_utf8_lossy(&files[&page_path]).into_owned();
        let page_text = text_of(&page);
        for (i, n) in want.body.iter().enumerate() {
            let line = fold(seed.line(*n));
            let anchor = format!("<p id=\"p{}\">", i + 1);
            let start = page
                .find(&anchor)
                .unwrap_or_else(|| panic!("{page_path}: no {anchor}"));
            let end = start + page[start..].find("</p>").unwrap();
            assert_eq!(
                text_of(&page[start..end]),
                line,
                "{}: line {n} should be paragraph {}",
                want.file,
                i + 1
            );
        }
        for n in &want.headings {
            let heading = fold(seed.line(*n));
            assert!(
                page.contains(&format!(">{}", dossier::dossier::escape::html(&heading))),
                "{}: heading on line {n} missing",
                want.file
            );
            assert!(page_text.contains(&heading));
        }
        for n in &want.furniture {
            let line = fold(seed.line(*n));
            if line.len() < 12 {
                continue;
            }
            for (path, text) in &html_text {
                assert!(
                    !text.contains(&line),
                    "{}: furniture line {n} {line:?} found in {path}",
                    want.file
                );
            }
        }
    }
    for word in [
        "Advertisement",
        "Sponsor:",
        "NextImg",
        "Cookies",
        "Share the Post",
        "Credit…",
        "Photo:",
        "Popular",
    ] {
        for (path, text) in &html_text {
            assert!(!text.contains(word), "furniture {word:?} found in {path}");
        }
    }
}

#[test]
fn every_internal_link_resolves_and_nothing_is_external() {
    let dir = tempfile::tempdir().unwrap();
    let out = build_seeds(dir.path());
    let files = files(&out);
    let broken = dossier::site::linkcheck::check(&files);
    assert!(broken.is_empty(), "broken links: {broken:#?}");
    let external = regex::Regex::new(r#"(?:src|href)="(?:https?:)?//"#).unwrap();
    let inline = regex::Regex::new(
        r#"<script>|<script [^>]*>[^<]|<style|\sstyle="|\son[a-z]+="|javascript:"#,
    )
    .unwrap();
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        assert!(
            !external.is_match(&html),
            "{path} references something outside the site"
        );
        assert!(
            !html.contains("@/"),
            "{path} has an unresolved internal link"
        );
        assert_eq!(html.matches("<h1").count(), 1, "{path} must have one h1");
        // Only the site's own scripts and styles: a Content-Security-Policy
        // that says so, and nothing inline that it would have to allow.
        assert!(
            html.contains(r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'; style-src 'self';"#),
            "{path} has no Content-Security-Policy"
        );
        assert!(
            !inline.is_match(&html),
            "{path} has an inline script, style or event handler: {:?}",
            inline.find(&html).map(|m| m.as_str())
        );
    }
    for page in [
        "index.html",
        "about.html",
        "sources/index.html",
        "search.html",
        "print.html",
        "404.html",
    ] {
        assert!(files.contains_key(page), "{page} missing");
    }
}

#[test]
fn builds_are_byte_identical() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let first = files(&build_seeds(a.path()));
    let second = files(&build_seeds(b.path()));
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(bytes == &second[path], "{path} differs between two builds");
    }
}

#[test]
fn a_failed_build_leaves_the_previous_site_intact() {
    let dir = tempfile::tempdir().unwrap();
    let out = build_seeds(dir.path());
    let before = files(&out);
    // A site root whose template override does not parse.
    let root = dir.path().join("site");
    std::fs::create_dir_all(root.join("templates")).unwrap();
    std::fs::write(
        root.join("templates/page.html"),
        "{% extends \"theme/page.html\" %}\n{% block content %}\n{% if %}\n",
    )
    .unwrap();
    std::fs::write(root.join("site.yaml"), "title: Broken\n").unwrap();
    let result = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args([
            "build",
            "--config",
            root.join("site.yaml").to_str().unwrap(),
        ])
        .args(["--corpus", common::seeds().to_str().unwrap()])
        .args(["--content", dir.path().join("content").to_str().unwrap()])
        .args(["--out", out.to_str().unwrap(), "--quiet"])
        .output()
        .unwrap();
    assert!(!result.status.success());
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.contains("templates/page.html:3"),
        "the error names the template and line: {stderr}"
    );
    assert_eq!(files(&out), before, "the previous site changed");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}
