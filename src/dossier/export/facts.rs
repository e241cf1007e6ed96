//! `api/facts.json`: every fact, one object each, in the order of [`Facts`].

use serde::Serialize;

use crate::dossier::emit::KeyedPiece;

use crate::extract::facts::{Fact, Facts};
use crate::extract::Cite;

/// Relative URL of a cited paragraph from the site root.
pub fn url(cite: &Cite) -> String {
    format!("sources/{}.html#p{}", cite.source, cite.paragraph)
}

/// One fact, keys in alphabetical order.
#[derive(Serialize)]
struct Record<'a> {
    date: Option<String>,
    entities: &'a [String],
    id: &'a str,
    kind: &'a str,
    paragraph: usize,
    qualifier: Option<&'a str>,
    source: &'a str,
    text: &'a str,
    topic: &'a str,
    url: String,
    value: Option<f64>,
}

/// The facts as an array of objects with exactly the keys `id`, `topic`,
/// `kind`, `text`, `value`, `qualifier`, `date`, `entities`, `source`,
/// `paragraph` and `url`.
pub fn file(facts: &Facts) -> Vec<u8> {
    pieces(facts).collect::<Vec<_>>().concat()
}

/// [`file`] in pieces (see [`super::json::pieces`]).
pub fn pieces(facts: &Facts) -> impl Iterator<Item = Vec<u8>> + '_ {
    super::json::pieces(&facts.facts, record)
}

/// [`file`] in pieces, each with its fingerprint, and the fingerprint of
/// the whole (see [`super::json::keyed_pieces`]).
pub fn keyed_pieces(facts: &Facts) -> Option<(blake3::Hash, Vec<KeyedPiece<'_>>)> {
    super::json::keyed_pieces(&facts.facts, record)
}

fn record(f: &Fact) -> Record<'_> {
    Record {
        date: f.date.map(|d| d.to_string()),
        entities: &f.entities,
        id: &f.id,
        kind: &f.kind,
        paragraph: f.cite.paragraph,
        qualifier: f.qualifier.as_deref(),
        source: &f.cite.source,
        text: &f.text,
        topic: &f.topic,
        url: url(&f.cite),
        value: f.value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::facts::tests::{article, topics};
    use serde_json::{json, Value};

    #[test]
    fn exact_keys_and_values() {
        let a = article(
            "alpha",
            Some("2024-06-14"),
            false,
            &[
                "Intro.",
                "On June 3 the ruler released more than 40 prisoners.",
            ],
        );
        let facts = crate::extract::facts::extract(&[a], &topics(), &[]);
        let value: serde_json::Value = serde_json::from_slice(&file(&facts)).unwrap();
        let items = value.as_array().unwrap();
        assert_eq!(items.len(), 1);
        let obj = items[0].as_object().unwrap();
        let keys: std::collections::BTreeSet<&str> = obj.keys().map(String::as_str).collect();
        let expected: std::collections::BTreeSet<&str> = [
            "id",
            "topic",
            "kind",
            "text",
            "value",
            "qualifier",
            "date",
            "entities",
            "source",
            "paragraph",
            "url",
        ]
        .into_iter()
        .collect();
        assert_eq!(keys, expected);
        assert_eq!(obj["value"], json!(40.0));
        assert_eq!(obj["qualifier"], json!("more than"));
        assert_eq!(obj["date"], json!("2024-06-03"));
        assert_eq!(obj["url"], json!("sources/alpha.html#p2"));
        assert_eq!(obj["paragraph"], json!(2));
    }

    #[test]
    fn missing_values_are_null() {
        let a = article("beta", None, false, &["Sanctions hurt."]);
        let facts = crate::extract::facts::extract(&[a], &topics(), &[]);
        let value: serde_json::Value = serde_json::from_slice(&file(&facts)).unwrap();
        let obj = value[0].as_object().unwrap();
        assert_eq!(obj["value"], Value::Null);
        assert_eq!(obj["qualifier"], Value::Null);
        assert_eq!(obj["date"], Value::Null);
    }
}
