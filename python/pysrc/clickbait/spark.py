"""Score a Spark DataFrame column with ``DataFrame.mapInArrow``.

    >>> from clickbait.spark import score_column
    >>> scored = score_column(df, column="title")          # doctest: +SKIP
    >>> scored.select("title", "clickbait_score", "is_clickbait").show()

Arrow record batches go straight from the JVM into the Rust scorer
(``Classifier.score_arrow``): no Python object per row. Every input column is
kept as it is; the output adds

* ``output`` (default ``clickbait_score``): ``float`` (32-bit, exactly the
  Rust library's score), null where the title is null;
* ``is_clickbait``: ``boolean``, ``score >= classifier.threshold``, null where
  the title is null;
* with ``explain=True``, ``hits``: ``array<struct<phrase: string, category:
  string, start: int, end: int, char_start: int, char_end: int, weight: float,
  contribution: float, context: array<string>>>``, the fields of a hit's JSON
  everywhere (CLI, Rust, Python): 0-based, end-exclusive **byte** offsets
  (``start``, ``end``, UTF-8) and **character** offsets (``char_start``,
  ``char_end``) into the title; null where the title is null.

Executors need this package installed in the Python that runs Spark's Python
workers (see ``python/README.md``: a cluster library, or ``venv-pack`` +
``spark.archives``). The classifier configuration (lexicon and weights file
*contents*, threshold) is pickled with the task; each Python worker process
builds the Rust classifier once, on first use, and reuses it for every later
batch and task. Nothing on the driver's file system is read on executors.

Clusters without Python on the executors: pipe the titles through the
``clickbait`` command-line tool shipped with ``--files`` (see
:func:`pipe_command` and ``python/README.md``).
"""

from __future__ import annotations

import functools
import threading
from typing import TYPE_CHECKING, Any, Dict, Iterator, Optional, Tuple

from clickbait._clickbait import Classifier, _from_config

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow as pa
    from pyspark.sql import DataFrame

__all__ = ["score_column", "pipe_command", "worker_classifier"]

HITS_COLUMN = "hits"
FLAG_COLUMN = "is_clickbait"

# One classifier per Python worker process, per configuration.
_CLASSIFIERS: Dict[Any, Classifier] = {}
_LOCK = threading.Lock()


def worker_classifier(config: Any) -> Classifier:
    """The classifier for ``config`` (``Classifier.config``, or ``None`` for the
    defaults), built on first use in this process and cached."""
    with _LOCK:
        clf = _CLASSIFIERS.get(config)
        if clf is None:
            clf = Classifier() if config is None else _from_config(config)
            _CLASSIFIERS[config] = clf
        return clf


def _hits_type() -> Any:
    from pyspark.sql.types import (
        ArrayType,
        FloatType,
        IntegerType,
        StringType,
        StructField,
        StructType,
    )

    return ArrayType(
        StructType(
            [
                StructField("phrase", StringType(), False),
                StructField("category", StringType(), False),
                StructField("start", IntegerType(), False),
                StructField("end", IntegerType(), False),
                StructField("char_start", IntegerType(), False),
                StructField("char_end", IntegerType(), False),
                StructField("weight", FloatType(), False),
                StructField("contribution", FloatType(), False),
                StructField("context", ArrayType(StringType(), False), False),
            ]
        ),
        containsNull=False,
    )


def _score_batches(
    batches: Iterator["pa.RecordBatch"],
    *,
    config: Any,
    column: int,
    names: Tuple[str, ...],
    explain: bool,
) -> Iterator["pa.RecordBatch"]:
    """Runs on executors: scores one partition's Arrow batches."""
    import pyarrow as pa
    import pyarrow.compute as pc

    clf = worker_classifier(config)
    threshold = pa.scalar(clf.threshold, type=pa.float32())
    for batch in batches:
        titles = batch.column(column)
        scores = clf.score_arrow(titles)
        flags = pc.greater_equal(scores, threshold)
        arrays = list(batch.columns) + [scores, flags]
        if explain:
            arrays.append(clf.explain_arrow(titles))
        yield pa.RecordBatch.from_arrays(arrays, names=list(names))


def score_column(
    df: "DataFrame",
    column: str = "title",
    output: str = "clickbait_score",
    explain: bool = False,
    classifier: Optional[Classifier] = None,
) -> "DataFrame":
    """``df`` with every column kept, plus ``output`` (float score),
    ``is_clickbait`` (bool) and, with ``explain=True``, ``hits``.

    ``column`` must be a string column. ``classifier`` defaults to the embedded
    lexicons and weights; a custom :class:`clickbait.Classifier` is shipped to
    executors by its configuration (file contents, not paths).
    Raises ``ValueError`` for an unknown column or an output name that already
    exists, ``TypeError`` for a non-string column.
    """
    from pyspark.sql.types import BooleanType, FloatType, StringType, StructField, StructType

    names = list(df.schema.fieldNames())
    if column not in names:
        raise ValueError(f"no column {column!r} in the DataFrame (columns: {names})")
    index = names.index(column)
    field = df.schema.fields[index]
    if not isinstance(field.dataType, StringType):
        raise TypeError(f"column {column!r} is {field.dataType.simpleString()}, not string")
    added = [output, FLAG_COLUMN] + ([HITS_COLUMN] if explain else [])
    if len(set(added)) != len(added):
        raise ValueError(f"output column name {output!r} collides with {added[1:]}")
    for name in added:
        if name in names:
            raise ValueError(f"the DataFrame already has a column {name!r}")

    fields = list(df.schema.fields) + [
        StructField(output, FloatType(), True),
        StructField(FLAG_COLUMN, BooleanType(), True),
    ]
    if explain:
        fields.append(StructField(HITS_COLUMN, _hits_type(), True))
    schema = StructType(fields)

    config = None if classifier is None else classifier.config
    # Fail on the driver, not in every task, if the configuration is broken.
    worker_classifier(config)
    fn = functools.partial(
        _score_batches,
        config=config,
        column=index,
        names=tuple(names + added),
        explain=explain,
    )
    return df.mapInArrow(fn, schema)


def pipe_command(binary: str = "./clickbait", *args: str) -> str:
    """The command line for ``RDD.pipe`` through the ``clickbait`` CLI.

    The fallback for clusters whose executors cannot import this package: ship
    the release binary (``cargo build --release -p clickbait-cli``; it links
    only glibc, so build it on the oldest OS the cluster runs) with ``spark-submit --files target/release/clickbait``
    (or ``SparkContext.addFile``); Spark makes fetched files executable. Input
    is one title per line; output is one JSON object per input line, in
    order, with ``title``, ``score`` and ``is_clickbait``. Extra ``args`` are
    passed to ``clickbait score`` (``--lexicon FILE`` also shipped with
    ``--files``, ``--threshold X``, ...)::

        import json
        titles = df.select("title").rdd.map(
            lambda r: (r.title or "").replace("\r", " ").replace("\n", " "))
        scored = titles.pipe(pipe_command()).map(json.loads)

    Line framing: a title containing a newline (or a carriage return) would be
    split into several records and shift every later score out of line, so
    strip them first, as above. Nulls have no line form: map them to ``""``
    (and remember which they were). Scala/Java jobs use the JVM's
    ``rdd.pipe(Seq("./clickbait", "score", "--input", "lines", "--threads",
    "1", "-"))`` the same way; PySpark's ``RDD.pipe`` itself runs in Python
    workers, so on a cluster with no Python at all use the Scala API or Spark
    SQL's ``SELECT TRANSFORM(title) USING ...``.
    """
    return " ".join([binary, "score", "--input", "lines", "--threads", "1", *args, "-"])
