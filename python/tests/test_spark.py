"""`clickbait.spark.score_column` in Spark local mode (`local[2]`)."""

from __future__ import annotations

import json

import numpy as np
import pyarrow as pa
import pytest

from clickbait import Classifier

from conftest import make_spark

pytestmark = pytest.mark.spark

N_ROWS = 200_000


@pytest.fixture(scope="module")
def spark():
    s = make_spark("local[2]")
    yield s
    s.stop()


def make_rows(titles: list[str], n: int) -> pa.Table:
    """`n` rows: id, title (every 97th null, titles cycled), and two payload columns."""
    ids = np.arange(n, dtype=np.int64)
    cycled = [None if i % 97 == 13 else titles[i % len(titles)] for i in range(n)]
    return pa.table(
        {
            "id": pa.array(ids),
            "title": pa.array(cycled, pa.string()),
            "source": pa.array([f"s{i % 5}" for i in range(n)]),
            "weight": pa.array((ids % 1000).astype(np.float64) / 7.0),
        }
    )


def test_score_column_200k_rows_parquet_shuffled(spark, tmp_path, titles):
    from clickbait.spark import score_column
    import pyarrow.parquet as pq
    from pyspark.sql import functions as F

    table = make_rows(titles, N_ROWS)
    path = tmp_path / "titles.parquet"
    pq.write_table(table, path, row_group_size=25_000)

    df = spark.read.parquet(str(path)).repartition(7).orderBy(F.rand(seed=1))
    scored = score_column(df, column="title")
    assert scored.columns == ["id", "title", "source", "weight", "clickbait_score", "is_clickbait"]
    types = dict(scored.dtypes)
    assert types["clickbait_score"] == "float" and types["is_clickbait"] == "boolean"

    got = scored.toArrow().sort_by("id")
    # Every row exactly once.
    assert got.num_rows == N_ROWS
    assert got.column("id").to_pylist() == list(range(N_ROWS))
    # Input columns kept as they were.
    for name in ["title", "source", "weight"]:
        assert got.column(name).to_pylist() == table.column(name).to_pylist(), name
    # The score the Rust library gives each title, computed on the driver.
    c = Classifier()
    titles_col = table.column("title").to_pylist()
    present = [t for t in titles_col if t is not None]
    batch = iter(c.score_batch(present))
    expect = [None if t is None else float(np.float32(next(batch))) for t in titles_col]
    scores = got.column("clickbait_score")
    assert scores.type == pa.float32()
    assert scores.null_count == sum(t is None for t in titles_col) > 0
    assert scores.to_pylist() == expect
    flags = got.column("is_clickbait").to_pylist()
    assert flags == [None if s is None else s >= c.threshold for s in expect]
    assert any(flags) and not all(f for f in flags if f is not None)


def test_score_column_explain_and_custom_classifier(spark, tmp_path):
    from clickbait.spark import score_column

    lex = tmp_path / "dealer.toml"
    lex.write_text(
        'entries = [ { phrase = "priced to move", category = "slow_sales", weight = 4.5 } ]\n',
        encoding="utf-8",
    )
    c = Classifier(lexicons=[lex], threshold=0.6)
    titles = [
        "Priced to move: 二手车崩盘！",
        None,
        "",
        "😱😱 二手車價格崩盤",
        "Toyota reports quarterly sales",
    ]
    df = spark.createDataFrame([(i, t) for i, t in enumerate(titles)], "k int, headline string")
    out = score_column(df, column="headline", output="p", explain=True, classifier=c)
    assert out.columns == ["k", "headline", "p", "is_clickbait", "hits"]
    rows = sorted(out.collect(), key=lambda r: r.k)
    for r, t in zip(rows, titles):
        if t is None:
            assert r.p is None and r.is_clickbait is None and r.hits is None
            continue
        v = c.explain(t)
        assert np.float32(r.p) == np.float32(v["score"])
        assert r.is_clickbait == v["is_clickbait"]
        assert [(h.phrase, h.category, h.char_start, h.char_end) for h in r.hits] == [
            (h["phrase"], h["category"], h["char_start"], h["char_end"]) for h in v["hits"]
        ]
        assert [(h.start, h.end, h.context) for h in r.hits] == [
            (h["start"], h["end"], h["context"]) for h in v["hits"]
        ]
        for h in r.hits:
            assert t[h.char_start:h.char_end]
    assert rows[0].hits[0].phrase == "priced to move"


def test_score_column_rejects_bad_columns(spark):
    from clickbait.spark import score_column

    df = spark.createDataFrame([(1, "a")], "n int, title string")
    with pytest.raises(ValueError, match="no column"):
        score_column(df, column="nope")
    with pytest.raises(TypeError, match="not string"):
        score_column(df, column="n")
    with pytest.raises(ValueError, match="already has"):
        score_column(df, output="n")


def test_pipe_fallback_through_the_cli(spark, cli):
    """The documented `rdd.pipe` fallback: the CLI shipped as a Spark file."""
    from pyspark import SparkFiles

    from clickbait.spark import pipe_command

    sc = spark.sparkContext
    sc.addFile(str(cli))
    titles = ["Prices CRASH!!!", "multi\nline crash", None, "亏麻了！"]
    cleaned = [(t or "").replace("\r", " ").replace("\n", " ") for t in titles]
    rdd = sc.parallelize(cleaned, 2)
    out = rdd.pipe(pipe_command(SparkFiles.get("clickbait"))).map(json.loads).collect()
    assert [r["title"] for r in out] == cleaned
    c = Classifier()
    assert [np.float32(r["score"]) for r in out] == [np.float32(c.score(t)) for t in cleaned]
