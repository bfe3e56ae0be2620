//! SVG line charts of timelines: axes with labelled dates and counts, one
//! line per query with a point per bucket (hover a point for its numbers), a
//! legend — a chart to put in a report. Plain SVG 1.1, no scripts.

use std::fmt::Write as _;

use crate::timeline::Timeline;

const WIDTH: f64 = 960.0;
const HEIGHT: f64 = 480.0;
const LEFT: f64 = 72.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 64.0;
const BOTTOM: f64 = 72.0;
/// Most date labels on the x axis.
const MAX_LABELS: usize = 12;
/// Line colours (colour-blind-safe palette by Okabe and Ito).
const COLOURS: [&str; 8] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000",
];

/// Escapes text for SVG content and attributes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A "nice" step (1, 2 or 5 × 10^n) giving about `ticks` ticks up to `max`.
fn nice_step(max: f64, ticks: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let raw = max / ticks;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    step.max(f64::MIN_POSITIVE)
}

/// The chart of `t`: matching articles per bucket, or their share of all
/// articles with `share`.
pub fn timeline(t: &Timeline, share: bool) -> String {
    let n = t.buckets.len();
    let value = |b: usize, q: usize| {
        let c = &t.buckets[b].queries[q];
        if share {
            c.share * 100.0
        } else {
            c.articles as f64
        }
    };
    let max = (0..n)
        .flat_map(|b| (0..t.queries.len()).map(move |q| (b, q)))
        .map(|(b, q)| value(b, q))
        .fold(0.0, f64::max);
    let step = if share {
        nice_step(max.max(1.0), 5.0)
    } else {
        nice_step(max.max(1.0), 5.0).ceil()
    };
    let top_value = ((max / step).ceil() * step).max(step);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let x = |i: usize| {
        LEFT + if n > 1 {
            i as f64 * plot_w / (n - 1) as f64
        } else {
            plot_w / 2.0
        }
    };
    let y = |v: f64| TOP + plot_h - v / top_value * plot_h;

    let mut s = String::new();
    let what = if share {
        "Share of articles matching"
    } else {
        "Articles matching"
    };
    let range = match (t.buckets.first(), t.buckets.last()) {
        (Some(a), Some(b)) => format!(
            "{} – {}",
            t.interval.label(a.start),
            t.interval.label(b.start)
        ),
        _ => String::new(),
    };
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="Helvetica, Arial, sans-serif" font-size="12">"#
    );
    let _ = writeln!(
        s,
        r#"<title>{} per {}, {}</title>"#,
        escape(what),
        t.interval.name(),
        escape(&range)
    );
    let _ = writeln!(s, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let _ = writeln!(
        s,
        r#"<text x="{LEFT}" y="24" font-size="16" font-weight="bold">{} per {}</text>"#,
        escape(what),
        t.interval.name()
    );
    let _ = writeln!(
        s,
        r##"<text x="{LEFT}" y="42" fill="#555">{}</text>"##,
        escape(&range)
    );

    // Y axis: grid lines and labels.
    let _ = writeln!(s, r#"<g class="y-axis">"#);
    let mut v = 0.0;
    while v <= top_value + step / 2.0 {
        let yy = y(v);
        let label = if share {
            format!("{}%", trim_number(v))
        } else {
            trim_number(v)
        };
        let _ = writeln!(
            s,
            r##"<line x1="{LEFT}" y1="{yy:.1}" x2="{:.1}" y2="{yy:.1}" stroke="#ddd"/><text x="{:.1}" y="{:.1}" text-anchor="end">{label}</text>"##,
            LEFT + plot_w,
            LEFT - 8.0,
            yy + 4.0
        );
        v += step;
    }
    let _ = writeln!(s, "</g>");

    // X axis: the baseline and at most MAX_LABELS date labels.
    let _ = writeln!(s, r#"<g class="x-axis">"#);
    let _ = writeln!(
        s,
        r##"<line x1="{LEFT}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#333"/>"##,
        TOP + plot_h,
        LEFT + plot_w,
        TOP + plot_h
    );
    for i in label_positions(n) {
        let b = &t.buckets[i];
        let (xx, yy) = (x(i), TOP + plot_h);
        let _ = writeln!(
            s,
            r##"<line x1="{xx:.1}" y1="{yy:.1}" x2="{xx:.1}" y2="{:.1}" stroke="#333"/><text class="x-label" x="{xx:.1}" y="{:.1}" text-anchor="end" transform="rotate(-35 {xx:.1} {:.1})">{}</text>"##,
            yy + 5.0,
            yy + 18.0,
            yy + 18.0,
            escape(&t.interval.label(b.start))
        );
    }
    let _ = writeln!(s, "</g>");

    // One line per query, a point per bucket.
    for (q, query) in t.queries.iter().enumerate() {
        let colour = COLOURS[q % COLOURS.len()];
        let points: Vec<String> = (0..n)
            .map(|b| format!("{:.1},{:.1}", x(b), y(value(b, q))))
            .collect();
        let _ = writeln!(s, r#"<g class="series" data-query="{}">"#, escape(query));
        let _ = writeln!(
            s,
            r#"<polyline fill="none" stroke="{colour}" stroke-width="2" points="{}"/>"#,
            points.join(" ")
        );
        for (b, bucket) in t.buckets.iter().enumerate() {
            let c = &bucket.queries[q];
            let _ = writeln!(
                s,
                r#"<circle class="point" cx="{:.1}" cy="{:.1}" r="3" fill="{colour}"><title>{} · {}: {} of {} articles ({:.1}%), {} passages</title></circle>"#,
                x(b),
                y(value(b, q)),
                escape(&t.interval.label(bucket.start)),
                escape(crate::timeline::label(query)),
                c.articles,
                bucket.articles,
                c.share * 100.0,
                c.passages
            );
        }
        let _ = writeln!(s, "</g>");
    }

    // Legend, top right.
    let _ = writeln!(s, r#"<g class="legend">"#);
    for (q, query) in t.queries.iter().enumerate() {
        let colour = COLOURS[q % COLOURS.len()];
        let yy = 18.0 + q as f64 * 16.0;
        let xx = WIDTH - RIGHT - 260.0;
        let _ = writeln!(
            s,
            r#"<line x1="{xx:.1}" y1="{yy:.1}" x2="{:.1}" y2="{yy:.1}" stroke="{colour}" stroke-width="3"/><text x="{:.1}" y="{:.1}">{}</text>"#,
            xx + 18.0,
            xx + 24.0,
            yy + 4.0,
            escape(crate::timeline::label(query))
        );
    }
    let _ = writeln!(s, "</g>");
    let _ = writeln!(s, "</svg>");
    s
}

/// Which buckets get a date label: evenly spaced, at most about
/// [`MAX_LABELS`], and the last one unless it would crowd its neighbour.
fn label_positions(n: usize) -> Vec<usize> {
    let every = n.div_ceil(MAX_LABELS).max(1);
    let mut at: Vec<usize> = (0..n).step_by(every).collect();
    if let Some(&last) = at.last()
        && n - 1 - last >= every.div_ceil(2)
    {
        at.push(n - 1);
    }
    at
}

/// A number without a needless fraction: `10`, `2.5`.
fn trim_number(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        let text = format!("{v:.2}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_one_two_or_five_times_a_power_of_ten() {
        assert_eq!(nice_step(100.0, 5.0), 20.0);
        assert_eq!(nice_step(7.0, 5.0), 2.0);
        assert_eq!(nice_step(0.3, 5.0), 0.1);
        assert_eq!(nice_step(0.0, 5.0), 1.0);
    }

    #[test]
    fn labels_are_spaced_and_few() {
        assert_eq!(label_positions(5), [0, 1, 2, 3, 4]);
        let many = label_positions(100);
        assert!(many.len() <= MAX_LABELS + 1);
        assert_eq!(many[0], 0);
        assert_eq!(*many.last().unwrap(), 99);
        assert!(label_positions(0).is_empty());
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape(r#""a" & <b>"#), "&quot;a&quot; &amp; &lt;b&gt;");
    }

    #[test]
    fn numbers_lose_needless_fractions() {
        assert_eq!(trim_number(10.0), "10");
        assert_eq!(trim_number(2.5), "2.5");
    }
}
