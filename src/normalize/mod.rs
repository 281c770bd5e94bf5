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

mod ascii;
mod leet;
pub(crate) mod script;
mod stream;
pub(crate) mod t2s;
#[cfg(test)]
mod tests;
mod typographic;

use std::ops::Range;

use self::ascii::scan_plain_ascii;
pub(crate) use self::ascii::Punct;
use self::stream::{clamp, State};

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
            if punct.leet_candidate {
                self.fold_leet();
            }
            return;
        }
        // The normalized text is rarely longer than the title (ﷺ is): reserve once.
        self.text.reserve(title.len());
        self.starts.reserve(title.len());
        self.ends.reserve(title.len());
        if !ascii && self.typographic_ascii(title) {
            if self.punct.is_some_and(|p| p.leet_candidate) {
                self.fold_leet();
            }
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
        if leet::may_have_leet(self.text.as_bytes()) {
            self.fold_leet();
        }
    }

    /// Leet folding in place (see [`leet`]): one byte for one byte, so the
    /// offset map stays as it is.
    fn fold_leet(&mut self) {
        let mut bytes = std::mem::take(&mut self.text).into_bytes();
        leet::fold_leet(&mut bytes);
        // Only ASCII bytes were replaced by ASCII bytes: still valid UTF-8.
        self.text = String::from_utf8(bytes).unwrap_or_default();
    }
}
