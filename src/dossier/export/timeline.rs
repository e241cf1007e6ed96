//! `api/timeline.json`: every dated event, sorted by date.

use serde::Serialize;

use crate::dossier::emit::KeyedPiece;

use super::facts::url;
use crate::extract::facts::{Event, Facts};

/// One event, keys in alphabetical order.
#[derive(Serialize)]
struct Record<'a> {
    date: String,
    entities: &'a [String],
    paragraph: usize,
    source: &'a str,
    text: &'a str,
    topics: &'a [String],
    url: String,
}

/// The events as an array of objects with exactly the keys `date`, `text`,
/// `topics`, `entities`, `source`, `paragraph` and `url`, sorted by date.
pub fn file(facts: &Facts) -> Vec<u8> {
    pieces(facts).collect::<Vec<_>>().concat()
}

/// [`file`] in pieces (see [`super::json::pieces`]).
pub fn pieces(facts: &Facts) -> impl Iterator<Item = Vec<u8>> + '_ {
    super::json::pieces(&facts.events, record)
}

/// [`file`] in pieces, each with its fingerprint, and the fingerprint of
/// the whole (see [`super::json::keyed_pieces`]).
pub fn keyed_pieces(facts: &Facts) -> Option<(blake3::Hash, Vec<KeyedPiece<'_>>)> {
    super::json::keyed_pieces(&facts.events, record)
}

fn record(e: &Event) -> Record<'_> {
    Record {
        date: e.date.to_string(),
        entities: &e.entities,
        paragraph: e.cite.paragraph,
        source: &e.cite.source,
        text: &e.text,
        topics: &e.topics,
        url: url(&e.cite),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::facts::tests::{article, topics};
    use serde_json::json;

    #[test]
    fn exact_keys_sorted_by_date() {
        let a = article(
            "alpha",
            Some("2024-06-14"),
            false,
            &["It began in 2019.", "Sanctions came in 2011."],
        );
        let facts = crate::extract::facts::extract(&[a], &topics(), &[]);
        let value: serde_json::Value = serde_json::from_slice(&file(&facts)).unwrap();
        let items = value.as_array().unwrap();
        let dates: Vec<&str> = items.iter().map(|i| i["date"].as_str().unwrap()).collect();
        assert_eq!(dates, ["2011", "2019"]);
        let keys: std::collections::BTreeSet<&str> = items[0]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let expected: std::collections::BTreeSet<&str> = [
            "date",
            "text",
            "topics",
            "entities",
            "source",
            "paragraph",
            "url",
        ]
        .into_iter()
        .collect();
        assert_eq!(keys, expected);
        assert_eq!(items[0]["topics"], json!(["sanctions"]));
        assert_eq!(items[0]["url"], json!("sources/alpha.html#p2"));
    }
}
