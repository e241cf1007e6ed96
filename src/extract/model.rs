//! Types shared by every extractor: where a piece of text came from.

use serde::{Deserialize, Serialize};

/// A citation: the paragraph of a source a claim comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Cite {
    /// Source (article) id.
    pub source: String,
    /// 1-based paragraph number (anchor `#p{n}` on the source page).
    pub paragraph: usize,
}

impl Cite {
    /// The internal link to the cited paragraph (resolved by the render stage).
    pub fn link(&self) -> String {
        format!("@/sources/{}.md#p{}", self.source, self.paragraph)
    }
}

/// One occurrence of a resolved entity in a paragraph's text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct MentionRef {
    pub cite: Cite,
    /// Byte range of the surface form in the paragraph text.
    pub start: usize,
    pub end: usize,
    /// Id (slug) of the entity it resolves to.
    pub entity: String,
}
