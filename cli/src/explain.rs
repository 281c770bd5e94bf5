//! `clickbait explain`: a human-readable breakdown of each title's score.

use std::io::{self, BufRead, BufWriter, Write};
use std::ops::Range;

use clap::Args;
use clickbait::{Classifier, Verdict};

use crate::io::highlight::{highlight, Style};
use crate::model::ModelArgs;
use crate::status::Status;

/// Options of `clickbait explain`.
#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// Titles to explain; without any, one title per line of stdin.
    #[arg(value_name = "TITLE")]
    pub titles: Vec<String>,
    #[command(flatten)]
    /// Lexicons, weights and threshold.
    pub model: ModelArgs,
}

/// The full breakdown of one verdict.
pub fn render(title: &str, v: &Verdict, threshold: f32, style: Style) -> String {
    let mut s = String::new();
    let spans: Vec<Range<usize>> = v.hits.iter().map(|h| h.span.clone()).collect();
    let verdict = if v.is_clickbait {
        "CLICKBAIT"
    } else {
        "not clickbait"
    };
    s += &format!("{}\n", highlight(title, &spans, style));
    s += &format!(
        "  score {:.3}  {}  (threshold {:.2}, language {})\n",
        v.score,
        style.bold(verdict),
        threshold,
        v.language
    );
    if v.hits.is_empty() {
        s += "  hits: none\n";
    } else {
        s += "  hits:\n";
    }
    for h in &v.hits {
        let ctx: Vec<&str> = h.context.names().collect();
        s += &format!(
            "    {:<28} {:<10} weight {:+.2}  context {:<12} → {:+.2}\n",
            format!("\"{}\"", h.phrase),
            h.category.as_str(),
            h.weight,
            if ctx.is_empty() {
                "plain".to_string()
            } else {
                ctx.join(",")
            },
            h.contribution
        );
        s += &format!(
            "      {}\n",
            highlight(title, std::slice::from_ref(&h.span), style)
        );
    }
    if v.signals.is_empty() {
        s += "  signals: none\n";
    } else {
        s += "  signals:\n";
    }
    for sig in &v.signals {
        s += &format!(
            "    {:<14} ×{:<3} → {:+.2}\n",
            sig.signal.as_str(),
            sig.count,
            sig.contribution
        );
    }
    s += &format!("  logit = {:+.2} bias\n", v.bias);
    for h in &v.hits {
        s += &format!("        {:+.2} {}\n", h.contribution, h.phrase);
    }
    for sig in &v.signals {
        s += &format!(
            "        {:+.2} {} ×{}\n",
            sig.contribution, sig.signal, sig.count
        );
    }
    s += &format!("        = {:+.2} logit → score {:.3}\n", v.logit, v.score);
    s
}

/// Runs `clickbait explain`.
///
/// # Errors
/// Bad lexicon options, unreadable stdin, or failing output.
pub fn run(args: ExplainArgs) -> anyhow::Result<Status> {
    let classifier: Classifier = args.model.build()?;
    let style = Style::detect();
    let mut out = BufWriter::new(io::stdout().lock());
    let explain = |title: &str, out: &mut BufWriter<io::StdoutLock>| -> io::Result<()> {
        let v = classifier.score(title);
        writeln!(out, "{}", render(title, &v, classifier.threshold(), style))
    };
    if args.titles.is_empty() {
        let stdin = io::stdin().lock();
        let mut first = true;
        for line in stdin.split(b'\n') {
            let bytes = line?;
            let text = String::from_utf8_lossy(&bytes);
            let mut title = text.strip_suffix('\r').unwrap_or(&text);
            if first {
                title = title.strip_prefix('\u{FEFF}').unwrap_or(title);
                first = false;
            }
            if !title.trim().is_empty() {
                explain(title, &mut out)?;
            }
        }
    } else {
        for title in &args.titles {
            explain(title, &mut out)?;
        }
    }
    out.flush()?;
    Ok(Status::Ok)
}
