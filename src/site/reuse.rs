//! Keeping the dossier half of a build (corpus → extract → `content/` and
//! `api/`) when nothing it is made from changed: a build after an edit to
//! a template, a hand-written page or a static file renders again without
//! reading the corpus, extracting, or checking every generated page.
//!
//! What that half makes is a function of the binary, the configuration,
//! the corpus and the previous output's `api/` data (the *What changed*
//! history). A successful build records a [`Record`]: a hash of those
//! inputs (the output as it published it), what the half reported (the
//! article count and the diagnostics, which are shown again), the data
//! files it wrote with their lengths, and every file of `content/` with
//! its hash, those it generated marked. A later build keeps the half only
//! when the inputs hash the same, every generated file of `content/` still
//! holds what was recorded, no changed or new file there says
//! `generated: true` (the writer would remove it), and every data file is
//! in the output with its recorded length (then carried over). Anything
//! else, and `--clean` or `--verbose`, runs the half as usual.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::cache::{self, Part};
use crate::config::Site;
use crate::diag::{Diagnostic, Level};
use crate::memo::{self, Memo};
use crate::output::Sink;

/// The memo kind of the record (one entry per site's cache).
const KIND: &str = "dossier-half";

/// What the dossier half of the last successful build made, and from what.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
pub struct Record {
    /// [`inputs`] of that build, the output as it published it.
    inputs: [u8; 32],
    pub articles: usize,
    /// Level, file, line and message of each.
    diagnostics: Vec<(Level, String, Option<usize>, String)>,
    /// The data files written into the output, and their lengths.
    data: Vec<(String, u64)>,
    /// Every file of `content/` once the half had written it (labels as
    /// the content part has them), and its hash.
    content: BTreeMap<String, String>,
    /// Those of them the half generated.
    generated: BTreeSet<String>,
}

/// The hash of what the dossier half reads: the configuration (with the
/// command line's overrides) and paths, the corpus files, and the output
/// (by its manifest, so an output replaced since is not taken for the one
/// this build's *What changed* history continues). The binary is implied:
/// the memo is per binary.
pub fn inputs(site: &Site, sources: &Part, output: &Part) -> [u8; 32] {
    let config = memo::encode(&site.config);
    let paths = format!("{:?}", site.paths);
    let read = sources
        .files()
        .filter(|(label, _)| {
            cache::under(label, cache::CORPUS).is_some() || *label == cache::CONFIG
        })
        .chain(output.files())
        .flat_map(|(label, hash)| [label.as_bytes(), hash.as_bytes()]);
    let parts = [&config[..], paths.as_bytes()].into_iter().chain(read);
    *memo::key(KIND, parts).as_bytes()
}

fn key() -> blake3::Hash {
    memo::key(KIND, [&b"last"[..]])
}

impl Record {
    /// What a build whose dossier half ran made: `generated`, the paths
    /// under `content/` it wrote; `data`, the data files (their lengths
    /// read from `output`, where they were just published). `None` when a
    /// diagnostic cannot be recorded as it is (a file name that is not
    /// UTF-8): then the next build runs the half.
    pub fn new(
        inputs: [u8; 32],
        articles: usize,
        diagnostics: &[Diagnostic],
        data: &[String],
        output: &Path,
        content: &Part,
        generated: &BTreeSet<String>,
    ) -> Option<Record> {
        let diagnostics = diagnostics
            .iter()
            .map(|d| {
                Some((
                    d.level,
                    d.file.to_str()?.to_string(),
                    d.line,
                    d.message.clone(),
                ))
            })
            .collect::<Option<_>>()?;
        let data = data
            .iter()
            .map(|p| Some((p.clone(), std::fs::metadata(output.join(p)).ok()?.len())))
            .collect::<Option<_>>()?;
        let content = contents(content);
        let generated = generated
            .iter()
            .map(|p| format!("{}/{p}", cache::CONTENT))
            .filter(|label| content.contains_key(label))
            .collect();
        Some(Record {
            inputs,
            articles,
            diagnostics,
            data,
            content,
            generated,
        })
    }

    /// Keep it for the next build.
    pub fn remember(&self, memo: &dyn Memo) {
        memo.put(KIND, &key(), &memo::encode(self));
    }

    /// The last build's record, when it was made from `inputs`.
    pub fn last(memo: &dyn Memo, inputs: &[u8; 32]) -> Option<Record> {
        memo::decoded::<Record>(memo, KIND, &key()).filter(|r| r.inputs == *inputs)
    }

    /// Does `content/` (`dir`, as `now` hashed it) hold what the half
    /// left there, with nothing since that the half would remove?
    pub fn holds(&self, dir: &Path, now: &Part) -> bool {
        let now: BTreeMap<&str, &str> = now.files().collect();
        let generated_kept = self.generated.iter().all(|label| {
            now.get(label.as_str()).copied() == self.content.get(label).map(String::as_str)
        });
        generated_kept
            && now
                .iter()
                .filter(|(label, hash)| {
                    self.content.get(**label).map(String::as_str) != Some(**hash)
                })
                .all(|(label, _)| {
                    // A name that is not UTF-8 (its label is lossy) cannot
                    // be looked at again: taken as generated.
                    let Some(rel) = cache::under(label, cache::CONTENT) else {
                        return false;
                    };
                    !rel.contains(char::REPLACEMENT_CHARACTER)
                        && !crate::dossier::write::is_generated(&dir.join(rel))
                })
    }

    /// Carry the data files over from the previous output into `sink`;
    /// `false`, with none carried, when one of them is not there with its
    /// recorded length.
    pub fn keep_data(&self, sink: &dyn Sink) -> std::io::Result<bool> {
        let there = self
            .data
            .iter()
            .all(|(path, len)| sink.previous_len(path) == Some(*len));
        if !there {
            return Ok(false);
        }
        for (path, len) in &self.data {
            if !sink.keep(path, *len)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The record of a build that kept the half: the output it published,
    /// and `content/` as it read it (its generated files as they were, by
    /// [`Record::holds`]; hand-written ones changed since are taken as
    /// they are now, so they are not looked at again).
    pub fn again(self, inputs: [u8; 32], content: &Part) -> Record {
        Record {
            inputs,
            content: contents(content),
            ..self
        }
    }

    /// The data files' paths, sorted.
    pub fn data_paths(&self) -> Vec<String> {
        self.data.iter().map(|(p, _)| p.clone()).collect()
    }

    /// The half's diagnostics, as it reported them.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.diagnostics
            .iter()
            .map(|(level, file, line, message)| Diagnostic {
                level: *level,
                file: PathBuf::from(file),
                line: *line,
                message: message.clone(),
            })
            .collect()
    }
}

/// Every file of a content part: its label and hash.
fn contents(content: &Part) -> BTreeMap<String, String> {
    content
        .files()
        .map(|(label, hash)| (label.to_string(), hash.to_string()))
        .collect()
}
