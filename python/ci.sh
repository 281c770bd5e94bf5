#!/usr/bin/env bash
# CI for the Python bindings (python/): a venv, the extension built in release
# mode with maturin, then pytest — bindings, Spark local[2] and one
# local-cluster[2,1,1024] test. Called by .ci/run; runnable by hand:
#
#   bash python/ci.sh                 # everything
#   bash python/ci.sh -m "not spark"  # extra arguments go to pytest
#
# Environment: CLICKBAIT_VENV (default python/.venv), PYTHON (default python3),
# CARGO_TARGET_DIR (default <repo>/target, shared with the Rust build).
set -euo pipefail
cd "$(dirname "$0")"
PY_DIR=$(pwd)
REPO=$(dirname "$PY_DIR")
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$REPO/target}"
export PIP_DISABLE_PIP_VERSION_CHECK=1
VENV="${CLICKBAIT_VENV:-$PY_DIR/.venv}"

echo "== python: venv $VENV"
if [ ! -x "$VENV/bin/python" ]; then
  "${PYTHON:-python3}" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet maturin "pyspark>=4,<5" "pyarrow>=18" "pandas>=2.2,<3" pytest

if ! command -v java >/dev/null 2>&1; then
  echo "== python: installing a Java runtime for Spark"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi

echo "== python: maturin develop --release"
# The CLI is built too: the tests compare the bindings with it byte for byte.
cargo build --release --quiet -p clickbait-cli --manifest-path "$REPO/Cargo.toml"
LOG=$(mktemp)
if ! VIRTUAL_ENV="$VENV" PATH="$VENV/bin:$PATH" "$VENV/bin/maturin" develop --release >"$LOG" 2>&1; then
  cat "$LOG"
  exit 1
fi
grep -E 'Built wheel|Installed|warning' "$LOG" || true
rm -f "$LOG"
"$VENV/bin/python" -c 'import clickbait, sys; print("clickbait", clickbait.__version__, "on", sys.version.split()[0])'

echo "== python: pytest"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
export PYSPARK_PYTHON="$VENV/bin/python"
export PYSPARK_DRIVER_PYTHON="$VENV/bin/python"
"$VENV/bin/python" -m pytest -q -p no:cacheprovider tests "$@"
