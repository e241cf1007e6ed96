//! A built-in gazetteer: countries (with their common short forms),
//! capitals, continents and regions, US states, major cities, international
//! organisations, and demonyms (which are never actors).

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::LazyLock;

/// `Canonical|alias|alias` lines: countries.
const COUNTRIES: &str = "
Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan
Bahamas|Bahrain|Bangladesh|Barbados|Belgium|Belize|Benin|Bhutan|Bolivia
Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia
Cameroon|Canada|Cape Verde|Chad|Chile|China|Colombia|Comoros|Congo|Costa Rica|Croatia|Cuba
Cyprus|Denmark|Djibouti|Dominica|Dominican Republic|Ecuador|Egypt
El Salvador|Eritrea|Estonia|Eswatini|Ethiopia|Fiji|Finland|France|Gabon|Gambia|Georgia
Germany|Ghana|Greece|Grenada|Guatemala|Guinea|Guyana|Haiti|Honduras|Hungary|Iceland|India
Indonesia|Iran|Iraq|Ireland|Israel|Italy|Ivory Coast|Jamaica|Japan|Jordan|Kazakhstan|Kenya
Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|Liechtenstein|Lithuania
Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Mauritania|Mauritius|Mexico
Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Namibia|Nepal|Netherlands
New Zealand|Nicaragua|Niger|Nigeria|North Korea|North Macedonia|Norway|Oman|Pakistan|Palestine
Panama|Paraguay|Peru|Philippines|Poland|Portugal|Qatar|Romania|Rwanda|Saudi Arabia|Senegal
Serbia|Sierra Leone|Singapore|Slovakia|Slovenia|Somalia|South Africa|South Korea|South Sudan
Spain|Sri Lanka|Sudan|Suriname|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand
Togo|Tunisia|Turkmenistan|Uganda|Ukraine|Uruguay|Uzbekistan|Venezuela|Vietnam|Yemen|Zambia
Zimbabwe|Yugoslavia|Crimea|Donbas|Transnistria|Abkhazia|Greenland
England|Scotland|Wales
Republic of Ireland
";

/// `Canonical|alias|alias` lines: one place per line.
const ALIASES: &[(&str, PlaceKind)] = &[
    ("Russia|Russian Federation", PlaceKind::Country),
    (
        "United States|U.S.|US|USA|U.S.A.|America|United States of America",
        PlaceKind::Country,
    ),
    (
        "United Kingdom|U.K.|UK|Britain|Great Britain",
        PlaceKind::Country,
    ),
    ("Turkey|Turkiye|Türkiye", PlaceKind::Country),
    ("Belarus|Byelorussia|Belorussia", PlaceKind::Country),
    ("Bosnia and Herzegovina|Bosnia", PlaceKind::Country),
    ("Czech Republic|Czechia", PlaceKind::Country),
    ("Soviet Union|USSR|U.S.S.R.", PlaceKind::Country),
    ("Kyiv|Kiev", PlaceKind::City),
    (
        "Washington|Washington DC|Washington, D.C.|D.C.",
        PlaceKind::City,
    ),
    ("New York|New York City", PlaceKind::City),
    ("Odesa|Odessa", PlaceKind::City),
    (
        "St. Petersburg|Saint Petersburg|Petersburg",
        PlaceKind::City,
    ),
    ("Grodno|Hrodna", PlaceKind::City),
    ("Gomel|Homel", PlaceKind::City),
    ("Vitebsk|Viciebsk", PlaceKind::City),
    ("Mogilev|Mahilyow|Mahiliou", PlaceKind::City),
    ("Bobruisk|Babruysk", PlaceKind::City),
];

/// Capitals and other major cities.
const CITIES: &str = "
Minsk|Moscow|Warsaw|Vilnius|Riga|Tallinn|Berlin|Paris|London|Rome|Madrid|Lisbon
Brussels|Amsterdam|The Hague|Vienna|Prague|Bratislava|Budapest|Bucharest|Sofia|Belgrade
Zagreb|Ljubljana|Sarajevo|Podgorica|Skopje|Tirana|Athens|Ankara|Istanbul|Chisinau|Tbilisi
Yerevan|Baku|Astana|Tashkent|Bishkek|Dushanbe|Ashgabat|Beijing|Tokyo|Seoul|Pyongyang
New Delhi|Delhi|Islamabad|Kabul|Tehran|Baghdad|Damascus|Beirut|Amman|Jerusalem|Tel Aviv|Gaza
Cairo|Riyadh|Doha|Dubai|Abu Dhabi|Ottawa|Mexico City|Havana|Caracas|Brasilia|Buenos Aires
Santiago|Lima|Bogota|Canberra|Sydney|Helsinki|Stockholm|Oslo|Copenhagen|Reykjavik|Dublin
Bern|Geneva|Zurich|Luxembourg City|Valletta|Nicosia|Copenhagen|Edinburgh|Munich|Hamburg
Frankfurt|Kharkiv|Lviv|Mariupol
Kursk|Belgorod|Smolensk|Kaliningrad|Brest|Pinsk
Gdansk|Krakow|Bialystok|Lublin|Kaunas|Daugavpils
Shanghai|Hong Kong|Mumbai|Istanbul|Johannesburg|Nairobi|Lagos|Addis Ababa|Khartoum|Tripoli
Los Angeles|Chicago|Boston
San Francisco|Miami|Houston|Dallas|Seattle|Atlanta|Philadelphia|Detroit|Las Vegas|Anchorage
Mar-a-Lago|Palm Beach|Davos|Munich|Strasbourg|Helsinki|Minsk
";

const REGIONS: &str = "
Europe|Asia|Africa|North America|South America|Latin America|Middle East|Eastern Europe
Western Europe|Central Europe|Central Asia|Southeast Asia|East Asia|Balkans|Baltics
Caucasus|Scandinavia|Arctic|Antarctica|Siberia|Oceania|Caribbean|Mediterranean
Black Sea|Baltic Sea|Caspian Sea|Persian Gulf|Pacific|Atlantic|Indian Ocean|Sahel
Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Hawaii
Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts
Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey
New Mexico|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island
South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|West Virginia|Wisconsin
Wyoming
";

/// International organisations known by name and acronym.
const ORGS: &str = "
European Union|EU|E.U.
United Nations|UN|U.N.
NATO|North Atlantic Treaty Organization
Organization for Security and Co-operation in Europe|OSCE
International Monetary Fund|IMF
World Bank
Council of Europe
European Commission
European Parliament
International Criminal Court|ICC
World Health Organization|WHO
Collective Security Treaty Organization|CSTO
Commonwealth of Independent States|CIS
Eurasian Economic Union|EAEU
Shanghai Cooperation Organisation|SCO
BRICS
G7|G20
Red Cross|International Committee of the Red Cross|ICRC
Amnesty International
Human Rights Watch
";

const DEMONYMS: &str = "
American Belarusian Byelorussian Belarussian Russian Ukrainian Polish Lithuanian Latvian
Estonian German French British English Chinese Japanese Korean Iranian Turkish Hungarian
Czech Slovak European Asian African Western Eastern Northern Southern Central Soviet
Canadian Mexican Israeli Palestinian Syrian Iraqi Afghan Indian Pakistani Georgian Armenian
Azerbaijani Kazakh Uzbek Moldovan Romanian Bulgarian Serbian Croatian Bosnian Albanian Greek
Italian Spanish Portuguese Dutch Belgian Swiss Austrian Swedish Norwegian Finnish Danish
Irish Scottish Welsh Australian Brazilian Argentine Argentinian Cuban Venezuelan Qatari
Saudi Egyptian Libyan Nordic Baltic Slavic Arab Arabic Kurdish Jewish Muslim Christian
Catholic Orthodox Republican Republicans Democrat Democratic Democrats Communist
Slovenian Macedonian Montenegrin Kosovar Chechen Tatar Crimean Siberian
Muscovite Lebanese Jordanian Yemeni Emirati Turkmen Tajik Kyrgyz Mongolian Korean Vietnamese
Thai Filipino Indonesian Malaysian Nigerian Kenyan Ethiopian Sudanese Somali Moroccan
Algerian Tunisian Balkan Caucasian Scandinavian Mediterranean Caribbean Latino Hispanic
Anglo Franco Sino Indo Pro-Western Pro-Russian Post-Soviet Kremlin-backed
";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    Country,
    City,
    Region,
}

struct Gazetteer {
    /// Lowercased alias → (canonical, kind).
    places: FxHashMap<String, (&'static str, PlaceKind)>,
    orgs: FxHashMap<String, &'static str>,
    demonyms: FxHashSet<String>,
}

fn normal(phrase: &str) -> String {
    if phrase.is_ascii() {
        normal_ascii(phrase)
    } else {
        transliterated(phrase)
    }
}

/// [`normal`] of any text: transliterated to ASCII, lowercase, without
/// dots and commas, white space folded.
fn transliterated(phrase: &str) -> String {
    deunicode::deunicode(phrase)
        .to_lowercase()
        .replace(['.', ','], "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// [`normal`] of ASCII text (which transliteration leaves as it is), in
/// one pass: lowercase, without dots and commas, white space folded.
fn normal_ascii(phrase: &str) -> String {
    let mut out = String::with_capacity(phrase.len());
    let mut space = false;
    for c in phrase.chars().filter(|c| !matches!(c, '.' | ',')) {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let mut places = FxHashMap::default();
    for (line, kind) in ALIASES {
        let items: Vec<&str> = line.split('|').collect();
        for item in &items {
            places.insert(normal(item), (items[0], *kind));
        }
    }
    for (text, kind) in [
        (COUNTRIES, PlaceKind::Country),
        (CITIES, PlaceKind::City),
        (REGIONS, PlaceKind::Region),
    ] {
        for item in text
            .split(['|', '\n'])
            .map(str::trim)
            .filter(|i| !i.is_empty())
        {
            places.entry(normal(item)).or_insert((item, kind));
        }
    }
    let mut orgs = FxHashMap::default();
    for line in ORGS.lines().filter(|l| !l.trim().is_empty()) {
        let items: Vec<&str> = line.split('|').map(str::trim).collect();
        for item in &items {
            orgs.insert(normal(item), items[0]);
        }
    }
    let demonyms = DEMONYMS.split_whitespace().map(normal).collect();
    Gazetteer {
        places,
        orgs,
        demonyms,
    }
});

/// The canonical place a phrase names ("U.S." → "United States").
pub fn place(phrase: &str) -> Option<(&'static str, PlaceKind)> {
    GAZETTEER.places.get(&normal(phrase)).copied()
}

/// The canonical international organisation a phrase names ("E.U." → "European Union").
pub fn org(phrase: &str) -> Option<&'static str> {
    GAZETTEER.orgs.get(&normal(phrase)).copied()
}

/// A demonym or other adjective of origin ("Belarusian", "Russians").
pub fn is_demonym(word: &str) -> bool {
    let w = normal(word);
    let w = w.trim_end_matches(['’', '\'']);
    GAZETTEER.demonyms.contains(w)
        || w.strip_suffix('s')
            .is_some_and(|s| GAZETTEER.demonyms.contains(s))
        || w.split('-').count() > 1
            && w.split('-').all(|p| {
                GAZETTEER.demonyms.contains(p)
                    || GAZETTEER.places.contains_key(p)
                    || matches!(p, "us" | "eu")
            })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_phrases_are_normalised_as_any_other() {
        let slow = transliterated;
        for p in [
            "U.S.",
            "  The   United\tStates ",
            "E. U.",
            "a . b",
            "Washington, D.C.",
            "line\x0bfeed\r\nend",
            "...",
            "",
        ] {
            assert_eq!(normal_ascii(p), slow(p), "{p:?}");
        }
        assert_eq!(normal("U. S."), "u s");
        assert_eq!(normal("Mińsk, ‘Belarus’"), "minsk 'belarus'");
    }

    #[test]
    fn country_aliases_have_one_canonical_name() {
        assert_eq!(place("U.S.").unwrap().0, "United States");
        assert_eq!(place("America").unwrap().0, "United States");
        assert_eq!(place("Britain").unwrap().0, "United Kingdom");
        assert_eq!(place("Kiev").unwrap().0, "Kyiv");
        assert_eq!(place("Poland").unwrap(), ("Poland", PlaceKind::Country));
        assert_eq!(place("Vilnius").unwrap().1, PlaceKind::City);
        assert!(place("Lukashenko").is_none());
    }

    #[test]
    fn demonyms_are_recognised_but_are_not_places() {
        for word in [
            "Belarusian",
            "Russians",
            "Americans",
            "Lithuanian-Belarusian",
            "US-Belarus",
        ] {
            assert!(is_demonym(word), "{word}");
        }
        assert!(place("Belarusian").is_none());
        assert!(!is_demonym("Belavia"));
    }

    #[test]
    fn international_orgs_by_acronym() {
        assert_eq!(org("E.U."), Some("European Union"));
        assert_eq!(org("NATO"), Some("NATO"));
        assert_eq!(org("U.N."), Some("United Nations"));
    }
}
