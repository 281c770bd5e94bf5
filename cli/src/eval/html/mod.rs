//! `clickbait eval --html`: the evaluation as one self-contained page (inline
//! CSS and SVG, no script, nothing fetched) that a tuner looks at rather than
//! reads, with the same numbers as the text and `--json` reports.
//!
//! The page is built from the same [`Acc`] totals as the other reports and
//! stays small on any input: curves are thinned, histograms binned, and every
//! list of titles bounded.

mod changes;
mod curve;
mod escape;
mod plot;
mod titles;

use std::fmt::Write;
use std::path::Path;

use anyhow::Context as _;
use clickbait::Classifier;

pub use self::changes::Changes;
use self::curve::{histogram, roc_and_pr, Point};
use self::escape::{attr, text};
use self::plot::{curve_chart, histogram_chart, CurveKind, Series};
use super::report::Acc;
use crate::metrics::Metrics;

/// The style sheet, inlined into every page.
const STYLE: &str = include_str!("style.css");

/// Curve colours of the first and second classifier.
const COLOURS: [&str; 2] = ["#1c5d99", "#e07a1f"];

/// One classifier on the page.
pub struct Side<'a> {
    /// Short name: what weights it uses.
    pub name: String,
    /// The classifier (for thresholds and for re-scoring listed titles).
    pub classifier: &'a Classifier,
    /// Its totals.
    pub acc: &'a Acc,
}

/// Everything the page shows.
pub struct Page<'a> {
    /// The input's name.
    pub input: &'a str,
    /// One or two classifiers.
    pub sides: Vec<Side<'a>>,
    /// Changed verdicts, when comparing.
    pub changes: Option<&'a Changes>,
    /// How many worst false positives and negatives to list.
    pub worst: usize,
    /// How many false-positive phrases to list.
    pub phrases: usize,
}

/// Renders the page and writes it to `path`; returns its size in bytes.
///
/// # Errors
/// The file cannot be written.
pub fn write(path: &Path, page: &Page) -> anyhow::Result<usize> {
    let html = render(page);
    std::fs::write(path, &html).with_context(|| format!("writing {}", path.display()))?;
    Ok(html.len())
}

/// The whole page as HTML.
pub fn render(page: &Page) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    out.push_str("<title>clickbait eval: ");
    text(&mut out, page.input);
    let _ = write!(out, "</title><style>{STYLE}</style></head><body>");
    header(&mut out, page);
    metrics_section(&mut out, page);
    charts(&mut out, page);
    if let (Some(ch), [a, b]) = (page.changes, page.sides.as_slice()) {
        ch.section(&mut out, &a.name, &b.name, b.classifier);
    }
    for (i, side) in page.sides.iter().enumerate() {
        errors_section(&mut out, page, i, side);
    }
    out.push_str("</body></html>\n");
    out
}

/// The title block: input, rows, errors, classifiers and thresholds.
fn header(out: &mut String, page: &Page) {
    out.push_str("<header><h1>clickbait eval · ");
    text(out, page.input);
    out.push_str("</h1><p class=\"summary\">");
    if let Some(first) = page.sides.first() {
        let _ = write!(
            out,
            "{} rows scored, {} rows with errors. ",
            first.acc.overall.metrics().n,
            first.acc.errors
        );
    }
    for (i, s) in page.sides.iter().enumerate() {
        let _ = write!(
            out,
            "<span class=\"side\" style=\"border-color:{}\">",
            COLOURS[i.min(1)]
        );
        text(out, &s.name);
        let _ = write!(
            out,
            "</span> threshold <b class=\"threshold\" data-side=\"{i}\">{:.2}</b>. ",
            s.classifier.threshold()
        );
    }
    let _ = write!(
        out,
        "</p><p class=\"note\">clickbait {}; marked phrases raise the score (yellow) or lower it (green); hover one for its category, weight, \
         context and contribution.</p></header>",
        env!("CARGO_PKG_VERSION")
    );
}

/// A metric cell: shown to 3 decimals, exact in `data-value` (`null` when undefined).
fn metric_cell(out: &mut String, name: &str, v: Option<f64>) {
    match v {
        Some(x) => {
            let _ = write!(
                out,
                "<td class=\"num\" data-metric=\"{name}\" data-value=\"{x}\">{x:.3}</td>"
            );
        }
        None => {
            let _ = write!(
                out,
                "<td class=\"num na\" data-metric=\"{name}\" data-value=\"null\">n/a</td>"
            );
        }
    }
}

/// One row of the metrics table.
fn metrics_row(out: &mut String, side: usize, name: &str, group: &str, m: &Metrics, first: bool) {
    let _ = write!(out, "<tr data-side=\"{side}\" data-group=\"");
    attr(out, group);
    out.push('"');
    if first {
        out.push_str(" class=\"first\"");
    }
    out.push_str("><th>");
    text(out, group);
    out.push_str("</th><td class=\"who\">");
    text(out, name);
    let _ = write!(
        out,
        "</td><td class=\"num\" data-metric=\"n\" data-value=\"{}\">{}</td>",
        m.n, m.n
    );
    for (k, v) in [
        ("precision", m.precision),
        ("recall", m.recall),
        ("f1", m.f1),
        ("accuracy", m.accuracy),
        ("roc_auc", m.roc_auc),
    ] {
        metric_cell(out, k, v);
    }
    for (k, v) in [("tp", m.tp), ("fp", m.fp), ("tn", m.tn), ("fn", m.fn_)] {
        let _ = write!(
            out,
            "<td class=\"num\" data-metric=\"{k}\" data-value=\"{v}\">{v}</td>"
        );
    }
    out.push_str("</tr>");
}

/// Headline metrics, overall and per language, for every classifier.
fn metrics_section(out: &mut String, page: &Page) {
    out.push_str(
        "<section id=\"metrics\"><h2>Headline metrics</h2><table class=\"metrics\"><thead><tr>\
         <th>group</th><th>classifier</th><th>n</th><th>precision</th><th>recall</th><th>F1</th>\
         <th>accuracy</th><th>ROC-AUC</th><th>tp</th><th>fp</th><th>tn</th><th>fn</th></tr></thead><tbody>",
    );
    let Some(first) = page.sides.first() else {
        out.push_str("</tbody></table></section>");
        return;
    };
    let mut groups: Vec<&str> = vec!["overall"];
    groups.extend(first.acc.by_lang.keys().map(String::as_str));
    for g in groups {
        let rows: Vec<Option<Metrics>> = page
            .sides
            .iter()
            .map(|s| {
                if g == "overall" {
                    Some(s.acc.overall.metrics())
                } else {
                    s.acc.by_lang.get(g).map(|t| t.metrics())
                }
            })
            .collect();
        for (i, (s, m)) in page.sides.iter().zip(&rows).enumerate() {
            if let Some(m) = m {
                metrics_row(out, i, &s.name, g, m, i == 0);
            }
        }
        if let [Some(a), Some(b)] = rows.as_slice() {
            delta_row(out, a, b);
        }
    }
    out.push_str("</tbody></table></section>");
}

/// The change from the first classifier's metrics to the second's, green
/// where it is an improvement.
fn delta_row(out: &mut String, a: &Metrics, b: &Metrics) {
    out.push_str("<tr class=\"delta\"><th></th><td class=\"who\">change</td><td></td>");
    let pairs = [
        (a.precision, b.precision),
        (a.recall, b.recall),
        (a.f1, b.f1),
        (a.accuracy, b.accuracy),
        (a.roc_auc, b.roc_auc),
    ];
    for (x, y) in pairs {
        match x.zip(y).map(|(x, y)| y - x) {
            Some(d) => {
                let class = if d > 5e-4 {
                    "up"
                } else if d < -5e-4 {
                    "down"
                } else {
                    ""
                };
                let _ = write!(out, "<td class=\"num {class}\">{d:+.3}</td>");
            }
            None => out.push_str("<td class=\"num\"></td>"),
        }
    }
    // More true verdicts is better, more false ones worse.
    let counts = [
        (a.tp, b.tp, true),
        (a.fp, b.fp, false),
        (a.tn, b.tn, true),
        (a.fn_, b.fn_, false),
    ];
    for (x, y, more_is_better) in counts {
        let d = i128::from(y) - i128::from(x);
        let class = match (d.signum(), more_is_better) {
            (0, _) => "",
            (1, true) | (-1, false) => "up",
            _ => "down",
        };
        let _ = write!(out, "<td class=\"num {class}\">{d:+}</td>");
    }
    out.push_str("</tr>");
}

/// The operating points at the threshold: (FPR, TPR) and (recall, precision).
fn operating_points(m: &Metrics) -> (Option<Point>, Option<Point>) {
    let fpr = (m.fp + m.tn > 0).then(|| m.fp as f64 / (m.fp + m.tn) as f64);
    let roc = fpr.zip(m.recall);
    let pr = m.recall.zip(m.precision);
    (roc, pr)
}

/// ROC, precision–recall, score histograms and confusion matrices.
fn charts(out: &mut String, page: &Page) {
    out.push_str("<section id=\"charts\"><h2>Overall, at a glance</h2><div class=\"grid\">");
    let curves: Vec<_> = page
        .sides
        .iter()
        .map(|s| roc_and_pr(s.acc.overall.scores()))
        .collect();
    let points: Vec<_> = page
        .sides
        .iter()
        .map(|s| operating_points(&s.acc.overall.metrics()))
        .collect();
    if curves.iter().all(Option::is_some) && !curves.is_empty() {
        for kind in [CurveKind::Roc, CurveKind::PrecisionRecall] {
            let series: Vec<Series> = page
                .sides
                .iter()
                .zip(&curves)
                .zip(&points)
                .enumerate()
                .filter_map(|(i, ((s, c), p))| {
                    let (roc, pr) = c.as_ref()?;
                    let (points, marker) = match kind {
                        CurveKind::Roc => (roc, p.0),
                        CurveKind::PrecisionRecall => (pr, p.1),
                    };
                    Some(Series {
                        name: &s.name,
                        colour: COLOURS[i.min(1)],
                        points,
                        marker,
                    })
                })
                .collect();
            figure(out, &curve_chart(kind, &series), caption(kind));
        }
    } else {
        out.push_str("<p class=\"none\">ROC and precision–recall curves need both labels.</p>");
    }
    for s in &page.sides {
        let h = histogram(s.acc.overall.scores());
        let title = format!("Scores by label · {}", s.name);
        figure(
            out,
            &histogram_chart(&title, &h, s.classifier.threshold()),
            "Share of each label's rows per score bin of 0.05; the dashed line is the threshold.",
        );
    }
    for (i, s) in page.sides.iter().enumerate() {
        confusion(out, i, &s.name, &s.acc.overall.metrics());
    }
    out.push_str("</div></section>");
}

/// A chart's caption.
fn caption(kind: CurveKind) -> &'static str {
    match kind {
        CurveKind::Roc => "One point per distinct score; the dot is the threshold in use.",
        CurveKind::PrecisionRecall => {
            "Precision and recall as the threshold falls; the dot is the threshold in use."
        }
    }
}

/// Appends a chart with its caption.
fn figure(out: &mut String, svg: &str, cap: &str) {
    let _ = write!(out, "<figure>{svg}<figcaption>{cap}</figcaption></figure>");
}

/// The confusion matrix as a table, each cell shaded by its share of its row
/// (blue where right, red where wrong).
fn confusion(out: &mut String, side: usize, name: &str, m: &Metrics) {
    let _ = write!(out, "<figure class=\"cm\"><table class=\"cm\" data-side=\"{side}\"><caption>Confusion matrix · ");
    text(out, name);
    out.push_str("</caption><tr><th></th><th>predicted 1</th><th>predicted 0</th></tr>");
    let rows = [
        ("actual 1", [(m.tp, true, "tp"), (m.fn_, false, "fn")]),
        ("actual 0", [(m.fp, false, "fp"), (m.tn, true, "tn")]),
    ];
    for (label, cells) in rows {
        let total = cells[0].0 + cells[1].0;
        let _ = write!(out, "<tr><th>{label}</th>");
        for (count, right, key) in cells {
            let share = count as f64 / total.max(1) as f64;
            let rgb = if right { "28,93,153" } else { "192,57,43" };
            let ink = if share > 0.55 { " class=\"dark\"" } else { "" };
            let _ = write!(
                out,
                "<td{ink} data-cell=\"{key}\" style=\"background:rgba({rgb},{:.2})\"><b>{count}</b><small>{key} · {:.1}% of {label}</small></td>",
                0.08 + 0.85 * share,
                share * 100.0
            );
        }
        out.push_str("</tr>");
    }
    out.push_str(
        "</table><figcaption>Rows are the gold labels, columns the verdicts.</figcaption></figure>",
    );
}

/// Worst errors and the phrases firing on sober titles, for one classifier.
fn errors_section(out: &mut String, page: &Page, i: usize, side: &Side) {
    let _ = write!(
        out,
        "<section class=\"side-errors\" id=\"errors-{i}\"><h2>Errors · "
    );
    text(out, &side.name);
    out.push_str("</h2><div class=\"pair\">");
    let fp = &side.acc.worst_fp()[..side.acc.worst_fp().len().min(page.worst)];
    let fn_ = &side.acc.worst_fn()[..side.acc.worst_fn().len().min(page.worst)];
    titles::examples(
        out,
        &format!("fp-{i}"),
        "Worst false positives (label 0, highest scores)",
        fp,
        side.classifier,
    );
    titles::examples(
        out,
        &format!("fn-{i}"),
        "Worst false negatives (label 1, lowest scores)",
        fn_,
        side.classifier,
    );
    out.push_str("</div>");
    phrases(out, i, side, page.phrases);
    out.push_str("</section>");
}

/// The phrases of positive weight that fire on the most label-0 rows (what
/// `--fp-phrases` prints).
fn phrases(out: &mut String, i: usize, side: &Side, n: usize) {
    let _ = write!(
        out,
        "<section class=\"phrases\" id=\"phrases-{i}\"><h3>Phrases firing most on sober titles \
         <span class=\"count\">(label 0, {} rows)</span></h3>",
        side.acc.negatives()
    );
    let lines = side.acc.phrase_report(n);
    if lines.is_empty() {
        out.push_str("<p class=\"none\">none</p></section>");
        return;
    }
    let top = lines.first().map_or(1, |l| l.count.max(1));
    out.push_str("<table class=\"rows\"><thead><tr><th>phrase</th><th>category</th><th>rows</th><th>share</th><th>flagged</th></tr></thead><tbody>");
    for l in &lines {
        out.push_str("<tr><td>");
        text(out, &l.phrase);
        let _ = write!(
            out,
            "</td><td>{}</td><td class=\"num bar\" style=\"--w:{:.0}%\">{}</td><td class=\"num\">{:.2}%</td><td class=\"num\">{}</td></tr>",
            l.category,
            100.0 * l.count as f64 / top as f64,
            l.count,
            l.share * 100.0,
            l.flagged
        );
    }
    out.push_str("</tbody></table></section>");
}
