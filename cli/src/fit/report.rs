//! What `fit` reports (counts, the threshold it picks, metrics of the fitted
//! and the default model), kept apart from the fitting itself.

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use crate::metrics::{Metrics, Tally};

/// Picks the threshold that maximises F1 over (score, label) pairs; the midpoint
/// between the lowest flagged and the highest unflagged score.
pub fn best_threshold(scores: &[(f32, bool)]) -> f32 {
    let mut s = scores.to_vec();
    s.sort_by(|a, b| b.0.total_cmp(&a.0));
    let pos = s.iter().filter(|x| x.1).count() as f64;
    let (mut tp, mut fp) = (0.0, 0.0);
    let mut best = (-1.0, 0.5f32);
    let mut i = 0;
    while i < s.len() {
        let mut j = i;
        while j < s.len() && s[j].0 == s[i].0 {
            tp += f64::from(u8::from(s[j].1));
            fp += f64::from(u8::from(!s[j].1));
            j += 1;
        }
        let f1 = 2.0 * tp / (tp + pos + fp);
        if f1 > best.0 {
            let lower = s.get(j).map_or(0.0, |x| x.0);
            let mid = (s[i].0 + lower) / 2.0;
            best = (f1, if mid > lower { mid } else { s[i].0 });
        }
        i = j;
    }
    best.1.clamp(0.0, 1.0)
}

/// Everything `fit` reports.
#[derive(Serialize)]
pub struct Report {
    /// Rows read.
    pub rows: u64,
    /// Rows trained on.
    pub train_rows: usize,
    /// Rows held out.
    pub holdout_rows: usize,
    /// Bad rows (reported on stderr, left out).
    pub bad_rows: usize,
    /// Candidates mined.
    pub mined: usize,
    /// Mined phrases written as entries.
    pub entries: usize,
    /// Lexicon phrases given a fitted weight.
    pub phrases: usize,
    /// The chosen threshold.
    pub threshold: f32,
    /// Refits run.
    pub rounds: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
    /// The fitted model on its training rows.
    pub train: Metrics,
    /// On the held-out rows, when there are any.
    pub holdout: Option<Holdout>,
}

/// Held-out metrics of both models.
#[derive(Serialize)]
pub struct Holdout {
    /// The fitted model.
    pub fitted: Metrics,
    /// The classifier without the fitted weights.
    pub default: Metrics,
}

/// Metrics of (score, label) pairs, flagged at or above `threshold`.
pub fn metrics(scores: &[(f32, bool)], threshold: f32) -> Metrics {
    let mut t = Tally::default();
    for &(s, l) in scores {
        t.add(s, l, s >= threshold);
    }
    t.metrics()
}

/// Writes the human-readable report of fitting `file` into `output`.
pub fn print_text(out: &mut impl Write, r: &Report, file: &Path, output: &Path) -> io::Result<()> {
    writeln!(
        out,
        "{}: {} rows: {} training, {} held out, {} bad",
        file.display(),
        r.rows,
        r.train_rows,
        r.holdout_rows,
        r.bad_rows
    )?;
    writeln!(
        out,
        "mined {} candidate phrases; kept {} as entries; {} lexicon phrase weights; {} round(s); {:.2} s",
        r.mined, r.entries, r.phrases, r.rounds, r.seconds
    )?;
    writeln!(
        out,
        "wrote {} (threshold {:.4})",
        output.display(),
        r.threshold
    )?;
    writeln!(
        out,
        "\n{:<20} {:>6} {:>9} {:>7} {:>7} {:>8} {:>7}",
        "", "n", "precision", "recall", "f1", "accuracy", "roc_auc"
    )?;
    let line = |out: &mut dyn Write, name: &str, m: &Metrics| {
        let f = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v:.4}"));
        writeln!(
            out,
            "{name:<20} {:>6} {:>9} {:>7} {:>7} {:>8} {:>7}",
            m.n,
            f(m.precision),
            f(m.recall),
            f(m.f1),
            f(m.accuracy),
            f(m.roc_auc)
        )
    };
    line(out, "training (fitted)", &r.train)?;
    if let Some(h) = &r.holdout {
        line(out, "held-out (default)", &h.default)?;
        line(out, "held-out (fitted)", &h.fitted)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threshold_maximises_f1() {
        let s = [
            (0.9, true),
            (0.8, true),
            (0.7, false),
            (0.6, true),
            (0.2, false),
        ];
        // Flag the top 4: tp 3, fp 1 → F1 6/7, the best.
        let t = best_threshold(&s);
        assert!(t > 0.2 && t <= 0.6, "{t}");
        // Flagging both (F1 2/3) beats flagging none.
        let t = best_threshold(&[(0.5, true), (0.5, false)]);
        assert!(t > 0.0 && t <= 0.5, "{t}");
    }
}
