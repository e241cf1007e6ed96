//! Mention candidates in one paragraph: runs of capitalised words, cut and
//! classified by honorifics, titles, organisation cues, the gazetteer,
//! speech verbs, appositives and sentence-initial capitalisation.

use rustc_hash::FxHashSet;

use super::gazetteer;
use super::lexicon;
use super::model::{Gender, Kind};
use super::roles;
use super::tokens::Token;
use super::translit;

/// One candidate mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Token indices of the name (without honorific or title), inclusive.
    pub first: usize,
    pub last: usize,
    /// Byte range of the name in the paragraph.
    pub start: usize,
    pub end: usize,
    /// The words of the name.
    pub words: Vec<String>,
    /// `None`: a lone capitalised word with no cue (resolved later, or dropped).
    pub kind: Option<Kind>,
    /// Gazetteer name ("U.S." → "United States").
    pub canonical: Option<String>,
    /// From an honorific ("Ms.").
    pub gender: Option<Gender>,
    /// A person cue (honorific, title, speech verb, appositive) was seen.
    pub person_cue: bool,
    /// Descriptions from titles and appositives.
    pub roles: Vec<String>,
    pub quoted: bool,
}

impl Candidate {
    pub fn surface(&self) -> String {
        self.words.join(" ")
    }
}

/// The article-level knowledge candidates need: its lowercase words (a
/// sentence-initial capitalised word that also appears in lowercase is a
/// common word, not a name).
pub struct Context<'a> {
    pub lowercase_words: FxHashSet<&'a str>,
}

impl<'a> Context<'a> {
    pub fn new(paragraphs: impl IntoIterator<Item = &'a str>) -> Context<'a> {
        let mut lowercase_words = FxHashSet::default();
        for text in paragraphs {
            for w in text.split(|c: char| !c.is_alphanumeric() && c != '-') {
                if w.chars().next().is_some_and(char::is_lowercase) {
                    lowercase_words.insert(w);
                }
            }
        }
        Context { lowercase_words }
    }
}

const CONNECTORS: &[&str] = &[
    "of", "for", "on", "and", "de", "the", "von", "van", "al", "bin",
];

/// Lowercase second halves that make a hyphenated word an adjective ("Czech-led").
const COMPOUND_TAILS: &[&str] = &[
    "led",
    "linked",
    "based",
    "backed",
    "controlled",
    "friendly",
    "style",
    "born",
    "era",
    "made",
    "held",
    "run",
    "speaking",
    "owned",
    "occupied",
    "aligned",
    "leaning",
    "funded",
    "allied",
    "oriented",
    "dominated",
    "sponsored",
    "installed",
    "appointed",
    "designated",
];

fn namey(t: &Token<'_>) -> bool {
    if !t.word || !t.capitalised() {
        return false;
    }
    if let Some((_, tail)) = t.text.rsplit_once('-') {
        if COMPOUND_TAILS.contains(&tail) {
            return false;
        }
    }
    !t.text.chars().next().is_some_and(|c| c.is_ascii_digit())
}

fn is_acronym(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| *c != '.').collect();
    letters.len() >= 2
        && letters.iter().all(|c| c.is_uppercase())
        && !lexicon::is_non_org_acronym(&letters.iter().collect::<String>())
}

/// Maximal runs of capitalised tokens, joined by connectors when a
/// capitalised token follows; a possessive ends a run.
fn runs(tokens: &[Token<'_>]) -> Vec<Vec<usize>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !namey(&tokens[i]) {
            i += 1;
            continue;
        }
        let mut run = vec![i];
        let mut j = i;
        while !tokens[j].possessive {
            let next = j + 1;
            if next < tokens.len()
                && namey(&tokens[next])
                && tokens[next].quoted == tokens[j].quoted
            {
                run.push(next);
                j = next;
                continue;
            }
            if next + 1 < tokens.len()
                && tokens[next].word
                && CONNECTORS.contains(&tokens[next].lower().as_str())
                && namey(&tokens[next + 1])
            {
                run.push(next);
                run.push(next + 1);
                j = next + 1;
                continue;
            }
            break;
        }
        i = j + 1;
        out.push(run);
    }
    out
}

fn is_connector(t: &Token<'_>) -> bool {
    CONNECTORS.contains(&t.lower().as_str())
}

/// Cut a run at calendar words and at connectors that do not join an
/// organisation name or a title ("Mark Roe of the X Institute" → two).
fn segments(tokens: &[Token<'_>], run: &[usize]) -> Vec<Vec<usize>> {
    let phrase = run
        .iter()
        .map(|&i| tokens[i].text)
        .collect::<Vec<_>>()
        .join(" ");
    if gazetteer::place(&phrase).is_some() || gazetteer::org(&phrase).is_some() {
        return vec![run.to_vec()];
    }
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    let mut k = 0;
    while k < run.len() {
        let t = &tokens[run[k]];
        if lexicon::is_calendar(t.text) {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            k += 1;
            continue;
        }
        if is_connector(t) && t.text.chars().next().is_some_and(char::is_lowercase)
            || t.text == "The" && !current.is_empty()
        {
            // Keep "of"/"the" inside "Ministry of ...", "Friends of ...",
            // "Secretary of State"; split otherwise.
            let keeps = current.last().is_some_and(|&p| {
                let prev = tokens[p].text;
                lexicon::is_org_head(prev) || lexicon::is_title(prev) || is_connector(&tokens[p])
            });
            if keeps {
                current.push(run[k]);
            } else if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            k += 1;
            continue;
        }
        current.push(run[k]);
        k += 1;
    }
    if !current.is_empty() {
        out.push(current);
    }
    // A segment cannot end with a connector.
    for seg in &mut out {
        while seg.last().is_some_and(|&i| is_connector(&tokens[i])) {
            seg.pop();
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

fn phrase(tokens: &[Token<'_>], idx: &[usize]) -> String {
    idx.iter()
        .map(|&i| tokens[i].text)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Find the candidates of one paragraph.
pub fn find(text: &str, tokens: &[Token<'_>], ctx: &Context) -> Vec<Candidate> {
    let mut out = Vec::new();
    for run in runs(tokens) {
        for seg in segments(tokens, &run) {
            if let Some(c) = classify(text, tokens, seg, ctx) {
                out.push(c);
            }
        }
    }
    out
}

fn make(text: &str, tokens: &[Token<'_>], name: &[usize], kind: Option<Kind>) -> Candidate {
    let (first, last) = (name[0], *name.last().expect("non-empty name"));
    Candidate {
        first,
        last,
        start: tokens[first].start,
        end: tokens[last].end,
        words: text[tokens[first].start..tokens[last].end]
            .split_whitespace()
            .map(str::to_string)
            .collect(),
        kind,
        canonical: None,
        gender: None,
        person_cue: false,
        roles: Vec::new(),
        quoted: tokens[first].quoted,
    }
}

fn classify(
    text: &str,
    tokens: &[Token<'_>],
    mut seg: Vec<usize>,
    ctx: &Context,
) -> Option<Candidate> {
    // Sentence-initial common words and a leading "The".
    let mut the_prefix = false;
    while let Some(&i) = seg.first() {
        let t = &tokens[i];
        let lower = t.lower();
        if lower == "the" {
            the_prefix |= !t.sentence_start;
            seg.remove(0);
        } else if lexicon::is_function_word(&lower)
            || t.sentence_start
                && seg.len() == 1
                && (ctx.lowercase_words.contains(lower.as_str()) || common_plural(&lower))
                && !translit::is_given_name(t.text)
            || t.sentence_start
                && seg.len() > 1
                && ctx.lowercase_words.contains(lower.as_str())
                && !translit::is_given_name(t.text)
                && !lexicon::is_title(t.text)
                && !lexicon::is_org_head(t.text)
                && honorific_of(t).is_none()
        {
            seg.remove(0);
        } else {
            break;
        }
    }
    if seg.is_empty() {
        return None;
    }
    let whole = phrase(tokens, &seg);
    let lower_whole = whole.to_lowercase();
    if lexicon::is_known_org(&lower_whole) {
        let mut c = make(text, tokens, &seg, Some(Kind::Organization));
        c.roles = roles::around(text, tokens, seg[0], *seg.last()?, Kind::Organization);
        return Some(c);
    }
    if let Some(name) = gazetteer::org(&whole) {
        let mut c = make(text, tokens, &seg, Some(Kind::Organization));
        c.canonical = Some(name.to_string());
        return Some(c);
    }
    if let Some((name, _)) = gazetteer::place(&whole) {
        let mut c = make(text, tokens, &seg, Some(Kind::Place));
        c.canonical = Some(name.to_string());
        return Some(c);
    }
    let last_word = tokens[*seg.last()?].text;
    let inner_head = seg
        .windows(2)
        .any(|w| lexicon::is_org_head(tokens[w[0]].text) && is_connector(&tokens[w[1]]));
    let org_shaped = lexicon::is_org_tail(last_word)
        || inner_head
        || seg.len() > 1 && lexicon::is_org_head(tokens[seg[0]].text)
        || the_prefix && !translit::is_given_name(tokens[seg[0]].text);
    if org_shaped {
        // Leading demonyms are descriptions ("Belarusian Interior Ministry").
        while seg.len() > 2 && gazetteer::is_demonym(tokens[seg[0]].text) {
            seg.remove(0);
        }
        let mut c = make(text, tokens, &seg, Some(Kind::Organization));
        c.roles = roles::around(text, tokens, seg[0], *seg.last()?, Kind::Organization);
        return Some(c);
    }
    person_or_weak(text, tokens, seg)
}

/// A plural common noun naming people ("Analysts", "Observers"), which
/// often opens a sentence.
fn common_plural(lower: &str) -> bool {
    let Some(singular) = lower.strip_suffix('s') else {
        return false;
    };
    lexicon::is_person_noun(singular)
        || ["er", "or", "ist", "ian", "ant", "ent", "at", "ic"]
            .iter()
            .any(|e| singular.ends_with(e))
}

fn honorific_of(t: &Token<'_>) -> Option<Option<Gender>> {
    lexicon::honorific(t.text).filter(|_| t.text.ends_with('.') || t.text.len() > 2)
}

fn person_or_weak(text: &str, tokens: &[Token<'_>], seg: Vec<usize>) -> Option<Candidate> {
    // Strip honorifics, titles, demonyms and place modifiers before the name.
    let mut gender = None;
    let mut honorific = false;
    let mut titled = false;
    let mut k = 0;
    while k + 1 < seg.len() {
        let t = &tokens[seg[k]];
        if let Some(g) = honorific_of(t) {
            honorific = true;
            gender = gender.or(g);
        } else if lexicon::is_title(t.text) {
            titled = true;
        } else if !(gazetteer::is_demonym(t.text)
            || gazetteer::place(t.text).is_some()
            || is_connector(t))
        {
            break;
        }
        k += 1;
    }
    let title_part = &seg[..k];
    let mut name: Vec<usize> = seg[k..].to_vec();
    // A lone title or honorific is no name.
    if name.len() == 1 {
        let t = &tokens[name[0]];
        if lexicon::is_title(t.text) || honorific_of(t).is_some() || gazetteer::is_demonym(t.text) {
            return None;
        }
    }
    // A name has no connectors left: keep the part after the last one.
    if let Some(pos) = name.iter().rposition(|&i| is_connector(&tokens[i])) {
        name = name[pos + 1..].to_vec();
    }
    if name.is_empty() || name.len() > 4 {
        return None;
    }
    let words: Vec<&str> = name.iter().map(|&i| tokens[i].text).collect();
    if words
        .iter()
        .any(|w| lexicon::is_calendar(w) || gazetteer::is_demonym(w))
    {
        return None;
    }
    if name.len() == 1 && is_acronym(words[0]) {
        let mut c = make(text, tokens, &name, Some(Kind::Organization));
        c.canonical = gazetteer::org(words[0]).map(str::to_string);
        return Some(c);
    }
    if let Some((place, _)) = gazetteer::place(&words.join(" ")) {
        let mut c = make(text, tokens, &name, Some(Kind::Place));
        c.canonical = Some(place.to_string());
        return Some(c);
    }
    let (first, last) = (name[0], *name.last()?);
    let context = roles::cues(text, tokens, seg[0], last);
    let mut c = make(text, tokens, &name, None);
    c.gender = gender;
    if titled {
        let role = text[tokens[title_part[0]].start..tokens[*title_part.last()?].end].to_string();
        let role = role
            .split_whitespace()
            .skip_while(|w| honorific_of_str(w))
            .collect::<Vec<_>>()
            .join(" ");
        if !role.is_empty() {
            c.roles.push(role);
        }
    }
    let cue_person = honorific || titled || context.person;
    let shaped = name.len() >= 2
        && (translit::is_given_name(tokens[first].text)
            || lexicon::has_surname_ending(tokens[last].text)
            || name.len() == 3 && tokens[name[1]].text.ends_with('.'));
    if cue_person || shaped && !context.org {
        c.kind = Some(Kind::Person);
        c.person_cue = cue_person;
        if context.person {
            c.roles.extend(context.roles);
        }
    } else if context.org {
        c.kind = Some(Kind::Organization);
        c.roles.extend(context.roles);
    } else if name.len() > 1 {
        return None;
    }
    Some(c)
}

fn honorific_of_str(word: &str) -> bool {
    lexicon::honorific(word).is_some() && (word.ends_with('.') || word.len() > 2)
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn found(text: &str) -> Vec<(String, Option<Kind>)> {
        let ctx = Context::new([text]);
        let tokens = tokenize(text);
        find(text, &tokens, &ctx)
            .into_iter()
            .map(|c| (c.canonical.clone().unwrap_or_else(|| c.surface()), c.kind))
            .collect()
    }

    fn has(text: &str, name: &str, kind: Kind) -> bool {
        found(text)
            .iter()
            .any(|(n, k)| n == name && *k == Some(kind))
    }

    #[test]
    fn honorifics_and_titles_make_persons_and_are_stripped() {
        let t = "Mr. Varenik met Interior Minister Ostap Hlushko and Sen. Dana Whitfield.";
        assert!(has(t, "Varenik", Kind::Person), "{:?}", found(t));
        assert!(has(t, "Ostap Hlushko", Kind::Person), "{:?}", found(t));
        assert!(has(t, "Dana Whitfield", Kind::Person), "{:?}", found(t));
    }

    #[test]
    fn org_cues_and_acronyms() {
        let t = "Analysts at the Zorya Institute and the OMSK said the Friends of Narnia Caucus and the Borovia Ministry of Transport met.";
        assert!(
            has(t, "Zorya Institute", Kind::Organization),
            "{:?}",
            found(t)
        );
        assert!(has(t, "OMSK", Kind::Organization), "{:?}", found(t));
        assert!(
            has(t, "Friends of Narnia Caucus", Kind::Organization),
            "{:?}",
            found(t)
        );
        assert!(
            has(t, "Borovia Ministry of Transport", Kind::Organization),
            "{:?}",
            found(t)
        );
    }

    #[test]
    fn gazetteer_places_and_demonyms() {
        let t = "Belarusian and Russian troops moved from Minsk to the U.S. border with Poland.";
        let f = found(t);
        assert!(has(t, "Minsk", Kind::Place), "{f:?}");
        assert!(has(t, "United States", Kind::Place), "{f:?}");
        assert!(has(t, "Poland", Kind::Place), "{f:?}");
        assert!(
            !f.iter()
                .any(|(n, _)| n.contains("Belarusian") || n.contains("Russian")),
            "{f:?}"
        );
    }

    #[test]
    fn sentence_initial_common_words_are_not_names() {
        let t = "Observers said little. Despite this, Roadmaps were drawn and roadmaps shared.";
        let f = found(t);
        assert!(
            !f.iter().any(|(n, _)| n == "Observers" || n == "Despite"),
            "{f:?}"
        );
        // A capitalised common word inside a sentence is left undecided.
        assert!(
            f.iter().any(|(n, k)| n == "Roadmaps" && k.is_none()),
            "{f:?}"
        );
    }

    #[test]
    fn speech_verbs_and_appositives_make_persons() {
        let t = "“We wait,” said Ostap Zhyvitsa. Tamsin Oyelaran, a veteran analyst, agreed. Harrow told reporters.";
        assert!(has(t, "Ostap Zhyvitsa", Kind::Person), "{:?}", found(t));
        assert!(has(t, "Tamsin Oyelaran", Kind::Person), "{:?}", found(t));
        assert!(has(t, "Harrow", Kind::Person), "{:?}", found(t));
    }

    #[test]
    fn org_noun_before_a_name() {
        let t = "The national carrier Skyvolt resumed flights, the daily Vesnik reported.";
        assert!(has(t, "Skyvolt", Kind::Organization), "{:?}", found(t));
        assert!(has(t, "Vesnik", Kind::Organization), "{:?}", found(t));
    }

    #[test]
    fn name_of_organisation_splits() {
        let t = "Ivo Brankovic of the Lantern Institute spoke to The Morning Ledger.";
        assert!(has(t, "Ivo Brankovic", Kind::Person), "{:?}", found(t));
        assert!(
            has(t, "Lantern Institute", Kind::Organization),
            "{:?}",
            found(t)
        );
        assert!(
            has(t, "Morning Ledger", Kind::Organization),
            "{:?}",
            found(t)
        );
    }
}
