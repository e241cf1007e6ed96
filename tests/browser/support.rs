//! Helpers for the browser tests: building the seed site once, finding the
//! external tools (or skipping without them), running ChromeDriver, and the
//! WebDriver commands fantoccini has no method for.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use fantoccini::wd::WebDriverCompatibleCommand;
use serde_json::Value;

/// Prints a line that shows in `cargo test` output even when the test
/// passes: it writes to stderr directly, past libtest's output capture.
/// For skips, timings and summaries; details go through `eprintln!`.
pub fn shout(line: impl std::fmt::Display) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The npm packages installed from tests/browser/package-lock.json.
pub fn node_modules() -> PathBuf {
    repo().join("tests/browser/node_modules")
}

/// Whether a missing tool fails the test (`CI=true`) instead of skipping it.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// What is missing among the external tools `names` (executables on PATH or
/// files given by absolute path).
pub fn missing(names: &[&str]) -> Vec<String> {
    names
        .iter()
        .filter(|n| {
            let p = Path::new(n);
            if p.is_absolute() {
                !p.is_file()
            } else {
                find_on_path(n).is_none()
            }
        })
        .map(|n| n.to_string())
        .collect()
}

pub fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// Returns true when the test can run. Without the tools it prints why and
/// returns false (the test passes as skipped), or panics when `CI=true`.
pub fn tools_present(test: &str, names: &[&str]) -> bool {
    let missing = missing(names);
    if missing.is_empty() {
        return true;
    }
    let msg = format!(
        "{test}: missing {}; install them with `bash .ci/install-test-deps` (as root)",
        missing.join(", ")
    );
    if in_ci() {
        panic!("{msg} (CI=true: the browser tests are mandatory)");
    }
    shout(format_args!("SKIPPED {msg}"));
    false
}

/// The seed site, built once per test run by the real binary into
/// `$CARGO_TARGET_TMPDIR/browser-site/public`, with the repo's site.yaml and
/// its hand-written content pages.
pub fn site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let started = Instant::now();
        let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser-site");
        if root.exists() {
            std::fs::remove_dir_all(&root).expect("remove the previous site");
        }
        let content = root.join("content");
        let out = root.join("public");
        std::fs::create_dir_all(&content).expect("create content dir");
        for entry in std::fs::read_dir(repo().join("content")).expect("read content/") {
            let entry = entry.expect("content entry");
            if entry.file_type().expect("file type").is_file() {
                std::fs::copy(entry.path(), content.join(entry.file_name())).expect("copy content");
            }
        }
        let status = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .arg("build")
            .arg("--config")
            .arg(repo().join("site.yaml"))
            .arg("--corpus")
            .arg(repo().join("../shared/seeds"))
            .arg("--content")
            .arg(&content)
            .arg("--out")
            .arg(&out)
            .arg("--quiet")
            .status()
            .expect("run dossier build");
        assert!(status.success(), "dossier build failed: {status}");
        let out = out.canonicalize().expect("canonical output path");
        shout(format_args!(
            "built the seed site into {} in {:.1?}",
            out.display(),
            started.elapsed()
        ));
        out
    })
}

/// A site built from `count` generated articles (`examples/gen`), once per
/// test run, into `$CARGO_TARGET_TMPDIR/browser-generated/public`: big
/// enough that search must load its index in parts.
pub fn generated_site(count: u64) -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let started = Instant::now();
        let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser-generated");
        if root.exists() {
            std::fs::remove_dir_all(&root).expect("remove the previous generated site");
        }
        let corpus = root.join("corpus");
        std::fs::create_dir_all(&corpus).expect("create the corpus dir");
        let seeds =
            super::gen::Seeds::load(&repo().join("../shared/seeds")).expect("read the seeds");
        let generator = super::gen::Generator::new(seeds, 1);
        super::gen::write_corpus(&generator, &corpus, count).expect("write the corpus");
        let out = root.join("public");
        let status = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .arg("build")
            .arg("--config")
            .arg(repo().join("site.yaml"))
            .arg("--corpus")
            .arg(&corpus)
            .arg("--content")
            .arg(root.join("content"))
            .arg("--out")
            .arg(&out)
            .arg("--quiet")
            .status()
            .expect("run dossier build");
        assert!(
            status.success(),
            "dossier build of the generated corpus failed: {status}"
        );
        let out = out.canonicalize().expect("canonical output path");
        shout(format_args!(
            "built {count} generated articles into {} in {:.1?}",
            out.display(),
            started.elapsed()
        ));
        out
    })
}

/// Every file under `dir` (relative path → size), sorted.
pub fn file_sizes(dir: &Path) -> std::collections::BTreeMap<String, u64> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("under dir");
            let name = rel.to_string_lossy().replace('\\', "/");
            (name, e.metadata().expect("file size").len())
        })
        .collect()
}

/// Every `.html` file under `dir`, sorted.
pub fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

/// A ChromeDriver process on a free localhost port, killed on drop.
pub struct ChromeDriver {
    child: Child,
    pub url: String,
}

impl ChromeDriver {
    pub fn start(log: &Path) -> ChromeDriver {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free localhost port")
            .port();
        let log_file = std::fs::File::create(log).expect("chromedriver log file");
        let child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={}", log.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log_file)
            .spawn()
            .expect("start chromedriver");
        let driver = ChromeDriver {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "chromedriver did not listen on port {port} within 20 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        driver
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The capabilities for headless Chromium on a closed network: no background
/// connections, a fresh profile, and the browser log kept for reading back.
pub fn capabilities(profile: &Path) -> serde_json::Map<String, Value> {
    let args = vec![
        "--headless".to_string(),
        "--no-sandbox".to_string(),
        "--disable-gpu".to_string(),
        "--disable-quic".to_string(),
        "--no-first-run".to_string(),
        "--disable-background-networking".to_string(),
        "--disable-component-update".to_string(),
        "--disable-sync".to_string(),
        "--disable-dev-shm-usage".to_string(),
        "--window-size=1280,900".to_string(),
        format!("--user-data-dir={}", profile.display()),
    ];
    let caps = serde_json::json!({
        "browserName": "chrome",
        "goog:chromeOptions": { "binary": find_on_path("chromium"), "args": args },
        "goog:loggingPrefs": { "browser": "ALL", "performance": "ALL" },
    });
    match caps {
        Value::Object(map) => map,
        _ => unreachable!(),
    }
}

/// A WebDriver command on the current session that fantoccini has no method
/// for: `path` is relative to `/session/{id}/`.
#[derive(Debug)]
pub struct SessionCommand {
    pub method: http::Method,
    pub path: &'static str,
    pub body: Option<Value>,
}

impl WebDriverCompatibleCommand for SessionCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/{}",
            session_id.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (
            self.method.clone(),
            self.body.as_ref().map(Value::to_string),
        )
    }
}

/// The entries of ChromeDriver's log `kind` ("browser": the console;
/// "performance": DevTools events) since the last call: reading clears them.
async fn read_log(
    client: &fantoccini::Client,
    kind: &str,
) -> Result<Vec<Value>, fantoccini::error::CmdError> {
    let log = client
        .issue_cmd(SessionCommand {
            method: http::Method::POST,
            path: "se/log",
            body: Some(serde_json::json!({ "type": kind })),
        })
        .await?;
    Ok(log.as_array().cloned().unwrap_or_default())
}

/// The browser console entries logged since the last call.
pub async fn browser_log(
    client: &fantoccini::Client,
) -> Result<Vec<Value>, fantoccini::error::CmdError> {
    read_log(client, "browser").await
}

/// The URL of every request the browser sent since the last call (documents,
/// styles, scripts, images, fonts, fetches), from the Network events of the
/// performance log: unlike the Resource Timing API, this sees file:// loads.
pub async fn requests(
    client: &fantoccini::Client,
) -> Result<Vec<String>, fantoccini::error::CmdError> {
    let mut urls = Vec::new();
    for entry in read_log(client, "performance").await? {
        let Some(Ok(event)) = entry["message"].as_str().map(serde_json::from_str::<Value>) else {
            continue;
        };
        if event["message"]["method"] == "Network.requestWillBeSent" {
            if let Some(url) = event["message"]["params"]["request"]["url"].as_str() {
                urls.push(url.to_string());
            }
        }
    }
    Ok(urls)
}

/// Runs a Chrome DevTools Protocol command through ChromeDriver.
pub async fn cdp(
    client: &fantoccini::Client,
    cmd: &str,
    params: Value,
) -> Result<Value, fantoccini::error::CmdError> {
    client
        .issue_cmd(SessionCommand {
            method: http::Method::POST,
            path: "goog/cdp/execute",
            body: Some(serde_json::json!({ "cmd": cmd, "params": params })),
        })
        .await
}
