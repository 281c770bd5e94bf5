#!/usr/bin/env bash
# Packages the library as `cargo publish` would, unpacks the .crate outside the
# workspace, and builds and tests it there: the published crate's examples and
# tests must build from what the package holds, nothing else. Offline once the
# dependencies are fetched (the workspace build before this fetches them).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo package -p clickbait --allow-dirty --no-verify --offline
crate=$(ls -t target/package/clickbait-*.crate | head -n 1)
echo "package: $crate ($(du -k "$crate" | cut -f1) KiB compressed, $(tar tzf "$crate" | wc -l) files)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tar xzf "$crate" -C "$work"
dir=$(ls -d "$work"/clickbait-*)
# Its own target dir inside the temp folder; the shared registry cache is reused.
(cd "$dir" && CARGO_TARGET_DIR="$work/target" cargo test --offline --all-targets --quiet &&
    CARGO_TARGET_DIR="$work/target" cargo test --offline --doc --quiet)
echo "package build and test: ok"
