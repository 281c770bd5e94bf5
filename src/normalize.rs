//! Text normalization with an offset map back to the caller's string.
//!
//! Titles are matched in a canonical form so that evasion tricks do not hide a
//! phrase: NFKC (full-width ＳＵ７ → su7), lowercase, traditional → simplified
//! Chinese (崩盤 → 崩盘), invisible characters dropped, separators between Han
//! characters removed (亏 麻 了, 崩-盘), spaced-out single letters joined
//! (c-r-a-s-h, L O S I N G), stretched letters folded (crashhhh → crash), curly
//! apostrophes and quotation marks made ASCII, whitespace runs collapsed.
//!
//! Every byte of the normalized text remembers which bytes of the original it
//! came from, so a match in normalized text maps back to an exact, char-aligned
//! span of the original title.

use std::ops::Range;

use unicode_normalization::char::{canonical_combining_class, compose, decompose_compatible};

use crate::script::{is_evasion_separator, is_invisible};
pub use crate::script::{is_han, is_word_char};
use crate::t2s;

/// A normalized title and the map from its bytes to the original's.
///
/// Build one with [`normalize`], or keep one around and refill it with
/// [`Normalized::normalize_from`] to avoid allocating per title.
///
/// ```
/// use clickbait::normalize::normalize;
///
/// let title = "二手車價格崩-盤！ＳＵ７ CRASHHHH";
/// let n = normalize(title);
/// assert_eq!(n.as_str(), "二手车价格崩盘!su7 crash");
///
/// // Map a match in normalized text back to the original.
/// let start = n.as_str().find("崩盘").unwrap();
/// let span = n.original_span(start..start + "崩盘".len());
/// assert_eq!(&title[span], "崩-盤");
/// ```
#[derive(Clone, Debug, Default)]
pub struct Normalized {
    text: String,
    /// For every byte of `text`, the original byte range it came from.
    starts: Vec<u32>,
    ends: Vec<u32>,
    /// Whether any stretched-letter run was folded.
    folded: bool,
    /// The text is the original, lowercased, byte for byte: `starts`/`ends` are
    /// left empty and spans map one to one.
    identity: bool,
    /// Punctuation and capitals, counted during the plain-ASCII scan (which
    /// reads every byte anyway); `None` on the other paths.
    pub(crate) punct: Option<Punct>,
    /// The normalized text is ASCII (known without another pass over it).
    ascii: bool,
    /// Scratch for one NFKC segment.
    decomposed: Vec<char>,
}

/// Normalizes `title` into a new [`Normalized`].
///
/// ```
/// use clickbait::normalize::normalize;
///
/// assert_eq!(normalize("Prices C-R-A-S-H").as_str(), "prices crash");
/// assert_eq!(normalize("亏 麻 了").as_str(), "亏麻了");
/// assert_eq!(normalize("ＳＵ７ 崩盤").as_str(), "su7 崩盘");
/// ```
pub fn normalize(title: &str) -> Normalized {
    let mut n = Normalized::new();
    n.normalize_from(title);
    n
}

/// Titles longer than this are normalized up to this many bytes (rounded down to a
/// char boundary): offsets are stored as `u32`. No title comes near it.
pub const MAX_TITLE_BYTES: usize = u32::MAX as usize - 8;

impl Normalized {
    /// An empty buffer.
    ///
    /// ```
    /// use clickbait::normalize::Normalized;
    ///
    /// let n = Normalized::new();
    /// assert_eq!(n.as_str(), "");
    /// assert!(!n.had_stretched_letters());
    /// ```
    pub fn new() -> Normalized {
        Normalized::default()
    }

    /// The normalized text.
    ///
    /// ```
    /// use clickbait::normalize::normalize;
    ///
    /// assert_eq!(normalize("Don’t   MISS this").as_str(), "don't miss this");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the normalized text is plain ASCII.
    ///
    /// ```
    /// use clickbait::normalize::normalize;
    ///
    /// assert!(normalize("Don’t miss ＳＵ７").is_ascii()); // curly quote, full-width
    /// assert!(!normalize("二手车").is_ascii());
    /// ```
    pub fn is_ascii(&self) -> bool {
        self.ascii
    }

    /// Whether a run of three or more identical letters was folded
    /// (crashhhh → crash).
    ///
    /// ```
    /// use clickbait::normalize::normalize;
    ///
    /// let n = normalize("prices crashhhh");
    /// assert_eq!(n.as_str(), "prices crash");
    /// assert!(n.had_stretched_letters());
    /// assert!(!normalize("good cookies").had_stretched_letters()); // doubled letters are spelling
    /// ```
    pub fn had_stretched_letters(&self) -> bool {
        self.folded
    }

    /// The original byte range that produced the normalized byte range `r`.
    ///
    /// `r` must lie within the normalized text and be non-empty; the result lies on
    /// char boundaries of the original title. An empty or out-of-range `r` yields
    /// an empty range rather than a panic.
    ///
    /// ```
    /// use clickbait::normalize::normalize;
    ///
    /// let title = "Prices C-R-A-S-H";
    /// let n = normalize(title);
    /// let start = n.as_str().find("crash").unwrap();
    /// assert_eq!(&title[n.original_span(start..start + "crash".len())], "C-R-A-S-H");
    /// assert!(n.original_span(3..3).is_empty());
    /// ```
    pub fn original_span(&self, r: Range<usize>) -> Range<usize> {
        if self.identity {
            let len = self.text.len();
            if r.start >= r.end || r.end > len {
                let at = r.start.min(len);
                return at..at;
            }
            return r;
        }
        if r.start >= r.end || r.end > self.starts.len() {
            let at = self
                .starts
                .get(r.start)
                .map(|&s| s as usize)
                .unwrap_or_else(|| self.ends.last().map_or(0, |&e| e as usize));
            return at..at;
        }
        let start = self.starts[r.start] as usize;
        // Folding can make a later byte point earlier than the first; take the widest.
        let end = self.ends[r.start..r.end].iter().copied().max().unwrap_or(0) as usize;
        start..end.max(start)
    }

    /// Normalizes `title` into this buffer, reusing its allocations.
    ///
    /// ```
    /// use clickbait::normalize::{normalize, Normalized};
    ///
    /// let mut n = Normalized::new();
    /// for title in ["SHOCKING!!", "二手車價格崩盤", "l o s i n g money"] {
    ///     n.normalize_from(title); // reuses the buffers
    ///     assert_eq!(n.as_str(), normalize(title).as_str());
    /// }
    /// assert_eq!(n.as_str(), "losing money");
    /// ```
    pub fn normalize_from(&mut self, title: &str) {
        self.text.clear();
        self.starts.clear();
        self.ends.clear();
        self.folded = false;
        self.identity = false;
        self.punct = None;
        self.ascii = true;
        let title = clamp(title);
        let mut st = State::default();
        let ascii = title.is_ascii();
        let plain = if ascii {
            scan_plain_ascii(title.as_bytes())
        } else {
            None
        };
        if let Some(punct) = plain {
            self.punct = Some(punct);
            // The common case: nothing to fold, join or drop. Lowercase in bulk
            // and let spans map one to one.
            self.text.push_str(title);
            self.text.make_ascii_lowercase();
            self.identity = true;
            return;
        }
        // The normalized text is rarely longer than the title (ﷺ is): reserve once.
        self.text.reserve(title.len());
        self.starts.reserve(title.len());
        self.ends.reserve(title.len());
        if !ascii && self.typographic_ascii(title) {
            return;
        }
        if ascii {
            for (i, b) in title.bytes().enumerate() {
                self.emit_ascii(&mut st, b, i as u32);
            }
        } else {
            self.normalize_unicode(&mut st, title);
            // Curly quotes and full-width letters may all have become ASCII.
            self.ascii = self.text.is_ascii();
        }
        if st.spaced_letters {
            self.join_spaced_letters();
        }
        // A trailing space (from trailing whitespace) carries no meaning.
        if self.text.ends_with(' ') {
            self.truncate(self.text.len() - 1);
        }
    }

    /// The next most common case, English with typographic quotes or an
    /// ellipsis (’ “ ” …) and otherwise plain ASCII, in bulk: those chars
    /// become the ASCII the stream would make of them (' " ...), and if the
    /// result passes [`scan_plain_ascii`], no stream rule would change it
    /// either (they treat these chars as they treat the ASCII ones). `false`,
    /// with the buffers cleared, where the title is anything else.
    fn typographic_ascii(&mut self, title: &str) -> bool {
        let b = title.as_bytes();
        let mut i = 0;
        while i < b.len() {
            let run = b[i..].iter().take_while(|c| c.is_ascii()).count();
            if run > 0 {
                self.text.push_str(&title[i..i + run]);
                self.starts.extend(i as u32..(i + run) as u32);
                self.ends.extend(i as u32 + 1..=(i + run) as u32);
                i += run;
                continue;
            }
            // U+2018–201F (quotation marks) and U+2026 (…) are E2 80 xx.
            let ascii = match (b[i], b.get(i + 1), b.get(i + 2)) {
                (0xE2, Some(0x80), Some(0x98..=0x9B)) => "'",
                (0xE2, Some(0x80), Some(0x9C..=0x9F)) => "\"",
                (0xE2, Some(0x80), Some(0xA6)) => "...",
                _ => return self.clear_typographic(),
            };
            self.text.push_str(ascii);
            let (s, e) = (i as u32, i as u32 + 3);
            self.starts.extend(std::iter::repeat_n(s, ascii.len()));
            self.ends.extend(std::iter::repeat_n(e, ascii.len()));
            i += 3;
        }
        let Some(punct) = scan_plain_ascii(self.text.as_bytes()) else {
            return self.clear_typographic();
        };
        self.text.make_ascii_lowercase();
        self.punct = Some(punct);
        true
    }

    fn clear_typographic(&mut self) -> bool {
        self.truncate(0);
        false
    }

    /// NFKC by segments (a starter and the combining marks after it), each mapped
    /// back to one original range. Decomposition and composition use the
    /// `unicode-normalization` tables into a reused buffer, so even long
    /// expansions (ﷺ) and stacked marks allocate nothing once warm.
    fn normalize_unicode(&mut self, st: &mut State, title: &str) {
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
    fn emit_han(&mut self, st: &mut State, c: char, s: u32, e: u32) {
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
    fn emit_ascii(&mut self, st: &mut State, b: u8, i: u32) {
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
    fn emit_ascii_other(&mut self, st: &mut State, c: u8, i: u32) {
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
    fn emit(&mut self, st: &mut State, c: char, s: u32, e: u32) {
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

    fn truncate(&mut self, len: usize) {
        self.text.truncate(len);
        self.starts.truncate(len);
        self.ends.truncate(len);
    }

    /// Joins runs of three or more single letters separated by one repeated
    /// separator: "l o s i n g" → "losing", "c-r-a-s-h" → "crash".
    ///
    /// Compacts in place: the read position never falls behind the write position,
    /// and a run is recognised by looking only at bytes not yet overwritten.
    fn join_spaced_letters(&mut self) {
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
fn spaced_run_end(bytes: &[u8], i: usize) -> usize {
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
fn joins_previous(m: char) -> bool {
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
fn is_unified_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF)
}

/// Full-width ASCII (U+FF01–FF5E), whose NFKC form is the ASCII char.
fn fullwidth_ascii(c: char) -> Option<char> {
    let u = c as u32;
    (0xFF01..=0xFF5E)
        .contains(&u)
        .then(|| char::from((u - 0xFEE0) as u8))
}

/// Appends the lowercase compatibility decomposition of `c`. Lowercasing before
/// composing keeps the result NFKC: "Y" + ring has no precomposed form, but
/// "y" + ring composes to ẙ.
fn push_lower_decomposed(buf: &mut Vec<char>, c: char) {
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
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Punct {
    pub exclamations: u32,
    /// Runs of two or more of `?`/`!` containing a `?`.
    pub question_runs: u32,
    pub has_digit: bool,
    /// Four capital letters in a row somewhere (a shouted word may be there).
    pub capital_run: bool,
}

/// If an ASCII title surely needs none of the stream rules — no control
/// characters or backticks, no leading, trailing or doubled spaces, no run of
/// three identical letters, no three single letters in a row between
/// separators ("l o s i n g") — its punctuation counts; otherwise `None`, and
/// the stream takes over.
///
/// The title is read in 64-byte chunks, each turned into one bit mask per byte
/// class (bit `i` for byte `i`); every rule is then a few shifts and ANDs of
/// whole masks rather than work per byte. The spaced-letter rule is widened to
/// any non-alphanumeric byte in place of a separator, repeated or not ("a-b.c"
/// trips it): a title it sends to the stream for nothing comes out the same,
/// only slower.
fn scan_plain_ascii(b: &[u8]) -> Option<Punct> {
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return None;
    }
    let mut prev = Masks::default();
    let mut prev_byte = PAD;
    let mut bad = 0u64;
    let (mut exclamations, mut question, mut digit, mut capital_run) = (0u32, 0u64, 0u64, 0u64);
    // The spaced-letter rule looks at the byte after a run's last letter:
    // past the title's end that is padding, so a title that fills its last
    // chunk gets one more, all padding ("… c-r-y" as byte 64 ends).
    let past_end = b.len().is_multiple_of(64).then_some(&b[..0]);
    for chunk in b.chunks(64).chain(past_end) {
        let mut bytes = [PAD; 64];
        bytes[..chunk.len()].copy_from_slice(chunk);
        let m = Masks::of(&bytes, prev_byte);
        // Bit i of `back(x, k)` is byte i - k's bit, reaching into the last chunk.
        let back = |x: u64, p: u64, k: u32| (x << k) | (p >> (64 - k));
        bad |= m.special;
        bad |= m.space & back(m.space, prev.space, 1);
        bad |= m.alpha & m.same_as_prev & back(m.same_as_prev, prev.same_as_prev, 1);
        // Three single letters, each between non-word bytes: the shortest run
        // the spaced-letter pass joins. (Two are common, "it's a", "U.S.".)
        let non_word = !m.word;
        let single_letter_before =
            |k: u32| back(m.alpha, prev.alpha, k) & back(non_word, !prev.word, k + 1);
        bad |=
            non_word & single_letter_before(1) & single_letter_before(3) & single_letter_before(5);
        capital_run |= m.upper
            & back(m.upper, prev.upper, 1)
            & back(m.upper, prev.upper, 2)
            & back(m.upper, prev.upper, 3);
        exclamations += m.exclamation.count_ones();
        question |= m.question;
        digit |= m.word & !m.alpha;
        prev = m;
        prev_byte = bytes[63];
    }
    if bad != 0 {
        return None;
    }
    Some(Punct {
        exclamations,
        question_runs: if question != 0 { question_runs(b) } else { 0 },
        has_digit: digit != 0,
        capital_run: capital_run != 0,
    })
}

/// Fills a chunk past the end of the title: in no class.
const PAD: u8 = b'"';

/// Byte classes of a 64-byte chunk as bit masks: bit `i` for byte `i`.
#[derive(Clone, Copy)]
struct Masks {
    alpha: u64,
    upper: u64,
    /// A letter or digit.
    word: u64,
    space: u64,
    /// A control character or backtick.
    special: u64,
    exclamation: u64,
    question: u64,
    /// Same byte as the one before, ignoring case.
    same_as_prev: u64,
}

impl Default for Masks {
    /// The chunk before a title: all word bits clear, as if non-word bytes.
    fn default() -> Masks {
        Masks {
            alpha: 0,
            upper: 0,
            word: 0,
            space: 0,
            special: 0,
            exclamation: 0,
            question: 0,
            same_as_prev: 0,
        }
    }
}

impl Masks {
    /// The masks of `bytes`; `prev` is the byte before them.
    ///
    /// Each class is first written as one 0/1 byte per input byte (loops of
    /// fixed length the compiler turns into vector compares), then packed eight
    /// bytes at a time into bits by a multiplication.
    #[inline(always)]
    fn of(bytes: &[u8; 64], prev: u8) -> Masks {
        #[cfg(target_arch = "x86_64")]
        #[allow(unsafe_code)]
        // SAFETY: SSE2 is part of the x86_64 baseline: every x86_64 CPU has it.
        unsafe {
            Masks::of_sse2(bytes, prev)
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            Masks::of_portable(bytes, prev)
        }
    }

    /// SSE2, part of every x86-64 CPU: sixteen bytes per compare, and one
    /// `movemask` turns sixteen compare results into sixteen bits. Safe code:
    /// the intrinsics take no pointers, and the target always has the feature.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "sse2")]
    fn of_sse2(bytes: &[u8; 64], prev: u8) -> Masks {
        use std::arch::x86_64::*;
        let set = |b: u8| _mm_set1_epi8(b as i8);
        let load = |b: &[u8]| {
            let lo = u64::from_le_bytes(b[..8].try_into().unwrap_or_default());
            let hi = u64::from_le_bytes(b[8..16].try_into().unwrap_or_default());
            _mm_set_epi64x(hi as i64, lo as i64)
        };
        // Unsigned `lo <= x < lo + n`, by a wrapping shift into signed range.
        let in_range = |x: __m128i, lo: u8, n: u8| {
            _mm_cmplt_epi8(
                _mm_sub_epi8(x, set(lo.wrapping_add(128))),
                set(n.wrapping_sub(128)),
            )
        };
        let mut m = Masks::default();
        let mut before = set(prev);
        for k in 0..4 {
            let v = load(&bytes[16 * k..16 * k + 16]);
            // The sixteen bytes one position back.
            let p = _mm_or_si128(_mm_slli_si128::<1>(v), _mm_srli_si128::<15>(before));
            before = v;
            let lower = _mm_or_si128(v, set(0x20));
            let alpha = in_range(lower, b'a', 26);
            let word = _mm_or_si128(alpha, in_range(v, b'0', 10));
            // ASCII only: a signed compare is an unsigned one here.
            let special = _mm_or_si128(
                _mm_cmplt_epi8(v, set(0x20)),
                _mm_or_si128(_mm_cmpeq_epi8(v, set(0x7F)), _mm_cmpeq_epi8(v, set(b'`'))),
            );
            let same = _mm_cmpeq_epi8(lower, _mm_or_si128(p, set(0x20)));
            let bits = |x: __m128i| u64::from(_mm_movemask_epi8(x) as u16) << (16 * k);
            m.alpha |= bits(alpha);
            m.upper |= bits(in_range(v, b'A', 26));
            m.word |= bits(word);
            m.space |= bits(_mm_cmpeq_epi8(v, set(b' ')));
            m.special |= bits(special);
            m.exclamation |= bits(_mm_cmpeq_epi8(v, set(b'!')));
            m.question |= bits(_mm_cmpeq_epi8(v, set(b'?')));
            m.same_as_prev |= bits(same);
        }
        m
    }

    /// Each class is first written as one 0/1 byte per input byte (loops of
    /// fixed length the compiler turns into vector compares), then packed eight
    /// bytes at a time into bits by a multiplication.
    #[cfg(any(test, not(target_arch = "x86_64")))]
    fn of_portable(bytes: &[u8; 64], prev: u8) -> Masks {
        let mut alpha = [0u8; 64];
        let mut upper = [0u8; 64];
        let mut word = [0u8; 64];
        let mut space = [0u8; 64];
        let mut special = [0u8; 64];
        let mut exclamation = [0u8; 64];
        let mut question = [0u8; 64];
        let mut same_as_next = [0u8; 64];
        for i in 0..64 {
            let c = bytes[i];
            let lower = c | 0x20;
            let letter = lower.wrapping_sub(b'a') < 26;
            let digit = c.wrapping_sub(b'0') < 10;
            alpha[i] = u8::from(letter);
            upper[i] = u8::from(c.wrapping_sub(b'A') < 26);
            word[i] = u8::from(letter | digit);
            space[i] = u8::from(c == b' ');
            special[i] = u8::from((c < 0x20) | (c == 0x7F) | (c == b'`'));
            exclamation[i] = u8::from(c == b'!');
            question[i] = u8::from(c == b'?');
        }
        for ((s, &a), &b) in same_as_next.iter_mut().zip(&bytes[..63]).zip(&bytes[1..]) {
            *s = u8::from(a | 0x20 == b | 0x20);
        }
        Masks {
            alpha: pack_bits(&alpha),
            upper: pack_bits(&upper),
            word: pack_bits(&word),
            space: pack_bits(&space),
            special: pack_bits(&special),
            exclamation: pack_bits(&exclamation),
            question: pack_bits(&question),
            same_as_prev: (pack_bits(&same_as_next) << 1)
                | u64::from(prev | 0x20 == bytes[0] | 0x20),
        }
    }
}

/// Packs 64 bytes, each 0 or 1, into the bits of a `u64` (byte `i` → bit `i`).
#[cfg(any(test, not(target_arch = "x86_64")))]
#[inline(always)]
fn pack_bits(flags: &[u8; 64]) -> u64 {
    let mut bits = 0u64;
    for (k, group) in flags.chunks_exact(8).enumerate() {
        let x = u64::from_le_bytes(group.try_into().unwrap_or([0; 8]));
        // Byte j's low bit lands on bit 56 + j, and no two partial products
        // share a bit, so nothing carries.
        bits |= (x.wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * k);
    }
    bits
}

/// The evasion separators among ASCII bytes, as compares that vectorize.
#[inline(always)]
const fn is_separator_byte(c: u8) -> bool {
    (c == b' ')
        | (c == b'-')
        | (c == b'.')
        | (c == b'_')
        | (c == b'*')
        | (c == b'/')
        | (c == b'\\')
        | (c == b'|')
        | (c == b'~')
        | (c == b'+')
        | (c == b'=')
        | (c == b'^')
        | (c == b'#')
}

/// Runs of two or more of `?`/`!` containing a `?`.
fn question_runs(b: &[u8]) -> u32 {
    let (mut n, mut run, mut q) = (0, 0, false);
    for &c in b.iter().chain(std::iter::once(&b' ')) {
        if c == b'!' || c == b'?' {
            run += 1;
            q |= c == b'?';
        } else {
            n += u32::from(run >= 2 && q);
            run = 0;
            q = false;
        }
    }
    n
}

#[cfg(test)]
fn is_plain_ascii(b: &[u8]) -> bool {
    scan_plain_ascii(b).is_some()
}

/// Combining marks kept per base character; more are dropped as noise.
const MAX_MARKS: usize = 4;

/// Canonical ordering: combining marks sorted by class, stably, starters fixed.
/// An insertion sort: segments are a handful of chars, and it needs no buffer.
fn canonical_order(buf: &mut [char]) {
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
fn compose_in_place(buf: &mut Vec<char>) {
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

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

fn clamp(title: &str) -> &str {
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
struct State {
    /// The last non-separator char was Han.
    last_han: bool,
    /// Where a run of separators after a Han char began in the output.
    sep_from: Option<usize>,
    run_char: char,
    run_len: u32,
    run_pos: Option<usize>,
    prev_word_char: bool,
    prev_single_letter: bool,
    spaced_letters: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        normalize(s).as_str().to_string()
    }

    #[test]
    fn nfkc_and_lowercase() {
        assert_eq!(n("ＳＵ７ Price CRASH"), "su7 price crash");
        assert_eq!(n("ｆｕｌｌ－ｗｉｄｔｈ！"), "full-width!");
    }

    #[test]
    fn traditional_to_simplified() {
        assert_eq!(n("崩盤"), "崩盘");
        assert_eq!(n("虧麻了，賣不動"), "亏麻了,卖不动");
    }

    #[test]
    fn separators_between_han_removed() {
        assert_eq!(n("亏 麻 了"), "亏麻了");
        assert_eq!(n("崩-盘"), "崩盘");
        assert_eq!(n("速.看"), "速看");
        assert_eq!(n("速 · 看"), "速看");
        // Not between Han and Latin, and not sentence punctuation.
        assert_eq!(n("小米 SU7"), "小米 su7");
        assert_eq!(n("完了，真的"), "完了,真的");
    }

    #[test]
    fn invisible_characters_dropped() {
        assert_eq!(n("cr\u{200B}ash"), "crash");
        assert_eq!(n("亏\u{200D}麻了"), "亏麻了");
        assert_eq!(n("⚠\u{FE0F}"), "⚠");
    }

    #[test]
    fn spaced_letters_joined() {
        assert_eq!(n("L O S I N G money"), "losing money");
        assert_eq!(n("prices c-r-a-s-h now"), "prices crash now");
        assert_eq!(n("c.r.a.s.h"), "crash");
        // Two single letters are not a trick.
        assert_eq!(n("plan b a go"), "plan b a go");
        assert_eq!(n("u.s. sales"), "u.s. sales");
    }

    #[test]
    fn stretched_letters_folded() {
        assert_eq!(n("CRASHHHH"), "crash");
        assert_eq!(n("sooooo bad"), "so bad");
        let x = normalize("loss");
        assert_eq!(x.as_str(), "loss");
        assert!(!x.had_stretched_letters());
        assert!(normalize("wowwww").had_stretched_letters());
    }

    #[test]
    fn quotes_and_whitespace() {
        assert_eq!(n("won\u{2019}t  \t believe"), "won't believe");
        assert_eq!(n("\u{201C}slow sales\u{201D}"), "\"slow sales\"");
        assert_eq!(n("  padded  "), "padded");
        assert_eq!(n(""), "");
        assert_eq!(n(" \t\n "), "");
    }

    #[test]
    fn spans_point_into_the_original() {
        let title = "Ｐｒｉｃｅｓ C-R-A-S-H 崩 盤";
        let x = normalize(title);
        let text = x.as_str();
        for phrase in ["prices", "crash", "崩盘"] {
            let at = text.find(phrase).unwrap();
            let span = x.original_span(at..at + phrase.len());
            assert!(title.is_char_boundary(span.start) && title.is_char_boundary(span.end));
            assert_eq!(normalize(&title[span]).as_str(), phrase);
        }
    }

    #[test]
    fn combining_marks_compose() {
        let title = "cafe\u{301} crash";
        let x = normalize(title);
        assert_eq!(x.as_str(), "café crash");
        let at = x.as_str().find('é').unwrap();
        assert_eq!(&title[x.original_span(at..at + 2)], "e\u{301}");
    }

    #[test]
    fn matches_the_crate_nfkc() {
        use unicode_normalization::UnicodeNormalization;
        for t in [
            "cafe\u{301}",
            "a\u{328}\u{301}",
            "\u{1100}\u{1161}\u{11A8}",
            "ﷺ",
            "ﬁ ① ㍿ Ⅻ ｶﾞ",
            "q\u{307}\u{323}",
        ] {
            let want: String = t.nfkc().collect::<String>().to_lowercase();
            assert_eq!(n(t), want, "{t:?}");
        }
    }

    #[test]
    fn marks_of_the_base_count_towards_the_cap() {
        // İ brings a combining dot; four more marks would make five, and a
        // second pass would then drop one.
        let once = normalize("İ\u{300}\u{300}\u{300}\u{300}");
        assert_eq!(normalize(once.as_str()).as_str(), once.as_str());
    }

    #[test]
    fn stacked_marks_are_capped() {
        let zalgo = format!(
            "c{}rash",
            "\u{300}\u{301}\u{302}\u{303}\u{304}\u{305}".repeat(5)
        );
        assert_eq!(normalize(&zalgo).as_str().chars().count(), 5 + MAX_MARKS);
    }

    #[test]
    #[cfg(target_arch = "x86_64")]
    fn vector_masks_agree_with_portable_ones() {
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..5_000 {
            let mut bytes = [0u8; 64];
            for b in &mut bytes {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                // Mostly the classes' edges: letters, digits, space, `, !, ?, DEL.
                *b = b"aAzZ@[`{09/: !?\x7f\x1fbB"[(seed % 19) as usize];
            }
            let prev = bytes[(seed >> 40) as usize % 64];
            #[allow(unsafe_code)]
            // SAFETY: SSE2 is part of the x86_64 baseline.
            let fast = unsafe { Masks::of_sse2(&bytes, prev) };
            let slow = Masks::of_portable(&bytes, prev);
            assert_eq!(
                [fast.alpha, fast.upper, fast.word, fast.space, fast.special],
                [slow.alpha, slow.upper, slow.word, slow.space, slow.special]
            );
            assert_eq!(
                [fast.exclamation, fast.question, fast.same_as_prev],
                [slow.exclamation, slow.question, slow.same_as_prev]
            );
        }
    }

    #[test]
    fn plain_scan_counts_punctuation() {
        let p = scan_plain_ascii(b"Why?! Prices CRASH!!! 10 things??").unwrap();
        assert_eq!(p.exclamations, 4);
        assert_eq!(p.question_runs, 2);
        assert!(p.has_digit && p.capital_run);
        let p = scan_plain_ascii(b"Is it? EV BYD").unwrap();
        assert_eq!(
            (p.question_runs, p.has_digit, p.capital_run),
            (0, false, false)
        );
    }

    #[test]
    fn bulk_path_agrees_with_the_stream_rules() {
        // Random ASCII titles over an alphabet rich in the tricky cases
        // (repeats, separators, single letters, punctuation, controls).
        // Most are short; one in eight spans several scan blocks.
        let alphabet = b"aAbBsS x-.!?1 2_'`\t";
        let mut rng = crate::test_rng::XorShift::new(0x2545_F491_4F6C_DD1D);
        let mut next = || rng.next_u64();
        // Long ones draw from an alphabet with fewer repeats, so that many of
        // them stay on the bulk path.
        let long_alphabet = b"abcdefgABCDEFG 1!?-.";
        let mut plain_long = 0;
        for round in 0..20_000 {
            let long = round % 8 == 0;
            let (len, alphabet) = if long {
                ((next() % 200) as usize, &long_alphabet[..])
            } else {
                ((next() % 12) as usize, &alphabet[..])
            };
            let t: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize] as char)
                .collect();
            let mut slow = Normalized::new();
            let mut st = State::default();
            for (i, b) in t.bytes().enumerate() {
                slow.emit_ascii(&mut st, b, i as u32);
            }
            if st.spaced_letters {
                slow.join_spaced_letters();
            }
            if slow.text.ends_with(' ') {
                slow.truncate(slow.text.len() - 1);
            }
            let fast = normalize(&t);
            assert_eq!(fast.as_str(), slow.as_str(), "{t:?}");
            if let Some(p) = fast.punct {
                plain_long += usize::from(t.len() > 64);
                let b = t.as_bytes();
                assert_eq!(
                    p.exclamations as usize,
                    b.iter().filter(|&&c| c == b'!').count()
                );
                assert_eq!(p.has_digit, b.iter().any(u8::is_ascii_digit), "{t:?}");
                let caps = b.windows(4).any(|w| w.iter().all(u8::is_ascii_uppercase));
                assert_eq!(p.capital_run, caps, "{t:?}");
            }
            for a in 0..fast.as_str().len() {
                assert_eq!(
                    fast.original_span(a..a + 1),
                    slow.original_span(a..a + 1),
                    "{t:?}"
                );
            }
        }
        assert!(
            plain_long > 100,
            "{plain_long} long titles took the bulk path"
        );
    }

    /// `title` normalized by the char-by-char stream alone.
    fn stream(title: &str) -> Normalized {
        let mut slow = Normalized::new();
        let mut st = State::default();
        slow.normalize_unicode(&mut st, title);
        if st.spaced_letters {
            slow.join_spaced_letters();
        }
        if slow.text.ends_with(' ') {
            slow.truncate(slow.text.len() - 1);
        }
        slow
    }

    #[test]
    fn typographic_path_agrees_with_the_stream() {
        let pieces = [
            "a", "B", "s", "S", " ", "  ", "x", "-", ".", "!", "?", "1", "'", "\"", "’", "‘", "“",
            "”", "„", "‟", "…", "—", "é", "\t",
        ];
        let mut rng = crate::test_rng::XorShift::new(0x2545_F491_4F6C_DD1D);
        let mut next = |n: usize| rng.below(n);
        let mut fast_path = 0;
        for round in 0..20_000 {
            // One in four long enough to span 64-byte scan chunks.
            let pieces_in = if round % 4 == 0 {
                40 + next(80)
            } else {
                next(14)
            };
            let t: String = (0..pieces_in).map(|_| pieces[next(pieces.len())]).collect();
            let fast = normalize(&t);
            let slow = stream(&t);
            assert_eq!(fast.as_str(), slow.as_str(), "{t:?}");
            assert_eq!(fast.is_ascii(), slow.as_str().is_ascii(), "{t:?}");
            assert_eq!(
                fast.had_stretched_letters(),
                slow.had_stretched_letters(),
                "{t:?}"
            );
            for a in 0..fast.as_str().len() {
                assert_eq!(
                    fast.original_span(a..a + 1),
                    slow.original_span(a..a + 1),
                    "{t:?}"
                );
            }
            if let Some(p) = fast.punct {
                fast_path += usize::from(!t.is_ascii());
                let text = fast.as_str();
                assert_eq!(p, scan_punct_of(text, &t), "{t:?}");
            }
        }
        assert!(
            fast_path > 1_000,
            "{fast_path} titles took the typographic path"
        );
        let n = normalize("Don’t “panic”… yet");
        assert_eq!(n.as_str(), "don't \"panic\"... yet");
        assert!(n.punct.is_some() && n.is_ascii());
        assert_eq!(n.original_span(3..4), 3..6);
    }

    /// The punctuation counts the signals would compute from the texts.
    fn scan_punct_of(text: &str, original: &str) -> Punct {
        let b = text.as_bytes();
        Punct {
            exclamations: b.iter().filter(|&&c| c == b'!').count() as u32,
            question_runs: question_runs(b),
            has_digit: b.iter().any(u8::is_ascii_digit),
            capital_run: original
                .chars()
                .collect::<Vec<_>>()
                .windows(4)
                .any(|w| w.iter().all(char::is_ascii_uppercase)),
        }
    }

    #[test]
    fn plain_ascii_takes_the_bulk_path() {
        assert!(is_plain_ascii(b"Used car prices crash, dealers panic!"));
        assert!(is_plain_ascii(b"I lost a fortune"));
        assert!(!is_plain_ascii(b" leading"));
        assert!(!is_plain_ascii(b"double  space"));
        assert!(!is_plain_ascii(b"crashhh"));
        assert!(!is_plain_ascii(b"c-r-a-s-h"));
        assert!(!is_plain_ascii(b"L O S I N G"));
        assert!(!is_plain_ascii(b"so l.o.s.t"));
        assert!(!is_plain_ascii(b"x-y-z"));
        // A run that ends a title filling whole 64-byte chunks.
        for len in [64, 128] {
            let t = format!("{} c-r-y", &"abc".repeat(50)[..len - 6]);
            assert_eq!(t.len(), len);
            assert!(!is_plain_ascii(t.as_bytes()), "{len}");
            assert!(normalize(&t).as_str().ends_with(" cry"), "{len}");
        }
        // Two single letters are not a run: "it's a", "U.S.".
        assert!(is_plain_ascii(b"It's a deal in the U.S."));
        assert!(!is_plain_ascii(b"tab\there"));
        // The byte test agrees with the separator set used elsewhere.
        for c in 0u8..128 {
            let sep = is_separator_byte(c);
            assert_eq!(sep, is_evasion_separator(c as char) && c != b'\x7f', "{c}");
        }
        // Both paths agree wherever the bulk path applies.
        for t in [
            "Used EV Prices CRASH!!",
            "Why? Here's why.",
            "a b",
            "U.S. sales",
        ] {
            let mut slow = Normalized::new();
            let mut st = State::default();
            for (i, b) in t.bytes().enumerate() {
                slow.emit_ascii(&mut st, b, i as u32);
            }
            let fast = normalize(t);
            assert_eq!(fast.as_str(), slow.as_str(), "{t}");
            assert_eq!(fast.original_span(2..5), slow.original_span(2..5), "{t}");
        }
    }

    #[test]
    fn buffer_is_reusable() {
        let mut x = Normalized::new();
        x.normalize_from("FIRST title");
        x.normalize_from("二");
        assert_eq!(x.as_str(), "二");
        assert_eq!(x.original_span(0..3), 0..3);
    }

    #[test]
    fn out_of_range_spans_do_not_panic() {
        let x = normalize("abc");
        assert_eq!(x.original_span(5..9), 3..3);
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = 2..1;
        assert_eq!(x.original_span(reversed), 2..2);
    }
}
