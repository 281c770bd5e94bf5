//! The typographic path: English with curly quotes or an ellipsis (’ “ ” …) and
//! otherwise plain ASCII, normalized in bulk instead of char by char, because it is
//! the second most common kind of title.

use super::ascii::scan_plain_ascii;
use super::Normalized;

impl Normalized {
    /// The next most common case, English with typographic quotes or an
    /// ellipsis (’ “ ” …) and otherwise plain ASCII, in bulk: those chars
    /// become the ASCII the stream would make of them (' " ...), and if the
    /// result passes [`scan_plain_ascii`], no stream rule would change it
    /// either (they treat these chars as they treat the ASCII ones). `false`,
    /// with the buffers cleared, where the title is anything else.
    pub(super) fn typographic_ascii(&mut self, title: &str) -> bool {
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

    pub(super) fn clear_typographic(&mut self) -> bool {
        self.truncate(0);
        false
    }
}
