//! Style signals: how a title is written, beyond which phrases it uses.
//!
//! Second-person words and alarm emoji arrive as cues from the phrase pass; the
//! rest are cheap byte scans, plus two small regexes that only run on titles
//! containing digits.

use once_cell::sync::Lazy;
use regex::Regex;
use unicode_segmentation::UnicodeSegmentation;

use crate::matcher::{cue, Cue};
use crate::normalize::Punct;
use crate::verdict::Signal;

/// Counts per signal, indexed by [`Signal::index`].
pub(crate) type Counts = [u32; Signal::ALL.len()];

/// Caps on counts: the fourth "!" says nothing the third did not.
const CAPS: Counts = [3, 2, 3, 3, 1, 1, 1, 1];

/// A sum of money lost by a person: thousands, not a company's millions.
static MONEY_EN: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?-u:\b)(?:lost|lose|loses|losing|blew|burned|burnt|cost (?:me|him|her|them|us|you)|down) (?:over |nearly |almost |about |more than |a whopping |an extra )?(?:[$£€¥] ?\d[\d,.]*(?: ?(?:k|grand))?|\d[\d,.]*(?: ?(?:k|grand|dollars|bucks|pounds|euros)))(?: (?:million|billion|trillion|bn|mn)(?-u:\b)|[mb](?-u:\b))?",
    )
    // A constant pattern; the unit tests compile it.
    .expect("constant regex")
});
static MONEY_ZH: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?:亏|赔|损失|蒸发|缩水|贬值|少卖|倒贴|血亏|亏掉|赔掉)了?(?:近|超|足足|整整|将近|超过|快)?(?:\d+(?:\.\d+)?|[一二两三四五六七八九十百几]+)(?:万|千|w)",
    )
    // A constant pattern; the unit tests compile it.
    .expect("constant regex")
});
static LISTICLE_ZH: Lazy<Regex> = Lazy::new(|| {
    Regex::new(
        r"(?:这|那|以下|下面)\d{1,2}(?:个|种|款|件|条|招|类|大|点)|\d{1,2}(?:个|种|件|条|招|点)(?:理由|原因|细节|技巧|方法|秘密|真相|习惯|坑|误区|信号|迹象|套路|毛病|缺点|建议|冷知识|潜规则)",
    )
    // A constant pattern; the unit tests compile it.
    .expect("constant regex")
});

/// Words after a leading number that make it a count of news, not a listicle.
const NOT_LISTICLE: &[&str] = &[
    "percent", "per", "pc", "pct", "million", "billion", "trillion", "thousand", "hundred", "dead",
    "killed", "die", "died", "injured", "hurt", "arrested", "missing", "year", "years", "month",
    "months", "day", "days", "hours", "minutes", "mph", "km", "miles", "mn", "bn", "m", "am", "pm",
    "cars", "vehicles", "units", "dollars", "bps", "basis", "of", "and", "to", "in", "at", "more",
    "new", "-", "people",
];

/// Forces the regexes to compile now rather than on the first title with digits.
pub(crate) fn warm_up() {
    Lazy::force(&MONEY_EN);
    Lazy::force(&MONEY_ZH);
    Lazy::force(&LISTICLE_ZH);
}

/// Counts every signal in a title. `text` is normalized, `original` as given;
/// `punct` carries punctuation counts when normalization already made them.
pub(crate) fn count(
    text: &str,
    original: &str,
    cues: &[Cue],
    punct: Option<Punct>,
    ascii: bool,
) -> Counts {
    let mut n: Counts = [0; Signal::ALL.len()];
    let p = punct.unwrap_or_else(|| scan_punct(text, original));
    n[Signal::Exclamation.index()] = p.exclamations;
    n[Signal::QuestionRun.index()] = p.question_runs;
    let has_digit = p.has_digit;
    for c in cues {
        if c.kinds & cue::YOU != 0 {
            n[Signal::SecondPerson.index()] += 1;
        }
        if c.kinds & cue::EMOJI != 0 {
            n[Signal::AlarmEmoji.index()] += 1;
        }
        if c.kinds & cue::DEBUNK != 0 {
            n[Signal::Attribution.index()] += 1;
        }
    }
    if p.capital_run {
        n[Signal::AllCaps.index()] = caps_words(original);
    }
    let money_cue = cues.iter().any(|c| c.kinds & cue::MONEY != 0);
    if !ascii && money_cue {
        // Chinese sums are often written in characters (亏了两百万).
        n[Signal::Money.index()] = MONEY_ZH.is_match(text) as u32;
    }
    if has_digit {
        if ascii {
            n[Signal::Listicle.index()] = leading_count(text) as u32;
            if money_cue {
                n[Signal::Money.index()] = MONEY_EN
                    .find_iter(text)
                    .filter(|m| !big_unit(m.as_str()))
                    .count() as u32;
            }
        } else {
            n[Signal::Listicle.index()] =
                (leading_count(text) || LISTICLE_ZH.is_match(text)) as u32;
            if money_cue {
                n[Signal::Money.index()] |=
                    MONEY_EN.find_iter(text).any(|m| !big_unit(m.as_str())) as u32;
            }
        }
    }
    for (count, cap) in n.iter_mut().zip(CAPS) {
        *count = (*count).min(cap);
    }
    n
}

/// Punctuation counts from normalized text (full-width ！？ are ASCII by now),
/// and whether the original has four capitals in a row: a capitalised word of
/// four letters needs them, and most titles have none, so the costlier word
/// segmentation of [`caps_words`] runs only then.
fn scan_punct(text: &str, original: &str) -> Punct {
    let mut p = Punct::default();
    let (mut run, mut run_q) = (0usize, false);
    for &b in text.as_bytes() {
        match b {
            b'!' => {
                p.exclamations += 1;
                run += 1;
            }
            b'?' => {
                run += 1;
                run_q = true;
            }
            _ => {
                if run >= 2 && run_q {
                    p.question_runs += 1;
                }
                run = 0;
                run_q = false;
                p.has_digit |= b.is_ascii_digit();
            }
        }
    }
    if run >= 2 && run_q {
        p.question_runs += 1;
    }
    p.capital_run = has_capital_run(original, 4);
    p
}

/// Company-sized sums ("lost $1.3 billion") are news, not a personal loss.
fn big_unit(m: &str) -> bool {
    let t = m.trim_end();
    t.ends_with("million")
        || t.ends_with("billion")
        || t.ends_with("trillion")
        || t.ends_with("bn")
        || t.ends_with("mn")
        || t.ends_with('m')
        || t.ends_with('b')
}

/// "17 things …", "the 9 cars …": a title opening with a small count.
fn leading_count(text: &str) -> bool {
    let t = text
        .strip_prefix("the ")
        .or_else(|| text.strip_prefix("these "))
        .unwrap_or(text);
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return false;
    }
    let Some(rest) = t[digits..].strip_prefix(' ') else {
        return false;
    };
    let word: &str = rest
        .split(|c: char| !(c.is_ascii_alphabetic() || c == '-'))
        .next()
        .unwrap_or("");
    !word.is_empty() && !NOT_LISTICLE.contains(&word)
}

/// Words of four or more letters in capitals ("INSANE", "LOSING"), counted on
/// the original title. A title written entirely in capitals counts once: that is
/// a house style, not shouting.
fn caps_words(original: &str) -> u32 {
    if original.is_ascii() {
        caps_in_words(ascii_words(original))
    } else if original.chars().any(crate::normalize::script::is_han) {
        // In Chinese titles, Latin capitals are model and brand names (秦PLUS, MEGA).
        0
    } else {
        caps_in_words(original.unicode_words())
    }
}

/// [`caps_words`] over the title's words, as [`UnicodeSegmentation::unicode_words`]
/// gives them.
fn caps_in_words<'a>(words_of: impl Iterator<Item = &'a str>) -> u32 {
    let (mut caps, mut words) = (0u32, 0u32);
    let mut iter = words_of.peekable();
    while let Some(w) = iter.next() {
        let mut letters = 0;
        let mut upper = true;
        let mut cased = false;
        for c in w.chars() {
            if c.is_alphabetic() {
                letters += 1;
                upper &= c.is_uppercase();
                cased |= c.is_uppercase() || c.is_lowercase();
            }
        }
        if letters == 0 || !cased {
            continue;
        }
        words += 1;
        // A capitalised name followed by a number is a model ("TANK 300").
        let model = iter
            .peek()
            .is_some_and(|next| next.starts_with(|c: char| c.is_ascii_digit()));
        if upper && letters >= 4 && !model {
            caps += 1;
        }
    }
    if words >= 4 && caps * 10 >= words * 8 {
        1
    } else {
        caps
    }
}

/// The words [`UnicodeSegmentation::unicode_words`] finds in ASCII text,
/// without its Unicode tables: runs of letters, digits and `_`, joined across
/// one `:` `.` `'` between letters or one `,` `;` `.` `'` between digits
/// (UAX #29 rules WB5–WB13b as they apply to ASCII), keeping the runs that
/// hold a letter or digit.
fn ascii_words(s: &str) -> impl Iterator<Item = &str> {
    let b = s.as_bytes();
    let inner = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let joins = |left: u8, mid: u8, right: u8| {
        (left.is_ascii_alphabetic()
            && right.is_ascii_alphabetic()
            && matches!(mid, b':' | b'.' | b'\''))
            || (left.is_ascii_digit()
                && right.is_ascii_digit()
                && matches!(mid, b',' | b';' | b'.' | b'\''))
    };
    let mut i = 0;
    std::iter::from_fn(move || loop {
        while i < b.len() && !inner(b[i]) {
            i += 1;
        }
        if i == b.len() {
            return None;
        }
        let start = i;
        loop {
            while i < b.len() && inner(b[i]) {
                i += 1;
            }
            if i + 1 < b.len() && joins(b[i - 1], b[i], b[i + 1]) {
                i += 1;
            } else {
                break;
            }
        }
        let word = &s[start..i];
        if word.bytes().any(|c| c.is_ascii_alphanumeric()) {
            return Some(word);
        }
    })
}

fn has_capital_run(s: &str, len: usize) -> bool {
    let mut run = 0;
    if s.is_ascii() {
        for b in s.bytes() {
            run = if b.is_ascii_uppercase() { run + 1 } else { 0 };
            if run >= len {
                return true;
            }
        }
        return false;
    }
    for c in s.chars() {
        // Most chars of a non-ASCII title are ASCII or Han, neither of which
        // needs the Unicode case tables.
        let upper = if c.is_ascii() {
            c.is_ascii_uppercase()
        } else {
            !crate::normalize::script::is_han(c) && c.is_uppercase()
        };
        run = if upper { run + 1 } else { 0 };
        if run >= len {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matcher::cues::MONEY_CUES;

    fn counts(title: &str) -> Counts {
        let norm = crate::normalize::normalize(title);
        let cues = money_cues(norm.as_str());
        let ascii = norm.is_ascii();
        let counts = count(norm.as_str(), title, &cues, norm.punct, ascii);
        // The plain-ASCII scan and the general one agree.
        assert_eq!(
            counts,
            count(norm.as_str(), title, &cues, None, ascii),
            "{title}"
        );
        counts
    }

    /// The money cues the phrase pass would report (boundaries aside).
    fn money_cues(text: &str) -> Vec<Cue> {
        MONEY_CUES
            .iter()
            .flat_map(|w| text.match_indices(w))
            .map(|(at, w)| Cue {
                kinds: cue::MONEY,
                range: at..at + w.len(),
            })
            .collect()
    }

    #[test]
    fn punctuation_runs() {
        let n = counts("Prices crash!!! Why??? Really?!");
        assert_eq!(n[Signal::Exclamation.index()], 3);
        assert_eq!(n[Signal::QuestionRun.index()], 2);
        let n = counts("二手车崩盘了！！？");
        assert_eq!(n[Signal::Exclamation.index()], 2);
        assert_eq!(n[Signal::QuestionRun.index()], 1);
        assert_eq!(counts("Is it worth it?")[Signal::QuestionRun.index()], 0);
    }

    #[test]
    fn capitals_but_not_acronyms() {
        assert_eq!(
            counts("Used EV prices CRASH, dealers PANIC")[Signal::AllCaps.index()],
            2
        );
        assert_eq!(
            counts("BYD and GM report EV sales")[Signal::AllCaps.index()],
            0
        );
        assert_eq!(
            counts("FORD RECALLS 100,000 TRUCKS OVER BRAKES")[Signal::AllCaps.index()],
            1
        );
    }

    #[test]
    fn listicles() {
        assert_eq!(
            counts("17 Things Only Car Dealers Know")[Signal::Listicle.index()],
            1
        );
        assert_eq!(
            counts("3 killed in highway crash")[Signal::Listicle.index()],
            0
        );
        assert_eq!(
            counts("2019 Honda Civic, one owner")[Signal::Listicle.index()],
            0
        );
        assert_eq!(counts("买车前必看的这5个细节")[Signal::Listicle.index()], 1);
    }

    #[test]
    fn ascii_words_are_the_unicode_words() {
        // Random ASCII over the bytes the word rules treat specially.
        let alphabet = b"aZ9_ :.',;-!\"\t\nB0";
        let mut rng = crate::test_rng::XorShift::new(0x2545_F491_4F6C_DD1D);
        let mut next = || rng.next_u64() as usize;
        for _ in 0..50_000 {
            let t: String = (0..next() % 16)
                .map(|_| alphabet[next() % alphabet.len()] as char)
                .collect();
            assert!(
                ascii_words(&t).eq(t.unicode_words()),
                "{t:?}: {:?} vs {:?}",
                ascii_words(&t).collect::<Vec<_>>(),
                t.unicode_words().collect::<Vec<_>>()
            );
        }
        let t = "U.S. sales DON'T fall: 1,000.5 cars_sold a:b x.1";
        assert!(ascii_words(t).eq(t.unicode_words()));
    }

    #[test]
    fn money_lost_by_people_not_companies() {
        assert_eq!(
            counts("I lost $15,000 on my Tesla")[Signal::Money.index()],
            1
        );
        assert_eq!(
            counts("Ford lost $1.3 billion in the quarter")[Signal::Money.index()],
            0
        );
        assert_eq!(counts("一年亏了20万")[Signal::Money.index()], 1);
        assert_eq!(counts("公司亏损20亿")[Signal::Money.index()], 0);
        assert_eq!(counts("今年亏了两百万")[Signal::Money.index()], 1);
        // Without a money word the regexes do not run.
        let norm = crate::normalize::normalize("I lost $15,000 on my Tesla");
        assert_eq!(
            count(norm.as_str(), "", &[], None, true)[Signal::Money.index()],
            0
        );
    }
}
