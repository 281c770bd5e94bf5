#!/usr/bin/env python3
"""Compare `clickbait fit` with TF-IDF baselines on the same holdout split.

Dev-only (not run in CI). Needs scikit-learn, e.g. in a throwaway venv:

    python3 -m venv /tmp/skvenv && /tmp/skvenv/bin/pip install scikit-learn
    cargo build --release -p clickbait-cli
    /tmp/skvenv/bin/python scripts/baseline.py /work/shared/data/public/en-dl-train.tsv

Reads the labelled file (`label` 0/1, `title`, optional `lang`; TSV split on
tabs with no quote processing, CSV, or JSONL, by extension or --input) the way
`clickbait fit` does, reproduces its split exactly (data row i, 0-based, header
excluded, bad rows counted, is held out iff splitmix64(seed ^ i) / 2^64 <
holdout), checks it against the split `clickbait fit --split-out` reports, and
prints one table: the default lexicons and `clickbait fit` (both from `clickbait
fit --json`), TF-IDF + LinearSVC and TF-IDF + LogisticRegression (word 1-2-grams
for English rows, character 1-3-grams for Chinese ones), all on the held-out
rows.
"""

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time

MASK = (1 << 64) - 1


def splitmix64(x):
    z = (x + 0x9E3779B97F4A7C15) & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def held_out(seed, i, fraction):
    return splitmix64((seed ^ i) & MASK) / 2.0**64 < fraction


def is_han(c):
    o = ord(c)
    return (
        o == 0x3007
        or 0x3400 <= o <= 0x4DBF
        or 0x4E00 <= o <= 0x9FFF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x2A6DF
        or 0x2A700 <= o <= 0x2EBEF
        or 0x30000 <= o <= 0x3134F
    )


def looks_chinese(title):
    han = sum(1 for c in title if is_han(c))
    latin = sum(1 for c in title if c.isalpha() and not is_han(c))
    return han > 0 and han * 3 >= latin


def parse_label(v):
    if isinstance(v, bool):
        return int(v)
    s = str(v).strip()
    if s in ("0", "0.0"):
        return 0
    if s in ("1", "1.0"):
        return 1
    raise ValueError(f"bad label {s!r}")


def records(path, fmt):
    """Yields (line, dict or None) for every data record, as `clickbait` counts them."""
    if fmt == "csv":
        with open(path, newline="", encoding="utf-8-sig") as f:
            reader = csv.reader(f)
            header = next(reader, None)
            for row in reader:
                if not row:
                    continue
                line = reader.line_num
                yield line, dict(zip(header, row)) if len(row) == len(header) else None
        return
    with open(path, "rb") as f:
        lines = f.read().split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    header = None
    for n, raw in enumerate(lines, start=1):
        if raw.endswith(b"\r"):
            raw = raw[:-1]
        if n == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if fmt == "tsv" and header is None:
            header = [h.decode("utf-8", "replace") for h in raw.split(b"\t")]
            continue
        if fmt == "tsv" and raw == b"":
            continue
        if fmt == "jsonl" and raw.strip() == b"":
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield n, None
            continue
        if fmt == "tsv":
            fields = text.split("\t")
            yield n, dict(zip(header, fields)) if len(fields) == len(header) else None
        else:
            try:
                obj = json.loads(text)
            except ValueError:
                obj = None
            yield n, obj if isinstance(obj, dict) else None


def load(args):
    fmt = args.input or os.path.splitext(args.file)[1].lower().lstrip(".")
    if fmt == "ndjson":
        fmt = "jsonl"
    if fmt not in ("tsv", "csv", "jsonl"):
        sys.exit(f"{args.file}: needs .tsv, .csv or .jsonl (or --input)")
    rows = []  # (index, title, label, is_chinese)
    for i, (line, rec) in enumerate(records(args.file, fmt)):
        try:
            if rec is None:
                raise ValueError("unreadable record")
            label = parse_label(rec[args.label_column])
            title = rec[args.column]
            if not isinstance(title, str):
                raise ValueError("title is not a string")
        except (KeyError, ValueError) as e:
            print(f"{args.file}:{line}: skipped: {e}", file=sys.stderr)
            continue
        lang = rec.get(args.lang_column)
        zh = lang == "zh" if lang in ("zh", "en") else looks_chinese(title)
        rows.append((i, title, label, zh))
    return rows


def metrics(y, pred, score=None):
    from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score, roc_auc_score

    m = {
        "precision": precision_score(y, pred, zero_division=0),
        "recall": recall_score(y, pred, zero_division=0),
        "f1": f1_score(y, pred, zero_division=0),
        "accuracy": accuracy_score(y, pred),
        "roc_auc": None,
    }
    if score is not None and len(set(y)) == 2:
        m["roc_auc"] = roc_auc_score(y, score)
    return m


def tfidf_baselines(train, test):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    word = TfidfVectorizer(ngram_range=(1, 2)).build_analyzer()
    char = TfidfVectorizer(analyzer="char", ngram_range=(1, 3)).build_analyzer()

    def analyzer(doc):
        title, zh = doc
        return char(title) if zh else word(title)

    vec = TfidfVectorizer(analyzer=analyzer)
    xtr = vec.fit_transform([(r[1], r[3]) for r in train])
    xte = vec.transform([(r[1], r[3]) for r in test])
    ytr = [r[2] for r in train]
    yte = [r[2] for r in test]
    out = {}
    t = time.time()
    svc = LinearSVC().fit(xtr, ytr)
    out["TF-IDF + LinearSVC"] = metrics(yte, svc.predict(xte), svc.decision_function(xte))
    out["TF-IDF + LinearSVC"]["seconds"] = time.time() - t
    t = time.time()
    lr = LogisticRegression(max_iter=2000).fit(xtr, ytr)
    out["TF-IDF + LR"] = metrics(yte, lr.predict(xte), lr.predict_proba(xte)[:, 1])
    out["TF-IDF + LR"]["seconds"] = time.time() - t
    return out


def run_fit(args, split_path, model_path):
    cmd = [
        args.bin, "fit", args.file, "--holdout", str(args.holdout), "--seed", str(args.seed),
        "--json", "-o", model_path, "--split-out", split_path, "--threads", "1",
        "--label-column", args.label_column, "--column", args.column,
    ] + (["--input", args.input] if args.input else []) + args.fit_args
    t = time.time()
    p = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.time() - t
    if p.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stderr}")
    report = json.loads(p.stdout)
    report["wall_seconds"] = seconds
    return report


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--holdout", type=float, default=0.2)
    ap.add_argument("--input", choices=["tsv", "csv", "jsonl"])
    ap.add_argument("--column", default="title")
    ap.add_argument("--label-column", default="label")
    ap.add_argument("--lang-column", default="lang")
    ap.add_argument("--bin", default=os.path.join(os.path.dirname(__file__), "..", "target", "release", "clickbait"))
    ap.add_argument("--fit-arg", dest="fit_args", action="append", default=[],
                    help="extra argument for `clickbait fit` (repeatable), e.g. --fit-arg=--l2=2")
    ap.add_argument("--json", action="store_true", help="print the table as JSON")
    args = ap.parse_args()

    rows = load(args)
    train = [r for r in rows if not held_out(args.seed, r[0], args.holdout)]
    test = [r for r in rows if held_out(args.seed, r[0], args.holdout)]

    with tempfile.TemporaryDirectory() as tmp:
        split_path = os.path.join(tmp, "split.tsv")
        report = run_fit(args, split_path, os.path.join(tmp, "model.toml"))
        with open(split_path) as f:
            next(f)
            theirs = {int(r): s for r, _, s in (l.rstrip("\n").split("\t") for l in f)}
    ours = {r[0]: "holdout" if r in test else "train" for r in rows}
    mismatch = [i for i, s in ours.items() if theirs.get(i) != s]
    if mismatch:
        sys.exit(f"split differs from clickbait fit's on rows {mismatch[:10]}")

    table = {}
    if report.get("holdout"):
        table["default lexicons"] = report["holdout"]["default"]
        table["clickbait fit"] = report["holdout"]["fitted"]
        table["clickbait fit"]["seconds"] = report["seconds"]
    table.update(tfidf_baselines(train, test))

    if args.json:
        print(json.dumps({"file": args.file, "seed": args.seed, "train": len(train), "holdout": len(test),
                          "fit_entries": report["entries"], "table": table}))
        return
    print(f"{args.file}: seed {args.seed}, holdout {args.holdout}: {len(train)} train, {len(test)} held out; "
          f"clickbait fit: {report['entries']} entries, {report['phrases']} lexicon phrase weights, "
          f"{report['seconds']:.2f} s")
    print(f"{'':22} {'P':>7} {'R':>7} {'F1':>7} {'acc':>7} {'AUC':>7}")
    fmt = lambda v: "      -" if v is None else f"{v:7.4f}"
    for name, m in table.items():
        print(f"{name:22} " + " ".join(fmt(m.get(k)) for k in ("precision", "recall", "f1", "accuracy", "roc_auc")))


if __name__ == "__main__":
    main()
