//! `clickbait lexicon`: list the loaded entries, or check lexicon files.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Args, Subcommand, ValueEnum};
use clickbait::{Category, Language, Lexicon};
use serde::Deserialize;
use toml::Spanned;

use crate::model::{ListModelArgs, ModelArgs};
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
    /// Lexicons and weights.
    pub model: ListModelArgs,
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

/// Where a weights file sets things: the line of each `[phrases]` weight and
/// of each mined entry, in file order.
#[derive(Default, Deserialize)]
struct WeightLines {
    /// Phrase → its weight, with the weight's span.
    #[serde(default)]
    phrases: BTreeMap<String, Spanned<toml::Value>>,
    /// The mined entries, with their spans.
    #[serde(default)]
    entries: Vec<Spanned<toml::Value>>,
}

/// Line numbers of what a weights file sets (the file already loaded fine).
fn weight_lines(path: &Path) -> anyhow::Result<(HashMap<String, usize>, Vec<usize>)> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let w: WeightLines = toml::from_str(&text).unwrap_or_default();
    let line = |at: usize| text[..at.min(text.len())].matches('\n').count() + 1;
    let phrases = w
        .phrases
        .into_iter()
        .map(|(k, v)| (k, line(v.span().start)))
        .collect();
    let entries = w.entries.iter().map(|e| line(e.span().start)).collect();
    Ok((phrases, entries))
}

/// Lists the loaded entries as TSV: phrase, category, weight, lang, source.
///
/// `weight` is the one scoring uses: a weights file's `[phrases]` weight if
/// it sets one, else the lexicon's, times the weights' category scale;
/// `source` is the `file:line` that set it. An entry overridden by a later
/// lexicon's entry with the same phrase is left out: it never scores.
fn list(args: &LexiconArgs) -> anyhow::Result<Status> {
    let classifier = ModelArgs::from(&args.model).build()?;
    let weights = classifier.weights();
    let (phrase_lines, entry_lines) = match &args.model.weights {
        Some(p) => weight_lines(p)?,
        None => Default::default(),
    };
    let weights_name = args
        .model
        .weights
        .as_deref()
        .map(|p| p.display().to_string());
    // The last lexicon to define a phrase is the one that scores it.
    let mut last: HashMap<&str, usize> = HashMap::new();
    for (i, lex) in classifier.lexicons().iter().enumerate() {
        for e in lex.entries() {
            last.insert(e.phrase(), i);
        }
    }
    let want_lang = args.lang.map(|l| match l {
        LangArg::En => Language::En,
        LangArg::Zh => Language::Zh,
    });
    let mut out = BufWriter::new(io::stdout().lock());
    writeln!(out, "phrase\tcategory\tweight\tlang\tsource")?;
    for (i, lex) in classifier.lexicons().iter().enumerate() {
        // The mined entries of the weights file form the last lexicon, named
        // after the file, in file order.
        let mined =
            weights_name.as_deref() == Some(lex.name()) && i + 1 == classifier.lexicons().len();
        for (k, e) in lex.entries().iter().enumerate() {
            if args.category.is_some_and(|c| c != e.category())
                || want_lang.is_some_and(|l| l != e.language())
                || last.get(e.phrase()) != Some(&i)
            {
                continue;
            }
            let scale = weights
                .categories
                .get(e.category().as_str())
                .copied()
                .unwrap_or(1.0);
            let (weight, source) = match (weights.phrases.get(e.phrase()), &weights_name) {
                (Some(&w), Some(file)) => {
                    let line = phrase_lines.get(e.phrase()).copied().unwrap_or(0);
                    (w, format!("{file}:{line}"))
                }
                _ if mined => {
                    let line = entry_lines.get(k).copied().unwrap_or(0);
                    (e.weight(), format!("{}:{line}", lex.name()))
                }
                _ => (e.weight(), format!("{}:{}", lex.name(), e.line())),
            };
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
                "{phrase}\t{}\t{}\t{}\t{source}",
                e.category(),
                weight * scale,
                e.language(),
            )?;
        }
    }
    out.flush()?;
    Ok(Status::Ok)
}
