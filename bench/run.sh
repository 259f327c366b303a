#!/usr/bin/env bash
# Runs trailkeep_bench from a build directory and prints its Markdown table
# (also written to bench/results/latest.md, and as JSON to
# bench/results/latest.json). Used by `make bench`.
#
#   bench/run.sh [BUILD_DIR] [extra trailkeep_bench flags...]
#   EVENTS=20000 bench/run.sh build          # quick sanity check (< 1 min)
#
# EVENTS (default 1000000) is the corpus size. Exits non-zero when the
# benchmark fails (server error, lost events, answers that disagree).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-build}"
shift || true
case "$build" in /*) ;; *) build="$root/$build" ;; esac

bench="$build/bench/trailkeep_bench"
server="$build/src/cli/trailkeep"
for f in "$bench" "$server"; do
  if [[ ! -x "$f" ]]; then
    echo "bench/run.sh: $f is missing; build it first:" >&2
    echo "  cmake --build $build --target trailkeep trailkeep_bench" >&2
    exit 2
  fi
done

exec "$bench" --events "${EVENTS:-1000000}" --binary "$server" \
  --out "$root/bench/results/latest.md" "$@"
