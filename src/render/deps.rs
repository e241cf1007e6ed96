//! What rendering a page read, so that a later build can tell whether the
//! page would come out the same and keep the previous output instead.
//!
//! A page's output depends on its own inputs (its content file, its
//! summary, its template and every template that one extends, imports or
//! includes, the site settings) and on what it looked up while rendering:
//! other pages' summaries through `get_page` and `get_section`, bodies
//! through `page_content`, and whether pages exist (`has_page`, internal
//! links). The lookups are recorded while the page renders (see
//! [`reading`]) and stored with a fingerprint of each answer; the page is
//! rendered again only when one of them differs.

use std::cell::RefCell;
use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

/// One thing a page read while it was rendered. (`S` is the path's type:
/// a stored record is read back with paths borrowed from its bytes.)
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Dep<S = String> {
    /// `get_page(path)`: the page's summary without its text.
    Card(S),
    /// `get_page(path, text=true)`: the summary with its text excerpt.
    Text(S),
    /// `get_section(path)`: the summary with its list of pages.
    Section(S),
    /// `has_page(path)`, or an internal link to the path: whether it exists.
    Exists(S),
    /// `page_content(path)`: the rendered body.
    Body(S),
    /// The page's title and date alone, as a list of pages names it (the
    /// printable page's list of sources).
    Heading(S),
}

thread_local! {
    /// The reads of the render running on this thread, if one is recording.
    static READS: RefCell<Option<BTreeSet<Dep>>> = const { RefCell::new(None) };
}

/// Note that the render running on this thread read `dep` (nothing happens
/// outside [`reading`]).
pub fn record(dep: Dep) {
    READS.with(|reads| {
        if let Some(set) = reads.borrow_mut().as_mut() {
            set.insert(dep);
        }
    });
}

/// Run `f` (a render, on this thread) and return what it read.
pub fn reading<T>(f: impl FnOnce() -> T) -> (T, BTreeSet<Dep>) {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            READS.with(|reads| *reads.borrow_mut() = None);
        }
    }
    READS.with(|reads| *reads.borrow_mut() = Some(BTreeSet::new()));
    let _reset = Reset;
    let out = f();
    let deps = READS
        .with(|reads| reads.borrow_mut().take())
        .unwrap_or_default();
    (out, deps)
}

/// The stored account of one output file: the fingerprint of its own
/// inputs, what it read and the fingerprint of each answer, and the size of
/// the bytes written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record<S = String> {
    pub inputs: [u8; 32],
    pub reads: Vec<(Dep<S>, [u8; 32])>,
    pub len: u64,
}

impl<S> Record<S> {
    /// Whether the output is still what these inputs and reads give:
    /// `answer` fingerprints a read as of this build.
    pub fn holds(&self, inputs: &[u8; 32], answer: impl Fn(&Dep<S>) -> [u8; 32]) -> bool {
        self.inputs == *inputs && self.reads.iter().all(|(dep, seen)| answer(dep) == *seen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_recorded_only_while_reading() {
        record(Dep::Card("a.md".into()));
        let (value, deps) = reading(|| {
            record(Dep::Exists("b.md".into()));
            record(Dep::Card("a.md".into()));
            record(Dep::Exists("b.md".into()));
            7
        });
        assert_eq!(value, 7);
        let deps: Vec<Dep> = deps.into_iter().collect();
        assert_eq!(deps, [Dep::Card("a.md".into()), Dep::Exists("b.md".into())]);
        let (_, none) = reading(|| ());
        assert!(none.is_empty(), "each reading starts empty");
    }

    #[test]
    fn a_record_reads_back_with_borrowed_paths() {
        let record: Record = Record {
            inputs: [1; 32],
            reads: vec![
                (Dep::Card("a.md".into()), [2; 32]),
                (Dep::Body("b/c.md".into()), [3; 32]),
            ],
            len: 10,
        };
        let bytes = crate::memo::encode(&record);
        let borrowed: Record<&str> = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(borrowed.reads[1].0, Dep::Body("b/c.md"));
        assert_eq!(borrowed.len, 10);
    }

    #[test]
    fn a_record_holds_while_inputs_and_answers_are_the_same() {
        let record: Record = Record {
            inputs: [1; 32],
            reads: vec![(Dep::Card("a.md".into()), [2; 32])],
            len: 10,
        };
        assert!(record.holds(&[1; 32], |_| [2; 32]));
        assert!(!record.holds(&[1; 32], |_| [3; 32]));
        assert!(!record.holds(&[9; 32], |_| [2; 32]));
    }
}
