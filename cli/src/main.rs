//! `clickbait`: score titles for sensational clickbait from the command line.
//!
//! Subcommands: `score` (batch scoring of lines/TSV/CSV/JSONL, streaming and
//! parallel), `explain` (a human-readable breakdown), `eval` (metrics on a
//! labelled file), `lexicon` (list or check lexicon entries) and `fit` (learn
//! a weights file from labelled titles).
//!
//! Exit status: 0 on success, 1 when some record or check failed (each one is
//! reported on stderr), 2 for usage errors, unreadable inputs and bad lexicon
//! or weights files.

#![forbid(unsafe_code)]

mod eval;
mod explain;
mod fit;
mod io;
mod lexicon;
mod metrics;
mod model;
mod pool;
mod score;
mod status;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::status::{is_broken_pipe, warn, Reported, Status, USAGE};

/// Scores titles (English and Chinese) for sensational, alarmist clickbait
/// language and explains why.
///
/// Exit status: 0 on success; 1 when some record could not be scored (each is
/// reported on stderr as FILE:LINE: message) or a check failed; 2 for usage
/// errors, unreadable input files and bad lexicon or weights files.
#[derive(Parser, Debug)]
#[command(name = "clickbait", version)]
struct Cli {
    #[command(subcommand)]
    /// What to do.
    command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
enum Command {
    /// Score every record of a file (or stdin) and write one output record per
    /// input record, in input order.
    ///
    /// A record that cannot be scored (invalid UTF-8, a malformed CSV row or JSON
    /// line, a missing or non-string title) still gets an output record, with
    /// `error` and `line` (1-based line where it starts) instead of a score, and
    /// is reported on stderr as FILE:LINE: message; the exit status is then 1.
    /// Input is streamed in chunks of 4096 records scored in parallel, so memory
    /// stays flat however large the file.
    Score(score::ScoreArgs),
    /// Explain the score of each title: hits with their spans, contexts and
    /// contributions, style signals, bias, and how they add up.
    Explain(explain::ExplainArgs),
    /// Measure precision, recall, F1, accuracy and ROC-AUC on a labelled file
    /// (columns `label` 0/1 and `title`, optional `lang`).
    Eval(eval::EvalArgs),
    /// List the loaded lexicon entries as TSV, or check lexicon files.
    Lexicon(lexicon::LexiconArgs),
    /// Learn a weights file from labelled titles: logistic regression over the
    /// lexicon phrases, style signals and phrases mined from the titles.
    ///
    /// The L2 strength and threshold are chosen by cross-validation on the
    /// training rows, and the report compares the fitted model with the
    /// default one out of fold (and on the `--holdout` rows, if any). Fewer
    /// than 5 rows of a label are refused. Bad rows are reported on stderr as
    /// FILE:LINE: message and left out; the model is still written and the
    /// exit status is then 1.
    Fit(fit::FitArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Score(args) => score::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Lexicon(args) => lexicon::run(args),
        Command::Fit(args) => fit::run(args),
    };
    ExitCode::from(match result {
        Ok(status) => status.code(),
        // Output closed early (`clickbait score big.txt | head`): stop quietly.
        Err(e) if is_broken_pipe(&e) => Status::Ok.code(),
        Err(e) => match e.downcast_ref::<Reported>() {
            Some(r) => r.0,
            None => {
                warn(&format!("clickbait: {e:#}"));
                USAGE
            }
        },
    })
}
