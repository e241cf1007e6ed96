//! `api/entities.json`: every actor, for scripts and client-side search.

use serde_json::{json, Value};

use crate::extract::entities::Entities;

/// An array of `{id, name, kind, aliases, roles, mentions, sources, url}`.
pub fn json(entities: &Entities) -> Value {
    Value::Array(
        entities
            .entities
            .iter()
            .map(|e| {
                json!({
                    "id": e.id,
                    "name": e.name,
                    "kind": e.kind.as_str(),
                    "aliases": e.aliases,
                    "roles": e.roles.iter().map(|r| r.text.as_str()).collect::<Vec<_>>(),
                    "mentions": e.mentions,
                    "sources": e.sources,
                    "url": format!("actors/{}.html", e.id),
                })
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::entities::{Entity, Kind, Role};
    use crate::extract::Cite;

    #[test]
    fn exactly_the_documented_keys() {
        let entities = Entities {
            entities: vec![Entity {
                id: "zorya-institute".into(),
                name: "Zorya Institute".into(),
                kind: Kind::Organization,
                aliases: vec!["Zorya Institute".into()],
                roles: vec![Role {
                    text: "think tank".into(),
                    cite: Cite {
                        source: "a".into(),
                        paragraph: 1,
                    },
                }],
                quotes: vec![],
                description: None,
                mentions: 3,
                sources: vec!["a".into()],
            }],
            mentions: vec![],
        };
        let v = json(&entities);
        let obj = v[0].as_object().unwrap();
        let keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        let mut want = [
            "id", "name", "kind", "aliases", "roles", "mentions", "sources", "url",
        ];
        want.sort();
        assert_eq!(keys, want);
        assert_eq!(obj["kind"], "organization");
        assert_eq!(obj["roles"], serde_json::json!(["think tank"]));
        assert_eq!(obj["url"], "actors/zorya-institute.html");
        assert_eq!(obj["mentions"], 3);
    }
}
