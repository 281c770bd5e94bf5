"""Type stubs for the Rust extension module ``clickbait._clickbait``."""

from __future__ import annotations

import os
from typing import Any, Iterable, Optional, Sequence, Tuple, TypedDict, Union

__version__: str

class ClickbaitError(ValueError):
    """A lexicon or weights file is invalid (the message lists ``file:line: message``
    for every problem), or the library failed internally."""

    problems: list[Tuple[str, int, str]]
    """``(file, line, message)`` per problem in a lexicon or weights file (line 0:
    the whole file); empty for other errors. Not kept by pickling."""

class Hit(TypedDict):
    """One hit, in the shape of its JSON everywhere (CLI, Rust serde, Python)."""

    phrase: str
    category: str
    start: int
    """UTF-8 byte offset of the start in the title."""
    end: int
    """UTF-8 byte offset of the end (exclusive)."""
    char_start: int
    """Character (code point) offset of the start: indexes the Python str."""
    char_end: int
    """Character offset of the end (exclusive)."""
    weight: float
    contribution: float
    context: list[str]
    """The contexts that apply: negated, quoted, debunked, intensified, shouted, prose."""

class SignalHit(TypedDict):
    signal: str
    count: int
    contribution: float

class Verdict(TypedDict):
    score: float
    is_clickbait: bool
    logit: float
    bias: float
    language: str
    hits: list[Hit]
    signals: list[SignalHit]

_Path = Union[str, "os.PathLike[str]"]
_Config = Tuple[
    Tuple[Tuple[str, str], ...], bool, Optional[Tuple[str, str]], Optional[float]
]

class Classifier:
    """A configured scorer; immutable, thread-safe and picklable.

    ``lexicons``: paths of extra lexicon TOML files (same format as the crate's
    ``lexicons/*.toml``), read once at construction; later ones override
    earlier phrases. ``default_lexicons``: include the embedded English and
    Chinese lexicons. ``weights``: a weights TOML file (e.g. from
    ``clickbait fit``). ``threshold``: the flagging probability (clamped to
    [0, 1]; NaN ignored); default: the weights' threshold.

    Pickling ships the file *contents*, not the paths, so a classifier
    rebuilt elsewhere (a Spark executor) needs no access to the files.
    """

    def __init__(
        self,
        lexicons: Optional[Sequence[_Path]] = None,
        default_lexicons: bool = True,
        weights: Optional[_Path] = None,
        threshold: Optional[float] = None,
    ) -> None: ...
    @property
    def threshold(self) -> float: ...
    @property
    def config(self) -> _Config: ...
    @property
    def entry_count(self) -> int: ...
    def score(self, title: str) -> float: ...
    def is_clickbait(self, title: str) -> bool: ...
    def explain(self, title: str) -> Verdict: ...
    def score_batch(self, titles: Iterable[str], threads: int = 1) -> list[float]:
        """Scores every ``str``; ``TypeError`` names the index of a non-``str``.
        ``threads=0`` uses every core."""
    def score_arrow(self, array: Any, threads: int = 1) -> Any:
        """Any Arrow string array (``string``, ``large_string``, ``string_view``,
        ``null``; an object with ``__arrow_c_array__``) -> ``pyarrow.Array`` of
        float32, same length and order, nulls kept. A ``pyarrow.ChunkedArray``
        (or ``__arrow_c_stream__`` object) gives a ``pyarrow.ChunkedArray``."""
    def explain_arrow(self, array: Any) -> Any:
        """Hits per title as ``list<struct<phrase: string, category: string,
        start: int32, end: int32, char_start: int32, char_end: int32, weight:
        float, contribution: float, context: list<string>>>`` (byte and
        character offsets),
        null for a null title."""
    def __reduce__(self) -> Tuple[Any, Tuple[_Config]]: ...

def _from_config(config: _Config) -> Classifier: ...
def score(title: str) -> float: ...
def is_clickbait(title: str) -> bool: ...
def explain(title: str) -> Verdict: ...
