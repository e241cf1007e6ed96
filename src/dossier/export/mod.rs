//! JSON export of the dossier into `public/api/`.

pub mod facts;
pub mod timeline;
