//! The chart of political-prisoner counts (and releases) over time, drawn
//! at build time as SVG by `plotters` (SVG backend only: no system fonts,
//! text written as `<text>` elements; the same facts give the same bytes).

use plotters::prelude::*;

use crate::extract::dates::PartialDate;
use crate::extract::facts::{Fact, Facts};

/// One point of the chart: when, how many, and the fact it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub date: PartialDate,
    pub value: f64,
    pub fact: Fact,
}

/// The points to chart: dated counts of political prisoners held, and dated
/// releases with a number, each sorted by date.
pub fn series(facts: &Facts) -> (Vec<Point>, Vec<Point>) {
    let pick = |kind: &str, political_only: bool| {
        let mut points: Vec<Point> = facts
            .facts
            .iter()
            .filter(|f| f.kind == kind && f.topic == "prisoners")
            .filter(|f| !political_only || f.prisoners().is_some_and(|d| d.political))
            .filter_map(|f| {
                Some(Point {
                    date: f.date?,
                    value: f.value?,
                    fact: f.clone(),
                })
            })
            .collect();
        points.sort_by(|a, b| (a.date, &a.fact.id).cmp(&(b.date, &b.fact.id)));
        points
    };
    (pick("count", true), pick("release", false))
}

/// Position of a date on the time axis, in fractional years (mid-period).
fn x(date: &PartialDate) -> f64 {
    let month = date.month.map_or(6.5, |m| m as f64 - 0.5);
    let day = date.day.map_or(0.0, |d| (d as f64 - 15.0) / 30.0);
    date.year as f64 + (month + day) / 12.0
}

/// Draw the chart as SVG text; `None` when there is nothing to draw.
pub fn svg(counts: &[Point], releases: &[Point]) -> Option<String> {
    let all: Vec<&Point> = counts.iter().chain(releases).collect();
    if all.is_empty() {
        return None;
    }
    let x_min = all
        .iter()
        .map(|p| x(&p.date))
        .fold(f64::INFINITY, f64::min)
        .floor();
    let x_max = all
        .iter()
        .map(|p| x(&p.date))
        .fold(f64::NEG_INFINITY, f64::max)
        .ceil();
    let x_max = if x_max <= x_min { x_min + 1.0 } else { x_max };
    let y_max = all.iter().map(|p| p.value).fold(0.0, f64::max) * 1.15 + 1.0;
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (720, 360)).into_drawing_area();
        root.fill(&WHITE).ok()?;
        let mut chart = ChartBuilder::on(&root)
            .caption("Political prisoners held, and releases", ("sans-serif", 18))
            .margin(12)
            .x_label_area_size(32)
            .y_label_area_size(56)
            .build_cartesian_2d(x_min..x_max, 0.0..y_max)
            .ok()?;
        chart
            .configure_mesh()
            .x_desc("Year")
            .y_desc("People")
            .x_label_formatter(&|v| format!("{}", v.floor() as i64))
            .y_label_formatter(&|v| format!("{}", *v as i64))
            .draw()
            .ok()?;
        let held: Vec<(f64, f64)> = counts.iter().map(|p| (x(&p.date), p.value)).collect();
        chart
            .draw_series(LineSeries::new(held.clone(), BLUE.stroke_width(2)))
            .ok()?
            .label("Political prisoners held")
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 16, y)], BLUE));
        chart
            .draw_series(held.iter().map(|&p| Circle::new(p, 4, BLUE.filled())))
            .ok()?;
        let freed: Vec<(f64, f64)> = releases.iter().map(|p| (x(&p.date), p.value)).collect();
        chart
            .draw_series(
                freed
                    .iter()
                    .map(|&p| TriangleMarker::new(p, 6, RED.filled())),
            )
            .ok()?
            .label("Released")
            .legend(|(x, y)| TriangleMarker::new((x + 8, y), 5, RED.filled()));
        chart
            .configure_series_labels()
            .background_style(WHITE.mix(0.8))
            .border_style(BLACK)
            .draw()
            .ok()?;
        root.present().ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::facts::tests::{article, topics};

    fn facts() -> Facts {
        let a = article(
            "alpha",
            Some("2024-06-14"),
            false,
            &[
                "There were 400 political prisoners in 2019.",
                "There are 900 political prisoners.",
                "On May 3 the ruler released 17 prisoners.",
            ],
        );
        crate::extract::facts::extract(&[a], &topics(), &[])
    }

    #[test]
    fn series_are_dated_and_sorted() {
        let (held, freed) = series(&facts());
        let held: Vec<(String, f64)> = held.iter().map(|p| (p.date.to_string(), p.value)).collect();
        assert_eq!(held, [("2019".into(), 400.0), ("2024-06-14".into(), 900.0)]);
        assert_eq!(freed.len(), 1);
        assert_eq!(freed[0].value, 17.0);
    }

    #[test]
    fn svg_is_deterministic_and_has_text() {
        let (held, freed) = series(&facts());
        let a = svg(&held, &freed).unwrap();
        let b = svg(&held, &freed).unwrap();
        assert_eq!(a, b);
        assert!(a.starts_with("<svg"), "{}", &a[..80.min(a.len())]);
        assert!(a.contains("<text"), "labels are text elements");
        assert!(a.contains("Political prisoners held"));
        assert!(svg(&[], &[]).is_none());
    }
}
