//! Sentence splitting that knows English abbreviations.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (plus any closing quotes or
//! brackets right after it) when whitespace follows and the next word starts
//! like a sentence (capital letter, digit or opening quote). A period does not
//! end a sentence after a known abbreviation ("Mr.", "Sen.", "Feb."), after a
//! single capital letter (a middle initial), or after a dotted abbreviation
//! ("U.S.", "e.g."); a period inside a number ("1.2") is never followed by
//! whitespace and so never splits.

use std::ops::Range;

/// Abbreviations (lowercase, without the period) after which a period never ends a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "prof", "sen", "sens", "rep", "reps", "gen", "gov", "lt",
    "col", "capt", "cpt", "sgt", "maj", "adm", "cmdr", "pres", "sec", "atty", "rev", "hon", "amb",
    "st", "mt", "ft", "jr", "sr", "vs", "v", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "approx", "est", "dept", "univ", "gens",
];

/// Abbreviations that only hold before a number ("No. 5", "Art. 3").
const NUMBER_ABBREVIATIONS: &[&str] = &["no", "nos", "art", "vol", "pp", "p", "ch", "fig"];

const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', ']'];
const OPENERS: &[char] = &['"', '\'', '“', '‘', '«', '(', '['];

/// Split a paragraph into sentences; returns byte ranges into `text`, trimmed.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (pos, c) = chars[i];
        if !matches!(c, '.' | '!' | '?' | '…') {
            i += 1;
            continue;
        }
        // Consume a run of terminators and closing quotes/brackets.
        let mut j = i + 1;
        while j < chars.len()
            && (matches!(chars[j].1, '.' | '!' | '?' | '…') || CLOSERS.contains(&chars[j].1))
        {
            j += 1;
        }
        let end = chars.get(j).map_or(text.len(), |&(p, _)| p);
        let at_end = j >= chars.len();
        let followed_by_space = !at_end && chars[j].1.is_whitespace();
        if at_end
            || (followed_by_space
                && starts_sentence(&chars[j..])
                && !is_abbreviation(text, pos, c, &chars[j..]))
        {
            push_trimmed(text, start..end, &mut out);
            start = end;
        }
        i = j;
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

/// Does the text after the whitespace at `rest[0]` look like a sentence start?
fn starts_sentence(rest: &[(usize, char)]) -> bool {
    let next = rest.iter().map(|&(_, c)| c).find(|c| !c.is_whitespace());
    match next {
        Some(c) => {
            c.is_uppercase()
                || c.is_ascii_digit()
                || OPENERS.contains(&c)
                || !c.is_alphabetic() && !c.is_ascii_punctuation()
        }
        None => true,
    }
}

/// Is the period at byte `pos` the end of an abbreviation rather than of a sentence?
fn is_abbreviation(text: &str, pos: usize, c: char, rest: &[(usize, char)]) -> bool {
    if c != '.' {
        return false;
    }
    let before = &text[..pos];
    let token_start = before
        .char_indices()
        .rev()
        .find(|&(_, ch)| ch.is_whitespace() || OPENERS.contains(&ch) || ch == '—' || ch == '–')
        .map_or(0, |(p, ch)| p + ch.len_utf8());
    let token = &before[token_start..];
    if token.is_empty() {
        return false;
    }
    let lower = token.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    let next_is_digit = rest
        .iter()
        .map(|&(_, c)| c)
        .find(|c| !c.is_whitespace())
        .is_some_and(|c| c.is_ascii_digit());
    if next_is_digit && NUMBER_ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    let mut letters = token.chars();
    // A single capital letter: a middle initial ("Vladimir V. Putin").
    if let (Some(first), None) = (letters.next(), letters.next()) {
        if first.is_uppercase() {
            return true;
        }
    }
    // Dotted abbreviations: "U.S", "e.g", "U.N" (the final period is at `pos`).
    let parts: Vec<&str> = token.split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if !trimmed.is_empty() {
        let s = range.start + lead;
        out.push(s..s + trimmed.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_plain_sentences_and_trims() {
        assert_eq!(
            sentences("  The vote was held. Results came late!  Was it fair?  "),
            vec!["The vote was held.", "Results came late!", "Was it fair?"]
        );
    }

    #[test]
    fn titles_and_honorifics_do_not_end_sentences() {
        let text = "Mr. Varno met Ms. Ellert and Mrs. Quist. Dr. Pell, Sen. Arko and Rep. Tull agreed. Gen. Moss and Gov. Ladd left for St. Kerrow.";
        assert_eq!(
            sentences(text),
            vec![
                "Mr. Varno met Ms. Ellert and Mrs. Quist.",
                "Dr. Pell, Sen. Arko and Rep. Tull agreed.",
                "Gen. Moss and Gov. Ladd left for St. Kerrow."
            ]
        );
    }

    #[test]
    fn dotted_abbreviations_do_not_end_sentences() {
        let text = "The U.S. and U.K. envoys met E.U. and U.N. staff. Talks, e.g. on trade, i.e. tariffs, went on.";
        assert_eq!(
            sentences(text),
            vec![
                "The U.S. and U.K. envoys met E.U. and U.N. staff.",
                "Talks, e.g. on trade, i.e. tariffs, went on."
            ]
        );
    }

    #[test]
    fn months_numbers_and_versus() {
        let text = "On Feb. 15 and Sept. 3 and Jan. 9 it rained. Ballot No. 4 lost, Orvan vs. Tilde. Growth was 1.2 percent.";
        assert_eq!(
            sentences(text),
            vec![
                "On Feb. 15 and Sept. 3 and Jan. 9 it rained.",
                "Ballot No. 4 lost, Orvan vs. Tilde.",
                "Growth was 1.2 percent."
            ]
        );
    }

    #[test]
    fn middle_initials_do_not_end_sentences() {
        let text = "President Kasimir T. Vrell spoke. Then Oda R. Valmer replied.";
        assert_eq!(
            sentences(text),
            vec![
                "President Kasimir T. Vrell spoke.",
                "Then Oda R. Valmer replied."
            ]
        );
    }

    #[test]
    fn sentences_end_inside_closing_quotes() {
        let text =
            "“We will not leave.” She paused. He asked, “Why now?” Nobody said \"enough.\" The end";
        assert_eq!(
            sentences(text),
            vec![
                "“We will not leave.”",
                "She paused.",
                "He asked, “Why now?”",
                "Nobody said \"enough.\"",
                "The end"
            ]
        );
    }

    #[test]
    fn lowercase_continuation_does_not_split() {
        assert_eq!(
            sentences("He said no. he meant yes... Then left."),
            vec!["He said no. he meant yes...", "Then left."]
        );
    }

    #[test]
    fn ranges_are_byte_offsets_into_text() {
        let text = "Über alles. Ça va.";
        let ranges = split(text);
        assert_eq!(ranges.len(), 2);
        assert_eq!(&text[ranges[1].clone()], "Ça va.");
        assert!(split("   ").is_empty());
    }
}
