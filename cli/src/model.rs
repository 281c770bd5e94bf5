//! One set of model options for every command (lexicons, weights, threshold),
//! and one way of building the classifier with every lexicon or weights problem
//! reported.

use std::path::PathBuf;

use clap::Args;
use clickbait::{Classifier, Lexicon};

use crate::status::{warn, Reported, USAGE};

/// Which lexicons, weights and threshold to score with.
#[derive(Args, Clone, Debug, Default)]
pub struct ModelArgs {
    /// Probability in [0, 1] at or above which a title is flagged
    /// [default: the weights' threshold, 0.5].
    #[arg(long, value_name = "X", value_parser = parse_threshold)]
    pub threshold: Option<f32>,
    /// A lexicon file (TOML) added after the default lexicons; repeatable.
    #[arg(long = "lexicon", value_name = "FILE")]
    pub lexicons: Vec<PathBuf>,
    /// Leave the built-in English and Chinese lexicons out.
    #[arg(long)]
    pub no_default_lexicons: bool,
    /// A weights file (TOML) replacing the default model weights.
    #[arg(long, value_name = "FILE")]
    pub weights: Option<PathBuf>,
}

/// The model options of `clickbait lexicon`: the lexicons and weights to list,
/// without `--threshold`, which a listing has no use for.
#[derive(Args, Clone, Debug, Default)]
pub struct ListModelArgs {
    /// A lexicon file (TOML) added after the default lexicons; repeatable.
    #[arg(long = "lexicon", value_name = "FILE")]
    pub lexicons: Vec<PathBuf>,
    /// Leave the built-in English and Chinese lexicons out.
    #[arg(long)]
    pub no_default_lexicons: bool,
    /// A weights file (TOML): the weights it sets for phrases are listed,
    /// with their line in it, and its mined entries too.
    #[arg(long, value_name = "FILE")]
    pub weights: Option<PathBuf>,
}

impl From<&ListModelArgs> for ModelArgs {
    fn from(a: &ListModelArgs) -> ModelArgs {
        ModelArgs {
            threshold: None,
            lexicons: a.lexicons.clone(),
            no_default_lexicons: a.no_default_lexicons,
            weights: a.weights.clone(),
        }
    }
}

/// Parses a threshold, rejecting NaN and values outside [0, 1].
fn parse_threshold(s: &str) -> Result<f32, String> {
    let x: f32 = s
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a number"))?;
    if (0.0..=1.0).contains(&x) {
        Ok(x)
    } else {
        Err(format!("{s} is outside [0, 1]"))
    }
}

impl ModelArgs {
    /// Builds the classifier. Every problem in every lexicon or weights file is
    /// printed on stderr (`file:line: message`) before failing with exit 2.
    pub fn build(&self) -> anyhow::Result<Classifier> {
        let mut errors = Vec::new();
        let mut builder = Classifier::builder();
        if self.no_default_lexicons {
            builder = builder.no_default_lexicons();
        }
        for path in &self.lexicons {
            match Lexicon::from_file(path) {
                Ok(lex) => builder = builder.add_lexicon(lex),
                Err(e) => errors.push(e),
            }
        }
        if let Some(path) = &self.weights {
            match builder.clone().weights_file(path) {
                Ok(b) => builder = b,
                Err(e) => errors.push(e),
            }
        }
        if let Some(t) = self.threshold {
            builder = builder.threshold(t);
        }
        if errors.is_empty() {
            match builder.build() {
                Ok(c) => return Ok(c),
                Err(e) => errors.push(e),
            }
        }
        for e in errors {
            for line in e.to_string().lines() {
                warn(line);
            }
        }
        Err(Reported(USAGE).into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_are_checked() {
        assert_eq!(parse_threshold("0.7"), Ok(0.7));
        assert!(parse_threshold("1.5").is_err());
        assert!(parse_threshold("NaN").is_err());
        assert!(parse_threshold("x").is_err());
    }
}
