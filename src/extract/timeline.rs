//! Dated events: every sentence that says when something happened becomes
//! one event per distinct date it names.

use std::collections::BTreeSet;

use crate::extract::dates::DateMention;
use crate::extract::facts::Event;
use crate::extract::Cite;

/// The events of one sentence, given the dates found in it.
pub fn events(
    dates: &[DateMention],
    text: &str,
    topics: &[String],
    entities: &[String],
    cite: &Cite,
) -> Vec<Event> {
    let mut seen = BTreeSet::new();
    dates
        .iter()
        .filter(|d| seen.insert(d.date))
        .map(|d| Event {
            date: d.date,
            date_uncertain: d.uncertain,
            text: text.to_string(),
            topics: topics.to_vec(),
            entities: entities.to_vec(),
            cite: cite.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::dates::{find, Reference};

    #[test]
    fn one_event_per_distinct_date() {
        let r = Reference::for_article(Some("2024-06-14"), false, "");
        let text = "The bloc acted in 2019 and again in 2019, then in March 2021.";
        let cite = Cite {
            source: "s".into(),
            paragraph: 2,
        };
        let ev = events(&find(text, &r), text, &["t".into()], &[], &cite);
        let dates: Vec<String> = ev.iter().map(|e| e.date.to_string()).collect();
        assert_eq!(dates, ["2019", "2021-03"]);
        assert_eq!(ev[0].cite, cite);
        assert_eq!(ev[0].topics, ["t"]);
    }
}
