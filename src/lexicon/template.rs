//! Phrase templates: a literal phrase with bounded slots, for the paraphrases
//! a fixed phrase misses ("dealers can't give these SUVs away" against "can't
//! give them away", 完虐同级 against 完虐). A template compiles to a pattern
//! entry whose anchor is its longest literal piece, so it still runs only where
//! the automaton found that piece: one pass, no per-title allocation.
//!
//! Slots, written in braces inside a `phrase`:
//!
//! | slot | English | Chinese |
//! |---|---|---|
//! | `{a..b}` | `a` to `b` words | `a` to `b` characters, none of them punctuation |
//! | `{num}` | a number: `15`, `15,000`, `2.5` | a number in digits or Chinese numerals (`3.5`, 三, 十几) |
//! | `{x\|y\|z}` | one of the literal alternatives | the same |
//!
//! English templates are matched on whole words: word boundaries at both ends,
//! and `{a..b}` stands between spaces ("can't give {0..3} away"). A Chinese
//! template may end (or start) with `{a..b}`: the hit then shows the object too
//! (完虐{0..4} marks 完虐同级).

use super::pattern::edge_word_chars;
use crate::normalize::normalize;
use crate::normalize::script::is_han;

/// The widest `{a..b}` slot: a template must fit in the window a pattern entry
/// is run in around its anchor.
pub(crate) const MAX_GAP: u32 = 8;

/// A template compiled to a regular expression (before the ASCII word-boundary
/// rewrite) and the literal anchor every match contains.
#[derive(Debug, PartialEq)]
pub(crate) struct Compiled {
    pub(crate) pattern: String,
    pub(crate) anchor: String,
    /// The template with its literal pieces normalized: what explanations show.
    pub(crate) display: String,
}

/// Whether a phrase is a template (has a `{` slot).
pub(crate) fn is_template(phrase: &str) -> bool {
    phrase.contains('{')
}

enum Piece {
    Literal(String),
    Gap(u32, u32),
    Number,
    OneOf(Vec<String>),
}

/// Compiles a template, or says what is wrong with it.
pub(crate) fn compile(template: &str) -> Result<Compiled, String> {
    let han = template.chars().any(is_han);
    let pieces = split(template)?;
    if !pieces
        .iter()
        .any(|p| matches!(p, Piece::Literal(t) if !t.trim().is_empty()))
    {
        return Err("a template needs some literal text to anchor it".into());
    }
    let mut pattern = String::new();
    let mut display = String::new();
    let mut anchor = String::new();
    // English: a gap brings its own trailing space, so the next literal's
    // leading one goes.
    let mut after_gap = false;
    for (i, piece) in pieces.iter().enumerate() {
        match piece {
            Piece::Literal(text) => {
                let lit = literal(text);
                if lit.trim().len() > anchor.len() {
                    anchor = lit.trim().to_string();
                }
                let lit_in_pattern = if after_gap { lit.trim_start() } else { &lit };
                pattern.push_str(&regex_syntax::escape(lit_in_pattern));
                display.push_str(&lit);
            }
            Piece::Gap(a, b) => {
                if !han && (i == 0 || i + 1 == pieces.len()) {
                    return Err("in English, a `{a..b}` slot must stand between words".into());
                }
                if han {
                    pattern.push_str(&format!("[^\\s,.!?;:。、…\"']{{{a},{b}}}"));
                } else {
                    let before_space = pattern.ends_with(' ');
                    let after_space =
                        matches!(pieces.get(i + 1), Some(Piece::Literal(t)) if t.starts_with(' '));
                    if !before_space || !after_space {
                        return Err(
                            "in English, a `{a..b}` slot stands alone between spaces: \"give {0..3} away\""
                                .into(),
                        );
                    }
                    pattern.push_str(&format!("(?:\\S+ ){{{a},{b}}}"));
                }
                display.push_str(&format!("{{{a}..{b}}}"));
            }
            Piece::Number => {
                pattern.push_str(if han {
                    r"(?:\d+(?:\.\d+)?|[零一二两三四五六七八九十百千万几]+)"
                } else {
                    r"(?:\d[\d,.]*\d|\d)"
                });
                display.push_str("{num}");
            }
            Piece::OneOf(options) => {
                let options: Vec<String> = options.iter().map(|o| literal(o.trim())).collect();
                if options.iter().any(|o| o.is_empty()) {
                    return Err("an alternative in `{x|y}` is empty".into());
                }
                let escaped: Vec<String> =
                    options.iter().map(|o| regex_syntax::escape(o)).collect();
                pattern.push_str(&format!("(?:{})", escaped.join("|")));
                display.push_str(&format!("{{{}}}", options.join("|")));
            }
        }
        after_gap = matches!(piece, Piece::Gap(..)) && !han;
    }
    if anchor.is_empty() {
        return Err("a template needs some literal text to anchor it".into());
    }
    let pattern = if han {
        pattern
    } else {
        // Whole words: a boundary where the template starts or ends with a
        // word character (a slot of words or numbers does).
        let starts_word = match pieces.first() {
            Some(Piece::Literal(t)) => edge_word_chars(t.trim()).0,
            _ => true,
        };
        let ends_word = match pieces.last() {
            Some(Piece::Literal(t)) => edge_word_chars(t.trim()).1,
            _ => true,
        };
        let open = if starts_word { r"\b" } else { "" };
        let close = if ends_word { r"\b" } else { "" };
        format!("{open}(?:{pattern}){close}")
    };
    Ok(Compiled {
        pattern,
        anchor,
        display,
    })
}

/// A literal piece in normalized form, keeping its edge spaces (they separate
/// it from slots).
fn literal(text: &str) -> String {
    let core = normalize(text.trim()).as_str().to_string();
    let lead = if text.starts_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let trail = if text.ends_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    if core.is_empty() {
        return lead.to_string();
    }
    format!("{lead}{core}{trail}")
}

fn split(template: &str) -> Result<Vec<Piece>, String> {
    let mut pieces = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            pieces.push(Piece::Literal(rest[..open].to_string()));
        }
        let Some(close) = rest[open..].find('}') else {
            return Err(format!("unclosed slot `{}`", &rest[open..]));
        };
        let slot = &rest[open + 1..open + close];
        pieces.push(slot_of(slot)?);
        rest = &rest[open + close + 1..];
    }
    if rest.contains('}') {
        return Err("a `}` without its `{`".into());
    }
    if !rest.is_empty() {
        pieces.push(Piece::Literal(rest.to_string()));
    }
    Ok(pieces)
}

fn slot_of(slot: &str) -> Result<Piece, String> {
    let slot = slot.trim();
    if slot == "num" {
        return Ok(Piece::Number);
    }
    if let Some((a, b)) = slot.split_once("..") {
        let parse = |s: &str| s.trim().parse::<u32>().ok();
        return match (parse(a), parse(b)) {
            (Some(a), Some(b)) if a <= b && b <= MAX_GAP && b > 0 => Ok(Piece::Gap(a, b)),
            (Some(_), Some(_)) => Err(format!("slot `{{{slot}}}`: needs a ≤ b, 1 ≤ b ≤ {MAX_GAP}")),
            _ => Err(format!("slot `{{{slot}}}`: `a..b` takes two whole numbers")),
        };
    }
    if slot.contains('|') {
        return Ok(Piece::OneOf(slot.split('|').map(str::to_string).collect()));
    }
    Err(format!(
        "unknown slot `{{{slot}}}`: use `{{a..b}}`, `{{num}}` or `{{x|y}}`"
    ))
}

#[cfg(test)]
mod tests {
    use crate::{Classifier, Lexicon};

    fn classifier(entries: &str) -> Classifier {
        let lex = Lexicon::parse("t.toml", &format!("entries = [\n{entries}\n]")).unwrap();
        Classifier::builder()
            .no_default_lexicons()
            .add_lexicon(lex)
            .build()
            .unwrap()
    }

    fn hits(c: &Classifier, title: &str) -> Vec<String> {
        c.score(title)
            .hits
            .iter()
            .map(|h| format!("{}={}", h.phrase, &title[h.span.clone()]))
            .collect()
    }

    #[test]
    fn english_gaps_are_bounded_word_runs() {
        let c = classifier(
            r#"{ phrase = "can't give {0..3} away", category = "slow_sales", weight = 2.5 }"#,
        );
        assert_eq!(
            hits(&c, "Dealers can't give these SUVs away"),
            ["can't give {0..3} away=can't give these SUVs away"]
        );
        assert_eq!(
            hits(&c, "They can't give them away"),
            ["can't give {0..3} away=can't give them away"]
        );
        assert_eq!(
            hits(&c, "Can’t give away"),
            ["can't give {0..3} away=Can’t give away"]
        );
        // Four words in between is more than the slot allows; partial words do not count.
        assert!(hits(&c, "can't give these four big SUVs away").is_empty());
        assert!(hits(&c, "can't give them awayday").is_empty());
    }

    #[test]
    fn chinese_gaps_numbers_and_alternatives() {
        let c = classifier(
            r#"{ phrase = "完虐{0..4}", category = "hype", weight = 2.0 },
               { phrase = "仅售{num}万", category = "hype", weight = 2.0 },
               { phrase = "{后悔|懊悔}买了", category = "fear", weight = 1.5 },"#,
        );
        assert_eq!(hits(&c, "国产SUV完虐合资！"), ["完虐{0..4}=完虐合资"]);
        assert_eq!(hits(&c, "这车仅售6.98万"), ["仅售{num}万=仅售6.98万"]);
        assert_eq!(hits(&c, "仅售十几万的豪车"), ["仅售{num}万=仅售十几万"]);
        assert_eq!(hits(&c, "车主懊悔买了它"), ["{后悔|懊悔}买了=懊悔买了"]);
        // Traditional characters and full-width digits normalize first.
        assert_eq!(hits(&c, "僅售６萬"), ["仅售{num}万=僅售６萬"]);
        assert!(hits(&c, "售价6.98万起").is_empty());
    }

    #[test]
    fn malformed_templates_name_file_line_and_fault() {
        for (template, fault) in [
            ("can't give {0..3}", "between words"),
            ("give{0..3} away", "between spaces"),
            ("仅售{num万", "unclosed"),
            ("仅售{9..3}万", "a ≤ b"),
            ("仅售{1..99}万", "a ≤ b"),
            ("仅售{x}万", "unknown slot"),
            ("卖{a|}了", "empty"),
            ("{0..2}", "literal"),
        ] {
            let text = format!(
                "entries = [\n  {{ phrase = {template:?}, category = \"hype\", weight = 1.0 }},\n]"
            );
            let err = Lexicon::parse("t.toml", &text).unwrap_err().to_string();
            assert!(
                err.starts_with("t.toml:2: invalid template"),
                "{template}: {err}"
            );
            assert!(err.contains(fault), "{template}: {err}");
        }
    }

    #[test]
    fn a_template_shows_its_pattern_and_anchor() {
        let lex = Lexicon::parse(
            "t.toml",
            r#"entries = [ { phrase = "Can't Give {0..3} Away", category = "slow_sales", weight = 2.5 } ]"#,
        )
        .unwrap();
        let e = &lex.entries()[0];
        assert_eq!(e.phrase(), "can't give {0..3} away");
        match e.matcher() {
            crate::EntryMatcher::Pattern { pattern, anchor } => {
                assert_eq!(anchor, "can't give");
                assert_eq!(pattern, r"\b(?:can't give (?:\S+ ){0,3}away)\b");
            }
            m => panic!("{m:?}"),
        }
    }
}
