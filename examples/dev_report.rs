//! Prints accuracy on labelled TSV files (header with `label` and `title`, optional
//! `kind`), plus the misclassified titles with their hits: a lexicon curator's
//! view of the dev set.
//!
//! ```text
//! cargo run --release --example dev_report -- tests/data/dev-en.tsv [more.tsv…]
//! ```

use std::collections::BTreeMap;

fn main() {
    // BIAS=… overrides the model's bias, for quick sweeps while tuning.
    let mut w = clickbait::Weights::default();
    if let Some(b) = std::env::var("BIAS").ok().and_then(|b| b.parse().ok()) {
        w.bias = b;
    }
    if let Some(b) = std::env::var("ZHBIAS").ok().and_then(|b| b.parse().ok()) {
        w.language_bias.zh = b;
    }
    // LEXICONS=a.toml,b.toml replaces the embedded lexicons (no rebuild needed).
    let mut b = clickbait::Classifier::builder().weights(w);
    if let Ok(files) = std::env::var("LEXICONS") {
        b = b.no_default_lexicons();
        for f in files.split(',') {
            b = b.add_lexicon_file(f).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    let c = b.build().expect("lexicons");
    let c = &c;
    let show = std::env::var("SHOW").map(|v| v != "0").unwrap_or(true);
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let mut lines = text.lines();
        let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
        let col = |name: &str| header.iter().position(|h| *h == name);
        let (li, ti, ki) = (col("label").unwrap(), col("title").unwrap(), col("kind"));
        let (mut tp, mut fp, mut tn, mut fn_) = (0, 0, 0, 0);
        let mut by_kind: BTreeMap<String, (u32, u32)> = BTreeMap::new();
        for line in lines {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() <= ti.max(li) {
                continue;
            }
            let label = f[li] == "1";
            let v = c.score(f[ti]);
            let kind = ki.map(|k| f[k]).unwrap_or("-").to_string();
            let e = by_kind.entry(kind.clone()).or_default();
            e.0 += 1;
            e.1 += v.is_clickbait as u32;
            match (label, v.is_clickbait) {
                (true, true) => tp += 1,
                (false, true) => fp += 1,
                (false, false) => tn += 1,
                (true, false) => fn_ += 1,
            }
            if show && label != v.is_clickbait {
                let hits: Vec<String> = v
                    .hits
                    .iter()
                    .map(|h| {
                        format!(
                            "{}({:+.1}{})",
                            h.phrase,
                            h.contribution,
                            if h.context.is_plain() {
                                String::new()
                            } else {
                                format!(" {}", h.context)
                            }
                        )
                    })
                    .chain(
                        v.signals
                            .iter()
                            .map(|s| format!("#{}({:+.1})", s.signal, s.contribution)),
                    )
                    .collect();
                println!(
                    "{} {kind:5} {:.2} {} | {}",
                    if label { "FN" } else { "FP" },
                    v.score,
                    f[ti],
                    hits.join(" ")
                );
            }
        }
        let p = tp as f64 / (tp + fp).max(1) as f64;
        let r = tp as f64 / (tp + fn_).max(1) as f64;
        let f1 = 2.0 * p * r / (p + r).max(1e-9);
        println!("== {path}: n={} P={p:.3} R={r:.3} F1={f1:.3} acc={:.3} (tp {tp} fp {fp} tn {tn} fn {fn_})", tp + fp + tn + fn_, (tp + tn) as f64 / (tp + fp + tn + fn_).max(1) as f64);
        for (k, (n, pos)) in by_kind {
            println!(
                "   kind {k:8} n={n:5} flagged={pos:5} ({:.1}%)",
                100.0 * pos as f64 / n as f64
            );
        }
    }
}
