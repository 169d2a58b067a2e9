#!/bin/sh
# Contact import benchmark: one generated file (1,000,000 rows, ~90 MB,
# messy phones, duplicates, bad rows) through `dialtop import --dry-run`
# and through the Python csv-module reference (ref_import.py) doing the
# same normalisation and dedupe, in the same run. Prints rows/s for each,
# the speedup (target >= 5x) and dialtop's peak RSS against the file size
# (target < 3x). Also checks both agree on rows read/accepted/rejected.
# Since issue 18 phones are validated by libphonenumber's metadata: a
# second reference, ref_import.py --exact (python3-phonenumbers), does the
# same exact validation, and agreement is checked against it; the speed
# target stays against the first (length-only) reference.
#
# env: BENCH_ROWS (default 1000000), BENCH_RUNS (best of, default 3),
#      BENCH_EXACT=0 skips the python3-phonenumbers reference,
#      DIALTOP_BIN (default build/dialtop)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
BIN=${DIALTOP_BIN:-$top/build/dialtop}
ROWS=${BENCH_ROWS:-1000000}
RUNS=${BENCH_RUNS:-3}
work=$(mktemp -d "${TMPDIR:-/tmp}/dialtop-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
file="$work/contacts.csv"

[ -x "$BIN" ] || { echo "bench_import: build dialtop first (make)"; exit 1; }
python3 "$top/bench/gen_contacts.py" "$file" "$ROWS" || exit 1
size=$(wc -c <"$file")

# time_cmd OUT CMD...: wall seconds and peak RSS (KB) into OUT as "s kb"
if [ -x /usr/bin/time ]; then
    time_cmd() {
        out=$1; shift
        /usr/bin/time -f "%e %M" -o "$out" "$@" >"$work/stdout" 2>"$work/stderr"
    }
else
    echo "bench_import: /usr/bin/time not found (apt-get install time)"; exit 1
fi

best() { # best wall time of $RUNS runs; keeps the max RSS seen
    label=$1; shift
    bt=""; bm=0
    i=0
    while [ "$i" -lt "$RUNS" ]; do
        time_cmd "$work/t" "$@"
        read -r t m <"$work/t"
        bt=$(awk -v a="$bt" -v b="$t" 'BEGIN { print (a == "" || b < a) ? b : a }')
        [ "$m" -gt "$bm" ] && bm=$m
        i=$((i + 1))
    done
    echo "$bt $bm" >"$work/$label"
}

# cat the file once so both start from a warm page cache
cat "$file" >/dev/null
best dialtop "$BIN" import "$file" --dry-run --json --allow-rejects
d_json=$(cat "$work/stdout")
best python python3 "$top/bench/ref_import.py" "$file"
p_out=$(cat "$work/stdout")
exact_py=""
for py in python3 /usr/bin/python3; do
    if $py -c 'import phonenumbers' 2>/dev/null; then exact_py=$py; break; fi
done
x_out=""
if [ -n "$exact_py" ] && [ "${BENCH_EXACT:-1}" = 1 ]; then
    runs=$RUNS
    RUNS=1 # about 80 s a run: once is enough for a 40x gap
    best exact "$exact_py" "$top/bench/ref_import.py" --exact "$file"
    RUNS=$runs
    x_out=$(cat "$work/stdout")
fi

read -r dt dm <"$work/dialtop"
read -r pt pm <"$work/python"
d_rows=$(printf '%s' "$d_json" | sed -n 's/.*"rows_read":\([0-9]*\).*/\1/p')
d_acc=$(printf '%s' "$d_json" | sed -n 's/.*"accepted":\([0-9]*\).*/\1/p')
d_rej=$(printf '%s' "$d_json" | sed -n 's/.*"rejected":\([0-9]*\).*/\1/p')
set -- $p_out
p_rows=$1 p_acc=$2 p_rej=$3

awk -v size="$size" -v rows="$d_rows" -v dt="$dt" -v pt="$pt" -v dm="$dm" -v pm="$pm" \
    -v da="$d_acc" -v dr="$d_rej" -v pr="$p_rows" -v pa="$p_acc" -v pj="$p_rej" 'BEGIN {
    printf "file        %d rows read, %.1f MB\n", rows, size / 1e6
    printf "dialtop     %.2f s  %9.0f rows/s  peak RSS %.1f MB (%.2fx file; target < 3x)\n",
           dt, rows / dt, dm / 1024, dm * 1024 / size
    printf "python csv  %.2f s  %9.0f rows/s  peak RSS %.1f MB\n", pt, pr / pt, pm / 1024
    printf "speedup     %.1fx (target >= 5x)\n", pt / dt
    printf "agreement   dialtop %d accepted / %d rejected, length-only python %d / %d: %s\n",
           da, dr, pa, pj, (da == pa && dr == pj && rows == pr) ? "same" : "DIFFERENT"
}'
if [ -n "$x_out" ]; then
    read -r xt xm <"$work/exact"
    set -- $x_out
    awk -v xt="$xt" -v dt="$dt" -v r="$1" -v a="$2" -v j="$3" -v da="$d_acc" -v dr="$d_rej" 'BEGIN {
        printf "python exact %.2f s %9.0f rows/s (python3-phonenumbers: the same validation; %.1fx)\n",
               xt, r / xt, xt / dt
        printf "exact agree dialtop %d accepted / %d rejected, python exact %d / %d: %s\n",
               da, dr, a, j, (da == a && dr == j) ? "same" : "DIFFERENT"
    }'
fi
