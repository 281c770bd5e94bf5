//! Opening the input and cutting it into raw records, without decoding them,
//! so that decoding (and its errors) happens per record on the workers.
//!
//! Reading is byte-based (`read_until(b'\n')`), so invalid UTF-8 on one line
//! becomes an error for that record alone, never for the run.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use anyhow::Context as _;

use crate::io::input::{Body, Chunk, Header, InputFormat, RawRecord, CHUNK_RECORDS};

/// The UTF-8 byte order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A reader that counts the bytes passing through it (for the progress bar)
/// and, for CSV, notes where the line breaks are.
struct Counted<R> {
    /// The wrapped reader.
    inner: R,
    /// Bytes read so far.
    count: Arc<AtomicU64>,
    /// CSV only: the line breaks seen.
    breaks: Option<Arc<Mutex<LineBreaks>>>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let base = self.count.fetch_add(n as u64, Ordering::Relaxed);
        if let Some(breaks) = &self.breaks {
            let mut breaks = breaks.lock().unwrap_or_else(|e| e.into_inner());
            for (i, &b) in buf[..n].iter().enumerate() {
                if b == b'\n' || b == b'\r' {
                    breaks.pending.push_back((base + i as u64, b == b'\n'));
                }
            }
        }
        Ok(n)
    }
}

/// The `\r` and `\n` bytes of CSV input, for exact line numbers: the `csv`
/// crate starts a record's position before the blank lines it skips and
/// before the `\n` of a CRLF, so its line numbers run short.
#[derive(Debug, Default)]
struct LineBreaks {
    /// Offset and is-`\n` of each `\r`/`\n` read but not yet passed.
    pending: VecDeque<(u64, bool)>,
    /// The `\n` bytes already passed.
    newlines: usize,
}

impl LineBreaks {
    /// The 1-based line of a record that the `csv` crate says starts at byte
    /// `start`: line breaks at the start are skipped, as the parser does.
    /// Starts must come in increasing order.
    fn line_of(&mut self, start: u64) -> usize {
        let mut start = start;
        while let Some(&(at, newline)) = self.pending.front() {
            if at > start {
                break;
            }
            if at == start {
                start += 1;
            }
            self.newlines += usize::from(newline);
            self.pending.pop_front();
        }
        self.newlines + 1
    }
}

/// A boxed byte source.
type Src = Box<dyn Read + Send>;

/// Where the bytes come from.
enum Inner {
    /// Line-based formats.
    Text(BufReader<Src>),
    /// CSV, read by the `csv` crate.
    Csv(csv::Reader<Src>),
}

/// Reads an input file record by record.
pub struct RecordReader {
    /// Name used in messages (`<stdin>` for standard input).
    name: String,
    /// The input format.
    format: InputFormat,
    /// The byte source.
    inner: Inner,
    /// The TSV/CSV header, read on opening.
    header: Option<Arc<Header>>,
    /// Lines consumed so far (text formats).
    line: usize,
    /// CSV: the line breaks, for record line numbers.
    breaks: Arc<Mutex<LineBreaks>>,
    /// Bytes consumed so far.
    read: Arc<AtomicU64>,
    /// The input's size in bytes, when known.
    len: Option<u64>,
    /// A chunk read ahead by [`RecordReader::peek_chunk`], returned next.
    pending: Option<Chunk>,
    /// The rest of a peeked chunk once [`RecordReader::next_record`] has
    /// started taking records from it.
    queued: VecDeque<RawRecord>,
}

/// The display name of `path` (`<stdin>` for `-` or none).
pub fn display_name(path: Option<&Path>) -> String {
    match path {
        Some(p) if p != Path::new("-") => p.display().to_string(),
        _ => "<stdin>".to_string(),
    }
}

impl RecordReader {
    /// Opens `path` (`-` or `None`: stdin) and, for TSV and CSV, reads the header.
    ///
    /// # Errors
    /// The file cannot be opened or its header cannot be read.
    pub fn open(path: Option<&Path>, format: InputFormat) -> anyhow::Result<RecordReader> {
        let name = display_name(path);
        let (src, len): (Src, Option<u64>) = match path {
            Some(p) if p != Path::new("-") => {
                let f = File::open(p).with_context(|| format!("cannot open {name}"))?;
                let len = f.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
                (Box::new(f), len)
            }
            _ => (Box::new(io::stdin()), None),
        };
        let read = Arc::new(AtomicU64::new(0));
        let breaks = Arc::new(Mutex::new(LineBreaks::default()));
        let src: Src = Box::new(Counted {
            inner: src,
            count: Arc::clone(&read),
            breaks: (format == InputFormat::Csv).then(|| Arc::clone(&breaks)),
        });
        let inner = match format {
            InputFormat::Csv => Inner::Csv(
                csv::ReaderBuilder::new()
                    .has_headers(false)
                    .flexible(true)
                    .from_reader(src),
            ),
            _ => Inner::Text(BufReader::with_capacity(1 << 16, src)),
        };
        let mut reader = RecordReader {
            name,
            format,
            inner,
            header: None,
            line: 0,
            breaks,
            read,
            len,
            pending: None,
            queued: VecDeque::new(),
        };
        reader.header = reader.read_header()?.map(Arc::new);
        Ok(reader)
    }

    /// The input's name for messages.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The header row (TSV and CSV with at least one line).
    pub fn header(&self) -> Option<&Arc<Header>> {
        self.header.as_ref()
    }

    /// Bytes consumed so far.
    pub fn bytes_read(&self) -> u64 {
        self.read.load(Ordering::Relaxed)
    }

    /// The input's size in bytes, when it is a regular file.
    pub fn len(&self) -> Option<u64> {
        self.len
    }

    /// Reads the header row of TSV and CSV input (`None` when the input is empty).
    fn read_header(&mut self) -> anyhow::Result<Option<Header>> {
        match self.format {
            InputFormat::Lines | InputFormat::Jsonl => Ok(None),
            InputFormat::Tsv => Ok(self.next_line()?.map(|(_, bytes)| {
                Header::new(
                    bytes
                        .split(|&b| b == b'\t')
                        .map(|f| String::from_utf8_lossy(f).into_owned())
                        .collect(),
                )
            })),
            InputFormat::Csv => {
                let Inner::Csv(r) = &mut self.inner else {
                    unreachable!("CSV format always has a CSV reader")
                };
                let mut rec = csv::ByteRecord::new();
                let more = r
                    .read_byte_record(&mut rec)
                    .with_context(|| format!("cannot read {}", self.name))?;
                Ok(more.then(|| {
                    Header::new(
                        rec.iter()
                            .map(|f| String::from_utf8_lossy(f).into_owned())
                            .collect(),
                    )
                }))
            }
        }
    }

    /// The next physical line (number, bytes without `\n`/`\r\n`; BOM stripped
    /// from line 1).
    fn next_line(&mut self) -> anyhow::Result<Option<(usize, Vec<u8>)>> {
        let mut buf = Vec::new();
        Ok(self.append_line(&mut buf)?.map(|line| (line, buf)))
    }

    /// Appends the next physical line to `buf` (without `\n`/`\r\n`; BOM
    /// stripped from line 1) and returns its number; `None` at the end.
    fn append_line(&mut self, buf: &mut Vec<u8>) -> anyhow::Result<Option<usize>> {
        let Inner::Text(r) = &mut self.inner else {
            unreachable!("only text formats read lines")
        };
        let start = buf.len();
        let n = r
            .read_until(b'\n', buf)
            .with_context(|| format!("cannot read {}", self.name))?;
        if n == 0 {
            return Ok(None);
        }
        self.line += 1;
        if buf.last() == Some(&b'\n') {
            buf.pop();
        }
        if buf.len() > start && buf.last() == Some(&b'\r') {
            buf.pop();
        }
        if self.line == 1 && buf[start..].starts_with(BOM) {
            buf.drain(start..start + BOM.len());
        }
        Ok(Some(self.line))
    }

    /// Whether a line is no record: blank lines are skipped in TSV, CSV and
    /// JSONL; in `lines` input they are empty titles.
    fn is_blank(&self, bytes: &[u8]) -> bool {
        match self.format {
            InputFormat::Lines => false,
            InputFormat::Tsv => bytes.is_empty(),
            _ => bytes.iter().all(u8::is_ascii_whitespace),
        }
    }

    /// The next record, or `None` at the end of the input. Blank lines are
    /// skipped in TSV, CSV and JSONL; in `lines` input they are empty titles.
    ///
    /// # Errors
    /// Reading the input failed.
    pub fn next_record(&mut self) -> anyhow::Result<Option<RawRecord>> {
        if let Some(chunk) = self.pending.take() {
            self.queued.extend(chunk.into_records());
        }
        if let Some(r) = self.queued.pop_front() {
            return Ok(Some(r));
        }
        if let Inner::Csv(r) = &mut self.inner {
            let mut rec = csv::ByteRecord::new();
            let more = r
                .read_byte_record(&mut rec)
                .with_context(|| format!("cannot read {}", self.name))?;
            if !more {
                return Ok(None);
            }
            let start = rec.position().map_or(0, csv::Position::byte);
            let line = self
                .breaks
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .line_of(start);
            return Ok(Some(RawRecord {
                line,
                body: Body::Csv(rec),
            }));
        }
        while let Some((line, bytes)) = self.next_line()? {
            if !self.is_blank(&bytes) {
                return Ok(Some(RawRecord {
                    line,
                    body: Body::Text(bytes),
                }));
            }
        }
        Ok(None)
    }

    /// The first records not yet returned (up to [`CHUNK_RECORDS`]), read
    /// ahead: the next [`RecordReader::next_chunk`] returns them, whatever
    /// its `max`. Lets a command look at the first JSONL record before it
    /// starts.
    ///
    /// # Errors
    /// Reading the input failed.
    pub fn peek_chunk(&mut self) -> anyhow::Result<Option<&Chunk>> {
        if self.pending.is_none() {
            self.pending = self.next_chunk(CHUNK_RECORDS)?;
        }
        Ok(self.pending.as_ref())
    }

    /// Up to `max` records; `None` at the end of the input.
    ///
    /// # Errors
    /// Reading the input failed.
    pub fn next_chunk(&mut self, max: usize) -> anyhow::Result<Option<Chunk>> {
        if let Some(chunk) = self.pending.take() {
            return Ok(Some(chunk));
        }
        if !self.queued.is_empty() {
            // What record-by-record reading left of a peeked chunk: records
            // with bytes of their own (the `Csv` shape holds any raw records).
            return Ok(Some(Chunk::Csv(self.queued.drain(..).collect())));
        }
        if let Inner::Csv(_) = self.inner {
            let mut records = Vec::with_capacity(max.min(CHUNK_RECORDS));
            while records.len() < max {
                match self.next_record()? {
                    Some(r) => records.push(r),
                    None => break,
                }
            }
            return Ok((!records.is_empty()).then_some(Chunk::Csv(records)));
        }
        let mut bytes = Vec::new();
        let mut records = Vec::with_capacity(max.min(CHUNK_RECORDS));
        while records.len() < max {
            let start = bytes.len();
            let Some(line) = self.append_line(&mut bytes)? else {
                break;
            };
            if self.is_blank(&bytes[start..]) {
                bytes.truncate(start);
            } else {
                records.push((line, start..bytes.len()));
            }
        }
        Ok((!records.is_empty()).then_some(Chunk::Text { bytes, records }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_peeked_chunk_is_read_again_by_chunks_and_by_records() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.jsonl");
        std::fs::write(&p, "{\"a\":1}\n{\"a\":2}\n").unwrap();
        let mut r = RecordReader::open(Some(&p), InputFormat::Jsonl).unwrap();
        assert_eq!(r.peek_chunk().unwrap().map(Chunk::len), Some(2));
        assert_eq!(r.next_chunk(1).unwrap().map(|c| c.len()), Some(2));
        assert!(r.next_chunk(1).unwrap().is_none());
        let mut r = RecordReader::open(Some(&p), InputFormat::Jsonl).unwrap();
        r.peek_chunk().unwrap();
        assert_eq!(r.next_record().unwrap().map(|x| x.line), Some(1));
        assert_eq!(r.next_chunk(9).unwrap().map(|c| c.len()), Some(1));
        assert!(r.next_record().unwrap().is_none());
    }

    #[test]
    fn chunks_hold_the_same_records_as_record_by_record_reading() {
        let dir = tempfile::tempdir().unwrap();
        let text = "\u{FEFF}title\r\n\r\na\n\n  \nb\r\n\"q\"\tx\n\nlast";
        for (file, format) in [
            ("a.txt", InputFormat::Lines),
            ("a.tsv", InputFormat::Tsv),
            ("a.jsonl", InputFormat::Jsonl),
            ("a.csv", InputFormat::Csv),
        ] {
            let p = dir.path().join(file);
            std::fs::write(&p, text).unwrap();
            let key = |r: RawRecord| match r.body {
                Body::Text(b) => (r.line, b),
                Body::Csv(rec) => (r.line, rec.as_slice().to_vec()),
            };
            let mut one = RecordReader::open(Some(&p), format).unwrap();
            let mut want = Vec::new();
            while let Some(r) = one.next_record().unwrap() {
                want.push(key(r));
            }
            assert!(want.len() >= 3, "{format:?}");
            let mut chunked = RecordReader::open(Some(&p), format).unwrap();
            let mut got = Vec::new();
            while let Some(chunk) = chunked.next_chunk(2).unwrap() {
                assert!(chunk.len() <= 2);
                let lines: Vec<(usize, Vec<u8>)> =
                    chunk.lines().map(|(l, b)| (l, b.to_vec())).collect();
                let records: Vec<_> = chunk.into_records().into_iter().map(key).collect();
                if format != InputFormat::Csv {
                    assert_eq!(lines, records);
                }
                got.extend(records);
            }
            assert_eq!(got, want, "{format:?}");
        }
        // And what they are, spelled out: BOM and CR LF stripped, a CR before
        // CR LF kept, blank lines counted (and, in `lines`, records).
        let p = dir.path().join("b.txt");
        std::fs::write(&p, "\u{FEFF}one\r\n\r\nx\r\r\n\n two").unwrap();
        let mut r = RecordReader::open(Some(&p), InputFormat::Lines).unwrap();
        let chunk = r.next_chunk(100).unwrap().unwrap();
        let lines: Vec<(usize, &[u8])> = chunk.lines().collect();
        assert_eq!(
            lines,
            [
                (1, &b"one"[..]),
                (2, b""),
                (3, b"x\r"),
                (4, b""),
                (5, b" two")
            ]
        );
        assert!(r.next_chunk(100).unwrap().is_none());
    }

    #[test]
    fn csv_lines_count_blank_lines_crlf_and_quoted_newlines() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.csv");
        let text = "\u{FEFF}id,title\r\n\r\n1,a\r\n2,\"x\r\ny\"\r\n\n\n3,b\n4,\"\n\"\n5,c";
        std::fs::write(&p, text).unwrap();
        let mut r = RecordReader::open(Some(&p), InputFormat::Csv).unwrap();
        let mut lines = Vec::new();
        while let Some(rec) = r.next_record().unwrap() {
            lines.push(rec.line);
        }
        assert_eq!(lines, [3, 4, 8, 9, 11]);
    }
}
