//! Article ids: the slug of the title, made unique without depending on
//! load order.

use std::collections::{BTreeMap, BTreeSet};

use super::model::Article;
use crate::slug::slugify;

/// Set every article's id to the slug of its title, unique across the
/// corpus whatever the titles:
///
/// - an article whose slug no other article shares keeps it;
/// - articles sharing a slug get the first 8 hex digits of their content
///   hash appended (`harbour-reopens-1a2b3c4d`), 16 when 8 are not enough,
///   then also the slug of their file (identical content), then a number;
/// - a suffixed id never takes an id another article has (a title may
///   itself look like `harbour-reopens-1a2b3c4d`).
///
/// Articles are handled in the order of (slug, hash, file), so the ids
/// depend only on the articles, not on the order they were loaded in.
pub fn assign(articles: &mut [Article]) {
    let slugs: Vec<String> = articles.iter().map(|a| slugify(&a.meta.title)).collect();
    let mut by_slug: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, slug) in slugs.iter().enumerate() {
        by_slug.entry(slug).or_default().push(i);
    }
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut shared: Vec<usize> = Vec::new();
    for (slug, group) in &by_slug {
        if let [only] = group[..] {
            taken.insert(slug.to_string());
            articles[only].id = slug.to_string();
        } else {
            shared.extend(group);
        }
    }
    shared.sort_by(|&a, &b| {
        (&slugs[a], &articles[a].hash, &articles[a].file).cmp(&(
            &slugs[b],
            &articles[b].hash,
            &articles[b].file,
        ))
    });
    for i in shared {
        let (slug, a) = (&slugs[i], &articles[i]);
        let hash = |n: usize| &a.hash[..n.min(a.hash.len())];
        let file = slugify(&a.file);
        let mut candidates = vec![
            format!("{slug}-{}", hash(8)),
            format!("{slug}-{}", hash(16)),
            format!("{slug}-{}-{file}", hash(16)),
        ];
        let id = candidates
            .drain(..)
            .find(|c| !taken.contains(c))
            .unwrap_or_else(|| {
                (2..)
                    .map(|n| format!("{slug}-{}-{file}-{n}", hash(16)))
                    .find(|c| !taken.contains(c))
                    .expect("a free number")
            });
        taken.insert(id.clone());
        articles[i].id = id;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::model::Metadata;

    fn article(file: &str, title: &str, hash: &str) -> Article {
        Article {
            id: String::new(),
            file: file.into(),
            hash: hash.into(),
            meta: Metadata {
                title: title.into(),
                ..Default::default()
            },
            blocks: vec![],
            dropped: vec![],
        }
    }

    fn ids(articles: &[Article]) -> Vec<&str> {
        articles.iter().map(|a| a.id.as_str()).collect()
    }

    #[test]
    fn ids_are_slugs_and_duplicates_get_content_hashes() {
        let mut a = vec![
            article("b.txt", "Harbour Reopens", "bbbbbbbbbbbbbbbbbbbb"),
            article("a.txt", "Harbour reopens!", "aaaaaaaaaaaaaaaaaaaa"),
            article("c.txt", "Other", "cccccccccccccccccccc"),
        ];
        assign(&mut a);
        assert_eq!(a[0].id, "harbour-reopens-bbbbbbbb");
        assert_eq!(a[1].id, "harbour-reopens-aaaaaaaa");
        assert_eq!(a[2].id, "other");
        // Independent of order.
        a.reverse();
        assign(&mut a);
        assert_eq!(a[2].id, "harbour-reopens-bbbbbbbb");
    }

    #[test]
    fn a_title_that_looks_like_a_suffixed_id_does_not_take_it() {
        let mut a = vec![
            article("a.txt", "Harbour reopens", "aaaaaaaa11111111xxxx"),
            article("b.txt", "Harbour reopens", "bbbbbbbb22222222xxxx"),
            article("c.txt", "harbour-reopens-aaaaaaaa", "cccccccc33333333xxxx"),
        ];
        assign(&mut a);
        assert_eq!(
            ids(&a),
            [
                "harbour-reopens-aaaaaaaa11111111",
                "harbour-reopens-bbbbbbbb",
                "harbour-reopens-aaaaaaaa"
            ]
        );
    }

    #[test]
    fn same_hash_prefix_same_content_and_same_file_slug() {
        let mut a = vec![
            // Same first 8 digits of the hash.
            article("a.txt", "T", "1234567800000000aaaa"),
            article("b.txt", "T", "1234567811111111bbbb"),
            // Identical content in two files.
            article("c.txt", "T", "9999999999999999cccc"),
            article("d.txt", "T", "9999999999999999cccc"),
            // Identical content in files whose names slug the same.
            article("e f.txt", "T", "7777777777777777dddd"),
            article("e-f.txt", "T", "7777777777777777dddd"),
        ];
        assign(&mut a);
        let got = ids(&a);
        assert_eq!(
            got,
            [
                "t-12345678",
                "t-1234567811111111",
                "t-99999999",
                "t-9999999999999999",
                "t-77777777",
                "t-7777777777777777",
            ]
        );
        let mut more = a.clone();
        more.push(article("g.txt", "T", "7777777777777777dddd"));
        more.push(article("g h.txt", "T", "7777777777777777dddd"));
        more.push(article("g-h.txt", "T", "7777777777777777dddd"));
        assign(&mut more);
        let unique: BTreeSet<&str> = ids(&more).into_iter().collect();
        assert_eq!(unique.len(), more.len(), "{:?}", ids(&more));
        assert!(ids(&more).contains(&"t-7777777777777777-g-h-txt-2"));
    }

    #[test]
    fn reserved_and_hostile_titles_make_safe_unique_ids() {
        let titles = [
            "../../etc/passwd",
            "CON",
            "NUL",
            "aux",
            ".hidden",
            "Index",
            "?!?",
            "",
            "💥🔥",
        ];
        let mut a: Vec<Article> = titles
            .iter()
            .enumerate()
            .map(|(i, t)| article(&format!("{i}.txt"), t, &format!("{i:020}")))
            .collect();
        assign(&mut a);
        for x in &a {
            assert!(!crate::slug::is_reserved(&x.id), "{}", x.id);
            assert!(x
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'));
        }
        let unique: BTreeSet<&str> = ids(&a).into_iter().collect();
        assert_eq!(unique.len(), a.len(), "{:?}", ids(&a));
        assert_eq!(a[0].id, "etc-passwd");
        assert_eq!(a[1].id, "con-0");
        assert_eq!(a[5].id, "index-0");
    }
}
