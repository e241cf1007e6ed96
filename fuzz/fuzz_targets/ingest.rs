//! One article through ingest and extraction: `dossier::fuzz::ingest`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dossier::fuzz::ingest::run(data));
