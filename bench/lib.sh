# Shared by the bench/bench_*.sh scripts (sourced, POSIX sh).
#
# Absolute times on these shared 2-core machines swing with the load, so a
# figure is a ratio against a reference measured in the same run: the
# commands are run in turn (interleaved, so a burst of load hits them all
# alike), several times, and the median and the minimum of each are
# compared. CPU time (user + system) is the measure: it counts what the
# program did, not how long it waited for a core; wall time is printed
# beside it. The load average is printed with every figure.

# bench_rusage (bench/bench_rusage.c) measures each run.
BENCH_RUSAGE=${BENCH_RUSAGE:-$(cd "$(dirname "$0")/.." && pwd)/${BUILD:-build}/b/bench_rusage}

bench_need_time()
{
    [ -x "$BENCH_RUSAGE" ] && return 0
    echo "bench: $BENCH_RUSAGE is not built (make bench)"
    exit 1
}

# The 1-minute load average and the number of cores, "load 7.82 on 2 cores".
bench_load()
{
    printf 'load %s on %s cores' "$(cut -d' ' -f1 /proc/loadavg)" "$(nproc 2>/dev/null || echo '?')"
}

# bench_measure LABEL CMD...: runs CMD once (stdout into $BENCH_WORK/LABEL.out,
# stderr into $BENCH_WORK/LABEL.err) and appends "cpu wall rss_kb" to
# $BENCH_WORK/LABEL.runs. Returns CMD's exit status.
bench_measure()
{
    _label=$1; shift
    "$BENCH_RUSAGE" "$BENCH_WORK/$_label.runs" "$@" \
        >"$BENCH_WORK/$_label.out" 2>"$BENCH_WORK/$_label.err"
}

# bench_stat LABEL FIELD: "median min max" of column FIELD (1 cpu, 2 wall,
# 3 rss_kb) over LABEL's runs.
bench_stat()
{
    awk -v f="$2" '{ print $f }' "$BENCH_WORK/$1.runs" | sort -g |
        awk '{ v[NR] = $1 } END {
            if (NR == 0) { print "0 0 0"; exit }
            m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
            print m, v[1], v[NR]
        }'
}

# bench_ratio A B: "median_ratio min_ratio" of CPU time A / B (how many
# times A's cost B is). A zero denominator prints "inf".
bench_ratio()
{
    set -- "$(bench_stat "$1" 1)" "$(bench_stat "$2" 1)"
    echo "$1 $2" | awk '{
        printf "%s %s\n", ($4 > 0 ? sprintf("%.2f", $1 / $4) : "inf"),
                          ($5 > 0 ? sprintf("%.2f", $2 / $5) : "inf")
    }'
}

# bench_line LABEL: one line of LABEL's CPU, wall and peak RSS figures.
bench_line()
{
    set -- "$1" "$(bench_stat "$1" 1)" "$(bench_stat "$1" 2)" "$(bench_stat "$1" 3)"
    echo "$2 $3 $4" | awk -v l="$1" -v n="$(wc -l <"$BENCH_WORK/$1.runs")" '{
        printf "  %-14s cpu median %7.4f s min %7.4f s | wall median %7.3f s | peak RSS %7.1f MB (%d runs)\n",
               l, $1, $2, $4, $9 / 1024, n
    }'
}
