//! Extract stage: sentences, entities, topics, facts and dates from the
//! clean text of the articles.

pub mod sentences;
