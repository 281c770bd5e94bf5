//! The optimiser `fit` needs, kept free of titles and lexicons: L2-regularised
//! logistic regression on sparse rows, fitted by full-batch L-BFGS, deterministic
//! (no randomness, a fixed summation order).

/// Sparse training rows in compressed form.
#[derive(Clone, Debug, Default)]
pub struct Rows {
    /// Start of each row in `idx`/`val`, plus the end.
    pub ptr: Vec<usize>,
    /// Feature indices.
    pub idx: Vec<u32>,
    /// Feature values.
    pub val: Vec<f64>,
    /// Labels.
    pub y: Vec<bool>,
    /// A fixed log-odds term of each row (features whose weights are not fitted).
    pub offset: Vec<f64>,
}

impl Rows {
    /// No rows yet.
    pub fn new() -> Rows {
        Rows {
            ptr: vec![0],
            ..Rows::default()
        }
    }

    /// Appends a row with a fixed log-odds term `offset`.
    pub fn push(&mut self, features: &[(u32, f64)], label: bool, offset: f64) {
        for &(i, v) in features {
            self.idx.push(i);
            self.val.push(v);
        }
        self.ptr.push(self.idx.len());
        self.y.push(label);
        self.offset.push(offset);
    }

    /// The rows at `which`, in that order.
    pub fn subset(&self, which: &[usize]) -> Rows {
        let mut out = Rows::new();
        for &r in which {
            let (a, b) = (self.ptr[r], self.ptr[r + 1]);
            out.idx.extend_from_slice(&self.idx[a..b]);
            out.val.extend_from_slice(&self.val[a..b]);
            out.ptr.push(out.idx.len());
            out.y.push(self.y[r]);
            out.offset.push(self.offset[r]);
        }
        out
    }

    /// How many rows.
    pub fn len(&self) -> usize {
        self.y.len()
    }

    fn row(&self, r: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let (a, b) = (self.ptr[r], self.ptr[r + 1]);
        self.idx[a..b]
            .iter()
            .zip(&self.val[a..b])
            .map(|(&i, &v)| (i as usize, v))
    }
}

/// The problem: minimise Σ log(1 + e^(−y·(b + w·x))) + Σ_j l2_j/2 · (w_j − prior_j)².
pub struct Problem<'a> {
    /// The training rows.
    pub rows: &'a Rows,
    /// Number of features.
    pub features: usize,
    /// The L2 strength of each weight.
    pub l2: &'a [f64],
    /// The value each weight is pulled towards.
    pub prior: &'a [f64],
}

/// A fitted model.
#[derive(Clone, Debug)]
pub struct Fit {
    /// The intercept.
    pub bias: f64,
    /// One weight per feature.
    pub w: Vec<f64>,
}

impl Fit {
    /// The log-odds of row `r` of `rows`.
    pub fn logit(&self, rows: &Rows, r: usize) -> f64 {
        let mut z = self.bias + rows.offset[r];
        for (i, v) in rows.row(r) {
            z += self.w.get(i).copied().unwrap_or(0.0) * v;
        }
        z
    }
}

/// log(1 + e^x) without overflow.
fn softplus(x: f64) -> f64 {
    if x > 30.0 {
        x
    } else if x < -30.0 {
        x.exp()
    } else {
        x.exp().ln_1p()
    }
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

impl Problem<'_> {
    /// Objective and gradient at `theta` = [w…, bias].
    fn eval(&self, theta: &[f64], grad: &mut [f64]) -> f64 {
        let n = self.features;
        grad.iter_mut().for_each(|g| *g = 0.0);
        let mut f = 0.0;
        for r in 0..self.rows.len() {
            let mut z = theta[n] + self.rows.offset[r];
            for (i, v) in self.rows.row(r) {
                z += theta[i] * v;
            }
            let y = if self.rows.y[r] { 1.0 } else { -1.0 };
            f += softplus(-y * z);
            // d/dz log(1 + e^(−yz)) = −y σ(−yz)
            let g = -y * sigmoid(-y * z);
            for (i, v) in self.rows.row(r) {
                grad[i] += g * v;
            }
            grad[n] += g;
        }
        for j in 0..n {
            let d = theta[j] - self.prior[j];
            f += 0.5 * self.l2[j] * d * d;
            grad[j] += self.l2[j] * d;
        }
        f
    }

    /// Fits from `start` (weights, bias) with at most `max_iter` L-BFGS steps.
    pub fn fit(&self, start: Option<(&[f64], f64)>, max_iter: usize) -> Fit {
        let n = self.features;
        let dim = n + 1;
        let mut x: Vec<f64> = match start {
            Some((w, b)) => w.iter().copied().chain([b]).collect(),
            None => self.prior.iter().copied().chain([0.0]).collect(),
        };
        let mut g = vec![0.0; dim];
        let mut f = self.eval(&x, &mut g);
        const M: usize = 10;
        let mut s_hist: Vec<Vec<f64>> = Vec::new();
        let mut y_hist: Vec<Vec<f64>> = Vec::new();
        let mut rho: Vec<f64> = Vec::new();
        let mut xn = vec![0.0; dim];
        let mut gn = vec![0.0; dim];
        let mut it = 0;
        while it < max_iter {
            let gmax = g.iter().fold(0.0f64, |m, v| m.max(v.abs()));
            if gmax < 1e-6 {
                break;
            }
            // Two-loop recursion: d = −H g.
            let mut d: Vec<f64> = g.iter().map(|v| -v).collect();
            let k = s_hist.len();
            let mut alpha = vec![0.0; k];
            for j in (0..k).rev() {
                alpha[j] = rho[j] * dot(&s_hist[j], &d);
                axpy(-alpha[j], &y_hist[j], &mut d);
            }
            if k > 0 {
                let gamma =
                    dot(&s_hist[k - 1], &y_hist[k - 1]) / dot(&y_hist[k - 1], &y_hist[k - 1]);
                d.iter_mut().for_each(|v| *v *= gamma);
            } else {
                // First step: a gradient step of modest length.
                let scale = 1.0 / gmax.max(1.0);
                d.iter_mut().for_each(|v| *v *= scale);
            }
            for j in 0..k {
                let beta = rho[j] * dot(&y_hist[j], &d);
                axpy(alpha[j] - beta, &s_hist[j], &mut d);
            }
            let mut slope = dot(&g, &d);
            if slope >= 0.0 {
                // Not a descent direction: restart from steepest descent.
                s_hist.clear();
                y_hist.clear();
                rho.clear();
                d = g.iter().map(|v| -v / gmax.max(1.0)).collect();
                slope = dot(&g, &d);
            }
            // Backtracking (Armijo) line search.
            let mut step = 1.0;
            let mut fnew;
            loop {
                for j in 0..dim {
                    xn[j] = x[j] + step * d[j];
                }
                fnew = self.eval(&xn, &mut gn);
                if fnew <= f + 1e-4 * step * slope || step < 1e-10 {
                    break;
                }
                step *= 0.5;
            }
            it += 1;
            let s: Vec<f64> = xn.iter().zip(&x).map(|(a, b)| a - b).collect();
            let yv: Vec<f64> = gn.iter().zip(&g).map(|(a, b)| a - b).collect();
            let sy = dot(&s, &yv);
            let converged = (f - fnew).abs() <= 1e-8 * f.abs().max(1.0);
            std::mem::swap(&mut x, &mut xn);
            std::mem::swap(&mut g, &mut gn);
            f = fnew;
            if converged {
                break;
            }
            if sy > 1e-12 {
                if s_hist.len() == M {
                    s_hist.remove(0);
                    y_hist.remove(0);
                    rho.remove(0);
                }
                s_hist.push(s);
                y_hist.push(yv);
                rho.push(1.0 / sy);
            }
        }
        Fit {
            bias: x[n],
            w: x[..n].to_vec(),
        }
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn axpy(a: f64, x: &[f64], y: &mut [f64]) {
    for (yi, xi) in y.iter_mut().zip(x) {
        *yi += a * xi;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separates_a_simple_problem() {
        let mut rows = Rows::new();
        for k in 0..20 {
            rows.push(&[(0, 1.0)], true, 0.0);
            rows.push(&[(1, 1.0)], false, 0.0);
            rows.push(&[(2, 1.0)], k % 2 == 0, 0.0);
        }
        let prior = [0.0; 3];
        let p = Problem {
            rows: &rows,
            features: 3,
            l2: &[1.0; 3],
            prior: &prior,
        };
        let fit = p.fit(None, 200);
        assert!(fit.w[0] > 1.0 && fit.w[1] < -1.0, "{fit:?}");
        assert!(fit.w[2].abs() < 0.2, "{fit:?}");
        // The gradient vanishes at the optimum.
        let mut g = vec![0.0; 4];
        let x: Vec<f64> = fit.w.iter().copied().chain([fit.bias]).collect();
        p.eval(&x, &mut g);
        assert!(g.iter().all(|v| v.abs() < 1e-4), "{g:?}");
    }

    #[test]
    fn a_lightly_penalised_shared_feature_takes_the_shared_strength() {
        // Features 0–2 are phrases of one category, feature 3 their category (the
        // sum of theirs): collinear, so only the penalties split the weight.
        let mut rows = Rows::new();
        for k in 0..30 {
            let j = k % 3;
            rows.push(&[(j as u32, 1.0), (3, 1.0)], k % 5 != 0, 0.0);
            rows.push(&[], false, 0.0);
        }
        let prior = [0.0; 4];
        let l2 = [1.0, 1.0, 1.0, 0.1];
        let p = Problem {
            rows: &rows,
            features: 4,
            l2: &l2,
            prior: &prior,
        };
        let fit = p.fit(None, 200);
        for j in 0..3 {
            assert!(fit.w[3] > 2.0 * fit.w[j].abs(), "{fit:?}");
        }
    }
}
