//! `dossier serve`: build, serve the output on 127.0.0.1 (or `--bind`), watch the inputs,
//! rebuild on change and reload open pages. A failed build is shown in the
//! page (the previous site stays served) instead of stopping the server.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use notify::{RecursiveMode, Watcher};
use tiny_http::{Header, Response, Server};

use super::Options;
use crate::config::Site;
use crate::dossier::escape;

/// Path the injected script polls for the build generation and error.
const STATUS_PATH: &str = "/__dossier/status";

/// State shared between the builder and the HTTP threads.
#[derive(Default)]
struct State {
    /// Incremented after every build, successful or not.
    generation: AtomicU64,
    /// The last build's error, if it failed.
    error: Mutex<Option<String>>,
}

/// Build, then serve until interrupted.
pub fn serve(opts: &Options, bind: std::net::IpAddr, port: u16) -> anyhow::Result<()> {
    let site =
        Site::load(opts.config.as_deref(), &opts.overrides).map_err(|d| anyhow::anyhow!("{d}"))?;
    let state = Arc::new(State::default());
    // Another build writing the output folder: stop, as a second build
    // does, rather than serve a site that is being replaced.
    let first = super::build::build(opts);
    if let Err(e) = &first {
        if super::lock::Busy::is(e) {
            return first;
        }
    }
    record(&state, first);

    let address = std::net::SocketAddr::new(bind, port);
    let server =
        Server::http(address).map_err(|e| anyhow::anyhow!("cannot listen on {address}: {e}"))?;
    let output = site.paths.output.clone();
    if !bind.is_loopback() {
        eprintln!(
            "warning: serving on {bind}, reachable from other machines (the default is 127.0.0.1)"
        );
    }
    eprintln!(
        "Serving {} at http://{address}/ (Ctrl+C to stop)",
        output.display()
    );

    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            let _ = tx.send(event.paths);
        }
    })
    .context("cannot watch files")?;
    for path in watched(&site) {
        if path.exists() {
            let mode = if path.is_dir() {
                RecursiveMode::Recursive
            } else {
                RecursiveMode::NonRecursive
            };
            watcher
                .watch(&path, mode)
                .with_context(|| format!("cannot watch {}", path.display()))?;
        }
    }

    let builder_state = Arc::clone(&state);
    let builder_opts = opts.clone();
    let content = site.paths.content.clone();
    std::thread::spawn(move || loop {
        let Ok(first) = rx.recv() else { return };
        let mut paths = first;
        // Debounce: gather what else changes in the next moment.
        while let Ok(more) = rx.recv_timeout(Duration::from_millis(100)) {
            paths.extend(more);
        }
        if paths.iter().any(|p| is_input_change(p, &content)) {
            rebuild(&builder_opts, &builder_state);
        }
    });

    for request in server.incoming_requests() {
        let state = Arc::clone(&state);
        let output = output.clone();
        std::thread::spawn(move || {
            let response = respond(request.url(), &output, &state);
            let _ = request.respond(response);
        });
    }
    drop(watcher);
    Ok(())
}

fn rebuild(opts: &Options, state: &State) {
    record(state, super::build::build(opts));
}

/// Keep a build's outcome for the pages (and count it).
fn record(state: &State, result: anyhow::Result<()>) {
    let mut error = state.error.lock().expect("state poisoned");
    match result {
        Ok(()) => *error = None,
        Err(e) => {
            eprintln!("error: {e:#}");
            *error = Some(format!("{e:#}"));
        }
    }
    state.generation.fetch_add(1, Ordering::SeqCst);
}

/// Everything a build reads.
fn watched(site: &Site) -> Vec<PathBuf> {
    let root = &site.paths.root;
    let mut paths = vec![site.paths.corpus.clone(), site.paths.content.clone()];
    paths.extend(
        ["templates", "static", "themes"]
            .iter()
            .map(|d| root.join(d)),
    );
    if let Some(config) = &site.config_file {
        paths.push(config.clone());
    }
    paths
}

/// Changes the build itself makes in `content/` (generated pages, temp
/// files, the asset manifest) must not trigger another build.
fn is_input_change(path: &Path, content: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.ends_with(".dossier-tmp") || name == crate::dossier::write::ASSET_MANIFEST {
        return false;
    }
    if path.starts_with(content) && path.exists() && crate::dossier::write::is_generated(path) {
        return false;
    }
    true
}

fn respond(url: &str, output: &Path, state: &State) -> Response<std::io::Cursor<Vec<u8>>> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == STATUS_PATH {
        let error = state.error.lock().expect("state poisoned").clone();
        let body = serde_json::json!({ "generation": state.generation.load(Ordering::SeqCst), "error": error });
        return with_type(
            Response::from_data(body.to_string().into_bytes()),
            "application/json",
        );
    }
    if path == RELOAD_JS_PATH {
        return with_type(
            Response::from_data(RELOAD_JS.as_bytes().to_vec()),
            "text/javascript; charset=utf-8",
        );
    }
    if path == OVERLAY_CSS_PATH {
        return with_type(
            Response::from_data(OVERLAY_CSS.as_bytes().to_vec()),
            "text/css; charset=utf-8",
        );
    }
    let Some(mut file) = inside(output, &percent_decode(path)) else {
        return Response::from_data(b"bad request".to_vec()).with_status_code(400);
    };
    if file.is_dir() {
        file = file.join("index.html");
    }
    let (status, file) = if file.is_file() {
        (200, file)
    } else {
        (404, output.join("404.html"))
    };
    let mut bytes = std::fs::read(&file).unwrap_or_else(|_| b"not found".to_vec());
    let kind = content_type(&file);
    if kind.starts_with("text/html") {
        bytes = inject(&bytes, state);
    }
    with_type(Response::from_data(bytes).with_status_code(status), kind)
}

/// The file a request path names, only if it lies inside `output`: no `..`,
/// no NUL, and (after resolving symlinks) still under the output folder.
fn inside(output: &Path, decoded: &str) -> Option<PathBuf> {
    let rel = decoded.trim_start_matches(['/', '\\']);
    if rel.contains('\0') || rel.split(['/', '\\']).any(|p| p == "..") {
        return None;
    }
    let file = output.join(rel);
    if let (Ok(real), Ok(root)) = (file.canonicalize(), output.canonicalize()) {
        if !real.starts_with(root) {
            return None;
        }
    }
    Some(file)
}

fn with_type<R: std::io::Read>(response: Response<R>, kind: &str) -> Response<R> {
    let header = Header::from_bytes("Content-Type", kind).expect("valid header");
    response
        .with_header(header)
        .with_header(Header::from_bytes("Cache-Control", "no-store").expect("valid header"))
}

/// The live-reload script, served from [`RELOAD_JS_PATH`] (an external
/// script, so the pages' Content-Security-Policy allows it).
const RELOAD_JS: &str = "(function(){var me=document.currentScript;var g=Number(me.dataset.generation);function poll(){fetch('/__dossier/status',{cache:'no-store'}).then(function(r){return r.json()}).then(function(s){if(s.generation!==g){location.reload()}else{setTimeout(poll,500)}}).catch(function(){setTimeout(poll,1000)})}setTimeout(poll,500)})();\n";
const RELOAD_JS_PATH: &str = "/__dossier/reload.js";

/// The style of the build-error overlay, served from [`OVERLAY_CSS_PATH`].
const OVERLAY_CSS: &str = "#dossier-error{position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;background:#3b0d0d;color:#fff;padding:1rem;font:14px/1.4 monospace;white-space:pre-wrap;z-index:1000}\n";
const OVERLAY_CSS_PATH: &str = "/__dossier/overlay.css";

/// Add the live-reload script (and the build error, if any) to a page.
fn inject(html: &[u8], state: &State) -> Vec<u8> {
    let generation = state.generation.load(Ordering::SeqCst);
    let error = state.error.lock().expect("state poisoned").clone();
    let overlay = error
        .map(|e| {
            format!(
                "<link rel=\"stylesheet\" href=\"{OVERLAY_CSS_PATH}\"><div id=\"dossier-error\" role=\"alert\"><strong>Build failed; showing the last good build.</strong>\n{}</div>",
                escape::html(&e)
            )
        })
        .unwrap_or_default();
    let script = format!(
        "{overlay}<script src=\"{RELOAD_JS_PATH}\" data-generation=\"{generation}\"></script>"
    );
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{}{}", &text[..at], script, &text[at..]).into_bytes(),
        None => format!("{text}{script}").into_bytes(),
    }
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_reload_and_error() {
        let state = State::default();
        *state.error.lock().unwrap() = Some("templates/page.html:3: <oops>".into());
        let out = String::from_utf8(inject(b"<html><body><p>x</p></body></html>", &state)).unwrap();
        assert!(out.contains("&lt;oops&gt;"));
        assert!(out.contains(RELOAD_JS_PATH) && RELOAD_JS.contains(STATUS_PATH));
        assert!(out.ends_with("</script></body></html>"));
        // Nothing inline: the pages' Content-Security-Policy allows only
        // the site's own scripts and styles.
        assert!(
            !out.contains("<script>") && !out.contains("style="),
            "{out}"
        );
    }

    #[test]
    fn requests_never_leave_the_output_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(out.join("sub")).unwrap();
        std::fs::write(out.join("sub/a.html"), "a").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), out.join("link.txt")).unwrap();
        assert_eq!(inside(&out, "/sub/a.html"), Some(out.join("sub/a.html")));
        for bad in [
            "/../secret.txt",
            "/sub/../../secret.txt",
            &percent_decode("/%2e%2e/secret.txt"),
            &percent_decode("/..%2fsecret.txt"),
            &percent_decode("/sub/%2E%2E/%2E%2E/secret.txt"),
            "/..\\secret.txt",
            "/sub/a.html\0.txt",
            "/link.txt",
        ] {
            assert_eq!(inside(&out, bad), None, "{bad:?}");
        }
        // An absolute path is taken relative to the output folder.
        assert_eq!(inside(&out, "//etc/passwd"), Some(out.join("etc/passwd")));
    }

    #[test]
    fn decodes_paths() {
        assert_eq!(percent_decode("a%20b.html"), "a b.html");
        assert_eq!(percent_decode("bad%zz"), "bad%zz");
    }
}
