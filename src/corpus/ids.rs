//! Article ids: the slug of the title, made unique without depending on
//! load order.

use std::collections::BTreeMap;

use super::model::Article;
use crate::slug::slugify;

/// Set every article's id to the slug of its title; articles sharing a slug
/// get a short hash of their content appended (and their file's slug too when
/// even the content is identical).
pub fn assign(articles: &mut [Article]) {
    let mut by_slug: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, a) in articles.iter().enumerate() {
        by_slug.entry(slugify(&a.meta.title)).or_default().push(i);
    }
    for (slug, group) in by_slug {
        if group.len() == 1 {
            articles[group[0]].id = slug;
            continue;
        }
        let mut hashes: BTreeMap<String, usize> = BTreeMap::new();
        for &i in &group {
            *hashes.entry(articles[i].hash[..8].to_string()).or_default() += 1;
        }
        for &i in &group {
            let short = articles[i].hash[..8].to_string();
            articles[i].id = if hashes[&short] > 1 {
                format!("{slug}-{short}-{}", slugify(&articles[i].file))
            } else {
                format!("{slug}-{short}")
            };
        }
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

    #[test]
    fn ids_are_slugs_and_duplicates_get_content_hashes() {
        let mut a = vec![
            article("b.txt", "Harbour Reopens", "bbbbbbbbbbbb"),
            article("a.txt", "Harbour reopens!", "aaaaaaaaaaaa"),
            article("c.txt", "Other", "cccccccccccc"),
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
}
