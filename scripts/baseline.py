#!/usr/bin/env python3
"""Repeated stratified k-fold CV of `clickbait fit` against two TF-IDF peers.

The yardstick every `fit` change is judged by (issue 15). Dev-only: never part
of `cargo test` or CI. Run by hand:

    python3 -m venv /work/venv-fit
    /work/venv-fit/bin/pip install scikit-learn jieba numpy
    CARGO_TARGET_DIR=target cargo build --release -p clickbait-cli
    /work/venv-fit/bin/python scripts/baseline.py \
        /work/shared/data/public/en-stopclickbait-train.tsv \
        /work/shared/data/public/en-dl-train.tsv \
        /work/shared/data/public/zh-hancd-sina.tsv

For every file and every fold of `--repeats` × `--folds` stratified CV (5×2
by default, seeded) it trains three models on the fold's training rows and
scores F1 of label 1 on its test rows:

- `fit`: the release `clickbait fit` binary (`--bin`) on a TSV of the fold's
  training rows (one thread), then `clickbait eval` of the written weights on a
  TSV of the test rows;
- SVC: TF-IDF word 1–2-grams (English) or character 1–3-grams (Chinese),
  LinearSVC C=1;
- LogReg: TF-IDF word 1–2-grams + char_wb 2–5-grams, min_df 2 (English), or
  jieba words 1–2-grams + character 1–3-grams (Chinese), sublinear tf,
  liblinear C=10.

It prints mean F1 ± standard deviation over the folds for each model and the
paired difference fit − peer (mean ± sd, and per fold). A file's language is
the majority of its `lang` column. Extra `fit` options go through
`--fit-arg=--l2=2` (repeatable).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def read_tsv(path):
    """(title, label, lang) of every usable row of a `label lang source title` TSV."""
    rows = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        col = {name: i for i, name in enumerate(header)}
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) != len(header) or fields[col["label"]] not in ("0", "1"):
                continue
            lang = fields[col["lang"]] if "lang" in col else "en"
            rows.append((fields[col["title"]], int(fields[col["label"]]), lang))
    return rows


def write_tsv(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        f.write("label\tlang\ttitle\n")
        for title, label, lang in rows:
            f.write(f"{label}\t{lang}\t{title}\n")


def peers(zh):
    """The two peer pipelines, configured as issue 15 measures them."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union
    from sklearn.svm import LinearSVC

    if zh:
        import jieba

        jieba.setLogLevel(60)
        svc_vec = TfidfVectorizer(analyzer="char", ngram_range=(1, 3))
        lr_vec = make_union(
            TfidfVectorizer(tokenizer=jieba.lcut, token_pattern=None, lowercase=False,
                            ngram_range=(1, 2), sublinear_tf=True),
            TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True),
        )
    else:
        svc_vec = TfidfVectorizer(ngram_range=(1, 2))
        lr_vec = make_union(
            TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True),
        )
    return {
        "SVC": lambda: make_pipeline(svc_vec, LinearSVC(C=1.0)),
        "LogReg": lambda: make_pipeline(lr_vec, LogisticRegression(solver="liblinear", C=10.0)),
    }


def run_fit(args, tmp, train, test):
    """F1 of `clickbait fit` trained on `train`, evaluated on `test`, and its fit seconds."""
    train_path, test_path = os.path.join(tmp, "train.tsv"), os.path.join(tmp, "test.tsv")
    model = os.path.join(tmp, "model.toml")
    write_tsv(train_path, train)
    write_tsv(test_path, test)
    cmd = [args.bin, "fit", train_path, "-o", model, "--json", "--threads", "1"] + args.fit_args
    t = time.time()
    p = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.time() - t
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stderr}")
    p = subprocess.run([args.bin, "eval", "--json", "--weights", model, test_path],
                       capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit(f"clickbait eval failed ({p.returncode}):\n{p.stderr}")
    return json.loads(p.stdout)["overall"]["f1"], seconds


def mean_sd(xs):
    return statistics.mean(xs), (statistics.stdev(xs) if len(xs) > 1 else 0.0)


def cross_validate(args, path):
    from sklearn.metrics import f1_score
    from sklearn.model_selection import RepeatedStratifiedKFold

    rows = read_tsv(path)
    langs = [r[2] for r in rows]
    zh = langs.count("zh") * 2 > len(langs)
    make = peers(zh)
    y = [r[1] for r in rows]
    cv = RepeatedStratifiedKFold(n_splits=args.folds, n_repeats=args.repeats, random_state=args.seed)
    f1 = {"fit": [], "SVC": [], "LogReg": []}
    fit_seconds = []
    with tempfile.TemporaryDirectory() as tmp:
        for k, (tr, te) in enumerate(cv.split(rows, y)):
            train, test = [rows[i] for i in tr], [rows[i] for i in te]
            score, secs = run_fit(args, tmp, train, test)
            f1["fit"].append(score)
            fit_seconds.append(secs)
            for name, build in make.items():
                model = build().fit([r[0] for r in train], [r[1] for r in train])
                f1[name].append(f1_score([r[1] for r in test], model.predict([r[0] for r in test])))
            if args.verbose:
                print(f"  fold {k}: " + ", ".join(f"{n} {v[-1]:.4f}" for n, v in f1.items()),
                      file=sys.stderr)
    return {"file": path, "rows": len(rows), "lang": "zh" if zh else "en", "f1": f1,
            "fit_seconds": fit_seconds}


def print_table(res, folds, repeats):
    f1 = res["f1"]
    print(f"{os.path.basename(res['file'])}: {res['rows']} rows ({res['lang']}), "
          f"{repeats}×{folds} stratified CV, F1 of label 1; "
          f"fit {statistics.mean(res['fit_seconds']):.2f} s per fold (wall, one thread)")
    print(f"  {'model':8} {'mean':>7} {'sd':>7}   paired fit − model (mean ± sd; per fold)")
    for name, xs in f1.items():
        m, sd = mean_sd(xs)
        line = f"  {name:8} {m:7.4f} {sd:7.4f}"
        if name != "fit":
            d = [a - b for a, b in zip(f1["fit"], xs)]
            dm, dsd = mean_sd(d)
            line += f"   {dm:+.4f} ± {dsd:.4f}; " + " ".join(f"{x:+.3f}" for x in d)
        print(line)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="+", help="labelled TSV files (label, lang, title columns)")
    ap.add_argument("--folds", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                  "..", "target", "release", "clickbait"))
    ap.add_argument("--fit-arg", dest="fit_args", action="append", default=[],
                    help="extra argument for `clickbait fit` (repeatable), e.g. --fit-arg=--l2=2")
    ap.add_argument("--json", action="store_true", help="print the results as JSON lines")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every fold on stderr")
    args = ap.parse_args()
    for path in args.files:
        res = cross_validate(args, path)
        if args.json:
            print(json.dumps(res))
        else:
            print_table(res, args.folds, args.repeats)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
