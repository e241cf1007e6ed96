//! Words and punctuation of a paragraph with their byte offsets, the
//! sentences they belong to, and whether they stand inside a quotation.

use super::lexicon;

/// One token of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
    pub word: bool,
    /// The word carried a possessive `'s` / `’s` (not part of `text`).
    pub possessive: bool,
    /// Index of the sentence it belongs to.
    pub sentence: usize,
    /// First word of its sentence (after any opening quote).
    pub sentence_start: bool,
    /// Inside a quotation.
    pub quoted: bool,
}

impl Token<'_> {
    /// Starts with an uppercase letter.
    pub fn capitalised(&self) -> bool {
        self.word && self.text.chars().next().is_some_and(char::is_uppercase)
    }

    pub fn lower(&self) -> String {
        self.text.to_lowercase()
    }

    pub fn is(&self, punct: &str) -> bool {
        !self.word && self.text == punct
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Open/close quotation marks.
pub fn is_quote_char(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»' | '„')
}

/// Split a paragraph into tokens.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let offset = |i: usize| chars.get(i).map_or(text.len(), |&(o, _)| o);
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            tokens.push(raw(text, offset(i), offset(i + 1), false));
            i += 1;
            continue;
        }
        let begin = i;
        let mut segment_start = i;
        while let Some(c) = at(i) {
            if c.is_alphanumeric() {
                i += 1;
            } else if (c == '-' || is_apostrophe(c)) && at(i + 1).is_some_and(char::is_alphanumeric)
            {
                i += 1;
                segment_start = i;
            } else if c == '.'
                && i - segment_start == 1
                && at(i + 1).is_some_and(char::is_uppercase)
                && at(i + 2) == Some('.')
            {
                // Dotted acronym: U.S., E.U.
                i += 1;
                segment_start = i;
            } else {
                break;
            }
        }
        let mut end = i;
        let word = &text[offset(begin)..offset(end)];
        if at(end) == Some('.') {
            let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            if word.contains('.') || single_initial || lexicon::is_abbreviation(word) {
                end += 1;
                i = end;
            }
        }
        let (mut start_b, mut end_b) = (offset(begin), offset(end));
        let mut possessive = false;
        for suffix in ["’s", "'s"] {
            if text[start_b..end_b].ends_with(suffix) && end_b - start_b > suffix.len() {
                end_b -= suffix.len();
                possessive = true;
            }
        }
        if start_b == end_b {
            start_b = offset(begin);
        }
        let mut token = raw(text, start_b, end_b, true);
        token.possessive = possessive;
        tokens.push(token);
    }
    mark_sentences(text, &mut tokens);
    mark_quotes(&mut tokens);
    tokens
}

fn raw(text: &str, start: usize, end: usize, word: bool) -> Token<'_> {
    Token {
        text: &text[start..end],
        start,
        end,
        word,
        possessive: false,
        sentence: 0,
        sentence_start: false,
        quoted: false,
    }
}

/// Sentence boundaries: `.`, `!` or `?` (not an abbreviation's dot), then
/// optional closing quotes or brackets, then a capitalised word or an
/// opening quote.
///
/// Private stand-in until `crate::extract::sentences::split` lands: switch
/// [`sentences`] to it then.
/// Give each token the index of its sentence (from the shared splitter,
/// `extract::sentences::split`) and mark the first word of each sentence.
fn mark_sentences(text: &str, tokens: &mut [Token<'_>]) {
    let ranges = crate::extract::sentences::split(text);
    let mut sentence = 0;
    let mut seen_word = false;
    for t in tokens.iter_mut() {
        while sentence + 1 < ranges.len() && t.start >= ranges[sentence + 1].start {
            sentence += 1;
            seen_word = false;
        }
        t.sentence = sentence;
        if t.word {
            t.sentence_start = !seen_word;
            seen_word = true;
        }
    }
}

/// Sentence byte ranges of a paragraph.
#[cfg(test)]
pub fn sentences(text: &str) -> Vec<std::ops::Range<usize>> {
    let tokens = tokenize(text);
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for t in &tokens {
        match out.get_mut(t.sentence) {
            Some(r) => r.end = t.end,
            None => out.push(t.start..t.end),
        }
    }
    out
}

/// Mark tokens inside quotations. Curly quotes open and close; a closing
/// quote with no opening one closes a quotation that began at the start of
/// the paragraph (or after the previous closing quote); straight quotes toggle.
fn mark_quotes(tokens: &mut [Token<'_>]) {
    let mut open: Option<usize> = None;
    let mut last_close = 0;
    for i in 0..tokens.len() {
        let t = &tokens[i];
        let is_mark = !t.word && t.text.chars().all(is_quote_char);
        if !is_mark {
            if open.is_some() {
                tokens[i].quoted = true;
            }
            continue;
        }
        match t.text {
            "“" | "«" | "„" => open = Some(i),
            "”" | "»" => {
                if open.is_none() {
                    for t in tokens.iter_mut().take(i).skip(last_close) {
                        t.quoted = true;
                    }
                }
                open = None;
                last_close = i + 1;
            }
            "\"" => {
                if open.is_some() {
                    open = None;
                    last_close = i + 1;
                } else {
                    open = Some(i);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words<'a>(tokens: &[Token<'a>]) -> Vec<&'a str> {
        tokens.iter().filter(|t| t.word).map(|t| t.text).collect()
    }

    #[test]
    fn abbreviations_initials_acronyms_and_possessives() {
        let text = "Mr. Ivan P. Sidorenko’s aide met the U.S. envoy.Ms.Roe";
        let tokens = tokenize(text);
        assert_eq!(
            words(&tokens),
            [
                "Mr.",
                "Ivan",
                "P.",
                "Sidorenko",
                "aide",
                "met",
                "the",
                "U.S.",
                "envoy",
                "Ms.",
                "Roe"
            ]
        );
        assert!(tokens[3].possessive);
        assert_eq!(&text[tokens[3].start..tokens[3].end], "Sidorenko");
    }

    #[test]
    fn sentences_do_not_break_after_abbreviations() {
        let text = "Mr. Roe left on Sept. 9. He said “No.” Then he went to the U.S. Capitol.";
        let s: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            s,
            [
                "Mr. Roe left on Sept. 9.",
                "He said “No.”",
                "Then he went to the U.S. Capitol."
            ]
        );
    }

    #[test]
    fn quotes_including_an_unopened_closing_quote() {
        let text = "It was bad,” Mr. Roe said. “We left,” he added.";
        let tokens = tokenize(text);
        let quoted: Vec<&str> = tokens.iter().filter(|t| t.quoted).map(|t| t.text).collect();
        assert_eq!(quoted, ["It", "was", "bad", ",", "We", "left", ","]);
    }
}
