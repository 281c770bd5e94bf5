//! The classifier: builder, immutable scorer, and the per-thread scratch space
//! that keeps scoring free of allocations.

use std::cell::RefCell;
use std::path::Path;

use crate::context::{context_of, find_quotes};
use crate::error::Error;
use crate::lexicon::Category;
use crate::lexicon::{Language, Lexicon};
use crate::matcher::{Cue, PhraseMatcher, RawHit};
use crate::normalize::script::is_han;
use crate::normalize::Normalized;
use crate::scan::Events;
use crate::signals;
use crate::verdict::{Context, Hit, Signal, SignalHit, Verdict};
use crate::weights::Weights;

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

/// Configures and builds a [`Classifier`].
///
/// By default the embedded English and Chinese lexicons are included and the
/// default [`Weights`] apply.
///
/// ```
/// use clickbait::{Classifier, Weights};
///
/// let mut w = Weights::default();
/// w.bias = -3.0; // stricter: more evidence needed
/// let strict = Classifier::builder().weights(w).threshold(0.7).build()?;
/// let lenient = Classifier::builder().threshold(0.3).build()?;
/// let t = "Dealers panic";
/// assert!(strict.score_value(t) < lenient.score_value(t));
/// assert_eq!(strict.threshold(), 0.7);
/// # Ok::<(), clickbait::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct ClassifierBuilder {
    defaults: bool,
    lexicons: Vec<Lexicon>,
    weights: Weights,
    weights_name: String,
    threshold: Option<f32>,
}

impl Default for ClassifierBuilder {
    fn default() -> Self {
        ClassifierBuilder {
            defaults: true,
            lexicons: Vec::new(),
            weights: Weights::default(),
            weights_name: "weights".to_string(),
            threshold: None,
        }
    }
}

impl ClassifierBuilder {
    /// Includes the embedded default lexicons (the default).
    ///
    /// ```
    /// use clickbait::{Classifier, Lexicon};
    ///
    /// let c = Classifier::builder()
    ///     .no_default_lexicons()
    ///     .with_default_lexicons() // the last call wins
    ///     .build()?;
    /// assert_eq!(c.lexicons().len(), Lexicon::defaults().len());
    /// assert!(c.is_clickbait("小米SU7二手价崩盘！车商亏麻了"));
    /// # Ok::<(), clickbait::Error>(())
    /// ```
    pub fn with_default_lexicons(mut self) -> Self {
        self.defaults = true;
        self
    }

    /// Leaves the embedded default lexicons out: only added lexicons are used.
    ///
    /// ```
    /// let c = clickbait::Classifier::builder()
    ///     .no_default_lexicons()
    ///     .add_lexicon_str("mine.toml", r#"
    ///         entries = [ { phrase = "fire sale", category = "slow_sales", weight = 3.0 } ]
    ///     "#)?
    ///     .build()?;
    /// assert_eq!(c.lexicons().len(), 1);
    /// assert_eq!(c.score("Dealer fire sale").hits.len(), 1);
    /// // Default phrases no longer match.
    /// assert!(c.score("Used car prices crash").hits.is_empty());
    /// # Ok::<(), clickbait::Error>(())
    /// ```
    pub fn no_default_lexicons(mut self) -> Self {
        self.defaults = false;
        self
    }

    /// Adds a parsed lexicon. Its phrases override same-named phrases of
    /// lexicons added before it (the defaults come first).
    ///
    /// ```
    /// use clickbait::{Classifier, Lexicon};
    ///
    /// // Same phrase as a default entry: the later lexicon's weight wins.
    /// let mine = Lexicon::parse("mine.toml", r#"
    ///     entries = [ { phrase = "prices crash", category = "collapse", weight = -1.0 } ]
    /// "#)?;
    /// let c = Classifier::builder().add_lexicon(mine).build()?;
    /// let v = c.score("Used car prices crash");
    /// let hit = v.hits.iter().find(|h| h.phrase == "prices crash").unwrap();
    /// assert_eq!(hit.weight, -1.0);
    /// # Ok::<(), clickbait::Error>(())
    /// ```
    pub fn add_lexicon(mut self, lexicon: Lexicon) -> Self {
        self.lexicons.push(lexicon);
        self
    }

    /// Parses lexicon text and adds it; `name` labels error messages.
    ///
    /// ```
    /// let c = clickbait::Classifier::builder()
    ///     .add_lexicon_str("dealer.toml", r#"
    ///         entries = [ { phrase = "priced to move", category = "slow_sales", weight = 3.0 } ]
    ///     "#)?
    ///     .build()?;
    /// assert!(c.score("Priced to move this weekend").hits.iter().any(|h| h.phrase == "priced to move"));
    ///
    /// // Problems carry the name and line.
    /// let err = clickbait::Classifier::builder()
    ///     .add_lexicon_str("bad.toml", "entries = [\n  { phrase = \"x\", category = \"gossip\", weight = 1.0 },\n]")
    ///     .unwrap_err();
    /// assert!(err.to_string().starts_with("bad.toml:2: unknown category"), "{err}");
    /// # Ok::<(), clickbait::Error>(())
    /// ```
    ///
    /// # Errors
    /// Every problem in the text, with line numbers (see [`Lexicon::parse`]).
    pub fn add_lexicon_str(self, name: &str, text: &str) -> Result<Self, Error> {
        Ok(self.add_lexicon(Lexicon::parse(name, text)?))
    }

    /// Reads a lexicon file and adds it.
    ///
    /// ```
    /// let path = std::env::temp_dir()
    ///     .join(format!("clickbait-doc-add-lexicon-file-{}.toml", std::process::id()));
    /// std::fs::write(&path, r#"
    ///     entries = [ { phrase = "priced to move", category = "slow_sales", weight = 3.0 } ]
    /// "#).unwrap();
    /// let built = clickbait::Classifier::builder().add_lexicon_file(&path).and_then(|b| b.build());
    /// std::fs::remove_file(&path).unwrap();
    /// let c = built?;
    /// assert_eq!(c.lexicons().last().unwrap().name(), path.display().to_string());
    /// assert!(c.score("Priced to move this weekend").hits.iter().any(|h| h.phrase == "priced to move"));
    ///
    /// // A missing file is an I/O error.
    /// let err = clickbait::Classifier::builder().add_lexicon_file(&path).unwrap_err();
    /// assert!(matches!(err, clickbait::Error::Io { .. }));
    /// # Ok::<(), clickbait::Error>(())
    /// ```
    ///
    /// # Errors
    /// The file cannot be read, or has problems (each with its line).
    pub fn add_lexicon_file(self, path: impl AsRef<Path>) -> Result<Self, Error> {
        Ok(self.add_lexicon(Lexicon::from_file(path)?))
    }

    /// Uses these model weights (their threshold too, unless
    /// [`threshold`](Self::threshold) is also set).
    ///
    /// ```
    /// let mut w = clickbait::Weights::default();
    /// w.threshold = 0.9;
    /// w.phrases.insert("prices crash".into(), 4.0);
    /// let c = clickbait::Classifier::builder().weights(w).build()?;
    /// assert_eq!(c.threshold(), 0.9);
    /// let v = c.score("Used car prices crash");
    /// assert_eq!(v.hits.iter().find(|h| h.phrase == "prices crash").unwrap().weight, 4.0);
    /// # Ok::<(), clickbait::Error>(())
    /// ```
    pub fn weights(mut self, weights: Weights) -> Self {
        self.weights = weights;
        self
    }

    /// Reads a weights file, e.g. one written by `clickbait fit`.
    ///
    /// ```
    /// let path = std::env::temp_dir()
    ///     .join(format!("clickbait-doc-weights-file-{}.toml", std::process::id()));
    /// std::fs::write(&path, "bias = -3.0\nthreshold = 0.8\n").unwrap();
    /// let built = clickbait::Classifier::builder().weights_file(&path).and_then(|b| b.build());
    /// std::fs::remove_file(&path).unwrap();
    /// let c = built?;
    /// assert_eq!(c.weights().bias, -3.0);
    /// assert_eq!(c.threshold(), 0.8);
    /// # Ok::<(), clickbait::Error>(())
    /// ```
    ///
    /// # Errors
    /// The file cannot be read, or has problems (each with its line).
    pub fn weights_file(mut self, path: impl AsRef<Path>) -> Result<Self, Error> {
        self.weights_name = path.as_ref().display().to_string();
        Ok(self.weights(Weights::from_file(path)?))
    }

    /// The probability at or above which a title is flagged. Values outside
    /// `[0, 1]` are clamped; NaN is ignored.
    ///
    /// ```
    /// use clickbait::Classifier;
    ///
    /// assert_eq!(Classifier::builder().threshold(0.7).build()?.threshold(), 0.7);
    /// assert_eq!(Classifier::builder().threshold(1.5).build()?.threshold(), 1.0); // clamped
    /// // NaN is ignored: the weights' threshold stays.
    /// let default = clickbait::Weights::default().threshold;
    /// assert_eq!(Classifier::builder().threshold(f32::NAN).build()?.threshold(), default);
    /// # Ok::<(), clickbait::Error>(())
    /// ```
    pub fn threshold(mut self, threshold: f32) -> Self {
        if !threshold.is_nan() {
            self.threshold = Some(threshold.clamp(0.0, 1.0));
        }
        self
    }

    /// Builds the classifier.
    ///
    /// ```
    /// let c = clickbait::Classifier::builder().build()?;
    /// assert!(c.is_clickbait("小米SU7二手价崩盘！车商亏麻了"));
    ///
    /// // Nothing to match is an error.
    /// let err = clickbait::Classifier::builder().no_default_lexicons().build().unwrap_err();
    /// assert!(matches!(err, clickbait::Error::EmptyLexicon));
    /// # Ok::<(), clickbait::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::EmptyLexicon`] when there is no phrase to match, or
    /// [`Error::Automaton`] when the lexicon is too large to compile.
    pub fn build(self) -> Result<Classifier, Error> {
        let mut lexicons = if self.defaults {
            Lexicon::defaults()
        } else {
            Vec::new()
        };
        lexicons.extend(self.lexicons);
        if let Some(mined) = self.weights.entries_lexicon(&self.weights_name)? {
            lexicons.push(mined);
        }
        if lexicons.iter().all(|l| l.entries.is_empty()) {
            return Err(Error::EmptyLexicon);
        }
        let mut weights = self.weights;
        if let Some(t) = self.threshold {
            weights.threshold = t;
        }
        let matcher = PhraseMatcher::build(&lexicons, &weights)?;
        crate::normalize::t2s::warm_up();
        signals::warm_up();
        let signal_weights = Signal::ALL.map(|sig| weights.signals.get(sig));
        Ok(Classifier {
            matcher,
            weights,
            signal_weights,
            lexicons,
        })
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

/// The logistic function, kept strictly within [0, 1] and never NaN.
fn probability(logit: f32) -> f32 {
    if logit.is_nan() {
        return 0.5;
    }
    (1.0 / (1.0 + (-logit).exp())).clamp(0.0, 1.0)
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
                        weight: t.weight,
                        contribution: h.contribution,
                        context: h.context,
                    }
                })
                .collect();
            hits.sort_by_key(|h| (h.span.start, h.span.end));
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
        if !s.raw.is_empty() {
            find_quotes(text, &mut s.quotes);
        }
        for h in &s.raw {
            let e = self.matcher.traits[h.entry as usize];
            let span = s.norm.original_span(h.range.clone());
            let original = title.get(span).unwrap_or("");
            let context = context_of(text, &h.range, &s.cues, &s.quotes, original);
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
            }
            s.scored.push(Scored {
                entry: h.entry,
                range: h.range.clone(),
                context,
                contribution: e.weight * m,
            });
        }
        // Diminishing returns within a category: strongest first.
        let entries = &self.matcher.traits;
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

/// Weights · counts, summed pairwise: a chain of eight dependent additions
/// would cost more than everything else here.
fn dot(weights: &[f32; Signal::ALL.len()], counts: &signals::Counts) -> f32 {
    let p: [f32; 8] = std::array::from_fn(|i| weights[i] * counts[i] as f32);
    ((p[0] + p[1]) + (p[2] + p[3])) + ((p[4] + p[5]) + (p[6] + p[7]))
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
