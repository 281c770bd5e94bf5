//! The log-odds model's arithmetic: the weighted sum of style-signal counts and
//! the logistic function that turns log-odds into a probability.

use crate::score::signals;
use crate::verdict::Signal;

/// The logistic function, kept strictly within [0, 1] and never NaN.
pub(crate) fn probability(logit: f32) -> f32 {
    if logit.is_nan() {
        return 0.5;
    }
    (1.0 / (1.0 + (-logit).exp())).clamp(0.0, 1.0)
}

/// Weights · counts, summed pairwise: a chain of eight dependent additions
/// would cost more than everything else here.
pub(crate) fn dot(weights: &[f32; Signal::ALL.len()], counts: &signals::Counts) -> f32 {
    let p: [f32; 8] = std::array::from_fn(|i| weights[i] * counts[i] as f32);
    ((p[0] + p[1]) + (p[2] + p[3])) + ((p[4] + p[5]) + (p[6] + p[7]))
}
