//! Laying an article out as a scraped page: masthead, dateline or byline in
//! one of the seeds' formats, body paragraphs, and furniture around them.

use chrono::{Datelike, NaiveDate};
use rand::seq::SliceRandom;
use rand::Rng;

/// Everything an article says, before it is laid out.
pub struct Draft {
    pub title: String,
    pub standfirst: String,
    pub authors: Vec<String>,
    pub publication: String,
    pub date: NaiveDate,
    pub paragraphs: Vec<String>,
}

/// The page formats seen in the seeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Publication masthead, `Sep 27, 2025  |`, author line, headline.
    Masthead,
    /// ` date 2025-09-11 Section …`, author, headline, breadcrumb.
    Iso,
    /// Repost date, `(ABBR) Headline`, standfirst, `By A and B`, `Feb. 15, 2025`.
    Wire,
    /// One line per paragraph, no blank lines, no dateline, cookie notice at the end.
    Dense,
    /// Section, headline, standfirst, `6 min read`; no author, no date.
    Magazine,
}

const STYLES: &[Style] = &[
    Style::Masthead,
    Style::Iso,
    Style::Wire,
    Style::Dense,
    Style::Magazine,
];

const SECTIONS: &[&str] = &["World News", "Opinion", "Europe", "Politics", "Analysis"];

const CITIES: &[&str] = &["Warsaw", "Vilnius", "Berlin", "Kyiv", "Riga", "Prague"];

impl Style {
    pub fn pick(rng: &mut impl Rng) -> Style {
        *STYLES.choose(rng).expect("styles")
    }
}

/// Lay out `draft` in `style`, sprinkling lines from the furniture `runs`.
pub fn render(draft: &Draft, style: Style, runs: &[Vec<String>], rng: &mut impl Rng) -> String {
    let mut page = Page {
        lines: Vec::new(),
        gap: style != Style::Dense,
    };
    let first_author = draft.authors.first().cloned().unwrap_or_default();
    let section = *SECTIONS.choose(rng).expect("sections");
    match style {
        Style::Masthead => {
            page.line(&draft.publication.to_uppercase());
            page.line(&format!("{}  |  ", draft.date.format("%b %-d, %Y")));
            page.furniture(runs, rng, 3, masthead_line);
            page.line(&first_author);
            page.blank();
            page.block(&draft.title);
        }
        Style::Iso => {
            page.line(&format!(
                " date {} {section} Society Business Sport",
                draft.date.format("%Y-%m-%d")
            ));
            page.line(&first_author);
            page.blank();
            page.block(&draft.title);
            page.block(&format!("{section} » Europe"));
        }
        Style::Wire => {
            let repost = draft.date + chrono::Duration::days(rng.gen_range(0..20));
            page.block(&repost.format("%B %-d, %Y").to_string());
            page.block(&format!(
                "({}) {}",
                initials(&draft.publication),
                draft.title
            ));
            page.block(&draft.standfirst);
            page.block(&format!("By {}", draft.authors.join(" and ")));
            page.block(&ap_date(draft.date));
        }
        Style::Dense => {
            page.furniture(runs, rng, 4, masthead_line);
            page.line(section);
            page.line(&draft.title);
            page.line(&draft.standfirst);
        }
        Style::Magazine => {
            page.block(section);
            page.block(&draft.title);
            page.block(&draft.standfirst);
            page.block(&format!("{} min read", rng.gen_range(3..12)));
        }
    }
    for paragraph in &draft.paragraphs {
        page.block(paragraph);
        if rng.gen_bool(0.2) {
            page.furniture(runs, rng, 2, |_| true);
        }
    }
    match style {
        Style::Masthead => page.furniture(runs, rng, 6, |_| true),
        Style::Iso => {
            page.line(&format!("Author's name {first_author}"));
            page.furniture(runs, rng, 14, |_| true);
        }
        Style::Wire => {
            let city = CITIES.choose(rng).expect("cities");
            page.block(&format!(
                "{first_author} is a correspondent for {}, based in {city}.",
                draft.publication
            ));
            page.furniture(runs, rng, 6, |_| true);
        }
        Style::Dense => {
            let city = CITIES.choose(rng).expect("cities");
            page.line(&format!("{first_author} is a journalist based in {city}."));
            page.furniture(runs, rng, 40, |_| true);
        }
        Style::Magazine => page.line("Sources"),
    }
    let mut text = page.lines.join("\n");
    text.push('\n');
    text
}

/// Lines being laid out; `gap` puts a blank line after each block.
struct Page {
    lines: Vec<String>,
    gap: bool,
}

impl Page {
    fn line(&mut self, text: &str) {
        self.lines.push(text.to_string());
    }

    fn blank(&mut self) {
        self.lines.push(String::new());
    }

    fn block(&mut self, text: &str) {
        self.line(text);
        if self.gap {
            self.blank();
        }
    }

    /// Up to `max` consecutive lines of one furniture run, those passing `keep`.
    fn furniture(
        &mut self,
        runs: &[Vec<String>],
        rng: &mut impl Rng,
        max: usize,
        keep: impl Fn(&str) -> bool,
    ) {
        let Some(run) = runs.choose(rng) else { return };
        let len = rng.gen_range(1..=max.min(run.len()));
        let start = rng.gen_range(0..=run.len() - len);
        for line in run[start..start + len].iter().filter(|l| keep(l)) {
            self.block(line);
        }
    }
}

/// Furniture fit for the top of a page: short, and not a name that could
/// pass for the byline.
fn masthead_line(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let name_like = (2..=3).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(char::is_alphabetic)
                && w.chars().any(char::is_lowercase)
        });
    words.len() <= 4 && !name_like
}

fn initials(publication: &str) -> String {
    publication
        .split_whitespace()
        .filter(|w| *w != "The")
        .filter_map(|w| w.chars().next())
        .collect()
}

/// `Feb. 15, 2025`, `March 4, 2025`, `Sept. 11, 2025`: news agency style.
fn ap_date(date: NaiveDate) -> String {
    const MONTHS: [&str; 12] = [
        "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
        "Dec.",
    ];
    format!(
        "{} {}, {}",
        MONTHS[date.month0() as usize],
        date.day(),
        date.year()
    )
}
