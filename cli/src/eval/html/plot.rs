//! The report's charts as hand-written SVG: a few lines and rectangles need
//! no plotting crate, and writing them directly keeps every chart a few
//! kilobytes and the output exactly under our control (escaping included).

use std::fmt::Write;

use super::curve::{Curve, BINS};
use super::escape::xml;

/// Width of every chart, in CSS pixels.
const WIDTH: f64 = 380.0;
/// Height of every chart.
const HEIGHT: f64 = 320.0;
/// Left margin (y tick labels and axis name).
const LEFT: f64 = 52.0;
/// Right margin.
const RIGHT: f64 = 14.0;
/// Top margin (title and legend).
const TOP: f64 = 46.0;
/// Bottom margin (x tick labels and axis name).
const BOTTOM: f64 = 44.0;

/// One classifier's curve on a chart.
pub struct Series<'a> {
    /// Legend text.
    pub name: &'a str,
    /// Stroke colour (CSS).
    pub colour: &'a str,
    /// The points, in [0, 1]².
    pub points: &'a Curve,
    /// The operating point (the threshold used), if defined.
    pub marker: Option<(f64, f64)>,
}

/// Which curve a chart shows.
#[derive(Clone, Copy)]
pub enum CurveKind {
    /// False-positive rate against true-positive rate, with the chance diagonal.
    Roc,
    /// Recall against precision.
    PrecisionRecall,
}

/// Space between the frame and the data range, so that a curve running
/// along 0 or 1 (a near-perfect classifier) stays visible.
const PAD: f64 = 6.0;

/// The plotting area inside the margins.
struct Frame;

impl Frame {
    /// x pixel of data value `x` in [0, 1].
    fn px(x: f64) -> f64 {
        LEFT + PAD + x.clamp(0.0, 1.0) * (WIDTH - LEFT - RIGHT - 2.0 * PAD)
    }

    /// y pixel of data value `y` in [0, 1] (up is larger).
    fn py(y: f64) -> f64 {
        HEIGHT - BOTTOM - PAD - y.clamp(0.0, 1.0) * (HEIGHT - TOP - BOTTOM - 2.0 * PAD)
    }
}

/// The opening tag, title, frame, grid and ticks of a chart whose axes both
/// run 0–1; `y_ticks` gives the y labels for 0, ¼, ½, ¾, 1.
fn open(title: &str, x_label: &str, y_label: &str, y_ticks: [String; 5]) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" \
         width=\"{WIDTH}\" height=\"{HEIGHT}\" role=\"img\" aria-label=\""
    );
    xml(&mut s, title);
    s.push_str("\">");
    s.push_str("<text class=\"ct\" x=\"8\" y=\"18\">");
    xml(&mut s, title);
    s.push_str("</text>");
    for (i, label) in y_ticks.iter().enumerate() {
        let v = i as f64 / 4.0;
        let (x, y) = (Frame::px(v), Frame::py(v));
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\"/>\
             <line class=\"grid\" x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\"/>\
             <text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{label}</text>\
             <text class=\"tick\" x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{v}</text>",
            LEFT,
            WIDTH - RIGHT,
            HEIGHT - BOTTOM,
            TOP,
            LEFT - 5.0,
            y + 4.0,
            HEIGHT - BOTTOM + 16.0,
        );
    }
    let _ = write!(
        s,
        "<rect class=\"frame\" x=\"{LEFT}\" y=\"{TOP}\" width=\"{:.1}\" height=\"{:.1}\"/>\
         <text class=\"axis\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">",
        WIDTH - LEFT - RIGHT,
        HEIGHT - TOP - BOTTOM,
        Frame::px(0.5),
        HEIGHT - 8.0
    );
    xml(&mut s, x_label);
    let _ = write!(
        s,
        "</text><text class=\"axis\" transform=\"translate(14 {:.1}) rotate(-90)\" text-anchor=\"middle\">",
        Frame::py(0.5)
    );
    xml(&mut s, y_label);
    s.push_str("</text>");
    s
}

/// A legend row under the title: one coloured swatch and name per entry.
fn legend(s: &mut String, entries: &[(&str, &str)]) {
    let mut x = 8.0;
    for (name, colour) in entries {
        let _ = write!(
            s,
            "<rect x=\"{x:.1}\" y=\"28\" width=\"12\" height=\"8\" fill=\"{colour}\"/>\
             <text class=\"legend\" x=\"{:.1}\" y=\"36\">",
            x + 16.0
        );
        xml(s, name);
        s.push_str("</text>");
        // Legend names are short; an approximate advance keeps them apart.
        x += 28.0 + 6.5 * name.chars().count().min(40) as f64;
    }
}

/// A ROC or precision–recall chart of one or more classifiers, each with its
/// operating point marked.
pub fn curve_chart(kind: CurveKind, series: &[Series]) -> String {
    let (title, xl, yl) = match kind {
        CurveKind::Roc => ("ROC curve", "false-positive rate", "true-positive rate"),
        CurveKind::PrecisionRecall => ("Precision–recall curve", "recall", "precision"),
    };
    let ticks = ["0", "0.25", "0.5", "0.75", "1"].map(String::from);
    let mut s = open(title, xl, yl, ticks);
    if let CurveKind::Roc = kind {
        let _ = write!(
            s,
            "<line class=\"chance\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"/>",
            Frame::px(0.0),
            Frame::py(0.0),
            Frame::px(1.0),
            Frame::py(1.0)
        );
    }
    let names: Vec<(&str, &str)> = series.iter().map(|c| (c.name, c.colour)).collect();
    legend(&mut s, &names);
    for (i, c) in series.iter().enumerate() {
        // Later curves are dashed, so that one drawn over an identical one
        // (a change of bias keeps the ranking) still shows both.
        let _ = write!(
            s,
            "<polyline class=\"curve{}\" stroke=\"{}\" points=\"",
            if i > 0 { " alt" } else { "" },
            c.colour
        );
        for (i, &(x, y)) in c.points.iter().enumerate() {
            if i > 0 {
                s.push(' ');
            }
            let _ = write!(s, "{:.1},{:.1}", Frame::px(x), Frame::py(y));
        }
        s.push_str("\"/>");
    }
    for c in series {
        if let Some((x, y)) = c.marker {
            let _ = write!(
                s,
                "<circle class=\"op\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"5\" stroke=\"{}\"><title>",
                Frame::px(x),
                Frame::py(y),
                c.colour
            );
            let what = match kind {
                CurveKind::Roc => format!("{}: at the threshold, FPR {x:.3}, TPR {y:.3}", c.name),
                CurveKind::PrecisionRecall => {
                    format!(
                        "{}: at the threshold, recall {x:.3}, precision {y:.3}",
                        c.name
                    )
                }
            };
            xml(&mut s, &what);
            s.push_str("</title></circle>");
        }
    }
    s.push_str("</svg>");
    s
}

/// Label 0 (sober) colour in the histograms.
pub const SOBER: &str = "#5b7fa6";
/// Label 1 (clickbait) colour in the histograms.
pub const BAIT: &str = "#c0392b";

/// Score histogram of one classifier: per bin, the share of each label's
/// rows, label 0 and label 1 side by side, with the threshold marked.
pub fn histogram_chart(title: &str, hist: &[[u64; BINS]; 2], threshold: f32) -> String {
    let totals = [hist[0].iter().sum::<u64>(), hist[1].iter().sum::<u64>()];
    let top = hist
        .iter()
        .zip(totals)
        .flat_map(|(h, t)| h.iter().map(move |&c| c as f64 / t.max(1) as f64))
        .fold(0.0f64, f64::max);
    // The y axis runs to the first of these at or above the tallest bar, so
    // that its quarter ticks are whole percentages.
    let ymax = [0.04, 0.08, 0.12, 0.2, 0.4, 0.6, 0.8]
        .into_iter()
        .find(|&m| top <= m)
        .unwrap_or(1.0);
    let ticks = [0.0, 0.25, 0.5, 0.75, 1.0].map(|f| format!("{:.0}%", f * ymax * 100.0));
    let mut s = open(title, "score", "share of the label's rows", ticks);
    legend(
        &mut s,
        &[
            (&format!("label 0 (n {})", totals[0]), SOBER),
            (&format!("label 1 (n {})", totals[1]), BAIT),
        ],
    );
    let bin_w = 1.0 / BINS as f64;
    for (label, (counts, colour)) in hist.iter().zip([SOBER, BAIT]).enumerate() {
        for (b, &count) in counts.iter().enumerate() {
            if count == 0 {
                continue;
            }
            let share = count as f64 / totals[label].max(1) as f64;
            let x0 = Frame::px(b as f64 * bin_w + label as f64 * bin_w / 2.0);
            let x1 = Frame::px(b as f64 * bin_w + (label as f64 + 1.0) * bin_w / 2.0);
            let (y0, y1) = (Frame::py(share / ymax), Frame::py(0.0));
            let _ = write!(
                s,
                "<rect x=\"{x0:.1}\" y=\"{y0:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{colour}\">\
                 <title>scores {:.2}–{:.2}, label {label}: {count} rows ({:.1}%)</title></rect>",
                (x1 - x0 - 0.5).max(0.5),
                (y1 - y0).max(0.5),
                b as f64 * bin_w,
                (b + 1) as f64 * bin_w,
                share * 100.0
            );
        }
    }
    let tx = Frame::px(f64::from(threshold));
    let _ = write!(
        s,
        "<line class=\"thr\" x1=\"{tx:.1}\" y1=\"{:.1}\" x2=\"{tx:.1}\" y2=\"{TOP:.1}\"/>\
         <text class=\"label\" x=\"{:.1}\" y=\"{:.1}\">threshold {threshold:.2}</text></svg>",
        HEIGHT - BOTTOM,
        tx + 4.0,
        TOP + 12.0
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charts_escape_names_and_stay_in_the_frame() {
        let pts = vec![(0.0, 0.0), (0.5, 2.0), (1.0, 1.0)];
        let svg = curve_chart(
            CurveKind::Roc,
            &[Series {
                name: "a<b>&c",
                colour: "#000",
                points: &pts,
                marker: Some((0.25, 0.5)),
            }],
        );
        assert!(svg.contains("a&lt;b&gt;&amp;c") && !svg.contains("a<b>"));
        // y = 2 is clamped to the top of the frame.
        assert!(
            svg.contains(&format!("{:.1},{:.1}", Frame::px(0.5), TOP + PAD)),
            "{svg}"
        );
        let mut h = [[0u64; BINS]; 2];
        h[0][3] = 4;
        h[1][19] = 1;
        let svg = histogram_chart("t", &h, 0.5);
        assert!(svg.contains("label 0: 4 rows (100.0%)"), "{svg}");
        assert!(svg.ends_with("</svg>"));
    }
}
