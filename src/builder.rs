//! Configuration: which lexicons, which weights, which threshold. Everything that
//! can fail (parsing, validation, building the automaton) fails here, once, so a
//! built [`Classifier`] never does.

use std::path::Path;

use crate::classifier::Classifier;
use crate::error::Error;
use crate::lexicon::Lexicon;
use crate::matcher::PhraseMatcher;
use crate::score::weights::Weights;

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
        Ok(Classifier::assemble(matcher, weights, lexicons))
    }
}
