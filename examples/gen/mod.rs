//! Synthetic corpus generator: realistic scraped articles made by
//! recombining and varying the seed articles, read at run time.
//!
//! Shared by `examples/gen_corpus.rs`, `examples/bench/` and
//! `tests/gen_corpus.rs`.

pub mod article;
pub mod headline;
pub mod layout;
pub mod names;
pub mod seeds;
pub mod vary;

use std::collections::HashSet;
use std::io;
use std::path::Path;

pub use article::Generator;
pub use seeds::Seeds;

/// Generate articles `0..count` into `dir` (created if missing); returns
/// the number of bytes written. Titles are unique within the corpus.
pub fn write_corpus(generator: &Generator, dir: &Path, count: u64) -> io::Result<u64> {
    std::fs::create_dir_all(dir)?;
    let mut taken = HashSet::new();
    let mut bytes = 0;
    for index in 0..count {
        let article = generator.article_avoiding(index, &mut taken);
        std::fs::write(dir.join(&article.file_name), &article.text)?;
        bytes += article.text.len() as u64;
    }
    Ok(bytes)
}
