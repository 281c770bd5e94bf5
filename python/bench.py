#!/usr/bin/env python3
"""Throughput of the Python bindings against the CLI and Spark.

Scores N titles (default 1 000 000: the titles of ../shared/data/public/*.tsv,
cycled) with

* the Rust library itself, ``Classifier::score_value`` over the titles
  (``examples/score_file.rs``, 1 thread), the baseline ``score_arrow`` is held to,
* ``Classifier.score_arrow`` on one ``pyarrow`` string array (1 thread, all cores),
* ``Classifier.score_batch`` on a ``list[str]`` (1 thread, all cores),
* a Python loop over ``clickbait.score``,
* the release CLI, ``clickbait score --input lines FILE > /dev/null`` (1 thread, all cores),
* ``clickbait.spark.score_column`` in Spark ``local[cores]`` over the same titles
  read from Parquet, written to the ``noop`` sink,

and prints the median of ``--repeat`` runs of each. Run after ``bash python/ci.sh``
(or ``maturin develop --release``) with the venv's python::

    python/.venv/bin/python python/bench.py [--n 1000000] [--repeat 3] [--no-spark]
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

import clickbait
from clickbait import Classifier

PY_DIR = Path(__file__).resolve().parent
REPO = PY_DIR.parent
SHARED = REPO.parent / "shared" / "data" / "public"


def load_titles(n: int) -> list[str]:
    base: list[str] = []
    for p in sorted(SHARED.glob("*.tsv")):
        with p.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                # One title per line for the CLI: no line breaks inside.
                base.append(row["title"].replace("\r", " ").replace("\n", " "))
    if not base:
        sys.exit(f"no titles under {SHARED}")
    return [base[i % len(base)] for i in range(n)]


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def cli_binary() -> Path:
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    binary = target / "release" / "clickbait"
    if not binary.exists():
        subprocess.run(["cargo", "build", "--release", "-p", "clickbait-cli"], cwd=REPO, check=True)
    return binary


def spark_runs(parquet: Path, cores: int, repeat: int) -> list[float]:
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    from clickbait.spark import score_column

    spark = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("clickbait-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "4g")
        .config("spark.sql.files.maxPartitionBytes", str(8 << 20))
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")

    def run() -> None:
        df = spark.read.parquet(str(parquet))
        score_column(df).write.format("noop").mode("overwrite").save()

    run()  # warm-up: JVM JIT, Python workers started, classifier built
    try:
        return timed(run, repeat)
    finally:
        spark.stop()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-spark", action="store_true")
    args = ap.parse_args()

    cores = os.cpu_count() or 1
    titles = load_titles(args.n)
    nbytes = sum(len(t.encode()) for t in titles)
    arr = pa.array(titles, pa.string())
    c = Classifier()
    c.score("warm up")
    cli = cli_binary()

    rows: list[tuple[str, int, list[float]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        lines = Path(tmp) / "titles.txt"
        lines.write_text("\n".join(titles) + "\n", encoding="utf-8")
        parquet = Path(tmp) / "titles.parquet"
        pq.write_table(pa.table({"title": arr}), parquet, row_group_size=100_000)

        # The Rust library's own batch time on the same titles, one thread.
        subprocess.run(["cargo", "build", "--release", "--example", "score_file"], cwd=REPO, check=True)
        target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
        rust_runs = []
        for _ in range(args.repeat):
            out = subprocess.run(
                [str(target / "release" / "examples" / "score_file"), str(lines)],
                check=True,
                capture_output=True,
                text=True,
            )
            rust_runs.append(float(out.stdout.strip()))
        rows.append(("Rust library: Classifier::score_value loop", 1, rust_runs))
        rows.append(("score_arrow (pyarrow string array)", 1, timed(lambda: c.score_arrow(arr), args.repeat)))
        rows.append(("score_arrow (pyarrow string array)", cores, timed(lambda: c.score_arrow(arr, threads=0), args.repeat)))
        rows.append(("Classifier.score_batch (list[str])", 1, timed(lambda: c.score_batch(titles), args.repeat)))
        rows.append(("Classifier.score_batch (list[str])", cores, timed(lambda: c.score_batch(titles, threads=0), args.repeat)))
        score = clickbait.score
        rows.append(("Python loop: [clickbait.score(t) for t in titles]", 1, timed(lambda: [score(t) for t in titles], args.repeat)))

        def run_cli(threads: int):
            def go() -> None:
                with open(os.devnull, "wb") as devnull:
                    subprocess.run(
                        [str(cli), "score", "--input", "lines", "--threads", str(threads), str(lines)],
                        stdout=devnull,
                        check=True,
                    )
            return go

        rows.append(("CLI: clickbait score --input lines (JSONL to /dev/null)", 1, timed(run_cli(1), args.repeat)))
        rows.append(("CLI: clickbait score --input lines (JSONL to /dev/null)", cores, timed(run_cli(cores), args.repeat)))
        if not args.no_spark:
            rows.append((f"Spark local[{cores}] score_column (Parquet -> noop)", cores, spark_runs(parquet, cores, args.repeat)))

    print()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{args.n:,} titles ({nbytes / 1e6:.1f} MB UTF-8), {cores} cores, median of {args.repeat} runs")
    print(f"load average at the end: {load} (other work on the machine skews the multi-thread rows)")
    print()
    w = max(len(r[0]) for r in rows)
    print(f"| {'method':<{w}} | threads | median s | titles/s   | min s  |")
    print(f"|{'-' * (w + 2)}|---------|----------|------------|--------|")
    for name, threads, runs in rows:
        med = statistics.median(runs)
        print(f"| {name:<{w}} | {threads:>7} | {med:8.3f} | {args.n / med:10,.0f} | {min(runs):6.3f} |")


if __name__ == "__main__":
    main()
