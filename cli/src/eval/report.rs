//! The totals `clickbait eval` accumulates and the report it prints from them,
//! apart from the reading and scoring so that they depend only on the rows.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use clickbait::{Category, Classifier};
use serde::Serialize;

use crate::io::highlight::{highlight, Style};
use crate::metrics::{Metrics, Tally};
use crate::status::warn;

/// One scored, labelled row.
pub struct Row {
    /// 1-based line where the row starts.
    pub line: usize,
    /// The gold label (1 = clickbait).
    pub label: bool,
    /// The row's language, if given.
    pub lang: Option<String>,
    /// The title.
    pub title: String,
    /// The classifier's score.
    pub score: f32,
    /// Whether the score reached the threshold.
    pub flagged: bool,
    /// Distinct (phrase, category) hits, collected for label-0 rows only.
    pub phrases: Vec<(String, Category)>,
}

/// What a worker produces for one record.
pub enum Item {
    /// A usable row.
    Row(Row),
    /// `FILE:LINE: message`.
    Error(String),
}

/// A misclassified example kept for the report.
#[derive(Clone)]
pub struct Example {
    /// The classifier's score.
    pub score: f32,
    /// 1-based line of the row.
    pub line: usize,
    /// The title.
    pub title: String,
}

/// How often a phrase fired on negatives.
#[derive(Default, Clone, Copy)]
struct PhraseStat {
    /// Negative rows the phrase fired on.
    rows: u64,
    /// How many of those rows were flagged.
    flagged: u64,
}

/// A line of the false-positive phrase report.
#[derive(Serialize)]
pub struct PhraseLine {
    /// The lexicon phrase.
    pub phrase: String,
    /// Its category.
    pub category: &'static str,
    /// Negative rows it fired on.
    pub count: u64,
    /// `count` over all negative rows.
    pub share: f64,
    /// How many of those rows were flagged (false positives).
    pub flagged: u64,
}

/// The running totals.
#[derive(Default)]
pub struct Acc {
    /// Counts over every row.
    pub overall: Tally,
    /// Counts per `lang` value.
    pub by_lang: BTreeMap<String, Tally>,
    /// Highest-scoring false positives.
    worst_fp: Vec<Example>,
    /// Lowest-scoring false negatives.
    worst_fn: Vec<Example>,
    /// Phrase firings on negative rows.
    phrases: HashMap<(String, Category), PhraseStat>,
    /// Negative rows seen.
    negatives: u64,
    /// Rows that could not be evaluated.
    pub errors: usize,
}

/// Adds `ex` to `list`, keeping the `k` worst (highest or lowest scores).
fn keep_worst(list: &mut Vec<Example>, ex: Example, k: usize, higher_is_worse: bool) {
    list.push(ex);
    list.sort_by(|a, b| {
        let o = a.score.total_cmp(&b.score);
        (if higher_is_worse { o.reverse() } else { o }).then(a.line.cmp(&b.line))
    });
    list.truncate(k);
}

impl Acc {
    /// Adds one worker result (printing it if it is an error); `k` bounds the example lists.
    pub fn add(&mut self, item: Item, k: usize) {
        let row = match item {
            Item::Row(r) => r,
            Item::Error(e) => {
                self.errors += 1;
                warn(&e);
                return;
            }
        };
        self.overall.add(row.score, row.label, row.flagged);
        if let Some(lang) = &row.lang {
            self.by_lang
                .entry(lang.clone())
                .or_default()
                .add(row.score, row.label, row.flagged);
        }
        if !row.label {
            self.negatives += 1;
            for p in row.phrases {
                let stat = self.phrases.entry(p).or_default();
                stat.rows += 1;
                stat.flagged += u64::from(row.flagged);
            }
        }
        if row.label != row.flagged {
            let ex = Example {
                score: row.score,
                line: row.line,
                title: row.title,
            };
            if row.flagged {
                keep_worst(&mut self.worst_fp, ex, k, true);
            } else {
                keep_worst(&mut self.worst_fn, ex, k, false);
            }
        }
    }

    /// The highest-scoring false positives, worst first.
    pub fn worst_fp(&self) -> &[Example] {
        &self.worst_fp
    }

    /// The lowest-scoring false negatives, worst first.
    pub fn worst_fn(&self) -> &[Example] {
        &self.worst_fn
    }

    /// Label-0 rows seen.
    pub fn negatives(&self) -> u64 {
        self.negatives
    }

    /// The top `n` phrases by rows fired on negatives.
    pub fn phrase_report(&self, n: usize) -> Vec<PhraseLine> {
        let mut lines: Vec<PhraseLine> = self
            .phrases
            .iter()
            .map(|((phrase, cat), s)| PhraseLine {
                phrase: phrase.clone(),
                category: cat.as_str(),
                count: s.rows,
                share: s.rows as f64 / self.negatives.max(1) as f64,
                flagged: s.flagged,
            })
            .collect();
        lines.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then(b.flagged.cmp(&a.flagged))
                .then(a.phrase.cmp(&b.phrase))
        });
        lines.truncate(n);
        lines
    }
}

/// The JSON report.
#[derive(Serialize)]
pub struct JsonReport {
    /// Metrics over every row.
    pub overall: Metrics,
    /// Metrics per `lang` value.
    pub by_lang: BTreeMap<String, Metrics>,
    #[serde(skip_serializing_if = "Option::is_none")]
    /// The false-positive phrase report, when asked for.
    pub fp_phrases: Option<Vec<PhraseLine>>,
}

/// A metric as text: 4 decimals, or `n/a`.
fn num(x: Option<f64>) -> String {
    x.map_or_else(|| "n/a".to_string(), |v| format!("{v:.4}"))
}

/// One row of the metrics table.
fn table_row(name: &str, m: &Metrics) -> String {
    format!(
        "{name:<10} {:>7} {:>6} {:>6} {:>6} {:>6} {:>9} {:>7} {:>7} {:>8} {:>7}",
        m.n,
        m.tp,
        m.fp,
        m.tn,
        m.fn_,
        num(m.precision),
        num(m.recall),
        num(m.f1),
        num(m.accuracy),
        num(m.roc_auc)
    )
}

/// Writes the human-readable report; `fp_phrases` is `--fp-phrases`, `worst`
/// how many of each kind of error to list.
pub fn print_text(
    out: &mut impl Write,
    acc: &Acc,
    fp_phrases: Option<usize>,
    worst: usize,
    name: &str,
    classifier: &Classifier,
) -> io::Result<()> {
    let style = Style::detect();
    let m = acc.overall.metrics();
    writeln!(
        out,
        "{name}: {} rows scored, {} errors, threshold {:.2}\n",
        m.n,
        acc.errors,
        classifier.threshold()
    )?;
    writeln!(
        out,
        "{:<10} {:>7} {:>6} {:>6} {:>6} {:>6} {:>9} {:>7} {:>7} {:>8} {:>7}",
        "group", "n", "tp", "fp", "tn", "fn", "precision", "recall", "f1", "accuracy", "roc_auc"
    )?;
    writeln!(out, "{}", table_row("overall", &m))?;
    for (lang, t) in &acc.by_lang {
        writeln!(out, "{}", table_row(lang, &t.metrics()))?;
    }
    writeln!(out, "\nconfusion matrix (overall)")?;
    writeln!(out, "              predicted 1  predicted 0")?;
    writeln!(out, "  actual 1  {:>11}  {:>11}", m.tp, m.fn_)?;
    writeln!(out, "  actual 0  {:>11}  {:>11}", m.fp, m.tn)?;
    let lists = [
        (
            "worst false positives (label 0, highest scores)",
            &acc.worst_fp,
        ),
        (
            "worst false negatives (label 1, lowest scores)",
            &acc.worst_fn,
        ),
    ];
    for (title, list) in lists {
        writeln!(out, "\n{title}")?;
        if list.is_empty() {
            writeln!(out, "  none")?;
        }
        for ex in list.iter().take(worst) {
            let v = classifier.score(&ex.title);
            let spans: Vec<_> = v.hits.iter().map(|h| h.span.clone()).collect();
            writeln!(
                out,
                "  {:.3}  line {:<6} {}",
                ex.score,
                ex.line,
                highlight(&ex.title, &spans, style)
            )?;
            let hits: Vec<String> = v
                .hits
                .iter()
                .map(|h| format!("{} ({} {:+.2})", h.phrase, h.category, h.contribution))
                .collect();
            let hits = if hits.is_empty() {
                "none".to_string()
            } else {
                hits.join(", ")
            };
            writeln!(out, "         hits: {hits}")?;
        }
    }
    if let Some(n) = fp_phrases {
        writeln!(
            out,
            "\nphrases firing on negatives (label 0, {} rows)",
            acc.negatives
        )?;
        writeln!(
            out,
            "  {:<30} {:<11} {:>6} {:>7} {:>8}",
            "phrase", "category", "rows", "share", "flagged"
        )?;
        for p in acc.phrase_report(n) {
            writeln!(
                out,
                "  {:<30} {:<11} {:>6} {:>6.2}% {:>8}",
                p.phrase,
                p.category,
                p.count,
                p.share * 100.0,
                p.flagged
            )?;
        }
    }
    Ok(())
}
