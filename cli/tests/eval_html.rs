//! `clickbait eval --html`: the page read back with an HTML parser. Its
//! numbers must be `--json`'s, its marks real slices of their titles, hostile
//! titles inert text, its SVG well-formed, and a comparison must list exactly
//! the verdicts that changed.

mod common;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use common::{bin, json_lines, test_model, write, LABELLED, TEST_WEIGHTS};
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

/// The development files, from the CLI crate's folder.
fn dev(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/data")
        .join(name)
}

/// A CSS selector.
fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// All the text inside an element.
fn text_of(e: ElementRef) -> String {
    e.text().collect()
}

/// Runs `clickbait eval FILE ARGS --html` with exit status `code`, and
/// returns the page's source.
fn page(dir: &Path, file: &Path, args: &[String], code: i32) -> String {
    let out = dir.join("report.html");
    bin()
        .arg("eval")
        .arg(file)
        .args(args)
        .arg("--html")
        .arg(&out)
        .assert()
        .code(code);
    std::fs::read_to_string(&out).unwrap()
}

/// `clickbait eval FILE ARGS --json`.
fn json(file: &Path, args: &[String]) -> Value {
    let out = bin()
        .arg("eval")
        .arg(file)
        .args(args)
        .arg("--json")
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The metrics table of classifier `side`: group → metric → (exact value, shown text).
fn page_metrics(doc: &Html, side: usize) -> BTreeMap<String, BTreeMap<String, (String, String)>> {
    let mut groups = BTreeMap::new();
    for tr in doc.select(&sel(&format!("table.metrics tr[data-side=\"{side}\"]"))) {
        let group = tr.value().attr("data-group").unwrap().to_string();
        let cells = tr
            .select(&sel("td[data-metric]"))
            .map(|td| {
                let v = td.value();
                (
                    v.attr("data-metric").unwrap().to_string(),
                    (v.attr("data-value").unwrap().to_string(), text_of(td)),
                )
            })
            .collect();
        groups.insert(group, cells);
    }
    groups
}

/// Asserts that the page's metrics of `side` are exactly the JSON report's.
fn assert_same_metrics(doc: &Html, side: usize, json: &Value) {
    let page = page_metrics(doc, side);
    let mut want: BTreeMap<String, &Value> = BTreeMap::new();
    want.insert("overall".into(), &json["overall"]);
    for (lang, m) in json["by_lang"].as_object().unwrap() {
        want.insert(lang.clone(), m);
    }
    assert_eq!(
        page.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>()
    );
    for (group, m) in want {
        let cells = &page[&group];
        let m = m.as_object().unwrap();
        assert_eq!(
            cells.keys().collect::<BTreeSet<_>>(),
            m.keys().collect::<BTreeSet<_>>(),
            "{group}"
        );
        for (k, v) in m {
            let (exact, shown) = &cells[k];
            if v.is_null() {
                assert_eq!(
                    (exact.as_str(), shown.as_str()),
                    ("null", "n/a"),
                    "{group} {k}"
                );
            } else if v.is_u64() {
                assert_eq!(exact, &v.to_string(), "{group} {k}");
                assert_eq!(shown, &v.to_string(), "{group} {k}");
            } else {
                let x = v.as_f64().unwrap();
                assert_eq!(exact.parse::<f64>().unwrap(), x, "{group} {k}");
                assert_eq!(shown, &format!("{x:.3}"), "{group} {k}");
            }
        }
    }
}

#[test]
fn page_metrics_equal_the_json_report() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "labelled.tsv", LABELLED);
    let model = test_model(dir.path());
    // The bad label on line 9 makes both runs exit 1.
    let doc = Html::parse_document(&page(dir.path(), &f, &model, 1));
    assert_same_metrics(&doc, 0, &json(&f, &model));
    let thr: Vec<String> = doc.select(&sel("b.threshold")).map(text_of).collect();
    assert_eq!(thr, ["0.50"]);
    // The hand-computed values (cli/tests/common) as shown.
    let m = page_metrics(&doc, 0);
    assert_eq!(m["overall"]["roc_auc"].1, "0.708");
    assert_eq!(m["zh"]["precision"].0, "null");

    for file in ["dev-en.tsv", "dev-zh.tsv"] {
        let doc = Html::parse_document(&page(dir.path(), &dev(file), &[], 0));
        assert_same_metrics(&doc, 0, &json(&dev(file), &[]));
    }
}

/// Titles of a `label lang kind title` (or `label lang title`) file by line.
fn titles_by_line(path: &Path) -> HashMap<usize, String> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let col = header.iter().position(|c| *c == "title").unwrap();
    lines
        .enumerate()
        .map(|(i, l)| (i + 2, l.split('\t').nth(col).unwrap().to_string()))
        .collect()
}

/// Hit spans per line, from `clickbait score --explain` on the same file.
fn hit_spans(path: &Path) -> HashMap<usize, Vec<(usize, usize)>> {
    let out = bin()
        .arg("score")
        .arg(path)
        .arg("--explain")
        .output()
        .unwrap();
    json_lines(&out.stdout)
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let spans = r["hits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| {
                    let n = |k: &str| h[k].as_u64().unwrap() as usize;
                    (n("start"), n("end"))
                })
                .collect();
            (i + 2, spans)
        })
        .collect()
}

#[test]
fn every_mark_is_the_slice_of_its_title_at_a_real_hit() {
    let dir = tempfile::tempdir().unwrap();
    let mut marks = 0;
    // A low and a high threshold make many errors with hits of both kinds.
    for (file, threshold) in [
        ("dev-en.tsv", "0.2"),
        ("dev-en.tsv", "0.95"),
        ("dev-zh.tsv", "0.2"),
        ("dev-zh.tsv", "0.95"),
    ] {
        let path = dev(file);
        let titles = titles_by_line(&path);
        let hits = hit_spans(&path);
        let args = ["--worst", "1000", "--threshold", threshold].map(String::from);
        let doc = Html::parse_document(&page(dir.path(), &path, &args, 0));
        let rows: Vec<_> = doc.select(&sel("section.examples tr[data-line]")).collect();
        assert!(rows.len() >= 10, "{file}: {} rows listed", rows.len());
        for tr in rows {
            let line: usize = tr.value().attr("data-line").unwrap().parse().unwrap();
            let title = &titles[&line];
            let bdi = tr.select(&sel("bdi.title")).next().unwrap();
            assert_eq!(&text_of(bdi), title, "{file}:{line}");
            let spans = &hits[&line];
            let mut covered = 0;
            for mark in bdi.select(&sel("mark")) {
                let at = |k: &str| -> usize { mark.value().attr(k).unwrap().parse().unwrap() };
                let (start, end) = (at("data-start"), at("data-end"));
                assert_eq!(
                    title.get(start..end),
                    Some(text_of(mark).as_str()),
                    "{file}:{line}"
                );
                // A mark is one hit, or overlapping hits merged.
                assert!(spans.iter().any(|s| s.0 == start), "{file}:{line}: {start}");
                assert!(spans.iter().any(|s| s.1 == end), "{file}:{line}: {end}");
                covered += spans.iter().filter(|s| s.0 >= start && s.1 <= end).count();
                let tip = mark.value().attr("title").unwrap();
                assert!(
                    tip.contains("weight") && tip.contains("contribution"),
                    "{tip}"
                );
                marks += 1;
            }
            assert_eq!(covered, spans.len(), "{file}:{line}: a hit left unmarked");
        }
    }
    assert!(marks >= 10, "only {marks} marks");
}

#[test]
fn hostile_titles_are_inert_text() {
    let dir = tempfile::tempdir().unwrap();
    let long = format!("alpha {}", "<b>x</b>&amp;".repeat(10 * 1024 / 12));
    let titles = [
        "alpha <script>alert(1)</script>".to_string(),
        "alpha \"><img src=x onerror=alert(1)>".to_string(),
        "alpha \u{202e}gnp.exe".to_string(),
        "alpha ' onmouseover='alert(1) <!-- ]]> </svg>".to_string(),
        long.clone(),
    ];
    let mut file = String::from("label\ttitle\n");
    for t in &titles {
        file += &format!("0\t{t}\n");
    }
    file += "1\tbeta\n";
    let f = write(dir.path(), "hostile.tsv", file);
    let src = page(dir.path(), &f, &test_model(dir.path()), 0);
    let doc = Html::parse_document(&src);
    // No markup from a title became an element or an attribute.
    assert_eq!(
        doc.select(&sel("script, img, [onerror], [onmouseover]"))
            .count(),
        0
    );
    assert_eq!(doc.select(&sel("bdi.title b, bdi.title svg")).count(), 0);
    let shown: Vec<String> = doc.select(&sel("#fp-0 bdi.title")).map(text_of).collect();
    assert_eq!(shown.len(), titles.len());
    for t in &titles[..4] {
        assert!(shown.contains(t), "{t:?} not shown as text");
    }
    // The RTL override is a labelled, isolated span, not a raw character.
    assert!(!src.contains('\u{202e}'));
    let ctl: Vec<_> = doc.select(&sel("bdi.title span.ctl")).collect();
    assert_eq!(ctl.len(), 1);
    assert_eq!(ctl[0].value().attr("data-cp"), Some("U+202E"));
    // The 10 KB title is cut at 1 KB, still as text, and says so.
    let cut = shown.iter().find(|s| s.starts_with("alpha <b>")).unwrap();
    assert_eq!(cut.len(), 1024);
    assert!(long.starts_with(cut.as_str()));
    let more: Vec<String> = doc.select(&sel("#fp-0 .more")).map(text_of).collect();
    assert_eq!(
        more,
        [format!(
            "… {} more bytes ({} in all)",
            long.len() - 1024,
            long.len()
        )]
    );
    assert_well_formed_svg(&src, 3);
}

/// Parses every inline `<svg>…</svg>` of the page as XML; at least `min`.
fn assert_well_formed_svg(src: &str, min: usize) {
    let mut found = 0;
    let mut rest = src;
    while let Some(i) = rest.find("<svg") {
        let end = rest[i..].find("</svg>").expect("unclosed svg") + i + "</svg>".len();
        let svg = &rest[i..end];
        let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}: {svg}"));
        assert_eq!(doc.root_element().tag_name().name(), "svg");
        found += 1;
        rest = &rest[end..];
    }
    assert!(found >= min, "{found} charts");
    // The HTML parser sees the same charts.
    assert_eq!(Html::parse_document(src).select(&sel("svg")).count(), found);
}

#[test]
fn charts_are_well_formed_svg() {
    let dir = tempfile::tempdir().unwrap();
    // ROC, precision–recall and a histogram per classifier: 4 when comparing.
    let other = write(dir.path(), "other.toml", "bias = -1.2\n");
    let args = ["--compare".to_string(), other.display().to_string()];
    let src = page(dir.path(), &dev("dev-en.tsv"), &args, 0);
    assert_well_formed_svg(&src, 4);
    let doc = Html::parse_document(&src);
    // Both classifiers' curves are on the ROC chart.
    let svg = doc
        .select(&sel("svg[aria-label=\"ROC curve\"]"))
        .next()
        .unwrap();
    assert_eq!(svg.select(&sel("polyline")).count(), 2);
    assert_eq!(svg.select(&sel("circle.op")).count(), 2);
}

/// The 0/1 verdict of every row of `file` under `args`, by line.
fn verdicts(file: &Path, args: &[String]) -> Vec<bool> {
    let out = bin().arg("score").arg(file).args(args).output().unwrap();
    json_lines(&out.stdout)
        .iter()
        .map(|r| r["is_clickbait"].as_bool().unwrap_or(false))
        .collect()
}

/// Lines listed as changed on a compare page, and the count it states.
fn changed(doc: &Html) -> (BTreeSet<usize>, String) {
    let lines = doc
        .select(&sel("#changed-rows tr[data-line]"))
        .map(|tr| tr.value().attr("data-line").unwrap().parse().unwrap())
        .collect();
    let summary = doc.select(&sel("#changed p.summary")).next().map(text_of);
    (lines, summary.unwrap_or_default())
}

#[test]
fn compare_lists_exactly_the_changed_verdicts() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "labelled.tsv", LABELLED);
    let model = test_model(dir.path());
    // beta 2 → 1 and gamma 1 → 3: "beta story" (TP → FN), "gamma report"
    // (TN → FP) and "beta again" (FP → TN) change; nothing else does.
    let other = write(
        dir.path(),
        "other.toml",
        format!("{TEST_WEIGHTS}[phrases]\nbeta = 1.0\ngamma = 3.0\n"),
    );
    let mut args = model.clone();
    args.extend(["--compare".to_string(), other.display().to_string()]);
    let doc = Html::parse_document(&page(dir.path(), &f, &args, 1));
    let (lines, summary) = changed(&doc);
    assert_eq!(lines, BTreeSet::from([3, 5, 6]));
    assert!(
        summary.starts_with("3 rows changed: 1 now right, 2 now wrong."),
        "{summary}"
    );
    let fixed: Vec<_> = doc
        .select(&sel("#changed-rows tr.fixed"))
        .map(|tr| tr.value().attr("data-line").unwrap().to_string())
        .collect();
    assert_eq!(fixed, ["6"]);
    // The second classifier's metrics are what eval --json says of it.
    let mut b_args = model.clone();
    let w = b_args.iter().position(|a| a == "--weights").unwrap();
    b_args[w + 1] = other.display().to_string();
    assert_same_metrics(&doc, 0, &json(&f, &model));
    assert_same_metrics(&doc, 1, &json(&f, &b_args));
    // The change row under each group: metric differences, then count differences.
    let m = page_metrics(&doc, 0);
    let n = page_metrics(&doc, 1);
    let delta: Vec<String> = doc
        .select(&sel("table.metrics tr.delta"))
        .next()
        .unwrap()
        .select(&sel("td.num"))
        .map(text_of)
        .collect();
    let value = |m: &BTreeMap<String, BTreeMap<String, (String, String)>>, k: &str| -> f64 {
        m["overall"][k].0.parse().unwrap()
    };
    let want_f1 = format!("{:+.3}", value(&n, "f1") - value(&m, "f1"));
    let want_fp = format!("{:+}", value(&n, "fp") - value(&m, "fp"));
    assert_eq!(
        (delta[2].as_str(), delta[6].as_str()),
        (want_f1.as_str(), want_fp.as_str())
    );

    // A real file: the page's list is the rows whose `score` verdict differs.
    let path = dev("dev-en.tsv");
    let other = write(dir.path(), "bias.toml", "bias = -1.2\n");
    let args = ["--compare".to_string(), other.display().to_string()];
    let doc = Html::parse_document(&page(dir.path(), &path, &args, 0));
    let before = verdicts(&path, &[]);
    let after = verdicts(
        &path,
        &["--weights".to_string(), other.display().to_string()],
    );
    let want: BTreeSet<usize> = (0..before.len())
        .filter(|&i| before[i] != after[i])
        .map(|i| i + 2)
        .collect();
    assert!(!want.is_empty());
    let (lines, summary) = changed(&doc);
    assert_eq!(lines, want);
    assert!(
        summary.starts_with(&format!("{} rows changed", want.len())),
        "{summary}"
    );
}

#[test]
fn compare_needs_html() {
    let dir = tempfile::tempdir().unwrap();
    let other = write(dir.path(), "other.toml", "bias = -1.2\n");
    bin()
        .arg("eval")
        .arg(dev("dev-en.tsv"))
        .arg("--compare")
        .arg(&other)
        .assert()
        .code(2);
}

#[test]
fn a_hundred_thousand_rows_make_a_small_page() {
    let dir = tempfile::tempdir().unwrap();
    let mut rows: Vec<String> = Vec::new();
    for file in ["dev-en.tsv", "dev-zh.tsv"] {
        let text = std::fs::read_to_string(dev(file)).unwrap();
        rows.extend(text.lines().skip(1).map(str::to_string));
    }
    let mut file = String::from("label\tlang\tkind\ttitle\n");
    for i in 0..100_000 {
        let row = &rows[i % rows.len()];
        // Every seventh label flipped, for many errors of both kinds.
        let flipped = if i % 7 == 0 {
            let (label, rest) = row.split_at(1);
            format!("{}{rest}", if label == "1" { "0" } else { "1" })
        } else {
            row.clone()
        };
        file += &flipped;
        file.push('\n');
    }
    let f = write(dir.path(), "big.tsv", file);
    let other = write(dir.path(), "other.toml", "bias = -1.2\n");
    let args = ["--compare".to_string(), other.display().to_string()];
    let src = page(dir.path(), &f, &args, 0);
    assert!(src.len() < 5 * 1024 * 1024, "{} bytes", src.len());
    let doc = Html::parse_document(&src);
    assert_eq!(doc.select(&sel("#fp-0 tr[data-line]")).count(), 25);
    assert_eq!(doc.select(&sel("#fn-1 tr[data-line]")).count(), 25);
    assert!(doc.select(&sel("#changed-rows tr[data-line]")).count() <= 500);
    assert_eq!(page_metrics(&doc, 0)["overall"]["n"].0, "100000");
}
