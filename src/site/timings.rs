//! Per-stage timings of a build, printed on stderr when the environment
//! variable `DOSSIER_TIMINGS` is set (to find what holds a build back):
//! each stage's wall time and, on Linux, the resident memory at its end
//! and the peak so far (to find the stage that holds memory), and the
//! CPU time the stage used (so a stage that runs on one core of several
//! shows as one whose CPU time is close to its wall time).

use std::time::Instant;

/// Records how long each stage took.
pub struct Timings {
    enabled: bool,
    last: Instant,
    last_cpu: Option<f64>,
    stages: Vec<(&'static str, f64, Option<Memory>, Option<f64>)>,
}

impl Timings {
    pub fn start() -> Timings {
        let enabled = std::env::var_os("DOSSIER_TIMINGS").is_some();
        Timings {
            enabled,
            last: Instant::now(),
            last_cpu: if enabled { cpu_seconds() } else { None },
            stages: Vec::new(),
        }
    }

    /// Close the current stage under `name`.
    pub fn mark(&mut self, name: &'static str) {
        let now = Instant::now();
        let memory = if self.enabled { Memory::now() } else { None };
        let cpu = if self.enabled { cpu_seconds() } else { None };
        let used = cpu.zip(self.last_cpu).map(|(now, then)| now - then);
        self.stages
            .push((name, (now - self.last).as_secs_f64(), memory, used));
        self.last = now;
        self.last_cpu = cpu;
    }

    /// Print the stages (when enabled).
    pub fn report(&self) {
        if self.enabled {
            for (name, secs, memory, cpu) in &self.stages {
                let memory = memory.map_or(String::new(), |m| {
                    format!(
                        "  (resident {} MB, peak {} MB)",
                        m.rss_kib / 1024,
                        m.peak_kib / 1024
                    )
                });
                let cpu = cpu.map_or(String::new(), |c| format!("  cpu {:>7.1} ms", c * 1000.0));
                eprintln!("  {name:<12} {:>8.1} ms{cpu}{memory}", secs * 1000.0);
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

/// The CPU time the process has used so far, all threads, user and system
/// (`/proc/self/stat`, Linux only).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (field 2) may hold spaces; the fields after it don't.
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after ")".
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / clock_ticks())
}

#[cfg(target_os = "linux")]
fn clock_ticks() -> f64 {
    rustix::param::clock_ticks_per_second() as f64
}

#[cfg(not(target_os = "linux"))]
fn clock_ticks() -> f64 {
    100.0
}
