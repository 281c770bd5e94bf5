//! What `fit` reports (counts, the threshold it picks, cross-validated and
//! training metrics of the fitted and the default model), kept apart from the
//! fitting itself.

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use super::args::Prior;
use super::cv::mean_sd;
use crate::metrics::{Metrics, Tally};

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
    /// Wall-clock seconds.
    pub seconds: f64,
    /// The fitted model on its training rows (in-sample: optimistic).
    pub train: Metrics,
    /// Cross-validation on the training rows (out of sample).
    pub cv: CrossValidation,
    /// On the held-out rows, when there are any.
    pub holdout: Option<Holdout>,
}

/// The cross-validation `fit` chose its L2 strength and threshold with.
#[derive(Serialize)]
pub struct CrossValidation {
    /// Number of folds.
    pub folds: usize,
    /// Seed of the fold assignment.
    pub seed: u64,
    /// The L2 strength chosen (of the phrase weights).
    pub l2: f64,
    /// The prior chosen.
    pub prior: Prior,
    /// Each prior and L2 strength tried and its pooled out-of-fold F1.
    pub l2_tried: Vec<(Prior, f64, f64)>,
    /// The precision the threshold was chosen to reach, if any (else best F1).
    pub target_precision: Option<f64>,
    /// The fitted model, out of fold.
    pub fitted: PerFold,
    /// The default classifier on the same rows.
    pub default: PerFold,
    /// Paired F1 difference fitted − default over the folds: mean, sd.
    pub difference: (f64, f64),
}

/// Metrics over all rows (pooled) and F1 fold by fold.
#[derive(Serialize)]
pub struct PerFold {
    /// Pooled over every fold's test rows.
    pub pooled: Metrics,
    /// F1 on each fold's test rows.
    pub f1: Vec<f64>,
    /// Mean of `f1`.
    pub f1_mean: f64,
    /// Sample standard deviation of `f1`.
    pub f1_sd: f64,
}

impl PerFold {
    /// From the pooled metrics and the F1 of each fold.
    pub fn new(pooled: Metrics, f1: Vec<f64>) -> PerFold {
        let (f1_mean, f1_sd) = mean_sd(&f1);
        PerFold {
            pooled,
            f1,
            f1_mean,
            f1_sd,
        }
    }
}

impl CrossValidation {
    /// "prior l2 (F1), …" of every combination tried.
    fn tried(&self) -> String {
        self.l2_tried
            .iter()
            .map(|(p, l2, f1)| format!("{} {l2} ({f1:.4})", p.name()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The comment lines a weights file records its choice with.
    pub fn header(&self, file: &Path, rows: usize) -> Vec<String> {
        let tried = self.tried();
        let f = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v:.4}"));
        vec![
            format!("clickbait fit on {} ({rows} training rows)", file.display()),
            format!(
                "{}-fold stratified cross-validation, seed {}: prior {}, l2 {} chosen by pooled \
                 out-of-fold F1 among {tried}",
                self.folds,
                self.seed,
                self.prior.name(),
                self.l2
            ),
            format!(
                "threshold: {} on out-of-fold scores; there F1 {:.4} ± {:.4} over folds \
                 (pooled precision {}, recall {})",
                self.target_precision
                    .map_or("best F1".to_string(), |p| format!("most recall at precision ≥ {p}")),
                self.fitted.f1_mean,
                self.fitted.f1_sd,
                f(self.fitted.pooled.precision),
                f(self.fitted.pooled.recall)
            ),
            format!(
                "default classifier on the same folds: F1 {:.4} ± {:.4}; fitted − default {:+.4} ± {:.4}",
                self.default.f1_mean, self.default.f1_sd, self.difference.0, self.difference.1
            ),
        ]
    }
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
        "mined {} candidate phrases; kept {} as entries; {} lexicon phrase weights; {:.2} s",
        r.mined, r.entries, r.phrases, r.seconds
    )?;
    writeln!(
        out,
        "wrote {} (threshold {:.4})",
        output.display(),
        r.threshold
    )?;
    let cv = &r.cv;
    writeln!(
        out,
        "{}-fold cross-validation (seed {}): prior {}, l2 {} chosen; prior, l2 (pooled F1) tried: {}",
        cv.folds,
        cv.seed,
        cv.prior.name(),
        cv.l2,
        cv.tried()
    )?;
    writeln!(
        out,
        "\n{:<22} {:>6} {:>9} {:>7} {:>7} {:>8} {:>7}",
        "", "n", "precision", "recall", "f1", "accuracy", "roc_auc"
    )?;
    let line = |out: &mut dyn Write, name: &str, m: &Metrics| {
        let f = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v:.4}"));
        writeln!(
            out,
            "{name:<22} {:>6} {:>9} {:>7} {:>7} {:>8} {:>7}",
            m.n,
            f(m.precision),
            f(m.recall),
            f(m.f1),
            f(m.accuracy),
            f(m.roc_auc)
        )
    };
    line(out, "training (fitted)", &r.train)?;
    line(out, "out-of-fold (default)", &cv.default.pooled)?;
    line(out, "out-of-fold (fitted)", &cv.fitted.pooled)?;
    if let Some(h) = &r.holdout {
        line(out, "held-out (default)", &h.default)?;
        line(out, "held-out (fitted)", &h.fitted)?;
    }
    writeln!(
        out,
        "\nF1 over the {} folds: fitted {:.4} ± {:.4}, default {:.4} ± {:.4}, fitted − default {:+.4} ± {:.4}",
        cv.folds,
        cv.fitted.f1_mean,
        cv.fitted.f1_sd,
        cv.default.f1_mean,
        cv.default.f1_sd,
        cv.difference.0,
        cv.difference.1
    )?;
    if cv.difference.0 < 0.0 {
        writeln!(
            out,
            "the fitted model scores below the default classifier out of sample: keep the default"
        )?;
    }
    Ok(())
}
