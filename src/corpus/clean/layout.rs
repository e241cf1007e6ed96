//! Where the article is: headline, body and end.
//!
//! - The body starts at the first prose line (jusText "good": long, dense in
//!   stop words, ending like a sentence) confirmed by another prose line
//!   among the next three candidate lines.
//! - The headline is the last headline-like line before it (a few words,
//!   no final period, not a name, label or masthead).
//! - Everything before the headline is header furniture; between headline
//!   and body, short sentences are kept as a standfirst.
//! - In the body, prose lines are paragraphs; a short line without final
//!   punctuation between paragraphs is a sub-heading; an end signal (author
//!   bio, share widget, copyright, related list, byline, cookie notice) after
//!   three paragraphs ends the article.
//! - After the end, a run of at least two prose lines is kept only when it
//!   shares the article's vocabulary ([`super::drift`]); the rest is dropped.

use super::drift;
use super::rules::{is_end_signal, is_masthead, is_section_label, reason};
use super::{Item, Label, Layout};
use crate::corpus::metadata::authors::is_person_name;
use crate::corpus::text::ends_with_punctuation;

/// How prose lines are recognised: by English stop-word density, or, for
/// an article in another language, by length and punctuation alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prose {
    English,
    AnyLanguage,
}

impl Prose {
    fn good(self, item: &Item) -> bool {
        match self {
            Prose::English => item.shape.is_good(),
            Prose::AnyLanguage => item.shape.is_good_any_language(),
        }
    }

    fn short(self, item: &Item) -> bool {
        match self {
            Prose::English => item.shape.is_short_sentence(),
            Prose::AnyLanguage => item.shape.is_short_sentence_any_language(),
        }
    }
}

/// Could this line be a headline?
fn headline_like(item: &Item) -> bool {
    let (text, n) = (item.text.as_str(), item.shape.words);
    (3..=30).contains(&n)
        && !text.trim_end().ends_with('.')
        && !is_person_name(text)
        && !is_masthead(text)
        && !is_section_label(text)
}

/// Header furniture that is only recognisable above the body.
fn header_reason(text: &str, fallback: &'static str) -> &'static str {
    if is_masthead(text) {
        reason::MASTHEAD
    } else if is_person_name(text) {
        reason::BYLINE
    } else if is_section_label(text) {
        reason::SECTION
    } else {
        fallback
    }
}

pub fn layout(
    items: Vec<Item>,
    furniture: Vec<Option<&'static str>>,
    corpus_repeated: &[bool],
    prose: Prose,
) -> Layout {
    let n = items.len();
    let candidate = |i: usize| furniture[i].is_none();
    let body_start = (0..n).find(|&i| {
        candidate(i)
            && prose.good(&items[i])
            && (i + 1..n)
                .filter(|&j| candidate(j))
                .take(3)
                .any(|j| prose.good(&items[j]))
    });
    let body_start = body_start.or_else(|| (0..n).find(|&i| candidate(i) && prose.good(&items[i])));
    let title = body_start.and_then(|b| {
        (0..b)
            .rev()
            .find(|&i| candidate(i) && headline_like(&items[i]))
    });

    let mut labels: Vec<Label> = furniture
        .iter()
        .map(|f| Label::Drop(f.unwrap_or(reason::HEADER)))
        .collect();
    let Some(b0) = body_start else {
        for (i, label) in labels.iter_mut().enumerate() {
            if furniture[i].is_none() {
                *label = Label::Drop(header_reason(&items[i].text, reason::SHORT));
            }
        }
        return Layout {
            items,
            labels,
            title: None,
            body_start: None,
            end: None,
        };
    };

    // Header: before the headline, and between headline and body.
    let head_end = title.unwrap_or(b0);
    for i in 0..b0 {
        if furniture[i].is_some() {
            continue;
        }
        labels[i] = if Some(i) == title {
            Label::Title
        } else if i < head_end {
            Label::Drop(header_reason(&items[i].text, reason::BEFORE_HEADLINE))
        } else if prose.short(&items[i]) && !is_person_name(&items[i].text) {
            Label::Paragraph
        } else {
            Label::Drop(header_reason(&items[i].text, reason::HEADER))
        };
    }

    // Body, up to an end signal.
    let mut paragraphs = labels[..b0]
        .iter()
        .filter(|l| **l == Label::Paragraph)
        .count();
    let mut end = None;
    for i in b0..n {
        if let Some(r) = furniture[i] {
            if is_end_signal(r) && paragraphs >= 3 {
                end = Some(i);
                break;
            }
            continue;
        }
        labels[i] = body_label(&items, &furniture, &labels, corpus_repeated, i, prose);
        if labels[i] == Label::Paragraph {
            paragraphs += 1;
        }
    }

    if let Some(e) = end {
        tail(&items, &furniture, &mut labels, corpus_repeated, e, prose);
    }
    Layout {
        items,
        labels,
        title,
        body_start: Some(b0),
        end,
    }
}

/// The label of a non-furniture line inside the body.
fn body_label(
    items: &[Item],
    furniture: &[Option<&'static str>],
    labels: &[Label],
    corpus_repeated: &[bool],
    i: usize,
    prose: Prose,
) -> Label {
    let text = &items[i].text;
    if prose.good(&items[i]) || prose.short(&items[i]) {
        return Label::Paragraph;
    }
    if corpus_repeated[i] {
        return Label::Drop(reason::REPEATED_CORPUS);
    }
    let prev_text = labels[..i]
        .iter()
        .rev()
        .find(|l| !matches!(l, Label::Drop(_)))
        .is_some_and(|l| matches!(l, Label::Paragraph | Label::Title));
    let next_prose = (i + 1..items.len())
        .find(|&j| furniture[j].is_none())
        .is_some_and(|j| prose.good(&items[j]) || prose.short(&items[j]));
    let n = items[i].shape.words;
    if prev_text && next_prose && (1..=14).contains(&n) && !ends_with_punctuation(text) {
        Label::Heading
    } else {
        Label::Drop(reason::SHORT)
    }
}

/// After the end signal: keep runs of prose that stay on the article's topic.
fn tail(
    items: &[Item],
    furniture: &[Option<&'static str>],
    labels: &mut [Label],
    corpus_repeated: &[bool],
    end: usize,
    prose: Prose,
) {
    let kept: Vec<&str> = (0..end)
        .filter(|&i| matches!(labels[i], Label::Paragraph | Label::Heading | Label::Title))
        .map(|i| items[i].text.as_str())
        .collect();
    let mut vocabulary = drift::vocabulary(kept);
    let mut i = end + 1;
    while i < items.len() {
        if furniture[i].is_some() {
            i += 1;
            continue;
        }
        let start = i;
        while i < items.len() && furniture[i].is_none() {
            i += 1;
        }
        let run: Vec<&str> = (start..i).map(|j| items[j].text.as_str()).collect();
        let good = (start..i).filter(|&j| prose.good(&items[j])).count();
        let on_topic = good >= 2 && drift::overlap(&vocabulary, &run) >= drift::MIN_OVERLAP;
        for j in start..i {
            labels[j] = if on_topic {
                body_label(items, furniture, labels, corpus_repeated, j, prose)
            } else if good >= 2 {
                Label::Drop(reason::DRIFT)
            } else {
                Label::Drop(reason::AFTER_END)
            };
        }
        if on_topic {
            vocabulary.extend(drift::vocabulary(run.iter().copied()));
        }
    }
}
