//! Per-stage wall times of a build, read from what `dossier build` prints on
//! stderr when `DOSSIER_TIMINGS` is set, so the report shows how each stage
//! grows with the corpus and which one holds a rebuild back.

/// Stage names and wall times in milliseconds, in the order printed.
pub type Stages = Vec<(String, f64)>;

/// The stages in a build's stderr: lines `  <name> <ms> ms ...` (a name
/// may have spaces, such as `search index`); other lines are ignored.
pub fn parse(stderr: &str) -> Stages {
    stderr.lines().filter_map(stage).collect()
}

fn stage(line: &str) -> Option<(String, f64)> {
    if !line.starts_with("  ") {
        return None;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let at = words
        .windows(2)
        .position(|w| w[1] == "ms" && w[0].parse::<f64>().is_ok())?;
    if at == 0 {
        return None;
    }
    let ms = words[at].parse().ok()?;
    Some((words[..at].join(" "), ms))
}

/// Per stage, the median over runs (the stages in the order of the first
/// run that has them; a stage missing from a run is left out of its median).
pub fn median(runs: &[Stages]) -> Stages {
    let mut names: Vec<&str> = Vec::new();
    for run in runs {
        for (name, _) in run {
            if !names.contains(&name.as_str()) {
                names.push(name);
            }
        }
    }
    names
        .into_iter()
        .map(|name| {
            let mut values: Vec<f64> = runs
                .iter()
                .flat_map(|run| run.iter().filter(|(n, _)| n == name).map(|(_, v)| *v))
                .collect();
            values.sort_by(f64::total_cmp);
            let n = values.len();
            let m = if n % 2 == 1 {
                values[n / 2]
            } else {
                (values[n / 2 - 1] + values[n / 2]) / 2.0
            };
            (name.to_string(), m)
        })
        .collect()
}

/// The time of `name` in `stages`.
pub fn get(stages: &Stages, name: &str) -> Option<f64> {
    stages.iter().find(|(n, _)| n == name).map(|(_, v)| *v)
}
