//! What ingest produces for one article: clean text and metadata.

use serde::{Deserialize, Serialize};

/// One ingested article: its metadata and the blocks of its own text,
/// with page furniture removed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id and slug of the source (derived from its title, not its file
    /// name, so renaming a file keeps its pages).
    pub id: String,
    /// Path of the file relative to the corpus folder, `/`-separated.
    pub file: String,
    /// blake3 hex digest of the raw file bytes (plus sidecar, when present).
    pub hash: String,
    pub meta: Metadata,
    /// The article's own text, in order.
    pub blocks: Vec<Block>,
    /// Lines removed as page furniture, with the reason, for reports and tests.
    pub dropped: Vec<Dropped>,
}

/// Metadata found in (or inferred from) the article, or given by a sidecar.
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash, Serialize, Deserialize)]
pub struct Metadata {
    pub title: String,
    pub publication: Option<String>,
    pub authors: Vec<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// True when the date was only inferred from the text (no dateline).
    pub date_inferred: bool,
}

/// A block of the article's own text.
/// (Externally tagged, the serde default: the build cache stores blocks
/// in postcard, which cannot read internally tagged enums.)
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Block {
    /// A sub-heading inside the article.
    Heading { text: String, line: usize },
    /// A body paragraph; `n` is its 1-based number, the anchor `#p{n}`.
    Paragraph { n: usize, text: String, line: usize },
}

/// Number of words in `text`, as `text.split_whitespace().count()`, but
/// ASCII text (most of it) is read many bytes at a time.
fn words(text: &str) -> usize {
    if !text.is_ascii() {
        return text.split_whitespace().count();
    }
    // `char::is_whitespace` on ASCII: space, \t, \n, \x0b, \x0c, \r. A
    // word starts at a non-space after a space (or at the start).
    let space = |b: u8| b == b' ' || (b'\t'..=b'\r').contains(&b);
    let bytes = text.as_bytes();
    let first = bytes.first().is_some_and(|&b| !space(b)) as usize;
    first
        + bytes
            .windows(2)
            .filter(|w| space(w[0]) && !space(w[1]))
            .count()
}

/// A line dropped as furniture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dropped {
    /// 1-based line number in the decoded file.
    pub line: usize,
    pub text: String,
    pub reason: String,
}

impl Article {
    /// A fingerprint of everything later stages read of the article: all
    /// but the dropped lines, which only reports show. (The per-article
    /// memo keys of extraction hash this, not the whole article.)
    pub fn fingerprint(&self) -> blake3::Hash {
        let Article {
            id,
            file,
            hash,
            meta,
            blocks,
            dropped: _,
        } = self;
        crate::memo::fingerprint("article", &(id, file, hash, meta, blocks))
    }

    /// The body paragraphs, in order, as `(n, text)`.
    pub fn paragraphs(&self) -> impl Iterator<Item = (usize, &str)> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Paragraph { n, text, .. } => Some((*n, text.as_str())),
            Block::Heading { .. } => None,
        })
    }

    /// Number of body paragraphs.
    pub fn paragraph_count(&self) -> usize {
        self.paragraphs().count()
    }

    /// Number of words in the article's own text (headings and paragraphs).
    pub fn word_count(&self) -> usize {
        self.blocks
            .iter()
            .map(|b| match b {
                Block::Heading { text, .. } | Block::Paragraph { text, .. } => words(text),
            })
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::words;

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        let pieces = [
            "a", " ", "\t", "\u{b}", "\u{1c}", "\u{a0}", "\u{85}", "\u{2003}", "\u{3000}", "é",
            "Ж", "\u{200b}", "\r\n", "🙂",
        ];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            texts.extend(longer);
        }
        for t in &texts {
            assert_eq!(words(t), t.split_whitespace().count(), "{t:?}");
        }
        assert_eq!(words("  Two\u{a0}words  "), 2);
    }
}
