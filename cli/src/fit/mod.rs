//! `clickbait fit`: learn a weights file from labelled titles.
//!
//! The model is the classifier's own: an L2-regularised logistic regression
//! over the features the scorer already computes — one per lexicon phrase (the
//! product of its context multipliers, summed over its hits), one per lexicon
//! category (the same sum over every hit of the category's phrases), one per
//! style signal (its count) and one per language — plus English word uni- and
//! bigrams and Chinese character 1–3-grams mined from the training titles and
//! added as `overlap` lexicon entries (they neither hide nor are hidden by
//! other hits). The result is a plain [`Weights`] file: still one aho-corasick
//! pass, and every decision is still explained by named phrases and signals.
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
//!    out), split off the holdout (`splitmix64(seed ^ row) / 2^64 < holdout`)
//!    and refuse too little data;
//! 2. mine candidates from the training rows and rank them by smoothed
//!    log-odds z-score (`--finetune` mines none and fixes the signal and
//!    language weights at their defaults);
//! 3. score every training title once with a classifier holding the mined
//!    phrases (placeholder weights ±1, `category_decay = 1` so hits add up)
//!    and turn each verdict into a sparse feature vector;
//! 4. stratified k-fold cross-validation on the training rows chooses the L2
//!    strength (best pooled out-of-fold F1) and gives every row an
//!    out-of-fold score; the threshold is chosen on those (best F1, or
//!    `--target-precision`);
//! 5. fit on every training row by L-BFGS, drop mined phrases whose weight is
//!    negligible, write the weights with a header of the CV figures, and
//!    report the fitted and the default model on the same folds.

mod args;
mod assemble;
mod cv;
mod data;
mod lr;
mod mine;
mod report;
mod space;
mod split;
mod threshold;

use std::io::{self, BufWriter, Write};
use std::time::Instant;

use anyhow::Context as _;
use clickbait::{Category, Classifier, Language, Signal, Weights};
use rayon::prelude::*;

use crate::model::ModelArgs;
use crate::pool::{rayon_pool, thread_count};
use crate::status::{warn, Reported, Status, USAGE};

use self::args::L2_GRID;
pub use self::args::{FitArgs, Prior};
use self::cv::{choose, mean_sd, stratified_folds, Setup};
use self::data::{read, ReadOptions, Row};
use self::lr::Rows;
use self::mine::{mine, MineOptions};
use self::report::{metrics, print_text, CrossValidation, Holdout, PerFold, Report};
use self::space::{fitting_weights, Active, Base, Space};
use self::threshold::{best_threshold, precision_threshold};

/// Fewer rows of either label than this and `fit` refuses to write a model.
const MIN_PER_LABEL: usize = 5;

/// Fewer training rows than this and `fit` warns that the model may not
/// carry beyond them.
const SMALL_DATA: usize = 300;

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
    check_size(&data.train, usize::from(args.folds), args.finetune)?;
    let base = Base {
        lexicons: baseline.lexicons().to_vec(),
    };
    let mut space = Space::new(&base.lexicons);
    let mined = if args.finetune {
        Vec::new()
    } else {
        let labelled: Vec<(&str, bool)> = data
            .train
            .iter()
            .map(|r| (r.title.as_str(), r.label))
            .collect();
        mine(
            &labelled,
            &base.exclusions(),
            &MineOptions {
                min_count: args.min_count,
                max_phrases: args.max_phrases,
                word_ngrams: usize::from(args.word_ngrams),
                char_ngrams: usize::from(args.char_ngrams),
            },
        )
    };
    space.add_mined(&mined);
    let n_features = space.len();
    let first_prior = args.prior.unwrap_or(Prior::Lexicon);
    let (l2, prior, fixed) = penalties(&space, &args, first_prior);

    // One scoring pass: mined entries overlap, so no feature depends on which
    // others are kept.
    let active: Active = mined
        .iter()
        .map(|c| (c.phrase.clone(), c.log_odds > 0.0))
        .collect();
    let clf = base.classifier(fitting_weights(&space, &active))?;
    let feats: Vec<_> = pool.install(|| {
        data.train
            .par_iter()
            .map(|r| space.features(&clf.score(&r.title)))
            .collect()
    });
    drop(clf);
    let mut rows = Rows::new();
    let mut fired = vec![false; n_features];
    let mut learned = Vec::new();
    for (f, r) in feats.iter().zip(&data.train) {
        learned.clear();
        let mut offset = 0.0;
        for &(j, x) in f {
            fired[j as usize] = true;
            if fixed[j as usize] {
                offset += x * prior[j as usize];
            } else {
                learned.push((j, x));
            }
        }
        rows.push(&learned, r.label, offset);
    }
    drop(feats);

    // Cross-validation: the L2 strength and the out-of-fold scores.
    let k = usize::from(args.folds);
    let fold = stratified_folds(&rows.y, k, args.seed);
    let setup = Setup {
        features: n_features,
        l2: &l2,
        prior: &prior,
        max_iter: args.max_iter,
    };
    let grid: &[f64] = if args.l2.is_some() { &[1.0] } else { &L2_GRID };
    let mut outcome = pool.install(|| choose(&setup, &rows, &fold, k, grid));
    let mut tried: Vec<(Prior, f64, f64)> = outcome
        .tried
        .iter()
        .map(|&(s, f1)| (first_prior, s, f1))
        .collect();
    let mut chosen_prior = first_prior;
    // The zero prior, near the chosen strength only: where the hand-set
    // weights do not suit the data, not being pulled towards them helps.
    let zero =
        (args.prior.is_none() && !args.finetune).then(|| penalties(&space, &args, Prior::Zero).1);
    if let Some(zero) = &zero {
        let s = outcome.scale;
        let near = Setup {
            prior: zero,
            ..setup
        };
        let other = pool.install(|| choose(&near, &rows, &fold, k, &[2.0 * s, s, s / 2.0]));
        tried.extend(other.tried.iter().map(|&(s, f1)| (Prior::Zero, s, f1)));
        if other.beats(&outcome) {
            outcome = other;
            chosen_prior = Prior::Zero;
        }
    }
    let setup = Setup {
        prior: zero
            .as_deref()
            .filter(|_| chosen_prior == Prior::Zero)
            .unwrap_or(&prior),
        ..setup
    };
    let fit = setup.fit(&rows, outcome.scale, None);
    let mut weights = assemble::weights(&space, &fit, &fired, &active, args.min_weight);

    // The threshold, on out-of-fold scores.
    let oof: Vec<(f32, bool)> = outcome
        .oof
        .iter()
        .copied()
        .zip(rows.y.iter().copied())
        .collect();
    weights.threshold = match args.target_precision {
        None => best_threshold(&oof),
        Some(p) => precision_threshold(&oof, p).unwrap_or_else(|| {
            warn(&format!(
                "clickbait fit: no threshold reaches an out-of-fold precision of {p}; \
                 using the best-F1 one"
            ));
            best_threshold(&oof)
        }),
    };

    // The default classifier on the same folds.
    let score_all = |c: &Classifier, rows: &[Row]| -> Vec<(f32, bool)> {
        pool.install(|| {
            rows.par_iter()
                .map(|r| (c.score_value(&r.title), r.label))
                .collect()
        })
    };
    let default_scores = score_all(&baseline, &data.train);
    let per_fold = |scores: &[(f32, bool)], t: f32| -> Vec<f64> {
        (0..k)
            .map(|f| {
                let s: Vec<(f32, bool)> = (0..scores.len())
                    .filter(|&r| fold[r] == f)
                    .map(|r| scores[r])
                    .collect();
                cv::f1_at(&s, t)
            })
            .collect()
    };
    let fitted_f1 = per_fold(&oof, weights.threshold);
    let default_f1 = per_fold(&default_scores, baseline.threshold());
    let cross = CrossValidation {
        folds: k,
        seed: args.seed,
        l2: args.l2.unwrap_or(1.0) * outcome.scale,
        prior: chosen_prior,
        l2_tried: tried
            .iter()
            .map(|&(p, s, f1)| (p, args.l2.unwrap_or(1.0) * s, f1))
            .collect(),
        target_precision: args.target_precision,
        fitted: PerFold::new(metrics(&oof, weights.threshold), fitted_f1.clone()),
        default: PerFold::new(
            metrics(&default_scores, baseline.threshold()),
            default_f1.clone(),
        ),
        difference: {
            let d: Vec<f64> = fitted_f1
                .iter()
                .zip(&default_f1)
                .map(|(a, b)| a - b)
                .collect();
            mean_sd(&d)
        },
    };

    // Write, then reload what was written.
    let text = assemble::with_header(
        &cross.header(&args.file, data.train.len()),
        &weights.to_toml(),
    );
    let model_name = args.output.display().to_string();
    let parsed =
        Weights::parse(&model_name, &text).context("the fitted weights do not read back")?;
    let clf = base.classifier(parsed)?;
    std::fs::write(&args.output, &text)
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    let train_scores = score_all(&clf, &data.train);
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
        seconds: started.elapsed().as_secs_f64(),
        train: metrics(&train_scores, weights.threshold),
        cv: cross,
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

/// Refuses data too small to fit or cross-validate (nothing is written);
/// warns when it is small enough to fit its own titles and little else.
fn check_size(train: &[Row], folds: usize, finetune: bool) -> anyhow::Result<()> {
    let pos = train.iter().filter(|r| r.label).count();
    let neg = train.len() - pos;
    let need = MIN_PER_LABEL.max(folds);
    if pos < need || neg < need {
        warn(&format!(
            "clickbait fit: {} training rows ({pos} positive, {neg} negative): at least \
             {need} of each label are needed; no model written",
            train.len()
        ));
        return Err(Reported(USAGE).into());
    }
    if train.len() < SMALL_DATA && !finetune {
        warn(&format!(
            "clickbait fit: only {} training rows: mined phrases may fit these titles and \
             little else; compare with the default on the cross-validation below, or keep \
             the default vocabulary with --finetune",
            train.len()
        ));
    }
    Ok(())
}

/// The L2 strength (at scale 1), prior and fixedness of every feature.
/// Category weights are pulled towards zero under either prior: they are what
/// the category's phrases share beyond their own (prior) weights. With
/// `--finetune` the signal and language weights are fixed at their defaults.
fn penalties(space: &Space, args: &FitArgs, kind: Prior) -> (Vec<f64>, Vec<f64>, Vec<bool>) {
    let n = space.len();
    let mut l2 = vec![args.l2.unwrap_or(1.0); n];
    for &c in Category::ALL {
        l2[space.category(c)] = args.category_l2;
    }
    let defaults = Weights::default();
    let mut prior = vec![0.0; n];
    let mut fixed = vec![false; n];
    let en = space.lang(Language::En).unwrap_or(0);
    let zh = space.lang(Language::Zh).unwrap_or(0);
    if kind == Prior::Lexicon || args.finetune {
        for &s in Signal::ALL {
            prior[space.signal(s)] = f64::from(defaults.signals.get(s));
        }
        prior[en] = f64::from(defaults.language_bias.en);
        prior[zh] = f64::from(defaults.language_bias.zh);
    }
    if kind == Prior::Lexicon {
        prior[..space.lexicon_phrases].copy_from_slice(&space.lexicon_weight);
    }
    if args.finetune {
        for &s in Signal::ALL {
            fixed[space.signal(s)] = true;
        }
        fixed[en] = true;
        fixed[zh] = true;
    }
    (l2, prior, fixed)
}
