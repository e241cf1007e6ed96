//! The markdown report.

use super::stats::Summary;

/// Every figure measured for one corpus size.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    pub articles: u64,
    pub corpus_mb: f64,
    pub generate_secs: f64,
    pub pages: usize,
    pub cold: Summary,
    pub noop: Summary,
    pub add_one: Summary,
    pub edit_one: Summary,
    pub edit_template: Summary,
    pub copy: Summary,
}

/// A row of the table: its label and how to show one column's figure.
type Row = (&'static str, fn(&Figures) -> String);

/// Facts about the run printed above the table.
pub struct Header {
    pub cores: usize,
    pub runs: usize,
    pub binary: String,
    pub version: String,
    pub clean_flag: bool,
    pub seed: u64,
}

pub fn render(header: &Header, figures: &[Figures]) -> String {
    let mut out = String::new();
    out.push_str("## dossier build benchmark\n\n");
    out.push_str(&format!(
        "- machine: {} cores (`available_parallelism`), {} {}\n",
        header.cores,
        std::env::consts::OS,
        std::env::consts::ARCH
    ));
    out.push_str(&format!(
        "- binary: `{}` ({}){}\n",
        header.binary,
        header.version,
        if header.clean_flag {
            ", cold builds pass `--clean`"
        } else {
            ""
        }
    ));
    out.push_str(&format!(
        "- each time is min / median of {} runs, in seconds; corpus seed {}\n\n",
        header.runs, header.seed
    ));

    let mut head = String::from("| |");
    let mut rule = String::from("|---|");
    for f in figures {
        head.push_str(&format!(" N = {} |", f.articles));
        rule.push_str("---:|");
    }
    out.push_str(&head);
    out.push('\n');
    out.push_str(&rule);
    out.push('\n');
    let rows: [Row; 11] = [
        ("corpus (MB, generated in s)", |f| {
            format!("{:.1} MB, {:.2} s", f.corpus_mb, f.generate_secs)
        }),
        ("HTML pages produced", |f| f.pages.to_string()),
        ("cold build (s)", |f| times(&f.cold)),
        ("pages per second (cold, median)", |f| {
            rate(f.pages as f64, f.cold.median)
        }),
        ("peak RSS of a cold build (MB)", |f| {
            format!("{:.0}", f.cold.max_rss_kib as f64 / 1024.0)
        }),
        ("no-op rebuild (s)", |f| times(&f.noop)),
        ("rebuild after adding one article (s)", |f| {
            times(&f.add_one)
        }),
        ("rebuild after editing one article (s)", |f| {
            times(&f.edit_one)
        }),
        ("rebuild after editing one template (s)", |f| {
            times(&f.edit_template)
        }),
        ("`cp -r` of the output, I/O floor (s)", |f| times(&f.copy)),
        ("cold build / cp floor (medians)", |f| {
            if f.copy.median > 0.0 {
                format!("{:.1}×", f.cold.median / f.copy.median)
            } else {
                "n/a".into()
            }
        }),
    ];
    for (label, cell) in rows {
        out.push_str(&format!("| {label} |"));
        for f in figures {
            out.push_str(&format!(" {} |", cell(f)));
        }
        out.push('\n');
    }
    out
}

fn times(s: &Summary) -> String {
    format!("{:.3} / {:.3}", s.min, s.median)
}

fn rate(count: f64, secs: f64) -> String {
    if secs > 0.0 {
        format!("{:.0}", count / secs)
    } else {
        "n/a".into()
    }
}
