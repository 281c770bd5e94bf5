//! Reading `fit`'s labelled rows and splitting off the holdout, apart from the
//! fitting so that the split can be checked (`--split-out`) on its own.

use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::Context as _;

use crate::io::input::InputArgs;
use crate::io::labelled::{open_labelled, parse_label};
use crate::io::record::decode;
use crate::status::warn;

use super::split::is_held_out;

/// A usable labelled row.
pub struct Row {
    /// The title.
    pub title: String,
    /// The gold label.
    pub label: bool,
}

/// The rows of the input, split.
pub struct Data {
    /// The rows to train on.
    pub train: Vec<Row>,
    /// The rows held out for evaluation.
    pub holdout: Vec<Row>,
    /// Data rows read, bad ones included.
    pub total: u64,
    /// Bad rows (reported, left out).
    pub errors: usize,
}

/// Which columns to read and how to split the rows.
pub struct ReadOptions<'a> {
    /// The labelled file.
    pub file: &'a Path,
    /// How to read it (format, title column).
    pub input: &'a InputArgs,
    /// Column/field holding the 0/1 label.
    pub label_column: &'a str,
    /// Fraction of rows held out.
    pub holdout: f64,
    /// Seed of the holdout split.
    pub seed: u64,
    /// Where to write every row's split, if anywhere.
    pub split_out: Option<&'a Path>,
}

/// Reads every row; bad ones are reported on stderr and counted.
pub fn read(args: &ReadOptions) -> anyhow::Result<Data> {
    let (mut reader, format) = open_labelled("fit", args.file, args.input, args.label_column)?;
    let name = reader.name().to_string();
    let header = reader.header().cloned();
    let header = header.as_deref();
    let mut split = match args.split_out {
        Some(p) => {
            let f = std::fs::File::create(p)
                .with_context(|| format!("cannot write {}", p.display()))?;
            let mut w = BufWriter::new(f);
            writeln!(w, "row\tline\tset")?;
            Some(w)
        }
        None => None,
    };
    let mut data = Data {
        train: Vec::new(),
        holdout: Vec::new(),
        total: 0,
        errors: 0,
    };
    while let Some(raw) = reader.next_record()? {
        let index = data.total;
        data.total += 1;
        let rec = decode(raw, format, header);
        let line = rec.line;
        let row = parse_label(&rec, header, args.label_column).and_then(|label| {
            rec.text(header, &args.input.column).map(|t| Row {
                title: t.to_string(),
                label,
            })
        });
        let set = match row {
            Err(msg) => {
                warn(&format!("{name}:{line}: {msg}"));
                data.errors += 1;
                "error"
            }
            Ok(row) if is_held_out(args.seed, index, args.holdout) => {
                data.holdout.push(row);
                "holdout"
            }
            Ok(row) => {
                data.train.push(row);
                "train"
            }
        };
        if let Some(w) = &mut split {
            writeln!(w, "{index}\t{line}\t{set}")?;
        }
    }
    if let Some(mut w) = split {
        w.flush()?;
    }
    Ok(data)
}
