//! Per-stage timings of a build, printed on stderr when the environment
//! variable `DOSSIER_TIMINGS` is set (to find what holds a build back).

use std::time::Instant;

/// Records how long each stage took.
pub struct Timings {
    enabled: bool,
    last: Instant,
    stages: Vec<(&'static str, f64)>,
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
        self.stages.push((name, (now - self.last).as_secs_f64()));
        self.last = now;
    }

    /// Print the stages (when enabled).
    pub fn report(&self) {
        if self.enabled {
            for (name, secs) in &self.stages {
                eprintln!("  {name:<12} {:>8.1} ms", secs * 1000.0);
            }
        }
    }
}
