//! The index format as the search page reads it: a reader that picks cells
//! the way `js/search.js` does, checked against a plain scan of the pages.

use std::collections::{BTreeMap, BTreeSet};

use rand::{Rng, SeedableRng};
use serde_json::Value;

use super::*;

type Files = BTreeMap<String, Vec<u8>>;

fn page(path: &str, title: &str, paragraphs: &[&str]) -> PageDocs {
    PageDocs {
        path: path.into(),
        title: title.into(),
        url: path.replace(".md", ".html"),
        kind: if path.starts_with("sources/") {
            "source"
        } else {
            "page"
        }
        .into(),
        docs: paragraphs
            .iter()
            .enumerate()
            .map(|(i, p)| Doc {
                anchor: path.starts_with("sources/").then(|| format!("p{}", i + 1)),
                text: p.to_string(),
            })
            .collect(),
    }
}

/// A corpus of `n` source pages of random words (a few frequent, many
/// rare), plus a few whole pages.
fn corpus(n: usize, seed: u64) -> Vec<PageDocs> {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let syllables = [
        "ka", "lu", "sha", "pri", "so", "ner", "bel", "a", "rus", "min", "sk", "vi", "as", "na",
        "to",
    ];
    let vocab: Vec<String> = (0..3000)
        .map(|i| {
            let len = 1 + i % 4;
            (0..len)
                .map(|_| syllables[rng.gen_range(0..syllables.len())])
                .collect()
        })
        .collect();
    let word = |rng: &mut rand_chacha::ChaCha8Rng| {
        // Zipf-like: low indexes are much more frequent.
        let r: f64 = rng.gen();
        vocab[((r * r * r) * vocab.len() as f64) as usize].clone()
    };
    let mut pages = Vec::new();
    for i in 0..n {
        let title: Vec<String> = (0..4).map(|_| word(&mut rng)).collect();
        let paragraphs: Vec<String> = (0..rng.gen_range(1..12))
            .map(|_| {
                (0..rng.gen_range(5..40))
                    .map(|_| word(&mut rng))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
        pages.push(page(
            &format!("sources/s{i:05}.md"),
            &title.join(" "),
            &refs,
        ));
    }
    for name in ["about", "timeline", "actors/ivan"] {
        pages.push(page(
            &format!("{name}.md"),
            name,
            &["The whole page, once."],
        ));
    }
    pages
}

fn build(pages: Vec<PageDocs>, limits: Limits) -> Files {
    files_with(pages, limits).into_iter().collect()
}

/// The data a file hands to `dossierSearch.add`, checking the name it gives.
fn data(files: &Files, name: &str) -> Value {
    let path = format!("search/{name}.js");
    let bytes = files.get(&path).unwrap_or_else(|| panic!("{path} missing"));
    let text = std::str::from_utf8(bytes).expect("utf-8");
    let head = format!("dossierSearch.add(\"{name}\",");
    let json = text
        .strip_prefix(&head)
        .and_then(|t| t.strip_suffix(");\n"))
        .unwrap_or_else(|| panic!("{path} is not one dossierSearch.add call"));
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The cells the client loads for a word: prefix match, or whole term only.
fn cells_for(manifest: &Value, w: &str, prefix: bool) -> Vec<String> {
    let mut names = Vec::new();
    let words = manifest["words"].as_object().unwrap();
    for (t, parts) in words {
        if (prefix && t.starts_with(w)) || t == w {
            for bits in parts.as_array().unwrap() {
                let bits = bits.as_str().unwrap();
                names.push(if bits.is_empty() {
                    format!("w-{t}")
                } else {
                    format!("w-{t}.{bits}")
                });
            }
        }
    }
    if !prefix && words.contains_key(w) {
        return names;
    }
    let nodes = manifest["nodes"].as_object().unwrap();
    let name = |n: &str| {
        if n.is_empty() {
            "r".to_string()
        } else {
            format!("r-{n}")
        }
    };
    if prefix {
        for (n, f) in nodes {
            if f == 1 && n.starts_with(w) && n != w {
                names.push(name(n));
            }
        }
    }
    let longest = nodes
        .iter()
        .filter(|(n, _)| w.starts_with(n.as_str()))
        .max_by_key(|(n, _)| n.len())
        .expect("the root node");
    if longest.1 == 1 {
        names.push(name(longest.0));
    }
    names
}

fn varints(s: &str) -> Vec<u32> {
    encode::read_varints(s)
}

/// (page id, document index) → title flag, for one word.
fn matches(files: &Files, w: &str, prefix: bool) -> BTreeMap<(u32, u32), bool> {
    let manifest = data(files, "index");
    let mut out = BTreeMap::new();
    for name in cells_for(&manifest, w, prefix) {
        for (t, s) in data(files, &name).as_object().unwrap() {
            if !(t == w || (prefix && t.starts_with(w))) {
                continue;
            }
            let v = varints(s.as_str().unwrap());
            let (mut i, mut page) = (0, 0);
            while i < v.len() {
                page += v[i];
                let (count, title) = (v[i + 1] >> 1, v[i + 1] & 1 == 1);
                i += 2;
                let mut last: i64 = -1;
                for j in 0..count {
                    let doc = if title {
                        j
                    } else {
                        last += v[i] as i64 + 1;
                        i += 1;
                        last as u32
                    };
                    let flag = out.entry((page, doc)).or_insert(false);
                    *flag |= title;
                }
            }
        }
    }
    out
}

/// Page ids by content path, from the manifest's order.
fn ids_by_path(files: &Files, pages: &[PageDocs]) -> BTreeMap<String, u32> {
    let order = data(files, "index")["order"].as_str().unwrap().to_string();
    let mut paths: Vec<&str> = pages.iter().map(|p| p.path.as_str()).collect();
    paths.sort();
    assert_eq!(order.len(), 4 * paths.len());
    let digit = |c: u8| encode::DIGITS.iter().position(|&d| d == c).unwrap() as u32;
    paths
        .iter()
        .zip(order.as_bytes().chunks(4))
        .map(|(p, c)| (p.to_string(), c.iter().fold(0, |v, &d| v * 64 + digit(d))))
        .collect()
}

/// The same by scanning every document.
fn scan(
    pages: &[PageDocs],
    ids: &BTreeMap<String, u32>,
    w: &str,
    prefix: bool,
) -> BTreeMap<(u32, u32), bool> {
    let hit = |t: &String| t == w || (prefix && t.starts_with(w));
    let mut out = BTreeMap::new();
    for p in pages {
        let title = terms(&p.title);
        for (i, d) in p.docs.iter().enumerate() {
            let text = terms(&d.text);
            if title.iter().chain(&text).any(hit) {
                out.insert((ids[&p.path], i as u32), title.iter().any(hit));
            }
        }
    }
    out
}

fn size(files: &Files, names: &[String]) -> usize {
    names
        .iter()
        .map(|n| files[&format!("search/{n}.js")].len())
        .sum()
}

#[test]
fn a_small_site_is_three_files() {
    let pages = vec![
        page(
            "sources/a.md",
            "Potash sanctions",
            &["The potash deal.", "Prisoners freed."],
        ),
        page(
            "topics/prisoners.md",
            "Prisoners",
            &["Released prisoners </script>"],
        ),
    ];
    let files = build(pages, Limits::DEFAULT);
    assert_eq!(
        files.keys().collect::<Vec<_>>(),
        ["search/d.js", "search/index.js", "search/r.js"]
    );
    let manifest = data(&files, "index");
    assert_eq!(manifest["documents"], 3);
    assert_eq!(manifest["pages"], serde_json::json!([""]));
    let docs = data(&files, "d");
    let records: Vec<&Value> = docs.as_object().unwrap().values().collect();
    let source = records.iter().find(|r| r["k"] == "source").unwrap();
    assert_eq!(source["t"], "Potash sanctions");
    assert_eq!(source["u"], "sources/a.html");
    assert_eq!(
        source["x"],
        serde_json::json!(["The potash deal.", "Prisoners freed."])
    );
    assert!(source.get("a").is_none(), "p1, p2 are implied");
    let topic = records.iter().find(|r| r["k"] == "page").unwrap();
    assert_eq!(topic["a"], serde_json::json!([""]), "the page itself");
    let raw = String::from_utf8(files["search/d.js"].clone()).unwrap();
    assert!(!raw.contains("</script>"), "kept inert: {raw}");
    assert!(data(&files, "r").get("potash").is_some());
}

#[test]
fn every_word_is_found_where_the_client_looks() {
    let pages = corpus(600, 7);
    // Small cells, so that the trie splits by prefix and by pages.
    let files = build(
        pages.clone(),
        Limits {
            term_cell: 2048,
            doc_cell: 4096,
        },
    );
    let manifest = data(&files, "index");
    assert!(manifest["words"]
        .as_object()
        .unwrap()
        .values()
        .any(|v| v.as_array().unwrap().len() > 2));
    assert!(manifest["nodes"].as_object().unwrap().len() > 10);
    let ids = ids_by_path(&files, &pages);
    let mut all_terms = BTreeSet::new();
    for p in &pages {
        all_terms.extend(terms(&p.title));
        for d in &p.docs {
            all_terms.extend(terms(&d.text));
        }
    }
    let mut words: Vec<String> = all_terms.iter().step_by(7).cloned().collect();
    // Prefixes of every length, and words that are not there.
    words.extend(["k", "ka", "kal", "sh", "b", "zz", "belx"].map(String::from));
    for w in &words {
        for prefix in [true, false] {
            assert_eq!(
                matches(&files, w, prefix),
                scan(&pages, &ids, w, prefix),
                "{w:?} (prefix: {prefix})"
            );
        }
    }
}

#[test]
fn results_show_every_document() {
    let pages = corpus(300, 3);
    let files = build(
        pages.clone(),
        Limits {
            term_cell: 2048,
            doc_cell: 4096,
        },
    );
    let manifest = data(&files, "index");
    let ids = ids_by_path(&files, &pages);
    let cells: Vec<(String, String)> = manifest["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_str().unwrap().to_string())
        .map(|b| {
            (
                b.clone(),
                if b.is_empty() {
                    "d".into()
                } else {
                    format!("d-{b}")
                },
            )
        })
        .collect();
    assert!(cells.len() > 10);
    for p in &pages {
        let id = ids[&p.path];
        let bits = format!("{id:024b}");
        let holders: Vec<&(String, String)> = cells
            .iter()
            .filter(|(b, _)| bits.starts_with(b.as_str()))
            .collect();
        assert_eq!(holders.len(), 1, "{}", p.path);
        let mut key = String::new();
        encode::page_id(&mut key, id);
        let record = &data(&files, &holders[0].1)[&key];
        assert_eq!(record["t"], p.title.as_str());
        assert_eq!(record["x"].as_array().unwrap().len(), p.docs.len());
        for (i, d) in p.docs.iter().enumerate() {
            assert_eq!(record["x"][i], d.text.as_str());
        }
    }
    for (name, bytes) in &files {
        if name.starts_with("search/d") {
            // One page may exceed the limit on its own.
            let pages = data(&files, &name["search/".len()..name.len() - 3])
                .as_object()
                .unwrap()
                .len();
            assert!(
                bytes.len() <= 4096 + 64 || pages == 1,
                "{name}: {} bytes",
                bytes.len()
            );
        }
    }
}

#[test]
fn the_input_order_does_not_matter() {
    let pages = corpus(200, 5);
    let mut reversed = pages.clone();
    reversed.reverse();
    assert!(build(pages, Limits::DEFAULT) == build(reversed, Limits::DEFAULT));
}

#[test]
fn adding_or_editing_a_page_keeps_most_files() {
    let limits = Limits {
        term_cell: 4096,
        doc_cell: 8192,
    };
    let pages = corpus(2000, 11);
    let before = build(pages.clone(), limits);
    let changed = |after: &Files| {
        let bytes: usize = after
            .iter()
            .filter(|(k, v)| before.get(*k) != Some(*v))
            .map(|(_, v)| v.len())
            .sum();
        let files = after
            .iter()
            .filter(|(k, v)| before.get(*k) != Some(*v))
            .count();
        (files, bytes)
    };
    let total: usize = before.values().map(Vec::len).sum();

    let mut added = pages.clone();
    let mut new = corpus(1, 99).remove(0);
    new.path = "sources/new.md".into();
    added.push(new);
    let after = build(added, limits);
    let (files, bytes) = changed(&after);
    eprintln!(
        "added a page: {files} of {} files, {bytes} of {total} bytes changed",
        after.len()
    );
    assert!(
        files * 10 < after.len(),
        "{files} of {} files changed",
        after.len()
    );
    assert!(bytes * 10 < total, "{bytes} of {total} bytes changed");

    let mut edited = pages.clone();
    edited[1000].docs[0].text.push_str(" kalusha prisoner");
    let after = build(edited, limits);
    let (files, bytes) = changed(&after);
    eprintln!(
        "edited a page: {files} of {} files, {bytes} of {total} bytes changed",
        after.len()
    );
    assert!(
        files * 10 < after.len(),
        "{files} of {} files changed",
        after.len()
    );
}

#[test]
fn a_word_loads_little_more_than_its_own_entries() {
    let pages = corpus(3000, 13);
    let limits = Limits::DEFAULT;
    let files = build(pages.clone(), limits);
    let manifest = data(&files, "index");
    let total: usize = files
        .iter()
        .filter(|(k, _)| !k.starts_with("search/d"))
        .map(|(_, v)| v.len())
        .sum();
    let mut words: Vec<String> = pages[..50].iter().flat_map(|p| terms(&p.title)).collect();
    words.sort();
    words.dedup();
    for w in words.iter().filter(|w| w.len() >= 2) {
        let names = cells_for(&manifest, w, true);
        let loaded = size(&files, &names);
        // What the word's own entries take, however the cells fall.
        let own: usize = names
            .iter()
            .map(|n| {
                let cell = data(&files, n);
                cell.as_object()
                    .unwrap()
                    .iter()
                    .filter(|(t, _)| t.starts_with(w.as_str()))
                    .map(|(t, s)| t.len() + s.as_str().unwrap().len() + 6)
                    .sum::<usize>()
            })
            .sum();
        // Cells hold other terms too, at most a cell's worth on each side.
        assert!(
            loaded <= own + 2 * limits.term_cell + 64 * names.len(),
            "{w}: {loaded} bytes loaded for {own} of its own ({} cells)",
            names.len()
        );
        assert!(loaded < total / 2, "{w}: {loaded} of {total}");
    }
    // A one-letter word is a whole term: one cell, or its own word cells.
    let names = cells_for(&manifest, "a", false);
    assert!(size(&files, &names) < total / 4);
}

/// Carries a file over from `before` when its key is the one it was made
/// from there, as the build's memo does.
struct Carry<'a> {
    before: &'a BTreeMap<String, (Option<blake3::Hash>, Vec<u8>)>,
    out: Collect,
    kept: std::sync::atomic::AtomicUsize,
}

impl Out for Carry<'_> {
    type Error = ();

    fn write(&self, path: &str, key: Option<&blake3::Hash>, bytes: &[u8]) -> Result<(), ()> {
        self.out.write(path, key, bytes)
    }

    fn keep(&self, path: &str, key: &blake3::Hash) -> Result<bool, ()> {
        match self.before.get(path) {
            Some((Some(made_from), bytes)) if made_from == key => {
                self.kept.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                self.write(path, Some(key), bytes)?;
                Ok(true)
            }
            _ => Ok(false),
        }
    }
}

#[test]
fn a_file_is_carried_over_exactly_when_what_it_is_made_of_is_unchanged() {
    let limits = Limits {
        term_cell: 4096,
        doc_cell: 8192,
    };
    let pages = corpus(1500, 17);
    let keyed = |pages: Vec<PageDocs>| -> BTreeMap<String, (Option<blake3::Hash>, Vec<u8>)> {
        keyed_files_with(pages, limits)
            .into_iter()
            .map(|(path, key, bytes)| (path, (key, bytes)))
            .collect()
    };
    let before = keyed(pages.clone());
    assert!(before
        .iter()
        .all(|(path, (key, _))| key.is_none() == (path == "search/index.js")));

    let mut edits: Vec<(&str, Vec<PageDocs>)> = Vec::new();
    let mut p = pages.clone();
    p[700].docs[0].text.push_str(" kalusha prisoner");
    edits.push(("a word added", p));
    let mut p = pages.clone();
    let several = (300..).find(|&i| p[i].docs.len() >= 3).unwrap();
    let moved = p[several].docs.remove(0);
    p[several].docs.push(moved);
    edits.push(("paragraphs reordered", p));
    let mut p = pages.clone();
    p[42].title.push_str(" amended");
    edits.push(("a title changed", p));
    let mut p = pages.clone();
    p[900].url = "elsewhere.html".into();
    edits.push(("a url changed", p));
    let mut p = pages.clone();
    p.remove(1200);
    edits.push(("a page removed", p));

    for (what, pages) in edits {
        let after = keyed(pages.clone());
        let mut same = 0;
        for (path, (key, bytes)) in &after {
            if let (Some(_), Some((old_key, old_bytes))) = (key, before.get(path)) {
                assert_eq!(
                    key == old_key,
                    bytes == old_bytes,
                    "{what}: {path}: the key changes exactly when the file does"
                );
                same += usize::from(key == old_key);
            }
        }
        assert!(
            same * 4 > after.len() * 3,
            "{what}: {same} of {} kept",
            after.len()
        );

        let carry = Carry {
            before: &before,
            out: Collect::default(),
            kept: Default::default(),
        };
        let indexed = pages.iter().map(Indexed::of).collect();
        write_with(indexed, limits, &carry).unwrap();
        let mut carried: Vec<(String, Vec<u8>)> = carry
            .out
            .files
            .into_inner()
            .unwrap()
            .into_iter()
            .map(|(path, _, bytes)| (path, bytes))
            .collect();
        carried.sort();
        let fresh: Vec<(String, Vec<u8>)> = after
            .into_iter()
            .map(|(path, (_, bytes))| (path, bytes))
            .collect();
        assert!(
            carried == fresh,
            "{what}: carrying over gives what making gives"
        );
        assert_eq!(carry.kept.into_inner(), same, "{what}");
    }
}
