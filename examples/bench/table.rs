//! The markdown report.

use super::stages::{self, Stages};
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
    /// Median stage times (ms) of the cold builds and of the edit builds.
    pub cold_stages: Stages,
    pub edit_stages: Stages,
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
    out.push_str(&stage_table(figures));
    out
}

/// Median wall time of each stage (ms) in the cold and the edit builds, per
/// N, and with two sizes or more how much each grew from the first to the
/// last (against how much N grew): a stage that grows faster than N is
/// superlinear.
fn stage_table(figures: &[Figures]) -> String {
    let mut names: Vec<&str> = Vec::new();
    for f in figures {
        for (name, _) in f.cold_stages.iter().chain(&f.edit_stages) {
            if !names.contains(&name.as_str()) {
                names.push(name);
            }
        }
    }
    if names.is_empty() {
        return String::new();
    }
    let growth = match (figures.first(), figures.last()) {
        (Some(a), Some(b)) if figures.len() > 1 && a.articles > 0 => {
            Some((a, b, b.articles as f64 / a.articles as f64))
        }
        _ => None,
    };
    let mut out = String::from(
        "\n### stages (median ms, from `DOSSIER_TIMINGS`; `search index` is part of `render`)\n\n| stage |",
    );
    let mut rule = String::from("|---|");
    for label in ["cold", "edit"] {
        for f in figures {
            out.push_str(&format!(" {label}, N = {} |", f.articles));
            rule.push_str("---:|");
        }
        if let Some((_, _, n)) = growth {
            out.push_str(&format!(" {label} growth (N ×{n:.0}) |"));
            rule.push_str("---:|");
        }
    }
    out.push('\n');
    out.push_str(&rule);
    out.push('\n');
    let ms = |v: Option<f64>| v.map_or("n/a".into(), |v| format!("{v:.1}"));
    for name in names {
        out.push_str(&format!("| {name} |"));
        let picks: [fn(&Figures) -> &Stages; 2] = [|f| &f.cold_stages, |f| &f.edit_stages];
        for pick in picks {
            for f in figures {
                out.push_str(&format!(" {} |", ms(stages::get(pick(f), name))));
            }
            if let Some((a, b, _)) = growth {
                let ratio = stages::get(pick(a), name)
                    .zip(stages::get(pick(b), name))
                    .filter(|(a, _)| *a > 0.0)
                    .map_or("n/a".into(), |(a, b)| format!("×{:.1}", b / a));
                out.push_str(&format!(" {ratio} |"));
            }
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
