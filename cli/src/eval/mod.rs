//! `clickbait eval`: metrics of the classifier on a labelled file.

mod html;
mod report;

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::time::Instant;

use clap::Args;
use clickbait::{Category, Classifier};

use crate::io::input::{Chunk, Header, InputArgs, InputFormat, RawRecord, CHUNK_RECORDS};
use crate::io::labelled::{open_labelled, parse_label};
use crate::io::record::decode;
use crate::model::ModelArgs;
use crate::pool::{run_ordered, thread_count};
use crate::status::{warn, Status};

use self::report::{print_text, Acc, Item, JsonReport, Row};

/// Options of `clickbait eval`.
#[derive(Args, Debug)]
pub struct EvalArgs {
    /// Labelled file (`-` for stdin): a `label` column (0/1), the title column
    /// and optionally `lang`; TSV, CSV or JSONL by extension or `--input`.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    /// How to read the file.
    pub input: InputArgs,
    /// Column/field holding the 0/1 label.
    #[arg(long, value_name = "NAME", default_value = "label")]
    pub label_column: String,
    /// Column/field holding the language, for per-language metrics (used when present).
    #[arg(long, value_name = "NAME", default_value = "lang")]
    pub lang_column: String,
    /// Print the metrics as one JSON object: `overall` and `by_lang`, each with
    /// n, tp, fp, tn, fn, precision, recall, f1, accuracy, roc_auc (null when
    /// undefined); with `--fp-phrases` also `fp_phrases`.
    #[arg(long)]
    pub json: bool,
    /// False-positive report for lexicon curators: the N lexicon phrases of
    /// positive weight that fire on the most label-0 rows (phrase, category,
    /// rows, share of all negatives, how many of those rows were flagged)
    /// [default N: 30]. Negative-weight (`sober`) phrases are left out.
    #[arg(
        long = "fp-phrases",
        visible_alias = "false-positive-report",
        value_name = "N",
        num_args = 0..=1,
        default_missing_value = "30"
    )]
    pub fp_phrases: Option<usize>,
    /// How many of the worst false positives and false negatives to list
    /// [default: 10 in the text report, 25 on the HTML page].
    #[arg(long, value_name = "N")]
    pub worst: Option<usize>,
    /// Also write the evaluation as one self-contained HTML page (inline CSS
    /// and SVG, no script): metrics, ROC and precision–recall curves, score
    /// histograms, confusion matrix, worst errors with their hits marked, and
    /// the phrases firing most on label-0 rows (top 30, or `--fp-phrases N`).
    /// The text or `--json` report is still printed.
    #[arg(long, value_name = "REPORT.html")]
    pub html: Option<PathBuf>,
    /// A second weights file to compare with on the HTML page (same lexicons
    /// and `--threshold`): both classifiers side by side and the titles whose
    /// verdict changed. Needs `--html`.
    #[arg(long, value_name = "OTHER_WEIGHTS.toml", requires = "html")]
    pub compare: Option<PathBuf>,
    /// Worker threads [default: every core].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    #[command(flatten)]
    /// Lexicons, weights and threshold.
    pub model: ModelArgs,
}

/// Shared read-only state of the workers.
struct Job<'a> {
    /// The classifier.
    classifier: &'a Classifier,
    /// The classifier compared with (`--compare`).
    other: Option<&'a Classifier>,
    /// The command's options.
    args: &'a EvalArgs,
    /// The input format.
    format: InputFormat,
    /// The TSV/CSV header.
    header: Option<&'a Header>,
    /// The input's name for messages.
    name: &'a str,
}

impl Job<'_> {
    /// Decodes, checks and scores one row, with the compared classifier too
    /// when there is one.
    fn row(&self, raw: RawRecord) -> (Item, Option<Row>) {
        let rec = decode(raw, self.format, self.header);
        let line = rec.line;
        let fail = |msg: String| (Item::Error(format!("{}:{line}: {msg}", self.name)), None);
        let label = match parse_label(&rec, self.header, &self.args.label_column) {
            Ok(l) => l,
            Err(m) => return fail(m),
        };
        let title = match rec.text(self.header, &self.args.input.column) {
            Ok(t) => t,
            Err(m) => return fail(m),
        };
        let lang = rec
            .text(self.header, &self.args.lang_column)
            .ok()
            .filter(|l| !l.is_empty())
            .map(str::to_string);
        let row = |c: &Classifier| {
            let (score, phrases) = self.outcome(c, label, title);
            Row {
                line,
                label,
                lang: lang.clone(),
                title: title.to_string(),
                score,
                flagged: score >= c.threshold(),
                phrases,
            }
        };
        (Item::Row(row(self.classifier)), self.other.map(row))
    }

    /// The score of `title` and, for a label-0 row when a phrase report is
    /// wanted, its distinct phrases of positive weight.
    fn outcome(&self, c: &Classifier, label: bool, title: &str) -> (f32, Vec<(String, Category)>) {
        let wanted = self.args.fp_phrases.is_some() || self.args.html.is_some();
        if label || !wanted {
            return (c.score_value(title), Vec::new());
        }
        let v = c.score(title);
        // Only phrases that push scores up can cause a false positive:
        // negative-weight (`sober`) entries and zero-weight ones are noise
        // for someone pruning the lexicon.
        let mut p: Vec<_> = v
            .hits
            .iter()
            .filter(|h| h.weight > 0.0)
            .map(|h| (h.phrase.clone(), h.category))
            .collect();
        p.sort();
        p.dedup();
        (v.score, p)
    }
}

/// What `--weights` names on the page: the file name, or the defaults.
fn weights_name(path: Option<&PathBuf>) -> String {
    path.map_or_else(
        || "default weights".to_string(),
        |p| {
            p.file_name().map_or_else(
                || p.display().to_string(),
                |f| f.to_string_lossy().into_owned(),
            )
        },
    )
}

/// Runs `clickbait eval`.
///
/// # Errors
/// Bad options, lexicons or weights, an unreadable input, or failing output.
pub fn run(args: EvalArgs) -> anyhow::Result<Status> {
    let classifier = args.model.build()?;
    let other = match &args.compare {
        Some(path) => {
            let mut model = args.model.clone();
            model.weights = Some(path.clone());
            Some(model.build()?)
        }
        None => None,
    };
    let started = Instant::now();
    let (mut reader, format) = open_labelled("eval", &args.file, &args.input, &args.label_column)?;
    let name = reader.name().to_string();
    let header = reader.header().cloned();
    let job = Job {
        classifier: &classifier,
        other: other.as_ref(),
        args: &args,
        format,
        header: header.as_deref(),
        name: &name,
    };
    let text_worst = args.worst.unwrap_or(10);
    let html_worst = args.worst.unwrap_or(25);
    let k = if args.html.is_some() {
        text_worst.max(html_worst)
    } else {
        text_worst
    };
    let mut acc = Acc::default();
    let mut acc_other = Acc::default();
    let mut changes = html::Changes::default();
    run_ordered(
        thread_count(args.threads.map(usize::from)),
        move || reader.next_chunk(CHUNK_RECORDS),
        |chunk: Chunk| {
            chunk
                .into_records()
                .into_iter()
                .map(|r| job.row(r))
                .collect::<Vec<_>>()
        },
        |items| {
            for (item, other) in items {
                if let (Item::Row(a), Some(b)) = (&item, other) {
                    changes.add(a, &b);
                    acc_other.add(Item::Row(b), k);
                }
                acc.add(item, k);
            }
            Ok(())
        },
    )?;
    let mut out = BufWriter::new(io::stdout().lock());
    if args.json {
        let report = JsonReport {
            overall: acc.overall.metrics(),
            by_lang: acc
                .by_lang
                .iter()
                .map(|(l, t)| (l.clone(), t.metrics()))
                .collect(),
            fp_phrases: args.fp_phrases.map(|n| acc.phrase_report(n)),
        };
        serde_json::to_writer(&mut out, &report)?;
        writeln!(out)?;
    } else {
        print_text(
            &mut out,
            &acc,
            args.fp_phrases,
            text_worst,
            &name,
            &classifier,
        )?;
    }
    out.flush()?;
    if let Some(path) = &args.html {
        let mut sides = vec![html::Side {
            name: weights_name(args.model.weights.as_ref()),
            classifier: &classifier,
            acc: &acc,
        }];
        if let Some(c) = &other {
            sides.push(html::Side {
                name: weights_name(args.compare.as_ref()),
                classifier: c,
                acc: &acc_other,
            });
        }
        let page = html::Page {
            input: &name,
            sides,
            changes: other.as_ref().map(|_| &changes),
            worst: html_worst,
            phrases: args.fp_phrases.unwrap_or(30),
        };
        let bytes = html::write(path, &page)?;
        warn(&format!(
            "wrote {} ({} KB) in {:.2} s",
            path.display(),
            bytes.div_ceil(1024),
            started.elapsed().as_secs_f64()
        ));
    }
    Ok(Status::failed_if(acc.errors > 0))
}
