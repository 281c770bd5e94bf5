//! The general path: the title streamed char by char through NFKC, lowercasing,
//! traditional → simplified, separator joining and stretched-letter folding, every
//! output byte recording the original bytes it came from. It is the reference the
//! fast paths must agree with.

use unicode_normalization::char::{canonical_combining_class, compose, decompose_compatible};

use super::ascii::is_separator_byte;
use super::script::{is_evasion_separator, is_han, is_invisible, is_word_char};
use super::{t2s, Normalized, MAX_TITLE_BYTES};

impl Normalized {
    /// NFKC by segments (a starter and the combining marks after it), each mapped
    /// back to one original range. Decomposition and composition use the
    /// `unicode-normalization` tables into a reused buffer, so even long
    /// expansions (ﷺ) and stacked marks allocate nothing once warm.
    pub(super) fn normalize_unicode(&mut self, st: &mut State, title: &str) {
        let mut buf = std::mem::take(&mut self.decomposed);
        let mut chars = title.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            // Fast paths for the chars that make up nearly every title, when no
            // combining mark follows: ASCII and unified Han ideographs are their
            // own NFKC form, and full-width ASCII (！, ＳＵ７) maps to ASCII.
            let alone = chars.peek().is_none_or(|&(_, m)| {
                // ASCII and Han, nearly every char, are neither: skip the tables.
                m.is_ascii() || is_unified_han(m) || !(is_invisible(m) || joins_previous(m))
            });
            if alone {
                if c.is_ascii() {
                    self.emit_ascii(st, c as u8, start as u32);
                    continue;
                }
                if let Some(a) = fullwidth_ascii(c) {
                    let e = (start + c.len_utf8()) as u32;
                    if a.is_ascii_alphanumeric() {
                        self.emit(st, a.to_ascii_lowercase(), start as u32, e);
                    } else {
                        self.emit(st, a, start as u32, e);
                    }
                    continue;
                }
                if is_unified_han(c) {
                    let e = (start + c.len_utf8()) as u32;
                    self.emit_han(st, t2s::simplify(c), start as u32, e);
                    continue;
                }
            }
            let mut end = start + c.len_utf8();
            buf.clear();
            push_lower_decomposed(&mut buf, c);
            // Marks the base already brings (İ is I + dot above) count too:
            // normalizing the output again must keep exactly the same ones.
            let mut marks = buf
                .iter()
                .filter(|&&d| canonical_combining_class(d) != 0)
                .count();
            while let Some(&(i, m)) = chars.peek() {
                // Invisible characters inside a segment vanish here, so marks on
                // either side of one are ordered and composed together.
                if is_invisible(m) {
                    end = i + m.len_utf8();
                    chars.next();
                    continue;
                }
                if !joins_previous(m) {
                    break;
                }
                end = i + m.len_utf8();
                chars.next();
                // Stacked marks ("zalgo" text) are noise; a real letter carries few.
                if marks < MAX_MARKS {
                    let before = buf.len();
                    push_lower_decomposed(&mut buf, m);
                    marks += buf[before..]
                        .iter()
                        .filter(|&&d| canonical_combining_class(d) != 0)
                        .count();
                }
            }
            canonical_order(&mut buf);
            compose_in_place(&mut buf);
            let (s, e) = (start as u32, end as u32);
            for &d in &buf {
                self.emit(st, t2s::simplify(d), s, e);
            }
        }
        self.decomposed = buf;
    }

    /// A Han character, without the checks [`emit`](Self::emit) makes for
    /// other scripts: it ends a run of stretched letters or single letters, and
    /// removes evasion separators since the previous Han character.
    #[inline]
    pub(super) fn emit_han(&mut self, st: &mut State, c: char, s: u32, e: u32) {
        if let Some(from) = st.sep_from.take() {
            self.truncate(from);
        }
        st.last_han = true;
        st.run_pos = None;
        st.run_len = 0;
        st.prev_single_letter = false;
        st.prev_word_char = false;
        let at = self.text.len();
        self.text.push(c);
        let n = self.text.len() - at;
        self.starts.extend(std::iter::repeat_n(s, n));
        self.ends.extend(std::iter::repeat_n(e, n));
    }

    /// The common case, a plain ASCII byte, without the Unicode checks of
    /// [`emit`](Self::emit); anything special goes the general way.
    #[inline]
    pub(super) fn emit_ascii(&mut self, st: &mut State, b: u8, i: u32) {
        let c = b.to_ascii_lowercase();
        if c.is_ascii_lowercase() {
            if c as char == st.run_char && st.run_pos.is_some() {
                self.emit(st, c as char, i, i + 1);
                return;
            }
            st.run_char = c as char;
            st.run_len = 1;
            st.run_pos = Some(self.text.len());
            st.prev_single_letter = !st.prev_word_char;
            st.prev_word_char = true;
        } else if c.is_ascii_digit() {
            st.run_pos = None;
            st.prev_single_letter = false;
            st.prev_word_char = true;
        } else {
            self.emit_ascii_other(st, c, i);
            return;
        }
        st.last_han = false;
        st.sep_from = None;
        self.text.push(c as char);
        self.starts.push(i);
        self.ends.push(i + 1);
    }

    /// An ASCII space, control or punctuation byte: the rules of
    /// [`emit`](Self::emit) that concern it, with a table lookup for separators.
    pub(super) fn emit_ascii_other(&mut self, st: &mut State, c: u8, i: u32) {
        let c = match c {
            b'`' => b'\'',
            c if c < 0x20 || c == 0x7F => b' ',
            c => c,
        };
        if c == b' ' && (self.text.is_empty() || self.text.ends_with(' ')) {
            // Leading whitespace and whitespace runs: widen the kept space.
            if let (true, Some(last)) = (self.text.ends_with(' '), self.ends.last_mut()) {
                *last = i + 1;
            }
            return;
        }
        if is_separator_byte(c) {
            if st.last_han && st.sep_from.is_none() {
                st.sep_from = Some(self.text.len());
            }
            st.spaced_letters |= st.prev_single_letter;
        } else {
            st.sep_from = None;
            st.last_han = false;
        }
        st.run_pos = None;
        st.run_len = 0;
        st.prev_single_letter = false;
        st.prev_word_char = false;
        self.text.push(c as char);
        self.starts.push(i);
        self.ends.push(i + 1);
    }

    /// Appends one normalized char, applying the stream rules (invisibles,
    /// whitespace, quotes, Han separators, stretched letters).
    pub(super) fn emit(&mut self, st: &mut State, c: char, s: u32, e: u32) {
        if is_invisible(c) {
            return;
        }
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{B4}'
            | '\u{2BC}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{FF02}' => '"',
            c if c.is_whitespace() || c.is_control() => ' ',
            c => c,
        };
        if c == ' ' && (self.text.is_empty() || self.text.ends_with(' ')) {
            // Leading whitespace and whitespace runs: widen the kept space instead.
            if let Some(last) = self.ends.last_mut() {
                if self.text.ends_with(' ') {
                    *last = e;
                }
            }
            return;
        }

        // Separators right after a Han character are provisional: if the next
        // real character is Han too, they were an evasion trick and go away.
        if is_evasion_separator(c) {
            if st.last_han && st.sep_from.is_none() {
                st.sep_from = Some(self.text.len());
            }
        } else {
            if let Some(from) = st.sep_from.take() {
                if is_han(c) {
                    self.truncate(from);
                }
            }
            st.last_han = is_han(c);
        }

        // Stretched letters: the third and later copies of a letter fold into the
        // first (crashhhh → crash, sooooo → so).
        if c.is_alphabetic() && !is_han(c) {
            if c == st.run_char && st.run_pos.is_some() {
                st.run_len += 1;
                let first = st.run_pos.unwrap_or(0);
                if st.run_len == 3 {
                    // Drop the provisional second copy; the first now spans the run.
                    self.truncate(first + c.len_utf8());
                    self.folded = true;
                }
                if st.run_len >= 3 {
                    for end in &mut self.ends[first..first + c.len_utf8()] {
                        *end = e;
                    }
                    return;
                }
            } else {
                st.run_char = c;
                st.run_len = 1;
                st.run_pos = Some(self.text.len());
            }
        } else {
            st.run_pos = None;
            st.run_len = 0;
        }

        // Note single letters followed by a separator: the spaced-letter pass only
        // runs when this pattern occurred at all.
        if is_evasion_separator(c) && st.prev_single_letter {
            st.spaced_letters = true;
        }
        st.prev_single_letter = c.is_alphabetic() && !is_han(c) && !st.prev_word_char;
        st.prev_word_char = is_word_char(c);

        let at = self.text.len();
        self.text.push(c);
        let n = self.text.len() - at;
        self.starts.extend(std::iter::repeat_n(s, n));
        self.ends.extend(std::iter::repeat_n(e, n));
    }

    pub(super) fn truncate(&mut self, len: usize) {
        self.text.truncate(len);
        self.starts.truncate(len);
        self.ends.truncate(len);
    }

    /// Joins runs of three or more single letters separated by one repeated
    /// separator: "l o s i n g" → "losing", "c-r-a-s-h" → "crash".
    ///
    /// Compacts in place: the read position never falls behind the write position,
    /// and a run is recognised by looking only at bytes not yet overwritten.
    pub(super) fn join_spaced_letters(&mut self) {
        let mut bytes = std::mem::take(&mut self.text).into_bytes();
        let len = bytes.len();
        let (mut r, mut w) = (0, 0);
        let mut fold: Option<u8> = None;
        while r < len {
            let last = spaced_run_end(&bytes, r);
            let step = if last > r { last - r + 1 } else { 1 };
            for k in r..r + step {
                // Inside a run, every second byte is the separator.
                if last > r && (k - r) % 2 == 1 {
                    continue;
                }
                let b = bytes[k];
                // Joining can create a stretched run ("s s s" → "sss"): fold it
                // like any other, so normalizing twice changes nothing.
                if fold == Some(b) {
                    self.ends[w - 1] = self.ends[w - 1].max(self.ends[k]);
                    continue;
                }
                fold = None;
                if b.is_ascii_alphabetic() && w >= 2 && bytes[w - 1] == b && bytes[w - 2] == b {
                    // The third copy: drop the second; the first spans them all.
                    w -= 1;
                    self.ends[w - 1] = self.ends[w - 1].max(self.ends[w]).max(self.ends[k]);
                    fold = Some(b);
                    self.folded = true;
                    continue;
                }
                bytes[w] = b;
                self.starts[w] = self.starts[k];
                self.ends[w] = self.ends[k];
                w += 1;
            }
            r += step;
        }
        bytes.truncate(w);
        self.starts.truncate(w);
        self.ends.truncate(w);
        // Only ASCII separator bytes were removed, so the text stays valid UTF-8.
        self.text = String::from_utf8(bytes).unwrap_or_default();
    }
}

/// If a run of at least three spaced single letters starts at `i`, the index of
/// its last letter; otherwise `i`.
pub(super) fn spaced_run_end(bytes: &[u8], i: usize) -> usize {
    let single_at = |p: usize| {
        bytes[p].is_ascii_alphabetic() && (p + 1 == bytes.len() || !is_word_byte(bytes[p + 1]))
    };
    if !(single_at(i) && (i == 0 || !is_word_byte(bytes[i - 1]))) || i + 2 >= bytes.len() {
        return i;
    }
    let sep = bytes[i + 1];
    if !is_separator_byte(sep) {
        return i;
    }
    let (mut j, mut letters) = (i, 1);
    while j + 2 < bytes.len() && bytes[j + 1] == sep && single_at(j + 2) {
        j += 2;
        letters += 1;
    }
    if letters >= 3 {
        j
    } else {
        i
    }
}

/// Whether `m` belongs to the segment before it: a combining mark, a char whose
/// compatibility decomposition starts with one (half-width ﾞ), or a Hangul
/// vowel or final jamo, which compose with the syllable before them.
pub(super) fn joins_previous(m: char) -> bool {
    if m.is_ascii() || is_unified_han(m) {
        return false;
    }
    if canonical_combining_class(m) != 0 || ('\u{1160}'..='\u{11FF}').contains(&m) {
        return true;
    }
    let mut first = None;
    decompose_compatible(m, |d| {
        first.get_or_insert(d);
    });
    first.is_some_and(|d| canonical_combining_class(d) != 0)
}

/// CJK Unified Ideographs (and extension A): NFKC-stable, never combining.
pub(super) fn is_unified_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF)
}

/// Full-width ASCII (U+FF01–FF5E), whose NFKC form is the ASCII char.
pub(super) fn fullwidth_ascii(c: char) -> Option<char> {
    let u = c as u32;
    (0xFF01..=0xFF5E)
        .contains(&u)
        .then(|| char::from((u - 0xFEE0) as u8))
}

/// Appends the lowercase compatibility decomposition of `c`. Lowercasing before
/// composing keeps the result NFKC: "Y" + ring has no precomposed form, but
/// "y" + ring composes to ẙ.
pub(super) fn push_lower_decomposed(buf: &mut Vec<char>, c: char) {
    decompose_compatible(c, |d| {
        if d == '\u{130}' {
            // İ lowercases to i + a combining dot; plain i keeps marks in order.
            buf.push('i');
        } else if d.is_ascii() {
            buf.push(d.to_ascii_lowercase());
        } else {
            for l in d.to_lowercase() {
                decompose_compatible(l, |x| buf.push(x));
            }
        }
    });
}

/// What the style signals need from the bytes of a title.
pub(super) const MAX_MARKS: usize = 4;

/// Canonical ordering: combining marks sorted by class, stably, starters fixed.
/// An insertion sort: segments are a handful of chars, and it needs no buffer.
pub(super) fn canonical_order(buf: &mut [char]) {
    for i in 1..buf.len() {
        let ccc = canonical_combining_class(buf[i]);
        if ccc == 0 {
            continue;
        }
        let mut j = i;
        while j > 0 {
            let prev = canonical_combining_class(buf[j - 1]);
            if prev == 0 || prev <= ccc {
                break;
            }
            buf.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Canonical composition (the C of NFKC) of a decomposed, ordered buffer.
pub(super) fn compose_in_place(buf: &mut Vec<char>) {
    let mut out = 0;
    let mut starter: Option<usize> = None;
    // Combining class of the last char kept since the starter; None = adjacent.
    let mut last_ccc: Option<u8> = None;
    for i in 0..buf.len() {
        let c = buf[i];
        let ccc = canonical_combining_class(c);
        if let Some(si) = starter {
            let blocked = last_ccc.is_some_and(|l| l == 0 || l >= ccc);
            if !blocked {
                if let Some(composed) = compose(buf[si], c) {
                    buf[si] = composed;
                    continue;
                }
            }
        }
        if ccc == 0 {
            starter = Some(out);
            last_ccc = None;
        } else {
            last_ccc = Some(ccc);
        }
        buf[out] = c;
        out += 1;
    }
    buf.truncate(out);
}

pub(super) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

pub(super) fn clamp(title: &str) -> &str {
    if title.len() <= MAX_TITLE_BYTES {
        return title;
    }
    let mut end = MAX_TITLE_BYTES;
    while !title.is_char_boundary(end) {
        end -= 1;
    }
    &title[..end]
}

#[derive(Default)]
pub(super) struct State {
    /// The last non-separator char was Han.
    pub(super) last_han: bool,
    /// Where a run of separators after a Han char began in the output.
    pub(super) sep_from: Option<usize>,
    pub(super) run_char: char,
    pub(super) run_len: u32,
    pub(super) run_pos: Option<usize>,
    pub(super) prev_word_char: bool,
    pub(super) prev_single_letter: bool,
    pub(super) spaced_letters: bool,
}
