//! Where a large `api/` file is cut into pieces: at points its records
//! choose themselves (after a record whose hash is a multiple of
//! [`AVERAGE`]), so a record added, changed or removed changes the piece
//! that holds it and no other. Each piece is keyed by the hashes of its
//! records, which a receiver that remembers where each piece lay in the
//! file it wrote last uses to copy the unchanged ones from there
//! (`Emit::data_keyed_pieces`).

/// Records per piece on average.
pub const AVERAGE: u32 = 512;

/// Most records in a piece.
pub const MAX: usize = 4 * AVERAGE as usize;

/// One piece: records `start..end`, and the key of what it holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Piece {
    pub start: usize,
    pub end: usize,
    pub key: blake3::Hash,
}

impl Piece {
    /// The first piece of the file.
    pub fn first(&self) -> bool {
        self.start == 0
    }
}

/// The pieces of a file of records whose hashes are `hashes` (one per
/// record, in order), and the key of the whole file (of its pieces'). A
/// piece's key covers its records' hashes and whether it opens or closes
/// the file, since those are written with a file's opening and closing
/// bytes. An empty file is one empty piece.
pub fn cut(hashes: &[blake3::Hash]) -> (blake3::Hash, Vec<Piece>) {
    let n = hashes.len();
    let mut ends = Vec::new();
    let mut start = 0;
    for (i, h) in hashes.iter().enumerate() {
        let bits = u32::from_le_bytes(h.as_bytes()[..4].try_into().expect("four bytes"));
        if bits % AVERAGE == 0 || i + 1 - start == MAX || i + 1 == n {
            ends.push(i + 1);
            start = i + 1;
        }
    }
    if n == 0 {
        ends.push(0);
    }
    let mut whole = crate::memo::Hasher::new();
    whole.update(&(n as u64).to_le_bytes());
    let mut pieces = Vec::with_capacity(ends.len());
    let mut a = 0;
    for b in ends {
        let mut h = crate::memo::Hasher::new();
        h.update(&[u8::from(a == 0), u8::from(b == n)]);
        h.update(&((b - a) as u64).to_le_bytes());
        for r in &hashes[a..b] {
            h.update(r.as_bytes());
        }
        let key = h.finalize();
        whole.update(key.as_bytes());
        pieces.push(Piece {
            start: a,
            end: b,
            key,
        });
        a = b;
    }
    (whole.finalize(), pieces)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(n: u32) -> Vec<blake3::Hash> {
        (0..n).map(|i| blake3::hash(&i.to_le_bytes())).collect()
    }

    #[test]
    fn pieces_cover_every_record_once_in_order_and_none_is_too_long() {
        for n in [0, 1, 2, 511, 3000, 9000] {
            let (_, pieces) = cut(&hashes(n));
            let mut next = 0;
            for p in &pieces {
                assert_eq!(p.start, next, "{n} records");
                assert!(p.end - p.start <= MAX, "{n} records");
                assert!(p.end > p.start || n == 0, "{n} records");
                next = p.end;
            }
            assert_eq!(next, n as usize);
        }
        assert!(cut(&hashes(9000)).1.len() > 4, "pieces are cut by content");
    }

    #[test]
    fn a_record_changed_changes_the_whole_and_at_most_two_pieces() {
        let base = hashes(20_000);
        let (whole, pieces) = cut(&base);
        let before: std::collections::HashSet<_> = pieces.iter().map(|p| p.key).collect();
        let mut changed = base.clone();
        changed[12_345] = blake3::hash(b"changed");
        let (other, after) = cut(&changed);
        assert_ne!(other, whole);
        let new = after.iter().filter(|p| !before.contains(&p.key)).count();
        assert!((1..=2).contains(&new), "{new} new pieces");
        // One record fewer, or none: another whole.
        assert_ne!(cut(&base[..base.len() - 1]).0, whole);
        assert_ne!(cut(&[]).0, cut(&base[..1]).0);
    }
}
