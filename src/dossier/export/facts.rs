//! `api/facts.json`: every fact, one object each, in the order of [`Facts`].

use serde_json::{json, Value};

use crate::extract::facts::Facts;
use crate::extract::Cite;

/// Relative URL of a cited paragraph from the site root.
pub fn url(cite: &Cite) -> String {
    format!("sources/{}.html#p{}", cite.source, cite.paragraph)
}

/// The facts as an array of objects with exactly the keys `id`, `topic`,
/// `kind`, `text`, `value`, `qualifier`, `date`, `entities`, `source`,
/// `paragraph` and `url`.
pub fn json(facts: &Facts) -> Value {
    Value::Array(
        facts
            .facts
            .iter()
            .map(|f| {
                json!({
                    "id": f.id,
                    "topic": f.topic,
                    "kind": f.kind,
                    "text": f.text,
                    "value": f.value,
                    "qualifier": f.qualifier,
                    "date": f.date.map(|d| d.to_string()),
                    "entities": f.entities,
                    "source": f.cite.source,
                    "paragraph": f.cite.paragraph,
                    "url": url(&f.cite),
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
        let value = json(&facts);
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
        let value = json(&facts);
        let obj = value[0].as_object().unwrap();
        assert_eq!(obj["value"], Value::Null);
        assert_eq!(obj["qualifier"], Value::Null);
        assert_eq!(obj["date"], Value::Null);
    }
}
