//! What the fuzz targets run (`fuzz/fuzz_targets/`), shared with the replay
//! of their saved inputs (`tests/fuzz_regressions.rs`), so CI runs exactly
//! the code the fuzzer ran on every input in `tests/fixtures/fuzz/`.
//!
//! Each entry point takes arbitrary bytes, runs one stage's real code on
//! them and panics only when an invariant breaks: a problem with the input
//! must come back as a [`Diagnostic`](crate::diag::Diagnostic), never a panic.
//!
//! - [`ingest::run`]: one article through decode, clean, metadata,
//!   paragraphs, sentences, entities, numbers, dates and facts.
//! - [`front_matter::run`]: the content front matter, sidecar and
//!   `site.yaml` parsers.

pub mod front_matter;
pub mod ingest;

use std::ops::Range;

/// Panic unless `range` is a non-inverted byte range of `text` whose ends
/// are on char boundaries. `what` names the range in the message.
pub(crate) fn assert_range(text: &str, range: &Range<usize>, what: &str) {
    assert!(
        range.start <= range.end && range.end <= text.len(),
        "{what}: range {range:?} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
        "{what}: range {range:?} not on char boundaries of {text:?}"
    );
}
