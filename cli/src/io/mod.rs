//! Shared I/O, so that every subcommand reads and writes records the same way:
//! input formats and records in, output formats and terminal display out.
//!
//! Data flows one way: [`input`] (formats, raw records) ← [`reader`] (cutting
//! a file into them) and [`record`] (decoding them into fields) ← [`output`]
//! (formatted records), [`labelled`] (labels) and [`columns`] (the columns a
//! command needs, checked up front); the subcommands build on
//! these and nothing here depends on a subcommand.

pub mod columns;
pub mod highlight;
pub mod input;
pub mod labelled;
pub mod output;
pub mod progress;
pub mod reader;
pub mod record;
