//! Any bytes, read as (lossy) UTF-8, given to the lexicon and weights parsers:
//! they return `Ok` or an error, never panic. Every reported problem names the
//! file, and its line lies within the text.

#![no_main]

use clickbait::{Classifier, Lexicon, Weights};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let lines = text.lines().count() + 1;
    for problems in [
        Lexicon::parse("fuzz.toml", &text).err(),
        Weights::parse("fuzz.toml", &text).err(),
    ]
    .into_iter()
    .flatten()
    {
        for p in problems.problems() {
            assert_eq!(p.file, "fuzz.toml");
            assert!(p.line <= lines, "line {} of {lines}: {p}", p.line);
            let _ = p.to_string();
        }
        let _ = problems.to_string();
    }
    if let Ok(lex) = Lexicon::parse("fuzz.toml", &text) {
        // A lexicon that parses also builds (or fails cleanly).
        if let Ok(c) = Classifier::builder()
            .no_default_lexicons()
            .add_lexicon(lex)
            .build()
        {
            let _ = c.score(&text);
        }
    }
});
