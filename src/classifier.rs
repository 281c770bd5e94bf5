//! The classifier: the immutable scorer that runs the pipeline
//! (normalize → match → score → verdict), and the per-thread scratch space that
//! keeps scoring free of allocations.

use std::cell::RefCell;

use crate::builder::ClassifierBuilder;
use crate::json::set_char_spans;
use crate::lexicon::Category;
use crate::lexicon::{Language, Lexicon};
use crate::matcher::{Cue, EntryTraits, Events, PhraseMatcher, RawHit};
use crate::normalize::script::is_han;
use crate::normalize::Normalized;
use crate::score::context::{context_of, find_quotes, reads_as_prose};
use crate::score::model::{dot, probability};
use crate::score::signals;
use crate::score::weights::Weights;
use crate::verdict::{Context, Hit, Signal, SignalHit, Verdict};

/// Scores titles. Build one with [`Classifier::builder`], or use the default
/// through [`crate::score`] / [`Classifier::default_ref`].
///
/// A `Classifier` is immutable, `Send + Sync`, and cheap to share behind an
/// `Arc`. Scoring allocates nothing but the returned [`Verdict`];
/// [`Classifier::score_value`] allocates nothing at all (buffers are reused per
/// thread).
///
/// ```
/// use clickbait::Classifier;
///
/// let c = Classifier::builder()
///     .add_lexicon_str("mine.toml", r#"
///         entries = [ { phrase = "fire sale", category = "slow_sales", weight = 3.0 } ]
///     "#)?
///     .threshold(0.6)
///     .build()?;
/// let v = c.score("Dealer fire sale: everything must go");
/// assert!(v.is_clickbait);
/// assert_eq!(v.hits[0].phrase, "fire sale");
/// assert_eq!(v.hits[0].span, 7..16);
/// assert!(!c.score("Dealer opens new showroom").is_clickbait);
/// # Ok::<(), clickbait::Error>(())
/// ```
#[derive(Debug)]
pub struct Classifier {
    matcher: PhraseMatcher,
    weights: Weights,
    /// `weights.signals` by [`Signal::index`], for the dot product with counts.
    signal_weights: [f32; Signal::ALL.len()],
    lexicons: Vec<Lexicon>,
}

impl Classifier {
    /// Puts a built matcher and its weights together; the builder's last step.
    pub(crate) fn assemble(
        matcher: PhraseMatcher,
        weights: Weights,
        lexicons: Vec<Lexicon>,
    ) -> Classifier {
        crate::normalize::t2s::warm_up();
        signals::warm_up();
        let signal_weights = std::array::from_fn(|i| weights.signals.get(Signal::ALL[i]));
        Classifier {
            matcher,
            weights,
            signal_weights,
            lexicons,
        }
    }
}

/// Reused buffers, one set per thread.
#[derive(Default)]
struct Scratch {
    norm: Normalized,
    raw: Vec<RawHit>,
    cues: Vec<Cue>,
    quotes: Vec<std::ops::Range<usize>>,
    scored: Vec<Scored>,
    counts: signals::Counts,
    claimed: Vec<bool>,
    events: Events,
    /// The title's language, found once by `evaluate`.
    language: Language,
}

/// A hit with its context and final contribution.
struct Scored {
    entry: u32,
    range: std::ops::Range<usize>,
    context: Context,
    contribution: f32,
}

/// Buffers grown past this are released after use, so one huge title does not
/// pin its memory to the thread forever.
const SCRATCH_KEEP_BYTES: usize = 1 << 16;

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut s) => {
            let r = f(&mut s);
            if s.norm.as_str().len() > SCRATCH_KEEP_BYTES || s.raw.capacity() > SCRATCH_KEEP_BYTES {
                *s = Scratch::default();
            }
            r
        }
        // Re-entrant use (impossible today) still works, just with fresh buffers.
        Err(_) => f(&mut Scratch::default()),
    })
}

impl Classifier {
    /// A builder with the default lexicons and weights.
    ///
    /// ```
    /// use clickbait::Classifier;
    ///
    /// // Unchanged, the builder gives the same model as the shared default.
    /// let c = Classifier::builder().build()?;
    /// let t = "Used car prices CRASH: dealers can't give them away";
    /// assert_eq!(c.score(t), Classifier::default_ref().score(t));
    /// # Ok::<(), clickbait::Error>(())
    /// ```
    pub fn builder() -> ClassifierBuilder {
        ClassifierBuilder::default()
    }

    /// The lazily built default classifier, shared by the whole process.
    ///
    /// ```
    /// use clickbait::Classifier;
    ///
    /// let c = Classifier::default_ref();
    /// assert!(std::ptr::eq(c, Classifier::default_ref())); // built once
    /// let t = "亏麻了！二手车卖不动了";
    /// assert_eq!(c.score(t), clickbait::score(t));
    /// ```
    pub fn default_ref() -> &'static Classifier {
        crate::default_classifier()
    }

    /// Scores a title and explains the verdict.
    ///
    /// ```
    /// let v = clickbait::Classifier::default_ref().score("小米SU7二手价崩盘！车商亏麻了");
    /// assert!(v.is_clickbait);
    /// assert!(v.hits.iter().any(|h| h.phrase.contains("崩盘")));
    /// ```
    pub fn score(&self, title: &str) -> Verdict {
        with_scratch(|s| {
            let logit = self.evaluate(title, s);
            let bias = self.weights.bias + self.language_bias(s.language);
            let mut hits: Vec<Hit> = s
                .scored
                .iter()
                .map(|h| {
                    let t = self.matcher.traits[h.entry as usize];
                    Hit {
                        phrase: self.matcher.entries[h.entry as usize].phrase.clone(),
                        category: t.category,
                        span: s.norm.original_span(h.range.clone()),
                        char_span: 0..0,
                        weight: t.weight,
                        contribution: h.contribution,
                        context: h.context,
                    }
                })
                .collect();
            hits.sort_by_key(|h| (h.span.start, h.span.end));
            set_char_spans(title, &mut hits);
            let counts = s.counts;
            let signals = Signal::ALL
                .iter()
                .filter(|sig| counts[sig.index()] > 0)
                .map(|&sig| SignalHit {
                    signal: sig,
                    count: counts[sig.index()],
                    contribution: self.weights.signals.get(sig) * counts[sig.index()] as f32,
                })
                .filter(|h| h.contribution != 0.0)
                .collect();
            let score = probability(logit);
            Verdict {
                score,
                is_clickbait: score >= self.weights.threshold,
                logit,
                bias,
                language: s.language,
                hits,
                signals,
            }
        })
    }

    /// The score alone, in `[0, 1]`. Equal to `self.score(title).score`, but
    /// allocates nothing.
    ///
    /// ```
    /// let c = clickbait::Classifier::default_ref();
    /// let t = "Used car prices CRASH: dealers can't give them away";
    /// assert_eq!(c.score_value(t), c.score(t).score);
    /// ```
    pub fn score_value(&self, title: &str) -> f32 {
        with_scratch(|s| probability(self.evaluate(title, s)))
    }

    /// Whether the title is flagged (`score_value >= threshold`).
    ///
    /// ```
    /// let c = clickbait::Classifier::default_ref();
    /// assert!(c.is_clickbait("亏麻了！二手车卖不动了"));
    /// assert!(!c.is_clickbait("Toyota reports quarterly sales"));
    /// let t = "Used car prices CRASH!!!";
    /// assert_eq!(c.is_clickbait(t), c.score(t).is_clickbait);
    /// ```
    pub fn is_clickbait(&self, title: &str) -> bool {
        self.score_value(title) >= self.weights.threshold
    }

    /// Scores many titles; in parallel when the `rayon` feature is on.
    ///
    /// ```
    /// let c = clickbait::Classifier::default_ref();
    /// let v = c.score_batch(&["亏麻了！二手车卖不动了", "Toyota reports quarterly sales"]);
    /// assert!(v[0].is_clickbait && !v[1].is_clickbait);
    /// ```
    pub fn score_batch<S: AsRef<str> + Sync>(&self, titles: &[S]) -> Vec<Verdict> {
        #[cfg(feature = "rayon")]
        {
            use rayon::prelude::*;
            titles.par_iter().map(|t| self.score(t.as_ref())).collect()
        }
        #[cfg(not(feature = "rayon"))]
        {
            titles.iter().map(|t| self.score(t.as_ref())).collect()
        }
    }

    /// The probability threshold in use.
    ///
    /// ```
    /// use clickbait::{Classifier, Weights};
    ///
    /// assert_eq!(Classifier::default_ref().threshold(), Weights::default().threshold);
    /// let c = Classifier::builder().threshold(0.8).build()?;
    /// assert_eq!(c.threshold(), 0.8);
    /// assert_eq!(c.weights().threshold, 0.8);
    /// # Ok::<(), clickbait::Error>(())
    /// ```
    pub fn threshold(&self) -> f32 {
        self.weights.threshold
    }

    /// The model weights in use.
    ///
    /// ```
    /// use clickbait::{Classifier, Weights};
    ///
    /// assert_eq!(Classifier::default_ref().weights(), &Weights::default());
    /// let mut w = Weights::default();
    /// w.bias = -3.0;
    /// let c = Classifier::builder().weights(w).build()?;
    /// assert_eq!(c.weights().bias, -3.0);
    /// # Ok::<(), clickbait::Error>(())
    /// ```
    pub fn weights(&self) -> &Weights {
        &self.weights
    }

    /// The lexicons in use, defaults first.
    ///
    /// ```
    /// let c = clickbait::Classifier::builder()
    ///     .add_lexicon_str("mine.toml", r#"
    ///         entries = [ { phrase = "fire sale", category = "slow_sales", weight = 3.0 } ]
    ///     "#)?
    ///     .build()?;
    /// let names: Vec<&str> = c.lexicons().iter().map(|l| l.name()).collect();
    /// assert_eq!(names, ["lexicons/en.toml", "lexicons/zh.toml", "mine.toml"]);
    /// # Ok::<(), clickbait::Error>(())
    /// ```
    pub fn lexicons(&self) -> &[Lexicon] {
        &self.lexicons
    }

    /// Heap bytes used by the phrase automaton.
    ///
    /// ```
    /// let small = clickbait::Classifier::builder()
    ///     .no_default_lexicons()
    ///     .add_lexicon_str("one.toml", r#"
    ///         entries = [ { phrase = "fire sale", category = "slow_sales", weight = 3.0 } ]
    ///     "#)?
    ///     .build()?;
    /// let full = clickbait::Classifier::default_ref();
    /// assert!(small.automaton_memory() > 0);
    /// assert!(full.automaton_memory() > small.automaton_memory());
    /// # Ok::<(), clickbait::Error>(())
    /// ```
    pub fn automaton_memory(&self) -> usize {
        self.matcher.memory_usage()
    }

    fn language_bias(&self, language: Language) -> f32 {
        match language {
            Language::En => self.weights.language_bias.en,
            Language::Zh => self.weights.language_bias.zh,
            _ => 0.0,
        }
    }

    /// Runs the pipeline into `s` and returns the log-odds. `score` and
    /// `score_value` share it, so they cannot disagree.
    fn evaluate(&self, title: &str, s: &mut Scratch) -> f32 {
        s.norm.normalize_from(title);
        s.raw.clear();
        s.cues.clear();
        s.quotes.clear();
        s.scored.clear();
        self.matcher.find(
            &s.norm,
            title,
            &mut s.raw,
            &mut s.cues,
            &mut s.claimed,
            &mut s.events,
        );
        let text = s.norm.as_str();
        let w = &self.weights;
        let mut prose = false;
        if !s.raw.is_empty() {
            find_quotes(text, &mut s.quotes);
            prose = reads_as_prose(text, title);
        }
        for h in &s.raw {
            let e = self.matcher.traits[h.entry as usize];
            let span = s.norm.original_span(h.range.clone());
            let original = title.get(span).unwrap_or("");
            let mut context = context_of(text, &h.range, &s.cues, &s.quotes, original);
            context.prose = prose && e.weight > 0.0;
            let mut m = 1.0;
            // Sober markers count whatever surrounds them.
            if e.category != Category::Sober {
                if context.negated {
                    m *= w.context.negated;
                }
                if context.quoted {
                    m *= w.context.quoted;
                }
                if context.debunked {
                    m *= w.context.debunked;
                }
                if context.intensified {
                    m *= w.context.intensified;
                }
                if context.shouted {
                    m *= w.context.shouted;
                }
                if context.prose {
                    m *= w.context.prose;
                }
            }
            s.scored.push(Scored {
                entry: h.entry,
                range: h.range.clone(),
                context,
                contribution: e.weight * m,
            });
        }
        // Diminishing returns within a category: strongest first. Without
        // decay (fitted models) the order changes nothing.
        let entries = &self.matcher.traits;
        if w.category_decay != 1.0 {
            s.scored.sort_by(|a, b| {
                let (ca, cb) = (
                    entries[a.entry as usize].category,
                    entries[b.entry as usize].category,
                );
                ca.cmp(&cb).then(
                    b.contribution
                        .abs()
                        .partial_cmp(&a.contribution.abs())
                        .unwrap_or(std::cmp::Ordering::Equal),
                )
            });
        }
        s.language = language_of(text, s.norm.is_ascii());
        let mut logit = w.bias + self.language_bias(s.language);
        let mut prev: Option<Category> = None;
        let mut factor = 1.0;
        for h in &mut s.scored {
            let c = entries[h.entry as usize].category;
            factor = if prev == Some(c) {
                factor * w.category_decay
            } else {
                1.0
            };
            prev = Some(c);
            h.contribution *= factor;
        }
        if prose {
            cap_weak_hits(&mut s.scored, entries, w.prose_cap);
        }
        for h in &s.scored {
            logit += h.contribution;
        }
        s.counts = signals::count(text, title, &s.cues, s.norm.punct, s.norm.is_ascii());
        logit += dot(&self.signal_weights, &s.counts);
        if logit.is_finite() {
            logit
        } else {
            w.bias
        }
    }
}

/// A hit at least this heavy is a strong claim on its own (崩盘, "prices
/// crash"); lighter ones are the small words that only add up.
const STRONG_WEIGHT: f32 = 2.0;

/// In prose, the positive hits lighter than [`STRONG_WEIGHT`] together count
/// at most `cap`: each is scaled by the same factor, so the explanation still
/// sums to the logit.
fn cap_weak_hits(scored: &mut [Scored], traits: &[EntryTraits], cap: f32) {
    let is_weak = |h: &Scored| {
        let w = traits[h.entry as usize].weight;
        w > 0.0 && w < STRONG_WEIGHT && h.contribution > 0.0
    };
    let sum: f32 = scored
        .iter()
        .filter(|h| is_weak(h))
        .map(|h| h.contribution)
        .sum();
    if sum <= cap.max(0.0) {
        return;
    }
    let scale = cap.max(0.0) / sum;
    for h in scored.iter_mut().filter(|h| is_weak(h)) {
        h.contribution *= scale;
    }
}

/// The dominant script: Chinese if Han characters are at least a third of the
/// letters, English if there are Latin letters, otherwise unknown.
fn language_of(text: &str, ascii: bool) -> Language {
    if ascii {
        return if text.bytes().any(|b| b.is_ascii_alphabetic()) {
            Language::En
        } else {
            Language::Unknown
        };
    }
    let (mut han, mut latin) = (0usize, 0usize);
    for c in text.chars() {
        if is_han(c) {
            han += 1;
        } else if c.is_alphabetic() {
            latin += 1;
        }
    }
    if han > 0 && han * 3 >= latin {
        Language::Zh
    } else if latin > 0 || han > 0 {
        Language::En
    } else {
        Language::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn classifier_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<Classifier>();
    }

    #[test]
    fn probability_is_bounded() {
        for x in [
            f32::NEG_INFINITY,
            -1e30,
            -3.0,
            0.0,
            3.0,
            1e30,
            f32::INFINITY,
            f32::NAN,
        ] {
            let p = probability(x);
            assert!((0.0..=1.0).contains(&p), "{x} -> {p}");
        }
    }

    #[test]
    fn languages() {
        let language = |t: &str| language_of(t, t.is_ascii());
        assert_eq!(language("prices crash"), Language::En);
        assert_eq!(language("小米su7二手价崩盘"), Language::Zh);
        assert_eq!(language("!!! 123"), Language::Unknown);
    }

    #[test]
    fn empty_lexicon_is_an_error() {
        let e = Classifier::builder()
            .no_default_lexicons()
            .build()
            .unwrap_err();
        assert!(matches!(e, Error::EmptyLexicon));
    }
}
