//! Where `fit`'s new phrases come from: candidates mined from the training
//! titles (English word unigrams and bigrams, Chinese character 1–3-grams),
//! ranked by label association. They are written as `overlap` entries, so a
//! bigram and its words all count, as in a bag of n-grams.

use std::collections::{HashMap, HashSet};

use clickbait::__tokenize::{is_han, is_word_char};
use clickbait::normalize::normalize;

/// The distinct candidate phrases of one normalized title.
///
/// English: words are runs of word characters and apostrophes (apostrophes
/// trimmed from the ends); unigrams (numbers too: "17 things"), and bigrams of
/// two words separated by exactly one space (the only form a two-word literal
/// phrase matches). Chinese: every 1- to `char_n`-gram of each run of Han
/// characters. Both: every ASCII punctuation mark but the apostrophe.
pub fn candidates(normalized: &str, word_n: usize, char_n: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    // (byte start, byte end) of each word in normalized text.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut han: Vec<char> = Vec::new();
    let mut start: Option<usize> = None;
    let flush_han = |han: &mut Vec<char>, out: &mut Vec<String>| {
        for n in 1..=char_n {
            for w in han.windows(n) {
                out.push(w.iter().collect());
            }
        }
        han.clear();
    };
    let text = normalized;
    let push_word = |s: usize, e: usize, words: &mut Vec<(usize, usize)>| {
        let w = &text[s..e];
        let t = w.trim_matches('\'');
        if !t.is_empty() {
            let off = s + (w.len() - w.trim_start_matches('\'').len());
            words.push((off, off + t.len()));
        }
    };
    for (i, c) in text.char_indices() {
        if is_han(c) {
            han.push(c);
        } else if !han.is_empty() {
            flush_han(&mut han, &mut out);
        }
        let wordy = is_word_char(c) || c == '\'';
        match (wordy, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                push_word(s, i, &mut words);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push_word(s, text.len(), &mut words);
    }
    flush_han(&mut han, &mut out);
    // Punctuation marks ("?", ":", "…" as normalized), each a unigram.
    for c in text.chars() {
        if c.is_ascii_punctuation() && c != '\'' {
            out.push(c.to_string());
        }
    }
    for (k, &(s1, end)) in words.iter().enumerate() {
        let w = &text[s1..end];
        out.push(w.to_string());
        if let Some(&(s2, e2)) = words.get(k + 1) {
            let next = &text[s2..e2];
            if word_n >= 2 && &text[end..s2] == " " {
                out.push(format!("{w} {next}"));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// A mined candidate and how it relates to the label.
#[derive(Clone, Debug)]
pub struct Candidate {
    /// The normalized phrase.
    pub phrase: String,
    /// Smoothed log-odds ratio of the label given the phrase.
    pub log_odds: f64,
    /// `log_odds` over its standard error: the ranking key.
    pub z: f64,
}

/// Options of the miner.
pub struct MineOptions {
    /// Minimum number of titles a candidate must occur in.
    pub min_count: u32,
    /// How many candidates to keep.
    pub max_phrases: usize,
    /// Longest English n-gram, in words (1 or 2).
    pub word_ngrams: usize,
    /// Longest Chinese n-gram, in characters.
    pub char_ngrams: usize,
}

/// Mines candidates from `titles` (with labels), skipping every phrase in
/// `exclude` (existing lexicon phrases and context cues). The result is ranked
/// by |z|, strongest first; ties are broken by phrase, so it is deterministic.
pub fn mine(
    titles: &[(&str, bool)],
    exclude: &HashSet<String>,
    opts: &MineOptions,
) -> Vec<Candidate> {
    let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
    let (mut n_pos, mut n_neg) = (0u32, 0u32);
    for &(title, label) in titles {
        if label {
            n_pos += 1;
        } else {
            n_neg += 1;
        }
        let norm = normalize(title);
        for c in candidates(norm.as_str(), opts.word_ngrams, opts.char_ngrams) {
            let e = counts.entry(c).or_default();
            if label {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
    }
    let a = 0.5;
    let (np, nn) = (f64::from(n_pos), f64::from(n_neg));
    let mut out: Vec<Candidate> = counts
        .into_iter()
        .filter(|(p, (pos, neg))| pos + neg >= opts.min_count && !exclude.contains(p))
        // A phrase the library would normalize differently could never match as mined.
        .filter(|(p, _)| normalize(p).as_str() == p)
        .map(|(phrase, (pos, neg))| {
            let (p, n) = (f64::from(pos), f64::from(neg));
            let log_odds = ((p + a) / (np - p + a)).ln() - ((n + a) / (nn - n + a)).ln();
            let var = 1.0 / (p + a) + 1.0 / (np - p + a) + 1.0 / (n + a) + 1.0 / (nn - n + a);
            Candidate {
                phrase,
                log_odds,
                z: log_odds / var.sqrt(),
            }
        })
        .collect();
    out.sort_by(|x, y| {
        y.z.abs()
            .total_cmp(&x.z.abs())
            .then_with(|| x.phrase.cmp(&y.phrase))
    });
    out.truncate(opts.max_phrases);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_words_and_bigrams() {
        let c = candidates(
            normalize("You WON'T believe: 17 cars 'crash' now").as_str(),
            2,
            3,
        );
        for want in [
            "you",
            "won't",
            "believe",
            "you won't",
            "won't believe",
            "cars",
            "crash",
            "now",
        ] {
            assert!(c.contains(&want.to_string()), "{want} in {c:?}");
        }
        // Numbers and punctuation marks count; no bigram across punctuation.
        for want in ["17", "17 cars", ":"] {
            assert!(c.contains(&want.to_string()), "{want} in {c:?}");
        }
        assert!(!c.iter().any(|p| p == "believe cars"), "{c:?}");
        // The quote after "crash" is not the single space a bigram needs.
        assert!(!c.contains(&"crash now".to_string()), "{c:?}");
    }

    #[test]
    fn han_ngrams() {
        let c = candidates(normalize("二手車崩盤！").as_str(), 2, 3);
        for want in ["二", "二手", "二手车", "崩盘", "车崩盘"] {
            assert!(c.contains(&want.to_string()), "{want} in {c:?}");
        }
        assert!(!c.iter().any(|p| p.chars().count() > 3));
    }
}
