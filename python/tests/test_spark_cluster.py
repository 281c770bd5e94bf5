"""`score_column` in `local-cluster[2,1,1024]` mode: two executor JVMs, each
with its own Python workers, separate from the driver.

Nothing the driver holds reaches the executors except what the task ships:
the custom lexicon file is deleted before the job runs, and the driver's
per-process classifier cache is poisoned, so the scores come out right only if
the configuration (lexicon contents) travels with the task and each worker
builds its own classifier.
"""

from __future__ import annotations

import os
import time

import numpy as np
import pytest

import clickbait.spark as cspark
from clickbait import Classifier

from conftest import make_spark

pytestmark = [pytest.mark.spark, pytest.mark.cluster]

LEXICON = 'entries = [ { phrase = "priced to move", category = "slow_sales", weight = 4.5 } ]\n'


@pytest.fixture(scope="module")
def cluster():
    s = make_spark(
        "local-cluster[2,1,1024]",
        **{
            "spark.executor.memory": "768m",
            "spark.sql.shuffle.partitions": "4",
        },
    )
    sc = s.sparkContext
    deadline = time.time() + 120
    # The driver counts as one "executor" here; wait for the two real ones.
    while sc._jsc.sc().getExecutorMemoryStatus().size() < 3:
        if time.time() > deadline:
            s.stop()
            pytest.fail("executors did not register within 120 s")
        time.sleep(0.5)
    yield s
    s.stop()


def test_executors_are_separate_processes(cluster):
    sc = cluster.sparkContext
    infos = sc._jsc.sc().getExecutorMemoryStatus()
    assert infos.size() == 3
    pids = set(sc.parallelize(range(8), 8).mapPartitions(lambda it: [os.getpid()]).collect())
    assert os.getpid() not in pids


def test_score_column_on_executors_without_driver_state(cluster, tmp_path, titles):
    from pyspark.sql import functions as F

    lex = tmp_path / "dealer.toml"
    lex.write_text(LEXICON, encoding="utf-8")
    c = Classifier(lexicons=[lex])
    lex.unlink()  # executors cannot read it: only the shipped contents work

    # Poison this (the driver's) process cache: if executors shared driver
    # state, they would score with this wrong classifier.
    saved = dict(cspark._CLASSIFIERS)
    cspark._CLASSIFIERS[c.config] = Classifier()  # defaults: no "priced to move"
    try:
        special = [f"Priced to move #{i}" for i in range(50)]
        rows = [(i, t) for i, t in enumerate(titles[:5000] + special + [None] * 10)]
        df = (
            cluster.createDataFrame(rows, "id long, title string")
            .repartition(6)
            .orderBy(F.rand(seed=2))
        )
        # score_column builds the classifier on the driver once to validate
        # the configuration; it finds the poisoned entry, which is fine.
        scored = cspark.score_column(df, classifier=c).toArrow().sort_by("id")
    finally:
        cspark._CLASSIFIERS.clear()
        cspark._CLASSIFIERS.update(saved)

    assert scored.column("id").to_pylist() == list(range(len(rows)))
    texts = [t for _, t in rows]
    present = [t for t in texts if t is not None]
    it = iter(c.score_batch(present))
    expect = [None if t is None else float(np.float32(next(it))) for t in texts]
    got = scored.column("clickbait_score").to_pylist()
    assert got == expect
    # The custom phrase really was scored on the executors.
    base = Classifier()
    for t, s in zip(texts, got):
        if t in special:
            assert s > base.score(t) and s >= c.threshold
    assert np.all(np.isfinite([s for s in got if s is not None]))

    # The work ran in executor Python workers (not this process), each with
    # the classifier built from the shipped configuration.
    pids = set(df.rdd.mapPartitions(lambda it: [os.getpid()]).collect())
    assert os.getpid() not in pids
