//! Captions around a photo credit: short label lines next to it, and the
//! image's alt text (a description of the picture placed before its caption).

use std::collections::BTreeSet;

use super::rules::reason;
use super::Item;
use crate::corpus::text::{content_words, ends_sentence, word_iter};

/// Mark caption neighbours and alt text of every photo-credit line.
pub fn mark(items: &[Item], furniture: &mut [Option<&'static str>]) {
    let credits: Vec<usize> = (0..items.len())
        .filter(|&i| furniture[i] == Some(reason::CAPTION))
        .collect();
    for &i in &credits {
        // A short label line right before the credit ("Harbour, Tarnby"), and
        // the same label repeated right after it.
        let label = |f: &[Option<&str>], j: usize| {
            f[j].is_none() && items[j].shape.words <= 12 && !ends_sentence(&items[j].text)
        };
        if i > 0 && label(furniture, i - 1) {
            let repeated_after = i + 1 < items.len()
                && label(furniture, i + 1)
                && items[i + 1].text == items[i - 1].text;
            furniture[i - 1] = Some(reason::CAPTION);
            if repeated_after {
                furniture[i + 1] = Some(reason::CAPTION);
            }
        }
        // Alt text: a short description right before the caption that shares
        // vocabulary with it and reads like no quote or report.
        let mut k = i;
        while k > 0 && furniture[k - 1] == Some(reason::CAPTION) {
            k -= 1;
        }
        if k == 0 || furniture[k - 1].is_some() {
            continue;
        }
        let alt = &items[k - 1].text;
        let caption: BTreeSet<String> = (k..=i)
            .flat_map(|c| content_words(&items[c].text))
            .collect();
        let shared = content_words(alt)
            .iter()
            .filter(|w| caption.contains(*w))
            .count();
        let quiet = !alt.contains(['"', '“', '”', '«'])
            && !alt.chars().any(|c| c.is_ascii_digit())
            && !word_iter(alt)
                .any(|w| matches!(w.to_lowercase().as_str(), "said" | "says" | "told"));
        if items[k - 1].shape.words <= 30 && shared >= 1 && quiet {
            furniture[k - 1] = Some(reason::ALT_TEXT);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::clean::items::items;
    use crate::corpus::clean::rules::line_furniture;
    use crate::corpus::text::lines;

    fn marked(text: &str) -> Vec<Option<&'static str>> {
        let items = items(&lines(text));
        let mut f: Vec<_> = items.iter().map(|i| line_furniture(&i.text)).collect();
        mark(&items, &mut f);
        f
    }

    #[test]
    fn labels_around_a_credit_are_captions() {
        let f = marked(
            "Old Town, Vellore\nPhoto: Ana Brul, https://example.org/licence\nOld Town, Vellore",
        );
        assert_eq!(f, vec![Some(reason::CAPTION); 3]);
    }

    #[test]
    fn a_heading_after_a_credit_is_not_a_caption() {
        let f = marked("Dockers at the gate. AP Photo\nAP Photo\nCalmer waters");
        assert_eq!(f, vec![Some(reason::CAPTION), Some(reason::CAPTION), None]);
    }

    #[test]
    fn alt_text_before_a_caption_is_dropped() {
        let text = "Fishermen mending nets on a grey beach.\n\nFishermen in Tarnby mending their nets last week.Credit…Ana Brul for The Ledger";
        assert_eq!(
            marked(text),
            vec![Some(reason::ALT_TEXT), Some(reason::CAPTION)]
        );
    }

    #[test]
    fn body_before_a_caption_is_kept() {
        let text = "“We will not move,” the harbour master said of the fishing fleet.\nFishermen in Tarnby mending their nets last week.Credit…Ana Brul";
        assert_eq!(marked(text), vec![None, Some(reason::CAPTION)]);
        let text = "The mayor was re-elected twice since then.\nFishermen in Tarnby mending nets. AP Photo";
        assert_eq!(marked(text), vec![None, Some(reason::CAPTION)]);
    }
}
