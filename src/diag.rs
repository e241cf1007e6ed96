//! Diagnostics: every problem names the file (and line where there is one).

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Level {
    Warning,
    Error,
}

/// One problem found in an input file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    pub level: Level,
    pub file: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl Diagnostic {
    pub fn error(file: impl AsRef<Path>, line: Option<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            level: Level::Error,
            file: file.as_ref().to_path_buf(),
            line,
            message: message.into(),
        }
    }

    pub fn warning(
        file: impl AsRef<Path>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            level: Level::Warning,
            file: file.as_ref().to_path_buf(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.level {
            Level::Warning => "warning",
            Level::Error => "error",
        };
        match self.line {
            Some(line) => write!(f, "{level}: {}:{line}: {}", shown(&self.file), self.message),
            None => write!(f, "{level}: {}: {}", shown(&self.file), self.message),
        }
    }
}

/// A path as shown in messages: control characters (a line break in a file
/// name) escaped, so one message is one line and a name cannot forge
/// another message.
pub fn shown(path: &Path) -> String {
    let text = path.display().to_string();
    if !text.contains(|c: char| c.is_control()) {
        return text;
    }
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_break_in_a_file_name_stays_on_one_line() {
        let d = Diagnostic::warning("corpus/a\nerror: b.txt", None, "empty file");
        assert_eq!(
            d.to_string(),
            "warning: corpus/a\\nerror: b.txt: empty file"
        );
    }
}
