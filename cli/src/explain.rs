//! `clickbait explain`: a breakdown of each title's score, for a person to
//! read or (`--json`) as data; titles from the command line, a file or stdin.

use std::io::{self, BufWriter, Write};
use std::ops::Range;
use std::path::PathBuf;

use clap::Args;
use clickbait::{Classifier, Verdict};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use crate::io::columns::{require, Needed};
use crate::io::highlight::{highlight, Style};
use crate::io::input::{Chunk, Header, InputArgs, InputFormat};
use crate::io::reader::RecordReader;
use crate::io::record::decode;
use crate::model::ModelArgs;
use crate::pool::{run_ordered, thread_count};
use crate::status::{warn, Status};

/// Options of `clickbait explain`.
#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// Titles to explain; without any, the titles of --file, or of stdin.
    #[arg(value_name = "TITLE")]
    pub titles: Vec<String>,
    /// Read the titles from FILE (`-`: stdin) like `score` does: lines, TSV,
    /// CSV or JSONL, the title in --column. Empty titles are skipped; a record
    /// without a title is reported on stderr as FILE:LINE: message (exit 1).
    #[arg(short = 'f', long, value_name = "FILE", conflicts_with = "titles")]
    pub file: Option<PathBuf>,
    #[command(flatten)]
    /// How to read --file or stdin.
    pub input: InputArgs,
    /// One JSON object per title instead of text: `title`, then the verdict's
    /// fields (`score`, `is_clickbait`, `logit`, `bias`, `language`, `hits` in
    /// the JSON shape of a hit, `signals`) and the `threshold` used.
    #[arg(long)]
    pub json: bool,
    /// Worker threads, 1 to 65535 [default: every core].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    #[command(flatten)]
    /// Lexicons, weights and threshold.
    pub model: ModelArgs,
}

/// One title explained, as `--json` writes it.
#[derive(Serialize)]
struct Explained<'a> {
    /// The title as given.
    title: &'a str,
    /// The verdict's fields.
    #[serde(flatten)]
    verdict: &'a Verdict,
    /// The threshold `is_clickbait` was decided with.
    threshold: f32,
}

/// `text` padded with spaces to `width` terminal columns (CJK characters
/// take two), so that the columns after it line up.
fn pad(text: &str, width: usize) -> String {
    let w = text.width();
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
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
            "    {} {:<10} weight {:+.2}  context {:<12} → {:+.2}\n",
            pad(&format!("\"{}\"", h.phrase), 28),
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

/// Everything a worker needs to explain a chunk of records.
struct Job<'a> {
    /// The classifier.
    classifier: &'a Classifier,
    /// Text or JSON.
    json: bool,
    /// Colours or brackets.
    style: Style,
    /// The input format.
    format: InputFormat,
    /// The TSV/CSV header.
    header: Option<&'a Header>,
    /// The title column or field.
    column: &'a str,
    /// The input's name for messages.
    name: &'a str,
}

impl Job<'_> {
    /// One title explained, as text or a JSON line.
    fn one(&self, title: &str) -> String {
        let v = self.classifier.score(title);
        let threshold = self.classifier.threshold();
        if self.json {
            let e = Explained {
                title,
                verdict: &v,
                threshold,
            };
            // Serializing strings and numbers cannot fail.
            serde_json::to_string(&e).unwrap_or_default() + "\n"
        } else {
            render(title, &v, threshold, self.style) + "\n"
        }
    }

    /// A chunk of records explained, and the errors of those without a title.
    fn chunk(&self, chunk: Chunk) -> (String, Vec<String>) {
        let (mut out, mut errors) = (String::new(), Vec::new());
        for raw in chunk.into_records() {
            let rec = decode(raw, self.format, self.header);
            let title = match self.format {
                InputFormat::Lines => rec.text(None, "title"),
                _ => rec.text(self.header, self.column),
            };
            match title {
                Ok(t) if t.trim().is_empty() => {}
                Ok(t) => out += &self.one(t),
                Err(msg) => errors.push(format!("{}:{}: {msg}", self.name, rec.line)),
            }
        }
        (out, errors)
    }
}

/// Runs `clickbait explain`.
///
/// # Errors
/// Bad options, lexicons or weights, an unreadable input, or failing output.
pub fn run(args: ExplainArgs) -> anyhow::Result<Status> {
    let classifier: Classifier = args.model.build()?;
    let mut out = BufWriter::new(io::stdout().lock());
    let mut job = Job {
        classifier: &classifier,
        json: args.json,
        style: Style::detect(),
        format: InputFormat::Lines,
        header: None,
        column: &args.input.column,
        name: "",
    };
    if !args.titles.is_empty() {
        for title in &args.titles {
            out.write_all(job.one(title).as_bytes())?;
        }
        out.flush()?;
        return Ok(Status::Ok);
    }
    let path = args.file.as_deref();
    let format = args
        .input
        .input
        .unwrap_or_else(|| InputFormat::for_path(path));
    let mut reader = RecordReader::open(path, format)?;
    let name = reader.name().to_string();
    let header = reader.header().cloned();
    let title = Needed {
        role: "title",
        name: &args.input.column,
        option: "--column",
    };
    let first = reader.peek_chunk()?;
    require(&name, format, header.as_deref(), first, &[title])?;
    job.format = format;
    job.header = header.as_deref();
    job.name = &name;
    let mut failed = false;
    run_ordered(
        thread_count(args.threads.map(usize::from)),
        move || reader.next_chunk(crate::io::input::CHUNK_RECORDS),
        |chunk| job.chunk(chunk),
        |(text, errors)| {
            out.write_all(text.as_bytes())?;
            if !errors.is_empty() {
                out.flush()?;
                failed = true;
                errors.iter().for_each(|e| warn(e));
            }
            Ok(())
        },
    )?;
    out.flush()?;
    Ok(Status::failed_if(failed))
}
