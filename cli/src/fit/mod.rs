//! `clickbait fit`: learn a weights file from labelled titles.
//!
//! The model is the classifier's own: an L2-regularised logistic regression
//! over the features the scorer already computes — one per lexicon phrase (the
//! product of its context multipliers, summed over its hits), one per lexicon
//! category (the same sum over every hit of the category's phrases), one per
//! style signal (its count) and one per language — plus phrases mined from the
//! training titles and added as lexicon entries. The result is a plain
//! [`Weights`] file: still one aho-corasick pass, and every decision is still
//! explained by named phrases and signals.
//!
//! A category feature is the sum of its phrases' features, so the model is
//! additive: a phrase's effective weight is its own coefficient plus its
//! category's, and that sum is what the file holds under `phrases`. The
//! category coefficient is regularised more lightly (`--category-l2`) than the
//! phrase ones, so it takes the strength the category's phrases share and the
//! phrase coefficients only their deviations from it; a lexicon phrase that
//! never fired in training still gets its category's coefficient.
//!
//! Steps:
//! 1. read the labelled rows (bad rows are reported with their line and left
//!    out) and split off the holdout (`splitmix64(seed ^ row) / 2^64 < holdout`);
//! 2. mine English word uni/bigrams and Chinese character 1–3-grams from the
//!    training rows, rank them by smoothed log-odds z-score, keep the top ones;
//! 3. score every training title with a classifier holding the mined phrases
//!    (placeholder weights ±1, `category_decay = 1` so hits add up) and turn each
//!    verdict into a sparse feature vector;
//! 4. fit by L-BFGS; drop mined phrases whose weight is negligible and refit
//!    until the set is stable (a dropped phrase no longer hides overlapping
//!    ones, so features change);
//! 5. write the weights, pick the threshold that maximises F1 on the training
//!    rows, and report metrics of the model as reloaded from its own TOML.

mod data;
mod lr;
mod mine;
mod report;
mod space;
mod split;

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use clickbait::EntrySpec;
use clickbait::{Category, Classifier, Language, Signal, Weights};
use rayon::prelude::*;

use crate::io::input::InputArgs;
use crate::model::ModelArgs;
use crate::pool::{rayon_pool, thread_count};
use crate::status::{warn, Reported, Status, USAGE};

use self::data::{read, ReadOptions, Row};
use self::lr::{Problem, Rows};
use self::mine::{mine, MineOptions};
use self::report::{best_threshold, metrics, print_text, Holdout, Report};
use self::space::{entry, fitting_weights, round, Active, Base, Space};

/// What the weights of lexicon phrases and signals are pulled towards.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Prior {
    /// Their hand-set values (lexicon weights, default signal weights and
    /// language bias): little data moves them little.
    Lexicon,
    /// Zero, like every mined phrase.
    Zero,
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
    /// L2 regularisation strength (sum of log-losses + l2/2·‖w − prior‖²).
    #[arg(long, value_name = "X", default_value_t = 1.0, value_parser = parse_non_negative)]
    pub l2: f64,
    /// L2 strength of the per-category weights (pulled towards zero). Lighter
    /// than `--l2`, so a category's weight carries what its phrases share and
    /// reaches its phrases that never occur in the training titles.
    #[arg(long, value_name = "X", default_value_t = DEFAULT_CATEGORY_L2, value_parser = parse_non_negative)]
    pub category_l2: f64,
    /// What lexicon phrase and signal weights are regularised towards.
    #[arg(long, value_enum, default_value = "lexicon")]
    pub prior: Prior,
    /// Mine only phrases found in at least N training titles.
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub min_count: u32,
    /// Keep at most N mined phrases (the most label-associated) as candidates.
    #[arg(long, value_name = "N", default_value_t = 4000)]
    pub max_phrases: usize,
    /// Longest mined English phrase, in words (1 or 2). Unigrams are the
    /// default: a mined bigram hides the hits of its own words (the matcher
    /// keeps the leftmost longest hit), which costs more than it adds.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=2))]
    pub word_ngrams: u8,
    /// Longest mined Chinese phrase, in Han characters (1 to 4). A longer
    /// phrase is kept only if it is more label-associated than each of its
    /// characters (likewise an English bigram and its words).
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u8).range(1..=4))]
    pub char_ngrams: u8,
    /// Mined phrases whose fitted |weight| is below X are dropped.
    #[arg(long, value_name = "X", default_value_t = 0.05, value_parser = parse_non_negative)]
    pub min_weight: f64,
    /// L-BFGS iterations at most (per refit).
    #[arg(long, value_name = "N", default_value_t = 400)]
    pub max_iter: usize,
    /// Fraction of rows held out for evaluation: row i (0-based data row) is
    /// held out iff splitmix64(seed ^ i) / 2^64 < X.
    #[arg(long, value_name = "X", default_value_t = 0.0, value_parser = parse_fraction)]
    pub holdout: f64,
    /// Seed of the holdout split.
    #[arg(long, value_name = "N", default_value_t = 42)]
    pub seed: u64,
    /// Write every data row's split as TSV (`row`, `line`, `set` = train,
    /// holdout or error) to FILE.
    #[arg(long, value_name = "FILE")]
    pub split_out: Option<PathBuf>,
    /// Print the metrics as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Worker threads for scoring [default: every core].
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

/// Default `--category-l2`.
const DEFAULT_CATEGORY_L2: f64 = 10.0;

/// At most this many refits while the set of mined phrases changes.
const MAX_ROUNDS: usize = 4;

/// Runs `clickbait fit`.
///
/// # Errors
/// Bad options or lexicons, an unreadable input, too little data, or an
/// unwritable output.
pub fn run(args: FitArgs) -> anyhow::Result<Status> {
    let started = Instant::now();
    let pool = rayon_pool(thread_count(args.threads.map(usize::from)))?;
    let baseline = ModelArgs {
        lexicons: args.lexicons.clone(),
        no_default_lexicons: args.no_default_lexicons,
        ..ModelArgs::default()
    }
    .build()?;
    let data = read(&ReadOptions {
        file: &args.file,
        input: &args.input,
        label_column: &args.label_column,
        holdout: args.holdout,
        seed: args.seed,
        split_out: args.split_out.as_deref(),
    })?;
    let n_pos = data.train.iter().filter(|r| r.label).count();
    if n_pos == 0 || n_pos == data.train.len() {
        warn(&format!(
            "clickbait fit: {} training rows with {n_pos} positive: both labels are needed",
            data.train.len()
        ));
        return Err(Reported(USAGE).into());
    }
    let base = Base {
        lexicons: baseline.lexicons().to_vec(),
    };

    let mut space = Space::new(&base.lexicons);

    // Mine from the training rows only.
    let labelled: Vec<(&str, bool)> = data
        .train
        .iter()
        .map(|r| (r.title.as_str(), r.label))
        .collect();
    let mined = mine(
        &labelled,
        &base.exclusions(),
        &MineOptions {
            min_count: args.min_count,
            max_phrases: args.max_phrases,
            word_ngrams: usize::from(args.word_ngrams),
            char_ngrams: usize::from(args.char_ngrams),
        },
    );
    space.add_mined(&mined);
    let n_features = space.len();
    let defaults = Weights::default();
    // Category weights are pulled towards zero under either prior: they are
    // what the category's phrases share beyond their own (prior) weights.
    let mut l2 = vec![args.l2; n_features];
    for &c in Category::ALL {
        l2[space.category(c)] = args.category_l2;
    }
    let mut prior = vec![0.0; n_features];
    if args.prior == Prior::Lexicon {
        prior[..space.lexicon_phrases].copy_from_slice(&space.lexicon_weight);
        for &s in Signal::ALL {
            prior[space.signal(s)] = f64::from(defaults.signals.get(s));
        }
        prior[space.lang(Language::En).unwrap_or(0)] = f64::from(defaults.language_bias.en);
        prior[space.lang(Language::Zh).unwrap_or(0)] = f64::from(defaults.language_bias.zh);
    }

    let titles: Vec<&str> = data.train.iter().map(|r| r.title.as_str()).collect();
    let mut active: Active = mined
        .iter()
        .map(|c| (c.phrase.clone(), c.log_odds > 0.0))
        .collect();
    let mut fired = vec![false; n_features];
    let mut fit = None;
    let mut rounds = 0;
    while rounds < MAX_ROUNDS {
        rounds += 1;
        let clf = base.classifier(fitting_weights(&space, &active))?;
        let feats: Vec<_> = pool.install(|| {
            titles
                .par_iter()
                .map(|t| space.features(&clf.score(t)))
                .collect()
        });
        let mut rows = Rows::new();
        fired.iter_mut().for_each(|f| *f = false);
        for (f, r) in feats.iter().zip(&data.train) {
            rows.push(f, r.label);
            for &(j, _) in f {
                fired[j as usize] = true;
            }
        }
        let problem = Problem {
            rows: &rows,
            features: n_features,
            l2: &l2,
            prior: &prior,
        };
        let start = fit.as_ref().map(|f: &lr::Fit| (f.w.as_slice(), f.bias));
        let next = problem.fit(start, args.max_iter);
        let next_active: Active = active
            .iter()
            .filter_map(|(p, _)| {
                let w = next.w[space.index[p]];
                (round(w).abs() >= args.min_weight.max(1e-4)).then(|| (p.clone(), w > 0.0))
            })
            .collect();
        fit = Some(next);
        let stable = next_active == active;
        active = next_active;
        if stable {
            break;
        }
    }
    let fit = fit.unwrap_or_else(|| unreachable!("at least one round runs"));

    // The model file.
    let mut weights = Weights::default();
    weights.bias = fit.bias as f32;
    weights.category_decay = 1.0;
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
    let mut entries: Vec<EntrySpec> = active
        .iter()
        .map(|(p, _)| entry(p, round(fit.w[space.index[p]])))
        .collect();
    entries.sort_by(|a, b| a.phrase.cmp(&b.phrase));
    weights.entries = entries;

    // Threshold by F1 on the training rows, scored by the model as written.
    let model_name = args.output.display().to_string();
    let reload = |w: &Weights| -> anyhow::Result<Classifier> {
        let parsed = Weights::parse(&model_name, &w.to_toml())
            .context("the fitted weights do not read back")?;
        base.classifier(parsed)
    };
    let clf = reload(&weights)?;
    let score_all = |c: &Classifier, rows: &[Row]| -> Vec<(f32, bool)> {
        pool.install(|| {
            rows.par_iter()
                .map(|r| (c.score_value(&r.title), r.label))
                .collect()
        })
    };
    let train_scores = score_all(&clf, &data.train);
    weights.threshold = best_threshold(&train_scores);
    let text = weights.to_toml();
    std::fs::write(&args.output, &text)
        .with_context(|| format!("cannot write {}", args.output.display()))?;

    let holdout = (!data.holdout.is_empty()).then(|| {
        let fitted = score_all(&clf, &data.holdout);
        let default = score_all(&baseline, &data.holdout);
        Holdout {
            fitted: metrics(&fitted, weights.threshold),
            default: metrics(&default, baseline.threshold()),
        }
    });
    let report = Report {
        rows: data.total,
        train_rows: data.train.len(),
        holdout_rows: data.holdout.len(),
        bad_rows: data.errors,
        mined: mined.len(),
        entries: weights.entries.len(),
        phrases: weights.phrases.len(),
        threshold: weights.threshold,
        rounds,
        seconds: started.elapsed().as_secs_f64(),
        train: metrics(&train_scores, weights.threshold),
        holdout,
    };
    let mut out = BufWriter::new(io::stdout().lock());
    if args.json {
        serde_json::to_writer(&mut out, &report)?;
        writeln!(out)?;
    } else {
        print_text(&mut out, &report, &args.file, &args.output)?;
    }
    out.flush()?;
    Ok(Status::failed_if(data.errors > 0))
}
