//! Index terms: how text becomes the words the index holds.
//!
//! Text is split into words (runs of letters and digits); each word is
//! lowercased and transliterated to ASCII (deunicode), and the result is
//! split again where the transliteration is not a letter or digit, so every
//! term is `[a-z0-9]+`; terms are cut to [`MAX_LEN`] characters (they name
//! files). Stop words are left out. The search page folds query words the
//! same way (`js/search.js`: lowercase, a table of the Latin, Greek and
//! Cyrillic letters that deunicode writes otherwise than without their
//! accents, no accents; the `client_fold_matches_deunicode` test holds the
//! two together).

use std::borrow::Cow;
use std::sync::LazyLock;

use rustc_hash::FxHashSet;

/// Words too common to index.
pub const STOP: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have",
    "he", "her", "his", "in", "is", "it", "its", "of", "on", "or", "she", "that", "the", "their",
    "they", "this", "to", "was", "were", "which", "who", "will", "with",
];

/// Longest term: longer words are indexed (and searched) by their first
/// `MAX_LEN` characters.
pub const MAX_LEN: usize = 40;

/// The length of the longest word in [`STOP`].
const STOP_LONGEST: usize = {
    let (mut i, mut longest) = (0, 0);
    while i < STOP.len() {
        if STOP[i].len() > longest {
            longest = STOP[i].len();
        }
        i += 1;
    }
    longest
};

/// [`STOP`], hashed.
static STOP_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| STOP.iter().copied().collect());

/// Is `term` one of [`STOP`]? Only terms short enough to be one are looked
/// up (most are longer).
fn is_stop(term: &str) -> bool {
    term.len() <= STOP_LONGEST && STOP_SET.contains(term)
}

/// Calls `f` with the folded parts of one word (letters and digits only):
/// lowercase, transliterated, split where the transliteration is not an
/// ASCII letter or digit. No stop words are removed and nothing is cut.
pub fn fold_word<'a>(word: &'a str, mut f: impl FnMut(Cow<'a, str>)) {
    if word.is_ascii() {
        if word.bytes().any(|b| b.is_ascii_uppercase()) {
            f(Cow::Owned(word.to_ascii_lowercase()));
        } else {
            f(Cow::Borrowed(word));
        }
    } else {
        let mut folded = deunicode::deunicode(&word.to_lowercase());
        folded.make_ascii_lowercase();
        for part in folded.split(|c: char| !c.is_ascii_alphanumeric()) {
            if !part.is_empty() {
                f(Cow::Owned(part.to_string()));
            }
        }
    }
}

/// Calls `f` with each index term of `text`, in order (repeats included):
/// the term, and the same as a slice of `text` when it is one (so callers
/// keep it without a copy).
pub fn each_term<'a>(text: &'a str, mut f: impl FnMut(&str, Option<&'a str>)) {
    let mut buf = String::new();
    let mut emit = |t: &str, slice: Option<&'a str>| {
        if !is_stop(t) {
            let n = t.len().min(MAX_LEN);
            f(&t[..n], slice.map(|s| &s[..n]));
        }
    };
    // Words are runs of letters and digits; ASCII is read byte by byte.
    let bytes = text.as_bytes();
    let alnum_at = |i: usize| -> (bool, usize) {
        let b = bytes[i];
        if b < 128 {
            (b.is_ascii_alphanumeric(), 1)
        } else {
            let c = text[i..].chars().next().expect("a char");
            (c.is_alphanumeric(), c.len_utf8())
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let (alnum, len) = alnum_at(i);
        if !alnum {
            i += len;
            continue;
        }
        let start = i;
        let mut ascii = true;
        let mut upper = false;
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_alphanumeric() {
                upper |= b.is_ascii_uppercase();
                i += 1;
            } else if b < 128 {
                break;
            } else {
                let (alnum, len) = alnum_at(i);
                if !alnum {
                    break;
                }
                ascii = false;
                i += len;
            }
        }
        let word = &text[start..i];
        if ascii && !upper {
            emit(word, Some(word));
        } else if ascii {
            buf.clear();
            buf.push_str(word);
            buf.make_ascii_lowercase();
            emit(&buf, None);
        } else {
            fold_word(word, |t| emit(&t, None));
        }
    }
}

/// The index terms of `text`, in order (repeats included).
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_term(text, |t, _| out.push(t.to_string()));
    out
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn terms_fold_case_and_diacritics() {
        assert_eq!(
            terms("Łukašenka's THE Viasna"),
            ["lukasenka", "s", "viasna"]
        );
    }

    #[test]
    fn terms_are_ascii_letters_and_digits() {
        // Transliterations with capitals, spaces or apostrophes are split.
        assert_eq!(
            terms("Беларусь 北京 €1.2"),
            ["belarus", "bei", "jing", "1", "2"]
        );
        for t in terms("Ærøskøbing Straße ǅemal ﬁnal Ωmega") {
            assert!(
                t.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
                "{t:?}"
            );
        }
    }

    /// The search page folds query words with `toLowerCase`, its table of
    /// letters, NFD without marks (`\p{M}`) and the table again: for every
    /// letter of the Latin-1, Latin Extended-A and Additional, Greek and
    /// Cyrillic blocks, that must give the terms indexing gives.
    #[test]
    fn client_fold_matches_deunicode() {
        use icu_properties::props::{GeneralCategory, GeneralCategoryGroup};
        let js = include_str!("../../../themes/default/static/js/search.js");
        let table = js
            .split_once("/* letters */")
            .and_then(|(_, rest)| rest.split_once("/* end letters */"))
            .map(|(t, _)| t.trim().trim_end_matches(','))
            .expect("search.js holds /* letters */ {…} /* end letters */");
        let table: BTreeMap<char, String> = serde_json::from_str::<BTreeMap<String, String>>(table)
            .expect("the letters table is JSON")
            .into_iter()
            .map(|(k, v)| (k.chars().next().unwrap(), v))
            .collect();
        let nfd = icu_normalizer::DecomposingNormalizerBorrowed::new_nfd();
        let gc = icu_properties::CodePointMapData::<GeneralCategory>::new();
        let marks = |s: &str| -> String {
            nfd.normalize(s)
                .chars()
                .filter(|&c| !GeneralCategoryGroup::Mark.contains(gc.get(c)))
                .collect()
        };
        let deunicode = |x: char| {
            let mut d = deunicode::deunicode(&x.to_string());
            d.make_ascii_lowercase();
            d
        };
        let split = |s: &str| -> Vec<String> {
            s.split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect()
        };
        let map = |s: &str, t: &BTreeMap<char, String>| -> String {
            s.chars()
                .map(|x| t.get(&x).cloned().unwrap_or_else(|| x.to_string()))
                .collect()
        };
        // What the page does: lowercase, table, no accents, table.
        let page = |c: char, t: &BTreeMap<char, String>| {
            map(&marks(&map(&c.to_lowercase().to_string(), t)), t)
        };
        let blocks = [0xC0..0x180, 0x370..0x500, 0x1E00..0x2000];
        let letters: Vec<char> = blocks
            .into_iter()
            .flatten()
            .filter_map(char::from_u32)
            .filter(|c| c.is_alphanumeric())
            .collect();
        // The table the page needs: the letters accents do not cover, then
        // those whose accented form deunicode writes otherwise (ё: io).
        let mut wanted = BTreeMap::new();
        for &c in &letters {
            for x in marks(&c.to_lowercase().to_string()).chars() {
                if !x.is_ascii() {
                    wanted.insert(x, deunicode(x));
                }
            }
        }
        for &c in &letters {
            for x in c.to_lowercase() {
                if !x.is_ascii()
                    && split(&map(&marks(&x.to_string()), &wanted)) != split(&deunicode(x))
                {
                    wanted.insert(x, deunicode(x));
                }
            }
        }
        let wanted_json = serde_json::to_string(&wanted).unwrap();
        assert!(
            table == wanted,
            "search.js needs this letters table:\n{wanted_json}"
        );
        let mut differ = Vec::new();
        for c in letters {
            let page = page(c, &table);
            let mut indexed = Vec::new();
            fold_word(&c.to_string(), |t| indexed.push(t.into_owned()));
            if split(&page) != indexed {
                differ.push(format!(
                    "{c} (U+{:04X}): page {page:?}, index {indexed:?}",
                    c as u32
                ));
            }
        }
        assert!(
            differ.is_empty(),
            "{} letters fold differently:\n{}",
            differ.len(),
            differ.join("\n")
        );
    }

    #[test]
    fn stop_words_are_one_list() {
        assert!(STOP.windows(2).all(|w| w[0] < w[1]), "STOP is sorted");
        assert!(STOP.iter().all(|w| is_stop(w)));
        for w in "ant bee being hi hiss wit whom whose ate thee".split(' ') {
            assert!(!is_stop(w), "{w}");
        }
    }

    #[test]
    fn terms_are_slices_of_the_text_when_they_can_be() {
        let mut seen = Vec::new();
        each_term("minsk Minsk", |t, slice| {
            seen.push((t.to_string(), slice.is_some()))
        });
        assert_eq!(
            seen,
            [("minsk".to_string(), true), ("minsk".to_string(), false)]
        );
    }

    #[test]
    fn words_are_runs_of_letters_and_digits() {
        assert_eq!(
            terms("x1-Y2,ÉTÉ’s\u{2019}£5 naïve\u{00A0}café…ok"),
            ["x1", "y2", "ete", "s", "5", "naive", "cafe", "ok"]
        );
        assert!(terms("").is_empty());
        assert!(terms(" ,. ").is_empty());
    }

    #[test]
    fn long_words_are_cut() {
        let long = "x".repeat(100);
        assert_eq!(
            terms(&format!("{long} ok")),
            ["x".repeat(MAX_LEN), "ok".into()]
        );
    }

    #[test]
    fn stop_words_are_left_out_after_folding() {
        assert_eq!(terms("Thé AND Ände"), ["ande"]);
        assert!(terms("to be or not").contains(&"not".to_string()));
    }
}
