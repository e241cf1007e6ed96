//! Test helpers: articles built from text, and from the seed files by line.

use crate::corpus::{Article, Block, Metadata};

/// An article with one paragraph per non-empty line of `text`.
pub fn article(id: &str, authors: &[&str], text: &str) -> Article {
    let blocks = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .enumerate()
        .map(|(i, l)| Block::Paragraph {
            n: i + 1,
            text: l.to_string(),
            line: i + 1,
        })
        .collect();
    Article {
        id: id.to_string(),
        file: format!("{id}.txt"),
        hash: String::new(),
        meta: Metadata {
            title: format!("Title of {id}"),
            authors: authors.iter().map(|a| a.to_string()).collect(),
            ..Default::default()
        },
        blocks,
        dropped: Vec::new(),
    }
}

/// A seed article: the given lines (1-based) of the file are its paragraphs.
pub fn seed(file: &str, id: &str, authors: &[&str], lines: &[usize]) -> Article {
    let path = format!("{}/../shared/seeds/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let all: Vec<&str> = text.lines().collect();
    let body: Vec<&str> = lines.iter().map(|&l| all[l - 1]).collect();
    let mut a = article(id, authors, &body.join("\n"));
    for (block, &line) in a.blocks.iter_mut().zip(lines) {
        if let Block::Paragraph { line: l, .. } = block {
            *l = line;
        }
    }
    a
}
