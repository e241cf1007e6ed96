//! The stored form of resolved [`Entities`] (the build cache keeps the
//! resolution between builds: see [`super::extract_memo`]).
//!
//! A large corpus has hundreds of thousands of mentions, each naming its
//! source and its entity by id: stored as they are, those ids are most of
//! the bytes. Here every source id is stored once and every mention and
//! entity names sources and entities by their index, which makes the stored
//! form several times smaller and faster to read back.

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::model::{Entities, Entity};
use crate::extract::{Cite, MentionRef};

#[derive(Serialize, Deserialize)]
struct Packed {
    /// Every source id the entities and mentions name, once each.
    sources: Vec<String>,
    /// Each entity without its sources, and their indexes in `sources`.
    entities: Vec<(Entity, Vec<u32>)>,
    /// Each mention in order: source index, paragraph, start, end, and
    /// entity index.
    mentions: Vec<(u32, usize, usize, usize, u32)>,
}

/// `entities` in their stored form.
pub fn pack(entities: &Entities) -> Vec<u8> {
    // Sources by order of first sight: a deterministic order, found
    // without sorting. Mentions come sorted by source, so each run of them
    // names one; an entity's sources are among its mentions'.
    let mut sources: Vec<&str> = Vec::new();
    let mut numbers: FxHashMap<&str, u32> = FxHashMap::default();
    let runs = entities
        .mentions
        .chunk_by(|a, b| a.cite.source == b.cite.source)
        .map(|run| &run[0].cite.source);
    for id in runs.chain(entities.entities.iter().flat_map(|e| &e.sources)) {
        numbers.entry(id).or_insert_with(|| {
            sources.push(id);
            index(sources.len() - 1)
        });
    }
    let by_id: FxHashMap<&str, u32> = entities
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), index(i)))
        .collect();
    let (numbers, by_id) = (&numbers, &by_id);
    let packed = Packed {
        entities: entities
            .entities
            .par_iter()
            .map(|e| {
                let own = e.sources.iter().map(|s| numbers[s.as_str()]).collect();
                let entity = Entity {
                    sources: Vec::new(),
                    ..e.clone()
                };
                (entity, own)
            })
            .collect(),
        // In runs of one source (one lookup each), runs of runs in parallel.
        mentions: entities
            .mentions
            .par_chunks(4096)
            .flat_map_iter(|chunk| {
                chunk
                    .chunk_by(|a, b| a.cite.source == b.cite.source)
                    .flat_map(move |run| {
                        let source = numbers[run[0].cite.source.as_str()];
                        run.iter().map(move |m| {
                            let entity = *by_id
                                .get(m.entity.as_str())
                                .expect("a mention's entity is listed");
                            (source, m.cite.paragraph, m.start, m.end, entity)
                        })
                    })
            })
            .collect(),
        sources: sources.into_iter().map(str::to_string).collect(),
    };
    crate::memo::encode(&packed)
}

/// Entities from their stored form; an error when the bytes are not one
/// [`pack`] made.
pub fn unpack(bytes: &[u8]) -> postcard::Result<Entities> {
    let packed: Packed = postcard::from_bytes(bytes)?;
    let bad = || postcard::Error::DeserializeBadEncoding;
    let source = |i: u32| packed.sources.get(i as usize).ok_or_else(bad);
    let mut entities = Vec::with_capacity(packed.entities.len());
    for (mut e, own) in packed.entities {
        e.sources = own
            .into_iter()
            .map(|i| source(i).cloned())
            .collect::<Result<_, _>>()?;
        entities.push(e);
    }
    // Hundreds of thousands of mentions, two strings each: in parallel.
    let mentions = packed
        .mentions
        .into_par_iter()
        .map(|(s, paragraph, start, end, entity)| {
            Ok(MentionRef {
                cite: Cite {
                    source: source(s)?.clone(),
                    paragraph,
                },
                start,
                end,
                entity: entities.get(entity as usize).ok_or_else(bad)?.id.clone(),
            })
        })
        .collect::<postcard::Result<_>>()?;
    Ok(Entities { entities, mentions })
}

fn index(i: usize) -> u32 {
    u32::try_from(i).expect("fewer than 2^32 sources and entities")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::entities::fixtures::article;

    #[test]
    fn entities_read_back_as_they_were_and_other_bytes_are_refused() {
        let text =
            "Interior Minister Uladzimir Marozau met activist Alena Bialkouskaya in Hrodna.\n\
                    Mr. Marozau said the talks in Hrodna would go on.";
        let articles = [
            article("b", &[], text),
            article("a", &[], "Alena Bialkouskaya left Hrodna for Vilnius."),
        ];
        let entities = crate::extract::entities::extract(&articles, &[]);
        assert!(entities.mentions.len() > 4 && entities.entities.len() > 2);
        let bytes = pack(&entities);
        assert_eq!(unpack(&bytes).unwrap(), entities);
        assert!(bytes.len() < crate::memo::encode(&entities).len());
        assert_eq!(
            unpack(&pack(&Entities::default())).unwrap(),
            Entities::default()
        );
        assert!(unpack(&bytes[..bytes.len() - 1]).is_err());
        assert!(unpack(&crate::memo::encode(&entities)).is_err());
    }
}
