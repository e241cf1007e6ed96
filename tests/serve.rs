//! `dossier serve`: serves the site on 127.0.0.1 (another address only with
//! `--bind`, and a warning), rebuilds when an input changes, tells open
//! pages to reload, and shows a failed build in the page while the last good
//! site stays served; started while another build writes the output, it
//! stops. Loopback only, bounded in time.

mod common;

use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// GET a path from the server: (status, body).
fn get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    let status = response.split_whitespace().nth(1)?.parse().ok()?;
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    Some((status, body))
}

/// Wait (bounded) until `check` holds.
fn wait_for(what: &str, mut check: impl FnMut() -> bool) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) {
        if check() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("timed out waiting for {what}");
}

fn generation(port: u16) -> u64 {
    let (_, body) = get(port, "/__dossier/status").expect("status answers");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    v["generation"].as_u64().unwrap()
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn serve_rebuilds_reloads_and_shows_errors() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("site.yaml"), "title: Served\ncorpus: corpus\n");
    std::fs::create_dir_all(root.join("corpus")).unwrap();
    std::fs::copy(
        common::repo().join("tests/fixtures/corpus/messy_harbour.txt"),
        root.join("corpus/a.txt"),
    )
    .unwrap();
    let port = free_port();
    let (_server, _stderr) = spawn_serve(root, port, &["--quiet"]);

    wait_for("the server", || {
        get(port, "/").is_some_and(|(s, _)| s == 200)
    });
    let (_, home) = get(port, "/").unwrap();
    assert!(home.contains("Served"), "the home page is served");
    assert!(
        home.contains("/__dossier/reload.js"),
        "pages get the live-reload script"
    );
    assert_eq!(get(port, "/no-such-page.html").unwrap().0, 404);
    for traversal in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E%2Fsite.yaml",
        "/sources/..%2f..%2fsite.yaml",
        "/..%5csite.yaml",
        "/index.html%00../../site.yaml",
    ] {
        let (status, body) = get(port, traversal).unwrap();
        assert_eq!(status, 400, "{traversal} must be refused");
        assert!(!body.contains("corpus:"), "{traversal} leaked site.yaml");
    }
    let (status, script) = get(port, "/__dossier/reload.js").unwrap();
    assert_eq!(status, 200);
    assert!(script.contains("/__dossier/status"));
    let first = generation(port);

    // A change to an article rebuilds the site.
    let text = std::fs::read_to_string(root.join("corpus/a.txt")).unwrap();
    std::fs::write(
        root.join("corpus/a.txt"),
        text.replacen("Port Amsel", "Port Amsel-Nord", 1),
    )
    .unwrap();
    wait_for("a rebuild after an article changed", || {
        generation(port) > first
    });
    let rebuilt = generation(port);

    // A broken template: the last good site stays, the error shows in the page.
    write(
        &root.join("templates/page.html"),
        "{% extends \"theme/page.html\" %}\n{% block content %}{% if %}\n",
    );
    // Waited for by what the page shows: the article's change may give
    // more than one rebuild (the file's truncation and its write can come
    // as separate events), so a newer generation alone proves nothing.
    wait_for("a failed rebuild", || {
        generation(port) > rebuilt
            && get(port, "/").is_some_and(|(_, page)| page.contains("dossier-error"))
    });
    let (status, page) = get(port, "/").unwrap();
    assert_eq!(status, 200);
    assert!(
        page.contains("dossier-error"),
        "the error is shown over the page"
    );
    assert!(
        page.contains("templates/page.html"),
        "the error names the template"
    );
    let failed = generation(port);

    // Fixing it clears the error.
    std::fs::remove_file(root.join("templates/page.html")).unwrap();
    wait_for("a good rebuild", || {
        generation(port) > failed
            && get(port, "/").is_some_and(|(_, page)| !page.contains("dossier-error"))
    });
}

#[test]
fn site_templates_extend_the_theme() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("site.yaml"), "title: Themed\ncorpus: corpus\n");
    std::fs::create_dir_all(root.join("corpus")).unwrap();
    std::fs::copy(
        common::repo().join("tests/fixtures/corpus/messy_harbour.txt"),
        root.join("corpus/a.txt"),
    )
    .unwrap();
    write(
        &root.join("templates/source.html"),
        "{% extends \"theme/source.html\" %}{% block footer %}<p id=\"custom-footer\">Our own footer</p>{% endblock footer %}",
    );
    write(&root.join("static/css/extra.css"), "body { margin: 0 }\n");
    common::dossier(&[
        "build",
        "--config",
        root.join("site.yaml").to_str().unwrap(),
        "--quiet",
    ]);
    let site = common::files(&root.join("public"));
    let source = site
        .iter()
        .find(|(p, _)| {
            p.starts_with("sources/") && !p.ends_with("index.html") && p.ends_with(".html")
        })
        .unwrap();
    let html = String::from_utf8_lossy(source.1);
    assert!(
        html.contains("custom-footer"),
        "the override's block is used"
    );
    assert!(
        html.contains("class=\"source-meta\""),
        "the theme's other blocks are kept"
    );
    let about = String::from_utf8_lossy(&site["index.html"]);
    assert!(
        !about.contains("custom-footer"),
        "other templates are not affected"
    );
    assert!(
        site.contains_key("css/extra.css"),
        "the site's static files are copied"
    );
}

/// A site of one article in a temporary folder: `site.yaml`, `corpus/a.txt`.
fn small_site(title: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    write(
        &root.join("site.yaml"),
        &format!("title: {title}\ncorpus: corpus\n"),
    );
    std::fs::create_dir_all(root.join("corpus")).unwrap();
    std::fs::copy(
        common::repo().join("tests/fixtures/corpus/messy_harbour.txt"),
        root.join("corpus/a.txt"),
    )
    .unwrap();
    (dir, root)
}

/// `dossier serve --config root/site.yaml --port PORT EXTRA...`, its stderr
/// read line by line into the channel.
fn spawn_serve(root: &Path, port: u16, extra: &[&str]) -> (Server, Receiver<String>) {
    let mut child = common::spawn_in(
        Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args([
                "serve",
                "--config",
                root.join("site.yaml").to_str().unwrap(),
                "--port",
                &port.to_string(),
            ])
            .args(extra),
        root,
        Stdio::null(),
    );
    let rx = common::stderr_lines(&mut child);
    (Server(child), rx)
}

/// Lines of stderr up to the `Serving …` line, or all of them when serve
/// ends before (bounded: serve must not hang).
fn lines_until_serving(rx: &Receiver<String>) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut seen = Vec::new();
    while Instant::now() < deadline {
        match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(line) => {
                let serving = line.starts_with("Serving ");
                seen.push(line);
                if serving {
                    return seen;
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return seen,
        }
    }
    panic!("serve printed neither `Serving` nor ended: {seen:#?}");
}

/// Wait (bounded) for serve to end.
fn exit_status(server: &mut Server) -> ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Some(status) = server.0.try_wait().unwrap() {
            return status;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("serve did not stop");
}

/// The local addresses of the TCP sockets listening on `port`, IPv4 and
/// IPv6, as the kernel lists them (`/proc/net/tcp`, `/proc/net/tcp6`).
fn listening_addresses(port: u16) -> Vec<IpAddr> {
    let mut found = Vec::new();
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let Ok(text) = std::fs::read_to_string(table) else {
            continue;
        };
        for line in text.lines().skip(1) {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let (address, local_port) = fields[1].split_once(':').unwrap();
            // State 0A is LISTEN.
            if fields[3] != "0A" || u16::from_str_radix(local_port, 16).unwrap() != port {
                continue;
            }
            // The address is printed as 32-bit words in host byte order.
            let bytes: Vec<u8> = (0..address.len() / 8)
                .flat_map(|i| {
                    u32::from_str_radix(&address[i * 8..i * 8 + 8], 16)
                        .unwrap()
                        .to_ne_bytes()
                })
                .collect();
            found.push(match bytes.len() {
                4 => IpAddr::V4(Ipv4Addr::from(<[u8; 4]>::try_from(bytes).unwrap())),
                _ => IpAddr::V6(Ipv6Addr::from(<[u8; 16]>::try_from(bytes).unwrap())),
            });
        }
    }
    found.sort();
    found
}

/// Whether a TCP connection to `address:port` is accepted.
fn connects(address: &str, port: u16) -> bool {
    let address = std::net::SocketAddr::new(address.parse().unwrap(), port);
    TcpStream::connect_timeout(&address, Duration::from_secs(5)).is_ok()
}

const EXPOSED: &str = "reachable from other machines";

#[test]
fn serve_listens_on_loopback_only_unless_bind_says_otherwise() {
    let (_dir, root) = small_site("Loopback");

    // By default: 127.0.0.1 only, which is the address it prints.
    let port = free_port();
    let (_server, rx) = spawn_serve(&root, port, &[]);
    let lines = lines_until_serving(&rx);
    let serving = lines.last().unwrap();
    assert!(
        serving.starts_with("Serving ")
            && serving.contains(&format!(" at http://127.0.0.1:{port}/ ")),
        "{lines:#?}"
    );
    assert!(
        !lines.iter().any(|l| l.contains(EXPOSED)),
        "no warning on loopback: {lines:#?}"
    );
    assert_eq!(
        listening_addresses(port),
        [IpAddr::V4(Ipv4Addr::LOCALHOST)],
        "listens on 127.0.0.1 and on nothing else"
    );
    assert_eq!(get(port, "/").unwrap().0, 200);
    // Another loopback address of this machine is not served: the socket
    // is bound to 127.0.0.1, not to every address.
    assert!(!connects("127.0.0.2", port), "served beyond 127.0.0.1");
    drop(_server);

    // `--bind 0.0.0.0`: every address, with one warning saying so.
    let port = free_port();
    let (_server, rx) = spawn_serve(&root, port, &["--bind", "0.0.0.0", "--quiet"]);
    let lines = lines_until_serving(&rx);
    let warnings: Vec<&String> = lines.iter().filter(|l| l.contains(EXPOSED)).collect();
    assert_eq!(
        warnings,
        [&format!(
            "warning: serving on 0.0.0.0, {EXPOSED} (the default is 127.0.0.1)"
        )],
        "{lines:#?}"
    );
    assert!(
        lines
            .last()
            .unwrap()
            .contains(&format!(" at http://0.0.0.0:{port}/ ")),
        "{lines:#?}"
    );
    assert_eq!(
        listening_addresses(port),
        [IpAddr::V4(Ipv4Addr::UNSPECIFIED)]
    );
    assert!(connects("127.0.0.1", port) && connects("127.0.0.2", port));
}

/// The message a build (or serve) stops with while another one writes the
/// output folder `public`.
fn busy_message(public: &Path) -> String {
    format!(
        "another dossier build is writing {} (it holds {})",
        public.display(),
        public.with_file_name(".public.lock").display()
    )
}

#[test]
fn serve_started_while_a_build_holds_the_lock_stops_with_a_clear_message() {
    let (_dir, root) = small_site("Locked");
    let public = root.join("public");
    // This test plays the build that is writing public/.
    let lock = dossier::site::lock::BuildLock::acquire(&public).unwrap();
    let port = free_port();
    let (mut server, rx) = spawn_serve(&root, port, &["--quiet"]);
    let status = exit_status(&mut server);
    let lines: Vec<String> = rx.iter().collect();
    assert!(!status.success(), "serve must stop: {lines:#?}");
    assert_eq!(
        lines,
        [format!(
            "error: {}; wait for it to finish, then run again",
            busy_message(&public)
        )],
        "one error, and serve never started serving"
    );
    assert!(!public.exists(), "nothing was written");
    assert!(!connects("127.0.0.1", port));

    // Once the other build is done, serve starts.
    drop(lock);
    let (_server, rx) = spawn_serve(&root, port, &["--quiet"]);
    let lines = lines_until_serving(&rx);
    assert!(lines.last().unwrap().starts_with("Serving "), "{lines:#?}");
    assert!(get(port, "/").unwrap().1.contains("Locked"));
}

#[test]
fn a_rebuild_that_meets_another_build_shows_it_in_the_page_and_keeps_the_site() {
    let (_dir, root) = small_site("Rebuilt");
    let public = root.join("public");
    let port = free_port();
    let (_server, _rx) = spawn_serve(&root, port, &["--quiet"]);
    wait_for("the server", || {
        get(port, "/").is_some_and(|(s, _)| s == 200)
    });
    wait_for("the first build", || generation(port) >= 1);
    let first = generation(port);

    // Another build takes the lock while serve waits for changes; an
    // article changes meanwhile.
    let mut lock = None;
    wait_for("the lock", || {
        lock = dossier::site::lock::BuildLock::acquire(&public).ok();
        lock.is_some()
    });
    let article = root.join("corpus/a.txt");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, text.replacen("Port Amsel", "Port Amsel-Nord", 1)).unwrap();
    // (A rebuild that late events of the first build set off may have run
    // before the lock was taken: the one awaited is the refused one.)
    wait_for("the refused rebuild", || {
        let (_, status) = get(port, "/__dossier/status").expect("status answers");
        let status: serde_json::Value = serde_json::from_str(&status).unwrap();
        status["generation"].as_u64() > Some(first)
            && status["error"]
                .as_str()
                .is_some_and(|e| e.starts_with(&busy_message(&public)))
    });
    let (status, page) = get(port, "/").unwrap();
    assert_eq!(status, 200, "the last good site is still served");
    assert!(page.contains("Rebuilt"), "{page}");
    assert!(
        page.contains("dossier-error"),
        "the refusal is shown: {page}"
    );
    let (_, status) = get(port, "/__dossier/status").unwrap();
    let status: serde_json::Value = serde_json::from_str(&status).unwrap();
    assert!(
        status["error"]
            .as_str()
            .is_some_and(|e| e.starts_with(&busy_message(&public))),
        "{status}"
    );
    let refused = generation(port);

    // The other build done, the next change builds. (A rebuild the first
    // change's later events set off may still have met the lock: the one
    // this change sets off is the one that must succeed.)
    drop(lock);
    std::fs::write(&article, text.replacen("Port Amsel", "Port Amsel-Süd", 1)).unwrap();
    wait_for("a good rebuild", || {
        let (_, status) = get(port, "/__dossier/status").expect("status answers");
        let status: serde_json::Value = serde_json::from_str(&status).unwrap();
        status["generation"].as_u64() > Some(refused) && status["error"].is_null()
    });
    let page = get(port, "/").unwrap().1;
    assert!(!page.contains("dossier-error"), "{page}");
}
