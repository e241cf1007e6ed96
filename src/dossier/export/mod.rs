//! JSON export of the dossier into `api/`.

pub mod facts;
pub mod sources;
pub mod timeline;
