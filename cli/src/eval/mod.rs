//! `clickbait eval`: metrics of the classifier on a labelled file.

mod report;

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use clap::Args;
use clickbait::Classifier;

use crate::io::input::{Chunk, Header, InputArgs, InputFormat, RawRecord, CHUNK_RECORDS};
use crate::io::labelled::{open_labelled, parse_label};
use crate::io::record::decode;
use crate::model::ModelArgs;
use crate::pool::{run_ordered, thread_count};
use crate::status::Status;

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
    /// How many of the worst false positives and false negatives to list.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub worst: usize,
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
    /// Decodes, checks and scores one row.
    fn row(&self, raw: RawRecord) -> Item {
        let rec = decode(raw, self.format, self.header);
        let line = rec.line;
        let fail = |msg: String| Item::Error(format!("{}:{line}: {msg}", self.name));
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
        let (score, mut phrases) = if !label && self.args.fp_phrases.is_some() {
            let v = self.classifier.score(title);
            // Only phrases that push scores up can cause a false positive:
            // negative-weight (`sober`) entries and zero-weight ones are noise
            // for someone pruning the lexicon.
            let p: Vec<_> = v
                .hits
                .iter()
                .filter(|h| h.weight > 0.0)
                .map(|h| (h.phrase.clone(), h.category))
                .collect();
            (v.score, p)
        } else {
            (self.classifier.score_value(title), Vec::new())
        };
        phrases.sort();
        phrases.dedup();
        Item::Row(Row {
            line,
            label,
            lang,
            title: title.to_string(),
            score,
            flagged: score >= self.classifier.threshold(),
            phrases,
        })
    }
}

/// Runs `clickbait eval`.
///
/// # Errors
/// Bad options, lexicons or weights, an unreadable input, or failing output.
pub fn run(args: EvalArgs) -> anyhow::Result<Status> {
    let classifier = args.model.build()?;
    let (mut reader, format) = open_labelled("eval", &args.file, &args.input)?;
    let name = reader.name().to_string();
    let header = reader.header().cloned();
    let job = Job {
        classifier: &classifier,
        args: &args,
        format,
        header: header.as_deref(),
        name: &name,
    };
    let mut acc = Acc::default();
    let k = args.worst;
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
            items.into_iter().for_each(|i| acc.add(i, k));
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
        print_text(&mut out, &acc, args.fp_phrases, &name, &classifier)?;
    }
    out.flush()?;
    Ok(Status::failed_if(acc.errors > 0))
}
