//! Extract stage: sentences, entities, topics, facts and dates from the
//! clean text of the articles.

pub mod dates;
pub mod disagree;
pub mod entities;
pub mod facts;
pub mod model;
pub mod numbers;
pub mod sentences;
pub mod spans;
pub mod timeline;
pub mod topics;

pub use model::{Cite, MentionRef};
