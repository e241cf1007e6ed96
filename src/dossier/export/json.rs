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

/// A fingerprint of the records [`pieces`] makes of `items`: each record
/// in its compact binary form (the build cache's), hashed a piece at a
/// time in parallel, so that a file whose records are all unchanged need
/// not be made again (the file is a function of its records: it prints
/// them in order). `None` when a record has no compact form.
pub fn fingerprint<'a, T: Sync, R: Serialize>(
    items: &'a [T],
    record: impl Fn(&'a T) -> R + Sync,
) -> Option<blake3::Hash> {
    let pieces: Vec<blake3::Hash> = items
        .par_chunks(PIECE)
        .map(|chunk| {
            let mut buf = Vec::new();
            for item in chunk {
                buf = postcard::to_extend(&record(item), buf).ok()?;
            }
            Some(blake3::hash(&buf))
        })
        .collect::<Option<_>>()?;
    let mut hasher = crate::memo::Hasher::new();
    hasher.update(&(items.len() as u64).to_le_bytes());
    for p in &pieces {
        hasher.update(p.as_bytes());
    }
    Some(hasher.finalize())
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

    #[test]
    fn the_fingerprint_follows_every_record_and_only_the_records() {
        #[derive(Serialize)]
        struct S {
            a: u32,
            b: String,
            c: Option<Vec<String>>,
        }
        let make = |n: usize| -> Vec<(u32, String)> {
            (0..n as u32).map(|i| (i, format!("text {i}"))).collect()
        };
        let record = |(a, b): &(u32, String)| S {
            a: *a,
            b: b.clone(),
            c: (a % 3 == 0).then(|| vec![b.clone()]),
        };
        let items = make(2 * PIECE + 5);
        let base = fingerprint(&items, record).unwrap();
        assert_eq!(fingerprint(&make(2 * PIECE + 5), record), Some(base));
        // Any record changed, in any piece; one record fewer; none.
        for at in [0, PIECE - 1, PIECE, 2 * PIECE + 4] {
            let mut changed = items.clone();
            changed[at].1.push('!');
            assert_ne!(fingerprint(&changed, record), Some(base), "record {at}");
        }
        assert_ne!(fingerprint(&items[..items.len() - 1], record), Some(base));
        assert_ne!(
            fingerprint(&[] as &[(u32, String)], record),
            fingerprint(&items[..1], record)
        );
        // A text moving between fields of neighbouring records shows.
        let split = [(1, "ab".to_string()), (2, "c".to_string())];
        let moved = [(1, "a".to_string()), (2, "bc".to_string())];
        assert_ne!(fingerprint(&split, record), fingerprint(&moved, record));
    }
}
