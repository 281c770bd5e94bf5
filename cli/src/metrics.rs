//! Classification metrics, shared so that `eval` and `fit` report the same
//! numbers: the confusion matrix, precision, recall, F1, accuracy and ROC-AUC
//! (Mann–Whitney rank statistic, ties averaged).

use serde::Serialize;

/// A confusion matrix plus the scores needed for ROC-AUC.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    /// Labelled 1, flagged.
    pub tp: u64,
    /// Labelled 0, flagged.
    pub fp: u64,
    /// Labelled 0, not flagged.
    pub tn: u64,
    /// Labelled 1, not flagged.
    pub fn_: u64,
    /// Every (score, label) seen.
    scores: Vec<(f32, bool)>,
}

impl Tally {
    /// Counts one example.
    pub fn add(&mut self, score: f32, label: bool, flagged: bool) {
        match (label, flagged) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (false, false) => self.tn += 1,
            (true, false) => self.fn_ += 1,
        }
        self.scores.push((score, label));
    }

    /// Every (score, label) counted, in the order they were added.
    pub fn scores(&self) -> &[(f32, bool)] {
        &self.scores
    }

    /// The metrics of everything counted.
    pub fn metrics(&self) -> Metrics {
        let (tp, fp, tn, fn_) = (self.tp, self.fp, self.tn, self.fn_);
        let n = tp + fp + tn + fn_;
        let ratio = |a: u64, b: u64| (b > 0).then(|| a as f64 / b as f64);
        let precision = ratio(tp, tp + fp);
        let recall = ratio(tp, tp + fn_);
        let f1 = match (precision, recall) {
            (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
            (Some(_), Some(_)) => Some(0.0),
            _ => None,
        };
        Metrics {
            n,
            tp,
            fp,
            tn,
            fn_,
            precision,
            recall,
            f1,
            accuracy: ratio(tp + tn, n),
            roc_auc: roc_auc(&self.scores),
        }
    }
}

/// Metrics of one group of examples; `None` (JSON `null`) when undefined.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Metrics {
    /// Examples counted.
    pub n: u64,
    /// True positives.
    pub tp: u64,
    /// False positives.
    pub fp: u64,
    /// True negatives.
    pub tn: u64,
    /// False negatives.
    #[serde(rename = "fn")]
    pub fn_: u64,
    /// tp / (tp + fp); undefined when nothing was flagged.
    pub precision: Option<f64>,
    /// tp / (tp + fn); undefined without positives.
    pub recall: Option<f64>,
    /// Harmonic mean of precision and recall.
    pub f1: Option<f64>,
    /// (tp + tn) / n.
    pub accuracy: Option<f64>,
    /// Probability that a random positive outscores a random negative (ties
    /// count half); undefined unless both classes are present.
    pub roc_auc: Option<f64>,
}

/// ROC-AUC by the rank statistic: ranks are averaged over tied scores.
pub fn roc_auc(scores: &[(f32, bool)]) -> Option<f64> {
    let pos = scores.iter().filter(|s| s.1).count();
    let neg = scores.len() - pos;
    if pos == 0 || neg == 0 {
        return None;
    }
    let mut sorted: Vec<(f32, bool)> = scores.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut rank_sum = 0.0f64;
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i;
        while j < sorted.len() && sorted[j].0 == sorted[i].0 {
            j += 1;
        }
        // Ranks i+1 ..= j share their average.
        let avg = (i + 1 + j) as f64 / 2.0;
        rank_sum += avg * sorted[i..j].iter().filter(|s| s.1).count() as f64;
        i = j;
    }
    let (p, n) = (pos as f64, neg as f64);
    Some((rank_sum - p * (p + 1.0) / 2.0) / (p * n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_perfect_inverse_and_ties() {
        assert_eq!(roc_auc(&[(0.9, true), (0.1, false)]), Some(1.0));
        assert_eq!(roc_auc(&[(0.1, true), (0.9, false)]), Some(0.0));
        assert_eq!(roc_auc(&[(0.5, true), (0.5, false)]), Some(0.5));
        assert_eq!(roc_auc(&[(0.5, true)]), None);
        // pos {0.8, 0.4}, neg {0.4, 0.2}: pairs 1 + 1 + 0.5 + 1 = 3.5 of 4.
        let s = [(0.8, true), (0.4, true), (0.4, false), (0.2, false)];
        assert_eq!(roc_auc(&s), Some(0.875));
    }

    #[test]
    fn metrics_by_hand() {
        let mut t = Tally::default();
        t.add(0.9, true, true);
        t.add(0.6, false, true);
        t.add(0.2, true, false);
        t.add(0.1, false, false);
        let m = t.metrics();
        assert_eq!((m.tp, m.fp, m.tn, m.fn_, m.n), (1, 1, 1, 1, 4));
        assert_eq!(m.precision, Some(0.5));
        assert_eq!(m.recall, Some(0.5));
        assert_eq!(m.f1, Some(0.5));
        assert_eq!(m.accuracy, Some(0.5));
        assert_eq!(m.roc_auc, Some(0.75));
        assert_eq!(Tally::default().metrics().precision, None);
    }
}
