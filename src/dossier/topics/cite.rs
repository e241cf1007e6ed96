//! How the topic and timeline pages show a fact's date (their citation
//! links come from [`crate::dossier::titles::Sources`]).

use crate::extract::facts::Fact;

/// The date of a fact as shown: "2025-09-11", with "(uncertain)" when it
/// was resolved against an inferred article date.
pub fn date_text(fact: &Fact) -> String {
    match fact.date {
        Some(d) if fact.date_uncertain => format!("{d} (uncertain)"),
        Some(d) => d.to_string(),
        None => "undated".into(),
    }
}
