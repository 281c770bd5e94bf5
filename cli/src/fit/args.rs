//! The options of `clickbait fit`, apart from what it does with them.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::io::input::InputArgs;

/// What the weights of lexicon phrases and signals are pulled towards.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Prior {
    /// Their hand-set values (lexicon weights, default signal weights and
    /// language bias): little data moves them little.
    Lexicon,
    /// Zero, like every mined phrase.
    Zero,
}

impl Prior {
    /// The name, as the option takes it.
    pub fn name(self) -> &'static str {
        match self {
            Prior::Lexicon => "lexicon",
            Prior::Zero => "zero",
        }
    }
}

/// Options of `clickbait fit`.
#[derive(Args, Debug)]
pub struct FitArgs {
    /// Labelled file: a `label` column (0/1), the title column and optionally
    /// `lang`; TSV, CSV or JSONL by extension or `--input`.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    /// How to read the file.
    pub input: InputArgs,
    /// Column/field holding the 0/1 label.
    #[arg(long, value_name = "NAME", default_value = "label")]
    pub label_column: String,
    /// Where to write the fitted weights (TOML, for `--weights`).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// L2 regularisation strength (sum of log-losses + l2/2·‖w − prior‖²)
    /// [default: chosen by cross-validation on the training rows among
    /// 1/16, 1/8, 1/4, 1/2, 1, 2, 4, 8 and 16].
    #[arg(long, value_name = "X", value_parser = parse_non_negative)]
    pub l2: Option<f64>,
    /// L2 strength of the per-category weights (pulled towards zero), at
    /// `--l2 1`; it scales with the chosen `--l2`. Lighter than `--l2`, so a
    /// category's weight carries what its phrases share and reaches its
    /// phrases that never occur in the training titles.
    #[arg(long, value_name = "X", default_value_t = DEFAULT_CATEGORY_L2, value_parser = parse_non_negative)]
    pub category_l2: f64,
    /// What lexicon phrase and signal weights are regularised towards
    /// [default: `lexicon`, or `zero` where cross-validation at the chosen
    /// `--l2` and its neighbours prefers it; `lexicon` with `--finetune`].
    #[arg(long, value_enum)]
    pub prior: Option<Prior>,
    /// Fine-tune for small data: keep the default vocabulary (no mined
    /// phrases) and the signal and language weights; fit only the lexicon
    /// phrase weights (per phrase and per category) and the bias.
    #[arg(long)]
    pub finetune: bool,
    /// Cross-validation folds on the training rows: they choose `--l2` and the
    /// threshold and give the out-of-sample report.
    #[arg(long, value_name = "K", default_value_t = 5, value_parser = clap::value_parser!(u8).range(2..=20))]
    pub folds: u8,
    /// Write the threshold with the most recall at an out-of-fold precision
    /// of at least P, instead of the one with the best out-of-fold F1.
    #[arg(long, value_name = "P", value_parser = parse_precision)]
    pub target_precision: Option<f64>,
    /// Mine only phrases found in at least N training titles.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub min_count: u32,
    /// Keep at most N mined phrases (the most label-associated) as candidates.
    #[arg(long, value_name = "N", default_value_t = 6_000)]
    pub max_phrases: usize,
    /// Longest mined English phrase, in words (1 or 2). Mined phrases do not
    /// hide each other's hits, so a bigram adds to its words.
    #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u8).range(1..=2))]
    pub word_ngrams: u8,
    /// Longest mined Chinese phrase, in Han characters (1 to 4).
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u8).range(1..=4))]
    pub char_ngrams: u8,
    /// Mined phrases whose fitted |weight| is below X are dropped.
    #[arg(long, value_name = "X", default_value_t = 0.02, value_parser = parse_non_negative)]
    pub min_weight: f64,
    /// L-BFGS iterations at most (per fit).
    #[arg(long, value_name = "N", default_value_t = 300)]
    pub max_iter: usize,
    /// Fraction of rows held out for evaluation: row i (0-based data row) is
    /// held out iff splitmix64(seed ^ i) / 2^64 < X.
    #[arg(long, value_name = "X", default_value_t = 0.0, value_parser = parse_fraction)]
    pub holdout: f64,
    /// Seed of the holdout split and of the cross-validation folds.
    #[arg(long, value_name = "N", default_value_t = 42)]
    pub seed: u64,
    /// Write every data row's split as TSV (`row`, `line`, `set` = train,
    /// holdout or error) to FILE.
    #[arg(long, value_name = "FILE")]
    pub split_out: Option<PathBuf>,
    /// Print the metrics as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Worker threads for scoring and cross-validation [default: every core].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// A lexicon file (TOML) added after the default lexicons; repeatable. Score
    /// with the same lexicons as the fitted weights.
    #[arg(long = "lexicon", value_name = "FILE")]
    pub lexicons: Vec<PathBuf>,
    /// Leave the built-in English and Chinese lexicons out.
    #[arg(long)]
    pub no_default_lexicons: bool,
}

fn parse_non_negative(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 0.0 => Ok(x),
        _ => Err(format!("{s:?} is not a non-negative number")),
    }
}

fn parse_fraction(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if (0.0..1.0).contains(&x) => Ok(x),
        _ => Err(format!("{s:?} is not a fraction in [0, 1)")),
    }
}

fn parse_precision(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(x) if x > 0.0 && x <= 1.0 => Ok(x),
        _ => Err(format!("{s:?} is not a precision in (0, 1]")),
    }
}

/// Default `--category-l2`.
pub const DEFAULT_CATEGORY_L2: f64 = 10.0;

/// The `--l2` values cross-validation chooses among.
pub const L2_GRID: [f64; 9] = [0.0625, 0.125, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0];
