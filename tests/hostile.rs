//! Hostile lexicon and weights files: every bad file is rejected with an error
//! that names the file and the line, and no input makes the parsers panic or hang.

use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use clickbait::{Classifier, Error, Lexicon, ProblemKind, Weights};

/// The problems of a lexicon that must fail, as "file:line: message" strings.
fn lexicon_problems(name: &str, text: &str) -> Vec<String> {
    match Lexicon::parse(name, text) {
        Ok(lex) => panic!(
            "{name}: accepted a bad lexicon ({} entries):\n{text}",
            lex.entries().len()
        ),
        Err(e) => {
            assert!(
                !e.problems().is_empty(),
                "{name}: error without problems: {e}"
            );
            for p in e.problems() {
                assert_eq!(p.file, name, "{p}");
            }
            e.problems().iter().map(|p| p.to_string()).collect()
        }
    }
}

/// Runs `f` on another thread and fails the test if it does not finish within
/// `limit` (a hang is a failure, not a stuck test run).
fn within<T: Send + 'static>(
    limit: Duration,
    what: &str,
    f: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (tx, rx) = mpsc::channel();
    let start = Instant::now();
    thread::Builder::new()
        .name(what.to_string())
        .spawn(move || {
            let _ = tx.send(f());
        })
        .expect("spawn");
    match rx.recv_timeout(limit) {
        Ok(v) => v,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{what}: no answer within {limit:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            panic!("{what}: panicked after {:?}", start.elapsed())
        }
    }
}

/// Deterministic junk: xorshift64* bytes.
fn junk_bytes(len: usize, mut seed: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        seed ^= seed >> 12;
        seed ^= seed << 25;
        seed ^= seed >> 27;
        out.extend_from_slice(&seed.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes());
    }
    out.truncate(len);
    out
}

/// Junk made of TOML's own tokens, which gets further into the parser than
/// random bytes do.
fn toml_junk(len: usize, seed: u64) -> String {
    const TOKENS: &[&str] = &[
        "entries",
        " = ",
        "[",
        "]",
        "{",
        "}",
        ",",
        "\"",
        "'",
        "phrase",
        "weight",
        "category",
        "\n",
        "#",
        "nan",
        "inf",
        "1e999",
        "\"\"\"",
        "'''",
        ".",
        "=",
        "lang",
        "\\u0000",
        "崩盘",
        "\u{FFFD}",
        "\u{0}",
        "true",
        " ",
        "[[entries]]",
        "-",
        "0x",
        "1979-05-27T07:32:00Z",
    ];
    let mut out = String::with_capacity(len + 32);
    for b in junk_bytes(len, seed) {
        out.push_str(TOKENS[b as usize % TOKENS.len()]);
        if out.len() >= len {
            break;
        }
    }
    out
}

// ---------------------------------------------------------------- entry problems

#[test]
fn empty_phrase_is_rejected_with_its_line() {
    let p = lexicon_problems(
        "empty.toml",
        "lang = \"en\"\nentries = [\n  { phrase = \"ok\", category = \"loss\", weight = 1.0 },\n  { phrase = \"\", category = \"loss\", weight = 1.0 },\n]\n",
    );
    assert_eq!(p, ["empty.toml:4: empty phrase"]);
    // Phrases that normalize to nothing are empty too: whitespace, invisibles.
    for phrase in [" ", "\\t", "\\u200B", "\\uFEFF\\u200D", "\\u00AD"] {
        let text = format!(
            "entries = [\n\n  {{ phrase = \"{phrase}\", category = \"hype\", weight = 1.0 }},\n]"
        );
        assert_eq!(
            lexicon_problems("blank.toml", &text),
            ["blank.toml:3: empty phrase"],
            "{phrase:?}"
        );
    }
    // An empty cue too.
    let p = lexicon_problems("cue.toml", "negators = [\n  \"not\",\n  \"\",\n]");
    assert_eq!(p, ["cue.toml:3: empty phrase"]);
    // And an empty (or blank) pattern.
    let p = lexicon_problems(
        "pat.toml",
        "entries = [\n  { pattern = ' ', anchor = \"a\", category = \"loss\", weight = 1.0 },\n]",
    );
    assert_eq!(p, ["pat.toml:2: empty phrase"]);
}

#[test]
fn unknown_category_is_rejected_with_its_line() {
    let p = lexicon_problems(
        "cat.toml",
        "entries = [\n  { phrase = \"fire sale\", category = \"bargains\", weight = 2.0 },\n  { phrase = \"x\", category = \"\", weight = 2.0 },\n  { phrase = \"y\", category = \"LOSS \", weight = 2.0 },\n]",
    );
    assert_eq!(p.len(), 3, "{p:?}");
    assert!(
        p[0].starts_with("cat.toml:2: unknown category \"bargains\""),
        "{p:?}"
    );
    assert!(
        p[1].starts_with("cat.toml:3: unknown category \"\""),
        "{p:?}"
    );
    assert!(p[2].starts_with("cat.toml:4: unknown category"), "{p:?}");
    // A missing category names the field.
    let p = lexicon_problems(
        "cat.toml",
        "entries = [\n  { phrase = \"x\", weight = 2.0 },\n]",
    );
    assert_eq!(p, ["cat.toml:2: missing field `category`"]);
}

#[test]
fn duplicate_phrase_is_rejected_with_both_lines() {
    let p = lexicon_problems(
        "dup.toml",
        "entries = [\n  { phrase = \"crash\", category = \"collapse\", weight = 1.0 },\n  { phrase = \"slow sales\", category = \"slow_sales\", weight = 1.0 },\n  { phrase = \"CRASH\", category = \"collapse\", weight = 2.0 },\n]",
    );
    assert_eq!(
        p,
        ["dup.toml:4: duplicate phrase \"crash\" (first on line 2)"]
    );
    // Duplicates after normalization: full-width, traditional, spaced out, stretched.
    let p = lexicon_problems(
        "dup.toml",
        "entries = [\n  { phrase = \"崩盘\", category = \"collapse\", weight = 1.0 },\n  { phrase = \"崩盤\", category = \"collapse\", weight = 1.0 },\n  { phrase = \"ｃｒａｓｈ\", category = \"collapse\", weight = 1.0 },\n  { phrase = \"crashhhh\", category = \"collapse\", weight = 1.0 },\n]",
    );
    assert_eq!(
        p,
        [
            "dup.toml:3: duplicate phrase \"崩盘\" (first on line 2)",
            "dup.toml:5: duplicate phrase \"crash\" (first on line 4)",
        ]
    );
    // Duplicate cues.
    let p = lexicon_problems("dup.toml", "debunk = [\n  \"rumor\",\n  \"Rumor\",\n]");
    assert_eq!(
        p,
        ["dup.toml:3: duplicate phrase \"rumor\" (first on line 2)"]
    );
}

#[test]
fn non_finite_weights_are_rejected() {
    for w in ["nan", "+nan", "-nan", "inf", "+inf", "-inf"] {
        let text =
            format!("entries = [\n  {{ phrase = \"x\", category = \"hype\", weight = {w} }},\n]");
        let p = lexicon_problems("w.toml", &text);
        assert_eq!(p, ["w.toml:2: weight must be a finite number"], "{w}");
    }
}

#[test]
fn out_of_range_weights_are_rejected() {
    for w in ["5.0001", "-5.5", "50", "1e300", "-1.7976931348623157e308"] {
        let text = format!(
            "# weights\nentries = [\n  {{ phrase = \"x\", category = \"hype\", weight = {w} }},\n]"
        );
        let p = lexicon_problems("w.toml", &text);
        assert_eq!(p.len(), 1, "{w}: {p:?}");
        // (Huge weights print in full decimal: "weight 1000…000 out of range".)
        assert!(
            p[0].starts_with("w.toml:3: weight ") && p[0].ends_with(" out of range [-5, 5]"),
            "{w}: {p:?}"
        );
        let shown = &p[0]["w.toml:3: weight ".len()..p[0].len() - " out of range [-5, 5]".len()];
        assert_eq!(
            shown.parse::<f64>().ok(),
            w.parse::<f64>().ok(),
            "{w}: {p:?}"
        );
    }
    // The bounds themselves are fine.
    for w in ["5.0", "-5", "0", "-0.0"] {
        let text = format!("entries = [ {{ phrase = \"x\", category = \"hype\", weight = {w} }} ]");
        assert!(Lexicon::parse("ok.toml", &text).is_ok(), "{w}");
    }
    // A weight given as a string or a bool is a type error on its line.
    let p = lexicon_problems(
        "w.toml",
        "entries = [\n  { phrase = \"x\", category = \"hype\", weight = \"2\" },\n]",
    );
    assert_eq!(p.len(), 1);
    assert!(p[0].starts_with("w.toml:2:"), "{p:?}");
}

#[test]
fn every_problem_of_a_file_is_reported() {
    let p = lexicon_problems(
        "all.toml",
        "entries = [\n  { phrase = \"\", category = \"loss\", weight = 1.0 },\n  { phrase = \"a\", category = \"nope\", weight = 1.0 },\n  { phrase = \"b\", category = \"loss\", weight = nan },\n  { phrase = \"c\", category = \"loss\", weight = 9 },\n  { phrase = \"d\", category = \"loss\", weight = 1.0 },\n  { phrase = \"D\", category = \"loss\", weight = 1.0 },\n]",
    );
    let lines: Vec<&str> = p
        .iter()
        .map(|s| s.split(':').nth(1).unwrap_or(""))
        .collect();
    assert_eq!(lines, ["2", "3", "4", "5", "7"], "{p:?}");
}

#[test]
fn invalid_toml_names_file_and_line() {
    let cases: &[(&str, usize)] = &[
        ("lang = \"en\"\nentries = [\n  { phrase = \"x\" category = \"loss\" },\n]", 3),
        // Unclosed: reported on the last line with content.
        ("entries = [\n  { phrase = \"x\", category = \"loss\", weight = 1.0 },\n", 2),
        ("lang = \"en\"\nlang = \"zh\"\n", 2),
        ("\n\n\nentries = [ { phrase = \"unterminated, category = \"loss\", weight = 1 } ]", 4),
        ("entries = [\n  { phrase = \"x\", category = \"loss\", weight = 1.0, colour = \"red\" },\n]", 2),
        ("negators = \"not\"\n", 1),
        ("[entries]\nphrase = 1\n", 1),
        ("entries = [ { phrase = \"\\q\" } ]", 1),
        ("\u{FEFF}\u{0}", 1),
    ];
    for &(text, line) in cases {
        let p = lexicon_problems("bad.toml", text);
        assert_eq!(p.len(), 1, "{text:?}: {p:?}");
        assert!(
            p[0].starts_with(&format!("bad.toml:{line}:")),
            "{text:?}: expected line {line}, got {p:?}"
        );
    }
}

#[test]
fn unknown_lang_and_bad_flags_name_their_lines() {
    let p = lexicon_problems(
        "flags.toml",
        "\nlang = \"fr\"\nentries = [\n  { phrase = \"崩盘\", category = \"collapse\", weight = 1.0, inflect = true },\n  { phrase = \"123\", category = \"hype\", weight = 1.0, case_sensitive = true },\n  { phrase = \"x\", anchor = \"x\", category = \"hype\", weight = 1.0 },\n  { pattern = '(', anchor = \"a\", category = \"hype\", weight = 1.0 },\n  { pattern = 'a\\d', category = \"hype\", weight = 1.0 },\n  { phrase = \"y\", pattern = \"y\", category = \"hype\", weight = 1.0 },\n]",
    );
    let lines: Vec<&str> = p
        .iter()
        .map(|s| s.split(':').nth(1).unwrap_or(""))
        .collect();
    assert_eq!(lines, ["2", "4", "5", "6", "7", "8", "9"], "{p:?}");
}

#[test]
fn huge_pattern_is_rejected_not_compiled_forever() {
    // A pattern whose compiled form is far over the size limit.
    let text = "entries = [ { pattern = '(?:\\w{1000}){1000}', anchor = \"a\", category = \"hype\", weight = 1.0 } ]";
    let p = within(Duration::from_secs(60), "huge pattern", move || {
        lexicon_problems("re.toml", text)
    });
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].starts_with("re.toml:1: invalid pattern"), "{p:?}");
}

// ---------------------------------------------------------------- junk

#[test]
fn ten_megabytes_of_junk_bytes_is_an_error_not_a_panic_or_hang() {
    let text = String::from_utf8_lossy(&junk_bytes(10 << 20, 0x9E37_79B9_7F4A_7C15)).into_owned();
    assert!(text.len() >= 10 << 20);
    let (lex, weights) = within(Duration::from_secs(120), "10 MB junk", move || {
        (
            Lexicon::parse("junk.toml", &text).map(|_| ()),
            Weights::parse("junk.toml", &text).map(|_| ()),
        )
    });
    for r in [lex, weights] {
        let e = r.expect_err("junk parsed");
        assert!(!e.problems().is_empty(), "{e}");
        for p in e.problems() {
            assert_eq!(p.file, "junk.toml");
            assert!(matches!(p.kind, ProblemKind::Syntax(_)), "{p}");
        }
        assert!(e.to_string().starts_with("junk.toml:"), "{e}");
    }
}

#[test]
fn ten_megabytes_of_toml_shaped_junk_is_an_error_not_a_panic_or_hang() {
    let text = toml_junk(10 << 20, 7);
    let (lex, weights) = within(Duration::from_secs(120), "10 MB TOML junk", move || {
        (
            Lexicon::parse("junk.toml", &text).map(|_| ()),
            Weights::parse("junk.toml", &text).map(|_| ()),
        )
    });
    for r in [lex, weights] {
        let e = r.expect_err("junk parsed");
        for p in e.problems() {
            assert_eq!(p.file, "junk.toml", "{p}");
        }
    }
}

#[test]
fn many_short_junk_files_never_panic() {
    within(Duration::from_secs(120), "short junk", || {
        for seed in 1..400u64 {
            let len = (seed as usize * 37) % 600;
            let bytes = String::from_utf8_lossy(&junk_bytes(len, seed)).into_owned();
            let tokens = toml_junk(len, seed);
            for text in [bytes, tokens] {
                if let Err(e) = Lexicon::parse("j.toml", &text) {
                    assert!(e.problems().iter().all(|p| p.file == "j.toml"));
                }
                if let Err(e) = Weights::parse("j.toml", &text) {
                    assert!(e.problems().iter().all(|p| p.file == "j.toml"));
                }
            }
        }
    });
}

#[test]
fn a_huge_valid_lexicon_builds_or_fails_cleanly() {
    // 20,000 distinct entries: parses, and the classifier builds (DFA or NFA).
    let mut text = String::from("entries = [\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "  {{ phrase = \"phrase{i} word{}\", category = \"hype\", weight = 1.0 }},\n",
            i * 7
        ));
    }
    text.push(']');
    let ok = within(Duration::from_secs(120), "huge lexicon", move || {
        let lex = Lexicon::parse("big.toml", &text).map_err(|e| e.to_string())?;
        let c = Classifier::builder()
            .no_default_lexicons()
            .add_lexicon(lex)
            .build()
            .map_err(|e| e.to_string())?;
        Ok::<_, String>(c.score("phrase19999 word139993 here").hits.len())
    });
    assert_eq!(ok, Ok(1));
}

// ---------------------------------------------------------------- weights

fn weights_problems(text: &str) -> Vec<String> {
    match Weights::parse("w.toml", text) {
        Ok(w) => panic!("accepted bad weights {w:?}:\n{text}"),
        Err(e) => {
            assert!(!e.problems().is_empty(), "{e}");
            e.problems().iter().map(|p| p.to_string()).collect()
        }
    }
}

#[test]
fn weights_reject_non_finite_and_out_of_range_values() {
    for text in [
        "bias = nan",
        "bias = inf",
        "threshold = -inf",
        "category_decay = nan",
        "[signals]\nexclamation = nan",
        "[context]\nquoted = inf",
        "[language_bias]\nzh = -inf",
        "[phrases]\n\"slow sales\" = nan",
        "[categories]\nloss = inf",
    ] {
        let p = weights_problems(text);
        assert!(p.iter().any(|p| p.contains("finite")), "{text}: {p:?}");
        assert!(p.iter().all(|p| p.starts_with("w.toml:")), "{text}: {p:?}");
    }
    // f64 values beyond f32 become infinite when read.
    let p = weights_problems("bias = 1e300");
    assert!(p.iter().any(|p| p.contains("finite")), "{p:?}");
    for text in ["threshold = 1.5", "threshold = -0.1", "category_decay = 2"] {
        let p = weights_problems(text);
        assert!(
            p.iter().any(|p| p.contains("must lie in [0, 1]")),
            "{text}: {p:?}"
        );
    }
}

#[test]
fn weights_reject_junk_with_file_and_line() {
    let p = weights_problems("bias = -2.0\nthreshold = \n");
    assert!(p[0].starts_with("w.toml:2:"), "{p:?}");
    let p = weights_problems("bias = -2.0\n\n[signals]\ncolour = 1.0\n");
    assert!(
        p[0].starts_with("w.toml:4:") && p[0].contains("colour"),
        "{p:?}"
    );
    let p = weights_problems("[categories]\nbargains = 1.0\n");
    assert!(p[0].contains("bargains"), "{p:?}");
    // Mined entries are checked like a lexicon, with their lines.
    let p = weights_problems(
        "bias = -2.0\n[[entries]]\nphrase = \"x\"\ncategory = \"loss\"\nweight = 9\n\n[[entries]]\nphrase = \"\"\ncategory = \"loss\"\nweight = 1\n",
    );
    assert_eq!(p.len(), 2, "{p:?}");
    assert!(p[0].starts_with("w.toml:2: weight 9 out of range"), "{p:?}");
    assert!(p[1].starts_with("w.toml:7: empty phrase"), "{p:?}");
    for junk in [
        "\u{0}\u{1}\u{2}",
        "[[[[",
        "]]]]",
        "= = =",
        "\"\"\"",
        "bias = [1, 2]",
        "\u{FFFD}\u{FFFD}",
    ] {
        let e = Weights::parse("w.toml", junk).expect_err(junk);
        assert!(matches!(e, Error::Invalid(_)), "{junk:?}: {e}");
        assert!(e.to_string().starts_with("w.toml:"), "{junk:?}: {e}");
    }
}

#[test]
fn weights_round_trip_through_toml() {
    let w = Weights::default();
    let back = Weights::parse("rt.toml", &w.to_toml()).expect("default weights round-trip");
    assert_eq!(w, back);
}

// ---------------------------------------------------------------- deep nesting

/// Deeply nested arrays and inline tables. Runs in a child process: if the
/// parser recursed without a limit, the stack overflow would abort the whole
/// test binary rather than fail one test.
#[test]
fn deeply_nested_toml_does_not_crash_the_process() {
    let exe = std::env::current_exe().expect("test binary");
    for case in ["arrays", "tables"] {
        let out = std::process::Command::new(&exe)
            .args(["--exact", "deep_nesting_child", "--nocapture"])
            .env("CLICKBAIT_DEEP_NESTING", case)
            .output()
            .expect("run child");
        assert!(
            out.status.success(),
            "{case}: parsing deeply nested TOML crashed the process ({}):\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        // The child really ran the parse (the filter matched one test).
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout.contains("test deep_nesting_child ... ok"),
            "{case}: child did not run:\n{stdout}"
        );
    }
}

/// The child half of `deeply_nested_toml_does_not_crash_the_process`; without
/// its environment variable (a normal test run) it has nothing to do.
#[test]
fn deep_nesting_child() {
    let Ok(case) = std::env::var("CLICKBAIT_DEEP_NESTING") else {
        return;
    };
    let depth = 100_000;
    let text = match case.as_str() {
        "arrays" => format!("entries = {}{}", "[".repeat(depth), "]".repeat(depth)),
        _ => format!("x = {}1{}", "{a = ".repeat(depth), "}".repeat(depth)),
    };
    // On the test harness's own thread (default stack): what a caller would use.
    let r = Lexicon::parse("deep.toml", &text);
    assert!(r.is_err());
    let r = Weights::parse("deep.toml", &text);
    assert!(r.is_err());
}
