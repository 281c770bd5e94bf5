//! `clickbait lexicon`: list the loaded entries, or check lexicon files.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use clickbait::{Category, Language, Lexicon};

use crate::model::ModelArgs;
use crate::status::{warn, Status, USAGE};

/// Options of `clickbait lexicon`.
#[derive(Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct LexiconArgs {
    #[command(subcommand)]
    /// `check`, or nothing to list entries.
    pub action: Option<LexiconAction>,
    /// Only entries of this category (loss, slow_sales, collapse, shock,
    /// urgency, expose, fear, hype, curiosity, sober).
    #[arg(long, value_name = "C", value_parser = parse_category)]
    pub category: Option<Category>,
    /// Only entries of this language.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    #[command(flatten)]
    /// Lexicons, weights and threshold.
    pub model: ModelArgs,
}

/// What `clickbait lexicon` does besides listing.
#[derive(Subcommand, Debug)]
pub enum LexiconAction {
    /// Validate lexicon files: every problem is printed on stderr as
    /// `file:line: message` (exit 1); a clean file prints `FILE: N entries OK`.
    /// An unreadable file exits 2.
    Check {
        /// Lexicon files (TOML) to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

/// A lexicon language filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// English (word-boundary) entries.
    En,
    /// Chinese entries.
    Zh,
}

/// Parses a category name, listing the choices on failure.
fn parse_category(s: &str) -> Result<Category, String> {
    s.parse::<Category>().map_err(|e| e.to_string())
}

/// Runs `clickbait lexicon`.
///
/// # Errors
/// Bad lexicon options or failing output.
pub fn run(args: LexiconArgs) -> anyhow::Result<Status> {
    match args.action {
        Some(LexiconAction::Check { files }) => check(&files),
        None => list(&args),
    }
}

/// Checks each file, reporting every problem.
fn check(files: &[PathBuf]) -> anyhow::Result<Status> {
    let mut out = io::stdout().lock();
    let (mut problems, mut unreadable) = (false, false);
    for file in files {
        match Lexicon::from_file(file) {
            Ok(lex) => writeln!(
                out,
                "{}: {} entries OK",
                file.display(),
                lex.entries().len()
            )?,
            Err(e @ clickbait::Error::Io { .. }) => {
                unreadable = true;
                warn(&e.to_string());
            }
            Err(e) => {
                problems = true;
                for line in e.to_string().lines() {
                    warn(line);
                }
            }
        }
    }
    out.flush()?;
    if unreadable {
        return Err(crate::status::Reported(USAGE).into());
    }
    Ok(Status::failed_if(problems))
}

/// Lists the loaded entries as TSV: phrase, category, weight, lang, source.
fn list(args: &LexiconArgs) -> anyhow::Result<Status> {
    let classifier = args.model.build()?;
    let want_lang = args.lang.map(|l| match l {
        LangArg::En => Language::En,
        LangArg::Zh => Language::Zh,
    });
    let mut out = BufWriter::new(io::stdout().lock());
    writeln!(out, "phrase\tcategory\tweight\tlang\tsource")?;
    for lex in classifier.lexicons() {
        for e in lex.entries() {
            if args.category.is_some_and(|c| c != e.category())
                || want_lang.is_some_and(|l| l != e.language())
            {
                continue;
            }
            let phrase: String = e
                .phrase()
                .chars()
                .map(|c| {
                    if matches!(c, '\t' | '\n' | '\r') {
                        ' '
                    } else {
                        c
                    }
                })
                .collect();
            writeln!(
                out,
                "{phrase}\t{}\t{}\t{}\t{}:{}",
                e.category(),
                e.weight(),
                e.language(),
                lex.name(),
                e.line()
            )?;
        }
    }
    out.flush()?;
    Ok(Status::Ok)
}
