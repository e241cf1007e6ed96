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
/// counted on the bytes, many at a time: a word starts at a byte that is
/// not white space after one that is (or at the start). In UTF-8 that is
/// exact for any text without multi-byte white space (a continuation byte
/// never follows an ASCII byte, and every byte of a multi-byte character is
/// at least 0x80, so not white space), which is nearly all corpus text;
/// the rest is counted by characters.
fn words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let wide = |at: usize| space_len(&bytes[at..]).is_some();
    if memchr::memchr3_iter(0xC2, 0xE1, 0xE3, bytes).any(wide)
        || memchr::memchr_iter(0xE2, bytes).any(wide)
    {
        return text.split_whitespace().count();
    }
    // `char::is_whitespace` on ASCII: space, \t, \n, \x0b, \x0c, \r.
    let space = |b: u8| (b == b' ') | (b.wrapping_sub(b'\t') < 5);
    let first = bytes.first().is_some_and(|&b| !space(b)) as usize;
    let Some(prev) = bytes.len().checked_sub(1).map(|n| &bytes[..n]) else {
        return first;
    };
    // Byte pairs in runs short enough to count in a byte, which the
    // compiler turns into vector instructions.
    prev.chunks(255)
        .zip(bytes[1..].chunks(255))
        .map(|(p, q)| {
            let starts = p.iter().zip(q).map(|(&a, &b)| (space(a) & !space(b)) as u8);
            usize::from(starts.fold(0u8, u8::wrapping_add))
        })
        .sum::<usize>()
        + first
}

/// The length of the multi-byte white space character `bytes` starts
/// with, if it starts with one: U+0085, U+00A0, U+1680, U+2000 to U+200A,
/// U+2028, U+2029, U+202F, U+205F, U+3000.
fn space_len(bytes: &[u8]) -> Option<usize> {
    match bytes {
        [0xC2, 0x85 | 0xA0, ..] => Some(2),
        [0xE1, 0x9A, 0x80, ..] | [0xE3, 0x80, 0x80, ..] => Some(3),
        [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..] | [0xE2, 0x81, 0x9F, ..] => Some(3),
        _ => None,
    }
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

    #[test]
    fn every_character_is_white_space_or_not_as_char_says() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let t = format!("a{c}b");
            assert_eq!(words(&t), t.split_whitespace().count(), "{:?}", c);
        }
    }
}
