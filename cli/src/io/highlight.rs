//! Marking spans of a title for a person to read (ANSI styles on a terminal,
//! brackets elsewhere), shared by `explain` and `eval`'s example lists.

use std::io::{self, IsTerminal};
use std::ops::Range;

/// How to mark a span: ANSI styles on a terminal, brackets elsewhere.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// Whether to use ANSI escapes.
    colour: bool,
}

impl Style {
    /// Colour only when stdout is a terminal and `NO_COLOR` is unset or empty.
    pub fn detect() -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            colour: io::stdout().is_terminal() && !no_color,
        }
    }

    /// `text` highlighted.
    fn mark(self, text: &str) -> String {
        if self.colour {
            format!("\x1b[1;4;31m{text}\x1b[0m")
        } else {
            format!("[{text}]")
        }
    }

    /// `text` in bold (a verdict).
    pub fn bold(self, text: &str) -> String {
        if self.colour {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

/// `title` with every range in `spans` (sorted, possibly overlapping) marked.
pub fn highlight(title: &str, spans: &[Range<usize>], style: Style) -> String {
    let mut merged: Vec<Range<usize>> = Vec::new();
    for s in spans {
        match merged.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => merged.push(s.clone()),
        }
    }
    let mut out = String::new();
    let mut at = 0;
    for r in merged {
        let (Some(before), Some(inside)) = (title.get(at..r.start), title.get(r.clone())) else {
            continue;
        };
        out.push_str(before);
        out.push_str(&style.mark(inside));
        at = r.end;
    }
    out.push_str(title.get(at..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_merge_overlaps() {
        let plain = Style { colour: false };
        assert_eq!(highlight("abcdef", &[1..3, 2..4], plain), "a[bcd]ef");
        assert_eq!(highlight("abcdef", &[0..1, 5..6], plain), "[a]bcde[f]");
        assert_eq!(highlight("abc", &[], plain), "abc");
    }
}
