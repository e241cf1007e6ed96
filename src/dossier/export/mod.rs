//! JSON export of the dossier into `api/`.

pub mod sources;
