//! Generic English news lexicons: honorifics, titles, organisation cues,
//! speech verbs, function words. Nothing here is specific to one article.

use rustc_hash::FxHashSet;
use std::sync::LazyLock;

use super::model::Gender;

fn set(words: &'static str) -> FxHashSet<&'static str> {
    words.split_whitespace().collect()
}

/// Honorifics (lowercase, without the dot) and the gender they imply.
pub fn honorific(word: &str) -> Option<Option<Gender>> {
    match word.trim_end_matches('.').to_lowercase().as_str() {
        "mr" | "sir" | "messrs" => Some(Some(Gender::Male)),
        "ms" | "mrs" | "miss" | "madam" | "dame" => Some(Some(Gender::Female)),
        "dr" | "prof" | "mx" => Some(None),
        _ => None,
    }
}

static TITLES: LazyLock<FxHashSet<&str>> = LazyLock::new(|| {
    set(
        "president vice prime minister secretary senator sen rep representative \
     congressman congresswoman governor gov mayor speaker chancellor ambassador envoy \
     general gen col colonel lt lieutenant captain capt admiral adm commander sgt sergeant \
     king queen prince princess pope ayatollah sheikh emir chairman chairwoman chair \
     director executive chief head deputy assistant foreign defense defence interior \
     finance justice state then former ex leader opposition judge attorney spokesman \
     spokeswoman spokesperson officer premier patriarch metropolitan bishop cardinal \
     researcher analyst professor prof expert economist journalist editor activist blogger \
     philosopher candidate diplomat senior acting interim commissioner councillor councilor \
     lawmaker minister-president first lady undersecretary under federal national \
     presidential vice-president co-chair founder",
    )
});

/// A word that can stand in a title before a name ("Defense Minister").
pub fn is_title(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_lowercase();
    TITLES.contains(w.as_str()) || w.starts_with("then-") || w.starts_with("ex-")
}

static ORG_TAIL: LazyLock<FxHashSet<&str>> = LazyLock::new(|| {
    set(
        "institute center centre ministry caucus group department agency council union \
     assembly committee commission party bank university college academy foundation fund \
     association society league movement front organization organisation corporation corp \
     inc ltd llc company airlines airways service services office bureau board court \
     tribunal parliament senate congress duma government administration cabinet army navy \
     forces police guard embassy consulate times post journal news press herald tribune \
     gazette telegraph guardian review network radio television tv channel media monitor \
     watch international initiative coalition alliance programme program club holdings \
     presse observatory council directorate secretariat command fleet brigade battalion \
     regiment division unit inspectorate prosecutor's",
    )
});

/// Last word of an organisation name ("Quincy Institute").
pub fn is_org_tail(word: &str) -> bool {
    ORG_TAIL.contains(word.to_lowercase().as_str())
}

static ORG_HEAD: LazyLock<FxHashSet<&str>> = LazyLock::new(|| {
    set(
        "ministry department university bank institute office council committee commission \
     friends federation union league association academy court party board bureau radio \
     agence embassy centre center fund foundation house museum order school church \
     government parliament chamber",
    )
});

/// First word of an organisation name that takes an `of` complement
/// ("Ministry of ...", "Friends of ...").
pub fn is_org_head(word: &str) -> bool {
    ORG_HEAD.contains(word.to_lowercase().as_str())
}

static KNOWN_ORGS: LazyLock<FxHashSet<&str>> = LazyLock::new(|| {
    [
        "white house",
        "kremlin",
        "pentagon",
        "congress",
        "senate",
        "duma",
        "state duma",
        "bundestag",
        "knesset",
        "politburo",
        "downing street",
        "elysee",
        "vatican",
        "interpol",
        "europol",
    ]
    .into_iter()
    .collect()
});

/// Institutions named by a bare name ("the Kremlin", "the White House").
pub fn is_known_org(phrase_lower: &str) -> bool {
    KNOWN_ORGS.contains(phrase_lower)
}

static ORG_NOUNS: LazyLock<FxHashSet<&str>> = LazyLock::new(|| {
    set(
        "group organization organisation company carrier airline firm bank party movement \
     agency newspaper daily weekly magazine broadcaster channel outlet network institute \
     tank ngo charity union coalition alliance ministry department body watchdog operator \
     producer manufacturer website platform station think-tank publication tabloid \
     organizations groups",
    )
});

/// A common noun naming a kind of organisation ("carrier", "group").
pub fn is_org_noun(word: &str) -> bool {
    ORG_NOUNS.contains(word.to_lowercase().as_str())
}

static PERSON_NOUNS: LazyLock<FxHashSet<&str>> = LazyLock::new(|| {
    set(
        "leader president minister secretary official analyst expert scholar researcher \
     activist journalist blogger philosopher writer author candidate politician diplomat \
     envoy ambassador spokesman spokeswoman spokesperson advisor adviser aide chief head \
     director chairman chairwoman founder economist lawyer attorney judge anchor host \
     reporter correspondent editor commander general officer soldier prisoner detainee \
     dissident opponent laureate sister brother wife husband son daughter mother father \
     widow member deputy lawmaker senator governor mayor speaker ruler dictator strongman \
     businessman businesswoman entrepreneur professor student fellow colleague pastor \
     priest bishop coach player singer artist musician poet historian scientist doctor \
     campaigner organizer protester volunteer chancellor premier representative negotiator \
     emissary mediator observer commentator columnist strategist lobbyist consultant \
     manager executive ceo owner investor banker oligarch tycoon heir successor \
     predecessor nominee contender challenger incumbent counterpart prosecutor \
     investigator agent spy figure politician monarch king queen prince princess pope \
     cleric rabbi imam professor lecturer actor actress filmmaker director producer \
     photographer designer architect engineer inventor explorer pilot athlete champion \
     boss chair co-chair adviser",
    )
});

/// A common noun naming a kind of person ("analyst", "envoy").
pub fn is_person_noun(word: &str) -> bool {
    PERSON_NOUNS.contains(word.to_lowercase().as_str())
}

static SPEECH: LazyLock<FxHashSet<&str>> = LazyLock::new(|| {
    set(
        "said says say told tells added adds noted notes explained explains emphasised \
     emphasized emphasises emphasizes stressed stresses argued argues claimed claims \
     stated states warned warns wrote writes insisted insists asked asks replied replies \
     recalled recalls continued continues concluded concludes observed observes commented \
     comments declared declares announced announces cautioned cautions urged urges \
     acknowledged acknowledges admitted admits suggested suggests tweeted posted agreed \
     agrees criticized criticised criticizes criticises praised praises hailed hails \
     denied denies confirmed confirms reported reports remarked remarks countered \
     counters predicted predicts",
    )
});

/// A verb introducing speech ("said", "told", "emphasises").
pub fn is_speech_verb(word: &str) -> bool {
    SPEECH.contains(word.to_lowercase().as_str())
}

static FUNCTION: LazyLock<FxHashSet<&str>> = LazyLock::new(|| {
    set(
        "the a an this that these those in on at after before but and or nor when while \
     as both many some several it its he she they we i you his her their our my your \
     there here if for from with without by to of during since until despite although \
     though however meanwhile yet so still also even only all any each every no not now \
     then today yesterday tomorrow last next one two three four five six seven eight nine \
     ten first second third later earlier moreover furthermore instead indeed according \
     among between under over about against around because what which who whom whose \
     where why how such much more most less other another once again already just \
     perhaps thus therefore hence notably is was were are be been being has have had do \
     does did will would can could should may might must shall including like via into \
     onto upon than whether either neither unlike toward towards within beyond through \
     throughout across behind beside besides near off out up down away ahead amid amidst \
     along following said told says ago back very well too rather quite almost nearly \
     him them us me it's that's there's here's it’s that’s there’s here’s \
     nobody somebody anybody everybody someone anyone everyone nothing something \
     anything everything none whoever whatever himself herself itself themselves",
    )
});

/// A function word (determiner, preposition, pronoun, auxiliary...): never part
/// of a name, and the end of a role phrase scanned backwards.
pub fn is_function_word(word: &str) -> bool {
    FUNCTION.contains(word.to_lowercase().as_str())
}

static CALENDAR: LazyLock<FxHashSet<&str>> = LazyLock::new(|| {
    set(
        "january february march april may june july august september october november \
     december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday \
     thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun \
     christmas easter",
    )
});

/// Month and weekday names (with or without the abbreviation dot).
pub fn is_calendar(word: &str) -> bool {
    CALENDAR.contains(word.trim_end_matches('.').to_lowercase().as_str())
}

static NOT_ORG_ACRONYMS: LazyLock<FxHashSet<&str>> = LazyLock::new(|| {
    set(
        "TV CEO CFO CTO GDP LNG UAV UAVS COVID AI OK PM AM ID IT PR RSS URL HTML FAQ GMT \
     UTC VIP DNA HIV AIDS ATM PC PhD MP MPS DJ HQ IQ PS PPS QA RIP FYI LOL SMS USB GPS \
     VPN WIFI CCTV OSINT DIY BC AD BCE CE NB II III IV VI VII VIII IX XI XII XX XXI",
    )
});

/// All-caps words that are not organisations ("TV", "GDP").
pub fn is_non_org_acronym(word: &str) -> bool {
    NOT_ORG_ACRONYMS.contains(word.to_uppercase().as_str())
}

/// Abbreviations that keep their dot ("Mr.", "Sept.", "Inc.").
pub fn is_abbreviation(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "mr" | "mrs"
            | "ms"
            | "dr"
            | "sen"
            | "rep"
            | "gov"
            | "gen"
            | "lt"
            | "col"
            | "capt"
            | "adm"
            | "sgt"
            | "st"
            | "jr"
            | "sr"
            | "prof"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "inc"
            | "ltd"
            | "corp"
            | "co"
            | "vs"
            | "etc"
            | "messrs"
    )
}

/// Words after a one-word name that make it a person ("the Smith administration").
pub fn is_leader_noun(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "administration" | "government" | "regime" | "presidency" | "cabinet" | "campaign"
    )
}

/// Third-person pronouns and the gender they refer to.
pub fn pronoun(word: &str) -> Option<Option<Gender>> {
    match word.to_lowercase().as_str() {
        "he" | "him" | "his" => Some(Some(Gender::Male)),
        "she" | "her" | "hers" => Some(Some(Gender::Female)),
        _ => None,
    }
}

/// Slavic and other surname endings that make an unknown two-word
/// capitalised run a person's name ("-enko", "-ski", "-ova").
pub fn has_surname_ending(word: &str) -> bool {
    let w = deunicode::deunicode(word).to_lowercase();
    const ENDINGS: &[&str] = &[
        "enko", "enka", "ski", "sky", "skiy", "skaya", "ska", "vich", "vics", "chuk", "czuk",
        "yuk", "iuk", "ova", "eva", "ava", "ov", "ev", "yan", "ian", "shvili", "dze", "escu",
        "ovic", "evic", "czyk", "wicz",
    ];
    w.len() > 4 && ENDINGS.iter().any(|e| w.ends_with(e))
}
