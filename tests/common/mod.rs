//! Helpers shared by the integration tests: build a site with the real
//! binary into a temporary folder and read what it produced.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed corpus (read-only data beside the repository).
pub fn seeds() -> PathBuf {
    repo().join("../shared/seeds")
}

/// Lines of a seed file (1-based access with `line(n)`).
pub struct Seed {
    pub lines: Vec<String>,
}

impl Seed {
    pub fn read(name: &str) -> Seed {
        let text = std::fs::read_to_string(seeds().join(name)).expect("seed readable");
        Seed {
            lines: text.lines().map(str::to_string).collect(),
        }
    }

    pub fn line(&self, n: usize) -> &str {
        self.lines[n - 1].trim()
    }
}

/// Run `dossier` with `args`; panics with its output when it fails.
pub fn dossier(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .output()
        .expect("dossier runs");
    assert!(
        out.status.success(),
        "dossier {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Build the seed site with the project's own config into `dir`
/// (`dir/content`, `dir/public`). Returns the output folder.
pub fn build_seeds(dir: &Path) -> PathBuf {
    seeds_with("build", dir)
}

/// Run `command` (`build`, `ingest`) on the seed site as [`build_seeds`]
/// does. Returns the output folder.
pub fn seeds_with(command: &str, dir: &Path) -> PathBuf {
    let content = dir.join("content");
    copy_dir(&repo().join("content"), &content);
    let out = dir.join("public");
    dossier(&[
        command,
        "--config",
        repo().join("site.yaml").to_str().unwrap(),
        "--corpus",
        seeds().to_str().unwrap(),
        "--content",
        content.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--quiet",
    ]);
    out
}

/// Copy the hand-written files of a folder (not generated ones).
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            let text = std::fs::read(entry.path()).unwrap();
            if String::from_utf8_lossy(&text).contains("\ngenerated: true\n") {
                continue;
            }
            std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
            std::fs::write(dest, text).unwrap();
        }
    }
}

/// Every file of a folder: relative path → bytes.
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The text of an HTML fragment: tags removed (no spaces added), common
/// entities decoded, white space folded.
pub fn text_of(html: &str) -> String {
    let re = regex::Regex::new(r"<[^>]*>").unwrap();
    let s = re.replace_all(html, "");
    fold(
        &s.replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

/// White space folded to single spaces.
pub fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A site's files without the build history (the *What changed* page, its
/// feed and `api/changes.json`), which depends on earlier builds of the same
/// output folder, not only on the current inputs.
pub fn without_history(mut files: BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    for history in ["changes.html", "changes.xml", "api/changes.json"] {
        assert!(files.remove(history).is_some(), "{history} missing");
    }
    files
}

/// The paths whose bytes differ between two sites (or exist in one only).
pub fn differing(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut paths: Vec<String> = a
        .keys()
        .chain(b.keys())
        .filter(|p| a.get(*p) != b.get(*p))
        .cloned()
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

/// Start `cmd` in `root` with no stdin, stderr piped and stdout as given.
pub fn spawn_in(
    cmd: &mut Command,
    root: &Path,
    stdout: std::process::Stdio,
) -> std::process::Child {
    cmd.current_dir(root)
        .stdin(std::process::Stdio::null())
        .stdout(stdout)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("dossier runs")
}

/// The lines a child process writes to its (piped) stderr, as they come.
pub fn stderr_lines(child: &mut std::process::Child) -> std::sync::mpsc::Receiver<String> {
    let stderr = child.stderr.take().expect("stderr is piped");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// The character an XML reference stands for: a character reference or
/// one of XML's five predefined entities (the feeds declare no others).
pub fn xml_reference(r: &quick_xml::events::BytesRef) -> Result<char, String> {
    if r.is_char_ref() {
        return r
            .resolve_char_ref()
            .map_err(|e| e.to_string())?
            .ok_or_else(|| "an empty character reference".to_string());
    }
    match r.xml10_content().as_ref() {
        "amp" => Ok('&'),
        "lt" => Ok('<'),
        "gt" => Ok('>'),
        "quot" => Ok('"'),
        "apos" => Ok('\''),
        other => Err(format!("undeclared entity &{other};")),
    }
}
