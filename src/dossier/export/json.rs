//! How the `api/` files are written: a JSON array with one element per
//! line, each element serialized straight from typed records (in
//! parallel, never through a `serde_json::Value` tree). The result is
//! valid JSON that diffs and greps by record.

use rayon::prelude::*;
use serde::Serialize;

/// Records per piece of [`pieces`].
const PIECE: usize = 4096;

/// `[`, the elements separated by `,` and a line break, `]`, a final line
/// break.
pub fn array<T: Serialize + Sync>(items: &[T]) -> Vec<u8> {
    pieces(items, |item| item).collect::<Vec<_>>().concat()
}

/// [`array`] of `record(item)` for each item, in pieces of a few thousand
/// records: a piece is made (its records serialized in parallel) only when
/// the next one is asked for, so a large file never sits whole in memory
/// when its receiver writes each piece out (see `Emit::data_pieces`).
pub fn pieces<'a, T: Sync, R: Serialize>(
    items: &'a [T],
    record: impl Fn(&'a T) -> R + Sync + 'a,
) -> impl Iterator<Item = Vec<u8>> + 'a {
    let body = items.chunks(PIECE).enumerate().map(move |(k, chunk)| {
        let lines: Vec<Vec<u8>> = chunk
            .par_iter()
            .map(|item| serde_json::to_vec(&record(item)).expect("records serialize"))
            .collect();
        let mut out = Vec::with_capacity(lines.iter().map(|l| l.len() + 2).sum());
        for (i, line) in lines.iter().enumerate() {
            if k > 0 || i > 0 {
                out.extend_from_slice(b",\n");
            }
            out.extend_from_slice(line);
        }
        out
    });
    let end: &[u8] = if items.is_empty() { b"]\n" } else { b"\n]\n" };
    std::iter::once(b"[\n".to_vec())
        .chain(body)
        .chain(std::iter::once(end.to_vec()))
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

    #[test]
    fn pieces_join_into_the_array_at_any_length() {
        for n in [0, 1, PIECE - 1, PIECE, PIECE + 1, 2 * PIECE + 3] {
            let items: Vec<u32> = (0..n as u32).collect();
            let records: Vec<R> = items.iter().map(|&a| R { a, b: "é\"" }).collect();
            let pieces: Vec<Vec<u8>> = pieces(&items, |&a| R { a, b: "é\"" }).collect();
            assert_eq!(pieces.len(), 2 + n.div_ceil(PIECE), "{n} records");
            let joined = pieces.concat();
            let expected: Vec<String> = records
                .iter()
                .map(|r| serde_json::to_string(r).unwrap())
                .collect();
            let expected = if n == 0 {
                "[\n]\n".to_string()
            } else {
                format!("[\n{}\n]\n", expected.join(",\n"))
            };
            assert_eq!(String::from_utf8(joined).unwrap(), expected, "{n} records");
        }
    }
}
