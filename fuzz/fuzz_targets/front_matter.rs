//! Content front matter, sidecars and site.yaml: `dossier::fuzz::front_matter`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| dossier::fuzz::front_matter::run(data));
