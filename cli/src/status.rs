//! One place that decides how a run ends: exit statuses, errors already
//! reported, and a closed output pipe.

use std::fmt;
use std::io::{self, Write};

/// How a command that ran to the end finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Everything went through: exit 0.
    Ok,
    /// Some records or checks failed (already reported): exit 1.
    Failed,
}

impl Status {
    /// `Failed` when `failed` is true, `Ok` otherwise.
    pub fn failed_if(failed: bool) -> Status {
        if failed {
            Status::Failed
        } else {
            Status::Ok
        }
    }

    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Status::Ok => 0,
            Status::Failed => 1,
        }
    }
}

/// An error whose message has already been printed; the process exits with
/// the code it carries.
#[derive(Debug)]
pub struct Reported(pub u8);

impl fmt::Display for Reported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error already reported (exit {})", self.0)
    }
}

impl std::error::Error for Reported {}

/// Exit code for usage errors, unreadable inputs and bad lexicon or weights files.
pub const USAGE: u8 = 2;

/// Whether `err` (or anything in its chain) is a closed pipe on output.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            || e.downcast_ref::<csv::Error>()
                .is_some_and(|c| match c.kind() {
                    csv::ErrorKind::Io(io) => io.kind() == io::ErrorKind::BrokenPipe,
                    _ => false,
                })
    })
}

/// Prints one line on stderr, ignoring failures (stderr may be closed too).
pub fn warn(line: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{line}");
}
