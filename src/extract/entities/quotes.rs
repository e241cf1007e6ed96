//! Direct speech and who said it: a speech verb next to a person
//! ("…,” said X / X told), a pronoun ("he said") resolved to the last
//! speaker or the last person named, the subject of a sentence with a speech
//! verb, or, for a sentence that is only a quotation, the previous speaker.

use super::coref::Para;
use super::lexicon;
use super::model::{Gender, Kind, LocalEntity};
use super::tokens::is_quote_char;
use super::translit;

/// Fewer quoted words than this are scare quotes, not speech.
const MIN_WORDS: usize = 4;

/// One attributed quotation: (entity index, paragraph number, text).
pub type Attributed = (usize, usize, String);

#[derive(Clone)]
struct Mention {
    first: usize,
    last: usize,
    entity: usize,
}

/// Attribute the quotations of an article's paragraphs.
pub fn attribute(
    paras: &[Para<'_>],
    assignment: &[Vec<Option<usize>>],
    entities: &[LocalEntity],
) -> Vec<Attributed> {
    let mut out = Vec::new();
    let mut last_speaker: Option<(usize, usize)> = None; // (entity, paragraph index)
    let mut subjects: Vec<usize> = Vec::new(); // persons named in recent sentences, latest last
    for (pi, para) in paras.iter().enumerate() {
        let tokens = &para.tokens;
        let sentence_count = tokens.last().map_or(0, |t| t.sentence + 1);
        // Tokens and candidates by sentence, in one pass each (not one pass
        // per sentence: a paragraph of many sentences stays linear).
        let mut by_sentence: Vec<Vec<usize>> = vec![Vec::new(); sentence_count];
        for (i, t) in tokens.iter().enumerate() {
            if let Some(v) = by_sentence.get_mut(t.sentence) {
                v.push(i);
            }
        }
        let mut candidates_by_sentence: Vec<Vec<usize>> = vec![Vec::new(); sentence_count];
        for (ci, c) in para.candidates.iter().enumerate() {
            if let Some(v) = candidates_by_sentence.get_mut(tokens[c.first].sentence) {
                v.push(ci);
            }
        }
        for (idx, in_sentence) in by_sentence.iter().zip(&candidates_by_sentence) {
            let Some(&first_tok) = idx.first() else {
                continue;
            };
            let persons: Vec<Mention> = in_sentence
                .iter()
                .map(|&ci| (ci, &para.candidates[ci]))
                .filter(|(_, c)| !c.quoted)
                .filter_map(|(ci, c)| {
                    let e = assignment[pi][ci]?;
                    (entities[e].kind == Kind::Person).then_some(Mention {
                        first: c.first,
                        last: c.last,
                        entity: e,
                    })
                })
                .collect();
            let quoted = quoted_text(para.text, tokens, idx);
            let verbs: Vec<usize> = idx
                .iter()
                .copied()
                .filter(|&i| {
                    !tokens[i].quoted && tokens[i].word && lexicon::is_speech_verb(tokens[i].text)
                })
                .collect();
            let words = quoted.split_whitespace().count();
            if words >= MIN_WORDS {
                let speaker = if !verbs.is_empty() {
                    speaker_by_verb(
                        tokens,
                        &verbs,
                        &persons,
                        entities,
                        last_speaker.map(|l| l.0),
                        &subjects,
                    )
                } else if tokens[first_tok].text.chars().all(is_quote_char)
                    && !tokens[first_tok].word
                {
                    last_speaker.filter(|&(_, p)| p + 1 >= pi).map(|l| l.0)
                } else {
                    None
                };
                if let Some(e) = speaker {
                    out.push((e, para.n, quoted));
                    last_speaker = Some((e, pi));
                }
            }
            for m in &persons {
                subjects.retain(|&e| e != m.entity);
            }
            // The sentence's first person is its most likely subject: keep it latest.
            for m in persons.iter().rev() {
                subjects.push(m.entity);
            }
        }
    }
    out
}

fn speaker_by_verb(
    tokens: &[super::tokens::Token<'_>],
    verbs: &[usize],
    persons: &[Mention],
    entities: &[LocalEntity],
    last_speaker: Option<usize>,
    subjects: &[usize],
) -> Option<usize> {
    // A person right next to a speech verb.
    let mut best: Option<(usize, usize)> = None;
    for &v in verbs {
        for m in persons {
            let distance = if m.last < v && v - m.last <= 2 {
                v - m.last
            } else if m.first > v && m.first - v <= 5 {
                m.first - v
            } else {
                continue;
            };
            if best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, m.entity));
            }
        }
    }
    if let Some((_, e)) = best {
        return Some(e);
    }
    // A pronoun next to a speech verb.
    for &v in verbs {
        let around = [v.checked_sub(1), Some(v + 1)];
        for k in around.into_iter().flatten() {
            if let Some(gender) = tokens.get(k).and_then(|t| lexicon::pronoun(t.text)) {
                return by_pronoun(gender, entities, last_speaker, subjects);
            }
        }
    }
    // The sentence's subject.
    persons.first().map(|m| m.entity)
}

fn by_pronoun(
    gender: Option<Gender>,
    entities: &[LocalEntity],
    last_speaker: Option<usize>,
    subjects: &[usize],
) -> Option<usize> {
    let fits = |e: usize| translit::gender_compatible(entities[e].gender, gender);
    if let Some(e) = last_speaker.filter(|&e| fits(e)) {
        return Some(e);
    }
    let known = subjects
        .iter()
        .rev()
        .find(|&&e| gender.is_some() && entities[e].gender == gender);
    known
        .or_else(|| subjects.iter().rev().find(|&&e| fits(e)))
        .copied()
}

/// The quoted parts of a sentence, joined with " … ".
fn quoted_text(text: &str, tokens: &[super::tokens::Token<'_>], idx: &[usize]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    let flush = |run: &mut Option<(usize, usize)>, parts: &mut Vec<String>| {
        if let Some((a, b)) = run.take() {
            let part = text[a..b]
                .trim_matches(|c: char| c == ',' || c.is_whitespace() || is_quote_char(c))
                .to_string();
            if !part.is_empty() {
                parts.push(part);
            }
        }
    };
    for &i in idx {
        let t = &tokens[i];
        if t.quoted {
            run = Some(match run {
                Some((a, _)) => (a, t.end),
                None => (t.start, t.end),
            });
        } else {
            flush(&mut run, &mut parts);
        }
    }
    flush(&mut run, &mut parts);
    parts.join(" … ")
}
