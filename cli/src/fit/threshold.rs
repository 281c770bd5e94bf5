//! How `fit` turns out-of-fold scores into the threshold it writes: the one
//! that maximises F1, or the lowest that reaches a target precision.

/// Sorts (score, label) pairs by score, highest first, and walks the distinct
/// scores: `visit(tp, fp, at, next_lower)` sees the counts of flagging every
/// pair scoring at least `at`.
fn walk(scores: &[(f32, bool)], mut visit: impl FnMut(f64, f64, f32, Option<f32>)) {
    let mut s = scores.to_vec();
    s.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut tp, mut fp) = (0.0, 0.0);
    let mut i = 0;
    while i < s.len() {
        let mut j = i;
        while j < s.len() && s[j].0 == s[i].0 {
            tp += f64::from(u8::from(s[j].1));
            fp += f64::from(u8::from(!s[j].1));
            j += 1;
        }
        visit(tp, fp, s[i].0, s.get(j).map(|x| x.0));
        i = j;
    }
}

/// A threshold between `at` (flagged) and the next lower score (not flagged):
/// their midpoint when it lies strictly above the lower one.
fn between(at: f32, lower: Option<f32>) -> f32 {
    let lower = lower.unwrap_or(0.0);
    let mid = (at + lower) / 2.0;
    if mid > lower {
        mid
    } else {
        at
    }
}

/// Picks the threshold that maximises F1 over (score, label) pairs; the
/// midpoint between the lowest flagged and the highest unflagged score.
pub fn best_threshold(scores: &[(f32, bool)]) -> f32 {
    let pos = scores.iter().filter(|x| x.1).count() as f64;
    let mut best = (-1.0, 0.5f32);
    walk(scores, |tp, fp, at, lower| {
        let f1 = 2.0 * tp / (tp + pos + fp);
        if f1 > best.0 {
            best = (f1, between(at, lower));
        }
    });
    best.1.clamp(0.0, 1.0)
}

/// The lowest threshold whose precision over (score, label) pairs is at
/// least `target` (so the highest recall at that precision), or `None` when
/// no threshold reaches it.
pub fn precision_threshold(scores: &[(f32, bool)], target: f64) -> Option<f32> {
    let mut best = None;
    walk(scores, |tp, fp, at, lower| {
        if tp > 0.0 && tp / (tp + fp) >= target {
            best = Some(between(at, lower).clamp(0.0, 1.0));
        }
    });
    best
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

    #[test]
    fn precision_target_takes_the_most_recall_that_reaches_it() {
        let s = [
            (0.9, true),
            (0.8, true),
            (0.7, false),
            (0.6, true),
            (0.5, true),
            (0.4, false),
            (0.3, false),
            (0.2, true),
        ];
        // Precision 1 holds down to 0.8; 0.75 holds down to 0.5 (4 of 5).
        let t = precision_threshold(&s, 1.0).unwrap();
        assert!(t > 0.7 && t <= 0.8, "{t}");
        let t = precision_threshold(&s, 0.75).unwrap();
        assert!(t > 0.4 && t <= 0.5, "{t}");
        // Flagging every title reaches 5/8 = 0.625: the threshold then flags all.
        let t = precision_threshold(&s, 0.6).unwrap();
        assert!(t <= 0.2, "{t}");
        assert_eq!(precision_threshold(&[(0.4, false)], 0.5), None);
    }
}
