//! Per-stage timings of a build, printed on stderr when the environment
//! variable `DOSSIER_TIMINGS` is set (to find what holds a build back):
//! each stage's wall time and, on Linux, the resident memory at its end
//! and the peak so far (to find the stage that holds memory).

use std::time::Instant;

/// Records how long each stage took.
pub struct Timings {
    enabled: bool,
    last: Instant,
    stages: Vec<(&'static str, f64, Option<Memory>)>,
}

impl Timings {
    pub fn start() -> Timings {
        Timings {
            enabled: std::env::var_os("DOSSIER_TIMINGS").is_some(),
            last: Instant::now(),
            stages: Vec::new(),
        }
    }

    /// Close the current stage under `name`.
    pub fn mark(&mut self, name: &'static str) {
        let now = Instant::now();
        let memory = if self.enabled { Memory::now() } else { None };
        self.stages
            .push((name, (now - self.last).as_secs_f64(), memory));
        self.last = now;
    }

    /// Print the stages (when enabled).
    pub fn report(&self) {
        if self.enabled {
            for (name, secs, memory) in &self.stages {
                let memory = memory.map_or(String::new(), |m| {
                    format!(
                        "  (resident {} MB, peak {} MB)",
                        m.rss_kib / 1024,
                        m.peak_kib / 1024
                    )
                });
                eprintln!("  {name:<12} {:>8.1} ms{memory}", secs * 1000.0);
            }
        }
    }
}

/// The process's resident memory, from `/proc/self/status` (Linux only).
#[derive(Clone, Copy)]
struct Memory {
    rss_kib: u64,
    peak_kib: u64,
}

impl Memory {
    fn now() -> Option<Memory> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let field = |name: &str| {
            status
                .lines()
                .find_map(|line| line.strip_prefix(name))
                .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
        };
        Some(Memory {
            rss_kib: field("VmRSS:")?,
            peak_kib: field("VmHWM:")?,
        })
    }
}
