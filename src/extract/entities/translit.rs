//! Romanisation keys: one key for the Belarusian, Russian, Ukrainian and
//! English spellings of a name (Tsikhanouskaya / Tikhanovskaya,
//! Siarhei / Sergei), keeping gendered surname forms apart.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::model::Gender;

/// ASCII, lowercase, letters only.
pub fn fold(text: &str) -> String {
    deunicode::deunicode(text)
        .to_lowercase()
        .chars()
        .filter(char::is_ascii_alphabetic)
        .collect()
}

/// Consonant skeleton of a folded word after normalising the usual
/// romanisation pairs: `kh`/`h`, `ts`/`t` and `dz`/`d` (Belarusian soft
/// consonants), `h`/`g` (Belarusian h = Russian g), `ou`/`au` before a
/// consonant = `ov`/`av` (Belarusian ў), `x`/`ks`, `w`/`v`, `c`/`k`, Polish
/// digraphs; vowels are dropped (ia/ya/e, ei/ey...), a leading vowel or `v`
/// is kept as `v` (Uladzimir/Vladimir), doubled letters collapse.
pub fn skeleton(word: &str) -> String {
    let mut s = fold(word);
    for (from, to) in [
        ("shch", "S"),
        ("sch", "S"),
        ("szcz", "S"),
        ("zh", "Z"),
        ("rz", "Z"),
        ("kh", "X"),
        ("ch", "C"),
        ("cz", "C"),
        ("sh", "S"),
        ("sz", "S"),
        ("ts", "t"),
        ("tz", "t"),
        ("dz", "d"),
        ("ph", "f"),
        ("ck", "k"),
        ("x", "ks"),
        ("q", "k"),
        ("c", "k"),
        ("w", "v"),
        ("h", "g"),
    ] {
        s = s.replace(from, to);
    }
    // ou/au before a consonant or at the end: Belarusian ў.
    let chars: Vec<char> = s.chars().collect();
    let mut fixed = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == 'u'
            && i > 0
            && matches!(chars[i - 1], 'o' | 'a')
            && chars.get(i + 1).is_none_or(|n| !is_vowel(*n))
        {
            fixed.push('v');
        } else {
            fixed.push(c);
        }
    }
    let mut out = String::new();
    for (i, c) in fixed.chars().enumerate() {
        let c = if i == 0 && is_vowel(c) {
            'v'
        } else if is_vowel(c) {
            continue;
        } else {
            c
        };
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'j')
}

/// Gendered surname endings: (ending, stem replacement, gender).
const ENDINGS: &[(&str, &str, Gender)] = &[
    ("skaya", "sk", Gender::Female),
    ("skaia", "sk", Gender::Female),
    ("ska", "sk", Gender::Female),
    ("skiy", "sk", Gender::Male),
    ("skii", "sk", Gender::Male),
    ("sky", "sk", Gender::Male),
    ("ski", "sk", Gender::Male),
    ("ova", "ov", Gender::Female),
    ("eva", "ev", Gender::Female),
    ("ava", "av", Gender::Female),
    ("ina", "in", Gender::Female),
    ("yna", "yn", Gender::Female),
    ("ov", "ov", Gender::Male),
    ("ev", "ev", Gender::Male),
    ("in", "in", Gender::Male),
    ("yn", "yn", Gender::Male),
];

/// Key of a surname: the skeleton of its stem, and the gender its ending
/// marks (Tikhanovsky ♂ and Tikhanovskaya ♀ share a stem but not a gender).
pub fn surname_key(surname: &str) -> (String, Option<Gender>) {
    let folded = fold(surname);
    for (ending, stem, gender) in ENDINGS {
        if let Some(base) = folded.strip_suffix(ending) {
            if base.len() >= 3 {
                return (skeleton(&format!("{base}{stem}")), Some(*gender));
            }
        }
    }
    (skeleton(&folded), None)
}

/// Canonical given names with their romanisations, diminutives and gender.
const GIVEN: &[(&str, Option<Gender>)] = &[
    ("alexander aliaksandr aleksandr alexandr alyaksandr oleksandr aleksander aljaksandr alexandre", Some(Gender::Male)),
    ("alexandra aliaksandra aleksandra oleksandra", Some(Gender::Female)),
    ("sergei siarhei sergey serhiy serhii sergiy siarhiej", Some(Gender::Male)),
    ("svetlana sviatlana svyatlana svitlana", Some(Gender::Female)),
    ("vladimir uladzimir volodymyr wladimir wlodzimierz", Some(Gender::Male)),
    ("dmitry dzmitry dmitri dmitriy dmytro dzmitri", Some(Gender::Male)),
    ("nikolai mikalai nikolay mykola mikola nicolai", Some(Gender::Male)),
    ("maria maryia mariya marya mariia", Some(Gender::Female)),
    ("viktor viktar victor", Some(Gender::Male)),
    ("victoria viktoryia viktoria viktoriya", Some(Gender::Female)),
    ("andrei andrey andrej andriy andrii", Some(Gender::Male)),
    ("pavel paval pavlo pawel", Some(Gender::Male)),
    ("alexei aliaksei aleksei alexey aleksey oleksiy oleksii", Some(Gender::Male)),
    ("yuri yury yuriy iouri yurii jury", Some(Gender::Male)),
    ("igor ihar ihor", Some(Gender::Male)),
    ("gennady hienadz gennadiy hennadiy", Some(Gender::Male)),
    ("tatiana tatsiana tatyana tetiana tetyana tatsyana", Some(Gender::Female)),
    ("olga volha olha", Some(Gender::Female)),
    ("irina iryna", Some(Gender::Female)),
    ("natalia natallia nataliya natalya nataliia", Some(Gender::Female)),
    ("mikhail mikhas mykhailo michal michail", Some(Gender::Male)),
    ("pyotr piotr petr petro piatro pyotra", Some(Gender::Male)),
    ("roman raman", Some(Gender::Male)),
    ("maxim maksim maksym", Some(Gender::Male)),
    ("anatoly anatol anatoliy anatolii", Some(Gender::Male)),
    ("leonid leanid", Some(Gender::Male)),
    ("valentin valiantsin valentyn", Some(Gender::Male)),
    ("valentina valiantsina valentyna", Some(Gender::Female)),
    ("konstantin kanstantsin kostiantyn kostyantyn", Some(Gender::Male)),
    ("stepan stsiapan", Some(Gender::Male)),
    ("yevgeny yauhen evgeny evgeni yevgeniy yevhen evgenii", Some(Gender::Male)),
    ("vladislav uladzislau vladyslav wladyslaw", Some(Gender::Male)),
    ("veronika veranika", Some(Gender::Female)),
    ("polina palina", Some(Gender::Female)),
    ("ekaterina katsiaryna yekaterina kateryna katerina", Some(Gender::Female)),
    ("elena alena yelena olena", Some(Gender::Female)),
    ("anna hanna ganna", Some(Gender::Female)),
    ("yulia yuliya iulia", Some(Gender::Female)),
    ("ales oles", Some(Gender::Male)),
    ("artyom artem artsiom artiom", Some(Gender::Male)),
    ("anton antoni", Some(Gender::Male)),
    ("ivan", Some(Gender::Male)),
    ("boris barys", Some(Gender::Male)),
    ("vasily vasil vasyl vasili", Some(Gender::Male)),
    ("grigory ryhor hryhoriy", Some(Gender::Male)),
    ("denis dzianis dziani denys", Some(Gender::Male)),
    ("franak frantsishak", Some(Gender::Male)),
    ("marina maryna", Some(Gender::Female)),
    ("lyudmila liudmila ludmila", Some(Gender::Female)),
    ("galina halina halyna", Some(Gender::Female)),
    ("nadezhda nadzeya", Some(Gender::Female)),
    ("kirill kiryl kyrylo", Some(Gender::Male)),
    ("oleg aleh oleh", Some(Gender::Male)),
    ("yegor yahor egor", Some(Gender::Male)),
    ("ilya illia ilia", Some(Gender::Male)),
    ("stanislav stanislau", Some(Gender::Male)),
    ("vyacheslav viachaslau", Some(Gender::Male)),
    ("yaroslav yaraslau", Some(Gender::Male)),
    ("vitaly vitali vitaliy vitalii", Some(Gender::Male)),
    ("vadim vadzim", Some(Gender::Male)),
    ("daria darya", Some(Gender::Female)),
    ("oksana", Some(Gender::Female)),
    ("christopher chris", Some(Gender::Male)),
    ("michael mike", Some(Gender::Male)),
    ("william bill billy will", Some(Gender::Male)),
    ("joseph joe", Some(Gender::Male)),
    ("robert bob rob bobby", Some(Gender::Male)),
    ("james jim jimmy", Some(Gender::Male)),
    ("thomas tom", Some(Gender::Male)),
    ("daniel dan", Some(Gender::Male)),
    ("anthony tony", Some(Gender::Male)),
    ("nicholas nick", Some(Gender::Male)),
    ("stephen steven steve", Some(Gender::Male)),
    ("david dave", Some(Gender::Male)),
    ("benjamin ben", Some(Gender::Male)),
    ("samuel sam", Some(Gender::Male)),
    ("matthew matt", Some(Gender::Male)),
    ("peter pete", Some(Gender::Male)),
    ("andrew andy", Some(Gender::Male)),
    ("richard rick dick", Some(Gender::Male)),
    ("edward ed ted", Some(Gender::Male)),
    ("elizabeth liz beth", Some(Gender::Female)),
    ("katherine kate kathy catherine", Some(Gender::Female)),
];

/// Other given names (for spotting names; they are their own key).
const OTHER_MALE: &str = "john mark donald paul george kevin brian timothy ronald jason \
    jeffrey ryan jacob gary eric jonathan larry justin scott brandon gregory frank alex \
    patrick jack dennis jerry tyler aaron jose henry adam douglas nathan zachary kyle walter \
    harold jeremy ethan carl keith roger gerald christian terry sean arthur austin noah \
    lawrence jesse bryan jordan albert dylan bruce willie gabriel alan juan logan wayne ralph \
    roy eugene randy vincent russell louis philip johnny bradley marco mario rand tucker \
    hunter rex emmanuel olaf rishi keir recep xi narendra jens volker ali mohammed muhammad \
    ahmed hassan hussein omar kim abdullah marco lech tomas jonas gitanas andrzej radoslaw \
    donald viktor emmanuel friedrich mateusz karol jaroslaw nikol ilham kassym shavkat \
    alexander lindsey marc jd charlie karl hans klaus wolfgang jean pierre francois luis \
    carlos miguel antonio giuseppe giorgio pedro joao rafael tim ron jeff greg ken kenneth \
    chuck mitch kurt marco";
const OTHER_FEMALE: &str = "mary patricia jennifer linda barbara susan jessica sarah \
    karen nancy lisa margaret betty sandra ashley dorothy kimberly emily donna michelle carol \
    amanda melissa deborah stephanie rebecca laura sharon cynthia kathleen amy shirley \
    angela helen brenda pamela nicole samantha emma ruth christine debra rachel carolyn \
    janet virginia heather diane julie joyce kelly christina joan evelyn lauren judith \
    olivia martha cheryl megan andrea hannah jacqueline ann jean alice kathryn gloria \
    teresa doris sara janice julia marie madison grace judy theresa beverly denise marilyn \
    amber danielle abigail brittany rose diana natalie sophia alexis lori kayla jane hillary \
    kamala ursula kaja giorgia condoleezza madeleine nikki kristi tulsi kristina ingrida \
    agnieszka ewa magdalena katarzyna ana sophie claire anne";

struct Given {
    canonical: HashMap<String, (&'static str, Option<Gender>)>,
}

static GIVEN_NAMES: LazyLock<Given> = LazyLock::new(|| {
    let mut canonical = HashMap::new();
    for (line, gender) in GIVEN {
        let mut words = line.split_whitespace();
        let head = words.next().expect("non-empty row");
        canonical.insert(head.to_string(), (head, *gender));
        for w in words {
            canonical.insert(w.to_string(), (head, *gender));
        }
    }
    for (list, gender) in [
        (OTHER_MALE, Some(Gender::Male)),
        (OTHER_FEMALE, Some(Gender::Female)),
    ] {
        for w in list.split_whitespace() {
            canonical.entry(w.to_string()).or_insert((w, gender));
        }
    }
    Given { canonical }
});

/// Is this a known given name (any romanisation)?
pub fn is_given_name(word: &str) -> bool {
    GIVEN_NAMES.canonical.contains_key(&fold(word))
}

/// Key of a given name: its canonical form when known (Siarhei → sergei,
/// Chris → christopher), else its skeleton; and the gender it implies.
pub fn given_key(word: &str) -> (String, Option<Gender>) {
    let folded = fold(word);
    match GIVEN_NAMES.canonical.get(&folded) {
        Some((head, gender)) => (head.to_string(), *gender),
        None => (skeleton(&folded), None),
    }
}

/// Do two given names (either possibly an initial like "A.") name the same person?
pub fn given_compatible(a: &str, b: &str) -> bool {
    GivenName::new(a).compatible(&GivenName::new(b))
}

/// A given name made ready for [`GivenName::compatible`] (its folded form,
/// key and the key's skeleton), for callers that compare one name with
/// many.
#[derive(Debug, Clone)]
pub struct GivenName {
    folded: String,
    key: String,
    skeleton: String,
}

impl GivenName {
    pub fn new(word: &str) -> GivenName {
        let folded = fold(word);
        // `fold` is idempotent, so this is `given_key(word)`.
        let key = given_key(&folded).0;
        let skeleton = skeleton(&key);
        GivenName {
            folded,
            key,
            skeleton,
        }
    }

    /// See [`given_compatible`].
    pub fn compatible(&self, other: &GivenName) -> bool {
        let (fa, fb) = (&self.folded, &other.folded);
        if fa.is_empty() || fb.is_empty() {
            return true;
        }
        if fa.len() == 1 || fb.len() == 1 {
            let (initial, full) = if fa.len() == 1 {
                (self, other)
            } else {
                (other, self)
            };
            return full.folded.starts_with(initial.folded.as_str())
                || full.key.starts_with(initial.folded.as_str());
        }
        self.key == other.key || self.skeleton == other.skeleton
    }
}

/// Are two genders compatible (unknown matches either)?
pub fn gender_compatible(a: Option<Gender>, b: Option<Gender>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn belarusian_and_russian_romanisations_share_a_surname_key() {
        for (a, b) in [
            ("Lukashenko", "Lukashenka"),
            ("Tsikhanouskaya", "Tikhanovskaya"),
            ("Kalesnikava", "Kolesnikova"),
            ("Zhukouski", "Zhukovsky"),
        ] {
            assert_eq!(surname_key(a), surname_key(b), "{a} / {b}");
        }
    }

    #[test]
    fn gendered_surname_forms_share_a_stem_but_not_a_gender() {
        let (stem_f, g_f) = surname_key("Tsikhanouskaya");
        let (stem_m, g_m) = surname_key("Tikhanovsky");
        assert_eq!(stem_f, stem_m);
        assert_eq!(g_f, Some(Gender::Female));
        assert_eq!(g_m, Some(Gender::Male));
        assert!(!gender_compatible(g_f, g_m));
        assert_eq!(surname_key("Smith").1, None);
    }

    #[test]
    fn given_name_variants() {
        for (a, b) in [
            ("Aliaksandr", "Alexander"),
            ("Aleksandr", "Alexander"),
            ("Siarhei", "Sergei"),
            ("Sviatlana", "Svetlana"),
            ("Uladzimir", "Vladimir"),
            ("Chris", "Christopher"),
            ("A", "Aleksandr"),
        ] {
            assert!(given_compatible(a, b), "{a} / {b}");
        }
        for (a, b) in [
            ("Sviatlana", "Sergei"),
            ("Vladimir", "Viktor"),
            ("Pavel", "Piotr"),
        ] {
            assert!(!given_compatible(a, b), "{a} / {b}");
        }
        assert_eq!(given_key("Sviatlana").1, Some(Gender::Female));
        assert_eq!(given_key("Siarhei").1, Some(Gender::Male));
    }
}
