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

/// Weights · counts, summed pairwise (halves, then halves of those): a chain
/// of dependent additions would cost more than everything else here.
#[inline]
pub(crate) fn dot(weights: &[f32; Signal::ALL.len()], counts: &signals::Counts) -> f32 {
    let products: [f32; Signal::ALL.len()] = std::array::from_fn(|i| weights[i] * counts[i] as f32);
    pairwise_sum(&products)
}

#[inline(always)]
fn pairwise_sum(p: &[f32]) -> f32 {
    match p {
        [] => 0.0,
        [x] => *x,
        _ => {
            let (a, b) = p.split_at(p.len().div_ceil(2));
            pairwise_sum(a) + pairwise_sum(b)
        }
    }
}
