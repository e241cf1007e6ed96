//! Word-level helpers shared by the cleaning and metadata rules.

use std::sync::LazyLock;

use super::wordset::WordSet;

/// One line of the decoded file (1-based number, trimmed text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub no: usize,
    pub text: String,
}

/// Split decoded text into numbered lines (empty ones included).
pub fn lines(text: &str) -> Vec<Line> {
    text.split('\n')
        .enumerate()
        .map(|(i, t)| Line {
            no: i + 1,
            text: t.trim().to_string(),
        })
        .collect()
}

/// Common English function words (stop words), lowercase.
pub static STOP_WORDS: LazyLock<WordSet> = LazyLock::new(|| {
    WordSet::of(
        "a about above after again against all also am an and any are as at be because been before \
     being below between both but by can could did do does doing down during each even few for \
     from further had has have having he her here hers herself him himself his how i if in into \
     is it its itself just may me might more most must my myself no nor not now of off on once \
     only or other our ours out over own same she should so some such than that the their theirs \
     them themselves then there these they this those through to too under until up upon very \
     was we were what when where which while who whom why will with would you your yours \
     yourself yet whether though although since among",
    )
});

/// The words of a line: runs of letters, digits and inner apostrophes/hyphens.
pub fn words(text: &str) -> Vec<&str> {
    word_iter(text).collect()
}

/// [`words`], one at a time.
pub fn word_iter(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')))
        .map(|w| w.trim_matches(|c: char| matches!(c, '\'' | '’' | '-')))
        .filter(|w| !w.is_empty())
}

/// The number of [`words`] of a line.
pub fn word_count(text: &str) -> usize {
    word_iter(text).count()
}

/// Is this word (in any case) a stop word?
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains_lowercase_of(word)
}

/// Share of the words that are stop words (0 when there are no words).
pub fn stop_density(text: &str) -> f64 {
    Shape::of(text).stop_density()
}

/// Does the line end like a sentence (period, question or exclamation mark,
/// ellipsis, optionally inside closing quotes or brackets)?
pub fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']', ' ']);
    t.ends_with(['.', '!', '?', '…'])
}

/// Does the line end with any punctuation a heading would not carry?
pub fn ends_with_punctuation(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']', ' ']);
    t.ends_with(['.', '!', '?', '…', ',', ';', ':'])
}

/// What the prose tests ([`Shape::is_good`] and the others) need to know
/// about a line, read in one pass over its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// The number of [`words`].
    pub words: usize,
    /// How many of them are stop words.
    stops: usize,
    /// [`ends_sentence`].
    ends_sentence: bool,
}

impl Shape {
    pub fn of(text: &str) -> Shape {
        let (mut words, mut stops) = (0, 0);
        for word in word_iter(text) {
            words += 1;
            if is_stop_word(word) {
                stops += 1;
            }
        }
        Shape {
            words,
            stops,
            ends_sentence: ends_sentence(text),
        }
    }

    /// Share of the words that are stop words (0 when there are no words).
    pub fn stop_density(&self) -> f64 {
        if self.words == 0 {
            return 0.0;
        }
        self.stops as f64 / self.words as f64
    }

    /// [`ends_sentence`] of the line.
    pub fn ends_sentence(&self) -> bool {
        self.ends_sentence
    }

    /// See [`is_good`].
    pub fn is_good(&self) -> bool {
        let (n, density) = (self.words, self.stop_density());
        (n >= 8 && density >= 0.2 && self.ends_sentence) || (n >= 25 && density >= 0.25)
    }

    /// [`Shape::is_good`] for text in a language other than English, whose
    /// stop words the density cannot count: long enough and ending like a
    /// sentence, or long enough to be a line cut by the scraper.
    pub fn is_good_any_language(&self) -> bool {
        let n = self.words;
        (n >= 8 && self.ends_sentence) || n >= 25
    }

    /// See [`is_short_sentence`].
    pub fn is_short_sentence(&self) -> bool {
        self.words >= 4 && self.ends_sentence && self.stop_density() > 0.0
    }

    /// [`Shape::is_short_sentence`] for text in a language other than English.
    pub fn is_short_sentence_any_language(&self) -> bool {
        self.words >= 4 && self.ends_sentence
    }
}

/// A body-text line in the jusText sense: long enough, dense in stop words and
/// ending like a sentence (or long enough to be a line cut by the scraper).
pub fn is_good(text: &str) -> bool {
    Shape::of(text).is_good()
}

/// A short sentence: ends like one and reads like running text.
pub fn is_short_sentence(text: &str) -> bool {
    Shape::of(text).is_short_sentence()
}

/// Lowercase content words (not stop words, at least four letters), for
/// vocabulary overlap.
pub fn content_words(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 4 && !STOP_WORDS.contains(w))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect()
}

/// Does a word start with a capital letter?
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// `text`'s words (runs of non-white-space), one space apart.
pub fn fold_whitespace(text: &str) -> String {
    let mut out = Folded::with_capacity(text.len());
    out.push(text);
    out.finish()
}

/// The length of the white space char (`char::is_whitespace`, what
/// `str::split_whitespace` splits at) that starts at byte `at` of `text`,
/// if one does. Told by the byte but for the four lead bytes of the
/// white space beyond ASCII (U+0085 to U+3000); no other byte starts one.
fn space_at(text: &str, at: usize) -> Option<usize> {
    match text.as_bytes()[at] {
        b' ' | b'\t'..=b'\r' => Some(1),
        0xC2 | 0xE1 | 0xE2 | 0xE3 => {
            let c = text[at..]
                .chars()
                .next()
                .expect("a lead byte starts a char");
            c.is_whitespace().then_some(c.len_utf8())
        }
        _ => None,
    }
}

/// Text written piece by piece with its white space folded: the words of
/// all that was written (runs of what is not white space, across pieces)
/// one space apart, nothing before the first nor after the last; what
/// `split_whitespace` and a join with spaces give of the whole text.
#[derive(Debug, Default)]
pub struct Folded {
    text: String,
    /// White space was written since the last word.
    space: bool,
}

impl Folded {
    pub fn with_capacity(capacity: usize) -> Folded {
        Folded {
            text: String::with_capacity(capacity),
            space: false,
        }
    }

    /// Write white space (a break between words).
    pub fn space(&mut self) {
        self.space = true;
    }

    /// Write `piece`. Words one space apart are copied as one stretch.
    pub fn push(&mut self, piece: &str) {
        let bytes = piece.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            if let Some(len) = space_at(piece, at) {
                self.space = true;
                at += len;
                continue;
            }
            let start = at;
            let end = loop {
                // A word (a byte that starts no white space is in it).
                while at < bytes.len() && space_at(piece, at).is_none() {
                    at += 1;
                }
                // One space, then another word: the stretch goes on.
                if bytes.get(at) == Some(&b' ')
                    && at + 1 < bytes.len()
                    && space_at(piece, at + 1).is_none()
                {
                    at += 1;
                } else {
                    break at;
                }
            };
            if self.space && !self.text.is_empty() {
                self.text.push(' ');
            }
            self.space = false;
            self.text.push_str(&piece[start..end]);
        }
    }

    /// The folded text.
    pub fn finish(self) -> String {
        self.text
    }
}

/// Normalised form of a line for repetition counts: lowercase, single spaces.
pub fn repetition_key(text: &str) -> String {
    let mut key = fold_whitespace(text);
    if key.is_ascii() {
        key.make_ascii_lowercase();
        key
    } else {
        key.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_as_written_is_folding_the_whole() {
        let spaces: String = (0..0x3001u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        // Letters of the lead bytes of white space beyond ASCII, too.
        let pieces = [
            "",
            " ",
            "a",
            "b c",
            "\u{85}d\u{3000}",
            &spaces,
            "é ¢\u{2010}",
            "ü\t",
            "\u{1e01}  \u{3041}",
        ];
        let mut cases: Vec<Vec<&str>> = vec![vec![]];
        for _ in 0..4 {
            let more: Vec<Vec<&str>> = cases
                .iter()
                .flat_map(|c| {
                    pieces.iter().map(move |p| {
                        let mut c = c.clone();
                        c.push(p);
                        c
                    })
                })
                .collect();
            cases = more;
        }
        for case in cases {
            let mut folded = Folded::default();
            for piece in &case {
                folded.push(piece);
            }
            let whole = case.concat();
            let want = whole.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(folded.finish(), want, "{case:?}");
        }
        let mut folded = Folded::default();
        for piece in ["a", "b"] {
            folded.push(piece);
            folded.space();
        }
        assert_eq!(folded.finish(), "a b");
    }

    #[test]
    fn white_space_is_what_char_says() {
        for c in (0..0x11000u32).filter_map(char::from_u32) {
            let s = format!("{c}x");
            let want = c.is_whitespace().then_some(c.len_utf8());
            assert_eq!(space_at(&s, 0), want, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn good_lines_read_like_prose() {
        assert!(is_good(
            "The council of Verinia voted on Monday to reopen the eastern bridge to traffic."
        ));
        assert!(!is_good(
            "Markets Weather Sport Opinion Video Culture Travel"
        ));
        assert!(!is_good("Harbour Talks Stall Over Fishing Quotas"));
    }

    #[test]
    fn sentence_endings_inside_quotes() {
        assert!(ends_sentence("He said “no.”"));
        assert!(!ends_sentence("Economic outlook"));
        assert!(ends_with_punctuation("Share the Post:"));
    }

    #[test]
    fn repetition_keys_fold_space_and_case_in_any_script() {
        for line in [
            "  Breaking   NEWS \t here ",
            "Read more",
            "ΟΔΟΣ  ΣΟΦΙΑΣ",
            "Минск\u{a0} Новости",
            "İstanbul DAILY",
            "",
        ] {
            let expected = line
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            assert_eq!(repetition_key(line), expected, "{line:?}");
        }
        assert_eq!(repetition_key("ΟΔΟΣ  ΣΟΦΙΑΣ"), "οδος σοφιας");
    }

    #[test]
    fn stop_words_in_any_case() {
        assert!(is_stop_word("The"));
        assert!(is_stop_word("the"));
        assert!(!is_stop_word("Harbour"));
        assert!(!is_stop_word("It’s"));
    }

    #[test]
    fn shapes_agree_with_the_word_list() {
        let line = "The council of Verinia voted on Monday to reopen the bridge.";
        let shape = Shape::of(line);
        assert_eq!(shape.words, words(line).len());
        assert_eq!(shape.stop_density(), 5.0 / 11.0);
        assert!(shape.is_good() && shape.is_short_sentence());
        assert_eq!(Shape::of("").stop_density(), 0.0);
    }

    #[test]
    fn words_keep_inner_apostrophes() {
        assert_eq!(
            words("It’s the mayor's — 2,000 votes!"),
            vec!["It’s", "the", "mayor's", "2", "000", "votes"]
        );
    }
}
