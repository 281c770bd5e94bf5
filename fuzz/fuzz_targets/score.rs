//! Any bytes, read as (lossy) UTF-8, normalize and score without panicking, and
//! the verdict keeps its invariants: score in [0, 1], spans on char boundaries of
//! the original title, `score_value` equal to `score(..).score`.

#![no_main]

use clickbait::normalize::normalize;
use clickbait::Classifier;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let title = String::from_utf8_lossy(data);
    let title: &str = &title;

    let n = normalize(title);
    let text = n.as_str();
    // Every normalized char maps back to a char-aligned span of the original.
    for (i, c) in text.char_indices() {
        let span = n.original_span(i..i + c.len_utf8());
        assert!(
            span.start <= span.end && span.end <= title.len(),
            "{title:?}: {span:?}"
        );
        assert!(
            title.is_char_boundary(span.start) && title.is_char_boundary(span.end),
            "{title:?}: {span:?}"
        );
    }

    let c = Classifier::default_ref();
    let v = c.score(title);
    assert!(
        !v.score.is_nan() && (0.0..=1.0).contains(&v.score),
        "{title:?}: score {}",
        v.score
    );
    assert!(v.logit.is_finite(), "{title:?}: logit {}", v.logit);
    for h in &v.hits {
        assert!(h.span.start < h.span.end, "{title:?}: empty span {h:?}");
        assert!(
            h.span.end <= title.len(),
            "{title:?}: span past the end {h:?}"
        );
        assert!(
            title.is_char_boundary(h.span.start) && title.is_char_boundary(h.span.end),
            "{title:?}: span off char boundary {h:?}"
        );
        assert!(h.contribution.is_finite(), "{title:?}: {h:?}");
    }
    assert_eq!(
        c.score_value(title).to_bits(),
        v.score.to_bits(),
        "{title:?}: score_value != score"
    );
});
