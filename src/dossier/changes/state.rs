//! The state of a build (sources, actors, key figures) and the previous
//! build's state and history, read back from its published `api/` files.

use std::path::Path;

use rustc_hash::FxHashMap;

use serde::de::DeserializeOwned;

use super::{
    ActorRef, CiteRef, Entry, Figure, FigureValue, SourceRef, State, HISTORY_PATH, STATE_FORMAT,
    STATE_PATH,
};
use crate::corpus::Article;
use crate::diag::Diagnostic;
use crate::extract::entities::Entities;
use crate::extract::facts::{key_figures, Fact, Facts};
use crate::extract::Cite;

/// What the previous build published.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Previous {
    pub state: State,
    /// Newest first.
    pub history: Vec<Entry>,
}

/// Read the previous build's state and history from the output folder.
/// A missing file counts as empty; an unreadable or unparsable one too, with
/// a warning naming it. Never fails.
pub fn load(output: &Path) -> (Previous, Vec<Diagnostic>) {
    let mut warnings = Vec::new();
    let mut state: State = read(&output.join(STATE_PATH), &mut warnings);
    if state.format != STATE_FORMAT {
        warnings.push(Diagnostic::warning(
            output.join(STATE_PATH),
            None,
            format!(
                "written in format {} (this dossier writes {STATE_FORMAT}); \"What changed\" compares against an empty state",
                state.format
            ),
        ));
        state = State::default();
    }
    let history = read(&output.join(HISTORY_PATH), &mut warnings);
    (Previous { state, history }, warnings)
}

fn read<T: DeserializeOwned + Default>(file: &Path, warnings: &mut Vec<Diagnostic>) -> T {
    let problem = match std::fs::read(file) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return T::default(),
        Err(e) => format!("cannot read the previous build's data: {e}"),
        Ok(bytes) => match serde_json::from_slice(&bytes) {
            Ok(value) => return value,
            Err(e) => format!("not the data of a previous build ({e})"),
        },
    };
    warnings.push(Diagnostic::warning(
        file,
        None,
        format!("{problem}; \"What changed\" treats it as empty"),
    ));
    T::default()
}

/// The state of this build.
pub fn current(articles: &[Article], entities: &Entities, facts: &Facts) -> State {
    let titles: FxHashMap<&str, &str> = articles
        .iter()
        .map(|a| (a.id.as_str(), a.meta.title.as_str()))
        .collect();
    let cite_ref = |cite: &Cite| CiteRef {
        source: cite.source.clone(),
        paragraph: cite.paragraph,
        title: titles
            .get(cite.source.as_str())
            .copied()
            .unwrap_or(&cite.source)
            .to_string(),
    };

    let mut sources: Vec<SourceRef> = articles
        .iter()
        .map(|a| SourceRef {
            id: a.id.clone(),
            title: a.meta.title.clone(),
            publication: a.meta.publication.clone(),
            date: a.meta.date.clone(),
            paragraphs: a.paragraph_count(),
        })
        .collect();
    sources.sort_by(|a, b| a.id.cmp(&b.id));

    // First mention: earliest-dated source (undated last), then source id,
    // then paragraph.
    let dates: FxHashMap<&str, Option<&str>> = articles
        .iter()
        .map(|a| (a.id.as_str(), a.meta.date.as_deref()))
        .collect();
    fn rank<'d, 'c>(
        dates: &FxHashMap<&str, Option<&'d str>>,
        cite: &'c Cite,
    ) -> (bool, Option<&'d str>, &'c str, usize) {
        let date = dates.get(cite.source.as_str()).copied().flatten();
        (date.is_none(), date, cite.source.as_str(), cite.paragraph)
    }
    // Looked up only, so hashed.
    let mut first: FxHashMap<&str, &Cite> = FxHashMap::default();
    for m in &entities.mentions {
        let slot = first.entry(m.entity.as_str()).or_insert(&m.cite);
        if rank(&dates, &m.cite) < rank(&dates, slot) {
            *slot = &m.cite;
        }
    }
    let mut actors: Vec<ActorRef> = entities
        .entities
        .iter()
        .map(|e| ActorRef {
            id: e.id.clone(),
            name: e.name.clone(),
            kind: e.kind.as_str().to_string(),
            first: first.get(e.id.as_str()).map(|c| cite_ref(c)),
        })
        .collect();
    actors.sort_by(|a, b| a.id.cmp(&b.id));

    let mut figures = figures(facts, &cite_ref);
    figures.sort_by(|a, b| (&a.topic, &a.key).cmp(&(&b.topic, &b.key)));
    State {
        format: STATE_FORMAT,
        sources,
        actors,
        figures,
    }
}

/// The key figures of the key figures page: the latest count of political
/// prisoners, the latest release and each sanction's status.
fn figures(facts: &Facts, cite_ref: &dyn Fn(&Cite) -> CiteRef) -> Vec<Figure> {
    let key = key_figures(facts);
    let mut out = Vec::new();
    let date = |f: &Fact| f.date.map(|d| d.to_string());
    // Every fact of the same kind giving the same value for the same date
    // supports the figure.
    let supported = |chosen: &Fact, same_kind: &dyn Fn(&Fact) -> bool| {
        let mut cites: Vec<CiteRef> = facts
            .facts
            .iter()
            .filter(|f| {
                same_kind(f) && f.value_text() == chosen.value_text() && f.date == chosen.date
            })
            .map(|f| cite_ref(&f.cite))
            .collect();
        cites.push(cite_ref(&chosen.cite));
        cites.sort();
        cites.dedup();
        FigureValue {
            value: chosen.value_text().unwrap_or_default(),
            date: date(chosen),
            cites,
        }
    };
    if let Some(f) = &key.prisoners {
        out.push(Figure {
            topic: f.topic.clone(),
            key: "held".into(),
            label: "Political prisoners held".into(),
            now: supported(f, &|g| {
                g.kind == "count" && g.prisoners().is_some_and(|d| d.political)
            }),
        });
    }
    if let Some(f) = &key.release {
        out.push(Figure {
            topic: f.topic.clone(),
            key: "latest-release".into(),
            label: "People freed in the latest release".into(),
            now: supported(f, &|g| g.kind == "release"),
        });
    }
    for s in &key.sanctions {
        let label = if s.authority == "unspecified" {
            format!("Sanctions on {} (authority unspecified)", s.target)
        } else {
            format!("Sanctions by {} on {}", s.authority, s.target)
        };
        out.push(Figure {
            topic: s.fact.topic.clone(),
            key: format!("sanction/{}/{}", s.authority, s.target),
            label,
            now: FigureValue {
                value: s.status.clone(),
                date: date(&s.fact),
                cites: vec![cite_ref(&s.fact.cite)],
            },
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::diff::history;
    use super::*;

    fn state() -> State {
        State {
            sources: vec![SourceRef {
                id: "a".into(),
                title: "A".into(),
                publication: None,
                date: Some("2025-02-15".into()),
                paragraphs: 3,
            }],
            ..State::default()
        }
    }

    fn publish(dir: &Path, state: &State, history: &[Entry]) {
        std::fs::create_dir_all(dir.join("api")).unwrap();
        std::fs::write(dir.join(STATE_PATH), serde_json::to_vec(state).unwrap()).unwrap();
        std::fs::write(dir.join(HISTORY_PATH), serde_json::to_vec(history).unwrap()).unwrap();
    }

    #[test]
    fn reads_back_what_a_build_published() {
        let dir = tempfile::tempdir().unwrap();
        let entries = history(&Previous::default(), &state());
        publish(dir.path(), &state(), &entries);
        let (previous, warnings) = load(dir.path());
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(previous.state, state());
        assert_eq!(previous.history, entries);
    }

    #[test]
    fn a_missing_output_is_an_empty_state_without_warning() {
        let dir = tempfile::tempdir().unwrap();
        let (previous, warnings) = load(&dir.path().join("public"));
        assert_eq!(previous, Previous::default());
        assert!(warnings.is_empty());
    }

    #[test]
    fn corrupt_files_are_empty_with_a_warning_naming_them() {
        let dir = tempfile::tempdir().unwrap();
        publish(dir.path(), &state(), &[]);
        std::fs::write(dir.path().join(HISTORY_PATH), "[{\"build\": ").unwrap();
        let (previous, warnings) = load(dir.path());
        assert_eq!(previous.state, state(), "the state file is still good");
        assert!(previous.history.is_empty());
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].file, dir.path().join(HISTORY_PATH));

        std::fs::write(dir.path().join(STATE_PATH), [0xff, 0xfe]).unwrap();
        let (previous, warnings) = load(dir.path());
        assert_eq!(previous.state, State::default());
        assert_eq!(warnings[0].file, dir.path().join(STATE_PATH));

        let mut other = state();
        other.format = STATE_FORMAT + 1;
        publish(dir.path(), &other, &[]);
        let (previous, warnings) = load(dir.path());
        assert_eq!(
            previous.state,
            State::default(),
            "another format is not compared"
        );
        assert!(warnings[0].message.contains("format"));
    }
}
