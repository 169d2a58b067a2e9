#!/bin/sh
# Runs ONE test and writes its result file, so that make can run every test
# as its own target, in parallel (`make test` uses every core).
#
#   tests/run_one.sh cmocka|e2e|fuzz PROGRAM RESULT
#
# RESULT's first line is "PASSED FAILED EXIT SECONDS" (counts, the test's
# exit status, its wall time), the rest is the test's output; tests/tally.sh
# reads them all, prints the closing line and the slowest tests. The
# exit status is always 0: a failing test is a result, not a make error,
# so one failure never stops the other tests.
#
# Environment handed to every test (each test gets its own scratch
# directory, so tests running side by side never share state):
#   DIALTOP_BIN, DIALTOP_SIM_BIN  absolute paths of the built programs
#   DIALTOP_TESTDATA              the test corpora (tests/data)
#   DIALTOP_TEST_TMP              a scratch directory removed afterwards
#   XDG_CONFIG_HOME, XDG_STATE_HOME  inside it: tests never read the
#                                 developer's own configuration or state
set -u
kind=$1
prog=$2
result=$3
BUILD=${BUILD:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
DIALTOP_BIN="$top/$BUILD/dialtop"
DIALTOP_SIM_BIN="$top/$BUILD/dialtop-sim"
DIALTOP_TESTDATA="$top/tests/data"
DIALTOP_TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/dialtop-test.XXXXXX")
export DIALTOP_BIN DIALTOP_SIM_BIN DIALTOP_TESTDATA DIALTOP_TEST_TMP
trap 'rm -rf "$DIALTOP_TEST_TMP"' EXIT INT TERM
export XDG_CONFIG_HOME="$DIALTOP_TEST_TMP/config" XDG_STATE_HOME="$DIALTOP_TEST_TMP/state"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_STATE_HOME" "$(dirname "$result")"
log="$DIALTOP_TEST_TMP/test.log"
# wall time, to see where the suite's minutes go (tally.sh lists the slowest)
started=$(date +%s.%N)

case "$kind" in
cmocka)
    # count the cases cmocka itself reports
    timeout 300 "$prog" >"$log" 2>&1
    rc=$?
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
    p=${p:-0}
    f=${f:-0}
    # crashed, timed out or failed outside a test case
    [ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
    ;;
e2e)
    # one script, one test; the script prints why it failed
    timeout 300 sh "$prog" >"$log" 2>&1
    rc=$?
    if [ "$rc" -eq 0 ]; then p=1 f=0; else p=0 f=1; fi
    ;;
fuzz)
    # a bounded run on a copy of the target's seed corpus: libFuzzer
    # replays every seed whatever the budget ("INITED" in the log), then
    # fuzzes FUZZ_RUNS inputs (`make test`) or, without it, until
    # FUZZ_SECONDS have passed (60 in `make fuzz`)
    secs=${FUZZ_SECONDS:-60}
    if [ -n "${FUZZ_RUNS:-}" ]; then budget="-runs=$FUZZ_RUNS"; else budget="-max_total_time=$secs"; fi
    name=$(basename "$prog")
    corpus="$top/tests/fuzz/corpus/${name#fuzz_}"
    work="$DIALTOP_TEST_TMP/corpus"
    mkdir -p "$work"
    [ -d "$corpus" ] && cp -r "$corpus"/. "$work"/
    timeout $((secs + 120)) "$prog" "$budget" -rss_limit_mb=2048 \
        "$work" >"$log" 2>&1
    rc=$?
    if [ "$rc" -eq 0 ]; then p=1 f=0; else p=0 f=1; fi
    ;;
*)
    echo "run_one.sh: unknown kind '$kind'" >&2
    exit 2
    ;;
esac

elapsed=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
{
    echo "$p $f $rc $elapsed"
    cat "$log"
} >"$result.tmp" && mv "$result.tmp" "$result"
exit 0
