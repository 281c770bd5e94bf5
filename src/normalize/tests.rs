use super::ascii::*;
use super::script::*;
use super::stream::*;
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
        // SAFETY: `of_sse2` needs SSE2 only, part of the x86_64 baseline ABI
        // (this test is compiled only for x86_64).
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
        if super::leet::may_have_leet(slow.text.as_bytes()) {
            slow.fold_leet();
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
    if super::leet::may_have_leet(slow.text.as_bytes()) {
        slow.fold_leet();
    }
    slow
}

#[test]
fn typographic_path_agrees_with_the_stream() {
    let pieces = [
        "a", "B", "s", "S", " ", "  ", "x", "-", ".", "!", "?", "1", "'", "\"", "’", "‘", "“", "”",
        "„", "‟", "…", "—", "é", "\t",
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
        // Before leet folding ("x1s" → "xis"): the original's digits.
        has_digit: original.bytes().any(|c| c.is_ascii_digit()),
        capital_run: original
            .chars()
            .collect::<Vec<_>>()
            .windows(4)
            .any(|w| w.iter().all(char::is_ascii_uppercase)),
        leet_candidate: original.as_bytes().windows(2).any(|w| {
            let lower = [w[0].to_ascii_lowercase(), w[1].to_ascii_lowercase()];
            let sym = |b: u8| b == b'$' || b == b'@';
            (lower[0].is_ascii_lowercase() && (lower[1].is_ascii_digit() || sym(lower[1])))
                || (sym(lower[0]) && lower[1].is_ascii_lowercase())
        }),
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

#[test]
fn spaced_letters_before_punctuation_join() {
    for (title, joined) in [
        ("c r a s h: prices", "crash: prices"),
        ("D E A D. the market", "dead. the market"),
        ("prices C-R-A-S-H!", "prices crash!"),
        ("L O S I N G, again", "losing, again"),
    ] {
        assert_eq!(normalize(title).as_str(), joined, "{title:?}");
    }
}
