//! Replays the saved fuzz inputs (`tests/fixtures/fuzz/<target>/`: the
//! seeds, the minimised corpus and every input that once found a bug)
//! through the same code the `cargo fuzz` targets run (`dossier::fuzz`), so
//! a plain `cargo test` keeps every fix.

use std::path::{Path, PathBuf};

fn inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Run `target` on every saved input; report every input that fails, by
/// file, rather than stopping at the first.
fn replay(target: &str, run: fn(&[u8])) {
    let files = inputs(target);
    assert!(
        files.len() >= 10,
        "{target}: only {} saved inputs",
        files.len()
    );
    let failed: Vec<String> = files
        .iter()
        .filter_map(|file| {
            let data = std::fs::read(file).expect("readable input");
            std::panic::catch_unwind(|| run(&data))
                .err()
                .map(|_| file.display().to_string())
        })
        .collect();
    assert!(failed.is_empty(), "{target} fails on: {failed:#?}");
}

#[test]
fn ingest_inputs() {
    replay("ingest", dossier::fuzz::ingest::run);
}

#[test]
fn front_matter_inputs() {
    replay("front_matter", dossier::fuzz::front_matter::run);
}

/// Runs of this many words shared with a seed article mean its text was
/// copied (the seeds are data, never part of the repository).
const SHINGLE: usize = 8;

fn shingles(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.windows(SHINGLE).map(|w| w.join(" ")).collect()
}

#[test]
fn saved_inputs_hold_no_seed_text() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let mut seen = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(&seeds).unwrap_or_else(|e| panic!("{}: {e}", seeds.display())) {
        let text = std::fs::read(entry.expect("readable entry").path()).expect("readable seed");
        seen.extend(shingles(&String::from_utf8_lossy(&text)));
    }
    assert!(
        !seen.is_empty(),
        "no seed text read from {}",
        seeds.display()
    );
    for target in ["ingest", "front_matter"] {
        for file in inputs(target) {
            let text = String::from_utf8_lossy(&std::fs::read(&file).expect("readable input"))
                .into_owned();
            let copied: Vec<String> = shingles(&text)
                .into_iter()
                .filter(|s| seen.contains(s))
                .collect();
            assert!(
                copied.is_empty(),
                "{} holds seed text: {:?}",
                file.display(),
                copied
            );
        }
    }
}
