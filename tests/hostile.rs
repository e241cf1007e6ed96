//! Hostile and broken input: a corpus of bad files (empty, binary, huge,
//! links and link loops, FIFOs, odd names, every encoding), article text
//! full of markup, markup nested 20,000 deep (in articles and in a
//! hand-written content page), dangerous titles, broken sidecars and
//! templates. Each bad file gets
//! exactly one message naming it, the rest builds, corpus text is shown as
//! text on every page (never markup), slugs stay safe and unique, and
//! nothing is written outside the output, content and cache folders.
//!
//! Every file is written by the tests (the PNG and ZIP are small fixtures
//! in `tests/fixtures/hostile/`); every text is invented here.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::files;
use serde_json::Value;

// ---------------------------------------------------------------------------
// Running dossier

/// Run dossier with `args` in `root`, killed (and the test failed) if it
/// does not finish within a generous bound: nothing here may hang.
fn run(root: &Path, args: &[&str]) -> Output {
    run_as(root, args, &[])
}

fn run_as(root: &Path, args: &[&str], prefix: &[&str]) -> Output {
    let mut cmd = match prefix.split_first() {
        Some((first, rest)) => {
            let mut c = Command::new(first);
            c.args(rest).arg(env!("CARGO_BIN_EXE_dossier"));
            c
        }
        None => Command::new(env!("CARGO_BIN_EXE_dossier")),
    };
    let mut child = common::spawn_in(cmd.args(args), root, Stdio::piped());
    let limit = Duration::from_secs(240);
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > limit {
            child.kill().unwrap();
            let out = child.wait_with_output().unwrap();
            panic!(
                "dossier {args:?} hung (killed after {limit:?}):\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn assert_ok(out: &Output, what: &str) -> String {
    let err = stderr(out);
    assert!(out.status.success(), "{what} failed:\n{err}");
    assert!(!err.contains("panicked"), "{what}:\n{err}");
    err
}

/// A site in a temporary folder: `site.yaml`, `corpus/`; builds write
/// `content/`, `public/`, `.dossier-cache/`, `.public.lock` and
/// `.public.previous/`.
struct Site {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Site {
    fn new() -> Site {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        std::fs::create_dir_all(root.join("corpus")).unwrap();
        std::fs::write(
            root.join("site.yaml"),
            "title: Hostile Site Title\ncorpus: corpus\n",
        )
        .unwrap();
        Site { _dir: dir, root }
    }

    fn corpus(&self) -> PathBuf {
        self.root.join("corpus")
    }

    fn public(&self) -> PathBuf {
        self.root.join("public")
    }

    /// `dossier COMMAND --config site.yaml EXTRA...`
    fn config(&self) -> String {
        self.root.join("site.yaml").to_string_lossy().into_owned()
    }

    fn run(&self, command: &str, extra: &[&str]) -> Output {
        let config = self.config();
        let mut args = vec![command, "--config", &config];
        args.extend_from_slice(extra);
        run(&self.root, &args)
    }

    fn sources(&self) -> Vec<Value> {
        json_file(&self.public().join("api/sources.json"))
            .as_array()
            .unwrap()
            .clone()
    }

    /// The source whose corpus file is `file`.
    fn source(&self, file: &str) -> Value {
        self.sources()
            .into_iter()
            .find(|s| s["file"] == file)
            .unwrap_or_else(|| panic!("{file} was not built"))
    }

    /// The text of the page at `url` (relative to the output), tags removed.
    fn page_text(&self, url: &str) -> String {
        let url = url.split('#').next().unwrap();
        let html = std::fs::read_to_string(self.public().join(url)).unwrap();
        html_text(&html)
    }
}

fn json_file(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(common::repo().join("tests/fixtures/hostile").join(name)).unwrap()
}

/// The visible text of an HTML document: what a reader sees.
fn html_text(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let body = scraper::Selector::parse("body").unwrap();
    let text: Vec<&str> = doc.select(&body).flat_map(|b| b.text()).collect::<Vec<_>>();
    common::fold(&text.join(" "))
}

// ---------------------------------------------------------------------------
// What each file should give

#[derive(Debug, Clone, PartialEq)]
enum Expect {
    /// Built into a source page; `--verbose` tells how it was decoded.
    Built(Option<&'static str>),
    /// Skipped with exactly one diagnostic of this level containing this.
    Skipped(&'static str, &'static str),
    /// Not an article: no diagnostic, one `--verbose` note containing this.
    Ignored(&'static str),
    /// Not built, and named in the one message about this other file (its
    /// sidecar).
    Via(&'static str),
}
use Expect::*;

struct Case {
    /// Path relative to the corpus (may not be UTF-8).
    rel: PathBuf,
    what: &'static str,
    expect: Expect,
}

/// Cases, and the files written for them.
#[derive(Default)]
struct Cases(Vec<Case>);

impl Cases {
    fn add(
        &mut self,
        corpus: &Path,
        rel: impl AsRef<Path>,
        bytes: impl AsRef<[u8]>,
        what: &'static str,
        expect: Expect,
    ) {
        let rel = rel.as_ref().to_path_buf();
        write(&corpus.join(&rel), bytes);
        self.expect(rel, what, expect);
    }

    fn expect(&mut self, rel: impl AsRef<Path>, what: &'static str, expect: Expect) {
        self.0.push(Case {
            rel: rel.as_ref().to_path_buf(),
            what,
            expect,
        });
    }
}

/// `/`-separated path relative to the corpus, as dossier records it.
fn rel_text(rel: &Path) -> String {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// An ordinary article body of a few paragraphs, distinct per `n`.
fn body(n: usize) -> String {
    format!(
        "The harbour board of Kellmoor met on Tuesday to discuss plan number {n} for the old quay.\n\n\
         Board members said the work on plan {n} would take most of the year and cost more than expected.\n\n\
         Fishermen in the town said they hoped plan {n} would bring the boats back before winter.\n"
    )
}

fn article(title: &str, n: usize) -> String {
    format!("{title}\n\n{}", body(n))
}

const CYRILLIC_TITLE: &str = "Мост через Заречную откроют весной";
const CYRILLIC: &str = "Мэр города Заречный объявил во вторник, что новый мост через реку откроют весной. Жители ждали этого решения почти десять лет.";
const CYRILLIC_2: &str =
    "На площади собрались сотни людей, чтобы услышать новости о строительстве и о новых дорогах.";
const FRENCH_TITLE: &str = "Le pont de Rivebelle rouvrira à l'été";
const FRENCH: &str = "Le maire de Rivebelle a déclaré à la presse que la réunion était terminée et que les travaux du pont commenceraient à l'été.";
const FRENCH_2: &str = "Les pêcheurs du port, déçus, ont répondu qu'ils préféraient une décision rapide à une longue enquête.";
const GERMAN_TITLE: &str = "Fähre nach Großwerder fährt wieder";
const GERMAN: &str = "Die Fähre über den Fluss nach Großwerder fährt seit Montag wieder, teilte die Gemeinde mit. Die Reparatur dauerte länger als geplant.";
const SPANISH_TITLE: &str = "El muelle de Valdemora reabre tras la tormenta";
const SPANISH: &str = "El alcalde de Valdemora anunció el miércoles que el muelle reabrirá pronto. Los pescadores celebraron la noticia con alegría.";
const POLISH_TITLE: &str = "Żółta łódź wraca do portu w Zalesiu";
const POLISH: &str = "Rada miasta Zalesie postanowiła w czwartek, że żółta łódź wróci do portu. Mieszkańcy czekali na tę decyzję od jesieni.";

fn utf16(text: &str, little: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(if little { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
    }
    for unit in text.encode_utf16() {
        out.extend_from_slice(&if little {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    out
}

// Markup, template syntax and other text that must stay text.
const SCRIPT: &str = "<script>alert('XSS-script')</script>";
const IMG: &str = "<img src=x onerror=alert('XSS-img')>";
const HREF: &str = "<a href=\"javascript:alert('XSS-href')\">click here</a>";
const SVG: &str = "<svg/onload=alert('XSS-svg')>";
const CLOSE: &str = "</p></main></body></html><!--";
const MARKDOWN: &str =
    "**bold** _em_ [link](javascript:alert('XSS-md')) ![pic](x.png) `code` # hash";
const TERA: &str = "{{ site.title }} {% if true %}yes{% endif %} {# note #}";

/// The article whose text carries every payload, in sentences the topic,
/// timeline, actor and quote extraction pick up.
fn xss_article() -> String {
    format!(
        "Kellmoor council row over the quay budget\n\n\
         12 March 2024\n\n\
         The harbour council of Kellmoor argued on Tuesday about {SCRIPT} the budget for the new quay, officials said.\n\n\
         P1\n\n\
         Mayor Ana Brul said the plan {IMG} would cost more than 2,000 euros, and that work would start {HREF} next spring.\n\n\
         \u{201C}We will not let this quay fail, whatever {TERA} the council decides,\u{201D} said Ana Brul.\n\n\
         On 12 March 2024 the authorities released 14 political prisoners {SVG} from the jail in Kellmoor, the Ministry of Justice said.\n\n\
         The European Union imposed new sanctions on Kellmoor Steel {MARKDOWN} on 2 April 2024.\n\n\
         Residents of Kellmoor wrote {CLOSE} on the walls of the harbour office.\n"
    )
}

const HTML_ARTICLE: &str = r#"<!DOCTYPE html>
<html><head><title>Quay vote &lt;script&gt;alert('XSS-htmltitle')&lt;/script&gt; | Kellmoor Post</title>
<meta name="author" content="&lt;img src=x onerror=alert('XSS-meta')&gt;">
<script>alert('XSS-realscript')</script>
<meta http-equiv="refresh" content="0;url=javascript:alert('XSS-realmeta')">
</head><body onload="alert('XSS-onload')">
<nav><a href="javascript:alert('XSS-nav')">Home</a></nav>
<article><h1>Quay vote &lt;script&gt;alert('XSS-htmltitle')&lt;/script&gt;</h1>
<p>The council of Kellmoor voted on Monday to rebuild the quay, <img src=x onerror="alert('XSS-realimg')">despite the cost.</p>
<p>Written in the minutes: &lt;script&gt;alert('XSS-htmltext')&lt;/script&gt;, &lt;meta http-equiv="refresh" content="0"&gt; and <a href="javascript:alert('XSS-reallink')">a link</a> to the plan.</p>
<script>document.write('XSS-inline')</script>
<p>The work will take two years, the council said in a statement after the vote.</p>
</article></body></html>
"#;

const MARKDOWN_ARTICLE: &str = "# Quay <b onclick=alert('XSS-mdtitle')>vote</b> in Kellmoor\n\n\
The **council** of Kellmoor voted <script>alert('XSS-mdscript')</script> on Monday to rebuild the quay, [officials](javascript:alert('XSS-mdlink')) said.\n\n\
Raw HTML in the text: <iframe src=\"javascript:alert('XSS-iframe')\"></iframe> and <style>body{display:none}</style> stays text.\n\n\
The work will take two years, the council said in a statement after the vote.\n";

/// How deep the markup of the deep-nesting cases goes.
const DEPTH: usize = 20_000;

/// Sentences of the deep-nesting articles (markup in the first stays text).
const DEEP_1: &str = "The harbour board of Kellmoor said <b>XSS-deep</b> on Tuesday that the plan for the old quay would go ahead.";
const DEEP_2: &str =
    "Board members said the work on the quay would take most of the year and cost more than expected.";

/// An HTML page whose article paragraphs sit inside `DEPTH` nested `tag`s.
fn nested_html(title: &str, tag: &str, inside_article: bool) -> String {
    let (open, close) = (format!("<{tag}>"), format!("</{tag}>"));
    let (a, z) = if inside_article {
        ("<article>", "</article>")
    } else {
        ("", "")
    };
    format!(
        "<!DOCTYPE html><html><head><title>{title}</title></head><body>{a}{}<p>{}</p><p>{DEEP_2}</p>{}{z}</body></html>",
        open.repeat(DEPTH),
        escape_html(DEEP_1),
        close.repeat(DEPTH),
    )
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The `>` quote markers before the first sentence of the text and
/// markdown deep-nesting articles.
fn quote_markers() -> String {
    ">".repeat(5_000)
}

/// A hand-written page of `content/` with markdown quotes and lists nested
/// `DEPTH` deep (pulldown-cmark input, not corpus text).
const DEEP_PAGE: &str = "content/deep.md";

fn deep_page() -> String {
    format!(
        "---\ntitle: Deeply nested notes\n---\n\n{}Deep quote text.\n\n{}Deep list text.\n\n{}Deep numbered text.\n\n{}Deep mixed text.\n\n{}\n\nIndented list text.\n\n{}x{}\n\n{}a{}\n",
        "> ".repeat(DEPTH),
        "- ".repeat(DEPTH),
        "1. ".repeat(DEPTH / 2),
        "> - ".repeat(DEPTH / 4),
        (0..200)
            .map(|i| format!("{}- level {i}", "  ".repeat(i)))
            .collect::<Vec<_>>()
            .join("\n"),
        "[".repeat(DEPTH),
        "]".repeat(DEPTH),
        "*".repeat(DEPTH),
        "*".repeat(DEPTH),
    )
}

/// Write the hostile corpus (and one hand-written content page beside it);
/// return what each file should give.
fn hostile_corpus(corpus: &Path) -> Cases {
    let mut c = Cases::default();
    write(&corpus.parent().unwrap().join(DEEP_PAGE), deep_page());

    // Empty and not text.
    c.add(
        corpus,
        "empty.txt",
        b"",
        "an empty file",
        Skipped("error", "empty file; skipped"),
    );
    c.add(
        corpus,
        "blank.md",
        " \n\t\n\u{00A0}\u{200B}\r\n  ",
        "white space only",
        Skipped("error", "empty file (only white space)"),
    );
    c.add(
        corpus,
        "photo.html",
        fixture("pixel.png"),
        "a PNG image named .html",
        Skipped("error", "binary content: image/png"),
    );
    c.add(
        corpus,
        "minutes.txt",
        fixture("minutes.zip"),
        "a ZIP archive named .txt",
        Skipped("error", "binary content: application/zip"),
    );
    let mut rng = <rand_chacha::ChaCha8Rng as rand::SeedableRng>::seed_from_u64(7);
    let random: Vec<u8> = (0..20_000)
        .map(|_| rand::Rng::gen::<u8>(&mut rng))
        .collect();
    c.add(
        corpus,
        "random.md",
        &random,
        "random bytes",
        Skipped("error", "not a text file (binary content"),
    );
    c.add(
        corpus,
        "pixel.png",
        fixture("pixel.png"),
        "an image with its own name",
        Ignored("ignored (not an article"),
    );
    c.add(
        corpus,
        "minutes.zip",
        fixture("minutes.zip"),
        "a ZIP with its own name",
        Ignored("ignored (not an article"),
    );
    c.add(
        corpus,
        "furniture.txt",
        "Advertisement\nShare this article\nCopyright 2024 Nobody\n",
        "page furniture only",
        Skipped("error", "no article text left"),
    );

    // Encodings.
    let cyrillic = format!("{CYRILLIC_TITLE}\n\n{CYRILLIC}\n\n{CYRILLIC_2}\n");
    c.add(
        corpus,
        "enc/cp1251.txt",
        encoding_rs::WINDOWS_1251.encode(&cyrillic).0,
        "Windows-1251",
        Built(Some("decoded as windows-1251 (guessed)")),
    );
    let french = format!("{FRENCH_TITLE}\n\n{FRENCH}\n\n{FRENCH_2}\n");
    c.add(
        corpus,
        "enc/latin1.txt",
        encoding_rs::WINDOWS_1252.encode(&french).0,
        "Latin-1",
        Built(Some("decoded as windows-1252 (guessed)")),
    );
    c.add(
        corpus,
        "enc/utf8.txt",
        format!("{CYRILLIC_TITLE} и ещё\n\n{CYRILLIC}\n\n{CYRILLIC_2}\n"),
        "UTF-8",
        Built(Some("decoded as UTF-8")),
    );
    c.add(
        corpus,
        "enc/utf8-bom.txt",
        format!("\u{FEFF}{POLISH_TITLE}\n\n{POLISH}\n"),
        "UTF-8 with BOM",
        Built(Some("decoded as UTF-8 (byte order mark)")),
    );
    c.add(
        corpus,
        "enc/utf16le.txt",
        utf16(&format!("{GERMAN_TITLE}\r\n\r\n{GERMAN}\r\n"), true, true),
        "UTF-16LE with BOM",
        Built(Some("decoded as UTF-16LE (byte order mark)")),
    );
    c.add(
        corpus,
        "enc/utf16be.txt",
        utf16(&format!("{SPANISH_TITLE}\n\n{SPANISH}\n"), false, true),
        "UTF-16BE with BOM",
        Built(Some("decoded as UTF-16BE (byte order mark)")),
    );
    c.add(
        corpus,
        "enc/utf16-nobom.txt",
        utf16(
            &format!("{GERMAN_TITLE} ohne BOM\n\n{GERMAN}\n"),
            true,
            false,
        ),
        "UTF-16 without BOM",
        Skipped("error", "looks like UTF-16 without a byte order mark"),
    );
    let page = format!("<html><head><meta charset=\"windows-1251\"><title>{CYRILLIC_TITLE} (страница)</title></head><body><article><p>{CYRILLIC}</p><p>{CYRILLIC_2}</p></article></body></html>");
    c.add(
        corpus,
        "enc/declared.html",
        encoding_rs::WINDOWS_1251.encode(&page).0,
        "HTML declaring windows-1251",
        Built(Some("decoded as windows-1251 (declared by the page)")),
    );

    // Odd names and places.
    let mut deep = PathBuf::new();
    for level in 0..60 {
        deep.push(format!("level-{level:02}"));
    }
    c.add(
        corpus,
        deep.join("deep.txt"),
        article("Deep folder story", 1),
        "60 folders deep",
        Built(None),
    );
    c.add(
        corpus,
        "with spaces in its name.txt",
        article("Spaces story", 2),
        "spaces in the name",
        Built(None),
    );
    c.add(
        corpus,
        "статья — café ☕.txt",
        article("Unicode name story", 3),
        "a Unicode name",
        Built(None),
    );
    c.add(
        corpus,
        "$(touch pwned); `id` & rm -rf ~ | > < * ? ' \".txt",
        article("Shell name story", 4),
        "shell metacharacters in the name",
        Built(None),
    );
    c.add(
        corpus,
        "line\nbreak.txt",
        article("Line break name story", 5),
        "a line break in the name",
        Built(None),
    );
    c.add(
        corpus,
        "empty with a\nline break.txt",
        b"",
        "an empty file with a line break in its name",
        Skipped("error", "empty file; skipped"),
    );
    c.add(
        corpus,
        OsStr::from_bytes(b"latin1-\xe9t\xe9.txt"),
        article("Latin name story", 6),
        "a name that is not UTF-8",
        Built(None),
    );
    c.add(
        corpus,
        "SHOUT.TXT",
        article("Shout story", 7),
        "an upper-case extension",
        Built(None),
    );
    c.add(
        corpus,
        "folder.txt/inside.txt",
        article("Inside a folder named like an article", 8),
        "a folder named like an article",
        Built(None),
    );
    c.add(
        corpus,
        ".hidden.txt",
        article("Hidden story", 9),
        "a hidden file",
        Ignored("ignored (hidden)"),
    );
    write(&corpus.join(".git/notes.txt"), article("Git story", 10));
    c.expect(".git", "a hidden folder", Ignored("ignored (hidden)"));
    c.add(
        corpus,
        "orphan.meta.yaml",
        "title: Nobody\n",
        "a sidecar without an article",
        Skipped("warning", "sidecar without an article"),
    );

    // Links and special files.
    std::fs::write(
        corpus.join("../outside-secret.txt"),
        article("TOP-SECRET-OUTSIDE-MARKER", 11),
    )
    .unwrap();
    write(&corpus.join("target.txt"), article("Link target story", 12));
    c.expect("target.txt", "the target of a link", Built(None));
    let link =
        |target: &str, name: &str| std::os::unix::fs::symlink(target, corpus.join(name)).unwrap();
    link("target.txt", "link-to-file.txt");
    c.expect(
        "link-to-file.txt",
        "a link to an article",
        Skipped("warning", "symbolic link (to target.txt); skipped"),
    );
    link("../outside-secret.txt", "link-outside.txt");
    c.expect(
        "link-outside.txt",
        "a link out of the corpus",
        Skipped(
            "warning",
            "symbolic link (to ../outside-secret.txt); skipped",
        ),
    );
    link("/etc", "link-to-etc");
    c.expect(
        "link-to-etc",
        "a link to a folder out of the corpus",
        Skipped("warning", "symbolic link to a folder (/etc); not followed"),
    );
    link("level-00", "link-to-folder");
    c.expect(
        "link-to-folder",
        "a link to a folder in the corpus",
        Skipped("warning", "symbolic link to a folder (level-00)"),
    );
    // Links to folders that would make the walk loop: to the corpus
    // itself, to the folder holding it, and from a subfolder back up.
    let folder_loop = "symbolic link to a folder (.); not followed, its files are not read";
    link(".", "link-to-self");
    c.expect(
        "link-to-self",
        "a link to its own folder (loop)",
        Skipped("warning", folder_loop),
    );
    link("..", "link-to-parent");
    c.expect(
        "link-to-parent",
        "a link to the corpus's parent (loop)",
        Skipped("warning", "symbolic link to a folder (..); not followed"),
    );
    link("..", "enc/link-to-corpus");
    c.expect(
        "enc/link-to-corpus",
        "a link from a subfolder up (loop)",
        Skipped("warning", "symbolic link to a folder (..); not followed"),
    );
    link("nowhere.txt", "dangling.txt");
    c.expect(
        "dangling.txt",
        "a dangling link",
        Skipped("warning", "cannot be resolved (No such file or directory"),
    );
    link("loop-b.txt", "loop-a.txt");
    link("loop-a.txt", "loop-b.txt");
    c.expect(
        "loop-a.txt",
        "a link loop",
        Skipped(
            "warning",
            "cannot be resolved (Too many levels of symbolic links",
        ),
    );
    c.expect(
        "loop-b.txt",
        "a link loop",
        Skipped(
            "warning",
            "cannot be resolved (Too many levels of symbolic links",
        ),
    );
    link("target.txt", "link-without-extension");
    c.expect(
        "link-without-extension",
        "a link that is not named like an article",
        Ignored("ignored (symbolic link)"),
    );
    let fifo = std::ffi::CString::new(corpus.join("pipe.txt").as_os_str().as_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(fifo.as_ptr(), 0o644) }, 0);
    c.expect(
        "pipe.txt",
        "a FIFO (reading it would block)",
        Skipped("warning", "not a regular file (a FIFO); skipped"),
    );

    // Text that must stay text.
    c.add(
        corpus,
        "xss/plain.txt",
        xss_article(),
        "markup in a text article",
        Built(None),
    );
    c.add(
        corpus,
        "xss/page.html",
        HTML_ARTICLE,
        "markup in an HTML article",
        Built(None),
    );
    c.add(
        corpus,
        "xss/notes.md",
        MARKDOWN_ARTICLE,
        "markup in a markdown article",
        Built(None),
    );
    c.add(
        corpus,
        "xss/sidecar.txt",
        article("Plain title before the sidecar", 13),
        "markup in sidecar values",
        Built(None),
    );
    write(
        &corpus.join("xss/sidecar.meta.yaml"),
        "title: \"<script>alert('XSS-sidecar')</script> {{ page.title }} \\u202Eevil\\u0007 title\"\n\
         publication: \"<b onmouseover=alert('XSS-pub')>Kellmoor Courier</b>\"\n\
         authors: [\"<img src=x onerror=alert('XSS-author')>\", \"Jane {% if %} Roe\"]\n\
         date: 2024-03-13\n",
    );
    let controls = format!(
        "Control characters story\n\n{}\n\nThe board said\u{7} the bell\u{1b}[31m rang\u{8} twice\u{7f} before the vote on the quay began in Kellmoor.\n",
        body(14).replace("\n\n", "\n\n\u{0B}")
    );
    c.add(
        corpus,
        "controls.txt",
        controls,
        "control characters",
        Built(None),
    );
    c.add(corpus, "rtl.txt", format!("Right-to-left story\n\n{}\n\nThe sign on the quay read \u{202E}KELLMOOR-REVERSED\u{202C} and \u{2067}KELLMOOR-ISOLATED\u{2069} for a week.\n", body(15)), "right-to-left overrides", Built(None));
    let word = "Kellmoor".repeat(2_500);
    c.add(
        corpus,
        "long-word.txt",
        format!(
            "Long word story\n\n{}\n\nThe harbour board wrote {word} on the notice board.\n",
            body(16)
        ),
        "a 20,000-character word",
        Built(None),
    );

    // Markup nested very deep.
    c.add(
        corpus,
        "deep/divs.html",
        nested_html("Deep divs story", "div", false),
        "20,000 nested <div>",
        Built(None),
    );
    c.add(
        corpus,
        "deep/quotes.html",
        nested_html("Deep quotes story", "blockquote", true),
        "20,000 nested <blockquote> in <article>",
        Built(None),
    );
    c.add(
        corpus,
        "deep/unclosed.html",
        format!(
            "<html><head><title>Unclosed story</title></head><body>{}<p>{}</p><p>{DEEP_2}</p>",
            "<div><blockquote><span><b><i>".repeat(DEPTH / 4),
            escape_html(DEEP_1)
        ),
        "20,000 elements never closed",
        Built(None),
    );
    let markers = format!(
        "{} {DEEP_1}\n\n{}item\n\n{}x{}\n\n{}\n\n{DEEP_2}\n",
        quote_markers(),
        "- ".repeat(5_000),
        "[".repeat(DEPTH / 2),
        "]".repeat(DEPTH / 2),
        "(".repeat(DEPTH / 2),
    );
    c.add(
        corpus,
        "deep/markers.txt",
        format!("Deep markers story\n\n{markers}"),
        "thousands of > - [ ( in a text article",
        Built(None),
    );
    c.add(
        corpus,
        "deep/markers.md",
        format!(
            "# Deep markdown story\n\n{} {DEEP_1}\n\n{}item\n\n{}item\n\n{}x{}\n\n{DEEP_2}\n",
            quote_markers().replace('>', "> "),
            "- ".repeat(5_000),
            "1. ".repeat(5_000),
            "[".repeat(DEPTH / 2),
            "]".repeat(DEPTH / 2),
        ),
        "thousands of > - 1. [ in a markdown article",
        Built(None),
    );

    // Broken sidecars.
    c.add(
        corpus,
        "bad-yaml.txt",
        article("Bad sidecar story", 17),
        "an article with a malformed sidecar",
        Via("bad-yaml.meta.yaml"),
    );
    c.add(
        corpus,
        "bad-yaml.meta.yaml",
        "title: Fine\npublication: Kellmoor Post\nauthors: [Ana Brul\ndate: 2024-03-12\n",
        "a malformed sidecar",
        Skipped(
            "error",
            ":4: invalid sidecar: did not find expected ',' or ']'",
        ),
    );
    c.add(
        corpus,
        "typo.txt",
        article("Typo sidecar story", 18),
        "an article whose sidecar has an unknown key",
        Via("typo.meta.yaml"),
    );
    c.add(
        corpus,
        "typo.meta.yaml",
        "title: Typo\nautor: Ana Brul\n",
        "a sidecar with an unknown key",
        Skipped("error", ":2: invalid sidecar: unknown field `autor`"),
    );
    c
}

/// Diagnostic lines (`warning: …`, `error: …`) and other lines of stderr.
fn diagnostics(stderr: &str) -> Vec<(String, String)> {
    stderr
        .lines()
        .filter_map(|l| {
            l.strip_prefix("warning: ")
                .map(|r| ("warning", r))
                .or_else(|| l.strip_prefix("error: ").map(|r| ("error", r)))
        })
        .map(|(level, rest)| (level.to_string(), rest.to_string()))
        .collect()
}

/// How a file is named in messages.
fn shown(corpus: &Path, rel: &Path) -> String {
    dossier::diag::shown(&corpus.join(rel))
}

/// Does a message (without its level) name this file?
fn names(message: &str, file: &str) -> bool {
    message.strip_prefix(file).is_some_and(|rest| {
        rest.starts_with(": ")
            || rest.starts_with(':') && rest[1..].starts_with(|c: char| c.is_ascii_digit())
    })
}

/// Everything under `root` but the folders a build may write: path →
/// what it is (file bytes hashed, link target, folder, other).
fn tree(root: &Path) -> BTreeMap<PathBuf, String> {
    let written = [
        "public",
        "content",
        ".dossier-cache",
        ".public.lock",
        ".public.previous",
    ];
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_entry(|e| e.depth() != 1 || !written.iter().any(|w| e.file_name() == *w))
        .map(|e| e.unwrap())
        .map(|e| {
            let t = e.file_type();
            let what = if t.is_symlink() {
                format!(
                    "link to {}",
                    std::fs::read_link(e.path()).unwrap().display()
                )
            } else if t.is_dir() {
                "folder".to_string()
            } else if t.is_file() {
                match std::fs::read(e.path()) {
                    Ok(bytes) => format!("file {}", blake3::hash(&bytes)),
                    Err(err) => format!("unreadable file: {err}"),
                }
            } else {
                "special".to_string()
            };
            (e.path().strip_prefix(root).unwrap().to_path_buf(), what)
        })
        .collect()
}

// ---------------------------------------------------------------------------
// The corpus of bad files

#[test]
fn every_bad_file_gets_one_message_naming_it_and_the_rest_builds() {
    let site = Site::new();
    let corpus = site.corpus();
    let cases = hostile_corpus(&corpus);
    assert!(cases.0.len() >= 30, "{} cases", cases.0.len());
    let before = tree(&site.root);

    let out = site.run("build", &["--verbose"]);
    let err = assert_ok(&out, "build");
    let diags = diagnostics(&err);
    let built: BTreeSet<String> = site
        .sources()
        .iter()
        .map(|s| s["file"].as_str().unwrap().to_string())
        .collect();

    let mut report = Vec::new();
    for case in &cases.0 {
        let file = shown(&corpus, &case.rel);
        let rel = rel_text(&case.rel);
        let naming: Vec<&(String, String)> =
            diags.iter().filter(|(_, m)| names(m, &file)).collect();
        let notes: Vec<&str> = err.lines().filter(|l| names(l, &file)).collect();
        match &case.expect {
            Built(decoded) => {
                assert!(
                    built.contains(&rel),
                    "{}: {rel:?} not built\n{err}",
                    case.what
                );
                assert!(naming.is_empty(), "{}: {naming:?}", case.what);
                let decoded_notes: Vec<&&str> = notes
                    .iter()
                    .filter(|l| l.contains(": decoded as "))
                    .collect();
                assert_eq!(decoded_notes.len(), 1, "{}: {notes:?}", case.what);
                if let Some(d) = decoded {
                    assert!(
                        decoded_notes[0].ends_with(&format!(": {d}")),
                        "{}: {notes:?}",
                        case.what
                    );
                }
                report.push(format!(
                    "{:<45} built ({})",
                    case.what,
                    decoded_notes[0].rsplit(": ").next().unwrap()
                ));
            }
            Skipped(level, needle) => {
                assert!(!built.contains(&rel), "{}: built", case.what);
                assert_eq!(
                    naming.len(),
                    1,
                    "{}: one message naming {file:?}, got {naming:?}\n{err}",
                    case.what
                );
                let (got_level, message) = naming[0];
                assert_eq!(got_level, level, "{}: {message}", case.what);
                assert!(
                    message.contains(needle),
                    "{}: {needle:?} not in {message:?}",
                    case.what
                );
                report.push(format!(
                    "{:<45} skipped: {got_level}: {}",
                    case.what,
                    &message[file.len() + 2..]
                ));
            }
            Via(other) => {
                assert!(!built.contains(&rel), "{}: built", case.what);
                assert!(naming.is_empty(), "{}: {naming:?}", case.what);
                let other = shown(&corpus, Path::new(other));
                let about: Vec<_> = diags
                    .iter()
                    .filter(|(_, m)| names(m, &other) && m.contains(&format!("{rel} skipped")))
                    .collect();
                assert_eq!(about.len(), 1, "{}: {err}", case.what);
                report.push(format!(
                    "{:<45} skipped, said by its sidecar's error",
                    case.what
                ));
            }
            Ignored(needle) => {
                assert!(!built.contains(&rel), "{}: built", case.what);
                assert!(naming.is_empty(), "{}: {naming:?}", case.what);
                assert_eq!(notes.len(), 1, "{}: {notes:?}", case.what);
                assert!(notes[0].contains(needle), "{}: {notes:?}", case.what);
                report.push(format!("{:<45} {}", case.what, &notes[0][file.len() + 2..]));
            }
        }
    }
    // Nothing else was built (no file was read twice through a link).
    let expected_built: BTreeSet<String> = cases
        .0
        .iter()
        .filter(|c| matches!(c.expect, Built(_)))
        .map(|c| rel_text(&c.rel))
        .collect();
    assert_eq!(built, expected_built, "other files were built");
    // No other message than those expected.
    let expected = cases
        .0
        .iter()
        .filter(|c| matches!(c.expect, Skipped(..)))
        .count();
    assert_eq!(diags.len(), expected, "unexpected messages:\n{err}");
    eprintln!("{}", report.join("\n"));

    // Decoded text is right, in every script.
    for (file, title, sentence) in [
        ("enc/cp1251.txt", CYRILLIC_TITLE, CYRILLIC),
        ("enc/latin1.txt", FRENCH_TITLE, FRENCH),
        ("enc/utf16le.txt", GERMAN_TITLE, GERMAN),
        ("enc/utf16be.txt", SPANISH_TITLE, SPANISH),
        ("enc/utf8-bom.txt", POLISH_TITLE, POLISH),
        ("enc/declared.html", CYRILLIC_TITLE, CYRILLIC),
    ] {
        let source = site.source(file);
        assert!(
            source["title"].as_str().unwrap().starts_with(title),
            "{file}: {source}"
        );
        let text = site.page_text(source["url"].as_str().unwrap());
        assert!(text.contains(sentence), "{file}: {text}");
    }
    // A name that is not UTF-8 is recorded with U+FFFD, and read all the same.
    assert_eq!(
        site.source("latin1-\u{FFFD}t\u{FFFD}.txt")["title"],
        "Latin name story"
    );

    // Nothing outside the output, content and cache folders changed, and
    // nothing from outside the corpus was read.
    assert_eq!(
        tree(&site.root),
        before,
        "files outside public/, content/ and the cache changed"
    );
    assert!(!site.root.join("pwned").exists());
    for (path, bytes) in files(&site.public()) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("TOP-SECRET-OUTSIDE-MARKER"),
            "{path} holds text read through a link out of the corpus"
        );
    }

    // The same inputs give the same bytes.
    let first = files(&site.public());
    assert_ok(&site.run("build", &["--clean", "--quiet"]), "rebuild");
    let diff = common::differing(&first, &files(&site.public()));
    assert!(diff.is_empty(), "a clean rebuild differs: {diff:?}");

    // `check` reports the same problems and fails on the errors.
    let checked = site.run("check", &[]);
    assert!(!checked.status.success());
    let check_err = stderr(&checked);
    assert!(!check_err.contains("panicked"), "{check_err}");
    for case in cases.0.iter().filter(|c| matches!(c.expect, Skipped(..))) {
        let file = shown(&corpus, &case.rel);
        let n = diagnostics(&check_err)
            .iter()
            .filter(|(_, m)| names(m, &file))
            .count();
        assert_eq!(n, 1, "check: {}: {check_err}", case.what);
    }
}

// ---------------------------------------------------------------------------
// Corpus text on pages

/// Attributes whose value is a URL.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "srcset",
    "data",
    "poster",
];

/// Problems of one HTML document: anything corpus text could have made
/// executable or structural.
fn html_problems(html: &str, fragment: bool) -> Vec<String> {
    let doc = if fragment {
        scraper::Html::parse_fragment(html)
    } else {
        scraper::Html::parse_document(html)
    };
    let mut problems = Vec::new();
    for node in doc.tree.nodes() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        let name = el.name();
        if matches!(
            name,
            "iframe" | "object" | "embed" | "frame" | "base" | "marquee" | "style"
        ) {
            problems.push(format!("<{name}> element"));
        }
        if name == "script" {
            let src = el.attr("src").unwrap_or("");
            let inline: String = scraper::ElementRef::wrap(node).unwrap().text().collect();
            if src.is_empty() || src.contains(':') || !inline.trim().is_empty() {
                problems.push(format!("script src={src:?} with {inline:?}"));
            }
        }
        if name == "img"
            && el
                .attr("src")
                .is_some_and(|s| !s.ends_with(".svg") && !s.ends_with(".png"))
        {
            problems.push(format!("<img src={:?}>", el.attr("src")));
        }
        for (attr, value) in el.attrs() {
            if attr.to_ascii_lowercase().starts_with("on") {
                problems.push(format!("{attr}= on <{name}>"));
            }
            let v = value.trim().to_ascii_lowercase();
            if URL_ATTRIBUTES.contains(&attr)
                && (v.starts_with("javascript:")
                    || v.starts_with("data:")
                    || v.starts_with("vbscript:"))
            {
                problems.push(format!("{attr}={value:?} on <{name}>"));
            }
        }
        if matches!(name, "strong" | "em" | "code" | "b" | "i" | "svg") {
            let text: String = scraper::ElementRef::wrap(node).unwrap().text().collect();
            if ["bold", "code", "vote", "XSS"]
                .iter()
                .any(|w| text.contains(w))
            {
                problems.push(format!("<{name}>{text}</{name}> from corpus markup"));
            }
        }
    }
    if !fragment {
        // Ids are unique: a heading never takes a paragraph's anchor.
        let mut ids = BTreeSet::new();
        for node in doc.tree.nodes() {
            if let Some(id) = node.value().as_element().and_then(|e| e.attr("id")) {
                if !ids.insert(id.to_string()) {
                    problems.push(format!("duplicate id {id:?}"));
                }
            }
        }
        for tag in ["</main>", "</body>", "</html>"] {
            let n = html.matches(tag).count();
            if n != 1 {
                problems.push(format!("{n} × {tag}"));
            }
        }
    }
    problems
}

/// The Content-Security-Policy `<meta>` tag of the theme's base template,
/// which every page extends; checked to allow only the site's own scripts
/// and styles, nothing inline.
fn theme_csp() -> String {
    let base =
        std::fs::read_to_string(common::repo().join("themes/default/templates/base.html")).unwrap();
    let start = base
        .find("<meta http-equiv=\"Content-Security-Policy\"")
        .expect("the theme sets a Content-Security-Policy");
    let tag = &base[start..start + base[start..].find('>').unwrap() + 1];
    let policy = tag
        .split_once("content=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .unwrap()
        .0;
    let directives: BTreeMap<&str, &str> = policy
        .split(';')
        .map(|d| d.trim().split_once(' ').unwrap_or((d.trim(), "")))
        .collect();
    assert_eq!(directives["default-src"], "'none'", "{policy}");
    assert_eq!(directives["script-src"], "'self'", "{policy}");
    assert_eq!(directives["style-src"], "'self'", "{policy}");
    for (name, sources) in &directives {
        for source in sources.split_whitespace() {
            assert!(
                matches!(source, "'self'" | "'none'") || (*name == "img-src" && source == "data:"),
                "{name} allows {source}: {policy}"
            );
        }
    }
    tag.to_string()
}

/// Problems of a page's Content-Security-Policy: it must carry the theme's
/// `<meta>` tag once, in its head before anything it governs (a policy
/// applies only to what follows it), and no other `http-equiv`.
fn csp_problems(html: &str, csp: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let doc = scraper::Html::parse_document(html);
    let meta = scraper::Selector::parse("meta[http-equiv]").unwrap();
    let metas: Vec<_> = doc.select(&meta).collect();
    if metas.len() != 1 {
        problems.push(format!("{} <meta http-equiv> tags", metas.len()));
    }
    match html.find(csp) {
        None => problems.push("no Content-Security-Policy, or not the theme's".to_string()),
        Some(at) => {
            let head = html.find("<head>").unwrap_or(usize::MAX);
            let end = html.find("</head>").unwrap_or(0);
            if !(head < at && at < end) {
                problems.push("the Content-Security-Policy is not in <head>".to_string());
            }
            for governed in ["<script", "<link", "<style", "<img", "<base"] {
                if html.find(governed).is_some_and(|g| g < at) {
                    problems.push(format!("{governed} before the Content-Security-Policy"));
                }
            }
        }
    }
    problems
}

/// Problems of an XML document (feeds, sitemap, SVG): not well formed,
/// script or event attributes, and the HTML it carries as text (Atom
/// `type="html"`).
fn xml_problems(xml: &str) -> Vec<String> {
    use quick_xml::events::Event;
    let mut problems = Vec::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    // Open elements: whether each holds HTML as text, and its text so far.
    let mut open: Vec<(bool, String)> = Vec::new();
    loop {
        let event = match reader.read_event() {
            Err(e) => {
                problems.push(format!("not well-formed: {e}"));
                break;
            }
            Ok(event) => event,
        };
        match event {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name = e.name().as_ref().to_lowercase();
                if name.ends_with("script") || name.ends_with("foreignobject") {
                    problems.push(format!("<{name}> element"));
                }
                let mut html = false;
                for a in e.attributes() {
                    let a = a.unwrap();
                    let key = a.key.as_ref().to_lowercase();
                    let value = a.value.to_lowercase();
                    if key.starts_with("on") || value.contains("javascript:") {
                        problems.push(format!("{key}={value:?} on <{name}>"));
                    }
                    html |= key == "type" && value == "html";
                }
                if matches!(event, Event::Start(_)) {
                    open.push((html, String::new()));
                }
            }
            Event::Text(t) => {
                if let Some((_, text)) = open.last_mut() {
                    text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, text)) = open.last_mut() {
                    match common::xml_reference(&r) {
                        Ok(c) => text.push(c),
                        Err(problem) => problems.push(problem),
                    }
                }
            }
            Event::End(_) => {
                if let Some((true, text)) = open.pop() {
                    problems.extend(
                        html_problems(&text, true)
                            .into_iter()
                            .map(|p| format!("in HTML content: {p}")),
                    );
                }
            }
            _ => {}
        }
    }
    problems
}

/// Every string in a JSON value.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

#[test]
fn corpus_text_is_shown_as_text_on_every_page_and_never_runs() {
    let site = Site::new();
    let corpus = site.corpus();
    hostile_corpus(&corpus);
    assert_ok(&site.run("build", &["--quiet"]), "build");

    // Scan every file the build produced.
    let mut json_strings = Vec::new();
    let mut problems = Vec::new();
    let all = files(&site.public());
    let csp = theme_csp();
    let pages: Vec<&String> = all.keys().filter(|p| p.ends_with(".html")).collect();
    for page in [
        "index.html",
        "404.html",
        "print.html",
        "search.html",
        "deep.html",
    ] {
        assert!(pages.contains(&&page.to_string()), "{page} not built");
    }
    assert!(pages.len() > 40, "{pages:?}");
    for (path, bytes) in &all {
        let text =
            String::from_utf8(bytes.clone()).unwrap_or_else(|_| panic!("{path} is not UTF-8"));
        let ext = path.rsplit('.').next().unwrap();
        let mut found = match ext {
            "html" => {
                let mut found = html_problems(&text, false);
                found.extend(csp_problems(&text, &csp));
                found
            }
            "xml" | "svg" => xml_problems(&text),
            "json" if path.ends_with(".ftm.json") => {
                text.lines()
                    .for_each(|l| strings(&serde_json::from_str(l).unwrap(), &mut json_strings));
                Vec::new()
            }
            "json" => {
                strings(
                    &serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}")),
                    &mut json_strings,
                );
                Vec::new()
            }
            "js" if path.starts_with("search/") => {
                // `dossierSearch.add("name",{...});`: one JSON value each.
                let data = text
                    .strip_prefix("dossierSearch.add(")
                    .and_then(|t| t.trim_end().strip_suffix(");"))
                    .and_then(|t| t.split_once(','))
                    .map(|(_, json)| json);
                let data: Value = serde_json::from_str(data.expect("a search file is one call"))
                    .expect("search data is JSON");
                strings(&data, &mut json_strings);
                Vec::new()
            }
            _ => Vec::new(),
        };
        // Corpus text never adds control characters or bidirectional
        // overrides to any page.
        if let Some(c) = text.chars().find(|&c| {
            (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
                || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        }) {
            found.push(format!("character {c:?}"));
        }
        problems.extend(found.into_iter().map(|p| format!("{path}: {p}")));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(!json_strings.iter().any(|s| s.contains('\u{202E}')));

    // The payloads are there, as text, wherever their article appears.
    let plain = site.source("xss/plain.txt");
    let url = plain["url"].as_str().unwrap();
    let source_text = site.page_text(url);
    for payload in [SCRIPT, IMG, HREF, SVG, CLOSE, MARKDOWN, TERA] {
        assert!(
            source_text.contains(payload),
            "source page lacks {payload:?}: {source_text}"
        );
        assert!(
            json_strings.iter().any(|s| s.contains(payload)),
            "search index and JSON lack {payload:?}"
        );
    }
    // The article's sub-heading "P1" does not take paragraph 1's anchor.
    let source_html = std::fs::read_to_string(site.public().join(url)).unwrap();
    assert!(source_html.contains("<h2 id=\"p1-1\">P1"), "{source_html}");
    assert_eq!(source_html.matches("id=\"p1\"").count(), 1);
    let print = site.page_text("print.html");
    // The printable dossier prints topics, actors and the timeline in full
    // and lists the sources by title.
    for payload in [SVG, MARKDOWN, TERA, "<script>alert('XSS-sidecar')</script>"] {
        assert!(print.contains(payload), "print page lacks {payload:?}");
    }
    assert!(
        !source_text.contains("Hostile Site Title yes"),
        "Tera syntax in the text was run"
    );
    let prisoners = site.page_text("topics/prisoners.html");
    assert!(
        prisoners.contains(SVG),
        "the prisoners topic lacks the fact: {prisoners}"
    );
    let sanctions = site.page_text("topics/sanctions.html");
    assert!(
        sanctions.contains(MARKDOWN),
        "the sanctions topic lacks the fact: {sanctions}"
    );
    let timeline = site.page_text("timeline.html");
    assert!(
        timeline.contains(SVG),
        "the timeline lacks the event: {timeline}"
    );
    let actor = site.page_text("actors/ana-brul.html");
    assert!(
        actor.contains(TERA),
        "the actor page lacks the quote: {actor}"
    );
    let feed = std::fs::read_to_string(site.public().join("sources/atom.xml")).unwrap();
    assert!(feed.contains("Kellmoor council row over the quay budget"));

    // HTML and markdown articles: their own markup is gone, their text
    // that shows markup stays.
    let page = site.source("xss/page.html");
    assert_eq!(
        page["title"],
        "Quay vote <script>alert('XSS-htmltitle')</script>"
    );
    assert_eq!(page["authors"][0], "<img src=x onerror=alert('XSS-meta')>");
    let page_text = site.page_text(page["url"].as_str().unwrap());
    assert!(
        page_text.contains("<script>alert('XSS-htmltext')</script>"),
        "{page_text}"
    );
    for gone in [
        "XSS-realscript",
        "XSS-realimg",
        "XSS-reallink",
        "XSS-inline",
        "XSS-onload",
        "XSS-nav",
        "XSS-realmeta",
    ] {
        assert!(
            !json_strings.iter().any(|s| s.contains(gone)),
            "{gone} reached the site"
        );
    }
    let notes = site.source("xss/notes.md");
    let notes_text = site.page_text(notes["url"].as_str().unwrap());
    assert!(
        notes_text.contains("<script>alert('XSS-mdscript')</script>"),
        "{notes_text}"
    );
    assert!(
        notes_text.contains("<iframe src=\"javascript:alert('XSS-iframe')\"></iframe>"),
        "{notes_text}"
    );

    // Markup nested deep: each article's sentences are on its page as text
    // (the markup in them too), and its markers and nesting never became
    // structure on the page.
    let article_text = scraper::Selector::parse(".article-text").unwrap();
    for file in [
        "deep/divs.html",
        "deep/quotes.html",
        "deep/unclosed.html",
        "deep/markers.txt",
        "deep/markers.md",
    ] {
        let url = site.source(file)["url"].as_str().unwrap().to_string();
        let text = site.page_text(&url);
        assert!(
            text.contains(DEEP_1) && text.contains(DEEP_2),
            "{file}: {text}"
        );
        let html = std::fs::read_to_string(site.public().join(&url)).unwrap();
        let doc = scraper::Html::parse_document(&html);
        let body = doc
            .select(&article_text)
            .next()
            .expect("the article's text");
        let elements: BTreeSet<&str> = body
            .descendants()
            .skip(1)
            .filter_map(|n| n.value().as_element().map(|e| e.name()))
            .collect();
        assert_eq!(elements, BTreeSet::from(["a", "p"]), "{file}");
    }
    let markers = site.page_text(site.source("deep/markers.txt")["url"].as_str().unwrap());
    assert!(
        markers.contains(&format!("{} {DEEP_1}", quote_markers())),
        "the quote markers of a text article are text"
    );

    // The hand-written page nested deep is rendered whole, and the words
    // of its nested blocks are kept apart in its text (search, summary).
    let deep = std::fs::read_to_string(site.public().join("deep.html")).unwrap();
    let deep_text = html_text(&deep);
    for words in [
        "Deep quote text.",
        "Deep list text.",
        "Deep numbered text.",
        "Deep mixed text.",
        "level 199",
        "Indented list text.",
    ] {
        assert!(deep_text.contains(words), "deep.html lacks {words:?}");
    }
    assert_eq!(deep.matches("<blockquote>").count(), DEPTH + DEPTH / 4);
    assert!(
        json_strings
            .iter()
            .any(|s| s.starts_with("Deep quote text. Deep list text. Deep numbered text. Deep mixed text. level 0 level 1 level 2 ")),
        "the page's text runs nested blocks together"
    );

    // Sidecar values: single lines, no control or bidirectional character.
    let side = site.source("xss/sidecar.txt");
    assert_eq!(
        side["title"],
        "<script>alert('XSS-sidecar')</script> {{ page.title }} evil title"
    );
    assert_eq!(
        side["publication"],
        "<b onmouseover=alert('XSS-pub')>Kellmoor Courier</b>"
    );
    assert_eq!(side["authors"][1], "Jane {% if %} Roe");
    let side_html =
        std::fs::read_to_string(site.public().join(side["url"].as_str().unwrap())).unwrap();
    let title = scraper::Selector::parse("title").unwrap();
    let doc = scraper::Html::parse_document(&side_html);
    let shown_title: String = doc.select(&title).next().unwrap().text().collect();
    assert!(
        shown_title
            .starts_with("<script>alert('XSS-sidecar')</script> {{ page.title }} evil title"),
        "{shown_title}"
    );
    for url in [
        "index.html",
        "sources/index.html",
        "print.html",
        "changes.html",
    ] {
        let text = site.page_text(url);
        assert!(
            text.contains("<script>alert('XSS-sidecar')</script>"),
            "{url} lacks the sidecar title"
        );
    }

    // Control characters became spaces; the reversed text is in reading order.
    let controls = site.page_text(site.source("controls.txt")["url"].as_str().unwrap());
    assert!(
        controls.contains("The board said the bell [31m rang twice before the vote"),
        "{controls}"
    );
    let rtl = site.page_text(site.source("rtl.txt")["url"].as_str().unwrap());
    assert!(
        rtl.contains("read KELLMOOR-REVERSED and KELLMOOR-ISOLATED for a week"),
        "{rtl}"
    );
    let long = site.page_text(site.source("long-word.txt")["url"].as_str().unwrap());
    assert!(long.contains(&"Kellmoor".repeat(2_500)));
    let css = std::fs::read_to_string(site.public().join("css/site.css")).unwrap();
    assert!(
        css.contains("overflow-wrap"),
        "a long word must wrap, not widen the page"
    );
}

// ---------------------------------------------------------------------------
// Slugs

fn sidecar_article(corpus: &Path, name: &str, title: &str, n: usize) -> String {
    let text = article("Heuristic title", n);
    let sidecar = format!("title: {}\n", serde_json::to_string(title).unwrap());
    write(&corpus.join(format!("{name}.txt")), &text);
    write(&corpus.join(format!("{name}.meta.yaml")), &sidecar);
    // The content hash ingest gives the article (bytes, then the sidecar).
    let mut h = blake3::Hasher::new();
    h.update(text.as_bytes());
    h.update(b"\0sidecar\0");
    h.update(sidecar.as_bytes());
    h.finalize().to_hex().to_string()
}

const DANGEROUS_TITLES: &[&str] = &[
    "../../etc/passwd",
    "..\\..\\windows\\system32",
    "CON",
    "NUL",
    "aux",
    "com1",
    "LPT9",
    ".hidden",
    "Index",
    "?!…—***",
    "🔥🚀🎉",
    "Harbour reopens",
    "harbour reopens!",
];

/// Title → id of every source, from a corpus of dangerous titles written
/// with file names from `name`.
fn slug_site(name: impl Fn(usize) -> String) -> (Site, BTreeMap<String, String>, Vec<String>) {
    let site = Site::new();
    let corpus = site.corpus();
    let long = "Kellmoor harbour ".repeat(30);
    let mut titles: Vec<String> = DANGEROUS_TITLES.iter().map(|t| t.to_string()).collect();
    titles.push(long.trim().to_string());
    let mut hashes = Vec::new();
    for (i, t) in titles.iter().enumerate() {
        hashes.push(sidecar_article(&corpus, &name(i), t, 100 + i));
    }
    // A title equal to the slug of the duplicated title plus the hash
    // suffix its first copy gets.
    let twin = format!(
        "harbour-reopens-{}",
        &hashes[DANGEROUS_TITLES.len() - 2][..8]
    );
    sidecar_article(&corpus, &name(titles.len()), &twin, 200);
    titles.push(twin);
    assert_ok(&site.run("build", &["--quiet"]), "build");
    let ids: BTreeMap<String, String> = site
        .sources()
        .iter()
        .map(|s| {
            (
                s["file"].as_str().unwrap().to_string(),
                s["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let by_title = site
        .sources()
        .iter()
        .map(|s| {
            (
                format!("{}|{}", s["title"].as_str().unwrap(), s["paragraphs"]),
                s["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(ids.len(), titles.len(), "every article is built");
    (site, by_title, titles)
}

fn is_safe_slug(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 120
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !dossier::slug::is_reserved(id)
}

#[test]
fn dangerous_titles_make_safe_unique_stable_slugs() {
    let (site, ids, _) = slug_site(|i| format!("a-{i:02}"));
    let all: Vec<&String> = ids.values().collect();
    let unique: BTreeSet<&String> = all.iter().copied().collect();
    assert_eq!(unique.len(), all.len(), "ids collide: {ids:#?}");
    for id in &all {
        assert!(is_safe_slug(id), "unsafe id {id:?}");
        let page = site.public().join("sources").join(format!("{id}.html"));
        assert!(page.is_file(), "{} missing", page.display());
    }
    // Every page is inside the output folder, one per source.
    let pages: Vec<String> = files(&site.public())
        .into_keys()
        .filter(|p| p.starts_with("sources/") && p.ends_with(".html") && p != "sources/index.html")
        .collect();
    assert_eq!(pages.len(), ids.len(), "{pages:?}");
    // The sources index is still the index, not an article titled "Index".
    let index = site.page_text("sources/index.html");
    assert!(
        index.contains("../../etc/passwd") && index.contains("Index"),
        "{index}"
    );
    let id_of = |title: &str| {
        ids.iter()
            .find(|(k, _)| k.starts_with(&format!("{title}|")))
            .map(|(_, v)| v.clone())
            .unwrap_or_else(|| panic!("no {title:?} in {ids:#?}"))
    };
    assert_eq!(id_of("../../etc/passwd"), "etc-passwd");
    assert_eq!(id_of("CON"), "con-0");
    assert_eq!(id_of("Index"), "index-0");
    assert_eq!(id_of(".hidden"), "hidden");
    let long = ids
        .iter()
        .find(|(k, _)| k.starts_with("Kellmoor harbour"))
        .unwrap()
        .1;
    assert!(long.len() <= dossier::slug::MAX_LEN, "{long}");
    // The twin keeps its own title's slug; the duplicate whose hash it
    // spells gets a longer suffix.
    let twin = ids
        .iter()
        .find(|(k, _)| k.starts_with("harbour-reopens-"))
        .unwrap()
        .1
        .clone();
    let dups: Vec<&String> = ids
        .iter()
        .filter(|(k, _)| k.to_lowercase().starts_with("harbour reopens"))
        .map(|(_, v)| v)
        .collect();
    assert_eq!(dups.len(), 2);
    assert!(
        dups.iter()
            .all(|d| d.starts_with("harbour-reopens-") && **d != twin),
        "{dups:?} {twin}"
    );
    assert!(
        dups.iter()
            .any(|d| d.len() == "harbour-reopens-".len() + 16),
        "{dups:?}"
    );

    // Same ids from other file names in another order (ids come from
    // titles and content, not file names).
    let (_, renamed, _) = slug_site(|i| format!("z-{:02}-renamed", 99 - i));
    assert_eq!(renamed, ids);
}

#[test]
fn actors_whose_names_slug_alike_or_are_reserved_get_distinct_safe_pages() {
    let site = Site::new();
    let text = "Kellmoor harbour vote\n\n\
        Mayor Ana Con said on Monday that the harbour would reopen, and Minister Ana-Con agreed with her.\n\n\
        The Nul Party and the Aux Group said the harbour plan was wrong, and Senator Index Vale said so too.\n\n\
        Mayor José Núñez met Mayor Jose Nunez of another town, said Kellmoor officials in a statement.\n";
    write(&site.corpus().join("actors.txt"), text);
    assert_ok(&site.run("build", &["--quiet"]), "build");
    let entities = json_file(&site.public().join("api/entities.json"));
    let ids: Vec<&str> = entities
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids.iter().collect::<BTreeSet<_>>().len(),
        ids.len(),
        "{ids:?}"
    );
    for id in &ids {
        assert!(is_safe_slug(id), "unsafe actor id {id:?}");
        assert!(site.public().join(format!("actors/{id}.html")).is_file());
    }
    // The actors index is still the index.
    let index = site.page_text("actors/index.html");
    assert!(
        ids.len() >= 2 && index.contains("Ana Con"),
        "{ids:?}\n{index}"
    );
}

// ---------------------------------------------------------------------------
// Big files

#[test]
fn a_huge_file_is_refused_unread_and_a_five_megabyte_line_builds() {
    let site = Site::new();
    let corpus = site.corpus();
    // 100 MiB of text lines.
    let line = "The harbour board of Kellmoor met again today to talk about the quay.\n";
    let mut huge = String::with_capacity(100 * 1024 * 1024 + line.len());
    while huge.len() <= 100 * 1024 * 1024 {
        huge.push_str(line);
    }
    write(&corpus.join("huge.txt"), &huge);
    drop(huge);
    // One line of about 5 MB: a page whose line breaks were lost.
    let sentences = [
        "The harbour board of Kellmoor met on Tuesday to discuss the quay.",
        "Mayor Ana Brul said the work would take most of the year.",
        "Fishermen said they hoped the boats would be back before winter.",
        "On 3 May 2024 the council released 12 political prisoners, officials said.",
    ];
    let mut one = String::new();
    let mut i = 0;
    while one.len() < 5_000_000 {
        one.push_str(sentences[i % sentences.len()]);
        one.push_str(&format!(" Item {i}. "));
        i += 1;
    }
    write(&corpus.join("one-line.txt"), &one);
    write(&corpus.join("normal.txt"), article("Normal story", 1));

    let out = site.run("build", &[]);
    let err = assert_ok(&out, "build");
    let diags = diagnostics(&err);
    assert_eq!(diags.len(), 1, "{err}");
    let huge_file = shown(&corpus, Path::new("huge.txt"));
    assert!(names(&diags[0].1, &huge_file), "{err}");
    assert_eq!(diags[0].0, "error");
    assert!(
        diags[0]
            .1
            .contains("100.0 MiB is over the limit for an article (8 MiB); skipped"),
        "{err}"
    );

    let line = site.source("one-line.txt");
    assert!(
        line["title"].as_str().unwrap().len() < 200,
        "the title is not the whole line"
    );
    assert_eq!(line["paragraphs"], 1);
    let text = site.page_text(line["url"].as_str().unwrap());
    assert!(text.len() >= 5_000_000 && text.contains("Item 1000."));
    site.source("normal.txt");
}

// ---------------------------------------------------------------------------
// Unreadable files

#[test]
fn an_unreadable_file_or_folder_is_skipped_with_one_error() {
    use std::os::unix::fs::PermissionsExt;
    let site = Site::new();
    let corpus = site.corpus();
    write(&corpus.join("fine.txt"), article("Readable story", 1));
    write(&corpus.join("locked.txt"), article("Locked story", 2));
    write(
        &corpus.join("locked-folder/inside.txt"),
        article("Locked folder story", 3),
    );
    std::fs::set_permissions(
        corpus.join("locked.txt"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    std::fs::set_permissions(
        corpus.join("locked-folder"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();

    // Root reads whatever the mode says: run dossier as an unprivileged
    // user then (everything else is readable by anyone, the site folder
    // writable).
    let root_reads = std::fs::read(corpus.join("locked.txt")).is_ok();
    let prefix: &[&str] = if root_reads {
        eprintln!("running as root: chmod 000 does not stop reads, so dossier runs as uid 65534 (setpriv)");
        &[
            "setpriv",
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
        ]
    } else {
        &[]
    };
    if root_reads {
        let probe = Command::new("setpriv")
            .args([
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                env!("CARGO_BIN_EXE_dossier"),
                "--version",
            ])
            .output();
        if !probe.is_ok_and(|o| o.status.success()) {
            eprintln!("SKIPPED: cannot run dossier as another user here (setpriv)");
            return;
        }
        for dir in [site.root.as_path(), &corpus] {
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o777)).unwrap();
        }
        std::fs::set_permissions(
            site.root.join("site.yaml"),
            std::fs::Permissions::from_mode(0o644),
        )
        .unwrap();
    }
    let out = run_as(&site.root, &["build", "--config", &site.config()], prefix);
    let err = assert_ok(&out, "build");
    let diags = diagnostics(&err);
    assert_eq!(diags.len(), 2, "{err}");
    for name in ["locked.txt", "locked-folder"] {
        let file = shown(&corpus, Path::new(name));
        let naming: Vec<_> = diags.iter().filter(|(_, m)| names(m, &file)).collect();
        assert_eq!(naming.len(), 1, "{name}: {err}");
        assert_eq!(naming[0].0, "error");
        assert!(
            naming[0].1.contains("cannot read: Permission denied"),
            "{err}"
        );
    }
    site.source("fine.txt");
    assert_eq!(site.sources().len(), 1);
}

// ---------------------------------------------------------------------------
// Broken configuration and content

#[test]
fn broken_sidecars_templates_and_front_matter() {
    let site = Site::new();
    let corpus = site.corpus();
    write(&corpus.join("good.txt"), article("Good story", 1));
    assert_ok(&site.run("build", &["--quiet"]), "first build");
    let before = files(&site.public());

    // A template with a syntax error names its file and line; the build
    // fails and leaves the site as it was.
    write(
        &site.root.join("templates/page.html"),
        "{% extends \"theme/page.html\" %}\n{% block content %}\n{% if page.title %}\n<p>{{ page.title }}</p>\n{% endblock content %}\n",
    );
    let out = site.run("build", &["--quiet"]);
    let err = stderr(&out);
    assert!(
        !out.status.success(),
        "a template syntax error must fail the build"
    );
    assert!(err.contains("templates/page.html:5"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(files(&site.public()), before, "public/ changed");
    assert!(
        !std::fs::read_dir(&site.root).unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains(".staging-")),
        "a staging folder was left behind"
    );
    std::fs::remove_file(site.root.join("templates/page.html")).unwrap();

    // Unknown front matter keys are the page's own data (`page.extra`),
    // not errors; a template may use them.
    write(
        &site.root.join("content/notes.md"),
        "---\ntitle: Notes\ncolour: \"<b>red</b>\"\n---\nSome notes.\n",
    );
    write(
        &site.root.join("templates/page.html"),
        "{% extends \"theme/page.html\" %}\n{% block content %}<p class=\"colour\">{{ page.extra.colour | default(value=\"none\") }}</p>{{ super() }}{% endblock content %}\n",
    );
    let out = site.run("build", &[]);
    let err = assert_ok(&out, "build with front matter extras");
    assert!(diagnostics(&err).is_empty(), "{err}");
    let notes = std::fs::read_to_string(site.public().join("notes.html")).unwrap();
    assert!(
        notes.contains("<p class=\"colour\">&lt;b&gt;red&lt;&#x2F;b&gt;</p>"),
        "{notes}"
    );

    // A malformed sidecar names itself and its line; its article is
    // skipped, the others build.
    write(
        &corpus.join("broken.txt"),
        article("Broken sidecar story", 2),
    );
    write(
        &corpus.join("broken.meta.yaml"),
        "title: Fine\nauthors: [Ana Brul\ndate: 2024-03-12\n",
    );
    let out = site.run("build", &[]);
    let err = assert_ok(&out, "build with a broken sidecar");
    let diags = diagnostics(&err);
    assert_eq!(diags.len(), 1, "{err}");
    let sidecar = shown(&corpus, Path::new("broken.meta.yaml"));
    assert_eq!(diags[0].0, "error");
    assert!(
        diags[0]
            .1
            .starts_with(&format!("{sidecar}:3: invalid sidecar")),
        "{err}"
    );
    assert!(
        diags[0].1.ends_with("broken.txt skipped until it is fixed"),
        "{err}"
    );
    site.source("good.txt");
    assert!(!site.sources().iter().any(|s| s["file"] == "broken.txt"));
}

// ---------------------------------------------------------------------------
// --verbose on every command

#[test]
fn verbose_reports_every_file_on_build_ingest_check_and_serve() {
    let site = Site::new();
    let corpus = site.corpus();
    write(&corpus.join("a.txt"), article("Plain story", 1));
    write(
        &corpus.join("b.txt"),
        encoding_rs::WINDOWS_1251
            .encode(&format!("{CYRILLIC_TITLE}\n\n{CYRILLIC}\n\n{CYRILLIC_2}\n"))
            .0,
    );
    write(&corpus.join("c.jpg"), fixture("pixel.png"));
    let expected = [
        format!("{}: decoded as UTF-8", shown(&corpus, Path::new("a.txt"))),
        format!(
            "{}: decoded as windows-1251 (guessed)",
            shown(&corpus, Path::new("b.txt"))
        ),
        format!(
            "{}: ignored (not an article: dossier reads .txt, .md, .markdown, .html and .htm)",
            shown(&corpus, Path::new("c.jpg"))
        ),
    ];
    for command in ["build", "ingest", "check"] {
        let args: &[&str] = if command == "build" {
            &["--verbose", "--clean"]
        } else {
            &["--verbose"]
        };
        let err = assert_ok(&site.run(command, args), command);
        let lines: Vec<&str> = err.lines().collect();
        for e in &expected {
            assert_eq!(
                lines.iter().filter(|l| *l == e).count(),
                1,
                "{command}: {e:?} in\n{err}"
            );
        }
        // Without --verbose, none of it.
        let quiet = assert_ok(&site.run(command, &[]), command);
        assert!(
            !quiet.contains("decoded as") && !quiet.contains("ignored ("),
            "{command}: {quiet}"
        );
    }
    // --verbose and --quiet contradict each other.
    let both = site.run("build", &["--verbose", "--quiet"]);
    assert!(!both.status.success());
    assert!(
        stderr(&both).contains("cannot be used with"),
        "{}",
        stderr(&both)
    );

    // serve prints the same on its first build.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args([
            "serve",
            "--config",
            &site.config(),
            "--verbose",
            "--clean",
            "--port",
            &port.to_string(),
        ])
        .current_dir(&site.root)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let rx = common::stderr_lines(&mut child);
    let mut seen = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !seen.iter().any(|l: &String| l.starts_with("Serving ")) && Instant::now() < deadline {
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(200)) {
            seen.push(line);
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    for e in &expected {
        assert_eq!(
            seen.iter().filter(|l| *l == e).count(),
            1,
            "serve: {e:?} in {seen:#?}"
        );
    }
}
