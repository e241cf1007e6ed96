//! How the `api/` files are written: a JSON array with one element per
//! line, each element serialized straight from typed records (in
//! parallel, never through a `serde_json::Value` tree). The result is
//! valid JSON that diffs and greps by record.

use rayon::prelude::*;
use serde::Serialize;

/// `[`, the elements separated by `,` and a line break, `]`, a final line
/// break.
pub fn array<T: Serialize + Sync>(items: &[T]) -> Vec<u8> {
    let lines: Vec<Vec<u8>> = items
        .par_iter()
        .map(|item| serde_json::to_vec(item).expect("records serialize"))
        .collect();
    let size: usize = lines.iter().map(|l| l.len() + 2).sum();
    let mut out = Vec::with_capacity(size + 4);
    out.extend_from_slice(b"[\n");
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b",\n");
        }
        out.extend_from_slice(line);
    }
    out.extend_from_slice(if lines.is_empty() { b"]\n" } else { b"\n]\n" });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct R {
        a: u32,
        b: &'static str,
    }

    #[test]
    fn one_record_per_line_and_valid_json() {
        let bytes = array(&[R { a: 1, b: "x\ny" }, R { a: 2, b: "" }]);
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert_eq!(
            text,
            "[\n{\"a\":1,\"b\":\"x\\ny\"},\n{\"a\":2,\"b\":\"\"}\n]\n"
        );
        let back: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(back[1]["a"], 2);
        assert_eq!(array::<R>(&[]), b"[\n]\n");
        assert!(serde_json::from_slice::<serde_json::Value>(&array::<R>(&[])).is_ok());
    }
}
