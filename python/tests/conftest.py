"""Shared fixtures: the repository, the release CLI, test titles, Spark sessions."""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PY_DIR = Path(__file__).resolve().parents[1]
REPO = PY_DIR.parent
SHARED = REPO.parent / "shared" / "data" / "public"


def target_dir() -> Path:
    return Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))


@pytest.fixture(scope="session")
def cli() -> Path:
    """The release `clickbait` binary: `CLICKBAIT_CLI`, else
    `$CARGO_TARGET_DIR/release/clickbait`, built with
    `cargo build --release -p clickbait-cli` when absent.

    It must come from the same sources as the installed extension (ci.sh
    builds both, back to back); after changing `src/` or `lexicons/`, rebuild
    both before comparing.
    """
    env = os.environ.get("CLICKBAIT_CLI")
    if env:
        return Path(env)
    binary = target_dir() / "release" / "clickbait"
    if not binary.exists():
        cargo = shutil.which("cargo")
        if cargo is None:
            pytest.fail(f"no CLI binary at {binary} and no cargo to build it")
        subprocess.run(
            [cargo, "build", "--release", "--quiet", "-p", "clickbait-cli"],
            cwd=REPO,
            check=True,
        )
    return binary


def _tsv_titles(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as f:
        return [row["title"] for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)]


TRICKY = [
    "",
    " ",
    "小米SU7二手价崩盘！车商亏麻了",
    "二手車價格崩盤",
    "二手车价格崩 - 盘",
    "PRICES C-R-A-S-H",
    "prices crashhhh",
    "ＳＵ７ 二手价 暴跌！！！",
    "Dealers are LOSING money: used EV prices crash!!!",
    "Xiaomi says claims of 'slow sales' are dealer exaggeration",
    "所谓\"二手车卖不动\"系车商夸大",
    "You won't believe what happens next 😱🔥",
    "亏\u200b麻\u200b了",
    "e\u0301\u0301 combining marks crash",
    "tab\tinside\tthe title crash",
    "new\nline crash",
    "ends with carriage return\r",
    "🚨🚨🚨 " * 50,
    "x" * 10_000,
    "崩盘" * 3000,
]


@pytest.fixture(scope="session")
def titles() -> list[str]:
    """Development and public titles plus evasion/edge cases (a few thousand)."""
    out: list[str] = list(TRICKY)
    for p in sorted((REPO / "tests" / "data").glob("*.tsv")):
        out += _tsv_titles(p)
    for p in sorted(SHARED.glob("*.tsv")):
        out += _tsv_titles(p)[:1500]
    return out


def spark_env() -> None:
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")


def make_spark(master: str, **conf: str):
    pyspark = pytest.importorskip("pyspark")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("no Java runtime")
    spark_env()
    from pyspark.sql import SparkSession

    b = (
        SparkSession.builder.master(master)
        .appName("clickbait-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "8")
        .config("spark.driver.memory", "2g")
        .config("spark.pyspark.python", sys.executable)
        .config("spark.executorEnv.PYSPARK_PYTHON", sys.executable)
    )
    for k, v in conf.items():
        b = b.config(k, v)
    del pyspark
    return b.getOrCreate()
