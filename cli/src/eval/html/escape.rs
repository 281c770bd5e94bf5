//! Escaping for the HTML report: titles are untrusted text, so every byte of
//! one that reaches the page goes through here.
//!
//! Text content escapes `& < > " '`; invisible and direction-changing
//! characters (bidi overrides and isolates, zero-width spaces, C0 controls)
//! become a numeric reference inside a `<span class="ctl">` that the style
//! sheet isolates (`unicode-bidi: isolate`) and labels with its code point, so
//! an RTL override can neither reorder the page nor hide in a title, while the
//! page's text (what an HTML parser reads) is still the title itself.

/// Whether `c` is shown as a labelled code point rather than as itself.
///
/// Bidi embeddings, overrides and isolates, the marks LRM/RLM/ALM, zero-width
/// spaces and joiners used for evasion (not U+200D, which joins emoji), the
/// BOM, and C0/C1 controls.
pub fn is_hidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{200b}' | '\u{200c}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
        | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}')
}

/// The entity for one of the five characters HTML gives meaning to.
fn entity(c: char) -> Option<&'static str> {
    Some(match c {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '"' => "&quot;",
        '\'' => "&#39;",
        _ => return None,
    })
}

/// Appends `s` as HTML text content, hidden characters as labelled `ctl`
/// spans (not for attribute values: use [`attr`]).
pub fn text(out: &mut String, s: &str) {
    for c in s.chars() {
        if let Some(e) = entity(c) {
            out.push_str(e);
        } else if is_hidden(c) {
            let cp = u32::from(c);
            out.push_str(&format!(
                "<span class=\"ctl\" data-cp=\"U+{cp:04X}\">&#x{cp:X};</span>"
            ));
        } else {
            out.push(c);
        }
    }
}

/// Appends `s` for a double-quoted attribute value (a tooltip): the five
/// characters as entities, hidden characters written out as `U+XXXX`, and
/// newlines kept as `&#10;` so that tooltips can have lines.
pub fn attr(out: &mut String, s: &str) {
    for c in s.chars() {
        if c == '\n' {
            out.push_str("&#10;");
        } else if let Some(e) = entity(c) {
            out.push_str(e);
        } else if is_hidden(c) {
            out.push_str(&format!("U+{:04X}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
}

/// Appends `s` as XML character data for SVG: only `& < > " '` matter there.
pub fn xml(out: &mut String, s: &str) {
    for c in s.chars() {
        match entity(c) {
            Some(e) => out.push_str(e),
            // XML 1.0 forbids most C0 controls outright.
            None if c < ' ' && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            None => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `s` escaped as text content, as a new string.
    fn text_string(s: &str) -> String {
        let mut out = String::new();
        text(&mut out, s);
        out
    }

    #[test]
    fn markup_and_controls_are_neutralised() {
        assert_eq!(
            text_string("<script>\"a\" & 'b'</script>"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
        assert_eq!(
            text_string("a\u{202e}b"),
            "a<span class=\"ctl\" data-cp=\"U+202E\">&#x202E;</span>b"
        );
        let mut a = String::new();
        attr(&mut a, "x\"\u{202e}\ny");
        assert_eq!(a, "x&quot;U+202E&#10;y");
        // Emoji joiners and ordinary non-ASCII text stay as they are.
        assert_eq!(text_string("👨\u{200d}👩 亏麻了"), "👨\u{200d}👩 亏麻了");
        let mut x = String::new();
        xml(&mut x, "a<b\u{1}");
        assert_eq!(x, "a&lt;b\u{fffd}");
    }
}
