//! The corpus stage on the five real seed articles. Seed text is read at run
//! time by line number (never copied into the repository).

use std::path::Path;

use dossier::corpus::{self, Article, Block};

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds");

fn load() -> Vec<Article> {
    let loaded = corpus::load(Path::new(SEEDS));
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert_eq!(loaded.articles.len(), 5);
    loaded.articles
}

/// Line `n` (1-based) of a seed file, trimmed, whitespace collapsed.
fn line(file: &str, n: usize) -> String {
    let text = std::fs::read_to_string(Path::new(SEEDS).join(file)).unwrap();
    let raw = text
        .lines()
        .nth(n - 1)
        .unwrap_or_else(|| panic!("{file}:{n} missing"));
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn prefix(s: &str, chars: usize) -> String {
    s.chars().take(chars).collect()
}

fn article<'a>(articles: &'a [Article], file: &str) -> &'a Article {
    articles.iter().find(|a| a.file == file).unwrap()
}

struct Expect {
    file: &'static str,
    paragraphs: Vec<usize>,
    headings: Vec<usize>,
    furniture: Vec<usize>,
}

fn odd(from: usize, to: usize, except: &[usize]) -> Vec<usize> {
    (from..=to)
        .step_by(2)
        .filter(|n| !except.contains(n))
        .collect()
}

fn expectations() -> Vec<Expect> {
    vec![
        Expect {
            file: "000_8271e4dc695d252c.txt",
            paragraphs: [16, 18, 20]
                .into_iter()
                .chain(odd(24, 82, &[34, 46, 56, 66, 76]))
                .collect(),
            headings: vec![],
            furniture: vec![1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14, 34, 46, 56, 66, 76],
        },
        Expect {
            file: "001_4e71a2ef0a25e287.txt",
            paragraphs: vec![8, 16, 18, 22, 24, 28, 30, 34, 36, 38],
            headings: vec![14, 20, 26, 32],
            furniture: [1, 2, 4, 6, 10, 11, 12, 40]
                .into_iter()
                .chain(42..=84)
                .collect(),
        },
        Expect {
            file: "002_cac94a10d226ae88.txt",
            paragraphs: [5].into_iter().chain(odd(13, 75, &[31, 33])).collect(),
            headings: vec![],
            furniture: [1, 3, 7, 9, 11, 31, 33, 77, 79, 81, 83, 85]
                .into_iter()
                .chain(odd(87, 93, &[]))
                .chain([95, 96, 98])
                .collect(),
        },
        Expect {
            file: "003_930e5b2224e201f2.txt",
            paragraphs: (8..=18)
                .chain(22..=28)
                .chain([30])
                .chain(32..=37)
                .chain(39..=41)
                .chain(43..=49)
                .collect(),
            headings: vec![21, 31, 42],
            furniture: (1..=7).chain([19, 20, 29, 38]).chain(50..=129).collect(),
        },
        Expect {
            file: "004_fa520c7751b65a72.txt",
            paragraphs: [5].into_iter().chain(odd(9, 31, &[])).collect(),
            headings: vec![],
            furniture: vec![1, 3, 7, 33],
        },
    ]
}

#[test]
fn body_paragraphs_and_headings_survive_in_order() {
    let articles = load();
    for e in expectations() {
        let a = article(&articles, e.file);
        let paragraphs: Vec<(usize, usize, &str)> = a
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph { n, text, line } => Some((*n, *line, text.as_str())),
                Block::Heading { .. } => None,
            })
            .collect();
        assert_eq!(
            paragraphs.iter().map(|p| p.1).collect::<Vec<_>>(),
            e.paragraphs,
            "{}: paragraph lines",
            e.file
        );
        for (i, (n, l, text)) in paragraphs.iter().enumerate() {
            assert_eq!(*n, i + 1, "{}: numbering", e.file);
            let expected = prefix(&line(e.file, *l), 40);
            assert!(
                text.starts_with(&expected),
                "{}:{l}: {text:?} does not start with {expected:?}",
                e.file
            );
        }
        let headings: Vec<(usize, &str)> = a
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { text, line } => Some((*line, text.as_str())),
                Block::Paragraph { .. } => None,
            })
            .collect();
        assert_eq!(
            headings.iter().map(|h| h.0).collect::<Vec<_>>(),
            e.headings,
            "{}: headings",
            e.file
        );
        for (l, text) in headings {
            assert_eq!(text, line(e.file, l), "{}:{l}", e.file);
        }
    }
}

#[test]
fn furniture_lines_are_dropped_with_a_reason() {
    let articles = load();
    for e in expectations() {
        let a = article(&articles, e.file);
        for l in &e.furniture {
            let text = line(e.file, *l);
            if text.is_empty() {
                continue;
            }
            assert!(
                a.blocks.iter().all(|b| match b {
                    Block::Heading { line, text: t } | Block::Paragraph { line, text: t, .. } =>
                        line != l && (text.chars().count() < 12 || !t.contains(&text)),
                }),
                "{}:{l} kept: {text:?}",
                e.file
            );
            assert!(
                a.dropped
                    .iter()
                    .any(|d| d.line == *l && !d.reason.is_empty()),
                "{}:{l} not recorded as dropped",
                e.file
            );
        }
    }
}

#[test]
fn known_furniture_kinds_are_absent_from_every_block() {
    let markers = [
        "Advertisement",
        "Sponsor",
        "Credit…",
        "Photo:",
        "AP Photo",
        "via AP",
        "Subscribe",
        "readers like you",
        "ookie",
        "Share the Post",
        "Copyright",
        "min read",
        "Select spelling",
        "have your say",
        "Link to the original",
        "hrs ago",
        "Now reading",
        "Last materials",
        "News All",
        "Popular",
        "Author`s name",
        "is a Belarusian journalist",
        "bureau chief",
        "Screenshot",
    ];
    for a in load() {
        for b in &a.blocks {
            let (Block::Heading { text, .. } | Block::Paragraph { text, .. }) = b;
            for m in markers {
                assert!(!text.contains(m), "{}: {m:?} in {text:?}", a.file);
            }
        }
    }
}

#[test]
fn metadata_of_each_seed() {
    let articles = load();
    let title_case = |s: &str| {
        s.split_whitespace()
            .map(|w| {
                let lower = w.to_lowercase();
                let mut c = lower.chars();
                c.next()
                    .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join(" ")
    };

    let f = "000_8271e4dc695d252c.txt";
    let m = &article(&articles, f).meta;
    assert_eq!(m.title, line(f, 14).split_once(':').unwrap().1);
    assert_eq!(m.publication, Some(title_case(&line(f, 1))));
    assert_eq!(m.authors, vec![line(f, 11)]);
    assert_eq!(
        (m.date.as_deref(), m.date_inferred),
        (Some("2025-09-27"), false)
    );

    let f = "001_4e71a2ef0a25e287.txt";
    let m = &article(&articles, f).meta;
    assert_eq!(m.title, line(f, 4));
    let outlet = line(f, 40).split_whitespace().nth(2).unwrap().to_string();
    assert_eq!(m.publication, Some(outlet));
    assert_eq!(m.authors, vec![line(f, 2)]);
    assert_eq!(
        (m.date.as_deref(), m.date_inferred),
        (Some("2025-09-11"), false)
    );

    let f = "002_cac94a10d226ae88.txt";
    let m = &article(&articles, f).meta;
    assert_eq!(m.title, line(f, 3).split_once(") ").unwrap().1);
    assert_eq!(m.publication.as_deref(), Some("The New York Times"));
    let byline = line(f, 7);
    let names: Vec<String> = byline["By ".len()..]
        .split(" and ")
        .map(str::to_string)
        .collect();
    assert_eq!(m.authors, names);
    // The original date under the byline wins over the repost date at the top.
    assert_eq!(
        (m.date.as_deref(), m.date_inferred),
        (Some("2025-02-15"), false)
    );

    let f = "003_930e5b2224e201f2.txt";
    let m = &article(&articles, f).meta;
    assert_eq!(m.title, line(f, 7).split_once(' ').unwrap().1);
    let plea = line(f, 1);
    let outlet = plea
        .split(" keeps ")
        .nth(1)
        .unwrap()
        .trim_end_matches(" open.");
    assert_eq!(m.publication.as_deref(), Some(outlet));
    let bio = line(f, 50);
    let author: Vec<&str> = bio.split_whitespace().take(2).collect();
    assert_eq!(m.authors, vec![author.join(" ")]);
    assert_eq!((m.date.as_deref(), m.date_inferred), (None, false));

    let f = "004_fa520c7751b65a72.txt";
    let m = &article(&articles, f).meta;
    assert_eq!(m.title, line(f, 3));
    assert_eq!(m.publication, None);
    assert!(m.authors.is_empty());
    assert_eq!(
        (m.date.as_deref(), m.date_inferred),
        (Some("2025-09-23"), true)
    );
}

#[test]
fn ids_are_title_slugs_and_unique() {
    let articles = load();
    let mut ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
    for a in &articles {
        assert_eq!(a.id, dossier::slug::slugify(&a.meta.title));
        assert_eq!(a.hash.len(), 64);
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 5);
}

#[test]
#[ignore = "debug dump: cargo test --test corpus_seeds dump -- --ignored --nocapture"]
fn dump() {
    for a in load() {
        println!("=== {} id={} {:?}", a.file, a.id, a.meta);
        for b in &a.blocks {
            match b {
                Block::Heading { text, line } => println!("  H {line:>3} {text}"),
                Block::Paragraph { n, text, line } => {
                    println!("  P{n:<3}{line:>3} {}", prefix(text, 90))
                }
            }
        }
        for d in &a.dropped {
            println!("  - {:>3} [{}] {}", d.line, d.reason, prefix(&d.text, 70));
        }
    }
}
