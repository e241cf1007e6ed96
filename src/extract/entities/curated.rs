//! The curated `actors:` list of `site.yaml`, applied after extraction:
//! merge the actors it names under one name, fix their kind, add a description.

use super::model::Kind;
use super::resolve::Draft;
use super::translit;
use crate::config::ActorConfig;

/// Do two names name the same actor (same spelling, or the same person in
/// another romanisation)?
fn same_name(a: &str, b: &str) -> bool {
    if translit::fold(a) == translit::fold(b) {
        return true;
    }
    let (wa, wb): (Vec<&str>, Vec<&str>) = (
        a.split_whitespace().collect(),
        b.split_whitespace().collect(),
    );
    if wa.len() < 2 || wb.len() < 2 {
        return false;
    }
    let (ka, kb) = (
        translit::surname_key(wa[wa.len() - 1]),
        translit::surname_key(wb[wb.len() - 1]),
    );
    ka.0 == kb.0
        && translit::gender_compatible(ka.1, kb.1)
        && translit::given_compatible(wa[0], wb[0])
}

/// Apply the curated actors to the drafts.
pub fn apply(mut drafts: Vec<Draft>, curated: &[ActorConfig]) -> Vec<Draft> {
    for actor in curated {
        let names: Vec<&str> = std::iter::once(actor.name.as_str())
            .chain(actor.aliases.iter().map(String::as_str))
            .filter(|n| !n.trim().is_empty())
            .collect();
        let matched: Vec<usize> = (0..drafts.len())
            .filter(|&i| {
                let d = &drafts[i];
                d.forms
                    .keys()
                    .chain(d.fixed_name.iter())
                    .any(|f| names.iter().any(|n| same_name(f, n)))
            })
            .collect();
        let Some((&keep, rest)) = matched.split_first() else {
            continue;
        };
        for &i in rest.iter().rev() {
            let other = drafts.remove(i);
            drafts[keep].absorb(other);
        }
        let d = &mut drafts[keep];
        d.fixed_name = Some(actor.name.clone());
        if let Some(kind) = actor.kind.as_deref().and_then(Kind::parse) {
            d.kind = Some(kind);
        }
        if actor.description.is_some() {
            d.description = actor.description.clone();
        }
    }
    drafts
}
