#!/bin/sh
# Prints one line per test and the closing tally "tests: N passed, N failed"
# from the result files tests/run_one.sh wrote. Every expected result is
# named on the command line: one that is missing (its program did not
# build) counts as a failure. Exit status is non-zero on any failure.
# Before the tally: the slowest tests by wall time (TALLY_SLOWEST of them,
# 15 unless told), the ones to look at first when the suite gets slow.
set -u
passed=0
failed=0
failed_names=""
times=$(mktemp "${TMPDIR:-/tmp}/dialtop-tally.XXXXXX")
trap 'rm -f "$times"' EXIT
for res in "$@"; do
    name=$(basename "$res" .res)
    if [ ! -f "$res" ]; then
        failed=$((failed + 1))
        failed_names="$failed_names $name"
        echo "FAIL $name (no result: it did not build or run)"
        continue
    fi
    read -r p f rc secs <"$res"
    echo "${secs:-0} $name $res" >>"$times"
    passed=$((passed + p))
    failed=$((failed + f))
    if [ "$rc" -ne 0 ] || [ "$f" -ne 0 ]; then
        failed_names="$failed_names $name"
        echo "FAIL $name (exit $rc)"
        tail -n +2 "$res" | tail -n 60 | sed 's/^/    /'
    else
        case "$name" in
        fuzz_*) echo "ok   $name ($(grep -o 'Done [0-9]* runs' "$res" | tail -n 1))" ;;
        test_*) if [ "$p" -gt 1 ]; then echo "ok   $name ($p)"; else echo "ok   $name"; fi ;;
        *) echo "ok   $name" ;;
        esac
    fi
done
n=${TALLY_SLOWEST:-15}
if [ "$n" -gt 0 ] && [ -s "$times" ]; then
    echo "slowest (wall seconds):"
    sort -k1,1 -gr "$times" | head -n "$n" | awk '{ printf "  %7.2f  %s\n", $1, $2 }'
    awk '{ s += $1 } END { printf "  %7.2f  all tests together\n", s }' "$times"
fi
# kept for the next run, which starts the longest tests first (Makefile)
if [ -n "${TALLY_TIMES:-}" ]; then
    awk '{ print $1, $3 }' "$times" >"$TALLY_TIMES.tmp" && mv "$TALLY_TIMES.tmp" "$TALLY_TIMES"
fi
[ -n "$failed_names" ] && echo "failed:$failed_names"
echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
