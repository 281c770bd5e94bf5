//! English lexicon (issue 14): dealer-alarm paraphrases with words in between,
//! inflected forms and outrage words are flagged, while a lone demonstrative,
//! "we" or "you" inside a plain news sentence, and "X say" attribution, are not.
//! Titles written for this test, not taken from any data file.

use clickbait::Classifier;

fn c() -> &'static Classifier {
    Classifier::default_ref()
}

fn check(titles: &[&str], want: bool) {
    let wrong: Vec<String> = titles
        .iter()
        .map(|t| (t, c().score(t)))
        .filter(|(_, v)| v.is_clickbait != want)
        .map(|(t, v)| {
            let hits: Vec<_> = v.hits.iter().map(|h| (&h.phrase, h.contribution)).collect();
            format!("{t:?}: {:.3} {hits:?}", v.score)
        })
        .collect();
    assert!(wrong.is_empty(), "expected {want}:\n{}", wrong.join("\n"));
}

#[test]
fn dealer_paraphrases_are_flagged() {
    check(
        &[
            "Showrooms sit completely empty across the Midwest",
            "Pickup values have totally cratered",
            "The used EV bubble has finally burst",
            "Owners are trapped in loans worth more than their cars",
            "Sales have completely dried up for compact sedans",
            "Truck dealers are drowning in unsold stock",
            "The answer stunned everyone at the auction",
            "The truth automakers hide about battery life",
            "What lenders don't want to tell you about 84-month loans",
            "Hybrid owners losing thousands on trade-ins",
            "This crash is worse than 2008",
        ],
        true,
    );
}

#[test]
fn lone_function_words_in_news_are_not_hooks() {
    check(
        &[
            "These models will be built in Kentucky from 2026",
            "This trim starts at $31,200",
            "We expect deliveries to resume in the second half",
            "Which SUVs qualify for the federal tax credit",
            "If approved, the merger would create the third-largest dealer group",
            "Dealers say used car prices fell 3% in May",
            "Survey finds most buyers plan to keep their cars longer",
            "Our dealer network now covers 42 states",
        ],
        false,
    );
}
