"""Score titles (English and Chinese) for sensational, alarmist clickbait.

Python bindings of the Rust ``clickbait`` crate::

    >>> import clickbait
    >>> clickbait.score("小米SU7二手价崩盘！车商亏麻了") > 0.5
    True
    >>> clickbait.is_clickbait("Toyota reports quarterly sales")
    False

* ``score(title) -> float``, ``is_clickbait(title) -> bool`` and
  ``explain(title) -> dict`` use the default classifier (embedded English and
  Chinese lexicons, default weights).
* ``Classifier(lexicons=[...], default_lexicons=True, weights=None,
  threshold=None)`` configures your own; it adds ``score_batch`` (a list of
  ``str``) and ``score_arrow`` / ``explain_arrow`` (any Arrow string array).
  The GIL is released while a batch is scored; one ``Classifier`` may be shared
  by many threads.
* ``clickbait.spark.score_column`` scores a Spark DataFrame column with
  ``mapInArrow`` (import ``clickbait.spark`` explicitly; it needs pyspark).

Offsets: ``explain(...)["hits"][i]["span"]`` is a ``(start, end)`` pair of
**character** (code point) offsets into the Python string you passed, so
``title[start:end]`` is the matched text. (The Rust library reports UTF-8 byte
offsets; the bindings convert them.)

Lone surrogates: a ``str`` that contains unpaired surrogates (e.g. from
``os.fsdecode`` or ``errors="surrogateescape"``) cannot be UTF-8; each such
surrogate is scored as U+FFFD REPLACEMENT CHARACTER. Character offsets still
index the original string.

Errors: a bad lexicon or weights file raises :class:`ClickbaitError` (a
``ValueError``) whose message lists every problem as ``file:line: message``;
an unreadable file raises ``FileNotFoundError`` / ``OSError``; a non-``str``
title raises ``TypeError``.
"""

from clickbait._clickbait import (
    Classifier,
    ClickbaitError,
    __version__,
    explain,
    is_clickbait,
    score,
)

__all__ = [
    "Classifier",
    "ClickbaitError",
    "__version__",
    "explain",
    "is_clickbait",
    "score",
]
