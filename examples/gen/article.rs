//! One generated article: paragraphs borrowed from several seeds, people
//! renamed, numbers and dates moved, laid out with furniture.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::headline;
use super::layout::{self, Draft, Style};
use super::names::{self, Person};
use super::seeds::Seeds;
use super::vary::Variation;

/// The year most seed articles were published in; generated years shift from it.
const SEED_YEAR: i32 = 2025;
/// Size of the pool of invented people.
const POOL: usize = 400;

const PUBLICATIONS: &[&str] = &[
    "The Baltic Ledger",
    "Eastern Courier",
    "Continental Observer",
    "The Northern Herald",
    "Daily Dispatch",
    "The Free Review",
    "Evening Gazette",
    "Independent Post",
];

/// A generated article file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub file_name: String,
    pub title: String,
    pub text: String,
}

/// Generates articles from seeds; article `i` depends only on the seeds,
/// the seed number and `i` (and on the titles already taken, when asked to
/// avoid them).
pub struct Generator {
    seeds: Seeds,
    pool: Vec<Person>,
    seed: u64,
    /// Indices of seeds that have body paragraphs.
    sources: Vec<usize>,
}

impl Generator {
    pub fn new(seeds: Seeds, seed: u64) -> Generator {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let pool = names::pool(&mut rng, POOL);
        let sources = (0..seeds.paragraphs.len())
            .filter(|&i| !seeds.paragraphs[i].is_empty())
            .collect();
        Generator {
            seeds,
            pool,
            seed,
            sources,
        }
    }

    /// Article number `index`.
    pub fn article(&self, index: u64) -> Article {
        self.article_avoiding(index, &mut HashSet::new())
    }

    /// Article number `index`, with a title not in `taken` (which it joins).
    pub fn article_avoiding(&self, index: u64, taken: &mut HashSet<String>) -> Article {
        let mut rng = ChaCha8Rng::seed_from_u64(self.seed);
        // Stream 0 made the pool; each article has its own stream.
        rng.set_stream(index + 1);
        let file_name = format!("{index:06}_{:016x}.txt", rng.gen::<u64>());
        let start = NaiveDate::from_ymd_opt(2019, 1, 1).expect("valid date");
        let date = start + chrono::Duration::days(rng.gen_range(0..7 * 365));
        let (variation, cast) = self.cast(&mut rng, date.year() - SEED_YEAR);
        let raw = self.pick_paragraphs(&mut rng);
        let paragraphs: Vec<String> = raw.iter().map(|p| variation.apply(p, &mut rng)).collect();

        let mentioned: Vec<&String> = cast
            .iter()
            .filter(|(old_last, _)| raw.iter().any(|p| p.contains(old_last.as_str())))
            .map(|(_, full)| full)
            .collect();
        let mut title = String::new();
        for _ in 0..50 {
            let who = match mentioned.choose(&mut rng) {
                Some(who) => (*who).clone(),
                None => names::byline(&mut rng, &self.pool),
            };
            title = headline::headline(&mut rng, &who);
            if !taken.contains(&title) {
                break;
            }
        }
        taken.insert(title.clone());
        let who = names::byline(&mut rng, &self.pool);
        let authors = (0..rng.gen_range(1..=2))
            .map(|_| names::byline(&mut rng, &self.pool))
            .collect();
        let draft = Draft {
            standfirst: headline::standfirst(&mut rng, &who),
            title: title.clone(),
            authors,
            publication: PUBLICATIONS.choose(&mut rng).expect("pubs").to_string(),
            date,
            paragraphs,
        };
        let style = Style::pick(&mut rng);
        let text = layout::render(&draft, style, &self.seeds.furniture, &mut rng);
        Article {
            file_name,
            title,
            text,
        }
    }

    /// Who the seeds' people become in this article: the name variation,
    /// and (seed surname, new full name) for each person.
    fn cast(&self, rng: &mut ChaCha8Rng, year_shift: i32) -> (Variation, Vec<(String, String)>) {
        let mut names = HashMap::new();
        let mut cast = Vec::new();
        for person in &self.seeds.persons {
            // Some people keep their name, so the same actors recur.
            if rng.gen_bool(0.35) {
                let full = match person.firsts.first() {
                    Some(first) => format!("{first} {}", person.last),
                    None => person.last.clone(),
                };
                cast.push((person.last.clone(), full));
                continue;
            }
            let slot = rng.gen_range(0..self.pool.len() / 2) * 2 + usize::from(person.female);
            let new = &self.pool[slot.min(self.pool.len() - 1)];
            let style = if rng.gen_bool(0.25) {
                rng.gen_range(1..=2)
            } else {
                0
            };
            let last = names::spell(&new.last, style);
            let first = names::spell(&new.first, style);
            names.insert(person.last.clone(), last.clone());
            for old_first in &person.firsts {
                names.insert(old_first.clone(), first.clone());
            }
            cast.push((person.last.clone(), format!("{first} {last}")));
        }
        let variation = Variation { names, year_shift };
        (variation, cast)
    }

    /// A run of paragraphs from one seed, with a few from one or two others
    /// shuffled in.
    fn pick_paragraphs(&self, rng: &mut ChaCha8Rng) -> Vec<&str> {
        let Some(&primary) = self.sources.choose(rng) else {
            return Vec::new();
        };
        let own = &self.seeds.paragraphs[primary];
        let take = rng.gen_range(4..=16).min(own.len());
        let start = rng.gen_range(0..=own.len() - take);
        let mut picked: Vec<&str> = own[start..start + take]
            .iter()
            .map(String::as_str)
            .collect();
        for _ in 0..rng.gen_range(1..=2) {
            let other = &self.seeds.paragraphs[*self.sources.choose(rng).expect("sources")];
            for _ in 0..rng.gen_range(1..=4) {
                let paragraph = other.choose(rng).expect("non-empty");
                let at = rng.gen_range(0..=picked.len());
                picked.insert(at, paragraph);
            }
        }
        picked
    }
}
