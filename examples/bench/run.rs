//! Running one command and measuring its wall time and peak resident memory
//! (from `wait4`'s resource usage, so only that process is counted).

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Instant;

use super::stages::Stages;

/// One measured run.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    pub secs: f64,
    /// Peak resident set size of the process, in KiB.
    pub max_rss_kib: u64,
}

/// Run `cmd` to completion; an exit status other than 0 is an error holding
/// the command's stderr.
pub fn measure(cmd: &mut Command) -> Result<Sample, String> {
    run(cmd).map(|(sample, _)| sample)
}

/// [`measure`] a `dossier build` with `DOSSIER_TIMINGS` set, and the stage
/// times it printed.
pub fn measure_stages(cmd: &mut Command) -> Result<(Sample, Stages), String> {
    let (sample, stderr) = run(cmd.env("DOSSIER_TIMINGS", "1"))?;
    Ok((sample, super::stages::parse(&stderr)))
}

/// Run `cmd` to completion: the sample and its stderr.
fn run(cmd: &mut Command) -> Result<(Sample, String), String> {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let start = Instant::now();
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot start {cmd:?}: {e}"))?;
    let mut stderr = child.stderr.take().expect("piped stderr");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero `rusage` is a valid value of this plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our own child, not yet reaped (we never call
        // `child.wait()`); `status` and `usage` are valid for writes.
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if r == pid {
            break;
        }
        let err = std::io::Error::last_os_error();
        if err.kind() != std::io::ErrorKind::Interrupted {
            return Err(format!("wait4 on {cmd:?}: {err}"));
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let stderr = reader.join().unwrap_or_default();
    if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        let how = if libc::WIFEXITED(status) {
            format!("exit status {}", libc::WEXITSTATUS(status))
        } else {
            format!("signal {}", libc::WTERMSIG(status))
        };
        return Err(format!("{cmd:?} failed ({how}); its stderr:\n{stderr}"));
    }
    let sample = Sample {
        secs,
        max_rss_kib: usage.ru_maxrss.max(0) as u64,
    };
    Ok((sample, stderr))
}
