//! Rebuilds after a change: per-article results are reused from the cache,
//! and the output is exactly what a clean build of the same inputs gives.

mod common;

#[path = "../examples/gen/mod.rs"]
#[allow(dead_code)]
mod gen;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::SystemTime;

use common::{differing, files, seeds, without_history};

struct Site {
    root: PathBuf,
}

impl Site {
    /// A site whose corpus holds the seeds named (by file-name prefix).
    fn with_seeds(root: &Path, prefixes: &[&str]) -> Site {
        std::fs::create_dir_all(root.join("corpus")).unwrap();
        std::fs::write(
            root.join("site.yaml"),
            "title: Incremental\ncorpus: corpus\n",
        )
        .unwrap();
        let site = Site {
            root: root.to_path_buf(),
        };
        for p in prefixes {
            site.add_seed(p);
        }
        site
    }

    fn add_seed(&self, prefix: &str) -> PathBuf {
        let seed = std::fs::read_dir(seeds())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
            .unwrap();
        let dest = self.root.join("corpus").join(seed.file_name().unwrap());
        std::fs::copy(seed, &dest).unwrap();
        dest
    }

    /// Build; return the summary line.
    fn build(&self, extra: &[&str]) -> String {
        let stderr = self.build_reporting(extra);
        stderr.lines().last().unwrap_or_default().to_string()
    }

    /// Build; return all it printed.
    fn build_reporting(&self, extra: &[&str]) -> String {
        let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .arg("build")
            .args(extra)
            .current_dir(&self.root)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "{stderr}");
        stderr
    }

    /// Override the theme's template `name`: its footer says `footer`.
    fn override_template(&self, name: &str, footer: &str) {
        let templates = self.root.join("templates");
        std::fs::create_dir_all(&templates).unwrap();
        std::fs::write(
            templates.join(name),
            format!("{{% extends \"theme/{name}\" %}}{{% block footer %}}{footer}{{% endblock footer %}}"),
        )
        .unwrap();
    }

    fn public(&self) -> BTreeMap<String, Vec<u8>> {
        files(&self.root.join("public"))
    }

    fn mtimes(&self) -> BTreeMap<String, SystemTime> {
        let out = self.root.join("public");
        walkdir::WalkDir::new(&out)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(&out).unwrap();
                (
                    rel.to_string_lossy().into_owned(),
                    e.metadata().unwrap().modified().unwrap(),
                )
            })
            .collect()
    }

    fn memo_files(&self) -> Vec<PathBuf> {
        walkdir::WalkDir::new(self.root.join(".dossier-cache"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| {
                e.file_type().is_file() && e.path().components().any(|c| c.as_os_str() == "memo")
            })
            .map(|e| e.into_path())
            .collect()
    }
}

/// The two numbers `pattern` captures in the summary line.
fn figures(summary: &str, pattern: &str) -> (usize, usize) {
    let c = regex::Regex::new(pattern)
        .unwrap()
        .captures(summary)
        .unwrap_or_else(|| panic!("no {pattern:?} in {summary:?}"));
    (c[1].parse().unwrap(), c[2].parse().unwrap())
}

/// "(R of T per-article results reused; …" → (R, T).
fn reuse(summary: &str) -> (usize, usize) {
    figures(summary, r"\((\d+) of (\d+) per-article results reused;")
}

/// "(R rendered, K unchanged since the last build" → (R, K).
fn rendered(summary: &str) -> (usize, usize) {
    figures(
        summary,
        r"\((\d+) rendered, (\d+) unchanged since the last build",
    )
}

/// "(…; G of P generated pages kept as they were)" → (G, P).
fn kept_generated(summary: &str) -> (usize, usize) {
    figures(
        summary,
        r"; (\d+) of (\d+) generated pages kept as they were\)",
    )
}

/// The output of a clean build of `site`'s corpus in a fresh folder.
fn clean_build_of(site: &Site) -> BTreeMap<String, Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let fresh = Site::with_seeds(dir.path(), &[]);
    common::copy_dir(&site.root.join("corpus"), &fresh.root.join("corpus"));
    fresh.build(&[]);
    fresh.public()
}

fn changed(
    before: &BTreeMap<String, SystemTime>,
    after: &BTreeMap<String, SystemTime>,
) -> Vec<String> {
    after
        .iter()
        .filter(|(p, t)| before.get(*p) != Some(*t))
        .map(|(p, _)| p.clone())
        .collect()
}

#[test]
fn an_edited_article_is_redone_alone_and_the_output_matches_a_clean_build() {
    let dir = tempfile::tempdir().unwrap();
    let site = Site::with_seeds(dir.path(), &["000", "002", "004"]);
    assert_eq!(reuse(&site.build(&[])), (0, 9));

    // Edit one article: a new paragraph in its body.
    let edited = site.root.join("corpus").join(
        std::fs::read_dir(site.root.join("corpus"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .find(|n| n.to_string_lossy().starts_with("004"))
            .unwrap(),
    );
    let text = std::fs::read_to_string(&edited).unwrap();
    let at = text.find("\n\n").unwrap();
    let added = "Officials in the harbour town of Lirnava said on Monday that 17 political prisoners had been released.";
    std::fs::write(
        &edited,
        format!("{}\n\n{added}{}", &text[..at], &text[at..]),
    )
    .unwrap();
    let (reused, total) = reuse(&site.build(&[]));
    assert_eq!(total, 9);
    assert!(
        reused >= 6,
        "the two unchanged articles' ingest, actors and facts are reused ({reused} of {total})"
    );
    let after = site.public();
    assert!(
        after
            .values()
            .any(|b| String::from_utf8_lossy(b).contains("Lirnava")),
        "the edit reached the site"
    );
    let diff = differing(
        &without_history(after),
        &without_history(clean_build_of(&site)),
    );
    assert!(diff.is_empty(), "differs from a clean build: {diff:?}");
}

/// The files in `content/`, by path, but the history page (which differs
/// between a rebuild and a clean build by design).
fn content_of(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = files(&root.join("content"));
    assert!(files.remove("changes.md").is_some(), "changes.md missing");
    files
}

#[test]
fn generated_pages_whose_inputs_did_not_change_are_kept_and_the_rest_made_again() {
    let dir = tempfile::tempdir().unwrap();
    let site = Site::with_seeds(dir.path(), &["000", "002", "004"]);
    let corpus = site.root.join("corpus");
    let file = |prefix: &str| {
        std::fs::read_dir(&corpus)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
            .unwrap()
    };
    let edit = |prefix: &str, sentence: &str| {
        let path = file(prefix);
        let text = std::fs::read_to_string(&path).unwrap();
        let at = text.find("\n\n").unwrap();
        std::fs::write(
            &path,
            format!("{}\n\n{sentence}{}", &text[..at], &text[at..]),
        )
        .unwrap();
    };
    // A page is kept only when its file is as the build that wrote it
    // left it, by a stamp a later build records once the file is old
    // enough (see `stamp::SETTLED`). So after a change, wait, and rebuild
    // (a comment in the config forces a build that changes nothing else)
    // to have the stamps of the pages it wrote recorded.
    let config = site.root.join("site.yaml");
    let settings = std::fs::read_to_string(&config).unwrap();
    let rebuilds = std::cell::Cell::new(0);
    let settle = || {
        std::thread::sleep(std::time::Duration::from_millis(250));
        rebuilds.set(rebuilds.get() + 1);
        std::fs::write(&config, format!("{settings}# rebuild {}\n", rebuilds.get())).unwrap();
        site.build(&[]);
        std::thread::sleep(std::time::Duration::from_millis(250));
    };
    let (kept, pages) = kept_generated(&site.build(&[]));
    assert_eq!(kept, 0, "a first build makes every page");
    settle();

    // One more paragraph in one article: the pages that show it are made
    // again, the others kept; the site is what a clean build gives.
    edit(
        "004",
        "Ostap Veles told reporters in Lirnava that talks on sanctions would resume.",
    );
    let summary = site.build(&[]);
    let (kept, made) = kept_generated(&summary);
    assert!(made >= pages, "{summary}");
    assert!(
        kept > 0 && kept < made,
        "some pages kept, not all: {summary}"
    );
    let fresh = tempfile::tempdir().unwrap();
    let clean = Site::with_seeds(fresh.path(), &[]);
    common::copy_dir(&corpus, &clean.root.join("corpus"));
    clean.build(&[]);
    let diff = differing(
        &without_history(site.public()),
        &without_history(clean.public()),
    );
    assert!(diff.is_empty(), "differs from a clean build: {diff:?}");
    assert_eq!(
        differing(&content_of(&site.root), &content_of(&clean.root)),
        Vec::<String>::new()
    );
    settle();

    // A new title (from a sidecar, the article's text unchanged) moves its
    // source page, and every page that cites the source shows it: none of
    // them may be kept.
    let seed = file("000");
    let sidecar = seed.with_file_name(format!(
        "{}.meta.yaml",
        seed.file_stem().unwrap().to_string_lossy()
    ));
    // Then a title that differs only in case and punctuation: the same
    // slug, so the source keeps its id, but the pages that cite it show
    // the new title.
    for title in [
        "A report on the harbour of Lirnava",
        "A Report on the Harbour of Lirnava!",
    ] {
        std::fs::write(&sidecar, format!("title: {title}\n")).unwrap();
        let summary = site.build(&[]);
        assert!(kept_generated(&summary).0 > 0, "{summary}");
        std::fs::copy(
            &sidecar,
            clean.root.join("corpus").join(sidecar.file_name().unwrap()),
        )
        .unwrap();
        clean.build(&[]);
        let after = site.public();
        let citing = after
            .iter()
            .filter(|(path, b)| {
                !path.starts_with("sources/") && String::from_utf8_lossy(b).contains(title)
            })
            .count();
        assert!(citing > 1, "the new title reached the pages that cite it");
        let diff = differing(&without_history(after), &without_history(clean.public()));
        assert!(
            diff.is_empty(),
            "{title}: differs from a clean build: {diff:?}"
        );
        assert_eq!(
            differing(&content_of(&site.root), &content_of(&clean.root)),
            Vec::<String>::new()
        );
        settle();
    }
}

#[test]
fn an_added_article_gets_its_pages_and_the_dossiers_cite_it() {
    let dir = tempfile::tempdir().unwrap();
    let site = Site::with_seeds(dir.path(), &["000", "002"]);
    site.build(&[]);
    let before = site.mtimes();
    site.add_seed("004");
    let (reused, total) = reuse(&site.build(&[]));
    // The unchanged articles' ingest and actors are reused; their facts are
    // redone only where the new article changed how their actors resolve.
    assert_eq!(total, 9);
    assert!(reused >= 4, "{reused} of {total} reused");
    let after = site.public();
    let sources: serde_json::Value = serde_json::from_slice(&after["api/sources.json"]).unwrap();
    let new_id = sources
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["file"].as_str().unwrap().starts_with("004"))
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(after.contains_key(&format!("sources/{new_id}.html")));
    let topic = String::from_utf8_lossy(&after["topics/sanctions.html"]).into_owned();
    assert!(
        topic.contains(&format!("../sources/{new_id}.html#p")),
        "the sanctions dossier cites the new article"
    );
    let rewritten = changed(&before, &site.mtimes());
    assert!(rewritten.contains(&"topics/sanctions.html".to_string()));
    assert!(
        rewritten.len() < after.len(),
        "files that did not change keep their mtime"
    );
    let diff = differing(
        &without_history(after),
        &without_history(clean_build_of(&site)),
    );
    assert!(diff.is_empty(), "differs from a clean build: {diff:?}");
}

#[test]
fn an_edited_template_rewrites_the_pages_that_use_it_and_no_others() {
    let dir = tempfile::tempdir().unwrap();
    let site = Site::with_seeds(dir.path(), &["000", "004"]);
    site.build(&[]);
    let before = site.mtimes();
    site.override_template("actor.html", "Actor page, edited template.");
    let summary = site.build(&[]);
    assert!(
        summary.contains(KEPT),
        "a template edit re-runs no extraction: {summary}"
    );
    let rewritten = changed(&before, &site.mtimes());
    let actor_pages: Vec<String> = before
        .keys()
        .filter(|p| p.starts_with("actors/") && p.ends_with(".html") && *p != "actors/index.html")
        .cloned()
        .collect();
    assert!(actor_pages.len() > 5);
    let mut expected = actor_pages.clone();
    expected.push(".dossier-manifest".into());
    expected.sort();
    let mut rewritten_sorted = rewritten.clone();
    rewritten_sorted.retain(|p| p != ".dossier-manifest");
    expected.retain(|p| p != ".dossier-manifest");
    assert_eq!(
        rewritten_sorted, expected,
        "exactly the actor pages changed"
    );
    let (renders, kept) = rendered(&summary);
    assert_eq!(
        renders,
        actor_pages.len(),
        "only the pages of the edited template are rendered again ({summary})"
    );
    assert!(kept > 0, "{summary}");
    let page = String::from_utf8_lossy(&site.public()[&actor_pages[0]]).into_owned();
    assert!(page.contains("Actor page, edited template."));
    // Editing what every template extends renders every page again.
    site.override_template("base.html", "Edited base.");
    let summary = site.build(&[]);
    let (renders, kept) = rendered(&summary);
    assert_eq!(kept, 0, "{summary}");
    assert!(renders > actor_pages.len());
}

#[test]
fn a_corrupt_or_foreign_per_article_cache_is_recomputed_not_trusted() {
    let dir = tempfile::tempdir().unwrap();
    let site = Site::with_seeds(dir.path(), &["001", "003"]);
    site.build(&[]);
    let clean = site.public();
    let packs = site.memo_files();
    let kinds: std::collections::BTreeSet<String> = packs
        .iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.split('.').next().unwrap().to_string()
        })
        .collect();
    assert_eq!(
        kinds.len(),
        14,
        "packs of each kind of result (ingest, line keys, entities, their resolution, facts, generated pages, data files, data file pieces, what the dossier half made, page records, page texts, search index files, parsed content files, file stamps): {packs:?}"
    );
    for (i, pack) in packs.iter().enumerate() {
        let mut bytes = std::fs::read(pack).unwrap();
        match i % 3 {
            // Another version's header.
            0 => bytes[0] ^= 1,
            // Every entry damaged.
            1 => bytes.iter_mut().skip(20).for_each(|b| *b ^= 0x55),
            // Cut inside the first entry.
            _ => bytes.truncate(100),
        }
        std::fs::write(pack, bytes).unwrap();
    }
    // Force a real build: a comment in the config changes the fingerprint
    // but nothing the per-article results depend on.
    let config = site.root.join("site.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}# rebuild\n")).unwrap();
    let summary = site.build(&[]);
    assert_eq!(reuse(&summary), (0, 6), "no corrupt entry is used");
    assert_eq!(rendered(&summary).1, 0, "no page record is trusted");
    assert!(site.public() == clean);
    std::fs::write(&config, format!("{text}# again\n")).unwrap();
    assert_eq!(
        reuse(&site.build(&[])),
        (6, 6),
        "the recomputed ones are stored"
    );
}

#[test]
fn an_unchanged_article_whose_shared_lines_change_is_read_and_redone() {
    let dir = tempfile::tempdir().unwrap();
    let site = Site::with_seeds(dir.path(), &["000", "002"]);
    // Old enough for the build to trust its stamp (see `stamp::SETTLED`).
    for entry in std::fs::read_dir(site.root.join("corpus")).unwrap() {
        std::fs::File::options()
            .write(true)
            .open(entry.unwrap().path())
            .unwrap()
            .set_modified(SystemTime::now() - std::time::Duration::from_secs(10))
            .unwrap();
    }
    assert_eq!(reuse(&site.build(&[])), (0, 6));

    // A new article repeating a few short, non-prose lines of seed 000:
    // they now occur in two files, so 000's cleaning may judge them
    // differently. 000 itself is unchanged on disk (its stamp too): the
    // build must notice from the remembered line keys alone, read it
    // again and redo its ingest, and give what a clean build gives.
    let seed = std::fs::read_dir(site.root.join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("000"))
        .unwrap();
    let text = std::fs::read_to_string(&seed).unwrap();
    let shared: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| {
            let words = l.split_whitespace().count();
            (1..=6).contains(&words) && !l.ends_with(['.', '!', '?', '"', '\u{201d}'])
        })
        .take(3)
        .collect();
    assert_eq!(shared.len(), 3, "seed 000 has short lines");
    let article = format!(
        "Harbour council reopens the eastern bridge\n\n{}\n\nThe council of Verinia voted on Monday to reopen the eastern bridge to traffic after a long and bitter dispute.\n\nEngineers said the repairs had taken longer than planned because of the winter floods and a shortage of steel.\n",
        shared.join("\n")
    );
    std::fs::write(site.root.join("corpus/wire.txt"), article).unwrap();
    let summary = site.build(&[]);
    assert_eq!(
        reuse(&summary),
        (5, 9),
        "the new article's three results and 000's ingest are computed: {summary}"
    );
    assert!(
        differing(
            &without_history(site.public()),
            &without_history(clean_build_of(&site))
        )
        .is_empty(),
        "same output as a clean build"
    );
}

#[test]
fn a_page_renders_again_when_a_page_above_it_changes_its_title_not_its_other_front_matter() {
    let dir = tempfile::tempdir().unwrap();
    let site = Site::with_seeds(dir.path(), &["000"]);
    let content = site.root.join("content");
    std::fs::create_dir_all(content.join("guide")).unwrap();
    let guide = |title: &str, count: u32| {
        std::fs::write(
            content.join("guide.md"),
            format!("---\ntitle: {title}\ncount: {count}\n---\nThe guide.\n"),
        )
        .unwrap();
    };
    guide("The guide", 1);
    std::fs::write(
        content.join("guide/part.md"),
        "---\ntitle: A part\n---\nOne part of the guide.\n",
    )
    .unwrap();
    site.build(&[]);
    let part = || String::from_utf8_lossy(&site.public()["guide/part.html"]).into_owned();
    assert!(part().contains(">The guide</a>"), "breadcrumb: {}", part());

    // The page above changes what its breadcrumb does not show: it alone
    // renders again.
    guide("The guide", 2);
    let summary = site.build(&[]);
    assert_eq!(rendered(&summary).0, 1, "{summary}");

    // Its title, which the breadcrumb shows: both render again.
    guide("The whole guide", 2);
    let summary = site.build(&[]);
    assert_eq!(rendered(&summary).0, 2, "{summary}");
    assert!(
        part().contains(">The whole guide</a>"),
        "breadcrumb: {}",
        part()
    );
    assert_eq!(
        part(),
        String::from_utf8_lossy(&clean_content_build(&site)["guide/part.html"])
    );
}

/// The output of a clean build of `site`'s corpus and content in a fresh
/// folder.
fn clean_content_build(site: &Site) -> BTreeMap<String, Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let fresh = Site::with_seeds(dir.path(), &[]);
    common::copy_dir(&site.root.join("corpus"), &fresh.root.join("corpus"));
    common::copy_dir(&site.root.join("content"), &fresh.root.join("content"));
    fresh.build(&[]);
    fresh.public()
}

#[test]
fn the_printable_page_renders_again_when_a_listed_source_changes_its_title_not_its_length() {
    let dir = tempfile::tempdir().unwrap();
    let site = Site::with_seeds(dir.path(), &["000", "002"]);
    site.build(&[]);
    let article = site.add_seed("002");
    let stem = article.file_stem().unwrap().to_string_lossy().into_owned();
    let rendered_by = |site: &Site| -> Vec<String> {
        let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["build", "--verbose"])
            .current_dir(&site.root)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "{stderr}");
        stderr
            .lines()
            .filter_map(|l| l.strip_prefix("rendered "))
            .map(str::to_string)
            .collect()
    };

    // A sentence more in one paragraph: the source's length changes, which
    // its card shows and the printable page's list of sources does not.
    let text = std::fs::read_to_string(&article).unwrap();
    let pages: String = content_of(&site.root)
        .into_iter()
        .filter(|(path, _)| path.starts_with("sources/"))
        .map(|(_, bytes)| String::from_utf8_lossy(&bytes).into_owned())
        .collect();
    // The longest line the source page shows (not one dropped as furniture).
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_by_key(|l| std::cmp::Reverse(l.len()));
    let longest = lines
        .into_iter()
        .find(|l| l.get(..40).is_some_and(|start| pages.contains(start)))
        .unwrap()
        .to_string();
    let edited = text.replacen(
        &longest,
        &format!("{longest} Officials declined to comment."),
        1,
    );
    std::fs::write(&article, edited).unwrap();
    let rendered = rendered_by(&site);
    assert!(
        rendered
            .iter()
            .any(|p| p.starts_with("sources/") && p != "sources/index.html"),
        "the edited source renders again: {rendered:?}"
    );
    assert!(
        !rendered.contains(&"print.html".to_string()),
        "the printable page shows no length: {rendered:?}"
    );

    // Its title, which the list shows: the printable page renders again.
    std::fs::write(
        site.root.join("corpus").join(format!("{stem}.meta.yaml")),
        "title: A retitled report on the talks\n",
    )
    .unwrap();
    let rendered = rendered_by(&site);
    assert!(rendered.contains(&"print.html".to_string()), "{rendered:?}");
    let print = |files: &BTreeMap<String, Vec<u8>>| {
        String::from_utf8_lossy(&files["print.html"]).into_owned()
    };
    assert!(print(&site.public()).contains("A retitled report on the talks"));
    assert_eq!(print(&site.public()), print(&clean_build_of(&site)));
}

/// The files of `site`'s corpus, sorted.
fn corpus_files(site: &Site) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(site.root.join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn data_files_of_many_pieces_rebuilt_in_part_match_a_clean_build() {
    let dir = tempfile::tempdir().unwrap();
    let site = Site::with_seeds(dir.path(), &[]);
    let generator = gen::Generator::new(gen::Seeds::load(&seeds()).unwrap(), 5);
    let more = tempfile::tempdir().unwrap();
    gen::write_corpus(&generator, more.path(), 302).unwrap();
    let generated: Vec<PathBuf> = {
        let mut files: Vec<PathBuf> = std::fs::read_dir(more.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        files
    };
    for file in &generated[..300] {
        std::fs::copy(
            file,
            site.root.join("corpus").join(file.file_name().unwrap()),
        )
        .unwrap();
    }
    site.build(&[]);
    let records = |public: &BTreeMap<String, Vec<u8>>, path: &str| {
        let value: serde_json::Value = serde_json::from_slice(&public[path]).unwrap();
        value.as_array().unwrap().len()
    };
    let first = site.public();
    // Far more records than a piece holds on average (512).
    assert!(records(&first, "api/facts.json") > 2048);
    assert!(records(&first, "api/timeline.json") > 1024);

    // A dated figure added to one article, an article added, one removed.
    let target = corpus_files(&site)[150].clone();
    let text = std::fs::read_to_string(&target).unwrap();
    let longest = text.lines().max_by_key(|l| l.len()).unwrap().to_string();
    let edited =
        format!("{longest} On 3 March 2021 the authorities released 45 political prisoners.");
    std::fs::write(&target, text.replacen(&longest, &edited, 1)).unwrap();
    let removed = corpus_files(&site)[40].clone();
    let added = site
        .root
        .join("corpus")
        .join(generated[300].file_name().unwrap());
    let mut before = first;
    for what in ["edited", "added", "removed"] {
        match what {
            "added" => {
                std::fs::copy(&generated[300], &added).unwrap();
            }
            "removed" => std::fs::remove_file(&removed).unwrap(),
            _ => {}
        }
        site.build(&[]);
        let now = site.public();
        assert_ne!(
            now["api/facts.json"], before["api/facts.json"],
            "{what}: the facts changed"
        );
        let diff = differing(
            &without_history(now.clone()),
            &without_history(clean_build_of(&site)),
        );
        assert!(
            diff.is_empty(),
            "{what}: differs from a clean build: {diff:?}"
        );
        before = now;
    }
}

#[test]
fn where_the_pieces_of_a_data_file_lie_outlives_builds_that_keep_it_whole() {
    let dir = tempfile::tempdir().unwrap();
    let site = Site::with_seeds(dir.path(), &["001", "003"]);
    site.build(&[]);
    // The record of where the pieces of api/facts.json lie, in the store.
    let key = dossier::memo::key("data-spans", [b"api/facts.json".as_slice()]);
    let held = || {
        site.memo_files().iter().any(|pack| {
            let name = pack.file_name().unwrap().to_string_lossy();
            name.starts_with("data-spans.")
                && std::fs::read(pack)
                    .unwrap()
                    .windows(32)
                    .any(|w| w == key.as_bytes())
        })
    };
    assert!(held(), "a build that writes the file records its pieces");
    let before = site.public();

    // An edit that changes no fact: the facts file is kept whole, the
    // sources file (word counts) is not.
    let article = corpus_files(&site)[0].clone();
    let mut text = std::fs::read_to_string(&article).unwrap();
    let longest = text.lines().max_by_key(|l| l.len()).unwrap().to_string();
    text = text.replacen(
        &longest,
        &format!("{longest} Officials declined to comment on the report."),
        1,
    );
    std::fs::write(&article, text).unwrap();
    site.build(&[]);
    let after = site.public();
    assert_eq!(after["api/facts.json"], before["api/facts.json"]);
    assert_ne!(after["api/sources.json"], before["api/sources.json"]);
    assert!(
        held(),
        "a build that keeps the file whole keeps the record of its pieces"
    );
}

/// What the summary says when a build kept the dossier half.
const KEPT: &str = "the dossier's pages and data kept: nothing they are made from changed";

/// A fresh site holding `site`'s corpus, `content/` files named and
/// templates, built once: its output and content.
fn clean_build_with(
    site: &Site,
    content: &[&str],
) -> (BTreeMap<String, Vec<u8>>, BTreeMap<String, Vec<u8>>) {
    let dir = tempfile::tempdir().unwrap();
    let fresh = Site::with_seeds(dir.path(), &[]);
    common::copy_dir(&site.root.join("corpus"), &fresh.root.join("corpus"));
    let templates = site.root.join("templates");
    if templates.is_dir() {
        common::copy_dir(&templates, &fresh.root.join("templates"));
    }
    for name in content {
        let to = fresh.root.join("content").join(name);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(site.root.join("content").join(name), to).unwrap();
    }
    fresh.build(&[]);
    (fresh.public(), files(&fresh.root.join("content")))
}

#[test]
fn the_dossier_half_is_kept_while_nothing_it_is_made_from_changes() {
    let dir = tempfile::tempdir().unwrap();
    let site = Site::with_seeds(dir.path(), &["000", "004"]);
    // A file that is no article: a warning, shown by every build.
    std::fs::write(
        site.root.join("corpus").join("scan.txt"),
        [0u8, 159, 146, 150, 0, 1, 2],
    )
    .unwrap();
    let first = site.build_reporting(&[]);
    assert!(!first.contains(KEPT), "{first}");
    assert!(first.contains("scan.txt"), "{first}");

    // A hand-written page: rendered, the dossier kept.
    let notes = site.root.join("content").join("notes.md");
    std::fs::write(
        &notes,
        "---\ntitle: Analyst notes\n---\nRead the sanctions dossier first.\n",
    )
    .unwrap();
    let report = site.build_reporting(&[]);
    assert!(report.contains(KEPT), "{report}");
    assert!(
        report.contains("scan.txt"),
        "the warning is shown again: {report}"
    );
    let page = String::from_utf8_lossy(&site.public()["notes.html"]).into_owned();
    assert!(page.contains("Read the sanctions dossier first."));

    // A template, then the hand-written page again.
    site.override_template("source.html", "Source page, edited template.");
    assert!(site.build(&[]).contains(KEPT));
    std::fs::write(
        &notes,
        "---\ntitle: Analyst notes\n---\nRead the prisoners dossier first.\n",
    )
    .unwrap();
    assert!(site.build(&[]).contains(KEPT));

    // The same site as a clean build of the same inputs.
    let (public, content) = clean_build_with(&site, &["notes.md"]);
    assert!(public
        .values()
        .any(|b| String::from_utf8_lossy(b).contains("Source page, edited template.")));
    assert_eq!(differing(&site.public(), &public), Vec::<String>::new());
    assert_eq!(
        differing(&files(&site.root.join("content")), &content),
        Vec::<String>::new()
    );
}

#[test]
fn the_dossier_half_is_made_again_when_what_it_made_was_touched_or_its_inputs_changed() {
    let dir = tempfile::tempdir().unwrap();
    let site = Site::with_seeds(dir.path(), &["001", "003"]);
    site.build(&[]);
    let content = site.root.join("content");
    // A build that keeps the half, so that each change below is the only
    // one the next build sees; then that build, which must make it again.
    let kept_first = |what: &str| {
        std::fs::write(
            content.join("touch.md"),
            format!("---\ntitle: Before {what}\n---\nA page.\n"),
        )
        .unwrap();
        let summary = site.build(&[]);
        assert!(summary.contains(KEPT), "before {what}: {summary}");
    };
    let made = |what: &str, extra: &[&str]| {
        let summary = site.build(extra);
        assert!(!summary.contains(KEPT), "{what}: {summary}");
        let (_, total) = reuse(&summary);
        assert!(total > 0, "{what}: {summary}");
    };

    let generated = content.join("actors").join("_index.md");
    let original = std::fs::read(&generated).unwrap();
    kept_first("a generated page removed");
    std::fs::remove_file(&generated).unwrap();
    made("a generated page removed", &[]);
    assert_eq!(std::fs::read(&generated).unwrap(), original);

    kept_first("a generated page edited");
    std::fs::write(
        &generated,
        "---\ntitle: Mine\ngenerated: true\n---\nMine.\n",
    )
    .unwrap();
    made("a generated page edited", &[]);
    assert_eq!(std::fs::read(&generated).unwrap(), original);

    kept_first("a new file that says it is generated");
    let copy = content.join("copy.md");
    std::fs::copy(&generated, &copy).unwrap();
    made("a new file that says it is generated", &[]);
    assert!(!copy.exists(), "removed, as every build removes one");

    let facts = site.root.join("public").join("api").join("facts.json");
    let facts_before = std::fs::read(&facts).unwrap();
    kept_first("a data file of the output changed");
    // (The output is not looked at file by file: a change to content
    // makes the build run.)
    std::fs::write(&facts, b"[]\n").unwrap();
    std::fs::write(content.join("touch.md"), "---\ntitle: Data\n---\nA page.\n").unwrap();
    made("a data file of the output changed", &[]);
    assert_eq!(std::fs::read(&facts).unwrap(), facts_before);

    kept_first("the configuration file edited");
    let config = site.root.join("site.yaml");
    let settings = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{settings}# edited\n")).unwrap();
    made("the configuration file edited", &[]);

    kept_first("an article edited");
    let corpus = site.root.join("corpus");
    let article = std::fs::read_dir(&corpus)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, format!("{text}\nA closing line.\n")).unwrap();
    made("an article edited", &[]);

    kept_first("asked to tell everything");
    std::fs::write(
        content.join("touch.md"),
        "---\ntitle: Verbose\n---\nA page.\n",
    )
    .unwrap();
    made("asked to tell everything", &["--verbose"]);

    let (public, _) = clean_build_with(&site, &["touch.md"]);
    assert_eq!(
        differing(&without_history(site.public()), &without_history(public)),
        Vec::<String>::new()
    );
}
