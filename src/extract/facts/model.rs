//! What fact extraction produces: facts, dated events and disagreements.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::extract::dates::PartialDate;
use crate::extract::Cite;

/// One claim of one sentence, in one topic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// Stable id: `<source>-p<paragraph>-<k>`, `k` counting the paragraph's facts.
    pub id: String,
    pub topic: String,
    /// prisoners: count, release, arrest, sentence, status; sanctions:
    /// imposed, eased, lifted, proposed, status; any topic: statement.
    pub kind: String,
    /// The sentence, as written.
    pub text: String,
    pub value: Option<f64>,
    pub qualifier: Option<String>,
    /// When it happened (or, for a count, the date the count refers to).
    pub date: Option<PartialDate>,
    /// The date was resolved against an uncertain article date.
    pub date_uncertain: bool,
    /// Ids of the entities mentioned in the sentence, sorted.
    pub entities: Vec<String>,
    pub cite: Cite,
    /// Date of the source article (known or inferred), to rank sources by recency.
    pub reported: Option<PartialDate>,
    pub detail: Detail,
}

/// Kind-specific detail of a fact. (Externally tagged, the serde default:
/// the build cache stores facts in postcard, which cannot read internally
/// tagged enums.)
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub enum Detail {
    #[default]
    None,
    Prisoners(PrisonerDetail),
    Sanctions(SanctionDetail),
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PrisonerDetail {
    /// Who counted ("Viasna" in "Viasna put their number at ...").
    pub counted_by: Option<String>,
    /// People named as freed, held or sentenced.
    pub people: Vec<String>,
    /// Who negotiated a release.
    pub negotiator: Option<String>,
    /// The count is of political prisoners (not prisoners in general).
    pub political: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SanctionDetail {
    /// Who imposes, eases, lifts or proposes: "US", "EU", "UK", "the West", or a name.
    pub authority: Option<String>,
    /// On what: countries, companies, sectors ("potash", "banks", "aviation").
    pub targets: Vec<String>,
    pub in_exchange_for: Option<String>,
}

/// A dated event: a sentence that says when something happened.
#[derive(Debug, Clone, PartialEq, Hash, Serialize, Deserialize)]
pub struct Event {
    pub date: PartialDate,
    pub date_uncertain: bool,
    pub text: String,
    /// Topic ids of the sentence.
    pub topics: Vec<String>,
    /// Entity ids mentioned in the sentence.
    pub entities: Vec<String>,
    pub cite: Cite,
}

/// Sources that disagree about the same thing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Disagreement {
    pub topic: String,
    pub kind: String,
    /// What they disagree about, e.g. "political prisoners held, 2025-09".
    pub about: String,
    /// The facts in conflict (ids), at least two, from at least two sources.
    pub facts: Vec<String>,
}

/// The facts of one article: the per-article part of extraction, which can
/// be cached by the article's hash.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleFacts {
    pub facts: Vec<Fact>,
    pub events: Vec<Event>,
}

/// Everything fact extraction found in a corpus, sorted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    pub facts: Vec<Fact>,
    pub events: Vec<Event>,
    pub disagreements: Vec<Disagreement>,
    /// Per source, the hash of the stored form of the facts extracted from
    /// its article ([`super::extract_memo`]), when every article's facts
    /// cite that article alone (as extraction makes them): a source's facts
    /// are then a function of it, and what shows them can be keyed by it
    /// instead of by the facts encoded again. Empty otherwise.
    #[serde(skip)]
    pub prints: BTreeMap<String, blake3::Hash>,
}

impl Fact {
    /// The value as written: "more than 200", "1,226".
    pub fn value_text(&self) -> Option<String> {
        let value = self.value?;
        let number = format_number(value);
        Some(match &self.qualifier {
            Some(q) => format!("{q} {number}"),
            None => number,
        })
    }

    pub fn prisoners(&self) -> Option<&PrisonerDetail> {
        match &self.detail {
            Detail::Prisoners(d) => Some(d),
            _ => None,
        }
    }

    pub fn sanctions(&self) -> Option<&SanctionDetail> {
        match &self.detail {
            Detail::Sanctions(d) => Some(d),
            _ => None,
        }
    }
}

/// "1226" → "1,226"; fractions keep one decimal.
pub fn format_number(value: f64) -> String {
    if value.fract() != 0.0 {
        return format!("{value:.1}");
    }
    let digits = format!("{}", value as i64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
