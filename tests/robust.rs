//! Builds that go wrong: killed mid-build, started twice at once, run with
//! any number of threads, without a network, or with broken configuration.
//! The previous site must survive each, and the output must not depend on
//! anything but the inputs.

mod common;

#[path = "../examples/gen/mod.rs"]
#[allow(dead_code)]
mod gen;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{differing, files, repo, seeds, without_history};

/// A small site: `root/site.yaml`, `root/corpus`, output in `root/public`.
struct Site {
    root: PathBuf,
}

impl Site {
    fn new(root: &Path, config: &str) -> Site {
        std::fs::create_dir_all(root.join("corpus")).unwrap();
        std::fs::write(root.join("site.yaml"), config).unwrap();
        Site {
            root: root.to_path_buf(),
        }
    }

    fn command(&self, extra: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_dossier"));
        cmd.arg("build")
            .arg("--config")
            .arg(self.root.join("site.yaml"))
            .arg("--quiet")
            .args(extra)
            .current_dir(&self.root);
        cmd
    }

    fn build(&self, extra: &[&str]) -> Output {
        self.command(extra).output().unwrap()
    }

    fn build_ok(&self, extra: &[&str]) {
        let out = self.build(extra);
        assert!(
            out.status.success(),
            "build failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    /// Files beside the output other than the ones a finished build leaves.
    fn leftovers(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.root)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".staging-") || n.contains(".old-"))
            .collect();
        names.sort();
        names
    }
}

fn generated_corpus(dir: &Path, n: u64) {
    let generator = gen::Generator::new(gen::Seeds::load(&seeds()).unwrap(), 11);
    gen::write_corpus(&generator, dir, n).unwrap();
}

fn staging_has_pages(root: &Path) -> bool {
    std::fs::read_dir(root).unwrap().any(|e| {
        let e = e.unwrap();
        e.file_name().to_string_lossy().contains(".staging-")
            && walkdir::WalkDir::new(e.path())
                .into_iter()
                .filter_map(Result::ok)
                .any(|f| f.path().extension().is_some_and(|x| x == "html"))
    })
}

fn wait_until(what: &str, limit: Duration, mut check: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if check() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    eprintln!("gave up waiting for {what}");
    false
}

#[test]
fn a_killed_build_leaves_the_previous_site_and_the_next_build_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let site = Site::new(dir.path(), "title: Killed\ncorpus: corpus\n");
    generated_corpus(&site.root.join("corpus"), 300);
    site.build_ok(&[]);
    let before = files(&site.public());

    // Change every article so the next build has to redo everything, then
    // kill it at different moments: while ingesting, and while rendering.
    let mut killed_while_rendering = false;
    for (round, delay_ms) in [0u64, 150, 400, 0].into_iter().enumerate() {
        for entry in std::fs::read_dir(site.root.join("corpus")).unwrap() {
            let path = entry.unwrap().path();
            let mut text = std::fs::read_to_string(&path).unwrap();
            text.push_str(&format!("\nRevision {round} of this article.\n"));
            std::fs::write(&path, text).unwrap();
        }
        let mut child = site
            .command(&[])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        if round == 3 {
            killed_while_rendering =
                wait_until("the render stage", Duration::from_secs(60), || {
                    staging_has_pages(&site.root)
                });
        } else {
            std::thread::sleep(Duration::from_millis(delay_ms));
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        assert_eq!(
            files(&site.public()),
            before,
            "round {round}: the previous site must be intact after SIGKILL"
        );
    }
    assert!(killed_while_rendering, "one build was killed mid-render");

    // The next build cleans up after the killed ones and produces what a
    // clean build of the same inputs produces.
    site.build_ok(&[]);
    assert_eq!(site.leftovers(), Vec::<String>::new());
    let after = files(&site.public());
    assert_ne!(after, before);
    let clean = tempfile::tempdir().unwrap();
    let fresh = Site::new(clean.path(), "title: Killed\ncorpus: corpus\n");
    common::copy_dir(&site.root.join("corpus"), &fresh.root.join("corpus"));
    fresh.build_ok(&[]);
    let diff = differing(
        &without_history(after),
        &without_history(files(&fresh.public())),
    );
    assert!(diff.is_empty(), "differs from a clean build: {diff:?}");
}

#[test]
fn a_second_build_at_the_same_time_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let site = Site::new(dir.path(), "title: Twice\ncorpus: corpus\n");
    generated_corpus(&site.root.join("corpus"), 300);
    let first = site
        .command(&[])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The lock is held from the start; the staging folder proves the first
    // build is well under way.
    assert!(wait_until(
        "the first build to render",
        Duration::from_secs(60),
        || staging_has_pages(&site.root)
    ));
    let second = site.build(&[]);
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(!second.status.success(), "the second build must refuse");
    assert!(
        stderr.contains("another dossier build is writing") && stderr.contains(".public.lock"),
        "{stderr}"
    );
    let first = first.wait_with_output().unwrap();
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    // Once it is done, building again works.
    site.build_ok(&["--clean"]);
}

#[test]
fn output_does_not_depend_on_thread_count_or_corpus_location() {
    let mut outputs = Vec::new();
    for (threads, corpus_name) in [("1", "corpus"), ("3", "elsewhere/articles")] {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join(corpus_name);
        // Copy the seeds in reverse name order, so the folder's own order
        // differs between the two copies.
        std::fs::create_dir_all(&corpus).unwrap();
        let mut names: Vec<_> = std::fs::read_dir(seeds())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        names.sort();
        if threads == "3" {
            names.reverse();
        }
        for path in names {
            std::fs::copy(&path, corpus.join(path.file_name().unwrap())).unwrap();
        }
        let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["build", "--quiet", "--config"])
            .arg(repo().join("site.yaml"))
            .arg("--corpus")
            .arg(&corpus)
            .arg("--content")
            .arg(dir.path().join("content"))
            .arg("--out")
            .arg(dir.path().join("public"))
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        outputs.push(files(&dir.path().join("public")));
    }
    assert!(outputs[0].len() > 50);
    let differing: Vec<&String> = outputs[0]
        .iter()
        .filter(|(k, v)| outputs[1].get(*k) != Some(v))
        .map(|(k, _)| k)
        .collect();
    assert!(differing.is_empty(), "differing files: {differing:?}");
    assert_eq!(outputs[0].len(), outputs[1].len());
}

#[test]
fn builds_without_any_network() {
    // A network namespace of its own has no interface but a downed loopback:
    // any connection attempt fails.
    let probe = Command::new("unshare").args(["--net", "true"]).output();
    if !probe.is_ok_and(|o| o.status.success()) {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must be able to run `unshare --net` (it runs as root)"
        );
        eprintln!("SKIPPED: `unshare --net` is not permitted here");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    common::copy_dir(&repo().join("content"), &content);
    let out = Command::new("unshare")
        .arg("--net")
        .arg(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "--quiet", "--config"])
        .arg(repo().join("site.yaml"))
        .arg("--corpus")
        .arg(seeds())
        .arg("--content")
        .arg(&content)
        .arg("--out")
        .arg(dir.path().join("public"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let offline = files(&dir.path().join("public"));
    let online = tempfile::tempdir().unwrap();
    let online = files(&common::build_seeds(online.path()));
    assert!(offline == online, "the offline build differs");
}

#[test]
fn broken_configuration_is_a_clear_error_naming_file_and_line_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let good = "title: Broken\ncorpus: corpus\n";
    let site = Site::new(dir.path(), good);
    std::fs::copy(
        repo().join("tests/fixtures/corpus/messy_harbour.txt"),
        site.root.join("corpus/harbour.txt"),
    )
    .unwrap();
    site.build_ok(&[]);
    let before = files(&site.public());

    let cases: [(&str, &str, &str, &[&str]); 6] = [
        (
            "site.yaml",
            "title: Broken\ncorpus: corpus\n  minify: [\n",
            "malformed YAML",
            &["site.yaml:3"],
        ),
        (
            "site.yaml",
            "title: Broken\ncorpus: corpus\ncolour: red\n",
            "an unknown key",
            &["site.yaml:3", "unknown field `colour`", "expected one of"],
        ),
        (
            "site.yaml",
            "title: Broken\ncorpus: corpus\ntheme: nowhere\n",
            "a missing theme",
            &["theme \"nowhere\" not found", "themes/nowhere"],
        ),
        (
            "templates/index.html",
            "{% extends \"base.html\" %}\n{% block content %}\n{{ page.title | nosuchfilter }}\n{% endblock content %}\n",
            "a template error",
            &["templates/index.html", "nosuchfilter"],
        ),
        (
            "content/notes.md",
            "---\ntitle: Notes\n---\nSee [gone](@/nowhere.md).\n",
            "a link to nothing",
            &["content/notes.md", "@/nowhere.md"],
        ),
        (
            "content/notes.md",
            "---\ntitle: Notes\ndate: [2025\n---\nText.\n",
            "malformed front matter",
            &["content/notes.md:3"],
        ),
    ];
    for (file, text, what, expected) in cases {
        let path = site.root.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        let out = site.build(&[]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{what}: the build must fail");
        for needle in expected {
            assert!(
                stderr.contains(needle),
                "{what}: no {needle:?} in:\n{stderr}"
            );
        }
        assert!(
            !stderr.contains("error: error:") && !stderr.contains("panicked"),
            "{what}: {stderr}"
        );
        assert_eq!(files(&site.public()), before, "{what}: public/ changed");
        assert_eq!(site.leftovers(), Vec::<String>::new(), "{what}");
        // Repair it before the next case.
        if file == "site.yaml" {
            std::fs::write(&path, good).unwrap();
        } else {
            std::fs::remove_file(&path).unwrap();
        }
    }
    site.build_ok(&[]);
    assert_eq!(files(&site.public()), before);
}

#[test]
fn an_article_changed_while_the_build_renders_is_built_by_the_next_build() {
    let dir = tempfile::tempdir().unwrap();
    let site = Site::new(dir.path(), "title: Racing\ncorpus: corpus\n");
    generated_corpus(&site.root.join("corpus"), 300);
    let mut names: Vec<PathBuf> = std::fs::read_dir(site.root.join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let article = &names[0];
    // With `DOSSIER_TIMINGS` set, the build prints its first stages once
    // the corpus is read and the dossiers made; the article is changed
    // then, while the build goes on to render and publish.
    let mut child = common::spawn_in(
        site.command(&[]).env("DOSSIER_TIMINGS", "1"),
        &site.root,
        Stdio::null(),
    );
    let lines = common::stderr_lines(&mut child);
    let first = lines.recv_timeout(Duration::from_secs(120)).unwrap();
    assert!(first.contains(" ms"), "{first}");
    let text = std::fs::read_to_string(article).unwrap();
    let changed = text.replacen(
        "\n\n",
        "\n\nThe quorum of the zymurgists convened in the afternoon.\n\n",
        1,
    );
    assert_ne!(changed, text);
    std::fs::write(article, changed).unwrap();
    assert!(child.wait().unwrap().success());

    // The build just finished read the article before it changed: the
    // next one must not take the change as built already.
    let out = site.build(&[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shown = files(&site.public()).into_iter().any(|(path, bytes)| {
        path.starts_with("sources/") && String::from_utf8_lossy(&bytes).contains("zymurgists")
    });
    assert!(shown, "the changed article is not in the site");
}
