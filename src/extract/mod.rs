//! Extract stage: sentences, entities, topics, facts and dates from the
//! clean text of the articles.

pub mod entities;
pub mod model;
pub mod sentences;

pub use model::{Cite, MentionRef};
