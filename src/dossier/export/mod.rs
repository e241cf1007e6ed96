//! JSON export of the dossier into `api/`.

pub mod cut;
pub mod entities;
pub mod facts;
pub mod ftm;
pub mod json;
pub mod sources;
pub mod timeline;
