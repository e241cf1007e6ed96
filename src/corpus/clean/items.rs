//! Items: the non-empty lines of a file, with lines cut by the scraper joined.

use std::collections::BTreeMap;

use super::lexicon::cookie_weak_count;
use super::rules::reason;
use crate::corpus::text::{ends_with_punctuation, Line, Shape};

/// A non-empty line (or several, joined) of the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// 1-based line number of its first line.
    pub line: usize,
    /// Every line joined into it: number and text.
    pub parts: Vec<(usize, String)>,
    pub text: String,
    /// The shape of `text`, read once for every rule that asks.
    pub shape: Shape,
}

impl Item {
    /// An item of one line.
    pub fn new(no: usize, text: &str) -> Item {
        Item {
            line: no,
            parts: vec![(no, text.to_string())],
            text: text.to_string(),
            shape: Shape::of(text),
        }
    }

    /// Join the next line to the item (the scraper cut them apart).
    fn join(&mut self, no: usize, text: &str) {
        self.text.push(' ');
        self.text.push_str(text);
        self.parts.push((no, text.to_string()));
        self.shape = Shape::of(&self.text);
    }
}

/// Non-empty lines as items. A line that stops without punctuation and is
/// directly followed (no blank line) by a line starting in lowercase was cut
/// in two by the scraper: the two are joined.
pub fn items(lines: &[Line]) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    let mut prev_no = 0;
    for line in lines.iter().filter(|l| !l.text.is_empty()) {
        let starts_lower = line.text.chars().next().is_some_and(char::is_lowercase);
        if let Some(last) = out.last_mut() {
            if prev_no + 1 == line.no
                && starts_lower
                && !ends_with_punctuation(&last.text)
                && last.shape.words >= 5
            {
                last.join(line.no, &line.text);
                prev_no = line.no;
                continue;
            }
        }
        out.push(Item::new(line.no, &line.text));
        prev_no = line.no;
    }
    out
}

/// Short lines (not prose) that occur more than once in the same file are
/// furniture: repeated teasers, ads, sponsor lines. `keys` are the items'
/// [`repetition_key`](crate::corpus::text::repetition_key)s.
pub fn mark_repeated(items: &[Item], keys: &[String], furniture: &mut [Option<&'static str>]) {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for key in keys {
        *counts.entry(key).or_default() += 1;
    }
    for ((item, key), f) in items.iter().zip(keys).zip(furniture.iter_mut()) {
        if f.is_none()
            && counts[key.as_str()] >= 2
            && item.shape.words <= 20
            && !item.shape.is_good()
        {
            *f = Some(reason::REPEATED);
        }
    }
}

/// A consent notice is a whole block: after a line with a strong cookie cue,
/// the following lines that use consent vocabulary or are short labels
/// ("Always Active", "Targeting Cookies") belong to it. `cookie_cues` tells
/// which items have a strong cue ([`super::rules::Judged::cookie_cue`]).
pub fn extend_cookie_blocks(
    items: &[Item],
    cookie_cues: &[bool],
    furniture: &mut [Option<&'static str>],
) {
    let mut in_block = false;
    for ((item, &cue), f) in items.iter().zip(cookie_cues).zip(furniture.iter_mut()) {
        if cue {
            in_block = true;
            *f = Some(reason::COOKIE);
            continue;
        }
        if !in_block {
            continue;
        }
        let short_label = item.shape.words <= 6 && !ends_with_punctuation(&item.text);
        if cookie_weak_count(&item.text) >= 1 || short_label {
            if f.is_none() || *f == Some(reason::REPEATED) {
                *f = Some(reason::COOKIE);
            }
        } else {
            in_block = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::text::{lines, repetition_key};

    #[test]
    fn cut_lines_are_joined() {
        let text =
            "The pier was rebuilt in stone and its\nlamps were lit again.\n\nNext paragraph.";
        let items = items(&lines(text));
        assert_eq!(items.len(), 2);
        assert_eq!(
            items[0].text,
            "The pier was rebuilt in stone and its lamps were lit again."
        );
        assert_eq!(
            items[0].parts.iter().map(|p| p.0).collect::<Vec<_>>(),
            vec![1, 2]
        );
        assert_eq!(items[1].line, 4);
    }

    #[test]
    fn repeated_short_lines_are_furniture() {
        let text = "Win a boat today\nA long enough paragraph of text that is written in prose, and ends well.\nWin a boat today";
        let items = items(&lines(text));
        let mut f = vec![None; items.len()];
        let keys: Vec<String> = items.iter().map(|i| repetition_key(&i.text)).collect();
        mark_repeated(&items, &keys, &mut f);
        assert_eq!(
            f,
            vec![Some(reason::REPEATED), None, Some(reason::REPEATED)]
        );
    }

    #[test]
    fn cookie_blocks_run_until_prose_without_consent_words() {
        let text = "We value your privacy and use cookies.\nStrictly Necessary\nThese help us count visits and measure your device data.\nThe mayor of Dunbury resigned on Friday after the vote.";
        let items = items(&lines(text));
        let mut f: Vec<_> = items.iter().map(|_| None).collect();
        let cues: Vec<bool> = items
            .iter()
            .map(|i| crate::corpus::clean::rules::judge(&i.text, &i.shape).cookie_cue)
            .collect();
        assert_eq!(cues, [true, false, false, false]);
        extend_cookie_blocks(&items, &cues, &mut f);
        assert_eq!(
            f,
            vec![
                Some(reason::COOKIE),
                Some(reason::COOKIE),
                Some(reason::COOKIE),
                None
            ]
        );
    }
}
