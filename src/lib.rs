//! `dossier`: turn raw news articles into a sourced, cited static briefing site.
//!
//! Data flows one way through one module per stage:
//! `config` → `corpus` → `extract` → `dossier` → `render` → `site`.
//! See `ARCHITECTURE.md` for the codemap and the invariants between stages.

pub mod calendar;
pub mod config;
pub mod corpus;
pub mod diag;
pub mod dossier;
pub mod extract;
pub mod fuzz;
pub mod memo;
pub mod output;
pub mod pattern;
pub mod render;
pub mod site;
pub mod slug;
pub mod stamp;
pub mod yaml;
