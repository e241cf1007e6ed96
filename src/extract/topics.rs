//! Which configured topics a sentence belongs to: a keyword (case-insensitive,
//! whole words) or a pattern (case-insensitive regex) of the topic occurs in it.

use crate::config::TopicConfig;
use crate::pattern::Listed;

/// The compiled matchers of the configured topics, in config order.
#[derive(Debug, Clone)]
pub struct TopicMatcher {
    ids: Vec<String>,
    /// Every topic's keywords and patterns, searched for together.
    regexes: Listed,
    /// The topic (index into `ids`) of each regex.
    owner: Vec<usize>,
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
    /// Compile the topics' keywords and patterns, case-insensitive. Invalid
    /// patterns are rejected when the config is loaded; here they are
    /// skipped.
    pub fn new(topics: &[TopicConfig]) -> TopicMatcher {
        let mut regexes = Vec::new();
        let mut owner = Vec::new();
        for (i, t) in topics.iter().enumerate() {
            let keywords: Vec<String> =
                t.keywords.iter().filter_map(|k| keyword_regex(k)).collect();
            let keywords = (!keywords.is_empty()).then(|| keywords.join("|"));
            for p in keywords.iter().chain(&t.patterns) {
                // The flag in the pattern, where the set sees it too.
                if let Ok(regex) = crate::pattern::new(&format!("(?i){p}")) {
                    regexes.push(regex);
                    owner.push(i);
                }
            }
        }
        TopicMatcher {
            ids: topics.iter().map(|t| t.id.clone()).collect(),
            regexes: Listed::new(regexes),
            owner,
        }
    }

    /// Ids of the topics `sentence` belongs to, in config order.
    pub fn classify(&self, sentence: &str) -> Vec<String> {
        let mut hit = vec![false; self.ids.len()];
        for pattern in self.regexes.matching(sentence).iter() {
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
        // Each topic on its own, as single case-insensitive regexes.
        let each = |text: &str| -> Vec<String> {
            topics
                .iter()
                .filter(|t| {
                    let keywords: Vec<String> =
                        t.keywords.iter().filter_map(|k| keyword_regex(k)).collect();
                    let keywords = (!keywords.is_empty()).then(|| keywords.join("|"));
                    keywords.iter().chain(&t.patterns).any(|p| {
                        regex::RegexBuilder::new(&crate::pattern::ascii_boundaries(p))
                            .case_insensitive(true)
                            .build()
                            .unwrap()
                            .is_match(text)
                    })
                })
                .map(|t| t.id.clone())
                .collect()
        };
        for text in [
            "Sanctions were eased after prisoners walked free.",
            "The ENVOY of the state   department spoke of the embargo.",
            "Jailed, he stayed behind bars; “inmates” rioted.",
            "Nothing to see.",
            "",
        ] {
            assert_eq!(m.classify(text), each(text), "{text}");
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
