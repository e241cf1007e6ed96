//! `api/entities.json`: every actor, for scripts and client-side search.

use serde::Serialize;

use crate::dossier::emit::KeyedPiece;

use crate::extract::entities::Entities;

/// One actor, keys in alphabetical order.
#[derive(Serialize)]
struct Record<'a> {
    aliases: &'a [String],
    id: &'a str,
    kind: &'a str,
    mentions: usize,
    name: &'a str,
    roles: Vec<&'a str>,
    sources: &'a [String],
    url: String,
}

/// An array of `{id, name, kind, aliases, roles, mentions, sources, url}`.
pub fn file(records: &Records) -> Vec<u8> {
    super::json::array(&records.0)
}

/// [`file`] in pieces, each with its fingerprint, and the fingerprint of
/// the whole (see [`super::json::keyed_pieces`]).
pub fn keyed_pieces<'a>(records: &'a Records) -> Option<(blake3::Hash, Vec<KeyedPiece<'a>>)> {
    super::json::keyed_pieces(&records.0, |r| r)
}

/// The records of the file, made once for [`keyed_pieces`] and [`file`].
pub struct Records<'a>(Vec<Record<'a>>);

pub fn records(entities: &Entities) -> Records<'_> {
    Records(
        entities
            .entities
            .iter()
            .map(|e| Record {
                aliases: &e.aliases,
                id: &e.id,
                kind: e.kind.as_str(),
                mentions: e.mentions,
                name: &e.name,
                roles: e.roles.iter().map(|r| r.text.as_str()).collect(),
                sources: &e.sources,
                url: format!("actors/{}.html", e.id),
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
        let v: serde_json::Value = serde_json::from_slice(&file(&records(&entities))).unwrap();
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
