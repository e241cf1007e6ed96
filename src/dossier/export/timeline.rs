//! `api/timeline.json`: every dated event, sorted by date.

use serde_json::{json, Value};

use super::facts::url;
use crate::extract::facts::Facts;

/// The events as an array of objects with exactly the keys `date`, `text`,
/// `topics`, `entities`, `source`, `paragraph` and `url`, sorted by date.
pub fn json(facts: &Facts) -> Value {
    Value::Array(
        facts
            .events
            .iter()
            .map(|e| {
                json!({
                    "date": e.date.to_string(),
                    "text": e.text,
                    "topics": e.topics,
                    "entities": e.entities,
                    "source": e.cite.source,
                    "paragraph": e.cite.paragraph,
                    "url": url(&e.cite),
                })
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::facts::tests::{article, topics};

    #[test]
    fn exact_keys_sorted_by_date() {
        let a = article(
            "alpha",
            Some("2024-06-14"),
            false,
            &["It began in 2019.", "Sanctions came in 2011."],
        );
        let facts = crate::extract::facts::extract(&[a], &topics(), &[]);
        let value = json(&facts);
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
