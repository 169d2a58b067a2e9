#!/bin/sh
# dialtop-sim --state under load: 50 clients (bench_sim_clients), each
# pausing and resuming its own OmniDimension campaign (1,000 contacts, the
# dialer running at speed 1) over a keep-alive connection for
# BENCH_SECONDS (default 10; the issue's figure is 300). Each run starts a
# fresh sim twice, interleaved: the reference without --state, then the
# same load with --state on a new database. Figures: acknowledged
# actions/s (every 200 is one change, committed before its reply with
# --state), as a ratio to the reference of the same run, median and min
# over BENCH_RUNS runs (default 3); and the sim's RSS growth from 2 s
# into the load (every client connected) to its end.
# Targets (issue 17): >= 500 actions/s with --state, RSS growth < 50 MB
# over 5 minutes.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/lib.sh"
SIM=${DIALTOP_SIM_BIN:-$top/${BUILD:-build}/dialtop-sim}
CLIENTS_BIN=$top/${BUILD:-build}/b/bench_sim_clients
SECONDS_EACH=${BENCH_SECONDS:-10}
RUNS=${BENCH_RUNS:-3}
CLIENTS=${BENCH_CLIENTS:-50}
[ -x "$SIM" ] || { echo "bench_sim_state: $SIM not built (make)"; exit 1; }
[ -x "$CLIENTS_BIN" ] || { echo "bench_sim_state: $CLIENTS_BIN not built (make bench)"; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/dialtop-bench.XXXXXX")
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$work"' EXIT INT TERM
KEY=bench-key

rss_kb() { sed -n 's/^VmRSS:[^0-9]*\([0-9]*\).*/\1/p' "/proc/$1/status" 2>/dev/null; }

# one_run LABEL [SIM ARGS...]: appends "actions_per_s rss_growth_mb peak_mb"
# to $work/LABEL.runs
one_run()
{
    label=$1; shift
    rm -f "$work/out" "$work/err"
    DIALTOP_SIM_API_KEY=$KEY "$SIM" --listen 127.0.0.1:0 --seed 1 "$@" >"$work/out" 2>"$work/err" &
    pid=$!
    i=0
    while ! grep -q '^listening on ' "$work/out" 2>/dev/null; do
        i=$((i + 1))
        if [ $i -gt 300 ] || ! kill -0 $pid 2>/dev/null; then
            echo "bench_sim_state: the sim did not start:"; cat "$work/err"; exit 1
        fi
        sleep 0.1
    done
    url=$(sed -n 's/^listening on //p' "$work/out" | head -n 1)
    "$CLIENTS_BIN" "$url" "$KEY" "$CLIENTS" "$SECONDS_EACH" >"$work/load" 2>&1 &
    load=$!
    # RSS once a second from the start of the load (the campaigns made);
    # the growth is counted from 2 s in (every client connected)
    while kill -0 $load 2>/dev/null && ! grep -q '^started' "$work/load"; do sleep 0.1; done
    : >"$work/rss"
    while kill -0 $load 2>/dev/null; do
        rss_kb $pid >>"$work/rss"
        sleep 1
    done
    wait $load || { echo "bench_sim_state: the load failed:"; cat "$work/load"; exit 1; }
    end_rss=$(rss_kb $pid)
    kill $pid; wait $pid 2>/dev/null; pid=
    read -r _ acked _ errors _ secs _ transport <<EOF
$(grep '^acked' "$work/load")
EOF
    [ "$errors" = 0 ] || echo "  ($label: $errors requests not acknowledged, $transport without an answer)"
    awk -v a="$acked" -v s="$secs" -v e="$end_rss" '
        NR == 3 { warm = $1 } { if ($1 > peak) peak = $1 }
        END { if (!warm) warm = e; if (e > peak) peak = e
              printf "%.1f %.2f %.1f\n", a / s, (e - warm) / 1024, peak / 1024 }' \
        "$work/rss" >>"$work/$label.runs"
}

# stat LABEL FIELD: "median min max"
stat()
{
    awk -v f="$2" '{ print $f }' "$work/$1.runs" | sort -g |
        awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
                                  print m, v[1], v[NR] }'
}

echo "bench_sim_state: $CLIENTS clients, $SECONDS_EACH s each, $RUNS interleaved runs; $(bench_load)"
r=1
while [ $r -le "$RUNS" ]; do
    one_run ref
    rm -f "$work/state.db" "$work/state.db-wal" "$work/state.db-shm"
    one_run state --state "$work/state.db"
    echo "  run $r: without --state $(sed -n "${r}p" "$work/ref.runs" | cut -d' ' -f1)/s," \
         "with --state $(sed -n "${r}p" "$work/state.runs" | cut -d' ' -f1)/s," \
         "RSS growth $(sed -n "${r}p" "$work/state.runs" | cut -d' ' -f2) MB; $(bench_load)"
    r=$((r + 1))
done
set -- $(stat state 1) $(stat ref 1)
ratios=$(paste "$work/state.runs" "$work/ref.runs" | awk '{ print $1 / $4 }' | sort -g |
    awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
                              printf "%.2f %.2f", m, v[1] }')
echo "sim_state_actions: median $1/s min $2/s with --state ($CLIENTS clients, acknowledged);" \
     "without: median $4/s; ratio median ${ratios% *} min ${ratios#* } (target >= 500/s)"
set -- $(stat state 2) $(stat state 3)
echo "sim_state_rss_growth: median $1 MB max $3 MB over $SECONDS_EACH s (peak RSS max $6 MB;" \
     "target < 50 MB over 300 s); $(bench_load)"
