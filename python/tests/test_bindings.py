"""The Python bindings: agreement with the CLI, Arrow, errors, edge cases, threads."""

from __future__ import annotations

import json
import pickle
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

import clickbait
from clickbait import Classifier, ClickbaitError


def f32_text(x: float) -> str:
    """What Rust's `f32::to_string` prints (shortest round-trip, no exponent)."""
    return np.format_float_positional(np.float32(x), unique=True, trim="-")


def f32(x: float) -> float:
    """`x` rounded to float32, as Arrow's float32 columns hold it (Python's
    scores are the shortest decimal of the float32: 0.25, 2.8)."""
    return float(np.float32(x))


def run_cli(cli: Path, tmp_path: Path, titles: list[str], *args: str) -> list[dict]:
    """`clickbait score` over a JSONL file of titles; returns the records with
    their raw `score` text kept under `_score_text`."""
    src = tmp_path / "titles.jsonl"
    with src.open("w", encoding="utf-8") as f:
        for t in titles:
            f.write(json.dumps({"title": t}, ensure_ascii=False) + "\n")
    out = subprocess.run(
        [str(cli), "score", "--input", "jsonl", *args, str(src)],
        check=True,
        capture_output=True,
    ).stdout.decode("utf-8")
    records = []
    for line in out.splitlines():
        # The raw number as printed, before json turns it into a float.
        raw = line.split('"score":', 1)[1].split(",", 1)[0]
        rec = json.loads(line)
        rec["_score_text"] = raw
        records.append(rec)
    assert len(records) == len(titles)
    return records


# --------------------------------------------------------------------------- CLI agreement


def test_scores_agree_with_cli_byte_for_byte(cli, tmp_path, titles):
    records = run_cli(cli, tmp_path, titles)
    c = Classifier()
    batch = c.score_batch(titles)
    arrow = c.score_arrow(pa.array(titles)).to_numpy()
    for i, (t, rec) in enumerate(zip(titles, records)):
        s = clickbait.score(t)
        assert f32_text(s) == rec["_score_text"], (i, t)
        assert np.float32(rec["score"]) == np.float32(s), (i, t)
        assert batch[i] == s and arrow[i] == np.float32(s), (i, t)
        assert c.score(t) == s
        assert clickbait.is_clickbait(t) == rec["is_clickbait"] == c.is_clickbait(t), (i, t)


def test_explain_agrees_with_cli(cli, tmp_path, titles):
    # One JSON shape for a hit (issue 19.3): Python's dicts are the CLI's JSON.
    sample = titles[:400]
    records = run_cli(cli, tmp_path, sample, "--explain")
    for t, rec in zip(sample, records):
        v = clickbait.explain(t)
        assert np.float32(v["score"]) == np.float32(rec["score"])
        assert v["is_clickbait"] == rec["is_clickbait"]
        assert v["hits"] == rec["hits"], t
        assert v["signals"] == rec["signals"], t
        for h in v["hits"]:
            assert len(t[: h["char_start"]].encode()) == h["start"]
            assert len(t[: h["char_end"]].encode()) == h["end"]


def test_explain_json_of_the_cli_is_the_python_dict(cli):
    t = "Used EV prices CRASH: dealers cannot give them away 亏麻了!!!"
    out = subprocess.run(
        [str(cli), "explain", "--json", t], check=True, capture_output=True
    ).stdout.decode("utf-8")
    (rec,) = [json.loads(line) for line in out.splitlines()]
    v = clickbait.explain(t)
    assert rec["hits"] == v["hits"] and rec["signals"] == v["signals"]
    for k in ["score", "is_clickbait", "logit", "bias", "language"]:
        assert rec[k] == v[k], k
    # Floats are the shortest repr of the f32 (2.8, not 2.799999952316284).
    assert all(h["weight"] == float(f32_text(h["weight"])) for h in v["hits"])
    assert clickbait.score(t) == float(f32_text(clickbait.score(t)))
    assert 2.799999952316284 not in [h["weight"] for h in v["hits"]]


def test_explain_fields_and_logit_sum():
    v = clickbait.explain("SHOCKING: used EV prices CRASH, dealers losing money!!!")
    assert set(v) == {"score", "is_clickbait", "logit", "bias", "language", "hits", "signals"}
    assert v["language"] == "en" and v["is_clickbait"]
    total = v["bias"] + sum(h["contribution"] for h in v["hits"])
    total += sum(s["contribution"] for s in v["signals"])
    assert abs(total - v["logit"]) < 1e-4
    assert list(v["hits"][0]) == [
        "phrase", "category", "start", "end", "char_start", "char_end",
        "weight", "contribution", "context",
    ]
    assert isinstance(v["hits"][0]["context"], list)
    assert clickbait.explain("prices are not CRASHING")["hits"][0]["context"] == [
        "negated", "shouted",
    ]


def test_spans_are_character_offsets():
    t = "小米SU7二手价崩盘！车商亏麻了"
    v = clickbait.explain(t)
    got = [t[h["char_start"] : h["char_end"]] for h in v["hits"]]
    assert got == ["崩盘", "亏麻"]
    t = "😱😱 二手車價格崩盤"  # astral characters and traditional script
    (h,) = [h for h in clickbait.explain(t)["hits"] if h["category"] == "collapse"]
    assert t[h["char_start"] : h["char_end"]] == "崩盤"
    t = "价格崩 - 盘 mid-title"
    (h,) = clickbait.explain(t)["hits"]
    assert t[h["char_start"] : h["char_end"]] == "崩 - 盘"


# --------------------------------------------------------------------------- Arrow


@pytest.mark.parametrize("ty", [pa.string(), pa.large_string(), pa.string_view()])
def test_score_arrow_types_and_nulls(ty):
    titles = ["Prices CRASH!!!", None, "", "一季度二手车交易量同比增长3%", None]
    arr = pa.array(titles, type=ty)
    out = Classifier().score_arrow(arr)
    assert out.type == pa.float32() and len(out) == len(titles)
    assert out.null_count == 2
    for t, s in zip(titles, out.to_pylist()):
        assert (s is None) == (t is None)
        if t is not None:
            assert np.float32(s) == np.float32(clickbait.score(t))


def test_score_arrow_chunked_sliced_empty_and_all_null():
    c = Classifier()
    a = pa.array(["a crash", None, "亏麻了！", "fine"] * 10)
    chunked = pa.chunked_array([a.slice(3, 7), a.slice(0, 0), a.slice(11)])
    out = c.score_arrow(chunked)
    assert isinstance(out, pa.ChunkedArray) and out.type == pa.float32()
    assert out.num_chunks == 3
    expect = [None if t is None else f32(c.score(t)) for t in chunked.to_pylist()]
    assert out.to_pylist() == expect
    sliced = a.slice(5, 9)  # non-zero offset
    assert c.score_arrow(sliced).to_pylist() == [
        None if t is None else f32(c.score(t)) for t in sliced.to_pylist()
    ]
    assert len(c.score_arrow(pa.array([], pa.string()))) == 0
    nulls = c.score_arrow(pa.nulls(4))
    assert nulls.type == pa.float32() and nulls.null_count == 4
    assert c.score_arrow(pa.array([None, None], pa.string())).null_count == 2


def test_score_arrow_rejects_non_strings():
    c = Classifier()
    with pytest.raises(TypeError, match="string"):
        c.score_arrow(pa.array([1, 2]))
    with pytest.raises(TypeError, match="Arrow"):
        c.score_arrow(["a list", "of str"])


def test_explain_arrow_matches_explain():
    c = Classifier()
    titles = ["小米SU7二手价崩盘！车商亏麻了", None, "", "Prices CRASH, dealers losing money"]
    out = c.explain_arrow(pa.array(titles))
    assert out.type.value_type.names == [
        "phrase", "category", "start", "end", "char_start", "char_end",
        "weight", "contribution", "context",
    ]
    for t, hits in zip(titles, out.to_pylist()):
        if t is None:
            assert hits is None
            continue
        v = c.explain(t)
        # The same fields as a hit's dict; floats as float32.
        for h in hits:
            h["weight"] = float(np.float32(h["weight"]))
            h["contribution"] = float(np.float32(h["contribution"]))
        want = [
            dict(h, weight=float(np.float32(h["weight"])),
                 contribution=float(np.float32(h["contribution"])))
            for h in v["hits"]
        ]
        assert hits == want
    chunked = c.explain_arrow(pa.chunked_array([pa.array(titles[:2]), pa.array(titles[2:])]))
    assert chunked.to_pylist() == out.to_pylist()


def test_threads_parameter_gives_same_scores(titles):
    c = Classifier()
    many = titles * 3
    one = c.score_batch(many)
    assert c.score_batch(many, threads=0) == one
    assert c.score_batch(many, threads=3) == one
    arr = pa.array(many)
    assert c.score_arrow(arr, threads=0).to_pylist() == c.score_arrow(arr).to_pylist()


# --------------------------------------------------------------------------- edge cases


def test_empty_and_whitespace():
    for t in ["", " ", "\n", "\t\t"]:
        s = clickbait.score(t)
        assert 0.0 <= s <= 1.0
        assert clickbait.explain(t)["hits"] == []


def test_very_long_titles():
    long = "Prices CRASH!!! dealers losing money, 二手车崩盘 " * 40_000  # ~2 MB
    s = clickbait.score(long)
    assert 0.0 <= s <= 1.0
    v = clickbait.explain(long)
    assert len(v["hits"]) > 1000
    last = v["hits"][-1]
    assert long[last["char_start"] : last["char_end"]].lower().replace("盤", "盘") in {last["phrase"], "崩盘"}
    assert Classifier().score_batch([long, "x"])[0] == s
    assert Classifier().score_arrow(pa.array([long])).to_pylist() == [np.float32(s)]


def test_lone_surrogates_are_scored_as_replacement_characters():
    t = "Prices \ud800CRASH\udfff!!! 亏麻了 \udc80"
    replaced = t.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    assert clickbait.score(t) == clickbait.score(replaced)
    assert clickbait.is_clickbait(t) == clickbait.is_clickbait(replaced)
    v = clickbait.explain(t)
    for h in v["hits"]:
        # Spans still index the caller's (unencodable) string.
        start, end = h["char_start"], h["char_end"]
        assert t[start:end] == replaced[start:end]
    assert [t[h["char_start"] : h["char_end"]] for h in v["hits"]][-1] == "亏麻"
    c = Classifier()
    assert c.score_batch([t, "\ud83d\ude31", "\udcff"]) == [
        clickbait.score(replaced),
        clickbait.score("\ufffd\ufffd"),
        clickbait.score("\ufffd"),
    ]
    # A surrogate *pair* written as two code points is two characters in Python.
    pair = "\ud83d\ude31 crash"
    (h,) = clickbait.explain(pair)["hits"]
    assert pair[h["char_start"] : h["char_end"]] == "crash"


def test_non_string_arguments_raise_type_error():
    c = Classifier()
    with pytest.raises(TypeError, match="str"):
        clickbait.score(None)
    with pytest.raises(TypeError, match="str"):
        c.score(b"bytes")
    with pytest.raises(TypeError, match=r"element 2 is int"):
        c.score_batch(["a", "b", 3, "d"])
    with pytest.raises(TypeError, match=r"element 1 is NoneType"):
        c.score_batch(["a", None])
    assert c.score_batch([]) == []
    assert c.score_batch(iter(["a", "b"])) == c.score_batch(("a", "b"))


# --------------------------------------------------------------------------- configuration


LEXICON = """
lang = "en"
entries = [
  { phrase = "priced to move", category = "slow_sales", weight = 4.5 },
  { pattern = 'only \\d+ left', anchor = "only", category = "urgency", weight = 2.0 },
]
"""


def test_custom_lexicon_file(tmp_path, cli):
    p = tmp_path / "dealer.toml"
    p.write_text(LEXICON, encoding="utf-8")
    title = "Priced to move: only 3 left"
    base = Classifier()
    c = Classifier(lexicons=[p])
    assert c.score(title) > base.score(title)
    assert c.is_clickbait(title) and not base.is_clickbait(title)
    assert [h["phrase"] for h in c.explain(title)["hits"]][0] == "priced to move"
    only = Classifier(lexicons=[str(p)], default_lexicons=False)
    assert only.entry_count == 2
    assert only.explain("prices crash")["hits"] == []
    # Same as the CLI with --lexicon.
    rec = run_cli(cli, tmp_path, [title, "prices crash"], "--lexicon", str(p))
    assert [r["_score_text"] for r in rec] == [
        f32_text(c.score(title)), f32_text(c.score("prices crash"))
    ]


def test_threshold_and_weights_file(tmp_path):
    t = "Prices crash"
    s = clickbait.score(t)
    assert Classifier(threshold=0.0).is_clickbait(t)
    assert not Classifier(threshold=1.0).is_clickbait("hello")
    assert Classifier(threshold=0.3).threshold == pytest.approx(0.3)
    assert Classifier(threshold=7).threshold == 1.0  # clamped
    w = tmp_path / "w.toml"
    w.write_text("threshold = 0.99\n", encoding="utf-8")
    cw = Classifier(weights=w)
    assert cw.threshold == pytest.approx(0.99)
    assert cw.score(t) == s
    bad = tmp_path / "bad-weights.toml"
    bad.write_text("threshold = 0.5\nbogus = 1\n", encoding="utf-8")
    with pytest.raises(ClickbaitError, match="bad-weights.toml"):
        Classifier(weights=bad)


def test_bad_lexicon_raises_with_file_and_line(tmp_path):
    p = tmp_path / "mine.toml"
    p.write_text(
        'entries = [\n'
        '  { phrase = "fire sale", category = "bargains", weight = 2.0 },\n'
        '  { phrase = "huge", category = "hype", weight = 50 },\n'
        ']\n',
        encoding="utf-8",
    )
    with pytest.raises(ClickbaitError) as e:
        Classifier(lexicons=[p])
    lines = str(e.value).splitlines()
    assert lines[0].startswith(f"{p}:2: unknown category \"bargains\"")
    assert lines[1] == f"{p}:3: weight 50 out of range [-5, 5]"
    assert [(f, n) for f, n, _ in e.value.problems] == [(str(p), 2), (str(p), 3)]
    assert e.value.problems[1][2] == "weight 50 out of range [-5, 5]"
    assert isinstance(e.value, ValueError)
    syntax = tmp_path / "syntax.toml"
    syntax.write_text('lang = "en"\nentries = [ { phrase = "x" \n', encoding="utf-8")
    with pytest.raises(ClickbaitError, match=rf"{syntax}:\d+:"):
        Classifier(lexicons=[syntax])
    with pytest.raises(FileNotFoundError, match="missing.toml"):
        Classifier(lexicons=[tmp_path / "missing.toml"])
    with pytest.raises(ClickbaitError, match="no lexicon phrases") as e:
        Classifier(default_lexicons=False)
    assert e.value.problems == []
    with pytest.raises(TypeError):
        Classifier(lexicons="not-a-list.toml")


def test_pickle_ships_contents_not_paths(tmp_path):
    p = tmp_path / "dealer.toml"
    p.write_text(LEXICON, encoding="utf-8")
    c = Classifier(lexicons=[p], threshold=0.7)
    blob = pickle.dumps(c)
    p.unlink()  # the copy must not need the file
    d = pickle.loads(blob)
    t = "Priced to move: only 3 left"
    assert d.score(t) == c.score(t) and d.threshold == c.threshold
    assert d.config == c.config
    assert pickle.loads(pickle.dumps(Classifier())).score(t) == clickbait.score(t)
    e = pickle.loads(pickle.dumps(ClickbaitError("x.toml:1: empty phrase")))
    assert isinstance(e, ClickbaitError) and str(e) == "x.toml:1: empty phrase"


# --------------------------------------------------------------------------- threads


def test_thread_safety_one_classifier_many_threads(titles, tmp_path):
    p = tmp_path / "dealer.toml"
    p.write_text(LEXICON, encoding="utf-8")
    c = Classifier(lexicons=[p])
    expect = c.score_batch(titles)
    expect_explain = [c.explain(t) for t in titles[:200]]
    arr = pa.array(titles)

    def work(k: int):
        if k % 4 == 0:
            return c.score_batch(titles)
        if k % 4 == 1:
            # float32 values; Python's scores are their shortest decimals.
            return [float(f32_text(x)) for x in c.score_arrow(arr).to_pylist()]
        if k % 4 == 2:
            return [c.score(t) for t in titles]
        return [c.explain(t) for t in titles[:200]]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(32)))
    for k, r in enumerate(results):
        assert r == (expect_explain if k % 4 == 3 else expect), k
