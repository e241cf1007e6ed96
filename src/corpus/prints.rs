//! The articles of a corpus with their fingerprints, taken once per build
//! for every stage that keys work by them (per-article extraction, source
//! pages). The fingerprints borrow the articles, so they cannot go stale.

use rayon::prelude::*;

use super::Article;

pub struct Fingerprinted<'a> {
    articles: &'a [Article],
    prints: Vec<blake3::Hash>,
}

impl<'a> Fingerprinted<'a> {
    /// Fingerprint every article (in parallel).
    pub fn new(articles: &'a [Article]) -> Self {
        Fingerprinted {
            articles,
            prints: articles.par_iter().map(Article::fingerprint).collect(),
        }
    }

    /// Each article with its fingerprint, in order, in parallel.
    pub fn par_iter(&self) -> impl IndexedParallelIterator<Item = (&'a Article, &blake3::Hash)> {
        self.articles.par_iter().zip(self.prints.par_iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_article_goes_with_its_own_fingerprint() {
        let mut a = crate::extract::entities::fixtures::article("a", &[], "One.\nTwo.");
        let b = crate::extract::entities::fixtures::article("b", &[], "One.\nTwo.");
        let articles = vec![a.clone(), b.clone()];
        let printed = Fingerprinted::new(&articles);
        let pairs: Vec<(String, blake3::Hash)> = printed
            .par_iter()
            .map(|(a, p)| (a.id.clone(), *p))
            .collect();
        assert_eq!(
            pairs,
            [("a".into(), a.fingerprint()), ("b".into(), b.fingerprint())]
        );
        assert_ne!(pairs[0].1, pairs[1].1);
        // What the fingerprint leaves out: the dropped lines only.
        let before = a.fingerprint();
        a.dropped.push(crate::corpus::Dropped {
            line: 1,
            text: "Subscribe".into(),
            reason: "furniture".into(),
        });
        assert_eq!(a.fingerprint(), before);
        a.meta.title.push('!');
        assert_ne!(a.fingerprint(), before);
    }
}
