//! JSON exports written under `public/api/`.

pub mod entities;
pub mod ftm;
