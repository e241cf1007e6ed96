//! Reading the seed articles at run time and sorting their lines into body
//! paragraphs and page furniture, and learning the people they name.

use std::collections::BTreeSet;
use std::io;
use std::path::Path;

/// What the generator learned from the seed articles.
#[derive(Debug, Clone, Default)]
pub struct Seeds {
    /// Body paragraphs, one list per seed article, in file order.
    pub paragraphs: Vec<Vec<String>>,
    /// Runs of consecutive furniture lines (mastheads, adverts, cookie
    /// notices, related headlines), across all seeds.
    pub furniture: Vec<Vec<String>>,
    /// People named in the seeds' body text.
    pub persons: Vec<SeedPerson>,
}

/// A person found in the seeds: a surname, with the first names seen with it
/// (several when the seeds spell it differently).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SeedPerson {
    pub firsts: Vec<String>,
    pub last: String,
    pub female: bool,
}

/// Words that mark a line as furniture even when it reads like a sentence.
const FURNITURE_WORDS: &[&str] = &[
    "cookie",
    "partners",
    "your device",
    "your data",
    "personal data",
    "this service",
    "your activity",
    "advertis",
    "subscribe",
    "copyright",
    "consent",
    "readers like you",
    "paywall",
    "hyperlink",
    "contribute",
    "notice",
    "your acceptance",
    "identifiers",
];

/// Capitalised words that come before names but are not first names.
const NOT_FIRST_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "But",
    "And",
    "As",
    "Then",
    "When",
    "While",
    "President",
    "Minister",
    "Secretary",
    "Senator",
    "Sen",
    "Rep",
    "Prime",
    "Defense",
    "Foreign",
    "Former",
    "General",
    "Mr",
    "Ms",
    "Mrs",
    "Dr",
    "Of",
    "For",
    "With",
    "From",
    "By",
    "Both",
    "If",
];

impl Seeds {
    /// Read every `.txt` file of `dir` (sorted by name) and sort its lines.
    pub fn load(dir: &Path) -> io::Result<Seeds> {
        let mut files: Vec<_> = std::fs::read_dir(dir)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("no .txt seed articles in {}", dir.display()),
            ));
        }
        let mut texts = Vec::with_capacity(files.len());
        for file in &files {
            let bytes = std::fs::read(file)?;
            texts.push(String::from_utf8_lossy(&bytes).into_owned());
        }
        Ok(Seeds::from_texts(&texts))
    }

    /// Sort the lines of already-read seed texts.
    pub fn from_texts(texts: &[String]) -> Seeds {
        let mut seeds = Seeds::default();
        for text in texts {
            let mut body = Vec::new();
            let mut run: Vec<String> = Vec::new();
            for line in text.lines() {
                let line = line.trim();
                if line.is_empty() {
                    continue;
                }
                if is_body(line) {
                    body.push(line.to_string());
                    if !run.is_empty() {
                        seeds.furniture.push(std::mem::take(&mut run));
                    }
                } else if is_reusable_furniture(line) {
                    run.push(line.to_string());
                }
            }
            if !run.is_empty() {
                seeds.furniture.push(run);
            }
            seeds.paragraphs.push(body);
        }
        seeds.persons = learn_persons(seeds.paragraphs.iter().flatten());
        seeds
    }
}

/// A body paragraph: a long line that ends like a sentence and is not a
/// cookie notice or an appeal for money.
pub fn is_body(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let ends = line
        .trim_end()
        .ends_with(['.', '?', '!', '”', '"', '…', ')']);
    let lower = line.to_lowercase();
    words >= 14 && ends && !FURNITURE_WORDS.iter().any(|w| lower.contains(w))
}

/// Furniture worth sprinkling: not a dateline or byline of its own seed
/// (those would give the generated article a wrong date or author).
fn is_reusable_furniture(line: &str) -> bool {
    let has_year = line
        .split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")));
    let lower = line.to_lowercase();
    !has_year && !lower.starts_with("by ") && !lower.starts_with("date ")
}

/// Find people: surnames after `Mr.`/`Ms.`/`Mrs.`/`Dr.`, and first names
/// where a capitalised word (and maybe an initial) precedes a known surname,
/// or a two-word name is followed by an apposition (`, a …`) or `said`.
fn learn_persons<'a>(paragraphs: impl Iterator<Item = &'a String> + Clone) -> Vec<SeedPerson> {
    let mut surnames = BTreeSet::new();
    let mut pairs = BTreeSet::new();
    for text in paragraphs.clone() {
        let words: Vec<&str> = text.split_whitespace().collect();
        for w in words.windows(2) {
            if matches!(w[0], "Mr." | "Ms." | "Mrs." | "Dr.") {
                if let Some(name) = name_word(w[1]) {
                    surnames.insert(name);
                }
            }
        }
        for (i, w) in words.windows(3).enumerate() {
            let (Some(first), Some(last)) = (name_word(w[0]), name_word(w[1])) else {
                continue;
            };
            // "Foreign Affairs Agency, a …" is an organisation, not a person.
            let longer = i > 0 && name_word(words[i - 1]).is_some();
            let apposition = w[1].ends_with(',') && matches!(w[2], "a" | "an" | "the");
            let said = w[2].trim_end_matches([',', '.']) == "said";
            if (apposition || said) && !longer && is_first_name(&first) {
                surnames.insert(last.clone());
                pairs.insert((first, last));
            }
        }
    }
    for text in paragraphs {
        let words: Vec<&str> = text.split_whitespace().collect();
        for i in 0..words.len().saturating_sub(1) {
            let Some(first) = name_word(words[i]).filter(|f| is_first_name(f)) else {
                continue;
            };
            let sentence_start = i == 0 || words[i - 1].ends_with(['.', '!', '?', '”', '"']);
            if sentence_start
                || surnames.contains(&first)
                || words[i].ends_with([',', '.', ':', ';'])
            {
                continue;
            }
            // Skip one middle initial ("Vladimir V. Putin").
            let mut j = i + 1;
            if words[j].len() == 2 && words[j].ends_with('.') && j + 1 < words.len() {
                j += 1;
            }
            if let Some(last) = name_word(words[j]).filter(|l| surnames.contains(l)) {
                pairs.insert((first, last));
            }
        }
    }
    let mut persons: Vec<SeedPerson> = Vec::new();
    for last in &surnames {
        let firsts: Vec<String> = pairs
            .iter()
            .filter(|(_, l)| l == last)
            .map(|(f, _)| f.clone())
            .collect();
        let female = is_female(firsts.first().map(String::as_str), last);
        persons.push(SeedPerson {
            firsts,
            last: last.clone(),
            female,
        });
    }
    persons
}

/// The name in a word, without possessive or punctuation: a capitalised
/// word of letters (and hyphens), at least three letters long.
fn name_word(word: &str) -> Option<String> {
    let word = word.trim_end_matches(|c: char| !c.is_alphabetic());
    let word = word
        .strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .unwrap_or(word);
    let mut chars = word.chars();
    let first = chars.next()?;
    let rest_ok = chars.clone().all(|c| c.is_alphabetic() || c == '-');
    let has_lower = chars.any(|c| c.is_lowercase());
    (first.is_uppercase() && rest_ok && has_lower && word.chars().count() >= 3)
        .then(|| word.to_string())
}

fn is_first_name(word: &str) -> bool {
    !NOT_FIRST_NAMES.contains(&word)
}

fn is_female(first: Option<&str>, last: &str) -> bool {
    let female_last = ["aya", "ova", "eva", "ina", "ska"]
        .iter()
        .any(|s| last.ends_with(s));
    female_last || first.is_some_and(|f| f.ends_with('a'))
}
