//! The corpus generator (`examples/gen/`) is deterministic, varied, and
//! built from the seed articles read at run time.

#[path = "../examples/gen/mod.rs"]
#[allow(dead_code)]
mod gen;

use std::path::{Path, PathBuf};

const N: u64 = 20;

/// The seeds folder, or `None` (with a message) when it is not there.
fn seeds_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: seed articles not found at {} (the generator reads them at run time)",
            dir.display()
        );
        None
    }
}

/// Generate N articles with `seed` into a fresh folder; return (name, text) sorted by name.
fn corpus(seeds: &Path, seed: u64) -> Vec<(String, String)> {
    let out = tempfile::tempdir().unwrap();
    let generator = gen::Generator::new(gen::Seeds::load(seeds).unwrap(), seed);
    gen::write_corpus(&generator, out.path(), N).unwrap();
    let mut files: Vec<(String, String)> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect();
    files.sort();
    files
}

/// Non-empty trimmed lines of a text.
fn lines(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn same_seed_gives_byte_identical_corpus() {
    let Some(seeds) = seeds_dir() else { return };
    let a = corpus(&seeds, 7);
    let b = corpus(&seeds, 7);
    assert_eq!(a.len(), N as usize);
    assert_eq!(a, b);
}

#[test]
fn different_seeds_differ() {
    let Some(seeds) = seeds_dir() else { return };
    let a = corpus(&seeds, 7);
    let b = corpus(&seeds, 8);
    assert_eq!(b.len(), N as usize);
    for ((_, x), (_, y)) in a.iter().zip(&b) {
        assert_ne!(x, y);
    }
}

#[test]
fn articles_mix_seed_furniture_and_varied_paragraphs() {
    let Some(dir) = seeds_dir() else { return };
    let seeds = gen::Seeds::load(&dir).unwrap();
    let furniture: std::collections::HashSet<&str> = seeds
        .furniture
        .iter()
        .flatten()
        .map(String::as_str)
        .collect();
    let seed_texts: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    let seed_paragraphs: Vec<&str> = seeds
        .paragraphs
        .iter()
        .flatten()
        .map(String::as_str)
        .collect();
    // A paragraph is "drawn from the seeds" when it shares its opening words
    // with a seed paragraph (names and numbers may have changed after them).
    let opening = |p: &str| p.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
    let openings: std::collections::HashSet<String> =
        seed_paragraphs.iter().map(|p| opening(p)).collect();

    let mut varied = 0;
    for (name, text) in corpus(&dir, 3) {
        let own = lines(&text);
        let body: Vec<&str> = own
            .iter()
            .copied()
            .filter(|l| gen::seeds::is_body(l))
            .collect();
        assert!(
            body.len() >= 4,
            "{name}: only {} body paragraphs",
            body.len()
        );
        assert!(
            body.iter()
                .filter(|p| openings.contains(&opening(p)))
                .count()
                >= 3,
            "{name}: body paragraphs are not drawn from the seeds"
        );
        assert!(
            own.iter().any(|l| furniture.contains(l)),
            "{name}: no seed furniture line"
        );
        for seed in &seed_texts {
            assert_ne!(&text, seed, "{name} is a verbatim seed");
            assert!(
                !lines(seed).iter().all(|l| text.contains(l)),
                "{name} contains the whole of a seed"
            );
        }
        varied += body.iter().filter(|p| !seed_paragraphs.contains(p)).count();
    }
    assert!(
        varied > 0,
        "no paragraph was varied (names, numbers, dates)"
    );
}

#[test]
fn seeds_are_read_at_run_time() {
    let Some(dir) = seeds_dir() else { return };
    // The generator learns from whatever seeds it is given: one made-up seed
    // yields articles made of that seed's paragraphs only.
    let tmp = tempfile::tempdir().unwrap();
    let paragraph = "Ms. Hanna Zhukava, a lawyer in Brest, said on Monday that 12 of her clients had been released after 3 years in custody, and that 40 more were waiting for news of an appeal.";
    let mut text = String::from("MADE-UP MASTHEAD\nCookie settings\n\n");
    for _ in 0..6 {
        text.push_str(paragraph);
        text.push_str("\n\n");
    }
    std::fs::write(tmp.path().join("only.txt"), &text).unwrap();
    let seeds = gen::Seeds::load(tmp.path()).unwrap();
    assert_eq!(seeds.paragraphs, vec![vec![paragraph.to_string(); 6]]);
    let article = gen::Generator::new(seeds, 1).article(0);
    assert!(article.text.contains("Brest"), "{}", article.text);
    assert!(!article.text.contains("Lukashenko"), "{}", article.text);
    // And the real seeds are not compiled in: an empty folder is an error.
    let empty = tempfile::tempdir().unwrap();
    assert!(gen::Seeds::load(empty.path()).is_err());
    assert!(gen::Seeds::load(&dir).is_ok());
}
