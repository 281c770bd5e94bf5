//! Character classes the pipeline cares about: Han ideographs, word characters,
//! evasion separators, invisible characters.

/// Han ideographs (CJK Unified Ideographs and their extensions, compatibility
/// ideographs) plus 〇. Chinese phrases match without word boundaries.
///
/// ```
/// use clickbait::__tokenize::is_han;
/// assert!(is_han('崩') && is_han('盤') && !is_han('a') && !is_han('！'));
/// ```
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3007
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x2A6DF
        | 0x2A700..=0x2EBEF
        | 0x30000..=0x3134F)
}

/// A character that continues a Latin-style word: letters and digits of scripts
/// that separate words with spaces. Han characters are not word characters, so
/// "小米SU7" has a boundary between 米 and S.
///
/// ```
/// use clickbait::__tokenize::is_word_char;
/// assert!(is_word_char('a') && is_word_char('7') && is_word_char('é'));
/// assert!(!is_word_char('崩') && !is_word_char('-') && !is_word_char('\''));
/// ```
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() && !is_han(c) && !is_kana(c)
    }
}

fn is_kana(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x31F0..=0x31FF)
}

/// Characters that carry nothing visible and are used to break up words
/// (zero-width space/joiners, word joiner, BOM, soft hyphen, variation selectors).
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c as u32,
        0x00AD
        | 0x034F
        | 0x061C
        | 0x115F | 0x1160
        | 0x17B4 | 0x17B5
        | 0x180B..=0x180F
        | 0x200B..=0x200F
        | 0x202A..=0x202E
        | 0x2060..=0x206F
        | 0x3164
        | 0xFE00..=0xFE0F
        | 0xFEFF
        | 0xFFA0
        | 0xE0100..=0xE01EF)
}

/// Characters people put between the letters of a word to slip past filters:
/// 崩-盘, 速.看, c-r-a-s-h, L O S I N G. Sentence punctuation and quotation marks are
/// deliberately absent: they separate clauses and carry meaning for the scorer.
pub(crate) fn is_evasion_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '-'
            | '.'
            | '_'
            | '*'
            | '/'
            | '\\'
            | '|'
            | '~'
            | '+'
            | '='
            | '^'
            | '#'
            | '·'
            | '•'
            | '・'
            | '‧'
            | '∙'
            | '⋅'
            | '－'
            | '—'
            | '–'
            | '～'
            | '＿'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_han('崩') && is_han('盤') && !is_han('a') && !is_han('！'));
        assert!(is_word_char('a') && is_word_char('7') && is_word_char('é'));
        assert!(!is_word_char('崩') && !is_word_char('-') && !is_word_char('\''));
        assert!(is_invisible('\u{200B}') && is_invisible('\u{FE0F}') && !is_invisible(' '));
        assert!(
            is_evasion_separator('-') && !is_evasion_separator('"') && !is_evasion_separator('，')
        );
    }
}
