//! Interim sentence splitter, until `extract::sentences::split` lands:
//! then [`split`] should simply call it.

use std::ops::Range;

const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Col", "Lt", "St", "Jr", "Sr",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No",
    "vs", "etc", "Inc", "Ltd", "Co", "Corp",
];

/// Split a paragraph into sentences: byte ranges into `text`, trimmed.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        // Closing quotes and brackets belong to the sentence.
        let mut end = i + 1;
        while let Some(next) = text[end..].chars().next() {
            if matches!(next, '"' | '”' | '’' | '\'' | ')') {
                end += next.len_utf8();
            } else {
                break;
            }
        }
        let rest = &text[end..];
        let Some(after) = rest.strip_prefix(char::is_whitespace) else {
            continue;
        };
        let next = after.trim_start().chars().next();
        if !next.is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || "“\"‘(".contains(n))
        {
            continue;
        }
        if c == '.' {
            let word = text[start..i]
                .rsplit(|ch: char| ch.is_whitespace() || ch == '(')
                .next()
                .unwrap_or("");
            let single_initial = word.len() == 1 && word.chars().all(char::is_uppercase);
            if single_initial || word.contains('.') || ABBREVIATIONS.contains(&word) {
                continue;
            }
        }
        push_trimmed(&mut out, text, start..end);
        start = end;
    }
    push_trimmed(&mut out, text, start..text.len());
    out
}

fn push_trimmed(out: &mut Vec<Range<usize>>, text: &str, range: Range<usize>) {
    let slice = &text[range.clone()];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    if lead + trail < slice.len() {
        out.push(range.start + lead..range.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_sentence_ends_but_not_abbreviations() {
        let text = "Mr. Doe met Ms. Roe on Sept. 3 in the U.S. capital. They talked. \
                    “It went well,” said Jan W. Kowal. Next?";
        let parts: Vec<&str> = split(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            parts,
            [
                "Mr. Doe met Ms. Roe on Sept. 3 in the U.S. capital.",
                "They talked.",
                "“It went well,” said Jan W. Kowal.",
                "Next?"
            ]
        );
    }
}
