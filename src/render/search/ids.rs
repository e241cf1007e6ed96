//! Page ids: 24-bit numbers from a hash of the page's content path, so a
//! page keeps its id when others are added or removed, and the index files
//! that do not hold the changed pages keep their bytes.
//!
//! Two paths with the same hash take the next free number, in path order;
//! only pages whose hashes collide can move.

use std::collections::HashSet;

/// Bits of a page id.
pub const BITS: u32 = 24;
const MASK: u32 = (1 << BITS) - 1;

fn hash(path: &str) -> u32 {
    let h = blake3::hash(path.as_bytes());
    let b = h.as_bytes();
    u32::from_be_bytes([0, b[0], b[1], b[2]])
}

/// The id of each path; `paths` must be sorted and unique.
///
/// # Panics
/// With more than 2^23 pages (half the id space: probing would slow down
/// long before it fills).
pub fn assign(paths: &[&str]) -> Vec<u32> {
    assert!(
        paths.len() < 1 << (BITS - 1),
        "the search index holds at most {} pages",
        1u32 << (BITS - 1)
    );
    debug_assert!(paths.windows(2).all(|w| w[0] < w[1]), "paths sorted");
    let mut taken = HashSet::with_capacity(paths.len());
    paths
        .iter()
        .map(|p| {
            let mut id = hash(p);
            while !taken.insert(id) {
                id = (id + 1) & MASK;
            }
            id
        })
        .collect()
}

/// Whether `id` lies in the range of ids whose top `len` bits are `bits`.
pub fn in_range(id: u32, bits: u32, len: u32) -> bool {
    len == 0 || id >> (BITS - len) == bits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_when_pages_are_added() {
        let before = ["a.md", "b.md", "c.md"];
        let after = ["a.md", "aa.md", "b.md", "c.md"];
        let x = assign(&before);
        let y = assign(&after);
        assert_eq!((x[0], x[1], x[2]), (y[0], y[2], y[3]));
        assert!(x.iter().all(|&id| id <= MASK));
    }

    #[test]
    fn colliding_hashes_take_the_next_free_id() {
        // 50,000 paths: enough for hashes to collide, and every id distinct.
        let names: Vec<String> = (0..50_000).map(|i| format!("sources/{i:06}.md")).collect();
        let paths: Vec<&str> = names.iter().map(String::as_str).collect();
        let ids = assign(&paths);
        let unique: HashSet<u32> = ids.iter().copied().collect();
        assert_eq!(unique.len(), ids.len());
        // 50,000 paths in 2^24 ids collide about 75 times: some moved.
        let moved = paths
            .iter()
            .zip(&ids)
            .filter(|(p, &id)| hash(p) != id)
            .count();
        assert!(moved > 0 && moved < 500, "{moved} ids moved");
    }

    #[test]
    fn ranges_are_top_bits() {
        let id = 0b1011 << (BITS - 4);
        assert!(in_range(id, 0, 0));
        assert!(in_range(id, 0b1, 1));
        assert!(in_range(id, 0b101, 3));
        assert!(!in_range(id, 0b100, 3));
    }
}
