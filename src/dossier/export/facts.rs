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
/// the whole (see [`super::json::keyed_pieces`]). When each source's facts
/// are its article's alone, a source's records are fingerprinted by the
/// print of its article's stored facts ([`Facts::prints`]), which they are
/// made from, instead of each encoded again.
pub fn keyed_pieces(facts: &Facts) -> Option<(blake3::Hash, Vec<KeyedPiece<'_>>)> {
    let runs: Vec<&[Fact]> = facts
        .facts
        .chunk_by(|a, b| a.cite.source == b.cite.source)
        .collect();
    let hashes: Option<Vec<blake3::Hash>> = runs
        .iter()
        .map(|run| {
            let print = facts.prints.get(&run[0].cite.source)?;
            Some(crate::memo::key("facts-json-run", [&print.as_bytes()[..]]))
        })
        .collect();
    let Some(hashes) = hashes else {
        return super::json::keyed_pieces(&facts.facts, record);
    };
    let ends: Vec<usize> = runs
        .iter()
        .scan(0, |end, run| {
            *end += run.len();
            Some(*end)
        })
        .collect();
    Some(super::json::keyed_runs(
        &facts.facts,
        &ends,
        &hashes,
        record,
    ))
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

    /// Facts from `n` articles, one to three each.
    fn many(n: usize) -> Facts {
        let articles: Vec<_> = (0..n)
            .map(|i| {
                let counts = [
                    format!("On June 3 the ruler released {} prisoners.", 10 + i),
                    format!("Rights groups counted {} political prisoners.", 900 + i),
                    "The EU imposed sanctions on potash.".to_string(),
                ];
                let body: Vec<&str> = counts[..1 + i % 3].iter().map(String::as_str).collect();
                article(&format!("src-{i:04}"), Some("2024-06-14"), false, &body)
            })
            .collect();
        crate::extract::facts::extract(&articles, &topics(), &[])
    }

    fn made(facts: &Facts) -> Vec<(blake3::Hash, Vec<u8>)> {
        let (_, pieces) = keyed_pieces(facts).unwrap();
        pieces.iter().map(|p| (p.key, (p.make)())).collect()
    }

    #[test]
    fn with_each_source_printed_the_pieces_are_cut_between_sources() {
        let mut facts = many(1500);
        // Without prints: a key per record.
        facts.prints.clear();
        let plain = made(&facts);
        let joined: Vec<u8> = plain.iter().flat_map(|(_, b)| b.clone()).collect();
        assert_eq!(joined, file(&facts));
        let print = |source: &str, salt: &str| blake3::hash(format!("{source}{salt}").as_bytes());
        let sources: std::collections::BTreeSet<String> =
            facts.facts.iter().map(|f| f.cite.source.clone()).collect();
        facts.prints = sources.iter().map(|s| (s.clone(), print(s, ""))).collect();
        let base = made(&facts);
        assert!(base.len() > 1, "{} pieces", base.len());
        let joined: Vec<u8> = base.iter().flat_map(|(_, b)| b.clone()).collect();
        assert_eq!(joined, file(&facts));
        // Each piece ends with the last fact of a source.
        let mut end = 0;
        for (_, bytes) in &base[..base.len() - 1] {
            end += bytes.iter().filter(|&&b| b == b'\n').count();
            let (last, next) = (&facts.facts[end - 1], &facts.facts[end]);
            assert_ne!(last.cite.source, next.cite.source);
        }
        // A source's print changed: its piece, and at most one more, are new.
        let keys: std::collections::HashSet<_> = base.iter().map(|(k, _)| *k).collect();
        facts
            .prints
            .insert("src-0700".into(), print("src-0700", "!"));
        let new = made(&facts)
            .iter()
            .filter(|(k, _)| !keys.contains(k))
            .count();
        assert!((1..=2).contains(&new), "{new}");
        // A source with no print: every record is keyed by itself again.
        facts.prints.remove("src-0700");
        assert!(made(&facts) == plain);
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
