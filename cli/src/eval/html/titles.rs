//! Titles on the report page: each lexicon hit marked by its span, with a
//! tooltip giving category, weight, context and contribution, and the tables
//! of worst errors built from them.

use std::fmt::Write;
use std::ops::Range;

use clickbait::{Classifier, Hit, Verdict};

use super::escape::{attr, text};
use crate::eval::report::Example;

/// Longest title shown in full, in bytes; the rest is summarised so that a
/// page of pathological titles stays small (marks past the cut are dropped).
pub const MAX_TITLE_BYTES: usize = 1024;

/// The largest char boundary of `s` at or below `at`.
fn floor_boundary(s: &str, at: usize) -> usize {
    let mut i = at.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A tooltip line for one hit.
fn hit_tooltip(h: &Hit) -> String {
    format!(
        "\u{201c}{}\u{201d} · {} · weight {:+.2} · context {} · contribution {:+.2}",
        h.phrase, h.category, h.weight, h.context, h.contribution
    )
}

/// Hits grouped into disjoint spans: overlapping hits share one mark.
fn merged(hits: &[Hit]) -> Vec<(Range<usize>, Vec<&Hit>)> {
    let mut sorted: Vec<&Hit> = hits.iter().collect();
    sorted.sort_by_key(|h| (h.span.start, h.span.end));
    let mut groups: Vec<(Range<usize>, Vec<&Hit>)> = Vec::new();
    for h in sorted {
        match groups.last_mut() {
            Some((r, members)) if h.span.start < r.end => {
                r.end = r.end.max(h.span.end);
                members.push(h);
            }
            _ => groups.push((h.span.clone(), vec![h])),
        }
    }
    groups
}

/// Appends `title` as a `<bdi class="title">` (isolated from the page's text
/// direction) with every hit in a `<mark data-start data-end title=…>`, the
/// data attributes being byte offsets into the title.
pub fn title(out: &mut String, title: &str, hits: &[Hit]) {
    let cut = floor_boundary(title, MAX_TITLE_BYTES);
    out.push_str("<bdi class=\"title\">");
    let mut at = 0;
    for (range, members) in merged(hits) {
        let end = range.end.min(cut);
        if range.start < at || range.start >= end {
            continue;
        }
        let (Some(before), Some(inside)) =
            (title.get(at..range.start), title.get(range.start..end))
        else {
            continue;
        };
        text(out, before);
        // Marks whose hits pull the score down (sober cues) look different.
        let down = members.iter().map(|h| h.contribution).sum::<f32>() < 0.0;
        let _ = write!(
            out,
            "<mark{} data-start=\"{}\" data-end=\"{end}\" title=\"",
            if down { " class=\"down\"" } else { "" },
            range.start
        );
        let tips: Vec<String> = members.iter().map(|h| hit_tooltip(h)).collect();
        attr(out, &tips.join("\n"));
        out.push_str("\">");
        text(out, inside);
        out.push_str("</mark>");
        at = end;
    }
    text(out, title.get(at..cut).unwrap_or(""));
    out.push_str("</bdi>");
    if cut < title.len() {
        let _ = write!(
            out,
            "<span class=\"more\">… {} more bytes ({} in all)</span>",
            title.len() - cut,
            title.len()
        );
    }
}

/// Appends the reasons for a verdict in one line: every hit (category,
/// phrase, contribution, context unless plain) and every style signal.
pub fn reasons(out: &mut String, v: &Verdict) {
    out.push_str("<div class=\"why\">");
    if v.hits.is_empty() && v.signals.is_empty() {
        out.push_str("no hits, no signals");
    }
    for (i, h) in v.hits.iter().enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        let _ = write!(out, "<span class=\"cat\">{}</span> \u{201c}", h.category);
        text(out, &h.phrase);
        let _ = write!(out, "\u{201d} {:+.2}", h.contribution);
        if !h.context.is_plain() {
            let _ = write!(out, " ({})", h.context);
        }
    }
    if !v.signals.is_empty() {
        out.push_str(if v.hits.is_empty() { "" } else { "; " });
        out.push_str("signals: ");
        let s: Vec<String> = v
            .signals
            .iter()
            .map(|s| format!("{} ×{} {:+.2}", s.signal, s.count, s.contribution))
            .collect();
        text(out, &s.join(", "));
    }
    let _ = write!(out, " · bias {:+.2}</div>", v.bias);
}

/// Appends a table of misclassified examples (score, line, marked title and
/// reasons), each re-scored with `classifier` for its hits; `id` names the
/// table for tests and links.
pub fn examples(out: &mut String, id: &str, heading: &str, list: &[Example], c: &Classifier) {
    let _ = write!(out, "<section class=\"examples\" id=\"{id}\"><h3>");
    text(out, heading);
    let _ = write!(out, " <span class=\"count\">({})</span></h3>", list.len());
    if list.is_empty() {
        out.push_str("<p class=\"none\">none</p></section>");
        return;
    }
    out.push_str("<table class=\"rows titles\"><thead><tr><th>score</th><th>line</th><th>title</th></tr></thead><tbody>");
    for ex in list {
        let v = c.score(&ex.title);
        let _ = write!(
            out,
            "<tr data-line=\"{}\"><td class=\"num\">{:.3}</td><td class=\"num\">{}</td><td>",
            ex.line, ex.score, ex.line
        );
        title(out, &ex.title, &v.hits);
        reasons(out, &v);
        out.push_str("</td></tr>");
    }
    out.push_str("</tbody></table></section>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_cover_exact_slices_and_hostile_text_is_escaped() {
        let t = "<b>Used EV prices CRASH</b>";
        let v = clickbait::score(t);
        assert!(!v.hits.is_empty());
        let mut s = String::new();
        title(&mut s, t, &v.hits);
        assert!(
            s.starts_with("<bdi class=\"title\">&lt;b&gt;Used EV "),
            "{s}"
        );
        let h = &v.hits[0];
        assert!(s.contains(&format!(
            "data-start=\"{}\" data-end=\"{}\"",
            h.span.start, h.span.end
        )));
        assert!(s.contains(">prices CRASH</mark>"), "{s}");
    }

    #[test]
    fn long_titles_are_cut_on_a_char_boundary() {
        let t = "亏".repeat(3000);
        let mut s = String::new();
        title(&mut s, &t, &[]);
        assert!(s.contains("more bytes (9000 in all)"), "{s:.80}");
        assert_eq!(floor_boundary(&t, MAX_TITLE_BYTES) % 3, 0);
    }
}
