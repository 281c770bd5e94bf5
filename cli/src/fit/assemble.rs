//! The weights file `fit` writes, from the fitted coefficients: lexicon phrase
//! weights (own coefficient plus category's), signal and language weights, the
//! mined entries, and a comment header with the cross-validation figures.

use clickbait::{Language, Signal, Weights};

use super::lr::Fit;
use super::space::{entry, linear_weights, round, Active, Space};

/// The fitted model as a [`Weights`] (threshold still to be set).
///
/// `fired[j]`: feature j had a non-zero value in some training row. Mined
/// phrases whose |weight| rounds below `min_weight` are left out: with
/// `overlap` entries nothing else depends on them.
pub fn weights(
    space: &Space,
    fit: &Fit,
    fired: &[bool],
    active: &Active,
    min_weight: f64,
) -> Weights {
    let mut weights = linear_weights();
    weights.bias = fit.bias as f32;
    for &s in Signal::ALL {
        weights.signals.set(s, round(fit.w[space.signal(s)]) as f32);
    }
    weights.language_bias.en = round(fit.w[space.lang(Language::En).unwrap_or(0)]) as f32;
    weights.language_bias.zh = round(fit.w[space.lang(Language::Zh).unwrap_or(0)]) as f32;
    // A lexicon phrase's weight is its own coefficient plus its category's (the
    // model is additive, so this is exact). A phrase that never fired in training
    // has no data of its own: its coefficient stayed at its prior (the lexicon
    // weight, or zero with `--prior zero`) and it takes its category's
    // coefficient, learnt from its siblings — the natural generalisation. Only
    // when its category never fired either is there nothing to learn from: it is
    // left out and keeps its lexicon weight.
    for (j, p) in space.phrases[..space.lexicon_phrases].iter().enumerate() {
        let c = space.category(space.lexicon_category[j]);
        let w = round(fit.w[j] + fit.w[c]) as f32;
        if fired[j] || (fired[c] && w != space.lexicon_weight[j] as f32) {
            weights.phrases.insert(p.clone(), w);
        }
    }
    let mut entries: Vec<_> = active
        .iter()
        .filter_map(|(p, positive)| {
            let w = round(fit.w[space.index[p]]);
            (w.abs() >= min_weight.max(1e-4)).then(|| entry(p, w, *positive))
        })
        .collect();
    entries.sort_by(|a, b| a.phrase.cmp(&b.phrase));
    weights.entries = entries;
    weights
}

/// `text` (a weights file) after a header of `#` comment lines.
pub fn with_header(header: &[String], text: &str) -> String {
    let mut out = String::new();
    for line in header {
        out.push_str("# ");
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(text);
    out
}
