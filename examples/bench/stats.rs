//! Minimum and median of repeated measurements.

use super::run::Sample;

/// Summary of K runs of one scenario.
#[derive(Debug, Clone, Copy, Default)]
pub struct Summary {
    pub min: f64,
    pub median: f64,
    /// Largest peak RSS over the runs, in KiB.
    pub max_rss_kib: u64,
}

pub fn summarise(samples: &[Sample]) -> Summary {
    let mut secs: Vec<f64> = samples.iter().map(|s| s.secs).collect();
    secs.sort_by(f64::total_cmp);
    let n = secs.len();
    let median = match n {
        0 => 0.0,
        _ if n % 2 == 1 => secs[n / 2],
        _ => (secs[n / 2 - 1] + secs[n / 2]) / 2.0,
    };
    Summary {
        min: secs.first().copied().unwrap_or(0.0),
        median,
        max_rss_kib: samples.iter().map(|s| s.max_rss_kib).max().unwrap_or(0),
    }
}
