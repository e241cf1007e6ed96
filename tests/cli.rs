//! The command line on small sites of its own: init, build from flags only,
//! check, and what rebuilds leave in place.

mod common;

use std::path::Path;
use std::process::Command;

use common::{dossier, files, repo};

fn fixture_corpus(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::copy(
        repo().join("tests/fixtures/corpus/messy_harbour.txt"),
        dir.join("messy_harbour.txt"),
    )
    .unwrap();
}

/// Run `dossier` in `dir` with `args`; panics with its stderr when it fails.
fn run_in(dir: &Path, args: &[String]) -> std::process::Output {
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn build_flags(root: &Path) -> Vec<String> {
    [
        "--corpus",
        "corpus",
        "--content",
        "content",
        "--out",
        "public",
        "--quiet",
    ]
    .iter()
    .map(|s| {
        if ["corpus", "content", "public"].contains(s) {
            root.join(s).to_string_lossy().into_owned()
        } else {
            s.to_string()
        }
    })
    .collect()
}

#[test]
fn init_scaffolds_a_site_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("briefing");
    dossier(&["init", site.to_str().unwrap()]);
    for file in ["site.yaml", "content/_index.md", "content/about.md"] {
        assert!(site.join(file).is_file(), "{file} missing");
    }
    assert!(site.join("corpus").is_dir());
    let config = std::fs::read_to_string(site.join("site.yaml")).unwrap();
    let parsed = dossier::config::Config::parse(&config, Path::new("site.yaml")).unwrap();
    assert_eq!(
        parsed
            .topics
            .iter()
            .map(|t| t.id.as_str())
            .collect::<Vec<_>>(),
        ["prisoners", "sanctions"]
    );
    fixture_corpus(&site.join("corpus"));
    dossier(&[
        "build",
        "--config",
        site.join("site.yaml").to_str().unwrap(),
        "--quiet",
    ]);
    let out = files(&site.join("public"));
    assert!(out.contains_key("index.html"));
    assert!(out.contains_key("topics/prisoners.html"));
    assert!(out
        .keys()
        .any(|k| k.starts_with("sources/") && k.ends_with(".html") && !k.ends_with("index.html")));
    // init never overwrites.
    let again = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["init", site.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!again.status.success());
}

#[test]
fn init_theme_copies_the_default_theme() {
    let dir = tempfile::tempdir().unwrap();
    dossier(&["init", "--theme", dir.path().join("s").to_str().unwrap()]);
    assert!(dir
        .path()
        .join("s/themes/default/templates/base.html")
        .is_file());
    assert!(dir
        .path()
        .join("s/themes/default/static/css/site.css")
        .is_file());
}

#[test]
fn flags_alone_build_any_folder_with_a_home_page() {
    let dir = tempfile::tempdir().unwrap();
    fixture_corpus(&dir.path().join("corpus"));
    let mut args = vec!["build".to_string()];
    args.extend(build_flags(dir.path()));
    let out = run_in(dir.path(), &args);
    assert!(
        out.stderr.is_empty(),
        "--quiet prints nothing: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let site = files(&dir.path().join("public"));
    assert!(
        site.contains_key("index.html"),
        "a generated home page when content has none"
    );
    assert!(dossier::site::linkcheck::check(&site).is_empty());
}

#[test]
fn check_lists_every_problem_with_its_file_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    fixture_corpus(&dir.path().join("corpus"));
    std::fs::create_dir_all(dir.path().join("content")).unwrap();
    std::fs::write(
        dir.path().join("content/notes.md"),
        "---\ntitle: Notes\n---\nSee [gone](@/nowhere.md).\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("content/bad.md"),
        "---\ntitle: [unclosed\n---\nx\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("corpus/empty.txt"), "").unwrap();
    let mut args = vec!["check".to_string()];
    args.extend(build_flags(dir.path()));
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(&args)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("notes.md") && stderr.contains("@/nowhere.md"),
        "{stderr}"
    );
    assert!(stderr.contains("bad.md:2"), "{stderr}");
    assert!(stderr.contains("empty.txt"), "{stderr}");
}

#[test]
fn unchanged_rebuild_rewrites_nothing_and_removed_articles_leave() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fixture_corpus(&corpus);
    std::fs::copy(
        common::seeds().join("004_fa520c7751b65a72.txt"),
        corpus.join("other.txt"),
    )
    .unwrap();
    let mut args = vec!["build".to_string()];
    args.extend(build_flags(dir.path()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    dossier(&args);
    let out = dir.path().join("public");
    let mtimes = |dir: &Path| -> Vec<(String, std::time::SystemTime)> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().to_string_lossy().into_owned(),
                    e.metadata().unwrap().modified().unwrap(),
                )
            })
            .collect()
    };
    let before = mtimes(&out);
    let content_before = mtimes(&dir.path().join("content"));
    std::thread::sleep(std::time::Duration::from_millis(20));
    dossier(&args);
    let changed = |a: Vec<(String, std::time::SystemTime)>,
                   b: Vec<(String, std::time::SystemTime)>|
     -> Vec<String> {
        let b: std::collections::BTreeMap<_, _> = b.into_iter().collect();
        a.into_iter()
            .filter(|(p, t)| b.get(p) != Some(t))
            .map(|(p, _)| p)
            .collect()
    };
    let rewritten = changed(mtimes(&out), before);
    assert!(
        rewritten.is_empty(),
        "an unchanged rebuild rewrote output files: {rewritten:?}"
    );
    let rewritten = changed(mtimes(&dir.path().join("content")), content_before);
    assert!(
        rewritten.is_empty(),
        "an unchanged rebuild rewrote content files: {rewritten:?}"
    );

    let sources: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("api/sources.json")).unwrap()).unwrap();
    let other = sources
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["file"] == "other.txt")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(out.join(format!("sources/{other}.html")).exists());
    std::fs::remove_file(corpus.join("other.txt")).unwrap();
    dossier(&args);
    assert!(
        !out.join(format!("sources/{other}.html")).exists(),
        "the removed article's page survived"
    );
    assert!(!dir
        .path()
        .join(format!("content/sources/{other}.md"))
        .exists());
    let facts = std::fs::read_to_string(out.join("api/facts.json")).unwrap();
    assert!(
        !facts.contains(&format!("\"source\": \"{other}\"")),
        "claims of the removed article survived"
    );
    let site = files(&out);
    for (path, bytes) in site.iter().filter(|(p, _)| p.ends_with(".html")) {
        assert!(
            !String::from_utf8_lossy(bytes).contains(&format!("sources/{other}.html")),
            "{path} still links to it"
        );
    }
}

#[test]
fn a_corrupt_cache_falls_back_to_a_full_build_with_the_same_output() {
    let dir = tempfile::tempdir().unwrap();
    fixture_corpus(&dir.path().join("corpus"));
    let mut args = vec!["build".to_string()];
    args.extend(build_flags(dir.path()));
    args.retain(|a| a != "--quiet");
    let run = || {
        let out = run_in(dir.path(), &args);
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    assert!(run().starts_with("Built "));
    let clean = files(&dir.path().join("public"));
    assert!(
        run().starts_with("Nothing changed"),
        "an unchanged rebuild is recognised"
    );
    let states: Vec<_> = walkdir::WalkDir::new(dir.path().join(".dossier-cache"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_name() == "state")
        .map(|e| e.into_path())
        .collect();
    assert_eq!(states.len(), 1);
    std::fs::write(&states[0], "garbage\x00\x01").unwrap();
    assert!(
        run().starts_with("Built "),
        "a corrupt cache is not trusted"
    );
    assert_eq!(
        files(&dir.path().join("public")),
        clean,
        "the fallback build differs from a clean one"
    );
    let mut clean_args = args.clone();
    clean_args.push("--clean".into());
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(&clean_args)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stderr).starts_with("Built "),
        "--clean forces a full build"
    );
}

#[test]
fn ingest_writes_the_content_build_writes_and_no_output() {
    let dir = tempfile::tempdir().unwrap();
    let built = dir.path().join("built");
    common::build_seeds(&built);

    let ingested = dir.path().join("ingested");
    let out = common::seeds_with("ingest", &ingested);
    let content = ingested.join("content");
    let (by_build, by_ingest) = (files(&built.join("content")), files(&content));
    assert!(by_build.len() > 50, "{} content files", by_build.len());
    assert_eq!(
        common::differing(&by_build, &by_ingest),
        Vec::<String>::new(),
        "ingest and build write the same content/"
    );
    assert!(
        !out.exists(),
        "ingest renders nothing and writes no data files"
    );
}
