#!/usr/bin/env bash
# Reproduces the performance numbers:
#   1. `cargo bench --bench score` — criterion groups (latency, throughput, build)
#      followed by a summary table on stderr (titles/s for score_value, score and
#      the aho-corasick floor over a 1 000 000-title corpus, the two ratios,
#      build time, automaton memory);
#   2. the release CLI scoring a generated 1 000 000-line file to /dev/null with
#      `--threads 1` and with the default thread count, timed by /usr/bin/time -v
#      (wall clock, max RSS). Skipped with a clear message if the CLI is missing.
#
# Usage: scripts/bench.sh [--no-criterion] [--no-cli]
# Env:   LINES=1000000           lines in the generated CLI input
#        CLICKBAIT_BENCH_DATA=dir  TSV corpus (default ../shared/data/public)
#        CLICKBAIT_BENCH_RUNS=5    summary runs per measurement
#        OUT=target/bench-out      where logs and the generated input go
set -euo pipefail
cd "$(dirname "$0")/.."

run_criterion=1
run_cli=1
for arg in "$@"; do
    case "$arg" in
    --no-criterion) run_criterion=0 ;;
    --no-cli) run_cli=0 ;;
    -h | --help)
        sed -n '2,16p' "$0"
        exit 0
        ;;
    *)
        echo "unknown argument: $arg" >&2
        exit 2
        ;;
    esac
done

LINES=${LINES:-1000000}
OUT=${OUT:-target/bench-out}
DATA=${CLICKBAIT_BENCH_DATA:-../shared/data/public}
mkdir -p "$OUT"

echo "== machine"
echo "cores (nproc): $(nproc)"
grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/^model name[[:space:]]*: /cpu: /' || true
rustc --version
echo "git: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (dirty)')"

if [ "$run_criterion" = 1 ]; then
    echo
    echo "== cargo bench --bench score (log: $OUT/criterion.log)"
    cargo bench --bench score 2>&1 | tee "$OUT/criterion.log"
fi

[ "$run_cli" = 1 ] || exit 0

echo
echo "== CLI"
if [ ! -f cli/Cargo.toml ]; then
    echo "SKIP: no cli/ crate in this checkout; CLI timings not measured." >&2
    exit 0
fi
if ! cargo build --release -p clickbait-cli --bin clickbait 2>&1 | tail -n 3; then
    echo "SKIP: the CLI (cli/, binary 'clickbait') does not build yet; CLI timings not measured." >&2
    exit 0
fi
BIN=target/release/clickbait
if [ ! -x "$BIN" ]; then
    echo "SKIP: $BIN was not produced; CLI timings not measured." >&2
    exit 0
fi
if ! "$BIN" score --help >/dev/null 2>&1; then
    echo "SKIP: '$BIN score' is not implemented yet (\`$BIN score --help\` fails); CLI timings not measured." >&2
    exit 0
fi
TIME=/usr/bin/time
if [ ! -x "$TIME" ]; then
    echo "SKIP: $TIME not found (GNU time, package 'time'); CLI timings not measured." >&2
    exit 0
fi

# The CLI input: the title column of the shared TSVs, shuffled with a fixed seed
# and cycled to $LINES lines (a small built-in list when the TSVs are absent).
INPUT="$OUT/titles-$LINES.txt"
if [ ! -s "$INPUT" ]; then
    echo "generating $INPUT ($LINES lines)"
    python3 - "$DATA" "$LINES" "$INPUT" <<'EOF'
import glob, os, random, sys
data, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
titles = []
for path in sorted(glob.glob(os.path.join(data, "*.tsv"))):
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        if "title" not in header:
            continue
        col = header.index("title")
        for line in f:
            cells = line.rstrip("\n").split("\t")
            if len(cells) > col and cells[col].strip():
                titles.append(cells[col])
if not titles:
    print(f"note: no titles under {data}; using a built-in list", file=sys.stderr)
    titles = ["Used EV prices CRASH!!!", "Toyota reports quarterly sales",
              "You won't believe what this dealer did", "17 Things Only Car Dealers Know",
              "小米SU7二手价崩盘！车商亏麻了", "一季度二手车交易量同比增长3%",
              "二手車價格崩盤", "国家统计局发布前三季度经济数据"]
rng = random.Random(0x5EEDC11CB417)
with open(out, "w", encoding="utf-8") as f:
    written = 0
    while written < n:
        rng.shuffle(titles)
        for t in titles[: n - written]:
            f.write(t + "\n")
        written += min(len(titles), n - written)
EOF
fi
echo "input: $INPUT ($(wc -l <"$INPUT") lines, $(du -h "$INPUT" | cut -f1))"

time_cli() {
    local label=$1
    shift
    local log="$OUT/cli-$label.time"
    echo
    echo "-- $label: $BIN score $* < input > /dev/null"
    if "$TIME" -v "$BIN" score "$@" <"$INPUT" >/dev/null 2>"$log"; then
        local wall rss cpu user
        wall=$(sed -n 's/^.*Elapsed (wall clock) time.*: //p' "$log")
        rss=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$log")
        cpu=$(sed -n 's/^.*Percent of CPU this job got: //p' "$log")
        user=$(sed -n 's/^.*User time (seconds): //p' "$log")
        echo "wall clock: $wall   user CPU: ${user}s   CPU: $cpu   max RSS: ${rss} KiB"
        python3 - "$wall" "$(wc -l <"$INPUT")" <<'EOF' || true
import sys
parts = [float(p) for p in sys.argv[1].split(":")]
secs = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
print(f"throughput: {int(sys.argv[2]) / secs:,.0f} titles/s")
EOF
    else
        echo "FAILED (see $log):"
        tail -n 5 "$log"
    fi
}

time_cli threads-1 --threads 1
time_cli threads-default
