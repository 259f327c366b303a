#!/usr/bin/env bash
# The size sweep: runs trailkeep_bench at several corpus sizes, keeps each
# size's table and JSON (bench/results/latest-<N>.md/.json), collects one
# data row per size (bench/results/sweep.dat) and draws bench/results/sweep.png
# with gnuplot (bench/chart.gp). Used by `make bench-sweep`.
#
#   bench/sweep.sh [BUILD_DIR] [extra trailkeep_bench flags...]
#   SIZES="100000 300000" bench/sweep.sh build     # a quick one
#
# SIZES defaults to "1000000 3000000 10000000" (the issue's); RESULTS (default
# bench/results) is where the files go. Every size is
# run even when one fails; the exit status is non-zero when any failed
# (server error, lost events, answers that disagree) or the chart could not
# be drawn.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-build}"
shift || true
case "$build" in /*) ;; *) build="$root/$build" ;; esac

bench="$build/bench/trailkeep_bench"
server="$build/src/cli/trailkeep"
for f in "$bench" "$server"; do
  if [[ ! -x "$f" ]]; then
    echo "bench/sweep.sh: $f is missing; build it first:" >&2
    echo "  cmake --build $build --target trailkeep trailkeep_bench" >&2
    exit 2
  fi
done
if ! command -v gnuplot >/dev/null; then
  echo "bench/sweep.sh: gnuplot is missing (Debian package gnuplot-nox; make deps)" >&2
  exit 2
fi

results="${RESULTS:-$root/bench/results}"
data="$results/sweep.dat"
mkdir -p "$results"
: > "$data"
rc=0
for n in ${SIZES:-1000000 3000000 10000000}; do
  echo "== bench/sweep.sh: $n events" >&2
  if ! "$bench" --events "$n" --binary "$server" --out "$results/latest-$n.md" \
       --sweep-data "$data" "$@"; then
    echo "bench/sweep.sh: the run at $n events failed (see above)" >&2
    rc=1
  fi
done

if ! gnuplot -e "data='$data'; out='$results/sweep.png'" "$root/bench/chart.gp"; then
  echo "bench/sweep.sh: gnuplot failed" >&2
  exit 1
fi
echo "bench/sweep.sh: data $data, chart $results/sweep.png" >&2
exit "$rc"
