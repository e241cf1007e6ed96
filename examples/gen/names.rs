//! A pool of invented Slavic-style names, and their transliteration variants
//! (the same person spelled `Dzmitry Kavalenka` in one paper and
//! `Dmitry Kovalenko` in another).

use rand::seq::SliceRandom;
use rand::Rng;

/// An invented person, in their canonical (Belarusian Latin) spelling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub first: String,
    pub last: String,
    pub female: bool,
}

const MALE_FIRST: &[&str] = &[
    "Aliaksei",
    "Andrei",
    "Ales",
    "Anton",
    "Artsiom",
    "Bahdan",
    "Dzmitry",
    "Dzianis",
    "Hleb",
    "Ihar",
    "Ivan",
    "Kanstantsin",
    "Leanid",
    "Maksim",
    "Mikalai",
    "Mikhail",
    "Paval",
    "Pavel",
    "Raman",
    "Siarhei",
    "Stanislau",
    "Uladzimir",
    "Uladzislau",
    "Viktar",
    "Vital",
    "Yauhen",
    "Yury",
    "Zmitser",
    "Yaraslau",
    "Barys",
];

const FEMALE_FIRST: &[&str] = &[
    "Alena",
    "Alesia",
    "Anastasiya",
    "Darya",
    "Hanna",
    "Iryna",
    "Katsiaryna",
    "Kseniya",
    "Liudmila",
    "Maryia",
    "Natallia",
    "Palina",
    "Sviatlana",
    "Tatsiana",
    "Volha",
    "Yuliya",
    "Valiantsina",
    "Yauheniya",
    "Aliaksandra",
    "Nadzeya",
];

/// Surname roots; a suffix completes them.
const ROOTS: &[&str] = &[
    "Kaval",
    "Zhuk",
    "Sakal",
    "Hrab",
    "Liav",
    "Marozh",
    "Dub",
    "Krav",
    "Baran",
    "Mel",
    "Pral",
    "Tsyb",
    "Shved",
    "Kuchar",
    "Lysh",
    "Navum",
    "Patap",
    "Ramash",
    "Savits",
    "Tkach",
    "Vasil",
    "Yaroshk",
    "Zaits",
    "Bialk",
    "Charn",
    "Dzemid",
    "Hanchar",
    "Karpovich",
    "Lebed",
    "Maroz",
    "Niaml",
    "Astap",
    "Pilip",
    "Ryb",
    "Sidar",
    "Khmel",
    "Tsikhan",
    "Kazl",
    "Hrytsk",
    "Mikhal",
];

/// Surname suffixes: (male form, female form).
const SUFFIXES: &[(&str, &str)] = &[
    ("enka", "enka"),
    ("evich", "evich"),
    ("ovich", "ovich"),
    ("ouski", "ouskaya"),
    ("ski", "skaya"),
    ("uk", "uk"),
    ("ets", "ets"),
    ("ou", "ava"),
    ("in", "ina"),
    ("ik", "ik"),
];

/// Spelling rules of a Russian-style transliteration, in order.
const RUSSIAN_STYLE: &[(&str, &str)] = &[
    ("Dzmitry", "Dmitry"),
    ("Aliaksei", "Alexei"),
    ("Siarhei", "Sergei"),
    ("Uladzimir", "Vladimir"),
    ("Sviatlana", "Svetlana"),
    ("Volha", "Olga"),
    ("Ihar", "Igor"),
    ("Hanna", "Anna"),
    ("ouskaya", "ovskaya"),
    ("ouski", "ovsky"),
    ("enka", "enko"),
    ("ski", "sky"),
    ("iau", "iav"),
    ("dz", "d"),
    ("Dz", "D"),
    ("ia", "ya"),
];

/// Spelling rules of a German/Polish-style transliteration.
const CENTRAL_STYLE: &[(&str, &str)] = &[
    ("kh", "ch"),
    ("Kh", "Ch"),
    ("ya", "ja"),
    ("yu", "ju"),
    ("ts", "c"),
    ("Ts", "C"),
    ("ski", "skij"),
];

/// Invent `count` distinct people, half of them women.
pub fn pool(rng: &mut impl Rng, count: usize) -> Vec<Person> {
    let mut people: Vec<Person> = Vec::with_capacity(count);
    let mut seen = std::collections::HashSet::new();
    let mut attempts = 0;
    while people.len() < count && attempts < count * 20 {
        attempts += 1;
        let female = people.len() % 2 == 1;
        let first = if female { FEMALE_FIRST } else { MALE_FIRST };
        let first = first.choose(rng).expect("names");
        let root = ROOTS.choose(rng).expect("roots");
        let (male, fem) = SUFFIXES.choose(rng).expect("suffixes");
        let last = format!("{root}{}", if female { fem } else { male });
        if seen.insert((first.to_string(), last.clone())) {
            people.push(Person {
                first: first.to_string(),
                last,
                female,
            });
        }
    }
    people
}

/// The spelling of one name in one of three styles: 0 canonical,
/// 1 Russian-style, 2 German/Polish-style.
pub fn spell(name: &str, style: u8) -> String {
    let rules = match style {
        1 => RUSSIAN_STYLE,
        2 => CENTRAL_STYLE,
        _ => return name.to_string(),
    };
    let mut out = name.to_string();
    for (from, to) in rules {
        if from.chars().next().is_some_and(char::is_uppercase) {
            // Whole-name or initial rules.
            if out.starts_with(from) {
                out = format!("{to}{}", &out[from.len()..]);
            }
        } else {
            out = out.replace(from, to);
        }
    }
    out
}

/// Invented author names for bylines: always canonical spelling.
pub fn byline(rng: &mut impl Rng, people: &[Person]) -> String {
    let p = people.choose(rng).expect("non-empty pool");
    format!("{} {}", p.first, p.last)
}
