//! The one way hand-written YAML is parsed (`site.yaml`, sidecars, front
//! matter): `serde_norway`, behind a guard against deep flow nesting.
//!
//! Its parser takes time quadratic in the nesting depth of flow collections
//! (`[[[[…`, `{a: {a: …`) and only then stops at serde's recursion limit
//! (128), so 64 KB of `[` took seconds. A depth past the limit fails either
//! way; the guard makes it fail at once.

use serde::de::DeserializeOwned;

/// Flow collections nested deeper than this are refused before parsing.
/// Brackets are counted anywhere (also inside quoted strings), so the
/// limit is twice serde's own: nothing serde would accept is refused
/// unless a string holds more than 256 unclosed brackets.
pub const MAX_FLOW_DEPTH: usize = 256;

/// Parse YAML text; errors carry the line where there is one.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, serde_yaml::Error> {
    if let Some(line) = too_deep(text) {
        return Err(serde::de::Error::custom(format!(
            "collections nested more than {MAX_FLOW_DEPTH} deep at line {line}"
        )));
    }
    serde_yaml::from_str(text)
}

/// The 1-based line where flow nesting first exceeds the limit, if it does.
fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut line = 1;
    for c in text.chars() {
        match c {
            '\n' => line += 1,
            '[' | '{' => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Some(line);
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_flow_nesting_is_refused_with_its_line() {
        let text = format!("title: x\nextra: {}\n", "[".repeat(20_000));
        let err = from_str::<serde_json::Value>(&text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "collections nested more than 256 deep at line 2"
        );
    }

    #[test]
    fn nesting_serde_accepts_still_parses() {
        let depth = 100;
        let text = format!(
            "a: {}1{}\nb: '[[[['\n",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let value: serde_json::Value = from_str(&text).unwrap();
        assert_eq!(value["b"], "[[[[");
        // Many collections one after the other are not nesting.
        let text = format!("a: [{}]\n", "[1], ".repeat(1000));
        let value: serde_json::Value = from_str(&text).unwrap();
        assert_eq!(value["a"].as_array().unwrap().len(), 1000);
    }
}
