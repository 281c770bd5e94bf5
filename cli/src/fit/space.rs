//! The feature space `fit` learns in (one feature per phrase, category,
//! signal and language) and the classifiers that score into it, apart from the
//! reading, the optimiser and the report.

use std::collections::{HashMap, HashSet};

use anyhow::Context as _;
use clickbait::{Category, Classifier, Language, Lexicon, Signal, Verdict, Weights};
use clickbait::{EntryMatcher as Matcher, EntrySpec};

use super::mine::Candidate;

/// Feature layout: phrases (lexicon ones first, then mined), then categories,
/// then signals, then languages.
pub struct Space {
    /// Every phrase with a feature.
    pub phrases: Vec<String>,
    /// Phrase → feature.
    pub index: HashMap<String, usize>,
    /// How many of `phrases` come from the lexicons.
    pub lexicon_phrases: usize,
    /// The lexicon weight of each lexicon phrase.
    pub lexicon_weight: Vec<f64>,
    /// The category of each lexicon phrase (as the last lexicon defining it says).
    pub lexicon_category: Vec<Category>,
}

const LANGS: usize = 2;

impl Space {
    /// The lexicon phrases' features (a later lexicon overrides an earlier
    /// one's phrase), before any mined phrase.
    pub fn new(lexicons: &[Lexicon]) -> Space {
        let mut space = Space {
            phrases: Vec::new(),
            index: HashMap::new(),
            lexicon_phrases: 0,
            lexicon_weight: Vec::new(),
            lexicon_category: Vec::new(),
        };
        for l in lexicons {
            for e in l.entries() {
                match space.index.get(e.phrase()) {
                    Some(&j) => {
                        space.lexicon_weight[j] = f64::from(e.weight());
                        space.lexicon_category[j] = e.category();
                    }
                    None => {
                        space
                            .index
                            .insert(e.phrase().to_string(), space.phrases.len());
                        space.phrases.push(e.phrase().to_string());
                        space.lexicon_weight.push(f64::from(e.weight()));
                        space.lexicon_category.push(e.category());
                    }
                }
            }
        }
        space.lexicon_phrases = space.phrases.len();
        space
    }

    /// Adds a feature for each mined phrase, after the lexicon ones.
    pub fn add_mined(&mut self, mined: &[Candidate]) {
        for c in mined {
            self.index.insert(c.phrase.clone(), self.phrases.len());
            self.phrases.push(c.phrase.clone());
        }
    }

    /// The feature of a category.
    pub fn category(&self, c: Category) -> usize {
        self.phrases.len() + c.index()
    }

    /// The feature of a style signal.
    pub fn signal(&self, s: Signal) -> usize {
        self.phrases.len() + Category::ALL.len() + s.index()
    }

    /// The feature of a language, if it has one.
    pub fn lang(&self, l: Language) -> Option<usize> {
        let base = self.phrases.len() + Category::ALL.len() + Signal::ALL.len();
        match l {
            Language::En => Some(base),
            Language::Zh => Some(base + 1),
            _ => None,
        }
    }

    /// How many features.
    pub fn len(&self) -> usize {
        self.phrases.len() + Category::ALL.len() + Signal::ALL.len() + LANGS
    }

    /// The sparse features of one verdict of the fitting classifier.
    pub fn features(&self, v: &Verdict) -> Vec<(u32, f64)> {
        let mut f: Vec<(u32, f64)> = Vec::with_capacity(2 * v.hits.len() + v.signals.len() + 1);
        for h in &v.hits {
            if let Some(&j) = self.index.get(&h.phrase) {
                // The fitting classifier gives every phrase weight ±1 and no decay,
                // so this is the product of the hit's context multipliers.
                let x = if h.weight != 0.0 {
                    f64::from(h.contribution / h.weight)
                } else {
                    0.0
                };
                f.push((j as u32, x));
                // Only lexicon phrases count towards their category: a mined
                // phrase's category is a placeholder for the sign of its weight.
                if j < self.lexicon_phrases {
                    f.push((self.category(h.category) as u32, x));
                }
            }
        }
        for s in &v.signals {
            f.push((self.signal(s.signal) as u32, f64::from(s.count)));
        }
        if let Some(j) = self.lang(v.language) {
            f.push((j as u32, 1.0));
        }
        f.sort_by_key(|p| p.0);
        f.dedup_by(|b, a| {
            if a.0 == b.0 {
                a.1 += b.1;
                true
            } else {
                false
            }
        });
        f.retain(|p| p.1 != 0.0);
        f
    }
}

/// The lexicons of the base classifier, and everything derived from them.
pub struct Base {
    /// The lexicons, defaults first.
    pub lexicons: Vec<Lexicon>,
}

impl Base {
    /// A classifier over the base lexicons with `weights`.
    pub fn classifier(&self, weights: Weights) -> anyhow::Result<Classifier> {
        let mut b = Classifier::builder().no_default_lexicons();
        for l in &self.lexicons {
            b = b.add_lexicon(l.clone());
        }
        b.weights(weights)
            .build()
            .context("cannot build the fitting classifier")
    }

    /// Phrases mining must not produce: lexicon phrases and context cues.
    pub fn exclusions(&self) -> HashSet<String> {
        let mut out = HashSet::new();
        for l in &self.lexicons {
            for e in l.entries() {
                out.insert(e.phrase().to_lowercase());
                if let Matcher::Pattern { anchor, .. } = e.matcher() {
                    out.insert(anchor.clone());
                }
            }
            for c in l
                .negators()
                .iter()
                .chain(l.debunk_cues())
                .chain(l.intensifiers())
            {
                out.insert(c.clone());
            }
        }
        out
    }
}

/// One mined entry: phrase, and whether its weight is positive.
pub type Active = Vec<(String, bool)>;

/// A mined entry: `curiosity` when it was mined as a positive cue, else
/// `sober` (the category decides whether context multipliers apply, so it
/// stays what the features were computed with even if the fitted sign
/// differs). Its hits stand beside overlapping ones.
pub fn entry(phrase: &str, weight: f64, positive: bool) -> EntrySpec {
    EntrySpec {
        phrase: Some(phrase.to_string()),
        category: Some(if positive { "curiosity" } else { "sober" }.to_string()),
        weight: Some(weight),
        // Exactly the n-gram mined: "cats" is a phrase of its own.
        inflect: Some(false),
        overlap: true,
        ..EntrySpec::default()
    }
}

/// Rounds a weight for the model file.
pub fn round(w: f64) -> f64 {
    ((w.clamp(-5.0, 5.0)) * 1e4).round() / 1e4
}

/// Default weights with everything that is not additive turned off: no
/// category decay, no prose damping or cap (they would make a hit's effect
/// depend on the sign and size of its weight and its neighbours').
pub fn linear_weights() -> Weights {
    let mut w = Weights::default();
    w.category_decay = 1.0;
    w.context.prose = 1.0;
    w.prose_cap = NO_CAP;
    w
}

/// A `prose_cap` no sum of hits reaches.
const NO_CAP: f32 = 1e9;

/// The weights of a fitting classifier: every phrase ±1, no decay, default
/// context multipliers and (non-zero) signal weights.
pub fn fitting_weights(space: &Space, active: &Active) -> Weights {
    let mut w = linear_weights();
    for p in &space.phrases[..space.lexicon_phrases] {
        w.phrases.insert(p.clone(), 1.0);
    }
    w.entries = active
        .iter()
        .map(|(p, pos)| entry(p, if *pos { 1.0 } else { -1.0 }, *pos))
        .collect();
    w
}
