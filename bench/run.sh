#!/bin/sh
# Runs every benchmark (bench/bench_*.c binaries and bench/bench_*.sh
# scripts); each prints its own figures. Not part of `make test`.
BUILD=${BUILD:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
export DIALTOP_BIN="$top/$BUILD/dialtop" DIALTOP_SIM_BIN="$top/$BUILD/dialtop-sim"
found=0
for b in "$top/$BUILD"/b/bench_* "$top"/bench/bench_*.sh; do
    [ -x "$b" ] || [ -f "$b" ] || continue
    # helpers of the scripts (a reference parse, the measure), not benchmarks
    case "$(basename "$b")" in bench_csv_parse | bench_rusage | bench_sim_clients) continue ;; esac
    found=1
    echo "== $(basename "$b")"
    case "$b" in *.sh) sh "$b" ;; *) "$b" ;; esac || echo "bench $(basename "$b") failed"
done
[ "$found" = 1 ] || echo "bench: no benchmark exists yet"
