//! Which configured topics a sentence belongs to: a keyword (case-insensitive,
//! whole words) or a pattern (case-insensitive regex) of the topic occurs in it.

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

use crate::config::TopicConfig;

/// The compiled matchers of the configured topics, in config order.
#[derive(Debug, Clone)]
pub struct TopicMatcher {
    ids: Vec<String>,
    search: Search,
    /// The topic (index into `ids`) of each pattern.
    owner: Vec<usize>,
}

/// How the patterns of every topic are searched for.
#[derive(Debug, Clone)]
enum Search {
    /// All together, in one pass over a sentence rather than one per regex.
    Set(RegexSet),
    /// One by one, when the set would not compile within its size limit.
    Each(Vec<Regex>),
}

impl Search {
    /// The indices of the patterns that match `text`.
    fn matching(&self, text: &str) -> Vec<usize> {
        match self {
            Search::Set(set) => set.matches(text).into_iter().collect(),
            Search::Each(regexes) => (0..regexes.len())
                .filter(|&i| regexes[i].is_match(text))
                .collect(),
        }
    }
}

fn keyword_regex(keyword: &str) -> Option<String> {
    let keyword = keyword.trim();
    if keyword.is_empty() {
        return None;
    }
    let escaped = keyword
        .split_whitespace()
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"\s+");
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let start = if word(keyword.chars().next()) {
        r"\b"
    } else {
        ""
    };
    let end = if word(keyword.chars().next_back()) {
        r"\b"
    } else {
        ""
    };
    Some(format!("{start}{escaped}{end}"))
}

/// Room for the compiled set: a topic's keywords and patterns each compile
/// within the regex crate's default limit, and the set holds them all.
const SET_SIZE_LIMIT: usize = 256 << 20;

impl TopicMatcher {
    /// Compile the topics' keywords and patterns. Invalid patterns are
    /// rejected when the config is loaded; here they are skipped.
    pub fn new(topics: &[TopicConfig]) -> TopicMatcher {
        let build = |p: &str| RegexBuilder::new(p).case_insensitive(true).build().ok();
        let mut regexes = Vec::new();
        let mut patterns = Vec::new();
        let mut owner = Vec::new();
        for (i, t) in topics.iter().enumerate() {
            let keywords: Vec<String> =
                t.keywords.iter().filter_map(|k| keyword_regex(k)).collect();
            let keywords = (!keywords.is_empty()).then(|| keywords.join("|"));
            for p in keywords.iter().chain(&t.patterns) {
                let p = crate::pattern::ascii_boundaries(p);
                if let Some(regex) = build(&p) {
                    regexes.push(regex);
                    patterns.push(p);
                    owner.push(i);
                }
            }
        }
        let search = match RegexSetBuilder::new(&patterns)
            .case_insensitive(true)
            .size_limit(SET_SIZE_LIMIT)
            .dfa_size_limit(SET_SIZE_LIMIT)
            .build()
        {
            Ok(set) => Search::Set(set),
            Err(_) => Search::Each(regexes),
        };
        TopicMatcher {
            ids: topics.iter().map(|t| t.id.clone()).collect(),
            search,
            owner,
        }
    }

    /// Ids of the topics `sentence` belongs to, in config order.
    pub fn classify(&self, sentence: &str) -> Vec<String> {
        let mut hit = vec![false; self.ids.len()];
        for pattern in self.search.matching(sentence) {
            hit[self.owner[pattern]] = true;
        }
        self.ids
            .iter()
            .zip(hit)
            .filter(|(_, hit)| *hit)
            .map(|(id, _)| id.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topic(id: &str, keywords: &[&str], patterns: &[&str]) -> TopicConfig {
        TopicConfig {
            id: id.into(),
            keywords: keywords.iter().map(|s| s.to_string()).collect(),
            patterns: patterns.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn keywords_are_whole_words_and_case_insensitive() {
        let m = TopicMatcher::new(&[topic("trade", &["tariff", "export ban"], &[])]);
        assert_eq!(m.classify("A new Tariff was set."), ["trade"]);
        assert_eq!(m.classify("The EXPORT  ban holds."), ["trade"]);
        assert!(m.classify("Tariffs rose.").is_empty());
    }

    #[test]
    fn the_set_and_the_single_regexes_agree() {
        let topics = [
            topic(
                "jail",
                &["inmates", "behind bars"],
                &[r"\bprisoners?\b", r"\bjail\w*"],
            ),
            topic("money", &["embargo"], &[r"\bsanction\w*"]),
            topic("none", &[], &[]),
            topic("talks", &["State Department", "envoy"], &[]),
        ];
        let m = TopicMatcher::new(&topics);
        assert!(matches!(m.search, Search::Set(_)));
        let each = TopicMatcher {
            search: match &m.search {
                Search::Set(set) => Search::Each(
                    set.patterns()
                        .iter()
                        .map(|p| RegexBuilder::new(p).case_insensitive(true).build().unwrap())
                        .collect(),
                ),
                Search::Each(_) => unreachable!(),
            },
            ..m.clone()
        };
        for text in [
            "Sanctions were eased after prisoners walked free.",
            "The ENVOY of the state   department spoke of the embargo.",
            "Jailed, he stayed behind bars; “inmates” rioted.",
            "Nothing to see.",
            "",
        ] {
            assert_eq!(m.classify(text), each.classify(text), "{text}");
        }
        assert_eq!(
            m.classify("The envoy spoke of sanctions."),
            ["money", "talks"]
        );
    }

    #[test]
    fn patterns_and_several_topics() {
        let m = TopicMatcher::new(&[
            topic("jail", &["inmates"], &[r"prisoners?\b"]),
            topic("money", &[], &[r"sanction\w*"]),
        ]);
        assert_eq!(
            m.classify("Sanctions were eased after prisoners walked free."),
            ["jail", "money"]
        );
        assert_eq!(m.classify("Nothing to see."), Vec::<String>::new());
    }
}
