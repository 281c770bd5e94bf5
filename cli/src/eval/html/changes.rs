//! The titles whose verdict changed between two classifiers (`--compare`):
//! what a tuner checks after every change of weights.

use std::fmt::Write;

use clickbait::Classifier;

use super::escape::text;
use super::titles::{reasons, title};
use crate::eval::report::Row;

/// At most this many changed titles are listed (in input order); the counts
/// cover all of them.
pub const MAX_CHANGES: usize = 500;

/// One title whose verdict changed.
pub struct Change {
    /// 1-based line of the row.
    pub line: usize,
    /// The gold label.
    pub label: bool,
    /// The title.
    pub title: String,
    /// Score under the first classifier.
    pub before: f32,
    /// Score under the second classifier.
    pub after: f32,
    /// Whether the second classifier flags it.
    pub flagged: bool,
}

/// Changed verdicts, counted and (up to [`MAX_CHANGES`]) kept.
#[derive(Default)]
pub struct Changes {
    /// Rows whose verdict changed.
    pub total: u64,
    /// Of those, rows the second classifier gets right.
    pub fixed: u64,
    /// The first [`MAX_CHANGES`] changed rows, in input order.
    pub list: Vec<Change>,
}

impl Changes {
    /// Records one row as scored by the first (`a`) and second (`b`) classifier.
    pub fn add(&mut self, a: &Row, b: &Row) {
        if a.flagged == b.flagged {
            return;
        }
        self.total += 1;
        self.fixed += u64::from(b.flagged == b.label);
        if self.list.len() < MAX_CHANGES {
            self.list.push(Change {
                line: b.line,
                label: b.label,
                title: b.title.clone(),
                before: a.score,
                after: b.score,
                flagged: b.flagged,
            });
        }
    }

    /// Appends the section listing the changes; titles are marked with the
    /// second classifier's hits.
    pub fn section(&self, out: &mut String, a: &str, b: &str, c: &Classifier) {
        out.push_str("<section id=\"changed\"><h2>Verdicts that changed from ");
        text(out, a);
        out.push_str(" to ");
        text(out, b);
        let _ = write!(
            out,
            "</h2><p class=\"summary\"><b>{}</b> rows changed: <b class=\"good\">{} now right</b>, \
             <b class=\"bad\">{} now wrong</b>.",
            self.total,
            self.fixed,
            self.total - self.fixed
        );
        if self.total > self.list.len() as u64 {
            let _ = write!(out, " The first {} by line are listed.", self.list.len());
        }
        out.push_str("</p>");
        if self.list.is_empty() {
            out.push_str("</section>");
            return;
        }
        out.push_str(
            "<table class=\"rows titles\" id=\"changed-rows\"><thead><tr><th>line</th><th>label</th>\
             <th>before</th><th>after</th><th>now</th><th>title</th></tr></thead><tbody>",
        );
        for ch in &self.list {
            let right = ch.flagged == ch.label;
            let v = c.score(&ch.title);
            let _ = write!(
                out,
                "<tr data-line=\"{}\" class=\"{}\"><td class=\"num\">{}</td><td class=\"num\">{}</td>\
                 <td class=\"num\">{:.3}</td><td class=\"num\">{:.3}</td><td>{}</td><td>",
                ch.line,
                if right { "fixed" } else { "broken" },
                ch.line,
                u8::from(ch.label),
                ch.before,
                ch.after,
                if right { "right" } else { "wrong" },
            );
            title(out, &ch.title, &v.hits);
            reasons(out, &v);
            out.push_str("</td></tr>");
        }
        out.push_str("</tbody></table></section>");
    }
}
