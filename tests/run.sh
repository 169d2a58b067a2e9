#!/bin/sh
# Runs every test program given on the command line, then the terminal tests
# (tests/e2e/test_*.sh) and a bounded fuzz run, and prints one closing tally
# line "tests: N passed, N failed". Exit status is non-zero on any failure.
#
# Environment handed to every test:
#   DIALTOP_BIN, DIALTOP_SIM_BIN  absolute paths of the built programs
#   DIALTOP_TESTDATA              the test corpora (tests/data)
#   DIALTOP_TEST_TMP              a scratch directory removed afterwards
set -u
BUILD=${BUILD:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
DIALTOP_BIN="$top/$BUILD/dialtop"
DIALTOP_SIM_BIN="$top/$BUILD/dialtop-sim"
DIALTOP_TESTDATA="$top/tests/data"
DIALTOP_TEST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/dialtop-test.XXXXXX")
export DIALTOP_BIN DIALTOP_SIM_BIN DIALTOP_TESTDATA DIALTOP_TEST_TMP
trap 'rm -rf "$DIALTOP_TEST_TMP"' EXIT INT TERM
# Tests never read the developer's own configuration or state.
export XDG_CONFIG_HOME="$DIALTOP_TEST_TMP/config" XDG_STATE_HOME="$DIALTOP_TEST_TMP/state"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_STATE_HOME"

passed=0
failed=0
failed_names=""
log="$DIALTOP_TEST_TMP/last.log"

note_failure() {
    failed_names="$failed_names $1"
}

# cmocka programs: count the cases cmocka itself reports.
for bin in "$@"; do
    name=$(basename "$bin")
    timeout 300 "$bin" >"$log" 2>&1
    rc=$?
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -n 1)
    p=${p:-0}
    f=${f:-0}
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1   # crashed, timed out or failed outside a test case
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$rc" -ne 0 ]; then
        echo "FAIL $name (exit $rc)"
        sed 's/^/    /' "$log" | tail -n 60
        note_failure "$name"
    else
        echo "ok   $name ($p)"
    fi
done

# Terminal tests: one script, one test; the script prints why it failed.
if [ "${SKIP_E2E:-0}" != 1 ]; then
    for t in "$top"/tests/e2e/test_*.sh; do
        [ -f "$t" ] || continue
        name=$(basename "$t" .sh)
        timeout 300 sh "$t" >"$log" 2>&1
        rc=$?
        if [ "$rc" -eq 0 ]; then
            passed=$((passed + 1))
            echo "ok   $name"
        else
            failed=$((failed + 1))
            echo "FAIL $name (exit $rc)"
            sed 's/^/    /' "$log" | tail -n 60
            note_failure "$name"
        fi
    done
fi

# Bounded fuzzing: each libFuzzer target for a few seconds on its seed corpus.
if [ "${SKIP_FUZZ:-0}" != 1 ] && ls "$top"/tests/fuzz/fuzz_*.c >/dev/null 2>&1; then
    if command -v clang >/dev/null && make -C "$top" -s fuzz >"$log" 2>&1; then
        for f in "$top"/build-fuzz/fuzz_*; do
            [ -x "$f" ] || continue
            name=$(basename "$f")
            corpus="$top/tests/fuzz/corpus/${name#fuzz_}"
            work="$DIALTOP_TEST_TMP/$name"
            mkdir -p "$work"
            [ -d "$corpus" ] && cp -r "$corpus"/. "$work"/
            timeout 120 "$f" -max_total_time="${FUZZ_SECONDS:-10}" -rss_limit_mb=2048 \
                "$work" >"$log" 2>&1
            rc=$?
            if [ "$rc" -eq 0 ]; then
                passed=$((passed + 1))
                echo "ok   $name ($(grep -o 'Done [0-9]* runs' "$log" | tail -n 1))"
            else
                failed=$((failed + 1))
                echo "FAIL $name (exit $rc)"
                tail -n 40 "$log" | sed 's/^/    /'
                note_failure "$name"
            fi
        done
    else
        failed=$((failed + 1))
        echo "FAIL fuzz build"
        tail -n 40 "$log" | sed 's/^/    /'
        note_failure "fuzz-build"
    fi
fi

[ -n "$failed_names" ] && echo "failed:$failed_names"
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
