//! How the `api/` files are written: a JSON array with one element per
//! line, each element serialized straight from typed records (in
//! parallel, never through a `serde_json::Value` tree). The result is
//! valid JSON that diffs and greps by record.

use rayon::prelude::*;
use serde::Serialize;

use crate::dossier::emit::KeyedPiece;

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

/// [`array`] of `record(item)` for each item, cut into pieces where the
/// records themselves say ([`super::cut`]), each keyed by the hashes of
/// the records it holds (in their compact binary form, the build cache's),
/// and the key of the whole. `None` when a record has no compact form.
pub fn keyed_pieces<'a, T: Sync, R: Serialize>(
    items: &'a [T],
    record: impl Fn(&'a T) -> R + Copy + Send + Sync + 'a,
) -> Option<(blake3::Hash, Vec<KeyedPiece<'a>>)> {
    let hashes: Vec<blake3::Hash> = items
        .par_chunks(PIECE)
        .map(|chunk| {
            let mut buf = Vec::new();
            chunk
                .iter()
                .map(|item| {
                    buf.clear();
                    buf = postcard::to_extend(&record(item), std::mem::take(&mut buf)).ok()?;
                    Some(blake3::hash(&buf))
                })
                .collect::<Option<Vec<_>>>()
        })
        .collect::<Option<Vec<Vec<_>>>>()?
        .concat();
    let ends: Vec<usize> = (1..=items.len()).collect();
    Some(keyed_runs(items, &ends, &hashes, record))
}

/// [`keyed_pieces`] of records in runs (`ends`: where each run ends, in
/// order, the last at `items.len()`) whose hashes the caller knows (one
/// per run, standing for the bytes of its records): the file is cut
/// between runs, never inside one.
pub fn keyed_runs<'a, T: Sync, R: Serialize>(
    items: &'a [T],
    ends: &[usize],
    hashes: &[blake3::Hash],
    record: impl Fn(&'a T) -> R + Copy + Send + Sync + 'a,
) -> (blake3::Hash, Vec<KeyedPiece<'a>>) {
    debug_assert_eq!(ends.len(), hashes.len());
    debug_assert_eq!(ends.last().copied().unwrap_or(0), items.len());
    let (whole, cuts) = super::cut::cut(hashes);
    let start_of = |run: usize| if run == 0 { 0 } else { ends[run - 1] };
    let pieces = cuts
        .into_iter()
        .map(|c| {
            let chunk = &items[start_of(c.start)..start_of(c.end)];
            let (first, last) = (c.first(), c.end == ends.len());
            KeyedPiece {
                key: c.key,
                make: Box::new(move || piece(chunk, record, first, last)),
            }
        })
        .collect();
    (whole, pieces)
}

/// The bytes of `items` in the array: after `[` when `first`, else after
/// the separator that ends the record before; up to `]` when `last`.
fn piece<'a, T, R: Serialize>(
    items: &'a [T],
    record: impl Fn(&'a T) -> R,
    first: bool,
    last: bool,
) -> Vec<u8> {
    let mut out = Vec::new();
    if first {
        out.extend_from_slice(b"[\n");
    }
    for (i, item) in items.iter().enumerate() {
        if !(first && i == 0) {
            out.extend_from_slice(b",\n");
        }
        serde_json::to_writer(&mut out, &record(item)).expect("records serialize");
    }
    if last {
        out.extend_from_slice(if items.is_empty() && first {
            b"]\n"
        } else {
            b"\n]\n"
        });
    }
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

    #[derive(Serialize)]
    struct S {
        a: u32,
        b: String,
        c: Option<Vec<String>>,
    }

    fn make(n: usize) -> Vec<(u32, String)> {
        (0..n as u32).map(|i| (i, format!("text {i}"))).collect()
    }

    fn record((a, b): &(u32, String)) -> S {
        S {
            a: *a,
            b: b.clone(),
            c: (a % 3 == 0).then(|| vec![b.clone()]),
        }
    }

    fn whole(items: &[(u32, String)]) -> blake3::Hash {
        keyed_pieces(items, record).unwrap().0
    }

    fn keys(items: &[(u32, String)]) -> Vec<blake3::Hash> {
        keyed_pieces(items, record)
            .unwrap()
            .1
            .iter()
            .map(|p| p.key)
            .collect()
    }

    #[test]
    fn keyed_pieces_join_into_the_array_at_any_length() {
        for n in [0, 1, 2, 511, 3000, 9000] {
            let items = make(n);
            let (_, pieces) = keyed_pieces(&items, record).unwrap();
            let joined: Vec<u8> = pieces.iter().flat_map(|p| (p.make)()).collect();
            let records: Vec<S> = items.iter().map(record).collect();
            assert_eq!(joined, array(&records), "{n} records");
            assert!(
                pieces.len() >= n / super::super::cut::MAX && pieces.len() <= n.max(1),
                "{n} records in {} pieces",
                pieces.len()
            );
        }
        assert!(keys(&make(9000)).len() > 4, "pieces are cut by content");
    }

    #[test]
    fn the_whole_fingerprint_follows_every_record_and_only_the_records() {
        let items = make(2 * PIECE + 5);
        let base = whole(&items);
        assert_eq!(whole(&make(2 * PIECE + 5)), base);
        // Any record changed, in any piece; one record fewer; none.
        for at in [0, PIECE - 1, PIECE, 2 * PIECE + 4] {
            let mut changed = items.clone();
            changed[at].1.push('!');
            assert_ne!(whole(&changed), base, "record {at}");
        }
        assert_ne!(whole(&items[..items.len() - 1]), base);
        assert_ne!(whole(&[]), whole(&items[..1]));
        // A text moving between fields of neighbouring records shows.
        let split = [(1, "ab".to_string()), (2, "c".to_string())];
        let moved = [(1, "a".to_string()), (2, "bc".to_string())];
        assert_ne!(whole(&split), whole(&moved));
    }

    #[test]
    fn a_record_added_changed_or_removed_changes_only_the_pieces_around_it() {
        let items = make(20_000);
        let before: std::collections::HashSet<_> = keys(&items).into_iter().collect();
        let mut edits: Vec<(&str, Vec<(u32, String)>)> = Vec::new();
        let mut v = items.clone();
        v[12_345].1.push('!');
        edits.push(("changed", v));
        let mut v = items.clone();
        v.insert(7_000, (7, "inserted".into()));
        edits.push(("added", v));
        let mut v = items.clone();
        v.remove(15_000);
        edits.push(("removed", v));
        let mut v = items.clone();
        v.push((1, "appended".into()));
        edits.push(("appended", v));
        for (what, v) in edits {
            let after = keys(&v);
            let new = after.iter().filter(|k| !before.contains(k)).count();
            assert!(
                (1..=2).contains(&new),
                "{what}: {new} of {} pieces are new",
                after.len()
            );
            let records: Vec<S> = v.iter().map(record).collect();
            let (_, pieces) = keyed_pieces(&v, record).unwrap();
            let joined: Vec<u8> = pieces.iter().flat_map(|p| (p.make)()).collect();
            assert_eq!(joined, array(&records), "{what}");
        }
    }
}
