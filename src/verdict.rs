//! What scoring returns: the score, the decision, and every reason for it.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::lexicon::Category;
use crate::lexicon::Language;

/// The result of scoring one title.
///
/// `score` is a probability in `[0, 1]`; `logit` is the log-odds it came from,
/// which is exactly `bias` plus the `contribution` of every hit and signal.
///
/// ```
/// let v = clickbait::score("SHOCKING: used EV prices CRASH, dealers losing money!!!");
/// assert!(v.is_clickbait);
/// let sum: f32 = v.bias
///     + v.hits.iter().map(|h| h.contribution).sum::<f32>()
///     + v.signals.iter().map(|s| s.contribution).sum::<f32>();
/// assert!((sum - v.logit).abs() < 1e-4);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Verdict {
    /// Probability that the title is sensational clickbait, in `[0, 1]`.
    #[serde(serialize_with = "crate::json::f32_shortest")]
    pub score: f32,
    /// `score >= threshold` of the classifier that produced it.
    pub is_clickbait: bool,
    /// The log-odds behind `score`.
    #[serde(serialize_with = "crate::json::f32_shortest")]
    pub logit: f32,
    /// The constant term of the model (including any per-language bias).
    #[serde(serialize_with = "crate::json::f32_shortest")]
    pub bias: f32,
    /// The dominant script of the title.
    pub language: Language,
    /// Every lexicon phrase found, in title order.
    pub hits: Vec<Hit>,
    /// Every style signal that moved the score.
    pub signals: Vec<SignalHit>,
}

/// One lexicon phrase found in a title.
///
/// ```
/// let title = "Dealers say used EV prices crash";
/// let v = clickbait::score(title);
/// let hit = &v.hits[0];
/// assert_eq!(&title[hit.span.clone()], "prices crash");
/// assert_eq!(hit.category, clickbait::Category::Collapse);
/// assert!(hit.contribution > 0.0);
/// ```
///
/// # As JSON
///
/// A hit has one JSON shape everywhere: serde (here), `clickbait score
/// --explain`, `clickbait explain --json` and the Python `explain` dicts.
/// `start`/`end` are byte offsets (UTF-8) and `char_start`/`char_end`
/// character (code point) offsets into the original title; `context` lists
/// the contexts that apply, in the order negated, quoted, debunked,
/// intensified, shouted, prose (empty when none does).
///
/// ```
/// let v = clickbait::score("二手车价格CRASH了");
/// let json = serde_json::to_string(&v.hits[0]).unwrap();
/// assert_eq!(
///     json,
///     r#"{"phrase":"crash","category":"collapse","start":15,"end":20,"char_start":5,"char_end":10,"weight":0.5,"contribution":0.625,"context":["shouted"]}"#
/// );
/// // It reads back to the same hit.
/// let back: clickbait::Hit = serde_json::from_str(&json).unwrap();
/// assert_eq!(back, v.hits[0]);
/// ```
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(from = "crate::json::HitJson")]
#[non_exhaustive]
pub struct Hit {
    /// The lexicon phrase (normalized), or the pattern source for a pattern entry.
    pub phrase: String,
    /// The phrase's category.
    pub category: Category,
    /// Byte range into the *original* title, on char boundaries.
    pub span: Range<usize>,
    /// The same range in characters (Unicode code points): what indexes the
    /// title in Python, Java or Spark SQL.
    pub char_span: Range<usize>,
    /// The phrase's weight in the lexicon (or as overridden by a weights file).
    pub weight: f32,
    /// What the hit added to the log-odds after context and diminishing returns.
    pub contribution: f32,
    /// What around the phrase changed its effect.
    pub context: Context,
}

/// The context found around a hit. Several may apply at once.
///
/// ```
/// let v = clickbait::score("Used EV prices are not crashing");
/// let ctx = v.hits[0].context;
/// assert!(ctx.negated && !ctx.quoted);
/// assert_eq!(ctx.to_string(), "negated");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Context {
    /// A negator shortly before it ("not", 没有, 并未).
    pub negated: bool,
    /// Inside quotation marks ("…", “…”, 「…」, '…').
    pub quoted: bool,
    /// Near a debunk or attribution cue (rumor, claims, 辟谣, 回应, 所谓).
    pub debunked: bool,
    /// Right after an intensifier (really, totally, 彻底, 疯狂).
    pub intensified: bool,
    /// Written in capitals in the original ("CRASH").
    pub shouted: bool,
    /// The title reads as prose, not a headline: a sentence closed by a full
    /// stop, or a very long one (see [`ContextWeights::prose`](crate::ContextWeights::prose)).
    pub prose: bool,
}

impl Context {
    /// Whether no context applied.
    ///
    /// ```
    /// assert!(clickbait::Context::default().is_plain());
    /// assert!(clickbait::score("Used EV prices crash").hits[0].context.is_plain());
    /// assert!(!clickbait::score("Used EV prices are not crashing").hits[0].context.is_plain());
    /// ```
    pub fn is_plain(&self) -> bool {
        *self == Context::default()
    }

    /// The names of the contexts that apply, in a fixed order (negated,
    /// quoted, debunked, intensified, shouted, prose): the `context` list of a hit's
    /// JSON.
    ///
    /// ```
    /// let ctx = clickbait::score("Used EV prices are not CRASHING").hits[0].context;
    /// assert_eq!(ctx.names().collect::<Vec<_>>(), ["negated", "shouted"]);
    /// ```
    pub fn names(&self) -> impl Iterator<Item = &'static str> {
        [
            (self.negated, "negated"),
            (self.quoted, "quoted"),
            (self.debunked, "debunked"),
            (self.intensified, "intensified"),
            (self.shouted, "shouted"),
            (self.prose, "prose"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
    }

    /// Sets the context called `name` (one of [`Context::names`]' names);
    /// `false` for an unknown name.
    pub(crate) fn set(&mut self, name: &str) -> bool {
        let flag = match name {
            "negated" => &mut self.negated,
            "quoted" => &mut self.quoted,
            "debunked" => &mut self.debunked,
            "intensified" => &mut self.intensified,
            "shouted" => &mut self.shouted,
            "prose" => &mut self.prose,
            _ => return false,
        };
        *flag = true;
        true
    }
}

impl fmt::Display for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for name in self.names() {
            if !first {
                f.write_str(", ")?;
            }
            f.write_str(name)?;
            first = false;
        }
        if first {
            f.write_str("plain")?;
        }
        Ok(())
    }
}

/// A style signal: something about how the title is written rather than which
/// phrases it uses.
///
/// ```
/// use clickbait::Signal;
///
/// let v = clickbait::score("You won't believe this!!! 😱");
/// let found: Vec<Signal> = v.signals.iter().map(|s| s.signal).collect();
/// assert!(found.contains(&Signal::Exclamation));
/// assert!(found.contains(&Signal::AlarmEmoji));
/// assert_eq!(Signal::AlarmEmoji.to_string(), "alarm_emoji");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Signal {
    /// Exclamation marks (! and ！).
    Exclamation,
    /// Runs of two or more question marks (?? and ？？).
    QuestionRun,
    /// Words in capitals ("INSANE"), not counting short acronyms.
    AllCaps,
    /// Alarm emoji: 😱 🔥 💥 ⚠️ ‼️ 🚨 and friends.
    AlarmEmoji,
    /// Addressing the reader: you, your, 你.
    SecondPerson,
    /// A listicle number ("17 things", 这5个).
    Listicle,
    /// A sum of money lost ("lost $15,000", 亏了20万).
    Money,
    /// A debunk or attribution cue anywhere in the title (rumor, 辟谣): a sign of
    /// reporting *about* a claim.
    Attribution,
}

impl Signal {
    /// Every signal, in a stable order. A slice, so that adding a signal is
    /// not a breaking change; size arrays with `Signal::ALL.len()`.
    pub const ALL: &'static [Signal] = &[
        Signal::Exclamation,
        Signal::QuestionRun,
        Signal::AllCaps,
        Signal::AlarmEmoji,
        Signal::SecondPerson,
        Signal::Listicle,
        Signal::Money,
        Signal::Attribution,
    ];

    /// The name used in weights files and serialized verdicts.
    ///
    /// ```
    /// use clickbait::{Signal, Weights};
    ///
    /// assert_eq!(Signal::QuestionRun.as_str(), "question_run");
    /// // The names are the keys of a weights file's `[signals]` table.
    /// let w = Weights::parse("w.toml", &format!("[signals]\n{} = 0.1", Signal::AllCaps.as_str()))?;
    /// assert_eq!(w.signals.get(Signal::AllCaps), 0.1);
    /// # Ok::<(), clickbait::Error>(())
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Signal::Exclamation => "exclamation",
            Signal::QuestionRun => "question_run",
            Signal::AllCaps => "all_caps",
            Signal::AlarmEmoji => "alarm_emoji",
            Signal::SecondPerson => "second_person",
            Signal::Listicle => "listicle",
            Signal::Money => "money",
            Signal::Attribution => "attribution",
        }
    }

    /// Position in [`Signal::ALL`].
    ///
    /// ```
    /// use clickbait::Signal;
    ///
    /// for (i, &s) in Signal::ALL.iter().enumerate() {
    ///     assert_eq!(s.index(), i);
    /// }
    /// ```
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Signal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A style signal found in a title and what it added.
///
/// ```
/// let v = clickbait::score("Prices crash!!!!!");
/// let s = v.signals.iter().find(|s| s.signal == clickbait::Signal::Exclamation).unwrap();
/// assert_eq!(s.count, 3); // capped
/// let w = clickbait::Weights::default().signals.exclamation;
/// assert!((s.contribution - 3.0 * w).abs() < 1e-6);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SignalHit {
    /// Which signal.
    pub signal: Signal,
    /// How many times it occurred (after capping).
    pub count: u32,
    /// What it added to the log-odds.
    #[serde(serialize_with = "crate::json::f32_shortest")]
    pub contribution: f32,
}
