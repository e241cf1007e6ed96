//! Which configured topics a sentence belongs to: a keyword (case-insensitive,
//! whole words) or a pattern (case-insensitive regex) of the topic occurs in it.

use regex::{Regex, RegexBuilder};

use crate::config::TopicConfig;

/// The compiled matchers of the configured topics, in config order.
#[derive(Debug, Clone)]
pub struct TopicMatcher {
    topics: Vec<(String, Vec<Regex>)>,
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

impl TopicMatcher {
    /// Compile the topics' keywords and patterns. Invalid patterns are
    /// rejected when the config is loaded; here they are skipped.
    pub fn new(topics: &[TopicConfig]) -> TopicMatcher {
        let build = |p: &str| {
            RegexBuilder::new(&crate::pattern::ascii_boundaries(p))
                .case_insensitive(true)
                .build()
                .ok()
        };
        let topics = topics
            .iter()
            .map(|t| {
                let mut regexes = Vec::new();
                let keywords: Vec<String> =
                    t.keywords.iter().filter_map(|k| keyword_regex(k)).collect();
                if !keywords.is_empty() {
                    regexes.extend(build(&keywords.join("|")));
                }
                regexes.extend(t.patterns.iter().filter_map(|p| build(p)));
                (t.id.clone(), regexes)
            })
            .collect();
        TopicMatcher { topics }
    }

    /// Ids of the topics `sentence` belongs to, in config order.
    pub fn classify(&self, sentence: &str) -> Vec<String> {
        self.topics
            .iter()
            .filter(|(_, regexes)| regexes.iter().any(|r| r.is_match(sentence)))
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
