#!/bin/sh
# dialtop-sim list throughput (issue 17): 10,000 campaigns in each dialect
# (--generate), wrk with 2 threads and 30 keep-alive connections against
# the first page of each dialect's campaign list (OmniDim 50, Truedy 50,
# Sarvam 50 records).
#
# Requests per second swing with the machine's load, so each figure is a
# ratio against GET /_sim/health, the sim's cheapest answer (same server,
# same lock, same connections), run in turn with the lists (interleaved:
# a burst of load hits them all alike), BENCH_RUNS rounds (5) of
# BENCH_SECONDS (3) each; the median and the minimum of the rounds are
# printed with the load.
#
# A second sim holds the same 10,000 campaigns plus one campaign of
# BENCH_BIG (1,000,000) contacts in each dialect, created last so it is on
# every first page, dialing (active, 100 at a time) while it is measured.
# Its list rate over the first sim's, in the same rounds, says whether the
# lists stay flat when one campaign is huge.
#
# Targets: at least 2,000 list requests/s for every dialect; flat (the big
# store's rate within noise of the plain one's).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/bench/lib.sh"
SIM=${DIALTOP_SIM_BIN:-$top/build/dialtop-sim}
SECONDS_EACH=${BENCH_SECONDS:-3}
RUNS=${BENCH_RUNS:-5}
BIG=${BENCH_BIG:-1000000}
# the reference; BENCH_REF=/_sim/stats measures a sim older than /_sim/health
REF=${BENCH_REF:-/_sim/health}
CONNS=30
command -v wrk >/dev/null || { echo "bench_sim_list: wrk is not installed (make deps)"; exit 1; }
command -v curl >/dev/null || { echo "bench_sim_list: curl is not installed"; exit 1; }
[ -x "$SIM" ] || { echo "bench_sim_list: $SIM not built (make)"; exit 1; }

BENCH_WORK=$(mktemp -d "${TMPDIR:-/tmp}/dialtop-bench.XXXXXX")
KEY=bench-key
pids=
trap 'for p in $pids; do kill $p 2>/dev/null; wait $p 2>/dev/null; done; rm -rf "$BENCH_WORK"' EXIT INT TERM

# start_sim NAME: a sim with 10,000 campaigns per dialect; sets NAME_url.
# --truedy-quota 0: this measures the sim's own speed, not Truedy's 100/min
start_sim()
{
    DIALTOP_SIM_API_KEY=$KEY "$SIM" --listen 127.0.0.1:0 --generate 10000 --seed 1 --truedy-quota 0 \
        >"$BENCH_WORK/$1.stdout" 2>"$BENCH_WORK/$1.stderr" &
    _pid=$!
    pids="$pids $_pid"
    _i=0
    while ! grep -q '^listening on ' "$BENCH_WORK/$1.stdout" 2>/dev/null; do
        _i=$((_i + 1))
        if [ $_i -gt 1200 ] || ! kill -0 $_pid 2>/dev/null; then
            echo "bench_sim_list: the sim did not start:"; cat "$BENCH_WORK/$1.stderr"; exit 1
        fi
        sleep 0.1
    done
    eval "$1_url=\$(sed -n 's/^listening on //p' \"\$BENCH_WORK/$1.stdout\" | head -n 1)"
}

start_sim plain
start_sim big
for p in omnidim truedy sarvam; do
    out=$(curl -sS -m 600 -H "Authorization: Bearer $KEY" \
        -d "{\"provider\":\"$p\",\"name\":\"big $p\",\"contacts\":$BIG,\"status\":\"active\",\"concurrency\":100}" \
        "$big_url/_sim/campaigns")
    case "$out" in *"\"contacts\":$BIG"*) ;; *) echo "bench_sim_list: the $p campaign of $BIG contacts was not made: $out"; exit 1 ;; esac
done

OMNI="/api/v1/calls/bulk_call?pageno=1&pagesize=50"
TRUEDY="/api/public/v1/batch-calls?limit=50"
SARVAM="/api/scheduling/v1/orgs/o/workspaces/w/campaigns?limit=50"

# measure LABEL URL HEADER: one wrk run, its requests/s appended to
# $BENCH_WORK/LABEL.runs; a run that got any error answer is refused.
measure()
{
    # a long timeout: a slow list must be measured, not counted as an error
    wrk -t2 -c$CONNS -d"${SECONDS_EACH}s" --timeout 30s -H "$3" "$2" >"$BENCH_WORK/wrk.out" 2>&1
    if grep -q 'Non-2xx\|Socket errors' "$BENCH_WORK/wrk.out"; then
        echo "bench_sim_list: $1 got errors:"; cat "$BENCH_WORK/wrk.out"; exit 1
    fi
    sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$BENCH_WORK/wrk.out" >>"$BENCH_WORK/$1.runs"
}

# ratio A B: appends A's last run over B's last run to A_over_B.runs
ratio()
{
    paste -d' ' "$BENCH_WORK/$1.runs" "$BENCH_WORK/$2.runs" | tail -n 1 |
        awk '{ printf "%.4f\n", ($2 > 0 ? $1 / $2 : 0) }' >>"$BENCH_WORK/$1_over_$2.runs"
}

bearer="Authorization: Bearer $KEY"
sarvam_key="X-API-Key: $KEY"
loads=
r=0
while [ $r -lt "$RUNS" ]; do
    r=$((r + 1))
    loads="$loads $(cut -d' ' -f1 /proc/loadavg)"
    for s in plain big; do
        eval "u=\$${s}_url"
        measure ${s}_health "$u$REF" "$bearer"
        measure ${s}_omnidim "$u$OMNI" "$bearer"
        measure ${s}_truedy "$u$TRUEDY" "$bearer"
        measure ${s}_sarvam "$u$SARVAM" "$sarvam_key"
        for d in omnidim truedy sarvam; do ratio ${s}_$d ${s}_health; done
    done
    for d in omnidim truedy sarvam; do ratio big_$d plain_$d; done
done

# "median (min)" of a .runs file, formatted with printf format $2
fig() { bench_stat "$1" 1 | awk -v f="$2" '{ printf f " (" f ")", $1, $2 }'; }

echo "sim_list: wrk -t2 -c$CONNS, ${SECONDS_EACH} s per run, $RUNS interleaved rounds, median (min);" \
    "$(bench_load), 1-minute loads at each round:$loads"
echo "  GET $REF (the reference): $(fig plain_health '%.0f') requests/s"
for d in omnidim truedy sarvam; do
    echo "  sim_list_$d: $(fig plain_$d '%.0f') requests/s at 10,000 campaigns," \
        "$(fig plain_${d}_over_plain_health '%.3f') of the reference's rate;" \
        "with a $BIG-contact campaign: $(fig big_$d '%.0f') requests/s," \
        "$(fig big_${d}_over_big_health '%.3f') of its reference's, $(fig big_${d}_over_plain_$d '%.2f') of the plain store's rate"
done
