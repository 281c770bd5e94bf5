//! Out-of-sample estimates for `fit`, from the training rows alone: seeded
//! stratified k-fold assignment, the regularisation strength chosen by
//! cross-validation, and the out-of-fold scores the threshold is chosen on.

use rayon::prelude::*;

use super::lr::{Fit, Problem, Rows};
use super::split::splitmix64;
use super::threshold::best_threshold;

/// The fold (0..k) of each row: within each label, rows are ordered by
/// `splitmix64(seed ^ row)` and dealt to the folds in turn, so every fold has
/// its share of each label (within one row).
pub fn stratified_folds(labels: &[bool], k: usize, seed: u64) -> Vec<usize> {
    let k = k.max(1);
    let mut fold = vec![0; labels.len()];
    for class in [false, true] {
        let mut rows: Vec<usize> = (0..labels.len()).filter(|&r| labels[r] == class).collect();
        rows.sort_by_key(|&r| (splitmix64(seed ^ r as u64), r));
        for (n, r) in rows.into_iter().enumerate() {
            fold[r] = n % k;
        }
    }
    fold
}

/// The problem without rows: what every fold's fit shares.
pub struct Setup<'a> {
    /// Number of features.
    pub features: usize,
    /// The L2 strength of each weight at scale 1.
    pub l2: &'a [f64],
    /// The value each weight is pulled towards.
    pub prior: &'a [f64],
    /// L-BFGS iterations at most.
    pub max_iter: usize,
}

impl Setup<'_> {
    /// Fits `rows` with every L2 strength multiplied by `scale`.
    pub fn fit(&self, rows: &Rows, scale: f64, start: Option<&Fit>) -> Fit {
        let l2: Vec<f64> = self.l2.iter().map(|x| x * scale).collect();
        Problem {
            rows,
            features: self.features,
            l2: &l2,
            prior: self.prior,
        }
        .fit(start.map(|f| (f.w.as_slice(), f.bias)), self.max_iter)
    }
}

/// What cross-validation found.
pub struct Outcome {
    /// The chosen multiplier of the L2 strengths.
    pub scale: f64,
    /// Each candidate scale and its pooled out-of-fold F1 (at its best threshold).
    pub tried: Vec<(f64, f64)>,
    /// Out-of-fold probability of every row at the chosen scale.
    pub oof: Vec<f32>,
    /// The pooled out-of-fold F1 and log-loss at the chosen scale.
    pub f1: f64,
    /// See `f1`.
    pub loss: f64,
}

impl Outcome {
    /// Whether `self` beats `other`: better F1, or as good with lower log-loss.
    pub fn beats(&self, other: &Outcome) -> bool {
        self.f1 > other.f1 || (self.f1 == other.f1 && self.loss < other.loss)
    }
}

/// −log P(label) under log-odds `z`.
fn log_loss(z: f64, label: bool) -> f64 {
    let m = if label { -z } else { z };
    if m > 30.0 {
        m
    } else {
        m.exp().ln_1p()
    }
}

fn probability(z: f64) -> f32 {
    (1.0 / (1.0 + (-z).exp())) as f32
}

/// Cross-validates every scale of `grid` over the folds `fold` (0..k) and
/// keeps the one with the best pooled out-of-fold F1 (ties: the lower
/// out-of-fold log-loss). Folds run in parallel; within a fold the scales run from
/// strongest to weakest, each fit starting from the previous one.
pub fn choose(setup: &Setup, rows: &Rows, fold: &[usize], k: usize, grid: &[f64]) -> Outcome {
    let mut grid = grid.to_vec();
    grid.sort_by(|a, b| b.total_cmp(a));
    grid.dedup();
    // logits[g][r]: row r's out-of-fold log-odds at grid[g].
    let per_fold: Vec<(Vec<usize>, Vec<Vec<f64>>)> = (0..k)
        .into_par_iter()
        .map(|f| {
            let train: Vec<usize> = (0..rows.len()).filter(|&r| fold[r] != f).collect();
            let test: Vec<usize> = (0..rows.len()).filter(|&r| fold[r] == f).collect();
            let sub = rows.subset(&train);
            let mut prev: Option<Fit> = None;
            let mut out = Vec::with_capacity(grid.len());
            for &scale in &grid {
                let fit = setup.fit(&sub, scale, prev.as_ref());
                out.push(test.iter().map(|&r| fit.logit(rows, r)).collect());
                prev = Some(fit);
            }
            (test, out)
        })
        .collect();
    let mut best: Option<(f64, f64, usize)> = None;
    let mut tried = Vec::with_capacity(grid.len());
    let mut pooled: Vec<Vec<f32>> = vec![vec![0.5; rows.len()]; grid.len()];
    for (g, &scale) in grid.iter().enumerate() {
        for (test, logits) in &per_fold {
            for (&r, &z) in test.iter().zip(&logits[g]) {
                pooled[g][r] = probability(z);
            }
        }
        let scored: Vec<(f32, bool)> = pooled[g]
            .iter()
            .copied()
            .zip(rows.y.iter().copied())
            .collect();
        let f1 = f1_at(&scored, best_threshold(&scored));
        let loss: f64 = per_fold
            .iter()
            .flat_map(|(test, logits)| test.iter().zip(&logits[g]))
            .map(|(&r, &z)| log_loss(z, rows.y[r]))
            .sum();
        tried.push((scale, f1));
        if best.is_none_or(|(b, l, _)| f1 > b || (f1 == b && loss < l)) {
            best = Some((f1, loss, g));
        }
    }
    let (f1, loss, g) = best.unwrap_or((0.0, f64::INFINITY, 0));
    Outcome {
        scale: grid.get(g).copied().unwrap_or(1.0),
        tried,
        oof: pooled.into_iter().nth(g).unwrap_or_default(),
        f1,
        loss,
    }
}

/// F1 of (score, label) pairs flagged at or above `threshold` (0 when nothing
/// is flagged and nothing is positive).
pub fn f1_at(scores: &[(f32, bool)], threshold: f32) -> f64 {
    let (mut tp, mut fp, mut fn_) = (0u64, 0u64, 0u64);
    for &(s, l) in scores {
        match (s >= threshold, l) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, true) => fn_ += 1,
            (false, false) => {}
        }
    }
    let d = 2 * tp + fp + fn_;
    if d == 0 {
        0.0
    } else {
        2.0 * tp as f64 / d as f64
    }
}

/// Mean and sample standard deviation.
pub fn mean_sd(xs: &[f64]) -> (f64, f64) {
    let n = xs.len() as f64;
    if xs.is_empty() {
        return (0.0, 0.0);
    }
    let m = xs.iter().sum::<f64>() / n;
    let var = if xs.len() > 1 {
        xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1.0)
    } else {
        0.0
    };
    (m, var.sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_are_stratified_deterministic_and_cover_every_row() {
        let labels: Vec<bool> = (0..103).map(|i| i % 3 == 0).collect();
        let f = stratified_folds(&labels, 5, 7);
        assert_eq!(f, stratified_folds(&labels, 5, 7));
        assert_ne!(f, stratified_folds(&labels, 5, 8));
        for k in 0..5 {
            let pos = (0..103).filter(|&r| f[r] == k && labels[r]).count();
            let neg = (0..103).filter(|&r| f[r] == k && !labels[r]).count();
            // 35 positives and 68 negatives dealt to 5 folds.
            assert_eq!(pos, 7, "fold {k}");
            assert!((13..=14).contains(&neg), "fold {k}: {neg}");
        }
    }

    #[test]
    fn does_not_choose_a_penalty_that_holds_a_wrong_prior() {
        // Feature 0 decides the label (90 %), but its prior says the opposite:
        // only a light penalty lets the data overrule it. Features 1.. are
        // one-off noise.
        let mut rows = Rows::new();
        for r in 0..200 {
            let y = r % 2 == 0;
            let noise = (1 + r) as u32;
            let signal = if r % 10 == 0 { !y } else { y };
            rows.push(
                &[(0, if signal { 1.0 } else { -1.0 }), (noise, 1.0)],
                y,
                0.0,
            );
        }
        let n = 201;
        let l2 = vec![1.0; n];
        let mut prior = vec![0.0; n];
        prior[0] = -3.0;
        let setup = Setup {
            features: n,
            l2: &l2,
            prior: &prior,
            max_iter: 200,
        };
        let fold = stratified_folds(&rows.y, 4, 1);
        let out = choose(&setup, &rows, &fold, 4, &[0.01, 1.0, 1000.0]);
        // Far too strong a penalty keeps the wrong sign: never the choice.
        assert_ne!(out.scale, 1000.0, "{:?}", out.tried);
        let best = out.tried.iter().map(|t| t.1).fold(0.0, f64::max);
        assert!(best > 0.85, "{:?}", out.tried);
        assert_eq!(out.oof.len(), 200);
        // Out-of-fold scores follow feature 0.
        assert!(out.oof[2] > 0.5 && out.oof[1] < 0.5, "{:?}", &out.oof[..4]);
        assert_eq!(f1_at(&[(0.9, true), (0.1, true), (0.8, false)], 0.5), 0.5);
        assert_eq!(mean_sd(&[1.0, 3.0]), (2.0, 2f64.sqrt()));
    }
}
