//! Compare two states and extend the history with what changed.

use std::collections::BTreeMap;

use super::state::Previous;
use super::{Entry, FigureChange, State, HISTORY_LIMIT};

/// The history after this build: the previous one, with a new entry in
/// front when something changed, capped at [`HISTORY_LIMIT`] entries.
pub fn history(previous: &Previous, current: &State) -> Vec<Entry> {
    let last = previous.history.first();
    let build = last.map_or(0, |e| e.build) + 1;
    let mut history = Vec::with_capacity(previous.history.len() + 1);
    if let Some(mut entry) = diff(&previous.state, current, build) {
        let newest = current.sources.iter().filter_map(|s| s.date.clone()).max();
        entry.date = newest.max(last.and_then(|e| e.date.clone()));
        entry.id = id(&entry);
        history.push(entry);
    }
    history.extend(previous.history.iter().cloned());
    history.truncate(HISTORY_LIMIT);
    history
}

/// `urn:dossier:change:` + blake3 (128 bits) of the entry's JSON without its id.
fn id(entry: &Entry) -> String {
    let mut bare = entry.clone();
    bare.id = String::new();
    let json = serde_json::to_vec(&bare).expect("entry serializes");
    format!(
        "urn:dossier:change:{}",
        &blake3::hash(&json).to_hex().as_str()[..32]
    )
}

/// What changed from `old` to `new`, as entry number `build` (no id, no
/// date yet); None when nothing did.
pub fn diff(old: &State, new: &State, build: u64) -> Option<Entry> {
    let sources_added = missing(&new.sources, &old.sources);
    let sources_removed = missing(&old.sources, &new.sources);
    let actors_added = missing(&new.actors, &old.actors);
    let actors_removed = missing(&old.actors, &new.actors);

    let before: BTreeMap<(&str, &str), _> = old
        .figures
        .iter()
        .map(|f| ((f.topic.as_str(), f.key.as_str()), f))
        .collect();
    let after: BTreeMap<(&str, &str), _> = new
        .figures
        .iter()
        .map(|f| ((f.topic.as_str(), f.key.as_str()), f))
        .collect();
    let mut keys: Vec<&(&str, &str)> = before.keys().chain(after.keys()).collect();
    keys.sort();
    keys.dedup();
    let figures_changed: Vec<FigureChange> = keys
        .into_iter()
        .filter_map(|k| {
            let (old, new) = (before.get(k), after.get(k));
            if old.map(|f| &f.now.value) == new.map(|f| &f.now.value) {
                return None;
            }
            let label = new.or(old).map(|f| f.label.clone()).unwrap_or_default();
            Some(FigureChange {
                topic: k.0.to_string(),
                key: k.1.to_string(),
                label,
                old: old.map(|f| f.now.clone()),
                new: new.map(|f| f.now.clone()),
            })
        })
        .collect();

    let entry = Entry {
        id: String::new(),
        build,
        date: None,
        sources_added,
        sources_removed,
        actors_added,
        actors_removed,
        figures_changed,
    };
    let empty = entry.sources_added.is_empty()
        && entry.sources_removed.is_empty()
        && entry.actors_added.is_empty()
        && entry.actors_removed.is_empty()
        && entry.figures_changed.is_empty();
    (!empty).then_some(entry)
}

/// Items of `from` whose id is not in `other`, in `from`'s order.
fn missing<T: HasId + Clone>(from: &[T], other: &[T]) -> Vec<T> {
    let ids: std::collections::BTreeSet<&str> = other.iter().map(HasId::id).collect();
    from.iter()
        .filter(|x| !ids.contains(x.id()))
        .cloned()
        .collect()
}

trait HasId {
    fn id(&self) -> &str;
}

impl HasId for super::SourceRef {
    fn id(&self) -> &str {
        &self.id
    }
}

impl HasId for super::ActorRef {
    fn id(&self) -> &str {
        &self.id
    }
}

#[cfg(test)]
mod tests {
    use super::super::{ActorRef, CiteRef, Figure, FigureValue, SourceRef};
    use super::*;

    fn source(id: &str, date: &str) -> SourceRef {
        SourceRef {
            id: id.into(),
            title: format!("Title of {id}"),
            publication: Some("The Paper".into()),
            date: Some(date.into()),
            paragraphs: 20,
        }
    }

    fn cite(source: &str, paragraph: usize) -> CiteRef {
        CiteRef {
            source: source.into(),
            paragraph,
            title: format!("Title of {source}"),
        }
    }

    fn actor(id: &str, source: &str, paragraph: usize) -> ActorRef {
        ActorRef {
            id: id.into(),
            name: id.to_uppercase(),
            kind: "person".into(),
            first: Some(cite(source, paragraph)),
        }
    }

    fn held(value: &str, date: &str, cites: Vec<CiteRef>) -> Figure {
        Figure {
            topic: "prisoners".into(),
            key: "held".into(),
            label: "Political prisoners held".into(),
            now: FigureValue {
                value: value.into(),
                date: Some(date.into()),
                cites,
            },
        }
    }

    fn before() -> State {
        State {
            sources: vec![source("a", "2025-02-15"), source("b", "2025-09-11")],
            actors: vec![actor("lukashenko", "a", 1), actor("viasna", "a", 11)],
            figures: vec![held("1,226", "2025-02", vec![cite("a", 11)])],
            ..State::default()
        }
    }

    #[test]
    fn an_unchanged_state_adds_nothing() {
        assert_eq!(diff(&before(), &before(), 2), None);
        let previous = Previous {
            state: before(),
            history: history(&Previous::default(), &before()),
        };
        assert_eq!(history(&previous, &before()), previous.history);
    }

    #[test]
    fn sources_actors_and_a_key_figure_change() {
        let mut after = before();
        after.sources.retain(|s| s.id != "b");
        after.sources.push(source("c", "2025-09-23"));
        after.actors.push(actor("coale", "c", 3));
        after.figures = vec![held("about 1,200", "2025-09", vec![cite("c", 4)])];
        let entry = diff(&before(), &after, 7).expect("something changed");
        assert_eq!(entry.build, 7);
        let ids = |s: &[SourceRef]| s.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&entry.sources_added), ["c"]);
        assert_eq!(ids(&entry.sources_removed), ["b"]);
        assert_eq!(entry.sources_removed[0].title, "Title of b");
        assert_eq!(entry.actors_added.len(), 1);
        assert_eq!(entry.actors_added[0].id, "coale");
        assert_eq!(entry.actors_added[0].first, Some(cite("c", 3)));
        assert!(entry.actors_removed.is_empty());
        assert_eq!(entry.figures_changed.len(), 1);
        let change = &entry.figures_changed[0];
        assert_eq!(change.label, "Political prisoners held");
        let old = change.old.as_ref().unwrap();
        let new = change.new.as_ref().unwrap();
        assert_eq!(
            (old.value.as_str(), new.value.as_str()),
            ("1,226", "about 1,200")
        );
        assert_eq!(old.cites, [cite("a", 11)]);
        assert_eq!(new.cites, [cite("c", 4)]);
        assert_eq!(
            entry.summary(),
            "1 new source, 1 removed source, 1 new actor, 1 key figure changed"
        );
    }

    #[test]
    fn same_value_from_other_sources_is_no_change() {
        let mut after = before();
        after.figures = vec![held("1,226", "2025-03", vec![cite("a", 11), cite("b", 2)])];
        assert_eq!(diff(&before(), &after, 2), None);
    }

    #[test]
    fn figures_appear_and_disappear() {
        let mut after = before();
        after.figures.clear();
        let gone = diff(&before(), &after, 2).unwrap();
        assert_eq!(gone.figures_changed[0].new, None);
        assert_eq!(gone.figures_changed[0].old.as_ref().unwrap().value, "1,226");
        let back = diff(&after, &before(), 3).unwrap();
        assert_eq!(back.figures_changed[0].old, None);
        assert!(back.figures_changed[0].new.is_some());
    }

    #[test]
    fn a_fresh_build_reports_everything_as_new() {
        let history = history(&Previous::default(), &before());
        assert_eq!(history.len(), 1);
        let e = &history[0];
        assert_eq!(e.build, 1);
        assert_eq!(e.sources_added.len(), 2);
        assert_eq!(e.actors_added.len(), 2);
        assert_eq!(e.figures_changed.len(), 1);
        assert_eq!(e.date.as_deref(), Some("2025-09-11"), "newest source date");
        assert!(e.id.starts_with("urn:dossier:change:"));
        assert_eq!(e.id.len(), "urn:dossier:change:".len() + 32);
    }

    #[test]
    fn numbering_dates_ids_and_the_cap() {
        let first = history(&Previous::default(), &before());
        // Removing the newest source: the date never goes back.
        let mut after = before();
        after.sources.retain(|s| s.id != "b");
        let previous = Previous {
            state: before(),
            history: first.clone(),
        };
        let second = history(&previous, &after);
        assert_eq!(second.len(), 2);
        assert_eq!(second[0].build, 2);
        assert_eq!(second[0].date.as_deref(), Some("2025-09-11"));
        assert_ne!(second[0].id, second[1].id);
        assert_eq!(second[1], first[0], "older entries are kept as recorded");
        assert_eq!(history(&previous, &after), second, "deterministic");

        let mut long = Previous {
            state: State::default(),
            history: Vec::new(),
        };
        for n in (1..=HISTORY_LIMIT as u64).rev() {
            let mut e = first[0].clone();
            e.build = n;
            long.history.push(e);
        }
        let capped = history(&long, &before());
        assert_eq!(capped.len(), HISTORY_LIMIT);
        assert_eq!(capped[0].build, HISTORY_LIMIT as u64 + 1);
        assert_eq!(capped.last().unwrap().build, 2);
    }
}
