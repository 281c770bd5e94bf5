//! The numbers behind the report's plots, aggregated so that a plot's size
//! does not grow with the input: ROC and precision–recall curves thinned to
//! visibly distinct points, and fixed-bin score histograms.

/// A point (x, y) of a chart, in [0, 1]².
pub type Point = (f64, f64);

/// A curve's points, in drawing order.
pub type Curve = Vec<Point>;

/// Points closer than this (in both coordinates) to the last kept one are
/// dropped: a 1/500 of an axis is under a pixel at the report's plot size.
const RESOLUTION: f64 = 0.002;

/// Bins of the score histograms (scores 0–1 in steps of 0.05).
pub const BINS: usize = 20;

/// The ROC curve (false-positive rate, true-positive rate) and the
/// precision–recall curve (recall, precision) of `scores`, one point per
/// distinct score threshold before thinning; `None` unless both labels occur.
pub fn roc_and_pr(scores: &[(f32, bool)]) -> Option<(Curve, Curve)> {
    let pos = scores.iter().filter(|s| s.1).count();
    let neg = scores.len() - pos;
    if pos == 0 || neg == 0 {
        return None;
    }
    let mut sorted = scores.to_vec();
    sorted.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (p, n) = (pos as f64, neg as f64);
    let mut roc = vec![(0.0, 0.0)];
    let mut pr = Vec::new();
    let (mut tp, mut fp) = (0u64, 0u64);
    let mut i = 0;
    while i < sorted.len() {
        let s = sorted[i].0;
        // Every row tied at this score is flagged together.
        while i < sorted.len() && sorted[i].0 == s {
            if sorted[i].1 {
                tp += 1;
            } else {
                fp += 1;
            }
            i += 1;
        }
        let (tp, fp) = (tp as f64, fp as f64);
        push_thinned(&mut roc, (fp / n, tp / p), i == sorted.len());
        if pr.is_empty() {
            // The curve starts at recall 0 with the precision of the top scores.
            pr.push((0.0, tp / (tp + fp)));
        }
        push_thinned(&mut pr, (tp / p, tp / (tp + fp)), i == sorted.len());
    }
    Some((roc, pr))
}

/// Appends `pt` unless it is within [`RESOLUTION`] of the last point (the
/// final point of a curve is always kept).
fn push_thinned(curve: &mut Curve, pt: (f64, f64), last: bool) {
    let near = curve
        .last()
        .is_some_and(|&(x, y)| (pt.0 - x).abs() < RESOLUTION && (pt.1 - y).abs() < RESOLUTION);
    if !near || last {
        curve.push(pt);
    }
}

/// Rows per score bin, separately for label 0 and label 1.
pub fn histogram(scores: &[(f32, bool)]) -> [[u64; BINS]; 2] {
    let mut h = [[0u64; BINS]; 2];
    for &(s, label) in scores {
        // NaN and out-of-range scores (none are produced) land in the end bins.
        let bin = if s.is_nan() {
            0
        } else {
            ((s.clamp(0.0, 1.0) * BINS as f32) as usize).min(BINS - 1)
        };
        h[usize::from(label)][bin] += 1;
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curves_by_hand() {
        // pos 0.9, 0.4; neg 0.6, 0.4 (a tie across labels), 0.1.
        let s = [
            (0.9, true),
            (0.6, false),
            (0.4, true),
            (0.4, false),
            (0.1, false),
        ];
        let (roc, pr) = roc_and_pr(&s).unwrap();
        let third = 1.0 / 3.0;
        assert_eq!(
            roc,
            vec![
                (0.0, 0.0),
                (0.0, 0.5),
                (third, 0.5),
                (2.0 * third, 1.0),
                (1.0, 1.0)
            ]
        );
        assert_eq!(
            pr,
            vec![(0.0, 1.0), (0.5, 1.0), (0.5, 0.5), (1.0, 0.5), (1.0, 0.4)]
        );
        assert!(roc_and_pr(&[(0.5, true)]).is_none());
    }

    #[test]
    fn curves_stay_small_on_many_rows() {
        let s: Vec<(f32, bool)> = (0..100_000)
            .map(|i| ((i % 9973) as f32 / 9973.0, i % 3 == 0))
            .collect();
        let (roc, pr) = roc_and_pr(&s).unwrap();
        assert!(
            roc.len() < 1200 && pr.len() < 1200,
            "{} {}",
            roc.len(),
            pr.len()
        );
        assert_eq!(roc.last(), Some(&(1.0, 1.0)));
    }

    #[test]
    fn histogram_bins() {
        let h = histogram(&[
            (0.0, false),
            (0.049, false),
            (0.5, true),
            (1.0, true),
            (f32::NAN, true),
        ]);
        assert_eq!(h[0][0], 2);
        assert_eq!(h[1][10], 1);
        assert_eq!(h[1][19], 1);
        assert_eq!(h[1][0], 1);
    }
}
