//! What input is, for every command that reads records: the formats, the
//! options that choose them, and records as read (raw bytes, a header, chunks
//! of records for the workers) before anything decodes them.

use std::path::Path;

use clap::{Args, ValueEnum};

/// How many records a chunk holds: the unit of parallel work.
pub const CHUNK_RECORDS: usize = 4096;

/// The layout of an input file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// One title per line.
    Lines,
    /// Tab-separated values with a header row; no quoting at all.
    Tsv,
    /// RFC 4180 comma-separated values with a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

impl InputFormat {
    /// The format implied by a file name: `.tsv`, `.csv`, `.jsonl`/`.ndjson`,
    /// otherwise `lines`.
    pub fn for_path(path: Option<&Path>) -> InputFormat {
        let ext = path
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("tsv") => InputFormat::Tsv,
            Some("csv") => InputFormat::Csv,
            Some("jsonl" | "ndjson") => InputFormat::Jsonl,
            _ => InputFormat::Lines,
        }
    }
}

/// Options describing how to read the input.
#[derive(Args, Clone, Debug)]
pub struct InputArgs {
    /// Input format [default: by extension: .tsv, .csv, .jsonl/.ndjson; any
    /// other name is `lines` for score and explain, and an error for eval and
    /// fit, which need a label column: tsv, csv or jsonl]. TSV and CSV need a
    /// header row; TSV fields are split on tabs with no quote processing; CSV
    /// follows RFC 4180 quoting. A header (or first JSONL record) without the
    /// title column, or the label column for eval and fit, is a usage error
    /// (exit 2) naming the columns that are there.
    ///
    /// Blank lines: in TSV, CSV and JSONL input, empty lines (JSONL: lines of
    /// only whitespace) are skipped and are not records; in `lines` input an
    /// empty line is a record with an empty title. Either way they count in line
    /// numbers.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input: Option<InputFormat>,
    /// Column (TSV/CSV) or field (JSONL) holding the title.
    #[arg(long, value_name = "NAME", default_value = "title")]
    pub column: String,
}

/// The header row of a TSV or CSV file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// Column names, in file order.
    pub names: Vec<String>,
}

impl Header {
    /// A header with these column names.
    pub fn new(names: Vec<String>) -> Header {
        Header { names }
    }

    /// The index of the first column called `name`.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }
}

/// One record as read, not yet decoded.
#[derive(Debug)]
pub struct RawRecord {
    /// 1-based line on which the record starts.
    pub line: usize,
    /// Its bytes.
    pub body: Body,
}

/// The undecoded content of a record.
#[derive(Debug)]
pub enum Body {
    /// One line, without its line terminator (lines, TSV, JSONL).
    Text(Vec<u8>),
    /// One CSV row, already split into fields.
    Csv(csv::ByteRecord),
}

/// Up to [`CHUNK_RECORDS`] records as read: the unit of parallel work.
///
/// Line-based records stay in one buffer until the worker that scores them
/// cuts them apart ([`Chunk::into_records`]): each record's allocation is
/// then made and freed on that worker's thread. Allocated by the reader and
/// freed by a worker, they cost a fifth of all CPU time with two threads
/// (glibc's cross-thread frees), and the speed-up suffered.
#[derive(Debug)]
pub enum Chunk {
    /// Lines, TSV and JSONL: the records' bytes back to back, and each
    /// record's line number and byte range in them.
    Text {
        /// The records' bytes.
        bytes: Vec<u8>,
        /// Line number and range in `bytes` of each record.
        records: Vec<(usize, std::ops::Range<usize>)>,
    },
    /// CSV records, already split into fields by the `csv` crate.
    Csv(Vec<RawRecord>),
}

impl Chunk {
    /// How many records the chunk holds.
    pub fn len(&self) -> usize {
        match self {
            Chunk::Text { records, .. } => records.len(),
            Chunk::Csv(records) => records.len(),
        }
    }

    /// Line number and bytes of each line-based record (none for CSV).
    pub fn lines(&self) -> impl Iterator<Item = (usize, &[u8])> {
        let text = match self {
            Chunk::Text { bytes, records } => Some((bytes, records)),
            Chunk::Csv(_) => None,
        };
        text.into_iter().flat_map(|(bytes, records)| {
            records
                .iter()
                .map(move |(line, range)| (*line, &bytes[range.clone()]))
        })
    }

    /// The records, each with bytes of its own.
    pub fn into_records(self) -> Vec<RawRecord> {
        match self {
            Chunk::Text { bytes, records } => records
                .into_iter()
                .map(|(line, range)| RawRecord {
                    line,
                    body: Body::Text(bytes[range].to_vec()),
                })
                .collect(),
            Chunk::Csv(records) => records,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        let f = |p: &str| InputFormat::for_path(Some(Path::new(p)));
        assert_eq!(f("a.TSV"), InputFormat::Tsv);
        assert_eq!(f("a.csv"), InputFormat::Csv);
        assert_eq!(f("a.ndjson"), InputFormat::Jsonl);
        assert_eq!(f("a.jsonl"), InputFormat::Jsonl);
        assert_eq!(f("a.txt"), InputFormat::Lines);
        assert_eq!(InputFormat::for_path(None), InputFormat::Lines);
    }
}
