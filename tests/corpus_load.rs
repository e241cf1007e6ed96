//! `corpus::load` on a corpus built in a temporary folder: a messy scraped
//! article (fixture), HTML, markdown, a legacy encoding, sidecars and bad files.

use std::path::Path;

use dossier::corpus::{self, Block};
use dossier::diag::Level;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/corpus/messy_harbour.txt"
);

fn write(dir: &Path, rel: &str, bytes: &[u8]) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn texts(a: &corpus::Article) -> Vec<String> {
    a.blocks
        .iter()
        .map(|b| match b {
            Block::Heading { text, .. } => format!("H {text}"),
            Block::Paragraph { n, text, .. } => format!("P{n} {text}"),
        })
        .collect()
}

#[test]
fn messy_article_is_cleaned() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "messy.txt", &std::fs::read(FIXTURE).unwrap());
    let loaded = corpus::load(dir.path());
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let a = &loaded.articles[0];
    assert_eq!(
        a.meta.title,
        "Port Amsel strikes deal to save its fishing fleet"
    );
    assert_eq!(a.id, "port-amsel-strikes-deal-to-save-its-fishing-fleet");
    assert_eq!(a.meta.publication.as_deref(), Some("The Harbour Courier"));
    assert_eq!(a.meta.authors, vec!["Marta Kessling", "Oren Vasquez"]);
    assert_eq!(a.meta.date.as_deref(), Some("2024-10-03"));
    assert!(!a.meta.date_inferred);

    let lines: Vec<(char, usize)> = a
        .blocks
        .iter()
        .map(|b| match b {
            Block::Heading { line, .. } => ('H', *line),
            Block::Paragraph { line, .. } => ('P', *line),
        })
        .collect();
    assert_eq!(
        lines,
        vec![
            ('P', 11),
            ('P', 14),
            ('P', 15),
            ('P', 16),
            ('P', 20),
            ('H', 21),
            ('P', 22),
            ('P', 23),
            ('P', 26)
        ],
        "{:#?}",
        texts(a)
    );
    let reason = |line: usize| {
        a.dropped
            .iter()
            .find(|d| d.line == line)
            .map(|d| d.reason.as_str())
    };
    assert_eq!(reason(1), Some("masthead"));
    assert_eq!(reason(2), Some("navigation"));
    assert_eq!(reason(4), Some("sponsor"));
    assert_eq!(reason(7), Some("section label"));
    assert_eq!(reason(9), Some("byline"));
    assert_eq!(reason(12), Some("reading time"));
    assert_eq!(reason(17), Some("image alt text"));
    assert_eq!(reason(18), Some("photo caption or credit"));
    assert_eq!(reason(19), Some("advertisement"));
    assert_eq!(reason(24), Some("photo caption or credit"));
    assert_eq!(reason(27), Some("share widget"));
    assert_eq!(reason(28), Some("author bio"));
    assert_eq!(reason(29), Some("topical drift after end of article"));
    assert_eq!(reason(30), Some("topical drift after end of article"));
    assert_eq!(reason(32), Some("after end of article"));
    assert_eq!(reason(33), Some("engagement counter"));
    assert_eq!(reason(35), Some("cookie consent"));
    assert_eq!(reason(37), Some("cookie consent"));
    assert_eq!(reason(38), Some("copyright"));
    // Every non-empty line is either kept or dropped with a reason.
    let text = std::fs::read_to_string(FIXTURE).unwrap();
    let non_empty = text.lines().filter(|l| !l.trim().is_empty()).count();
    assert_eq!(a.blocks.len() + a.dropped.len(), non_empty);
}

#[test]
fn every_format_and_every_bad_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "b/messy.txt", &std::fs::read(FIXTURE).unwrap());
    write(
        d,
        "b/messy.meta.yaml",
        b"publication: Courier Weekly\ndate: 2024-10-02\n",
    );
    let legacy = "Storm closes Tarnby ferry\n\n\u{201C}The crossing is shut until Friday,\u{201D} said the caf\u{e9} owner on the pier. Ferries will not sail while the wind stays this strong.\n\nThe port authority said repairs to the ramp would take most of the week, and that buses would replace the boats.\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(legacy);
    write(d, "a/legacy.txt", &bytes);
    write(
        d,
        "c/page.html",
        b"<html><head><title>Dunmore votes on bridge | Valley Post</title><meta name=author content='Ana Brul'></head><body><nav><p>Home</p></nav><article><h1>Dunmore votes on bridge</h1><p>The town of Dunmore voted on Monday to rebuild its old stone bridge over the river.</p><p>The work will take two years and cost the town more than it had planned.</p></article></body></html>",
    );
    write(
        d,
        "c/notes.md",
        b"# Valley ferry returns\n\nThe ferry across the valley lake returned to service on **Sunday** after a long winter refit.\n\n## Timetable\n\nBoats will run every hour from the [north pier](http://example.org), the operator said on its website.\n",
    );
    write(d, "empty.txt", b"   \n");
    write(d, "binary.txt", b"\x00\x01\x02junk");
    write(
        d,
        "furniture_only.txt",
        b"Advertisement\nShare this article\nCopyright 2024 Nobody\n",
    );
    write(d, "broken.txt", &std::fs::read(FIXTURE).unwrap());
    write(d, "broken.meta.yaml", b"title: Fine\nauthr: [Typo]\n");
    write(d, "image.png", b"\x89PNG");
    write(d, "orphan.meta.yaml", b"title: x\n");

    let loaded = corpus::load(d);
    let files: Vec<&str> = loaded.articles.iter().map(|a| a.file.as_str()).collect();
    assert_eq!(
        files,
        vec!["a/legacy.txt", "b/messy.txt", "c/notes.md", "c/page.html"]
    );

    let diags: Vec<String> = loaded.diagnostics.iter().map(|x| x.to_string()).collect();
    let has = |needle: &str| diags.iter().any(|x| x.contains(needle));
    assert!(has("binary.txt: not a text file"), "{diags:#?}");
    assert!(has("empty.txt: empty file"), "{diags:#?}");
    assert!(
        has("furniture_only.txt: no article text left"),
        "{diags:#?}"
    );
    assert!(has("broken.meta.yaml:2: invalid sidecar"), "{diags:#?}");
    assert!(
        has("orphan.meta.yaml: sidecar without an article"),
        "{diags:#?}"
    );
    assert_eq!(diags.len(), 5, "{diags:#?}");
    assert!(
        loaded
            .diagnostics
            .iter()
            .filter(|x| x.level == Level::Error)
            .count()
            == 4
    );

    let legacy = &loaded.articles[0];
    assert_eq!(legacy.meta.title, "Storm closes Tarnby ferry");
    assert!(legacy.paragraphs().next().unwrap().1.contains("café owner"));

    let messy = &loaded.articles[1];
    assert_eq!(messy.meta.publication.as_deref(), Some("Courier Weekly"));
    assert_eq!(messy.meta.date.as_deref(), Some("2024-10-02"));
    assert_eq!(messy.meta.authors, vec!["Marta Kessling", "Oren Vasquez"]);

    let md = &loaded.articles[2];
    assert_eq!(md.meta.title, "Valley ferry returns");
    assert_eq!(
        texts(md),
        vec![
            "P1 The ferry across the valley lake returned to service on Sunday after a long winter refit.",
            "H Timetable",
            "P2 Boats will run every hour from the north pier, the operator said on its website."
        ]
    );

    let html = &loaded.articles[3];
    assert_eq!(html.meta.title, "Dunmore votes on bridge");
    assert_eq!(html.meta.authors, vec!["Ana Brul"]);
    assert_eq!(html.paragraph_count(), 2);
    assert!(texts(html).iter().all(|t| !t.contains("Home")));
}

#[test]
fn same_title_gets_distinct_ids_independent_of_file_names() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = std::fs::read(FIXTURE).unwrap();
    let mut other = fixture.clone();
    other.extend_from_slice(b"\nOne more line of text for the second copy of the story here.\n");
    write(dir.path(), "x.txt", &fixture);
    write(dir.path(), "y.txt", &other);
    let first = corpus::load(dir.path());
    let ids: Vec<String> = first.articles.iter().map(|a| a.id.clone()).collect();
    assert_ne!(ids[0], ids[1]);
    assert!(ids.iter().all(|i| i.starts_with("port-amsel-strikes-deal")));
    // Renaming the files (and so changing load order) keeps each id with its content.
    let dir2 = tempfile::tempdir().unwrap();
    write(dir2.path(), "z.txt", &fixture);
    write(dir2.path(), "a.txt", &other);
    let second = corpus::load(dir2.path());
    assert_eq!(second.articles[1].id, ids[0]);
    assert_eq!(second.articles[0].id, ids[1]);
}

#[test]
fn missing_corpus_folder_is_an_error_naming_it() {
    let loaded = corpus::load(Path::new("/definitely/not/here"));
    assert!(loaded.articles.is_empty());
    assert_eq!(loaded.diagnostics.len(), 1);
    assert!(loaded.diagnostics[0]
        .to_string()
        .contains("/definitely/not/here"));
}
