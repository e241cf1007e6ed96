//! The benchmark's stage table reads what a real build prints with
//! `DOSSIER_TIMINGS` set: a change to that output that the benchmark can no
//! longer read fails here, not silently in the report.

#[path = "../examples/bench/stages.rs"]
#[allow(dead_code)]
mod stages;

mod common;

use std::process::Command;

#[test]
fn the_bench_reads_every_stage_a_build_prints() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    common::copy_dir(&common::repo().join("content"), &content);
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["build", "--quiet", "--config"])
        .arg(common::repo().join("site.yaml"))
        .arg("--corpus")
        .arg(common::seeds())
        .arg("--content")
        .arg(&content)
        .arg("--out")
        .arg(dir.path().join("public"))
        .env("DOSSIER_TIMINGS", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    let found = stages::parse(&stderr);
    let names: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
    for stage in [
        "corpus",
        "entities",
        "facts",
        "assemble",
        "search index",
        "render",
        "publish",
    ] {
        assert!(names.contains(&stage), "{stage} not read from:\n{stderr}");
    }
    // One figure per stage line, none made up from other lines.
    let lines = stderr.lines().filter(|l| l.contains(" ms")).count();
    assert_eq!(found.len(), lines, "{stderr}");
    assert!(found.iter().all(|(_, ms)| ms.is_finite() && *ms >= 0.0));
}

#[test]
fn a_stage_median_is_taken_over_the_runs_that_have_it() {
    let runs = vec![
        stages::parse("  corpus  10.0 ms  cpu 12.0 ms\n  render 4.0 ms\nBuilt 5 articles"),
        stages::parse("  corpus  30.0 ms\n  search index 2.5 ms (9 files; part of render)\n"),
        stages::parse("  corpus  20.0 ms\n  render 8.0 ms\n"),
    ];
    let median = stages::median(&runs);
    assert_eq!(
        median,
        vec![
            ("corpus".to_string(), 20.0),
            ("render".to_string(), 6.0),
            ("search index".to_string(), 2.5),
        ]
    );
}
