//! `clickbait score`: stream a file through the classifier, in input order.

use std::collections::HashSet;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use clickbait::Classifier;

use crate::io::columns::{require, Needed};
use crate::io::input::{Chunk, Header, InputArgs, InputFormat, CHUNK_RECORDS};
use crate::io::output::{is_reserved, Formatter, Outcome, OutputFormat, RESERVED};
use crate::io::progress;
use crate::io::reader::RecordReader;
use crate::io::record::{decode, Fields, Record};
use crate::model::ModelArgs;
use crate::pool::{run_ordered, thread_count};
use crate::status::{warn, Status};

/// Options of `clickbait score`.
#[derive(Args, Debug)]
pub struct ScoreArgs {
    /// Input file; `-` or absent reads standard input.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    #[command(flatten)]
    /// How to read the input.
    pub input: InputArgs,
    /// Output format. Every record carries the input's columns/fields, then
    /// `score` and `is_clickbait` (JSONL error records: `error` and `line`
    /// instead). CSV/TSV columns: the input's, `score`, `is_clickbait`, with
    /// --explain `hits` and `signals`, with --errors-column `error` and `line`
    /// (a failed row otherwise has empty score cells; its message is on
    /// stderr). TSV output cannot hold tabs or newlines inside a field: they
    /// are replaced by spaces.
    ///
    /// Reserved names: `score`, `is_clickbait`, `hits`, `signals`, `error` and
    /// `line` are added by this command (whether or not --explain is given), so
    /// the input must not use them. A TSV/CSV header with such a column is a
    /// usage error (exit 2, nothing scored); a JSONL object with such a field
    /// becomes an error record without the clashing fields (exit 1).
    ///
    /// JSONL input with CSV/TSV output: the columns are the fields of the first
    /// JSON object. A later object missing some of them gets empty cells; one
    /// with a field not among them becomes an error record (exit 1) rather than
    /// losing that field: use --format jsonl to keep every field.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<OutputFormat>,
    /// Write the records to FILE instead of standard output. (`--output
    /// jsonl|csv|tsv`, the old spelling of --format, still works, with a
    /// warning.)
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// CSV/TSV output: add the `error` and `line` columns (empty on scored
    /// rows). JSONL error records always carry them.
    #[arg(long)]
    pub errors_column: bool,
    /// Add `hits` (phrase, category, start/end byte offsets into the title,
    /// weight, contribution, context) and `signals` to every record.
    #[arg(long)]
    pub explain: bool,
    /// Worker threads, 1 to 65535 [default: every core]; 1 runs single-threaded
    /// and 0 is rejected (exit 2). If the system cannot start that many threads,
    /// the run stops before scoring or writing anything, with a message and exit
    /// status 2.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    #[command(flatten)]
    /// Lexicons, weights and threshold.
    pub model: ModelArgs,
}

/// What scoring one chunk produced.
struct ChunkOut {
    /// The formatted records.
    bytes: Vec<u8>,
    /// `FILE:LINE: message` for each record that failed.
    errors: Vec<String>,
    /// How many records the chunk held.
    records: usize,
}

/// Everything a worker needs, shared read-only.
struct Job<'a> {
    /// The classifier.
    classifier: &'a Classifier,
    /// Formats the output records.
    formatter: &'a Formatter,
    /// The input format.
    format: InputFormat,
    /// The TSV/CSV header.
    header: Option<&'a Header>,
    /// The title column or field.
    column: &'a str,
    /// The input's name for messages.
    name: &'a str,
    /// Whether to return full verdicts.
    explain: bool,
    /// JSONL input with CSV/TSV output: the fields that have a column, and
    /// where those columns came from (for messages).
    columns: Option<(HashSet<String>, String)>,
}

impl Job<'_> {
    /// Decodes, scores and formats one chunk.
    fn run(&self, chunk: Chunk) -> ChunkOut {
        let mut out = ChunkOut {
            bytes: Vec::with_capacity(chunk.len() * 96),
            errors: Vec::new(),
            records: chunk.len(),
        };
        let threshold = self.classifier.threshold();
        for raw in chunk.into_records() {
            let rec = decode(raw, self.format, self.header);
            let title = self.check_fields(&rec).and_then(|()| match self.format {
                InputFormat::Lines => rec.text(None, "title"),
                _ => rec.text(self.header, self.column),
            });
            match title {
                Ok(t) if self.explain => {
                    let v = self.classifier.score(t);
                    let o = Outcome::Scored {
                        score: v.score,
                        is_clickbait: v.is_clickbait,
                        verdict: Some(&v),
                    };
                    self.formatter.write(&mut out.bytes, &rec, self.header, o);
                }
                Ok(t) => {
                    let score = self.classifier.score_value(t);
                    let o = Outcome::Scored {
                        score,
                        is_clickbait: score >= threshold,
                        verdict: None,
                    };
                    self.formatter.write(&mut out.bytes, &rec, self.header, o);
                }
                Err(msg) => {
                    out.errors
                        .push(format!("{}:{}: {msg}", self.name, rec.line));
                    let o = Outcome::Error(&msg);
                    self.formatter.write(&mut out.bytes, &rec, self.header, o);
                }
            }
        }
        out
    }

    /// Refuses a JSONL object whose fields the output cannot carry unchanged:
    /// a field with a reserved name, or (CSV/TSV output) a field with no column.
    fn check_fields(&self, rec: &Record) -> Result<(), String> {
        let Fields::Object(map) = &rec.fields else {
            return Ok(());
        };
        let clashes: Vec<&String> = map.keys().filter(|k| is_reserved(k)).collect();
        if !clashes.is_empty() {
            return Err(if clashes.len() == 1 {
                format!(
                    "input field {:?} clashes with an output field of clickbait score; rename it",
                    clashes[0]
                )
            } else {
                format!(
                    "input fields {} clash with output fields of clickbait score; rename them",
                    quoted_list(&clashes)
                )
            });
        }
        if let Some((columns, origin)) = &self.columns {
            let extra: Vec<&String> = map.keys().filter(|k| !columns.contains(*k)).collect();
            if !extra.is_empty() {
                let (what, verb) = if extra.len() == 1 {
                    ("field", "is")
                } else {
                    ("fields", "are")
                };
                return Err(format!(
                    "{what} {} {verb} not among {origin}; use --format jsonl to keep every field",
                    quoted_list(&extra)
                ));
            }
        }
        Ok(())
    }
}

/// `"a", "b"`: names quoted for a message.
fn quoted_list(names: &[&String]) -> String {
    names
        .iter()
        .map(|n| format!("{n:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Refuses a TSV/CSV header with a repeated column name or a column named like
/// an output field.
///
/// # Errors
/// Names every clashing column (exit 2: a usage problem, found before scoring).
fn check_header(name: &str, header: Option<&Header>) -> anyhow::Result<()> {
    // A repeated column name would become a repeated JSON key: one value lost.
    if let Some(h) = header {
        let mut seen = std::collections::HashSet::new();
        let repeated: Vec<&String> = h
            .names
            .iter()
            .filter(|n| !seen.insert(n.as_str()))
            .collect();
        if !repeated.is_empty() {
            anyhow::bail!(
                "{name}: header names {} more than once; give every column its own name",
                quoted_list(&repeated)
            );
        }
    }
    let clashes: Vec<&String> = header
        .map(|h| h.names.iter().filter(|n| is_reserved(n)).collect())
        .unwrap_or_default();
    match clashes.len() {
        0 => Ok(()),
        1 => anyhow::bail!(
            "{name}: header column {:?} clashes with an output field of clickbait score \
             (reserved: {}); rename it",
            clashes[0],
            RESERVED.join(", ")
        ),
        _ => anyhow::bail!(
            "{name}: header columns {} clash with output fields of clickbait score \
             (reserved: {}); rename them",
            quoted_list(&clashes),
            RESERVED.join(", ")
        ),
    }
}

/// The input columns that CSV/TSV output carries, and (JSONL) a description
/// of where they came from, for messages about fields left without a column.
fn output_columns(
    format: InputFormat,
    header: Option<&Header>,
    first: Option<&Chunk>,
    column: &str,
) -> (Vec<String>, String) {
    match format {
        InputFormat::Lines => (vec!["title".to_string()], String::new()),
        InputFormat::Tsv | InputFormat::Csv => (
            header.map(|h| h.names.clone()).unwrap_or_default(),
            String::new(),
        ),
        // JSONL: the fields of the first object in the first chunk, less the
        // reserved names (that object is an error record, reporting the clash).
        InputFormat::Jsonl => first
            .into_iter()
            .flat_map(Chunk::lines)
            .find_map(
                |(line, bytes)| match serde_json::from_slice::<serde_json::Value>(bytes) {
                    Ok(serde_json::Value::Object(map)) => Some((
                        map.keys().filter(|k| !is_reserved(k)).cloned().collect(),
                        format!("the columns taken from the first record (line {line})"),
                    )),
                    _ => None,
                },
            )
            .unwrap_or_else(|| {
                (
                    vec![column.to_string()],
                    format!(
                        "the output columns (only {column:?}: the first {} records held \
                         no JSON object)",
                        first.map_or(0, Chunk::len)
                    ),
                )
            }),
    }
}

/// The output format and file: `--output jsonl|csv|tsv` without `--format`
/// is the old spelling of `--format` (warned about); anything else is a file.
fn output_target(args: &ScoreArgs) -> (OutputFormat, Option<&std::path::Path>) {
    let old = args.output.as_deref().and_then(|p| {
        let s = p.to_str()?;
        OutputFormat::from_str(s, false).ok().map(|f| (f, s))
    });
    match (args.format, old) {
        (None, Some((f, s))) => {
            warn(&format!(
                "clickbait score: `--output {s}` as a format is deprecated; use `--format {s}` \
                 (-o/--output names an output file)"
            ));
            (f, None)
        }
        (f, _) => (f.unwrap_or(OutputFormat::Jsonl), args.output.as_deref()),
    }
}

/// Runs `clickbait score`.
///
/// # Errors
/// Bad options, lexicons or weights, an unreadable input, or failing output.
pub fn run(args: ScoreArgs) -> anyhow::Result<Status> {
    let classifier = args.model.build()?;
    let format = args
        .input
        .input
        .unwrap_or_else(|| InputFormat::for_path(args.file.as_deref()));
    let mut reader = RecordReader::open(args.file.as_deref(), format)?;
    let name = reader.name().to_string();
    let header = reader.header().cloned();
    check_header(&name, header.as_deref())?;
    let mut first = reader.next_chunk(CHUNK_RECORDS)?;
    let title = Needed {
        role: "title",
        name: &args.input.column,
        option: "--column",
    };
    require(&name, format, header.as_deref(), first.as_ref(), &[title])?;
    let (columns, origin) = output_columns(
        format,
        header.as_deref(),
        first.as_ref(),
        &args.input.column,
    );
    let (output_format, output_file) = output_target(&args);
    let checked_columns = (format == InputFormat::Jsonl && output_format != OutputFormat::Jsonl)
        .then(|| (columns.iter().cloned().collect(), origin));
    let formatter =
        Formatter::new(output_format, args.explain, columns).with_errors_column(args.errors_column);
    let job = Job {
        classifier: &classifier,
        formatter: &formatter,
        format,
        header: header.as_deref(),
        column: &args.input.column,
        name: &name,
        explain: args.explain,
        columns: checked_columns,
    };
    let bar = progress::bar(reader.len());
    let bar_reader = bar.clone();
    let source = move || -> anyhow::Result<Option<Chunk>> {
        let chunk = match first.take() {
            Some(c) => Some(c),
            None => reader.next_chunk(CHUNK_RECORDS)?,
        };
        bar_reader.set_position(reader.bytes_read());
        Ok(chunk)
    };
    let sink_to: Box<dyn Write> = match output_file {
        Some(p) => Box::new(
            std::fs::File::create(p).with_context(|| format!("cannot write {}", p.display()))?,
        ),
        None => Box::new(io::stdout().lock()),
    };
    let mut stdout = BufWriter::with_capacity(1 << 16, sink_to);
    let (mut errors, mut started) = (0usize, false);
    let sink = |out: ChunkOut| -> anyhow::Result<()> {
        if !started && out.records > 0 {
            started = true;
            stdout.write_all(&formatter.header())?;
        }
        stdout.write_all(&out.bytes)?;
        if !out.errors.is_empty() {
            errors += out.errors.len();
            bar.suspend(|| out.errors.iter().for_each(|e| warn(e)));
        }
        Ok(())
    };
    let threads = thread_count(args.threads.map(usize::from));
    let result = run_ordered(threads, source, |chunk| job.run(chunk), sink);
    bar.finish_and_clear();
    result?;
    stdout.flush()?;
    Ok(Status::failed_if(errors > 0))
}
