#!/bin/sh
# dialtop-sim list throughput: 10,000 campaigns in each dialect (--generate),
# wrk with 2 threads and 8 keep-alive connections for 10 s against the
# OmniDim list endpoint (first page of 50), then the Truedy and Sarvam
# lists for 5 s each. Target: at least 2,000 requests/s on 2 cores.
# Prints "sim_list_<dialect>: N requests/s".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
SIM=${DIALTOP_SIM_BIN:-$top/build/dialtop-sim}
DURATION=${BENCH_SECONDS:-10}
command -v wrk >/dev/null || { echo "bench_sim_list: wrk is not installed (make deps)"; exit 1; }
[ -x "$SIM" ] || { echo "bench_sim_list: $SIM not built (make)"; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/dialtop-bench.XXXXXX")
KEY=bench-key
# --truedy-quota 0: this measures the sim's own speed, not Truedy's 100/min
DIALTOP_SIM_API_KEY=$KEY "$SIM" --listen 127.0.0.1:0 --generate 10000 --seed 1 --truedy-quota 0 \
    >"$work/out" 2>"$work/err" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$work"' EXIT INT TERM

# wait for the first line (the port), up to 60 s
i=0
while ! grep -q '^listening on ' "$work/out" 2>/dev/null; do
    i=$((i + 1))
    if [ $i -gt 600 ] || ! kill -0 $pid 2>/dev/null; then
        echo "bench_sim_list: the sim did not start:"; cat "$work/err"; exit 1
    fi
    sleep 0.1
done
url=$(sed -n 's/^listening on //p' "$work/out" | head -n 1)

run() { # name duration path header
    rps=$(wrk -t2 -c8 -d"$2"s -H "$4" "$url$3" 2>&1 | sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p')
    echo "sim_list_$1: ${rps:-?} requests/s (10,000 campaigns, page of 50)"
}
run omnidim "$DURATION" "/api/v1/calls/bulk_call?pageno=1&pagesize=50" "Authorization: Bearer $KEY"
run truedy 5 "/api/public/v1/batch-calls?limit=50" "Authorization: Bearer $KEY"
run sarvam 5 "/api/scheduling/v1/orgs/o/workspaces/w/campaigns?limit=50" "X-API-Key: $KEY"
