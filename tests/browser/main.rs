//! Proof in a real browser: the seed site, built by the real binary, checked
//! by the Nu HTML Checker and driven in headless Chromium through
//! ChromeDriver (navigation, citations, search, console, network, axe-core
//! accessibility, screenshots).
//!
//! Needs `chromium`, `chromedriver`, `java` and the npm packages of
//! tests/browser/package.json (`bash .ci/install-test-deps`). Without them the
//! tests say so and pass, unless `CI=true`, where they fail.

#[path = "../../examples/gen/mod.rs"]
#[allow(dead_code)]
mod gen;
mod support;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::{elements::Element, Client, ClientBuilder, Locator};
use serde_json::{json, Value};

use support::*;

// ---------------------------------------------------------------------------
// HTML validity
// ---------------------------------------------------------------------------

#[test]
fn every_page_passes_the_nu_html_checker() {
    let vnu = node_modules().join("vnu-jar/build/dist/vnu.jar");
    if !tools_present(
        "HTML validity",
        &["java", vnu.to_str().expect("utf-8 path")],
    ) {
        return;
    }
    let site = site();
    let pages = html_files(site);
    assert!(
        pages.len() > 20,
        "expected the seed site's pages, found {}",
        pages.len()
    );
    let started = Instant::now();
    let output = std::process::Command::new("java")
        .arg("-jar")
        .arg(&vnu)
        .args(["--errors-only", "--format", "json"])
        .args(&pages)
        .output()
        .expect("run java -jar vnu.jar");
    // vnu writes its JSON report to stderr and exits non-zero on errors.
    let report: Value = serde_json::from_slice(&output.stderr).unwrap_or_else(|e| {
        panic!(
            "vnu.jar gave no JSON report ({e}): {}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let base = url::Url::from_directory_path(site)
        .expect("file URL")
        .to_string();
    let errors: Vec<String> = report["messages"]
        .as_array()
        .expect("vnu messages")
        .iter()
        .filter(|m| m["type"] == "error" || m["subType"] == "fatal")
        .map(|m| {
            let url = m["url"].as_str().unwrap_or("?");
            format!(
                "{}:{}: {}\n    {}",
                url.strip_prefix(&base).unwrap_or(url),
                m["lastLine"].as_u64().unwrap_or(0),
                m["message"].as_str().unwrap_or("?"),
                m["extract"].as_str().unwrap_or("").replace('\n', " ")
            )
        })
        .collect();
    shout(format_args!(
        "Nu HTML Checker: {} pages, {} errors, in {:.1?}",
        pages.len(),
        errors.len(),
        started.elapsed()
    ));
    for e in &errors {
        eprintln!("  {e}");
    }
    assert!(
        errors.is_empty(),
        "{} HTML errors in the seed site (listed above)",
        errors.len()
    );
}

/// Every page has one h1, one main landmark, and a lang on its html; needs
/// no external tool.
#[test]
fn every_page_has_one_h1_and_a_main_landmark() {
    let site = site();
    let h1 = scraper::Selector::parse("h1").expect("selector");
    let main = scraper::Selector::parse("main, [role=main]").expect("selector");
    let html = scraper::Selector::parse("html[lang]").expect("selector");
    let mut problems = Vec::new();
    let pages = html_files(site);
    for page in &pages {
        let doc = scraper::Html::parse_document(&std::fs::read_to_string(page).expect("read page"));
        let name = page
            .strip_prefix(site)
            .unwrap_or(page)
            .display()
            .to_string();
        let n = doc.select(&h1).count();
        if n != 1 {
            problems.push(format!("{name}: {n} h1 elements"));
        }
        let n = doc.select(&main).count();
        if n != 1 {
            problems.push(format!("{name}: {n} main landmarks"));
        }
        if doc.select(&html).next().is_none() {
            problems.push(format!("{name}: no lang on <html>"));
        }
    }
    shout(format_args!(
        "page structure: {} pages, {} problems",
        pages.len(),
        problems.len()
    ));
    assert!(
        problems.is_empty(),
        "page structure:\n{}",
        problems.join("\n")
    );
}

// ---------------------------------------------------------------------------
// Chromium
// ---------------------------------------------------------------------------

/// One Chromium session runs every browser case in order; each case adds
/// its failures instead of stopping the run, so one run reports them all.
#[test]
fn the_site_works_in_chromium() {
    let axe = node_modules().join("axe-core/axe.min.js");
    if !tools_present(
        "browser tests",
        &[
            "chromium",
            "chromedriver",
            axe.to_str().expect("utf-8 path"),
        ],
    ) {
        return;
    }
    let site = site().to_path_buf();
    // Built before the browser starts, outside its time limit.
    generated_site(GENERATED);
    let work = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser-chromium");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).expect("create the Chromium work dir");
    let driver = ChromeDriver::start(&work.join("chromedriver.log"));

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let failures = runtime.block_on(async {
        let started = Instant::now();
        let mut builder =
            ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
        builder.capabilities(capabilities(&work.join("profile")));
        let connect = tokio::time::timeout(Duration::from_secs(60), builder.connect(&driver.url));
        let client = match connect.await {
            Ok(Ok(client)) => client,
            Ok(Err(e)) => panic!(
                "could not start Chromium through ChromeDriver: {e}\nchromedriver log: {}",
                work.join("chromedriver.log").display()
            ),
            Err(_) => panic!(
                "Chromium did not start within 60 s; chromedriver log: {}",
                work.join("chromedriver.log").display()
            ),
        };
        shout(format_args!(
            "Chromium session started in {:.1?}",
            started.elapsed()
        ));
        let mut b = Browser {
            client,
            base: url::Url::from_directory_path(&site).expect("file URL"),
            failures: Vec::new(),
        };
        let axe = std::fs::read_to_string(&axe).expect("read axe.min.js");
        // A hung browser must not hang CI: the whole run gets five minutes.
        let result = match tokio::time::timeout(Duration::from_secs(300), b.run_all(&axe)).await {
            Ok(result) => result,
            Err(_) => Err("the browser run took over 5 minutes".into()),
        };
        // Close the session even when a case broke off, so Chromium exits.
        let _ = b.client.clone().close().await;
        if let Err(e) = result {
            b.failures.push(format!("the browser run broke off: {e}"));
        }
        b.failures
    });
    drop(driver);
    if !failures.is_empty() {
        panic!(
            "{} browser check(s) failed:\n- {}",
            failures.len(),
            failures.join("\n- ")
        );
    }
}

type Res<T> = Result<T, Box<dyn std::error::Error>>;

/// Articles of the generated site the search budget is checked on.
const GENERATED: u64 = 1000;

/// Most bytes of the index one query may load (the aim at 10,000 articles
/// is 2–3 MB; this site is a tenth of that).
const SEARCH_BUDGET: u64 = 2 * 1024 * 1024;

/// The search index's files (`search/…`) among a site's files.
fn search_files(
    sizes: &std::collections::BTreeMap<String, u64>,
) -> std::collections::BTreeMap<String, u64> {
    sizes
        .iter()
        .filter(|(k, _)| k.starts_with("search/"))
        .map(|(k, v)| (k.clone(), *v))
        .collect()
}

struct Browser {
    client: Client,
    /// `file:///…/public/`
    base: url::Url,
    failures: Vec<String>,
}

impl Browser {
    async fn run_all(&mut self, axe: &str) -> Res<()> {
        self.log_probe().await?;
        // A 1280×900 viewport: the window is larger by the browser's frame.
        let frame = self
            .client
            .execute(
                "return [outerWidth - innerWidth, outerHeight - innerHeight];",
                vec![],
            )
            .await?;
        let (dw, dh) = (
            frame[0].as_u64().unwrap_or(0),
            frame[1].as_u64().unwrap_or(0),
        );
        self.client
            .set_window_size(1280 + dw as u32, 900 + dh as u32)
            .await?;
        for (name, case) in [
            ("screenshots", Case::Screenshots),
            ("navigation and citations", Case::Navigation),
            ("search", Case::Search),
            ("search budget", Case::SearchBudget),
            ("timeline filters", Case::Timeline),
            ("keyboard and focus", Case::Keyboard),
            ("accessibility (axe-core)", Case::Axe),
        ] {
            let started = Instant::now();
            let before = self.failures.len();
            match case {
                Case::Navigation => self.navigation().await?,
                Case::Search => self.search().await?,
                Case::SearchBudget => self.search_budget().await?,
                Case::Timeline => self.timeline().await?,
                Case::Keyboard => self.keyboard().await?,
                Case::Screenshots => self.screenshots().await?,
                Case::Axe => self.accessibility(axe).await?,
            }
            let verdict = if self.failures.len() == before {
                "ok"
            } else {
                "FAILED"
            };
            shout(format_args!(
                "browser case {name}: {verdict} in {:.1?}",
                started.elapsed()
            ));
        }
        Ok(())
    }

    fn url(&self, path: &str) -> String {
        self.base.join(path).expect("page URL").to_string()
    }

    fn fail(&mut self, msg: String) {
        eprintln!("  FAIL {msg}");
        self.failures.push(msg);
    }

    /// The page's path under the site, for messages.
    async fn here(&self) -> Res<String> {
        let url = self.client.current_url().await?.to_string();
        Ok(url
            .strip_prefix(self.base.as_str())
            .unwrap_or(&url)
            .to_string())
    }

    /// Makes sure console messages reach the WebDriver log, so that an empty
    /// log means a clean console and not a broken log.
    async fn log_probe(&mut self) -> Res<()> {
        self.client.goto(&self.url("index.html")).await?;
        self.client
            .execute("console.error('dossier-log-probe'); return true;", vec![])
            .await?;
        let log = browser_log(&self.client).await?;
        requests(&self.client).await?;
        if !log.iter().any(|e| {
            e["message"]
                .as_str()
                .unwrap_or("")
                .contains("dossier-log-probe")
        }) {
            self.fail(format!(
                "console messages do not reach the WebDriver log: {log:?}"
            ));
        }
        Ok(())
    }

    /// After a page has loaded (and been used): no console errors, and every
    /// resource it loaded is a file under the site.
    async fn check_page(&mut self) -> Res<()> {
        self.checked_requests().await.map(drop)
    }

    /// [`Self::check_page`], returning the URLs the page requested.
    async fn checked_requests(&mut self) -> Res<Vec<String>> {
        let page = self.here().await?;
        for entry in browser_log(&self.client).await? {
            let level = entry["level"].as_str().unwrap_or("");
            let message = entry["message"].as_str().unwrap_or("");
            if level == "SEVERE" {
                self.fail(format!("{page}: console error: {message}"));
            } else if level == "WARNING" {
                eprintln!("  {page}: console warning: {message}");
            }
        }
        // Every request the browser sent: the Network events of DevTools.
        let requests = requests(&self.client).await?;
        if requests.is_empty() {
            self.fail(format!(
                "{page}: the performance log shows no request at all"
            ));
        }
        for url in &requests {
            if !(url.starts_with(self.base.as_str())
                || url.starts_with("data:")
                || url.starts_with("about:"))
            {
                self.fail(format!("{page}: requested outside the site: {url}"));
            }
        }
        // What the page itself lists: Resource Timing entries (Chromium
        // records none for file://, but would for http) and elements that
        // load what they refer to.
        let report = self
            .client
            .execute(
                r#"
                const base = arguments[0];
                const out = [];
                for (const e of performance.getEntriesByType('resource')) {
                  if (!e.name.startsWith(base)) out.push('loaded ' + e.name);
                }
                const loads = /(^|\s)(stylesheet|icon|preload|prefetch|modulepreload|manifest|preconnect|dns-prefetch)(\s|$)/i;
                for (const el of document.querySelectorAll('[src],[href]')) {
                  const tag = el.localName;
                  if (tag === 'a' || tag === 'area') continue; // navigations, not loads
                  if (tag === 'link' && !loads.test(el.getAttribute('rel') || '')) continue;
                  const raw = el.getAttribute('src') ?? el.getAttribute('href');
                  let abs;
                  try { abs = new URL(raw, document.baseURI).href; } catch (e) { abs = raw; }
                  if (!abs.startsWith(base) && !abs.startsWith('data:')) out.push('<' + tag + '> refers to ' + abs);
                }
                return out;
                "#,
                vec![json!(self.base.as_str())],
            )
            .await?;
        for bad in report.as_array().into_iter().flatten() {
            self.fail(format!(
                "{page}: outside the site: {}",
                bad.as_str().unwrap_or("?")
            ));
        }
        eprintln!("  {page}: {} requests, all inside the site", requests.len());
        Ok(requests)
    }

    async fn goto(&mut self, path: &str) -> Res<()> {
        self.client.goto(&self.url(path)).await?;
        Ok(())
    }

    /// The first link in `scope` whose resolved href satisfies `pick`.
    async fn find_link(
        &self,
        selector: &str,
        pick: impl Fn(&str) -> bool,
    ) -> Res<Option<(Element, String)>> {
        for a in self.client.find_all(Locator::Css(selector)).await? {
            if let Some(href) = a.prop("href").await? {
                if pick(&href) {
                    return Ok(Some((a, href)));
                }
            }
        }
        Ok(None)
    }

    /// Clicks a link like a person would and waits for the browser to be at
    /// its target.
    async fn click_through(&mut self, link: Element, href: &str) -> Res<bool> {
        let from = self.here().await?;
        link.click().await?;
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let now = self.client.current_url().await?.to_string();
            if now == href {
                return Ok(true);
            }
            if Instant::now() > deadline {
                self.fail(format!("{from}: clicking the link to {href} led to {now}"));
                return Ok(false);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    async fn h1(&self) -> Res<Vec<String>> {
        let mut out = Vec::new();
        for h in self.client.find_all(Locator::Css("h1")).await? {
            out.push(h.text().await?);
        }
        Ok(out)
    }

    /// Asserts the page has exactly one non-empty h1 and returns it.
    async fn expect_h1(&mut self) -> Res<String> {
        let h1 = self.h1().await?;
        let page = self.here().await?;
        if h1.len() != 1 || h1[0].trim().is_empty() {
            self.fail(format!("{page}: expected one non-empty h1, found {h1:?}"));
        }
        Ok(h1.into_iter().next().unwrap_or_default())
    }

    /// From the current page, follows its first citation link
    /// (`sources/x.html#pN`) and checks that the paragraph is the target.
    async fn follow_citation(&mut self) -> Res<()> {
        let page = self.here().await?;
        let citation = self
            .find_link("main a[href*='sources/'][href*='#p']", |h| {
                h.contains("/sources/")
                    && h.rsplit_once("#p")
                        .is_some_and(|(_, n)| n.parse::<u32>().is_ok())
            })
            .await?;
        let Some((link, href)) = citation else {
            self.fail(format!("{page}: no citation link to a source paragraph"));
            return Ok(());
        };
        if !self.click_through(link, &href).await? {
            return Ok(());
        }
        let target = self
            .client
            .execute(
                r#"
                const id = decodeURIComponent(location.hash.slice(1));
                const el = document.getElementById(id);
                const rect = el ? el.getBoundingClientRect() : null;
                return {
                  id,
                  exists: !!el,
                  isTarget: !!el && document.querySelector(':target') === el,
                  text: el ? el.textContent.trim().slice(0, 80) : '',
                  inView: !!rect && rect.top < innerHeight && rect.bottom > 0,
                };
                "#,
                vec![],
            )
            .await?;
        let at = self.here().await?;
        if target["exists"] != true {
            self.fail(format!(
                "{page} → {at}: no element with id {}",
                target["id"]
            ));
        } else if target["isTarget"] != true {
            self.fail(format!("{page} → {at}: the paragraph is not the :target"));
        } else if target["text"].as_str().is_none_or(str::is_empty) {
            self.fail(format!("{page} → {at}: the cited paragraph is empty"));
        } else if target["inView"] != true {
            self.fail(format!(
                "{page} → {at}: the cited paragraph is not scrolled into view"
            ));
        } else {
            eprintln!(
                "  citation {page} → {at}: “{}…”",
                target["text"].as_str().unwrap_or("")
            );
        }
        self.check_page().await
    }

    async fn navigation(&mut self) -> Res<()> {
        // Home → a topic page → a cited source paragraph.
        self.goto("index.html").await?;
        let home = self.expect_h1().await?;
        eprintln!("  home: “{home}”");
        self.check_page().await?;
        let topic = self
            .find_link("main a[href*='topics/']", |h| {
                h.contains("/topics/") && !h.ends_with("/index.html")
            })
            .await?;
        match topic {
            Some((link, href)) => {
                if self.click_through(link, &href).await? {
                    let title = self.expect_h1().await?;
                    eprintln!("  topic: {} “{title}”", self.here().await?);
                    self.check_page().await?;
                    self.follow_citation().await?;
                }
            }
            None => self.fail("index.html: no link to a topic page".into()),
        }

        // Home → the actors index → an actor page → a cited source paragraph.
        self.goto("index.html").await?;
        let actors = self
            .find_link("nav a", |h| h.ends_with("/actors/index.html"))
            .await?;
        let Some((link, href)) = actors else {
            self.fail("index.html: no navigation link to the actors".into());
            return Ok(());
        };
        if !self.click_through(link, &href).await? {
            return Ok(());
        }
        self.expect_h1().await?;
        self.check_page().await?;
        let actor = self
            .find_link("main a", |h| {
                h.contains("/actors/") && !h.contains("/actors/index.html")
            })
            .await?;
        match actor {
            Some((link, href)) => {
                if self.click_through(link, &href).await? {
                    let name = self.expect_h1().await?;
                    eprintln!("  actor: {} “{name}”", self.here().await?);
                    self.check_page().await?;
                    self.follow_citation().await?;
                }
            }
            None => self.fail("actors/index.html: no link to an actor page".into()),
        }

        // The other top-level pages load cleanly too.
        for page in [
            "timeline.html",
            "sources/index.html",
            "topics/index.html",
            "print.html",
            "404.html",
            "about.html",
        ] {
            self.goto(page).await?;
            self.expect_h1().await?;
            self.check_page().await?;
        }
        Ok(())
    }

    /// Choosing a topic or an actor on the timeline shows only its events.
    async fn timeline(&mut self) -> Res<()> {
        self.goto("timeline.html").await?;
        let count = "return [document.querySelectorAll('li.event').length, \
                     document.querySelectorAll('li.event:not([hidden])').length];";
        let all = self.client.execute(count, vec![]).await?;
        let total = all[0].as_u64().unwrap_or(0);
        if total < 2 || all[1].as_u64() != Some(total) {
            self.fail(format!(
                "the timeline should show all of its events at first: {all}"
            ));
            return Ok(());
        }
        for select in ["timeline-topic", "timeline-actor"] {
            // Pick the option that keeps the fewest events, then back to all.
            let script = format!(
                "var s = document.getElementById('{select}'); var best = null, shown = 0; \
                 for (var i = 1; i < s.options.length; i++) {{ s.selectedIndex = i; \
                   s.dispatchEvent(new Event('change')); \
                   var n = document.querySelectorAll('li.event:not([hidden])').length; \
                   var ok = Array.prototype.every.call(document.querySelectorAll('li.event:not([hidden])'), \
                     function (li) {{ return (' ' + li.getAttribute(s.id === 'timeline-topic' ? 'data-topics' : 'data-actors') + ' ').indexOf(' ' + s.value + ' ') >= 0; }}); \
                   if (!ok) return 'an event of another ' + s.id + ' stayed visible for ' + s.value; \
                   if (n > 0 && (best === null || n < shown)) {{ best = s.value; shown = n; }} }} \
                 s.selectedIndex = 0; s.dispatchEvent(new Event('change')); \
                 return [best, shown, document.querySelectorAll('li.event:not([hidden])').length];"
            );
            let result = self.client.execute(&script, vec![]).await?;
            match result.as_array() {
                Some(r)
                    if r[1].as_u64().is_some_and(|n| n > 0 && n < total)
                        && r[2].as_u64() == Some(total) => {}
                _ => self.fail(format!(
                    "filtering the timeline by {select} does not narrow it: {result}"
                )),
            }
        }
        self.check_page().await
    }

    async fn search(&mut self) -> Res<()> {
        // Typing into the search page.
        self.goto("search.html").await?;
        self.expect_h1().await?;
        let input = self.client.find(Locator::Css("#search-input")).await?;
        input.send_keys("sanctions").await?;
        let requests = self.expect_results("sanctions").await?;
        self.loaded_on_demand("sanctions", &requests);

        // The header search box of another page submits to the search page.
        self.goto("index.html").await?;
        let header = self.client.find(Locator::Css("#site-search-input")).await?;
        header.send_keys("Lukashenko\u{E007}").await?; // Enter
        let deadline = Instant::now() + Duration::from_secs(10);
        while !self.here().await?.starts_with("search.html?q=") {
            if Instant::now() > deadline {
                self.fail(format!("the header search went to {}", self.here().await?));
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.expect_results("lukashenko").await?;
        Ok(())
    }

    /// The index files a search loaded (`search/…`, from the requests the
    /// browser made): the manifest, term and doc cells, and not all of them.
    fn loaded_on_demand(&mut self, word: &str, requests: &[String]) {
        let all = search_files(&file_sizes(site()));
        let loaded = self.loaded_search_files(requests);
        let missing: Vec<&String> = loaded.iter().filter(|f| !all.contains_key(*f)).collect();
        if !missing.is_empty() {
            self.fail(format!(
                "search for {word:?} asked for files the site does not have: {missing:?}"
            ));
        }
        let has = |prefix: &str| loaded.iter().any(|f| f.starts_with(prefix));
        if !loaded.contains("search/index.js")
            || !(has("search/r") || has("search/w-"))
            || !has("search/d")
        {
            self.fail(format!(
                "search for {word:?} did not load the manifest, a term cell and a doc cell by <script src>: {loaded:?}"
            ));
        }
        if loaded.len() >= all.len() {
            self.fail(format!(
                "search for {word:?} loaded all {} index files: nothing was left for later",
                all.len()
            ));
        }
        eprintln!(
            "  search {word:?} loaded {} of the {} index files: {}",
            loaded.len(),
            all.len(),
            loaded.iter().cloned().collect::<Vec<_>>().join(" ")
        );
    }

    /// The `search/…` files among `requests`, as paths under the site.
    fn loaded_search_files(&self, requests: &[String]) -> std::collections::BTreeSet<String> {
        requests
            .iter()
            .filter_map(|u| u.strip_prefix(self.base.as_str()))
            .filter(|p| p.starts_with("search/"))
            .map(str::to_string)
            .collect()
    }

    /// On a site of 1,000 generated articles, typical queries load a small
    /// part of the index, within the budget.
    async fn search_budget(&mut self) -> Res<()> {
        let site = generated_site(GENERATED);
        let seed_base = std::mem::replace(
            &mut self.base,
            url::Url::from_directory_path(site).expect("file URL"),
        );
        let result = self.search_budget_on(site).await;
        self.base = seed_base;
        result
    }

    async fn search_budget_on(&mut self, site: &std::path::Path) -> Res<()> {
        let sizes = file_sizes(site);
        let index = search_files(&sizes);
        let total: u64 = index.values().sum();
        // A specific query: the title of one source.
        self.goto("sources/index.html").await?;
        let title = match self
            .find_link("main a", |h| {
                h.contains("/sources/") && !h.ends_with("/index.html")
            })
            .await?
        {
            Some((a, _)) => a.text().await?,
            None => {
                self.fail("the generated site lists no sources".into());
                return Ok(());
            }
        };
        self.check_page().await?;
        for q in ["sanctions", "lukashenko prisoners", title.as_str(), "s"] {
            let query: String = url::form_urlencoded::byte_serialize(q.as_bytes()).collect();
            self.goto(&format!("search.html?q={query}")).await?;
            let status = self.final_status().await?;
            let requests = self.checked_requests().await?;
            let loaded = self.loaded_search_files(&requests);
            let bytes: u64 = loaded.iter().filter_map(|f| index.get(f)).sum();
            shout(format_args!(
                "  search {q:?} on {GENERATED} articles: {} of {} index files, {} of {} KiB; {status}",
                loaded.len(),
                index.len(),
                bytes / 1024,
                total / 1024
            ));
            if !status.contains(" result") || status.starts_with("No results") {
                self.fail(format!(
                    "search for {q:?} on the generated site: {status:?}"
                ));
            }
            if bytes > SEARCH_BUDGET || bytes * 4 > total {
                self.fail(format!(
                    "search for {q:?} loaded {bytes} bytes of the index's {total}: over the budget of {SEARCH_BUDGET} bytes or a quarter of the index"
                ));
            }
        }
        Ok(())
    }

    /// The text of the search page's status line.
    async fn status_text(&mut self) -> Res<String> {
        Ok(self
            .client
            .find(Locator::Css("#search-status"))
            .await?
            .text()
            .await?)
    }

    /// The search status once a query has its answer (not "Searching…").
    async fn final_status(&mut self) -> Res<String> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let status = self.status_text().await?;
            if status.contains(" result") || status.starts_with("Search could not") {
                return Ok(status);
            }
            if Instant::now() > deadline {
                self.fail(format!(
                    "{}: search gave no answer: {status:?}",
                    self.here().await?
                ));
                return Ok(status);
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Results for `word` show with snippets and highlights, link inside the
    /// site and lead to a page; returns the requests the search made.
    async fn expect_results(&mut self, word: &str) -> Res<Vec<String>> {
        // The answer for the word (typing may search for its first letters).
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let status = self.final_status().await?.to_lowercase();
            if status.contains(&format!("“{word}”")) {
                break;
            }
            if Instant::now() > deadline {
                self.fail(format!("search for {word:?}: the status says {status:?}"));
                return Ok(Vec::new());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        if self
            .client
            .find_all(Locator::Css("#search-results li"))
            .await?
            .is_empty()
        {
            self.fail(format!("search for {word:?}: no results appeared"));
            return Ok(Vec::new());
        }
        let results = self
            .client
            .execute(
                r#"
                return Array.from(document.querySelectorAll('#search-results li')).map(li => ({
                  title: (li.querySelector('a') || {}).textContent || '',
                  href: (li.querySelector('a') || {}).href || '',
                  snippet: (li.querySelector('.snippet') || {}).textContent || '',
                  marks: Array.from(li.querySelectorAll('.snippet mark')).map(m => m.textContent.toLowerCase()),
                }));
                "#,
                vec![],
            )
            .await?;
        let results = results.as_array().cloned().unwrap_or_default();
        let status = self.status_text().await?;
        eprintln!("  search {word:?}: {} results; {status}", results.len());
        for r in results.iter().take(3) {
            eprintln!(
                "    {} — {}",
                r["title"].as_str().unwrap_or(""),
                r["snippet"]
                    .as_str()
                    .unwrap_or("")
                    .chars()
                    .take(100)
                    .collect::<String>()
            );
        }
        let with_snippet = results
            .iter()
            .filter(|r| r["snippet"].as_str().is_some_and(|s| s.trim().len() > 20))
            .count();
        let marked = results
            .iter()
            .filter(|r| {
                r["marks"].as_array().is_some_and(|m| {
                    m.iter()
                        .any(|m| m.as_str().is_some_and(|m| m.starts_with(&word[..4])))
                })
            })
            .count();
        if with_snippet == 0 {
            self.fail(format!("search for {word:?}: no result has a snippet"));
        }
        if marked == 0 {
            self.fail(format!(
                "search for {word:?}: no snippet highlights the word"
            ));
        }
        let outside: Vec<String> = results
            .iter()
            .filter_map(|r| r["href"].as_str())
            .filter(|h| !h.starts_with(self.base.as_str()))
            .map(str::to_string)
            .collect();
        if !outside.is_empty() {
            self.fail(format!(
                "search for {word:?}: results link outside the site: {outside:?}"
            ));
        }
        let requests = self.checked_requests().await?;
        // Following the first result lands on a page of the site.
        if let Some((link, href)) = self.find_link("#search-results li a", |_| true).await? {
            if self.click_through(link, &href).await? {
                self.expect_h1().await?;
                self.check_page().await?;
            }
        }
        Ok(requests)
    }

    async fn press(&self, key: char) -> Res<()> {
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
        self.client.perform_actions(keys).await?;
        Ok(())
    }

    /// The focused element and whether its focus indicator shows.
    async fn focused(&self) -> Res<Value> {
        Ok(self
            .client
            .execute(
                r#"
                const el = document.activeElement;
                const style = getComputedStyle(el);
                const rect = el.getBoundingClientRect();
                return {
                  what: el.localName + (el.id ? '#' + el.id : '') + (el.className ? '.' + el.className : '') +
                        ' “' + (el.textContent || el.value || '').trim().slice(0, 30) + '”',
                  tag: el.localName, id: el.id, className: String(el.className),
                  indicator: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) ||
                             style.boxShadow !== 'none',
                  inView: rect.width > 0 && rect.height > 0 && rect.left >= 0 && rect.top >= 0 &&
                          rect.right <= innerWidth && rect.bottom <= innerHeight,
                };
                "#,
                vec![],
            )
            .await?)
    }

    /// Keyboard use: the skip link comes first and shows, it moves focus to
    /// the main content, every focused control shows a focus indicator, and
    /// "/" jumps to the search box.
    async fn keyboard(&mut self) -> Res<()> {
        const TAB: char = '\u{E004}';
        const ENTER: char = '\u{E007}';
        self.goto("topics/index.html").await?;
        self.press(TAB).await?;
        let skip = self.focused().await?;
        if skip["className"] != "skip-link" {
            self.fail(format!(
                "the first Tab focuses {} instead of the skip link",
                skip["what"]
            ));
        } else if skip["inView"] != true || skip["indicator"] != true {
            self.fail(format!("the focused skip link does not show: {skip}"));
        }
        self.press(ENTER).await?;
        let main = self.focused().await?;
        if main["tag"] != "main" {
            self.fail(format!(
                "the skip link moved focus to {} instead of main",
                main["what"]
            ));
        }
        let mut seen = Vec::new();
        for _ in 0..8 {
            self.press(TAB).await?;
            let f = self.focused().await?;
            if f["indicator"] != true || f["inView"] != true {
                self.fail(format!(
                    "topics/index.html: focused {} shows no focus indicator in view",
                    f["what"]
                ));
            }
            seen.push(f["what"].as_str().unwrap_or("?").to_string());
        }
        eprintln!("  Tab order after the skip link: {}", seen.join(", "));
        self.goto("index.html").await?;
        self.press('/').await?;
        let search = self.focused().await?;
        if search["id"] != "site-search-input" || search["indicator"] != true {
            self.fail(format!(
                "\"/\" focuses {} instead of a visibly focused search box",
                search["what"]
            ));
        }
        self.check_page().await
    }

    async fn screenshots(&mut self) -> Res<()> {
        let dir = repo().join("target/screenshots");
        std::fs::create_dir_all(&dir)?;
        let topic = self.first_topic().await?;
        for (name, page, scheme) in [
            ("home", "index.html".to_string(), "light"),
            ("topic", topic, "light"),
            ("home-dark", "index.html".to_string(), "dark"),
        ] {
            cdp(
                &self.client,
                "Emulation.setEmulatedMedia",
                json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
            )
            .await?;
            self.goto(&page).await?;
            // Wait for web fonts and layout to settle.
            self.client
                .execute_async(
                    "const done = arguments[0]; document.fonts.ready.then(() => done(true));",
                    vec![],
                )
                .await?;
            let png = self.client.screenshot().await?;
            if png.len() < 10_000 || !png.starts_with(b"\x89PNG") {
                self.fail(format!(
                    "{page}: the screenshot is not a real PNG ({} bytes)",
                    png.len()
                ));
            }
            self.check_page().await?;
            let file = dir.join(format!("{name}.png"));
            std::fs::write(&file, &png)?;
            eprintln!(
                "  screenshot of {page}: {} ({} KiB)",
                file.display(),
                png.len() / 1024
            );
            if name == "home" {
                // The README's picture: written when missing or asked for.
                let docs = repo().join("docs/screenshot.png");
                if !docs.exists() || std::env::var("UPDATE_SCREENSHOT").is_ok_and(|v| v == "1") {
                    std::fs::create_dir_all(repo().join("docs"))?;
                    std::fs::write(&docs, &png)?;
                    eprintln!("  wrote {}", docs.display());
                }
            }
        }
        cdp(
            &self.client,
            "Emulation.setEmulatedMedia",
            json!({ "features": [] }),
        )
        .await?;
        Ok(())
    }

    /// The first topic page linked from the topics index.
    async fn first_topic(&mut self) -> Res<String> {
        self.goto("topics/index.html").await?;
        let topic = self
            .find_link("main a", |h| {
                h.contains("/topics/") && !h.ends_with("/index.html")
            })
            .await?;
        let href = topic
            .map(|(_, h)| h)
            .unwrap_or_else(|| self.url("topics/index.html"));
        Ok(href
            .strip_prefix(self.base.as_str())
            .unwrap_or(&href)
            .to_string())
    }

    async fn accessibility(&mut self, axe: &str) -> Res<()> {
        let topic = self.first_topic().await?;
        self.goto("actors/index.html").await?;
        let actor = self
            .find_link("main a", |h| {
                h.contains("/actors/") && !h.contains("/actors/index.html")
            })
            .await?
            .map(|(_, h)| h.strip_prefix(self.base.as_str()).unwrap_or(&h).to_string())
            .unwrap_or_else(|| "actors/index.html".into());
        self.goto("sources/index.html").await?;
        let source = self
            .find_link("main a", |h| {
                h.contains("/sources/")
                    && !h.contains("/sources/index.html")
                    && h.ends_with(".html")
            })
            .await?
            .map(|(_, h)| h.strip_prefix(self.base.as_str()).unwrap_or(&h).to_string())
            .unwrap_or_else(|| "sources/index.html".into());
        let pages = [
            "index.html".to_string(),
            topic,
            actor,
            // With a cited paragraph as the target: its highlight is checked too.
            format!("{source}#p2"),
            // With results: their snippets and highlights are checked too.
            "search.html?q=sanctions".to_string(),
            // Lists of links with citations, old → new values.
            "changes.html".to_string(),
        ];

        // axe must find the faults of a page made to have them, so that no
        // violation on the site means a clean site and not a silent axe.
        self.client
            .goto(
                "data:text/html,<!DOCTYPE html><html lang=en><title>faulty</title><main><h1>x</h1>\
                 <input type=text><p style='color:%23bbb;background:%23fff'>faint</p></main></html>",
            )
            .await?;
        self.client
            .execute(&format!("{axe}\nreturn typeof axe;"), vec![])
            .await?;
        let probe = self.run_axe().await?;
        let found: Vec<&str> = probe["violations"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v["id"].as_str())
            .collect();
        if !(found.contains(&"label") && found.contains(&"color-contrast")) {
            self.fail(format!(
                "axe missed the faults of a faulty page: found only {found:?}"
            ));
        }
        browser_log(&self.client).await?;
        requests(&self.client).await?;

        for scheme in ["light", "dark"] {
            cdp(
                &self.client,
                "Emulation.setEmulatedMedia",
                json!({ "features": [{ "name": "prefers-color-scheme", "value": scheme }] }),
            )
            .await?;
            for page in &pages {
                self.goto(page).await?;
                let matches = self
                    .client
                    .execute(
                        "return matchMedia('(prefers-color-scheme: dark)').matches;",
                        vec![],
                    )
                    .await?;
                if matches != json!(scheme == "dark") {
                    self.fail(format!(
                        "{page}: could not emulate the {scheme} color scheme"
                    ));
                }
                self.axe(page, scheme, axe).await?;
            }
        }
        cdp(
            &self.client,
            "Emulation.setEmulatedMedia",
            json!({ "features": [] }),
        )
        .await?;
        Ok(())
    }

    /// Runs the injected axe-core on the current page: its violations, or
    /// `{error}`.
    async fn run_axe(&self) -> Res<Value> {
        Ok(self
            .client
            .execute_async(
                r#"
                const done = arguments[arguments.length - 1];
                // No preload: axe would fetch the style sheets by XHR, which file:// forbids.
                axe.run(document, { resultTypes: ['violations'], preload: false })
                  .then(r => done({ passes: r.passes.length, incomplete: r.incomplete.map(i => i.id), violations: r.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => ({ target: n.target.join(' '), summary: n.failureSummary })),
                  })) }))
                  .catch(e => done({ error: String(e) }));
                "#,
                vec![],
            )
            .await?)
    }

    async fn axe(&mut self, page: &str, scheme: &str, axe: &str) -> Res<()> {
        self.client
            .execute(&format!("{axe}\nreturn typeof axe;"), vec![])
            .await?;
        let result = self.run_axe().await?;
        if let Some(e) = result.get("error") {
            self.fail(format!("{page} ({scheme}): axe.run failed: {e}"));
            return Ok(());
        }
        let violations = result["violations"].as_array().cloned().unwrap_or_default();
        let mut by_impact = std::collections::BTreeMap::<String, usize>::new();
        for v in &violations {
            *by_impact
                .entry(v["impact"].as_str().unwrap_or("none").to_string())
                .or_default() += 1;
        }
        shout(format_args!(
            "  axe {page} ({scheme}): {} violations {by_impact:?}; {} rules passed; incomplete: {}",
            violations.len(),
            result["passes"],
            result["incomplete"]
        ));
        for v in &violations {
            let impact = v["impact"].as_str().unwrap_or("none");
            let nodes = v["nodes"].as_array().cloned().unwrap_or_default();
            eprintln!(
                "    [{impact}] {}: {} ({} nodes)",
                v["id"].as_str().unwrap_or("?"),
                v["help"].as_str().unwrap_or(""),
                nodes.len()
            );
            for n in nodes.iter().take(5) {
                eprintln!(
                    "      {}: {}",
                    n["target"].as_str().unwrap_or(""),
                    n["summary"].as_str().unwrap_or("").replace('\n', " ")
                );
            }
            if impact == "serious" || impact == "critical" {
                self.fail(format!(
                    "{page} ({scheme}): {impact} accessibility violation {} on {} node(s)",
                    v["id"].as_str().unwrap_or("?"),
                    nodes.len()
                ));
            }
        }
        self.check_page().await
    }
}

enum Case {
    Navigation,
    Search,
    SearchBudget,
    Timeline,
    Keyboard,
    Screenshots,
    Axe,
}
