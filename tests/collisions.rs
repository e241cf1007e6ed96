//! Two sources for one output file: a hand-written file in `content/` or
//! `static/` that would land where a page, a theme page or a file dossier
//! generates goes is an error naming it, never a silent overwrite, and the
//! previous site stays as it was.

mod common;

use std::path::Path;
use std::process::Command;

use common::{files, seeds};

fn site(root: &Path) {
    std::fs::create_dir_all(root.join("corpus")).unwrap();
    let seed = std::fs::read_dir(seeds())
        .unwrap()
        .map(|e| e.unwrap().path())
        .min()
        .unwrap();
    std::fs::copy(seed, root.join("corpus/article.txt")).unwrap();
    std::fs::write(
        root.join("site.yaml"),
        "title: Clashes\ncorpus: corpus\ncontent: content\noutput: public\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join("content")).unwrap();
    std::fs::write(
        root.join("content/about.md"),
        "---\ntitle: About\n---\nText.\n",
    )
    .unwrap();
}

fn build(root: &Path) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("build")
        .current_dir(root)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_hand_written_file_where_a_page_or_generated_file_goes_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    site(root);
    let (ok, stderr) = build(root);
    assert!(ok, "{stderr}");
    let before = files(&root.join("public"));

    let clashing = [
        (
            "content/about.html",
            "about.html",
            "the page rendered from content/about.md",
        ),
        (
            "content/search.html",
            "search.html",
            "the theme's page of that name",
        ),
        (
            "content/sitemap.xml",
            "sitemap.xml",
            "a file dossier generates",
        ),
        (
            "content/search/manifest.js",
            "search/manifest.js",
            "a file dossier generates",
        ),
        (
            "content/api/facts.json",
            "api/facts.json",
            "a data file dossier writes",
        ),
        (
            "static/robots.txt",
            "robots.txt",
            "a file dossier generates",
        ),
    ];
    for (file, _, _) in clashing {
        let file = root.join(file);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, "<p>hand-written</p>").unwrap();
    }
    let (ok, stderr) = build(root);
    assert!(!ok, "the build must fail:\n{stderr}");
    for (file, output, taken) in clashing {
        let line = stderr
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("no message names {file}:\n{stderr}"));
        assert!(line.contains(output) && line.contains(taken), "{line}");
    }
    assert!(
        files(&root.join("public")) == before,
        "the previous site is left as it was"
    );

    // A content file replacing a theme file is an override, not a clash.
    for (file, _, _) in clashing {
        std::fs::remove_file(root.join(file)).unwrap();
    }
    std::fs::create_dir_all(root.join("content/css")).unwrap();
    std::fs::write(root.join("content/css/site.css"), "body { color: red }\n").unwrap();
    let (ok, stderr) = build(root);
    assert!(ok, "{stderr}");
    assert_eq!(
        std::fs::read_to_string(root.join("public/css/site.css")).unwrap(),
        "body { color: red }\n"
    );
}
