//! Blocks of the article's own text from its layout: paragraphs numbered
//! from 1 in order (anchors `#p1`, `#p2`, ...), sub-headings, and the dropped
//! lines with their reasons.

use super::clean::{Label, Layout};
use super::model::{Block, Dropped};

/// The kept blocks and the dropped lines of a layout.
pub fn blocks(layout: &Layout) -> (Vec<Block>, Vec<Dropped>) {
    let mut blocks = Vec::new();
    let mut dropped = Vec::new();
    let mut n = 0;
    for (item, label) in layout.items.iter().zip(&layout.labels) {
        match label {
            Label::Paragraph => {
                n += 1;
                blocks.push(Block::Paragraph {
                    n,
                    text: item.text.clone(),
                    line: item.line,
                });
            }
            Label::Heading => blocks.push(Block::Heading {
                text: item.text.clone(),
                line: item.line,
            }),
            Label::Title => dropped.push(Dropped {
                line: item.line,
                text: item.text.clone(),
                reason: super::clean::reason::HEADLINE.to_string(),
            }),
            Label::Drop(why) => dropped.extend(item.parts.iter().map(|(line, text)| Dropped {
                line: *line,
                text: text.clone(),
                reason: why.to_string(),
            })),
        }
    }
    // A heading must introduce text: drop trailing headings.
    while let Some(Block::Heading { text, line }) = blocks.last().cloned() {
        blocks.pop();
        dropped.push(Dropped {
            line,
            text,
            reason: super::clean::reason::SHORT.to_string(),
        });
    }
    dropped.sort_by_key(|d| d.line);
    (blocks, dropped)
}
